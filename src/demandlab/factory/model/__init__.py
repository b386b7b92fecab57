"""Lesson 01's model: pure numpy, frozen dataclasses out (no plotly, no widgets).

- ``simulation``: ``simulate_factory`` runs one factory a year, week by week;
- ``fixes``: ``search_internal_fixes`` (fix A from inside) and ``capacity_value`` (fix B);
- ``scoreboard``: the two scoreboards as text, and the lesson's number formats.
"""

from .fixes import (
    CapacityValue,
    InternalFixSearch,
    break_even_expense_per_week,
    capacity_value,
    search_internal_fixes,
)
from .scoreboard import (
    ROWS,
    VIEW_TITLE,
    check_result,
    scoreboard,
    tally,
    winner,
)
from .simulation import (
    FactoryResult,
    capacity_of,
    efficiency_of,
    factory_scenario,
    scenario_changes,
    simulate_factory,
)

__all__ = [
    "ROWS",
    "VIEW_TITLE",
    "CapacityValue",
    "FactoryResult",
    "InternalFixSearch",
    "break_even_expense_per_week",
    "capacity_of",
    "capacity_value",
    "check_result",
    "efficiency_of",
    "factory_scenario",
    "scenario_changes",
    "scoreboard",
    "search_internal_fixes",
    "simulate_factory",
    "tally",
    "winner",
]
