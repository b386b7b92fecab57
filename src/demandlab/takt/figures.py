"""Lesson 02's figures: each takes a model's result and returns a plotly figure."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..checks import InputError
from ..formatting import count, number, pct
from ..style import (
    BAD_COLOR,
    DEMAND_COLOR,
    GOOD_COLOR,
    MUTED_COLOR,
    PRODUCTION_COLOR,
    TEMPLATE,
    TEXT_COLOR,
    label,
    layout,
    subtitle,
)
from .model import (
    EPS,
    FactoryVsFunnel,
    FunnelResult,
    LevelVsChase,
    LineBalance,
    PlantPacedSales,
    output_cv,
)

_SIDE_BY_SIDE = {"horizontal_spacing": 0.12}  # two panels: room for the right one's y title
_PAPER = TEMPLATE.layout.paper_bgcolor  # the figure's background (the idle bars' fill)
# Legends sit in a row above the plot, under the title, where they cannot cover bars or
# axis titles at 1024 px (issue 19).
_TITLE_TOP = {"y": 0.98, "yref": "container", "yanchor": "top"}
_LEGEND_ABOVE = {"orientation": "h", "x": 0, "xanchor": "left", "y": 1.02, "yanchor": "bottom"}


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
    if not isinstance(balance, LineBalance):
        raise InputError(f"balance must be a LineBalance from line_balance(), got {balance!r}")
    lb = balance
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
    if not isinstance(plan, LevelVsChase):
        raise InputError(f"plan must be a LevelVsChase from level_vs_chase(), got {plan!r}")
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


def funnel_outcomes(r: FunnelResult) -> tuple[list[str], list[int], list[str]]:
    """Outcomes of the period's inquiries by its end: dropped after each stage, open, won
    (labels, counts and bar colours)."""
    labels = [f"dropped after<br>{label(name)}" for name in r.stage_names]
    counts = list(r.dropped_per_stage)
    colors = [PRODUCTION_COLOR] * len(counts)
    labels += ["still open at the end", "deals"]
    counts += [r.open_at_end, r.deals_in_period]
    colors += [BAD_COLOR, GOOD_COLOR]
    return labels, counts, colors


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
    >>> from demandlab.takt.model import simulate_funnel
    >>> fig = plot_funnel(simulate_funnel())
    >>> [t.type for t in fig.data]
    ['bar', 'scatter']
    """
    if not isinstance(result, FunnelResult):
        raise InputError(f"result must be a FunnelResult from simulate_funnel(), got {result!r}")
    r = result
    labels, counts, colors = funnel_outcomes(r)
    panels = (
        f"What became of {count(r.started, 'inquiry', 'inquiries')}",
        "Open at each week's end",
    )
    fig = make_subplots(
        1, 2, column_widths=[0.5, 0.5], horizontal_spacing=0.14, subplot_titles=panels
    )
    outcomes = go.Bar(
        x=counts,
        y=labels,
        orientation="h",
        marker_color=colors,
        text=[number(c) for c in counts],
        textposition="outside",
        cliponaxis=False,
        hovertemplate="%{y}: %{x:,.0f}<extra></extra>",
        showlegend=False,
    )
    fig.add_trace(outcomes, row=1, col=1)
    pile = go.Scatter(
        x=list(range(1, r.weeks + 1)),
        y=list(r.open_per_week),
        mode="lines+markers",
        line={"color": BAD_COLOR if not r.stable else DEMAND_COLOR, "width": 3},
        marker={"symbol": "diamond" if not r.stable else "circle", "size": 7},
        hovertemplate="week %{x}: %{y:,} open inquiries<extra></extra>",
        showlegend=False,
    )
    fig.add_trace(pile, row=1, col=2)
    won = r.deals_in_period / r.started if r.started else 0.0
    if r.stable:
        title = f"Paced at {number(r.pace_per_week)} a week: the team keeps up"
        note = f"{pct(won, digits=1)} of started inquiries became deals this quarter"
    else:
        title = f"Paced at {number(r.pace_per_week)} a week: work piles up"
        note = (
            f"{count(r.open_at_end, 'inquiry', 'inquiries')} open at the end, the oldest "
            f"{count(r.oldest_open_age_days, 'working day')} old"
        )
    color = BAD_COLOR if not r.stable else TEXT_COLOR
    fig.update_layout(
        layout(
            title={"text": title, "font": {"size": 16, "color": color}, **_TITLE_TOP},
            height=450,
            margin={"t": 120, "r": 40},
            font={"size": 13},
            shapes=[],
        )
    )
    fig.add_annotation(subtitle(note, y=1.12))
    for ann in fig.layout.annotations[:2]:  # the two panel titles, a size under the title
        ann.update(font={"size": 14})
    fig.update_xaxes(title_text="inquiries", rangemode="tozero", row=1, col=1)
    fig.update_yaxes(autorange="reversed", row=1, col=1)
    fig.update_xaxes(title_text="week of the quarter", tick0=1, dtick=2, row=1, col=2)
    # a fixed floor (the capacity pace) keeps a calm funnel visibly flat next to a pushed one
    top = max(max(r.open_per_week) * 1.15, r.capacity_pace_per_week, 10)
    fig.update_yaxes(title_text="open inquiries", range=[0, top], row=1, col=2)
    return fig


