"""Lesson 02: takt time with and without customer demand.

Takt time is net available time divided by customer demand: the pace the customer sets.
This module computes it for a bicycle assembly line (one shift, five stations), balances the
line against it, compares chasing a varying daily demand with a levelled plan (heijunka),
and then asks who sets the pace in a sales funnel, where no firm order is waiting and only
a small share of the work that starts ever finishes (built on the flow engine's ``dropout``).

Layering: models return frozen dataclasses; ``plot_*`` return plotly figures;
``*_explorer`` return ipywidgets containers.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ._widgets import (
    BAD_COLOR,
    DEMAND_COLOR,
    GOOD_COLOR,
    PRODUCTION_COLOR,
    esc,
    figure_widget,
    guarded,
    mark_main,
    message_area,
    refresh,
    say,
)

# The lesson's factory case: a bicycle assembly line, one 8-hour shift.
SHIFT_MINUTES = 480.0
BREAK_MINUTES = 30.0  # two 10-minute breaks and a 10-minute team huddle
AVAILABLE_MINUTES = SHIFT_MINUTES - BREAK_MINUTES  # 450 min of net available time per shift
DEMAND_PER_SHIFT = 50  # bikes customers order per shift
STATION_NAMES = ("Frame prep", "Wheels", "Drivetrain", "Brakes & cables", "Inspect & pack")
STATION_MINUTES = (6.0, 7.5, 8.4, 5.2, 4.3)  # minutes of work per bike at each station
# Ten working days of orders (bikes per day, one shift a day); they average 50.
DAILY_DEMAND = (42, 58, 47, 61, 39, 50, 55, 44, 63, 41)

MAX_STATIONS = 30
MAX_DAYS = 3660
MAX_DEMAND_PER_SHIFT = 1e6  # a bike line making a million a shift is a typo, not a scenario
_EPS = 1e-9  # ceil(3.0000000001) must stay 3 when the ratio is exactly 3 in decimal terms


class NoDemandError(ValueError):
    """Raised when there is no customer demand, so there is no takt to follow.

    It is a ``ValueError``, so widgets that turn refused input into a sentence show its
    message; code that wants to treat "no demand" specially can catch it by name.

    Examples
    --------
    >>> try:
    ...     takt_time(450, 0)
    ... except NoDemandError as err:
    ...     print(isinstance(err, ValueError))
    True
    """


# --------------------------------------------------------------------------- validation


def _number(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be a real number, got {value!r}")
    x = float(value)
    if not math.isfinite(x):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return x


def _nonneg(name: str, value: object, upper: float | None = None) -> float:
    x = _number(name, value)
    if x < 0:
        raise ValueError(f"{name} must be a finite number >= 0, got {value!r}")
    if upper is not None and x > upper:
        raise ValueError(f"{name} must be at most {upper:g}, got {value!r}")
    return x


def _positive(name: str, value: object, upper: float | None = None) -> float:
    x = _number(name, value)
    if x <= 0:
        raise ValueError(f"{name} must be a finite number > 0, got {value!r}")
    if upper is not None and x > upper:
        raise ValueError(f"{name} must be at most {upper:g}, got {value!r}")
    return x


def _sequence(name: str, values: object, max_len: int) -> list:
    if isinstance(values, (str, bytes)) or not isinstance(values, (Sequence, np.ndarray)):
        raise ValueError(f"{name} must be a list of numbers, got {values!r}")
    if isinstance(values, np.ndarray) and values.ndim != 1:
        raise ValueError(f"{name} must be a flat list of numbers, got shape {values.shape}")
    if len(values) == 0:
        raise ValueError(f"{name} must not be empty")
    if len(values) > max_len:
        raise ValueError(f"{name} may hold at most {max_len} entries, got {len(values)}")
    return list(values)


def _station_minutes(values: object) -> tuple[float, ...]:
    items = _sequence("station_minutes", values, MAX_STATIONS)
    out = []
    for i, v in enumerate(items):
        x = _number(f"station_minutes[{i}]", v)
        if x <= 0:
            raise ValueError(f"station_minutes[{i}] must be a finite number > 0, got {v!r}")
        if x > 1e6:
            raise ValueError(f"station_minutes[{i}] must be at most 1e+06 minutes, got {v!r}")
        out.append(x)
    return tuple(out)


def _station_names(names: object, n: int) -> tuple[str, ...]:
    if names is None:
        return tuple(f"Station {i + 1}" for i in range(n))
    if isinstance(names, (str, bytes)) or not isinstance(names, Sequence):
        raise ValueError(f"station_names must be a list of strings, got {names!r}")
    if len(names) != n:
        raise ValueError(
            f"station_names must have one name per station ({n}), got {len(names)} names"
        )
    out = []
    for i, s in enumerate(names):
        if not isinstance(s, str) or not s.strip():
            raise ValueError(f"station_names[{i}] must be a non-empty string, got {s!r}")
        if len(s) > 60:
            raise ValueError(f"station_names[{i}] must be at most 60 characters, got {len(s)}")
        out.append(s)
    return tuple(out)


# --------------------------------------------------------------------------- takt


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
    available = _nonneg("available_time", available_time)
    wanted = _nonneg("demand", demand)
    if wanted == 0:
        raise NoDemandError(
            "demand is 0: with no customer demand there is no takt to follow, so the right "
            "pace is to make nothing (idle time beats building stock nobody ordered)"
        )
    if available == 0:
        raise ValueError(f"available_time must be a finite number > 0, got {available_time!r}")
    takt = available / wanted
    if not math.isfinite(takt) or takt <= 0:
        raise ValueError(
            f"available_time / demand = {available_time!r} / {demand!r} is out of range "
            "for a takt; use numbers of a realistic size"
        )
    return takt


# --------------------------------------------------------------------------- line balance


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

    @property
    def total_idle_minutes_per_cycle(self) -> float | None:
        """Idle minutes per takt cycle summed over stations (None without demand)."""
        if self.idle_minutes_per_cycle is None:
            return None
        return float(sum(self.idle_minutes_per_cycle))


def _balance(station_minutes, available_minutes, demand_per_shift, station_names) -> LineBalance:
    """Line balance without raising on zero demand (takt None): used by the figure/widget."""
    times = _station_minutes(station_minutes)
    names = _station_names(station_names, len(times))
    available = _positive("available_minutes", available_minutes)
    demand = _nonneg("demand_per_shift", demand_per_shift, MAX_DEMAND_PER_SHIFT)
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
        operators = math.ceil(work / takt - _EPS)
        idle = tuple(max(takt - t, 0.0) for t in times)
    return LineBalance(
        station_names=names,
        station_minutes=times,
        available_minutes=available,
        demand_per_shift=demand,
        takt_minutes=takt,
        load_vs_takt=load,
        bottleneck=names[b],
        bottleneck_minutes=times[b],
        capacity_per_shift=capacity,
        meets_demand=capacity >= demand - _EPS,
        work_content_minutes=work,
        min_operators=operators,
        idle_minutes_per_cycle=idle,
        short_per_shift=max(demand - capacity, 0.0),
    )


def line_balance(
    station_minutes: Sequence[float] = STATION_MINUTES,
    available_minutes: float = AVAILABLE_MINUTES,
    demand_per_shift: float = DEMAND_PER_SHIFT,
    station_names: Sequence[str] | None = STATION_NAMES,
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
    if _nonneg("demand_per_shift", demand_per_shift, MAX_DEMAND_PER_SHIFT) == 0:
        takt_time(_positive("available_minutes", available_minutes), 0)  # raises NoDemandError
    return _balance(station_minutes, available_minutes, demand_per_shift, station_names)


def _axis_top(lb: LineBalance) -> float:
    """A fixed y-range so the takt line visibly moves instead of the axis rescaling."""
    return max(2.0 * lb.bottleneck_minutes, 1.0)


def plot_line_balance(balance: LineBalance) -> go.Figure:
    """Bar chart of station times against the takt line.

    Grey bars are the work each station does per unit (red when it is longer than takt);
    the hatched part on top is the station's idle wait per cycle; the blue dashed line is
    takt. With no demand the takt line and the idle bars disappear (``shapes=[]``).

    Parameters
    ----------
    balance : LineBalance
        From :func:`line_balance`.

    Returns
    -------
    plotly.graph_objects.Figure

    Examples
    --------
    >>> fig = plot_line_balance(line_balance())
    >>> len(fig.layout.shapes), fig.data[0].type
    (1, 'bar')
    """
    if not isinstance(balance, LineBalance):
        raise ValueError(f"balance must be a LineBalance from line_balance(), got {balance!r}")
    lb = balance
    names = [esc(n) for n in lb.station_names]
    top = _axis_top(lb)
    takt = lb.takt_minutes
    over = [takt is not None and t > takt + _EPS for t in lb.station_minutes]
    colors = [BAD_COLOR if o else PRODUCTION_COLOR for o in over]
    idle = lb.idle_minutes_per_cycle or tuple(0.0 for _ in lb.station_minutes)
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=names,
            y=list(lb.station_minutes),
            name="work per bike (min)",
            marker_color=colors,
            text=[f"{t:.1f} min" for t in lb.station_minutes],
            textposition="inside",
            insidetextanchor="start",
            textfont={"size": 15, "color": "white"},
            hovertemplate="%{x}: %{y:.1f} min of work per unit<extra></extra>",
        )
    )
    fig.add_trace(
        go.Bar(
            x=names,
            y=[max(min(i, top - t), 0.0) for i, t in zip(idle, lb.station_minutes)],
            name="idle, waiting for the next order (min)",
            marker={
                "color": "rgba(0,0,0,0)",
                "line": {"color": PRODUCTION_COLOR, "width": 1},
                "pattern": {"shape": "/", "fgcolor": "#bbbbbb"},
            },
            hovertemplate="%{x}: idle %{y:.1f} min per cycle<extra></extra>",
        )
    )
    shapes: list[dict] = []
    annotations: list[dict] = []
    if takt is None:
        title = "No demand, no takt: nothing sets the pace, so the line should rest"
        annotations.append(
            {
                "text": "no customer demand: no takt line",
                "xref": "paper",
                "yref": "paper",
                "x": 0.5,
                "y": 0.95,
                "showarrow": False,
                "font": {"size": 16, "color": DEMAND_COLOR},
            }
        )
    else:
        shown = min(takt, top)
        shapes.append(
            {
                "type": "line",
                "xref": "paper",
                "x0": 0,
                "x1": 1,
                "yref": "y",
                "y0": shown,
                "y1": shown,
                "line": {"color": DEMAND_COLOR, "width": 3, "dash": "dash"},
            }
        )
        label = f"takt {takt:.1f} min (customer pace)"
        if takt > top:
            label = f"takt {takt:.0f} min: above the chart (very low demand)"
        annotations.append(
            {
                "text": label,
                "xref": "paper",
                "yref": "y",
                "x": 1,
                "y": shown,
                "xanchor": "right",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 15, "color": DEMAND_COLOR},
            }
        )
        people = "operator" if lb.min_operators == 1 else "operators"
        if lb.meets_demand and takt >= 2 * lb.bottleneck_minutes:
            title = "Low demand: every station waits most of each cycle, and that is right"
        elif lb.meets_demand:
            title = (
                f"Every station fits inside takt: {lb.demand_per_shift:.0f} a shift "
                f"needs at least {lb.min_operators} {people}"
            )
        else:
            title = (
                f"{esc(lb.bottleneck)} is slower than takt: the line makes at most "
                f"{math.floor(lb.capacity_per_shift + _EPS)} of the "
                f"{lb.demand_per_shift:.0f} ordered a shift"
            )
    title_color = BAD_COLOR if not lb.meets_demand else "#333"
    fig.update_layout(
        title={"text": title, "font": {"size": 17, "color": title_color}},
        barmode="stack",
        yaxis={"title": "minutes per unit", "range": [0, top * 1.05]},
        xaxis={"title": "station (work flows left to right)"},
        shapes=shapes,
        annotations=annotations,
        height=420,
        margin={"t": 60, "b": 60, "l": 70, "r": 20},
        legend={"orientation": "h", "y": -0.25, "x": 0, "traceorder": "normal"},
        font={"size": 14},
        template="plotly_white",
    )
    return fig


def _balance_sentence(lb: LineBalance) -> tuple[str, str]:
    """One or two sentences (and a kind: info/good/warn) describing a line balance."""
    takt = lb.takt_minutes
    if takt is None:  # pragma: no cover - the widget shows NoDemandError's own message
        return "No demand: no takt.", "info"
    if not lb.meets_demand:
        return (
            f"Takt is {takt:.1f} min but {lb.bottleneck} needs {lb.bottleneck_minutes:.1f} min "
            f"a unit: the line cannot meet demand. It makes at most "
            f"{math.floor(lb.capacity_per_shift + _EPS)} a shift, so "
            f"{math.ceil(lb.short_per_shift - _EPS)} a shift go unserved "
            "(add capacity at the bottleneck, work overtime, or tell customers the truth).",
            "warn",
        )
    idle_share = lb.total_idle_minutes_per_cycle / (takt * len(lb.station_minutes))
    if takt >= 2 * lb.bottleneck_minutes:
        return (
            f"Demand is low: takt is {takt:.1f} min, so the stations stand idle "
            f"{idle_share:.0%} of each cycle. That idle time is the right answer: "
            "running faster than takt only builds bikes nobody ordered.",
            "info",
        )
    return (
        f"Takt is {takt:.1f} min; the bottleneck, {lb.bottleneck}, needs "
        f"{lb.bottleneck_minutes:.1f} min, so every station keeps up. At least "
        f"{lb.min_operators} operators share the {lb.work_content_minutes:.1f} min of work "
        f"per unit; stations are idle {idle_share:.0%} of each cycle.",
        "good",
    )


def takt_explorer(
    station_minutes: Sequence[float] = STATION_MINUTES,
    available_minutes: float = AVAILABLE_MINUTES,
    demand_per_shift: int = DEMAND_PER_SHIFT,
    station_names: Sequence[str] | None = STATION_NAMES,
) -> widgets.VBox:
    """Move customer demand and watch the takt line move against the station bars.

    The demand slider is the lesson's main control. At 0 the takt line disappears and the
    widget says why; above the bottleneck's capacity it says, in red, that the line cannot
    meet demand.

    Parameters
    ----------
    station_minutes : list of float
        Minutes of work per unit at each station.
    available_minutes : float
        Net available minutes per shift (the second slider starts here).
    demand_per_shift : int
        Where the demand slider starts.
    station_names : list of str, optional
        One name per station.

    Returns
    -------
    ipywidgets.VBox
        Demand slider, available-minutes slider, live figure, message.

    Examples
    --------
    >>> w = takt_explorer()
    >>> w.children[0].value = 0
    >>> "no takt" in w.children[-1].value
    True
    """
    start = _balance(station_minutes, available_minutes, demand_per_shift, station_names)
    demand_max = int(max(2 * math.ceil(start.capacity_per_shift), 10, demand_per_shift))
    if demand_max > 100_000:
        raise ValueError(
            f"the line's capacity ({start.capacity_per_shift:.3g} a shift) is too large for a "
            "slider; use minutes per unit and minutes per shift of a realistic size"
        )
    demand = mark_main(
        widgets.IntSlider(
            value=int(round(start.demand_per_shift)),
            min=0,
            max=demand_max,
            step=1,
            description="Demand (units / shift)",
            style={"description_width": "initial"},
            layout={"width": "520px"},
            continuous_update=True,
        )
    )
    avail_max = int(max(math.ceil(start.available_minutes * 1.2), 10))
    available = widgets.IntSlider(
        value=int(round(start.available_minutes)),
        min=1,
        max=avail_max,
        step=5 if avail_max >= 100 else 1,
        description="Available minutes / shift",
        style={"description_width": "initial"},
        layout={"width": "520px"},
        continuous_update=True,
    )
    fw = figure_widget(plot_line_balance(start), main=True)
    note = message_area()

    def update(change: dict | None = None) -> None:
        try:
            lb = line_balance(
                start.station_minutes, available.value, demand.value, start.station_names
            )
        except NoDemandError as err:
            lb = _balance(start.station_minutes, available.value, 0, start.station_names)
            refresh(fw, plot_line_balance(lb))
            say(
                note,
                f"No takt: {err}. The takt line has disappeared from the chart because "
                "there is nothing to divide the shift by.",
            )
            return
        refresh(fw, plot_line_balance(lb))
        text, kind = _balance_sentence(lb)
        say(note, text, kind)

    run = guarded(update, note)
    run()
    demand.observe(run, names="value")
    available.observe(run, names="value")
    return widgets.VBox([demand, available, fw, note])


# --------------------------------------------------------------------------- level vs chase


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
        return sum(1 for m in self.chase_overtime_minutes_per_day if m > _EPS)

    @property
    def max_stock(self) -> float:
        """The largest finished stock the levelled plan holds at a day's end."""
        return max(self.stock_per_day)


