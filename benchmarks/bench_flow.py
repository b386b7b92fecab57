"""The flow engine against SimPy on the same lines with the same random numbers.

    .venv/bin/python benchmarks/bench_flow.py [--quick] [--repeats 5]

First both simulators run the same 5-station exponential open line and the same CONWIP
line (wip_cap = 10), fed the very same arrival and process times, and every event time
(each job's release and its departure from each station) is compared: they must agree
to 1e-9 (relative). Then both are timed (median of several repeats, ``time.perf_counter``;
the engine's time is the whole ``simulate_line`` call including drawing the random
numbers, SimPy's is the run alone on numbers drawn beforehand). Then the 1e6-job open
line, interactive-size calls (2,000 jobs x 5 stations) and peak memory of the 1e6 x 5
call (tracemalloc in a fresh subprocess).

Goals (flow engine issue): open line >= 100x SimPy at 1e5 jobs; CONWIP >= 30x; 1e6 x 5
open line < 0.5 s; 2,000 x 5 < 3 ms median for both releases; 1e6 x 5 peak < 300 MB.

``simpy_line`` is also the reference model of tests/test_engine.py::test_simpy_agrees.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from demandlab.engine import LineResult, simulate_line

ROOT = Path(__file__).resolve().parents[1]
PROCESS_TIMES = [0.8, 0.9, 1.0, 0.9, 0.8]  # bottleneck 1.0 per time unit
ARRIVAL_RATE = 0.9  # the bottleneck runs at u = 0.9
WIP_CAP = 10
TOLERANCE = 1e-9  # relative agreement of event times


def simpy_line(
    service_times: np.ndarray,
    machines,
    dropped_at: np.ndarray,
    release_times: np.ndarray | None = None,
    wip_cap: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """The same line in SimPy: FIFO ``Resource`` stations fed by given numbers.

    ``service_times`` is (n_stations, n_jobs); job i drops out after station
    ``dropped_at[i]`` (-1: it finishes). Give ``release_times`` for a push line or
    ``wip_cap`` for CONWIP. Returns (release times, departure times (n_stations, n_jobs)).
    """
    import simpy

    n_st, n = service_times.shape
    m = np.broadcast_to(np.asarray(machines), (n_st,))
    env = simpy.Environment()
    stations = [simpy.Resource(env, capacity=int(k)) for k in m]
    s = service_times.tolist()
    last = np.where(dropped_at >= 0, dropped_at, n_st - 1).tolist()
    release = np.zeros(n)
    dep = np.full((n_st, n), np.nan)
    next_job = [0]

    def job(i: int):
        release[i] = env.now
        for j in range(last[i] + 1):
            with stations[j].request() as turn:
                yield turn
                yield env.timeout(s[j][i])
            dep[j, i] = env.now
        if wip_cap is not None and next_job[0] < n:  # the freed card releases the next job
            env.process(job(next_job[0]))
            next_job[0] += 1

    def source(times: list[float]):
        for i, r in enumerate(times):
            if r > env.now:
                yield env.timeout(r - env.now)
            env.process(job(i))

    if wip_cap is None:
        env.process(source(release_times.tolist()))
    else:
        next_job[0] = min(wip_cap, n)
        for i in range(next_job[0]):
            env.process(job(i))
    env.run()
    return release, dep


def simpy_rerun(result: LineResult, machines=1, wip_cap: int | None = None):
    """Run SimPy on the numbers a ``simulate_line`` result used."""
    return simpy_line(
        np.asarray(result.service_times),
        machines,
        np.asarray(result.dropped_at),
        release_times=None if wip_cap is not None else np.asarray(result.release_times),
        wip_cap=wip_cap,
    )


def event_time_gap(result: LineResult, machines=1, wip_cap: int | None = None) -> float:
    """Largest relative difference between the engine's and SimPy's event times.

    Compares every release and every departure from every station; a station that one
    simulator skipped (drop-out) and the other did not counts as an infinite gap.
    """
    rel, dep = simpy_rerun(result, machines, wip_cap)
    ours = np.vstack([result.release_times, result.departure_times])
    theirs = np.vstack([rel, dep])
    if not np.array_equal(np.isnan(ours), np.isnan(theirs)):
        return float("inf")
    ok = ~np.isnan(ours)
    gap = np.abs(ours[ok] - theirs[ok]) / np.maximum(1.0, np.abs(theirs[ok]))
    return float(gap.max(initial=0.0))


def median_time(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def line_kwargs(release: str, n_jobs: int) -> dict:
    if release == "push":
        return dict(release="push", arrival_rate=ARRIVAL_RATE, n_jobs=n_jobs, seed=1)
    return dict(release="conwip", wip_cap=WIP_CAP, n_jobs=n_jobs, seed=1)


PEAK_SCRIPT = """
import json, tracemalloc
from demandlab.engine import simulate_line

