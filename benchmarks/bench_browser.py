"""Slider to redrawn figure, in a real browser: the latency a learner feels.

For every notebooks/*.ipynb: open it in JupyterLab in Debian's chromium (the browser suite's
own harness, tests/browser/harness.py), Run All, then press the lesson's main control
(class ``dl-main-control``) again and again, alternating ArrowRight / ArrowLeft on a slider
(a button is clicked). Each press is timed inside the page: from the key event's own
timestamp (``performance.now()`` clock) to the first DOM mutation after which the main
figure (``dl-main-figure``: every path ``d``, rect geometry and image) differs and has all
its trace marks again, caught by a MutationObserver installed before the press. "Next
frame" adds one requestAnimationFrame, about when the learner sees it. The kernel must be
idle again before the next press, so presses never queue.

Goal (issue 10): median <= 100 ms and p95 <= 250 ms on the 2-core machine.

    .venv/bin/python benchmarks/bench_browser.py                 # 30 timed presses per lesson
    .venv/bin/python benchmarks/bench_browser.py --presses 60    # more
    .venv/bin/python benchmarks/bench_browser.py --quick         # 8 presses, smoke run
    .venv/bin/python benchmarks/bench_browser.py notebooks/02-takt-time.ipynb
    .venv/bin/python benchmarks/bench_browser.py --alternatives  # other ways to redraw
    .venv/bin/python benchmarks/bench_browser.py --nodelay       # experiment: no Nagle delay
    .venv/bin/python benchmarks/bench_browser.py --stock-websocket  # without the course's
                                                                     # TCP_NODELAY (the effect)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "browser"))
from harness import (  # noqa: E402
    ARTIFACTS,
    LabServer,
    NotebookPage,
    discover_notebooks,
    launch_browser,
    require_chromium,
)

GOAL_MEDIAN_MS, GOAL_P95_MS = 100.0, 250.0

# --nodelay experiment: jupyter_server does not set TCP_NODELAY on the kernel websocket, so a
# small kernel -> browser message can wait for the browser's delayed ACK (Nagle's algorithm,
# ~40 ms on Linux). This server config turns Nagle off for that socket.
NODELAY_CONFIG = """
from jupyter_server.services.kernels.websocket import KernelWebsocketHandler as _Handler

_open = _Handler.open


async def _open_nodelay(self, *args, **kwargs):
    self.set_nodelay(True)
    return await _open(self, *args, **kwargs)


_Handler.open = _open_nodelay
"""
# --stock-websocket: the course's server settings (binder/jupyter_server_config.json, installed
# into the environment) turn Nagle off; this scratch config, read before them, puts jupyter_server's
# own connection class back, to show what the setting is worth.
STOCK_WEBSOCKET_CONFIG = """
c.ServerApp.kernel_websocket_connection_class = (
    "jupyter_server.services.kernels.connection.channels.ZMQChannelsWebsocketConnection"
)
"""
WARMUP = 3  # untimed presses first: the first redraws pay one-off costs (JIT, font layout)


# --alternatives: the same slider driving the same kind of figure in different ways, each in a
# scratch notebook (a temp dir, never the repo), to see what the FigureWidget path costs.
_SETUP = """import numpy as np
import ipywidgets as w
import plotly.graph_objects as go
from demandlab.widgetkit import figure_widget, mark_main, refresh
from demandlab.start.figures import plot_week
from demandlab.start.model import one_week
def week_figure(units_made, demand_per_week):
    return plot_week(one_week(units_made, demand_per_week))
slider = mark_main(w.IntSlider(value=60, min=0, max=200, step=10, description="demand"))
def lines(v, n):
    x = np.arange(n)
    return go.Figure([go.Scatter(x=x, y=np.sin(x / 50 + k) * v + 10 * k) for k in range(4)],
                     layout={"height": 360, "title": "4 lines x %d points" % n})
"""
ALTERNATIVES = {
    "floor: HTML widget with an SVG path (no plotly)": """
html = w.HTML()
html.add_class("dl-main-figure")
def draw(v):
    html.value = ('<svg class="main-svg" width="300" height="60"><path d="M0,50 L%d,10"'
                  ' stroke="black"/></svg>' % (v + 20))
draw(slider.value)
slider.observe(lambda c: draw(c["new"]), "value")
w.VBox([slider, html])""",
    "FigureWidget + refresh() (the course's way), 00's bar chart": """
fw = figure_widget(week_figure(100, slider.value), main=True)
slider.observe(lambda c: refresh(fw, week_figure(100, c["new"])), "value")
w.VBox([slider, fw])""",
    "FigureWidget, one property set (fw.data[0].y = ...), same chart": """
