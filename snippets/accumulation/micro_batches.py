"""Accumulating over micro-batches on purpose gives the full batch's gradient."""

# --8<-- [start:setup]
import copy

import torch
from torch import nn

torch.manual_seed(0)

inputs = torch.randn(8, 3)
targets = torch.randn(8, 1)
model = nn.Linear(3, 1)
loss_fn = nn.MSELoss()  # the mean over the batch
# --8<-- [end:setup]

# --8<-- [start:full-batch]
full = copy.deepcopy(model)
loss_fn(full(inputs), targets).backward()
print(full.weight.grad)
# --8<-- [end:full-batch]

# --8<-- [start:micro-batches]
accumulated = copy.deepcopy(model)
steps = 4  # four micro-batches of two examples each
for chunk_x, chunk_y in zip(inputs.chunk(steps), targets.chunk(steps), strict=True):
    loss = loss_fn(accumulated(chunk_x), chunk_y) / steps  # each chunk's mean, scaled
    loss.backward()  # adds into accumulated.weight.grad
print(accumulated.weight.grad)

pairs = [(full.weight.grad, accumulated.weight.grad), (full.bias.grad, accumulated.bias.grad)]
print(all(torch.allclose(a, b) for a, b in pairs))
print(max((a - b).abs().max().item() for a, b in pairs))
# --8<-- [end:micro-batches]

# --8<-- [start:forgot-to-scale]
unscaled = copy.deepcopy(model)
for chunk_x, chunk_y in zip(inputs.chunk(steps), targets.chunk(steps), strict=True):
    loss_fn(unscaled(chunk_x), chunk_y).backward()
print(unscaled.weight.grad / full.weight.grad)
# --8<-- [end:forgot-to-scale]

# --8<-- [start:loop]
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
optimizer.zero_grad()
for i, (chunk_x, chunk_y) in enumerate(
    zip(inputs.chunk(steps), targets.chunk(steps), strict=True), start=1
):
    loss = loss_fn(model(chunk_x), chunk_y) / steps
    loss.backward()
    if i % steps == 0:  # every `steps` micro-batches: one update, then clear
        optimizer.step()
        optimizer.zero_grad()
print(model.weight.grad)
# --8<-- [end:loop]
