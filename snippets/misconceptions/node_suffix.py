"""The number in `PowBackward1` names an overload of the operator, not a depth in the graph."""

# --8<-- [start:pow]
import torch

torch.manual_seed(0)

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = torch.tensor([3.0, 4.0], requires_grad=True)

print((x**2).grad_fn.name())  # tensor ** number
print((x**y).grad_fn.name())  # tensor ** tensor
print((2**x).grad_fn.name())  # number ** tensor
# --8<-- [end:pow]

from autograd_illustrated.graphs import make_dot, save_graph  # noqa: E402

# --8<-- [start:overloads]
pow_op = torch.ops.aten.pow
for overload in ("Tensor_Scalar", "Tensor_Tensor", "Scalar"):
    print(getattr(pow_op, overload)._schema)

print(pow_op.Tensor_Scalar(x, 2).grad_fn.name())
print(pow_op.Tensor_Tensor(x, y).grad_fn.name())
print(pow_op.Scalar(2, x).grad_fn.name())
# --8<-- [end:overloads]

# --8<-- [start:add-chain]
h = x
for _ in range(4):
    h = h + 1  # four additions, one on top of the other

node, depth = h.grad_fn, 0
while type(node).__name__ != "AccumulateGrad":
    print(depth, node.name())
    node, depth = node.next_functions[0][0], depth + 1
# --8<-- [end:add-chain]

save_graph(make_dot(h, params={"x": x}), "add-chain")
