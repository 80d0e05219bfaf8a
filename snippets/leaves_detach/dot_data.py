"""The same in-place edit through .detach() and through .data: one fails loudly, one lies."""

import torch

torch.manual_seed(0)

# --8<-- [start:with-detach]
a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = a.exp()  # d exp(a)/da = exp(a): the backward pass reuses y itself
y.detach()[0] = 100.0
y.sum().backward()  # raises: RuntimeError
# --8<-- [end:with-detach]

# --8<-- [start:with-data]
a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = a.exp()
y.data[0] = 100.0  # .data edits the same memory but hides the edit from autograd
print(y._version)
y.sum().backward()  # no error...
print(a.grad)  # ...and a wrong first element
print(torch.exp(a.detach()))  # the true gradient
# --8<-- [end:with-data]
