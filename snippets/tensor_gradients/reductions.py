"""Reductions: sum and mean hand the gradient to every element, max to the winner(s)."""

import torch

from autograd_illustrated.graphs import save_annotated, trace

torch.manual_seed(0)

# --8<-- [start:sum-mean]
x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
(g_sum,) = torch.autograd.grad(x.sum(), x)
(g_mean,) = torch.autograd.grad(x.mean(), x)
(g_rows,) = torch.autograd.grad(x.sum(dim=1), x, torch.tensor([1.0, -2.0]))
print(g_sum)
print(g_mean)
print(g_rows)
# --8<-- [end:sum-mean]

# --8<-- [start:sum-is-expand]
d_rows = torch.tensor([1.0, -2.0])  # one number per row of x
print(torch.equal(d_rows[:, None].expand(2, 3), g_rows))
# --8<-- [end:sum-is-expand]

# --8<-- [start:max]
v = torch.tensor([1.0, 3.0, 3.0, 2.0], requires_grad=True)  # a tie at the top
for name, reduce in [
    ("v.max()", lambda t: t.max()),
    ("v.amax(dim=0)", lambda t: t.amax(dim=0)),
    ("v.max(dim=0).values", lambda t: t.max(dim=0).values),
]:
    (g,) = torch.autograd.grad(reduce(v), v)
    print(f"{name:20} {g}")
print("v.max(dim=0).indices", v.max(dim=0).indices)
# --8<-- [end:max]

# --8<-- [start:max-rows]
m = torch.tensor([[1.0, 5.0, 4.0], [2.0, 0.0, 2.0]], requires_grad=True)
top = m.max(dim=1).values
record = trace(top, {"m": m, "top": top})
top.backward(torch.tensor([1.0, 1.0]))
print(top)
print(m.grad)
# --8<-- [end:max-rows]
save_annotated(record.graph(), "max")

# --8<-- [start:gradcheck]
r64 = torch.randn(3, 4, dtype=torch.float64, requires_grad=True)
print(torch.autograd.gradcheck(lambda t: t.sum(dim=1), (r64,)))
print(torch.autograd.gradcheck(lambda t: t.mean(), (r64,)))
u64 = torch.randn(5, dtype=torch.float64, requires_grad=True)  # no ties: max is smooth here
print(torch.autograd.gradcheck(lambda t: t.max(dim=0).values, (u64,)))
# --8<-- [end:gradcheck]

# --8<-- [start:tie-gradcheck]
v64 = v.detach().double().requires_grad_()
print(torch.autograd.gradcheck(lambda t: t.amax(dim=0), (v64,)))
torch.autograd.gradcheck(lambda t: t.max(dim=0).values, (v64,))  # raises: GradcheckError
# --8<-- [end:tie-gradcheck]

# --8<-- [start:argmax]
i = v.argmax()  # an integer position: no gradient can flow through it
print(i, i.requires_grad, i.grad_fn)
i.float().backward()  # raises: RuntimeError
# --8<-- [end:argmax]
