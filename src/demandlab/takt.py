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

from .widgetkit import (
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
# A tiny white template: the built-in "plotly_white" costs ~7 ms per figure to validate
# when the figure is built.
_TEMPLATE = go.layout.Template(
    layout={
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        "xaxis": {"gridcolor": "#e5e5e5", "zerolinecolor": "#cccccc"},
        "yaxis": {"gridcolor": "#e5e5e5", "zerolinecolor": "#cccccc"},
    }
)
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
        template=_TEMPLATE,
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
    avail_step = 5 if avail_max >= 100 else 1
    available = widgets.IntSlider(
        value=int(round(start.available_minutes)),
        min=avail_step,  # min a multiple of the step, so 450 (not 451) is reachable
        max=avail_max,
        step=avail_step,
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
        legend={"orientation": "h", "y": -0.2, "x": 0},
        font={"size": 13},
        template=_TEMPLATE,
        shapes=[],
    )
    fig.update_yaxes(title_text="takt (min per unit)", range=[bottom, top], row=1, col=1)
    fig.update_yaxes(title_text="units in stock", rangemode="tozero", row=2, col=1)
    fig.update_xaxes(title_text="working day", title_standoff=4, dtick=1, row=2, col=1)
    return fig


# --------------------------------------------------------------------------- sales funnel

HOURS_PER_WEEK = 40.0  # one person's working hours a week; the funnel's clock runs in these
FUNNEL_STAGES = ("Qualify", "Discovery call", "Demo & proposal", "Negotiate & close")
FUNNEL_PASS_RATES = (0.5, 0.5, 0.4, 0.5)  # share of inquiries that move on from each stage
FUNNEL_HOURS = (0.2, 1.0, 2.4, 3.0)  # mean hours of work per inquiry at each stage
FUNNEL_PEOPLE = (2, 3, 4, 2)  # people working each stage (11 in all)
FUNNEL_CV = 1.0  # work per inquiry varies as much as its mean (exponential)
DEALS_WANTED_PER_WEEK = 10.0  # buyers ready to sign, per week: the market's demand
FUNNEL_WEEKS = 13  # one quarter
FACTORY_CV = 0.15  # a standardised bike station varies by about 15% around its mean
MAX_WEEKS = 104
MAX_PACE_PER_WEEK = 5_000.0
MAX_FUNNEL_JOBS = 200_000


@dataclass(frozen=True)
class FunnelResult:
    """One quarter (or ``weeks``) of a sales funnel fed at a chosen pace.

    Attributes
    ----------
    stage_names : tuple of str
    pass_rates : tuple of float
        Share of a real buyer's inquiries that moves on from each stage.
    hours_per_inquiry, people : tuple
        Mean work per inquiry at each stage, and the people working it.
    deals_wanted_per_week : float
        Buyers' demand: how many buyers are ready to sign each week.
    buyer_yield : float
        Product of the pass rates: the share of real buyers' inquiries that become deals.
    required_inflow_per_week : float
        Inquiries a week needed to meet buyers' demand: demand / yield.
    capacity_pace_per_week : float
        The pace that would keep the whole team busy: team hours a week / expected hours
        per started inquiry (a "sales takt" from capacity).
    pace_per_week : float
        Inquiries started a week in this run.
    buyer_share : float
        Share of started inquiries that come from real buyers: min(1, required / pace).
    expected_yield : float
        Analytic share of started inquiries that become deals: buyer_yield * buyer_share.
    started, finished, dropped : int
        Inquiries started in the period, and how many of them (eventually) became deals
        or dropped out.
    finished_share : float
        finished / started, simulated.
    finished_share_ci : tuple of float
        95% Wilson confidence interval of ``finished_share`` from this run's own count.
    deals_in_period : int
        Deals closed before the period ended.
    dropped_per_stage : tuple of int
        Inquiries started in the period that dropped out after each stage before it
        ended (with ``open_at_end`` and ``deals_in_period`` they add up to ``started``).
    deals_per_week : tuple of int
        Deals closed in each week of the period.
    open_per_week : tuple of int
        Started but not finished (nor dropped) inquiries at each week's end.
    open_at_end : int
        Inquiries still open at the end of the period: started work not yet finished.
    mean_open_age_days, oldest_open_age_days : float
        Age of the open inquiries at the end of the period, in working days (8 h).
    wait_days_per_stage : tuple of float
        Mean wait before each stage, in working days.
    utilization : tuple of float
        Share of each stage's hours spent working.
    wasted_hours_share : float
        Share of all hours worked that went into inquiries that never became a deal.
    weeks : int
    stable : bool
        False when some stage gets more work than its people can do: its queue grows
        without limit.
    """

    stage_names: tuple[str, ...]
    pass_rates: tuple[float, ...]
    hours_per_inquiry: tuple[float, ...]
    people: tuple[int, ...]
    deals_wanted_per_week: float
    buyer_yield: float
    required_inflow_per_week: float
    capacity_pace_per_week: float
    pace_per_week: float
    buyer_share: float
    expected_yield: float
    started: int
    finished: int
    dropped: int
    finished_share: float
    finished_share_ci: tuple[float, float]
    deals_in_period: int
    dropped_per_stage: tuple[int, ...]
    deals_per_week: tuple[int, ...]
    open_per_week: tuple[int, ...]
    open_at_end: int
    mean_open_age_days: float
    oldest_open_age_days: float
    wait_days_per_stage: tuple[float, ...]
    utilization: tuple[float, ...]
    wasted_hours_share: float
    weeks: int
    stable: bool


def _wilson(successes: int, n: int, z: float = 1.959964) -> tuple[float, float]:
    """Wilson score interval for a binomial proportion (95% by default)."""
    if n == 0:
        return (0.0, 1.0)
    p = successes / n
    denom = 1 + z**2 / n
    centre = (p + z**2 / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


def _funnel_shape(stage_names, pass_rates, hours_per_inquiry, people):
    rates = _sequence("pass_rates", pass_rates, MAX_STATIONS)
    n = len(rates)
    passes = []
    for i, v in enumerate(rates):
        x = _number(f"pass_rates[{i}]", v)
        if not 0 < x <= 1:
            raise ValueError(f"pass_rates[{i}] must be a share in (0, 1], got {v!r}")
        passes.append(x)
    hours_list = _sequence("hours_per_inquiry", hours_per_inquiry, MAX_STATIONS)
    if len(hours_list) != n:
        raise ValueError(
            f"hours_per_inquiry must have one value per stage ({n}), got {len(hours_list)}"
        )
    hours = []
    for i, v in enumerate(hours_list):
        x = _number(f"hours_per_inquiry[{i}]", v)
        if not 0.001 <= x <= 1000:
            raise ValueError(f"hours_per_inquiry[{i}] must be in [0.001, 1000] hours, got {v!r}")
        hours.append(x)
    people_list = _sequence("people", people, MAX_STATIONS)
    if len(people_list) != n:
        raise ValueError(f"people must have one value per stage ({n}), got {len(people_list)}")
    staff = []
    for i, v in enumerate(people_list):
        if isinstance(v, bool) or not isinstance(v, numbers.Integral) or not 1 <= v <= 1000:
            raise ValueError(f"people[{i}] must be a whole number in 1..1000, got {v!r}")
        staff.append(int(v))
    names = _station_names(stage_names, n)
    return names, tuple(passes), tuple(hours), tuple(staff)


def funnel_yield(pass_rates: Sequence[float] = FUNNEL_PASS_RATES) -> float:
    """Share of inquiries that become deals: the product of the stages' pass-through rates.

    A factory line's yield is close to 1; a sales funnel's is a few percent.

    Parameters
    ----------
    pass_rates : list of float
        Share of inquiries that moves on from each stage, each in (0, 1].

    Returns
    -------
    float

    Examples
    --------
    >>> round(funnel_yield([0.5, 0.5, 0.4, 0.5]), 4)  # 0.5 * 0.5 * 0.4 * 0.5
    0.05
    """
    _, passes, _, _ = _funnel_shape(
        None,
        pass_rates,
        [1.0] * len(_sequence("pass_rates", pass_rates, MAX_STATIONS)),
        [1] * len(pass_rates),
    )
    return float(np.prod(passes))


def required_inflow(
    deals_wanted_per_week: float = DEALS_WANTED_PER_WEEK,
    pass_rates: Sequence[float] = FUNNEL_PASS_RATES,
) -> float:
    """Inquiries a week a funnel needs to meet buyers' demand: demand divided by yield.

    Parameters
    ----------
    deals_wanted_per_week : float
        Buyers' demand: deals a week (>= 0).
    pass_rates : list of float
        Share of inquiries that moves on from each stage, each in (0, 1].

    Returns
    -------
    float
        Inquiries a week.

    Examples
    --------
    >>> round(required_inflow(10, [0.5, 0.5, 0.4, 0.5]), 6)  # 10 / 0.05
    200.0
    """
    demand = _nonneg("deals_wanted_per_week", deals_wanted_per_week, MAX_PACE_PER_WEEK)
    return demand / funnel_yield(pass_rates)


def capacity_pace(
    pass_rates: Sequence[float] = FUNNEL_PASS_RATES,
    hours_per_inquiry: Sequence[float] = FUNNEL_HOURS,
    people: Sequence[int] = FUNNEL_PEOPLE,
) -> float:
    """The "sales takt from capacity": inquiries a week that would keep the whole team busy.

    Team hours a week divided by the hours an average started inquiry consumes (work at
    each stage times the share of inquiries that gets that far). It is computed from the
    team, not from buyers: a pace of this kind is push.

    Parameters
    ----------
    pass_rates : list of float
        Share of inquiries that moves on from each stage, each in (0, 1].
    hours_per_inquiry : list of float
        Mean hours of work per inquiry at each stage.
    people : list of int
        People working each stage.

    Returns
    -------
    float
        Inquiries a week.

    Examples
    --------
    >>> round(capacity_pace(), 6)  # 11 people x 40 h / 1.6 h per started inquiry
    275.0
    """
    _, passes, hours, staff = _funnel_shape(None, pass_rates, hours_per_inquiry, people)
    reach = np.concatenate([[1.0], np.cumprod(passes)[:-1]])
    hours_per_started = float(np.sum(reach * np.asarray(hours)))
    return HOURS_PER_WEEK * sum(staff) / hours_per_started


def simulate_funnel(
    pace_per_week: float | None = None,
    deals_wanted_per_week: float = DEALS_WANTED_PER_WEEK,
    *,
    stage_names: Sequence[str] | None = FUNNEL_STAGES,
    pass_rates: Sequence[float] = FUNNEL_PASS_RATES,
    hours_per_inquiry: Sequence[float] = FUNNEL_HOURS,
    people: Sequence[int] = FUNNEL_PEOPLE,
    work_cv: float = FUNNEL_CV,
    weeks: int = FUNNEL_WEEKS,
    seed: int = 2,
) -> FunnelResult:
    """Run a sales funnel for a quarter at a chosen pace of new inquiries.

    Built on the flow engine (:func:`demandlab.engine.simulate_line` with ``dropout``): each
    stage is a team working inquiries first come, first served, and after each stage an
    inquiry moves on or drops out. Buyers decide how many deals there are: when the pace
    is faster than buyers' demand needs (demand / yield), the extra inquiries are contacts
    with no intention to buy. The team cannot tell them apart: they pass the early
    stages at the same rates and only real buyers sign at the last stage. (That is an
    assumption; real funnels also lose buyers who wait too long, which this model leaves
    out, so it flatters a pushed pace.)

    Parameters
    ----------
    pace_per_week : float, optional
        Inquiries started per week (> 0, at most 5000). Default: buyers' demand /
        yield, the pace buyers set.
    deals_wanted_per_week : float
        Buyers' demand: buyers ready to sign each week (> 0).
    stage_names : list of str, optional
        One name per stage.
    pass_rates : list of float
        Share of real buyers' inquiries that moves on from each stage, each in (0, 1].
    hours_per_inquiry : list of float
        Mean hours of work per inquiry at each stage.
    people : list of int
        People working each stage.
    work_cv : float
        Coefficient of variation of the work per inquiry: 0, or in [0.01, 3] (0: every
        inquiry takes the same time; 1: as variable as its mean).
    weeks : int
        Length of the run in 40-hour weeks, 1..104.
    seed : int
        Seed for the random numbers; the same seed gives the same quarter.

    Returns
    -------
    FunnelResult

    Raises
    ------
    NoDemandError
        When ``deals_wanted_per_week`` is 0: no buyers, so no pace to follow.

    Examples
    --------
    >>> r = simulate_funnel()  # paced by buyers: 10 deals a week / 5% yield
    >>> r.pace_per_week, r.expected_yield
    (200.0, 0.05)
    >>> pushed = simulate_funnel(capacity_pace())  # paced to keep the team busy
    >>> pushed.open_at_end > r.open_at_end, pushed.stable
    (True, False)
    """
    from .engine import simulate_line

    names, passes, hours, staff = _funnel_shape(stage_names, pass_rates, hours_per_inquiry, people)
    demand = _nonneg("deals_wanted_per_week", deals_wanted_per_week, MAX_PACE_PER_WEEK)
    if demand == 0:
        raise NoDemandError(
            "deals_wanted_per_week is 0: with no buyers there is no sales takt to follow; "
            "every inquiry started would be work that never finishes"
        )
    buyer_yield = float(np.prod(passes))
    needed = demand / buyer_yield
    pace = needed if pace_per_week is None else _nonneg("pace_per_week", pace_per_week)
    if pace == 0:
        raise ValueError(
            "pace_per_week is 0: no inquiries are started, so no deal can close; pick a pace > 0"
        )
    # With no pace given, the pace is derived from deals_wanted_per_week: name the input
    # the learner actually set.
    source = "pace_per_week" if pace_per_week is not None else "deals_wanted_per_week / yield"
    if pace < 0.01:
        raise ValueError(f"{source} must be at least 0.01 inquiries a week, got {pace!r}")
    if pace > MAX_PACE_PER_WEEK:
        raise ValueError(f"{source} must be at most {MAX_PACE_PER_WEEK:g}, got {pace!r}")
    cv = _nonneg("work_cv", work_cv, 3.0)
    if 0 < cv < 0.01:  # the engine's gamma shape 1/cv^2 overflows for tiny cv
        raise ValueError(f"work_cv must be 0 or in [0.01, 3], got {work_cv!r}")
    if isinstance(weeks, bool) or not isinstance(weeks, numbers.Integral):
        raise ValueError(f"weeks must be a whole number in 1..{MAX_WEEKS}, got {weeks!r}")
    if not 1 <= weeks <= MAX_WEEKS:
        raise ValueError(f"weeks must be a whole number in 1..{MAX_WEEKS}, got {weeks!r}")
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
        raise ValueError(f"seed must be a whole number >= 0, got {seed!r}")

    buyer_share = min(1.0, needed / pace)
    # Non-buyers behave like buyers until the last stage, where only buyers sign.
    effective = list(passes)
    effective[-1] = passes[-1] * buyer_share
    expected_yield = float(np.prod(effective))
    horizon = weeks * HOURS_PER_WEEK
    # Release a little more than the period needs and keep the ones released inside it:
    # FIFO means later inquiries never change what happened to earlier ones.
    n_jobs = int(math.ceil(pace * weeks * 1.25 + 5 * math.sqrt(pace * weeks) + 10))
    if n_jobs > MAX_FUNNEL_JOBS:
        raise ValueError(
            f"pace_per_week x weeks = {pace * weeks:,.0f} inquiries is too many to simulate "
            f"here; keep it under {MAX_FUNNEL_JOBS // 1.25:,.0f}"
        )
    run = simulate_line(
        list(hours),
        machines=list(staff),
        cv=cv,
        release="push",
        arrival_rate=pace / HOURS_PER_WEEK,
        arrival_cv=1.0,
        dropout=[1.0 - p for p in effective],
        n_jobs=n_jobs,
        warmup=0,
        seed=int(seed),
    )
    rel = np.asarray(run.release_times)
    exits = np.asarray(run.exit_times)
    won = np.asarray(run.dropped_at) < 0
    inside = rel <= horizon
    started = int(np.count_nonzero(inside))
    finished = int(np.count_nonzero(inside & won))
    dropped = started - finished
    finish = np.asarray(run.finish_times)
    deals_in_period = int(np.count_nonzero(inside & won & (finish <= horizon)))
    dropped_at = np.asarray(run.dropped_at)
    gone = inside & ~won & (exits <= horizon)
    dropped_per_stage = np.bincount(dropped_at[gone], minlength=len(passes))
    week_ends = HOURS_PER_WEEK * np.arange(1, weeks + 1)
    finished_at = np.sort(finish[inside & won])
    cum_deals = np.searchsorted(finished_at, week_ends, side="right")
    deals_per_week = np.diff(np.concatenate([[0], cum_deals]))
    open_per_week = tuple(int(np.count_nonzero((rel <= t) & (exits > t))) for t in week_ends)
    open_mask = inside & (exits > horizon)
    ages_days = (horizon - rel[open_mask]) / 8.0
    S = np.asarray(run.service_times)
    last = np.where(won, S.shape[0] - 1, dropped_at)
    visited = np.arange(S.shape[0])[:, None] <= last[None, :]
    hours_worked = np.where(visited, S, 0.0)[:, inside].sum(axis=0)
    total_hours = float(hours_worked.sum())
    wasted = float(hours_worked[~won[inside]].sum()) / total_hours if total_hours > 0 else 0.0
    return FunnelResult(
        stage_names=names,
        pass_rates=passes,
        hours_per_inquiry=hours,
        people=staff,
        deals_wanted_per_week=demand,
        buyer_yield=buyer_yield,
        required_inflow_per_week=needed,
        capacity_pace_per_week=capacity_pace(passes, hours, staff),
        pace_per_week=pace,
        buyer_share=buyer_share,
        expected_yield=expected_yield,
        started=started,
        finished=finished,
        dropped=dropped,
        finished_share=finished / started if started else 0.0,
        finished_share_ci=_wilson(finished, started),
        deals_in_period=deals_in_period,
        dropped_per_stage=tuple(int(x) for x in dropped_per_stage),
        deals_per_week=tuple(int(x) for x in deals_per_week),
        open_per_week=open_per_week,
        open_at_end=int(np.count_nonzero(open_mask)),
        mean_open_age_days=float(ages_days.mean()) if ages_days.size else 0.0,
        oldest_open_age_days=float(ages_days.max()) if ages_days.size else 0.0,
        wait_days_per_stage=tuple(float(q) / 8.0 for q in run.queue_time),
        utilization=tuple(float(u) for u in run.utilization),
        wasted_hours_share=wasted,
        weeks=int(weeks),
        stable=bool(run.stable),
    )


def plot_funnel(result: FunnelResult) -> go.Figure:
    """Where a quarter's inquiries went, and how many were still open at each week's end.

    Left: what happened to the inquiries started in the period (grey: dropped out after a
    stage; red: still open when the period ended; green: deals). Right: started but
    unfinished inquiries at each week's end; a line that keeps climbing is a queue of
    aging inquiries.

    Parameters
    ----------
    result : FunnelResult
        From :func:`simulate_funnel`.

    Returns
    -------
    plotly.graph_objects.Figure

    Examples
    --------
    >>> fig = plot_funnel(simulate_funnel())
    >>> [t.type for t in fig.data]
    ['bar', 'scatter']
    """
    if not isinstance(result, FunnelResult):
        raise ValueError(f"result must be a FunnelResult from simulate_funnel(), got {result!r}")
    r = result
    labels, counts, colors = _funnel_outcomes(r)
    fig = make_subplots(
        rows=1,
        cols=2,
        column_widths=[0.55, 0.45],
        horizontal_spacing=0.12,
        subplot_titles=(
            f"What became of {r.started:,} inquiries started",
            "Started but unfinished, at each week's end",
        ),
    )
    fig.add_trace(
        go.Bar(
            x=counts,
            y=labels,
            orientation="h",
            marker_color=colors,
            text=[f"{c:,.0f}" for c in counts],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:,.0f}<extra></extra>",
            showlegend=False,
        ),
        row=1,
        col=1,
    )
    weeks = list(range(1, r.weeks + 1))
    fig.add_trace(
        go.Scatter(
            x=weeks,
            y=list(r.open_per_week),
            mode="lines+markers",
            line={"color": BAD_COLOR if not r.stable else DEMAND_COLOR, "width": 3},
            hovertemplate="week %{x}: %{y:,} open inquiries<extra></extra>",
            showlegend=False,
        ),
        row=1,
        col=2,
    )
    if r.stable:
        title = (
            f"Paced at {r.pace_per_week:.0f} inquiries a week: the team keeps up; "
            f"{r.finished_share:.1%} of started inquiries become deals"
        )
    else:
        title = (
            f"Paced at {r.pace_per_week:.0f} a week: {r.open_at_end:,} inquiries pile up "
            f"unfinished, the oldest {r.oldest_open_age_days:.0f} working days old"
        )
    fig.update_layout(
        title={"text": title, "font": {"size": 16, "color": BAD_COLOR if not r.stable else "#333"}},
        height=430,
        margin={"t": 90, "b": 60, "l": 170, "r": 30},
        font={"size": 13},
        template=_TEMPLATE,
        shapes=[],
    )
    fig.update_xaxes(title_text="inquiries", rangemode="tozero", row=1, col=1)
    fig.update_yaxes(autorange="reversed", row=1, col=1)
    fig.update_xaxes(title_text="week of the quarter", dtick=1, row=1, col=2)
    # a fixed floor (the capacity pace) keeps a calm funnel visibly flat next to a pushed one
    top = max(max(r.open_per_week) * 1.15, r.capacity_pace_per_week, 10)
    fig.update_yaxes(title_text="open inquiries", range=[0, top], row=1, col=2)
    return fig


def _funnel_outcomes(r: FunnelResult) -> tuple[list[str], list[int], list[str]]:
    """Outcomes of the period's inquiries by its end: dropped after each stage, open, won."""
    labels = [f"dropped after {esc(name)}" for name in r.stage_names]
    counts = list(r.dropped_per_stage)
    colors = [PRODUCTION_COLOR] * len(counts)
    labels += ["still open at the end", "deals"]
    counts += [r.open_at_end, r.deals_in_period]
    colors += [BAD_COLOR, GOOD_COLOR]
    return labels, counts, colors


def _pace_sentence(r: FunnelResult, source: str = "") -> tuple[str, str]:
    sales_takt = takt_time(HOURS_PER_WEEK * 60, r.pace_per_week)
    head = (
        f"Pace {r.pace_per_week:.0f} inquiries a week{source}: a new one every "
        f"{sales_takt:.1f} minutes of the working week. "
    )
    body = (
        f"{r.finished_share:.1%} of started inquiries became deals; "
        f"{r.deals_in_period} deals closed this quarter; "
        f"{r.wasted_hours_share:.0%} of the team's hours went into inquiries that never bought."
    )
    if not r.stable:
        return (
            head + f"The team cannot keep up: {r.open_at_end:,} inquiries were started and not "
            f"finished at quarter end, waiting {r.mean_open_age_days:.1f} working days on "
            f"average (the oldest {r.oldest_open_age_days:.0f}). " + body,
            "warn",
        )
    if r.pace_per_week < r.required_inflow_per_week - 1e-9:
        missed = r.deals_wanted_per_week * r.weeks - r.deals_in_period
        return (
            head + f"That is fewer inquiries than buyers send ({r.required_inflow_per_week:.0f} "
            f"a week): about {max(missed, 0):.0f} buyers went unanswered this quarter. " + body,
            "info",
        )
    return head + body, "good"


def funnel_explorer(
    deals_wanted_per_week: float = DEALS_WANTED_PER_WEEK,
    *,
    weeks: int = FUNNEL_WEEKS,
    seed: int = 2,
) -> widgets.VBox:
    """Pace a sales funnel from team capacity or from buyers' demand and compare.

    Two buttons set the pace: "from team capacity" (keep everyone busy) and "from buyers'
    demand" (demand / yield). A slider sets any other pace; a second slider sets how
    variable the work per inquiry is.

    Parameters
    ----------
    deals_wanted_per_week : float
        Buyers' demand: deals a week (> 0).
    weeks : int
        Length of each run in 40-hour weeks.
    seed : int
        Seed for the random numbers.

    Returns
    -------
    ipywidgets.VBox
        Buttons, pace and variability sliders, live figure, message.

    Examples
    --------
    >>> w = funnel_explorer()
    >>> w.children[0].children[1].click()  # pace from buyers' demand
    >>> w.children[1].value
    200
    """
    start = simulate_funnel(None, deals_wanted_per_week, weeks=weeks, seed=seed)
    cap = start.capacity_pace_per_week
    need = start.required_inflow_per_week
    top = int(min(MAX_PACE_PER_WEEK, max(2 * cap, 1.5 * need, 10)))
    from_capacity = widgets.Button(
        description=f"Pace from team capacity ({cap:.0f} / week)",
        layout={"width": "300px"},
    )
    from_buyers = widgets.Button(
        description=f"Pace from buyers' demand ({need:.0f} / week)",
        button_style="info",
        layout={"width": "300px"},
    )
    pace = widgets.IntSlider(
        value=int(round(cap)),
        min=0,
        max=top,
        step=5 if top >= 100 else 1,
        description="Inquiries started / week",
        style={"description_width": "initial"},
        layout={"width": "520px"},
        continuous_update=False,
    )
    variability = widgets.FloatSlider(
        value=FUNNEL_CV,
        min=0.0,
        max=2.0,
        step=0.25,
        description="Variability of work per inquiry (CV)",
        style={"description_width": "initial"},
        layout={"width": "520px"},
        continuous_update=False,
    )
    first = simulate_funnel(pace.value, deals_wanted_per_week, weeks=weeks, seed=seed)
    fw = figure_widget(plot_funnel(first))
    note = message_area()
    source = {"text": " (from team capacity)"}

    def update(change: dict | None = None) -> None:
        r = simulate_funnel(
            pace.value, deals_wanted_per_week, work_cv=variability.value, weeks=weeks, seed=seed
        )
        refresh(fw, plot_funnel(r))
        text, kind = _pace_sentence(r, source["text"])
        say(note, text, kind)
        source["text"] = ""

    run = guarded(update, note)

    def set_pace(value: float, label: str) -> None:
        source["text"] = label
        if pace.value == int(round(value)):
            run()
        else:
            pace.value = int(round(value))  # the observer runs the model

    from_capacity.on_click(lambda _: set_pace(cap, " (from team capacity)"))
    from_buyers.on_click(lambda _: set_pace(need, " (from buyers' demand)"))
    text, kind = _pace_sentence(first, " (from team capacity)")
    say(note, text, kind)
    source["text"] = ""
    pace.observe(run, names="value")
    variability.observe(run, names="value")
    return widgets.VBox([widgets.HBox([from_capacity, from_buyers]), pace, variability, fw, note])


# --------------------------------------------------------------------------- factory vs funnel


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


def _cv(values) -> float:
    x = np.asarray(values, dtype=float)
    m = float(x.mean()) if x.size else 0.0
    return float(x.std() / m) if m > 0 else 0.0


def factory_vs_funnel(shifts: int = 14, seed: int = 2) -> FactoryVsFunnel:
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
    from .engine import simulate_line

    if (
        isinstance(shifts, bool)
        or not isinstance(shifts, numbers.Integral)
        or not (2 <= shifts <= 1000)
    ):
        raise ValueError(f"shifts must be a whole number in 2..1000, got {shifts!r}")
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
        raise ValueError(f"seed must be a whole number >= 0, got {seed!r}")
    takt = takt_time(AVAILABLE_MINUTES, DEMAND_PER_SHIFT)
    line = simulate_line(
        list(STATION_MINUTES),
        cv=FACTORY_CV,
        release="push",
        arrival_rate=1.0 / takt,
        arrival_cv=0.0,
        n_jobs=int(DEMAND_PER_SHIFT * shifts),
        warmup=0,
        seed=int(seed),
    )
    finish = np.asarray(line.finish_times)
    edges = AVAILABLE_MINUTES * np.arange(1, shifts + 1)
    per_shift = np.diff(np.concatenate([[0], np.searchsorted(np.sort(finish), edges)]))[1:]
    funnel = simulate_funnel(seed=int(seed))
    return FactoryVsFunnel(
        factory_finished_share=line.finished / line.started,
        funnel_finished_share=funnel.finished_share,
        factory_work_cv=FACTORY_CV,
        funnel_work_cv=FUNNEL_CV,
        factory_output_per_period=tuple(int(x) for x in per_shift),
        funnel_output_per_period=funnel.deals_per_week,
        factory_output_cv=_cv(per_shift),
        funnel_output_cv=_cv(funnel.deals_per_week),
        factory_wasted_share=0.0,  # no drop-outs: every hour worked ends in a bike
        funnel_wasted_share=funnel.wasted_hours_share,
    )


def plot_factory_vs_funnel(comparison: FactoryVsFunnel) -> go.Figure:
    """Yield and steadiness of the bike line against the sales funnel.

    Left: share of started work that finishes. Right: output per period as a percentage
    of its own average (bikes per shift; deals per week).

    Parameters
    ----------
    comparison : FactoryVsFunnel
        From :func:`factory_vs_funnel`.

    Returns
    -------
    plotly.graph_objects.Figure

    Examples
    --------
    >>> [t.type for t in plot_factory_vs_funnel(factory_vs_funnel()).data]
    ['bar', 'scatter', 'scatter']
    """
    if not isinstance(comparison, FactoryVsFunnel):
        raise ValueError(
            f"comparison must be a FactoryVsFunnel from factory_vs_funnel(), got {comparison!r}"
        )
    c = comparison
    fig = make_subplots(
        rows=1,
        cols=2,
        column_widths=[0.35, 0.65],
        horizontal_spacing=0.12,
        subplot_titles=("Share of started work that finishes", "Output, % of its own average"),
    )
    shares = [c.factory_finished_share, c.funnel_finished_share]
    fig.add_trace(
        go.Bar(
            x=["bike line", "sales funnel"],
            y=[100 * s for s in shares],
            marker_color=[PRODUCTION_COLOR, DEMAND_COLOR],
            text=[f"{s:.0%}" if s > 0.5 else f"{s:.1%}" for s in shares],
            textposition="outside",
            cliponaxis=False,
            showlegend=False,
        ),
        row=1,
        col=1,
    )
    for values, name, color in (
        (c.factory_output_per_period, "bikes per shift", PRODUCTION_COLOR),
        (c.funnel_output_per_period, "deals per week", DEMAND_COLOR),
    ):
        v = np.asarray(values, dtype=float)
        mean = v.mean() if v.size and v.mean() > 0 else 1.0
        fig.add_trace(
            go.Scatter(
                x=list(range(1, v.size + 1)),
                y=(100 * v / mean).tolist(),
                mode="lines+markers",
                name=f"{name} (CV {_cv(v):.0%})",
                line={"color": color, "width": 3},
            ),
            row=1,
            col=2,
        )
    fig.update_layout(
        title={
            "text": (
                f"A factory finishes what it starts, steadily; the funnel finishes "
                f"{c.funnel_finished_share:.0%} and swings week to week"
            ),
            "font": {"size": 16},
        },
        height=420,
        margin={"t": 90, "b": 60, "l": 60, "r": 20},
        font={"size": 13},
        template=_TEMPLATE,
        legend={"orientation": "h", "y": -0.3, "x": 0.4},
        shapes=[],
    )
    fig.update_yaxes(title_text="% finished", range=[0, 115], row=1, col=1)
    peak = max(
        [
            100.0 * x / max(np.mean(v), 1e-9)
            for v in (c.factory_output_per_period, c.funnel_output_per_period)
            if len(v)
            for x in v
        ]
        + [0.0]
    )
    # a fixed floor keeps the scale steady when the learner runs another quarter
    fig.update_yaxes(title_text="% of average", range=[0, max(200.0, peak * 1.1)], row=1, col=2)
    fig.update_xaxes(title_text="period (shift or week)", row=1, col=2)
    return fig


# --------------------------------------------------------------------------- more widgets


def _swung(demand: Sequence[float], swing_percent: float) -> tuple[float, ...]:
    """Daily orders with their swings around the average scaled by ``swing_percent``."""
    d = np.asarray(demand, dtype=float)
    scaled = d.mean() + (swing_percent / 100.0) * (d - d.mean())
    return tuple(float(x) for x in np.maximum(np.round(scaled), 0.0))


def level_explorer(
    demand_per_day: Sequence[float] = DAILY_DEMAND,
    station_minutes: Sequence[float] = STATION_MINUTES,
    available_minutes: float = AVAILABLE_MINUTES,
) -> widgets.VBox:
    """Scale how much daily orders swing and compare chasing them with a levelled pace.

    At 0% every day is the average (chase and level are the same plan); at 100% the days
    are as given; at 200% every swing is twice as large.

    Parameters
    ----------
    demand_per_day : list of float
        Units ordered each day (the 100% setting).
    station_minutes : list of float
        Minutes of work per unit at each station.
    available_minutes : float
        Net available minutes per day (one shift).

    Returns
    -------
    ipywidgets.VBox
        Swing slider, live figure, message.

    Examples
    --------
    >>> w = level_explorer()
    >>> w.children[0].value = 0  # no swings: chasing needs no overtime
    >>> "overtime on 0 days" in w.children[-1].value
    True
    """
    base = level_vs_chase(demand_per_day, station_minutes, available_minutes)
    swing = widgets.IntSlider(
        value=100,
        min=0,
        max=200,
        step=10,
        description="Swing of daily orders (% of the real ones)",
        style={"description_width": "initial"},
        layout={"width": "520px"},
        continuous_update=True,
    )
    fw = figure_widget(plot_level_vs_chase(base))
    note = message_area()

    def update(change: dict | None = None) -> None:
        plan = level_vs_chase(
            _swung(base.demand_per_day, swing.value), station_minutes, available_minutes
        )
        refresh(fw, plot_level_vs_chase(plan))
        takts = [t for t in plan.takt_minutes_per_day if t is not None]
        text = (
            f"Chase: takt from {min(takts):.1f} to {max(takts):.1f} min, "
            f"{min(plan.chase_operators_per_day)} to {max(plan.chase_operators_per_day)} "
            f"operators, overtime on {plan.overtime_days} days. "
            f"Level: one takt of {plan.level_takt_minutes:.1f} min, {plan.level_operators} "
            f"operators every day, a stock of at most {plan.max_stock:.0f} units."
        )
        say(note, text, "warn" if plan.overtime_days else "info")

    run = guarded(update, note)
    run()
    swing.observe(run, names="value")
    return widgets.VBox([swing, fw, note])


def factory_vs_funnel_explorer(seed: int = 2) -> widgets.VBox:
    """The bike line against the sales funnel; a button runs another quarter.

    Each press draws new random numbers: the bike line stays at 50 a shift, the funnel's
    weekly deals jump around.

    Parameters
    ----------
    seed : int
        Seed of the first run; each press adds one.

    Returns
    -------
    ipywidgets.VBox
        Button, live figure, message.

    Examples
    --------
    >>> w = factory_vs_funnel_explorer()
    >>> w.children[0].click()
    >>> "quarter 2" in w.children[-1].value
    True
    """
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
        raise ValueError(f"seed must be a whole number >= 0, got {seed!r}")
    state = {"seed": int(seed), "runs": 1}
    first = factory_vs_funnel(seed=state["seed"])
    button = widgets.Button(description="Run another quarter", button_style="info")
    fw = figure_widget(plot_factory_vs_funnel(first))
    note = message_area()

    def describe(c: FactoryVsFunnel) -> None:
        deals = c.funnel_output_per_period
        say(
            note,
            f"Run {state['runs']} (quarter {state['runs']}): the bike line finished "
            f"{c.factory_finished_share:.0%} of what it started, "
            f"{min(c.factory_output_per_period)} to {max(c.factory_output_per_period)} bikes a "
            f"shift; the funnel finished {c.funnel_finished_share:.1%}, {min(deals)} to "
            f"{max(deals)} deals a week.",
        )

    def again(_: object = None) -> None:
        state["seed"] += 1
        state["runs"] += 1
        c = factory_vs_funnel(seed=state["seed"])
        refresh(fw, plot_factory_vs_funnel(c))
        describe(c)

    describe(first)
    button.on_click(guarded(again, note))
    return widgets.VBox([button, fw, note])
