"""Two forward passes, two graphs: each sends w the same gradient, and .grad adds them up."""

import torch

from autograd_illustrated.graphs import save_annotated, trace

torch.manual_seed(0)

# --8<-- [start:draw]
w = torch.tensor([2.0], requires_grad=True)
x = torch.tensor([3.0])

for _ in range(2):
    loss = w * x  # a new graph on every pass
    record = trace(loss, {"w": w, "loss": loss})
    loss.backward()
    print("reached w:", record.node_for(w).grad, " w.grad:", w.grad)

save_annotated(record.graph(), "annotated")  # the second pass's graph
# --8<-- [end:draw]
