"""The first minutes of the course in a real browser (issue 29).

1. A lesson opens clean: JupyterLab shows no unsaved-changes dot on its tab before the learner
   did anything (it used to: the kernel's language_info rewrote the notebook's metadata on
   connect; demandlab_server.CourseContentsManager serves it as the kernel reports it). A
   canary notebook whose metadata the kernel does rewrite must show the dot within the same
   window, so the check can fail.
2. The console check can fail: a canary notebook that logs console.error, throws in the page
   and leaves a promise rejected unhandled (the shape of anywidget's "Failed to initialize
   model.") must put all three into ``NotebookPage.console_errors``, which
   test_notebooks_in_browser.py requires empty for every lesson.
3. Lesson 00's first screen, at 1024x700 and 1400x900, shows the next step: Run All, then the
   setup check. Screenshots: artifacts/browser/00-first-screen-*.png.
"""

from __future__ import annotations

import json

import pytest

from harness import ARTIFACTS, NOTEBOOK_DIR, NotebookPage, write_notebook_cells

pytestmark = pytest.mark.browser


def _open_only(browser, lab_server, path, viewport=None) -> NotebookPage:
    kwargs = {"viewport": viewport} if viewport else {}
    nbp = NotebookPage(browser, lab_server, path, **kwargs)
    nbp.open()
    return nbp


def test_a_lesson_opens_without_the_unsaved_mark(notebook):
    """Checked by the ``notebook`` fixture right after it opened the lesson, before Run All
    (the lesson's one page for the whole suite): ``notebook.unsaved_mark_on_open``."""
    if notebook.unsaved_mark_on_open:
        notebook.page.screenshot(path=str(ARTIFACTS / f"{notebook.name}-0-unsaved-on-open.png"))
    assert not notebook.unsaved_mark_on_open, (
        f"{notebook.rel} showed the unsaved-changes dot before the learner did anything: "
        "something rewrites the notebook on open (metadata from the kernel, widget state, "
        "trust, cell ids); closing it would ask to save changes nobody made"
    )


def test_the_unsaved_mark_check_can_fail(lab_server, browser):
    """Canary: a notebook whose stored language_info the kernel contradicts is rewritten on
    open (the server only fills missing keys), and the check sees the dot."""
    path = ARTIFACTS / "canary" / "canary-unsaved.ipynb"  # git-ignored
    write_notebook_cells(path, ["1 + 1"])
    nb = json.loads(path.read_text())
    nb["metadata"]["language_info"] = {"name": "python", "version": "0.0.0-canary"}
    path.write_text(json.dumps(nb))
    nbp = _open_only(browser, lab_server, path)
    try:
        assert nbp.unsaved_mark_appears(), (
            "the canary's metadata was rewritten, but no dot was seen"
        )
    finally:
        nbp.close()


# Each error in its own way, then a mark on the page once all three have fired.
CONSOLE_CANARY_JS = """
console.error('demandlab canary: console error');
setTimeout(() => { throw new Error('demandlab canary: page error'); });
Promise.reject(new Error('demandlab canary: unhandled rejection'));
setTimeout(() => { document.body.dataset.dlCanary = 'done'; }, 50);
"""
CONSOLE_CANARY_CELLS = [
    f"from IPython.display import Javascript\nJavascript({CONSOLE_CANARY_JS!r})",
]


def test_console_and_page_errors_are_caught(lab_server, browser):
    """Canary for test_notebooks_in_browser's console check (and anywidget's failure shape)."""
    path = write_notebook_cells(ARTIFACTS / "canary" / "canary-console.ipynb", CONSOLE_CANARY_CELLS)
    nbp = _open_only(browser, lab_server, path)
    try:
        nbp.run_all()
        nbp.page.wait_for_function(
            "() => document.body.dataset.dlCanary === 'done'", timeout=30_000
        )
        seen = "\n".join(nbp.console_errors)
        expected = ("console error", "page error", "unhandled rejection")
        missed = [e for e in expected if f"demandlab canary: {e}" not in seen]
        assert not missed, f"the console check missed {missed}; it saw:\n{seen}"
    finally:
        nbp.close()


