"""Lesson 03's warm-up: Goldratt's dice game, as played in *The Goal* (Goldratt & Cox, 1984).

This is the one file to edit to adapt the game (the models, figures and widgets read their
defaults from here). After a change, re-run the notebook's checked cells
(``make execute-notebooks NB=notebooks/03-pull-vs-push.ipynb``) and update the numbers the
notebook and instructors/03-pull-vs-push.md state: lesson 03's claims table
(tests/test_pullpush_claims.py) compares them with this file.

Five people sit in a row with bowls of matches between them; each round each rolls a die
and moves that many matches on, but never more than the bowl in front of them holds.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..checks import Replaceable, whole
from ..checks import seed as check_seed

# Guards on the settings, so a slider or a typo cannot ask for a game that will not fit.
MAX_STATIONS = 20  # stations
MAX_ROUNDS = 10_000  # rounds in one game or play
MAX_INITIAL_WIP = 1_000  # matches in each bowl at the start
MAX_WIP_CAP = 1_000_000  # matches allowed in the bowls

DIE_FACES = 6  # faces of each fair die: a station may move 1..6 matches a round
PROMISED_PER_ROUND = (1 + DIE_FACES) / 2  # matches a round: a fair die's mean, 3.5


@dataclass(frozen=True)
class DiceScenario(Replaceable):
    """One game's settings, checked when made (an InputError names the setting).

    ``dice_game`` and ``dice_game_explorer`` take these as named arguments (or the
    scenario whole, as ``scenario=``); ``play_dice`` and ``replicate_dice`` take the
    scenario whole. Change one with :meth:`replace`.

    Examples
    --------
    >>> SCENARIO.replace(wip_cap=12).wip_cap, SCENARIO.stations
    (12, 5)
    """

    stations: int = 5  # people (stations) in the row, as in The Goal
    rounds: int = 20  # rounds in one game
    initial_wip: int = 0  # matches in each bowl at the start: the bowls start empty
    wip_cap: int | None = None  # matches allowed in the bowls: None is no cap (push)
    seed: int = 1  # seed of the dice: the same seed replays the same game

    def __post_init__(self) -> None:
        checked = {
            "stations": whole("stations", self.stations, 1, MAX_STATIONS),
            "rounds": whole("rounds", self.rounds, 1, MAX_ROUNDS),
            "initial_wip": whole("initial_wip", self.initial_wip, 0, MAX_INITIAL_WIP),
            "wip_cap": None
            if self.wip_cap is None
            else whole("wip_cap", self.wip_cap, 1, MAX_WIP_CAP),
            "seed": check_seed(self.seed),
        }
        for name, value in checked.items():
            object.__setattr__(self, name, value)


# The lesson's game: the named arguments' defaults (engine.scenarios.takes_scenario).
SCENARIO = DiceScenario()

# How long the replications run when nothing else is said.
REPLICATION_ROUNDS = 10  # rounds in each play of dice_game_replications
REPLICATIONS = 1000  # plays in dice_game_replications
REPLICATED = SCENARIO.replace(rounds=REPLICATION_ROUNDS)  # the game each of those plays

# What the notebook plays (notebooks/03-pull-vs-push.ipynb, "Warm-up: Goldratt's dice game").
WARM_UP = {
    "rounds": 10,  # rounds from empty bowls: the prediction and the step-through
    "replications": 2000,  # seeded plays of those 10 rounds
    "seed": 1,  # seed of all the plays' dice
}
PULL_RULE = {
    "wip_cap": 12,  # matches allowed in the bowls: station 1 releases only below this
    "rounds": 100,  # rounds per play, long enough for uncapped WIP to pile up
    "replications": 1000,  # seeded plays, with and without the cap
    "seed": 2,  # seed of all the plays' dice (the same dice for both rules)
}
CLASSROOM_INITIAL_WIP = 4  # matches in each bowl in the common classroom version
