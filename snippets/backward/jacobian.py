"""torch.autograd.grad versus .backward(), and vᵀJ from the full Jacobian."""

# --8<-- [start:grad-vs-backward]
import torch
from torch.autograd.functional import jacobian

torch.manual_seed(0)

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)

loss = (x * x).sum()
(g,) = torch.autograd.grad(loss, x)  # returns the gradient, leaves x.grad alone
print(g, x.grad)

loss = (x * x).sum()
loss.backward()  # returns None, writes into x.grad
print(x.grad)

loss = (x * x).sum()
loss.backward()  # and a second backward() adds on top
print(x.grad)
# --8<-- [end:grad-vs-backward]


# --8<-- [start:jacobian]
def f(t):
    # Each output mixes two inputs, so the Jacobian is not diagonal.
    return torch.stack([t[0] * t[1], t[1] * t[2], t[2] * t[0]])


J = jacobian(f, x.detach())
print(J)
# --8<-- [end:jacobian]

# --8<-- [start:two-ways]
v = torch.tensor([0.1, 1.0, 0.0001])

explicit = v @ J  # build the whole 3×3 matrix, then multiply

x.grad = None
f(x).backward(v)  # never builds J
print(explicit)
print(x.grad)
print(torch.allclose(explicit, x.grad))
# --8<-- [end:two-ways]

# --8<-- [start:seed-jacobian]
J_double = jacobian(lambda t: 2 * t, torch.ones(3))
print(J_double)
print(v @ J_double)
# --8<-- [end:seed-jacobian]

# --8<-- [start:inputs]
w = torch.tensor([2.0], requires_grad=True)
b = torch.tensor([1.0], requires_grad=True)
h = w * 3
h.retain_grad()  # keep this non-leaf's gradient as well
loss = (h + b) ** 2
loss.backward(inputs=[w])  # fill w.grad only; b.grad is left alone
print(w.grad, b.grad, h.grad)
# --8<-- [end:inputs]
