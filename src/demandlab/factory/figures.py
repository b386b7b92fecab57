"""Lesson 01's figures: each takes model results and returns a plotly Figure (never runs
a model, never shows itself)."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ..checks import InputError, refuse, whole
from ..style import (
    BAD_COLOR,
    DEMAND_COLOR,
    DIVERGING_SCALE,
    GOOD_COLOR,
    PRODUCTION_COLOR,
    TEXT_COLOR,
    layout,
)
from .model import (
    CapacityValue,
    FactoryResult,
    InternalFixSearch,
    capacity_of,
    check_result,
    efficiency_of,
    money_text,
)

A_NAME, B_NAME = "Factory A (efficient)", "Factory B (overrun)"


def _layout(**overrides: object) -> dict:
    """The course layout with room below for an axis title and a horizontal legend."""
    return layout(
        margin={"b": 100, "l": 80},
        legend={"orientation": "h", "y": -0.34, "x": 0},
        **overrides,
    )


def _paper_text(text: str, x: float, y: float, **style: object) -> dict:
    """A label placed on the paper (not on the data), without an arrow."""
    return {
        "text": text,
        "xref": "paper",
        "yref": "paper",
        "x": x,
        "y": y,
        "showarrow": False,
        **style,
    }


# ---------------------------------------------------------------------------------------
# The books and the bank
# ---------------------------------------------------------------------------------------
def _gap_notes(a: FactoryResult) -> list[dict]:
    """Four lines under B's bars (where nothing is drawn) that explain A's gap."""
    gap = a.overhead_in_inventory
    # One "$" per plotly string: in JupyterLab two of them are typeset as LaTeX and vanish.
    notes = (
        [
            f"A's books report {money_text(a.reported_profit)}",
            f"A's net profit is {money_text(a.net_profit)}",
            f"Gap: {money_text(gap)} of overhead parked",
            f"in {a.inventory_end:,.0f} unsold units",
        ]
        if gap > 1
        else ["No unsold stock at A:", "its books and its money agree", "", ""]
    )
    return [
        _paper_text(
            line,
            0.99,
            0.40 - 0.075 * i,
            xanchor="right",
            yanchor="top",
            font={"size": 13, "color": BAD_COLOR if i == 1 else TEXT_COLOR},
        )
        for i, line in enumerate(notes)
    ]


def plot_profit_gap(a: FactoryResult, b: FactoryResult) -> go.Figure:
    """Reported (absorption) profit next to net profit (T − OE) for both factories.

    The gap is operating expense parked inside unsold units on the balance sheet.

    Parameters
    ----------
    a, b : FactoryResult
        Factory A and Factory B.

    Returns
    -------
    plotly.graph_objects.Figure

    Examples
    --------
    >>> import demandlab as dl
    >>> a = dl.simulate_factory(**dl.factory_scenario("A"))
    >>> b = dl.simulate_factory(**dl.factory_scenario("B"))
    >>> [t.name for t in plot_profit_gap(a, b).data]
    ['Reported profit (absorption costing)', 'Net profit (T − OE)']
    """
    check_result("a", a)
    check_result("b", b)
    names = ["Factory A", "Factory B"]
    reported = [a.reported_profit, b.reported_profit]
    net = [a.net_profit, b.net_profit]
    bars = (
        ("Reported profit (absorption costing)", reported, PRODUCTION_COLOR),
        ("Net profit (T − OE)", net, [GOOD_COLOR if v >= 0 else BAD_COLOR for v in net]),
    )
    fig = go.Figure(
        [
            go.Bar(
                name=name,
                x=names,
                y=values,
                marker_color=color,
                text=[money_text(v) for v in values],
                textposition="outside",
                cliponaxis=False,
            )
            for name, values, color in bars
        ]
    )
    values = reported + net
    lo, hi = min(0.0, *values), max(0.0, *values)
    pad = 0.25 * max(hi - lo, 1.0)
    fig.update_layout(
        _layout(
            barmode="group",
            title={
                "text": f"Profit over {a.weeks} weeks: what the books report vs what the bank sees"
            },
            yaxis={
                "title": "$ over the year",
                "tickformat": "~s",
                "range": [lo - pad, hi + pad],
                "zeroline": True,
                "zerolinewidth": 2,
            },
            annotations=_gap_notes(a),
            shapes=[],
        )
    )
    return fig


# ---------------------------------------------------------------------------------------
# The year, week by week
# ---------------------------------------------------------------------------------------
_PANELS = (
    ("cash", "Cash ($)"),
    ("inventory", "Unsold finished goods (units)"),
    ("backlog", "Orders waiting (units)"),
)
_PANEL_GAP = 0.08
_PANEL_WIDTH = (1 - 2 * _PANEL_GAP) / 3


def _panel(
    col: int, key: str, label: str, a: FactoryResult, b: FactoryResult, w: int
) -> tuple[list[go.Scatter], dict, dict]:
    """One panel of the year: both factories' lines up to week ``w``, its axes (fixed to
    the whole year, so playing the weeks shows the lines grow) and its title."""
    suffix = "" if col == 0 else str(col + 1)
    traces = []
    for res, name, color in ((a, A_NAME, PRODUCTION_COLOR), (b, B_NAME, DEMAND_COLOR)):
        y = np.asarray(getattr(res, key))
        traces.append(
            go.Scatter(
                x=res.week[:w].tolist(),
                y=y[:w].tolist(),
                xaxis=f"x{suffix}",
                yaxis=f"y{suffix}",
                name=name,
                legendgroup=name,
                showlegend=col == 0,
                mode="lines+markers",
                line={"color": color, "width": 3},
                # a dot marks the current week, so week 1 is not an empty chart
                marker={"size": [0] * (w - 1) + [10], "color": color},
                hovertemplate=f"{name}<br>week %{{x}}: %{{y:,.0f}}<extra></extra>",
            )
        )
    both = np.concatenate([np.asarray(getattr(a, key)), np.asarray(getattr(b, key))])
    lo, hi = float(min(0.0, both.min())), float(max(1.0, both.max()))
    pad = 0.06 * (hi - lo)
    left = col * (_PANEL_WIDTH + _PANEL_GAP)
    axes = {
        f"xaxis{suffix}": {
            "domain": [left, left + _PANEL_WIDTH],
            "range": [0, a.weeks + 1],
            "title": {"text": "week"},
            "anchor": f"y{suffix}",
        },
        f"yaxis{suffix}": {
            "range": [lo - pad, hi + pad],
            "tickformat": "~s",
            "anchor": f"x{suffix}",
        },
    }
    title = _paper_text(
        label,
        left + _PANEL_WIDTH / 2,
        1.0,
        xanchor="center",
        yanchor="bottom",
        font={"size": 14},
    )
    return traces, axes, title


def plot_year(a: FactoryResult, b: FactoryResult, week: int | None = None) -> go.Figure:
    """Cash, finished goods and backlog week by week, revealed up to ``week``.

    Parameters
    ----------
    a, b : FactoryResult
        Factory A and Factory B over the same number of weeks.
    week : int, optional
        Show weeks 1..``week`` (default: all). Axes stay fixed, so playing the weeks
        shows the lines grow.

    Returns
    -------
    plotly.graph_objects.Figure
        Three panels side by side, one line per factory.

    Examples
    --------
    >>> import demandlab as dl
    >>> a = dl.simulate_factory(**dl.factory_scenario("A"))
    >>> b = dl.simulate_factory(**dl.factory_scenario("B"))
    >>> fig = plot_year(a, b, week=10)
    >>> len(fig.data), list(fig.data[0].x)[-1]
    (6, 10)
    """
    check_result("a", a)
    check_result("b", b)
    if a.weeks != b.weeks:
        raise InputError(f"a and b must cover the same weeks, got {a.weeks} and {b.weeks}")
    w = a.weeks if week is None else whole("week", week, 1, a.weeks)
    # Three panels built as one layout dict (make_subplots is too slow for a play control).
    traces, axes, titles = [], {}, []
    for col, (key, label) in enumerate(_PANELS):
        panel_traces, panel_axes, title = _panel(col, key, label, a, b, w)
        traces += panel_traces
        axes.update(panel_axes)
        titles.append(title)
    i = w - 1
    gone = (
        f"A's cash ran out in week {a.cash_out_week}"
        if (a.cash_out_week is not None and a.cash_out_week <= w)
        else f"A's cash {money_text(a.cash[i])}"
    )
    zero_line = {
        "type": "line",
        "xref": "x",
        "yref": "y",
        "x0": 0,
        "x1": a.weeks + 1,
        "y0": 0,
        "y1": 0,
        "line": {"color": BAD_COLOR, "dash": "dot", "width": 2},
    }
    fig_layout = _layout(
        title={
            "text": f"Week {w}: {gone}, {a.inventory[i]:,.0f} units unsold · "
            f"B: {b.backlog[i]:,.0f} orders waiting"
        },
        annotations=titles,
        shapes=[zero_line],
        **axes,
    )
    return go.Figure(traces, fig_layout)


# ---------------------------------------------------------------------------------------
# Fix A: the search over A's internal knobs
# ---------------------------------------------------------------------------------------
# Any loss is visibly vermillion and any profit visibly blue, however small (not red-green).
_PROFIT_SCALE = DIVERGING_SCALE


def _marker(x: float, y: float, name: str, symbol: str, size: int, line: dict) -> go.Scatter:
    return go.Scatter(
        x=[x],
        y=[y],
        mode="markers",
        name=name,
        marker={"symbol": symbol, "size": size, "color": "black", "line": line},
        hovertemplate=f"{name}<extra></extra>",
    )


def _verdict(search: InternalFixSearch) -> str:
    best = money_text(search.best_net_profit)
    if search.settings_profitable == 0:
        return f"all {search.settings_tried:,} settings lose money (best {best})"
    return (
        f"{search.settings_profitable:,} of {search.settings_tried:,} settings "
        f"make money (best {best})"
    )


def plot_internal_fixes(
    search: InternalFixSearch, you: tuple[float, float] | None = None
) -> go.Figure:
    """Heatmap of the best net profit Factory A can reach from inside, per efficiency and
    capacity (costs at their best for each cell), with the best setting starred.

    Parameters
    ----------
    search : InternalFixSearch
        From ``search_internal_fixes``.
    you : (efficiency, capacity_per_week), optional
        A setting to mark with a circle, e.g. the learner's sliders.

    Returns
    -------
    plotly.graph_objects.Figure

    Examples
    --------
    >>> import demandlab as dl
    >>> fig = plot_internal_fixes(dl.search_internal_fixes())
    >>> max(max(row) for row in fig.data[0].z) < 0
    True
    """
    if not isinstance(search, InternalFixSearch):
        raise refuse("search", search, "an InternalFixSearch from search_internal_fixes")
    if you is None:
        you = (search.best_efficiency, search.best_capacity_per_week)
    if isinstance(you, (str, bytes)) or not hasattr(you, "__len__") or len(you) != 2:
        raise refuse("you", you, "(efficiency, capacity_per_week)")
    ye = efficiency_of("you[0] (efficiency)", you[0])
    yc = capacity_of("you[1] (capacity_per_week)", you[1])
    z = search.best_map / 1e3
    extreme = max(float(np.abs(z).max()), 1.0)
    heat = go.Heatmap(
        x=search.capacity_grid.tolist(),
        y=(100 * search.efficiency_grid).tolist(),
        z=z.tolist(),
        zmin=-extreme,
        zmax=extreme,
        colorscale=_PROFIT_SCALE,
        colorbar={"title": {"text": "$k / year"}, "thickness": 14},
        hovertemplate="capacity %{x:,.0f}/wk, efficiency %{y:.0f}%<br>"
        "best net profit $%{z:,.0f}k<extra></extra>",
    )
    best = (search.best_capacity_per_week, 100 * search.best_efficiency)
    fig = go.Figure(
        [
            heat,
            _marker(*best, "best setting", "star", 20, {"color": "white", "width": 1}),
            _marker(yc, 100 * ye, "your setting", "circle-open", 18, {"width": 3}),
        ]
    )
    fig.update_layout(
        _layout(
            title={
                "text": f"Demand {search.demand_per_week:,.0f}/week: {_verdict(search)}<br>"
                "<sup>each cell: best net profit over all material and OE settings</sup>"
            },
            xaxis={"title": "capacity (units/week at 100%)"},
            yaxis={"title": "efficiency (%)"},
            showlegend=True,
            shapes=[],
        )
    )
    return fig


# ---------------------------------------------------------------------------------------
# Fix B: net profit against output
# ---------------------------------------------------------------------------------------
def _capacity_curve(name: str, v: CapacityValue, color: str) -> tuple[list, dict, dict]:
    """One factory's net-profit-vs-output line, its "today" dot, and its demand line."""
    here = float(np.interp(v.base_output_per_week, v.output_grid, v.net_profit_at_output))
    traces = [
        go.Scatter(
            x=v.output_grid.tolist(),
            y=(v.net_profit_at_output / 1e3).tolist(),
            name=name,
            mode="lines",
            line={"color": color, "width": 3},
            hovertemplate=f"{name}: %{{x:,.0f}} made/week → $%{{y:,.0f}}k<extra></extra>",
        ),
        go.Scatter(
            x=[v.base_output_per_week],
            y=[here / 1e3],
            name=f"{name} today",
            mode="markers+text",
            marker={"size": 14, "color": color},
            text=[f"{name[-1]} today: {money_text(v.net_profit_gain_per_unit)}/yr per extra unit"],
            textposition="top left",
            showlegend=False,
            hoverinfo="skip",
        ),
    ]
    demand_line = {
        "type": "line",
        "xref": "x",
        "yref": "paper",
        "x0": v.demand_per_week,
        "x1": v.demand_per_week,
        "y0": 0,
        "y1": 1,
        "line": {"color": color, "dash": "dot", "width": 2},
    }
    label = {
        "text": f"{name[-1]}'s demand",
        "x": v.demand_per_week,
        "y": 1.0,
        "xref": "x",
        "yref": "paper",
        "showarrow": False,
        "yanchor": "bottom",
        "font": {"color": color},
    }
    return traces, demand_line, label


