"""One week of the first slider's factory: you sell the smaller of what you made and
what customers asked for."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Week:
    """One week: units made, units ordered, and what became of them (all units a week)."""

    made: float
    demand: float
    sold: float
    unsold: float  # made that nobody bought: it piles up
    unmet: float  # ordered that was not made: customers wait or walk away


def one_week(units_made_per_week: float, demand_per_week: float) -> Week:
    """The week at ``units_made_per_week`` made and ``demand_per_week`` ordered."""
    sold = min(units_made_per_week, demand_per_week)
    return Week(
        float(units_made_per_week),
        float(demand_per_week),
        float(sold),
        float(units_made_per_week - sold),
        float(demand_per_week - sold),
    )
