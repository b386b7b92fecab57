"""Pull in a sales funnel where deals abandon midway: a cap on open deals against the same
funnel fed as leads come, at every abandonment level (course source 002: an inquiry is
not a firm order)."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ...checks import frozen, in_range, refuse, sequence, whole
from ...checks import seed as check_seed
from ...engine import LineResult, simulate_line
from ...engine.scenarios import takes_scenario
from ...engine.stats import mean_ci
from .. import scenario as sc
from ..scenario import SCENARIO, PullPushScenario
from .inputs import MAX_JOBS_PER_RUN, check_work, run_seeds, times
from .inputs import cv as check_cv
from .little import little_check

MAX_LEVELS = 12  # abandonment levels in one call
MAX_ABANDON = 0.6  # chance a deal is lost after a stage
# pull_in_sales's parameters, in order, and the fields of the lesson's scenario they set.
SALES_SETTINGS = {
    "stage_days": "stage_days",
    "cv": "sales_cv",
    "wip_cap": "sales_wip_cap",
    "abandon_per_stage": "abandon_per_stage",
    "replications": "sales_replications",
    "jobs_per_run": "sales_jobs_per_run",
    "seed": "seed",
}


@dataclass(frozen=True)
class PullInSales:
    """A sales funnel with a cap on open deals, against the same funnel fed as leads come,
    as the chance that a deal abandons at each stage grows.

    Attributes
    ----------
    stage_days, cv, wip_cap, replications
        The settings.
    abandon_per_stage : ndarray
        Chance a deal is lost after each stage, one value per level.
    leads_per_day : ndarray
        Deals started per day under the cap (the uncapped funnel is fed the same rate).
    wins_per_day_capped, wins_per_day_uncapped : ndarray
        Deals won per day.
    open_deals_capped, open_deals_uncapped : ndarray
        Time-average open deals (WIP), with ``open_deals_uncapped_ci`` its 95% half-width.
    leads_per_win : ndarray
        Deals started per deal won, ``1 / (1 - p)^stages``.
    effort_on_lost : ndarray
        Share of the team's working time spent on deals that were lost (capped funnel).
    closer_utilisation, first_stage_utilisation : ndarray
        Busy share of the last and the first stage (capped funnel); ``closer_utilization``
        and ``first_stage_utilization`` are aliases (the spelling before the course
        settled on one).
    little_holds : bool
        Little's law held (all exits counted) in every run.
    """

    stage_days: tuple
    cv: float
    wip_cap: int
    replications: int
    abandon_per_stage: np.ndarray
    leads_per_day: np.ndarray
    wins_per_day_capped: np.ndarray
    wins_per_day_uncapped: np.ndarray
    open_deals_capped: np.ndarray
    open_deals_uncapped: np.ndarray
    open_deals_uncapped_ci: np.ndarray
    leads_per_win: np.ndarray
    effort_on_lost: np.ndarray
    closer_utilisation: np.ndarray
    first_stage_utilisation: np.ndarray
    little_holds: bool

    @property
    def closer_utilization(self) -> np.ndarray:
        """The old spelling of :attr:`closer_utilisation`."""
        return self.closer_utilisation

    @property
    def first_stage_utilization(self) -> np.ndarray:
        """The old spelling of :attr:`first_stage_utilisation`."""
        return self.first_stage_utilisation

    @property
    def open_deals_saved(self) -> np.ndarray:
        """Share of open deals the cap saves at the same wins: 1 - capped / uncapped."""
        return 1.0 - self.open_deals_capped / self.open_deals_uncapped


@dataclass(frozen=True)
class SalesLevel:
    """One drop-out level of a :class:`PullInSales` sweep: what the explorer shows.

    Attributes
    ----------
    sales : PullInSales
        The whole sweep (every level, computed once).
    index : int
        The level on show (``sales.abandon_per_stage[index]``).
    """

    sales: PullInSales
    index: int

    @property
    def abandon_per_stage(self) -> float:
        """Chance a deal is lost after each stage at the level on show."""
        return float(self.sales.abandon_per_stage[self.index])


def _effort_on_lost(run: LineResult) -> float:
    counted = np.arange(run.release_times.size) >= run.warmup
    s = run.service_times[:, counted]
    stop = run.dropped_at[counted]
    reached = np.arange(s.shape[0])[:, None] <= np.where(stop < 0, s.shape[0], stop)[None, :]
    work = np.where(reached, s, 0.0)
    total = float(work.sum())
    return float(work[:, stop >= 0].sum() / total) if total > 0 else 0.0


def _levels(value: object) -> tuple[float, ...]:
    allowed = f"a list of 1..{MAX_LEVELS} chances in [0, {MAX_ABANDON:g}]"
    if isinstance(value, (str, bytes)) or not isinstance(value, (Sequence, np.ndarray)):
        raise refuse("abandon_per_stage", value, allowed)
    if isinstance(value, Sequence) and not isinstance(value, (list, tuple)):
        value = list(value)  # a range, say
    values = sequence("abandon_per_stage", value, 1, MAX_LEVELS)
    return tuple(in_range("each of abandon_per_stage", p, 0.0, MAX_ABANDON) for p in values)


@takes_scenario(SCENARIO, SALES_SETTINGS)
def pull_in_sales(s: PullPushScenario) -> PullInSales:
    """What is left of pull in a sales funnel where deals abandon midway?

    For each abandonment level ``p`` (chance a deal is lost after each stage), the funnel
    runs as CONWIP with ``wip_cap`` open deals (a dropped deal frees its slot at once), and
    as push, fed with the capped funnel's own lead rate, so both win the same deals per
    day. Reported: open deals carried by each, wins per day, leads needed per win, the
    share of effort spent on deals that were lost, and how busy the first and last
    stages are.

    On the sales floor: an inquiry is not a firm order. Pull still trims the queue, but
    the cap also limits how many opportunities are worked, and with abandonment the
    scarce thing is opportunities, not capacity.

    Parameters
    ----------
    stage_days : sequence of float
        Mean working days per deal at each stage, each in (0, 10000]; 1..20 stages
        (default four stages of 2 days, one person each).
    cv : float
        Coefficient of variation of the time a deal takes at a stage, [0, 3] (default 1).
    wip_cap : int
        Most open deals the capped funnel carries, 1..200 (default 6).
    abandon_per_stage : sequence of float
        Abandonment levels to compare, each in [0, 0.6]; 1..12 levels
        (default 0%, 5%, ..., 30%, as in the lesson's explorer).
    replications : int
        Independent runs per level and policy, 1..20 (default 4).
    jobs_per_run : int
        Deals per run, 200..20000 (default 2000); a tenth is warm-up.
    seed : int
        Seed (a whole number >= 0).
    scenario : PullPushScenario, optional
        A whole lesson scenario (default ``SCENARIO``); the arguments named go on top.

    Returns
    -------
    PullInSales
        One value per abandonment level for each measure.

    Examples
    --------
    >>> sales = pull_in_sales(abandon_per_stage=[0.0, 0.2], replications=1)
    >>> sales.leads_per_win.round(2).tolist()
    [1.0, 2.44]
    """
    stages = times("stage_days", s.stage_days)
    c = check_cv("cv", s.sales_cv)
    cap = whole("wip_cap", s.sales_wip_cap, 1, 200)
    levels = _levels(s.abandon_per_stage)
    reps = whole("replications", s.sales_replications, 1, 20)
    jobs = whole("jobs_per_run", s.sales_jobs_per_run, 200, MAX_JOBS_PER_RUN)
    seed = check_seed(s.seed)
    check_work(2 * reps * jobs * len(levels))
    return _sales_cached(stages, c, cap, levels, reps, jobs, seed)


def sales_at_level(
    wip_cap: int = sc.SALES_WIP_CAP, abandon_per_stage: float = 0.2
) -> tuple[PullInSales, int]:
    """The lesson's sweep at ``wip_cap`` and the index of ``abandon_per_stage`` in it.

    Each level's runs take their seeds from its place in the sweep, so the lesson's
    levels (plus this one, when it is not among them) are run together: a cap and a
    drop-out level print the same numbers in every cell that asks for them (issue 24: the
    cap 6 / 20% setting printed 39% fewer open deals in one cell and 46% in another).

    Examples
    --------
    >>> sales, i = sales_at_level(6, 0.2)
    >>> float(sales.abandon_per_stage[i]), len(sales.abandon_per_stage) == len(sc.ABANDON_PER_STAGE)
    (0.2, True)
    """
    p = in_range("abandon_per_stage", abandon_per_stage, 0.0, MAX_ABANDON)
    levels = tuple(sorted({*(float(x) for x in sc.ABANDON_PER_STAGE), p}))
    sales = pull_in_sales(wip_cap=wip_cap, abandon_per_stage=levels)
    return sales, levels.index(p)


def _lead_rate(runs: list[LineResult]) -> float:
    """Deals started per day inside the measured window, averaged over the runs."""
    starts = [
        np.count_nonzero((r.release_times > r.window_start) & (r.release_times <= r.window_end))
        / (r.window_end - r.window_start)
        for r in runs
    ]
    return float(np.mean(starts))


def _one_level(stages: tuple, cv: float, cap: int, p: float, jobs: int, seeds) -> dict:
    """Capped and uncapped funnels at one abandonment level ``p``, ``len(seeds) // 2`` runs
    each: the capped runs on the first half of ``seeds``, the uncapped on the second."""
    reps = len(seeds) // 2
    capped = [
        simulate_line(stages, 1, cv, release="conwip", wip_cap=cap, dropout=p, n_jobs=jobs, seed=s)
        for s in seeds[:reps]
    ]
    lead = _lead_rate(capped)
    free = [
        simulate_line(
            stages, 1, cv, release="push", arrival_rate=lead, dropout=p, n_jobs=jobs, seed=s
        )
        for s in seeds[reps:]
    ]
    mean_u, half_u = mean_ci(np.array([r.wip for r in free]))
    return {
        "lead": lead,
        "wc": np.mean([r.throughput for r in capped]),
        "wu": np.mean([r.throughput for r in free]),
        "oc": np.mean([r.wip for r in capped]),
        "ou": mean_u,
        "ouci": half_u,
        "lost": np.mean([_effort_on_lost(r) for r in capped]),
        "u_last": np.mean([r.utilization[-1] for r in capped]),
        "u_first": np.mean([r.utilization[0] for r in capped]),
        "little": all(little_check(r).holds for r in capped + free),
    }


@functools.lru_cache(maxsize=16)
def _sales_cached(
    stages: tuple, cv: float, cap: int, levels: tuple, reps: int, jobs: int, seed: int
) -> PullInSales:
    seeds = run_seeds(seed, 2 * reps * len(levels))
    rows = [
        _one_level(stages, cv, cap, p, jobs, seeds[2 * reps * i : 2 * reps * (i + 1)])
        for i, p in enumerate(levels)
    ]

    def col(key: str) -> np.ndarray:
        return frozen([row[key] for row in rows])

    p_arr = np.array(levels)
    return PullInSales(
        stage_days=stages,
        cv=cv,
        wip_cap=cap,
        replications=reps,
        abandon_per_stage=frozen(p_arr),
        leads_per_day=col("lead"),
        wins_per_day_capped=col("wc"),
        wins_per_day_uncapped=col("wu"),
        open_deals_capped=col("oc"),
        open_deals_uncapped=col("ou"),
        open_deals_uncapped_ci=col("ouci"),
        leads_per_win=frozen(1.0 / (1.0 - p_arr) ** len(stages)),
        effort_on_lost=col("lost"),
        closer_utilisation=col("u_last"),
        first_stage_utilisation=col("u_first"),
        little_holds=all(row["little"] for row in rows),
    )


def level_index(sales: PullInSales, highlight: object) -> int:
    """Index of the abandonment level in ``sales`` nearest to ``highlight`` (checked, 0..1).

    Examples
    --------
    >>> level_index(pull_in_sales(abandon_per_stage=[0.0, 0.2], replications=1), 0.15)
    1
    """
    p = in_range("highlight", highlight, 0.0, 1.0)
    return int(np.argmin(np.abs(sales.abandon_per_stage - p)))
