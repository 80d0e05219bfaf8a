"""Annotated backward graphs of real PyTorch computations.

Like torchviz, this walks an output's ``grad_fn`` / ``next_functions`` graph. Unlike
torchviz, it also hooks every node, so when you call ``backward()`` it records, from the
real autograd engine, the gradient that reached each node and the order in which the
engine ran the nodes. Nothing is recomputed by hand.

In a notebook:

    >>> import torch
    >>> from autograd_illustrated.graphs.tracing import trace
    >>> x = torch.ones(2, 2, requires_grad=True)
    >>> out = (3 * (x + 2) ** 2).mean()
    >>> record = trace(out, {"x": x})   # hooks in place, before backward
    >>> out.backward()
    >>> record.node_for(x).grad
    '[[4.5, 4.5], [4.5, 4.5]]'
    >>> [node.title for node in record.run_order()]
    ['MeanBackward0', 'MulBackward0', 'PowBackward0', 'AddBackward0', 'x']
    >>> svg = record.svg()              # or record.graph() for the data, record.dot() for DOT

Or in one call, when you only want the picture: ``draw(out, {"x": x}, run_backward=True)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import torch

from .annotated import Graph, Node, format_tensor, to_dot
from .svg import render_svg

__all__ = ["Trace", "draw", "draw_dot", "draw_svg", "trace"]


def _shape_text(shape: Iterable[int]) -> str:
    return "(" + ", ".join(str(int(size)) for size in shape) + ")"


def _output_shape(fn) -> tuple[int, ...] | None:
    """Shape of the tensor a backward node's operation produced, if PyTorch tells us."""
    try:  # private but long-standing; without it the shape comes from the gradient instead
        return tuple(fn._input_metadata[0].shape)
    except (AttributeError, IndexError, RuntimeError):
        return None


@dataclass
class _Vertex:
    """One traced node: the autograd function and what we know about it."""

    id: str
    fn: object  # a torch.autograd.graph.Node
    kind: str
    name: str | None = None
    tensor: torch.Tensor | None = None  # the tensor this node produced or stands for
    grads: list[tuple] = field(default_factory=list)  # grad_outputs, one entry per run


