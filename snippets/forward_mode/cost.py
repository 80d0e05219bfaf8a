"""When forward mode is cheaper and when reverse mode is: count the passes."""

import torch
from torch.func import jvp, vjp

torch.manual_seed(0)


# --8<-- [start:counting]
def jacobian_by_columns(f, x):
    """Forward mode: one jvp per input, each gives a column of J."""
    columns = [jvp(f, (x,), (e,))[1] for e in torch.eye(x.numel())]
    return torch.stack(columns, dim=1), len(columns)


def jacobian_by_rows(f, x):
    """Reverse mode: one vjp per output, each gives a row of J."""
    out, pullback = vjp(f, x)
    rows = [pullback(e)[0] for e in torch.eye(out.numel())]
    return torch.stack(rows, dim=0), len(rows)


# --8<-- [end:counting]

# --8<-- [start:wide]
w = torch.randn(50)


def loss(x):  # 50 inputs, 1 output: the shape of a training loss
    return (w * x).tanh().sum().reshape(1)


x = torch.randn(50)
J_fwd, fwd_passes = jacobian_by_columns(loss, x)
J_rev, rev_passes = jacobian_by_rows(loss, x)
print(tuple(J_fwd.shape), "forward passes:", fwd_passes, " reverse passes:", rev_passes)
print(torch.allclose(J_fwd, J_rev))
# --8<-- [end:wide]

# --8<-- [start:tall]
a = torch.randn(50)


def curve(t):  # 1 input, 50 outputs: a path traced through space
    return torch.sin(a * t)


t = torch.tensor([0.5])
J_fwd, fwd_passes = jacobian_by_columns(curve, t)
J_rev, rev_passes = jacobian_by_rows(curve, t)
print(tuple(J_fwd.shape), "forward passes:", fwd_passes, " reverse passes:", rev_passes)
print(torch.allclose(J_fwd, J_rev))
# --8<-- [end:tall]
