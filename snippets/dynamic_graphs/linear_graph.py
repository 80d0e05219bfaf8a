"""h = w * x + b: the smallest graph worth drawing, and how to walk it by hand."""

# --8<-- [start:build]
import torch

torch.manual_seed(0)

x = torch.tensor([1.0], requires_grad=True)
w = torch.tensor([4.0], requires_grad=True)
b = torch.tensor([0.5], requires_grad=True)

h = w * x + b
print(h)
# --8<-- [end:build]

# --8<-- [start:draw]
from torchviz import make_dot  # noqa: E402 - shown where the reader first needs it

graph = make_dot(h, params={"x": x, "w": w, "b": b})
# --8<-- [end:draw]
from autograd_illustrated.graphs import renumber_nodes, save_graph  # noqa: E402

save_graph(renumber_nodes(graph), "linear")  # torchviz names nodes by id(): number them for identical builds

# --8<-- [start:walk]
print(h.grad_fn)
print(h.grad_fn.next_functions)
mul_node = h.grad_fn.next_functions[0][0]
print(mul_node.next_functions)
print(mul_node.next_functions[0][0].variable is w)
# --8<-- [end:walk]

# --8<-- [start:leaves]
for name, t in {"x": x, "w": w, "b": b, "h": h}.items():
    print(f"{name}: is_leaf={t.is_leaf}, requires_grad={t.requires_grad}, grad_fn={t.grad_fn}")
# --8<-- [end:leaves]

# --8<-- [start:backward]
h.backward()
print(w.grad, x.grad, b.grad)
# --8<-- [end:backward]
