"""Forward mode: carry a derivative along with every value (dual numbers)."""

# --8<-- [start:dual]
import torch
import torch.autograd.forward_ad as fwAD
from torch.func import jvp, vjp

torch.manual_seed(0)

x = torch.tensor(3.0)
with fwAD.dual_level():
    dual_x = fwAD.make_dual(x, torch.tensor(1.0))  # value 3, tangent dx = 1
    dual_y = dual_x**3
    y, dy = fwAD.unpack_dual(dual_y)
print(y, dy)  # 27, and 3x² · 1 = 27
# --8<-- [end:dual]

# --8<-- [start:steps]
with fwAD.dual_level():
    dx = fwAD.make_dual(x, torch.tensor(1.0))
    square = dx * dx
    cube = square * dx
    wave = torch.sin(cube)
    for name, t in [("x*x", square), ("x*x*x", cube), ("sin(x*x*x)", wave)]:
        value, tangent = fwAD.unpack_dual(t)
        print(f"{name:11} value {value.item():8.4f}   tangent {tangent.item():8.4f}")
# --8<-- [end:steps]


# --8<-- [start:jvp]
def f(x):
    return torch.stack([x[0] * x[1], x[0].sin(), x[1] ** 2])  # 2 inputs, 3 outputs


point = torch.tensor([1.0, 2.0])
direction = torch.tensor([1.0, 0.0])
value, column = jvp(f, (point,), (direction,))  # J @ v: one column of the Jacobian
print(value)
print(column)
# --8<-- [end:jvp]

# --8<-- [start:vjp]
value, pullback = vjp(f, point)
(row,) = pullback(torch.tensor([1.0, 0.0, 0.0]))  # u @ J: one row of the Jacobian
print(row)
print(torch.autograd.functional.jacobian(f, point))
# --8<-- [end:vjp]
