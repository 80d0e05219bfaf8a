"""Broadcasting: the gradient is summed over the broadcast dimensions (sum_to_size)."""

import torch

from autograd_illustrated.graphs import save_annotated, trace

torch.manual_seed(0)

# --8<-- [start:bias]
x = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], requires_grad=True)  # 3 samples
b = torch.tensor([0.5, -0.5], requires_grad=True)  # one bias, shared by every sample
y = x + b  # b is broadcast: (2,) is stretched to (3, 2) without copying
print(y)
dY = torch.tensor([[1.0, 0.0], [2.0, 1.0], [3.0, -1.0]])
record = trace(y, {"x": x, "b": b, "y": y})
y.backward(dY)
print("x.grad", tuple(x.grad.shape), " b.grad", tuple(b.grad.shape))
print(b.grad)
# --8<-- [end:bias]
save_annotated(record.graph(), "bias")

# --8<-- [start:by-hand]
print(dY.sum(dim=0))  # add up the batch dimension
print(dY.sum_to_size(b.shape))  # the same, named by the target shape
print(torch.equal(dY.sum_to_size(b.shape), b.grad))
# --8<-- [end:by-hand]

# --8<-- [start:two-sided]
col = torch.tensor([[1.0], [2.0], [3.0]], requires_grad=True)  # (3, 1)
row = torch.tensor([[1.0, 10.0, 100.0, 1000.0]], requires_grad=True)  # (1, 4)
table = col * row  # both are broadcast, to (3, 4)
table.sum().backward()
print("table", tuple(table.shape))
print("col.grad", tuple(col.grad.shape), col.grad.flatten())
print("row.grad", tuple(row.grad.shape), row.grad.flatten())
# --8<-- [end:two-sided]

# --8<-- [start:two-sided-by-hand]
ones = torch.ones(3, 4)  # dL/dtable for L = table.sum()
col_hand = (ones * row.detach()).sum_to_size(3, 1)  # sums over the 4 columns
row_hand = (ones * col.detach()).sum_to_size(1, 4)  # sums over the 3 rows
print(torch.equal(col_hand, col.grad), torch.equal(row_hand, row.grad))
# --8<-- [end:two-sided-by-hand]

# --8<-- [start:sum-to-size]
g = torch.arange(6.0).reshape(2, 3)
print(g.sum_to_size(1, 3))  # keep a dimension of size 1
print(g.sum_to_size(3))  # a missing leading dimension is summed away too
print(g.sum_to_size(2, 1))
# --8<-- [end:sum-to-size]

# --8<-- [start:gradcheck]
col64 = torch.randn(3, 1, dtype=torch.float64, requires_grad=True)
row64 = torch.randn(1, 4, dtype=torch.float64, requires_grad=True)
print(torch.autograd.gradcheck(torch.mul, (col64, row64)))
# --8<-- [end:gradcheck]


# --8<-- [start:engine-sums]
class SharedBias(torch.autograd.Function):
    """Adds a (2,) bias to a (3, 2) batch; its backward does not sum on purpose."""

    @staticmethod
    def forward(ctx, batch, bias):
        return batch + bias

    @staticmethod
    def backward(ctx, grad):
        return grad, grad  # both (3, 2), although bias is (2,)


bias = torch.tensor([0.5, -0.5], requires_grad=True)
SharedBias.apply(x.detach(), bias).backward(dY)
print(bias.grad)  # the engine summed it to bias's shape: the same as b.grad above
# --8<-- [end:engine-sums]

# --8<-- [start:linear]
layer = torch.nn.Linear(3, 2)  # weight is stored (out, in) = (2, 3)
batch = torch.randn(5, 3)
out = layer(batch)  # batch @ weight.T + bias
d_out = torch.randn(5, 2)
out.backward(d_out)
print(torch.allclose(layer.bias.grad, d_out.sum(dim=0)))
print(torch.allclose(layer.weight.grad, d_out.T @ batch))  # (2, 5) @ (5, 3): weight's shape
# --8<-- [end:linear]

# --8<-- [start:not-broadcastable]
dY.sum_to_size(3)  # raises: RuntimeError
# --8<-- [end:not-broadcastable]
