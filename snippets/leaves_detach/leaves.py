"""Which tensors are leaves, which ones get a .grad, and how gradients pass through the rest."""

# --8<-- [start:who-is-leaf]
import torch

torch.manual_seed(0)

w = torch.tensor([4.0], requires_grad=True)  # made by hand, tracked
x = torch.tensor([1.0])  # made by hand, not tracked
h = w * x  # made by an operation
loss = (h * h).sum()

for name, t in {"w": w, "x": x, "h": h, "loss": loss}.items():
    print(f"{name:4} is_leaf={t.is_leaf!s:5}  requires_grad={t.requires_grad!s:5}  grad_fn={t.grad_fn}")
# --8<-- [end:who-is-leaf]

from autograd_illustrated.graphs import make_dot, save_graph  # noqa: E402

# --8<-- [start:computed-leaf]
made = torch.ones(2) * 3  # produced by an operation, yet nothing in it needs a gradient
print(made.is_leaf, made.requires_grad, made.grad_fn)
# --8<-- [end:computed-leaf]

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

# --8<-- [start:freed-as-it-goes]
def state(node, saved_name):
    try:
        getattr(node, saved_name)
    except RuntimeError:  # reading a released saved tensor raises
        return "freed"
    return "kept"


w.grad = None
h = w * x  # its node saves x: d(w*x)/dw = x
g = h * h  # its node saves h
seen = []
h.register_hook(lambda grad: seen.append((state(g.grad_fn, "_saved_self"), state(h.grad_fn, "_saved_other"))))
g.sum().backward()
print("while the gradient passes h: h*h's saved h is", seen[0][0], "and w*x's saved x is", seen[0][1])
print("after backward():", state(h.grad_fn, "_saved_other"))
# --8<-- [end:freed-as-it-goes]
