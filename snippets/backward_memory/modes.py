"""Other ways to keep less for backward: save_on_cpu, frozen layers, no_grad and inference_mode."""

# --8<-- [start:save-on-cpu]
import torch
from torch import nn
from torch.autograd.graph import save_on_cpu, saved_tensors_hooks

torch.manual_seed(0)


class logged_save_on_cpu(saved_tensors_hooks):
    """save_on_cpu's two hooks (without pinned memory), with a log line in each."""

    def __init__(self):
        def pack(tensor):
            print(f"  pack   {list(tensor.shape)} from {tensor.device}")
            return tensor.device, tensor.cpu()

        def unpack(packed):
            device, tensor = packed
            print(f"  unpack {list(tensor.shape)} back to {device}")
            return tensor.to(device)

        super().__init__(pack, unpack)


print(issubclass(save_on_cpu, saved_tensors_hooks))
a = torch.randn(3, 2, requires_grad=True)
with logged_save_on_cpu():
    y = (a * a).sum()
print("forward done")
y.backward()
print(torch.equal(a.grad, 2 * a))
# --8<-- [end:save-on-cpu]


# The measurement of checkpointing.py, again, so that this file runs on its own.
def activation_bytes(run, params):
    """Bytes saved for backward while `run()` executes, parameters excluded, once per storage."""
    skip = {p.untyped_storage().data_ptr() for p in params}
    storages = {}

    def pack(tensor):
        storage = tensor.untyped_storage()
        if storage.data_ptr() not in skip:
            storages[storage.data_ptr()] = storage.nbytes()
        return tensor

    with saved_tensors_hooks(pack, lambda tensor: tensor):
        out = run()
    return out, sum(storages.values())


# --8<-- [start:freeze]
model = nn.Sequential(
    nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(),
    nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(),
)
x = torch.randn(32, 64)


def freeze(first, last):
    for i, layer in enumerate(model):
        for p in layer.parameters():
            p.requires_grad_(not first <= i < last)


frozen_bytes = {}
for label, first, last in [
    ("nothing frozen", 0, 0),
    ("first 2 Linear frozen", 0, 3),
    ("first 3 Linear frozen", 0, 5),
    ("last 2 Linear frozen", 4, 8),
]:
    freeze(first, last)
    out, saved = activation_bytes(lambda: model(x), model.parameters())
    frozen_bytes[label] = saved
    print(f"{label:22} {saved:6d} bytes")
freeze(0, 0)
# --8<-- [end:freeze]

# --8<-- [start:eval]
for mode in (torch.enable_grad, torch.no_grad, torch.inference_mode):
    with mode():
        out, saved = activation_bytes(lambda: model(x), model.parameters())
    print(f"{mode.__name__:15} saved {saved:6d} bytes, out.requires_grad={out.requires_grad}")
# --8<-- [end:eval]

# --8<-- [start:inference-error]
with torch.inference_mode():
    features = model(x)
head = nn.Linear(64, 1)
head(features).sum().backward()  # raises: RuntimeError
# --8<-- [end:inference-error]

# --8<-- [start:inference-fix]
head(features.clone()).sum().backward()
print(head.weight.grad.shape)
# --8<-- [end:inference-fix]
