"""Tensors of rank 0 to 3, the three creation functions, and two kinds of multiplication."""

# --8<-- [start:ranks]
import torch

torch.manual_seed(0)

scalar = torch.tensor(3.5)  # rank 0: a single number
vector = torch.tensor([1.0, 2.0, 3.0])  # rank 1: a row of numbers
matrix = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])  # rank 2: a table
stack = torch.zeros(2, 3, 4)  # rank 3: two tables of 3 rows and 4 columns

for name, t in [("scalar", scalar), ("vector", vector), ("matrix", matrix), ("stack", stack)]:
    print(f"{name:<7} ndim={t.ndim}  shape={tuple(t.shape)}  numel={t.numel()}")
# --8<-- [end:ranks]

# --8<-- [start:create]
torch.manual_seed(0)  # the same "random" numbers on every run
r = torch.rand(5, 3)  # uniform in [0, 1)
o = torch.ones(5, 3)
z = torch.zeros(2, 5, 3)
print(r)
print(o.shape, o.dtype)
print(z.shape, z.sum())
# --8<-- [end:create]

# --8<-- [start:elementwise]
a = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
b = torch.tensor([[10.0, 20.0], [30.0, 40.0]])
print(a + b)  # element by element
print(a * b)  # element by element too: 1*10, 2*20, ...
print(a @ b)  # matrix product: rows of a against columns of b
print(torch.equal(a @ b, torch.matmul(a, b)))
# --8<-- [end:elementwise]

# --8<-- [start:shape-error]
print((r * o).shape)  # same shapes: element-wise works
r @ o  # raises: RuntimeError
print((r @ o.T).shape)  # (5, 3) @ (3, 5): inner sizes agree
# --8<-- [end:shape-error]
