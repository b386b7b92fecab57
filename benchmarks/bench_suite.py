"""How long `make test` takes, stage by stage, for this tree and another revision, side by side.

    .venv/bin/python benchmarks/bench_suite.py [--against REV] [--repeats 3] [--stages ...]

Each revision is cloned into a temp folder (what CI does), its environment built once
(`make .venv/.test-installed`, not timed), then the stages of `make test` are timed one
after another, alternating between the revisions so a busy moment hits both; the table
reports each stage's median seconds per revision, their ratio, and the whole suite's. The
issue-23 goal: the whole of `make test` within 8 minutes on a quiet 2-core machine.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STAGES = ["lint", "test-lib", "test-notebooks", "test-browser", "test-lite"]


def clone(rev: str, into: Path) -> Path:
    subprocess.run(["git", "clone", "-q", str(ROOT), str(into)], check=True)
    subprocess.run(["git", "-C", str(into), "checkout", "-q", rev], check=True)
    shared = ROOT / "deploy" / "node_modules"
    if shared.exists():  # the hub's proxy, as .ci/run installs it
        subprocess.run(
            ["npm", "ci", "--prefix", str(into / "deploy"), "--no-audit", "--no-fund"],
            check=True,
            capture_output=True,
        )
    subprocess.run(
        ["make", "-s", ".venv/.test-installed"], cwd=into, check=True, capture_output=True
    )
    return into


def time_stage(tree: Path, stage: str) -> tuple[float, bool]:
    start = time.monotonic()
    out = subprocess.run(["make", "-s", stage], cwd=tree, capture_output=True, text=True)
    return time.monotonic() - start, out.returncode == 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--against", default=None, help="a revision to compare with (e.g. eb1b749)")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--stages", nargs="*", default=STAGES)
    args = ap.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="demandlab-bench-suite-"))
    revs = {"this tree": "HEAD"}
    if args.against:
        revs[args.against] = args.against
    trees = {name: clone(rev, scratch / name.replace(" ", "-")) for name, rev in revs.items()}
    seconds: dict[str, dict[str, list[float]]] = {n: {s: [] for s in args.stages} for n in revs}
    failed: set[tuple[str, str]] = set()
    try:
        for k in range(args.repeats):
            for stage in args.stages:
                for name, tree in trees.items():
                    took, ok = time_stage(tree, stage)
                    seconds[name][stage].append(took)
                    if not ok:
                        failed.add((name, stage))
                    print(
                        f"run {k + 1}: {name:10} {stage:15} {took:7.1f} s"
                        + ("" if ok else "  (failed)"),
                        flush=True,
                    )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    names = list(revs)
    print(
        f"\n{'stage':16}"
        + "".join(f"{n:>14}" for n in names)
        + ("   ratio" if len(names) == 2 else "")
    )
    totals = {n: 0.0 for n in names}
    for stage in args.stages:
        meds = {n: statistics.median(seconds[n][stage]) for n in names}
        for n in names:
            totals[n] += meds[n]
        ratio = f"   {meds[names[0]] / meds[names[1]]:.2f}" if len(names) == 2 else ""
        print(f"{stage:16}" + "".join(f"{meds[n]:13.1f}s" for n in names) + ratio)
    ratio = f"   {totals[names[0]] / totals[names[1]]:.2f}" if len(names) == 2 else ""
    print(f"{'make test':16}" + "".join(f"{totals[n]:13.1f}s" for n in names) + ratio)
    if failed:
        print("failed stages (their times still count):", sorted(failed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
