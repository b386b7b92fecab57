"""What a learner sees fits (issues 19 and 24): at 1400x900 and at 1024x700, with JupyterLab's
file browser open (the narrowest notebook a learner makes), after Run All and after every
slider is moved to its ends (keyboard Home/End on the focused handle) and every explorer's
button row, dropdown and checkbox is set to its first and last choice, no figure text
(titles, axis titles, tick labels, legends, colour bars, annotations, data labels) lies
outside the part of its output area a learner can see or overlaps another text, and no row
of controls scrolls sideways.

Measured with the DOM, against the OUTPUT AREA, not the figure: each non-empty, visible
``svg text`` of a ``.js-plotly-plot`` against the visible box of its ``.jp-OutputArea-output``
(that element's client box, cut by every ancestor that clips: an output area, a scrolling
or overflow-hidden box, a paint-contained cell, the dock panel; the notebook's own vertical
scrolling does not count as cut). A figure wider than its output area therefore fails even
when every text sits inside the figure's own SVG. Overlaps: every pair of a figure's texts
(bounding boxes, a few pixels of tolerance). Rows: each widget row's and each widget output
area's ``scrollWidth`` against its ``clientWidth``, and its right edge against the visible
box. A canary notebook (a too-long title, two annotations on one spot, a figure 3,000 px
wide, a 2,000 px row) proves each check fails.

Speed (issue 23): every figure of the notebook is measured in one ``page.evaluate`` per
window size, with no scrolling through the page: JupyterLab 4 keeps every cell in the DOM but
skips rendering the off-screen ones (``content-visibility: auto``), whose figures keep stale
sizes, so the check renders every cell while it measures (RENDER_ALL_CSS). After a control
moves, only its own cell is waited on and measured. Waits are on conditions (the kernel idle,
the update's reply back, the text boxes unchanged between two polls 100 ms apart), never
sleeps. Lesson 01: 35 s instead of 125 s on a loaded 2-core machine.

Screenshots: artifacts/browser/layout/<lesson>-<size>.png, the window after the resize.

Every lesson runs in ``make test`` on the page the session's ``notebook`` fixture opened and
ran (one page per lesson for the whole browser suite); ``make test-layout`` runs this file alone.
"""

from __future__ import annotations

import pytest

from harness import ARTIFACTS, NotebookPage, write_notebook_cells

pytestmark = pytest.mark.browser

SIZES = ({"width": 1400, "height": 900}, {"width": 1024, "height": 700})
OUT = ARTIFACTS / "layout"
TOL = 4  # px: anti-aliasing, plotly's rounding, and two axes' "0" touching at the corner

