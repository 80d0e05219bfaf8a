"""Computation graphs as deterministic SVG.

- :func:`make_dot` is torchviz's ``make_dot`` with stable node names.
- :func:`render_svg` lays out DOT with Graphviz compiled to WebAssembly (no system Graphviz).
- :func:`save_graph` renders a graph into the running snippet's generated folder.
- :class:`Graph`, :class:`Node` and :func:`to_dot` describe an annotated backward graph from
  any engine (see :mod:`.annotated`); :func:`trace` and :func:`draw` build one from a real
  PyTorch backward pass, and :func:`save_stepthrough` turns it into step-by-step frames.
"""

from .annotated import Graph, Node, format_tensor, save_annotated, to_dot
from .dot import make_dot, renumber_nodes
from .stepthrough import save_stepthrough
from .svg import GraphRenderError, render_svg, save_graph
from .tracing import Trace, draw, trace

__all__ = [
    "Graph",
    "GraphRenderError",
    "Node",
    "format_tensor",
    "make_dot",
    "render_svg",
    "renumber_nodes",
    "save_annotated",
    "save_graph",
    "save_stepthrough",
    "to_dot",
    "Trace",
    "draw",
    "trace",
]
