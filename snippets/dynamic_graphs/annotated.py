"""h = w * x + b drawn by the site's own renderer: values, shapes and gradients on the nodes."""

import torch

from autograd_illustrated.graphs import save_annotated, trace

torch.manual_seed(0)

# --8<-- [start:draw]
x = torch.tensor([1.0], requires_grad=True)
w = torch.tensor([4.0], requires_grad=True)
b = torch.tensor([0.5], requires_grad=True)
h = w * x + b

record = trace(h, {"x": x, "w": w, "b": b, "h": h})  # before backward: hooks in place
h.backward()
save_annotated(record.graph(), "annotated")
# --8<-- [end:draw]
