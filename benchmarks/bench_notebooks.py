"""Run All per lesson, the whole course under nbval, the kernel-start floor, kernel memory.

    .venv/bin/python benchmarks/bench_notebooks.py [--repeats 3] [--skip-nbval]

Each notebook is executed in a fresh kernel with nbclient, as a learner's Run All would,
`--repeats` times; the table reports the median wall time, the same minus the median
kernel-start floor measured in the same run (an empty notebook), and the kernel's RSS after
Run All. Then the whole course runs under nbval exactly as `make test` does, timed once per
repeat. Goals (issue 10): Run All <= 3 s beyond kernel start, course under nbval <= 60 s,
RSS <= 250 MB.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.nbrun import execute as guarded_execute  # noqa: E402

RSS_CELL = (
    "with open('/proc/self/status') as _f:\n"
    "    print('RSS-MB', [int(l.split()[1]) / 1024 for l in _f if l.startswith('VmRSS:')][0])"
)


def execute(nb, workdir: str) -> float:
    # tests/nbrun.py: the executor the tests use (no wait on a socket longer than a second, a
    # wall-clock guard that reports a stall with the kernel's stacks instead of hanging).
    start = time.perf_counter()
    guarded_execute(nb, workdir, cell_timeout_s=600, deadline_s=900, label="benchmark run")
    return time.perf_counter() - start


def run_notebook(path: Path, workdir: str) -> tuple[float, float]:
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(RSS_CELL))
    seconds = execute(nb, workdir)
    text = "".join(o.get("text", "") for o in nb.cells[-1].outputs)
    return seconds, float(text.split("RSS-MB", 1)[1])


def floor(workdir: str) -> float:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("pass")])
    return execute(nb, workdir)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--skip-nbval", action="store_true")
    args = ap.parse_args()
    scratch = tempfile.mkdtemp(prefix="demandlab-bench-")
    for var in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR"):
        os.environ.setdefault(var, os.path.join(scratch, var.lower()))
    notebooks = sorted(ROOT.glob("notebooks/*.ipynb"))
    floors = [floor(scratch) for _ in range(args.repeats)]
    base = statistics.median(floors)
    print(f"kernel-start floor (empty notebook): median {base:.2f} s over {len(floors)} runs")
    print(f"{'notebook':32} {'Run All s':>10} {'beyond start s':>15} {'RSS MB':>8}  goal")
    worst_rss = 0.0
    for path in notebooks:
        runs = [run_notebook(path, scratch) for _ in range(args.repeats)]
        wall = statistics.median(r[0] for r in runs)
        rss = max(r[1] for r in runs)
        worst_rss = max(worst_rss, rss)
        ok = "ok" if wall - base <= 3 and rss <= 250 else "MISSED"
        print(f"{path.name:32} {wall:10.2f} {wall - base:15.2f} {rss:8.0f}  {ok}")
    if not args.skip_nbval:
        cmd = [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "tests.nbval_guard",
            "--nbval-lax",
            "--nbval-current-env",
            "--sanitize-with",
            "tests/nbval_sanitize.cfg",
            "-p",
            "no:cacheprovider",
            "notebooks",
        ]
        times = []
        for _ in range(args.repeats):
            start = time.perf_counter()
            subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
            times.append(time.perf_counter() - start)
        print(
            f"whole course under nbval: median {statistics.median(times):.1f} s "
            f"(runs: {', '.join(f'{t:.1f}' for t in times)}; goal <= 60 s)"
        )
    print(f"worst kernel RSS after Run All: {worst_rss:.0f} MB (goal <= 250 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
