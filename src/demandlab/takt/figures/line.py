"""Lesson 02's figures of the line: its balance against takt, and level vs chase."""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ...checks import result_of
from ...formatting import count, number
from ...style import (
    BAD_COLOR,
    DEMAND_COLOR,
    MUTED_COLOR,
    PRODUCTION_COLOR,
    TEXT_COLOR,
    label,
    layout,
    subtitle,
)
from ..model import EPS, LevelVsChase, LineBalance
from ._common import _LEGEND_ABOVE, _PAPER, _TITLE_TOP


def _axis_top(lb: LineBalance) -> float:
    """A fixed y-range so the takt line visibly moves instead of the axis rescaling."""
    return max(2.0 * lb.bottleneck_minutes, 1.0)


def _station_bars(lb: LineBalance, names: list[str], top: float) -> list[go.Bar]:
    """Work per unit (red above takt) and, stacked on it, each station's idle wait."""
    takt = lb.takt_minutes
    over = [takt is not None and t > takt + EPS for t in lb.station_minutes]
    idle = lb.idle_minutes_per_cycle or tuple(0.0 for _ in lb.station_minutes)
    work = go.Bar(
        x=names,
        y=list(lb.station_minutes),
        name="work per bike (min)",
        marker_color=[BAD_COLOR if o else PRODUCTION_COLOR for o in over],
        text=[f"{number(t, digits=1)} min" for t in lb.station_minutes],
        textposition="inside",
        insidetextanchor="start",
        textfont={"size": 15, "color": _PAPER},
        hovertemplate="%{x}: %{y:.1f} min of work per unit<extra></extra>",
    )
    wait = go.Bar(
        x=names,
        y=[max(min(i, top - t), 0.0) for i, t in zip(idle, lb.station_minutes)],
        name="idle each cycle (min)",
        marker={
            "color": _PAPER,
            "line": {"color": PRODUCTION_COLOR, "width": 1},
            "pattern": {"shape": "/", "fgcolor": MUTED_COLOR, "fgopacity": 0.35},
        },
        hovertemplate="%{x}: idle %{y:.1f} min per cycle<extra></extra>",
    )
    return [work, wait]


def _takt_marks(lb: LineBalance, top: float) -> tuple[list[dict], list[dict], list[go.Scatter]]:
    """The dashed takt line and its legend entry (the label: never on top of the bars);
    nothing with no demand (the title says why)."""
    takt = lb.takt_minutes
    if takt is None:
        return [], [], []
    shown = min(takt, top)
    line = {
        "type": "line",
        "xref": "paper",
        "x0": 0,
        "x1": 1,
        "yref": "y",
        "y0": shown,
        "y1": shown,
        "line": {"color": DEMAND_COLOR, "width": 3, "dash": "dash"},
    }
    text = f"takt {number(takt, digits=1)} min (customer pace)"
    if takt > top:
        text = f"takt {number(takt)} min: above the chart (very low demand)"
    key = go.Scatter(
        x=[None],
        y=[None],
        mode="lines",
        name=text,
        line={"color": DEMAND_COLOR, "width": 3, "dash": "dash"},
        hoverinfo="skip",
    )
    return [line], [], [key]


