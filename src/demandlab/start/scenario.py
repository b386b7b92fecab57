"""Lesson 00's one factory: it makes a fixed number of units a week and sells what
customers ask for (the first slider's factory)."""

from __future__ import annotations

from dataclasses import dataclass

from ..checks import Replaceable


@dataclass(frozen=True)
class StartScenario(Replaceable):
    """The first slider's factory and the slider's range.

    ``units_made_per_week`` is made whatever happens; demand starts at
    ``demand_per_week`` on a slider from ``demand_min`` to ``demand_max`` in steps of
    ``demand_step``; the figure's axis runs to ``units_axis_max``.
    """

    units_made_per_week: float = 100.0
    demand_per_week: float = 60.0
    demand_min: int = 0
    demand_max: int = 200
    demand_step: int = 10
    units_axis_max: float = 210.0


SCENARIO = StartScenario()
MAX_UNITS_DEMO = 1e6  # slider_demo's largest weekly output
MAX_UNITS_SUMMARY = 10_000  # week_summary's largest output and demand
