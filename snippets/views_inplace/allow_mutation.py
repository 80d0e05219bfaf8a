"""allow_mutation_on_saved_tensors: mutate a saved tensor, and backward still gets the original."""

import torch

torch.manual_seed(0)

# --8<-- [start:allow]
a = torch.tensor([0.0, 1.0], requires_grad=True)
with torch.autograd.graph.allow_mutation_on_saved_tensors():
    e = a.exp()
    e.add_(1)  # exp saved e at version 0; the context keeps a copy of it before the write
    e.sum().backward()
print("e     :", e)
print("a.grad:", a.grad)  # e^a at the original e, not e + 1
# --8<-- [end:allow]

# --8<-- [start:reference]
b = torch.tensor([0.0, 1.0], requires_grad=True)
b.exp().sum().backward()
print("b.grad:", b.grad, " equal:", torch.equal(a.grad, b.grad))
# --8<-- [end:reference]
