"""Lesson 01's figures of the books and the bank: the profit gap and the year, week by week."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ...checks import InputError, whole
from ...formatting import number
from ...style import BAD_COLOR, DEMAND_COLOR, GOOD_COLOR, PRODUCTION_COLOR, subtitle
from ..model import FactoryResult, check_result
from ._common import A_NAME, B_NAME, _layout, _money, _paper_text


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
