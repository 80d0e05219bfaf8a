"""The live cells of the "Try it here" page: the engine's Value on a beginner's examples.

Each section is one cell. The page runs them in this order in the reader's browser, in
one interpreter, so a later cell may use what an earlier one made (like `x` below).
"""

# --8<-- [start:line]
from autograd_illustrated.engine import Value
from autograd_illustrated.graphs.engine import draw


def f(x):
    return 2 * x + 3


x = Value(3.0, label="x")
y = f(x)
y.label = "y"
y.backward()
print("y     =", y.data)
print("dy/dx =", x.grad)
draw(y, "line")
# --8<-- [end:line]

# --8<-- [start:nudge]
h = 0.001
y2 = f(Value(x.data + h))
print("x moves by", h)
print("y moves by", round(y2.data - y.data, 6))
print("ratio     ", round((y2.data - y.data) / h, 6))
# --8<-- [end:nudge]

# --8<-- [start:knobs]
w = Value(2.0, label="w")
b = Value(3.0, label="b")
x = Value(4.0, label="x")
y = w * x + b
y.label = "y"
y.backward()
print("y     =", y.data)
print("dy/dw =", w.grad)
print("dy/db =", b.grad)
draw(y, "knobs")
# --8<-- [end:knobs]

# --8<-- [start:paths]
x = Value(3.0, label="x")
y = x * x + 2 * x
y.label = "y"
y.backward()
print("y     =", y.data)
print("dy/dx =", x.grad)
draw(y, "paths")
# --8<-- [end:paths]
