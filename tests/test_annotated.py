"""Annotated graphs show what the real autograd engine computed, and render reproducibly."""

import doctest
import xml.etree.ElementTree as ET

import pytest
import torch

from autograd_illustrated.graphs import annotated, stepthrough, tracing
from autograd_illustrated.graphs.annotated import Graph, Node, format_tensor, to_dot
from autograd_illustrated.graphs.svg import render_svg
from autograd_illustrated.graphs.tracing import draw, draw_svg, trace

SVG_TEXT = "{http://www.w3.org/2000/svg}text"


def mean_example():
    x = torch.ones(2, 2, requires_grad=True)
    y = x + 2
    z = y * y * 3
    out = z.mean()
    return x, y, z, out


def test_leaf_gradient_shown_is_the_real_grad():
    x, y, z, out = mean_example()
    record = trace(out, {"x": x})
    out.backward()
    assert record.node_for(x).grad == format_tensor(x.grad) == "[[4.5, 4.5], [4.5, 4.5]]"


def test_intermediate_gradients_match_retain_grad():
    x, y, z, out = mean_example()
    y.retain_grad()
    z.retain_grad()
    record = trace(out, {"x": x, "y": y, "z": z})
    out.backward()
    assert record.node_for(y).grad == format_tensor(y.grad)
    assert record.node_for(z).grad == format_tensor(z.grad)
    assert torch.equal(record.grad_of(record.node_for(y).id)[0], y.grad)


def test_gradients_match_an_independent_tensor_hook():
    w = torch.tensor([2.0, -1.0], requires_grad=True)
    x = torch.tensor([0.5, 3.0], requires_grad=True)
    hidden = torch.tanh(w * x)
    seen = []
    hidden.register_hook(lambda grad: seen.append(grad.clone()))
    loss = (hidden**2).sum()
    record = trace(loss, {"w": w, "x": x, "hidden": hidden})
    loss.backward()
    assert record.node_for(hidden).grad == format_tensor(seen[0])
    assert record.node_for(w).grad == format_tensor(w.grad)
    assert record.node_for(x).grad == format_tensor(x.grad)


def test_shared_input_receives_the_sum_of_both_paths():
    x = torch.tensor(3.0, requires_grad=True)
    out = x * x + x  # two paths into x through the product, one through the sum
    record = trace(out, {"x": x, "out": out})
    out.backward()
    leaf = record.node_for(x)
    assert leaf.grad == "7" == format_tensor(x.grad)
    arrows_into_x = [edge for edge in record.graph().edges if edge[1] == leaf.id]
    assert len(arrows_into_x) == 3


def test_tracing_changes_no_gradient():
    torch.manual_seed(0)
    a = torch.randn(3, requires_grad=True)
    (a.sin() * a).sum().backward()
    plain = a.grad.clone()
    a.grad = None
    out = (a.sin() * a).sum()
    trace(out, {"a": a})
    out.backward()
    assert torch.equal(a.grad, plain)


def test_graph_before_backward_has_values_but_no_gradients():
    x, y, z, out = mean_example()
    graph = trace(out, {"x": x, "out": out}).graph()
    assert all(node.grad is None and node.step is None for node in graph.nodes)
    assert graph.node("n0").value == "27"
    assert graph.by_title("x")[0].value == "[[1, 1], [1, 1]]"


def test_shapes_of_every_node():
    x, y, z, out = mean_example()
    graph = draw(out, {"x": x})
    shapes = {node.title: node.shape for node in graph.nodes}
    assert shapes["output"] == "()"
    assert shapes["MeanBackward0"] == "()"
    assert shapes["AddBackward0"] == "(2, 2)"
    assert shapes["x"] == "(2, 2)"


def test_draw_can_run_backward_itself_and_fills_grad():
    x, y, z, out = mean_example()
    graph = draw(out, {"x": x}, run_backward=True)
    assert x.grad is not None
    assert graph.by_title("x")[0].grad == format_tensor(x.grad)
    assert [node.step for node in graph.nodes if node.kind != "output"] == [1, 2, 3, 4, 5]


def test_draw_removes_its_hooks():
    x = torch.tensor(2.0, requires_grad=True)
    out = x * x
    with trace(out, {"x": x}) as record:
        out.backward(retain_graph=True)
    first = record.node_for(x).grad
    out.backward(torch.tensor(10.0))  # unobserved: the trace no longer listens
    assert record.node_for(x).grad == first == "4"


