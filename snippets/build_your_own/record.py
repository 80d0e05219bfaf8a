"""Stage 1: a Value that remembers where it came from."""

# --8<-- [start:record]
from autograd_illustrated.engine import Value

a = Value(2.0, label="a")
b = Value(-3.0, label="b")
c = a * b
d = c + a

print(d)
print(d.op, d.parents)
print(c.op, c.parents)
print(a.parents)
# --8<-- [end:record]

# --8<-- [start:local]
print("d(d)/dc, d(d)/da =", d.local_grads)
print("d(c)/da, d(c)/db =", c.local_grads)
# --8<-- [end:local]
