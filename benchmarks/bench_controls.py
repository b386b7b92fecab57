"""Python time of one move of each lesson's main control, this tree against another.

    .venv/bin/python benchmarks/bench_controls.py                    # this tree only
    .venv/bin/python benchmarks/bench_controls.py --against 313cedc  # side by side, one run

What it measures: each lesson's main explorer (the widget whose control carries
``dl-main-control``) is built without a kernel, then its main control is moved one step
and back, 3 untimed + ``--moves`` timed times; each move (model, figure, ``refresh`` diff,
sentence) is timed with ``time.perf_counter``. This is the kernel's share of a slider ->
redraw round trip (bench_browser.py measures the whole trip in a real browser).

``--against REV`` checks the revision out into a temp dir (``git worktree``, removed after)
and times it in a subprocess with that tree's ``src`` first on ``sys.path``, alternating
the two trees lesson by lesson so both see the same machine load. Medians, and the ratio
this / other.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# lesson -> the public function that builds its main explorer
MAIN = {
    "00": "slider_demo",
    "01": "fix_a_explorer",
    "02": "takt_explorer",
    "03": "laws_of_the_line_explorer",
    "04": "buffet_explorer",
    "05": "gtm_explorer",
}


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()) or ():
        yield from _walk(child)


def time_lesson(lesson: str, moves: int) -> list[float]:
    """Milliseconds per move of ``lesson``'s main control (run inside the measured tree)."""
    import demandlab as dl

    root = getattr(dl, MAIN[lesson])()
    control = next(w for w in _walk(root) if "dl-main-control" in getattr(w, "_dom_classes", ()))
    start, step = control.value, getattr(control, "step", 1) or 1
    other = start + step if start + step <= control.max else start - step
    values = [other, start]
    for v in values * 2:  # warm-up: first draws build plotly's validators
        control.value = v
    out = []
    for i in range(moves):
        t = time.perf_counter()
        control.value = values[i % 2]
        out.append((time.perf_counter() - t) * 1e3)
    return out


def _in_tree(src: Path, lesson: str, moves: int) -> list[float]:
    code = (
        "import json, sys; sys.path.insert(0, sys.argv[1]); sys.path.insert(0, sys.argv[2]);"
        "import bench_controls as b;"
        "print(json.dumps(b.time_lesson(sys.argv[3], int(sys.argv[4]))))"
    )
    env = {**os.environ, "PYTHONPATH": str(src), "PYTHONWARNINGS": "ignore"}
    res = subprocess.run(
        [sys.executable, "-c", code, str(src), str(ROOT / "benchmarks"), lesson, str(moves)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=True,
    )
    return json.loads(res.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--moves", type=int, default=20, help="timed moves per lesson (2..500)")
    ap.add_argument("--against", metavar="REV", help="a git revision to time side by side")
    ap.add_argument("--quick", action="store_true", help="8 timed moves (make bench's smoke run)")
    args = ap.parse_args(argv)
    if args.quick:
        args.moves = 8
    if not 2 <= args.moves <= 500:
        ap.error(f"--moves must be between 2 and 500, got {args.moves}")
    with tempfile.TemporaryDirectory() as tmp:
        other = None
        if args.against:
            other = Path(tmp) / "other"
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(other),
                 args.against],
                check=True,
            )  # fmt: skip
        try:
            rows = []
            for lesson in MAIN:
                this = statistics.median(_in_tree(ROOT / "src", lesson, args.moves))
                that = (
                    statistics.median(_in_tree(other / "src", lesson, args.moves))
                    if other
                    else None
                )
                rows.append((lesson, this, that))
        finally:
            if other:
                subprocess.run(
                    ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(other)],
                    check=False,
                )
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    print(
        f"Main control, Python time per move (median of {args.moves}); {when}, "
        f"{platform.machine()}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}"
    )
    if args.against:
        print(f"| lesson | explorer | this tree, ms | {args.against}, ms | this / other |")
        print("|---|---|---|---|---|")
        for lesson, this, that in rows:
            print(f"| {lesson} | `{MAIN[lesson]}` | {this:.1f} | {that:.1f} | {this / that:.2f} |")
    else:
        print("| lesson | explorer | ms |")
        print("|---|---|---|")
        for lesson, this, _ in rows:
            print(f"| {lesson} | `{MAIN[lesson]}` | {this:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
