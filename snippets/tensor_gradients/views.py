"""Views: the gradient is the upstream gradient put back in the input's shape."""

import torch

from autograd_illustrated.graphs import save_annotated, trace

torch.manual_seed(0)

# --8<-- [start:views]
x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
for name, make in [
    ("x.t()", lambda t: t.t()),
    ("x.reshape(3, 2)", lambda t: t.reshape(3, 2)),
    ("x.unsqueeze(0)", lambda t: t.unsqueeze(0)),
    ("x[:, 1:]", lambda t: t[:, 1:]),
]:
    out = make(x)
    (g,) = torch.autograd.grad(out, x, torch.ones_like(out))
    print(f"{name:16} {tuple(out.shape)!s:10} {type(out.grad_fn).__name__:18} x.grad {g.tolist()}")
# --8<-- [end:views]

# --8<-- [start:transpose]
t = x.t()  # (3, 2)
dT = torch.tensor([[1.0, 0.0], [2.0, 0.0], [3.0, 1.0]])
(g,) = torch.autograd.grad(t, x, dT)
print(g)
print(torch.equal(g, dT.t()))  # the gradient of a transpose is the transposed gradient
# --8<-- [end:transpose]

# --8<-- [start:chain]
part = x.t()[1:]  # rows 1 and 2 of x.t(): columns 1 and 2 of x
record = trace(part, {"x": x, "part": part})
part.backward(torch.ones(2, 2))
print(x.grad)
# --8<-- [end:chain]
save_annotated(record.graph(), "views")

# --8<-- [start:gradcheck]
x64 = torch.randn(2, 3, dtype=torch.float64, requires_grad=True)
print(torch.autograd.gradcheck(lambda a: a.t()[1:].reshape(4), (x64,)))
# --8<-- [end:gradcheck]
