"""``make bench``: how fast the site builds, how light its pages are, how it scales.

Everything runs in a throw-away copy of the project (the working tree, or ``--head``),
so the real tree, its ``generated/`` and ``site/`` are never touched. It measures:

a) the floor: a fresh ``import torch, torchviz`` plus the snippets' own run times;
b) a clean build; c) a rebuild with no change; d) one after editing one snippet;
e) one after editing one page's prose; f) the reference: ``mkdocs build`` with our
build-time work switched off (``AUTOGRAD_PLAIN_BUILD=1``: no staleness check, no runner,
no notebook writing; ``generated/`` is still published, so the site is the same).

Then the budgets, ``mkdocs serve`` rebuild counting, page weight in Chromium, Lighthouse,
and a synthetic site with 10x the pages and snippets. Results go to
``benchmarks/results/bench.json`` and the tables the page "How this site is built" shows.
Budgets are reported, never enforced by a timed test.

``--baseline REV`` measures one thing instead: clean builds of this tree against clean
builds of an earlier commit, alternating so that a busy machine slows both alike, and
reports the ratio (``benchmarks/results/baseline.json``). An issue's "no more than 25%
slower than today" is checked this way.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

import page_weight
import report
import serve_check
import timing
import workspace

PROJECT = Path(__file__).resolve().parent.parent
RESULTS = PROJECT / "benchmarks" / "results"
PAGE_BUDGET_KB = 500
LIGHTHOUSE_MIN = 95
# Scores move from run to run on a shared machine; each page's median of this many counts.
LIGHTHOUSE_RUNS = 5


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _require_ok(build: timing.Build, what: str) -> timing.Build:
    if not build.ok:
        log(f"{what} failed:\n{build.tail}")
        raise SystemExit(1)
    return build


def machine() -> dict:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "torch": metadata.version("torch"),
        "mkdocs": metadata.version("mkdocs"),
    }


def measure_builds(root: Path, runs: int, clean_runs: int) -> dict:
    clean = []
    for i in range(clean_runs):
        workspace.reset_outputs(root)
        log(f"b) clean build {i + 1}/{clean_runs}")
        clean.append(_require_ok(timing.build(root), "clean build"))
    snippet_seconds, snippets = timing.snippet_seconds(root)
    log("a) import floor")
    import_seconds = timing.import_floor(runs)

    edits = workspace.Edits(root)
    kinds: dict[str, list[timing.Build]] = {
        "plain": [],
        "no_change": [],
        "snippet_edit": [],
        "prose_edit": [],
    }
    for i in range(runs):
        log(f"c-f) round {i + 1}/{runs}")
        # Interleaved, so that a slow moment on the machine hits every kind alike.
        kinds["plain"].append(_require_ok(timing.build(root, plain=True), "plain build"))
        kinds["no_change"].append(_require_ok(timing.build(root), "no-change rebuild"))
        edits.snippet()
        kinds["snippet_edit"].append(_require_ok(timing.build(root), "snippet-edit rebuild"))
        edits.prose()
        kinds["prose_edit"].append(_require_ok(timing.build(root), "prose-edit rebuild"))

    builds = {"clean": timing.summary(clean)}
    builds.update({kind: timing.summary(found) for kind, found in kinds.items()})
    floor = {
        "import_seconds": import_seconds,
        "snippet_seconds": snippet_seconds,
        "snippets": snippets,
        "total": round(import_seconds + snippet_seconds, 3),
    }
    return {"floor": floor, "builds": builds}


def measure_make_test(root: Path) -> dict:
    """`make test` without its one-off setup step: lint, strict build, pytest."""
    env = timing.project_env(root)
    steps = [
        [sys.executable, "-m", "ruff", "check", "."],
        [sys.executable, str(timing.PROBE), "build", "--strict", "-q"],
        [sys.executable, "-m", "pytest", "-q", "-x"],
    ]
    started = time.perf_counter()
    for step in steps:
        proc = subprocess.run(step, cwd=root, env=env, capture_output=True, text=True)
        if proc.returncode:
            return {
                "seconds": round(time.perf_counter() - started, 1),
                "ok": False,
                "failed_step": " ".join(step[1:]),
                "tail": (proc.stdout + proc.stderr)[-2000:],
            }
    return {"seconds": round(time.perf_counter() - started, 1), "ok": True}


def measure_pages(root: Path) -> tuple[list[dict], list[dict]]:
    pages = page_weight.page_urls(page_weight.nav_pages(root))
    log(f"page weight: {len(pages)} pages in Chromium")
    weights = page_weight.measure(root / "site", pages)
    # The home page and the heaviest chapter, each in both languages.
    chapters = [p for p in weights if p["kind"] == "chapter"]
    slugs = ["index"]
    if chapters:
        slugs.append(max(chapters, key=lambda p: p["bytes"])["slug"])
    targets = [p for slug in slugs for p in weights if p["slug"] == slug]
    lighthouse = []
    with page_weight.SiteServer(root / "site") as base:
        for page in targets:
            label = f"{'home' if page['kind'] == 'home' else page['slug']} ({page['lang']})"
            log(f"lighthouse: {label}, {LIGHTHOUSE_RUNS} runs")
            name = f"lighthouse-{label.split(' ')[0]}-{page['lang']}"
            found = page_weight.lighthouse(
                PROJECT, base + page["path"], RESULTS / name, runs=LIGHTHOUSE_RUNS
            )
            lighthouse.append({"page": label, **found})
    return weights, lighthouse


def measure_scaling(project: Path, work: Path, factors: list[int], base: dict) -> dict:
    points = [
        {
            "factor": 1,
            "pages": len(list((project / "docs").glob("*.md"))),
            "snippets": base["floor"]["snippets"],
            "clean": base["builds"]["clean"]["median"],
            "no_change": base["builds"]["no_change"]["median"],
            "no_change_snippets_run": max(
                r["snippets_run"] for r in base["builds"]["no_change"]["runs"]
            ),
        }
    ]
    for factor in factors:
        root = workspace.make_copy(project, work / f"x{factor}", from_worktree=True)
        pages, snippets = workspace.scale_site(root, factor)
        log(f"scaling {factor}x: {pages} pages, {snippets} snippets, clean build")
        clean = _require_ok(timing.build(root), f"{factor}x clean build")
        nochange = _require_ok(timing.build(root), f"{factor}x no-change rebuild")
        points.append(
            {
                "factor": factor,
                "pages": pages,
                "snippets": snippets,
                "clean": clean.seconds,
                "no_change": nochange.seconds,
                "no_change_snippets_run": nochange.snippets_run,
                "no_change_torch_imported": nochange.torch_imported,
            }
        )
        shutil.rmtree(root, ignore_errors=True)
    result: dict = {"points": points, "linearity": None}
    if len(points) >= 3:
        first, mid, top = points[0], points[-2], points[-1]
        slope = (top["clean"] - first["clean"]) / (top["factor"] - first["factor"])
        predicted = first["clean"] + slope * (mid["factor"] - first["factor"])
        result["linearity"] = {
            "mid": mid["factor"],
            "top": top["factor"],
            "predicted": round(predicted, 1),
            "measured": mid["clean"],
            "dev": abs(mid["clean"] - predicted) / predicted,
        }
    return result


def budgets(results: dict) -> list[dict]:
    floor, builds = results["floor"], results["builds"]
    a, b = floor["total"], builds["clean"]["median"]
    c, d, f = (builds[k]["median"] for k in ("no_change", "snippet_edit", "plain"))
    results["ratios"] = {
        "b_over_a_plus_f": round(b / (a + f), 3),
        "c_over_f": round(c / f, 3),
        "d_over_f": round(d / f, 3),
    }
    found = [
        {"name": "clean", "measured": results["ratios"]["b_over_a_plus_f"], "limit": "≤ 1.5"},
        {"name": "no_change", "measured": results["ratios"]["c_over_f"], "limit": "≤ 1.15"},
        {
            "name": "no_change_torch",
            "measured": any(r["torch_imported"] for r in builds["no_change"]["runs"]),
            "limit": "no",
        },
        {
            "name": "snippet_edit",
            "measured": "/".join(
                sorted({str(r["snippets_run"]) for r in builds["snippet_edit"]["runs"]})
            ),
            "limit": "1",
        },
    ]
    found[0]["ok"] = found[0]["measured"] <= 1.5
    found[1]["ok"] = found[1]["measured"] <= 1.15
    found[2]["ok"] = not found[2]["measured"]
    found[3]["ok"] = found[3]["measured"] == "1"
    serve = results.get("serve")
    if serve:
        counts = (
            f"{serve.get('rebuilds_after_snippet_edit')}/{serve.get('rebuilds_after_page_edit')}"
        )
        found.append({"name": "serve", "measured": counts, "limit": "1/1", "ok": serve.get("ok")})
        # A prose edit under `make serve` reaches the browser in at most a quarter of the time
        # a full `mkdocs build` takes (every page rendered; snippets already run).
        reload_seconds = serve.get("seconds_to_reload_after_page_edit")
        full = results["builds"]["no_change"]["median"]
        ratio = round(reload_seconds / full, 3) if reload_seconds and full else None
        results["serve_ratio"] = {
            "reload_seconds": reload_seconds,
            "full_build": full,
            "ratio": ratio,
        }
        found.append(
            {
                "name": "serve_edit_ratio",
                "measured": ratio,
                "limit": "≤ 0.25",
                "ok": ratio is not None and ratio <= 0.25,
            }
        )
    make_test = results.get("make_test")
    found.append(
        {
            "name": "make_test",
            "measured": make_test["seconds"] if make_test else None,
            "limit": "< 300",
            "ok": (make_test["ok"] and make_test["seconds"] < 300) if make_test else None,
        }
    )
    pages = [p for p in results.get("pages", []) if p["kind"] in {"home", "chapter"}]
    if pages:
        heaviest = max(p["bytes"] for p in pages) / 1024
        found.append(
            {
                "name": "page_weight",
                "measured": round(heaviest, 1),
                "limit": f"≤ {PAGE_BUDGET_KB}",
                "ok": heaviest <= PAGE_BUDGET_KB,
            }
        )
        every = results["pages"]
        wrong = [
            p["path"]
            for p in every
            if (p["katex_requests"] > 0) != p["has_math"] or p["mermaid_requests"]
        ]
        found.append({"name": "math_assets", "measured": len(wrong), "limit": "0", "ok": not wrong})
        results["math_assets_wrong"] = wrong
        foreign = sorted({host for p in every for host in p["foreign_hosts"]})
        found.append(
            {"name": "foreign_hosts", "measured": len(foreign), "limit": "0", "ok": not foreign}
        )
        results["foreign_hosts"] = foreign
    scores = [r["performance"] for r in results.get("lighthouse", []) if "performance" in r]
    if results.get("lighthouse"):
        ok = bool(scores) and len(scores) == len(results["lighthouse"])
        found.append(
            {
                "name": "lighthouse",
                "measured": min(scores) if scores else None,
                "limit": f"≥ {LIGHTHOUSE_MIN}",
                "ok": ok and min(scores) >= LIGHTHOUSE_MIN,
            }
        )
    scaling = results.get("scaling")
    if scaling and len(scaling["points"]) > 1:
        top = scaling["points"][-1]
        found.append(
            {
                "name": "scaling",
                "measured": top["no_change_snippets_run"],
                "limit": "0",
                "ok": top["no_change_snippets_run"] == 0,
            }
        )
    return found


def compare_with_baseline(revision: str, rounds: int, from_worktree: bool) -> dict:
    """Clean builds of ``revision`` and of this tree, alternating, ``rounds`` of each."""
    work = workspace.temp_root()
    try:
        roots = {
            "baseline": workspace.make_copy(PROJECT, work / "baseline", revision=revision),
            "current": workspace.make_copy(PROJECT, work / "current", from_worktree),
        }
        builds: dict[str, list] = {"baseline": [], "current": []}
        for index in range(rounds):
            for name, root in roots.items():
                workspace.reset_outputs(root)
                log(f"{name}: clean build {index + 1}/{rounds}")
                builds[name].append(_require_ok(timing.build(root), f"{name} clean build"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    summaries = {name: timing.summary(runs) for name, runs in builds.items()}
    commit = subprocess.run(
        ["git", "-C", str(PROJECT), "rev-parse", "--short", revision],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    return {
        "measured_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "baseline_commit": commit,
        "source": "working tree" if from_worktree else "HEAD",
        **summaries,
        "snippets": {name: runs[0].snippets_run for name, runs in builds.items()},
        "ratio": round(summaries["current"]["median"] / summaries["baseline"]["median"], 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per rebuild kind (median)")
    parser.add_argument("--clean-runs", type=int, default=3, help="clean builds (median)")
    parser.add_argument("--scale", default="5,10", help="scaling factors, '' to skip")
    parser.add_argument("--head", action="store_true", help="benchmark HEAD, not the worktree")
    parser.add_argument("--make-test", action="store_true", help="also time make test (slow)")
    parser.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve check")
    parser.add_argument("--no-browser", action="store_true", help="skip page weight, Lighthouse")
    parser.add_argument("--keep", action="store_true", help="keep the temporary copies")
    parser.add_argument(
        "--baseline", metavar="REV", help="only compare clean builds with commit REV (ratio)"
    )
    args = parser.parse_args(argv)

    if args.baseline:
        compared = compare_with_baseline(args.baseline, args.clean_runs, not args.head)
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / "baseline.json").write_text(json.dumps(compared, indent=1) + "\n")
        for name in ("baseline", "current"):
            runs = ", ".join(f"{b['seconds']:.1f}" for b in compared[name]["runs"])
            print(f"{name:<8} median {compared[name]['median']:.1f} s  ({runs})")
        print(f"clean build, current / {compared['baseline_commit']} = {compared['ratio']:.2f}")
        return 0

    work = workspace.temp_root()
    log(f"working in {work}")
    try:
        root = workspace.make_copy(PROJECT, work / "site", from_worktree=not args.head)
        results: dict = {
            "measured_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "machine": machine(),
            "source": "HEAD" if args.head else "working tree",
            "runs": args.runs,
            "clean_runs": args.clean_runs,
        }
        results.update(measure_builds(root, args.runs, args.clean_runs))
        if not args.no_serve:
            log("mkdocs serve: counting rebuilds per edit")
            results["serve"] = serve_check.check_serve(root)
        if args.make_test:
            log("make test (lint, strict build, pytest)")
            results["make_test"] = measure_make_test(root)
        if not args.no_browser:
            timing.build(root)  # the site as the last edit left it
            results["pages"], results["lighthouse"] = measure_pages(root)
        factors = [int(f) for f in args.scale.split(",") if f.strip()]
        if factors:
            results["scaling"] = measure_scaling(PROJECT, work, factors, results)
        results["budgets"] = budgets(results)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    for path in report.write(results, RESULTS):
        log(f"wrote {path.relative_to(PROJECT)}")
    ratios = results["ratios"]
    print(f"b/(a+f) = {ratios['b_over_a_plus_f']:.2f}   (budget ≤ 1.5)")
    print(f"c/f     = {ratios['c_over_f']:.2f}   (budget ≤ 1.15)")
    print(f"d/f     = {ratios['d_over_f']:.2f}")
    for budget in results["budgets"]:
        mark = {True: "ok  ", False: "MISS", None: "n/a "}[budget["ok"]]
        print(f"{mark} {budget['name']:<16} {budget['measured']!s:>10}  limit {budget['limit']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
