"""Writing a torchviz graph to disk: `filename` names the file, not the folder."""

import os
import tempfile

import torch

torch.manual_seed(0)

start = os.getcwd()
os.chdir(tempfile.mkdtemp())  # a scratch folder, so the relative paths below stay tidy

# --8<-- [start:graph]
from torchviz import make_dot  # noqa: E402 - shown where the reader first needs it

x = torch.tensor([1.0], requires_grad=True)
w = torch.tensor([4.0], requires_grad=True)
b = torch.tensor([0.5], requires_grad=True)
graph = make_dot(w * x + b, params={"x": x, "w": w, "b": b})
print(type(graph).__name__, graph.source.splitlines()[0])
# --8<-- [end:graph]

# --8<-- [start:render]
import os  # noqa: E402 - shown where the reader first needs it

import graphviz  # noqa: E402 - shown where the reader first needs it

os.makedirs("calc_graph", exist_ok=True)
try:
    print(graph.render(filename="calc_graph/graph_forward", format="pdf"))
except graphviz.ExecutableNotFound as error:  # Graphviz's `dot` program is not installed
    print(f"{type(error).__name__}: {error}")
print(sorted(os.listdir("calc_graph")))  # render() saved the DOT source first
# --8<-- [end:render]

# --8<-- [start:folder]
graph.save(filename="calc_graph")  # raises: IsADirectoryError
# --8<-- [end:folder]

# --8<-- [start:no-folder]
print(graph.save(filename="figures"))  # meant as a folder, but there is none
print(os.path.isfile("figures"))  # so "figures" is now the DOT file itself
# --8<-- [end:no-folder]

os.chdir(start)
