"""Lesson 04's figures: the buffet's profit curve, the loss leader's three lines, P&Q's plans.

Each function takes a model's result and returns a plotly figure; none runs a model.
Built from plain dicts in one call (no make_subplots), so a slider redraw stays cheap.
"""

from __future__ import annotations

import plotly.graph_objects as go

from ..checks import InputError, refuse, result_of
from ..formatting import money, number, pct
from ..style import (
    ACCENT_COLOR,
    BAD_COLOR,
    DEMAND_COLOR,
    GOOD_COLOR,
    MUTED_COLOR,
    PRODUCTION_COLOR,
    label,
    layout,
    subtitle,
)
from .model import BuffetResult, LossLeaderResult, ProductMix

__all__ = ["plot_buffet", "plot_loss_leader", "plot_product_mix"]

# One colour per product from the course's palette (style), repeated beyond five products;
# each bar also carries its product's name, so colour is never the only mark.
_PLAN_COLORS = [PRODUCTION_COLOR, DEMAND_COLOR, ACCENT_COLOR, GOOD_COLOR, BAD_COLOR]
# Category labels wrapped on two lines: they fit under a bar at 1024 px.
_RULE_NAMES = {"margin": "rank by<br>unit margin", "toc": "rank by $ per<br>constraint minute"}
_MAX_PLANS = 6
# A title that leaves room for the subtitle annotation under it.
_TITLE = {"font": {"size": 16}, "y": 0.98, "yanchor": "top"}
# Legends sit at the foot of the figure (container coordinates), under the x-axis title,
# so the two never collide whatever the width.
_LEGEND = {
    "orientation": "h",
    "x": 0.0,
    "yref": "container",
    "y": 0.01,
    "yanchor": "bottom",
    "font": {"size": 13},
}


def _buffet_traces(r: BuffetResult) -> list[go.Scatter]:
    """The profit curve, the beef served, where the learner is and the best rate."""
    here_color = GOOD_COLOR if r.chosen_profit >= r.best_profit - 1 else BAD_COLOR
    return [
        go.Scatter(
            x=r.carving_rates_per_hour,
            y=r.profit,
            name="profit per evening",
            line={"color": DEMAND_COLOR, "width": 3},
            hovertemplate="%{x:.0f} servings/h: profit %{y:$,.0f}<extra></extra>",
        ),
        go.Scatter(
            x=r.carving_rates_per_hour,
            y=r.beef_servings,
            name="roast beef served (right axis)",
            yaxis="y2",
            line={"color": PRODUCTION_COLOR, "width": 2, "dash": "dot"},
            hovertemplate="%{x:.0f} servings/h: %{y:,.0f} servings<extra></extra>",
        ),
        go.Scatter(
            x=[r.chosen_rate_per_hour],
            y=[r.chosen_profit],
            name="you are here",
            mode="markers+text",
            marker={"size": 14, "color": here_color, "line": {"color": "white", "width": 2}},
            text=[money(r.chosen_profit)],
            textposition="top center",
            textfont={"size": 14, "color": here_color},
            hoverinfo="skip",
        ),
        go.Scatter(
            x=[r.best_rate_per_hour, r.best_rate_per_hour],
            y=[min(0.0, float(r.profit.min())), r.best_profit],
            name="best rate",
            mode="lines",
            line={"color": GOOD_COLOR, "width": 2, "dash": "dash"},
            hoverinfo="skip",
        ),
    ]


def plot_buffet(result: BuffetResult) -> go.Figure:
    """Profit (blue) and roast beef served (grey) against carving rate; the best rate in green.

    Examples
    --------
    >>> from demandlab.mix.model import buffet
    >>> fig = plot_buffet(buffet(60))
    >>> [t.name for t in fig.data]
    ['profit per evening', 'roast beef served (right axis)', 'you are here', 'best rate']
    """
    r = result_of("result", result, BuffetResult, "buffet()")
    traces = _buffet_traces(r)
    lo, hi = min(0.0, float(r.profit.min())), max(0.0, float(r.profit.max()))
    pad = 0.15 * ((hi - lo) or 1.0)
    look = layout(
        title={
            # One "$" per label: plotly reads two as LaTeX and drops the whole label.
            "text": f"Profit peaks at {number(r.best_rate_per_hour)} servings/hour "
            f"({money(r.best_profit)} an evening)",
            **_TITLE,
        },
        annotations=[subtitle(f"Carving flat out earns only {money(r.max_rate_profit)}")],
        height=470,
        margin={"t": 95, "b": 120, "l": 70, "r": 70},
        legend=_LEGEND,
        xaxis={"title": {"text": "roast beef carved (servings per hour)"}, "fixedrange": True},
        yaxis={
            "title": {"text": "profit per evening"},
            "tickformat": "$,.0f",
            "zerolinecolor": MUTED_COLOR,
            "range": [lo - (pad if lo < 0 else 0.0), hi + pad],
            "fixedrange": True,
        },
        yaxis2={
            "title": {"text": "servings per evening"},
            "overlaying": "y",
            "side": "right",
            "showgrid": False,
            # starts below 0, so its "0" tick clears the x axis's last tick label
            "range": [
                -0.08 * float(r.beef_servings.max()),
                1.08 * float(r.beef_servings.max()) or 1.0,
            ],
            "tickmode": "auto",
            "nticks": 6,
            "fixedrange": True,
            "color": PRODUCTION_COLOR,
        },
    )
    return go.Figure(data=traces, layout=look)


