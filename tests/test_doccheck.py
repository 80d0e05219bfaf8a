"""How pages are checked: doctests, include lines, invisible blocks and prose checks."""

from __future__ import annotations

import textwrap
from pathlib import Path

from sybil.document import Document

from autograd_illustrated.doccheck import CodeParser, ProseParser, page_sybil

ROOT = Path(__file__).resolve().parents[1]


def evaluate_page(tmp_path: Path, markdown: str) -> list[str]:
    """Evaluate every example of a page in order; return the failure messages."""
    page = tmp_path / "page.md"
    page.write_text(textwrap.dedent(markdown).lstrip(), encoding="utf-8")
    document = Document.parse(str(page), CodeParser(), ProseParser())
    failures = []
    for example in document.examples():
        try:
            result = example.evaluate()
        except Exception as exc:  # noqa: BLE001 - a failing example is what we're looking for
            failures.append(f"line {example.line}: {exc}")
            continue
        if result:
            failures.append(f"line {example.line}: {result}")
    return failures


PAGE = """
    # A page

    ```python
    --8<-- "snippets/does/not/exist.py:section"
    ```

    <!-- invisible-code-block: python
    import torch
    x = torch.ones(2, 2, requires_grad=True)
    out = (3 * (x + 2) ** 2).mean()
    out.backward()
    -->

    Every element of `x.grad` is {prose}.
    <!-- prose: x.grad[0, 0].item() => 4.5 -->

    ```pycon
    >>> x.grad
    tensor([[{digit}.5000, 4.5000],
            [4.5000, 4.5000]])
    ```
"""


def test_a_correct_page_passes(tmp_path):
    assert evaluate_page(tmp_path, PAGE.format(prose="4.5", digit="4")) == []


def test_changing_a_digit_of_a_shown_output_fails(tmp_path):
    failures = evaluate_page(tmp_path, PAGE.format(prose="4.5", digit="5"))
    assert len(failures) == 1
    # The failure names the page and the line of the doctest.
    assert failures[0].startswith(f"line 18: Example at {tmp_path / 'page.md'}, line 18")
    assert "5.5000" in failures[0]


def test_changing_a_number_in_prose_fails(tmp_path):
    failures = evaluate_page(tmp_path, PAGE.format(prose="4.6", digit="4"))
    assert len(failures) == 2
    # The new number is unchecked, and the check no longer finds the one it proves.
    assert failures[0].startswith("line 14: ") and "unchecked numbers: '4.6'" in failures[0]
    assert failures[1].startswith("line 15: ")
    assert failures[1].endswith(
        "prose check: '4.5' does not appear in the paragraph above the check"
    )


def test_prose_check_compares_at_the_stated_precision(tmp_path):
    page = """
        <!-- invisible-code-block: python
        z = 15.359999656677246
        -->

        The result is about 15.36.
        <!-- prose: z => 15.36 -->

        A wrong claim fails: 15.37.
        <!-- prose: z => 15.37 -->
    """
    failures = evaluate_page(tmp_path, page)
    assert len(failures) == 1 and failures[0].startswith("line 9: ")
    assert failures[0].endswith("prose check: z is 15.359999656677246, but the page says '15.37'")


def test_fences_with_attributes_are_still_checked(tmp_path):
    page = """
        ```python title="example.py"
        assert 1 + 1 == 3, "this block must run"
        ```
    """
    failures = evaluate_page(tmp_path, page)
    assert len(failures) == 1 and "this block must run" in failures[0]


def test_page_sybil_collects_pages_at_the_top_of_docs():
    # Guards the Python 3.11 pitfall: a `**/*.md` pattern silently skips docs/*.md.
    sybil = page_sybil(ROOT)
    top_level = sorted((ROOT / "docs").glob("*.md"))
    assert top_level, "docs/ should hold pages"
    assert all(sybil.should_parse(page) for page in top_level)


def test_snippet_helper_is_available_on_pages(tmp_path):
    page = """
        ```pycon
        >>> ns = snippet("dynamic_graphs/linear_graph.py")
        >>> ns.h.item()
        4.5
        ```
    """
    sybil_namespace_setup = page_sybil(ROOT).setup
    path = tmp_path / "p.md"
    path.write_text(textwrap.dedent(page).lstrip())
    document = Document.parse(str(path), CodeParser())
    sybil_namespace_setup(document.namespace)
    assert [example.evaluate() for example in document.examples()] == [None, None]


CHECKED = """
    <!-- invisible-code-block: python
    x = 4.5
    -->

    {paragraph}
    {checks}
"""


