"""`Tensor.to` hands back a tensor; `Module.to` changes the module it was called on."""

import torch

torch.manual_seed(0)

# --8<-- [start:tensor-to]
x = torch.tensor([1.0, 2.0, 3.0])
print(x.dtype, x.device)

y = x.to(torch.float64)
print(y.dtype, x.dtype)  # x itself is unchanged
print(y is x, y.data_ptr() == x.data_ptr())

same = x.to(torch.float32)  # nothing to convert: you get x itself back
print(same is x)
# --8<-- [end:tensor-to]

# --8<-- [start:module-to]
torch.manual_seed(0)
model = torch.nn.Linear(3, 1)
weight_before = model.weight

returned = model.to(torch.float64)
print(returned is model)  # the very same module object
print(model.weight.dtype)  # its parameters were converted in place
print(model.weight is weight_before)  # even the Parameter object is the same one
# --8<-- [end:module-to]

# --8<-- [start:pitfall]
x.to(torch.float64)  # result thrown away: x is still float32
print(x.dtype)
x = x.to(torch.float64)  # keep the result
print(x.dtype)
# --8<-- [end:pitfall]

# --8<-- [start:device]
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
print(device)
x = x.to(device)  # a tensor: keep the returned one
model.to(device)  # a module: moved where it stands
print(x.device, model.weight.device)
# --8<-- [end:device]
