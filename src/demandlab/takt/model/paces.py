"""Buyers' pace against the capacity pace over many quarters, with 95% intervals.

One quarter is one draw of the random numbers; the comparison the lesson discusses runs
``replications`` quarters at each pace (seeds ``seed``, ``seed + 1``, ...; the same seeds at
both paces) and reports means with 95% confidence intervals from
:mod:`demandlab.engine.stats`. Whether the capacity pace wins more deals is not built in:
it depends on ``extra_buyer_mix``, what the extra inquiries hold.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from ... import checks
from ...engine.stats import mean_ci
from ..scenario import SCENARIO as sc
from ..scenario import VERDICTS
from .funnel import MAX_WEEKS, _pace, _work_cv, capacity_pace, simulate_funnel

MAX_REPLICATIONS = 200  # quarters per pace: 200 x 2 runs stay under a few seconds


@dataclass(frozen=True)
class PaceComparison:
    """Deals, unfinished work and waste at two paces, averaged over many quarters.

    Each ``(mean, half)`` pair is a mean over the replications and the half-width of its
    95% confidence interval (Student t), so the interval is mean - half .. mean + half.

    Attributes
    ----------
    buyers_pace, pushed_pace : float
        Inquiries started a week: buyers' demand / yield, and the pace compared with it
        (default: the capacity pace, the most the bottleneck team can work).
    extra_buyer_mix : float
        What the extra inquiries hold: 0, no buyers; 1, buyers as today's inquiries do.
    replications, first_seed, weeks : int
        Quarters run at each pace, the first seed, and weeks per quarter.
    work_cv : float
    buyers_deals, pushed_deals : tuple of float
        Deals closed within the quarter: (mean, half-width).
    extra_deals : tuple of float
        Pushed minus buyers' deals, quarter by quarter on the same seed: (mean, half-width).
    buyers_open, pushed_open : tuple of float
        Inquiries started and still open at the quarter's end: (mean, half-width).
    buyers_open_age_days, pushed_open_age_days : float
        Mean age of those open inquiries, in working days (mean over the quarters).
    buyers_wasted_share, pushed_wasted_share : float
        Share of hours worked on inquiries that never became a deal (mean).
    verdict : str
        "more", "fewer" or "about the same": whether the 95% interval of
        ``extra_deals`` lies above zero, below it, or contains it.
    """

    buyers_pace: float
    pushed_pace: float
    extra_buyer_mix: float
    replications: int
    first_seed: int
    weeks: int
    work_cv: float
    buyers_deals: tuple[float, float]
    pushed_deals: tuple[float, float]
    extra_deals: tuple[float, float]
    buyers_open: tuple[float, float]
    pushed_open: tuple[float, float]
    buyers_open_age_days: float
    pushed_open_age_days: float
    buyers_wasted_share: float
    pushed_wasted_share: float
    verdict: str


def verdict(mean: float, half: float) -> str:
    """ "more", "fewer" or "about the same" from a difference's 95% interval: the words
    ``VERDICTS`` (takt/scenario.py) gives the interval's sign (0 when it contains 0).

    Examples
    --------
    >>> verdict(16.6, 5.3), verdict(-7.8, 5.1), verdict(4.5, 5.2)
    ('more', 'fewer', 'about the same')
    """
    sign = 1 if mean - half > 0 else -1 if mean + half < 0 else 0
    return VERDICTS[sign]


def compare_paces(
    extra_buyer_mix: float = sc.extra_buyer_mix,
    pace_per_week: float | None = None,
    *,
    replications: int = sc.pace_replications,
    seed: int = sc.seed,
    work_cv: float = sc.funnel_cv,
    weeks: int = sc.funnel_weeks,
) -> PaceComparison:
    """Run the funnel at buyers' pace and at a pushed pace for many quarters, and compare.

    Parameters
    ----------
    extra_buyer_mix : float
        In [0, 1]: what the inquiries beyond buyers' pace hold (0: no buyers, supply
        exceeds demand; 1: buyers as today's inquiries do).
    pace_per_week : float, optional
        The pushed pace (> 0). Default: :func:`capacity_pace` (240 a week).
    replications : int
        Quarters at each pace, 2..200; seeds ``seed`` .. ``seed + replications - 1``.
    seed : int
        The first seed.
    work_cv : float
        Variability of the work per inquiry (0, or 0.01..3).
    weeks : int
        Weeks per quarter, 1..104.

    Returns
    -------
    PaceComparison

    Examples
    --------
    >>> c = compare_paces(0.0)  # the extra inquiries hold no buyers
    >>> c.pushed_pace, c.verdict
    (240.0, 'fewer')
    >>> compare_paces(1.0).verdict  # the same mix of buyers as today's inquiries
    'more'
    """
    reps = checks.whole("replications", replications, 2, MAX_REPLICATIONS)
    first = checks.seed(seed)
    if first + reps - 1 > checks.SEED_MAX:
        raise checks.refuse("seed", seed, f"at most {checks.SEED_MAX - reps + 1} here")
    pushed_pace = (
        capacity_pace() if pace_per_week is None else _pace(pace_per_week, capacity_pace())
    )
    mix = checks.in_range("extra_buyer_mix", extra_buyer_mix, 0, 1)
    weeks = checks.whole("weeks", weeks, 1, MAX_WEEKS)
    return _compare(mix, pushed_pace, reps, first, _work_cv(work_cv), weeks)


# Cached: the result is immutable, and lesson 02 asks for the same comparison several times
# (a summary, then a solution that loops over the mixes): Run All 4.2 -> ~3 s (issue 14).
@functools.lru_cache(maxsize=32)
def _compare(
    extra_buyer_mix: float, pushed_pace: float, reps: int, first: int, work_cv: float, weeks: int
) -> PaceComparison:
    runs = {"buyers": [], "pushed": []}
    for s in range(first, first + reps):
        common = dict(work_cv=work_cv, weeks=weeks, seed=s, extra_buyer_mix=extra_buyer_mix)
        runs["buyers"].append(simulate_funnel(None, **common))
        runs["pushed"].append(simulate_funnel(pushed_pace, **common))
    buyers, pushed = runs["buyers"], runs["pushed"]
    deals_b = [r.deals_in_period for r in buyers]
    deals_p = [r.deals_in_period for r in pushed]
    extra = mean_ci(np.subtract(deals_p, deals_b))
    return PaceComparison(
        buyers_pace=buyers[0].pace_per_week,
        pushed_pace=pushed[0].pace_per_week,
        extra_buyer_mix=pushed[0].extra_buyer_mix,
        replications=reps,
        first_seed=first,
        weeks=pushed[0].weeks,
        work_cv=float(work_cv),
        buyers_deals=mean_ci(deals_b),
        pushed_deals=mean_ci(deals_p),
        extra_deals=extra,
        buyers_open=mean_ci([r.open_at_end for r in buyers]),
        pushed_open=mean_ci([r.open_at_end for r in pushed]),
        buyers_open_age_days=float(np.mean([r.mean_open_age_days for r in buyers])),
        pushed_open_age_days=float(np.mean([r.mean_open_age_days for r in pushed])),
        buyers_wasted_share=float(np.mean([r.wasted_hours_share for r in buyers])),
        pushed_wasted_share=float(np.mean([r.wasted_hours_share for r in pushed])),
        verdict=verdict(*extra),
    )
