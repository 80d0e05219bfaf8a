"""Computation graphs as deterministic SVG.

- :func:`make_dot` is torchviz's ``make_dot`` with stable node names.
- :func:`render_svg` lays out DOT with Graphviz compiled to WebAssembly (no system Graphviz).
- :func:`save_graph` renders a graph into the running snippet's generated folder.
- :class:`Graph`, :class:`Node` and :func:`to_dot` describe an annotated backward graph from
  any engine (see :mod:`.annotated`).
"""

from .annotated import Graph, Node, format_tensor, to_dot
from .dot import make_dot, renumber_nodes
from .svg import GraphRenderError, render_svg, save_graph

__all__ = [
    "Graph",
    "GraphRenderError",
    "Node",
    "format_tensor",
    "make_dot",
    "render_svg",
    "renumber_nodes",
    "save_graph",
    "to_dot",
]
