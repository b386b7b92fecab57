"""The dice game's figures: the line after a round, and many plays against the promise.

Each figure takes a result from model.py and draws it; none plays the game itself.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..style import (
    BAD_COLOR,
    DEMAND_COLOR,
    GOOD_COLOR,
    PRODUCTION_COLOR,
    layout,
    marked_line,
    subtitle,
)
from . import scenario as sc
from .model import DiceGameResult, DiceReplications, game_round, replication_sets

_PROMISE = f"{sc.PROMISED_PER_ROUND:g} a round"  # "3.5 a round"


def _station_labels(result: DiceGameResult, r: int) -> list[str]:
    """S1, S2, ... with this round's roll and move under each (none before round 1)."""
    if r == 0:
        return [f"S{j + 1}" for j in range(result.stations)]
    return [
        f"S{j + 1}<br>roll {result.rolls[r - 1, j]}<br>move {result.moves[r - 1, j]}"
        for j in range(result.stations)
    ]


def _bowls(result: DiceGameResult, r: int) -> go.Bar:
    """Matches waiting in front of each station after round ``r``, as grey bars."""
    # Station 1 takes from unlimited raw material: its bowl is not drawn (height 0).
    levels = np.concatenate([[0], result.buffers[r]]).astype(float)
    return go.Bar(
        x=_station_labels(result, r),
        y=levels,
        name="waiting in bowl",
        marker_color=[PRODUCTION_COLOR] * result.stations,
        text=["raw<br>material"] + [str(int(v)) for v in result.buffers[r]],
        textposition="outside",
        cliponaxis=False,
        showlegend=False,
        hovertemplate="%{x}: %{y} waiting<extra></extra>",
    )


def _delivered(result: DiceGameResult, r: int) -> list[go.Scatter]:
    """Delivered so far, the promise, and a dot that says how far short the line is."""
    cum = result.cumulative_output
    rounds_axis = np.arange(result.rounds + 1)
    gap = sc.PROMISED_PER_ROUND * r - cum[r]
    return [
        go.Scatter(
            x=rounds_axis[: r + 1],
            y=cum[: r + 1],
            name="delivered",
            hovertemplate="round %{x}: %{y} delivered<extra></extra>",
            **marked_line(DEMAND_COLOR),
        ),
        go.Scatter(
            x=rounds_axis,
            y=sc.PROMISED_PER_ROUND * rounds_axis,
            mode="lines",
            name=f"promised: {_PROMISE}",
            line={"color": PRODUCTION_COLOR, "dash": "dash", "width": 2},
            hovertemplate="round %{x}: %{y} promised<extra></extra>",
        ),
        go.Scatter(
            x=[r],
            y=[cum[r]],
            mode="markers+text",
            name="now",
            marker={"color": BAD_COLOR if gap > 0 else GOOD_COLOR, "size": 12},
            text=[f"{gap:.1f} short" if gap > 0 else "on promise"],
            # keep the label inside its panel: right of the dot early, left of it late
            textposition="top right" if 2 * r < result.rounds else "top left",
            showlegend=False,
            hoverinfo="skip",
        ),
    ]


