"""The room game in words: what a round did to a department, and to the team's customers.

Models return numbers only; the sentences a player reads under the figure are made here.
"""

from __future__ import annotations

from ..formatting import number as num
from .model import DEPARTMENT_NUMBERS, TeamRun
from .scenario import DEPARTMENT_NAMES

__all__ = [
    "AFTER_GAME_QUESTIONS",
    "HALF_TIME_QUESTIONS",
    "customer_sentence",
    "debrief_questions",
    "department_sentence",
    "game_over_sentence",
]

# The debrief's questions: the widget shows them to each player at half time and after the
# last round (wherever it runs: the player's notebook, lesson 05, a new cell), and the
# player's notebook lists the same (tests/test_game.py keeps them in step).
HALF_TIME_QUESTIONS = (
    "Did your department meet its target every quarter? What did it take?",
    "Who were the extra leads, the pushed deals, the customers with four hours of onboarding?",
    "Before you look: how many of your team's customers reached success?",
)
AFTER_GAME_QUESTIONS = (
    "Which team served the most customers, and what did its departments give up on their "
    "own scoreboards?",
    "After a team changed course, why did its customers follow one to two quarters later?",
    "What would you put on each department's scoreboard on Monday?",
)


def debrief_questions(half_played: bool, finished: bool) -> tuple[str, tuple[str, ...]]:
    """The debrief's heading and questions for where the game is (none before half time).

    Examples
    --------
    >>> debrief_questions(True, False)[0]
    'At half time, talk it over'
    >>> debrief_questions(False, False)
    ('', ())
    """
    if finished:
        return "After the game, talk it over", AFTER_GAME_QUESTIONS
    if half_played:
        return "At half time, talk it over", HALF_TIME_QUESTIONS
    return "", ()


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
