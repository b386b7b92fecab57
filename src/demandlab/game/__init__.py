"""The room plays (issue 28): a go-to-market game in which each participant runs one
department of lesson 05's company, in teams of three, round by round (one round is one
quarter). The models are in model/; the room service (deploy/room/game.py) and the solo
widget play the same game with the same functions."""

from . import model
from .model import *  # noqa: F403

__all__ = [*model.__all__]
