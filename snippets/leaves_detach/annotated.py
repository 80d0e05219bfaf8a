"""h = w * x.detach() + b * x: the detached use of x is not in the graph, the other use is."""

import torch

from autograd_illustrated.graphs import save_annotated, trace

torch.manual_seed(0)

# --8<-- [start:draw]
w = torch.tensor([4.0], requires_grad=True)
b = torch.tensor([0.5], requires_grad=True)
x = torch.tensor([1.0], requires_grad=True)
h = w * x.detach() + b * x

record = trace(h, {"w": w, "b": b, "x": x, "h": h})
h.backward()
save_annotated(record.graph(), "annotated")
print(x.grad)
# --8<-- [end:draw]
