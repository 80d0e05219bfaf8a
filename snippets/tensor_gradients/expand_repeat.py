"""expand vs repeat: the same values and the same gradient, but only repeat copies."""

import torch

from autograd_illustrated.graphs import make_dot, save_graph

torch.manual_seed(0)

# --8<-- [start:same-values]
b = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
e = b.expand(2, 3)  # a view: both rows are b's own three numbers
r = b.repeat(2, 1)  # a new tensor holding two copies
print(torch.equal(e, r))
print("strides: expand", e.stride(), " repeat", r.stride())
shares = [t.data_ptr() == b.data_ptr() for t in (e, r)]
print("shares b's memory: expand", shares[0], " repeat", shares[1])
# --8<-- [end:same-values]

save_graph(make_dot((e, r), params={"b": b}), "expand-repeat")

# --8<-- [start:same-grads]
dY = torch.tensor([[1.0, 0.0, 2.0], [3.0, 1.0, 0.0]])
(through_expand,) = torch.autograd.grad(e, b, dY)
(through_repeat,) = torch.autograd.grad(r, b, dY)
print(through_expand)
print(through_repeat)
print(dY.sum_to_size(b.shape))
# --8<-- [end:same-grads]

# --8<-- [start:tile-vs-interleave]
d6 = torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
tiled = b.repeat(2)  # 1 2 3 1 2 3
interleaved = b.repeat_interleave(2)  # 1 1 2 2 3 3
print(tiled.tolist(), "->", torch.autograd.grad(tiled, b, d6)[0])
print(interleaved.tolist(), "->", torch.autograd.grad(interleaved, b, d6)[0])
# --8<-- [end:tile-vs-interleave]

# --8<-- [start:gradcheck]
b64 = torch.randn(3, dtype=torch.float64, requires_grad=True)
print(torch.autograd.gradcheck(lambda t: t.expand(2, 3), (b64,)))
print(torch.autograd.gradcheck(lambda t: t.repeat(2, 1), (b64,)))
# --8<-- [end:gradcheck]

# --8<-- [start:write-into-expand]
shared = torch.zeros(3).expand(2, 3)
shared.add_(1)  # raises: RuntimeError
# --8<-- [end:write-into-expand]
