"""A forgotten zero_grad: the gradients pile up and the loss stops going down."""

import torch

torch.manual_seed(0)

# --8<-- [start:fit]
xs = torch.linspace(-1, 1, 20)
ys = 3 * xs + 0.5


def fit(clear_gradients, steps=30):
    w = torch.zeros(2, requires_grad=True)
    optimizer = torch.optim.SGD([w], lr=0.1)
    for _ in range(steps):
        if clear_gradients:
            optimizer.zero_grad()
        loss = ((w[0] * xs + w[1] - ys) ** 2).mean()
        loss.backward()
        optimizer.step()
    return loss.item(), w.grad.norm().item()


for clear in (True, False):
    loss, grad_norm = fit(clear)
    print(f"zero_grad {'called' if clear else 'forgotten'}: loss {loss:.4f}, |grad| {grad_norm:.2f}")
# --8<-- [end:fit]
