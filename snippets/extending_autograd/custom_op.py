"""torch.library.custom_op: an opaque NumPy kernel with a registered backward, under torch.compile."""

import numpy as np
import torch

torch.manual_seed(0)


# --8<-- [start:define]
@torch.library.custom_op("extending_autograd::np_sinh", mutates_args=())
def np_sinh(x: torch.Tensor) -> torch.Tensor:
    # Opaque to torch.compile: it calls the op, it never looks inside.
    return torch.from_numpy(np.sinh(x.numpy(force=True)))


@np_sinh.register_fake
def _(x):
    # What the compiler needs instead of running NumPy: the output's shape and dtype.
    return torch.empty_like(x)


def setup_context(ctx, inputs, output):
    (x,) = inputs
    ctx.save_for_backward(x)


def backward(ctx, grad_output):
    (x,) = ctx.saved_tensors
    return grad_output * torch.cosh(x)


np_sinh.register_autograd(backward, setup_context=setup_context)
# --8<-- [end:define]

# --8<-- [start:eager]
x = torch.tensor([0.0, 0.5, 1.0], requires_grad=True)
y = np_sinh(x)
print(y)
y.sum().backward()
print(x.grad)
# --8<-- [end:eager]

# --8<-- [start:check]
x64 = torch.randn(3, dtype=torch.float64, requires_grad=True)
print(torch.autograd.gradcheck(np_sinh, (x64,)))
# opcheck tests the registrations together: schema, fake kernel, autograd, compile.
torch.library.opcheck(np_sinh, (x64,))
print("opcheck passed")
# --8<-- [end:check]


# --8<-- [start:compile]
def loss(x):
    return np_sinh(torch.sin(x)).pow(2).sum()


torch._dynamo.reset()  # start from an empty compile cache
compiled = torch.compile(loss, backend="aot_eager", fullgraph=True)  # no graph breaks allowed

x = torch.tensor([0.0, 0.5, 1.0], requires_grad=True)
(eager_grad,) = torch.autograd.grad(loss(x), x)
(compiled_grad,) = torch.autograd.grad(compiled(x), x)
print(eager_grad)
print(compiled_grad)
print(torch.equal(eager_grad, compiled_grad))
torch._dynamo.reset()  # leave no compiled code behind for other snippets
# --8<-- [end:compile]


# --8<-- [start:no-autograd]
@torch.library.custom_op("extending_autograd::np_cosh", mutates_args=())
def np_cosh(x: torch.Tensor) -> torch.Tensor:
    return torch.from_numpy(np.cosh(x.numpy(force=True)))


np_cosh(torch.tensor([0.5], requires_grad=True)).sum().backward()  # raises: RuntimeError
# --8<-- [end:no-autograd]
