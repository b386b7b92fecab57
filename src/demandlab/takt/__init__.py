"""Lesson 02: takt time with and without customer demand (scenario, model, figures, widgets).

Takt time is net available time divided by customer demand: the pace the customer sets.
The lesson computes it for a bicycle assembly line (one shift, five stations), balances the
line against it, compares chasing a varying daily demand with a levelled plan (heijunka),
and then asks who sets the pace in a sales funnel, where no firm order is waiting and only
a small share of the work that starts ever finishes (built on the engine's ``dropout``):
buyers' pace against the capacity pace over many quarters, with 95% intervals.

``import demandlab as dl`` re-exports the public names; this package keeps the names the
old ``demandlab.takt`` module had, so ``from demandlab.takt import takt_time`` still works.
The lesson's numbers live in :mod:`demandlab.takt.scenario`.
"""

from . import model
from .figures import (
    plot_factory_vs_funnel,
    plot_funnel,
    plot_level_vs_chase,
    plot_line_balance,
    plot_plant_paced_sales,
)

# The models' names are listed once, in model/__init__.py.
from .model import *  # noqa: F403
from .scenario import (
    AVAILABLE_MINUTES,
    BREAK_MINUTES,
    DAILY_DEMAND,
    DEALS_WANTED_PER_WEEK,
    DEMAND_PER_SHIFT,
    EXTRA_BUYER_MIX,
    FACTORY_CV,
    FUNNEL_CV,
    FUNNEL_HOURS,
    FUNNEL_PASS_RATES,
    FUNNEL_PEOPLE,
    FUNNEL_STAGES,
    FUNNEL_WEEKS,
    HOURS_PER_WEEK,
    PACE_REPLICATIONS,
    SHIFT_MINUTES,
    STATION_MINUTES,
    STATION_NAMES,
)
from .summaries import (
    bike_line_summary,
    funnel_summary,
    level_summary,
    pace_summary,
    plant_pace_summary,
    sales_pace_summary,
)
from .widgets import factory_vs_funnel_explorer, funnel_explorer, level_explorer, takt_explorer

__all__ = [
    *model.__all__,
    "AVAILABLE_MINUTES",
    "BREAK_MINUTES",
    "DAILY_DEMAND",
    "DEALS_WANTED_PER_WEEK",
    "DEMAND_PER_SHIFT",
    "EXTRA_BUYER_MIX",
    "FACTORY_CV",
    "FUNNEL_CV",
    "FUNNEL_HOURS",
    "FUNNEL_PASS_RATES",
    "FUNNEL_PEOPLE",
    "FUNNEL_STAGES",
    "FUNNEL_WEEKS",
    "HOURS_PER_WEEK",
    "PACE_REPLICATIONS",
    "SHIFT_MINUTES",
    "STATION_MINUTES",
    "STATION_NAMES",
    "factory_vs_funnel_explorer",
    "funnel_explorer",
    "funnel_summary",
    "level_explorer",
    "level_summary",
    "bike_line_summary",
    "pace_summary",
    "plot_factory_vs_funnel",
    "plot_funnel",
    "plot_level_vs_chase",
    "plot_line_balance",
    "plot_plant_paced_sales",
    "plant_pace_summary",
    "sales_pace_summary",
    "takt_explorer",
]
