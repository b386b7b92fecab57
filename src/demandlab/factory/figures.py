"""Lesson 01's figures: each takes model results and returns a plotly Figure (never runs
a model, never shows itself)."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ..checks import InputError, refuse, whole
from ..formatting import money, number
from ..style import (
    ACCENT_COLOR,
    BAD_COLOR,
    DEMAND_COLOR,
    DIVERGING_SCALE,
    GOOD_COLOR,
    PRODUCTION_COLOR,
    TEXT_COLOR,
    layout,
    subtitle,
)
from .model import (
    CapacityValue,
    FactoryResult,
    InternalFixSearch,
    capacity_of,
    check_result,
    efficiency_of,
)

A_NAME, B_NAME = "Factory A (efficient)", "Factory B (overrun)"


def _money(x: float) -> str:
    """Chart money: ``$443k``, ``−$624k``, ``$1.35M``."""
    return money(x, compact=True)


def _layout(**overrides: object) -> dict:
    """The course layout with a horizontal legend above the plot, under the subtitle
    (issue 19: a legend below the axis collided with axis titles at 1024 px)."""
    base = {
        "margin": {"t": 120, "b": 60, "l": 80},
        "legend": {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
    }
    for key, value in base.items():
        extra = overrides.pop(key, {})
        overrides[key] = {**value, **extra}  # type: ignore[dict-item]
    return layout(**overrides)


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
def _gap_note(a: FactoryResult) -> str:
    """One line under the title that explains A's gap between the books and the bank."""
    gap = a.overhead_in_inventory
    if gap > 1:
        units = number(a.inventory_end)
        return f"Gap at A: {_money(gap)} of overhead parked in {units} unsold units"
    return "No unsold stock at A: its books and its bank agree"


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
        ("Reported profit (absorption costing)", reported, PRODUCTION_COLOR, "/"),
        ("Net profit (T − OE)", net, [GOOD_COLOR if v >= 0 else BAD_COLOR for v in net], ""),
    )
    values = reported + net
    lo, hi = min(0.0, *values), max(0.0, *values)
    pad = 0.2 * max(hi - lo, 1.0)
    return go.Figure(
        [
            go.Bar(
                name=name,
                x=names,
                y=values,
                marker={"color": color, "pattern": {"shape": hatch}},  # not colour alone
                text=[_money(v) for v in values],
                textposition="outside",
                textfont={"size": 13},
                cliponaxis=False,
            )
            for name, values, color, hatch in bars
        ],
        _layout(  # in the constructor: a later update_layout() costs ~2x (issue 15)
            barmode="group",
            bargap=0.25,
            bargroupgap=0.06,
            margin={"t": 110, "b": 90},
            legend={"y": -0.12, "yanchor": "top"},
            title={"text": f"Profit over {a.weeks} weeks: the books vs the bank"},
            yaxis={
                "title": "$ over the year",
                "tickformat": "~s",
                "range": [lo - pad, hi + pad],
                "zeroline": True,
                "zerolinewidth": 2,
            },
            annotations=[subtitle(_gap_note(a))],
            shapes=[],
        ),
    )


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
    # colour, dash and marker all differ, so the two lines part without colour (issue 14)
    looks = (
        (a, A_NAME, PRODUCTION_COLOR, "solid", "circle"),
        (b, B_NAME, DEMAND_COLOR, "dash", "square"),
    )
    for res, name, color, dash, symbol in looks:
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
                line={"color": color, "width": 3, "dash": dash},
                # a dot marks the current week, so week 1 is not an empty chart
                marker={"size": [0] * (w - 1) + [10], "color": color, "symbol": symbol},
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
        else f"A's cash {_money(a.cash[i])}"
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
    state = f"A: {number(a.inventory[i])} units unsold · B: {number(b.backlog[i])} orders waiting"
    fig_layout = _layout(
        height=480,
        margin={"t": 135, "b": 120},
        legend={"y": -0.3, "yanchor": "top"},
        title={"text": f"Week {w}: {gone}"},
        annotations=[*titles, subtitle(state, y=1.12)],
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
        marker={"symbol": symbol, "size": size, "color": TEXT_COLOR, "line": line},
        hovertemplate=f"{name}<extra></extra>",
    )


