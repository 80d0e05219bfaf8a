"""``autograd-snippets --update-doctests``: pycon outputs rewritten from a real run.

Each test builds a tiny project (``docs/<slug>.zh.md`` and ``.en.md``) in tmp_path and runs
the real command on it. Pages are compared whole, so "everything else stays byte-identical"
is checked on every line, not just the rewritten ones.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from autograd_illustrated import translations
from autograd_illustrated.mutation import doctest_mutants, first_failure
from autograd_illustrated.runner.isolation import FRESH_PROCESS_ENV

ROOT = Path(__file__).resolve().parents[1]

# {title} and {prose} differ by language; the code and outputs never do.
PAGE = """\
# {title}

{prose}

```pycon
>>> 1 + 1
{sum}
>>> print("unchanged")
unchanged
```

!!! note "{title}"

    ```pycon
    >>> import torch
    >>> torch.tensor([1.0, 2.0]) * 2
    tensor([2., {four}.])
    >>> list(range(30))
    [0, 1, 2, ..., 29]
    >>> torch.ones(2, 3)
    tensor([[1., 1., 1.],   [1., 1., 1.]])
    ```

=== "Tab"

    ```pycon
    >>> x = 5
    >>> x{x_output}
    ```
"""
LANGUAGES = {
    "zh": {"title": "演示", "prose": "一段中文说明：代码和输出两种语言相同。"},
    "en": {"title": "Demo", "prose": "Some English prose: code and outputs are shared."},
}
RIGHT = {"sum": "2", "four": "4", "x_output": "\n    5"}
WRONG = {"sum": "3", "four": "5", "x_output": ""}


def write_page(root: Path, slug: str, lang: str, text: str) -> Path:
    page = root / "docs" / f"{slug}.{lang}.md"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(text, encoding="utf-8")
    return page


def demo(lang: str, **outputs: str) -> str:
    return PAGE.format(**LANGUAGES[lang], **outputs)


def run(root: Path, *args: str) -> int:
    """The command, as a reader runs it: in a process of its own.

    Not ``cli.main`` inside pytest: by the time this file runs, other tests have done
    matrix products in this process, so GNU OpenMP's thread pool exists, and a child forked
    from here hangs at its first parallel operation (seen in a clean-clone run). The
    command's own process forks before running any torch operation, as the snippet runner
    does. Its output is copied to this process's, where ``capsys`` reads it.
    """
    done = subprocess.run(
        [sys.executable, "-m", "autograd_illustrated.runner", "--update-doctests",
         "--root", str(root), "--jobs", "2", *args],
        capture_output=True, text=True, timeout=600,
    )
    sys.stdout.write(done.stdout)
    sys.stderr.write(done.stderr)
    return done.returncode


@pytest.fixture
def project(tmp_path) -> Path:
    for lang in LANGUAGES:
        write_page(tmp_path, "demo", lang, demo(lang, **WRONG))
    return tmp_path


def test_wrong_outputs_are_rewritten_in_both_languages(project, capsys):
    assert run(project) == 0
    for lang in LANGUAGES:
        page = project / "docs" / f"demo.{lang}.md"
        # The whole page: only the three wrong outputs changed (one of them was missing),
        # the admonition's and the tab's indentation included; the ELLIPSIS and
        # NORMALIZE_WHITESPACE matches, the prose and the blank lines are as written.
        assert page.read_text(encoding="utf-8") == demo(lang, **RIGHT)
        # And the page now passes its doctests, run the way `pytest docs/` runs them.
        assert first_failure(page, page.read_text(encoding="utf-8"), project) is None
    out = capsys.readouterr().out.splitlines()
    # Each changed example is named by the line of its >>> prompt.
    assert out == [
        f"docs/demo.{lang}.md:{line}: updated" for lang in sorted(LANGUAGES) for line in (6, 16, 28)
    ]


def test_correct_pages_are_left_byte_identical(tmp_path, capsys):
    pages = [write_page(tmp_path, "demo", lang, demo(lang, **RIGHT)) for lang in LANGUAGES]
    before = [page.read_bytes() for page in pages]
    assert run(tmp_path) == 0
    assert [page.read_bytes() for page in pages] == before
    assert capsys.readouterr().out == ""
    assert run(tmp_path, "--check") == 0


def test_check_reports_without_writing(project, capsys):
    before = {p: p.read_bytes() for p in (project / "docs").iterdir()}
    assert run(project, "--check") == 1
    assert {p: p.read_bytes() for p in (project / "docs").iterdir()} == before
    out = capsys.readouterr().out.splitlines()
    assert "docs/demo.zh.md:6: would update" in out and len(out) == 6


def test_a_failing_block_keeps_its_hand_written_lines_that_still_match(tmp_path):
    block = textwrap.dedent(
        """\
        ```pycon
        >>> print("\\n".join(str(i) for i in range(8)))
        0
        ...
        5
        6
        {seven}
        >>> print("first\\n\\nlast", "line")
        first
        <BLANKLINE>
        {last}
        ```
        """
    )
    pages = [
        write_page(tmp_path, "numbers", lang, block.format(seven="9", last="last"))
        for lang in LANGUAGES
    ]
    assert run(tmp_path) == 0
    # "..." still stands for 1 to 4, and <BLANKLINE> stays as written.
    expected = block.format(seven="7", last="last line")
    assert [page.read_text(encoding="utf-8") for page in pages] == [expected, expected]


def test_an_exception_message_is_rewritten_and_its_stack_kept(tmp_path):
    block = """\
        ```pycon
        >>> raise ValueError("the {0} message")
        Traceback (most recent call last):
        ...
        ValueError: the {1} message
        >>> raise KeyError("gone")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
          File "<doctest>", line 1
        KeyError: 'gone...'
        ```
        """
    for lang in LANGUAGES:
        write_page(tmp_path, "errors", lang, textwrap.dedent(block).format("new", "old"))
    assert run(tmp_path) == 0
    page = tmp_path / "docs" / "errors.en.md"
    assert page.read_text(encoding="utf-8") == textwrap.dedent(block).format("new", "new")


def test_what_cannot_be_rewritten_is_reported_and_the_rest_still_written(tmp_path, capsys):
    text = textwrap.dedent(
        """\
        ```pycon
        >>> 1 + 1
        3
        >>> undefined_name
        42
        >>> print("no error")
        Traceback (most recent call last):
        ValueError: an error
        ```

        Two plus two is 5.
        <!-- prose: 2 + 2 => 5 -->
        """
    )
    for lang in LANGUAGES:
        write_page(tmp_path, "broken", lang, text)
    assert run(tmp_path) == 1
    page = tmp_path / "docs" / "broken.en.md"
    assert page.read_text(encoding="utf-8") == text.replace(">>> 1 + 1\n3", ">>> 1 + 1\n2")
    problems = capsys.readouterr().err
    undefined = "NameError: name 'undefined_name' is not defined"
    assert f"docs/broken.en.md:4: now raises {undefined}" in problems
    assert "docs/broken.en.md:6: expected an exception, but nothing was raised" in problems
    assert "docs/broken.en.md:12: fails, fix by hand: prose check: 2 + 2 is 4" in problems


def test_blocks_share_their_page_namespace_and_pages_never_affect_each_other(tmp_path, capsys):
    # sybil runs a page's blocks in order in one namespace; a page never sees another's
    # names or torch settings ("a-" sorts, and so runs, before "b-").
    first = textwrap.dedent(
        """\
        <!-- invisible-code-block: python
        import torch
        torch.set_printoptions(precision=2)
        shared = torch.tensor([1 / 3])
        -->

        ```pycon
        >>> shared
        tensor([0.33])
        ```
        """
    )
    second = textwrap.dedent(
        """\
        ```pycon
        >>> import torch
        >>> torch.tensor([1 / 3])
        tensor([0.3333])
        >>> "shared" in globals()
        False
        ```
        """
    )
    for lang in LANGUAGES:
        write_page(tmp_path, "a-first", lang, first)
        write_page(tmp_path, "b-second", lang, second)
    assert run(tmp_path, "--check") == 0, capsys.readouterr()
    assert run(tmp_path, "--check", "--jobs", "1") == 0, capsys.readouterr()


def test_named_pages_are_updated_in_both_languages(project, tmp_path, capsys):
    other = {lang: write_page(project, "other", lang, demo(lang, **WRONG)) for lang in LANGUAGES}
    assert run(project, "docs/demo.en.md") == 0
    out = capsys.readouterr().out
    assert "docs/demo.zh.md:6: updated" in out and "other" not in out
    for lang, page in other.items():
        assert page.read_text(encoding="utf-8") == demo(lang, **WRONG)
    assert run(project, "other") == 0
    assert run(project, "docs/missing.en.md") == 2
    assert "no page docs/missing.en.md" in capsys.readouterr().err


def test_a_pair_in_step_stays_in_step(project):
    for lang in LANGUAGES:
        translations.sync(project / "docs" / f"demo.{lang}.md", project)
    assert translations.check(project) == []
    assert run(project) == 0
    assert translations.check(project) == []
    page = project / "docs" / "demo.en.md"
    assert page.read_text(encoding="utf-8").startswith(demo("en", **RIGHT))


def test_without_fork_each_page_starts_a_fresh_interpreter(tmp_path, monkeypatch):
    monkeypatch.setenv(FRESH_PROCESS_ENV, "1")
    text = "```pycon\n>>> print(6 * 7)\n41\n```\n"
    pages = [write_page(tmp_path, "fresh", lang, text) for lang in LANGUAGES]
    assert run(tmp_path) == 0
    assert all(p.read_text(encoding="utf-8") == text.replace("41", "42") for p in pages)


REAL_PAGES = ("tensors", "long-chains")  # quick ones, with admonitions and an exception


def test_every_changed_output_of_real_pages_is_written_back_as_it_was(tmp_path):
    # Change the first number of every doctest output line (as `make mutation` does) on
    # real pages; a real run must bring back each page exactly as it is in the project.
    shutil.copytree(ROOT / "snippets", tmp_path / "snippets")
    originals, mutants = {}, 0
    for slug in REAL_PAGES:
        for lang in LANGUAGES:
            source = ROOT / "docs" / f"{slug}.{lang}.md"
            text = source.read_text(encoding="utf-8")
            page = write_page(tmp_path, slug, lang, text)
            for mutant in sorted(doctest_mutants(page, text), key=lambda m: -m.offset):
                text = mutant.apply(text)
                mutants += 1
            page.write_text(text, encoding="utf-8")
            originals[page] = source.read_bytes()
    assert mutants >= 20
    assert run(tmp_path) == 0
    for page, original in originals.items():
        assert page.read_bytes() == original, page.name
