"""Outputs with no gradient (mark_non_differentiable) and backwards that run once (once_differentiable)."""

# --8<-- [start:mask]
import numpy as np
import torch
from torch.autograd.function import once_differentiable

torch.manual_seed(0)


class ClampWithMask(torch.autograd.Function):
    """Clamp to [-1, 1], and also return which entries were cut, as 0.0 / 1.0."""

    @staticmethod
    def forward(x):
        clipped = (x.abs() > 1).to(x.dtype)
        return x.clamp(-1, 1), clipped

    @staticmethod
    def setup_context(ctx, inputs, output):
        _, clipped = output
        ctx.mark_non_differentiable(clipped)  # a step function: no useful gradient
        ctx.save_for_backward(clipped)

    @staticmethod
    def backward(ctx, grad_y, grad_clipped):  # one incoming gradient per output
        (clipped,) = ctx.saved_tensors
        return grad_y * (1 - clipped)


x = torch.tensor([-2.0, -0.5, 0.5, 2.0], requires_grad=True)
y, clipped = ClampWithMask.apply(x)
print(y, clipped, sep="\n")
(y * 10).sum().backward()
print(x.grad)
# --8<-- [end:mask]

# --8<-- [start:mask-backward]
clipped.sum().backward()  # raises: RuntimeError
# --8<-- [end:mask-backward]

# --8<-- [start:mask-gradcheck]
x64 = torch.tensor([-2.0, -0.5, 0.5, 2.0], dtype=torch.float64, requires_grad=True)
print(torch.autograd.gradcheck(ClampWithMask.apply, (x64,)))
# --8<-- [end:mask-gradcheck]


# --8<-- [start:once]
class NumpySin(torch.autograd.Function):
    @staticmethod
    def forward(x):
        return torch.sin(x)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[0])

    @staticmethod
    @once_differentiable  # backward leaves PyTorch: it can be run, not differentiated
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        cos = torch.from_numpy(np.cos(x.numpy()))
        return grad_output * cos


t = torch.tensor([0.0, 1.0], dtype=torch.float64, requires_grad=True)
(g,) = torch.autograd.grad(NumpySin.apply(t).pow(2).sum(), t, create_graph=True)
print(g)
# --8<-- [end:once]

# --8<-- [start:once-twice]
g.sum().backward()  # raises: RuntimeError
# --8<-- [end:once-twice]

# --8<-- [start:once-gradcheck]
print(torch.autograd.gradcheck(NumpySin.apply, (t,)))
torch.autograd.gradgradcheck(NumpySin.apply, (t,))  # raises: RuntimeError
# --8<-- [end:once-gradcheck]
