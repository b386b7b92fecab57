"""What a line's run measured: the observation window, cycle times, each station's
utilisation, queue and station time, stability (split from line.py, which runs the line)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .line import _Line

__all__ = ["measure"]


def _window(rel: np.ndarray, exits: np.ndarray, warm: int, w: int | None) -> tuple[float, float]:
    """The observation window: first post-warm-up release .. last release (or last exit)."""
    n = rel.size
    t_a = float(rel[warm])
    t_b = float(rel[-1])
    if w is not None and (n - 1 - warm) >= w:
        # CONWIP: end after whole card cycles (a multiple of w releases), so a periodic
        # deterministic line measures its exact rate instead of a partial period
        t_b = float(rel[warm + (n - 1 - warm) // w * w])
    if t_b <= t_a:
        t_b = float(np.max(exits))
    return t_a, t_b


def _cycle_stats(ct: np.ndarray) -> tuple[float, float, float, float]:
    """Mean, standard deviation, median and 90th percentile of cycle times."""
    if not ct.size:  # documented: zeros with finished == 0 rather than NaN
        return 0.0, 0.0, 0.0, 0.0
    p50, p90 = (float(x) for x in np.percentile(ct, [50, 90]))
    return float(np.mean(ct)), float(np.std(ct)), p50, p90


def _station_stats(line: _Line, rel, D, S, stop, window, bufs) -> tuple[np.ndarray, ...]:
    """Per station: utilisation in the window, mean queue and station time, and visits.

    ``bufs`` are two scratch arrays of n_jobs, reused with ``where=`` reductions: at 1e6
    jobs the summary would otherwise cost more than the simulation itself.
    """
    n_st, n = S.shape
    warm, m = line.warmup, line.m
    t_a, t_b = window
    span = t_b - t_a
    buf, buf2 = bufs
    util = np.zeros(n_st)
    qtime = np.zeros(n_st)
    stime = np.zeros(n_st)
    visits = np.zeros(n_st, np.int64)
    arrivals = rel
    start = np.empty(n)
    for j in range(n_st):
        dj = D[j]
        sj = S[j]
        visit = None if stop is None else stop >= j  # unvisited cells hold NaN: mask them
        np.subtract(dj, sj, out=start)
        if span > 0:
            # machine-time busy inside the window: overlap of [start, departure] with it
            np.minimum(dj, t_b, out=buf)
            buf -= np.maximum(start, t_a, out=buf2)
            np.maximum(buf, 0.0, out=buf)
            util[j] = float(np.sum(buf, where=visit if visit is not None else True))
            util[j] /= m[j] * span
        sel = None if visit is None else visit[warm:]
        visits[j] = n - warm if sel is None else int(np.count_nonzero(sel))
        if visits[j]:
            np.subtract(start, arrivals, out=buf)
            where = True if sel is None else sel
            qtime[j] = float(np.sum(buf[warm:], where=where)) / visits[j]
            stime[j] = qtime[j] + float(np.sum(sj[warm:], where=where)) / visits[j]
        arrivals = dj
    return util, qtime, stime, visits


def _stable(line: _Line) -> bool:
    """False when an open line's load at some station reaches its capacity."""
    if line.release == "conwip":
        return True
    given, n = line.given, line.n_jobs
    if given is None:
        lam = line.rate
    else:
        spread = float(given[-1] - given[0])
        lam = 0.0 if n == 1 else (math.inf if spread == 0 else (n - 1) / spread)
    # load at each station: the arrival rate thinned by drop-outs upstream
    reach = np.concatenate([[1.0], np.cumprod(1.0 - line.p_drop)[:-1]])
    return bool(np.all(lam * reach * line.te / line.m < 1))


def measure(line: _Line, rel, D, S, stop) -> dict:
    """What the run measured, over the observation window: every field of
    :class:`~demandlab.engine.line.LineResult`, by name.

    Long because it is one pass over the run's arrays that shares two scratch buffers of
    n_jobs, so that at 1e6 jobs measuring costs less than simulating; split, the buffers
    and a dozen arrays would be passed around.
    """
    n_st, n = S.shape
    warm = line.warmup
    jobs = np.arange(n)
    if stop is None:
        last = np.full(n, n_st - 1)
        dropped_mask = np.zeros(n, bool)
        exits = D[n_st - 1].copy()
    else:
        last = np.minimum(stop, n_st - 1)
        dropped_mask = stop < n_st
        exits = D[last, jobs]
    finish = np.where(dropped_mask, np.nan, exits)
    dropped_at = np.where(dropped_mask, last, -1).astype(np.int64)
    t_a, t_b = _window(rel, exits, warm, None if line.release == "push" else min(line.wip_cap, n))
    span = t_b - t_a
    counted = jobs >= warm
    done = counted & ~dropped_mask
    ct = exits[done] - rel[done]
    cycle_time, ct_std, p50, p90 = _cycle_stats(ct)
    buf, buf2 = np.empty(n), np.empty(n)
    if span > 0:
        out_in_window = (exits > t_a) & (exits <= t_b)
        out_in_window &= ~dropped_mask
        throughput = float(np.count_nonzero(out_in_window)) / span
        del out_in_window
        # exact integral of the jobs-in-line step function over the window
        np.minimum(exits, t_b, out=buf)
        buf -= np.maximum(rel, t_a, out=buf2)
        wip = float(np.maximum(buf, 0.0, out=buf).sum()) / span
    else:  # zero-length window (all times zero): nothing measurable
        throughput = wip = 0.0
    util, qtime, stime, visits = _station_stats(line, rel, D, S, stop, (t_a, t_b), (buf, buf2))
    del buf, buf2
    rb = float(np.min(line.m / line.te))
    t0 = float(np.sum(line.te))
    for a in (util, qtime, stime, visits, rel, exits, finish, dropped_at, D, S):
        a.flags.writeable = False
    return dict(
        throughput=throughput,
        cycle_time=cycle_time,
        wip=wip,
        cycle_time_std=ct_std,
        cycle_time_p50=p50,
        cycle_time_p90=p90,
        utilization=util,
        queue_time=qtime,
        station_time=stime,
        station_visits=visits,
        started=int(n - warm),
        finished=int(ct.size),
        dropped=int(np.count_nonzero(dropped_mask & counted)),
        warmup=int(warm),
        stable=_stable(line),
        bottleneck_rate=rb,
        raw_process_time=t0,
        critical_wip=rb * t0,
        window_start=t_a,
        window_end=t_b,
        release_times=rel,
        exit_times=exits,
        finish_times=finish,
        dropped_at=dropped_at,
        departure_times=D,
        service_times=S,
        release=line.release,
    )
