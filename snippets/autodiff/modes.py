"""Forward mode needs one pass per input; reverse mode needs one pass per output."""

# --8<-- [start:setup]
import torch
from torch.func import jvp, vjp

torch.manual_seed(0)


def loss_fn(w):
    return (w**2).sum()  # many inputs, one output: the shape of every training loss


w = torch.tensor([1.0, -2.0, 0.5, 3.0])
# --8<-- [end:setup]

# --8<-- [start:forward-mode]
# Forward mode: push one direction through the program per pass.
columns = []
for i in range(w.numel()):
    direction = torch.zeros_like(w)
    direction[i] = 1.0  # "what if only w[i] moves?"
    _, slope = jvp(loss_fn, (w,), (direction,))
    columns.append(slope)
print("forward mode:", torch.stack(columns), f"after {w.numel()} passes")
# --8<-- [end:forward-mode]

# --8<-- [start:reverse-mode]
# Reverse mode: pull the single output's sensitivity back to every input at once.
_, pull_back = vjp(loss_fn, w)
(gradient,) = pull_back(torch.tensor(1.0))
print("reverse mode:", gradient, "after 1 pass")
# --8<-- [end:reverse-mode]

# --8<-- [start:million]
torch.manual_seed(0)
n = 1_000_000
weights = torch.randn(n, requires_grad=True)
inputs = torch.randn(n)
targets = torch.randn(n)

loss = ((weights * inputs - targets) ** 2).mean()
loss.backward()  # one call

expected = 2 * (weights.detach() * inputs - targets) * inputs / n
print(f"parameters: {weights.numel():,}")
print(f"gradient entries filled: {weights.grad.numel():,}")
print("matches the formula:", torch.allclose(weights.grad, expected))
# --8<-- [end:million]
