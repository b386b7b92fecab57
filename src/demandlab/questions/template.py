"""The lesson template's questions (instructors/lesson-template.ipynb): copy these shapes.

A new lesson adds a module like this one and lists it in demandlab.questions._MODULES.
"""

from __future__ import annotations

from ..formatting import number


def _pile_up(units_made_per_week: float = 100, demand_per_week: float = 60) -> float:
    """Units that pile up in a week when a line makes more than is ordered."""
    return max(units_made_per_week - demand_per_week, 0.0)


PREDICTIONS: dict[str, dict] = {
    "NN-pile-up": dict(
        question="A line makes 100 units a week and customers order 60. What happens?",
        options=["Stock piles up", "Nothing: everything made is sold"],
        # the outcome comes from a model, so the sentence cannot drift from the numbers
        outcome=lambda: "Stock piles up" if _pile_up() > 0 else "Nothing: everything made is sold",
    )
}
QUIZZES: dict[str, dict] = {
    "NN-which-question": dict(
        question="Which question does this lesson answer?",
        options=["The right one", "A wrong one that a manager really believes"],
        answer="The right one",
        explanations={
            "The right one": "Why it is right, in one sentence.",
            "A wrong one that a manager really believes": "Why this misconception fails.",
        },
    )
}
EXERCISES: dict[str, dict] = {
    "NN-pile-up": dict(
        question="Made 100 a week, ordered 60: how many units pile up each week?",
        unit="units/week",
        answer=lambda: _pile_up(),
        tolerance=0.0,
        explain=f"{number(_pile_up())} a week: everything made beyond demand waits in stock.",
    )
}
