"""Every page of the built site, in both languages, as a reader's browser shows it.

Pages come from the built site (see ``tests/conftest.py``); each is loaded once and the
checks below read what that load recorded.
"""

from __future__ import annotations

import re

import pytest
from sitepages import DEFAULT_LANGUAGE, OTHER_LANGUAGES, counterpart, language_of

pytestmark = pytest.mark.browser

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def test_page_loads(visited):
    assert visited.status == 200, f"{visited.url} answered HTTP {visited.status}"


def test_no_console_errors(visited):
    assert not visited.console_errors, f"{visited.url}: " + "\n".join(visited.console_errors)


def test_no_failed_requests(visited):
    assert not visited.failed, f"{visited.url}: " + "\n".join(visited.failed)


def test_no_request_leaves_the_site(visited, server):
    foreign = visited.foreign_requests(server.origin)
    assert not foreign, f"{visited.url} asked other hosts for:\n" + "\n".join(foreign)
    assert visited.requests, "no request was recorded at all: the check would be vacuous"


def test_images_and_svgs_render(visited):
    facts = visited.facts
    assert not facts["brokenImages"], f"{visited.url}: images not rendered: {facts['brokenImages']}"
    assert not facts["emptySvgs"], f"{visited.url}: empty inline SVGs: {facts['emptySvgs']}"


def test_math_is_typeset(visited):
    facts = visited.facts
    assert not facts["unrenderedMath"], f"{visited.url}: math left raw: {facts['unrenderedMath']}"
    assert not facts["mathErrors"], f"{visited.url}: KaTeX errors: {facts['mathErrors']}"
    assert not facts["rawTex"], f"{visited.url}: raw TeX in the text: {facts['rawTex']}"
    if facts["arithmatexCount"]:
        assert facts["katexCount"] >= facts["arithmatexCount"], visited.url


def test_html_lang_matches_the_page(visited, page):
    assert visited.facts["htmlLang"] == language_of(page), visited.url


def test_language_links_lead_to_the_same_page(visited, page, server):
    links = {link["lang"]: server.page_of(link["href"]) for link in visited.facts["switcher"]}
    # A 404 page stands in for any missing address: its switcher leads to each home page.
    same = "" if page.endswith("404.html") else page
    expected = {lang: counterpart(same, lang) for lang in (DEFAULT_LANGUAGE, *OTHER_LANGUAGES)}
    assert links == expected, f"{visited.url}: language switcher points to {links}"


def test_no_serious_accessibility_violation(visited):
    problems = [
        f"{v['impact']} {v['id']} ({v['count']}x): {v['help']} — e.g. {v['targets']}"
        for v in visited.axe
    ]
    assert not problems, f"{visited.url}: axe-core found\n" + "\n".join(problems)


def test_generated_pictures_have_alt_in_the_page_language(visited, page):
    language = language_of(page)
    wrong = []
    for picture in visited.facts["pictures"]:
        alt = picture["alt"].strip()
        if not alt:
            wrong.append(f"{picture['src']}: no alt text")
        elif language == "zh" and not CJK.search(alt):
            wrong.append(f"{picture['src']}: alt text is not Chinese: {alt!r}")
        elif language != "zh" and CJK.search(alt):
            wrong.append(f"{picture['src']}: alt text has Chinese on a {language} page: {alt!r}")
    assert not wrong, f"{visited.url}:\n" + "\n".join(wrong)
