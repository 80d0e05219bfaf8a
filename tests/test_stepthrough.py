"""The step-through shows the engine's real order, one node per frame."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import torch

from autograd_illustrated.artifacts import collecting_into
from autograd_illustrated.graphs.stepthrough import frames, save_stepthrough
from autograd_illustrated.graphs.tracing import trace
from autograd_illustrated.runner.cli import main as runner_main
from autograd_illustrated.vocabulary import LANGUAGES

ROOT = Path(__file__).resolve().parents[1]


def engine_order(output):
    """Run backward with our own pre-hooks on every node and return the functions in the
    order the engine ran them: an independent witness for the trace's order."""
    order, seen, todo, handles = [], set(), [output.grad_fn], []
    while todo:
        fn = todo.pop()
        if fn is None or fn in seen:
            continue
        seen.add(fn)
        handles.append(fn.register_prehook(lambda grads, fn=fn: order.append(fn)))
        todo.extend(child for child, _ in fn.next_functions)
    return order, handles


def branching_example():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    w = torch.tensor([0.5, -1.0], requires_grad=True)
    a = (w * x).exp()
    b = x.sin() * 3
    c = (a + b * a).sum()
    return c, {"x": x, "w": w, "c": c}


def mean_example():
    x = torch.ones(2, 2, requires_grad=True)
    out = (3 * (x + 2) ** 2).mean()
    return out, {"x": x, "out": out}


@pytest.mark.parametrize("example", [branching_example, mean_example])
def test_frames_follow_the_engines_own_order(example):
    output, params = example()
    record = trace(output, params)
    order, handles = engine_order(output)
    output.backward()
    for handle in handles:
        handle.remove()
    shown = [record.function(frame.running.id) for frame in frames(record)[1:]]
    assert len(order) == len(shown) > 3
    assert all(a is b for a, b in zip(shown, order, strict=True))


def test_each_frame_shows_only_gradients_known_so_far():
    output, params = branching_example()
    record = trace(output, params)
    output.backward()
    all_frames = frames(record)
    final = {node.id: node.grad for node in all_frames[-1].graph.nodes}
    for frame in all_frames:
        ran = set(record.steps[: frame.index])
        for node in frame.graph.nodes:
            if node.kind == "output":
                assert node.grad == "1"  # the seed is known from the start
            elif node.id in ran:
                assert node.grad == final[node.id]
                assert node.step == record.steps.index(node.id) + 1
            else:
                assert node.grad is None and node.step is None
    assert all_frames[0].running is None


def test_frame_dot_highlights_the_running_node_only():
    output, params = mean_example()
    record = trace(output, params)
    output.backward()
    for frame in frames(record)[1:]:
        thick = re.findall(r"^\t(n\d+) \[.*penwidth=3", frame.dot(), re.MULTILINE)
        assert thick == [frame.running.id]


def test_frames_need_a_backward_first():
    output, params = mean_example()
    with pytest.raises(ValueError, match="backward"):
        frames(trace(output, params))


def save(tmp_path):
    output, params = mean_example()
    record = trace(output, params)
    output.backward()
    folder = tmp_path / "generated" / "gradient_flow" / "demo"
    with collecting_into(folder, "generated/gradient_flow/demo"):
        save_stepthrough(record, "mean")
    return folder


def test_saved_step_through_lists_every_frame_in_order(tmp_path):
    folder = save(tmp_path)
    for lang in LANGUAGES:
        fragment = (folder / f"mean-{lang}.md").read_text()
        images = re.findall(r"\]\((generated/[^)]+\.svg)\)", fragment)
        assert images == [f"generated/gradient_flow/demo/mean-{lang}-{k}.svg" for k in range(6)]
        for image in images:
            root = ET.fromstring((tmp_path / image).read_bytes())
            assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert fragment.startswith('<div class="stepthrough"') and "markdown>" in fragment
    english = (folder / "mean-en.md").read_text()
    assert "Step 5: the engine runs the AccumulateGrad of leaf `x`" in english
    assert "`[[4.5, 4.5], [4.5, 4.5]]`" in english
    assert "第 1 步：引擎运行 `MeanBackward0`" in (folder / "mean-zh.md").read_text()


def test_saved_step_through_is_byte_identical_run_to_run(tmp_path):
    first = save(tmp_path / "a")
    second = save(tmp_path / "b")
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_player_script_targets_the_fragment_and_loads_only_where_needed():
    script = (ROOT / "docs" / "assets" / "stepthrough.js").read_text()
    assert 'querySelectorAll(".stepthrough")' in script
    for key in ("prev", "next", "play", "pause"):
        assert f"labels.{key}" in script
    template = (ROOT / "overrides" / "main.html").read_text()
    assert "'class=\"stepthrough\"' in page.content" in template
    assert "assets/stepthrough.js" in template


def test_fragment_links_to_the_final_folder_not_the_runners_staging_one(tmp_path):
    output, params = mean_example()
    record = trace(output, params)
    output.backward()
    staging = tmp_path / "generated" / "gradient_flow" / ".demo.running-4242"
    with collecting_into(staging, "generated/gradient_flow/demo"):
        (fragment,) = save_stepthrough(record, "mean", langs=("en",))
    assert "](generated/gradient_flow/demo/mean-en-0.svg)" in fragment.read_text()
    assert ".running-" not in fragment.read_text()


def test_fragment_made_by_the_real_runner_links_to_files_that_exist(tmp_path):
    snippet = tmp_path / "snippets" / "chapter" / "demo.py"
    snippet.parent.mkdir(parents=True)
    snippet.write_text(
        "import torch\n"
        "from autograd_illustrated.graphs import save_stepthrough, trace\n"
        "torch.manual_seed(0)\n"
        "x = torch.tensor(2.0, requires_grad=True)\n"
        "y = x * x\n"
        "record = trace(y, {'x': x})\n"
        "y.backward()\n"
        "save_stepthrough(record, 'steps')\n"
    )
    assert runner_main(["--root", str(tmp_path)]) == 0
    for lang in LANGUAGES:
        fragment = (tmp_path / "generated" / "chapter" / "demo" / f"steps-{lang}.md").read_text()
        images = re.findall(r"\]\(([^)]+\.svg)\)", fragment)
        assert len(images) == 3
        assert all((tmp_path / image).is_file() for image in images), images