def test_a_second_backward_through_the_same_graph_starts_a_new_run():
    x = torch.tensor(2.0, requires_grad=True)
    out = x**3
    record = trace(out, {"x": x})
    out.backward(retain_graph=True)
    out.backward(torch.tensor(2.0))
    assert len(record.steps) == 2  # PowBackward0 and x, not four
    assert record.node_for(x).grad == "24"  # what reached x this time, 2 * 3x^2
    assert format_tensor(x.grad) == "36"  # .grad holds both runs: 12 + 24


def test_hidden_values_and_grads_when_asked():
    x, y, z, out = mean_example()
    graph = draw(out, {"x": x}, run_backward=True, show_value=False, show_grad=False)
    assert all(node.value is None and node.grad is None for node in graph.nodes)


def test_large_tensors_show_only_their_shape():
    w = torch.ones(4, 4, requires_grad=True)
    graph = draw(w.sum(), {"w": w}, run_backward=True)
    leaf = graph.by_title("w")[0]
    assert leaf.shape == "(4, 4)" and leaf.value is None and leaf.grad == "…"


def test_output_without_grad_fn_is_refused():
    with pytest.raises(ValueError, match="grad_fn"):
        trace(torch.ones(2, requires_grad=True))


def test_format_tensor():
    assert format_tensor(torch.tensor(-0.0)) == "0"
    assert format_tensor(torch.tensor([1 / 3, 2.0])) == "[0.3333, 2]"
    assert format_tensor(torch.tensor([1, 2, 3])) == "[1, 2, 3]"
    assert format_tensor(3.0) == "3"
    assert format_tensor([[1.5]]) == "[[1.5]]"
    assert format_tensor(torch.zeros(9)) is None
    assert format_tensor(torch.zeros(9), max_elements=9) is not None


def test_two_separate_renders_are_byte_identical():
    def build():
        x, y, z, out = mean_example()
        return draw_svg(out, {"x": x, "out": out}, run_backward=True, lang="zh")

    assert build() == build()


def test_svg_is_well_formed_and_carries_the_labels():
    x, y, z, out = mean_example()
    svg = draw_svg(out, {"x": x, "out": out}, run_backward=True)
    texts = [t.text for t in ET.fromstring(svg.encode()).iter(SVG_TEXT)]
    for expected in ["out", "x", "MeanBackward0", "MulBackward0", "grad [[4.5, 4.5], [4.5, 4.5]]"]:
        assert expected in texts


def test_label_words_follow_the_language():
    graph = Graph([Node("n0", "leaf", "x", value="1", grad="2", step=1)], [])
    assert "值 1" in to_dot(graph, lang="zh") and "梯度 2" in to_dot(graph, lang="zh")
    assert "value 1" in to_dot(graph, lang="en") and "step 1" in to_dot(graph, lang="en")


def test_record_special_characters_are_escaped():
    graph = Graph([Node("n0", "op", "odd{name}|<x>", value='"q"')], [])
    texts = [t.text for t in ET.fromstring(render_svg(to_dot(graph)).encode()).iter(SVG_TEXT)]
    assert texts == ["odd{name}|<x>", 'value "q"']


def test_to_dot_rejects_unknown_nodes_and_kinds():
    with pytest.raises(ValueError):
        to_dot(Graph([Node("n0", "leaf", "x")], [("n0", "n9")]))
    with pytest.raises(ValueError):
        to_dot(Graph([Node("n0", "leaf", "x")], []), highlight="n1")
    with pytest.raises(ValueError):
        Node("n0", "tensor", "x")


def test_highlight_marks_only_that_node():
    graph = Graph([Node("n0", "output", "y"), Node("n1", "leaf", "x")], [("n0", "n1")])
    lines = to_dot(graph, highlight="n1").splitlines()
    assert "penwidth=3" in next(line for line in lines if line.strip().startswith("n1 "))
    assert "penwidth=3" not in next(line for line in lines if line.strip().startswith("n0 "))


@pytest.mark.parametrize("module", [annotated, tracing, stepthrough])
def test_docstring_examples(module):
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
