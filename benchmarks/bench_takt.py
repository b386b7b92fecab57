"""Lesson 02's explorers: how long one slider step takes to redraw (model + figure + diff).

    .venv/bin/python benchmarks/bench_takt.py [--quick] [--repeats 5]

Moved here from tests/test_takt.py, which asserted wall-clock budgets (50 ms per takt
redraw, 150 ms per funnel run) that a busy shared machine could break without any change
to the code. This reports medians and the budgets next to them; it asserts nothing.

- takt_explorer: the demand slider stepped 30..69 (40 redraws), per redraw.
- funnel_explorer: the pace slider set to 200, 275, 300, 250 (a quarter's simulation
  each), per run.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time

from demandlab.takt import funnel_explorer, takt_explorer

BUDGET_TAKT_MS = 50  # a slider step should feel instant
BUDGET_FUNNEL_MS = 150  # the pace slider redraws on release, so a little more is fine


def per_step(explorer, control: str, values: list) -> float:
    """Seconds per step of ``control`` through ``values`` on a fresh explorer."""
    box = explorer()
    slider = box.controls[control]
    start = time.perf_counter()
    for v in values:
        slider.value = v
    return (time.perf_counter() - start) / len(values)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="one repeat (smoke run)")
    ap.add_argument("--repeats", type=int, default=5, help="repeats for the medians")
    args = ap.parse_args(argv)
    repeats = 1 if args.quick else max(args.repeats, 1)
    print(
        f"lesson 02 redraws  ({platform.node()}, Python {platform.python_version()}, "
        f"{time.strftime('%Y-%m-%d')}, median of {repeats})"
    )
    rows = [
        ("takt_explorer, demand step", takt_explorer, "demand_per_shift", list(range(30, 70)),
         BUDGET_TAKT_MS),
        ("funnel_explorer, pace run", funnel_explorer, "pace_per_week", [200, 275, 300, 250],
         BUDGET_FUNNEL_MS),
    ]  # fmt: skip
    print(f"{'explorer':<30}{'median (ms)':>12}{'min (ms)':>10}{'budget (ms)':>13}")
    for name, explorer, control, values, budget in rows:
        times = [per_step(explorer, control, values) * 1000 for _ in range(repeats)]
        print(f"{name:<30}{statistics.median(times):>12.1f}{min(times):>10.1f}{budget:>13}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