class Trace:
    """A recording of one output's backward graph. Create it with `trace`.

    Node ids (``n0``, ``n1``, …) follow a depth-first walk from the output in
    ``next_functions`` order, so they depend only on the graph's structure.

    Attributes:
        output: The traced output tensor.
        steps: Ids of the nodes in the order the engine ran them during the latest
            ``backward()`` (the output node, which the engine does not run, is not listed).
    """

    def __init__(
        self,
        output: torch.Tensor,
        params: Mapping[str, torch.Tensor] | None = None,
        *,
        name: str | None = None,
    ):
        if not isinstance(output, torch.Tensor) or output.grad_fn is None:
            raise ValueError(
                "trace() needs a tensor produced by operations on tensors that require grad "
                "(its grad_fn is None)"
            )
        self.output = output
        self._names = {id(t): n for n, t in (params or {}).items()}
        self._by_fn: dict[object, _Vertex] = {}
        self._vertices: list[_Vertex] = []
        self._edges: list[tuple[str, str]] = []
        self._handles: list = []
        self.steps: list[str] = []

        self._root = _Vertex("n0", None, "output", name=name or self._names.get(id(output)))
        self._root.tensor = output
        self._vertices.append(self._root)
        self._walk(output.grad_fn, parent=self._root)
        self._name_intermediates(params or {})
        self._hook_all()

    # -- building ----------------------------------------------------------------------

    def _walk(self, fn, parent: _Vertex) -> None:
        # An explicit stack instead of recursion: long chains (a loop of 1000 steps) would
        # otherwise hit Python's recursion limit.
        stack = [(fn, parent)]
        while stack:
            fn, parent = stack.pop()
            vertex = self._by_fn.get(fn)
            if vertex is None:
                vertex = self._new_vertex(fn)
                children = [child for child, _ in fn.next_functions if child is not None]
                stack.extend((child, vertex) for child in reversed(children))
            # x * x reaches x twice: two arrows, because two gradients travel to x.
            self._edges.append((parent.id, vertex.id))

    def _new_vertex(self, fn) -> _Vertex:
        vertex = _Vertex(f"n{len(self._vertices)}", fn, "op")
        variable = getattr(fn, "variable", None)
        if variable is not None:  # AccumulateGrad: stands for a leaf tensor
            vertex.kind, vertex.tensor = "leaf", variable
            vertex.name = self._names.get(id(variable))
        self._by_fn[fn] = vertex
        self._vertices.append(vertex)
        return vertex

    def _name_intermediates(self, params: Mapping[str, torch.Tensor]) -> None:
        # A named non-leaf tensor labels the node that produced it, and lends it its value.
        for tensor_name, tensor in params.items():
            if tensor is self.output or tensor.grad_fn is None:
                continue
            vertex = self._by_fn.get(tensor.grad_fn)
            if vertex is not None:
                vertex.name, vertex.tensor = tensor_name, tensor

    def _hook_all(self) -> None:
        # Pre-hooks run when the engine is about to run a node, with the gradients that
        # reached it: exactly the order and the values we want, taken from the engine.
        for vertex in self._vertices[1:]:
            self._handles.append(vertex.fn.register_prehook(self._prehook_for(vertex)))
        # The output's own gradient (the seed, ones for a scalar) comes through a tensor hook.
        self._handles.append(self.output.register_hook(self._output_hook))

    def _prehook_for(self, vertex: _Vertex):
        def record(grad_outputs):
            if vertex.id in self.steps:  # the same graph runs again (retain_graph=True)
                self.steps.clear()
            self.steps.append(vertex.id)
            vertex.grads.append(
                tuple(g.detach().clone() if g is not None else None for g in grad_outputs)
            )
            return None  # observe only: never change what the engine computes

        return record

    def _output_hook(self, grad: torch.Tensor) -> None:
        self._root.grads.append((grad.detach().clone(),))

    # -- reading -----------------------------------------------------------------------

    def remove(self) -> None:
        """Remove every hook this trace registered. Recorded data stays readable."""
        for handle in self._handles:
            handle.remove()
        self._handles.clear()

    def __enter__(self) -> Trace:
        return self

    def __exit__(self, *exc) -> None:
        self.remove()

    def grad_of(self, node_id: str) -> tuple | None:
        """The gradients (``grad_outputs``) that reached node ``node_id`` in the latest run,
        as tensors, or ``None`` if the engine has not run it."""
        vertex = self._vertex(node_id)
        return vertex.grads[-1] if vertex.grads else None

    def function(self, node_id: str):
        """The autograd function object (``grad_fn`` node) behind node ``node_id``;
        ``None`` for the output node, which stands for the output tensor itself."""
        return self._vertex(node_id).fn

    def node_for(self, item, *, show_value: bool = True, show_grad: bool = True) -> Node:
        """The `Node` standing for a tensor (leaf, output or named intermediate)
        or for an autograd function object."""
        for vertex in self._vertices:
            matches_fn = vertex.fn is item
            matches_tensor = isinstance(item, torch.Tensor) and (
                vertex.tensor is item or (vertex.kind == "op" and item.grad_fn is vertex.fn)
            )
            if matches_fn or matches_tensor:
                return self._node(vertex, show_value, show_grad, known=None)
        raise KeyError("this tensor or function is not part of the traced graph")

    def run_order(self) -> list[Node]:
        """Nodes in the order the engine ran them in the latest ``backward()``."""
        graph = self.graph()
        return [graph.node(node_id) for node_id in self.steps]

    def graph(
        self,
        *,
        show_value: bool = True,
        show_grad: bool = True,
        upto_step: int | None = None,
        max_elements: int = 8,
    ) -> Graph:
        """The annotated graph as a `Graph`.

        Args:
            show_value: Label leaves, the output and named intermediates with their forward
                value (tensors with at most ``max_elements`` elements).
            show_grad: Label each node the engine has run with the gradient that reached it.
            upto_step: Show only what was known after the engine had run this many nodes
                (used by the step-through); ``None`` shows the whole latest run.
            max_elements: Larger tensors show their shape only.
        """
        known = None if upto_step is None else set(self.steps[:upto_step])
        nodes = [self._node(v, show_value, show_grad, known, max_elements) for v in self._vertices]
        return Graph(nodes=nodes, edges=list(self._edges))

    def dot(self, *, highlight: str | None = None, lang: str = "en", **graph_options) -> str:
        """DOT source of `graph` (``graph_options`` are passed on to it)."""
        return to_dot(self.graph(**graph_options), highlight=highlight, lang=lang)

    def svg(self, *, highlight: str | None = None, lang: str = "en", **graph_options) -> str:
        """Deterministic SVG of `graph`, rendered without a system Graphviz."""
        return render_svg(self.dot(highlight=highlight, lang=lang, **graph_options))

    # -- helpers -----------------------------------------------------------------------

    def _vertex(self, node_id: str) -> _Vertex:
        for vertex in self._vertices:
            if vertex.id == node_id:
                return vertex
        raise KeyError(node_id)

    def _node(self, vertex, show_value, show_grad, known, max_elements=8) -> Node:
        if vertex.kind == "op":
            title = vertex.fn.name()
            if vertex.name:
                title = f"{vertex.name} = {title}"
        else:
            # An unnamed leaf is drawn as its shape under the word "leaf"; its AccumulateGrad
            # node is drawn beside it (``via``).
            title = vertex.name or ("leaf" if vertex.kind == "leaf" else "output")

        if vertex.tensor is not None:
            shape = tuple(vertex.tensor.shape)
        else:
            shape = _output_shape(vertex.fn)

        value = None
        if show_value and vertex.tensor is not None:
            value = format_tensor(vertex.tensor.detach(), max_elements=max_elements)

        # The output's gradient is the seed backward() starts from: known before any step.
        ran = vertex.id in self.steps and (known is None or vertex.id in known)
        has_grad = bool(vertex.grads) and (ran or vertex.kind == "output")
        step = self.steps.index(vertex.id) + 1 if ran else None

        grad = None
        if show_grad and has_grad:
            texts = [_grad_text(g, max_elements) for g in vertex.grads[-1]]
            grad = texts[0] if len(texts) == 1 else "(" + ", ".join(texts) + ")"
        return Node(
            id=vertex.id,
            kind=vertex.kind,
            title=title,
            shape=_shape_text(shape) if shape is not None else None,
            value=value,
            grad=grad,
            step=step,
            via="AccumulateGrad" if vertex.kind == "leaf" else None,
        )


