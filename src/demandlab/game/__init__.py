"""The room plays (issue 28): a go-to-market game in which each participant runs one
department of lesson 05's company, in teams of three, round by round (one round is one
quarter). The models are in model/; the room service (deploy/room/game.py) and the solo
widget play the same game with the same functions."""

from . import model
from .figures import plot_room_game
from .model import *  # noqa: F403
from .widgets import room_game, room_game_summary

__all__ = [*model.__all__, "plot_room_game", "room_game", "room_game_summary"]
