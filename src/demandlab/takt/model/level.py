"""Chase a varying daily demand or level the pace (heijunka): the factory's comfortable case."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ... import checks
from ..scenario import SCENARIO as sc
from . import _inputs
from ._inputs import EPS, MAX_DAYS, MAX_DEMAND_PER_SHIFT
from .line import no_demand, takt_time


@dataclass(frozen=True)
class LevelVsChase:
    """Daily takt when you chase a varying demand, against one levelled pace (heijunka).

    Attributes
    ----------
    demand_per_day : tuple of float
        Units ordered each day (one shift a day).
    takt_minutes_per_day : tuple of (float or None)
        The chase plan's takt each day; None on a day with no orders.
    chase_operators_per_day : tuple of int
        ceil(work content / that day's takt): people needed to chase each day's orders.
    chase_overtime_minutes_per_day : tuple of float
        Extra minutes the bottleneck needs on days when orders exceed a shift's capacity.
    level_per_day : float
        The levelled plan's output per day: the average demand.
    level_takt_minutes : float
        The one pace of the levelled plan: available minutes / average demand.
    level_operators : int
        People needed every day at the levelled pace.
    start_stock : float
        Finished units the levelled plan needs in stock on day 1 so no order waits.
    stock_per_day : tuple of float
        Finished stock at the end of each day under the levelled plan.
    bottleneck_minutes, available_minutes, work_content_minutes : float
        The line the plans run on.
    """

    demand_per_day: tuple[float, ...]
    takt_minutes_per_day: tuple[float | None, ...]
    chase_operators_per_day: tuple[int, ...]
    chase_overtime_minutes_per_day: tuple[float, ...]
    level_per_day: float
    level_takt_minutes: float
    level_operators: int
    start_stock: float
    stock_per_day: tuple[float, ...]
    bottleneck_minutes: float
    available_minutes: float
    work_content_minutes: float

    @property
    def overtime_days(self) -> int:
        """Days on which chasing needs overtime at the bottleneck."""
        return sum(1 for m in self.chase_overtime_minutes_per_day if m > EPS)

    @property
    def max_stock(self) -> float:
        """The largest finished stock the levelled plan holds at a day's end."""
        return max(self.stock_per_day)


def level_vs_chase(
    demand_per_day: Sequence[float] = sc.daily_demand,
    station_minutes: Sequence[float] = sc.station_minutes,
    available_minutes: float = sc.available_minutes,
) -> LevelVsChase:
    """Daily takt under a varying demand: chase every day's orders, or level the pace.

    Chasing changes the pace (and the crew) every day and needs overtime on busy days;
    levelling (heijunka) keeps one pace and lets a small stock of finished units absorb the
    difference. Both rest on a factory's comfort: every order is firm and every unit
    started is finished.

    Parameters
    ----------
    demand_per_day : list of float
        Units ordered each day (each >= 0, at least one > 0, at most 3660 days).
    station_minutes : list of float
        Minutes of work per unit at each station.
    available_minutes : float
        Net available minutes per day (one shift).

    Returns
    -------
    LevelVsChase

    Raises
    ------
    NoDemandError
        When every day's demand is 0.

    Examples
    --------
    >>> plan = level_vs_chase()  # the lesson's ten days, averaging 50 bikes a day
    >>> plan.level_takt_minutes, plan.level_operators, plan.overtime_days
    (9.0, 4, 4)
    >>> min(plan.chase_operators_per_day), max(plan.chase_operators_per_day)
    (3, 5)
    """
    items = checks.sequence("demand_per_day", demand_per_day, 1, MAX_DAYS)
    demand = tuple(
        checks.in_range(f"demand_per_day[{i}]", v, 0, MAX_DEMAND_PER_SHIFT)
        for i, v in enumerate(items)
    )
    times = _inputs.station_minutes(station_minutes)
    available = checks.in_range("available_minutes", available_minutes, 0, low_open=True)
    work = float(sum(times))
    bottleneck = max(times)
    total = float(sum(demand))
    if total == 0:
        raise no_demand("demand_per_day (every day)")
    takts = tuple(takt_time(available, d) if d > 0 else None for d in demand)
    operators = tuple(0 if t is None else math.ceil(work / t - EPS) for t in takts)
    overtime = tuple(max(d * bottleneck - available, 0.0) for d in demand)
    level = total / len(demand)
    level_takt = takt_time(available, level)
    running = np.cumsum(level - np.asarray(demand))
    start_stock = float(max(0.0, -running.min()))
    stock = tuple(float(max(start_stock + b, 0.0)) for b in running)
    return LevelVsChase(
        demand_per_day=demand,
        takt_minutes_per_day=takts,
        chase_operators_per_day=operators,
        chase_overtime_minutes_per_day=overtime,
        level_per_day=level,
        level_takt_minutes=level_takt,
        level_operators=math.ceil(work / level_takt - EPS),
        start_stock=start_stock,
        stock_per_day=stock,
        bottleneck_minutes=bottleneck,
        available_minutes=available,
        work_content_minutes=work,
    )


def swung(demand_per_day: Sequence[float], swing_percent: float) -> tuple[float, ...]:
    """Daily orders with their swings around the average scaled by ``swing_percent``
    (0: every day the average; 100: as given; 200: every swing twice as large).

    Examples
    --------
    >>> swung((40, 60), 50)
    (45.0, 55.0)
    """
    d = checks.numbers_array("demand_per_day", checks.sequence("demand_per_day", demand_per_day), 0)
    swing = checks.in_range("swing_percent", swing_percent, 0, 1000)
    scaled = d.mean() + (swing / 100.0) * (d - d.mean())
    return tuple(float(x) for x in np.maximum(np.round(scaled), 0.0))
