"""Fixtures for the real-browser suite: one JupyterLab server and one chromium per session,
and one opened, fully run notebook per lesson (discovered from notebooks/*.ipynb).

The machinery lives in harness.py, shared with benchmarks/bench_browser.py.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import (  # noqa: E402
    ARTIFACTS,
    LabServer,
    NotebookPage,
    discover_notebooks,
    launch_browser,
    require_chromium,
)

NOTEBOOKS = discover_notebooks()
# The text of every cell that shows in the notebook's scroller (a closed <details> shows
# only its summary): what a learner reads where Run All left the page.
VISIBLE_TEXT_JS = """
e => {
  const box = e.getBoundingClientRect();
  return [...e.querySelectorAll('.jp-Cell')]
    .filter((c) => { const r = c.getBoundingClientRect();
                     return r.height > 0 && r.bottom > box.top && r.top < box.bottom; })
    .map((c) => c.innerText).join('\\n');
}
"""
_REPORT: dict[str, dict] = {}
# Under pytest-xdist each worker has its own server log and report ("-gw0", "-gw1").
_WORKER = f"-{os.environ['PYTEST_XDIST_WORKER']}" if "PYTEST_XDIST_WORKER" in os.environ else ""
# Tests that change what the page shows (its size, every slider at its ends) run last on
# each lesson's page, after the checks of the page as Run All left it.
_LAST_ON_A_PAGE = ("test_layout.py",)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Each lesson's page is opened and run once: group every test of one lesson together
    (pytest does so for a session-scoped parametrized fixture, this makes it explicit), keep
    file order inside a lesson, and run the page-changing tests last. Under pytest-xdist
    (``make test-browser`` runs two workers, each with its own JupyterLab and chromium) a
    lesson's tests form one xdist group, so they all run on one worker's one page."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec is not None and "notebook" in item.fixturenames:
            item.add_marker(pytest.mark.xdist_group(f"lesson-{callspec.params['notebook'].stem}"))

    def key(pair):
        index, item = pair
        callspec = getattr(item, "callspec", None)
        if callspec is None or "notebook" not in item.fixturenames:
            return (0, 0, 0, index)
        lesson = NOTEBOOKS.index(callspec.params["notebook"])
        last = item.fspath.basename in _LAST_ON_A_PAGE
        return (1, lesson, int(last), index)

    items[:] = [item for _, item in sorted(enumerate(items), key=key)]


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory):
    problem = require_chromium()
    if problem:
        pytest.fail(problem, pytrace=False)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    server = LabServer(log=ARTIFACTS / f"jupyterlab{_WORKER}.log")
    server.start()
    try:
        yield server
    finally:
        server.stop()
        (ARTIFACTS / f"report{_WORKER}.json").write_text(json.dumps(_REPORT, indent=2))


@pytest.fixture(scope="session")
def browser(lab_server, tmp_path_factory):
    from playwright.sync_api import sync_playwright

    scratch = tmp_path_factory.mktemp("chromium")
    with sync_playwright() as pw:
        b = launch_browser(pw, scratch)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="session", params=NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def notebook(request, lab_server, browser):
    """A lesson opened with its kernel pre-started, Run All done, and rendering settled.

    Session-scoped: every browser test module (test_notebooks_in_browser, test_accessibility)
    works on the same opened page per lesson, so each lesson is opened and run once per session.

    ``notebook.run_state`` is the page's state right after Run All (see harness PAGE_JS).
    """
    nbp = NotebookPage(browser, lab_server, request.param)
    report = _REPORT.setdefault(nbp.name, {})
    t = time.monotonic()
    try:
        try:
            nbp.open()
            # Before any learner action: does JupyterLab mark the notebook changed on open?
            # (test_first_minutes checks it; the lesson is opened once for the whole suite.)
            nbp.unsaved_mark_on_open = nbp.unsaved_mark_appears()
            # The course's first layout (issue 24): test_layout checks both panels collapsed.
            nbp.side_panels_on_open = nbp.side_panels()
            nbp.run_all()
            nbp.run_state = nbp.wait_settled()
            nbp.run_console_errors = list(nbp.console_errors)
            # What a learner sees where Run All left the page, before anything scrolls.
            nbp.run_all_view = nbp.scroller().evaluate(VISIBLE_TEXT_JS)
        except Exception:
            nbp.page.screenshot(path=str(ARTIFACTS / f"{nbp.name}-0-setup-failed.png"))
            raise
        nbp.screenshot_pages(f"{nbp.name}-1-after-run-all")
        nbp.report = report
        yield nbp
        nbp.screenshot_full(ARTIFACTS / f"{nbp.name}-9-final-full.png")
    finally:
        report.update({k: round(v, 2) for k, v in nbp.timings.items()})
        report["notebook_wall_s"] = round(time.monotonic() - t, 2)
        report["console_errors"] = list(nbp.console_errors)
        nbp.close()