def _balance_title(lb: LineBalance) -> str:
    takt = lb.takt_minutes
    if takt is None:
        return "No demand, no takt: nothing sets the pace, so the line should rest"
    people = "operator" if lb.min_operators == 1 else "operators"
    if lb.meets_demand and takt >= 2 * lb.bottleneck_minutes:
        return "Low demand: every station waits most of each cycle, and that is right"
    if lb.meets_demand:
        return (
            f"Every station fits inside takt: {number(lb.demand_per_shift)} a shift "
            f"needs at least {number(lb.min_operators)} {people}"
        )
    return (
        f"{label(lb.bottleneck)} is slower than takt: at most "
        f"{number(lb.whole_units_per_shift)} of {number(lb.demand_per_shift)} "
        "a shift"
    )


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
    >>> from demandlab.takt.model import line_balance
    >>> fig = plot_line_balance(line_balance())
    >>> len(fig.layout.shapes), fig.data[0].type
    (1, 'bar')
    """
    lb = result_of("balance", balance, LineBalance, "line_balance()")
    top = _axis_top(lb)
    shapes, annotations, key = _takt_marks(lb, top)
    # layout in the constructor, not update_layout(): half the slider's Python time (issue 15)
    return go.Figure(
        _station_bars(lb, [label(n) for n in lb.station_names], top) + key,
        layout(
            title={
                "text": _balance_title(lb),
                "font": {"size": 17, "color": BAD_COLOR if not lb.meets_demand else TEXT_COLOR},
            },
            barmode="stack",
            yaxis={"title": "minutes per unit", "range": [0, top * 1.05]},
            xaxis={"title": "station (work flows left to right)"},
            shapes=shapes,
            annotations=annotations,
            margin={"t": 110, "r": 40},
            legend={**_LEGEND_ABOVE, "traceorder": "normal"},
        ),
    )


def _takt_traces(plan: LevelVsChase, days: list[int]) -> list[go.Scatter]:
    """Chase takt per day (red dots need overtime), the level takt and the bottleneck."""
    chase = list(plan.takt_minutes_per_day)
    over = [t is not None and t < plan.bottleneck_minutes - EPS for t in chase]
    dots = [BAD_COLOR if o else DEMAND_COLOR for o in over]
    symbols = ["x" if o else "circle" for o in over]  # overtime days differ by shape too
    flat = {"x": days, "mode": "lines"}
    return [
        go.Scatter(
            x=days,
            y=chase,
            mode="lines+markers",
            name="chase: each day's takt (× overtime)",
            line={"color": DEMAND_COLOR, "width": 2},
            marker={"color": dots, "size": 11, "symbol": symbols},
            customdata=list(zip(plan.demand_per_day, plan.chase_operators_per_day)),
            hovertemplate=(
                "day %{x}: %{customdata[0]:.0f} ordered, takt %{y:.1f} min, "
                "%{customdata[1]} operators<extra></extra>"
            ),
        ),
        go.Scatter(
            **flat,
            y=[plan.level_takt_minutes] * len(days),
            name=f"level: {number(plan.level_takt_minutes, digits=1)} min",
            line={"color": PRODUCTION_COLOR, "width": 4, "dash": "solid"},
        ),
        go.Scatter(
            **flat,
            y=[plan.bottleneck_minutes] * len(days),
            name="slowest station",
            line={"color": BAD_COLOR, "width": 2, "dash": "dash"},
        ),
    ]


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
    >>> from demandlab.takt.model import level_vs_chase
    >>> fig = plot_level_vs_chase(level_vs_chase())
    >>> len(fig.data)
    4
    """
    result_of("plan", plan, LevelVsChase, "level_vs_chase()")
    days = list(range(1, len(plan.demand_per_day) + 1))
    fig = make_subplots(
        rows=2, cols=1, shared_xaxes=True, row_heights=[0.64, 0.36], vertical_spacing=0.08
    )
    for trace in _takt_traces(plan, days):
        fig.add_trace(trace, row=1, col=1)
    stock = go.Bar(
        x=days,
        y=list(plan.stock_per_day),
        name="level plan's stock",
        marker_color=PRODUCTION_COLOR,
        opacity=0.6,
    )
    fig.add_trace(stock, row=2, col=1)
    takts = [t for t in plan.takt_minutes_per_day if t is not None]
    marks = (plan.level_takt_minutes, plan.bottleneck_minutes)
    top = max(max(takts), *marks) * 1.12
    bottom = min(min(takts), *marks) * 0.85
    if number(min(takts), digits=1) == number(max(takts), digits=1):
        title = "No swing: chase and level are one pace"
        note = "one takt every day, no stock needed"
    else:
        title = "Chase changes the pace daily; level keeps one"
        note = f"levelling holds at most {count(plan.max_stock, 'unit')} in stock"
    fig.update_layout(
        layout(
            # the title pinned to the top, the note under it, the legend above the plot
            title={"text": title, "font": {"size": 16}, **_TITLE_TOP},
            height=520,
            # the legend at the figure's foot, under the x title: it may wrap at 1024 px
            margin={"t": 100, "b": 120, "r": 40},
            legend={"orientation": "h", "x": 0, "xanchor": "left", "y": -0.16, "yanchor": "top"},
            font={"size": 13},
            shapes=[],
            annotations=[subtitle(note, y=1.06)],
        )
    )
    fig.update_yaxes(title_text="takt (min)", range=[bottom, top], row=1, col=1)
    fig.update_yaxes(title_text="in stock", rangemode="tozero", row=2, col=1)
    fig.update_xaxes(title_text="working day", title_standoff=4, dtick=1, row=2, col=1)
    return fig
