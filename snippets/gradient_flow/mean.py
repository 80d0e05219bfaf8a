"""out = mean(3 (x + 2)^2) with x = ones(2, 2): every element of x.grad is 4.5."""

import torch

from autograd_illustrated.graphs import save_annotated, save_stepthrough, trace

torch.manual_seed(0)

# --8<-- [start:trace]
x = torch.ones(2, 2, requires_grad=True)
y = x + 2
z = y * y * 3
out = z.mean()

record = trace(out, {"x": x, "y": y, "z": z, "out": out})
out.backward()
print(x.grad)
# --8<-- [end:trace]

# --8<-- [start:order]
for step, node in enumerate(record.run_order(), start=1):
    print(step, node.title, node.grad)
# --8<-- [end:order]

save_annotated(record.graph(), "mean")
save_stepthrough(record, "mean-steps")

# --8<-- [start:nonleaf]
print(record.node_for(y).grad)  # what the engine sent through y's node
print(y.grad)  # y is not a leaf: PyTorch did not keep it
# --8<-- [end:nonleaf]
