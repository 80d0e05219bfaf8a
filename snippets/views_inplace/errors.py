"""In-place on a leaf that requires grad, and on a tensor saved for backward."""

import torch

torch.manual_seed(0)

# --8<-- [start:leaf]
w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
w.add_(1)  # raises: RuntimeError
w[0] = 0.0  # raises: RuntimeError
# --8<-- [end:leaf]

# --8<-- [start:leaf-fixed]
with torch.no_grad():  # an update autograd should not record, as optimizers do
    w.add_(1)
    w[0] = 0.0
print(w, w.is_leaf, w._version)
# --8<-- [end:leaf-fixed]

# --8<-- [start:saved]
a = torch.tensor([0.0, 1.0], requires_grad=True)
e = a.exp()  # exp's backward reuses its own output: d/da e^a = e^a
e.add_(1)  # version 0 -> 1
e.sum().backward()  # raises: RuntimeError
# --8<-- [end:saved]

# --8<-- [start:not-saved]
a.grad = None
s = a * 3  # multiplying by a number saves nothing that s could spoil
s.add_(1)
s.sum().backward()
print(a.grad)
# --8<-- [end:not-saved]
