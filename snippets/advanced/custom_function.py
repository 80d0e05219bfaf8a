"""A custom autograd.Function: forward, backward, save_for_backward, gradcheck."""

# --8<-- [start:define]
import torch

torch.manual_seed(0)


class Cube(torch.autograd.Function):
    """y = x ** 3, with the derivative written by hand: dy/dx = 3 x ** 2."""

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)  # backward will need x; keep it, and nothing else
        return x**3

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        # Chain rule: what reached y, times y's local derivative.
        return grad_output * 3 * x**2


# --8<-- [end:define]

# --8<-- [start:use]
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = Cube.apply(x)
print(y)
y.sum().backward()
print(x.grad)
# --8<-- [end:use]

# --8<-- [start:gradcheck]
x64 = torch.randn(4, dtype=torch.float64, requires_grad=True)
print(torch.autograd.gradcheck(Cube.apply, (x64,)))
# --8<-- [end:gradcheck]


# --8<-- [start:wrong]
class BadCube(Cube):
    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        return grad_output * 3 * x  # forgot the square


torch.autograd.gradcheck(BadCube.apply, (x64,))  # raises: GradcheckError
# --8<-- [end:wrong]

# --8<-- [start:float32]
x32 = x64.detach().float().requires_grad_()
torch.autograd.gradcheck(Cube.apply, (x32,))  # raises: GradcheckError
# --8<-- [end:float32]
