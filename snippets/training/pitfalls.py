"""Three ways to get the hand-written update wrong, and what PyTorch says."""

import torch

torch.manual_seed(0)

# The data of fit_line.py, again, so that this file runs on its own.
x = torch.rand(100, 1) * 4 - 2  # 100 points between -2 and 2
noise = torch.randn(100, 1) * 0.5
y = 2 * x + 3 + noise

# --8<-- [start:no-no-grad]
w = torch.tensor(0.0, requires_grad=True)
loss = ((w * x - y) ** 2).mean()
loss.backward()
w -= 0.1 * w.grad  # raises: RuntimeError
# --8<-- [end:no-no-grad]

# --8<-- [start:rebinding]
w = torch.tensor(0.0, requires_grad=True)
for step in range(2):
    loss = ((w * x - y) ** 2).mean()
    loss.backward()  # raises: RuntimeError
    with torch.no_grad():
        w = w - 0.1 * w.grad  # a new tensor, made without tracking
    print(f"after step {step}: w = {w.item():.4f}, requires_grad = {w.requires_grad}")
# --8<-- [end:rebinding]

# --8<-- [start:no-zeroing]
for clear in (True, False):
    w = torch.tensor(0.0, requires_grad=True)
    b = torch.tensor(0.0, requires_grad=True)
    for _ in range(30):
        loss = ((w * x + b - y) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            w -= 0.1 * w.grad
            b -= 0.1 * b.grad
        if clear:
            w.grad = b.grad = None
    print(f"clear grads: {clear!s:5}  loss {loss.item():10.4f}  w {w.item():8.4f}  b {b.item():8.4f}")
# --8<-- [end:no-zeroing]
