"""Stage 3: put the graph in order, parents before children."""

# --8<-- [start:order]
from autograd_illustrated.engine import Value, topological_order

a = Value(2.0, label="a")
b = Value(-3.0, label="b")
c = a * b
c.label = "c"
d = c + a
d.label = "d"
y = d.tanh()
y.label = "y"

print([v.label for v in topological_order(y)])
# --8<-- [end:order]
