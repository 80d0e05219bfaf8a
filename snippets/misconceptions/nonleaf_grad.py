"""Only leaves keep .grad after backward(); an intermediate keeps it only if you ask."""

import torch

torch.manual_seed(0)

# --8<-- [start:none]
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 3  # not a leaf
z = (y**2).sum()
z.backward()
print(y.grad)
# --8<-- [end:none]

# --8<-- [start:retain]
y = x * 3
y.retain_grad()  # keep the gradient that passes through y
z = (y**2).sum()
z.backward()
print(y.grad)  # dz/dy = 2y
# --8<-- [end:retain]
