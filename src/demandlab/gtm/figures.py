"""Lesson 05's figures: the scoreboard against the customers, the waste, the referral loop.

Each function takes runs of :func:`~demandlab.gtm.model.simulate_gtm` and returns a plotly
figure; none runs a model (the end-to-end run a scoreboard compares with is carried on the
result, or passed in).
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..checks import refuse, result_of
from ..formatting import number as num
from ..formatting import pct
from ..style import BAD_COLOR, DEMAND_COLOR, GOOD_COLOR, PRODUCTION_COLOR, TEXT_COLOR, label, layout
from .model import GtmResult, PoolingResult

__all__ = ["plot_gtm", "plot_gtm_waste", "plot_pooling", "plot_referral_loop"]

# Short two-line labels: at 1024 px with the file browser open the index panel is about
# 320 px wide, so each of the six bars gets about 50 px; longer words ran into each other.
_SCORES = (
    ("Mktg<br>leads", "dept"),
    ("Sales<br>deals", "dept"),
    ("CS<br>speed", "dept"),
    ("Cust.<br>success", "outcome"),
    ("Refer-<br>rals", "outcome"),
    ("Hours<br>wasted", "waste"),
)
_KIND_COLORS = {"dept": PRODUCTION_COLOR, "outcome": DEMAND_COLOR, "waste": BAD_COLOR}
_INDEX_CAP = 999.0
_MAX_WASTE_RUNS = 8
_MAX_LOOP_RUNS = 4


def _check_result(name: str, value: object) -> GtmResult:
    return result_of(name, value, GtmResult, "simulate_gtm")


def _index(value: float, reference: float) -> float:
    """value as an index against reference = 100, capped so a zero never becomes inf or NaN."""
    if reference <= 0:
        return 100.0 if value <= 0 else _INDEX_CAP
    return float(min(100.0 * value / reference, _INDEX_CAP))


def _runs(results: tuple, labels: object, most: int) -> tuple[list[GtmResult], list[str]]:
    """The runs a figure draws side by side, and a name for each (escaped)."""
    if labels is not None and (
        isinstance(labels, str)
        or not isinstance(labels, (list, tuple))
        or not all(isinstance(x, str) for x in labels)
    ):
        raise refuse("labels", labels, "a list of strings")
    if not 1 <= len(results) <= most:
        raise refuse(
            "results", len(results), f"1 to {most} GtmResult runs, given before labels=..."
        )
    runs = [_check_result("results", r) for r in results]
    if labels is None:
        return runs, [r.label() for r in runs]
    if len(labels) != len(runs):
        raise refuse("labels", labels, f"a list of {len(runs)} strings")
    return runs, [label(x) for x in labels]


def _scoreboard(result: GtmResult, ref: GtmResult) -> tuple[list[float], list[str]]:
    speed = _index(1.0 / max(result.handling_hours, 1e-9), 1.0 / max(ref.handling_hours, 1e-9))
    index = [
        _index(result.leads_per_month_mean, ref.leads_per_month_mean),
        _index(result.deals_per_month, ref.deals_per_month),
        speed,
        _index(result.customers_reaching_success, ref.customers_reaching_success),
        _index(result.referrals, ref.referrals),
        _index(result.waste_hours, ref.waste_hours),
    ]
    text = [
        f"{num(result.leads_per_month_mean)}/mo",
        f"{num(result.deals_per_month)}/mo",
        f"{num(result.handling_hours, digits=1)} h",
        f"{num(result.customers_reaching_success)}",
        f"{num(result.referrals)}",
        f"{num(result.waste_hours / 1000, digits=1)}k h",
    ]
    return index, text


def _gtm_layout(result: GtmResult, top: float, peak: float) -> dict:
    panel = {
        "xref": "paper",
        "yref": "paper",
        "y": 1.0,
        "yanchor": "bottom",
        "yshift": 26,  # above the legend row
        "xanchor": "center",
        "showarrow": False,
        "font": {"size": 14},
    }
    # Fixed texts and a fixed legend (no run's name in it): the plot area keeps its size as
    # the slider moves; the legend sits in a row above the right panel, clear of the axes.
    return layout(
        title={"text": "Departments' own scores (grey), customers (blue), waste (red)"},
        height=450,
        margin={"t": 120, "b": 60, "l": 60, "r": 40},  # r: room for the upright mode bar
        legend={
            "orientation": "h",
            "x": 1.0,
            "xanchor": "right",
            "y": 1.0,
            "yanchor": "bottom",
            "font": {"size": 12},
        },
        bargap=0.25,
        uniformtext={"minsize": 11, "mode": "show"},
        xaxis={"domain": [0.0, 0.58], "tickfont": {"size": 11}, "tickangle": 0},
        yaxis={"title": {"text": "index (end to end = 100)", "standoff": 4}, "range": [0, top]},
        xaxis2={
            "domain": [0.72, 1.0],
            "anchor": "y2",
            "title": {"text": "month"},
            "range": [0.5, result.months + 0.5],
        },
        yaxis2={
            "anchor": "x2",
            "title": {"text": "customers / month", "standoff": 4},
            "range": [0, 1.15 * peak],
        },
        annotations=[
            {**panel, "x": 0.29, "text": "Index (end to end = 100)"},
            {**panel, "x": 0.86, "text": "Successes / month"},
        ],
        shapes=[
            {
                "type": "line",
                "xref": "x",
                "yref": "y",
                "x0": -0.5,
                "x1": 5.5,
                "y0": 100,
                "y1": 100,
                "line": {"color": DEMAND_COLOR, "dash": "dot", "width": 1.5},
            }
        ],
    )


def plot_gtm(result: GtmResult, reference: GtmResult | None = None) -> go.Figure:
    """Each department's own score against what customers get, as the steering moves.

    Left: an index (end-to-end steering = 100) of marketing's leads, sales' deals and CS's
    speed (grey), customers reaching success and referrals (blue), and hours wasted (red).
    Right: customers reaching success each month, this run against the end-to-end run.

    Parameters
    ----------
    result : GtmResult
        From :func:`simulate_gtm`.
    reference : GtmResult, optional
        What the index compares with (default: the same scenario steered end to end,
        which :func:`simulate_gtm` ran alongside ``result``: ``result.reference``).

    Returns
    -------
    plotly.graph_objects.Figure
        Six index bars (left) and two lines of customers reaching success (right).

    Examples
    --------
    >>> from demandlab.gtm.model import simulate_gtm
    >>> fig = plot_gtm(simulate_gtm(steering=1.0))
    >>> [round(y) for y in fig.data[0].y]
    [300, 229, 300, 58, 59, 210]
    """
    result = _check_result("result", result)
    ref = result.reference if reference is None else _check_result("reference", reference)
    index, text = _scoreboard(result, ref)
    month = np.arange(1, result.months + 1)
    top = min(max(350.0, 1.2 * max(index)), 1.2 * _INDEX_CAP)
    peak = max(float(ref.successes.max()), float(result.successes.max()), 1.0)
    # Built as one Figure with two explicit axes (not make_subplots): a slider redraw stays
    # cheap.
    data = [
        go.Bar(
            x=[name for name, _ in _SCORES],
            y=index,
            marker_color=[_KIND_COLORS[kind] for _, kind in _SCORES],
            text=text,
            textposition="outside",
            textfont={"size": 11},
            cliponaxis=False,
            hovertemplate="%{x}: index %{y:,.0f} (%{text})<extra></extra>",
            showlegend=False,
        ),
        go.Scatter(
            x=month,
            y=np.asarray(ref.successes),
            name="end to end",
            mode="lines",
            line={"color": DEMAND_COLOR, "dash": "dash", "width": 2},
            xaxis="x2",
            yaxis="y2",
        ),
        go.Scatter(
            x=month,
            y=np.asarray(result.successes),
            name="this run",
            mode="lines",
            line={"color": TEXT_COLOR, "width": 3},
            xaxis="x2",
            yaxis="y2",
        ),
    ]
    return go.Figure(data=data, layout=_gtm_layout(result, top, peak))


def plot_gtm_waste(*results: GtmResult, labels: list[str] | None = None) -> go.Figure:
    """Where the hours went: work on customers who reach success vs work that never pays off.

    Parameters
    ----------
    *results : GtmResult
        One or more runs of :func:`simulate_gtm` (up to 8), drawn top to bottom.
    labels : list of str, optional
        A name per run (default: its steering, e.g. "local targets").

    Returns
    -------
    plotly.graph_objects.Figure
        Stacked horizontal bars per run: green = hours on customers who succeed, red =
        hours on leads and customers who never do; hover shows each team's part.

    Examples
    --------
    >>> from demandlab.gtm.model import simulate_gtm
    >>> fig = plot_gtm_waste(simulate_gtm(0.0), simulate_gtm(1.0))
    >>> len(fig.data)
    2
    """
    runs, names = _runs(results, labels, _MAX_WASTE_RUNS)
    useful = [r.total_hours - r.waste_hours for r in runs]
    wasted = [r.waste_hours for r in runs]
    teams = ("marketing", "sales", "CS")

    def detail(r: GtmResult) -> str:
        parts = r.wasted_by_team.sum(axis=0)
        return "<br>".join(f"{t}: {num(h)} h wasted" for t, h in zip(teams, parts))

    bars = [
        go.Bar(
            y=names,
            x=useful,
            orientation="h",
            name="on customers who reach success",
            marker_color=GOOD_COLOR,
            text=[f"{num(u)} h" for u in useful],
            textposition="inside",
            hovertemplate="%{y}: %{x:,.0f} h helped a customer succeed<extra></extra>",
        ),
        go.Bar(
            y=names,
            x=wasted,
            orientation="h",
            name="on leads and customers who never succeed",
            marker_color=BAD_COLOR,
            text=[f"{num(w)} h ({pct(r.waste_share)})" for w, r in zip(wasted, runs)],
            textposition="inside",
            customdata=[detail(r) for r in runs],
            hovertemplate="%{y}: %{x:,.0f} h wasted<br>%{customdata}<extra></extra>",
        ),
    ]
    look = layout(
        barmode="stack",
        title={
            "text": f"Where {runs[0].months} months of work went: green paid off, red never did"
        },
        xaxis={"title": {"text": "hours (marketing + sales + customer success)"}},
        yaxis={"autorange": "reversed"},
        height=min(480, 200 + 60 * len(runs)),
        margin={"t": 100, "b": 60, "l": 180, "r": 40},
        # the legend in a row above the bars, clear of the axis title below them
        legend={"orientation": "h", "x": 0.0, "y": 1.0, "yanchor": "bottom"},
    )
    return go.Figure(data=bars, layout=look)


def plot_referral_loop(*results: GtmResult, labels: list[str] | None = None) -> go.Figure:
    """Where the customers reaching success came from, month by month: the referral loop.

    Parameters
    ----------
    *results : GtmResult
        One to four runs of :func:`simulate_gtm`, side by side on the same scale.
    labels : list of str, optional
        A name per run (default: its steering).

    Returns
    -------
    plotly.graph_objects.Figure
        Stacked bars per month: grey = came in as marketing leads, blue = came in as
        referrals from earlier successful customers.

    Examples
    --------
    >>> from demandlab.gtm.model import simulate_gtm
    >>> fig = plot_referral_loop(simulate_gtm(0.0), simulate_gtm(1.0))
    >>> len(fig.data)
    4
    """
    runs, names = _runs(results, labels, _MAX_LOOP_RUNS)
    fig = make_subplots(rows=1, cols=len(runs), shared_yaxes=True, subplot_titles=names)
    peak = max(float(r.successes.max()) for r in runs) or 1.0
    for i, r in enumerate(runs, start=1):
        month = np.arange(1, r.months + 1)
        from_ref = np.asarray(r.successes_from_referrals)
        for y, name, color, source in (
            (
                np.asarray(r.successes) - from_ref,
                "came in as a marketing lead",
                PRODUCTION_COLOR,
                "marketing leads",
            ),
            (from_ref, "came in as a referral", DEMAND_COLOR, "referrals"),
        ):
            fig.add_trace(
                go.Bar(
                    x=month,
                    y=y,
                    name=name,
                    marker_color=color,
                    showlegend=i == 1,
                    hovertemplate="month %{x}: %{y:,.0f} from " + source + "<extra></extra>",
                ),
                row=1,
                col=i,
            )
        fig.update_xaxes(title_text="month", row=1, col=i)
    fig.update_layout(
        layout(
            barmode="stack",
            bargap=0.1,
            title={"text": "Successes each month: the blue ones came from referrals"},
            height=430,
            margin={"t": 80, "b": 110, "l": 60, "r": 40},
            # below the month axes' titles, not on them
            legend={"orientation": "h", "x": 0.0, "y": -0.3, "yanchor": "top"},
        )
    )
    fig.update_yaxes(title_text="customers / month", range=[0, 1.1 * peak], row=1, col=1)
    return fig


def plot_pooling(results: list[PoolingResult] | tuple[PoolingResult, ...]) -> go.Figure:
    """A new customer's wait for onboarding as CS gets busier: one shared queue or specialists.

    Parameters
    ----------
    results : list of PoolingResult
        Runs of :func:`~demandlab.gtm.model.pooling_experiment` at several loads (1 to 20),
        for example :func:`~demandlab.gtm.model.pooling_sweep`.

    Returns
    -------
    plotly.graph_objects.Figure
        The simulated mean waits with 95% intervals (solid line and circles: one shared
        queue; dashed line and squares: one queue per specialist) and queueing theory
        (dotted).

    Examples
    --------
    >>> from demandlab.gtm.model import pooling_experiment
    >>> runs = [pooling_experiment(x, 10.0, customers=2_000, replications=2) for x in (0.5, 0.8)]
    >>> [trace.name for trace in plot_pooling(runs).data]
    ['one shared queue', 'one queue per specialist', 'theory (Erlang C, M/M/1)']
    """
    if isinstance(results, PoolingResult) or not isinstance(results, (list, tuple)):
        raise refuse("results", results, "a list of PoolingResult runs")
    if not 1 <= len(results) <= 20 or not all(isinstance(r, PoolingResult) for r in results):
        raise refuse("results", results, "a list of 1 to 20 PoolingResult runs")
    runs = sorted(results, key=lambda r: r.load)
    load = [100.0 * r.load for r in runs]
    people = runs[0].cs_people

    def arm(name: str, means: list, color: str, dash: str, symbol: str) -> go.Scatter:
        return go.Scatter(
            x=load,
            y=[m for m, _ in means],
            error_y={"type": "data", "array": [h for _, h in means], "color": color},
            name=name,
            mode="lines+markers",
            line={"color": color, "dash": dash, "width": 2.5},
            marker={"symbol": symbol, "size": 9, "color": color},
            hovertemplate=name + ": %{y:.1f} working days at %{x:.0f}% load<extra></extra>",
        )

    theory_x = load + [None] + load
    theory_y = [r.pooled_theory for r in runs] + [None] + [r.specialist_theory for r in runs]
    data = [
        arm("one shared queue", [r.pooled for r in runs], DEMAND_COLOR, "solid", "circle"),
        arm("one queue per specialist", [r.specialists for r in runs], BAD_COLOR, "dash", "square"),
        go.Scatter(
            x=theory_x,
            y=theory_y,
            # at cv 1 both are exact; otherwise M/G/1 (exact) and Allen-Cunneen (approximate)
            name="theory (Erlang C, M/M/1)"
            if all(r.cv == 1 for r in runs)
            else "theory (Allen-Cunneen, M/G/1)",
            mode="lines",
            line={"color": TEXT_COLOR, "dash": "dot", "width": 1.5},
            hoverinfo="skip",
        ),
    ]
    top = max(max(r.specialists[0] + r.specialists[1], r.specialist_theory) for r in runs)
    look = layout(
        title={"text": f"Wait for onboarding: {people} people, one queue or one each"},
        height=420,
        margin={"t": 110, "b": 60, "l": 70, "r": 40},
        legend={"orientation": "h", "x": 0.0, "y": 1.02, "yanchor": "bottom"},
        xaxis={"title": {"text": "load: share of CS's hours booked (%)"}},
        yaxis={"title": {"text": "mean wait (working days)"}, "range": [0, 1.1 * top]},
    )
    return go.Figure(data=data, layout=look)
