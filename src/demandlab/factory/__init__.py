"""Lesson 01 · Factory A vs Factory B: a production system against a demand-response view.

Factory A is efficient and makes something few customers want; Factory B is inefficient
and overrun with demand (after the essay "Production systems vs. demand-response systems").
The model runs both week by week and scores them twice: by the production-system view
(efficiency, utilisation, absorption cost and "reported" profit) and by the
demand-response view (Goldratt's Throughput Accounting: throughput, net profit, cash,
inventory at material cost, ROI, order wait and lost demand).

Layers, one file each: ``scenario`` (the numbers) -> ``model`` (``simulate_factory``,
``search_internal_fixes``, ``capacity_value``) -> ``figures`` (``plot_*``) and ``report``
(``scoreboard``, ``*_summary``: the prose) -> ``widgets`` (``*_explorer``).
"""

from .figures import plot_capacity_value, plot_internal_fixes, plot_profit_gap, plot_year
from .model import (
    break_even_expense_per_week,
    capacity_value,
    factory_scenario,
    search_internal_fixes,
    simulate_factory,
)
from .report import factory_summary, fix_a_summary, fix_b_summary, scoreboard
from .widgets import factory_explorer, fix_a_explorer, fix_b_explorer, year_explorer

# The lesson's export list: exactly its names in demandlab.__all__ (the result classes
# are imported from demandlab.factory.model).
__all__ = [
    "factory_scenario",
    "scoreboard",
    "simulate_factory",
    "search_internal_fixes",
    "capacity_value",
    "break_even_expense_per_week",
    "factory_summary",
    "fix_a_summary",
    "fix_b_summary",
    "plot_profit_gap",
    "plot_year",
    "plot_internal_fixes",
    "plot_capacity_value",
    "factory_explorer",
    "year_explorer",
    "fix_a_explorer",
    "fix_b_explorer",
]
