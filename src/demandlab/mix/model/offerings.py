"""The classifier: the essay's four diagnostic questions -> an offering's economic role."""

from __future__ import annotations

import copy
from dataclasses import dataclass

from ...checks import choice, flag, text
from ..scenario import (
    ADVICE,
    ESSAY_OFFERINGS,
    MAIN_JOBS,
    PROFILES,
    PURPOSES,
    REASONS,
    ROLES,
    UNNAMED,
    WEIGHTS,
)

__all__ = ["OfferingRole", "classify_offering", "essay_offerings"]


# --- the classifier ----------------------------------------------------------------------


@dataclass(frozen=True)
class OfferingRole:
    """What an offering is for, from the four diagnostic questions."""

    name: str
    role: str
    scores: dict
    reasons: tuple
    advice: str

    def sentence(self) -> str:
        """One sentence a manager can read out: the role and what to do about it."""
        return f"{self.name}: {self.role}. {self.advice}"


def _reasons(answers: tuple) -> tuple[str, str, str, str]:
    """The scenario's reason for each of the four answers (the words live in scenario.py)."""
    return tuple(table[answer] for table, answer in zip(REASONS, answers))


def classify_offering(
    name: str,
    more_use_raises_profit: bool,
    main_job: str,
    constraining_helps: bool,
    purpose: str,
) -> OfferingRole:
    """Classify an offering by its economic role, from the essay's four diagnostic questions.

    The questions, from "Products vs throughput generators":

    1. If customers consumed more of this, would profit rise? (``more_use_raises_profit``)
    2. Does it mainly justify price or generate volume? (``main_job``)
    3. If it were constrained, would demand shift in a way that helps? (``constraining_helps``)
    4. Is it there to be consumed, or to influence behaviour? (``purpose``)

    Each role has a textbook set of answers; the role whose answers agree most wins.
    Question 4 weighs most (the essay's deciding test), then question 2, then 1, then 3.
    The weights (``scenario.WEIGHTS``) are a teaching device, one reading of the essay,
    not estimates from data; an instructor may change them there.

    Parameters
    ----------
    name : str
        What the offering is called (shown back as text, never run).
    more_use_raises_profit : bool
        Question 1.
    main_job : {"justify price", "generate volume", "neither"}
        Question 2.
    constraining_helps : bool
        Question 3.
    purpose : {"be consumed", "influence behaviour"}
        Question 4.

    Returns
    -------
    OfferingRole
        ``role`` is one of "revenue generator", "cost driver", "differentiator",
        "behavioural lever"; ``scores`` per role; ``reasons`` one line per question.

    Examples
    --------
    >>> classify_offering("Buffet roast beef", False, "justify price", True,
    ...                   "influence behaviour").role
    'differentiator'
    """
    text("name", name, 200)
    answers = (
        flag("more_use_raises_profit", more_use_raises_profit),
        choice("main_job", main_job, MAIN_JOBS),
        flag("constraining_helps", constraining_helps),
        choice("purpose", purpose, PURPOSES),
    )
    scores = {
        role: round(sum(w for w, a, p in zip(WEIGHTS, answers, profile) if a == p), 2)
        for role, profile in PROFILES.items()
    }
    role = max(ROLES, key=lambda r: scores[r])
    return OfferingRole(name.strip() or UNNAMED, role, scores, _reasons(answers), ADVICE[role])


def essay_offerings() -> dict[str, dict]:
    """The essay's examples, answered the way the essay argues (for the classifier).

    Returns
    -------
    dict of str to dict
        Offering name -> keyword answers for :func:`classify_offering`.

    Examples
    --------
    >>> [classify_offering(n, **a).role for n, a in essay_offerings().items()][:2]
    ['differentiator', 'behavioural lever']
    """
    return copy.deepcopy(ESSAY_OFFERINGS)
