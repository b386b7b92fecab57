"""Lesson 03's warm-up: Goldratt's dice game, as played in *The Goal* (Goldratt & Cox, 1984).

This is the one file to edit to adapt the game (the models, figures and widgets read their
defaults from here). After a change, re-run the notebook's checked cells
(``make execute-notebooks NB=notebooks/03-pull-vs-push.ipynb``) and update the numbers the
notebook and instructors/03-pull-vs-push.md state: tests/test_dice.py compares them with
this file.

Five people sit in a row with bowls of matches between them; each round each rolls a die
and moves that many matches on, but never more than the bowl in front of them holds.
"""

from __future__ import annotations

# The line.
STATIONS = 5  # people (stations) in the row, as in The Goal
DIE_FACES = 6  # faces of each fair die: a station may move 1..6 matches a round
PROMISED_PER_ROUND = (1 + DIE_FACES) / 2  # matches a round: a fair die's mean, 3.5
INITIAL_WIP = 0  # matches in each bowl at the start: the bowls start empty
WIP_CAP = None  # matches allowed in the bowls: None is no cap (push from raw material)
SEED = 1  # seed of the dice: the same seed replays the same game

# How long the game runs when nothing else is said.
ROUNDS = 20  # rounds in one game (dice_game, dice_game_explorer)
REPLICATION_ROUNDS = 10  # rounds in each play of dice_game_replications
REPLICATIONS = 1000  # plays in dice_game_replications

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
