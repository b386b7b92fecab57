"""The room plays (issue 28): a go-to-market game in which each participant runs one
department of lesson 05's company, in teams of three, round by round (one round is one
quarter). The models are in model/; the room service (deploy/room/game.py) and the solo
widget play the same game with the same functions."""

from ..exports import read_through as _read_through
from . import model
from .figures import plot_room_game
from .model import play_team
from .widgets import room_game, room_game_summary

# The lesson's export list: exactly its names in demandlab.__all__.
__all__ = ["room_game", "room_game_summary", "play_team", "plot_room_game"]

# The model's other names (demandlab.game.join, GameState, ...) read through to
# demandlab.game.model's own list.
__getattr__, __dir__ = _read_through(__name__, model)
