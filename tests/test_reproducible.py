"""Two clean builds produce the same site, byte for byte.

Each build starts cold, in its own copy of the project with an empty generated/ cache,
so every snippet runs and every graph is drawn again. The two builds run side by side,
which also shakes out anything that depends on timing. Only the dates a build stamps
(the sitemaps' <lastmod>, and sitemap.xml.gz, which compresses them) are set aside.
"""

from __future__ import annotations

import difflib
import re
import subprocess

from projectcopy import BIN, copy_project, tool_env

LASTMOD = re.compile(rb"<lastmod>[^<]*</lastmod>")


def _comparable(path, data: bytes) -> bytes:
    return LASTMOD.sub(b"<lastmod/>", data) if path.name == "sitemap.xml" else data


def _files(folder, pattern="*"):
    return {
        p.relative_to(folder).as_posix(): p
        for p in sorted(folder.rglob(pattern))
        if p.is_file() and p.name != "sitemap.xml.gz"
    }


def _differences(first, second, pattern="*") -> list[str]:
    a, b = _files(first, pattern), _files(second, pattern)
    problems = [f"only in the first build: {name}" for name in sorted(a.keys() - b.keys())]
    problems += [f"only in the second build: {name}" for name in sorted(b.keys() - a.keys())]
    for name in sorted(a.keys() & b.keys()):
        left, right = _comparable(a[name], a[name].read_bytes()), _comparable(
            b[name], b[name].read_bytes()
        )
        if left == right:
            continue
        detail = ""
        try:
            diff = difflib.unified_diff(
                left.decode().splitlines(), right.decode().splitlines(), lineterm="", n=0
            )
            detail = "\n    " + "\n    ".join(list(diff)[2:8])
        except UnicodeDecodeError:
            pass
        problems.append(f"differs: {name}{detail}")
    return problems


def test_two_clean_builds_are_byte_identical(tmp_path):
    projects = [copy_project(tmp_path / name, with_generated=False) for name in ("a", "b")]
    builds = [
        subprocess.Popen(
            [str(BIN / "mkdocs"), "build", "--strict", "-d", str(project / "site")],
            cwd=project,
            env=tool_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for project in projects
    ]
    for project, build in zip(projects, builds, strict=True):
        output, _ = build.communicate(timeout=600)
        assert build.returncode == 0, f"clean build in {project} failed:\n{output[-4000:]}"

    first, second = (project / "site" for project in projects)
    pages = _files(first, "*.html")
    assert len(pages) > 10, f"the build made only {len(pages)} pages"
    problems = _differences(first, second)
    assert not problems, f"{len(problems)} difference(s):\n" + "\n".join(problems[:30])

    # The graphs, straight from each build's snippet runs.
    svgs = _files(projects[0] / "generated", "*.svg")
    assert svgs, "no graph was drawn: nothing to compare"
    problems = _differences(projects[0] / "generated", projects[1] / "generated", "*.svg")
    assert not problems, "graphs differ between two clean builds:\n" + "\n".join(problems)
