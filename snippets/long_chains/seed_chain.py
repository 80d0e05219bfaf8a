"""Ten matrix products with the same x: where z = 15.36 and x.grad come from."""

# --8<-- [start:chain]
from decimal import Decimal

import torch

torch.manual_seed(0)

s = torch.tensor([[0.01, 0.02]])
x = torch.ones(2, 2, requires_grad=True)
for _ in range(10):
    s = s.mm(x)
z = s.mean()
z.backward()

print(s)
print(z.item())
print(x.grad)
# --8<-- [end:chain]

# --8<-- [start:closed-form]
s0 = [Decimal("0.01"), Decimal("0.02")]
total = sum(s0)  # x = 1·1ᵀ turns [a, b] into [a + b, a + b]
s10 = 2**9 * total  # each further product doubles both entries
print("z =", s10)

for i in range(2):
    first = s0[i] * 2**9 / 2  # use 1: what s0 feeds in, times what the rest does
    later = sum(2 ** (k - 2) * total * 2 ** (10 - k) / 2 for k in range(2, 11))
    print(f"row {i}: {first} + {later} = {first + later}")
# --8<-- [end:closed-form]

# --8<-- [start:per-use]
copies = [torch.ones(2, 2, requires_grad=True) for _ in range(10)]
s = torch.tensor([[0.01, 0.02]])
for x_k in copies:  # the same chain, with a separate leaf at every position
    s = s.mm(x_k)
s.mean().backward()

for k, x_k in enumerate(copies, start=1):
    print(f"use {k:2d}: column of x_k.grad = {[round(v, 4) for v in x_k.grad[:, 0].tolist()]}")
print(torch.allclose(sum(x_k.grad for x_k in copies), x.grad))
# --8<-- [end:per-use]

# --8<-- [start:nudge]
def chain_value(matrix):
    out = torch.tensor([[0.01, 0.02]])
    for _ in range(10):
        out = out.mm(matrix)
    return out.mean().item()


nudged = torch.ones(2, 2)
nudged[0, 0] += 0.01
one_predicted = 0.01 * x.grad[0, 0].item()
one_actual = chain_value(nudged) - z.item()
all_predicted = 0.01 * x.grad.sum().item()
all_actual = chain_value(torch.ones(2, 2) + 0.01) - z.item()
print(f"one entry +0.01:   predicted {one_predicted:.4f}, actual {one_actual:.4f}")
print(f"all entries +0.01: predicted {all_predicted:.4f}, actual {all_actual:.4f}")
# --8<-- [end:nudge]
