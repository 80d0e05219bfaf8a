"""NumPy and PyTorch can share one block of memory; `.numpy()` refuses tensors in a graph."""

# --8<-- [start:from-numpy]
import numpy as np
import torch

torch.manual_seed(0)

array = np.array([1.0, 2.0, 3.0])
shared = torch.from_numpy(array)  # no copy: both look at the same bytes
copied = torch.tensor(array)  # a copy with its own memory

array[0] = 100.0  # change the NumPy array only
print(shared)
print(copied)
print(shared.data_ptr() == array.__array_interface__["data"][0])
# --8<-- [end:from-numpy]

# --8<-- [start:to-numpy]
t = torch.zeros(3)
view = t.numpy()  # again no copy
t.add_(5)  # change the tensor in place
print(view)
print(np.shares_memory(view, t.numpy()))
# --8<-- [end:to-numpy]

# --8<-- [start:requires-grad]
w = torch.tensor([1.0, 2.0], requires_grad=True)
w.numpy()  # raises: RuntimeError
print(w.detach().numpy())
# --8<-- [end:requires-grad]
