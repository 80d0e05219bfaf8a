"""The straight-through estimator: round in the forward pass, pretend it was the identity in backward."""

import torch

from autograd_illustrated.graphs import make_dot, save_graph

torch.manual_seed(0)

# --8<-- [start:round-kills]
x = torch.tensor([0.2, 0.7, 1.4, -0.6], requires_grad=True)
torch.round(x).sum().backward()
print(x.grad)  # round is flat almost everywhere: its derivative is 0
# --8<-- [end:round-kills]

# --8<-- [start:ste]
x.grad = None
q = x + (torch.round(x) - x).detach()  # value: round(x); gradient: that of x alone
print(q)
print(torch.equal(q, torch.round(x)))
q.sum().backward()
print(x.grad)
# --8<-- [end:ste]

save_graph(make_dot(q, params={"x": x}), "ste")


# --8<-- [start:function]
class RoundSTE(torch.autograd.Function):
    @staticmethod
    def forward(x):
        return torch.round(x)

    @staticmethod
    def setup_context(ctx, inputs, output):
        pass  # the identity's backward needs nothing from the forward pass

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output


x.grad = None
RoundSTE.apply(x).sum().backward()
print(x.grad)
# --8<-- [end:function]

# --8<-- [start:gradcheck]
x64 = torch.tensor([0.2, 0.7, 1.4], dtype=torch.float64, requires_grad=True)
torch.autograd.gradcheck(RoundSTE.apply, (x64,))  # raises: GradcheckError
# --8<-- [end:gradcheck]


# --8<-- [start:train]
def fit(quantize, steps=60):
    """Learn w in y = q(w) x for data made with w = 1.5, where q rounds to halves."""
    torch.manual_seed(0)
    xs = torch.randn(32)
    ys = 1.5 * xs
    w = torch.tensor(0.1, requires_grad=True)
    opt = torch.optim.SGD([w], lr=0.05)
    for _ in range(steps):
        loss = (quantize(w) * xs - ys).pow(2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
    return w.item(), quantize(w).item(), loss.item()


def plain(w):
    return torch.round(w * 2) / 2


def straight_through(w):
    return w + (plain(w) - w).detach()


for name, quantize in [("round", plain), ("STE", straight_through)]:
    w, q, loss = fit(quantize)
    print(f"{name:>5}: w = {w:.3f}, q(w) = {q:.1f}, loss = {loss:.4f}")
# --8<-- [end:train]
