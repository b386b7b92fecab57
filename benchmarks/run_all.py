"""Run every benchmark in one go (`make bench`), each in its own process, in this order:
the flow engine against SimPy, the notebooks' Run All and memory, the browser latency, and
30 participants against the real hub (deploy/loadtest.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHES = [
    "bench_flow.py",
    "bench_takt.py",
    "bench_mix.py",
    "bench_controls.py",
    "bench_notebooks.py",
    "bench_browser.py",
]
# The hub load test takes its own flags, not the benchmarks' (--quick and the like).
LOADTEST = [
    str(HERE.parent / "deploy" / "loadtest.py"),
    "--participants",
    "30",
    "--json",
    str(HERE.parent / "artifacts" / "loadtest-30.json"),
]


def main() -> int:
    failed = []
    for name in BENCHES:
        print(f"\n=== {name} ===", flush=True)
        if subprocess.run([sys.executable, str(HERE / name), *sys.argv[1:]]).returncode:
            failed.append(name)
    print("\n=== deploy/loadtest.py (30 participants) ===", flush=True)
    if subprocess.run([sys.executable, *LOADTEST]).returncode:
        failed.append("deploy/loadtest.py")
    if failed:
        print("failed:", ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
