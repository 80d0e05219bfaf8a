"""Gradients that are exactly zero, and NaN from a masked torch.where."""

import torch

torch.manual_seed(0)

# --8<-- [start:dead-relu]
layer = torch.nn.Linear(3, 4)
with torch.no_grad():
    layer.bias.fill_(-10.0)  # say, after one huge update: every unit now starts far below 0
inputs = torch.randn(16, 3)
loss = torch.relu(layer(inputs)).sum()
loss.backward()
print("active units:", (layer(inputs) > 0).sum().item(), "of", 16 * 4)
print("weight.grad all zero:", bool((layer.weight.grad == 0).all()))
# --8<-- [end:dead-relu]

# --8<-- [start:round]
x = torch.tensor([0.3, 1.7, 2.2], requires_grad=True)
quantized = torch.round(x * 4) / 4  # a staircase: flat between the steps
quantized.sum().backward()
print(x.grad)
# --8<-- [end:round]

# --8<-- [start:where-nan]
p = torch.tensor([0.5, 0.5, 0.0], requires_grad=True)
plogp = torch.where(p > 0, p * torch.log(p), torch.zeros_like(p))  # 0·log 0 taken as 0
entropy = -plogp.sum()
entropy.backward()
print("entropy:", entropy.item())
print("p.grad: ", p.grad)
# --8<-- [end:where-nan]

# --8<-- [start:where-fixed]
p = torch.tensor([0.5, 0.5, 0.0], requires_grad=True)
inside = torch.where(p > 0, p, torch.ones_like(p))  # log only ever sees safe values
plogp = torch.where(p > 0, p * torch.log(inside), torch.zeros_like(p))
entropy = -plogp.sum()
entropy.backward()
print("entropy:", entropy.item())
print("p.grad: ", p.grad)
# --8<-- [end:where-fixed]
