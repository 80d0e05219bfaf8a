"""Fit y = 2x + 3 to noisy data: by hand with autograd, then with nn.Linear and optim.SGD."""

# --8<-- [start:data]
import torch
from torch import nn

torch.manual_seed(0)

x = torch.rand(100, 1) * 4 - 2  # 100 points between -2 and 2
noise = torch.randn(100, 1) * 0.5
y = 2 * x + 3 + noise
# --8<-- [end:data]

from autograd_illustrated.figures import new_figure, save_figure  # noqa: E402

# --8<-- [start:by-hand]
w = torch.tensor(0.0, requires_grad=True)
b = torch.tensor(0.0, requires_grad=True)
learning_rate = 0.1

losses, path = [], [(w.item(), b.item())]
for step in range(100):
    loss = ((w * x + b - y) ** 2).mean()  # forward pass: a new graph
    loss.backward()  # dloss/dw and dloss/db, into w.grad and b.grad
    with torch.no_grad():  # the update itself must not be recorded
        w -= learning_rate * w.grad  # a step against the gradient: downhill
        b -= learning_rate * b.grad
    w.grad = None
    b.grad = None
    losses.append(loss.item())
    path.append((w.item(), b.item()))
    if step % 20 == 0:
        print(f"step {step:3d}  loss {loss.item():.4f}  w {w.item():.4f}  b {b.item():.4f}")
print(f"learned: w = {w.item():.4f}, b = {b.item():.4f}")
# --8<-- [end:by-hand]

# --8<-- [start:best-possible]
design = torch.cat([x, torch.ones_like(x)], dim=1)  # columns: x and 1
best_w, best_b = torch.linalg.lstsq(design, y).solution.flatten().tolist()
print(f"least squares: w = {best_w:.4f}, b = {best_b:.4f}")
# --8<-- [end:best-possible]

# --8<-- [start:with-nn]
model = nn.Linear(1, 1)
with torch.no_grad():  # start where the hand-written version started
    model.weight.zero_()
    model.bias.zero_()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
loss_fn = nn.MSELoss()

nn_losses = []
for _ in range(100):
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()  # for plain SGD: p -= lr * p.grad, under no_grad
    nn_losses.append(loss.item())
print(model.weight, model.bias, sep="\n")
# --8<-- [end:with-nn]

# --8<-- [start:same-walk]
print(torch.allclose(torch.tensor(losses), torch.tensor(nn_losses)))
print(max(abs(a - c) for a, c in zip(losses, nn_losses, strict=True)))
# --8<-- [end:same-walk]

fig, ax = new_figure()
ax.semilogy(range(100), losses, color="C0", label=r"$w \leftarrow w - \eta\,\partial L/\partial w$")
ax.semilogy(range(100), nn_losses, color="C1", linestyle="--", label="optim.SGD")
ax.axhline(losses[-1], color="gray", linewidth=0.8)
ax.set_xlabel(r"$t$")
ax.set_ylabel(r"$L$")
ax.legend()
save_figure(fig, "loss-curve")

fig, ax = new_figure()
line_x = torch.linspace(-2, 2, 2)
ax.scatter(x.flatten(), y.flatten(), s=12, color="C0", alpha=0.6)
ax.plot(line_x, 2 * line_x + 3, color="gray", linestyle="--", label=r"$y = 2x + 3$")
ax.plot(
    line_x,
    w.item() * line_x + b.item(),
    color="C3",
    label=rf"$\hat y = {w.item():.2f}\,x + {b.item():.2f}$",
)
ax.set_xlabel(r"$x$")
ax.set_ylabel(r"$y$")
ax.legend()
save_figure(fig, "fitted-line")
