"""Second derivatives with create_graph=True, and how retain_graph is different."""

import torch

torch.manual_seed(0)

# --8<-- [start:second]
x = torch.tensor(3.0, requires_grad=True)
y = x**3

(dy_dx,) = torch.autograd.grad(y, x, create_graph=True)  # 3x² = 27, itself a graph
print(dy_dx)
(d2y_dx2,) = torch.autograd.grad(dy_dx, x)  # 6x = 18
print(d2y_dx2)
# --8<-- [end:second]

# --8<-- [start:third]
x = torch.tensor(3.0, requires_grad=True)
d1 = torch.autograd.grad(x**3, x, create_graph=True)[0]
d2 = torch.autograd.grad(d1, x, create_graph=True)[0]
d3 = torch.autograd.grad(d2, x)[0]
print(d1.item(), d2.item(), d3.item())
# --8<-- [end:third]

# --8<-- [start:no-create-graph]
x = torch.tensor(3.0, requires_grad=True)
(dy_dx,) = torch.autograd.grad(x**3, x)  # no create_graph: a plain number
print(dy_dx, dy_dx.requires_grad)
torch.autograd.grad(dy_dx, x)  # raises: RuntimeError
# --8<-- [end:no-create-graph]

# --8<-- [start:retain]
z = torch.tensor(3.0, requires_grad=True)
y = z**3
y.backward(retain_graph=True)  # keep the saved z for another pass
y.backward()  # the same first derivative again, added to .grad
print(z.grad)
# --8<-- [end:retain]

# --8<-- [start:no-retain]
x = torch.tensor(3.0, requires_grad=True)
y = x**3
y.backward()
y.backward()  # raises: RuntimeError
# --8<-- [end:no-retain]

# --8<-- [start:retain-is-not-create]
x = torch.tensor(3.0, requires_grad=True)
y = x**3
y.backward(retain_graph=True)
print(x.grad, x.grad.requires_grad)  # retain_graph: still just a number
x.grad = None
y.backward(create_graph=True)
print(x.grad, x.grad.requires_grad)  # create_graph: a number with a graph behind it
# --8<-- [end:retain-is-not-create]