def plot_dice_game(result: DiceGameResult, round_number: int | None = None) -> go.Figure:
    """The line after ``round_number`` rounds: bowls as bars, delivered vs promised.

    Parameters
    ----------
    result : DiceGameResult
        A game from :func:`dice_game`.
    round_number : int, optional
        Show the state after this many rounds, 0..rounds (default: the last round).

    Returns
    -------
    plotly.graph_objects.Figure
        Left: matches waiting in front of each station (grey), with this round's roll and
        move under each station. Right: matches delivered so far (blue) against the
        3.5-a-round promise (grey, dashed).

    Examples
    --------
    >>> from demandlab.dice.model import dice_game
    >>> fig = plot_dice_game(dice_game(rounds=10, seed=1), round_number=3)
    >>> [trace.name for trace in fig.data]
    ['waiting in bowl', 'delivered', 'promised: 3.5 a round', 'now']
    """
    r = game_round(result, round_number)
    lost = result.lost_capacity[r - 1] if r > 0 else np.zeros(result.stations, dtype=int)
    fig = make_subplots(
        rows=1,
        cols=2,
        column_widths=[0.62, 0.38],
        horizontal_spacing=0.15,  # room for the right panel's axis title
        subplot_titles=(f"Waiting in the bowls after round {r}", "Delivered vs the promise"),
    )
    fig.add_trace(_bowls(result, r), row=1, col=1)
    for trace in _delivered(result, r):
        fig.add_trace(trace, row=1, col=2)
    s = result.stations
    cap = "no WIP cap" if result.wip_cap is None else f"WIP cap {result.wip_cap}"
    fig.update_layout(
        layout(
            title={"text": f"Dice game: round {r} of {result.rounds}", "font": {"size": 16}},
            height=450,
            margin={"t": 100, "b": 120, "l": 60, "r": 20},
            legend={"orientation": "h", "x": 0.58, "y": -0.3, "yanchor": "top"},
            bargap=0.35,
            shapes=[],
        )
    )
    ymax_bowl = max(6.0, float(result.buffers.max()) * 1.15 + 1) if s > 1 else 6.0
    fig.update_yaxes(title_text="matches waiting", range=[0, ymax_bowl], row=1, col=1)
    fig.update_yaxes(
        title_text="matches delivered",
        range=[0, sc.PROMISED_PER_ROUND * result.rounds * 1.08 + 1],
        row=1,
        col=2,
    )
    fig.update_xaxes(title_text="round", range=[-0.3, result.rounds + 0.3], row=1, col=2)
    fig.update_xaxes(tickfont={"size": 11}, tickangle=0, row=1, col=1)
    note = f"{s} stations, {cap}; rolled but not moved this round: {int(lost.sum())}"
    fig.add_annotation(subtitle(note, y=1.1))
    return fig


def plot_dice_replications(*results: DiceReplications) -> go.Figure:
    """How often the line keeps its 3.5-a-round promise, over many plays.

    Parameters
    ----------
    *results : DiceReplications
        One or more sets of plays (e.g. without and with a WIP cap), drawn as histograms.

    Returns
    -------
    plotly.graph_objects.Figure
        Histogram of output per round across plays; a dashed line at the 3.5 promise.

    Examples
    --------
    >>> from demandlab.dice.model import dice_game_replications
    >>> fig = plot_dice_replications(dice_game_replications(replications=200, seed=1))
    >>> fig.data[0].type
    'histogram'
    """
    results = replication_sets(results)
    palette = [DEMAND_COLOR, GOOD_COLOR, PRODUCTION_COLOR, BAD_COLOR]
    fig = go.Figure()
    for i, res in enumerate(results):
        cap = "no cap" if res.wip_cap is None else f"WIP cap {res.wip_cap}"
        fig.add_trace(
            go.Histogram(
                x=res.output_per_round,
                name=f"{cap}: mean {res.mean_output_per_round:.2f} ± {res.ci_half_width:.2f}",
                marker_color=palette[i % len(palette)],
                marker_pattern_shape=["", "/", "x", "."][i % 4],  # not colour alone
                opacity=0.65 if len(results) > 1 else 0.9,
                xbins={"start": -0.05, "end": sc.DIE_FACES + 0.05, "size": 0.1},
                hovertemplate="%{y} plays delivered %{x} a round<extra></extra>",
            )
        )
    first = results[0]
    reached = int(round((1 - first.share_below_promise) * first.replications))
    fig.add_vline(
        x=sc.PROMISED_PER_ROUND,
        line={"color": BAD_COLOR, "dash": "dash", "width": 2},
        annotation_text=f"promise: {_PROMISE}",
        annotation_position="top right",
    )
    fig.update_layout(
        layout(
            title={
                "text": (
                    f"{first.replications:,} plays of {first.rounds} rounds: only "
                    f"{reached:,} {'reaches' if reached == 1 else 'reach'} the promise"
                    f" of {_PROMISE}"
                ),
                "font": {"size": 16},
            },
            xaxis={"title": "matches delivered per round (one play)", "range": [0, sc.DIE_FACES]},
            yaxis={"title": "number of plays"},
            barmode="overlay",
            height=400,
            margin={"t": 70, "b": 110, "l": 60, "r": 20},
            legend={"orientation": "h", "y": -0.3, "yanchor": "top"},
        )
    )
    return fig
