"""How the gradient reaching the first layer scales with depth: like a**n."""

# --8<-- [start:setup]
import math

import torch

torch.manual_seed(0)

width, max_depth = 32, 50
# One fixed set of random layers; only the scale a changes between runs.
base_layers = [torch.randn(width, width) / math.sqrt(width) for _ in range(max_depth)]


def gradient_at_input(scale, depth):
    """Norm of dz/ds0 for z = sum(s0 · (a·W1) · (a·W2) ⋯ (a·W_depth))."""
    s0 = torch.ones(1, width, requires_grad=True)
    s = s0
    for layer in base_layers[:depth]:
        s = s.mm(scale * layer)
    s.sum().backward()
    return s0.grad.norm().item()
# --8<-- [end:setup]

from autograd_illustrated.figures import new_figure, save_figure  # noqa: E402

# --8<-- [start:measure]
depths = range(1, max_depth + 1)
norms = {a: [gradient_at_input(a, n) for n in depths] for a in (1.25, 1.0, 0.8)}
for n in (1, 10, 20, 30, 40, 50):
    row = "  ".join(f"a={a}: {norms[a][n - 1]:10.4g}" for a in norms)
    print(f"depth {n:2d}  {row}")
# --8<-- [end:measure]

# --8<-- [start:ratio]
# The same random layers under every scale: the curves differ by exactly a**n.
for a in (1.25, 0.8):
    ratios = [norms[a][n - 1] / norms[1.0][n - 1] / a**n for n in depths]
    print(f"a={a}: measured / (a**n · measured at a=1) lies in [{min(ratios):.5f}, {max(ratios):.5f}]")
# --8<-- [end:ratio]

# --8<-- [start:sigmoid]
for n in (1, 5, 10, 20):
    x = torch.tensor(0.0, requires_grad=True)
    y = x
    for _ in range(n):
        y = torch.sigmoid(y)
    y.backward()
    print(f"{n:2d} sigmoids: dy/dx = {x.grad.item():.3g}   (0.25**{n} = {0.25**n:.3g})")
# --8<-- [end:sigmoid]

fig, ax = new_figure()
styles = {1.25: ("C3", "o"), 1.0: ("gray", "."), 0.8: ("C0", "s")}
for a, values in norms.items():
    color, marker = styles[a]
    ax.semilogy(depths, values, color=color, marker=marker, markersize=3, label=rf"$a = {a}$")
ax.set_xlabel(r"$n$")
ax.set_ylabel(r"$\|\partial z / \partial s_0\|$")
ax.legend()
save_figure(fig, "gradient-vs-depth")
