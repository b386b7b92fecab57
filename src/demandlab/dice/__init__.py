"""Lesson 03's warm-up: Goldratt's dice game (scenario, model, figures, report, widget).

``import demandlab as dl`` re-exports the public names; this package keeps the names the
old ``demandlab.dice`` module had, so ``from demandlab.dice import dice_game`` still works.
"""

from .figures import plot_dice_game, plot_dice_replications
from .model import (
    MAX_CELLS,
    MAX_INITIAL_WIP,
    MAX_REPLICATIONS,
    MAX_ROUNDS,
    MAX_STATIONS,
    MAX_WIP_CAP,
    DiceGameResult,
    DiceReplications,
    DiceRound,
    at_round,
    dice_game,
    dice_game_replications,
    play_dice,
    replicate_dice,
)
from .scenario import PROMISED_PER_ROUND, SCENARIO, DiceScenario
from .widgets import dice_game_explorer

__all__ = [
    "MAX_CELLS",
    "MAX_INITIAL_WIP",
    "MAX_REPLICATIONS",
    "MAX_ROUNDS",
    "MAX_STATIONS",
    "MAX_WIP_CAP",
    "PROMISED_PER_ROUND",
    "SCENARIO",
    "DiceGameResult",
    "DiceReplications",
    "DiceRound",
    "DiceScenario",
    "at_round",
    "dice_game",
    "dice_game_explorer",
    "dice_game_replications",
    "play_dice",
    "plot_dice_game",
    "plot_dice_replications",
    "replicate_dice",
]
