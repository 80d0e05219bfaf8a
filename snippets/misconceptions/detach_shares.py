"""`detach()` returns a new tensor that shares the original's storage: nothing is copied."""

import torch

torch.manual_seed(0)

# --8<-- [start:shares]
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
d = x.detach()

print(d.data_ptr() == x.data_ptr())  # same memory
print(d.requires_grad, d.grad_fn)  # but outside the graph

d[0] = 100.0  # writing through the detached view...
print(x)  # ...changes x as well
# --8<-- [end:shares]

# --8<-- [start:breaks-backward]
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
s = x.sigmoid()  # SigmoidBackward0 saves its output s for the backward pass
s.detach().zero_()  # "only a copy", or so the myth says
s.sum().backward()  # raises: RuntimeError
# --8<-- [end:breaks-backward]

# --8<-- [start:real-copy]
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
c = x.detach().clone()  # clone() is what copies
c[0] = 100.0
print(c.data_ptr() == x.data_ptr(), x)
# --8<-- [end:real-copy]
