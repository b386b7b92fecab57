"""Lesson 00's predictions, quizzes and exercises (see demandlab.questions).

Lesson 00 shows each of the course's answer tools once, on the first slider's factory
(``demandlab.start``, ``slider_demo``): it makes 100 units a week and sells what customers ask
for. The outcomes come from that lesson's own model.
"""

from __future__ import annotations

from ..start.model import one_week

UNITS_MADE_PER_WEEK = 100.0  # slider_demo's default: the factory's weekly output


def _week(demand_per_week: float) -> tuple[float, float, float]:
    """Sold, piled up unsold and unserved in one week of the slider's factory (its model)."""
    week = one_week(UNITS_MADE_PER_WEEK, demand_per_week)
    return week.sold, week.unsold, week.unmet


def _unsold_outcome() -> str:
    sold, unsold, _ = _week(40.0)
    if unsold > 0:
        return "They pile up as inventory"
    return "They are sold later" if sold > 40 else "The factory stops"


_SELL_OPTIONS = ("160: every order is a sale", "100: what it made", "130: it meets demand halfway")


def _sold_outcome(demand_per_week: float = 160.0) -> str:
    """The option that states what the slider's factory sells when demand passes its output."""
    sold, _, _ = _week(demand_per_week)
    found = [o for o in _SELL_OPTIONS if float(o.split(":")[0]) == sold]
    if len(found) != 1:  # the options were written for a factory making 100 a week
        raise ValueError(f"00-units-sold: sold {sold:g} at demand {demand_per_week:g} is no option")
    return found[0]


def _balanced_demand() -> float:
    """The one demand (on the slider's steps of 10) at which nothing piles up or goes unserved."""
    return float(next(d for d in range(0, 201, 10) if _week(float(d))[1:] == (0.0, 0.0)))


PREDICTIONS: dict[str, dict] = {
    "00-units-sold": dict(
        question="Demand rises from 100 to 160 units a week, and the factory keeps making 100. "
        "How many units does it sell that week?",
        options=list(_SELL_OPTIONS),
        outcome=_sold_outcome,
        # phrases that state the outcome: none may appear above the vote
        giveaways=("demand not served", "could not serve", "unserved", "sells 100", "sell 100"),
    ),
    # The lesson's first vote until issue 24 (too easy: the text above it said the answer).
    # Not asked any more; tests/test_gtm_questions.py still checks its outcome.
    "00-unsold-units": dict(
        question="Demand drops to 40 a week. What happens to the other 60 units?",
        options=["They are sold later", "They pile up as inventory", "The factory stops"],
        outcome=_unsold_outcome,
        # phrases that state the outcome: none may appear above the vote
        giveaways=("pile up", "piled up", "piles up", "inventory"),
    ),
}

QUIZZES: dict[str, dict] = {
    "00-efficiency": dict(
        question="A factory makes 100 units a week, and its efficiency report says 100%. "
        "Is it doing well?",
        options=[
            "Yes: it hit its output target",
            "We cannot tell from the factory alone",
            "No: efficiency is always a bad measure",
        ],
        answer="We cannot tell from the factory alone",
        explanations={
            "Yes: it hit its output target": "Output is not value: if customers order 60, "
            "40 units a week pile up, and the report still says 100%.",
            "We cannot tell from the factory alone": "Right: whether the week was good depends "
            "on demand outside the factory, which the report does not show.",
            "No: efficiency is always a bad measure": "Efficiency is fine when demand is "
            "there; it just cannot tell you whether it is.",
        },
    ),
    "00-run-all": dict(
        question="You pressed Run All before voting. What does the line under the experiment show?",
        options=[
            "The experiment's answer, so the vote no longer matters",
            "That it waits for your vote before comparing",
            "An error, because the cells ran in the wrong order",
        ],
        answer="That it waits for your vote before comparing",
        explanations={
            "The experiment's answer, so the vote no longer matters": "No: nothing gives an "
            "answer away until you act (vote, Check, Show the answer).",
            "That it waits for your vote before comparing": "Right: Run All only gets the "
            "widgets ready; the line compares your vote with the experiment once you vote. "
            "Stop at each vote and commit before reading on.",
            "An error, because the cells ran in the wrong order": "Run All runs every cell "
            "from the top; the recall line simply waits for you.",
        },
    ),
}

EXERCISES: dict[str, dict] = {
    "00-balanced-demand": dict(
        question="At what demand a week does nothing pile up and no demand go unserved?",
        unit="units/week",
        answer=_balanced_demand,
        tolerance=0.0,
        explain="Only when demand equals what the factory makes is every unit sold and every "
        "customer served; any other week shows one of the two red bars.",
    ),
}
