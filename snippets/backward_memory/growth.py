"""Activation memory grows with batch size and with depth: measured, then plotted."""

# --8<-- [start:measure]
import torch
from torch import nn
from torch.autograd.graph import saved_tensors_hooks

torch.manual_seed(0)


def activation_bytes(model, inputs):
    """Bytes autograd keeps for backward, not counting the parameters (they exist anyway).

    Two saved tensors can share one block of memory (ReLU's output is also the next
    Linear's input), so memory is counted once per storage.
    """
    params = {p.untyped_storage().data_ptr() for p in model.parameters()}
    storages = {}

    def pack(tensor):
        storage = tensor.untyped_storage()
        if storage.data_ptr() not in params:
            storages[storage.data_ptr()] = storage.nbytes()
        return tensor

    with saved_tensors_hooks(pack, lambda tensor: tensor):
        model(inputs)
    return sum(storages.values())


def mlp(depth, width=128):
    layers = []
    for _ in range(depth):
        layers += [nn.Linear(width, width), nn.ReLU()]
    return nn.Sequential(*layers)


batches = [1, 2, 4, 8, 16, 32, 64]
depths = [1, 2, 4, 8]
print("batch:  " + " ".join(f"{n:6d}" for n in batches))
table = {d: [activation_bytes(mlp(d), torch.randn(n, 128)) for n in batches] for d in depths}
for d in depths:
    print(f"depth {d}: " + " ".join(f"{b / 1024:6.1f}" for b in table[d]) + "  KiB")
# --8<-- [end:measure]

from autograd_illustrated.figures import new_figure, save_figure  # noqa: E402

# --8<-- [start:law]
for d in depths:
    for n, measured in zip(batches, table[d], strict=True):
        assert measured == 4 * n * 128 * (d + 1)  # float32: 4 bytes per number
print("every entry equals 4 · batch · 128 · (depth + 1) bytes")
# --8<-- [end:law]

fig, (left, right) = new_figure(ncols=2, width=7.2, height=3.4)
for d in depths:
    left.plot(batches, [b / 1024 for b in table[d]], marker="o", markersize=3, label=f"depth {d}")
left.set_xlabel("batch size")
left.set_ylabel("saved for backward (KiB)")
left.legend()
for i, n in enumerate(batches):
    if n in (8, 32, 64):
        right.plot(depths, [table[d][i] / 1024 for d in depths], marker="s", markersize=3, label=f"batch {n}")
right.set_xlabel("depth (Linear + ReLU blocks)")
right.legend()
save_figure(fig, "growth")
