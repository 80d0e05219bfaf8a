"""Every shown number is checked: change one, and a test must fail (`make mutation` runs all)."""

from __future__ import annotations

import os
from pathlib import Path

from autograd_illustrated import mutation

ROOT = Path(__file__).resolve().parents[1]
# A fixed sample keeps `make test` reproducible; MUTATION_SEED draws another one.
SAMPLE = 24


def test_a_sample_of_mutants_is_all_killed(capsys):
    seed = os.environ.get("MUTATION_SEED", "0")
    assert mutation.main(["--root", str(ROOT), "--sample", str(SAMPLE), "--seed", seed]) == 0, (
        capsys.readouterr().out
    )


def test_mutants_cover_prose_checks_and_doctest_outputs():
    mutants = mutation.all_mutants(ROOT / "docs")
    kinds = {m.kind for m in mutants}
    assert kinds == {"prose", "doctest"}
    assert all(m.original != m.mutated for m in mutants)


def test_checked_numbers_are_killed_and_an_unchecked_one_survives(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    page = docs / "p.md"
    page.write_text(
        "<!-- invisible-code-block: python\nx = 4.5\n-->\n\n"
        "After 100 steps (`lr = 0.25`) it is 4.5.\n<!-- prose: x => 4.5 -->\n"
        "<!-- given: 100 -->\n\n"
        "```pycon\n>>> print(3 + 4)\n7\n```\n"
    )
    mutants = mutation.all_mutants(docs)
    assert [(m.kind, m.original, m.mutated) for m in mutants] == [
        ("prose", "4.5", "4.6"),
        ("doctest", "7", "8"),
    ]
    assert all(mutation.is_killed(m, tmp_path) for m in mutants)
    text = page.read_text()
    # Even a given is tied to the text: changing it leaves an unchecked number.
    given = mutation.Mutant(page, 5, "prose", "100", "101", text.index("100"))
    assert mutation.is_killed(given, tmp_path)
    # The harness can report a survivor: nothing checks a number inside code.
    in_code = mutation.Mutant(page, 5, "prose", "0.25", "0.26", text.index("0.25"))
    assert not mutation.is_killed(in_code, tmp_path)
