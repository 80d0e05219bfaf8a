"""Stage 2: every operation's local derivative, checked by nudging the input."""

from autograd_illustrated.engine import Value


# --8<-- [start:nudge]
def nudge_slope(f, x, h=1e-6):
    """How much f moves per unit of x, measured: (f(x + h) - f(x - h)) / 2h."""
    return (f(Value(x + h)).data - f(Value(x - h)).data) / (2 * h)


rules = {
    "x ** 3": lambda v: v**3,
    "x.exp()": lambda v: v.exp(),
    "x.tanh()": lambda v: v.tanh(),
    "x.relu()": lambda v: v.relu(),
}
x = 0.7
for name, f in rules.items():
    rule = f(Value(x)).local_grads[0]  # what the engine will use
    print(f"{name:9} rule: {rule:.6f}   nudge: {nudge_slope(f, x):.6f}")
# --8<-- [end:nudge]

# --8<-- [start:derived]
y = Value(5.0, label="x") - 2
print(y.op, y.parents)
minus_two = y.parents[1]
print(minus_two.op, minus_two.parents)
# --8<-- [end:derived]

# --8<-- [start:relu-zero]
print(Value(0.0).relu().local_grads)
# --8<-- [end:relu-zero]

# --8<-- [start:variable-exponent]
Value(2.0) ** Value(3.0)  # raises: TypeError
# --8<-- [end:variable-exponent]