# Problems in ``el``'s cell (or, with el null, in the whole notebook).
LAYOUT_JS = r"""
(el, tol) => {
  const nb = window.__dl.notebook();
  const out = [];
  if (!nb) return out;
  const root = el ? el.closest('.jp-Cell') : nb;
  const shown = (e0) => {
    for (let e = e0; e && e.nodeType === 1; e = e.parentElement) {
      const cs = getComputedStyle(e);
      if (cs.display === 'none' || cs.visibility === 'hidden' || cs.opacity === '0') return false;
      if (e.classList.contains('js-plotly-plot')) break;
    }
    return true;
  };
  const name = (t) => {
    const g = t.closest('[class]');
    const cls = (t.getAttribute('class') || (g && g.getAttribute('class')) || 'text').split(' ')[0];
    return `${cls} "${t.textContent.trim().slice(0, 50)}"`;
  };
  // The part of e's output area a learner can see: the output area's client box, cut by
  // every ancestor that clips (sideways all the way up; up and down only below the
  // notebook's scroller, whose vertical scrolling hides nothing for good).
  const visibleBox = (e0) => {
    const box = {left: -1e9, right: window.innerWidth, top: -1e9, bottom: 1e9};
    let below = true;
    const first = e0.closest('.jp-OutputArea-output');
    for (let e = first; e && e !== document.body; e = e.parentElement) {
      if (e.classList.contains('jp-WindowedPanel-outer')) below = false;  // the notebook's scroller
      const cs = getComputedStyle(e);
      const area = e.classList.contains('jp-OutputArea-output');
      const paint = /paint|strict|content/.test(cs.contain) || cs.contentVisibility === 'auto';
      const clipX = area || paint || cs.overflowX !== 'visible';
      const clipY = below && (area || paint || cs.overflowY !== 'visible');
      if (!clipX && !clipY) continue;
      const r = e.getBoundingClientRect();
      const left = r.left + e.clientLeft, top = r.top + e.clientTop;
      if (clipX) {
        box.left = Math.max(box.left, left);
        box.right = Math.min(box.right, left + (e.clientWidth || r.width));
      }
      if (clipY) {
        box.top = Math.max(box.top, top);
        box.bottom = Math.min(box.bottom, top + (e.clientHeight || r.height));
      }
    }
    return box;
  };
  root.querySelectorAll('.js-plotly-plot').forEach((plot) => {
    const own = plot.getBoundingClientRect();
    if (own.width < 10 || own.height < 10 || !shown(plot)) return;
    const box = visibleBox(plot);
    const where = window.__dl.where(plot);
    const texts = [...plot.querySelectorAll('svg text')]
      .filter((t) => !t.closest('.hoverlayer') && t.textContent.trim() !== '' && shown(t))
      .map((t) => ({t, r: t.getBoundingClientRect()}))
      .filter(({r}) => r.width > 0 && r.height > 0);
    texts.forEach(({t, r}) => {
      const cut = [];
      if (r.left < box.left - tol) cut.push(`left by ${Math.round(box.left - r.left)} px`);
      if (r.right > box.right + tol) cut.push(`right by ${Math.round(r.right - box.right)} px`);
      if (r.top < box.top - tol) cut.push(`top by ${Math.round(box.top - r.top)} px`);
      const below = Math.round(r.bottom - box.bottom);
      if (r.bottom > box.bottom + tol) cut.push(`bottom by ${below} px`);
      if (cut.length) out.push(`${where}: ${name(t)} is cut (${cut.join(', ')})`);
    });
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        const a = texts[i].r, b = texts[j].r;
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > tol && h > tol) {
          out.push(`${where}: ${name(texts[i].t)} overlaps ${name(texts[j].t)} ` +
                   `(${Math.round(w)} x ${Math.round(h)} px)`);
        }
      }
    }
  });
  const rows = '.jp-OutputArea-output .widget-hbox, .jp-OutputArea-output';
  root.querySelectorAll(rows).forEach((e) => {
    const isRow = e.classList.contains('widget-hbox');
    if (!isRow && !e.querySelector('.jupyter-widgets, .widget-hbox')) return;
    if (!shown(e)) return;
    const box = visibleBox(e), r = e.getBoundingClientRect();
    if (e.scrollWidth > e.clientWidth + tol || r.right > box.right + tol) {
      out.push(`${window.__dl.where(e)}: a row of controls overflows its output area ` +
               `(${e.scrollWidth} px of content in ${Math.round(box.right - box.left)} px)`);
    }
  });
  return [...new Set(out)];
}
"""

# Done when no kernel message is pending, every responsive figure (figure_widget's config) in
# el's cell (or the notebook) has the width of its element by plotly's own test (plotAutoSize
# relayouts when they differ by more than 1 px; Plots.resize waits 100 ms before it does, so
# still text boxes alone once passed for a figure 305 px too wide after the resize), and the
# text boxes did not move between this poll and the last.
QUIET_JS = r"""
([el, since]) => {
  const dl = window.__dl;
  if (dl.kernelStatus() !== 'idle' || !dl.settled()) return false;
  const sent = dl.wsSent.filter((t) => t >= since).length;
  const recv = dl.wsRecv.filter((t) => t >= since).length;
  if (sent > 0 && recv < 2) return false;  // the update went out; busy and idle not both back
  const root = el ? el.closest('.jp-Cell') : dl.notebook();
  const stale = [...root.querySelectorAll('.js-plotly-plot')].some((gd) => {
    const full = gd._fullLayout, own = gd.layout || {};
    const responsive = gd._context && gd._context.responsive;
    if (!full || !responsive || own.autosize === false || own.width) return false;
    const width = parseFloat(getComputedStyle(gd).width);
    return width > 0 && Math.abs(full.width - width) > 1;
  });
  if (stale) return false;
  const sig = [...root.querySelectorAll('.js-plotly-plot svg text')]
    .map((t) => { const r = t.getBoundingClientRect(); return `${r.x|0},${r.y|0},${r.width|0}`; })
    .join(';');
  const same = sig === dl.lastLayoutSig;
  dl.lastLayoutSig = sig;
  return same;
}
"""


