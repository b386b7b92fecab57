"""Lesson 02's figures of the funnel: where the leads go, the factory against the funnel,
and sales paced by the plant."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ...checks import result_of
from ...formatting import count, number, pct
from ...style import (
    BAD_COLOR,
    DEMAND_COLOR,
    GOOD_COLOR,
    PRODUCTION_COLOR,
    TEXT_COLOR,
    label,
    layout,
    subtitle,
)
from ..model import FactoryVsFunnel, FunnelResult, PlantPacedSales, output_cv
from ._common import _LEGEND_ABOVE, _TITLE_TOP


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


def _funnel_headline(r: FunnelResult) -> tuple[str, str]:
    """The funnel figure's title and the line under it: keeping up, or piling up."""
    if r.stable:
        won = r.deals_in_period / r.started if r.started else 0.0
        title = f"Paced at {number(r.pace_per_week)} a week: the team keeps up"
        return title, f"{pct(won, digits=1)} of started inquiries became deals this quarter"
    title = f"Paced at {number(r.pace_per_week)} a week: work piles up"
    note = (
        f"{count(r.open_at_end, 'inquiry', 'inquiries')} open at the end, the oldest "
        f"{count(r.oldest_open_age_days, 'working day')} old"
    )
    return title, note


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
    r = result_of("result", result, FunnelResult, "simulate_funnel()")
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
    title, note = _funnel_headline(r)
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
    result_of("comparison", comparison, FactoryVsFunnel, "factory_vs_funnel()")
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
    result_of("plant", plant, PlantPacedSales, "plant_paced_sales()")
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