def _grad_text(grad, max_elements: int) -> str:
    if grad is None:
        return "None"
    text = format_tensor(grad, max_elements=max_elements)
    return text if text is not None else "…"


def trace(
    output: torch.Tensor,
    params: Mapping[str, torch.Tensor] | None = None,
    *,
    name: str | None = None,
) -> Trace:
    """Start recording ``output``'s backward graph. Call it **before** ``backward()``.

    Args:
        output: A tensor with a ``grad_fn`` (the result of operations on tensors that
            require grad).
        params: Names for tensors, as in torchviz: ``{"x": x, "w": w}``. Leaves are labelled
            with their names; a named intermediate tensor labels the node that produced it.
        name: Label for the output node (default: its name in ``params``, else ``output``).

    Returns:
        A `Trace`. Its hooks only observe: gradients and results are unchanged.
        Call `Trace.remove` (or use ``with trace(...) as record:``) to unhook.
    """
    return Trace(output, params, name=name)


def draw(
    output: torch.Tensor,
    params: Mapping[str, torch.Tensor] | None = None,
    *,
    show_value: bool = True,
    show_grad: bool = True,
    run_backward: bool = False,
    gradient: torch.Tensor | None = None,
    name: str | None = None,
    max_elements: int = 8,
) -> Graph:
    """Annotated backward graph of ``output`` in one call.

    With ``run_backward=True`` it calls ``output.backward(gradient)`` itself, with hooks in
    place, so the graph carries the gradients the engine computed (the leaves' ``.grad``
    are filled in, exactly as by your own ``backward()`` call). Without it, the graph shows
    structure, shapes and forward values only.

    Returns:
        A `Graph`; pass it to `to_dot`, or use `draw_svg`.
    """
    with trace(output, params, name=name) as record:
        if run_backward:
            output.backward(gradient)
        return record.graph(show_value=show_value, show_grad=show_grad, max_elements=max_elements)


def draw_dot(output, params=None, *, lang: str = "en", **options) -> str:
    """Like `draw`, but returns DOT source (``options`` are `draw`'s)."""
    return to_dot(draw(output, params, **options), lang=lang)


def draw_svg(output, params=None, *, lang: str = "en", **options) -> str:
    """Like `draw`, but returns the rendered SVG (``options`` are `draw`'s)."""
    return render_svg(draw_dot(output, params, lang=lang, **options))
