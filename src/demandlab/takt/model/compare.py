"""The bike line at takt next to the sales funnel at buyers' pace: yield, waste, steadiness."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ... import checks
from ...engine import simulate_line
from ..scenario import SCENARIO as sc
from .funnel import simulate_funnel
from .line import takt_time


@dataclass(frozen=True)
class FactoryVsFunnel:
    """The bike line and the sales funnel side by side: yield, waste and variability.

    Attributes
    ----------
    factory_finished_share, funnel_finished_share : float
        Share of started units / inquiries that finished (simulated).
    factory_work_cv, funnel_work_cv : float
        Coefficient of variation of the work per unit / inquiry at each step.
    factory_output_per_period, funnel_output_per_period : tuple of int
        Bikes per shift (after the first shift, while the line fills) and deals per week.
    factory_output_cv, funnel_output_cv : float
        Coefficient of variation of that output.
    factory_wasted_share, funnel_wasted_share : float
        Share of hours worked on things that never reached a customer.
    """

    factory_finished_share: float
    funnel_finished_share: float
    factory_work_cv: float
    funnel_work_cv: float
    factory_output_per_period: tuple[int, ...]
    funnel_output_per_period: tuple[int, ...]
    factory_output_cv: float
    funnel_output_cv: float
    factory_wasted_share: float
    funnel_wasted_share: float


def output_cv(values) -> float:
    """Coefficient of variation (population std / mean) of an output series; 0 without output.

    Examples
    --------
    >>> output_cv([9, 11]), output_cv([0, 0])
    (0.1, 0.0)
    """
    x = np.asarray(values, dtype=float)
    m = float(x.mean()) if x.size else 0.0
    return float(x.std() / m) if m > 0 else 0.0


def factory_vs_funnel(shifts: int = sc.factory_shifts, seed: int = sc.seed) -> FactoryVsFunnel:
    """Run the bike line at takt and the funnel at buyers' pace, and compare them.

    The bike line is fed one frame every takt (9 minutes), its station times vary by 15%,
    nothing drops out. The funnel is fed at buyers' pace (200 inquiries a week) for a
    quarter, with work as variable as its mean and drop-outs after every stage.

    Parameters
    ----------
    shifts : int
        Shifts of the bike line to run, 2..1000.
    seed : int
        Seed for both runs.

    Returns
    -------
    FactoryVsFunnel

    Examples
    --------
    >>> c = factory_vs_funnel()
    >>> c.factory_finished_share, c.factory_wasted_share
    (1.0, 0.0)
    >>> c.funnel_finished_share < 0.1 and c.funnel_output_cv > 5 * c.factory_output_cv
    True
    """
    shifts = checks.whole("shifts", shifts, 2, 1000)
    seed = checks.seed(seed)
    takt = takt_time(sc.available_minutes, sc.demand_per_shift)
    line = simulate_line(
        list(sc.station_minutes),
        cv=sc.factory_cv,
        release="push",
        arrival_rate=1.0 / takt,
        arrival_cv=0.0,
        n_jobs=int(sc.demand_per_shift * shifts),
        warmup=0,
        seed=seed,
    )
    finish = np.asarray(line.finish_times)
    edges = sc.available_minutes * np.arange(1, shifts + 1)
    per_shift = np.diff(np.concatenate([[0], np.searchsorted(np.sort(finish), edges)]))[1:]
    funnel = simulate_funnel(seed=seed)
    return FactoryVsFunnel(
        factory_finished_share=line.finished / line.started,
        funnel_finished_share=funnel.finished_share,
        factory_work_cv=sc.factory_cv,
        funnel_work_cv=sc.funnel_cv,
        factory_output_per_period=tuple(int(x) for x in per_shift),
        funnel_output_per_period=funnel.deals_per_week,
        factory_output_cv=output_cv(per_shift),
        funnel_output_cv=output_cv(funnel.deals_per_week),
        factory_wasted_share=0.0,  # no drop-outs: every hour worked ends in a bike
        funnel_wasted_share=funnel.wasted_hours_share,
    )