def plot_capacity_value(value: CapacityValue, other: CapacityValue | None = None) -> go.Figure:
    """Net profit against units made a week: it rises until output meets demand, then stops.

    Parameters
    ----------
    value : CapacityValue
        From ``capacity_value`` (usually Factory B).
    other : CapacityValue, optional
        A second factory to draw for contrast (usually Factory A).

    Returns
    -------
    plotly.graph_objects.Figure

    Examples
    --------
    >>> import demandlab as dl
    >>> fig = plot_capacity_value(dl.capacity_value("B"), dl.capacity_value("A"))
    >>> [t.name for t in fig.data][:2]
    ['Factory B', 'Factory B today']
    """
    if not isinstance(value, CapacityValue):
        raise refuse("value", value, "a CapacityValue from capacity_value")
    if other is not None and not isinstance(other, CapacityValue):
        raise refuse("other", other, "a CapacityValue from capacity_value, or None")
    pairs = [("Factory B", value, DEMAND_COLOR)]
    if other is not None:
        pairs.append(("Factory A", other, PRODUCTION_COLOR))
    traces, shapes, annotations = [], [], []
    for name, v, color in pairs:
        curve, demand_line, label = _capacity_curve(name, v, color)
        traces += curve
        shapes.append(demand_line)
        annotations.append(label)
    zero = {"type": "line", "xref": "paper", "yref": "y", "x0": 0, "x1": 1, "y0": 0, "y1": 0}
    shapes.append({**zero, "line": {"color": BAD_COLOR, "width": 1}})
    # One "$" per plotly string (JupyterLab typesets "$...$" as LaTeX), so the values per
    # unit sit in the marker labels, not in the title.
    title = "Extra output earns money only where customers are waiting"
    fig = go.Figure(traces)
    fig.update_layout(
        _layout(
            title={
                "text": title + "<br><sup>net profit rises with output up to the dotted demand "
                "line, then stops</sup>"
            },
            xaxis={
                "title": "units made per week",
                "range": [0, min(float(v.output_grid[-1]) for _, v, _ in pairs)],
            },
            yaxis={"title": "net profit ($k / year)"},
            shapes=shapes,
            annotations=annotations,
        )
    )
    return fig
