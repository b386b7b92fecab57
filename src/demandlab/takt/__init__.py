"""Lesson 02: takt time with and without customer demand (scenario, model, figures,
report, widgets).

Takt time is net available time divided by customer demand: the pace the customer sets.
The lesson computes it for a bicycle assembly line (one shift, five stations), balances the
line against it, compares chasing a varying daily demand with a levelled plan (heijunka),
and then asks who sets the pace in a sales funnel, where no firm order is waiting and only
a small share of the work that starts ever finishes (built on the engine's ``dropout``):
buyers' pace against the capacity pace over many quarters, with 95% intervals.

``__all__`` is the lesson's export list (``import demandlab as dl`` re-exports exactly
these); the models' other names are imported from ``demandlab.takt.model``. The lesson's
numbers live in :mod:`demandlab.takt.scenario`.
"""

from .figures import (
    plot_factory_vs_funnel,
    plot_funnel,
    plot_level_vs_chase,
    plot_line_balance,
    plot_plant_paced_sales,
)
from .model import (
    NoDemandError,
    bottleneck_stage,
    capacity_pace,
    compare_paces,
    factory_vs_funnel,
    funnel_yield,
    level_vs_chase,
    line_balance,
    plant_paced_sales,
    pooled_pace,
    required_inflow,
    simulate_funnel,
    stage_capacity_paces,
    takt_time,
)
from .report import (
    bike_line_summary,
    funnel_summary,
    level_summary,
    pace_summary,
    plant_pace_summary,
    sales_pace_summary,
)
from .widgets import factory_vs_funnel_explorer, funnel_explorer, level_explorer, takt_explorer

__all__ = [
    "NoDemandError",
    "bike_line_summary",
    "bottleneck_stage",
    "capacity_pace",
    "compare_paces",
    "factory_vs_funnel",
    "factory_vs_funnel_explorer",
    "funnel_explorer",
    "funnel_summary",
    "funnel_yield",
    "level_explorer",
    "level_summary",
    "level_vs_chase",
    "line_balance",
    "pace_summary",
    "plant_pace_summary",
    "plant_paced_sales",
    "plot_factory_vs_funnel",
    "plot_funnel",
    "plot_level_vs_chase",
    "plot_line_balance",
    "plot_plant_paced_sales",
    "pooled_pace",
    "required_inflow",
    "sales_pace_summary",
    "simulate_funnel",
    "stage_capacity_paces",
    "takt_explorer",
    "takt_time",
]
