"""Execute every lesson many times in fresh kernels, optionally under a CPU hog, and count hangs.

    .venv/bin/python tools/hang_hunt.py [--runs 100] [--minutes M] [--hog] [--sweep]
        [--lessons 04 05]

Each run goes through tests/nbrun.py (the executor every notebook test uses): a run that
passes its wall-clock deadline is a hang, and its diagnosis (the kernel's stacks from
py-spy, the client's stacks, the last messages on each channel) is written to
artifacts/hang-hunt/. ``--hog`` keeps both cores busy with one spinning process per core
for the whole hunt; ``--sweep`` appends tests/kernel_sweep.py, as the notebook-runs test does.
Lessons run round-robin; ``--minutes`` ends the hunt after the round that passes the budget.
Prints a line per round, then one line per lesson: runs, hangs, other failures, lost socket
wake-ups that the executor's 1-second poll steps recovered (each would have been a stall of
the whole cell timeout before), median and max seconds.
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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import nbformat  # noqa: E402

from tests.nbrun import ExecutionStalled, errors_in, execute, read  # noqa: E402

OUT = ROOT / "artifacts" / "hang-hunt"
HOG = "while True:\n    pass\n"


class Tally:
    """One lesson's runs so far."""

    def __init__(self) -> None:
        self.seconds: list[float] = []
        self.hangs = self.errors = self.recovered = 0

    def row(self, name: str) -> str:
        return (
            f"{name:30} {len(self.seconds):5} {self.hangs:6} {self.errors:7} "
            f"{self.recovered:10} {statistics.median(self.seconds):9.1f} "
            f"{max(self.seconds):7.1f}"
        )


def run_once(path: Path, k: int, args, scratch: Path, tally: Tally) -> None:
    nb = read(path)
    if args.sweep:
        nb.cells.append(nbformat.v4.new_code_cell((ROOT / "tests" / "kernel_sweep.py").read_text()))
    start = time.monotonic()
    try:
        client = execute(nb, scratch, deadline_s=args.deadline, label=f"{path.stem} run {k}")
        tally.recovered += sum(client.trail.lost_wakeups.values())
        if errors_in(nb):
            tally.errors += 1
    except ExecutionStalled as stall:
        tally.hangs += 1
        (OUT / f"{path.stem}-run{k}.txt").write_text(str(stall))
    except Exception as err:  # a failure that is not a hang is counted apart
        tally.errors += 1
        (OUT / f"{path.stem}-run{k}-error.txt").write_text(repr(err))
    tally.seconds.append(time.monotonic() - start)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=100, help="runs per lesson")
    ap.add_argument("--hog", action="store_true", help="a spinning process on every core")
    ap.add_argument("--sweep", action="store_true", help="append the control sweep cell")
    ap.add_argument("--lessons", nargs="*", default=None, help="lesson numbers, e.g. 04 05")
    ap.add_argument("--deadline", type=float, default=300, help="seconds before a run is a hang")
    ap.add_argument(
        "--minutes", type=float, default=None, help="stop after the round that passes this"
    )
    args = ap.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="demandlab-hunt-"))
    for var in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR"):
        os.environ.setdefault(var, str(scratch / var.lower()))
    notebooks = sorted(ROOT.glob("notebooks/*.ipynb"))
    if args.lessons:
        notebooks = [p for p in notebooks if p.name[:2] in args.lessons]
    OUT.mkdir(parents=True, exist_ok=True)
    hogs = (
        [subprocess.Popen([sys.executable, "-c", HOG]) for _ in range(os.cpu_count() or 2)]
        if args.hog
        else []
    )
    tallies = {p: Tally() for p in notebooks}
    t0 = time.monotonic()
    loads: list[float] = []
    try:
        # Round-robin (each lesson once per round) so that a hunt cut short by --minutes has
        # run every lesson about equally often, under the same machine load.
        for k in range(args.runs):
            for path in notebooks:
                run_once(path, k, args, scratch, tallies[path])
                loads.append(os.getloadavg()[0])
            hangs = sum(t.hangs for t in tallies.values())
            print(
                f"round {k + 1}: {time.monotonic() - t0:6.0f} s, hangs so far {hangs}, "
                f"1-min load {loads[-1]:.1f}",
                flush=True,
            )
            if args.minutes and time.monotonic() - t0 > 60 * args.minutes:
                break
    finally:
        for h in hogs:
            h.kill()
    print(
        f"{'lesson':30} {'runs':>5} {'hangs':>6} {'errors':>7} {'recovered':>10} "
        f"{'median s':>9} {'max s':>7}"
    )
    for path, tally in tallies.items():
        if tally.seconds:
            print(tally.row(path.name))
    total_hangs = sum(t.hangs for t in tallies.values())
    print(
        f"hangs in all: {total_hangs}; 1-min load average during the hunt: median "
        f"{statistics.median(loads):.1f}, min {min(loads):.1f} on {os.cpu_count()} cores "
        f"(diagnoses in {OUT.relative_to(ROOT)}/)"
    )
    return 1 if total_hangs else 0


if __name__ == "__main__":
    sys.exit(main())
