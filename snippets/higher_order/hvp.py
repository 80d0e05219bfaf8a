"""Hessian-vector products three ways, checked against the full Hessian, and their cost."""

# --8<-- [start:f]
import torch
from torch.func import grad, hessian, jvp
from torch.utils.flop_counter import FlopCounterMode

torch.manual_seed(0)


def make_loss(n, m=20):
    """A tiny regression loss: n weights in, one number out."""
    X = torch.randn(m, n, dtype=torch.float64)
    y = torch.randn(m, 1, dtype=torch.float64)

    def f(w):
        return (torch.tanh(X @ w.unsqueeze(1)) - y).pow(2).sum()

    return f


n = 100
f = make_loss(n)
w = torch.randn(n, dtype=torch.float64)
v = torch.randn(n, dtype=torch.float64)  # the direction
# --8<-- [end:f]


# --8<-- [start:three-ways]
def hvp_double_backward(f, w, v):
    w = w.detach().requires_grad_()
    (g,) = torch.autograd.grad(f(w), w, create_graph=True)  # g = ∇f(w), with a graph
    # The gradient of g·v with respect to w is H v: grad_outputs=v dots g with v for us.
    (hv,) = torch.autograd.grad(g, w, grad_outputs=v)
    return hv


def hvp_functional(f, w, v):
    return torch.autograd.functional.hvp(f, w, v)[1]  # returns (f(w), H v)


def hvp_forward_over_reverse(f, w, v):
    return jvp(grad(f), (w,), (v,))[1]  # the derivative of ∇f along v


hvps = {
    "double backward": hvp_double_backward(f, w, v),
    "functional.hvp": hvp_functional(f, w, v),
    "jvp(grad(f))": hvp_forward_over_reverse(f, w, v),
}
for name, hv in hvps.items():
    print(f"{name:16}", hv[:3])
# --8<-- [end:three-ways]

# --8<-- [start:agree]
H = hessian(f)(w)  # the full n x n matrix
print(tuple(H.shape), "symmetric:", torch.allclose(H, H.T))
for name, hv in hvps.items():
    print(f"{name:16} equals H @ v: {torch.allclose(hv, H @ v)}")
# --8<-- [end:agree]


# --8<-- [start:count]
def flops(fn, *args):
    """Floating-point operations in matrix products: the same count on every machine."""
    with FlopCounterMode(display=False) as counter:
        fn(*args)
    return counter.get_total_flops()


methods = {
    "f(w) itself": lambda f, w, v: f(w),
    "double backward": hvp_double_backward,
    "functional.hvp": hvp_functional,
    "functional.vhp": lambda f, w, v: torch.autograd.functional.vhp(f, w, v)[1],
    "jvp(grad(f))": hvp_forward_over_reverse,
    "full Hessian": lambda f, w, v: hessian(f)(w),
}
sizes = (10, 100, 300)
cost = {}  # in units of one evaluation of f
print(f"{'n =':>16}" + "".join(f"{size:>8}" for size in sizes))
for name, method in methods.items():
    for size in sizes:
        f_n = make_loss(size)
        w_n, v_n = torch.randn(size, dtype=torch.float64), torch.randn(size, dtype=torch.float64)
        cost[name, size] = flops(method, f_n, w_n, v_n) / flops(f_n, w_n)
    print(f"{name:>16}" + "".join(f"{cost[name, size]:>8g}" for size in sizes))
# --8<-- [end:count]
