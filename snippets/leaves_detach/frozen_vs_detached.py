"""h = w * x + b, with x cut off in two ways: requires_grad=False, and .detach()."""

import torch

from autograd_illustrated.graphs import make_dot, save_graph

torch.manual_seed(0)

# --8<-- [start:frozen]
w = torch.tensor([4.0], requires_grad=True)
b = torch.tensor([0.5], requires_grad=True)
x = torch.tensor([1.0], requires_grad=False)
h_frozen = w * x + b
# --8<-- [end:frozen]
save_graph(make_dot(h_frozen, params={"w": w, "b": b}), "frozen")

# --8<-- [start:saved]
mul = h_frozen.grad_fn.next_functions[0][0]  # the node of w * x
print(mul.next_functions)  # w's AccumulateGrad, then None: x has no node
print(mul._saved_other is x)  # but d(w*x)/dw = x, so the product kept x itself
print(mul._saved_self)  # nobody needs d(w*x)/dx, so w was not saved
# --8<-- [end:saved]
save_graph(make_dot(h_frozen, params={"w": w, "b": b}, show_saved=True), "frozen-saved")

# --8<-- [start:detached]
x_tracked = torch.tensor([1.0], requires_grad=True)
h_detached = w * x_tracked.detach() + b
# --8<-- [end:detached]
save_graph(make_dot(h_detached, params={"w": w, "b": b, "x": x_tracked}), "detached")

# --8<-- [start:compare]
print(torch.autograd.grad(h_frozen, (w, b)))
print(torch.autograd.grad(h_detached, (w, b)))
print(x_tracked.detach().requires_grad, x_tracked.detach().grad_fn)
# --8<-- [end:compare]

# --8<-- [start:per-use]
# detach() cuts one use; x_tracked itself is still tracked wherever it is used directly.
h_both = w * x_tracked.detach() + b * x_tracked
h_both.backward()
print("x_tracked.grad:", x_tracked.grad)
# --8<-- [end:per-use]

# --8<-- [start:saved-inplace]
x = torch.tensor([1.0])  # requires no grad, gets no node
h = w * x + b
x.mul_(2)  # overwrites the x that the multiplication saved
h.backward()  # raises: RuntimeError
# --8<-- [end:saved-inplace]
