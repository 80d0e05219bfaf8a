"""In-place operations can destroy values the backward pass needs, and PyTorch checks for it."""

import torch

torch.manual_seed(0)

# --8<-- [start:saved]
x = torch.tensor([0.0, 1.0, 2.0], requires_grad=True)
s = x.sigmoid()  # the backward of sigmoid reuses its output s
s.mul_(2)  # overwrite s in place
s.sum().backward()  # raises: RuntimeError
# --8<-- [end:saved]

# --8<-- [start:leaf]
w = torch.tensor([1.0, 2.0], requires_grad=True)
w.add_(1)  # raises: RuntimeError
with torch.no_grad():
    w.add_(1)  # allowed: this is how optimizers update weights
print(w)
# --8<-- [end:leaf]

# --8<-- [start:out-of-place]
s = x.sigmoid()
doubled = s * 2  # a new tensor: s stays intact
doubled.sum().backward()
print(x.grad)
# --8<-- [end:out-of-place]
