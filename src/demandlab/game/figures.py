"""The room game's figure: your department's number against its local target, and the
team's customers against the end-to-end target (hidden in the first half).

A figure takes a result and draws it; it never plays a round.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..checks import choice, flag, in_range, result_of, whole
from ..style import (
    ACCENT_COLOR,
    BAD_COLOR,
    DEMAND_COLOR,
    PRODUCTION_COLOR,
    layout,
    marked_line,
    subtitle,
)
from .model import DEPARTMENT_NUMBERS, TeamRun
from .scenario import DEPARTMENT_NAMES, MAX_ROUNDS

MAX_TARGET = 1e9  # largest target a figure draws

__all__ = ["plot_room_game"]

_AXIS = {
    "leads": "leads in the quarter",
    "deals": "deals in the quarter",
    "handling_hours": "onboarding hours per customer",
}


def plot_room_game(
    run: TeamRun,
    department: str,
    local_target: float,
    end_to_end_target: float,
    rounds: int,
    show_customer: bool,
) -> go.Figure:
    """One team's game so far, as the player of ``department`` sees it.

    Parameters
    ----------
    run : TeamRun
        The team's rounds so far (:func:`play_team`).
    department : str
        "marketing", "sales" or "cs": whose scoreboard the left panel shows.
    local_target, end_to_end_target : float
        The department's local target and the team's end-to-end target (customers reaching
        success in a quarter).
    rounds : int
        Rounds in the game (the x axis).
    show_customer : bool
        False in the first half: the right panel says the customer is hidden.

    Returns
    -------
    plotly.graph_objects.Figure
        Left: the department's number each round (bars) and its local target (dashed).
        Right: customers reaching success each round (blue) and the end-to-end target.

    Examples
    --------
    >>> from demandlab.game.model import play_team
    >>> from demandlab.game.scenario import GAME
    >>> e2e = GAME.bot_end_to_end
    >>> fig = plot_room_game(play_team([e2e]), "sales", 355, 157, 8, False)
    >>> [t.name for t in fig.data]
    ['deals', 'local target', 'customers reaching success', 'end-to-end target']
    """
    result_of("run", run, TeamRun, "play_team")
    department = choice("department", department, tuple(DEPARTMENT_NUMBERS))
    local_target = in_range("local_target", local_target, 0, MAX_TARGET)
    end_to_end_target = in_range("end_to_end_target", end_to_end_target, 0, MAX_TARGET)
    rounds = whole("rounds", rounds, max(run.rounds_played, 1), MAX_ROUNDS)
    show_customer = flag("show_customer", show_customer)
    key = DEPARTMENT_NUMBERS[department]
    x = np.arange(1, run.rounds_played + 1)
    axis = np.arange(0.5, rounds + 1)
    fig = make_subplots(
        rows=1,
        cols=2,
        horizontal_spacing=0.14,
        subplot_titles=(
            f"Your scoreboard: {DEPARTMENT_NAMES[department]}",
            "Your customers" if show_customer else "Your customers (hidden until the second half)",
        ),
    )
    values = getattr(run, key)
    for trace in _department_traces(x, values, key, local_target, axis):
        fig.add_trace(trace, row=1, col=1)
    for trace in _customer_traces(x, run.successes, end_to_end_target, axis, show_customer):
        fig.add_trace(trace, row=1, col=2)
    shown = run.successes if show_customer else run.successes[:0]  # hidden: no hint either
    top_left, top_right = _axis_top(values, local_target), _axis_top(shown, end_to_end_target)
    fig.update_layout(
        layout(
            title={"text": f"The room plays: round {run.rounds_played} of {rounds}"},
            height=430,
            margin={"t": 110, "b": 110, "l": 70, "r": 20},
            legend={"orientation": "h", "x": 0.0, "y": -0.25, "yanchor": "top"},
            annotations=[
                *fig.layout.annotations,
                subtitle("One round is one quarter of lesson 05's company.", y=1.12),
            ],
            shapes=[],
        )
    )
    fig.update_xaxes(title_text="round", range=[0.5, rounds + 0.5], dtick=1)
    fig.update_yaxes(title_text=_AXIS[key], range=[0, top_left], row=1, col=1)
    # Hidden means no hint either: no scale on the customer's axis until it is shown.
    fig.update_yaxes(
        title_text="customers reaching success",
        range=[0, top_right if show_customer else 1],
        showticklabels=show_customer,
        row=1,
        col=2,
    )
    return fig


def _axis_top(values: np.ndarray, target: float) -> float:
    """Room above the highest bar or target line, so neither touches the plot's top."""
    return max(float(values.max()) if len(values) else 0.0, target) * 1.15 + 1


def _department_traces(x, values, key: str, target: float, axis) -> list:
    """The department's number each round (bars) and its local target (dashed)."""
    return [
        go.Bar(
            x=x,
            y=values,
            name=key.replace("_", " "),
            marker_color=PRODUCTION_COLOR,
            hovertemplate="round %{x}: %{y:,.1f}<extra></extra>",
        ),
        go.Scatter(
            x=[axis[0], axis[-1]],
            y=[target] * 2,
            mode="lines",
            name="local target",
            line={"color": BAD_COLOR, "dash": "dash", "width": 2},
            hovertemplate="local target %{y:,.0f}<extra></extra>",
        ),
    ]


def _customer_traces(x, successes, target: float, axis, show: bool) -> list:
    """Customers reaching success each round and the end-to-end target; empty when hidden."""
    shown = successes if show else np.array([])
    return [
        go.Scatter(
            x=x[: len(shown)],
            y=shown,
            name="customers reaching success",
            hovertemplate="round %{x}: %{y:,.0f} reached success<extra></extra>",
            **marked_line(DEMAND_COLOR, size=8),
        ),
        go.Scatter(
            x=[axis[0], axis[-1]] if show else [],
            y=[target] * 2 if show else [],
            mode="lines",
            name="end-to-end target",
            # Not the bars' dark grey (too close for colour-blind viewers beside them).
            line={"color": ACCENT_COLOR, "dash": "dot", "width": 2},
            hovertemplate="end-to-end target %{y:,.0f}<extra></extra>",
        ),
    ]
