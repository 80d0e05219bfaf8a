"""Indexing and scatter-add: every use of an element sends a gradient back, and they add up."""

import torch

from autograd_illustrated.graphs import save_annotated, trace

torch.manual_seed(0)

# --8<-- [start:gather]
x = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
idx = torch.tensor([0, 2, 2, 1, 2])  # x[2] is picked three times
y = x[idx]
print(y)
dY = torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0])
record = trace(y, {"x": x, "y": y})
y.backward(dY)
print(x.grad)
# --8<-- [end:gather]
save_annotated(record.graph(), "index")

# --8<-- [start:by-hand]
by_hand = torch.zeros(3).index_add_(0, idx, dY)  # add dY[k] into slot idx[k], for every k
print(by_hand, torch.equal(by_hand, x.grad))
# --8<-- [end:by-hand]

# --8<-- [start:overwrite]
# Assignment is not accumulation: with repeated indices, only one write survives
# (which one is not even specified), so x[2]'s three contributions do not add up.
lost = torch.zeros(3)
lost[idx] = dY
print(lost)
# --8<-- [end:overwrite]

# --8<-- [start:scatter-add]
src = torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0], requires_grad=True)
pooled = torch.zeros(3).index_add(0, idx, src)  # the forward pass adds into slots
print(pooled)
d_pooled = torch.tensor([10.0, 20.0, 30.0])
pooled.backward(d_pooled)
print(src.grad)
print(torch.equal(src.grad, d_pooled[idx]))  # each source reads back its slot's gradient
# --8<-- [end:scatter-add]

# --8<-- [start:embedding]
emb = torch.nn.Embedding(4, 2)
tokens = torch.tensor([1, 3, 1, 1])  # token 1 occurs three times
emb(tokens).sum().backward()
print(emb.weight.grad)
# --8<-- [end:embedding]

# --8<-- [start:gradcheck]
x64 = torch.randn(3, dtype=torch.float64, requires_grad=True)
src64 = torch.randn(5, dtype=torch.float64, requires_grad=True)


def pool(s):
    return torch.zeros(3, dtype=s.dtype).index_add(0, idx, s)


print(torch.autograd.gradcheck(lambda t: t[idx], (x64,)))
print(torch.autograd.gradcheck(pool, (src64,)))
# --8<-- [end:gradcheck]

# --8<-- [start:int-index]
torch.tensor([0, 2, 2], requires_grad=True)  # raises: RuntimeError
# --8<-- [end:int-index]

# --8<-- [start:grad-wrt-index]
torch.autograd.grad(x[idx].sum(), idx)  # raises: RuntimeError
# --8<-- [end:grad-wrt-index]
