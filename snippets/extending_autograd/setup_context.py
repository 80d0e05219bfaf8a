"""The 2026 shape of autograd.Function: forward without ctx, setup_context, vmap and jvp."""

# --8<-- [start:define]
import torch

torch.manual_seed(0)


class Cube(torch.autograd.Function):
    @staticmethod
    def forward(x):  # no ctx: forward only computes
        return x**3

    @staticmethod
    def setup_context(ctx, inputs, output):  # what backward (and jvp) will need
        (x,) = inputs
        ctx.save_for_backward(x)

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        return grad_output * 3 * x**2


# --8<-- [end:define]

# --8<-- [start:use]
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
Cube.apply(x).sum().backward()
print(x.grad)
print(torch.func.grad(lambda x: Cube.apply(x).sum())(torch.tensor([1.0, 2.0, 3.0])))
# --8<-- [end:use]


# --8<-- [start:old-style]
class OldCube(torch.autograd.Function):  # the style of the Advanced autograd chapter
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x**3

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        return grad_output * 3 * x**2


torch.func.grad(lambda x: OldCube.apply(x).sum())(x)  # raises: RuntimeError
# --8<-- [end:old-style]

# --8<-- [start:no-vmap]
batch = torch.randn(4, 3)
torch.func.vmap(Cube.apply)(batch)  # raises: RuntimeError
# --8<-- [end:no-vmap]

# --8<-- [start:no-jvp]
torch.func.jvp(Cube.apply, (torch.tensor([2.0]),), (torch.tensor([1.0]),))  # raises: NotImplementedError
# --8<-- [end:no-jvp]


# --8<-- [start:transforms]
class Cube2026(Cube):
    generate_vmap_rule = True  # forward and backward are plain torch ops: vmap them as is

    @staticmethod
    def setup_context(ctx, inputs, output):
        (x,) = inputs
        ctx.save_for_backward(x)
        ctx.save_for_forward(x)  # jvp reads saved tensors too

    @staticmethod
    def jvp(ctx, x_tangent):  # forward mode: how a nudge to x moves the output
        (x,) = ctx.saved_tensors
        return 3 * x**2 * x_tangent


print(torch.equal(torch.func.vmap(Cube2026.apply)(batch), batch**3))
_, tangent = torch.func.jvp(Cube2026.apply, (torch.tensor([2.0]),), (torch.tensor([1.0]),))
print(tangent)
# --8<-- [end:transforms]

# --8<-- [start:gradcheck]
x64 = torch.randn(3, dtype=torch.float64, requires_grad=True)
print(
    torch.autograd.gradcheck(
        Cube2026.apply,
        (x64,),
        check_forward_ad=True,  # the jvp staticmethod
        check_batched_grad=True,  # backward under vmap
    )
)
print(torch.autograd.gradgradcheck(Cube2026.apply, (x64,)))  # backward is torch ops
# --8<-- [end:gradcheck]
