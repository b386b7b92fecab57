"""Lesson 02: takt time with and without customer demand (scenario, model, figures, widgets).

Takt time is net available time divided by customer demand: the pace the customer sets.
The lesson computes it for a bicycle assembly line (one shift, five stations), balances the
line against it, compares chasing a varying daily demand with a levelled plan (heijunka),
and then asks who sets the pace in a sales funnel, where no firm order is waiting and only
a small share of the work that starts ever finishes (built on the engine's ``dropout``).

``import demandlab as dl`` re-exports the public names; this package keeps the names the
old ``demandlab.takt`` module had, so ``from demandlab.takt import takt_time`` still works.
The lesson's numbers live in :mod:`demandlab.takt.scenario`.
"""

from .figures import plot_factory_vs_funnel, plot_funnel, plot_level_vs_chase, plot_line_balance
from .model import (
    MAX_DAYS,
    MAX_DEMAND_PER_SHIFT,
    MAX_FUNNEL_JOBS,
    MAX_PACE_PER_WEEK,
    MAX_STATIONS,
    MAX_WEEKS,
    FactoryVsFunnel,
    FunnelResult,
    LevelVsChase,
    LineBalance,
    NoDemandError,
    capacity_pace,
    factory_vs_funnel,
    funnel_yield,
    level_vs_chase,
    line_balance,
    required_inflow,
    simulate_funnel,
    takt_time,
)
from .scenario import (
    AVAILABLE_MINUTES,
    BREAK_MINUTES,
    DAILY_DEMAND,
    DEALS_WANTED_PER_WEEK,
    DEMAND_PER_SHIFT,
    FACTORY_CV,
    FUNNEL_CV,
    FUNNEL_HOURS,
    FUNNEL_PASS_RATES,
    FUNNEL_PEOPLE,
    FUNNEL_STAGES,
    FUNNEL_WEEKS,
    HOURS_PER_WEEK,
    SHIFT_MINUTES,
    STATION_MINUTES,
    STATION_NAMES,
)
from .widgets import factory_vs_funnel_explorer, funnel_explorer, level_explorer, takt_explorer

__all__ = [
    "AVAILABLE_MINUTES",
    "BREAK_MINUTES",
    "DAILY_DEMAND",
    "DEALS_WANTED_PER_WEEK",
    "DEMAND_PER_SHIFT",
    "FACTORY_CV",
    "FUNNEL_CV",
    "FUNNEL_HOURS",
    "FUNNEL_PASS_RATES",
    "FUNNEL_PEOPLE",
    "FUNNEL_STAGES",
    "FUNNEL_WEEKS",
    "HOURS_PER_WEEK",
    "MAX_DAYS",
    "MAX_DEMAND_PER_SHIFT",
    "MAX_FUNNEL_JOBS",
    "MAX_PACE_PER_WEEK",
    "MAX_STATIONS",
    "MAX_WEEKS",
    "SHIFT_MINUTES",
    "STATION_MINUTES",
    "STATION_NAMES",
    "FactoryVsFunnel",
    "FunnelResult",
    "LevelVsChase",
    "LineBalance",
    "NoDemandError",
    "capacity_pace",
    "factory_vs_funnel",
    "factory_vs_funnel_explorer",
    "funnel_explorer",
    "funnel_yield",
    "level_explorer",
    "level_vs_chase",
    "line_balance",
    "plot_factory_vs_funnel",
    "plot_funnel",
    "plot_level_vs_chase",
    "plot_line_balance",
    "required_inflow",
    "simulate_funnel",
    "takt_explorer",
    "takt_time",
]
