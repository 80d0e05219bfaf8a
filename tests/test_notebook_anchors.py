"""Chinese headings on notebook pages get the ids their table of contents links to."""

from __future__ import annotations

from types import SimpleNamespace

from autograd_illustrated.notebook_pages import anchor_unnamed_headings


def item(title, anchor, children=()):
    return SimpleNamespace(title=title, id=anchor, children=list(children))


def test_unnamed_headings_take_their_toc_ids_by_text():
    toc = [item("游乐场", "_1", [item("Intro", "intro"), item("反向传播", "_2")])]
    page = (
        '<h1 id="">游乐场<a class="anchor-link" href="#">¶</a></h1>'
        '<h2 id="intro">Intro<a class="anchor-link" href="#intro">¶</a></h2>'
        '<h2 id="">反向传播<a class="anchor-link" href="#">¶</a></h2>'
        '<h2 id="">不在目录里<a class="anchor-link" href="#">¶</a></h2>'
    )
    out = anchor_unnamed_headings(page, toc)
    assert '<h1 id="_1">游乐场<a class="anchor-link" href="#_1">' in out
    assert '<h2 id="_2">反向传播<a class="anchor-link" href="#_2">' in out
    assert '<h2 id="intro">Intro' in out
    # A heading the contents don't list keeps what nbconvert gave it.
    assert '<h2 id="">不在目录里<a class="anchor-link" href="#">' in out
