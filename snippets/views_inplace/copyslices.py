"""Writing into part of a tensor: CopySlices, IndexPutBackward0, and the view's new history."""

import torch

from autograd_illustrated.graphs import make_dot, save_graph

torch.manual_seed(0)

# --8<-- [start:mask]
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * 2
print("before:", y.grad_fn.name(), " version", y._version)
y[y > 2] = 0.0  # masked assignment is in place: y keeps its name, its history grows
print("after: ", y.grad_fn.name(), " version", y._version)
y.sum().backward()
print("x.grad:", x.grad)  # the overwritten entries no longer depend on x
# --8<-- [end:mask]

# --8<-- [start:view]
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * 1
tail = y[1:]  # a view of y
print("tail:", tail.grad_fn.name(), "  y:", y.grad_fn.name())
tail.mul_(10)  # in place on the view: the write lands in y's storage
print("tail:", tail.grad_fn.name(), "  y:", y.grad_fn.name())
print("y:", y)
# --8<-- [end:view]

# --8<-- [start:rebase]
copy_slices = y.grad_fn
print("CopySlices ->", [fn.name() if fn else None for fn, _ in copy_slices.next_functions])
print("tail's new grad_fn ->", [fn.name() for fn, _ in tail.grad_fn.next_functions])
y.sum().backward()
print("x.grad:", x.grad)
# --8<-- [end:rebase]

save_graph(make_dot(y, params={"x": x}), "copyslices")

# --8<-- [start:same-as-out-of-place]
x2 = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y2 = torch.cat([x2[:1], x2[1:] * 10])  # the same numbers, built without writing in place
y2.sum().backward()
print("x2.grad:", x2.grad, " equal:", torch.equal(x.grad, x2.grad))
# --8<-- [end:same-as-out-of-place]
