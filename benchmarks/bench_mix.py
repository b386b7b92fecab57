"""Lesson 04's explorers: how long one slider step takes (model, figure and widget update).

    .venv/bin/python benchmarks/bench_mix.py [--repeats 3]

Each explorer's sliders are stepped across their whole range, and every step (setting
``slider.value``, which runs the model, builds the figure and refreshes the FigureWidget)
is timed with ``time.perf_counter``. The report gives the median and the 90th percentile
per slider: the median shrugs off a busy machine's spikes. No kernel or browser is
involved (bench_browser.py measures the round trip a learner feels).

Goal (formerly asserted in tests/test_mix.py): the buffet's carving slider redraws in a
median under 50 ms, so dragging it feels live.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import time

import numpy as np

import demandlab as dl

GOAL_MS = 50.0  # median redraw of the buffet's main control


def _values(slider) -> list:
    """Every value the slider can take, from min to max (at most 200 of them)."""
    values = np.arange(slider.min, slider.max + slider.step / 2, slider.step)
    if len(values) > 200:
        values = values[np.linspace(0, len(values) - 1, 200).round().astype(int)]
    return [type(slider.value)(v) for v in values]


def time_slider(make, name: str, repeats: int) -> list[float]:
    """Seconds per step of control ``name`` of a fresh ``make()``, over the slider's range."""
    times = []
    for _ in range(repeats):
        box = make()
        slider = box.controls[name]
        for v in _values(slider):
            if v == slider.value:
                continue
            start = time.perf_counter()
            slider.value = v
            times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="sweeps of each slider")
    args = parser.parse_args()
    cases = [
        ("buffet_explorer", dl.buffet_explorer, "carving_rate_per_hour"),
        ("buffet_explorer", dl.buffet_explorer, "beef_cost_per_serving"),
        ("loss_leader_explorer", dl.loss_leader_explorer, "leader_price"),
        ("product_mix_explorer", dl.product_mix_explorer, "price_q"),
        ("product_mix_explorer", dl.product_mix_explorer, "minutes_b"),
    ]
    report = {"python": platform.python_version(), "machine": platform.machine(), "steps": {}}
    print(f"{'explorer':<22} {'control':<22} {'steps':>6} {'median ms':>10} {'p90 ms':>8}")
    for explorer, make, name in cases:
        times = time_slider(make, name, args.repeats)
        median = statistics.median(times) * 1000
        p90 = float(np.percentile(times, 90)) * 1000
        report["steps"][f"{explorer}.{name}"] = {
            "steps": len(times),
            "median_ms": round(median, 2),
            "p90_ms": round(p90, 2),
        }
        print(f"{explorer:<22} {name:<22} {len(times):>6} {median:>10.1f} {p90:>8.1f}")
    carving = report["steps"]["buffet_explorer.carving_rate_per_hour"]["median_ms"]
    verdict = "within" if carving < GOAL_MS else "OVER"
    print(f"buffet carving slider: median {carving:.1f} ms, {verdict} the {GOAL_MS:.0f} ms goal")
    print(json.dumps(report))


if __name__ == "__main__":
    main()
