"""The flow engine against published queueing results, SimPy, and its own invariants.

Statistical checks use the run's own confidence interval (batch means, 25 batches,
99.9 %), never a hand-tuned tolerance; every seed is fixed, so the file is deterministic.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import demandlab as dl
from demandlab import engine
from demandlab.checks import InputError
from demandlab.engine import (
    _scan,
    best_case,
    kingman_queue_time,
    line_parameters,
    practical_worst_case,
    simulate_line,
    worst_case,
)
from tests import claims_pullpush as P
from tests.conftest import load_file

BATCHES = 25
T_999 = 3.745  # Student t quantile 0.9995 with 24 degrees of freedom (two-sided 99.9 %)

# Factory Physics ch. 7's Penny Fabs, pinned once with their r_b, T0 and W0 (claims_pullpush)
PENNY_ONE = list(P.PENNY_FAB_ONE)  # hours per station, one machine each
PENNY_TWO_TIMES = list(P.PENNY_FAB_TWO_HOURS)
PENNY_TWO_MACHINES = list(P.PENNY_FAB_TWO_MACHINES)
RB, T0, W0 = P.PENNY_FAB_ONE_RB, P.PENNY_FAB_ONE_T0, P.PENNY_FAB_ONE_W0


def batch_mean_ci(values) -> tuple[float, float]:
    """Grand mean and 99.9 % CI half-width from BATCHES consecutive batch means."""
    v = np.asarray(values, dtype=float)
    k = v.size // BATCHES
    assert k >= 20, f"too few observations ({v.size}) for {BATCHES} batches"
    means = v[: k * BATCHES].reshape(BATCHES, k).mean(axis=1)
    return float(means.mean()), T_999 * float(means.std(ddof=1)) / math.sqrt(BATCHES)


def time_batches(r) -> tuple[np.ndarray, np.ndarray]:
    """Throughput and time-average WIP in BATCHES equal slices of the observation window."""
    edges = np.linspace(r.window_start, r.window_end, BATCHES + 1)
    finished = r.dropped_at < 0
    th, wip = [], []
    for lo, hi in zip(edges[:-1], edges[1:], strict=True):
        out = finished & (r.exit_times > lo) & (r.exit_times <= hi)
        inside = np.minimum(r.exit_times, hi) - np.maximum(r.release_times, lo)
        th.append(np.count_nonzero(out) / (hi - lo))
        wip.append(inside[inside > 0].sum() / (hi - lo))
    return np.array(th), np.array(wip)


def assert_within_ci(batch_means: np.ndarray, theory: float, what: str) -> None:
    mean = float(batch_means.mean())
    half = T_999 * float(batch_means.std(ddof=1)) / math.sqrt(batch_means.size)
    assert abs(mean - theory) <= half, f"{what}: sim {mean:.5g} vs theory {theory:.5g} ± {half:.3g}"


def post_warmup_cycle_times(r) -> np.ndarray:
    ct = r.cycle_times[r.warmup :]
    return ct[~np.isnan(ct)]


def station_arrivals(r) -> np.ndarray:
    """Arrival time of every job at every station (the previous departure or release)."""
    return np.vstack([r.release_times, r.departure_times[:-1]])


# --------------------------------------------------------------------------- analytic


def test_line_parameters_penny_fabs():
    # Hopp & Spearman, Factory Physics 3rd ed., ch. 7, Penny Fab One: rb=0.5 penny/h, T0=8 h, W0=4
    p = line_parameters(PENNY_ONE)
    assert (p.bottleneck_rate, p.raw_process_time, p.critical_wip) == (RB, T0, W0)
    # Factory Physics ch. 7, Penny Fab Two: rb=0.4 penny/h, T0=20 h, W0=8
    p = line_parameters(PENNY_TWO_TIMES, machines=PENNY_TWO_MACHINES)
    assert p.bottleneck_rate == pytest.approx(P.PENNY_FAB_TWO_RB)
    assert p.raw_process_time == P.PENNY_FAB_TWO_T0
    assert p.critical_wip == pytest.approx(P.PENNY_FAB_TWO_W0)


def test_bounds_formulas_and_shapes():
    w = np.arange(1, 13)
    bc = best_case(PENNY_ONE, w)
    wc = worst_case(PENNY_ONE, w)
    pwc = practical_worst_case(PENNY_ONE, w)
    # Factory Physics ch. 7's bounds on Penny Fab One's rb, T0 and W0
    np.testing.assert_allclose(bc.throughput, np.minimum(w / T0, RB))
    np.testing.assert_allclose(bc.cycle_time, np.maximum(T0, w / RB))
    np.testing.assert_allclose(wc.throughput, 1 / T0)
    np.testing.assert_allclose(wc.cycle_time, T0 * w)
    np.testing.assert_allclose(pwc.throughput, w / (W0 + w - 1) * RB)
    np.testing.assert_allclose(pwc.cycle_time, T0 + (w - 1) / RB)
    # worst <= practical worst <= best, and Little's law holds on every bound
    assert np.all(wc.throughput <= pwc.throughput + 1e-12)
    assert np.all(pwc.throughput <= bc.throughput + 1e-12)
    for perf in (bc, wc, pwc):
        np.testing.assert_allclose(perf.throughput * perf.cycle_time, w)
    assert isinstance(best_case(PENNY_ONE, 3).throughput, float)
    assert not bc.cycle_time.flags.writeable


def test_kingman_mm1_and_unstable():
    # M/M/1 (Kleinrock, Queueing Systems vol. 1): Wq = u/(1-u) * te = 4 at u = 0.8, te = 1
    assert kingman_queue_time(1.0, 0.8) == pytest.approx(P.MM1_QUEUE_HOURS_AT_80)
    # M/D/1 (Pollaczek-Khinchine): Wq = u/(2(1-u)) * te = 2 at u = 0.8
    assert kingman_queue_time(1.0, 0.8, cv=0.0) == pytest.approx(2.0)
    # Factory Physics ch. 8, multi-machine VUT (Sakasegawa): u^(sqrt(2(m+1))-1) / (m(1-u))
    u = 0.5 * 10 / 6
    expected = 1.25 / 2 * u ** (math.sqrt(14) - 1) / (6 * (1 - u)) * 10
    assert kingman_queue_time(10.0, 0.5, cv=0.5, machines=6) == pytest.approx(expected)
    np.testing.assert_allclose(
        kingman_queue_time(1.0, np.array([0.5, 0.8])), [1.0, P.MM1_QUEUE_HOURS_AT_80], rtol=1e-12
    )
    with pytest.raises(ValueError, match="unstable"):
        kingman_queue_time(1.0, 1.0)
    with pytest.raises(ValueError, match="unstable"):
        kingman_queue_time(2.0, [0.1, 0.6])


# --------------------------------------------------------------------------- CONWIP


@pytest.mark.parametrize("w", range(1, 13))
def test_penny_fab_one_deterministic_is_best_case(w):
    # Factory Physics ch. 7, Penny Fab One, zero variability: the best case exactly,
    # TH = min(w/T0, rb), CT = max(T0, w/rb) with rb = 0.5/h, T0 = 8 h
    r = simulate_line(PENNY_ONE, cv=0, release="conwip", wip_cap=w, n_jobs=2_000, warmup=200)
    bc = best_case(PENNY_ONE, w)
    assert r.throughput == pytest.approx(bc.throughput, rel=1e-12)
    assert r.cycle_time == pytest.approx(bc.cycle_time, rel=1e-12)
    assert r.cycle_time_std == pytest.approx(0.0, abs=1e-9)
    assert r.wip == pytest.approx(w, rel=1e-12)


@pytest.mark.parametrize("w", range(1, 13))
def test_penny_fab_one_exponential_is_practical_worst_case(w):
    # Factory Physics ch. 7: the practical worst case TH = w/(W0+w-1) rb, CT = T0+(w-1)/rb
    # is exact (mean-value analysis) for a balanced closed line of single exponential
    # machines; Penny Fab One has rb = 0.5/h, T0 = 8 h, W0 = 4.
    r = simulate_line(PENNY_ONE, cv=1, release="conwip", wip_cap=w, n_jobs=30_000, seed=w)
    pwc = practical_worst_case(PENNY_ONE, w)
    th, _ = time_batches(r)
    assert_within_ci(th, pwc.throughput, f"TH at w={w}")
    mean, half = batch_mean_ci(post_warmup_cycle_times(r))
    assert abs(mean - pwc.cycle_time) <= half, (mean, pwc.cycle_time, half)
    assert r.wip == pytest.approx(w, rel=1e-12)  # CONWIP holds exactly w jobs in the window


@pytest.mark.parametrize("w", range(1, 21))
def test_penny_fab_two_deterministic_is_best_case(w):
    # Factory Physics ch. 7, Penny Fab Two (machines [1,2,6,2], times [2,5,10,3] h):
    # rb = 0.4/h, T0 = 20 h, W0 = 8; zero variability gives the best case.
    r = simulate_line(
        PENNY_TWO_TIMES, PENNY_TWO_MACHINES, cv=0, release="conwip", wip_cap=w,
        n_jobs=3_000, warmup=300,
    )  # fmt: skip
    bc = best_case(PENNY_TWO_TIMES, w, machines=PENNY_TWO_MACHINES)
    assert r.cycle_time == pytest.approx(bc.cycle_time, rel=1e-12)
    assert r.wip == pytest.approx(w, rel=1e-12)
    # Exits come in periodic bursts (6 parallel 10 h machines), so a window that starts
    # and ends at exit instants can be off the long-run rate by at most one burst of at
    # most w jobs: |TH - rate| <= w / window length.
    span = r.window_end - r.window_start
    assert abs(r.throughput - bc.throughput) <= w / span


def test_conwip_never_exceeds_its_cards():
    r = simulate_line(
        [1, 2, 1.5], [1, 2, 1], cv=[0.5, 1, 2], release="conwip", wip_cap=7, dropout=0.1,
        n_jobs=5_000,
    )  # fmt: skip
    _, levels = r.wip_series()
    assert levels.max() == 7
    assert levels.min() >= 0


# --------------------------------------------------------------------------- open lines


def test_open_tandem_line_matches_jackson():
    # Jackson (1957): in an open tandem line of exponential single machines fed by a
    # Poisson stream, each station is an independent M/M/1: mean time in station
    # 1/(mu - lambda). lambda = 0.5; te = 1.0, 1.5, 1.2 -> 2, 6, 3.
    te = np.array([1.0, 1.5, 1.2])
    lam = 0.5
    r = simulate_line(te, arrival_rate=lam, n_jobs=200_000, seed=11)
    per_job = r.departure_times - station_arrivals(r)
    for j, expected in enumerate(1 / (1 / te - lam)):
        mean, half = batch_mean_ci(per_job[j, r.warmup :])
        assert abs(mean - expected) <= half, (j, mean, expected, half)
        assert r.station_time[j] == pytest.approx(per_job[j, r.warmup :].mean())
    assert r.stable


def test_mm1_cycle_time_and_wip():
    # M/M/1 at u = 0.8, te = 1 (Kleinrock vol. 1): CT = te/(1-u) = 5, WIP = u/(1-u) = 4
    r = simulate_line(1.0, arrival_rate=0.8, n_jobs=300_000, seed=5)
    mean, half = batch_mean_ci(post_warmup_cycle_times(r))
    assert abs(mean - 5.0) <= half, (mean, half)
    th, wip = time_batches(r)
    assert_within_ci(wip, 4.0, "WIP")
    assert_within_ci(th, 0.8, "TH")
    q_mean, q_half = batch_mean_ci(
        (r.departure_times[0] - r.service_times[0] - r.release_times)[r.warmup :]
    )
    assert abs(q_mean - kingman_queue_time(1.0, 0.8)) <= q_half


@pytest.mark.parametrize(
    "kwargs",
    [
        dict(process_times=1.0, arrival_rate=0.8),
        dict(process_times=[1.0, 0.7, 0.9], cv=[1, 0.5, 2], arrival_rate=0.9, arrival_cv=0.5),
        dict(process_times=[2.0, 3.0], machines=[1, 3], cv=[1, 1], arrival_rate=0.4),
        dict(process_times=PENNY_ONE, release="conwip", wip_cap=6),
        dict(process_times=PENNY_TWO_TIMES, machines=PENNY_TWO_MACHINES, cv=1.0,
             release="conwip", wip_cap=12),
    ],
)  # fmt: skip
def test_littles_law_on_long_runs(kwargs):
    # Little's law L = lambda W. WIP is the exact integral of the jobs-in-line step
    # function over the observation window; TH counts exits in the same window and CT
    # averages the jobs released in it. The only gap is the edge: time spent in the
    # window by jobs released before it, minus time spent after it by jobs released in
    # it -- O(WIP x CT) against a window of O(n_jobs x CT), so relative O(WIP / n_jobs).
    r = simulate_line(**kwargs, n_jobs=400_000, seed=2)
    assert r.wip == pytest.approx(r.throughput * r.cycle_time, rel=1e-3)


def test_unstable_open_line_is_flagged_not_refused():
    r = simulate_line([1.0, 2.0], arrival_rate=0.6, n_jobs=20_000)  # rb = 0.5 < 0.6
    assert not r.stable
    # the window ends at the last release, so TH is the bottleneck's output rate
    assert r.throughput == pytest.approx(0.5, rel=0.05)
    assert simulate_line([1.0, 2.0], arrival_rate=0.45, n_jobs=1_000).stable
    # drop-outs thin the load downstream: 0.6 x (1 - 0.5) = 0.3 < 0.5 is stable
    assert simulate_line([1.0, 2.0], arrival_rate=0.6, dropout=[0.5, 0], n_jobs=1_000).stable
    assert not simulate_line([1.0], release_times=np.zeros(5), warmup=0).stable


# --------------------------------------------------------------------------- invariants


LINES = {
    "open": dict(process_times=[1, 0.8, 1.1], arrival_rate=0.8),
    "open-multi-drop": dict(
        process_times=[1, 1.8, 1.1], machines=[1, 2, 1], cv=[1, 0.7, 0], arrival_rate=0.8,
        dropout=[0.2, 0.1, 0.05],
    ),
    "conwip": dict(process_times=[1, 0.8, 1.1], release="conwip", wip_cap=5),
    "conwip-multi-drop": dict(
        process_times=[1, 1.8, 1.1], machines=[1, 2, 1], cv=[1, 0.7, 0], release="conwip",
        wip_cap=5, dropout=[0.2, 0.1, 0.05],
    ),
    "forecast": dict(process_times=[1, 0.8], release_times=np.linspace(0, 900, 1_000)[::-1]),
}  # fmt: skip


@pytest.mark.parametrize("name", LINES)
def test_conservation_order_and_fifo(name):
    kw = LINES[name]
    r = simulate_line(**kw, **({} if "release_times" in kw else {"n_jobs": 3_000}))
    n = r.release_times.size
    # every started job has left, finished or dropped; nothing finishes before it starts
    assert r.started == r.finished + r.dropped == n - r.warmup
    dropped = r.dropped_at >= 0
    assert np.all(np.isnan(r.finish_times) == dropped)
    assert np.all(r.exit_times >= r.release_times)
    assert np.all(np.diff(r.release_times) >= 0)
    # at any moment: released so far = exited so far + in the line
    t, levels = r.wip_series()
    probe = np.linspace(0, t[-1], 97)
    released = np.searchsorted(np.sort(r.release_times), probe, side="right")
    exited = np.searchsorted(np.sort(r.exit_times), probe, side="right")
    in_line = levels[np.searchsorted(t, probe, side="right") - 1]
    np.testing.assert_array_equal(released - exited, in_line)
    # each visit: start >= arrival, departure = start + process time, stations in order
    arr = station_arrivals(r)
    start = r.departure_times - r.service_times
    seen = ~np.isnan(r.departure_times)
    assert np.all(start[seen] >= arr[seen] - 1e-9)
    machines = np.broadcast_to(kw.get("machines", 1), (r.departure_times.shape[0],))
    for j, m in enumerate(machines):
        if m != 1:
            continue
        # FIFO at a single machine: served in order of arrival, one at a time
        v = seen[j]
        order = np.argsort(arr[j, v], kind="stable")
        s, d = start[j, v][order], r.departure_times[j, v][order]
        assert np.all(np.diff(s) >= -1e-9)
        assert np.all(s[1:] >= d[:-1] - 1e-9)
    # dropped jobs never reach the stations after the one they left at
    for i in np.flatnonzero(dropped)[:50]:
        assert np.all(np.isnan(r.departure_times[r.dropped_at[i] + 1 :, i]))
    for name_ in ("throughput", "cycle_time", "wip", "cycle_time_std", "cycle_time_p90"):
        assert math.isfinite(getattr(r, name_))
    assert np.all(np.isfinite(r.utilization)) and np.all(r.utilization <= 1 + 1e-12)


def test_same_seed_same_result_other_seed_differs():
    kw = LINES["conwip-multi-drop"] | {"n_jobs": 2_000}
    a, b, c = (simulate_line(**kw, seed=s) for s in (3, 3, 4))
    for field in ("release_times", "exit_times", "departure_times", "dropped_at"):
        np.testing.assert_array_equal(getattr(a, field), getattr(b, field))
    assert a.cycle_time == b.cycle_time and a.throughput == b.throughput
    assert not np.array_equal(a.exit_times, c.exit_times)


def test_conwip_methods_agree_with_the_event_loop():
    """The two fast CONWIP methods and the general event loop are exact: they must agree."""
    rng = np.random.default_rng(0)
    for trial in range(30):
        n_st, n, w = int(rng.integers(1, 6)), int(rng.integers(1, 400)), int(rng.integers(1, 40))
        m = rng.integers(1, 4, n_st)
        cv = np.where(m > 1, 0.0, rng.choice([0.0, 0.5, 1.0], n_st))  # order-keeping stations
        S = np.empty((n_st, n))
        for j in range(n_st):
            _scan.draw_into(rng, S[j], float(rng.uniform(0.5, 3)), float(cv[j]))
        _, d_events = _scan.event_loop(S, m, None, None, w)
        d_matrix = _scan.conwip_matrix(S, m, min(w, n))
        d_blocks = _scan.conwip_blocks(S, m, cv == 0, min(w, n))
        np.testing.assert_allclose(d_matrix, d_events, rtol=1e-12, err_msg=f"trial {trial}")
        np.testing.assert_allclose(d_blocks, d_events, rtol=1e-12, err_msg=f"trial {trial}")


def test_open_line_agrees_with_the_event_loop():
    rng = np.random.default_rng(1)
    for trial in range(30):
        n_st, n = int(rng.integers(1, 6)), int(rng.integers(1, 400))
        m = rng.integers(1, 4, n_st)
        cv = rng.choice([0.0, 0.5, 1.0], n_st)
        S = np.empty((n_st, n))
        for j in range(n_st):
            _scan.draw_into(rng, S[j], float(rng.uniform(0.5, 3)), float(cv[j]))
        release = np.sort(rng.uniform(0, 2 * n, n))
        stop = np.where(rng.random(n) < 0.3, rng.integers(0, n_st, n), n_st) if trial % 2 else None
        d_open = _scan.open_line(release, S, m, cv == 0, stop)
        _, d_events = _scan.event_loop(S, m, stop, release, None)
        np.testing.assert_allclose(d_open, d_events, rtol=1e-12, err_msg=f"trial {trial}")


def test_simpy_agrees():
    pytest.importorskip("simpy")
    bench = load_file("bench_flow", "benchmarks/bench_flow.py")
    for name in LINES:
        kw = LINES[name]
        r = simulate_line(**kw, **({} if "release_times" in kw else {"n_jobs": 2_000}))
        cap = kw.get("wip_cap")
        gap = bench.event_time_gap(r, kw.get("machines", 1), cap)
        assert gap <= bench.TOLERANCE, f"{name}: event times differ from SimPy by {gap:.2e}"


def test_no_finished_jobs_gives_zeros_not_nan():
    r = simulate_line([1.0, 1.0], arrival_rate=1.0, dropout=[0.99, 0], n_jobs=3, warmup=0)
    assert r.finished == 0 and r.dropped == 3
    assert (r.throughput, r.cycle_time, r.cycle_time_std, r.cycle_time_p50) == (0, 0, 0, 0)
    assert r.queue_time[1] == 0.0 and r.station_visits[1] == 0


def test_public_names_and_parameters():
    import inspect

    for name in ("simulate_line", "LineResult", "best_case", "worst_case",
                 "practical_worst_case", "kingman_queue_time"):  # fmt: skip
        assert name in dl.__all__ and getattr(dl, name) is getattr(engine, name)
        assert name in engine.__all__
    params = inspect.signature(simulate_line).parameters
    for p in ("process_times", "machines", "cv", "release", "arrival_rate", "arrival_cv",
              "wip_cap", "dropout", "n_jobs", "warmup", "seed"):  # fmt: skip
        assert p in params
    r = simulate_line([1.0], arrival_rate=0.5, n_jobs=100)
    assert isinstance(r, dl.LineResult)
    with pytest.raises(AttributeError):
        r.throughput = 1.0  # frozen
    assert not r.release_times.flags.writeable


# --------------------------------------------------------------------------- bad input


BAD = [
    (dict(process_times=[1, -1], arrival_rate=1), "process_times", "-1"),
    (dict(process_times=[1, np.nan], arrival_rate=1), "process_times", "nan"),
    (dict(process_times=[1, np.inf], arrival_rate=1), "process_times", "inf"),
    (dict(process_times=0.0, arrival_rate=1), "process_times", "0.0"),
    (dict(process_times=[], arrival_rate=1), "process_times", "[]"),
    (dict(process_times=[[1, 2]], arrival_rate=1), "process_times", "[[1, 2]]"),
    (dict(process_times=[1], cv=-0.5, arrival_rate=1), "cv", "-0.5"),
    (dict(process_times=[1], cv=11, arrival_rate=1), "cv", "11"),
    (dict(process_times=[1], machines=0, arrival_rate=1), "machines", "0"),
    (dict(process_times=[1], machines=1.5, arrival_rate=1), "machines", "1.5"),
    (dict(process_times=[1, 2], machines=[1, 2, 3], arrival_rate=1), "machines", "3 values"),
    (dict(process_times=[1, 2], cv=[1, 2, 3], arrival_rate=1), "cv", "3 values"),
    (dict(process_times=[1], release="conwip", wip_cap=0), "wip_cap", "0"),
    (dict(process_times=[1], release="conwip", wip_cap=2.5), "wip_cap", "2.5"),
    (dict(process_times=[1], release="conwip"), "wip_cap", "None"),
    (dict(process_times=[1], arrival_rate=0), "arrival_rate", "0"),
    (dict(process_times=[1], arrival_rate=-2), "arrival_rate", "-2"),
    (dict(process_times=[1], arrival_rate=np.nan), "arrival_rate", "nan"),
    (dict(process_times=[1]), "arrival_rate", "None"),
    (dict(process_times=[1], arrival_rate=1, arrival_cv=-1), "arrival_cv", "-1"),
    (dict(process_times=[1], arrival_rate=1, dropout=1.0), "dropout", "1.0"),
    (dict(process_times=[1], arrival_rate=1, dropout=-0.1), "dropout", "-0.1"),
    (dict(process_times=[1, 2], arrival_rate=1, dropout=[0.1]), "dropout", "1 values"),
    (dict(process_times=[1], arrival_rate=1, n_jobs=0), "n_jobs", "0"),
    (dict(process_times=[1], arrival_rate=1, n_jobs=10**9), "n_jobs", "1000000000"),
    (dict(process_times=[1] * 10, arrival_rate=1, n_jobs=4_000_000), "n_jobs", "4,000,000"),
    (dict(process_times=[1], arrival_rate=1, n_jobs=10, warmup=10), "warmup", "10"),
    (dict(process_times=[1], arrival_rate=1, warmup=-1), "warmup", "-1"),
    (dict(process_times=[1], arrival_rate=1, release="pull"), "release", "pull"),
    (dict(process_times=[1], arrival_rate=1, release=None), "release", "None"),
    (dict(process_times=[1], arrival_rate=1, seed=-3), "seed", "-3"),
    (dict(process_times=[1], release_times=[0, -1]), "release_times", "-1"),
    (dict(process_times=[1], release_times=[]), "release_times", "[]"),
    (dict(process_times=[1], release_times=[0, 1], n_jobs=3), "n_jobs", "3"),
    (dict(process_times=[1], release_times=[0, 1], arrival_rate=1), "arrival_rate", "1.0"),
    (dict(process_times=[1], release="conwip", wip_cap=2, release_times=[0]), "release_times",
     "conwip"),
]  # fmt: skip


@pytest.mark.parametrize(("kwargs", "name", "shown"), BAD)
def test_bad_input_is_refused_naming_the_parameter(kwargs, name, shown):
    with pytest.raises(ValueError, match=name) as info:
        simulate_line(**kwargs)
    assert shown in str(info.value)


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        (dict(process_times="1,2,3", arrival_rate=1), "process_times"),
        (dict(process_times=[1, "2"], arrival_rate=1), "process_times"),
        (dict(process_times=None, arrival_rate=1), "process_times"),
        (dict(process_times=[True, False], arrival_rate=1), "process_times"),
        (dict(process_times={1: 2}, arrival_rate=1), "process_times"),
        (dict(process_times=[1], machines="two", arrival_rate=1), "machines"),
        (dict(process_times=[1], arrival_rate="fast"), "arrival_rate"),
        (dict(process_times=[1], release="conwip", wip_cap="5"), "wip_cap"),
        (dict(process_times=[1], arrival_rate=1, n_jobs=[10]), "n_jobs"),
        (dict(process_times=[1], arrival_rate=1, warmup=1.5), "warmup"),
    ],
)
def test_wrong_types_are_refused_naming_the_parameter(kwargs, name):
    with pytest.raises(InputError, match=name):
        simulate_line(**kwargs)


def test_one_rule_for_bad_input():
    """The engine's refusals are the course's InputError, a ValueError whatever was wrong
    (a type or a value): "<name> must be <allowed>, got <value>"."""
    for kwargs, name, _ in BAD:
        with pytest.raises(InputError) as info:
            simulate_line(**kwargs)
        assert isinstance(info.value, ValueError)
        assert str(info.value).startswith(name + " must "), str(info.value)
    with pytest.raises(InputError, match=r"^wip must be .*, got -2"):
        best_case(PENNY_ONE, -2)
    with pytest.raises(InputError, match=r"^machines must be a whole number in 1\.\."):
        kingman_queue_time(1.0, 0.5, machines=1.5)


def test_seed_range_is_the_courses():
    """Seeds run 0..2**63-1 (checks.SEED_MAX) as in every lesson; None draws fresh entropy;
    a SeedSequence gives exactly the numbers its entropy would, at any size."""
    from demandlab.checks import SEED_MAX

    kw = dict(process_times=[1.0], arrival_rate=0.5, n_jobs=50)
    assert simulate_line(**kw, seed=SEED_MAX).finished > 0
    assert simulate_line(**kw, seed=None).finished > 0
    with pytest.raises(InputError, match=f"seed must be .*, got {SEED_MAX + 1}"):
        simulate_line(**kw, seed=SEED_MAX + 1)
    for entropy in (7, 2**64 - 1):
        a = simulate_line(**kw, seed=np.random.SeedSequence(entropy))
        b = np.random.default_rng(entropy).standard_exponential(50) * 2.0  # interarrivals
        np.testing.assert_array_equal(a.release_times, np.cumsum(b))
    same = simulate_line(**kw, seed=np.random.SeedSequence(7))
    np.testing.assert_array_equal(same.exit_times, simulate_line(**kw, seed=7).exit_times)


@pytest.mark.parametrize("fn", [best_case, worst_case, practical_worst_case])
@pytest.mark.parametrize(
    ("args", "name"),
    [
        ((PENNY_ONE, 0), "wip"),
        ((PENNY_ONE, np.nan), "wip"),
        ((PENNY_ONE, [1, -2]), "wip"),
        ((PENNY_ONE, "3"), "wip"),
        (([2, -1], 3), "process_times"),
        ((PENNY_ONE, []), "wip"),
    ],
)
def test_bounds_refuse_bad_input(fn, args, name):
    with pytest.raises((ValueError, TypeError), match=name):
        fn(*args)
    with pytest.raises(ValueError, match="machines"):
        fn(PENNY_ONE, 2, machines=[1, 1])


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        (dict(process_time=-1, arrival_rate=0.5), "process_time"),
        (dict(process_time=1, arrival_rate=np.inf), "arrival_rate"),
        (dict(process_time=1, arrival_rate=0.5, cv=-1), "cv"),
        (dict(process_time=1, arrival_rate=0.5, arrival_cv=np.nan), "arrival_cv"),
        (dict(process_time=1, arrival_rate=0.5, machines=1.5), "machines"),
        (dict(process_time=[1, 2, 3], arrival_rate=[0.1, 0.2]), "broadcast"),
        (dict(process_time="1", arrival_rate=0.5), "process_time"),
    ],
)
def test_kingman_refuses_bad_input(kwargs, name):
    with pytest.raises((ValueError, TypeError), match=name):
        kingman_queue_time(**kwargs)


# --------------------------------------------------------------------------- property


def _odd_value():
    return st.one_of(
        st.floats(allow_nan=True, allow_infinity=True),
        st.integers(-5, 10**12),
        st.none(),
        st.text(max_size=3),
        st.lists(st.floats(-1, 5), max_size=4),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    process_times=st.one_of(st.lists(st.floats(0.05, 5), min_size=1, max_size=4), _odd_value()),
    machines=st.one_of(st.integers(1, 3), _odd_value()),
    cv=st.one_of(st.sampled_from([0.0, 0.5, 1.0, 2.0]), _odd_value()),
    release=st.sampled_from(["push", "conwip", "kanban"]),
    arrival_rate=st.one_of(st.floats(0.05, 3), _odd_value()),
    wip_cap=st.one_of(st.integers(1, 12), _odd_value()),
    dropout=st.one_of(st.floats(0, 0.5), _odd_value()),
    n_jobs=st.one_of(st.integers(1, 300), _odd_value()),
    seed=st.integers(0, 2**32),
)
def test_any_input_gives_a_valid_result_or_a_named_error(
    process_times, machines, cv, release, arrival_rate, wip_cap, dropout, n_jobs, seed
):
    kwargs = dict(
        process_times=process_times, machines=machines, cv=cv, release=release,
        arrival_rate=arrival_rate, wip_cap=wip_cap, dropout=dropout, n_jobs=n_jobs,
        warmup=0, seed=seed,
    )  # fmt: skip
    try:
        r = simulate_line(**kwargs)
    except (ValueError, TypeError) as exc:
        assert any(k in str(exc) for k in kwargs), f"error names no parameter: {exc}"
        return
    assert r.started == r.finished + r.dropped == r.release_times.size
    summaries = ("throughput", "cycle_time", "wip", "cycle_time_std", "cycle_time_p50",
                 "cycle_time_p90", "bottleneck_rate", "raw_process_time",
                 "critical_wip")  # fmt: skip
    for name in summaries:
        value = getattr(r, name)
        assert math.isfinite(value) and value >= 0, (name, value)
    for arr in (r.utilization, r.queue_time, r.station_time):
        assert np.all(np.isfinite(arr)) and np.all(arr >= -1e-9)
    assert np.all(r.exit_times >= r.release_times)
    if release == "conwip":
        assert r.wip_series()[1].max() <= r.release_times.size
