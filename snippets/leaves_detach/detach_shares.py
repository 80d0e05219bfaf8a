"""detach() returns a view of the same storage, with the same version counter: not a copy."""

import torch

torch.manual_seed(0)

# --8<-- [start:shares]
a = torch.tensor([0.0, 1.0, 2.0], requires_grad=True)
y = a.sigmoid()  # sigmoid keeps its output y for the backward pass
y_detached = y.detach()

print(y_detached.data_ptr() == y.data_ptr())  # same memory
print(y._version, y_detached._version)
y_detached.zero_()  # an in-place edit through the detached tensor...
print(y)  # ...changes y as well
print(y._version, y_detached._version)  # one shared counter
# --8<-- [end:shares]

# --8<-- [start:inplace-error]
y.sum().backward()  # raises: RuntimeError
# --8<-- [end:inplace-error]

# --8<-- [start:clone]
y = a.sigmoid()
y_copy = y.detach().clone()  # new memory, no history
y_copy.zero_()
print(y_copy.data_ptr() == y.data_ptr(), y._version)
y.sum().backward()
print(a.grad)
# --8<-- [end:clone]
