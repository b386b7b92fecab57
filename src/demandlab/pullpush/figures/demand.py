"""Lesson 03's figures of demand: forecast push vs demand pull on the shelf, and pull in
a sales funnel. Each takes a result and draws it; none runs a simulation."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ...formatting import count, money, number, pct
from ...style import (
    BAD_COLOR,
    DEMAND_COLOR,
    GOOD_COLOR,
    PRODUCTION_COLOR,
    TEXT_COLOR,
    layout,
    subtitle,
)
from .. import scenario as sc
from ..model import (
    ForecastVsPull,
    PullInSales,
    level_index,
    result_of,
    shown_days,
)

# ----------------------------------------------------------------------------- forecast vs pull


# The stock path (wide, left) and the average-stock bars (narrow, right).
_SHELF_PANELS = {"rows": 1, "cols": 2, "column_widths": [0.66, 0.34], "horizontal_spacing": 0.1}


def _shelf_traces(fig: go.Figure, cmp: ForecastVsPull, n: int) -> None:
    """Stock on the shelf for the first ``n`` days (left); average stock and its cash (right)."""
    for name, pol, color, dash in (
        ("forecast push", cmp.push, PRODUCTION_COLOR, "dash"),
        ("demand pull", cmp.pull, DEMAND_COLOR, "solid"),
    ):
        fig.add_trace(
            go.Scatter(
                x=np.arange(1, n + 1),
                y=pol.stock_path[:n],
                mode="lines",
                name=name,
                line={"color": color, "width": 2, "dash": dash},
                hovertemplate=f"{name}, day %{{x}}: %{{y:.0f}} units<extra></extra>",
            ),
            row=1,
            col=1,
        )
    means = [cmp.push.mean_stock_units, cmp.pull.mean_stock_units]
    cash = [cmp.push.cash_tied, cmp.pull.cash_tied]
    fig.add_trace(
        go.Bar(
            x=["forecast<br>push", "demand<br>pull"],
            y=means,
            name="average stock",
            marker_color=[PRODUCTION_COLOR, DEMAND_COLOR],
            # one "$" per label string: plotly would typeset "$...$" as LaTeX
            text=[f"{number(u)} units<br>{money(c)}" for u, c in zip(means, cash)],
            marker_pattern_shape=["/", ""],
            textposition="outside",
            cliponaxis=False,
            showlegend=False,
            hovertemplate="%{y:.1f} units on average<extra></extra>",
        ),
        row=1,
        col=2,
    )


def plot_forecast_vs_pull(cmp: ForecastVsPull, show_days: int = sc.SHOW_DAYS) -> go.Figure:
    """Finished goods over time for forecast push and demand pull at the same fill rate,
    and the average stock and cash each ties up.

    Parameters
    ----------
    cmp : ForecastVsPull
        From :func:`forecast_vs_pull`.
    show_days : int
        Days of the stock path to draw, 10..days (default 120).

    Returns
    -------
    plotly.graph_objects.Figure
        Left: units on the shelf per day (push grey, pull blue). Right: average stock bars
        labelled with the cash tied up.

    Examples
    --------
    >>> from demandlab.pullpush.model import forecast_vs_pull
    >>> fig = plot_forecast_vs_pull(forecast_vs_pull(seed=1))
    >>> [t.name for t in fig.data]
    ['forecast push', 'demand pull', 'average stock']
    """
    n = shown_days(cmp, show_days)
    titles = (f"Units on the shelf, first {n} days", "Average stock")
    fig = make_subplots(**_SHELF_PANELS, subplot_titles=titles)
    _shelf_traces(fig, cmp, n)
    top = max(float(cmp.push.stock_path[:n].max()), float(cmp.pull.stock_path[:n].max()))
    means = max(cmp.push.mean_stock_units, cmp.pull.mean_stock_units)
    fig.update_yaxes(title_text="units on the shelf", range=[0, top * 1.1 + 1], row=1, col=1)
    fig.update_yaxes(title_text="units (average)", range=[0, means * 1.35 + 1], row=1, col=2)
    fig.update_xaxes(title_text="day", row=1, col=1)
    title = f"Same service, {number(cmp.stock_ratio, digits=1)}x the stock for forecast push"
    note = (
        f"Fill rate {pct(cmp.fill_rate_target)} for both; forecast error "
        f"{pct(cmp.forecast_error)}, a plan every {count(cmp.plan_every_days, 'day')}"
    )
    fig.update_layout(
        layout(
            title={"text": title, "font": {"size": 16}},
            height=440,
            margin={"t": 110, "b": 120, "l": 60, "r": 20},
            legend={"orientation": "h", "y": -0.3, "yanchor": "top"},
            shapes=[],
        )
    )
    fig.add_annotation(subtitle(note, y=1.14))
    return fig


# ----------------------------------------------------------------------------- pull in sales


def _ring(x: float, y: float) -> go.Scatter:
    """An open ring around one point: the level the learner picked."""
    marker = {"size": 18, "symbol": "circle-open", "color": TEXT_COLOR, "line": {"width": 2.5}}
    return go.Scatter(
        x=[x], y=[y], mode="markers", marker=marker, showlegend=False, hoverinfo="skip"
    )


def _sales_traces(fig: go.Figure, sales: PullInSales, i: int, month: float) -> None:
    """Open deals saved (left); wins a month and leads per win (right); level ``i`` ringed."""
    x = 100 * sales.abandon_per_stage
    saved_pct = 100 * sales.open_deals_saved
    # CI of 1 - capped/uncapped from the uncapped CI (the capped funnel holds exactly wip_cap)
    saved_ci = 100 * sales.open_deals_capped / sales.open_deals_uncapped**2
    saved_ci = saved_ci * sales.open_deals_uncapped_ci
    lines = (  # (panel, on the right-hand axis, trace)
        (
            1,
            False,
            go.Scatter(
                y=saved_pct,
                name=f"open deals saved by a cap of {sales.wip_cap} (same wins)",
                line={"color": GOOD_COLOR, "width": 3},
                marker={"symbol": "circle", "size": 8},
                error_y={"type": "data", "array": saved_ci, "visible": True},
                hovertemplate="abandon %{x:.0f}%/stage: %{y:.0f}% fewer open deals<extra></extra>",
            ),
        ),
        (
            2,
            False,
            go.Scatter(
                y=sales.wins_per_day_capped * month,
                name="deals won per month (cap)",
                line={"color": DEMAND_COLOR, "width": 3},
                marker={"symbol": "square", "size": 8},
                hovertemplate="abandon %{x:.0f}%/stage: %{y:.1f} wins/month<extra></extra>",
            ),
        ),
        (
            2,
            True,
            go.Scatter(
                y=sales.leads_per_win,
                name="leads needed per win",
                line={"color": BAD_COLOR, "width": 2, "dash": "dash"},
                marker={"symbol": "triangle-up", "size": 9},
                hovertemplate="abandon %{x:.0f}%/stage: %{y:.1f} leads per win<extra></extra>",
            ),
        ),
    )
    for col, secondary, trace in lines:
        trace.update(x=x, mode="lines+markers")
        fig.add_trace(trace, row=1, col=col, secondary_y=secondary)
    for col, y in ((1, saved_pct[i]), (2, sales.wins_per_day_capped[i] * month)):
        fig.add_trace(_ring(x[i], y), row=1, col=col)


def plot_pull_in_sales(sales: PullInSales, highlight: float | None = None) -> go.Figure:
    """Pull in a sales funnel: open deals saved by the cap, and what the cap costs in wins,
    as abandonment grows.

    Parameters
    ----------
    sales : PullInSales
        From :func:`pull_in_sales`.
    highlight : float, optional
        An abandonment level to mark (the nearest level computed is marked).

    Returns
    -------
    plotly.graph_objects.Figure
        Left: the share of open deals the cap saves at the same wins (green, 95% CI).
        Right: deals won per 20 working days with the cap (blue) and leads needed per win
        (red).

    Examples
    --------
    >>> from demandlab.pullpush.model import pull_in_sales
    >>> fig = plot_pull_in_sales(pull_in_sales(abandon_per_stage=[0, 0.2], replications=1))
    >>> len(fig.data)
    5
    """
    result_of("sales", sales, PullInSales, "pull_in_sales")
    i = 0 if highlight is None else level_index(sales, highlight)
    month = sc.WORKING_DAYS_PER_MONTH
    fig = make_subplots(
        rows=1,
        cols=2,
        horizontal_spacing=0.14,
        specs=[[{}, {"secondary_y": True}]],
        subplot_titles=("Open deals the cap saves", "Wins and leads per win"),
    )
    _sales_traces(fig, sales, i, month)
    wins = sales.wins_per_day_capped[i] * month
    title = f"{pct(sales.abandon_per_stage[i])} of deals lost at each stage"
    note = (
        f"The cap carries {pct(sales.open_deals_saved[i])} fewer open deals; "
        f"drop-out leaves {number(wins, digits=1)} wins a month"
    )
    fig.update_layout(
        layout(
            title={"text": title, "font": {"size": 16}},
            height=500,
            margin={"t": 110, "b": 160, "l": 60, "r": 60},
            legend={"orientation": "h", "y": -0.42, "yanchor": "top"},
            shapes=[],
        )
    )
    fig.add_annotation(subtitle(note, y=1.14))
    fig.update_xaxes(title_text="deals lost per stage (%)")
    fig.update_yaxes(title_text="fewer open deals than no cap (%)", range=[0, 100], row=1, col=1)
    wins_top = float(sales.wins_per_day_capped.max()) * month * 1.15 + 0.1
    fig.update_yaxes(
        title_text="deals won per month", range=[0, wins_top], row=1, col=2, secondary_y=False
    )
    fig.update_yaxes(
        title_text="leads per win",
        range=[0, float(sales.leads_per_win.max()) * 1.15],
        row=1,
        col=2,
        secondary_y=True,
        showgrid=False,
        tickmode="auto",
        tickformat=".0f",
    )
    return fig
