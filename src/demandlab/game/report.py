"""The room game in words: what a round did to a department, and to the team's customers.

Models return numbers only; the sentences a player reads under the figure are made here.
"""

from __future__ import annotations

from ..formatting import number as num
from .model import DEPARTMENT_NUMBERS, TeamRun
from .scenario import DEPARTMENT_NAMES

__all__ = ["customer_sentence", "department_sentence", "game_over_sentence"]

_WHAT = {
    "leads": "leads brought in",
    "deals": "deals closed",
    "handling_hours": "onboarding hours per new customer",
}


def department_sentence(run: TeamRun, department: str, target: float) -> str:
    """Round r's department scoreboard against its local target, in one sentence.

    Examples
    --------
    >>> from demandlab.game.model import play_team
    >>> from demandlab.game.scenario import GAME
    >>> e2e = GAME.bot_end_to_end
    >>> print(department_sentence(play_team([e2e]), "cs", 4.0)[:58])
    Round 1: customer success gave 12 onboarding hours per new
    """
    key = DEPARTMENT_NUMBERS[department]
    value = float(getattr(run, key)[-1])
    lower_is_better = department == "cs"
    met = value <= target + 1e-9 if lower_is_better else value >= target - 1e-9
    digits = 1 if lower_is_better and value != round(value) else 0
    bound = "at most" if lower_is_better else "at least"
    return (
        f"Round {run.rounds_played}: {DEPARTMENT_NAMES[department]} "
        f"{'gave' if lower_is_better else 'had'} {num(value, digits=digits)} {_WHAT[key]}; "
        f"its local target is {bound} {num(target)}: {'met' if met else 'missed'}."
    )


def customer_sentence(run: TeamRun, target: float) -> str:
    """The team's customers this round against the end-to-end target (second half only)."""
    s = float(run.successes[-1])
    return (
        f"Your customers: {num(s)} reached success this quarter "
        f"(the end-to-end target is {num(target)}: {'met' if s >= target - 1e-9 else 'missed'}); "
        f"{num(run.referred_leads[-1])} referred leads came in and "
        f"{num(run.leads_gone_cold[-1])} leads went cold waiting for sales."
    )


def game_over_sentence(run: TeamRun, half: int) -> str:
    """The whole game: customers reaching success in each half."""
    first = float(run.successes[:half].sum())
    second = float(run.successes[half:].sum())
    return (
        f"The game is over after {run.rounds_played} quarters: {num(first)} customers reached "
        f"success in the first half and {num(second)} in the second."
    )
