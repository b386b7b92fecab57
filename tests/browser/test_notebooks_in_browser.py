"""Every lesson in a real browser: what a learner sees after Run All, not what a kernel returns.

For each notebooks/*.ipynb (found at collection time, so new lessons are covered without
editing this file) the ``notebook`` fixture starts the kernel, opens the notebook in
JupyterLab in Debian's chromium, runs all cells and waits for every widget and figure to
render. The tests then check, in this order on the same page:

1. nothing broken is shown: no traceback or stderr, no "Error displaying widget" /
   "model not found", no widget shown as text (``VBox(children=...``), every plotly figure
   drew a trace, and the setup probe (00) reports "Widgets render: OK";
2. the main control (class ``dl-main-control``) redraws the main figure (``dl-main-figure``);
3. hostile text typed into any text field is shown as text and runs nothing;
4. the browser console logged no error during all of the above.

Screenshots land in artifacts/browser/ (git-ignored): look at them.
"""

from __future__ import annotations

import pytest

from harness import (
    ARTIFACTS,
    HOSTILE_TEXT,
    NotebookPage,
    hostile_text_problems,
    render_problems,
    write_canary,
)

pytestmark = pytest.mark.browser


def test_run_all_renders_cleanly(notebook):
    s = notebook.run_state
    problems = render_problems(notebook, s, notebook.run_console_errors)
    if notebook.name.startswith("00-") and not s["setup"]:
        problems.append("00 shows no setup self-check (element with class dl-setup-status)")
    notebook.report["widgets_rendered"] = s["widgets"]
    notebook.report["plots"] = len(s["plots"])
    assert not problems, f"{notebook.rel} after Run All:\n  " + "\n  ".join(problems)


def test_main_control_redraws_figure(notebook):
    kind, target = notebook.prepare_main_control()
    notebook.page.locator(".jp-Notebook .dl-main-figure").scroll_into_view_if_needed()
    target.scroll_into_view_if_needed()
    before = notebook.figure_signature()
    assert before, f"{notebook.rel}: the main figure (dl-main-figure) never drew: no SVG in it"
    action = notebook.actuate(kind, target)
    try:
        notebook.wait_figure_changed(before, timeout_s=30)
    except Exception:  # noqa: BLE001
        pytest.fail(
            f"{notebook.rel}: after {action} on the main control the main figure did not "
            "redraw within 30 s (its SVG paths and rects are unchanged)",
            pytrace=False,
        )
    notebook.wait_kernel_idle()
    notebook.page.screenshot(path=str(ARTIFACTS / f"{notebook.name}-2-after-main-control.png"))
    notebook.report["main_control"] = action
    s = notebook.state()
    broken = s["errors"] + s["widgetErrors"]
    assert not broken, f"{notebook.rel}: moving the main control showed errors: {broken}"


def test_hostile_text_is_shown_as_text(notebook):
    n, shown, problems = hostile_text_problems(notebook)
    if n == 0:
        pytest.skip(f"{notebook.rel} has no text fields")
    # Every cell output holding a text field (an element screenshot waits until it is painted).
    page = notebook.page
    areas = page.locator(".jp-Cell-outputWrapper", has=page.locator("input[type=text], textarea"))
    for i in range(areas.count()):
        areas.nth(i).screenshot(path=str(ARTIFACTS / f"{notebook.name}-3-hostile-text-{i + 1}.png"))
    notebook.report["hostile_text"] = {"fields": n, "shown_as_text_in": shown}
    assert not problems, f"{notebook.rel} with {HOSTILE_TEXT!r} typed:\n  " + "\n  ".join(problems)


def test_browser_console_has_no_errors(notebook):
    """Last on purpose: covers opening, Run All, the control move and the typed text."""
    errors = notebook.console_errors  # harness.BENIGN_CONSOLE_ERRORS already left out
    assert not errors, f"{notebook.rel}: browser console errors:\n  " + "\n  ".join(errors)


def test_checks_catch_a_broken_notebook(lab_server, browser):
    """The checks above must fail on a notebook broken on purpose (harness.CANARY_CELLS):
    a check that silently stopped looking would otherwise pass every lesson."""
    canary = write_canary(ARTIFACTS / "canary" / "canary-broken.ipynb")  # git-ignored
    nbp = NotebookPage(browser, lab_server, canary)
    try:
        nbp.open()
        nbp.run_all()
        s = nbp.wait_settled(timeout_s=20)  # never settles: the empty figure draws nothing
        text = "\n".join(render_problems(nbp, s, nbp.console_errors))
        expected = {
            "traceback": "ZeroDivisionError",
            "widget shown as text": "widget shown as text",
            "figure with no trace": "drew no trace",
            "dollar signs typeset as maths": "typeset as maths",
        }
        missed = [k for k, needle in expected.items() if needle not in text]
        _, _, hostile = hostile_text_problems(nbp)
        hostile_text = "\n".join(hostile)
        if "created an element" not in hostile_text:
            missed.append("unescaped learner text (no <img> found)")
        if "dialog fired" not in hostile_text:
            missed.append("alert() from learner text (no dialog seen)")
        nbp.page.screenshot(path=str(ARTIFACTS / "canary" / "canary-broken.png"))
        assert not missed, f"the browser checks missed: {missed}\nthey reported:\n{text}"
    finally:
        nbp.close()