def _quiet(nbp: NotebookPage, since: float, el=None) -> None:
    nbp.page.evaluate("() => { window.__dl.lastLayoutSig = null; }")
    nbp.page.wait_for_function(QUIET_JS, arg=[el, since], timeout=30_000, polling=100)


def _now(nbp: NotebookPage) -> float:
    return nbp.page.evaluate("() => performance.now()")


def layout_problems(nbp: NotebookPage, el=None) -> list[str]:
    """Problems in ``el``'s cell, or in every figure and row of the notebook."""
    return nbp.page.evaluate("([el, tol]) => (" + LAYOUT_JS + ")(el, tol)", [el, TOL])


def _open_file_browser(nbp: NotebookPage) -> None:
    """The left sidebar's file browser open: the narrowest notebook a learner makes."""
    open_now = nbp.page.evaluate(
        "() => { const f = document.querySelector('#filebrowser');"
        " return !!f && !f.classList.contains('lm-mod-hidden') && f.offsetWidth > 0; }"
    )
    if not open_now:
        nbp.page.locator(".jp-SideBar.jp-mod-left [data-id='filebrowser']").click()
        nbp.page.wait_for_function(
            "() => { const f = document.querySelector('#filebrowser');"
            " return !!f && f.offsetWidth > 0; }",
            timeout=10_000,
        )


def _sweep_sliders(nbp: NotebookPage) -> list[str]:
    """Every slider handle to its ends (Home, then End); its own cell checked at each."""
    found: list[str] = []
    handles = nbp.page.locator(".jp-Notebook .jp-OutputArea-output .noUi-handle")
    for k in range(handles.count()):
        h = handles.nth(k)
        h.scroll_into_view_if_needed()
        el = h.element_handle()
        for key, attr in (("Home", "aria-valuemin"), ("End", "aria-valuemax")):
            since = _now(nbp)
            h.focus()
            nbp.page.keyboard.press(key)
            want = h.get_attribute(attr)
            if h.get_attribute("aria-valuenow") != want:
                found.append(f"slider {k + 1}: {key} did not move it to {want}")
                continue
            _quiet(nbp, since, el)
            found += [f"{p} (slider {k + 1} at its {key})" for p in layout_problems(nbp, el)]
        # left at its maximum: the next sliders' figures are checked at that state
    return found


# Choice controls of the explorers (not the votes and quizzes, which are answers, not settings).
CHOICES = (
    ".jp-Notebook .jp-OutputArea-output :is(.widget-toggle-buttons, .widget-radio-box, "
    ".widget-dropdown, .widget-checkbox):not(.dl-prediction *, .dl-quiz *)"
)


def _sweep_choices(nbp: NotebookPage) -> list[str]:
    """Every button row, dropdown and checkbox of an explorer to its first and last choice."""
    found: list[str] = []
    controls = nbp.page.locator(CHOICES)
    for k in range(controls.count()):
        c = controls.nth(k)
        c.scroll_into_view_if_needed()
        el = c.element_handle()
        options = c.locator("button, input[type=radio], input[type=checkbox]")
        select = c.locator("select")
        picks = [("first", 0), ("last", -1)] if options.count() or select.count() else []
        for label, i in picks:
            since = _now(nbp)
            if select.count():
                values = select.locator("option").evaluate_all("os => os.map(o => o.value)")
                if not values:
                    break
                select.select_option(values[i])
            else:
                options.nth(i if i >= 0 else options.count() - 1).click()
            _quiet(nbp, since, el)
            found += [f"{p} (choice {k + 1} at its {label})" for p in layout_problems(nbp, el)]
    return found


# JupyterLab skips the rendering of off-screen cells (content-visibility: auto): their figures
# keep the size they had when last on screen until the learner scrolls to them, when they take
# their output area's width. Rendering every cell at once lets each figure take its width as
# it would on screen, so one evaluate measures them all (the style is removed afterwards).
RENDER_ALL_CSS = ".jp-Notebook .jp-Cell { content-visibility: visible !important; }"