def level_vs_chase(
    demand_per_day: Sequence[float] = DAILY_DEMAND,
    station_minutes: Sequence[float] = STATION_MINUTES,
    available_minutes: float = AVAILABLE_MINUTES,
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
    items = _sequence("demand_per_day", demand_per_day, MAX_DAYS)
    demand = tuple(
        _nonneg(f"demand_per_day[{i}]", v, MAX_DEMAND_PER_SHIFT) for i, v in enumerate(items)
    )
    times = _station_minutes(station_minutes)
    available = _positive("available_minutes", available_minutes)
    work = float(sum(times))
    bottleneck = max(times)
    total = float(sum(demand))
    if total == 0:
        takt_time(available, 0)  # raises NoDemandError with its explanation
    takts = tuple(takt_time(available, d) if d > 0 else None for d in demand)
    operators = tuple(0 if t is None else math.ceil(work / t - _EPS) for t in takts)
    overtime = tuple(max(d * bottleneck - available, 0.0) for d in demand)
    level = total / len(demand)
    level_takt = takt_time(available, level)
    balance = np.cumsum(level - np.asarray(demand))
    start_stock = float(max(0.0, -balance.min()))
    stock = tuple(float(max(start_stock + b, 0.0)) for b in balance)
    return LevelVsChase(
        demand_per_day=demand,
        takt_minutes_per_day=takts,
        chase_operators_per_day=operators,
        chase_overtime_minutes_per_day=overtime,
        level_per_day=level,
        level_takt_minutes=level_takt,
        level_operators=math.ceil(work / level_takt - _EPS),
        start_stock=start_stock,
        stock_per_day=stock,
        bottleneck_minutes=bottleneck,
        available_minutes=available,
        work_content_minutes=work,
    )


def plot_level_vs_chase(plan: LevelVsChase) -> go.Figure:
    """Daily takt when chasing demand against the one levelled takt, and the stock it needs.

    Parameters
    ----------
    plan : LevelVsChase
        From :func:`level_vs_chase`.

    Returns
    -------
    plotly.graph_objects.Figure
        Top: minutes per unit each day (blue: chase; grey: level; red dashed: the
        bottleneck, below which chasing needs overtime). Bottom: levelled plan's stock.

    Examples
    --------
    >>> fig = plot_level_vs_chase(level_vs_chase())
    >>> len(fig.data)
    4
    """
    if not isinstance(plan, LevelVsChase):
        raise ValueError(f"plan must be a LevelVsChase from level_vs_chase(), got {plan!r}")
    days = list(range(1, len(plan.demand_per_day) + 1))
    fig = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        row_heights=[0.64, 0.36],
        vertical_spacing=0.08,
    )
    chase_y = [t for t in plan.takt_minutes_per_day]
    marker_colors = [
        BAD_COLOR if (t is not None and t < plan.bottleneck_minutes - _EPS) else DEMAND_COLOR
        for t in chase_y
    ]
    fig.add_trace(
        go.Scatter(
            x=days,
            y=chase_y,
            mode="lines+markers",
            name="chase: takt from each day's orders",
            line={"color": DEMAND_COLOR, "width": 2},
            marker={"color": marker_colors, "size": 11},
            customdata=list(zip(plan.demand_per_day, plan.chase_operators_per_day)),
            hovertemplate=(
                "day %{x}: %{customdata[0]:.0f} ordered, takt %{y:.1f} min, "
                "%{customdata[1]} operators<extra></extra>"
            ),
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=days,
            y=[plan.level_takt_minutes] * len(days),
            mode="lines",
            name=f"level: one takt of {plan.level_takt_minutes:.1f} min",
            line={"color": PRODUCTION_COLOR, "width": 4},
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=days,
            y=[plan.bottleneck_minutes] * len(days),
            mode="lines",
            name="slowest station: faster takt needs overtime",
            line={"color": BAD_COLOR, "width": 2, "dash": "dash"},
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Bar(
            x=days,
            y=list(plan.stock_per_day),
            name="level plan: finished stock at day's end",
            marker_color=PRODUCTION_COLOR,
            opacity=0.6,
        ),
        row=2,
        col=1,
    )
    takts = [t for t in chase_y if t is not None]
    top = max(max(takts), plan.level_takt_minutes, plan.bottleneck_minutes) * 1.12
    bottom = min(min(takts), plan.level_takt_minutes, plan.bottleneck_minutes) * 0.85
    fig.update_layout(
        title={
            "text": (
                "Chasing orders changes the pace every day; levelling keeps one pace "
                f"and holds at most {plan.max_stock:.0f} in stock"
            ),
            "font": {"size": 16},
        },
        height=450,
        margin={"t": 60, "b": 50, "l": 70, "r": 20},
        legend={"orientation": "h", "y": -0.15, "x": 0},
        font={"size": 13},
        template="plotly_white",
        shapes=[],
    )
    fig.update_yaxes(title_text="takt (min per unit)", range=[bottom, top], row=1, col=1)
    fig.update_yaxes(title_text="units in stock", rangemode="tozero", row=2, col=1)
    fig.update_xaxes(title_text="working day", dtick=1, row=2, col=1)
    return fig
