"""h = w * x + b, annotated: what each node received during backward."""

# --8<-- [start:trace]
import torch

from autograd_illustrated.graphs import save_annotated, trace

torch.manual_seed(0)

x = torch.tensor([1.0], requires_grad=True)
w = torch.tensor([4.0], requires_grad=True)
b = torch.tensor([0.5], requires_grad=True)
h = w * x + b

record = trace(h, {"x": x, "w": w, "b": b, "h": h})  # hook the graph before backward
h.backward()

for node in record.run_order():
    print(node.title, "received", node.grad)
# --8<-- [end:trace]

# --8<-- [start:draw]
graph = record.graph()  # nodes, edges, and every label as data
save_annotated(graph, "linear")  # one SVG per page language
# --8<-- [end:draw]

from autograd_illustrated.graphs import save_stepthrough  # noqa: E402

save_stepthrough(record, "linear-steps")
