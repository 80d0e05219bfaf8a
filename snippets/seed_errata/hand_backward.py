"""A hand-written backward pass for z = x·x + 1: the bug of using x it never received."""

import torch

torch.manual_seed(0)


# --8<-- [start:broken]
def forward(x):
    y = x * x
    return y + 1


def backward(grad_z):
    grad_y = grad_z  # dz/dy = 1
    return grad_y * 2 * x  # dz/dx needs x, but x lives only inside forward()


z = forward(3.0)
backward(1.0)  # raises: NameError
# --8<-- [end:broken]


# --8<-- [start:fixed]
def forward_saving(x):
    y = x * x
    return y + 1, x  # hand back what backward will need, as autograd's nodes do


def backward_saved(grad_z, saved_x):
    grad_y = grad_z  # dz/dy: how z changes with y
    grad_x = grad_y * 2 * saved_x  # dz/dx: how z changes with x
    return grad_y, grad_x


z, saved = forward_saving(3.0)
print(backward_saved(1.0, saved))

x = torch.tensor(3.0, requires_grad=True)
y = x * x
y.retain_grad()
(y + 1).backward()
print(y.grad.item(), x.grad.item())  # autograd agrees: dz/dy = 1, dz/dx = 6
# --8<-- [end:fixed]
