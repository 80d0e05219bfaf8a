"""A worked estimate of what a small MLP saves for backward, checked against a measurement."""

import torch
from torch import nn
from torch.autograd.graph import saved_tensors_hooks

torch.manual_seed(0)

# --8<-- [start:model]
batch = 16
model = nn.Sequential(
    nn.Linear(20, 50), nn.ReLU(),
    nn.Linear(50, 50), nn.ReLU(),
    nn.Linear(50, 10),
)
x = torch.randn(batch, 20)
target = torch.randint(0, 10, (batch,))
# --8<-- [end:model]

# --8<-- [start:estimate]
floats = batch * (20 + 50 + 50 + 10)  # x, two ReLU outputs, log_softmax's output
estimate = 4 * floats + 8 * batch + 4  # float32; int64 targets; one float32 scalar
print(floats, estimate)
# --8<-- [end:estimate]

# --8<-- [start:measure]
params = {p.untyped_storage().data_ptr() for p in model.parameters()}
storages = {}


def pack(tensor):
    storage = tensor.untyped_storage()
    if storage.data_ptr() in params:
        kind = "parameter"  # exists anyway: costs no extra memory
    elif storage.data_ptr() in storages:
        kind = "again"  # a second reference to memory already counted
    else:
        kind = "new"
    print(f"{str(list(tensor.shape)):9} {str(tensor.dtype):14} {tensor.nbytes:6d} bytes  {kind}")
    if kind == "new":
        storages[storage.data_ptr()] = storage.nbytes()
    return tensor


with saved_tensors_hooks(pack, lambda tensor: tensor):
    loss = nn.functional.cross_entropy(model(x), target)
measured = sum(storages.values())
print(f"measured {measured} bytes, estimate {estimate} bytes, equal: {measured == estimate}")
# --8<-- [end:measure]
