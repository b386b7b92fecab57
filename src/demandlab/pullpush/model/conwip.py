"""Push against CONWIP on the same line at the same throughput (Hopp & Spearman, ch. 10;
Spearman, Woodruff & Hopp 1990), replicated, with 95% confidence intervals."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ...checks import frozen, whole
from ...checks import seed as check_seed
from ...engine import LineResult, simulate_line
from ...engine.scenarios import takes_scenario
from ...engine.stats import mean_ci
from ..scenario import SCENARIO, PullPushScenario
from .inputs import MAX_JOBS_PER_RUN, MAX_REPLICATIONS, check_work, run_seeds, times
from .inputs import cv as check_cv
from .inputs import machines as check_machines
from .little import little_check

# push_vs_conwip's parameters, in order: fields of the lesson's scenario.
RACE_SETTINGS = ("process_times_hours", "machines", "cv", "wip_cap", "replications")
RACE_SETTINGS += ("jobs_per_run", "seed")


@dataclass(frozen=True)
class PolicyStats:
    """Means and 95% CI half-widths over replications for one release policy.

    Attributes
    ----------
    throughput, wip, cycle_time, cycle_time_std : tuple of (mean, half_width)
        Jobs per hour, jobs, hours, hours.
    per_run : ndarray, shape (replications, 4)
        The same four numbers for each replication, in that order.
    little_holds : bool
        Little's law held within its window allowance in every run.
    """

    throughput: tuple
    wip: tuple
    cycle_time: tuple
    cycle_time_std: tuple
    per_run: np.ndarray
    little_holds: bool


def _stats(runs: list[LineResult]) -> PolicyStats:
    rows = np.array([[r.throughput, r.wip, r.cycle_time, r.cycle_time_std] for r in runs])
    rows.setflags(write=False)
    cols = [mean_ci(rows[:, k]) for k in range(4)]
    return PolicyStats(*cols, per_run=rows, little_holds=all(little_check(r).holds for r in runs))


def _after_warmup(run: LineResult) -> np.ndarray:
    """The cycle times of one run's counted jobs (after its warm-up), read-only."""
    return frozen(run.cycle_times[run.warmup :])


@dataclass(frozen=True)
class PushVsConwip:
    """Push and CONWIP on the same line at the same throughput.

    Attributes
    ----------
    process_times_hours, machines, cv, wip_cap, replications
        The settings.
    arrival_rate : float
        Jobs per hour released by push: CONWIP's measured throughput.
    conwip, push : PolicyStats
        Means and 95% CIs of throughput, WIP, cycle time and cycle-time spread.
    cycle_times_conwip, cycle_times_push : ndarray
        Cycle times (h) of finished jobs in the first replication, for a histogram.
    """

    process_times_hours: tuple
    machines: tuple
    cv: float
    wip_cap: int
    replications: int
    arrival_rate: float
    conwip: PolicyStats
    push: PolicyStats
    cycle_times_conwip: np.ndarray
    cycle_times_push: np.ndarray

    @property
    def wip_saved(self) -> tuple[float, float]:
        """Push WIP minus CONWIP WIP (jobs): mean and 95% CI half-width (independent runs)."""
        diff = self.push.wip[0] - self.conwip.wip[0]
        return diff, math.hypot(self.push.wip[1], self.conwip.wip[1])

    @property
    def throughput_gap(self) -> tuple[float, float]:
        """CONWIP throughput minus push throughput (jobs/h): mean and CI half-width."""
        diff = self.conwip.throughput[0] - self.push.throughput[0]
        return diff, math.hypot(self.push.throughput[1], self.conwip.throughput[1])


@takes_scenario(SCENARIO, RACE_SETTINGS)
def push_vs_conwip(s: PullPushScenario) -> PushVsConwip:
    """Race push against CONWIP at the same throughput (Hopp & Spearman, ch. 10).

    First CONWIP runs with ``wip_cap`` cards; its mean throughput becomes the push line's
    release rate (Poisson releases, the textbook comparison). Both are replicated with
    independent seeds, and every number comes with a 95% confidence interval.

    On the shop floor: capping the work in the line gives the same output with less
    work waiting and a lead time you can promise.

    Parameters
    ----------
    process_times_hours, machines, cv
        The line, as in :func:`laws_of_the_line` (default Penny Fab One, exponential).
    wip_cap : int
        CONWIP cards, 1..200 (default 6).
    replications : int
        Independent runs per policy, 2..50 (default 5).
    jobs_per_run : int
        Jobs per run, 200..20000 (default 2000); a tenth is warm-up.
    seed : int
        Seed (a whole number >= 0).
    scenario : PullPushScenario, optional
        A whole lesson scenario (default ``SCENARIO``); the arguments named go on top.

    Returns
    -------
    PushVsConwip
        Per-policy means and CIs, the push release rate, cycle-time samples.

    Examples
    --------
    >>> race = push_vs_conwip(wip_cap=6, replications=5, seed=1)
    >>> race.conwip.wip[0], race.push.wip[0] > race.conwip.wip[0]
    (6.0, True)
    """
    line = times("process_times_hours", s.process_times_hours)
    m = check_machines(s.machines, len(line))
    c = check_cv("cv", s.cv)
    wip_cap = whole("wip_cap", s.wip_cap, 1, 200)
    reps = whole("replications", s.replications, 2, MAX_REPLICATIONS)
    jobs = whole("jobs_per_run", s.jobs_per_run, 200, MAX_JOBS_PER_RUN)
    check_work(2 * reps * jobs)
    seeds = run_seeds(check_seed(s.seed), 2 * reps)
    conwip = [
        simulate_line(line, m, c, release="conwip", wip_cap=wip_cap, n_jobs=jobs, seed=one)
        for one in seeds[:reps]
    ]
    rate = float(np.mean([r.throughput for r in conwip]))
    push = [
        simulate_line(line, m, c, release="push", arrival_rate=rate, n_jobs=jobs, seed=one)
        for one in seeds[reps:]
    ]
    the_line = {"process_times_hours": line, "machines": m, "cv": c}
    return PushVsConwip(
        **the_line,
        wip_cap=wip_cap,
        replications=reps,
        arrival_rate=rate,
        conwip=_stats(conwip),
        push=_stats(push),
        cycle_times_conwip=_after_warmup(conwip[0]),
        cycle_times_push=_after_warmup(push[0]),
    )
