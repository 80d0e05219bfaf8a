"""What each operation saves for backward, counted in bytes with saved_tensors_hooks."""

# --8<-- [start:hooks]
import torch
import torch.nn.functional as F
from torch.autograd.graph import saved_tensors_hooks

torch.manual_seed(0)


def saved_by(op, *inputs):
    """Run op on inputs; list every tensor autograd saves for backward, with its bytes."""
    found = []

    def pack(tensor):  # called once for every tensor saved for backward
        found.append(tensor)
        return tensor

    def unpack(tensor):  # called when backward needs it back
        return tensor

    with saved_tensors_hooks(pack, unpack):
        out = op(*inputs)
    return out, found


a = torch.randn(64, 64, requires_grad=True)
out, found = saved_by(torch.sin, a)
print(out.grad_fn.name(), [(tuple(t.shape), t.dtype, t.nbytes) for t in found])
# --8<-- [end:hooks]


# --8<-- [start:table]
def describe(t, names):
    """Name a saved tensor by the storage it shares with a known tensor, if any."""
    for name, known in names.items():
        if t.untyped_storage().data_ptr() == known.untyped_storage().data_ptr():
            return name
    return f"new {str(t.dtype).removeprefix('torch.')}{list(t.shape)}"


b = torch.randn(64, 64, requires_grad=True)
W = torch.randn(64, 64, requires_grad=True)
ops = {
    "a + b": lambda: a + b,
    "a * 2": lambda: a * 2,
    "a * b": lambda: a * b,
    "a @ W": lambda: a @ W,
    "sin(a)": lambda: torch.sin(a),
    "exp(a)": lambda: torch.exp(a),
    "relu(a)": lambda: torch.relu(a),
    "sigmoid(a)": lambda: torch.sigmoid(a),
    "a.sum()": lambda: a.sum(),
    "a.t()": lambda: a.t(),
    "softmax(a)": lambda: F.softmax(a, dim=1),
    "layer_norm(a)": lambda: F.layer_norm(a, (64,)),
    "dropout(a)": lambda: F.dropout(a, p=0.5, training=True),
}
saved_bytes = {}
for label, op in ops.items():
    out, found = saved_by(op)
    names = {"a": a, "b": b, "W": W, "out": out}
    saved_bytes[label] = sum(t.nbytes for t in found)
    what = ", ".join(describe(t, names) for t in found) or "nothing"
    node = out.grad_fn.name()
    print(f"{label:14} {node:24} {saved_bytes[label]:6d} bytes  {what}")
# --8<-- [end:table]