def _loss_leader_layout(r: LossLeaderResult) -> dict:
    best = r.best_total - r.regular_price_total
    cost_line = {"color": MUTED_COLOR, "dash": "dash", "width": 1.5}
    look = layout(
        title={
            # One "$" per label: plotly reads two as LaTeX and drops the whole label.
            "text": f"Best promotion price {money(r.best_price, cents=True)}: "
            + ("below" if r.best_price < r.leader_cost else "not below")
            + " the leader's cost",
            **_TITLE,
        },
        height=470,
        margin={"t": 95, "b": 120, "l": 80, "r": 20},
        legend=_LEGEND,
        shapes=[
            {
                "type": "line",
                "x0": r.leader_cost,
                "x1": r.leader_cost,
                "y0": 0,
                "y1": 1,
                "yref": "paper",
                "line": cost_line,
            }
        ],
        annotations=[
            subtitle(f"and the store earns {money(best)} a week more than at full price"),
            {
                "x": r.leader_cost,
                "y": 1,
                "yref": "paper",
                "text": "the leader's cost",
                "showarrow": False,
                "xanchor": "left",
                "font": {"color": MUTED_COLOR, "size": 13},
            },
        ],
        xaxis={"title": {"text": "promotion price of the leader ($)"}, "fixedrange": True},
        yaxis={
            "title": {"text": "change vs the regular price (a week)"},
            "tickformat": "$,.0f",
            "zerolinecolor": MUTED_COLOR,
            "fixedrange": True,
        },
    )
    return look


def plot_loss_leader(result: LossLeaderResult) -> go.Figure:
    """What a promotion price changes, against charging the regular price: baskets, leader, store.

    Examples
    --------
    >>> from demandlab.mix.model import loss_leader
    >>> fig = plot_loss_leader(loss_leader())
    >>> [t.name for t in fig.data]
    ['whole store', 'the rest of the baskets', 'the leader on its own', 'you are here']
    """
    result_of("result", result, LossLeaderResult, "loss_leader()")
    r = result
    here = r.chosen_total - r.regular_price_total
    traces = [
        go.Scatter(
            x=r.prices,
            y=y - y[-1],
            name=name,
            line=line,
            hovertemplate="at this price: %{y:+,.0f} a week<extra>" + name + "</extra>",
        )
        for y, name, line in (
            (r.total_throughput, "whole store", {"color": DEMAND_COLOR, "width": 4}),
            (
                r.basket_throughput,
                "the rest of the baskets",
                {"color": GOOD_COLOR, "width": 2, "dash": "dot"},
            ),
            (
                r.leader_throughput,
                "the leader on its own",
                {"color": BAD_COLOR, "width": 2, "dash": "dash"},
            ),
        )
    ]
    traces.append(
        go.Scatter(
            x=[r.chosen_price],
            y=[here],
            name="you are here",
            mode="markers+text",
            marker={"size": 13, "color": ACCENT_COLOR, "line": {"color": "white", "width": 2}},
            text=[money(here, sign=True)],
            textposition="top center",
            textfont={"size": 14, "color": DEMAND_COLOR},
            hoverinfo="skip",
        )
    )
    return go.Figure(data=traces, layout=_loss_leader_layout(r))


def _plans(results: object) -> list:
    if isinstance(results, ProductMix):
        results = [results]
    if (
        not isinstance(results, (list, tuple))
        or not results
        or not all(isinstance(r, ProductMix) for r in results)
    ):
        raise refuse("results", results, "a list of ProductMix objects from product_mix(...)")
    if len(results) > _MAX_PLANS:
        raise InputError(
            f"results must be at most {_MAX_PLANS} plans side by side, got {len(results)}"
        )
    return list(results)


