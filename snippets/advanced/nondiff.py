"""What PyTorch uses as the derivative where a function has none: relu, abs, sqrt, clamp at 0."""

import torch

torch.manual_seed(0)


# --8<-- [start:at-zero]
def slope_at(f, point):
    x = torch.tensor(point, requires_grad=True)
    f(x).backward()
    return x.grad.item()


for name, f in {
    "relu": torch.relu,
    "abs": torch.abs,
    "sqrt": torch.sqrt,
    "clamp(min=0)": lambda x: x.clamp(min=0.0),
    "clamp(max=0)": lambda x: x.clamp(max=0.0),
    "sign": torch.sign,
}.items():
    print(f"{name:13} slope at 0: {slope_at(f, 0.0)}")
# --8<-- [end:at-zero]

# --8<-- [start:either-side]
print("   x     relu   abs  clamp(min=0)")
for point in (-0.001, 0.0, 0.001):
    slopes = [slope_at(f, point) for f in (torch.relu, torch.abs, lambda x: x.clamp(min=0.0))]
    print(f"{point:6}" + "".join(f"{s:6}" for s in slopes))
# --8<-- [end:either-side]

# --8<-- [start:ties]
a = torch.tensor(1.0, requires_grad=True)
b = torch.tensor(1.0, requires_grad=True)
torch.maximum(a, b).backward()  # a tie: which input is "the maximum"?
print(a.grad, b.grad)
# --8<-- [end:ties]

# --8<-- [start:same-function]
x = torch.tensor(0.0, requires_grad=True)
y1 = torch.relu(x)
y2 = x.clamp(min=0.0)
y3 = torch.maximum(x, torch.tensor(0.0))
print(y1.item() == y2.item() == y3.item())
grads = [torch.autograd.grad(y, x)[0].item() for y in (y1, y2, y3)]
print(grads)
# --8<-- [end:same-function]