fw = figure_widget(week_figure(100, slider.value), main=True)
def set_y(v):
    made = 100
    sold = min(made, v)
    fw.data[0].y = [made, sold, made - sold, v - sold]
slider.observe(lambda c: set_y(c["new"]), "value")
w.VBox([slider, fw])""",
    "go.Figure re-displayed in an Output, same chart": """
from IPython.display import display
out = w.Output()
out.add_class("dl-main-figure")
def show(v):
    with out:
        out.clear_output(wait=True)
        display(week_figure(100, v))
show(slider.value)
slider.observe(lambda c: show(c["new"]), "value")
w.VBox([slider, out])""",
    "FigureWidget + refresh(), 4 lines x 2,000 points": """
fw = figure_widget(lines(slider.value, 2000), main=True)
slider.observe(lambda c: refresh(fw, lines(c["new"], 2000)), "value")
w.VBox([slider, fw])""",
    "FigureWidget + refresh(), 4 lines x 200 points": """
fw = figure_widget(lines(slider.value, 200), main=True)
slider.observe(lambda c: refresh(fw, lines(c["new"], 200)), "value")
w.VBox([slider, fw])""",
    "FigureWidget + batch_update, y only, 4 lines x 2,000 points": """
fw = figure_widget(lines(slider.value, 2000), main=True)
def set_lines(v):
    new = lines(v, 2000)
    with fw.batch_update():
        for old, tr in zip(fw.data, new.data):
            old.y = tr.y