def _verdict(search: InternalFixSearch) -> str:
    best = _money(search.best_net_profit)
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
    >>> float(fig.data[0].z.max()) < 0  # every cell loses money
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
    # numpy arrays, not lists: plotly checks a list cell by cell (~10 ms of each slider move)
    heat = go.Heatmap(
        x=search.capacity_grid,
        y=100 * search.efficiency_grid,
        z=z,
        zmin=-extreme,
        zmax=extreme,
        colorscale=_PROFIT_SCALE,
        colorbar={"title": {"text": "$k / year"}, "thickness": 14},
        customdata=np.array([[_money(1e3 * v) for v in row] for row in z.tolist()], dtype=object),
        hovertemplate="capacity %{x:,.0f}/wk, efficiency %{y:.0f}%<br>"
        "best net profit %{customdata}<extra></extra>",
    )
    best = (search.best_capacity_per_week, 100 * search.best_efficiency)
    fig = go.Figure(
        [
            heat,
            _marker(*best, "best setting", "star", 20, {"color": ACCENT_COLOR, "width": 2}),
            _marker(yc, 100 * ye, "your setting", "circle-open", 18, {"width": 3}),
        ],
        # layout given to the constructor: update_layout() afterwards took ~half of each
        # slider move's Python time (plotly's relayout path re-walks every key).
        _layout(
            margin={"t": 150},
            title={"text": f"Demand {number(search.demand_per_week)}/week: {_verdict(search)}"},
            annotations=[subtitle("Each cell: the best net profit over all cost settings", 1.15)],
            xaxis={"title": "capacity (units/week at 100%)"},
            yaxis={"title": "efficiency (%)"},
            showlegend=True,
            shapes=[],
        ),
    )
    return fig


# ---------------------------------------------------------------------------------------
# Fix B: net profit against output
# ---------------------------------------------------------------------------------------
_CURVE_LOOK = {"Factory B": ("solid", "circle"), "Factory A": ("dash", "square")}


def _capacity_curve(name: str, v: CapacityValue, color: str) -> tuple[list, dict, dict]:
    """One factory's net-profit-vs-output line, its "today" dot, and its demand line."""
    here = float(np.interp(v.base_output_per_week, v.output_grid, v.net_profit_at_output))
    dash, symbol = _CURVE_LOOK.get(name, ("solid", "circle"))
    traces = [
        go.Scatter(
            x=v.output_grid.tolist(),
            y=(v.net_profit_at_output / 1e3).tolist(),
            name=name,
            mode="lines",
            line={"color": color, "width": 3, "dash": dash},
            customdata=[_money(y) for y in v.net_profit_at_output],
            hovertemplate=f"{name}: %{{x:,.0f}} made/week → %{{customdata}}<extra></extra>",
        ),
        go.Scatter(
            x=[v.base_output_per_week],
            y=[here / 1e3],
            name=f"{name} today",
            mode="markers",
            marker={"size": 14, "color": color, "symbol": symbol},
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
    # inside the plot at its foot, under the curves (which start at -OE and rise)
    label = {
        "text": f"{name[-1]}'s demand",
        "x": v.demand_per_week,
        "y": 0.02,
        "xref": "x",
        "yref": "paper",
        "showarrow": False,
        "xanchor": "left",
        "yanchor": "bottom",
        "xshift": 4,
        "font": {"color": color},
    }
    return traces, demand_line, label


def _today_label(name: str, v: CapacityValue, x_max: float) -> dict:
    """The value of one more unit, next to the factory's dot, on the side with room."""
    here = float(np.interp(v.base_output_per_week, v.output_grid, v.net_profit_at_output))
    right_half = v.base_output_per_week > x_max / 2
    return {
        "text": f"{name[-1]} today: {_money(v.net_profit_gain_per_unit)}/yr per extra unit",
        "x": v.base_output_per_week,
        "y": here / 1e3,
        "xref": "x",
        "yref": "y",
        "showarrow": False,
        "xanchor": "right" if right_half else "left",
        "xshift": -10 if right_half else 10,
        "yanchor": "bottom",
        "yshift": 6,
        "font": {"size": 13},
    }


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
    # the x axis shows every curve, and every dot even when a slider pushes it further
    x_max = max(
        min(float(v.output_grid[-1]) for _, v, _ in pairs),
        1.1 * max(v.base_output_per_week for _, v, _ in pairs),
    )
    annotations += [_today_label(name, v, x_max) for name, v, _ in pairs]
    seen = np.concatenate(
        [v.net_profit_at_output[v.output_grid <= x_max] / 1e3 for _, v, _ in pairs]
    )
    lo, hi = float(min(seen.min(), 0.0)), float(max(seen.max(), 0.0))
    span = max(hi - lo, 1.0)
    zero = {"type": "line", "xref": "paper", "yref": "y", "x0": 0, "x1": 1, "y0": 0, "y1": 0}
    shapes.append({**zero, "line": {"color": BAD_COLOR, "width": 1}})
    fig = go.Figure(
        traces,
        _layout(  # in the constructor: a later update_layout() costs ~2x (issue 15)
            margin={"t": 150},
            title={"text": "Extra output earns money only where customers wait"},
            xaxis={"title": "units made per week", "range": [0, x_max]},
            # headroom above the top so a dot's label never leaves the plot
            yaxis={
                "title": "net profit ($k / year)",
                "range": [lo - 0.08 * span, hi + 0.25 * span],
            },
            shapes=shapes,
            annotations=[
                subtitle("Net profit rises with output up to the dotted demand line", 1.15),
                *annotations,
            ],
        ),
    )
    return fig
