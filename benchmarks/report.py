"""The benchmark's outputs: ``results/bench.json`` and the tables the site includes.

The tables are Markdown files next to this module (``bench-table.zh.md`` and
``bench-table.en.md``), committed so that a fresh clone builds the page "How this site
is built" without running the benchmark, and overwritten by every ``make bench``.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent

LABELS = {
    "zh": {
        "measured": "测于 {date}，{cpu}，{cores} 核，Python {python}，torch {torch}；"
        "每项取 {runs} 次运行的中位数（全新构建取 {clean_runs} 次）。",
        "builds_head": "| 构建 | 中位数（秒） | 执行的代码片段 | 进程内导入了 torch |",
        "build_names": {
            "floor": "a) 下限：`import torch, torchviz` + 各片段自身运行时间之和",
            "clean": "b) 全新构建（缓存为空）",
            "no_change": "c) 无改动重建",
            "snippet_edit": "d) 改动一个代码片段后重建",
            "prose_edit": "e) 改动一页文字后重建",
            "plain": "f) 参照：`mkdocs build`，不做任何构建期工作",
        },
        "budgets_head": "| 预算 | 实测 | 上限 | 达标 |",
        "budget_names": {
            "clean": "b / (a + f)",
            "no_change": "c / f",
            "no_change_torch": "无改动重建不导入 torch",
            "snippet_edit": "改一个片段只重跑一个片段",
            "serve": "`mkdocs serve` 每次改动只重建一次",
            "serve_edit_ratio": "`make serve` 改一页文字到浏览器刷新 / c",
            "make_test": "`make test` 用时（秒）",
            "page_weight": "最重的首页/章节页（KB）",
            "math_assets": "数学资源只在含公式的页面加载",
            "foreign_hosts": "页面加载时请求的外部主机数",
            "lighthouse": "Lighthouse 移动端性能（最低分）",
            "scaling": "10 倍规模下无改动重建执行的片段数",
        },
        "pages_head": "| 页面 | 中文（KB） | English（KB） | 请求数 | 含公式 | KaTeX 文件 |",
        "lh_head": "| Lighthouse（移动端） | 性能（中位数） | 每次得分 "
        "| LCP（毫秒） | TBT（毫秒） | CLS |",
        "scale_head": "| 规模 | 页面 | 代码片段 | 全新构建（秒） | 无改动重建（秒） "
        "| 无改动时执行的片段 |",
        "yes": "是",
        "no": "否",
        "na": "未测",
        "linear": "线性检验：{mid}× 的实测值与 1× 和 {top}× 连线上的预测值相差 {dev:.0%}。",
    },
    "en": {
        "measured": "Measured on {date}, {cpu}, {cores} cores, Python {python}, torch {torch}; "
        "each figure is the median of {runs} runs ({clean_runs} for the clean build).",
        "builds_head": "| Build | Median (s) | Snippets run | torch imported in-process |",
        "build_names": {
            "floor": "a) floor: `import torch, torchviz` + the snippets' own run times",
            "clean": "b) clean build, empty cache",
            "no_change": "c) rebuild, nothing changed",
            "snippet_edit": "d) rebuild after editing one snippet",
            "prose_edit": "e) rebuild after editing one page's prose",
            "plain": "f) reference: `mkdocs build` with no build-time work",
        },
        "budgets_head": "| Budget | Measured | Limit | Met |",
        "budget_names": {
            "clean": "b / (a + f)",
            "no_change": "c / f",
            "no_change_torch": "no-change rebuild imports no torch",
            "snippet_edit": "one snippet edited, one snippet rerun",
            "serve": "`mkdocs serve` rebuilds once per edit",
            "serve_edit_ratio": "`make serve`: prose edit to browser reload / c",
            "make_test": "`make test` duration (s)",
            "page_weight": "heaviest home/chapter page (KB)",
            "math_assets": "math assets only on pages with math",
            "foreign_hosts": "other hosts contacted on page load",
            "lighthouse": "Lighthouse mobile performance (lowest)",
            "scaling": "snippets run by a no-change rebuild at 10×",
        },
        "pages_head": "| Page | 中文 (KB) | English (KB) | Requests | Math | KaTeX files |",
        "lh_head": "| Lighthouse (mobile) | Performance (median) | Every run "
        "| LCP (ms) | TBT (ms) | CLS |",
        "scale_head": "| Scale | Pages | Snippets | Clean build (s) | No-change rebuild (s) "
        "| Snippets run, no change |",
        "yes": "yes",
        "no": "no",
        "na": "not measured",
        "linear": "Linearity: at {mid}× the measured time is {dev:.0%} off the straight line "
        "through 1× and {top}×.",
    },
}


def _yes(value, words) -> str:
    if value is None:
        return words["na"]
    return words["yes"] if value else words["no"]


def table(results: dict, lang: str) -> str:
    words = LABELS[lang]
    m = results["machine"]
    lines = [
        words["measured"].format(
            date=results["measured_at"][:10],
            cpu=m["cpu"],
            cores=m["cores"],
            python=m["python"],
            torch=m["torch"],
            runs=results["runs"],
            clean_runs=results["clean_runs"],
        ),
        "",
        words["builds_head"],
        "| --- | ---: | ---: | --- |",
    ]
    floor = results["floor"]
    lines.append(
        f"| {words['build_names']['floor']} | {floor['total']:.1f} | "
        f"{floor['snippets']} | {words['yes']} |"
    )
    for key in ("clean", "no_change", "snippet_edit", "prose_edit", "plain"):
        runs = results["builds"][key]["runs"]
        ran = "/".join(sorted({str(r["snippets_run"]) for r in runs}))
        torch = any(r["torch_imported"] for r in runs)
        lines.append(
            f"| {words['build_names'][key]} | {results['builds'][key]['median']:.1f} | "
            f"{ran} | {_yes(torch, words)} |"
        )

    lines += ["", words["budgets_head"], "| --- | ---: | ---: | --- |"]
    for budget in results["budgets"]:
        name = words["budget_names"][budget["name"]]
        measured = budget["measured"]
        shown = f"{measured:.2f}" if isinstance(measured, float) else str(measured)
        if isinstance(measured, bool):
            shown = _yes(measured, words)
        if measured is None:
            shown = words["na"]
        limit = words["no"] if budget["limit"] == "no" else budget["limit"]
        lines.append(f"| {name} | {shown} | {limit} | {_yes(budget['ok'], words)} |")

    if results.get("pages"):
        lines += ["", words["pages_head"], "| --- | ---: | ---: | ---: | --- | ---: |"]
        by_slug: dict[str, dict] = {}
        for page in results["pages"]:
            by_slug.setdefault(page["slug"], {})[page["lang"]] = page
        for slug, langs in by_slug.items():
            zh, en = langs.get("zh"), langs.get("en")
            any_page = zh or en
            kb = lambda p: f"{p['bytes'] / 1024:.0f}" if p else "–"  # noqa: E731
            lines.append(
                f"| `{slug}` | {kb(zh)} | {kb(en)} | {any_page['requests']} | "
                f"{_yes(any_page['has_math'], words)} | {any_page['katex_requests']} |"
            )
    if results.get("lighthouse"):
        lines += ["", words["lh_head"], "| --- | ---: | ---: | ---: | ---: | ---: |"]
        for run in results["lighthouse"]:
            if "error" in run:
                lines.append(f"| `{run['page']}` | {words['na']} | | | | |")
                continue
            every = ", ".join(str(score) for score in run.get("all_scores", []))
            lines.append(
                f"| `{run['page']}` | {run['performance']} | {every} | {run['lcp_ms']} | "
                f"{run['tbt_ms']} | {run['cls']} |"
            )
    scaling = results.get("scaling")
    if scaling:
        lines += ["", words["scale_head"], "| ---: | ---: | ---: | ---: | ---: | ---: |"]
        for point in scaling["points"]:
            lines.append(
                f"| {point['factor']}× | {point['pages']} | {point['snippets']} | "
                f"{point['clean']:.1f} | {point['no_change']:.1f} | "
                f"{point['no_change_snippets_run']} |"
            )
        if scaling.get("linearity") is not None:
            lines += ["", words["linear"].format(**scaling["linearity"])]
    return "\n".join(lines) + "\n"


def write(results: dict, results_dir: Path) -> list[Path]:
    results_dir.mkdir(parents=True, exist_ok=True)
    out = results_dir / "bench.json"
    out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    written = [out]
    for lang in LABELS:
        path = HERE / f"bench-table.{lang}.md"
        path.write_text(table(results, lang), encoding="utf-8")
        written.append(path)
    return written
