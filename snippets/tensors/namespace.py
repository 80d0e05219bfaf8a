"""One import, many toolboxes: what lives under the `torch` namespace."""

import torch

torch.manual_seed(0)

# --8<-- [start:tour]
import torch.nn  # noqa: E402 - layers, losses, the Module base class
import torch.optim  # noqa: E402 - optimisers that update parameters from their gradients

layer = torch.nn.Linear(3, 2)  # a layer: y = x W^T + b, with W and b as parameters
optimizer = torch.optim.SGD(layer.parameters(), lr=0.1)

print(type(torch.ones(2)))
print(type(layer).__module__, type(layer).__name__)
print(type(optimizer).__module__, type(optimizer).__name__)
print("CUDA available:", torch.cuda.is_available())
print("CUDA devices:", torch.cuda.device_count())
# --8<-- [end:tour]
