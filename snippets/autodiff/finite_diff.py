"""Numeric differentiation: (f(x + h) - f(x)) / h, and why no step size h is safe."""

# --8<-- [start:table]
import numpy as np
import torch

torch.manual_seed(0)


def f(x):
    return x * x * x  # f(x) = x^3, so f'(x) = 3x^2 exactly


def forward_difference(x, h):
    return (f(x + h) - f(x)) / h


exact = 3 * 1.5**2  # f'(1.5) = 6.75
print(f"{'h':>7} | {'error, float32':>14} | {'error, float64':>14}")
rows = []
for k in range(1, 13):
    errors = []
    for dtype in (np.float32, np.float64):
        x, h = dtype(1.5), dtype(10.0**-k)
        errors.append(abs(float(forward_difference(x, h)) - exact))
    rows.append((k, *errors))
    print(f"{10.0**-k:>7.0e} | {errors[0]:>14.2e} | {errors[1]:>14.2e}")
# --8<-- [end:table]

# The page quotes the best step size for each precision.
best32 = min(rows, key=lambda row: row[1])
best64 = min(rows, key=lambda row: row[2])

# --8<-- [start:why]
x, h = np.float32(1.5), np.float32(1e-8)
print(x + h == x)  # h is lost: float32 cannot tell 1.5 + 1e-8 from 1.5
# --8<-- [end:why]

# --8<-- [start:autograd]
for dtype in (torch.float32, torch.float64):
    x = torch.tensor(1.5, dtype=dtype, requires_grad=True)
    f(x).backward()
    print(dtype, x.grad.item(), "error:", abs(x.grad.item() - exact))
# --8<-- [end:autograd]