slider.observe(lambda c: set_lines(c["new"]), "value")
w.VBox([slider, fw])""",
}


def write_alternatives(root: Path) -> dict:
    """One scratch notebook per alternative; returns {label: path}."""
    import nbformat

    paths = {}
    for i, (label, cell) in enumerate(ALTERNATIVES.items()):
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {
            "display_name": "Python 3 (ipykernel)",
            "language": "python",
            "name": "python3",
        }
        nb.cells = [nbformat.v4.new_code_cell(_SETUP), nbformat.v4.new_code_cell(cell.strip())]
        paths[label] = root / f"alt{i}.ipynb"
        nbformat.write(nb, paths[label])
    return paths


def time_presses(nbp: NotebookPage, presses: int, timeout_s: float = 15) -> tuple[str, list]:
    """Press the main control ``WARMUP + presses`` times; latencies (ms) of the timed ones."""
    kind, target = nbp.prepare_main_control()
    keys = ["ArrowRight", "ArrowLeft"]
    if kind == "slider" and nbp.slider_direction(target) == "ArrowLeft":
        keys.reverse()  # at its maximum: go down first, so every press moves the slider
    latencies = []
    for i in range(WARMUP + presses):
        nbp.page.evaluate("t => window.__dl.armLatency(t)", timeout_s * 1000)
        nbp.actuate(kind, target, keys[i % 2])
        hit = nbp.page.evaluate("() => window.__dl.pending")
        nbp.wait_kernel_idle()
        if i >= WARMUP:
            h = {k: (v if v is not None else float("nan")) for k, v in hit.items()}
            latencies.append(
                (
                    h["t1"] - h["t0"],  # key press -> new trace path in the DOM
                    h["t2"] - h["t0"],  # ... -> the next animation frame
                    h["sent"] - h["t0"],  # key press -> the browser sends the new value
                    h["last"] - h["sent"],  # -> the message that redraws arrives
                    h["t1"] - h["last"],  # -> plotly (or the widget) has redrawn
                )
            )
    return kind, latencies


def summarise(name: str, kind: str, ms: list) -> dict:
    """``ms``: (to the new trace path, to the next frame) per press."""
    a, frame = np.asarray([m[0] for m in ms]), np.asarray([m[1] for m in ms])
    parts = np.asarray([m[2:] for m in ms])
    med, p95 = float(np.median(a)), float(np.percentile(a, 95))
    return {
        "notebook": name,
        "control": kind,
        "presses": len(a),
        "median_ms": round(med, 1),
        "p95_ms": round(p95, 1),
        "min_ms": round(float(a.min()), 1),
        "max_ms": round(float(a.max()), 1),
        "frame_median_ms": round(float(np.median(frame)), 1),
        # medians of: press -> sent, sent -> redrawing message received, received -> redrawn
        "breakdown_median_ms": [round(float(x), 1) for x in np.nanmedian(parts, axis=0)],
        "goal_met": bool(med <= GOAL_MEDIAN_MS and p95 <= GOAL_P95_MS),
    }


def table(rows: list) -> str:
    head = (
        "| notebook | control | presses | median ms | p95 ms | min ms | max ms "
        "| next frame, median ms | press->sent / round trip / render, medians ms | goal met |"
    )
    lines = [head, "|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        if "error" in r:
            lines.append(f"| {r['notebook']} |" + " - |" * 8 + f" error: {r['error']} |")
            continue
        parts = " / ".join(f"{x:.0f}" for x in r["breakdown_median_ms"])
        lines.append(
            f"| {r['notebook']} | {r['control']} | {r['presses']} | {r['median_ms']:.0f} | "
            f"{r['p95_ms']:.0f} | {r['min_ms']:.0f} | {r['max_ms']:.0f} | "
            f"{r['frame_median_ms']:.0f} | {parts} | {'yes' if r['goal_met'] else '**no**'} |"
        )
    return "\n".join(lines)


def main(argv: list | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("notebooks", nargs="*", type=Path, help="default: every notebooks/*.ipynb")
    ap.add_argument("--presses", type=int, default=30, help="timed presses per notebook")
    ap.add_argument("--quick", action="store_true", help="8 presses per notebook")
    ap.add_argument(
        "--alternatives",
        action="store_true",
        help="time other ways to redraw (scratch notebooks in a temp dir) instead of the lessons",
    )
    ap.add_argument(
        "--nodelay",
        action="store_true",
        help="experiment: TCP_NODELAY on the server's kernel websocket (see NODELAY_CONFIG)",
    )
    ap.add_argument(
        "--stock-websocket",
        action="store_true",
        help="jupyter_server's own kernel websocket (Nagle on), not the course's TCP_NODELAY one",
    )
    args, _unknown = ap.parse_known_args(argv)  # run_all.py passes its own flags through
    presses = 8 if args.quick else args.presses
    problem = require_chromium()
    if problem:
        print(problem)
        return 1
    from playwright.sync_api import sync_playwright

    rows = []
    started = time.monotonic()
    with (
        tempfile.TemporaryDirectory() as scratch,
        tempfile.TemporaryDirectory() as alt_root,
    ):
        if args.alternatives:
            labels = write_alternatives(Path(alt_root))
            root = Path(alt_root)
        else:
            nbs = [p.resolve() for p in args.notebooks] or discover_notebooks()
            labels = {p.stem: p for p in nbs}
            root = REPO
        config = NODELAY_CONFIG if args.nodelay else None
        if args.stock_websocket:
            config = STOCK_WEBSOCKET_CONFIG
            # In a venv Jupyter ranks the environment's config above JUPYTER_CONFIG_DIR; this
            # puts the scratch config (the server's JUPYTER_CONFIG_DIR) first again.
            os.environ["JUPYTER_PREFER_ENV_PATH"] = "0"
        with LabServer(root_dir=root, server_config=config) as server, sync_playwright() as pw:
            browser = launch_browser(pw, Path(scratch))
            run_all_notebooks(browser, server, labels, presses, rows)
            browser.close()
    print()
    what = ("alternatives" if args.alternatives else "lessons") + (
        ", TCP_NODELAY on the kernel websocket" if args.nodelay else ""
    )
    what += ", stock kernel websocket (Nagle on)" if args.stock_websocket else ", shipped settings"
    print(
        f"Slider to redrawn figure ({what}), {presses} timed presses each after {WARMUP} "
        f"warm-up; {date.today()}, {platform.machine()}, "
        f"{len(os.sched_getaffinity(0))} CPUs, total {time.monotonic() - started:.0f} s"
    )
    print(table(rows))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = "bench_browser" + ("_alternatives" if args.alternatives else "")
    name += "_nodelay" if args.nodelay else ""
    name += "_stock_websocket.json" if args.stock_websocket else ".json"
    (ARTIFACTS / name).write_text(json.dumps(rows, indent=2))
    # A missed goal is a finding to report, not a crash: only a lesson that failed to run fails.
    return 1 if any("error" in r for r in rows) else 0


def run_all_notebooks(browser, server, labels: dict, presses: int, rows: list) -> None:
    """Open, Run All and time ``presses`` presses in each notebook; append one row each."""
    for label, nb in labels.items():
        nbp = NotebookPage(browser, server, nb)  # 1366x768: the learner's screen
        try:
            nbp.open()
            nbp.run_all()
            nbp.wait_settled()
            kind, ms = time_presses(nbp, presses)
            rows.append(summarise(label, kind, ms) | {"latencies_ms": ms})
        except Exception as err:  # noqa: BLE001 (one broken lesson must not hide the rest)
            rows.append({"notebook": label, "error": str(err).splitlines()[0][:120]})
        finally:
            nbp.close()
        print(json.dumps({k: v for k, v in rows[-1].items() if k != "latencies_ms"}), flush=True)


if __name__ == "__main__":
    sys.exit(main())
