"""With create_graph=True the gradient is itself a tensor with a graph behind it."""

# --8<-- [start:graph]
import torch

torch.manual_seed(0)

x = torch.tensor(0.5, requires_grad=True)
w = torch.tensor(2.0, requires_grad=True)
y = torch.tanh(w * x)

(dy_dx,) = torch.autograd.grad(y, x, create_graph=True)
print(dy_dx)
# dy/dx = w (1 - tanh²(wx)): the formula depends on w, so the gradient can be
# differentiated with respect to w too.
(d2y_dx_dw,) = torch.autograd.grad(dy_dx, w)
print(d2y_dx_dw)
# --8<-- [end:graph]

from autograd_illustrated.graphs import make_dot, save_graph  # noqa: E402

save_graph(make_dot(dy_dx, params={"x": x, "w": w}), "gradient-graph")
