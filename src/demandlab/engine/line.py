"""Simulate a serial production line (or sales funnel) job by job: :func:`simulate_line`.

A serial line of stations, fed by a push release (a renewal arrival process or given
release times) or by CONWIP (a fixed number of cards), with optional drop-outs after
each station. The same code models a machine shop and a sales funnel: a "job" is a
part on the shop floor or a lead on the sales floor.

This module checks the arguments, draws every random number up front from ``seed``,
hands the deterministic run to the kernels in ``_scan`` and measures the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from .. import checks
from ..checks import InputError, refuse
from ._inputs import (
    CV_MAX,
    DEFAULT_JOBS,
    MAX_CELLS,
    MAX_JOBS,
    MAX_WIP,
    RATE_MAX,
    RATE_MIN,
    per_station,
)
from ._inputs import machines as _machines
from ._inputs import process_times as _process_times
from ._inputs import release_times as _release_times
from ._measure import measure
from ._scan import (
    CV_DETERMINISTIC,
    MATRIX_MAX_INPUTS,
    conwip_blocks,
    conwip_matrix,
    draw_into,
    event_loop,
    open_line,
)

__all__ = ["LineResult", "simulate_line"]


@dataclass(frozen=True, eq=False)
class LineResult:
    """What a run of :func:`simulate_line` measured.

    Statistics are taken over the *observation window* ``[window_start, window_end]``:
    from the release of the first job after the warm-up to the release of the last job
    (the period in which the line is being fed; the drain after the last release is
    left out, so a closed line really holds ``wip_cap`` jobs throughout). Under CONWIP
    the window ends after a whole number of card cycles (a multiple of ``wip_cap``
    releases), so a periodic deterministic line measures its exact rate. If all jobs
    are released at once the window runs to the last exit instead.

    Attributes
    ----------
    throughput : float
        Finished jobs leaving during the window per time unit (0.0 if the window is empty).
    cycle_time : float
        Mean release-to-finish time of finished jobs after the warm-up
        (0.0 when ``finished == 0``; check ``finished``).
    wip : float
        Time-average number of jobs in the line over the window (the step function of
        releases and exits, integrated exactly). Little's law ``wip = throughput *
        cycle_time`` holds up to edge effects of order ``wip / finished``.
    cycle_time_std, cycle_time_p50, cycle_time_p90 : float
        Spread of cycle times of finished jobs after the warm-up (0.0 if none).
    utilization : ndarray
        Per station: busy machine-time in the window / (machines x window length).
    queue_time : ndarray
        Per station: mean wait before processing of post-warm-up jobs that visited it.
    station_time : ndarray
        Per station: mean queue plus process time of those jobs (0.0 if none visited).
    station_visits : ndarray
        Per station: how many post-warm-up jobs were processed there.
    started, finished, dropped : int
        Post-warm-up jobs released, finished and dropped. The run continues until every
        job has left, so ``started == finished + dropped``.
    warmup : int
        Jobs released first and left out of the statistics.
    stable : bool
        False when an open line's load at some station is at or above its capacity
        (arrival rate >= bottleneck rate, allowing for drop-outs). Always True for CONWIP.
    bottleneck_rate, raw_process_time, critical_wip : float
        ``rb``, ``T0`` and ``W0`` of the line (see :func:`line_parameters`).
    window_start, window_end : float
        The observation window.
    release_times, exit_times, finish_times : ndarray
        Per job, in release order: when it entered, when it left, and when it finished
        (NaN for a dropped job).
    dropped_at : ndarray of int
        Per job: the station after which it dropped out, or -1 if it finished.
    departure_times : ndarray, shape (n_stations, n_jobs)
        When each job left each station (NaN for stations it never reached).
    service_times : ndarray, shape (n_stations, n_jobs)
        The process times drawn for each job at each station (drawn even for stations
        a dropped job never reached, so a seed gives the same numbers whatever the
        drop-outs).
    release : str
        ``"push"`` or ``"conwip"``.
    """

    throughput: float
    cycle_time: float
    wip: float
    cycle_time_std: float
    cycle_time_p50: float
    cycle_time_p90: float
    utilization: np.ndarray
    queue_time: np.ndarray
    station_time: np.ndarray
    station_visits: np.ndarray
    started: int
    finished: int
    dropped: int
    warmup: int
    stable: bool
    bottleneck_rate: float
    raw_process_time: float
    critical_wip: float
    window_start: float
    window_end: float
    release_times: np.ndarray
    exit_times: np.ndarray
    finish_times: np.ndarray
    dropped_at: np.ndarray
    departure_times: np.ndarray
    service_times: np.ndarray
    release: str

    @property
    def cycle_times(self) -> np.ndarray:
        """Per job: finish minus release time (NaN for dropped jobs; warm-up included)."""
        return self.finish_times - self.release_times

    def wip_series(self) -> tuple[np.ndarray, np.ndarray]:
        """The number of jobs in the line as a step function of time.

        Returns
        -------
        times, levels : ndarray
            ``levels[k]`` jobs are in the line from ``times[k]`` until ``times[k + 1]``
            (plot with ``line_shape="hv"``): jobs released minus jobs exited by then,
            one step per distinct event time. Covers the whole run, warm-up included.

        Examples
        --------
        >>> r = simulate_line([1.0], cv=0, release_times=[0.0, 0.5], warmup=0)
        >>> t, n = r.wip_series()
        >>> t.tolist(), n.tolist()
        ([0.0, 0.5, 1.0, 2.0], [1, 2, 1, 0])
        """
        n = self.release_times.size
        times = np.concatenate([self.release_times, self.exit_times])
        steps = np.concatenate([np.ones(n, np.int64), -np.ones(n, np.int64)])
        order = np.argsort(times, kind="stable")
        times, levels = times[order], np.cumsum(steps[order])
        # one step per instant: a card freed and reused at the same moment is no extra job
        last_at_time = np.append(times[1:] != times[:-1], True)
        return times[last_at_time], levels[last_at_time]


def simulate_line(
    process_times,
    machines=1,
    cv=1.0,
    *,
    release="push",
    arrival_rate=None,
    arrival_cv=1.0,
    release_times=None,
    wip_cap=None,
    dropout=0.0,
    n_jobs=None,
    warmup=None,
    seed=0,
) -> LineResult:
    """Simulate a serial production line (or sales funnel) job by job.

    Each station is FIFO with identical machines; jobs go through the stations in
    order, may drop out after a station, and are released by push (arrivals that do
    not look at the line) or CONWIP (a new job enters only when one leaves). All
    randomness is drawn up front from ``seed``; the same seed gives the same result.

    Parameters
    ----------
    process_times : float or sequence of float
        Mean process time per station, each in [1e-9, 1e9], in any consistent unit.
    machines : int or sequence of int, default 1
        Identical machines per station, 1..1,000,000.
    cv : float or sequence of float, default 1.0
        Coefficient of variation of process times per station, in [0, 10]:
        0 is constant, 1 is exponential, any other value is gamma.
    release : {"push", "conwip"}, default "push"
        How jobs enter the line. Parameters of the other policy are ignored.
    arrival_rate : float, optional
        Push: jobs per time unit in [1e-9, 1e9] of a renewal arrival process.
    arrival_cv : float, default 1.0
        Push: coefficient of variation of interarrival times, in [0, 10].
    release_times : sequence of float, optional
        Push: given release times instead of ``arrival_rate`` (e.g. from a forecast),
        each in [0, 1e12]; sorted for you. Not allowed with CONWIP.
    wip_cap : int, optional
        CONWIP: number of cards (jobs allowed in the line), >= 1. Required for CONWIP.
    dropout : float or sequence of float, default 0.0
        Probability in [0, 1) that a job leaves the line after each station. Under
        CONWIP a dropped job frees its card.
    n_jobs : int, optional
        Jobs to release, 1..5,000,000 (and n_jobs x stations <= 10,000,000).
        Default 10,000, or ``len(release_times)``.
    warmup : int, optional
        Jobs released first and left out of the statistics, 0..n_jobs-1.
        Default ``n_jobs // 10``.
    seed : int, None or numpy.random.SeedSequence, default 0
        Seed for ``numpy.random.default_rng``, in 0..2**63-1; None draws fresh entropy.
        A ``SeedSequence`` (e.g. ``SeedSequence(entropy)`` from a caller that splits one
        seed into many runs) gives the same numbers as its entropy would.

    Returns
    -------
    LineResult
        Throughput, cycle time, WIP, per-station and per-job detail.

    Raises
    ------
    demandlab.checks.InputError
        (a ValueError) Naming the parameter, repeating the value and
        saying what is allowed.

    Examples
    --------
    >>> r = simulate_line([2, 2, 2, 2], cv=0, release="conwip", wip_cap=4, n_jobs=100)
    >>> r.throughput, r.cycle_time, r.wip  # Penny Fab One at the critical WIP
    (0.5, 8.0, 4.0)
    >>> r = simulate_line(1.0, arrival_rate=0.8, n_jobs=200_000, seed=1)  # M/M/1, u = 0.8
    >>> round(r.cycle_time), round(r.wip), r.stable
    (5, 4, True)
    """
    line = _checked_line(process_times, machines, cv, dropout, release, arrival_rate, arrival_cv)
    line = _checked_jobs(line, release_times, wip_cap, n_jobs, warmup, seed)
    rel, S, stop = _draw(line)
    rel, D = _run(line, rel, S, stop)
    return LineResult(**measure(line, rel, D, S, stop))


class _Line(NamedTuple):
    """The checked arguments of one run (per-station values as arrays)."""

    te: np.ndarray  # mean process time per station
    m: np.ndarray  # machines per station
    cvs: np.ndarray  # coefficient of variation per station
    p_drop: np.ndarray  # drop-out probability after each station
    release: str  # "push" or "conwip"
    rate: float | None  # push: arrival rate (None with given release times)
    arrival_cv: float
    wip_cap: int | None = None
    given: np.ndarray | None = None  # push: given release times, sorted
    n_jobs: int = DEFAULT_JOBS
    warmup: int = 0
    seed: object = None  # an int in 0..SEED_MAX, None or a numpy SeedSequence


def _checked_line(process_times, machines, cv, dropout, release, arrival_rate, arrival_cv):
    """The line's own arguments: stations, variability, drop-outs, release policy."""
    te = _process_times(process_times)
    n_st = te.size
    m = _machines(machines, n_st)
    cvs = per_station("cv", cv, n_st, 0.0, CV_MAX)
    p_drop = per_station("dropout", dropout, n_st, 0.0, 1.0, high_open=True)
    release = checks.choice("release", release, ("push", "conwip"))
    arr_cv = checks.in_range("arrival_cv", arrival_cv, 0.0, CV_MAX)
    rate = None
    if arrival_rate is not None:
        rate = checks.in_range("arrival_rate", arrival_rate, RATE_MIN, RATE_MAX)
    return _Line(te, m, cvs, p_drop, release, rate, arr_cv)


