"""The live cells of "Build your own autograd": the chapter's engine, for the reader to change.

Each section is one cell, run in the reader's browser in this order, in one interpreter.
"""

# --8<-- [start:yours]
from autograd_illustrated.engine import Value
from autograd_illustrated.graphs.engine import draw


def f(a, b):
    return (a * b + a).tanh()


a = Value(0.5, label="a")
b = Value(-2.0, label="b")
y = f(a, b)
y.label = "y"
y.backward()
print(f"y     = {y.data:.6f}")
print(f"dy/da = {a.grad:.6f}")
print(f"dy/db = {b.grad:.6f}")
draw(y, "yours", show_steps=True)
# --8<-- [end:yours]

# --8<-- [start:check]
h = 1e-6


def nudge(leaf):
    """Measure dy/d(leaf): move leaf by h either way, and recompute y."""
    saved = leaf.data
    leaf.data = saved + h
    up = f(a, b).data
    leaf.data = saved - h
    down = f(a, b).data
    leaf.data = saved
    return (up - down) / (2 * h)


print(f"nudge: dy/da = {nudge(a):.6f}")
print(f"nudge: dy/db = {nudge(b):.6f}")
# --8<-- [end:check]
