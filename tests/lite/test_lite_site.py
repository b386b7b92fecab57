"""The JupyterLite site, offline: served on 127.0.0.1 to Debian's chromium, nothing else reachable.

One browser session (about a minute or two on a shared 2-core machine) checks, in order:
the Pyodide kernel boots from the site's own files; ``import demandlab`` (a lesson's first
cell) installs the course wheel and its pinned dependencies from the site through Pyodide's
import hook; piplite asks no package index; a slider drives a plotly FigureWidget through the
kernel; and the only request that would have left the machine is Pyodide's numpy.
Needs `make lite` first (`make test-lite` does it). Size and timing land in
artifacts/lite/report.json for benchmarks/README.md.
"""

from __future__ import annotations

import json
import re
import time
import urllib.parse
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from tests.conftest import ROOT
from tests.lite.site import (
    SITE,
    Offline,
    SiteServer,
    launch_browser,
    open_repl,
    require_chromium,
    run_cell,
    wait_output,
)

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "artifacts" / "lite"
# What the course needs that Pyodide builds itself and serves only from its CDN.
NUMPY_WHEEL = re.compile(r"^https://cdn\.jsdelivr\.net/pyodide/v[\d.]+/full/numpy-[\d.]+-cp\d+-")

# numpy-free on purpose: Pyodide's numpy cannot be had here (see lite/README.md).
SLIDER_CELL = """\
import ipywidgets as widgets
import plotly.graph_objects as go
fig = go.FigureWidget(data=[go.Bar(x=["made", "sold"], y=[100, 60])], layout={"height": 300})
seen = []
def redraw(change):
    fig.data[0].y = [100, change["new"]]
    seen.append(change["new"])
demand = widgets.IntSlider(value=60, min=0, max=100, description="demand")
demand.observe(redraw, "value")
widgets.VBox([demand, fig])"""


def served_pins() -> dict[str, str]:
    lines = (line.split("#", 1)[0].strip() for line in (REPO / "lite/wheels.txt").open())
    return {
        Requirement(x).name: str(next(iter(Requirement(x).specifier)).version) for x in lines if x
    }


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    problem = require_chromium()
    if problem:
        pytest.fail(problem, pytrace=False)
    if not (SITE / "static" / "pyodide" / "pyodide-lock.json").exists():
        pytest.fail("_site is not built: run `make lite` (make test-lite does)", pytrace=False)
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with SiteServer() as server, sync_playwright() as pw:
        browser = launch_browser(pw, tmp_path_factory.mktemp("chromium"))
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        offline = Offline(context)
        start = time.monotonic()
        page = open_repl(context, server.base, "import sys; print('kernel up on', sys.platform)")
        console = []
        page.on("console", lambda m: console.append(m.text))
        try:
            yield {
                "page": page,
                "server": server,
                "offline": offline,
                "start": start,
                "console": console,
                "report": {},
            }
        finally:
            page.screenshot(path=str(ARTIFACTS / "repl-final.png"))
            browser.close()


def test_kernel_boots_from_the_site(session):
    page = session["page"]
    wait_output(page, "kernel up on emscripten", timeout_s=240)
    session["report"]["seconds_to_kernel"] = round(time.monotonic() - session["start"], 1)
    assert not session["offline"].blocked, (
        f"kernel boot left the machine: {session['offline'].blocked}"
    )


def test_course_wheel_and_pins_install_from_the_site(session):
    page = session["page"]
    # A lesson's first cell. Pyodide's import hook loads demandlab and everything its lock
    # entry depends on; numpy is the one it cannot get here.
    run_cell(page, "import demandlab as dl")
    wait_output(page, "No module named 'numpy'", timeout_s=240)
    pins = served_pins()
    check = (
        "from importlib.metadata import version\n"
        f"print('versions', {{n: version(n) for n in {sorted(['demandlab', *pins])!r}}})"
    )
    run_cell(page, check)
    out = wait_output(page, "versions {", timeout_s=60)
    got = eval(out.split("versions ", 1)[1].splitlines()[0])  # a dict literal the kernel printed
    assert got == {"demandlab": got["demandlab"], **pins}, got
    assert got["demandlab"] == _pyproject_version()


def _pyproject_version() -> str:
    import tomllib

    return tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]


def test_piplite_asks_no_package_index(session):
    page = session["page"]
    before = list(session["offline"].blocked)
    run_cell(
        page,
        "import piplite\n"
        "try:\n"
        "    await piplite.install('no-such-package-demandlab')\n"
        "except Exception as e:\n"
        "    print('piplite refused:', type(e).__name__)",
    )
    wait_output(page, "piplite refused:", timeout_s=60)
    assert session["offline"].blocked == before, "piplite tried an index (disablePyPIFallback off?)"


def test_slider_drives_a_figure_widget_through_the_kernel(session):
    page = session["page"]
    run_cell(page, SLIDER_CELL)
    bar = page.locator(".js-plotly-plot .bars path").nth(1)  # "sold": the slider sets it
    bar.wait_for(timeout=120_000)
    handle = page.locator(".widget-slider .noUi-handle").last
    before = bar.get_attribute("d")
    handle.focus()
    for _ in range(20):
        page.keyboard.press("ArrowRight")
    # The kernel's observer ran: it saw the new values and set the figure's data.
    run_cell(page, "print('seen', seen[-1], list(fig.data[0].y))")
    wait_output(page, "seen 80 [100, 80]", timeout_s=60)
    deadline = time.monotonic() + 30
    while bar.get_attribute("d") == before and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    assert bar.get_attribute("d") != before, "the bar did not redraw after the slider moved"


def test_only_pyodides_numpy_would_leave_the_machine(session):
    blocked = session["offline"].blocked
    assert blocked, "nothing was blocked: was numpy served locally, or never asked for?"
    others = [u for u in blocked if not NUMPY_WHEEL.match(u)]
    assert not others, f"requests beyond numpy would have left the machine: {others}"
    served = session["server"].served
    report = session["report"]
    report.update(
        blocked=blocked,
        first_load_bytes=sum(size for _, size in served),
        first_load_requests=len(served),
        largest=sorted(
            ({"path": urllib.parse.unquote(p), "bytes": s} for p, s in served),
            key=lambda r: -r["bytes"],
        )[:8],
        site_bytes=sum(p.stat().st_size for p in SITE.rglob("*") if p.is_file()),
    )
    (ARTIFACTS / "report.json").write_text(json.dumps(report, indent=2))


def test_site_asks_no_news_question():
    """The built site carries binder/overrides.json as settingsOverrides (no news toast)."""
    if not (SITE / "jupyter-lite.json").exists():
        pytest.fail("_site is not built: run `make lite` (make test-lite does)", pytrace=False)
    shipped = json.loads((ROOT / "binder" / "overrides.json").read_text())
    found: dict = {}
    for path in (SITE / "jupyter-lite.json", SITE / "lab" / "jupyter-lite.json"):
        if path.exists():
            data = json.loads(path.read_text())["jupyter-config-data"]
            found.update(data.get("settingsOverrides", {}))
    for plugin, settings in shipped.items():
        assert found.get(plugin, {}) == {**found.get(plugin, {}), **settings}, (plugin, found)