def _checked_jobs(line: _Line, release_times, wip_cap, n_jobs, warmup, seed) -> _Line:
    """How many jobs, how they are released, the warm-up and the seed."""
    w = None if wip_cap is None else checks.whole("wip_cap", wip_cap, 1, MAX_WIP)
    given = None if release_times is None else _release_times(release_times)
    if n_jobs is not None:
        n_jobs = checks.whole("n_jobs", n_jobs, 1, MAX_JOBS)
    if line.release == "push":
        if given is None and line.rate is None:
            raise refuse("arrival_rate", None, "a rate > 0 for a push line without release_times")
        if given is not None and line.rate is not None:
            raise refuse("arrival_rate", line.rate, "None when release_times are given")
        if given is not None:
            if n_jobs is not None and n_jobs != given.size:
                raise refuse("n_jobs", n_jobs, f"len(release_times) ({given.size})")
            n_jobs = given.size
    else:
        if w is None:
            raise refuse("wip_cap", None, "a whole number >= 1 for release='conwip'")
        if given is not None:
            raise refuse("release_times", release_times, "None for release='conwip'")
    if n_jobs is None:
        n_jobs = DEFAULT_JOBS
    n_st = line.te.size
    if n_jobs * n_st > MAX_CELLS:
        raise InputError(
            f"n_jobs must keep n_jobs x stations <= {MAX_CELLS:,}, got {n_jobs:,} x {n_st}"
        )
    warm = n_jobs // 10 if warmup is None else checks.whole("warmup", warmup, 0, MAX_JOBS)
    if warm >= n_jobs:
        raise refuse("warmup", warm, f"a whole number in 0..n_jobs-1 ({n_jobs - 1})")
    return line._replace(
        wip_cap=w, given=given, n_jobs=n_jobs, warmup=warm, seed=_checked_seed(seed)
    )