def _naive_note(first: ProductMix) -> str:
    """The subtitle: what making all demand would earn (the dashed line), and why it cannot."""
    note = f"Dashed line: all demand would earn {money(first.demand_net_profit)}"
    if first.constraint:
        need = pct(min(first.constraint_load_ratio, 99.99))
        note += f",<br>but {label(first.constraint)} would need {need} of its minutes"
    return note


def _product_mix_layout(results: list) -> dict:
    """Two panels side by side: units made (left), net profit per plan (right)."""
    profits = [r.net_profit for r in results]
    naive = results[0].demand_net_profit
    top, bottom = max([naive, *profits, 0.0]), min([*profits, 0.0])
    pad = 0.25 * (top - bottom or 1.0)
    c = results[0].constraint
    panel = {"xref": "paper", "yref": "paper", "y": 1.0, "yanchor": "bottom", "showarrow": False}
    look = layout(
        barmode="stack",
        title={
            "text": "The ranking rule decides profit or loss"
            + (f" (constraint: {label(c)})" if c else ""),
            **_TITLE,
        },
        height=480,
        margin={"t": 135, "b": 60, "l": 60, "r": 20},
        showlegend=False,
        xaxis={"domain": [0, 0.5], "fixedrange": True, "tickfont": {"size": 13}},
        yaxis={"title": {"text": "units"}, "fixedrange": True},
        xaxis2={"domain": [0.62, 1], "anchor": "y2", "fixedrange": True, "tickfont": {"size": 13}},
        yaxis2={
            "anchor": "x2",
            "range": [bottom - pad, top + pad],
            "tickformat": "$,.0f",  # d3 puts the minus before the dollar: −$500
            "zerolinecolor": MUTED_COLOR,
            "fixedrange": True,
        },
        shapes=[
            {
                "type": "line",
                "xref": "x2 domain",
                "x0": 0,
                "x1": 1,
                "yref": "y2",
                "y0": naive,
                "y1": naive,
                "line": {"color": PRODUCTION_COLOR, "dash": "dash", "width": 1.5},
            }
        ],
        annotations=[
            {**subtitle(_naive_note(results[0]), y=1.1), "align": "left"},
            {**panel, "x": 0.25, "text": "Units a week", "font": {"size": 14}},
            {**panel, "x": 0.81, "text": "Net profit a week", "font": {"size": 14}},
        ],
    )
    return look


def plot_product_mix(results: list | tuple) -> go.Figure:
    """Side by side: units made under each plan, and the net profit each plan earns.

    Parameters
    ----------
    results : list of ProductMix
        One to six plans, e.g. the same problem under ``rule="margin"`` and ``rule="toc"``.

    Returns
    -------
    plotly.graph_objects.Figure
        Stacked units per product (left), net profit per plan (right, green or red), and a
        dashed line at what making all demand would earn if capacity allowed it.

    Examples
    --------
    >>> from demandlab.mix.model import pq_problem, product_mix
    >>> pq = pq_problem()
    >>> fig = plot_product_mix([product_mix(**pq, rule="margin"), product_mix(**pq, rule="toc")])
    >>> len(fig.data)
    3
    """
    results = _plans(results)
    x = [_RULE_NAMES.get(r.rule, r.rule) for r in results]
    # Two panels laid out by hand (make_subplots is slow): units left, net profit right.
    traces = [
        go.Bar(
            x=x,
            y=[r.quantities.get(name, 0) for r in results],
            name=label(name),
            marker_color=_PLAN_COLORS[i % len(_PLAN_COLORS)],
            text=[f"{r.quantities.get(name, 0)} {label(name)}" for r in results],
            textposition="inside",
            textfont={"size": 14, "color": "white"},
            hoverinfo="skip",
        )
        for i, name in enumerate(results[0].quantities)
    ]
    profits = [r.net_profit for r in results]
    traces.append(
        go.Bar(
            x=x,
            y=profits,
            xaxis="x2",
            yaxis="y2",
            name="net profit",
            marker_color=[GOOD_COLOR if p > 0 else BAD_COLOR for p in profits],
            text=[money(p) for p in profits],
            textposition="outside",
            textfont={"size": 15},
            showlegend=False,
            hoverinfo="skip",
        )
    )
    return go.Figure(data=traces, layout=_product_mix_layout(results))
