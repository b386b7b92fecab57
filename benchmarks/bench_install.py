"""Installing the course's pinned environment: pip vs uv's pip interface, side by side.

    .venv/bin/python benchmarks/bench_install.py --uv PATH/TO/uv [--repeats 3]

Each repeat builds two fresh virtual environments in a temp folder and installs
binder/requirements.txt and binder/requirements-test.txt into each, pip first, then uv,
alternating so a busy moment hits both. Each installer uses its default cache (pip's and
uv's in the user's cache folder), warm after the first repeat; .ci/run gives uv a cache in
build/, cold in every fresh clone, and a cold uv still beat a warm pip (benchmarks/README.md).
Checks that both environments hold the same packages (`pip freeze`), then prints the median
seconds of each and their ratio. `make test` in a fresh
clone pays this install once, which is why .ci/run hands make a uv.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REQS = ["-r", str(ROOT / "binder" / "requirements.txt")]
REQS += ["-r", str(ROOT / "binder" / "requirements-test.txt")]


def fresh_venv(where: Path) -> Path:
    subprocess.run([sys.executable, "-m", "venv", str(where)], check=True)
    return where / "bin" / "python"


def freeze(python: Path) -> list[str]:
    out = subprocess.run(
        [str(python), "-m", "pip", "freeze"], check=True, capture_output=True, text=True
    ).stdout
    return sorted(line for line in out.splitlines() if not line.startswith("uv"))


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--uv", required=True, help="a uv binary (pip install uv)")
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    seconds: dict[str, list[float]] = {"pip": [], "uv": []}
    with tempfile.TemporaryDirectory(prefix="demandlab-install-") as tmp:
        for k in range(args.repeats):
            pip_py = fresh_venv(Path(tmp) / f"pip{k}")
            pip_cmd = [str(pip_py), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
            seconds["pip"].append(timed(pip_cmd + REQS))
            uv_py = fresh_venv(Path(tmp) / f"uv{k}")
            seconds["uv"].append(
                timed([args.uv, "pip", "install", "-q", "--python", str(uv_py)] + REQS)
            )
            if freeze(pip_py) != freeze(uv_py):
                print("the two environments differ: uv does not install what pip does")
                return 1
            print(f"repeat {k + 1}: pip {seconds['pip'][-1]:.1f} s, uv {seconds['uv'][-1]:.1f} s")
    pip_s, uv_s = (statistics.median(seconds[n]) for n in ("pip", "uv"))
    print(
        f"median of {args.repeats}: pip {pip_s:.1f} s, uv {uv_s:.1f} s, pip/uv {pip_s / uv_s:.1f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
