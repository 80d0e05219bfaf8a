"""Stage 5: the same expression in PyTorch, in float64, and both graphs."""

# --8<-- [start:both]
import torch

from autograd_illustrated.engine import Value, topological_order
from autograd_illustrated.graphs import trace

torch.manual_seed(0)

a = Value(0.5, label="a")
b = Value(-2.0, label="b")
y = (a * b + a).tanh()
y.label = "y"
y.backward()

ta = torch.tensor(0.5, dtype=torch.float64, requires_grad=True)
tb = torch.tensor(-2.0, dtype=torch.float64, requires_grad=True)
ty = (ta * tb + ta).tanh()
record = trace(ty, {"a": ta, "b": tb, "y": ty})  # hooks in place, before backward
ty.backward()

print("ours :", y.data, a.grad, b.grad)
print("torch:", ty.item(), ta.grad.item(), tb.grad.item())
print("largest difference:", max(abs(y.data - ty.item()),
                                 abs(a.grad - ta.grad.item()),
                                 abs(b.grad - tb.grad.item())))
# --8<-- [end:both]

# --8<-- [start:order]
print("ours :", [v.op or v.label for v in reversed(topological_order(y))])
print("torch:", [node.title for node in record.run_order()])
# --8<-- [end:order]

from autograd_illustrated.graphs import save_annotated  # noqa: E402

save_annotated(record.graph(), "torch")
