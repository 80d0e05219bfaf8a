"""torch.autocast on CPU with bfloat16: which ops go low, and what the graph records."""

# --8<-- [start:dtypes]
import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)

model = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 1))
x = torch.randn(5, 4)
y = torch.randn(5, 1)

with torch.autocast(device_type="cpu", dtype=torch.bfloat16):
    h = model[0](x)  # Linear: on autocast's low-precision list
    r = model[1](h)  # ReLU: on no list, runs in the dtype it receives
    out = model[2](r)
    e = x.exp()  # no list either: x is float32, so exp stays float32
    mixed = out + y  # bfloat16 + float32: ordinary type promotion
    loss = F.mse_loss(out, y)  # mse_loss: on the float32 list, cast back up

for name, t in [("x", x), ("h", h), ("r", r), ("out", out), ("e", e), ("mixed", mixed), ("loss", loss)]:
    print(f"{name:5} {t.dtype}")
print(model[0].weight.dtype)  # the parameters themselves stay float32
# --8<-- [end:dtypes]

from autograd_illustrated.graphs import make_dot, save_graph  # noqa: E402

# --8<-- [start:graph]
names = {id(p): name for name, p in model.named_parameters()}


def show(node, depth=0):
    label = type(node).__name__
    if hasattr(node, "variable"):  # an AccumulateGrad: name the parameter it feeds
        label += f"  -> {names[id(node.variable)]}"
    print("  " * depth + label)
    for child, _ in node.next_functions:
        if child is not None:
            show(child, depth + 1)


show(loss.grad_fn)
# --8<-- [end:graph]
save_graph(make_dot(loss, params=dict(model.named_parameters())), "autocast-graph")

# --8<-- [start:backward]
loss.backward()  # outside the autocast block, as PyTorch recommends
for name, p in model.named_parameters():
    print(f"{name:9} {p.grad.dtype}")
# --8<-- [end:backward]

# --8<-- [start:cache]
with torch.autocast(device_type="cpu", dtype=torch.bfloat16):
    twice = model[0](x) + model[0](x)  # the same weight used twice in one region
first, second = (n for n, _ in twice.grad_fn.next_functions)  # the two AddmmBackward0
# addmm(bias, input, weight.t()): the third input is weight.t(), whose input is the cast
cast_1 = first.next_functions[2][0].next_functions[0][0]
cast_2 = second.next_functions[2][0].next_functions[0][0]
print(type(cast_1).__name__, cast_1 is cast_2)  # one cast, cached for the whole region
# --8<-- [end:cache]
