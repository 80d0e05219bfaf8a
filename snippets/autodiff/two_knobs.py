"""Two knobs: nudge one at a time; the two slopes, side by side, are the gradient."""

import torch

from autograd_illustrated.figures import new_figure, save_figure

torch.manual_seed(0)

# --8<-- [start:loss]
xs = torch.tensor([1.0, 2.0], dtype=torch.float64)  # y = 2x + 3 passes through
ys = torch.tensor([5.0, 7.0], dtype=torch.float64)  # (1, 5) and (2, 7)


def loss(w, b):
    """How badly the line w*x + b misses the two points (the mean squared miss)."""
    return ((w * xs + b - ys) ** 2).mean()


print("loss at w = 0, b = 0:", loss(0.0, 0.0).item())
print("loss at w = 2, b = 3:", loss(2.0, 3.0).item())
# --8<-- [end:loss]

# --8<-- [start:nudge-each]
w0, b0, h = 0.0, 0.0, 0.001
slope_w = (loss(w0 + h, b0) - loss(w0, b0)) / h  # turn w alone, hold b still
slope_b = (loss(w0, b0 + h) - loss(w0, b0)) / h  # turn b alone, hold w still
print(f"nudge w alone: the loss moves {slope_w:.2f} times as far")
print(f"nudge b alone: the loss moves {slope_b:.2f} times as far")
# --8<-- [end:nudge-each]

# --8<-- [start:autograd]
w = torch.tensor(0.0, dtype=torch.float64, requires_grad=True)
b = torch.tensor(0.0, dtype=torch.float64, requires_grad=True)
loss(w, b).backward()  # one backward pass fills both
gradient = torch.stack([w.grad, b.grad])
print("w.grad:", w.grad.item(), " b.grad:", b.grad.item())
print("gradient:", gradient)
# --8<-- [end:autograd]

# --8<-- [start:uphill]
step = 0.1 * gradient / gradient.norm()  # a stride of length 0.1 along the gradient
with torch.no_grad():
    here = loss(w, b).item()
    along = loss(w + step[0], b + step[1]).item()
    against = loss(w - step[0], b - step[1]).item()
print(f"here: {here:.2f}   along the gradient: {along:.2f}   against it: {against:.2f}")
# --8<-- [end:uphill]


# --8<-- [start:saddle]
def saddle(w, b):
    return w * w - b * b  # a mountain pass: uphill along w, downhill along b


p = torch.tensor(0.0, requires_grad=True)
q = torch.tensor(0.0, requires_grad=True)
saddle(p, q).backward()
print("gradient at (0, 0):", p.grad.item(), abs(q.grad.item()))  # abs: -2 * 0.0 is -0.0
print("a step along w:", round(saddle(0.1, 0.0), 4))
print("a step along b:", round(saddle(0.0, 0.1), 4))
# --8<-- [end:saddle]

# The loss landscape over (w, b), with the gradient drawn as arrows, all from autograd.
grid_w = torch.linspace(-1.0, 5.0, 241, dtype=torch.float64)
grid_b = torch.linspace(-1.0, 7.0, 321, dtype=torch.float64)
W, B = torch.meshgrid(grid_w, grid_b, indexing="xy")
surface = ((W[..., None] * xs + B[..., None] - ys) ** 2).mean(-1)

arrow_w, arrow_b = torch.meshgrid(
    torch.linspace(-0.5, 4.5, 11, dtype=torch.float64),
    torch.linspace(-0.5, 6.5, 15, dtype=torch.float64),
    indexing="xy",
)
arrow_w.requires_grad_()
arrow_b.requires_grad_()
# Each point's loss depends only on its own (w, b), so one backward of the sum gives
# every point's gradient at once.
((arrow_w[..., None] * xs + arrow_b[..., None] - ys) ** 2).mean(-1).sum().backward()
field_w, field_b = arrow_w.grad, arrow_b.grad
lowest = (2.0, 3.0)

fig, ax = new_figure(width=5.4, height=6.2)
ax.contour(W, B, surface, levels=[0.25, 1, 2.5, 5, 10, 20, 40, 70], colors="gray", linewidths=0.8)
ax.quiver(
    arrow_w.detach(),
    arrow_b.detach(),
    field_w,
    field_b,
    color="C0",
    angles="xy",
    scale_units="xy",
    scale=40,
    width=0.004,
)
ax.annotate(
    "",
    xy=(w0 + w.grad.item() / 40, b0 + b.grad.item() / 40),
    xytext=(w0, b0),
    arrowprops={"arrowstyle": "-|>", "color": "C3", "linewidth": 2},
)
ax.plot([w0], [b0], "o", color="C3")
ax.text(w0 + 0.15, b0 - 0.45, r"$(0, 0)$", color="C3")
ax.plot(*lowest, "*", color="black", markersize=12)
ax.text(lowest[0] + 0.2, lowest[1] - 0.1, r"$(2, 3)$")
ax.set_xlabel(r"$w$")
ax.set_ylabel(r"$b$")
ax.set_aspect("equal")
ax.grid(False)
save_figure(fig, "gradient-field")
