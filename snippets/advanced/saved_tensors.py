"""What the graph saves for backward, and the version counter that guards it."""

import torch

from autograd_illustrated.graphs import renumber_nodes, save_graph

torch.manual_seed(0)

# --8<-- [start:saved]
x = torch.tensor([0.5, -1.0], requires_grad=True)
w = torch.tensor([2.0, 3.0], requires_grad=True)
a = x * w  # backward of * needs both factors: d(x*w)/dx = w, d(x*w)/dw = x
s = a.sigmoid()  # backward of sigmoid needs its own result: s * (1 - s)
y = s.sum()

print(a.grad_fn._saved_self is x, a.grad_fn._saved_other is w)
print(s.grad_fn._saved_result)
# --8<-- [end:saved]

# --8<-- [start:draw]
from torchviz import make_dot  # noqa: E402 - shown where the reader first needs it

graph = make_dot(y, params={"x": x, "w": w}, show_saved=True)
# --8<-- [end:draw]
save_graph(renumber_nodes(graph), "saved")  # torchviz names nodes by id(): number them for identical builds

# --8<-- [start:version]
v = torch.tensor([1.0, 2.0])
print(v._version)
v.add_(1)  # in place: same storage, new contents
print(v._version)
v[0] = 10.0  # indexing assignment is in place too
print(v._version)
# --8<-- [end:version]

# --8<-- [start:inplace-error]
x = torch.tensor([0.5, -1.0], requires_grad=True)
s = (x * 2).sigmoid()  # sigmoid saves s itself for backward
print(s._version)
s.mul_(3)  # overwrites what backward needs
print(s._version)
s.sum().backward()  # raises: RuntimeError
# --8<-- [end:inplace-error]

# --8<-- [start:inplace-ok]
x = torch.tensor([0.5, -1.0], requires_grad=True)
h = x * 2
h.add_(1)  # nobody saved h: the in-place change is harmless
print(h.grad_fn.name(), [name for name in dir(h.grad_fn) if name.startswith("_saved")])
print(h.grad_fn._saved_alpha)  # the only thing kept: the scalar in h + alpha * 1
h.sum().backward()
print(x.grad)
# --8<-- [end:inplace-ok]

# --8<-- [start:freed]
x = torch.tensor([0.5, -1.0], requires_grad=True)
s = (x * 2).sigmoid()
s.sum().backward()
s.grad_fn._saved_result  # raises: RuntimeError
# --8<-- [end:freed]
