"""Lesson 03's warm-up: Goldratt's dice game (scenario, model, figures, report, widget).

``import demandlab as dl`` re-exports the public names; this package keeps the names the
old ``demandlab.dice`` module had, so ``from demandlab.dice import dice_game`` still works.
"""

from ..exports import read_through as _read_through
from . import model
from .figures import plot_dice_game, plot_dice_replications
from .model import dice_game, dice_game_replications
from .scenario import PROMISED_PER_ROUND, SCENARIO, DiceScenario  # noqa: F401 (old paths)
from .widgets import dice_game_explorer

# The lesson's export list: exactly its names in demandlab.__all__.
__all__ = [
    "dice_game",
    "dice_game_explorer",
    "dice_game_replications",
    "plot_dice_game",
    "plot_dice_replications",
]

# The model's other names (demandlab.dice.MAX_ROUNDS, DiceGameResult, ...) read through
# to demandlab.dice.model's own list.
__getattr__, __dir__ = _read_through(__name__, model)
