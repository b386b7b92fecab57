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

from harness import ARTIFACTS, HOSTILE_TEXT

pytestmark = pytest.mark.browser


def test_run_all_renders_cleanly(notebook):
    s = notebook.run_state
    problems = [f"error output in {e}" for e in s["errors"]]
    problems += [f"widget failed to display in {e}" for e in s["widgetErrors"]]
    problems += [f"widget never rendered (still {e})" for e in s["loading"]]
    problems += [
        f"widget shown as text, the widget front end is not working: {e}" for e in s["fallbacks"]
    ]
    problems += [f"page shows {p!r}" for p in s["phrases"]]
    problems += [f"dialog open: {d}" for d in s["dialogs"]]
    # A widget inside a box that fails to load shows nothing at all, only a console error
    # (e.g. "No version of module anywidget is registered"): report those here too.
    problems += [f"while running: {e}" for e in notebook.run_console_errors]
    for p in s["plots"]:
        if p["marks"] == 0:
            problems.append(f"plotly figure in {p['where']} drew no trace")
        elif p["width"] < 100 or p["height"] < 100:
            problems.append(f"plotly figure in {p['where']} is {p['width']}x{p['height']} px")
    for text in s["setup"]:
        if "Widgets render: OK" not in text:
            problems.append(f"setup self-check did not pass in the browser: {text!r}")
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


FIELDS = (
    ".jp-Notebook .jp-OutputArea-output input[type=text], "
    ".jp-Notebook .jp-OutputArea-output textarea"
)

# Every text node that shows part of the hostile text, with its element's full text; and any
# element the hostile text could have created.
HOSTILE_JS = r"""
(hostile) => {
  const nb = window.__dl.notebook();
  const shown = [];
  const walker = document.createTreeWalker(nb, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = n.textContent;
    if (t.includes('onerror') || t.includes('&lt;') || t.includes('&amp;')) {
      const el = n.parentElement;
      const owner = el.closest('.main-svg') ? 'figure' : (el.closest('.dl-message')
        ? 'message area' : 'widget');
      shown.push({where: window.__dl.where(el), owner, text: el.textContent.slice(0, 300)});
    }
  }
  const created = [...nb.querySelectorAll('img, [onerror]')]
    .filter((e) => e.hasAttribute('onerror') || e.getAttribute('src') === 'x')
    .map((e) => `${window.__dl.where(e)}: <${e.tagName.toLowerCase()}>`);
  return {shown, created};
}
"""


def test_hostile_text_is_shown_as_text(notebook):
    page = notebook.page
    fields = page.locator(FIELDS)
    n = fields.count()
    if n == 0:
        pytest.skip(f"{notebook.rel} has no text fields")
    for i in range(n):
        field = fields.nth(i)
        field.scroll_into_view_if_needed()
        field.fill(HOSTILE_TEXT)
        if field.evaluate("e => e.tagName") == "INPUT":
            field.press("Enter")
        field.evaluate("e => e.blur()")
    # Barrier: widget messages reach the kernel in order, so once the main control's redraw
    # comes back, the kernel has handled every text change typed before it.
    try:
        kind, target = notebook.prepare_main_control()
        before = notebook.figure_signature()
        notebook.actuate(kind, target)
        notebook.wait_figure_changed(before, timeout_s=30)
    except Exception:  # noqa: BLE001 (the main-control test reports that failure)
        pass
    notebook.wait_kernel_idle()
    page.screenshot(path=str(ARTIFACTS / f"{notebook.name}-3-hostile-text.png"))
    found = page.evaluate(HOSTILE_JS, HOSTILE_TEXT)
    problems = [f"the text created an element: {c}" for c in found["created"]]
    problems += [f"a dialog fired: {d}" for d in notebook.dialogs]
    for item in found["shown"]:
        if HOSTILE_TEXT not in item["text"]:
            problems.append(
                f"{item['owner']} in {item['where']} shows the text mangled or double-escaped: "
                f"{item['text']!r}"
            )
    s = notebook.state()
    problems += [f"error output after typing: {e}" for e in s["errors"] + s["widgetErrors"]]
    notebook.report["hostile_text"] = {
        "fields": n,
        "shown_as_text_in": sorted({f"{i['owner']} in {i['where']}" for i in found["shown"]}),
    }
    assert not problems, f"{notebook.rel} with {HOSTILE_TEXT!r} typed:\n  " + "\n  ".join(problems)


def test_browser_console_has_no_errors(notebook):
    """Last on purpose: covers opening, Run All, the control move and the typed text."""
    errors = notebook.console_errors  # harness.BENIGN_CONSOLE_ERRORS already left out
    assert not errors, f"{notebook.rel}: browser console errors:\n  " + "\n  ".join(errors)
