"""Lesson 00's prose: a week of the first slider's factory in sentences (the one place
they are built)."""

from __future__ import annotations

from .. import checks
from ..formatting import number
from .model import Week, one_week
from .scenario import MAX_UNITS_SUMMARY


def week_sentence(week: Week) -> tuple[str, str]:
    """What the slider's sentence says about ``week``, and its tone (see widgetkit.say)."""
    if week.unsold > 0:
        return f"{week.unsold:.0f} units were made that nobody bought this week.", "warn"
    if week.unmet > 0:
        return (
            f"{week.unmet:.0f} units of demand went unserved: customers wait or walk away.",
            "info",
        )
    return "Made exactly what customers asked for.", "good"


def week_line(week: Week) -> str:
    """One line: made, ordered, sold, piled up unsold, unserved."""
    return (
        f"Made {number(week.made)}, ordered {number(week.demand)}: sold {number(week.sold)}, "
        f"piled up unsold {number(week.unsold)}, orders unserved {number(week.unmet)}."
    )


def week_summary(units_made_per_week: float = 100, demand_per_week: float = 60) -> None:
    """Print one week of the first slider's factory: sold, piled up unsold, unserved.

    Parameters
    ----------
    units_made_per_week : float
        What the factory makes, whatever happens (0..10,000).
    demand_per_week : float
        What customers order (0..10,000).

    Examples
    --------
    >>> week_summary(100, 60)
    Made 100, ordered 60: sold 60, piled up unsold 40, orders unserved 0.
    """
    made = checks.in_range("units_made_per_week", units_made_per_week, 0, MAX_UNITS_SUMMARY)
    demand = checks.in_range("demand_per_week", demand_per_week, 0, MAX_UNITS_SUMMARY)
    print(week_line(one_week(made, demand)))