FIRST_SCREEN_JS = r"""
(words) => {
  const nb = window.__dl.notebook();
  const scroller = nb.closest('.jp-WindowedPanel-outer') || nb;
  const view = scroller.getBoundingClientRect();
  const found = {};
  for (const word of words) {
    found[word] = [...nb.querySelectorAll('.jp-RenderedMarkdown p, .jp-RenderedMarkdown li,'
                                         + ' .jp-RenderedMarkdown h1, .jp-RenderedMarkdown h2')]
      .filter((el) => el.textContent.includes(word))
      .some((el) => {
        const r = el.getBoundingClientRect();
        return r.height > 0 && r.top >= view.top && r.bottom <= view.bottom;
      });
  }
  return found;
}
"""
NEXT_STEP = ("Run All", "Setup self-check")


@pytest.mark.parametrize("size", [(1024, 700), (1400, 900)], ids=["1024x700", "1400x900"])
def test_lesson_00_first_screen_says_what_to_do_next(lab_server, browser, size):
    width, height = size
    start = NOTEBOOK_DIR / "00-start-here.ipynb"
    nbp = _open_only(browser, lab_server, start, viewport={"width": width, "height": height})
    try:
        nbp.page.wait_for_function(
            "() => document.querySelectorAll('.jp-Notebook .jp-RenderedMarkdown').length > 2",
            timeout=30_000,
        )
        nbp.scroller().evaluate("e => { e.scrollTop = 0; }")
        shot = ARTIFACTS / f"00-first-screen-{width}x{height}.png"
        shot.parent.mkdir(parents=True, exist_ok=True)
        nbp.page.screenshot(path=str(shot))
        shown = nbp.page.evaluate(FIRST_SCREEN_JS, list(NEXT_STEP))
        assert all(shown.values()), (
            f"lesson 00's first screen at {width}x{height} does not show the next step "
            f"({shown}); see {shot.name}"
        )
        # Canary: scrolled a screen down, the same check no longer finds the step.
        nbp.scroller().evaluate("e => { e.scrollTop = e.clientHeight * 2; }")
        nbp.page.evaluate("() => new Promise(r => requestAnimationFrame(() => r()))")
        below = nbp.page.evaluate(FIRST_SCREEN_JS, list(NEXT_STEP))
        assert not all(below.values()), f"the first-screen check cannot fail: {below}"
    finally:
        nbp.close()


# A live figure updated by the next cell of a Run All: the update reaches the browser while
# plotly's module may still be loading (widgetkit.LiveFigureWidget queues it); it must be drawn.
EARLY_UPDATE_CELLS = [
    "import plotly.graph_objects as go\nfrom demandlab import widgetkit as wk",
    "fw = wk.figure_widget(go.Figure(go.Bar(x=['a', 'b'], y=[1, 2])), main=True)\nfw",
    "wk.refresh(fw, go.Figure(go.Bar(x=['a', 'b'], y=[1, 50])))\n"
    "fw.layout.title.text = 'updated early'",
]


def test_a_figure_updated_before_plotly_loaded_shows_the_update(lab_server, browser):
    path = write_notebook_cells(ARTIFACTS / "canary" / "early-update.ipynb", EARLY_UPDATE_CELLS)
    nbp = _open_only(browser, lab_server, path)
    try:
        nbp.run_all()
        nbp.page.wait_for_function(
            "() => { const p = document.querySelector('.dl-main-figure.js-plotly-plot');"
            " return p && p._fullData && p._fullData.length > 0; }",
            timeout=60_000,
        )
        drawn = nbp.page.evaluate(
            "() => { const p = document.querySelector('.dl-main-figure.js-plotly-plot');"
            " return {y: Array.from(p._fullData[0].y), title: p._fullLayout.title.text}; }"
        )
        assert drawn == {"y": [1, 50], "title": "updated early"}, drawn
        assert not nbp.console_errors, nbp.console_errors
    finally:
        nbp.close()