def _checked_seed(seed: object) -> object:
    """The course's seed (0..SEED_MAX or None), or a SeedSequence for wider entropy."""
    if isinstance(seed, np.random.SeedSequence):
        return seed  # a caller's 64-bit seeds: SeedSequence(x) draws what seed=x would
    try:
        return checks.seed(seed, allow_none=True)
    except InputError:
        allowed = f"a whole number in 0..{checks.SEED_MAX}, None or a numpy SeedSequence"
        raise refuse("seed", seed, allowed) from None


def _draw(line: _Line) -> tuple[np.ndarray | None, np.ndarray, np.ndarray | None]:
    """Every random number, drawn up front: releases, process times and drop-outs.

    Returns push release times (the given ones, or a renewal process; None for CONWIP),
    the process times (n_stations, n_jobs) and the station after which each job drops
    out (n_stations for a job that finishes; None when nothing drops out).
    """
    n_st, n_jobs = line.te.size, line.n_jobs
    rng = np.random.default_rng(line.seed)
    if line.release == "push" and line.given is None:
        rel = np.empty(n_jobs)
        draw_into(rng, rel, 1.0 / line.rate, line.arrival_cv)
        np.cumsum(rel, out=rel)
    else:
        rel = line.given
    S = np.empty((n_st, n_jobs))
    for j in range(n_st):
        draw_into(rng, S[j], float(line.te[j]), float(line.cvs[j]))
    stop = None
    if np.any(line.p_drop > 0):
        stop = np.full(n_jobs, n_st, dtype=np.int16 if n_st < 32_000 else np.int32)
        for j in range(n_st):
            if line.p_drop[j] > 0:
                leave = rng.random(n_jobs) < line.p_drop[j]
                stop[leave & (stop == n_st)] = j
    return rel, S, stop


def _run(line: _Line, rel, S: np.ndarray, stop) -> tuple[np.ndarray, np.ndarray]:
    """Release times and departure times (n_stations, n_jobs), by the fastest exact method."""
    m, n_st, n_jobs = line.m, line.te.size, line.n_jobs
    constant = line.cvs < CV_DETERMINISTIC  # drawn as exact constants by draw_into
    if line.release == "push":
        return rel, open_line(rel, S, m, constant, stop)
    if stop is None and np.all((m == 1) | constant):
        w_eff = min(line.wip_cap, n_jobs)
        k_in = w_eff + int(np.minimum(m, w_eff).sum())
        if k_in <= MATRIX_MAX_INPUTS:
            D = conwip_matrix(S, m, w_eff)
        else:
            D = conwip_blocks(S, m, constant, w_eff)
        rel = np.zeros(n_jobs)
        rel[w_eff:] = D[n_st - 1, : n_jobs - w_eff]
        return rel, D
    return event_loop(S, m, stop, None, line.wip_cap)
