"""The gradient points uphill on the loss; its opposite points downhill."""

import torch

from autograd_illustrated.figures import new_figure, save_figure

torch.manual_seed(0)

# The data of fit_line.py, again, so that this file runs on its own.
x = torch.rand(100, 1) * 4 - 2  # 100 points between -2 and 2
noise = torch.randn(100, 1) * 0.5
y = 2 * x + 3 + noise


# --8<-- [start:compass]
def loss_at(w, b):  # the mean squared error on this chapter's 100 points
    return ((w * x + b - y) ** 2).mean()


w = torch.tensor(0.0, requires_grad=True)
b = torch.tensor(0.0, requires_grad=True)
start = loss_at(w, b)
start.backward()
gradient = torch.stack([w.grad, b.grad])
print("loss here:", round(start.item(), 4))
print("gradient: ", gradient)

uphill = gradient / gradient.norm()  # unit vector along the gradient
level = torch.stack([-uphill[1], uphill[0]])  # unit vector at right angles to it
probes = {}
with torch.no_grad():
    for name, direction in [("+gradient", uphill), ("-gradient", -uphill), ("sideways", level)]:
        dw, db = 0.1 * direction
        probes[name] = loss_at(w + dw, b + db).item()
        print(f"0.1 along {name:9s} -> loss {probes[name]:.4f}")
# --8<-- [end:compass]

# --8<-- [start:steepest]
with torch.no_grad():
    for degrees in range(0, 360, 45):
        angle = torch.deg2rad(torch.tensor(float(degrees)))
        direction = torch.stack([angle.cos(), angle.sin()])
        slope = (gradient @ direction).item()  # how fast the loss changes that way
        print(f"{degrees:3d} deg  slope {slope:8.4f}")
print("steepest slope = |gradient| =", round(gradient.norm().item(), 4))
heading = torch.rad2deg(torch.atan2(gradient[1], gradient[0])).item() % 360
print(f"the gradient itself points at {heading:.1f} deg")
print(f"so downhill is {heading - 180:.1f} deg")
bottom = torch.linalg.lstsq(torch.cat([x, torch.ones_like(x)], dim=1), y).solution.flatten()
to_bottom = torch.rad2deg(torch.atan2(bottom[1], bottom[0])).item()
print(f"the valley's lowest point lies at {to_bottom:.1f} deg from here")
# --8<-- [end:steepest]

# --8<-- [start:step-size]
for learning_rate in (0.1, 0.5, 0.8):
    w = torch.tensor(0.0, requires_grad=True)
    b = torch.tensor(0.0, requires_grad=True)
    history = []
    for _ in range(30):
        loss = loss_at(w, b)
        w.grad = b.grad = None
        loss.backward()
        with torch.no_grad():
            w -= learning_rate * w.grad
            b -= learning_rate * b.grad
        history.append(loss.item())
    print(f"lr {learning_rate}: loss after 1, 10, 30 steps:",
          [f"{history[i]:.3g}" for i in (0, 9, 29)])
# --8<-- [end:step-size]

# The loss surface with the path gradient descent (lr 0.1) takes across it.
grid_w = torch.linspace(-1.5, 3.5, 201)
grid_b = torch.linspace(-1.5, 4.5, 241)
W, B = torch.meshgrid(grid_w, grid_b, indexing="xy")
with torch.no_grad():
    surface = ((W[..., None] * x.flatten() + B[..., None] - y.flatten()) ** 2).mean(-1)

w = torch.tensor(0.0, requires_grad=True)
b = torch.tensor(0.0, requires_grad=True)
walk = [(0.0, 0.0)]
for _ in range(40):
    loss = loss_at(w, b)
    w.grad = b.grad = None
    loss.backward()
    with torch.no_grad():
        w -= 0.1 * w.grad
        b -= 0.1 * b.grad
    walk.append((w.item(), b.item()))

fig, ax = new_figure(width=5.6, height=5.0)
ax.contour(W, B, surface, levels=[0.3, 0.5, 1, 2, 4, 8, 12, 16, 24], colors="gray", linewidths=0.8)
ax.plot(*zip(*walk, strict=True), marker="o", markersize=3, color="C3")
ax.annotate(
    "",
    xy=(0.0 + 0.5 * uphill[0].item(), 0.0 + 0.5 * uphill[1].item()),
    xytext=(0.0, 0.0),
    arrowprops={"arrowstyle": "->", "color": "C0", "linewidth": 2},
)
ax.text(0.0 + 0.55 * uphill[0].item(), 0.0 + 0.55 * uphill[1].item() - 0.25, r"$\nabla L$", color="C0")
ax.set_xlabel(r"$w$")
ax.set_ylabel(r"$b$")
ax.set_aspect("equal")
ax.grid(False)
save_figure(fig, "descent-path")
