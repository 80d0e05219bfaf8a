"""A renderer-neutral model of an annotated backward graph, and its DOT.

Any engine can describe its graph with `Node` and `Graph`: PyTorch (see
`tracing`), or the small engine built on the "build your own
autograd" page. `to_dot` turns the description into Graphviz DOT, which
`render_svg` or `save_graph`
lays out as SVG.

The DOT is a pure function of the graph: nodes and edges are written in the order given,
with the ids given, so the same graph always gives the same SVG, byte for byte.

Example:
    >>> from autograd_illustrated.graphs.annotated import Graph, Node, to_dot
    >>> graph = Graph(
    ...     nodes=[Node("n0", "output", "y", shape="()", value="6", grad="1"),
    ...            Node("n1", "op", "MulBackward0", grad="1"),
    ...            Node("n2", "leaf", "x", shape="()", value="3", grad="2")],
    ...     edges=[("n0", "n1"), ("n1", "n2")],
    ... )
    >>> print(to_dot(graph).splitlines()[0])
    digraph {
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field

__all__ = ["KINDS", "LABELS", "Graph", "Node", "format_tensor", "save_annotated", "to_dot"]

KINDS = ("leaf", "op", "output")
"""The kinds of node `to_dot` knows how to draw."""


@dataclass
class Node:
    """One node of an annotated backward graph.

    Attributes:
        id: Stable id used in the DOT (``"n0"``, ``"n1"``, …). Keep ids a function of the
            graph's structure, never of memory addresses, so renders are reproducible.
        kind: ``"leaf"`` (a tensor created by the user), ``"op"`` (a backward function such
            as ``MulBackward0``) or ``"output"`` (the tensor ``backward()`` starts from).
        title: The operation's name for ops; the variable's name for leaves and outputs.
        shape: The tensor's shape as text, e.g. ``"(2, 2)"``.
        value: The forward value as text (small tensors only; see `format_tensor`).
        grad: The gradient that reached this node during backward, as text.
        step: When the engine ran this node: 1 for the first node it ran, 2 for the next, …
        via: For a leaf, the backward function that writes its ``.grad`` (PyTorch's
            ``AccumulateGrad``). `to_dot` draws it as its own node between the leaf and the
            operations that use it, as torchviz does, and puts the leaf's step there: it is
            what the engine ran. ``None`` (the default) draws no such node.
    """

    id: str
    kind: str
    title: str
    shape: str | None = None
    value: str | None = None
    grad: str | None = None
    step: int | None = None
    via: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"node {self.id!r}: kind must be one of {KINDS}, got {self.kind!r}")


@dataclass
class Graph:
    """Nodes and the edges between them.

    Attributes:
        nodes: The nodes, in the order they should be written (this order is what makes the
            layout deterministic).
        edges: ``(source_id, target_id)`` pairs in the direction the gradient flows: from the
            output towards the leaves. (`to_dot` draws them reversed, as torchviz does.)
    """

    nodes: list[Node] = field(default_factory=list)
    edges: list[tuple[str, str]] = field(default_factory=list)

    def node(self, node_id: str) -> Node:
        """The node with id ``node_id`` (``KeyError`` if there is none)."""
        for node in self.nodes:
            if node.id == node_id:
                return node
        raise KeyError(node_id)

    def by_title(self, title: str) -> list[Node]:
        """Every node whose title is ``title``, in graph order."""
        return [node for node in self.nodes if node.title == title]


LABELS = {
    "en": {"value": "value", "grad": "grad", "step": "step {n}"},
    "zh": {"value": "值", "grad": "梯度", "step": "第 {n} 步"},
}
"""The few words a node label needs, per language."""

# Fill colours chosen to survive the dark scheme's `invert(0.88) hue-rotate(180deg)`:
# light pastel fills turn into dark fills of the same hue, under light text.
_FILL = {"leaf": "#cfe8fc", "op": "#eeeeee", "output": "#d7f5b8"}
_HIGHLIGHT_FILL = "#ffd54f"


def format_tensor(t, max_elements: int = 8, digits: int = 4) -> str | None:
    """Format a small tensor (or number, or nested list) compactly for a node label.

    Returns ``None`` when ``t`` has more than ``max_elements`` elements: a label should
    not carry a whole weight matrix. Numbers are written with up to ``digits``
    significant digits, integers without a trailing ``.0``.

    Works with anything that has ``.tolist()`` (PyTorch tensors, NumPy arrays), with plain
    numbers and with nested lists, so engines other than PyTorch can use it too.

    Example:
        >>> import torch
        >>> format_tensor(torch.tensor(4.5))
        '4.5'
        >>> format_tensor(torch.full((2, 2), 1.5))
        '[[1.5, 1.5], [1.5, 1.5]]'
        >>> format_tensor(torch.zeros(3, 3)) is None
        True
    """
    data = t.tolist() if hasattr(t, "tolist") else t
    if _count(data) > max_elements:
        return None
    return _format(data, digits)


def _count(data) -> int:
    if isinstance(data, list | tuple):
        return sum(_count(item) for item in data)
    return 1


def _format(data, digits: int) -> str:
    if isinstance(data, list | tuple):
        return "[" + ", ".join(_format(item, digits) for item in data) + "]"
    if isinstance(data, bool):
        return str(data)
    if isinstance(data, int):
        return str(data)
    value = float(data)
    if math.isnan(value) or math.isinf(value):
        return str(value)
    text = f"{value:.{digits}g}"
    if text == "-0":
        text = "0"  # -0.0 reads as a different number to a beginner; it is not
    return text


_RECORD_SPECIAL = re.compile(r'([\\{}|<>"])')


def _field(text: str) -> str:
    """Escape text for one field of a Graphviz record label."""
    return _RECORD_SPECIAL.sub(r"\\\1", text)


def _rows(node: Node, lang: str) -> list[str]:
    words = LABELS.get(lang, LABELS["en"])
    rows = [node.title]
    if node.shape is not None:
        rows.append(node.shape)
    if node.value is not None:
        rows.append(f"{words['value']} {node.value}")
    if node.grad is not None:
        rows.append(f"{words['grad']} {node.grad}")
    if node.step is not None:
        rows.append(words["step"].format(n=node.step))
    return rows


def _label(rows: list[str]) -> str:
    # Plain record labels, not HTML-like ones: the WebAssembly Graphviz we render with is
    # built without HTML-label support. Each annotation gets its own field, so the ruled
    # rows carry the structure that colours would otherwise carry.
    return '"{' + "|".join(_field(row) for row in rows) + '}"'


_FONT_SIZE = 11  # points
_PADDING = 14  # points, left and right together


def _width_inches(rows: list[str]) -> str:
    """A node width that fits its longest row in the browser's monospace font.

    Graphviz's own estimate undercounts Chinese characters (which a monospace font draws
    twice as wide as a Latin one), so labels would spill out of their boxes. In a monospace
    font a Latin character is 0.6 em and a CJK character 1.2 em (two columns).
    """
    columns = max(
        sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in row) for row in rows
    )
    return f"{(columns * 0.6 * _FONT_SIZE + _PADDING) / 72:.2f}"


def to_dot(graph: Graph, *, highlight: str | None = None, lang: str = "en") -> str:
    """Write ``graph`` as Graphviz DOT.

    Args:
        graph: The graph to draw.
        highlight: Id of a node to mark (the node the engine is running, in a step-through):
            it gets a gold fill and a thick border.
        lang: ``"en"`` or ``"zh"``: the language of the few words in labels ("grad", "step").

    Returns:
        DOT source, drawn the way torchviz draws: the leaves sit on top, the output at the
        bottom, and arrows point the way values flow in the forward pass, so the gradient
        travels against them, from the bottom up. (``graph.edges`` keep the gradient's
        direction; only the drawing reverses them.)

    Raises:
        ValueError: an edge or ``highlight`` names a node that is not in the graph.
    """
    ids = [node.id for node in graph.nodes]
    known = set(ids)
    if len(known) != len(ids):
        raise ValueError("node ids must be unique")
    for source, target in graph.edges:
        if source not in known or target not in known:
            raise ValueError(f"edge ({source!r}, {target!r}) names a node not in the graph")
    if highlight is not None and highlight not in known:
        raise ValueError(f"highlight {highlight!r} is not a node of the graph")

    lines = [
        "digraph {",
        "\tgraph [bgcolor=transparent nodesep=0.3 ranksep=0.35]",
        f'\tnode [shape=Mrecord style=filled fontname="Courier,monospace" fontsize={_FONT_SIZE} '
        'color="#333333" penwidth=1]',
        '\tedge [color="#444444" arrowsize=0.7]',
    ]
    # A leaf drawn with its accumulator: arrows leave from the accumulator, not the leaf.
    drawn_from = {}
    for node in graph.nodes:
        if node.kind == "leaf" and node.via is not None:
            leaf = Node(node.id, node.kind, node.title, node.shape, node.value, node.grad)
            via = Node(f"{node.id}_via", "op", node.via, step=node.step)
            # The engine ran the accumulator for this leaf: a step-through lights up both.
            _write_node(lines, leaf, lang, highlight=node.id == highlight)
            _write_node(lines, via, lang, highlight=node.id == highlight)
            lines.append(f"\t{node.id} -> {via.id}")
            drawn_from[node.id] = via.id
        else:
            _write_node(lines, node, lang, highlight=node.id == highlight)
    for source, target in graph.edges:
        lines.append(f"\t{drawn_from.get(target, target)} -> {source}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _write_node(lines: list[str], node: Node, lang: str, *, highlight: bool) -> None:
    rows = _rows(node, lang)
    attrs = [f"label={_label(rows)}", f"width={_width_inches(rows)}"]
    attrs.append(f'fillcolor="{_FILL[node.kind]}"')
    if highlight:
        attrs = [*attrs[:2], f'fillcolor="{_HIGHLIGHT_FILL}"', "penwidth=3"]
    lines.append(f"\t{node.id} [{' '.join(attrs)}]")


def save_annotated(
    graph: Graph,
    name: str,
    *,
    highlight: str | None = None,
    langs: tuple[str, ...] = ("zh", "en"),
) -> list:
    """Render ``graph`` once per language, to ``<name>-<lang>.svg`` (e.g. ``h-zh.svg``).

    Like `save_graph`, files land in the running
    snippet's generated folder. Only the label words differ between languages.

    Returns:
        The written paths, in the order of ``langs``.
    """
    from .svg import save_graph  # here, not at the top: this module must stay import-light

    return [
        save_graph(to_dot(graph, highlight=highlight, lang=lang), f"{name}-{lang}")
        for lang in langs
    ]
