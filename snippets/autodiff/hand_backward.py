"""z = x**2 + 1 by hand: a forward pass that keeps its intermediates, a backward pass
that walks from the output to the input, and autograd's answer for comparison."""

import torch

torch.manual_seed(0)


# --8<-- [start:by-hand]
def forward(x):
    y = x * x  # intermediate, kept for the backward pass
    z = y + 1
    saved = {"x": x}  # what the backward pass will need
    return z, saved


def backward(dz, saved):
    dy = dz * 1  # z = y + 1, so dz/dy = 1
    dx = dy * 2 * saved["x"]  # y = x * x, so dy/dx = 2x: needs the saved x
    return dx


z, saved = forward(3.0)
print("forward:  z =", z)
print("backward: dz/dx =", backward(1.0, saved))
# --8<-- [end:by-hand]

# --8<-- [start:autograd]
x = torch.tensor(3.0, requires_grad=True)
z = x * x + 1
z.backward()
print("autograd: z =", z.item(), " dz/dx =", x.grad.item())
# --8<-- [end:autograd]

# --8<-- [start:many]
xs = torch.linspace(-2, 2, 9, dtype=torch.float64)
by_hand = torch.tensor([backward(1.0, forward(v)[1]) for v in xs.tolist()], dtype=torch.float64)
leaf = xs.clone().requires_grad_()
(leaf * leaf + 1).sum().backward()  # sum: each z_i depends only on its own x_i
print(by_hand)
print(torch.equal(by_hand, leaf.grad))
# --8<-- [end:many]

# --8<-- [start:saved]
x = torch.tensor(3.0, requires_grad=True)
z = x * x + 1
print(z.grad_fn.name(), "->", z.grad_fn.next_functions[0][0].name())
print("saved by MulBackward0:", z.grad_fn.next_functions[0][0]._saved_self.item())

e = torch.exp(x)  # d(e^x)/dx = e^x: here the rule needs the *output*
print("saved by ExpBackward0:", e.grad_fn._saved_result.item() == e.item())
# --8<-- [end:saved]
