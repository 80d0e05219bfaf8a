"""Which tensors are leaves, which ones get a .grad, and how gradients pass through the rest."""

import torch

from autograd_illustrated.graphs import make_dot, save_graph

torch.manual_seed(0)

# --8<-- [start:who-is-leaf]
w = torch.tensor([4.0], requires_grad=True)  # made by hand, tracked
x = torch.tensor([1.0])  # made by hand, not tracked
h = w * x  # made by an operation
loss = (h * h).sum()

for name, t in {"w": w, "x": x, "h": h, "loss": loss}.items():
    print(f"{name:4} is_leaf={t.is_leaf!s:5}  requires_grad={t.requires_grad!s:5}  grad_fn={t.grad_fn}")
# --8<-- [end:who-is-leaf]

# --8<-- [start:grad-only-leaves]
loss.backward()
print("w.grad:", w.grad)
print("x.grad:", x.grad)
print("h.grad:", h.grad)
# --8<-- [end:grad-only-leaves]

# --8<-- [start:retain-grad]
w.grad = None
h = w * x
h.retain_grad()  # ask autograd to keep this non-leaf's gradient too
loss = (h * h).sum()
loss.backward()
print("h.grad:", h.grad)
print("w.grad:", w.grad)
# --8<-- [end:retain-grad]

# --8<-- [start:flow]
w.grad = None
h = w * x
h.register_hook(lambda grad: print("passing through h:", grad))
g = h * h  # both inputs are non-leaves, and the operation is recorded all the same
loss = g.sum()
print(loss.grad_fn.name(), "<-", g.grad_fn.name(), "<-", h.grad_fn.name())
loss.backward()
print("w.grad:", w.grad)
# --8<-- [end:flow]

save_graph(make_dot(loss, params={"w": w}), "through-non-leaves")
