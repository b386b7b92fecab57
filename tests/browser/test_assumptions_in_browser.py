"""Lesson 05's assumptions panel moves the verdict in a real browser (issue 25).

After Run All, the steering slider goes to 100% (local targets): the sentence under the
figure warns that fewer customers reach success. Then the "Fit of the extra leads" slider
in the Assumptions panel goes past its crossing (37%, tests/test_gtm_claims.py): the same
sentence must say the verdict has flipped. Keys only, as a learner without a mouse would.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

STEERING = "Steering: end to end"
FIT = "Fit of the extra leads"


def _handle(page, label: str):
    """A slider's handle, by the accessible name widgetkit gives it (its description)."""
    handle = page.locator(f'.jp-Notebook .noUi-handle[aria-label^="{label}"]').first
    handle.wait_for(timeout=30_000)
    return handle


def _press(page, handle, key: str, times: int) -> None:
    handle.scroll_into_view_if_needed()
    handle.focus()
    for _ in range(times):
        page.keyboard.press(key)


def test_assumptions_panel_flips_the_verdict(notebook):
    if not notebook.name.startswith("05-"):
        pytest.skip("the assumptions panel is lesson 05's")
    page = notebook.page
    verdict = page.locator(".jp-Notebook .widget-html", has_text="Department scores").first
    # 12 steps of 10 points: at 100% whatever an earlier test left it at
    _press(page, _handle(page, STEERING), "ArrowRight", 12)
    page.locator(".jp-Notebook .widget-html", has_text="(−42%)").first.wait_for(timeout=30_000)
    assert "flipped" not in verdict.inner_text()
    # 5% -> 55% fit of the extra leads, in steps of 5 points: past the 37% crossing
    fit = _handle(page, FIT)
    flipped = page.locator(".jp-Notebook .widget-html", has_text="the verdict has flipped")
    _press(page, fit, "ArrowRight", 10)
    try:
        flipped.first.wait_for(timeout=30_000)
    finally:
        _press(page, fit, "ArrowLeft", 10)  # back to today's 5% for the tests that follow
        notebook.wait_kernel_idle()
    page.locator(".jp-Notebook .widget-html", has_text="(−42%)").first.wait_for(timeout=30_000)
