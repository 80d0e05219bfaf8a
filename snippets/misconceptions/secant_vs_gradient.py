"""Why the gradient is 1.5 and not 1.75: a derivative is a slope for a vanishingly small step."""

import torch

torch.manual_seed(0)

# --8<-- [start:gradient]
x = torch.ones(2, 2, requires_grad=True)
y = x + 2
z = (y * y).mean()
z.backward()
print(z.item(), x.grad)
# --8<-- [end:gradient]


# --8<-- [start:steps]
def z_of(x):
    return ((x + 2) * (x + 2)).mean()


base = torch.ones(2, 2, dtype=torch.float64)  # float64 keeps tiny steps exact
for step in (1.0, 0.1, 0.01, 0.001):
    nudged = base.clone()
    nudged[0, 0] += step  # move one element only
    slope = (z_of(nudged) - z_of(base)) / step
    print(f"step {step:<5}  slope {slope.item():.5f}")
# --8<-- [end:steps]

# --8<-- [start:all-four]
change = z_of(base + 1) - z_of(base)  # move all four elements by 1
print(change.item())
print(x.grad.sum().item())  # the part the gradient predicts: 4 x 1.5
# --8<-- [end:all-four]
