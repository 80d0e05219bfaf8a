"""gradcheck compares a backward with finite differences; gradgradcheck does it one order up."""

# --8<-- [start:buggy]
import torch
from torch.autograd import gradcheck, gradgradcheck

torch.manual_seed(0)


class Softplus(torch.autograd.Function):
    """log(1 + e^x), with a hand-written backward."""

    @staticmethod
    def forward(x):
        return torch.log1p(torch.exp(x))

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[0])

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        return grad_output * torch.exp(x) / (1 + x)  # bug: 1 + x where 1 + e^x belongs


x = torch.tensor([-0.5, 0.5, 2.0], dtype=torch.float64, requires_grad=True)  # float64, as gradcheck wants
gradcheck(Softplus.apply, (x,))  # raises: GradcheckError
# --8<-- [end:buggy]


# --8<-- [start:fixed]
class Softplus(torch.autograd.Function):
    @staticmethod
    def forward(x):
        return torch.log1p(torch.exp(x))

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[0])

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        return grad_output * torch.sigmoid(x)  # e^x / (1 + e^x)


print("gradcheck:", gradcheck(Softplus.apply, (x,)))
print("gradgradcheck:", gradgradcheck(Softplus.apply, (x,)))
# --8<-- [end:fixed]


# --8<-- [start:second-order]
class DetachedSoftplus(Softplus):
    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        return grad_output * torch.sigmoid(x).detach()  # right value, invisible to a second backward


print("gradcheck:", gradcheck(DetachedSoftplus.apply, (x,)))
gradgradcheck(DetachedSoftplus.apply, (x,))  # raises: GradcheckError
# --8<-- [end:second-order]