def check_page(tmp_path, paragraph: str, checks: str = "<!-- prose: x => 4.5 -->") -> list[str]:
    return evaluate_page(tmp_path, CHECKED.format(paragraph=paragraph, checks=checks))


def test_a_checked_number_matches_only_as_a_whole_number(tmp_path):
    assert check_page(tmp_path, "Every element is 4.5.") == []
    for inside in ("14.5", "4.55", "4.5.1", "24.5"):
        failures = check_page(tmp_path, f"Every element is {inside}.")
        assert any("'4.5' does not appear" in f for f in failures), inside


def test_a_check_claims_one_statement_not_the_paragraph(tmp_path):
    twice = "The gradient is 4.5, and the mean is 4.5 too."
    both = "<!-- prose: x => 4.5 -->\n<!-- prose: x => 4.5 -->"
    assert check_page(tmp_path, twice, both) == []
    # One check for two statements leaves the second one unchecked.
    failures = check_page(tmp_path, twice)
    assert any("unchecked numbers: '4.5'" in f for f in failures)
    # Changing either statement fails, whichever it is.
    for changed in (
        "The gradient is 4.8, and the mean is 4.5 too.",
        "The gradient is 4.5, and the mean is 4.8 too.",
    ):
        failures = check_page(tmp_path, changed, both)
        assert any(
            "'4.5' appears 1 time(s) in the paragraph above, but 2 checks" in f for f in failures
        ), changed
        assert any("unchecked numbers: '4.8'" in f for f in failures), changed


def test_unchecked_results_fail_and_givens_are_declared(tmp_path):
    paragraph = "With a step of 0.001 and 100 steps, the loss falls to 4.5."
    failures = check_page(tmp_path, paragraph)
    assert len(failures) == 1
    assert "unchecked numbers: '0.001' (line 5), '100' (line 5)" in failures[0]
    given = "<!-- prose: x => 4.5 -->\n<!-- given: 0.001 100 -->"
    assert check_page(tmp_path, paragraph, given) == []
    # Single digits and numbers in code are not results to check.
    assert check_page(tmp_path, "Add 2 to `x = 12.0`: every element is 4.5.") == []


def test_numbers_in_attribute_lists_are_not_prose(tmp_path):
    # A heading's id is a slug of its text, so it repeats the heading's numbers.
    heading = "## Every element is 4.5 { #every-element-is-45 }"
    assert check_page(tmp_path, heading) == []
    for written in ("{#id-45}", "{: #id-45 }", "{ .graph #id-45 }"):
        assert check_page(tmp_path, f"Every element is 4.5. {written}") == [], written


def test_a_minus_sign_and_math_count_as_the_same_number(tmp_path):
    page = """
        <!-- invisible-code-block: python
        g = -16.0
        -->

        The slope is $\u221216$, so the loss rises to $1.5h$ per step.
        <!-- prose: g => -16 -->
        <!-- prose: g / -16 * 1.5 => 1.5 -->
    """
    assert evaluate_page(tmp_path, page) == []


def test_counts_written_as_words_are_checked(tmp_path):
    page = """
        <!-- invisible-code-block: python
        myths = ["a"] * 9
        -->

        The remaining ten myths come from beginners.
        <!-- prose: len(myths) => ten -->
    """
    failures = evaluate_page(tmp_path, page)
    assert failures and failures[0].endswith(
        "prose check: len(myths) is 9, but the page says 'ten'"
    )


def test_chinese_counts_are_found_between_other_characters(tmp_path):
    page = """
        <!-- invisible-code-block: python
        myths = ["a"] * 9
        -->

        前八条出自教程，后面九条是初学者自己的想法，共十七条。
        <!-- prose: len(myths) - 1 => 八 -->
        <!-- prose: len(myths) => 九 -->
        <!-- prose: len(myths) + 1 => 十 -->
    """
    failures = evaluate_page(tmp_path, page)
    assert len(failures) == 1 and failures[0].endswith(
        "prose check: '十' does not appear in the paragraph above the check"
    )


def test_an_exponent_is_a_number_a_check_can_claim(tmp_path):
    page = """
        <!-- invisible-code-block: python
        import math
        ratio = 1.2e8
        -->

        Smaller by a factor of about $10^8$, or $10^{8}$.
        <!-- prose: round(math.log10(ratio)) => 8 -->
        <!-- prose: round(math.log10(ratio)) => 8 -->
        <!-- given: 10 -->
    """
    assert evaluate_page(tmp_path, page) == []  # the base is notation, declared as given
