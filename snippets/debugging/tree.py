"""The field guide's decision tree, drawn per language, with every leaf linking to its section."""

import re

# --8<-- [start:build]
import graphviz

FONT_SIZE = 11


def min_width(label):
    """Box width in inches that fits label in a monospace font, where a CJK character or an
    arrow takes a whole em and any other character 0.6 em. Graphviz's own estimate, made
    without the reader's fonts, runs short for Chinese."""
    ems = max(sum(1.0 if ord(c) > 0x2000 else 0.6 for c in line) for line in label.split("\n"))
    return f"{ems * FONT_SIZE / 72 + 0.2:.2f}"


def decision_tree(title, symptoms, causes, lang):
    graph = graphviz.Digraph()
    graph.attr(rankdir="LR", nodesep="0.12", ranksep="0.3")
    graph.attr("node", fontname="Courier,monospace", fontsize=str(FONT_SIZE), shape="box", height="0.3")
    graph.node("root", title[lang], shape="ellipse", width=min_width(title[lang]))
    for symptom, label, leads_to in symptoms:
        graph.node(symptom, label[lang], style="rounded", width=min_width(label[lang]))
        graph.edge("root", symptom)
        for cause in leads_to:
            graph.edge(symptom, cause)
    for cause, label in causes.items():
        # href makes the box a link to the section with this id, on either page.
        graph.node(cause, label[lang], href=f"#{cause}", style="bold", width=min_width(label[lang]))
    return graph
# --8<-- [end:build]


from autograd_illustrated.artifacts import artifact_path  # noqa: E402
from autograd_illustrated.graphs import render_svg  # noqa: E402

# Symptoms, then for each symptom the causes it leads to: (section id, label per language).
# The section ids are the explicit heading ids on both pages, so one tree serves both.
SYMPTOMS = [
    ("none", {"zh": ".grad 是 None", "en": ".grad is None"}, [
        "requires-grad-not-set", "non-leaf-grad", "item-numpy", "argmax-integer", "detach-data", "no-grad-leak",
    ]),
    ("zero", {"zh": "梯度全是 0", "en": "gradients all zero"}, ["zero-gradients"]),
    ("nan", {"zh": "出现 NaN 或 inf", "en": "NaN or inf"}, ["where-nan", "anomaly-mode"]),
    ("scale", {"zh": "梯度爆炸或消失", "en": "exploding or vanishing"}, ["gradient-norms"]),
    ("learn", {"zh": "loss 降不下去", "en": "doesn't learn"}, [
        "forgotten-zero-grad", "no-grad-leak", "gradcheck",
    ]),
    ("e-second", {"zh": "报错：backward through\nthe graph a second time", "en": "error: backward through\nthe graph a second time"}, ["second-backward"]),
    ("e-inplace", {"zh": "报错：modified by an\ninplace operation", "en": "error: modified by an\ninplace operation"}, ["inplace-saved"]),
    ("e-scalar", {"zh": "报错：implicitly created\nonly for scalar outputs", "en": "error: implicitly created\nonly for scalar outputs"}, ["non-scalar"]),
    ("e-integer", {"zh": "报错：Only Tensors of\nfloating point …", "en": "error: Only Tensors of\nfloating point …"}, ["integer-tensors"]),
    ("e-element", {"zh": "报错：element 0 of tensors\ndoes not require grad", "en": "error: element 0 of tensors\ndoes not require grad"}, [
        "requires-grad-not-set",
    ]),
]

CAUSES = {
    "requires-grad-not-set": {"zh": "没设 requires_grad → 建张量时设上", "en": "requires_grad never set → set it at creation"},
    "non-leaf-grad": {"zh": "读的是中间结果 → retain_grad()", "en": "reading a non-leaf → retain_grad()"},
    "item-numpy": {"zh": ".item() 或 NumPy 往返 → 全程用 torch", "en": ".item() or a NumPy round trip → stay in torch"},
    "argmax-integer": {"zh": "argmax、整数路径 → 换可导的写法", "en": "argmax, integer paths → a differentiable loss"},
    "detach-data": {"zh": "detach() 或 .data 截断 → 去掉它", "en": "detach() or .data cut it → remove the cut"},
    "no-grad-leak": {"zh": "no_grad 漏进训练 → 只包住评估", "en": "no_grad leaked into training → scope it"},
    "zero-gradients": {"zh": "ReLU 全灭、round 台阶 → 改初始化或写法", "en": "dead ReLUs, round() steps → fix init or op"},
    "where-nan": {"zh": "torch.where 遮住的分支 → 先让输入安全", "en": "a masked torch.where branch → make inputs safe"},
    "anomaly-mode": {"zh": "找出是哪个节点 → 异常检测模式", "en": "which node? → anomaly mode"},
    "gradient-norms": {"zh": "逐层看梯度范数 → 初始化、裁剪", "en": "per-layer gradient norms → init, clipping"},
    "forgotten-zero-grad": {"zh": "忘了 zero_grad → 每步清零", "en": "forgotten zero_grad → clear every step"},
    "gradcheck": {"zh": "自写的 backward 算错 → gradcheck", "en": "a wrong custom backward → gradcheck"},
    "second-backward": {"zh": "上一步的图被带进来 → detach 状态", "en": "last step's graph carried over → detach the state"},
    "inplace-saved": {"zh": "改了反向要用的张量 → 换成非原地", "en": "a saved tensor was overwritten → go out of place"},
    "non-scalar": {"zh": "输出不是标量 → 先求和或平均", "en": "output is not a scalar → reduce it first"},
    "integer-tensors": {"zh": "整数张量要梯度 → 先转成浮点", "en": "an integer tensor → make a float leaf"},
}

TITLE = {"zh": "症状", "en": "symptom"}
CAPTION = {
    "zh": "梯度出问题时的决策树：从左边的症状出发，右边每个框是一种原因和它的修法，点击即跳到本页对应的小节。",
    "en": "Decision tree for gradients gone wrong: start from a symptom on the left; each box on the right is a cause and its fix, and clicking it jumps to that section of this page.",
}


def inline_svg(graph):
    """The SVG as a fragment to place inside the page, so its links work (an <img> has none)."""
    svg = render_svg(graph.source)
    svg = svg[svg.index("<svg"):]  # no XML prolog or doctype inside HTML
    svg = re.sub(r"<title>[^<]*</title>\n", "", svg)  # node ids, not words for a reader
    svg = re.sub(r"<!--.*?-->\n", "", svg)
    svg = svg.replace('"black"', '"currentColor"')  # follow the page's text colour, light or dark
    return svg.replace("<svg ", '<svg fill="currentColor" style="max-width: 100%; height: auto" ', 1)


for lang in ("zh", "en"):
    figure = (
        f'<figure class="decision-tree">\n{inline_svg(decision_tree(TITLE, SYMPTOMS, CAUSES, lang))}'
        f"<figcaption>{CAPTION[lang]}</figcaption>\n</figure>\n"
    )
    artifact_path(f"decision-tree-{lang}.html").write_text(figure, encoding="utf-8")
