"""A backward pass, one engine step at a time.

A `Trace` records the order in which PyTorch's
autograd engine ran the nodes, through pre-hooks on the real engine. `frames` turns
that recording into a sequence of pictures: frame 0 is the moment ``backward()`` starts
(only the output's seed gradient is known); frame *k* marks the node the engine ran at
step *k* and shows every gradient known by then.

`save_stepthrough` writes the frames as SVG and a Markdown fragment that lists them
in order, so a page reads fine without JavaScript; ``docs/assets/stepthrough.js`` turns
the list into a player with previous / next / play buttons.

    >>> import torch
    >>> from autograd_illustrated.graphs.tracing import trace
    >>> from autograd_illustrated.graphs.stepthrough import frames
    >>> w, x = torch.tensor(4.0, requires_grad=True), torch.tensor(1.0, requires_grad=True)
    >>> h = w * x
    >>> record = trace(h, {"w": w, "x": x, "h": h})
    >>> h.backward()
    >>> [frame.running.title if frame.running else "start" for frame in frames(record)]
    ['start', 'MulBackward0', 'w', 'x']
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..artifacts import artifact_link, artifact_path
from .annotated import Graph, Node, to_dot
from .svg import render_svg
from .tracing import Trace

__all__ = ["Frame", "frames", "save_stepthrough"]


@dataclass
class Frame:
    """One picture of the step-through.

    Attributes:
        index: 0 before the engine runs anything, then the engine's step number.
        graph: The graph with only the gradients known at this point.
        running: The node the engine runs at this step (``None`` in frame 0).
    """

    index: int
    graph: Graph
    running: Node | None

    def dot(self, lang: str = "en") -> str:
        """DOT of this frame, with the running node highlighted."""
        return to_dot(self.graph, highlight=self.running.id if self.running else None, lang=lang)

    def caption(self, lang: str = "en") -> str:
        """One sentence saying what happens at this step, in ``lang`` ("zh" or "en")."""
        root = self.graph.nodes[0]
        if self.running is None:
            if lang == "zh":
                return f"开始：`backward()` 从 `{root.title}` 出发，起点梯度是 `{root.grad}`。"
            return f"Start: `backward()` begins at `{root.title}` with the gradient `{root.grad}`."
        node = self.running
        if node.kind == "leaf":
            if lang == "zh":
                return (
                    f"第 {self.index} 步：引擎运行叶子 `{node.title}` 的 AccumulateGrad，"
                    f"把梯度 `{node.grad}` 累加进 `{node.title}.grad`。"
                )
            return (
                f"Step {self.index}: the engine runs the AccumulateGrad of leaf "
                f"`{node.title}`, adding `{node.grad}` into `{node.title}.grad`."
            )
        if lang == "zh":
            return f"第 {self.index} 步：引擎运行 `{node.title}`，到达它的梯度是 `{node.grad}`。"
        return (
            f"Step {self.index}: the engine runs `{node.title}`; "
            f"the gradient that reached it is `{node.grad}`."
        )

    def alt(self, lang: str = "en") -> str:
        """Alt text for this frame's image, in ``lang``."""
        if self.running is None:
            if lang == "zh":
                return "反向传播开始前的计算图：只有输出节点标出了起点梯度"
            return "The graph before the engine runs any node: only the output has a gradient"
        if lang == "zh":
            return (
                f"第 {self.index} 步的计算图：正在运行的节点 {self.running.title} 以金色粗框标出，"
                f"已运行的节点标着各自收到的梯度"
            )
        return (
            f"The graph at step {self.index}: the running node {self.running.title} has a gold "
            f"fill and a thick border; nodes already run show the gradient they received"
        )


def frames(record: Trace, **graph_options) -> list[Frame]:
    """The step-through of the latest ``backward()`` recorded by ``record``.

    One frame per engine step, in the order the engine ran the nodes, plus frame 0.
    ``graph_options`` go to `graph` (``show_value``, ``max_elements``).
    """
    if not record.steps:
        raise ValueError("nothing recorded yet: call backward() after trace() and before frames()")
    result = []
    for index in range(len(record.steps) + 1):
        graph = record.graph(upto_step=index, **graph_options)
        running = graph.node(record.steps[index - 1]) if index else None
        result.append(Frame(index=index, graph=graph, running=running))
    return result


_BUTTONS = {
    "zh": {"prev": "上一步", "next": "下一步", "play": "播放", "pause": "暂停"},
    "en": {"prev": "Previous", "next": "Next", "play": "Play", "pause": "Pause"},
}


def save_stepthrough(
    record: Trace, name: str, *, langs: tuple[str, ...] = ("zh", "en"), **graph_options
) -> list[Path]:
    """Write the step-through of ``record`` for each language in ``langs``.

    For each language this writes ``<name>-<lang>-<k>.svg`` (one per frame) and
    ``<name>-<lang>.md``, a Markdown fragment listing every frame with its caption, to be
    included in a page with ``--8<-- "generated/<chapter>/<snippet>/<name>-<lang>.md"``.

    Returns:
        The paths of the Markdown fragments, in the order of ``langs``.
    """
    all_frames = frames(record, **graph_options)
    width = len(str(len(all_frames) - 1))
    fragments = []
    for lang in langs:
        items = []
        for frame in all_frames:
            svg_path = artifact_path(f"{name}-{lang}-{frame.index:0{width}d}.svg")
            svg_path.write_text(render_svg(frame.dot(lang)), encoding="utf-8")
            items.append(
                f"- ![{frame.alt(lang)}]({artifact_link(svg_path.name)}){{ .graph }}\n\n"
                f"    {frame.caption(lang)}\n"
            )
        buttons = " ".join(f'data-{key}="{text}"' for key, text in _BUTTONS[lang].items())
        fragment = (
            f'<div class="stepthrough" {buttons} markdown>\n\n' + "\n".join(items) + "\n</div>\n"
        )
        path = artifact_path(f"{name}-{lang}.md")
        path.write_text(fragment, encoding="utf-8")
        fragments.append(path)
    return fragments
