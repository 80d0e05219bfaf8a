"""requires_grad spreads from inputs to results; an operation right after creation hides the leaf."""

import torch

torch.manual_seed(0)

# --8<-- [start:propagation]
a = torch.ones(2, requires_grad=True)
b = torch.ones(2)
print((a + b).requires_grad)  # one tracked input is enough
print((b * 2).requires_grad)  # no tracked input, nothing to record
print((a + b).is_leaf, (b * 2).is_leaf)
# --8<-- [end:propagation]

# --8<-- [start:double]
r = torch.randn(2, requires_grad=True).double()
print(r.is_leaf, r.grad_fn)
r.sum().backward()
print(r.grad)
# --8<-- [end:double]

# --8<-- [start:double-fixed]
r = torch.randn(2, dtype=torch.float64, requires_grad=True)  # created as float64
s = torch.randn(2).double().requires_grad_()  # or: convert first, then ask for tracking
print(r.is_leaf, s.is_leaf)
(r + s).sum().backward()
print(r.grad, s.grad)
# --8<-- [end:double-fixed]

# --8<-- [start:non-leaf-flag]
(a * 2).requires_grad_(False)  # raises: RuntimeError
# --8<-- [end:non-leaf-flag]
