"""Lesson 01's figures of the two fixes: the search over A's internal knobs (fix A) and net
profit against output (fix B)."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ...checks import refuse, result_of
from ...formatting import number
from ...style import (
    ACCENT_COLOR,
    BAD_COLOR,
    DEMAND_COLOR,
    DIVERGING_SCALE,
    PRODUCTION_COLOR,
    TEXT_COLOR,
    subtitle,
)
from ..model import CapacityValue, InternalFixSearch, capacity_of, efficiency_of
from ._common import _layout, _money

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
    result_of("value", value, CapacityValue, "capacity_value")
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
