"""The forward and backward passes of z = x * x + 1, drawn from the real values."""

import torch

from autograd_illustrated.graphs import renumber_nodes, save_graph

torch.manual_seed(0)

# --8<-- [start:compute]
x = torch.tensor(3.0, requires_grad=True)
y = x * x
y.retain_grad()  # keep the gradient of the intermediate too, to label the picture
z = y + 1
z.backward()
print(f"forward:  x = {x.item()}, y = {y.item()}, z = {z.item()}")
print(f"backward: dz/dz = 1.0, dz/dy = {y.grad.item()}, dz/dx = {x.grad.item()}")
# --8<-- [end:compute]


def forward_backward_dot(x, y, z):
    """DOT text: the forward pass on the top row, the backward pass on the bottom row."""
    blue = 'color="#1e88e5", fontcolor="#1e88e5", penwidth=1.6'
    orange = 'color="#e65100", fontcolor="#e65100", penwidth=1.6'
    grey = 'color="#78909c", fontcolor="#78909c", style=dotted, arrowhead=none'
    return f"""digraph forward_backward {{
  rankdir=LR;
  ranksep=1.1;
  nodesep=0.7;
  node [shape=box, style="rounded,filled", fontname="Helvetica", margin="0.2,0.1"];
  edge [fontname="Helvetica", fontsize=11];
  x [label="x = {x.item():g}", fillcolor="#bbdefb"];
  y [label="y = x·x = {y.item():g}", fillcolor="#eceff1"];
  z [label="z = y + 1 = {z.item():g}", fillcolor="#c8e6c9"];
  gx [label="dz/dx = 2·x·dz/dy = {x.grad.item():g}", fillcolor="#ffe0b2"];
  gy [label="dz/dy = 1·dz/dz = {y.grad.item():g}", fillcolor="#ffe0b2"];
  gz [label="dz/dz = 1", fillcolor="#ffe0b2"];
  {{ rank=same; x; gx; }}
  {{ rank=same; y; gy; }}
  {{ rank=same; z; gz; }}
  x -> y [label="forward: square", {blue}];
  y -> z [label="forward: add 1", {blue}];
  gx -> gy [label="backward", dir=back, {orange}];
  gy -> gz [label="backward", dir=back, {orange}];
  x -> gx [label="saved x", {grey}];
  z -> gz [label="start", {grey}];
}}
"""


save_graph(forward_backward_dot(x, y, z), "forward-backward")

# --8<-- [start:torchviz]
from torchviz import make_dot  # noqa: E402 - shown where the reader first needs it

graph = make_dot(z, params={"x": x})
# --8<-- [end:torchviz]
save_graph(renumber_nodes(graph), "autograd-graph")  # torchviz names nodes by id(): number them for identical builds
