"""Gradient clipping keeps a step bounded when the gradient is huge."""

import torch

torch.manual_seed(0)


# --8<-- [start:chain]
def chain(x):
    s = torch.tensor([[0.01, 0.02]])
    for _ in range(10):
        s = s.mm(x)
    return s.mean()  # the ten-step chain from the start of this chapter
# --8<-- [end:chain]


# --8<-- [start:clip-once]
x = torch.ones(2, 2, requires_grad=True)
loss = (chain(x) - 1) ** 2  # we want z = 1, but it is 15.36
loss.backward()
before = x.grad.clone()
total_norm = torch.nn.utils.clip_grad_norm_([x], max_norm=1.0)
print("norm before:", total_norm)
print("norm after: ", x.grad.norm())
print("same direction:", torch.allclose(before / before.norm(), x.grad))
# --8<-- [end:clip-once]

# --8<-- [start:train]
histories = {}
for max_norm in (None, 1.0):
    x = torch.ones(2, 2, requires_grad=True)
    history = []
    for _ in range(40):
        loss = (chain(x) - 1) ** 2
        x.grad = None
        loss.backward()
        if max_norm is not None:
            torch.nn.utils.clip_grad_norm_([x], max_norm=max_norm)
        with torch.no_grad():
            x -= 0.01 * x.grad
        history.append(loss.item())
    histories[max_norm] = history
    shown = ", ".join(f"{history[i]:.4g}" for i in (0, 1, 2, 3, 19, 39))
    print(f"max_norm={max_norm}: loss at steps 1, 2, 3, 4, 20, 40: {shown}")
# --8<-- [end:train]
