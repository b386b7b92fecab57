"""Goldratt's dice game from *The Goal* (Goldratt & Cox, 1984): a balanced line that
cannot keep its promise.

Five people sit in a row. Each round, in order, each rolls a die and moves that many
matches from the bowl on their left to the bowl on their right, but never more than the
bowl holds. Every station averages 3.5 a round, so the line "should" deliver 3.5 a round.
It does not: a high roll in front of an empty bowl is capacity lost for good, while a low
roll upstream lets work pile up. The game is the warm-up of lesson 03 (pull vs push).

Pure numpy: settings in, a frozen result out (figures.py draws it, widgets.py steps it).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import numpy as np

from ..checks import InputError, frozen, refuse, result_of, whole
from ..engine.scenarios import takes_scenario
from ..engine.stats import T95
from . import scenario as sc
from .scenario import (
    MAX_INITIAL_WIP,
    MAX_ROUNDS,
    MAX_STATIONS,
    MAX_WIP_CAP,
    SCENARIO,
    DiceScenario,
)

__all__ = [
    "MAX_CELLS",
    "MAX_INITIAL_WIP",
    "MAX_REPLICATIONS",
    "MAX_ROUNDS",
    "MAX_STATIONS",
    "MAX_WIP_CAP",
    "DiceGameResult",
    "DiceReplications",
    "DiceRound",
    "at_round",
    "dice_game",
    "dice_game_replications",
    "game_round",
    "play_dice",
    "replicate_dice",
    "replication_sets",
]

MAX_REPLICATIONS = 100_000  # plays
# rolls are held as a (replications, rounds, stations) array; cap it (about 5 MB as int8).
MAX_CELLS = 5_000_000


def _roll(rng: np.random.Generator, shape: tuple[int, int, int]) -> np.ndarray:
    """Fair dice, one per station and round: 1..DIE_FACES pips, as int8."""
    return rng.integers(1, sc.DIE_FACES + 1, size=shape, dtype=np.int8)


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


@dataclass(frozen=True)
class DiceRound(DiceGameResult):
    """A whole game (every :class:`DiceGameResult` field) and the round on show, which is
    what the step-through explorer's ``.result`` holds.

    Attributes
    ----------
    round_number : int
        The round on show, 0 (the start) to ``rounds``.
    """

    round_number: int = 0

    @property
    def delivered(self) -> int:
        """Matches delivered by the end of the round on show."""
        return int(self.cumulative_output[self.round_number])

    @property
    def promised(self) -> float:
        """Matches promised by the end of the round on show (3.5 a round)."""
        return sc.PROMISED_PER_ROUND * self.round_number


def at_round(game: DiceGameResult, round_number: int) -> DiceRound:
    """``game`` with round ``round_number`` on show (checked against the game's rounds).

    Examples
    --------
    >>> at_round(dice_game(rounds=10, seed=1), 4).round_number
    4
    """
    r = game_round(game, round_number)
    fields = {f: getattr(game, f) for f in DiceGameResult.__dataclass_fields__}
    return DiceRound(**fields, round_number=r)


@takes_scenario(SCENARIO)
def dice_game(s: DiceScenario) -> DiceGameResult:
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
    scenario : DiceScenario, optional
        A whole game (default ``SCENARIO``); the settings named go on top of it.

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
    return play_dice(s)


def play_dice(scenario: DiceScenario = SCENARIO) -> DiceGameResult:
    """Play one game of the whole :class:`DiceScenario` (see :func:`dice_game`, which
    takes the same settings by name).

    Examples
    --------
    >>> play_dice(SCENARIO.replace(rounds=10)).rounds
    10
    """
    if not isinstance(scenario, DiceScenario):
        raise refuse("scenario", scenario, "a DiceScenario")
    stations, rounds, initial_wip, wip_cap, seed = (
        scenario.stations,
        scenario.rounds,
        scenario.initial_wip,
        scenario.wip_cap,
        scenario.seed,
    )
    rolls = _roll(np.random.default_rng(seed), (1, rounds, stations))
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


@takes_scenario(
    sc.REPLICATED, ("stations", "rounds", "initial_wip", "wip_cap", "replications", "seed")
)
def dice_game_replications(
    s: DiceScenario, replications: int = sc.REPLICATIONS
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
    scenario : DiceScenario, optional
        A whole game (default ``SCENARIO`` with 10 rounds); the settings named go on top.

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
    return replicate_dice(s, replications)


def replicate_dice(
    scenario: DiceScenario = sc.REPLICATED,
    replications: int = sc.REPLICATIONS,
) -> DiceReplications:
    """Play the whole :class:`DiceScenario` ``replications`` times (see
    :func:`dice_game_replications`, which takes the same settings by name).

    Examples
    --------
    >>> replicate_dice(SCENARIO.replace(rounds=10), 20).replications
    20
    """
    if not isinstance(scenario, DiceScenario):
        raise refuse("scenario", scenario, "a DiceScenario")
    stations, rounds, initial_wip, wip_cap, seed = (
        scenario.stations,
        scenario.rounds,
        scenario.initial_wip,
        scenario.wip_cap,
        scenario.seed,
    )
    replications = whole("replications", replications, 1, MAX_REPLICATIONS)
    cells = replications * rounds * stations
    if cells > MAX_CELLS:
        raise InputError(
            f"replications x rounds x stations must be at most {MAX_CELLS:,}, got "
            f"{replications} x {rounds} x {stations} = {cells:,}; use fewer replications"
        )
    rolls = _roll(np.random.default_rng(seed), (replications, rounds, stations))
    moves, buffers = _play(rolls, initial_wip, wip_cap)
    per_round = moves[:, :, -1].mean(axis=1)
    final_wip = buffers[:, -1, :].sum(axis=1)
    half = 0.0
    if replications > 1:
        # The normal 1.96, not Student's t: the documented interval, and plays are many.
        half = float(T95 * per_round.std(ddof=1) / np.sqrt(replications))
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
        share_below_promise=float((per_round < sc.PROMISED_PER_ROUND).mean()),
    )


def game_round(result: object, round_number: object = None) -> int:
    """The round to show of a game: ``round_number`` checked against it (None: the last).

    Examples
    --------
    >>> game_round(dice_game(rounds=10, seed=1)), game_round(dice_game(rounds=10), 3)
    (10, 3)
    """
    result_of("result", result, DiceGameResult, "dice_game")
    if round_number is None:
        return result.rounds
    return whole("round_number", round_number, 0, result.rounds)


def replication_sets(results: tuple) -> tuple[DiceReplications, ...]:
    """``results`` checked: one or more :class:`DiceReplications` (for a figure to draw).

    Examples
    --------
    >>> len(replication_sets((dice_game_replications(replications=20),)))
    1
    """
    if not results:
        raise refuse("results", results, "at least one DiceReplications")
    for res in results:
        if not isinstance(res, DiceReplications):
            raise refuse("results", res, "DiceReplications from dice_game_replications")
    return tuple(results)
