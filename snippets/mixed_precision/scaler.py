"""Why float16 needs GradScaler: a gradient that underflows, and how scaling rescues it."""

import torch
import torch.nn.functional as F
from torch import nn

from autograd_illustrated.figures import new_figure, save_figure

torch.manual_seed(0)

# --8<-- [start:setup]
x = torch.randn(64, 8)
y = 0.001 * torch.randn(64, 1)  # small targets: a model late in training, small errors


def make_model():
    torch.manual_seed(1)  # every run below starts from the same weights
    model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 1))
    with torch.no_grad():
        model[2].weight.mul_(1e-3)  # a last layer initialised small, as many recipes do
        model[2].bias.zero_()
    return model


def gradients(dtype=None, scale=1.0):
    """One forward and backward pass; returns the gradient reaching the hidden layer and
    the parameters' gradients, divided by ``scale`` again."""
    model = make_model()
    with torch.autocast("cpu", dtype=dtype or torch.float32, enabled=dtype is not None):
        hidden = model[1](model[0](x))
        hidden.retain_grad()
        loss = F.mse_loss(model[2](hidden), y)
    (loss * scale).backward()
    return hidden.grad, {name: p.grad / scale for name, p in model.named_parameters()}


# --8<-- [end:setup]

# --8<-- [start:underflow]
hidden_32, grads_32 = gradients()
hidden_16, grads_16 = gradients(torch.float16)
print(hidden_32.dtype, f"largest |gradient| {hidden_32.abs().max().item():.3e}")
print(hidden_16.dtype, f"largest |gradient| {hidden_16.abs().max().item():.3e}")
# --8<-- [end:underflow]


def draw_float16_range(values):
    """Where |gradients| fall on float16's scale, as they are and multiplied by 2**16."""
    half = torch.finfo(torch.float16)
    least = 2.0**-24  # the smallest positive float16 (a subnormal)
    fig, ax = new_figure(width=6.4, height=2.6)
    ax.set_xscale("log")
    ax.axvspan(1e-12, least / 2, color="C3", alpha=0.25, lw=0)  # rounds to 0
    ax.axvspan(least / 2, half.smallest_normal, color="C1", alpha=0.2, lw=0)  # subnormal
    ax.axvspan(half.max, 1e8, color="C3", alpha=0.25, lw=0)  # overflows to inf
    magnitudes = values.abs().flatten()
    for y, scale in ((1, 1.0), (0, 2.0**16)):  # from the smallest |g| to the largest
        low, high = magnitudes.min().item() * scale, magnitudes.max().item() * scale
        ax.hlines(y, low, high, color="C0", lw=10)
    ax.set_yticks([1, 0], ["$|g|$", r"$2^{16}\,|g|$"])
    ax.set_xlim(1e-12, 1e8)
    ax.set_ylim(-0.5, 1.5)
    ax.grid(axis="y", visible=False)
    return fig


save_figure(draw_float16_range(hidden_32), "float16-range")

# --8<-- [start:table]
runs = {
    "float32": grads_32,
    "float16": grads_16,
    "float16 x 2**16": gradients(torch.float16, scale=2.0**16)[1],
    "bfloat16": gradients(torch.bfloat16)[1],
}
print(f"{'gradient norm':16}" + "".join(f"{name:>11}" for name in grads_32))
for label, grads in runs.items():
    print(f"{label:16}" + "".join(f"{g.norm().item():11.3e}" for g in grads.values()))
# --8<-- [end:table]

# --8<-- [start:scaler]
model = make_model()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scaler = torch.amp.GradScaler("cpu")  # starts at 2**16

with torch.autocast("cpu", dtype=torch.float16):
    loss = F.mse_loss(model(x), y)
scaler.scale(loss).backward()  # backward from loss * 65536
print(scaler.get_scale(), f"{model[0].weight.grad.norm().item():.3e}")  # still scaled

scaler.unscale_(optimizer)  # divide every .grad by the scale, in place, in float32
print(f"{model[0].weight.grad.norm().item():.3e}")  # matches the float32 run above

norm = nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)  # true units now
scaler.step(optimizer)  # unscale_ was done, so step() does not divide again
scaler.update()
print(f"{norm.item():.3e}", scaler.get_scale())
# --8<-- [end:scaler]


# --8<-- [start:clip-order]
def total_norm_after_step(unscale_first):
    model = make_model()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scaler = torch.amp.GradScaler("cpu")
    with torch.autocast("cpu", dtype=torch.float16):
        loss = F.mse_loss(model(x), y)
    scaler.scale(loss).backward()
    if unscale_first:
        scaler.unscale_(optimizer)
    nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
    scaler.step(optimizer)  # unscales now if we did not
    grads = [p.grad for p in model.parameters()]
    return torch.linalg.vector_norm(torch.stack([g.norm() for g in grads])).item()


print(f"unscale_, then clip: {total_norm_after_step(True):.3e}")
print(f"clip, then unscale:  {total_norm_after_step(False):.3e}")
# --8<-- [end:clip-order]

# --8<-- [start:overflow]
optimizer.zero_grad()
before = [p.detach().clone() for p in model.parameters()]
with torch.autocast("cpu", dtype=torch.float16):
    loss = F.mse_loss(model(x), y + 100)  # a wild batch: targets off by 100
scaler.scale(loss).backward()
print([bool(p.grad.isfinite().all()) for p in model.parameters()])
scaler.step(optimizer)  # found inf: skips the update
scaler.update()  # and halves the scale
print(all(torch.equal(a, p) for a, p in zip(before, model.parameters(), strict=True)))
print(scaler.get_scale())
# --8<-- [end:overflow]
