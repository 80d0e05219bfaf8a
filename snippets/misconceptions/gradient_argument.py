"""The `gradient` argument of backward() carries weights, not a shape."""

import torch

torch.manual_seed(0)

# --8<-- [start:weights]
x = torch.ones(3, requires_grad=True)
v = torch.tensor([0.1, 1.0, 0.0001])

y = x * 2
y.backward(gradient=v)
print(x.grad)
# --8<-- [end:weights]

# --8<-- [start:same-shape-other-values]
x.grad = None
y = x * 2
y.backward(gradient=torch.tensor([1.0, 0.0, -1.0]))  # same shape, new values
print(x.grad)
# --8<-- [end:same-shape-other-values]

# --8<-- [start:weighted-sum]
x.grad = None
y = x * 2
(y * v).sum().backward()  # an ordinary scalar loss: the weighted sum of y
print(x.grad)
# --8<-- [end:weighted-sum]

# --8<-- [start:errors]
y = x * 2
y.backward()  # raises: RuntimeError
y.backward(gradient=torch.ones(2))  # raises: RuntimeError
# --8<-- [end:errors]
