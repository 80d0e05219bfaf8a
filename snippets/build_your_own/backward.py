"""Stage 4: backward(), and the graph it leaves behind."""

from autograd_illustrated.engine import Value, topological_order
from autograd_illustrated.graphs import save_annotated

# --8<-- [start:expression]
a = Value(0.5, label="a")
b = Value(-2.0, label="b")
y = (a * b + a).tanh()
y.label = "y"
# --8<-- [end:expression]

# --8<-- [start:backward]
y.backward()
print(f"y = {y.data:.6f}")
print(f"dy/da = {a.grad:.6f}")
print(f"dy/db = {b.grad:.6f}")
# --8<-- [end:backward]

# --8<-- [start:by-hand]
# The same numbers by the chain rule, written out: y = tanh(a*b + a).
slope = 1 - y.data**2  # tanh'(s) at s = a*b + a
print(f"by hand: dy/da = {slope * (b.data + 1):.6f}, dy/db = {slope * a.data:.6f}")
# --8<-- [end:by-hand]

# --8<-- [start:draw]
from autograd_illustrated.graphs.engine import value_graph  # noqa: E402 - shown where the reader first needs it

graph = value_graph(y, show_steps=True)
# --8<-- [end:draw]
save_annotated(graph, "ours")  # ours-zh.svg and ours-en.svg

# --8<-- [start:visit-order]
print([v.op or v.label for v in reversed(topological_order(y))])
# --8<-- [end:visit-order]
