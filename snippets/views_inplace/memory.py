"""What in-place saves, counted in bytes rather than timed: allocations and saved tensors."""

# --8<-- [start:tools]
import torch
from torch.utils._python_dispatch import TorchDispatchMode
from torch.utils._pytree import tree_leaves

torch.manual_seed(0)


class Allocations(TorchDispatchMode):
    """Bytes of the new storages that operations create (a view or an in-place op creates none)."""

    def __init__(self):
        super().__init__()
        self.bytes = 0

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        out = func(*args, **(kwargs or {}))
        inputs = {t.untyped_storage().data_ptr() for t in tree_leaves((args, kwargs)) if isinstance(t, torch.Tensor)}
        for t in tree_leaves(out):
            if isinstance(t, torch.Tensor) and t.untyped_storage().data_ptr() not in inputs:
                self.bytes += t.untyped_storage().nbytes()
        return out


def measure(forward, *params):
    """Run forward(); return (bytes it allocated, bytes of activations kept for backward)."""
    kept = {}
    skip = {p.untyped_storage().data_ptr() for p in params}  # weights are kept anyway

    def pack(t):
        storage = t.untyped_storage()
        if storage.data_ptr() not in skip:
            kept[storage.data_ptr()] = storage.nbytes()  # one storage saved twice counts once
        return t

    allocations = Allocations()
    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t), allocations:
        forward()
    return allocations.bytes, sum(kept.values())
# --8<-- [end:tools]


# --8<-- [start:training]
lin1, lin2 = torch.nn.Linear(256, 256), torch.nn.Linear(256, 256)
x = torch.randn(64, 256)  # one activation of this shape is 64 KiB of float32
params = list(lin1.parameters()) + list(lin2.parameters())


def out_of_place():
    return lin2(torch.relu(lin1(x))).sum()


def in_place():
    return lin2(torch.relu_(lin1(x))).sum()


for forward in (out_of_place, in_place):
    allocated, kept = measure(forward, *params)
    print(f"{forward.__name__:12}  allocated {allocated // 1024:4d} KiB   kept for backward {kept // 1024:4d} KiB")
# --8<-- [end:training]

# --8<-- [start:inference]
with torch.no_grad():
    for forward in (out_of_place, in_place):
        allocated, kept = measure(forward, *params)
        print(f"no_grad {forward.__name__:12}  allocated {allocated // 1024:4d} KiB   kept {kept // 1024:4d} KiB")
# --8<-- [end:inference]

# --8<-- [start:clone]
h = torch.randn(64, 256, requires_grad=True)
for name, forward in [
    ("h.sigmoid() * 2", lambda: h.sigmoid() * 2),
    ("h.sigmoid().clone().mul_(2)", lambda: h.sigmoid().clone().mul_(2)),
]:
    allocated, kept = measure(forward, h)
    print(f"{name:28}  allocated {allocated // 1024:4d} KiB   kept for backward {kept // 1024:4d} KiB")
# --8<-- [end:clone]
