"""The dice game's words: the sentence under the step-through figure, built from the
round on show (the one place the warm-up's prose is built; the model returns numbers)."""

from __future__ import annotations

import numpy as np

from .model import DiceRound

__all__ = ["round_text"]


def round_text(shown: DiceRound) -> tuple[str, str]:
    """What happened by the round on show, one or two sentences and their tone.

    Examples
    --------
    >>> from demandlab.dice.model import at_round, dice_game
    >>> round_text(at_round(dice_game(rounds=10, seed=1), 0))[0]
    'Round 0: the bowls start empty. Press Next (or Play) to roll the dice.'
    """
    r = shown.round_number
    if r == 0:
        start = "empty" if shown.initial_wip == 0 else f"{shown.initial_wip} in each bowl"
        return (
            f"Round 0: the bowls start {start}. Press Next (or Play) to roll the dice.",
            "info",
        )
    lost = shown.lost_capacity[r - 1]
    worst = int(np.argmax(lost))
    text = (
        f"Round {r}: delivered {shown.delivered} so far against {shown.promised:g} promised; "
        f"{int(shown.wip[r])} matches wait in the bowls."
    )
    if lost[worst] > 0:
        text += (
            f" Station {worst + 1} rolled {shown.rolls[r - 1, worst]} but could move only "
            f"{shown.moves[r - 1, worst]}: {lost[worst]} units of capacity lost for good."
        )
    return text, "warn" if shown.delivered < shown.promised else "good"