def hwm_mb():  # this process's RSS high-water mark (ru_maxrss would include the parent's)
    with open("/proc/self/status") as f:
        return [int(x.split()[1]) / 1024 for x in f if x.startswith("VmHWM:")][0]

base = hwm_mb()
simulate_line({te}, arrival_rate={rate}, n_jobs={n}, seed=1)
rss = hwm_mb() - base
tracemalloc.start()
simulate_line({te}, arrival_rate={rate}, n_jobs={n}, seed=1)
peak = tracemalloc.get_traced_memory()[1]
print(json.dumps({{"traced_peak_mb": peak / 2**20, "rss_growth_mb": rss}}))
"""


def peak_memory(n_jobs: int) -> dict:
    code = PEAK_SCRIPT.format(te=PROCESS_TIMES, rate=ARRIVAL_RATE, n=n_jobs)
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return json.loads(out.stdout)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small sizes, one repeat (smoke run)")
    ap.add_argument("--repeats", type=int, default=5, help="repeats for the engine's medians")
    args = ap.parse_args(argv)
    n_cmp = 10_000 if args.quick else 100_000
    n_big = 100_000 if args.quick else 1_000_000
    reps = 1 if args.quick else args.repeats
    simpy_reps = 1 if args.quick else 3
    print(
        f"flow engine vs SimPy  ({platform.node()}, {platform.processor() or platform.machine()},"
    )
    print(
        f"  Python {platform.python_version()}, numpy {np.__version__}, "
        f"{time.strftime('%Y-%m-%d')})"
    )

    ok = True
    rows = []
    for release in ("push", "conwip"):
        kw = line_kwargs(release, n_cmp)
        result = simulate_line(PROCESS_TIMES, **kw)
        cap = WIP_CAP if release == "conwip" else None
        gap = event_time_gap(result, wip_cap=cap)
        agree = gap <= TOLERANCE
        ok &= agree
        ours = median_time(lambda kw=kw: simulate_line(PROCESS_TIMES, **kw), reps)
        theirs = median_time(lambda r=result, c=cap: simpy_rerun(r, wip_cap=c), simpy_reps)
        rows.append((release, n_cmp, gap, agree, ours, theirs))

    print(f"\nSame numbers, {len(PROCESS_TIMES)} exponential stations, {n_cmp:,} jobs")
    print(f"{'line':<18}{'max rel. gap':>14}{'engine (s)':>12}{'SimPy (s)':>11}{'ratio':>9}")
    goals = {"push": 100, "conwip": 30}
    for release, _n, gap, agree, ours, theirs in rows:
        name = "open (u=0.9)" if release == "push" else f"CONWIP (w={WIP_CAP})"
        ratio = theirs / ours
        flag = "" if ratio >= goals[release] else f"  (goal {goals[release]}x)"
        print(f"{name:<18}{gap:>14.1e}{ours:>12.4f}{theirs:>11.3f}{ratio:>8.0f}x{flag}")
        if not agree:
            print(f"  !! event times differ by {gap:.2e} > {TOLERANCE:g}")

    t_big = median_time(
        lambda: simulate_line(PROCESS_TIMES, **line_kwargs("push", n_big)), max(reps, 1)
    )
    print(f"\nopen line {n_big:,} jobs x 5 stations: {t_big:.3f} s median (goal < 0.5 s)")

    for release in ("push", "conwip"):
        kw = line_kwargs(release, 2_000)
        t_small = median_time(
            lambda kw=kw: simulate_line(PROCESS_TIMES, **kw), 20 if args.quick else 300
        )
        print(f"interactive 2,000 x 5 {release:<6}: {t_small * 1e3:.2f} ms median (goal < 3 ms)")

    mem = peak_memory(n_big)
    print(
        f"peak memory, open line {n_big:,} x 5: {mem['traced_peak_mb']:.0f} MB traced "
        f"(tracemalloc), {mem['rss_growth_mb']:.0f} MB RSS high-water growth (goal < 300 MB)"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
