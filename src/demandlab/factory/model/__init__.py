"""Lesson 01's model: pure numpy, frozen dataclasses out (no plotly, no widgets).

- ``simulation``: ``simulate_factory`` runs one factory a year, week by week;
- ``fixes``: ``search_internal_fixes`` (fix A from inside) and ``capacity_value`` (fix B);
- ``scoreboard``: the two scoreboards as numbers (rows won), and the year so far.
"""

from .fixes import (
    CapacityValue,
    FixASetting,
    InternalFixSearch,
    break_even_expense_per_week,
    capacity_value,
    search_internal_fixes,
)
from .runs import factory_scenario, run_factory, scenario_of
from .scoreboard import SCORED, YearSoFar, check_result, tally, winner, year_so_far
from .simulation import (
    FactoryResult,
    capacity_of,
    efficiency_of,
    scenario_changes,
    simulate_factory,
)

__all__ = [
    "SCORED",
    "CapacityValue",
    "FixASetting",
    "FactoryResult",
    "InternalFixSearch",
    "break_even_expense_per_week",
    "capacity_of",
    "capacity_value",
    "check_result",
    "efficiency_of",
    "factory_scenario",
    "run_factory",
    "scenario_changes",
    "scenario_of",
    "search_internal_fixes",
    "simulate_factory",
    "tally",
    "winner",
    "YearSoFar",
    "year_so_far",
]
