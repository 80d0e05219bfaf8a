"""y.backward(v): the vector v is the gradient the engine starts from, at the output node."""

import torch

from autograd_illustrated.graphs import save_annotated, trace

torch.manual_seed(0)

# --8<-- [start:draw]
x = torch.ones(3, requires_grad=True)
y = 2 * x
v = torch.tensor([0.1, 1.0, 0.0001])

record = trace(y, {"x": x, "y": y})
y.backward(v)
save_annotated(record.graph(), "annotated")
print(x.grad)
# --8<-- [end:draw]
