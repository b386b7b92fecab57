"""What a learner sees fits (issue 19): every figure's text inside its figure and apart from
the other texts, and every row of controls inside its output area, at 1400x900 and at
1024x700, with JupyterLab's file browser open, after Run All, with every slider moved to its
ends (keyboard Home/End on the focused handle) and every explorer's button row, dropdown and
checkbox set to its first and last choice.

Checked with the DOM: each non-empty, visible ``svg text`` of a ``.js-plotly-plot`` (titles,
axis titles, tick labels, legend, annotations, bar labels) against the figure's box and
against the figure's other texts (bounding boxes, a few pixels of tolerance), and each
widget row / output area's ``scrollWidth`` against its ``clientWidth``. A canary notebook
(a too-long title, two annotations on one spot, a 2,000 px row) proves the checks fail.

Screenshots: artifacts/browser/layout/<lesson>-<size>-pNN.png, one per screenful.

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

# Problems with the figures and control rows now in the DOM (JupyterLab only keeps the cells
# near the viewport, so the caller scrolls through the notebook).
LAYOUT_JS = r"""
(tol) => {
  const nb = window.__dl.notebook();
  const out = [];
  if (!nb) return out;
  const shown = (el) => {
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
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
  nb.querySelectorAll('.js-plotly-plot').forEach((plot) => {
    // The figure's box: its element and the SVG plotly drew in it, whichever reaches further
    // (a live figure's element may be narrower than the SVG it shows in full).
    const b1 = plot.getBoundingClientRect();
    const svg = plot.querySelector('svg.main-svg');
    const b2 = svg ? svg.getBoundingClientRect() : b1;
    const box = {left: Math.min(b1.left, b2.left), right: Math.max(b1.right, b2.right),
                 top: Math.min(b1.top, b2.top), bottom: Math.max(b1.bottom, b2.bottom),
                 width: b1.width, height: b1.height};
    if (box.width < 10 || box.height < 10) return;
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
  nb.querySelectorAll('.jp-OutputArea-output .widget-hbox, .jp-OutputArea-output').forEach((el) => {
    const isRow = el.classList.contains('widget-hbox');
    if (!isRow && !el.querySelector('.jupyter-widgets, .widget-hbox')) return;
    const area = el.closest('.jp-OutputArea-output');
    const a = area.getBoundingClientRect(), r = el.getBoundingClientRect();
    if (el.scrollWidth > el.clientWidth + tol || r.right > a.right + tol) {
      out.push(`${window.__dl.where(el)}: a row of controls overflows its output area ` +
               `(${el.scrollWidth} px of content in ${Math.round(a.width)} px)`);
    }
  });
  return [...new Set(out)];
}
"""

# Rendering is done when no kernel message is pending and the figures' text boxes stopped
# moving between two polls (plotly relayouts asynchronously after a resize or an update).
QUIET_JS = r"""
(since) => {
  const dl = window.__dl;
  if (dl.kernelStatus() !== 'idle' || !dl.settled()) return false;
  const sent = dl.wsSent.filter((t) => t >= since).length;
  const recv = dl.wsRecv.filter((t) => t >= since).length;
  if (sent > 0 && recv < 2) return false;  // the update went out; busy and idle not both back
  const nb = dl.notebook();
  const sig = [...nb.querySelectorAll('.js-plotly-plot svg text')]
    .map((t) => { const r = t.getBoundingClientRect(); return `${r.x|0},${r.y|0},${r.width|0}`; })
    .join(';');
  const same = sig === dl.lastLayoutSig;
  dl.lastLayoutSig = sig;
  return same;
}
"""


def _quiet(nbp: NotebookPage, since: float) -> None:
    nbp.page.evaluate("() => { window.__dl.lastLayoutSig = null; }")
    nbp.page.wait_for_function(QUIET_JS, arg=since, timeout=30_000, polling=150)


def _now(nbp: NotebookPage) -> float:
    return nbp.page.evaluate("() => performance.now()")


def _problems(nbp: NotebookPage) -> list[str]:
    return nbp.page.evaluate(LAYOUT_JS, TOL)


def _open_file_browser(nbp: NotebookPage) -> None:
    """The left sidebar's file browser open, as a learner has it by default."""
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


def _scroll_and_check(nbp: NotebookPage, prefix: str) -> list[str]:
    """Screenful by screenful: check what is rendered, take a screenshot."""
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob(f"{prefix}-p*.png"):
        old.unlink()
    sc = nbp.scroller()
    found: list[str] = []
    top, i = 0, 1
    while True:
        since = _now(nbp)
        sc.evaluate("(e, y) => { e.scrollTop = y; }", top)
        _quiet(nbp, since)
        found += _problems(nbp)
        nbp.page.screenshot(path=str(OUT / f"{prefix}-p{i:02d}.png"))
        total, view = sc.evaluate("e => [e.scrollHeight, e.clientHeight]")
        if top + view >= total or i >= 60:
            break
        top, i = top + int(view * 0.9), i + 1
    return found


def _sweep_sliders(nbp: NotebookPage) -> list[str]:
    """Every slider handle to its ends (Home, then End, then back to where it was)."""
    found: list[str] = []
    handles = nbp.page.locator(".jp-Notebook .jp-OutputArea-output .noUi-handle")
    for k in range(handles.count()):
        h = handles.nth(k)
        h.scroll_into_view_if_needed()
        start = h.get_attribute("aria-valuenow")
        for key, attr in (("Home", "aria-valuemin"), ("End", "aria-valuemax")):
            since = _now(nbp)
            h.focus()
            nbp.page.keyboard.press(key)
            want = h.get_attribute(attr)
            if h.get_attribute("aria-valuenow") != want:
                found.append(f"slider {k + 1}: {key} did not move it to {want}")
                continue
            _quiet(nbp, since)
            found += [f"{p} (slider {k + 1} at its {key})" for p in _problems(nbp)]
        del start  # left at its maximum: the next sliders' figures are checked at that state
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
            _quiet(nbp, since)
            found += [f"{p} (choice {k + 1} at its {label})" for p in _problems(nbp)]
    return found


def _check_notebook(nbp: NotebookPage) -> list[str]:
    problems: list[str] = []
    for size in SIZES:
        tag = f"{size['width']}x{size['height']}"
        since = _now(nbp)
        nbp.page.set_viewport_size(size)
        _open_file_browser(nbp)
        _quiet(nbp, since)
        problems += [f"{tag}: {p}" for p in _scroll_and_check(nbp, f"{nbp.name}-{tag}")]
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
        # a row of controls wider than the output area, and a slider to sweep
        "w.HBox([w.IntSlider(description='a', layout={'min_width': '2000px'})])",
    ]
    path = write_notebook_cells(ARTIFACTS / "canary" / "canary-layout.ipynb", cells)
    nbp = NotebookPage(browser, lab_server, path)
    try:
        nbp.open()
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
    }
    missed = [k for k, needle in expected.items() if needle not in text]
    assert not missed, f"the layout checks missed: {missed}\nthey reported:\n{text}"


def test_every_text_fits_at_1400_and_1024(notebook):
    """On the lesson's one page (opened and run by the ``notebook`` fixture); this test runs
    last on that page (conftest), since it resizes the page and moves every control."""
    nbp = notebook
    problems = _check_notebook(nbp)
    assert not problems, f"{nbp.name}: {len(problems)} layout problems:\n" + "\n".join(problems)
