"""axe-core over every lesson's outputs: what a screen-reader or keyboard user meets.

axe-core comes inside the ``axe-playwright-python`` package (no download at run time). Each
lesson page is the one the ``notebook`` fixture already opened and ran (session-scoped, so this
module adds no second Run All); axe runs over the notebook's output areas after Run All and
again after the main control moved, and any violation of impact "critical" or "serious" fails
(that includes unnamed slider handles and buttons, and output text under 4.5:1 contrast).
A canary notebook with an unnamed slider proves the check can fail.
"""

from __future__ import annotations

import json

import pytest
from axe_playwright_python.sync_playwright import Axe

from harness import ARTIFACTS, NotebookPage, write_notebook_cells

pytestmark = pytest.mark.browser

OUTPUTS = {"include": [[".jp-Notebook .jp-OutputArea-output"]]}
BLOCKING = ("critical", "serious")
CANARY_CELLS = [
    "import ipywidgets as widgets\nwidgets.IntSlider(value=3, min=0, max=10)",
]


def axe_problems(page) -> tuple[list[str], dict]:
    """Critical/serious axe violations in the notebook's output areas, one line each."""
    results = Axe().run(page, context=OUTPUTS)
    bad = [v for v in results.response["violations"] if v.get("impact") in BLOCKING]
    lines = []
    for v in bad:
        targets = [", ".join(map(str, n["target"])) for n in v["nodes"][:3]]
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {targets})")
    return lines, results.response


def _save(name: str, stage: str, response: dict) -> None:
    out = ARTIFACTS / "axe"
    out.mkdir(parents=True, exist_ok=True)
    keep = {k: response.get(k) for k in ("violations", "incomplete")}
    (out / f"{name}-{stage}.json").write_text(json.dumps(keep, indent=1))


def test_axe_after_run_all_and_main_control(notebook):
    page = notebook.page
    problems, resp = axe_problems(page)
    _save(notebook.name, "run-all", resp)
    found = [f"after Run All: {p}" for p in problems]
    kind, target = notebook.prepare_main_control()
    before = notebook.figure_signature()
    notebook.actuate(kind, target)
    notebook.wait_figure_changed(before, timeout_s=30)
    notebook.wait_kernel_idle()
    problems, resp = axe_problems(page)
    _save(notebook.name, "main-control", resp)
    found += [f"after moving the main control: {p}" for p in problems]
    notebook.report["axe_blocking"] = len(found)
    assert not found, f"{notebook.rel}: axe-core found:\n  " + "\n  ".join(found)


def test_axe_catches_an_unnamed_slider(lab_server, browser):
    """The canary: a bare ipywidgets slider (no description, no ControlNamer) must fail."""
    canary = write_notebook_cells(ARTIFACTS / "canary" / "canary-a11y.ipynb", CANARY_CELLS)
    nbp = NotebookPage(browser, lab_server, canary)
    try:
        nbp.open()
        nbp.run_all()
        nbp.page.locator(".jp-Notebook .noUi-handle").first.wait_for(timeout=30_000)
        problems, _ = axe_problems(nbp.page)
        assert any("aria-input-field-name" in p for p in problems), (
            f"axe did not flag the unnamed slider handle; it reported: {problems}"
        )
    finally:
        nbp.close()


# Every figure on screen: a role, a name beyond the bare title, and (in an explorer) a link to
# the sentence that states the finding (issue 14).
FIGURE_JS = r"""
() => [...document.querySelectorAll('.jp-Notebook .js-plotly-plot')].map((p) => ({
  role: p.getAttribute('role'),
  label: p.getAttribute('aria-label') || '',
  described: !!(p.getAttribute('aria-describedby')
                && document.getElementById(p.getAttribute('aria-describedby'))),
}))
"""


def figure_label_problems(page) -> tuple[list[str], int]:
    figs = page.evaluate(FIGURE_JS)
    problems = []
    for i, f in enumerate(figs, 1):
        if f["role"] != "figure" or len(f["label"].split()) < 6:
            problems.append(f"figure {i}: role={f['role']!r}, label={f['label']!r}")
    return problems, len(figs)


def test_every_figure_has_a_text_alternative(notebook):
    """Figures in the DOM now (JupyterLab windows long notebooks; the layout test scrolls)."""
    figs = notebook.page.evaluate(FIGURE_JS)
    problems, n = figure_label_problems(notebook.page)
    if n == 0:
        problems.append("no figure in the DOM to check")
    elif not any(f["described"] for f in figs):
        problems.append("no figure points to its finding sentence (aria-describedby)")
    assert not problems, f"{notebook.rel}:\n  " + "\n  ".join(problems)


def test_figure_label_check_catches_a_bare_figure(lab_server, browser):
    """A FigureWidget shown without the course's widget layer has no name: must fail."""
    cells = ["import plotly.graph_objects as go\ngo.FigureWidget(go.Bar(y=[1, 2]))"]
    canary = write_notebook_cells(ARTIFACTS / "canary" / "canary-figure-label.ipynb", cells)
    nbp = NotebookPage(browser, lab_server, canary)
    try:
        nbp.open()
        nbp.run_all()
        nbp.page.locator(".jp-Notebook .js-plotly-plot").first.wait_for(timeout=30_000)
        problems, n = figure_label_problems(nbp.page)
        assert n == 1 and problems, f"a bare figure passed the label check ({n} figures)"
    finally:
        nbp.close()
