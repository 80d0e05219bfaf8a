"""Draw a graph of the build-your-own engine with the same renderer as PyTorch's graphs.

:func:`value_graph` describes the values behind an output
:class:`~autograd_illustrated.engine.Value` as an annotated :class:`~.annotated.Graph`,
laid out the way the PyTorch graphs on this site are: the named inputs (leaves) on top,
one node per operation, the output at the bottom, arrows along the forward pass (the
gradient flows against them). The engine has no AccumulateGrad: its ``backward()`` adds
into each leaf's ``grad`` itself.

    >>> from autograd_illustrated.engine import Value
    >>> a = Value(3.0, label="a")
    >>> y = a * a
    >>> y.label = "y"
    >>> [(n.kind, n.title) for n in value_graph(y).nodes]
    [('output', 'y'), ('op', '*'), ('leaf', 'a')]
"""

from __future__ import annotations

from ..engine import Value, topological_order
from .annotated import Graph, Node, format_tensor, save_annotated


def _is_constant(value: Value) -> bool:
    # A plain number the engine wrapped (the 2 in `2 * x`): no parents and no name.
    # PyTorch keeps such numbers inside the operation rather than drawing them.
    return not value.parents and not value.label


def value_graph(
    output: Value,
    *,
    show_values: bool = True,
    show_grads: bool = True,
    show_steps: bool = False,
    show_constants: bool = False,
) -> Graph:
    """Describe the graph behind ``output`` as an annotated :class:`Graph`.

    Args:
        output: The value whose graph to draw; its ``label`` titles the output node.
        show_values: Label each node with its forward value.
        show_grads: Label each node with its ``.grad`` (call ``backward()`` first).
        show_steps: Number the nodes in the order ``backward()`` visits them.
        show_constants: Draw wrapped plain numbers as leaves too.

    Returns:
        The graph; node ids are ``n0``, ``n1``, … in the order the nodes are first
        reached from the output, so the same expression always gives the same drawing.
    """
    ids: dict[int, str] = {}
    nodes: list[Node] = []
    edges: list[tuple[str, str]] = []
    visit_order = list(reversed(topological_order(output)))
    shown = [v for v in visit_order if show_constants or not _is_constant(v)]
    step_of = {id(v): i for i, v in enumerate(shown, start=1)}

    def annotate(value: Value, node_id: str, kind: str, title: str) -> Node:
        return Node(
            node_id,
            kind,
            title,
            value=format_tensor(value.data) if show_values else None,
            grad=format_tensor(value.grad) if show_grads else None,
            step=step_of.get(id(value)) if show_steps else None,
        )

    def node_id_of(value: Value) -> str:
        key = id(value)
        if key not in ids:
            ids[key] = f"n{len(ids)}"
            if value.parents:
                nodes.append(annotate(value, ids[key], "op", value.op))
            else:
                title = value.label or format_tensor(value.data)
                nodes.append(annotate(value, ids[key], "leaf", title))
        return ids[key]

    # The output is drawn twice over, as in PyTorch: the result itself at the bottom, and
    # the operation that produced it just above.
    top = "out"
    nodes.append(
        Node(
            top,
            "output",
            output.label or "output",
            value=format_tensor(output.data) if show_values else None,
            # backward() starts from d(output)/d(output) = 1, as PyTorch's does.
            grad=format_tensor(1.0) if show_grads else None,
        )
    )
    # Breadth-first from the output, so ids follow the drawing from the bottom up.
    queue, expanded = [output], set()
    edges.append((top, node_id_of(output)))
    while queue:
        value = queue.pop(0)
        if id(value) in expanded:
            continue
        expanded.add(id(value))
        for parent in value.parents:
            if _is_constant(parent) and not show_constants:
                continue
            # One arrow per use, as in the PyTorch graphs: `a * a` draws two arrows
            # into `a`, because two shares of the gradient travel to it.
            edges.append((node_id_of(value), node_id_of(parent)))
            queue.append(parent)
    return Graph(nodes=nodes, edges=edges)


def draw(output: Value, name: str, **options) -> list:
    """Draw the graph behind ``output``, once per language: :func:`value_graph`, then
    :func:`~.annotated.save_annotated` (``<name>-zh.svg`` and ``<name>-en.svg``).

    In a live cell on the site the same call shows the graph in the page instead
    (see :mod:`autograd_illustrated.live`).

    Args:
        output: The value whose graph to draw.
        name: The file name's stem, unique within the snippet.
        **options: Passed on to :func:`value_graph` (``show_steps=True``, …).
    """
    return save_annotated(value_graph(output, **options), name)
