"""A Function whose forward leaves PyTorch (NumPy) needs its own vmap rule."""

# --8<-- [start:generated-rule]
import numpy as np
import torch

torch.manual_seed(0)


class NumpySinh(torch.autograd.Function):
    generate_vmap_rule = True

    @staticmethod
    def forward(x):
        return torch.from_numpy(np.sinh(x.numpy()))  # NumPy sees plain arrays only

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[0])

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        return grad_output * torch.cosh(x)


batch = torch.randn(4, 3, dtype=torch.float64)
torch.func.vmap(NumpySinh.apply)(batch)  # raises: RuntimeError
# --8<-- [end:generated-rule]


# --8<-- [start:vmap-rule]
class NumpySinhVmap(NumpySinh):
    generate_vmap_rule = False

    @staticmethod
    def vmap(info, in_dims, x):
        # Under vmap we receive the whole batch as one ordinary tensor. sinh is
        # elementwise, so one call handles it, and the batch axis stays where it was.
        return NumpySinhVmap.apply(x), in_dims[0]


print(torch.allclose(torch.func.vmap(NumpySinhVmap.apply)(batch), torch.sinh(batch)))
# --8<-- [end:vmap-rule]

# --8<-- [start:gradcheck]
x64 = torch.randn(3, dtype=torch.float64, requires_grad=True)
print(torch.autograd.gradcheck(NumpySinhVmap.apply, (x64,), check_batched_grad=True))
# --8<-- [end:gradcheck]
