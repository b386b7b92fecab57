"""Keyboard only (issue 14): in every lesson, vote the prediction, move the main control and
answer a quiz with Tab / Shift+Tab, arrows, Enter and Space, no mouse; each focused control
shows a visible focus indicator (a computed outline or box-shadow).

Entry point: the test puts focus on the first control of each widget with element.focus()
(what a learner does with Tab from the cell above; JupyterLab's code editors take Tab for
indentation, so tabbing *through* code cells is not part of what the course controls).
Runs on the page the session-scoped ``notebook`` fixture already opened and ran.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

FOCUS_RING = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return "nothing has focus";
  const cs = getComputedStyle(el);
  const outline = cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0;
  const shadow = cs.boxShadow && cs.boxShadow !== "none";
  return (outline || shadow) ? "" : `no visible focus on ${el.tagName}.${el.className}`;
}"""


def _focus_indicator(page) -> str:
    return page.evaluate(FOCUS_RING)


def test_lesson_works_by_keyboard_alone(notebook):
    page = notebook.page
    problems = []
    # 1. The prediction: focus its first answer, Tab to the next one, Space votes.
    pred = page.locator(".jp-Notebook .dl-prediction").first
    if pred.count():
        pred.scroll_into_view_if_needed()
        buttons = pred.locator("button")
        buttons.first.focus()
        page.keyboard.press("Tab")
        page.keyboard.press("Shift+Tab")
        if msg := _focus_indicator(page):
            problems.append(f"prediction: {msg}")
        page.keyboard.press("Space")
        try:
            pred.locator("button.mod-active").first.wait_for(timeout=10_000)
        except Exception:  # noqa: BLE001
            problems.append("prediction: Space on the first answer did not record a vote")
    # 2. The main control: arrows on a slider, Space on a toggle/button, arrows on a dropdown.
    kind, target = notebook.prepare_main_control()
    before = notebook.figure_signature()
    target.focus()
    if msg := _focus_indicator(page):
        problems.append(f"main control ({kind}): {msg}")
    if kind == "slider":
        page.keyboard.press(notebook.slider_direction(target))
    elif kind == "dropdown":
        page.keyboard.press("ArrowDown")
    else:
        page.keyboard.press("Space")
    try:
        notebook.wait_figure_changed(before, timeout_s=30)
    except Exception:  # noqa: BLE001
        problems.append(f"main control ({kind}): the key press did not redraw the main figure")
    notebook.wait_kernel_idle()
    # 3. One quiz: focus the first option, Space chooses it, Tab to Check, Enter.
    quiz = page.locator(".jp-Notebook .dl-quiz").first
    if quiz.count():
        quiz.scroll_into_view_if_needed()
        feedback = quiz.locator(".dl-message")
        quiz.locator("input[type=radio]").first.focus()
        page.keyboard.press("Space")  # choose the focused option
        if msg := _focus_indicator(page):
            problems.append(f"quiz option: {msg}")
        check = quiz.locator("button").first.element_handle()
        for _ in range(12):  # Tab past the other options (each is its own tab stop) to Check
            page.keyboard.press("Tab")
            if page.evaluate("el => document.activeElement === el", check):
                break
        else:
            problems.append("quiz: Tab never reached the Check button")
        if msg := _focus_indicator(page):
            problems.append(f"quiz Check button: {msg}")
        page.keyboard.press("Enter")
        try:
            page.wait_for_function(
                "el => el.textContent.trim().length > 0",
                arg=feedback.element_handle(),
                timeout=10_000,
            )
        except Exception:  # noqa: BLE001
            problems.append("quiz: Space + Tab + Enter gave no feedback")
    assert pred.count() or quiz.count(), f"{notebook.rel}: no prediction and no quiz found"
    assert not problems, f"{notebook.rel} by keyboard:\n  " + "\n  ".join(problems)