def _check_notebook(nbp: NotebookPage) -> list[str]:
    style = nbp.page.add_style_tag(content=RENDER_ALL_CSS)
    try:
        return _check_sizes(nbp)
    finally:
        style.evaluate("e => e.remove()")


def _check_sizes(nbp: NotebookPage) -> list[str]:
    problems: list[str] = []
    OUT.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        tag = f"{size['width']}x{size['height']}"
        since = _now(nbp)
        nbp.page.set_viewport_size(size)
        _open_file_browser(nbp)
        _quiet(nbp, since)
        problems += [f"{tag}: {p}" for p in layout_problems(nbp)]
        nbp.page.screenshot(path=str(OUT / f"{nbp.name}-{tag}.png"))
        problems += [f"{tag}: {p}" for p in _sweep_sliders(nbp)]
        problems += [f"{tag}: {p}" for p in _sweep_choices(nbp)]
    # one line per problem, with the first state that showed it
    first: dict[str, str] = {}
    for p in problems:
        first.setdefault(p.split(" (slider ")[0].split(" (choice ")[0], p)
    return sorted(first.values())


@pytest.fixture(scope="module")
def canary_page(lab_server, browser):
    cells = [
        "import ipywidgets as w\nimport plotly.graph_objects as go",
        # a title far wider than any screen: cut at the right
        "go.FigureWidget(go.Bar(y=[1, 2]), layout={'title': {'text': 'A title ' * 40}})",
        # two annotations on the same spot: overlap
        "go.FigureWidget(go.Bar(y=[1, 2]), layout={'annotations': ["
        "{'text': 'first note', 'x': 0.5, 'y': 0.5, 'xref': 'paper', 'yref': 'paper'},"
        "{'text': 'second note', 'x': 0.5, 'y': 0.5, 'xref': 'paper', 'yref': 'paper'}]})",
        # a figure wider than its output area: its texts sit inside its own SVG, cut by the area
        "go.FigureWidget(go.Bar(y=[1, 2]), layout={'width': 3000, 'title': {'text': 'Wide'},"
        " 'autosize': False})",
        # a row of controls wider than the output area, and a slider to sweep
        "w.HBox([w.IntSlider(description='a', layout={'min_width': '2000px'})])",
    ]
    path = write_notebook_cells(ARTIFACTS / "canary" / "canary-layout.ipynb", cells)
    nbp = NotebookPage(browser, lab_server, path)
    try:
        nbp.open()
        nbp.side_panels_on_open = nbp.side_panels()
        nbp.run_all()
        nbp.wait_settled()
        yield nbp
    finally:
        nbp.close()


def test_layout_checks_catch_a_broken_figure(canary_page):
    text = "\n".join(_check_notebook(canary_page))
    expected = {
        "too-long title": "is cut (right",
        "two annotations on one spot": '"first note" overlaps',
        "row wider than the output area": "overflows its output area",
        "figure wider than its output area": 'xtick "1" is cut (right',
    }
    missed = [k for k, needle in expected.items() if needle not in text]
    assert not missed, f"the layout checks missed: {missed}\nthey reported:\n{text}"


def test_every_text_fits_at_1400_and_1024(notebook):
    """On the lesson's one page (opened and run by the ``notebook`` fixture); this test runs
    last on that page (conftest), since it resizes the page and moves every control."""
    nbp = notebook
    problems = _check_notebook(nbp)
    assert not problems, f"{nbp.name}: {len(problems)} layout problems:\n" + "\n".join(problems)


def test_a_lesson_opens_with_both_side_panels_collapsed(notebook):
    """The course's first layout (issue 24): demandlab_server seeds it as the default
    workspace wherever the course's settings are installed (Binder, `make lab`, the hub), so a
    lesson opens with the screen's whole width; the file browser took a quarter of 1024 px."""
    assert notebook.side_panels_on_open == {"left": "collapsed", "right": "collapsed"}


def test_the_side_panel_check_sees_an_open_panel(canary_page):
    """Canary: the same check reports the file browser once it is opened."""
    assert canary_page.side_panels_on_open == {"left": "collapsed", "right": "collapsed"}
    _open_file_browser(canary_page)
    assert canary_page.side_panels()["left"].startswith("open ("), canary_page.side_panels()
