"""Activation checkpointing: fewer saved bytes, paid for with a second forward pass."""

# --8<-- [start:model]
import warnings

import torch
from torch import nn
from torch.autograd.graph import saved_tensors_hooks
from torch.utils.checkpoint import checkpoint
from torch.utils.flop_counter import FlopCounterMode

torch.manual_seed(0)


class Block(nn.Module):
    """A transformer-style MLP block: widen 4x, GELU, narrow back."""

    def __init__(self, width):
        super().__init__()
        self.up, self.down = nn.Linear(width, 4 * width), nn.Linear(4 * width, width)
        self.calls = 0  # how many times forward ran

    def forward(self, x):
        self.calls += 1
        return x + self.down(nn.functional.gelu(self.up(x)))


blocks = nn.ModuleList(Block(64) for _ in range(4))
x = torch.randn(32, 64)


def forward(x, use_checkpoint):
    for block in blocks:
        x = checkpoint(block, x, use_reentrant=False) if use_checkpoint else block(x)
    return x.square().mean()
# --8<-- [end:model]

# --8<-- [start:compare]
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


results = {}
for use_checkpoint in (False, True):
    for block in blocks:
        block.calls = 0
    with FlopCounterMode(display=False) as flops:
        loss, saved = activation_bytes(lambda flag=use_checkpoint: forward(x, flag), blocks.parameters())
        forward_calls = sum(block.calls for block in blocks)
        loss.backward()
    results[use_checkpoint] = (saved, flops.get_total_flops())
    print(
        f"checkpoint={use_checkpoint!s:5}  saved {saved:6d} bytes  "
        f"forward calls: {forward_calls} before backward, {sum(b.calls for b in blocks)} after  "
        f"FLOPs {flops.get_total_flops()}"
    )
(plain_bytes, plain_flops), (ckpt_bytes, ckpt_flops) = results[False], results[True]
print(f"saved bytes x {ckpt_bytes / plain_bytes:.2f}, FLOPs x {ckpt_flops / plain_flops:.2f}")
# --8<-- [end:compare]

# --8<-- [start:same-grads]
grads = {}
for use_checkpoint in (False, True):
    blocks.zero_grad()
    forward(x, use_checkpoint).backward()
    grads[use_checkpoint] = [p.grad.clone() for p in blocks.parameters()]
print(all(torch.equal(g, h) for g, h in zip(grads[False], grads[True], strict=True)))
# --8<-- [end:same-grads]

# --8<-- [start:no-flag]
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    checkpoint(blocks[0], x)  # no use_reentrant: PyTorch warns and picks True
print(*[f"{w.category.__name__}: {w.message}" for w in caught], sep="\n")
# --8<-- [end:no-flag]

# --8<-- [start:reentrant]
blocks.zero_grad()
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    out = checkpoint(blocks[0], x, use_reentrant=True)  # x does not require grad
print("warning:", *[str(w.message) for w in caught])
print("out.requires_grad:", out.requires_grad)
print("up.weight.grad:", blocks[0].up.weight.grad)

out = checkpoint(blocks[0], x, use_reentrant=False)
out.square().mean().backward()
print("use_reentrant=False, up.weight.grad is None:", blocks[0].up.weight.grad is None)
# --8<-- [end:reentrant]
