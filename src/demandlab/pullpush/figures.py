"""Lesson 03's figures: the laws of the line, push vs CONWIP, forecast vs pull, pull in sales.

Each figure takes a result from model.py and draws it; none runs a simulation itself.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..formatting import count, money, number, pct
from ..style import (
    ACCENT_COLOR,
    BAD_COLOR,
    DEMAND_COLOR,
    GOOD_COLOR,
    PRODUCTION_COLOR,
    TEXT_COLOR,
    layout,
    subtitle,
)
from . import scenario as sc
from .model import (
    ForecastVsPull,
    LawsOfTheLine,
    PullInSales,
    PushVsConwip,
    VutCurve,
    level_index,
    result_of,
    shown_days,
)

# ----------------------------------------------------------------------------- laws of the line


def _laws_traces(laws: LawsOfTheLine) -> list[dict]:
    """The three curves and the simulated points, on both panels (output rate, cycle time)."""
    styles = (
        ("best case", GOOD_COLOR, "solid", laws.best_th, laws.best_ct),  # dashes tell them apart
        ("practical worst case", PRODUCTION_COLOR, "dash", laws.pwc_th, laws.pwc_ct),
        ("worst case", BAD_COLOR, "dot", laws.worst_th, laws.worst_ct),
    )
    data = []
    for col, axis in ((1, ("x", "y")), (2, ("x2", "y2"))):
        for name, color, dash, th, ct in styles:
            data.append(
                {
                    "type": "scatter",
                    "x": laws.curve_wip,
                    "y": th if col == 1 else ct,
                    "mode": "lines",
                    "name": name,
                    "legendgroup": name,
                    "showlegend": col == 1,
                    "line": {"color": color, "dash": dash, "width": 2},
                    "hovertemplate": f"{name}: WIP %{{x:.3g}}, %{{y:.3g}}<extra></extra>",
                    "xaxis": axis[0],
                    "yaxis": axis[1],
                }
            )
        unit = "jobs/h" if col == 1 else "h"
        data.append(
            {
                "type": "scatter",
                "x": laws.wip_levels,
                "y": laws.sim_throughput if col == 1 else laws.sim_cycle_time,
                "mode": "markers",
                "name": "your line (simulated)",
                "legendgroup": "sim",
                "showlegend": col == 1,
                "marker": {"color": DEMAND_COLOR, "size": 9, "symbol": "diamond"},
                "hovertemplate": f"WIP %{{x}}: %{{y:.3f}} {unit}<extra></extra>",
                "xaxis": axis[0],
                "yaxis": axis[1],
            }
        )
    return data


def _where(laws: LawsOfTheLine) -> str:
    """Where the simulated points sit between the curves, in words."""
    beyond_one = laws.wip_levels > 1  # at WIP 1 every curve meets: no information
    pos = float(np.median(laws.position()[beyond_one])) if beyond_one.any() else 1.0
    if pos > 0.95:
        return "on the best case"
    if abs(pos) <= 0.1:
        return "on the practical worst case"
    if pos < -0.1:
        return "below the practical worst case (a fixable problem)"
    return "between the best and the practical worst case"


def plot_laws_of_the_line(laws: LawsOfTheLine) -> go.Figure:
    """Output rate and cycle time against WIP: best, practical worst and worst case curves
    with the simulated points of the line.

    Parameters
    ----------
    laws : LawsOfTheLine
        From :func:`laws_of_the_line`.

    Returns
    -------
    plotly.graph_objects.Figure
        Left: output rate (jobs/h) vs WIP. Right: cycle time (h) vs WIP.

    Examples
    --------
    >>> from demandlab.pullpush.model import laws_of_the_line
    >>> fig = plot_laws_of_the_line(laws_of_the_line(max_wip=6))
    >>> [t.name for t in fig.data][:4]
    ['best case', 'practical worst case', 'worst case', 'your line (simulated)']
    """
    result_of("laws", laws, LawsOfTheLine, "laws_of_the_line")
    # Built from plain dicts (not make_subplots): this is the main control's figure and
    # is redrawn on every slider move, so it must stay cheap (about 2 ms instead of 20).
    wmax = float(laws.wip_levels.max())
    ct_top = max(float(laws.pwc_ct.max()), float(laws.sim_cycle_time.max())) * 1.25
    x_axis = {"title": {"text": "WIP (jobs in the line)"}, "range": [0, wmax + 0.5]}
    heading = {"xref": "paper", "yref": "paper", "y": 1.0, "yanchor": "bottom"}
    heading.update(showarrow=False, font={"size": 15})
    look = layout(
        title={
            "text": f"cv {number(laws.cv, digits=2)}: your line runs {_where(laws)}",
            "font": {"size": 16},
        },
        height=460,
        margin={"t": 80, "b": 120, "l": 60, "r": 20},
        legend={"orientation": "h", "y": -0.3, "yanchor": "top"},
        xaxis={**x_axis, "domain": [0.0, 0.45], "anchor": "y"},
        xaxis2={**x_axis, "domain": [0.55, 1.0], "anchor": "y2"},
        yaxis={
            "title": {"text": "output rate (jobs per hour)"},
            "range": [0, laws.bottleneck_rate * 1.12],
            "anchor": "x",
        },
        yaxis2={"title": {"text": "cycle time (hours)"}, "range": [0, ct_top], "anchor": "x2"},
        annotations=[
            {**heading, "x": 0.225, "xanchor": "center", "text": "Output rate vs WIP"},
            {**heading, "x": 0.775, "xanchor": "center", "text": "Lead time: cycle time vs WIP"},
        ],
        shapes=[],
    )
    return go.Figure(data=_laws_traces(laws), layout=look)


# ----------------------------------------------------------------------------- push vs CONWIP


def plot_push_vs_conwip(race: PushVsConwip) -> go.Figure:
    """Push against CONWIP at the same output rate: WIP, mean cycle time, cycle-time spread.

    Parameters
    ----------
    race : PushVsConwip
        From :func:`push_vs_conwip`.

    Returns
    -------
    plotly.graph_objects.Figure
        Three bar panels with 95% confidence intervals: push grey, CONWIP blue.

    Examples
    --------
    >>> from demandlab.pullpush.model import push_vs_conwip
    >>> fig = plot_push_vs_conwip(push_vs_conwip(replications=2, jobs_per_run=500))
    >>> len(fig.data)
    3
    """
    result_of("race", race, PushVsConwip, "push_vs_conwip")
    panels = (
        ("jobs in the line (WIP)", "wip", "{:.1f}"),
        ("mean cycle time (h)", "cycle_time", "{:.1f} h"),
        ("cycle-time spread (std, h)", "cycle_time_std", "{:.1f} h"),
    )
    fig = make_subplots(rows=1, cols=3, subplot_titles=[p[0] for p in panels])
    for col, (_, attr, fmt) in enumerate(panels, start=1):
        values = [getattr(race.push, attr), getattr(race.conwip, attr)]
        fig.add_trace(
            go.Bar(
                # the values sit under the bars, clear of the 95% error bars
                x=[f"{name}<br>{fmt.format(v[0])}" for name, v in zip(("push", "CONWIP"), values)],
                y=[v[0] for v in values],
                error_y={"type": "data", "array": [v[1] for v in values], "visible": True},
                marker_color=[PRODUCTION_COLOR, DEMAND_COLOR],
                marker_pattern_shape=["/", ""],  # push hatched: not colour alone
                showlegend=False,
                hovertemplate="%{x}: %{y:.2f}<extra></extra>",
            ),
            row=1,
            col=col,
        )
        top = max(v[0] + v[1] for v in values)
        fig.update_yaxes(range=[0, top * 1.1 + 1e-9], row=1, col=col)
    th_c, th_p = race.conwip.throughput[0], race.push.throughput[0]
    note = (
        f"CONWIP with {count(race.wip_cap, 'card')} vs push: "
        f"{number(th_c, digits=3)} vs {number(th_p, digits=3)} jobs/h"
    )
    fig.update_layout(
        layout(
            title={"text": "Push vs CONWIP: same output, less WIP", "font": {"size": 16}},
            height=420,
            margin={"t": 110, "b": 60, "l": 50, "r": 20},
            bargap=0.3,
            shapes=[],
        )
    )
    for ann in fig.layout.annotations:  # the panel titles sit under the subtitle
        ann.update(font={"size": 13})
    fig.add_annotation(subtitle(note, y=1.14))
    return fig


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
        fig.add_trace(
            go.Scatter(
                x=[x[i]],
                y=[y],
                mode="markers",
                marker={
                    "size": 18,
                    "symbol": "circle-open",
                    "color": TEXT_COLOR,
                    "line": {"width": 2.5},
                },
                showlegend=False,
                hoverinfo="skip",
            ),
            row=1,
            col=col,
        )


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


# ----------------------------------------------------------------------------- Kingman's VUT curve

_VUT_LOOKS = (  # (colour, dash, marker): every curve differs by more than colour
    (GOOD_COLOR, "dot", "circle"),
    (DEMAND_COLOR, "solid", "diamond"),
    (BAD_COLOR, "dash", "square"),
    (ACCENT_COLOR, "dashdot", "triangle-up"),
    (PRODUCTION_COLOR, "longdash", "x"),
    (TEXT_COLOR, "longdashdot", "star"),
)


def plot_vut_curve(vut: VutCurve) -> go.Figure:
    """Kingman's VUT curve: queue time at one station against its utilisation, one curve
    per process-time cv, with the simulated points and their 95% intervals.

    Parameters
    ----------
    vut : VutCurve
        From :func:`vut_curve`.

    Returns
    -------
    plotly.graph_objects.Figure

    Examples
    --------
    >>> from demandlab.pullpush.model import vut_curve
    >>> v = vut_curve(cvs=[1.0], sim_utilisations=[0.5], replications=2, jobs_per_run=500)
    >>> [t.name for t in plot_vut_curve(v).data]
    ['cv 1 (Kingman)', 'cv 1 (simulated)']
    """
    result_of("vut", vut, VutCurve, "vut_curve")
    fig = go.Figure()
    for i, cv in enumerate(vut.cvs):
        color, dash, symbol = _VUT_LOOKS[i % len(_VUT_LOOKS)]
        name = f"cv {number(cv, digits=2).rstrip('0').rstrip('.')}"
        fig.add_trace(
            go.Scatter(
                x=100 * vut.utilisation,
                y=vut.kingman[i],
                mode="lines",
                name=f"{name} (Kingman)",
                legendgroup=name,
                line={"color": color, "dash": dash, "width": 2},
                hovertemplate=f"{name}: %{{x:.0f}}% busy, waits %{{y:.1f}} h<extra></extra>",
            )
        )
        fig.add_trace(
            go.Scatter(
                x=100 * vut.sim_utilisation,
                y=vut.sim_queue_time[i],
                mode="markers",
                name=f"{name} (simulated)",
                legendgroup=name,
                marker={"color": color, "symbol": symbol, "size": 10},
                error_y={"type": "data", "array": vut.sim_ci[i], "visible": True},
                hovertemplate=f"{name} simulated: %{{x:.0f}}% busy, waits %{{y:.1f}} h"
                "<extra></extra>",
            )
        )
    # the curves up to 90% busy, and every simulated dot with its interval (one may sit at 95%)
    top = 1.1 * max(
        float(vut.kingman[:, vut.utilisation <= 0.9].max()),
        float((vut.sim_queue_time + vut.sim_ci).max()),
    )
    note = (
        f"One station, {number(vut.process_time, digits=1)} h a job, random arrivals; "
        f"dots: {count(vut.replications, 'run')}, 95% intervals"
    )
    fig.update_layout(
        layout(
            title={"text": "Waiting explodes as the station gets busy", "font": {"size": 16}},
            height=440,
            margin={"t": 90, "b": 130, "l": 60, "r": 20},
            legend={"orientation": "h", "y": -0.3, "yanchor": "top"},
            xaxis={"title": {"text": "utilisation (% of the time busy)"}, "range": [0, 96]},
            yaxis={"title": {"text": "mean wait in queue (hours)"}, "range": [0, top]},
            shapes=[],
        )
    )
    fig.add_annotation(subtitle(note, y=1.04))
    return fig
