"""A non-scalar output: backward() needs v, the vector of a vector-Jacobian product."""

import torch

torch.manual_seed(0)

# --8<-- [start:build]
x = torch.ones(3, requires_grad=True)
y = 2 * x
print(y)
# --8<-- [end:build]

# --8<-- [start:implicit]
y.backward()  # raises: RuntimeError
# --8<-- [end:implicit]

# --8<-- [start:vjp]
v = torch.tensor([0.1, 1.0, 0.0001])
y.backward(v)
print(x.grad)
# --8<-- [end:vjp]

# --8<-- [start:same-shape-other-v]
# Same shape as v, other values, other gradient: v carries numbers, not a shape.
for weights in ([1.0, 1.0, 1.0], [0.0, 0.0, 5.0]):
    x.grad = None
    (2 * x).backward(torch.tensor(weights))
    print(weights, "->", x.grad)
# --8<-- [end:same-shape-other-v]

# --8<-- [start:as-a-loss]
# backward(v) gives the same gradient as the scalar loss L = sum(v * y).
x.grad = None
loss = (v * (2 * x)).sum()
loss.backward()
print(x.grad)
# --8<-- [end:as-a-loss]

# --8<-- [start:mismatch]
y = 2 * x
y.backward(torch.tensor([0.1, 1.0]))  # raises: RuntimeError
# --8<-- [end:mismatch]
