"""Multiply along a path, add across paths: x feeds two branches that meet again at y."""

import torch

from autograd_illustrated.graphs import save_graph

torch.manual_seed(0)

# --8<-- [start:paths]
x = torch.tensor(1.0, requires_grad=True)
u = 2 * x  # branch 1
v = 3 * x  # branch 2
y = u + v  # the branches meet again


def factor(out, inp):
    """How many times over `out` moves when `inp` moves a little (one edge of the picture)."""
    return torch.autograd.grad(out, inp, retain_graph=True)[0].item()


edges = {"x->u": factor(u, x), "u->y": factor(y, u), "x->v": factor(v, x), "v->y": factor(y, v)}
top = edges["x->u"] * edges["u->y"]  # multiply along the path x -> u -> y
bottom = edges["x->v"] * edges["v->y"]  # multiply along the path x -> v -> y
print("path through u:", top)
print("path through v:", bottom)
print("add the paths: ", top + bottom)
y.backward()
print("autograd:      ", x.grad.item())
# --8<-- [end:paths]


def paths_dot():
    """DOT text: the computation runs left to right along the arrows; each edge carries
    how many times over its end moves when its start moves."""
    ink = 'fontname="Helvetica", fontsize=12, penwidth=1.4'
    drawn = [
        ("x", "u", edges["x->u"], "#1e88e5"),
        ("u", "y", edges["u->y"], "#1e88e5"),
        ("x", "v", edges["x->v"], "#e65100"),
        ("v", "y", edges["v->y"], "#e65100"),
    ]
    lines = [
        f'  {a} -> {b} [label="×{k:g}", color="{c}", fontcolor="{c}", {ink}];'
        for a, b, k, c in drawn
    ]
    return "\n".join(
        [
            "digraph two_paths {",
            "  rankdir=LR;",
            "  ranksep=0.9;",
            "  nodesep=0.5;",
            '  node [shape=box, style="rounded,filled", fontname="Helvetica", margin="0.2,0.1"];',
            f'  x [label="x = {x.item():g}", fillcolor="#bbdefb"];',
            f'  u [label="u = 2·x = {u.item():g}", fillcolor="#eceff1"];',
            f'  v [label="v = 3·x = {v.item():g}", fillcolor="#eceff1"];',
            f'  y [label="y = u + v = {y.item():g}", fillcolor="#c8e6c9"];',
            *lines,
            "}",
            "",
        ]
    )


save_graph(paths_dot(), "two-paths")
