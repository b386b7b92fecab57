"""Goldratt's dice game from *The Goal* (Goldratt & Cox, 1984): a balanced line that
cannot keep its promise.

Five people sit in a row. Each round, in order, each rolls a die and moves that many
matches from the bowl on their left to the bowl on their right, but never more than the
bowl holds. Every station averages 3.5 a round, so the line "should" deliver 3.5 a round.
It does not: a high roll in front of an empty bowl is capacity lost for good, while a low
roll upstream lets work pile up. The game is the warm-up of lesson 03 (pull vs push).

Layers: ``dice_game`` / ``dice_game_replications`` (model) -> ``plot_dice_game`` /
``plot_dice_replications`` (figures) -> ``dice_game_explorer`` (widget).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .checks import frozen
from .checks import whole as _int_in
from .widgetkit import (
    BAD_COLOR,
    DEMAND_COLOR,
    GOOD_COLOR,
    PRODUCTION_COLOR,
    figure_widget,
    guarded,
    message_area,
    refresh,
    say,
)

#: The mean of a fair six-sided die: the "capacity" every station promises per round.
PROMISED_PER_ROUND = 3.5
MAX_STATIONS = 20
MAX_ROUNDS = 10_000
MAX_INITIAL_WIP = 1_000
MAX_REPLICATIONS = 100_000
# rolls are held as a (replications, rounds, stations) array; cap it (about 5 MB as int8).
MAX_CELLS = 5_000_000


def _check_common(
    stations: object, rounds: object, initial_wip: object, wip_cap: object, seed: object
) -> tuple[int, int, int, int | None, int]:
    stations = _int_in("stations", stations, 1, MAX_STATIONS)
    rounds = _int_in("rounds", rounds, 1, MAX_ROUNDS)
    initial_wip = _int_in("initial_wip", initial_wip, 0, MAX_INITIAL_WIP)
    if wip_cap is not None:
        wip_cap = _int_in("wip_cap", wip_cap, 1, 1_000_000)
    seed = _int_in("seed", seed, 0, 2**63 - 1)
    return stations, rounds, initial_wip, wip_cap, seed


def _play(
    rolls: np.ndarray, initial_wip: int, wip_cap: int | None
) -> tuple[np.ndarray, np.ndarray]:
    """Play the game for many replications at once.

    ``rolls`` has shape (replications, rounds, stations). Returns ``moves`` (same shape)
    and ``buffers`` (replications, rounds + 1, stations - 1): the bowl levels at the start
    (row 0) and after each round. Bowl k sits between station k + 1 and station k + 2.
    """
    reps, rounds, stations = rolls.shape
    moves = np.zeros(rolls.shape, dtype=np.int64)
    buffers = np.zeros((reps, rounds + 1, stations - 1), dtype=np.int64)
    bowls = np.full((reps, stations - 1), initial_wip, dtype=np.int64)
    buffers[:, 0] = bowls
    for t in range(rounds):
        roll = rolls[:, t, :].astype(np.int64)
        # Station 1 draws from unlimited raw material; a WIP cap lets it release only what
        # keeps the matches in the bowls (released, not yet delivered) at or below the cap.
        if wip_cap is None:
            moved = roll[:, 0]
        else:
            room = np.maximum(wip_cap - bowls.sum(axis=1), 0)
            moved = np.minimum(roll[:, 0], room)
        moves[:, t, 0] = moved
        if stations > 1:
            bowls[:, 0] += moved
        for j in range(1, stations):
            # Station j+1 moves what its die allows, but never more than its input bowl holds,
            # including what the station before it passed on earlier in this same round.
            moved = np.minimum(roll[:, j], bowls[:, j - 1])
            moves[:, t, j] = moved
            bowls[:, j - 1] -= moved
            if j < stations - 1:
                bowls[:, j] += moved
        buffers[:, t + 1] = bowls
    return moves, buffers


_frozen = partial(frozen, dtype=None)  # keep each array's dtype: rolls are counts


@dataclass(frozen=True)
class DiceGameResult:
    """One play of the dice game, round by round (arrays are read-only).

    Attributes
    ----------
    stations, rounds, initial_wip, wip_cap, seed
        The settings the game was played with.
    rolls : ndarray of int, shape (rounds, stations)
        What each station's die showed in each round (1..6).
    moves : ndarray of int, shape (rounds, stations)
        What each station actually moved: ``min(roll, what its input bowl held)``.
        Column 0 is what station 1 released from raw material.
    buffers : ndarray of int, shape (rounds + 1, stations - 1)
        Matches in each bowl between stations: row 0 at the start, row r after round r.
        Bowl k (0-based) sits in front of station k + 2 (1-based).
    released : ndarray of int, shape (rounds,)
        What entered the line each round (``moves[:, 0]``).
    output : ndarray of int, shape (rounds,)
        What left the last station each round (``moves[:, -1]``).
    wip : ndarray of int, shape (rounds + 1,)
        Matches in all bowls together: row 0 at the start, row r after round r.
    """

    stations: int
    rounds: int
    initial_wip: int
    wip_cap: int | None
    seed: int
    rolls: np.ndarray
    moves: np.ndarray
    buffers: np.ndarray
    released: np.ndarray
    output: np.ndarray
    wip: np.ndarray

    @property
    def cumulative_output(self) -> np.ndarray:
        """Matches delivered by the end of each round, shape (rounds + 1,), starting at 0."""
        return np.concatenate([[0], np.cumsum(self.output)])

    @property
    def mean_output_per_round(self) -> float:
        """Matches delivered per round over the whole game."""
        return float(self.output.mean())

    @property
    def lost_capacity(self) -> np.ndarray:
        """Roll minus move, shape (rounds, stations): pips a station rolled but could not use."""
        return self.rolls - self.moves


def dice_game(
    stations: int = 5,
    rounds: int = 20,
    initial_wip: int = 0,
    wip_cap: int | None = None,
    seed: int = 1,
) -> DiceGameResult:
    """Play Goldratt's dice game once and keep every round, so a lesson can step through it.

    Each round, station by station in order, each station rolls a fair six-sided die and
    moves ``min(roll, matches in its input bowl)`` to the next bowl; the last station's
    moves are the line's output. Station 1 draws from unlimited raw material. A station
    can move matches that the station before it passed on earlier in the same round.

    With ``wip_cap``, station 1 releases ``min(roll, max(wip_cap - wip, 0))``, where
    ``wip`` is the number of matches in the bowls between stations when station 1 plays
    (at the start of the round, after last round's output left). So the work in process
    never exceeds the cap once it is below it: a CONWIP line. If ``initial_wip`` already
    puts more than the cap in the bowls, station 1 releases nothing until WIP falls below it.

    On the shop floor: five balanced stations of 3.5 units a round each, and the line
    still delivers less than 3.5 a round, because a fast moment downstream cannot make up
    for a slow moment upstream.

    Parameters
    ----------
    stations : int
        Stations in the line, 1..20 (default 5, as in *The Goal*).
    rounds : int
        Rounds to play, 1..10000 (default 20).
    initial_wip : int
        Matches in each bowl between stations at the start, 0..1000 (default 0: empty).
    wip_cap : int or None
        Cap on the matches in the bowls (None: no cap, push from raw material).
    seed : int
        Seed of the dice (a whole number >= 0); the same seed replays the same game.

    Returns
    -------
    DiceGameResult
        Per-round rolls, moves, bowl levels, release, output and WIP.

    Examples
    --------
    >>> game = dice_game(stations=5, rounds=10, seed=1)
    >>> game.rolls.shape, game.buffers.shape
    ((10, 5), (11, 4))
    >>> bool(game.output.sum() + game.wip[-1] == game.released.sum())
    True
    """
    stations, rounds, initial_wip, wip_cap, seed = _check_common(
        stations, rounds, initial_wip, wip_cap, seed
    )
    rng = np.random.default_rng(seed)
    rolls = rng.integers(1, 7, size=(1, rounds, stations), dtype=np.int8)
    moves, buffers = _play(rolls, initial_wip, wip_cap)
    moves, buffers = moves[0], buffers[0]
    return DiceGameResult(
        stations=stations,
        rounds=rounds,
        initial_wip=initial_wip,
        wip_cap=wip_cap,
        seed=seed,
        rolls=_frozen(rolls[0].astype(np.int64)),
        moves=_frozen(moves),
        buffers=_frozen(buffers),
        released=_frozen(moves[:, 0]),
        output=_frozen(moves[:, -1]),
        wip=_frozen(buffers.sum(axis=1)),
    )


@dataclass(frozen=True)
class DiceReplications:
    """Many seeded plays of the same dice game (arrays are read-only).

    Attributes
    ----------
    stations, rounds, initial_wip, wip_cap, replications, seed
        The settings.
    output_per_round : ndarray, shape (replications,)
        Each play's mean output per round.
    final_wip : ndarray, shape (replications,)
        Matches left in the bowls after the last round of each play.
    mean_output_per_round : float
        Average of ``output_per_round`` over the plays.
    ci_half_width : float
        Half-width of the 95% confidence interval of that average (1.96 standard errors;
        0 for a single play).
    mean_final_wip : float
        Average matches left in the bowls after the last round.
    share_below_promise : float
        Fraction of plays that delivered less than 3.5 a round.
    """

    stations: int
    rounds: int
    initial_wip: int
    wip_cap: int | None
    replications: int
    seed: int
    output_per_round: np.ndarray
    final_wip: np.ndarray
    mean_output_per_round: float
    ci_half_width: float
    mean_final_wip: float
    share_below_promise: float


def dice_game_replications(
    stations: int = 5,
    rounds: int = 10,
    initial_wip: int = 0,
    wip_cap: int | None = None,
    replications: int = 1000,
    seed: int = 1,
) -> DiceReplications:
    """Play the dice game many times with different dice, to tell luck from the rule.

    Same rules as :func:`dice_game`. One seed draws every play's dice, so the whole set
    replays exactly. The confidence interval is 95%, from the spread across plays
    (the plays are independent).

    On the shop floor: one bad week can be luck; a thousand weeks below the promise
    are the system.

    Parameters
    ----------
    stations, rounds, initial_wip, wip_cap
        As in :func:`dice_game` (default: 5 stations, 10 rounds, starting empty, no cap).
    replications : int
        Plays, 1..100000 (default 1000); replications x rounds x stations must stay
        at or below 5,000,000.
    seed : int
        Seed for all the dice (a whole number >= 0).

    Returns
    -------
    DiceReplications
        Per-play output per round and final WIP, their means and a 95% CI half-width.

    Examples
    --------
    >>> reps = dice_game_replications(stations=5, rounds=10, replications=2000, seed=1)
    >>> bool(reps.mean_output_per_round + reps.ci_half_width < 3.5)
    True
    """
    stations, rounds, initial_wip, wip_cap, seed = _check_common(
        stations, rounds, initial_wip, wip_cap, seed
    )
    replications = _int_in("replications", replications, 1, MAX_REPLICATIONS)
    cells = replications * rounds * stations
    if cells > MAX_CELLS:
        raise ValueError(
            f"replications x rounds x stations must be at most {MAX_CELLS:,}, got "
            f"{replications} x {rounds} x {stations} = {cells:,}; use fewer replications"
        )
    rng = np.random.default_rng(seed)
    rolls = rng.integers(1, 7, size=(replications, rounds, stations), dtype=np.int8)
    moves, buffers = _play(rolls, initial_wip, wip_cap)
    per_round = moves[:, :, -1].mean(axis=1)
    final_wip = buffers[:, -1, :].sum(axis=1)
    half = 0.0
    if replications > 1:
        half = float(1.96 * per_round.std(ddof=1) / np.sqrt(replications))
    return DiceReplications(
        stations=stations,
        rounds=rounds,
        initial_wip=initial_wip,
        wip_cap=wip_cap,
        replications=replications,
        seed=seed,
        output_per_round=_frozen(per_round),
        final_wip=_frozen(final_wip.astype(np.float64)),
        mean_output_per_round=float(per_round.mean()),
        ci_half_width=half,
        mean_final_wip=float(final_wip.mean()),
        share_below_promise=float((per_round < PROMISED_PER_ROUND).mean()),
    )


# ----------------------------------------------------------------------------- figures


def _round_in(result: DiceGameResult, round_number: int | None) -> int:
    if round_number is None:
        return result.rounds
    return _int_in("round_number", round_number, 0, result.rounds)


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
    >>> fig = plot_dice_game(dice_game(rounds=10, seed=1), round_number=3)
    >>> [trace.name for trace in fig.data]
    ['waiting in bowl', 'delivered', 'promised: 3.5 a round', 'now']
    """
    if not isinstance(result, DiceGameResult):
        raise ValueError(f"result must be a DiceGameResult from dice_game, got {type(result)}")
    r = _round_in(result, round_number)
    s = result.stations
    labels = []
    for j in range(s):
        if r == 0:
            labels.append(f"S{j + 1}")
        else:
            labels.append(
                f"S{j + 1}<br>rolled {result.rolls[r - 1, j]}<br>moved {result.moves[r - 1, j]}"
            )
    # Station 1 takes from unlimited raw material: its bowl is not drawn (height 0).
    levels = np.concatenate([[0], result.buffers[r]]).astype(float)
    bar_text = ["raw<br>material"] + [str(int(v)) for v in result.buffers[r]]
    lost = result.lost_capacity[r - 1] if r > 0 else np.zeros(s, dtype=int)
    colors = [PRODUCTION_COLOR] * s
    ymax_bowl = max(6.0, float(result.buffers.max()) * 1.15 + 1) if s > 1 else 6.0

    cum = result.cumulative_output
    rounds_axis = np.arange(result.rounds + 1)
    fig = make_subplots(
        rows=1,
        cols=2,
        column_widths=[0.55, 0.45],
        horizontal_spacing=0.12,
        subplot_titles=(
            f"Matches waiting in front of each station after round {r}",
            "Delivered so far vs the promise",
        ),
    )
    fig.add_trace(
        go.Bar(
            x=labels,
            y=levels,
            name="waiting in bowl",
            marker_color=colors,
            text=bar_text,
            textposition="outside",
            cliponaxis=False,
            showlegend=False,
            hovertemplate="%{x}: %{y} waiting<extra></extra>",
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=rounds_axis[: r + 1],
            y=cum[: r + 1],
            mode="lines+markers",
            name="delivered",
            line={"color": DEMAND_COLOR, "width": 3},
            hovertemplate="round %{x}: %{y} delivered<extra></extra>",
        ),
        row=1,
        col=2,
    )
    fig.add_trace(
        go.Scatter(
            x=rounds_axis,
            y=PROMISED_PER_ROUND * rounds_axis,
            mode="lines",
            name="promised: 3.5 a round",
            line={"color": PRODUCTION_COLOR, "dash": "dash", "width": 2},
            hovertemplate="round %{x}: %{y} promised<extra></extra>",
        ),
        row=1,
        col=2,
    )
    gap = PROMISED_PER_ROUND * r - cum[r]
    fig.add_trace(
        go.Scatter(
            x=[r],
            y=[cum[r]],
            mode="markers+text",
            name="now",
            marker={"color": BAD_COLOR if gap > 0 else GOOD_COLOR, "size": 12},
            text=[f"{gap:.1f} short" if gap > 0 else "on promise"],
            textposition="top left",
            showlegend=False,
            hoverinfo="skip",
        ),
        row=1,
        col=2,
    )
    lost_total = int(lost.sum())
    cap = "no WIP cap" if result.wip_cap is None else f"WIP cap {result.wip_cap}"
    fig.update_layout(
        title={
            "text": (
                f"Dice game, {s} stations, {cap}: round {r} of {result.rounds}"
                f" · rolled but not moved this round: {lost_total}"
            ),
            "font": {"size": 16},
        },
        height=430,
        margin={"t": 80, "b": 90, "l": 60, "r": 20},
        legend={"orientation": "h", "x": 0.58, "y": -0.18},
        bargap=0.35,
        shapes=[],
    )
    fig.update_yaxes(title_text="matches waiting", range=[0, ymax_bowl], row=1, col=1)
    fig.update_yaxes(
        title_text="matches delivered",
        range=[0, PROMISED_PER_ROUND * result.rounds * 1.08 + 1],
        row=1,
        col=2,
    )
    fig.update_xaxes(title_text="round", range=[-0.3, result.rounds + 0.3], row=1, col=2)
    fig.update_xaxes(tickfont={"size": 12}, row=1, col=1)
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
    >>> fig = plot_dice_replications(dice_game_replications(replications=200, seed=1))
    >>> fig.data[0].type
    'histogram'
    """
    if not results:
        raise ValueError("results must hold at least one DiceReplications, got none")
    for res in results:
        if not isinstance(res, DiceReplications):
            raise ValueError(
                f"results must be DiceReplications from dice_game_replications, got {type(res)}"
            )
    palette = [DEMAND_COLOR, GOOD_COLOR, PRODUCTION_COLOR, BAD_COLOR]
    fig = go.Figure()
    for i, res in enumerate(results):
        cap = "no cap" if res.wip_cap is None else f"WIP cap {res.wip_cap}"
        fig.add_trace(
            go.Histogram(
                x=res.output_per_round,
                name=f"{cap}: mean {res.mean_output_per_round:.2f} ± {res.ci_half_width:.2f}",
                marker_color=palette[i % len(palette)],
                opacity=0.65 if len(results) > 1 else 0.9,
                xbins={"start": -0.05, "end": 6.05, "size": 0.1},
                hovertemplate="%{y} plays delivered %{x} a round<extra></extra>",
            )
        )
    first = results[0]
    reached = int(round((1 - first.share_below_promise) * first.replications))
    fig.add_vline(
        x=PROMISED_PER_ROUND,
        line={"color": BAD_COLOR, "dash": "dash", "width": 2},
        annotation_text="promise: 3.5 a round",
        annotation_position="top right",
    )
    fig.update_layout(
        title={
            "text": (
                f"{first.replications:,} plays of {first.rounds} rounds: only "
                f"{reached:,} reach the promise of 3.5 a round"
            ),
            "font": {"size": 16},
        },
        xaxis={"title": "matches delivered per round (one play)", "range": [0, 6]},
        yaxis={"title": "number of plays"},
        barmode="overlay",
        height=400,
        margin={"t": 70, "b": 60, "l": 60, "r": 20},
        legend={"orientation": "h", "y": -0.25},
    )
    return fig


# ----------------------------------------------------------------------------- widget


def _round_sentence(result: DiceGameResult, r: int) -> tuple[str, str]:
    promised = PROMISED_PER_ROUND * r
    delivered = int(result.cumulative_output[r])
    if r == 0:
        start = "empty" if result.initial_wip == 0 else f"{result.initial_wip} in each bowl"
        return (
            f"Round 0: the bowls start {start}. Press Next (or Play) to roll the dice.",
            "info",
        )
    lost = result.lost_capacity[r - 1]
    worst = int(np.argmax(lost))
    text = (
        f"Round {r}: delivered {delivered} so far against {promised:g} promised; "
        f"{int(result.wip[r])} matches wait in the bowls."
    )
    if lost[worst] > 0:
        text += (
            f" Station {worst + 1} rolled {result.rolls[r - 1, worst]} but could move only "
            f"{result.moves[r - 1, worst]}: {lost[worst]} units of capacity lost for good."
        )
    return text, "warn" if delivered < promised else "good"


def dice_game_explorer(
    stations: int = 5,
    rounds: int = 20,
    initial_wip: int = 0,
    wip_cap: int | None = None,
    seed: int = 1,
) -> widgets.VBox:
    """Step through the dice game: next, back, play, reset, and new dice.

    Parameters
    ----------
    stations, rounds, initial_wip, wip_cap, seed
        As in :func:`dice_game` (default: 5 stations, 20 rounds, empty, no cap).

    Returns
    -------
    ipywidgets.VBox
        Buttons (back, next, reset, new dice), a Play control linked to a round slider,
        the figure and a sentence on the current round. ``.current()`` returns the
        :class:`DiceGameResult` on show.

    Examples
    --------
    >>> box = dice_game_explorer(rounds=10, seed=1)
    >>> box.round_slider.value = 10
    >>> box.round_slider.value
    10
    """
    game = {"result": dice_game(stations, rounds, initial_wip, wip_cap, seed)}
    first = game["result"]
    play = widgets.Play(
        value=0,
        min=0,
        max=first.rounds,
        step=1,
        interval=700,
        description="Play",
        show_repeat=False,
    )
    slider = widgets.IntSlider(
        value=0,
        min=0,
        max=first.rounds,
        step=1,
        description="Round",
        continuous_update=True,
        layout={"width": "360px"},
    )
    widgets.link((play, "value"), (slider, "value"))
    back = widgets.Button(description="◀ Back", tooltip="one round back")
    step = widgets.Button(description="Next ▶", button_style="primary", tooltip="one round on")
    reset = widgets.Button(description="Reset", tooltip="back to round 0")
    reroll = widgets.Button(description="New dice", tooltip="same game, new dice")
    fw = figure_widget(plot_dice_game(first, 0))
    note = message_area()

    def draw(change: dict | None = None) -> None:
        res = game["result"]
        r = min(max(int(slider.value), 0), res.rounds)
        refresh(fw, plot_dice_game(res, r))
        text, kind = _round_sentence(res, r)
        say(note, text, kind)

    def go_back(_: object = None) -> None:
        slider.value = max(slider.min, slider.value - 1)

    def go_next(_: object = None) -> None:
        slider.value = min(slider.max, slider.value + 1)

    def go_reset(_: object = None) -> None:
        play.playing = False
        slider.value = 0
        draw()

    def new_dice(_: object = None) -> None:
        old = game["result"]
        game["result"] = dice_game(
            old.stations, old.rounds, old.initial_wip, old.wip_cap, (old.seed + 1) % 2**63
        )
        go_reset()

    slider.observe(guarded(draw, note), names="value")
    back.on_click(guarded(go_back, note))
    step.on_click(guarded(go_next, note))
    reset.on_click(guarded(go_reset, note))
    reroll.on_click(guarded(new_dice, note))
    draw()
    box = widgets.VBox(
        [widgets.HBox([back, step, play, slider]), widgets.HBox([reset, reroll]), fw, note]
    )
    # Handles for code and tests: drive the widget without a browser.
    box.round_slider = slider
    box.play = play
    box.buttons = {"back": back, "next": step, "reset": reset, "new dice": reroll}
    box.figure = fw
    box.message = note
    box.current = lambda: game["result"]
    return box
