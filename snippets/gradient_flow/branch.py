"""One input used on two paths: the engine adds both gradients before x receives them."""

import torch

from autograd_illustrated.graphs import save_annotated, save_stepthrough, trace

torch.manual_seed(0)

# --8<-- [start:trace]
x = torch.tensor(3.0, requires_grad=True)
a = x * 2  # path 1: da/dx = 2
c = x**2  # path 2: dc/dx = 2x = 6
out = a + c

arrivals = []
x.register_hook(lambda grad: arrivals.append(grad.item()))  # sees what reaches x

record = trace(out, {"x": x, "a": a, "c": c, "out": out})
out.backward()
print("arrivals at x:", arrivals)
print("x.grad:", x.grad)
# --8<-- [end:trace]

# --8<-- [start:order]
print([node.title for node in record.run_order()])
# --8<-- [end:order]

save_annotated(record.graph(), "branch")
save_stepthrough(record, "branch-steps")

# --8<-- [start:again]
out.backward()  # raises: RuntimeError
# --8<-- [end:again]
