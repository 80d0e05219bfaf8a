"""The backward step-through in a real browser: a player with JS, every frame without it."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PAGES = ["gradient-flow/", "en/gradient-flow/"]


def visible_frames(tab, box):
    return box.locator(":scope > ul > li, :scope > ol > li").evaluate_all(
        "items => items.map((li, k) => li.hidden ? null : k).filter(k => k !== null)"
    )


@pytest.mark.parametrize("path", PAGES)
def test_player_steps_through_every_frame_in_order(desktop, server, path):
    tab = desktop.new_page()
    try:
        tab.goto(server.url(path), wait_until="load")
        box = tab.locator(".stepthrough.is-player").first
        box.wait_for()
        total = box.locator(":scope > ul > li, :scope > ol > li").count()
        assert total >= 3
        counter = box.locator(".stepthrough-counter")
        prev, play, nxt = box.locator(".stepthrough-controls button").all()
        assert counter.inner_text() == f"1 / {total}" and prev.is_disabled()
        assert visible_frames(tab, box) == [0]
        for step in range(1, total):
            nxt.click()
            assert visible_frames(tab, box) == [step]
            assert counter.inner_text() == f"{step + 1} / {total}"
            # Frame k's caption names engine step k, in the page's own language.
            caption = box.locator(":scope > ul > li, :scope > ol > li").nth(step).inner_text()
            assert (f"第 {step} 步" if not path.startswith("en/") else f"Step {step}") in caption
        assert nxt.is_disabled()
        prev.click()
        assert visible_frames(tab, box) == [total - 2]
        box.press("ArrowLeft")
        assert visible_frames(tab, box) == [total - 3]
        play.click()  # plays from the current frame, one step every 1.6 s
        tab.wait_for_function(
            "el => el.textContent.startsWith(String(el.textContent.split(' / ')[1]))",
            arg=counter.element_handle(),
            timeout=15_000,
        )
        assert visible_frames(tab, box) == [total - 1]
    finally:
        tab.close()


@pytest.mark.parametrize("path", PAGES)
def test_without_javascript_every_frame_is_readable_in_sequence(browser, server, path):
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(server.url(path), wait_until="load")
        box = tab.locator(".stepthrough").first
        frames = box.locator(":scope > ul > li, :scope > ol > li")
        assert frames.count() >= 3
        assert visible_frames(tab, box) == list(range(frames.count()))
        assert box.locator(".stepthrough-controls").count() == 0
        for image in frames.locator("img").all():
            assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    finally:
        context.close()
