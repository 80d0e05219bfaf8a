"""out = mean(3(x + 2)^2): a scalar output, so backward() needs no argument."""

# --8<-- [start:build]
import torch

torch.manual_seed(0)

x = torch.ones(2, 2, requires_grad=True)
y = x + 2
z = y * y * 3
out = z.mean()
print(y)
print(z)
print(out)
# --8<-- [end:build]

from autograd_illustrated.graphs import make_dot, save_graph  # noqa: E402

save_graph(make_dot(out, params={"x": x}), "scalar")

# --8<-- [start:backward]
out.backward()  # out holds one number, so the starting gradient is simply 1
print(x.grad)
# --8<-- [end:backward]

# --8<-- [start:intermediate]
# The same number, one link of the chain rule at a time.
d_out_d_z = 1 / z.numel()  # mean divides by 4
d_z_d_y = 6 * y.detach()  # z = 3y², so dz/dy = 6y
d_y_d_x = 1.0  # y = x + 2
print(d_out_d_z, d_z_d_y[0, 0].item(), d_y_d_x)
print(d_out_d_z * d_z_d_y * d_y_d_x)
# --8<-- [end:intermediate]
