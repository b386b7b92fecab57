"""Execute every lesson many times in fresh kernels, optionally under a CPU hog, and count hangs.

    .venv/bin/python tools/hang_hunt.py [--runs 100] [--hog] [--sweep] [--lessons 04 05]

Each run goes through tests/nbrun.py (the executor every notebook test uses): a run that
passes its wall-clock deadline is a hang, and its diagnosis (the kernel's stacks from
py-spy, the client's stacks, the last messages on each channel) is written to
artifacts/hang-hunt/. ``--hog`` keeps both cores busy with one spinning process per core
for the whole hunt; ``--sweep`` appends tests/kernel_sweep.py, as the notebook-runs test does.
Prints one line per lesson: runs, hangs, other failures, lost socket wake-ups that the
executor's 1-second poll steps recovered (each would have been a stall of the whole cell
timeout before), median and max seconds.
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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=100)
    ap.add_argument("--hog", action="store_true", help="a spinning process on every core")
    ap.add_argument("--sweep", action="store_true", help="append the control sweep cell")
    ap.add_argument("--lessons", nargs="*", default=None, help="lesson numbers, e.g. 04 05")
    ap.add_argument("--deadline", type=float, default=300, help="seconds before a run is a hang")
    args = ap.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="demandlab-hunt-"))
    for var in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR"):
        os.environ.setdefault(var, str(scratch / var.lower()))
    notebooks = sorted(ROOT.glob("notebooks/*.ipynb"))
    if args.lessons:
        notebooks = [p for p in notebooks if p.name[:2] in args.lessons]
    sweep = (ROOT / "tests" / "kernel_sweep.py").read_text()
    OUT.mkdir(parents=True, exist_ok=True)
    hogs = (
        [subprocess.Popen([sys.executable, "-c", HOG]) for _ in range(os.cpu_count() or 2)]
        if args.hog
        else []
    )
    total_hangs = 0
    try:
        print(
            f"{'lesson':30} {'runs':>5} {'hangs':>6} {'errors':>7} {'recovered':>10} "
            f"{'median s':>9} {'max s':>7}"
        )
        for path in notebooks:
            seconds, hangs, errors, recovered = [], 0, 0, 0
            for k in range(args.runs):
                nb = read(path)
                if args.sweep:
                    nb.cells.append(nbformat.v4.new_code_cell(sweep))
                start = time.monotonic()
                try:
                    client = execute(
                        nb, scratch, deadline_s=args.deadline, label=f"{path.stem} run {k}"
                    )
                    recovered += sum(client.trail.lost_wakeups.values())
                    if errors_in(nb):
                        errors += 1
                except ExecutionStalled as stall:
                    hangs += 1
                    (OUT / f"{path.stem}-run{k}.txt").write_text(str(stall))
                except Exception as err:  # a failure that is not a hang is counted apart
                    errors += 1
                    (OUT / f"{path.stem}-run{k}-error.txt").write_text(repr(err))
                seconds.append(time.monotonic() - start)
            total_hangs += hangs
            print(
                f"{path.name:30} {len(seconds):5} {hangs:6} {errors:7} {recovered:10} "
                f"{statistics.median(seconds):9.1f} {max(seconds):7.1f}",
                flush=True,
            )
    finally:
        for h in hogs:
            h.kill()
    print(f"hangs in all: {total_hangs} (diagnoses in {OUT.relative_to(ROOT)}/)")
    return 1 if total_hangs else 0


if __name__ == "__main__":
    sys.exit(main())
