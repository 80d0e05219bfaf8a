"""Pictures of a derivative: secants through two nearby points turn into the tangent."""

import torch

from autograd_illustrated.figures import new_figure, save_figure

torch.manual_seed(0)


# --8<-- [start:secants]
def line(x):
    return 2 * x + 3


def curve(x):
    return x * x


x0 = 1.0
steps = (2.0, 1.0, 0.5, 0.1)
for h in steps:
    rise_line = line(x0 + h) - line(x0)
    rise_curve = curve(x0 + h) - curve(x0)
    print(f"h = {h:<4} line: {rise_line / h:.2f}   curve: {rise_curve / h:.2f}")
# --8<-- [end:secants]

# The tangent's slope, exactly: the page introduces autograd only after this picture.
x = torch.tensor(x0, requires_grad=True)
curve(x).backward()

slopes = {h: (curve(x0 + h) - curve(x0)) / h for h in steps}
colors = ["C0", "C1", "C2", "C3"]

fig, (left, right) = new_figure(ncols=2, width=8.0, height=3.8)

# Left: on a straight line every rise-over-run triangle has the same slope.
xs = torch.linspace(-0.2, 3.3, 50)
left.plot(xs, line(xs), color="black", linewidth=1.4)
for h, color in zip(steps[:3], colors, strict=False):
    left.plot(
        [x0, x0 + h, x0 + h],
        [line(x0), line(x0), line(x0 + h)],
        color=color,
        linewidth=1.6,
        label=rf"$h = {h:g}:\ \Delta y/\Delta x = {(line(x0 + h) - line(x0)) / h:g}$",
    )
left.plot([x0], [line(x0)], "o", color="black")
left.set_title(r"$y = 2x + 3$")
left.set_xlabel(r"$x$")
left.set_ylabel(r"$y$")
left.legend(loc="upper left", fontsize=9)

# Right: on a curve the secant's slope depends on h, and settles on the tangent's.
xs = torch.linspace(-0.2, 3.3, 100)
right.plot(xs, curve(xs), color="black", linewidth=1.4)
for h, color in zip(steps, colors, strict=True):
    slope = slopes[h]
    right.plot(
        xs,
        curve(x0) + slope * (xs - x0),
        color=color,
        linewidth=1.1,
        label=rf"$h = {h:g}:\ \Delta y/\Delta x = {slope:.2f}$",
    )
    right.plot([x0 + h], [curve(x0 + h)], "o", color=color, markersize=4)
right.plot(
    xs,
    curve(x0) + x.grad.item() * (xs - x0),
    color="black",
    linestyle="--",
    linewidth=1.2,
    label=rf"$h \to 0:\ {x.grad.item():g}$",
)
right.plot([x0], [curve(x0)], "o", color="black")
right.set_ylim(-1.5, 10.5)
right.set_title(r"$y = x^2$")
right.set_xlabel(r"$x$")
right.legend(loc="upper left", fontsize=9)
save_figure(fig, "secant-tangent")
