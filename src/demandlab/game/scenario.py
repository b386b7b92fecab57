"""The room game's numbers: rounds, the three departments' decisions and their ranges.

This is the one file to edit to adapt the game. The company is lesson 05's (its numbers are
in src/demandlab/gtm/scenario.py and the game runs that lesson's model); this file only says
how the room plays it: how many rounds of how many months, what each department decides and
within which range, where every department starts and what the bots do.

``GAME`` is one frozen dataclass: ``GAME.replace(rounds=6)`` changes one value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType

from ..checks import Replaceable

# The three departments, in the order a team's seats are filled and shown.
DEPARTMENTS = ("marketing", "sales", "cs")
DEPARTMENT_NAMES = MappingProxyType(
    {"marketing": "marketing", "sales": "sales", "cs": "customer success"}
)

DEEPEST_DISCOUNT_PERCENT = 30.0  # sales' deepest discount, % off the list price

# Named choices: {department: {decision: (the allowed names, ...)}}. Sales qualifies every
# lead before selling (a qualifying call turns most poor fits away: lesson 05's end to end)
# or pushes (no qualifying call, a shorter sale to whoever came: lesson 05's deals target).
CHOICES = MappingProxyType({"sales": MappingProxyType({"approach": ("qualify", "push")})})

# What each department decides each round besides its CHOICES:
# {department: {decision: (low, high, step, unit)}}.
# Marketing's volume is also its targeting: the first 150 leads a month come from people who
# have the problem (half of them fit), any more from broad targeting (5% fit).
DECISIONS = MappingProxyType(
    {
        "marketing": MappingProxyType(
            {"leads_per_month": (0.0, 450.0, 25.0, "leads a month")}  # lesson 05: 150 .. 450
        ),
        "sales": MappingProxyType(
            # How hard sales discounts: at the deepest discount a poor-fit lead it pursues
            # closes as often as lesson 05's pushed sale closes one (30%, against 10% at list
            # price), in between in proportion; leads that fit close at 50% either way.
            {"discount_percent": (0.0, DEEPEST_DISCOUNT_PERCENT, 5.0, "% off the list price")}
        ),
        "cs": MappingProxyType(
            {"onboarding_hours": (1.0, 20.0, 1.0, "hours per new customer")}  # lesson 05: 4 .. 12
        ),
    }
)


def _frozen(d: dict) -> MappingProxyType:
    return MappingProxyType({k: MappingProxyType(v) for k, v in d.items()})


@dataclass(frozen=True)
class GameScenario(Replaceable):
    """How the room plays lesson 05's company (every field is a plain input, no derived value)."""

    rounds: int = 8  # rounds in a game (6-8 fit in 30-40 minutes)
    months_per_round: int = 3  # one round is one quarter
    seed: int = 28  # every team's random draws start from this seed (same decisions, same result)
    # Where every department starts in round 1, and what a player who never decides keeps:
    # the company as lesson 05 meets it, steered end to end.
    start: MappingProxyType = field(
        default_factory=lambda: _frozen(
            {
                "marketing": {"leads_per_month": 150.0},
                "sales": {"approach": "qualify", "discount_percent": 0.0},
                "cs": {"onboarding_hours": 12.0},
            }
        )
    )
    # A bot chasing its local target (first half), and steered end to end (second half).
    bot_local: MappingProxyType = field(
        default_factory=lambda: _frozen(
            {
                "marketing": {"leads_per_month": 450.0},
                "sales": {"approach": "push", "discount_percent": 30.0},
                "cs": {"onboarding_hours": 4.0},
            }
        )
    )
    bot_end_to_end: MappingProxyType = field(
        default_factory=lambda: _frozen(
            {
                "marketing": {"leads_per_month": 150.0},
                "sales": {"approach": "qualify", "discount_percent": 0.0},
                "cs": {"onboarding_hours": 12.0},
            }
        )
    )
    round_seconds: int = 180  # the instructor's default timer for a round, seconds


GAME = GameScenario()
MAX_ROUNDS = 20  # longest game the model accepts
MAX_TEAMS = 40  # most teams in one game (120 players)
USER_MAX = 255  # longest participant name the game accepts, characters (JupyterHub's)
