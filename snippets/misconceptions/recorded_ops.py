"""Autograd records every operation that involves a tensor requiring grad, not only leaf ones."""

import torch

from autograd_illustrated.graphs import make_dot, save_graph

torch.manual_seed(0)

# --8<-- [start:record]
x = torch.tensor([1.0, 2.0], requires_grad=True)  # the only leaf
a = x * 3  # an intermediate result
b = a.exp()  # computed from an intermediate, not from a leaf
c = b.sum()

print(a.is_leaf, b.is_leaf)
print(b.grad_fn.name(), b.grad_fn.next_functions[0][0].name())
# --8<-- [end:record]

save_graph(make_dot(c, params={"x": x}), "intermediates")

# --8<-- [start:flows]
a.retain_grad()  # ask autograd to keep the gradient it passes through `a`
c.backward()
print(a.grad)  # the gradient did flow through the intermediate node
print(x.grad)  # 3 * a.grad, by the chain rule
# --8<-- [end:flows]

# --8<-- [start:not-recorded]
k = torch.tensor([1.0, 2.0])  # requires_grad=False
print((k * 3).exp().grad_fn)
# --8<-- [end:not-recorded]
