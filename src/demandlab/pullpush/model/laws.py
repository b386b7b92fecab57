"""The laws of the line: a CONWIP line simulated at every WIP level against the best,
practical worst and worst case curves (Hopp & Spearman, *Factory Physics*, ch. 7)."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np

from ...checks import frozen, whole
from ...checks import seed as check_seed
from ...engine import best_case, line_parameters, practical_worst_case, simulate_line, worst_case
from ...engine.scenarios import takes_scenario
from .. import scenario as sc
from ..scenario import SCENARIO, PullPushScenario
from .inputs import MAX_JOBS_PER_RUN, MAX_WIP_LEVELS, check_work, times
from .inputs import cv as check_cv
from .inputs import machines as check_machines
from .little import little_check

# laws_of_the_line's parameters: the scenario's fields, max_wip its own, and jobs_per_point.
LAWS_SETTINGS = {
    "process_times_hours": "process_times_hours",
    "machines": "machines",
    "cv": "cv",
    "max_wip": "max_wip",
    "jobs_per_point": "laws_jobs_per_point",
    "seed": "seed",
}


@dataclass(frozen=True)
class LawsOfTheLine:
    """Throughput and cycle time against WIP: three analytic curves and simulated points.

    Attributes
    ----------
    process_times_hours, machines, cv
        The line.
    bottleneck_rate, raw_process_time, critical_wip : float
        rb (jobs/h), T0 (h) and W0 = rb x T0 (jobs).
    curve_wip : ndarray
        WIP levels of the analytic curves (integers and W0).
    best_th, best_ct, pwc_th, pwc_ct, worst_th, worst_ct : ndarray
        Best, practical-worst and worst case throughput (jobs/h) and cycle time (h).
    wip_levels : ndarray
        CONWIP card counts simulated, 1..max_wip.
    sim_wip, sim_throughput, sim_cycle_time : ndarray
        The simulated points (time-average WIP, jobs/h, h).
    little_rhs, little_allowed : ndarray
        Throughput x cycle time at each point, and the gap its window allows.
    """

    process_times_hours: tuple
    machines: tuple
    cv: float
    bottleneck_rate: float
    raw_process_time: float
    critical_wip: float
    curve_wip: np.ndarray
    best_th: np.ndarray
    best_ct: np.ndarray
    pwc_th: np.ndarray
    pwc_ct: np.ndarray
    worst_th: np.ndarray
    worst_ct: np.ndarray
    wip_levels: np.ndarray
    sim_wip: np.ndarray
    sim_throughput: np.ndarray
    sim_cycle_time: np.ndarray
    little_rhs: np.ndarray
    little_allowed: np.ndarray

    @property
    def little_holds(self) -> bool:
        """Little's law holds at every simulated point, within its window's allowance."""
        gap = np.abs(self.sim_wip - self.little_rhs)
        return bool(np.all(gap <= self.little_allowed + 1e-9 * np.maximum(1.0, self.sim_wip)))

    @property
    def little_worst_gap(self) -> float:
        """The largest relative gap |WIP - TH x CT| / WIP over the points."""
        return float(np.max(np.abs(self.sim_wip - self.little_rhs) / self.sim_wip))

    def position(self) -> np.ndarray:
        """Where each simulated throughput sits: 0 on the practical worst case, 1 on the
        best case (negative: worse than the practical worst case)."""
        pwc = practical_worst_case(self.process_times_hours, self.wip_levels, self.machines)
        best = best_case(self.process_times_hours, self.wip_levels, self.machines)
        span = np.asarray(best.throughput) - np.asarray(pwc.throughput)
        with np.errstate(invalid="ignore", divide="ignore"):
            pos = (self.sim_throughput - np.asarray(pwc.throughput)) / span
        return np.where(span > 0, pos, 1.0)


@takes_scenario(SCENARIO, LAWS_SETTINGS)
def laws_of_the_line(s: PullPushScenario, max_wip: int | None = None) -> LawsOfTheLine:
    """The laws of the line: simulate a CONWIP line at WIP = 1..max_wip against the curves.

    Each point is one CONWIP run of the flow engine with that many cards (jobs in the line),
    all with the same seed so the points form a smooth curve. The curves are the best case
    (no variability), the practical worst case (exponential times, single machines,
    balanced) and the worst case (all jobs move as one batch), from Hopp & Spearman,
    *Factory Physics*, ch. 7.

    On the shop floor: the same machines give very different output and lead time
    depending on how much work is let in and how variable the work is.

    Parameters
    ----------
    process_times_hours : sequence of float
        Mean process time per station, in hours, each in (0, 10000]; 1..20 stations
        (default: Penny Fab One, four stations of 2 h).
    machines : int or sequence of int
        Identical machines per station, 1..100 (default 1).
    cv : float
        Coefficient of variation of process times, in [0, 3]: 0 deterministic, 1 exponential.
    max_wip : int, optional
        Largest WIP level simulated, 1..40 (default: 3 x W0 rounded up, at least 12, at most 40).
    jobs_per_point : int
        Jobs per simulated point, 200..20000 (default 1500); a tenth is warm-up.
    seed : int
        Seed (a whole number >= 0).
    scenario : PullPushScenario, optional
        A whole lesson scenario (default ``SCENARIO``); the arguments named go on top.

    Returns
    -------
    LawsOfTheLine
        Analytic curves, simulated points and the Little's law check at every point.

    Examples
    --------
    >>> laws = laws_of_the_line(cv=0.0, max_wip=8)
    >>> laws.sim_throughput.round(3).tolist()  # deterministic Penny Fab One = best case
    [0.125, 0.25, 0.375, 0.5, 0.5, 0.5, 0.5, 0.5]
    >>> laws.little_holds
    True
    """
    line = times("process_times_hours", s.process_times_hours)
    m = check_machines(s.machines, len(line))
    c = check_cv("cv", s.cv)
    jobs = whole("jobs_per_point", s.laws_jobs_per_point, 200, MAX_JOBS_PER_RUN)
    seed = check_seed(s.seed)
    if max_wip is None:
        w0 = line_parameters(line, m).critical_wip
        shown = max(sc.LAWS_MIN_WIP_SHOWN, math.ceil(sc.LAWS_WIP_PER_CRITICAL_WIP * w0))
        max_wip = int(min(MAX_WIP_LEVELS, shown))
    else:
        max_wip = whole("max_wip", max_wip, 1, MAX_WIP_LEVELS)
    check_work(max_wip * jobs)
    return _laws_cached(line, m, c, max_wip, jobs, seed)


@functools.lru_cache(maxsize=32)
def _laws_cached(
    times: tuple, m: tuple, cv: float, max_wip: int, jobs: int, seed: int
) -> LawsOfTheLine:
    # Results are frozen, so a lesson that shows the same line twice computes it once.
    params = line_parameters(times, m)
    levels = np.arange(1, max_wip + 1)
    curve = np.unique(np.concatenate([levels, [params.critical_wip]]))
    curve = curve[(curve >= 1) & (curve <= max_wip)]
    best = best_case(times, curve, m)
    pwc = practical_worst_case(times, curve, m)
    worst = worst_case(times, curve, m)
    th, ct, wip, rhs, allowed = [], [], [], [], []
    for w in levels:
        run = simulate_line(times, m, cv, release="conwip", wip_cap=int(w), n_jobs=jobs, seed=seed)
        check = little_check(run)
        th.append(run.throughput)
        ct.append(run.cycle_time)
        wip.append(run.wip)
        rhs.append(check.rate_times_time)
        allowed.append(check.allowed)
    arrays = {
        "curve_wip": curve,
        "best_th": best.throughput,
        "best_ct": best.cycle_time,
        "pwc_th": pwc.throughput,
        "pwc_ct": pwc.cycle_time,
        "worst_th": worst.throughput,
        "worst_ct": worst.cycle_time,
        "wip_levels": levels,
        "sim_wip": wip,
        "sim_throughput": th,
        "sim_cycle_time": ct,
        "little_rhs": rhs,
        "little_allowed": allowed,
    }
    return LawsOfTheLine(
        process_times_hours=times,
        machines=m,
        cv=cv,
        bottleneck_rate=params.bottleneck_rate,
        raw_process_time=params.raw_process_time,
        critical_wip=params.critical_wip,
        **{name: frozen(values) for name, values in arrays.items()},
    )
