"""Takt time and the bike line's balance against it: the pace the customer sets."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ... import checks
from ..scenario import SCENARIO as sc
from . import _inputs
from ._inputs import EPS, MAX_DEMAND_PER_SHIFT


class NoDemandError(checks.InputError):
    """Raised when there is no customer demand, so there is no takt to follow.

    It is a ``ValueError`` (a :class:`demandlab.checks.InputError`), so widgets that turn
    refused input into a sentence show its message; code that wants to treat "no demand"
    specially can catch it by name.

    Examples
    --------
    >>> try:
    ...     takt_time(450, 0)
    ... except NoDemandError as err:
    ...     print(isinstance(err, ValueError))
    True
    """


# Shown (in tracebacks, doctests and reprs) under the name learners import it by.
NoDemandError.__module__ = "demandlab.takt"


def no_demand(name: str) -> NoDemandError:
    """The refusal for a demand of 0, naming the parameter that holds it."""
    return NoDemandError(
        f"{name} is 0: with no customer demand there is no takt to follow, so the right "
        "pace is to make nothing (idle time beats building stock nobody ordered)"
    )


def takt_time(available_time: float, demand: float) -> float:
    """Takt time: net available time divided by customer demand, the pace customers set.

    On the shop floor it says "finish one unit every so many minutes", and it comes from
    the customer, not from the machines.

    Parameters
    ----------
    available_time : float
        Net available working time in a period, after breaks (for example 450 minutes in
        a shift). Any time unit; the takt comes back in the same unit. Finite, > 0.
    demand : float
        Units customers want in that same period (for example 50 bikes a shift).
        Finite, >= 0.

    Returns
    -------
    float
        Time per unit, in the unit of ``available_time``.

    Raises
    ------
    NoDemandError
        When ``demand`` is 0: without customer demand there is no takt to follow.
    ValueError
        For negative, non-finite or non-numeric input.

    Examples
    --------
    >>> takt_time(450, 50)  # 450 minutes a shift, 50 bikes ordered: one bike every 9 minutes
    9.0
    >>> takt_time(450, 0)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    demandlab.takt.NoDemandError: demand is 0: with no customer demand there is no takt to ...
    """
    available = checks.in_range("available_time", available_time, 0)
    wanted = checks.in_range("demand", demand, 0)
    if wanted == 0:
        raise no_demand("demand")
    if available == 0:
        raise checks.refuse("available_time", available_time, "a number > 0")
    takt = available / wanted
    if not math.isfinite(takt) or takt <= 0:
        raise checks.InputError(
            f"available_time / demand = {available_time!r} / {demand!r} is out of range "
            "for a takt; use numbers of a realistic size"
        )
    return takt


@dataclass(frozen=True)
class LineBalance:
    """A line's station times compared with takt.

    Attributes
    ----------
    station_names, station_minutes : tuple
        The stations and the minutes of work each does per unit.
    available_minutes : float
        Net available minutes per shift.
    demand_per_shift : float
        Units customers order per shift.
    takt_minutes : float or None
        Minutes per unit the customer sets; None when there is no demand (no takt exists).
    load_vs_takt : tuple of float
        Station time / takt (1.0 = exactly at takt; above 1.0 the station cannot keep up).
        All 0 when there is no demand.
    bottleneck, bottleneck_minutes : str, float
        The slowest station and its time per unit.
    capacity_per_shift : float
        The most the line can make in a shift: available minutes / bottleneck minutes.
    meets_demand : bool
        True when the bottleneck fits inside takt (capacity >= demand).
    work_content_minutes : float
        Sum of station times: the labour one unit needs.
    min_operators : int
        ceil(work content / takt): the fewest people who could share the work at takt.
        0 when there is no demand.
    idle_minutes_per_cycle : tuple of float or None
        Takt minus station time, per station, floored at 0: each station's wait per takt
        cycle. None when there is no demand (the wait is the whole shift).
    short_per_shift : float
        Demand the line cannot make in a shift: max(0, demand - capacity).
    whole_units_per_shift, whole_units_short : int
        The same two in whole units: floor(capacity) and ceil(short), each computed once
        here with a guard against rounding (450 / 9.0 must give 50, not 49).
    """

    station_names: tuple[str, ...]
    station_minutes: tuple[float, ...]
    available_minutes: float
    demand_per_shift: float
    takt_minutes: float | None
    load_vs_takt: tuple[float, ...]
    bottleneck: str
    bottleneck_minutes: float
    capacity_per_shift: float
    meets_demand: bool
    work_content_minutes: float
    min_operators: int
    idle_minutes_per_cycle: tuple[float, ...] | None
    short_per_shift: float
    whole_units_per_shift: int
    whole_units_short: int

    @property
    def total_idle_minutes_per_cycle(self) -> float | None:
        """Idle minutes per takt cycle summed over stations (None without demand)."""
        if self.idle_minutes_per_cycle is None:
            return None
        return float(sum(self.idle_minutes_per_cycle))


def _demand_per_shift(value: object) -> float:
    return checks.in_range("demand_per_shift", value, 0, MAX_DEMAND_PER_SHIFT)


def _available_minutes(value: object) -> float:
    return checks.in_range("available_minutes", value, 0, low_open=True)


def balance(
    station_minutes: Sequence[float],
    available_minutes: float,
    demand_per_shift: float,
    station_names: Sequence[str] | None,
) -> LineBalance:
    """:func:`line_balance` that answers zero demand with ``takt_minutes=None`` instead of
    raising: what the explorer draws when the learner drags demand to 0.

    Examples
    --------
    >>> balance(sc.station_minutes, 450, 0, None).takt_minutes is None
    True
    """
    times = _inputs.station_minutes(station_minutes)
    labels = _inputs.names("station_names", station_names, len(times), "station")
    available = _available_minutes(available_minutes)
    demand = _demand_per_shift(demand_per_shift)
    work = float(sum(times))
    b = int(np.argmax(times))
    capacity = available / times[b]
    if demand == 0:
        takt = None
        load = tuple(0.0 for _ in times)
        operators = 0
        idle = None
    else:
        takt = takt_time(available, demand)
        load = tuple(t / takt for t in times)
        operators = math.ceil(work / takt - EPS)
        idle = tuple(max(takt - t, 0.0) for t in times)
    return LineBalance(
        station_names=labels,
        station_minutes=times,
        available_minutes=available,
        demand_per_shift=demand,
        takt_minutes=takt,
        load_vs_takt=load,
        bottleneck=labels[b],
        bottleneck_minutes=times[b],
        capacity_per_shift=capacity,
        meets_demand=capacity >= demand - EPS,
        work_content_minutes=work,
        min_operators=operators,
        idle_minutes_per_cycle=idle,
        short_per_shift=max(demand - capacity, 0.0),
        whole_units_per_shift=math.floor(capacity + EPS),
        whole_units_short=max(math.ceil(demand - capacity - EPS), 0),
    )


def line_balance(
    station_minutes: Sequence[float] = sc.station_minutes,
    available_minutes: float = sc.available_minutes,
    demand_per_shift: float = sc.demand_per_shift,
    station_names: Sequence[str] | None = sc.station_names,
) -> LineBalance:
    """Compare each station's time with takt: bottleneck, minimum operators, idle time.

    This is the supervisor's whiteboard: does every station fit inside the customer's
    pace, and how many people does the line need at that pace?
    The defaults are the lesson's bicycle line (450 minutes a shift, 50 bikes ordered).

    Parameters
    ----------
    station_minutes : list of float
        Minutes of work per unit at each station (each > 0, at most 30 stations).
    available_minutes : float
        Net available minutes per shift, after breaks (> 0).
    demand_per_shift : float
        Units customers order per shift (>= 0, at most 1e6).
    station_names : list of str, optional
        One name per station; ``None`` numbers them.

    Returns
    -------
    LineBalance

    Raises
    ------
    NoDemandError
        When ``demand_per_shift`` is 0: there is no takt to balance against.

    Examples
    --------
    >>> lb = line_balance()
    >>> lb.takt_minutes, lb.bottleneck, lb.min_operators, lb.meets_demand
    (9.0, 'Drivetrain', 4, True)
    >>> line_balance(demand_per_shift=60).meets_demand  # takt 7.5 min < Drivetrain 8.4 min
    False
    """
    if _demand_per_shift(demand_per_shift) == 0:
        _available_minutes(available_minutes)  # a bad shift is still reported first
        raise no_demand("demand_per_shift")
    return balance(station_minutes, available_minutes, demand_per_shift, station_names)
