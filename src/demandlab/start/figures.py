"""Lesson 00's one figure: a week of the first slider's factory as bars."""

from __future__ import annotations

import plotly.graph_objects as go

from ..style import BAD_COLOR, DEMAND_COLOR, PRODUCTION_COLOR, layout
from .model import Week
from .scenario import SCENARIO, StartScenario


def plot_week(week: Week, scenario: StartScenario = SCENARIO) -> go.Figure:
    """Bars of one week: made, sold, piled up unsold, demand not served."""
    values = (week.made, week.sold, week.unsold, week.unmet)
    return go.Figure(
        go.Bar(
            x=["made", "sold", "piled up unsold", "demand not served"],
            y=list(values),
            marker_color=[PRODUCTION_COLOR, DEMAND_COLOR, BAD_COLOR, BAD_COLOR],
            text=[f"{v:.0f}" for v in values],
            textposition="outside",
        ),
        # the layout goes to the constructor: update_layout() afterwards re-walks every key
        # and was most of a slider move's Python time (benchmarks/README, issue 15)
        layout(
            title={
                "text": f"One week: the factory makes {week.made:.0f} units, "
                "customers decide how many sell"
            },
            yaxis={"title": "units per week", "range": [0, scenario.units_axis_max]},
            height=360,
            margin={"t": 60, "b": 40, "l": 60, "r": 20},
            showlegend=False,
        ),
    )