def _output_traces(c: FactoryVsFunnel) -> list[go.Scatter]:
    """Bikes per shift and deals per week, each as a percentage of its own average."""
    traces = []
    for values, name, color, dash, symbol in (
        (c.factory_output_per_period, "bikes per shift", PRODUCTION_COLOR, "solid", "circle"),
        (c.funnel_output_per_period, "deals per week", DEMAND_COLOR, "dash", "square"),
    ):
        v = np.asarray(values, dtype=float)
        mean = v.mean() if v.size and v.mean() > 0 else 1.0
        traces.append(
            go.Scatter(
                x=list(range(1, v.size + 1)),
                y=(100 * v / mean).tolist(),
                mode="lines+markers",
                name=f"{name} (CV {pct(output_cv(v))})",
                line={"color": color, "width": 3, "dash": dash},
                marker={"symbol": symbol, "size": 7},
            )
        )
    return traces


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
    >>> from demandlab.takt.model import factory_vs_funnel
    >>> [t.type for t in plot_factory_vs_funnel(factory_vs_funnel()).data]
    ['bar', 'scatter', 'scatter']
    """
    if not isinstance(comparison, FactoryVsFunnel):
        raise InputError(
            f"comparison must be a FactoryVsFunnel from factory_vs_funnel(), got {comparison!r}"
        )
    c = comparison
    panels = ("Share finished", "Output, % of average")
    fig = make_subplots(
        1, 2, column_widths=[0.35, 0.65], horizontal_spacing=0.12, subplot_titles=panels
    )
    shares = [c.factory_finished_share, c.funnel_finished_share]
    finished = go.Bar(
        x=["bike line", "sales funnel"],
        y=[100 * s for s in shares],
        marker_color=[PRODUCTION_COLOR, DEMAND_COLOR],
        text=[pct(s) if s > 0.5 else pct(s, digits=1) for s in shares],
        textposition="outside",
        cliponaxis=False,
        showlegend=False,
    )
    fig.add_trace(finished, row=1, col=1)
    for trace in _output_traces(c):
        fig.add_trace(trace, row=1, col=2)
    title = f"The factory finishes what it starts; the funnel {pct(c.funnel_finished_share)}"
    fig.update_layout(
        layout(
            title={"text": title, "font": {"size": 16}},
            height=460,
            margin={"t": 130, "l": 60, "r": 40},
            font={"size": 13},
            legend={**_LEGEND_ABOVE, "y": 1.1},
            shapes=[],
        )
    )
    fig.update_yaxes(title_text="% finished", range=[0, 115], row=1, col=1)
    outputs = (c.factory_output_per_period, c.funnel_output_per_period)
    peak = max([100.0 * x / max(np.mean(v), 1e-9) for v in outputs if len(v) for x in v] + [0.0])
    # a fixed floor keeps the scale steady when the learner runs another quarter
    fig.update_yaxes(title_text="% of average", range=[0, max(200.0, peak * 1.1)], row=1, col=2)
    fig.update_xaxes(title_text="period (shift or week)", row=1, col=2)
    return fig


def plot_plant_paced_sales(plant: PlantPacedSales) -> go.Figure:
    """What the bikes beyond buyers' demand become in a quarter paced by the plant.

    Parameters
    ----------
    plant : PlantPacedSales
        A quarter at the plant's pace (:func:`plant_paced_sales`).

    Returns
    -------
    plotly.graph_objects.Figure
        One bar per fate of the extra bikes: made beyond buyers' demand, sold at a discount,
        returned, left in stock, and the revenue given away (in bikes at list price).

    Examples
    --------
    >>> from demandlab.takt.model import plant_paced_sales
    >>> fig = plot_plant_paced_sales(plant_paced_sales())
    >>> list(fig.data[0].y)[0]
    'made beyond demand'
    """
    if not isinstance(plant, PlantPacedSales):
        raise InputError(f"plant must be a PlantPacedSales from plant_paced_sales(), got {plant!r}")
    extra = plant.made - plant.sold_at_list
    names = [
        "made beyond demand",
        "sold at a discount",
        "returned",
        "in stock at the end",
        "revenue given away",
    ]
    values = [extra, plant.sold_at_discount, plant.returned, plant.in_stock, plant.discount_given]
    colors = [PRODUCTION_COLOR, DEMAND_COLOR, BAD_COLOR, BAD_COLOR, BAD_COLOR]
    # Horizontal bars: five long names side by side overlapped at 1024 px (layout test).
    return go.Figure(
        go.Bar(
            y=names,
            x=values,
            orientation="h",
            marker_color=colors,
            text=[number(v) for v in values],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:.0f} bikes<extra></extra>",
            showlegend=False,
        ),
        layout(
            title={
                "text": (
                    f"Paced by the plant: {number(extra)} extra bikes, "
                    f"{number(plant.in_stock)} left in stock"
                ),
                **_TITLE_TOP,
            },
            # Room right of the longest bar for its number.
            xaxis={
                "title": {"text": "bikes in the quarter"},
                "range": [0, max(max(values) * 1.2, 1)],
            },
            yaxis={"title": {"text": "what the extra bikes became"}, "autorange": "reversed"},
            margin={"t": 90},
        ),
    )
