"""mean((x + 2)^2): the value 9.0, the gradient 1.5, and what 7/4 = 1.75 really measures."""

import torch

torch.manual_seed(0)

# --8<-- [start:build]
x = torch.ones((2, 2), requires_grad=True)
y = x + 2
print("y.grad_fn:", y.grad_fn)
z = y * y
print("z.grad_fn:", z.grad_fn)
out = z.mean()
print("out.grad_fn:", out.grad_fn)
print("value:", out.item())
# --8<-- [end:build]

# --8<-- [start:backward]
out.backward()
print(x.grad)
# --8<-- [end:backward]


# --8<-- [start:steps]
def f(t):
    return ((t + 2) ** 2).mean()


base = torch.ones(2, 2, dtype=torch.float64)  # float64: tiny steps stay readable
one = torch.zeros(2, 2, dtype=torch.float64)
one[0, 0] = 1.0  # nudge only x[0, 0]
every = torch.ones(2, 2, dtype=torch.float64)  # nudge all four elements
h = 1e-3

all_by_one = f(base + every) - f(base)
one_by_one = f(base + one) - f(base)
one_by_h = f(base + h * one) - f(base)
all_by_h = f(base + h * every) - f(base)

print(f"all four by 1:    change {all_by_one.item():.4f}")
print(f"one element by 1: change {one_by_one.item():.4f}")
print(f"one element by h: change {one_by_h.item() / h:.4f} * h")
print(f"all four by h:    change {all_by_h.item() / h:.4f} * h")
# --8<-- [end:steps]

# --8<-- [start:shrinking]
for step in (1.0, 0.1, 0.01, 0.001):
    slope = (f(base + step * one) - f(base)).item() / step
    print(f"step {step:<6} change / step = {slope:.4f}")
# --8<-- [end:shrinking]

# --8<-- [start:curvature]
# mean((3 + s)²) - 9 = 6s + s² when all four move by s: a straight-line part and a bend.
s = 1.0
linear_part = 4 * 1.5 * s  # four elements, each with slope 1.5
curvature_part = s**2
print(linear_part, curvature_part, linear_part + curvature_part)
# --8<-- [end:curvature]

# --8<-- [start:sum-instead]
# Same x, same squares, but summed instead of averaged: every gradient is four times larger.
x_sum = torch.ones((2, 2), requires_grad=True)
((x_sum + 2) ** 2).sum().backward()
print(x_sum.grad)
# --8<-- [end:sum-instead]
