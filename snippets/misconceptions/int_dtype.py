"""Only floating-point (and complex) tensors can require gradients."""

import torch

torch.manual_seed(0)

# --8<-- [start:int]
counts = torch.tensor([1, 2, 3])
print(counts.dtype)
torch.tensor([1, 2, 3], requires_grad=True)  # raises: RuntimeError
# --8<-- [end:int]

# --8<-- [start:float]
values = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)  # 1.0, not 1
print(values.dtype, values.requires_grad)
print(counts.float().requires_grad_().requires_grad)
# --8<-- [end:float]
