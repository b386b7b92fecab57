"""Lesson 02's models: pure numpy, frozen dataclasses out (no plotly, no widgets).

- ``line``: takt time, :class:`NoDemandError` and the line balance against takt.
- ``level``: chase a varying daily demand or level the pace (heijunka).
- ``funnel``: the sales funnel's yield, the inflow buyers need, a quarter's run.
- ``paces``: buyers' pace against the capacity pace over many quarters (95% intervals).
- ``compare``: the bike line and the funnel side by side.
- ``plant``: essay 003's case, the plant's capacity or buyers setting the sales pace.
- ``_inputs``: the size guards and list checks they share.
"""

from ._inputs import (
    EPS,
    MAX_DAYS,
    MAX_DEMAND_PER_SHIFT,
    MAX_FUNNEL_JOBS,
    MAX_PACE_PER_WEEK,
    MAX_STATIONS,
    MAX_WEEKS,
)
from .compare import FactoryVsFunnel, factory_vs_funnel, output_cv
from .funnel import (
    FunnelResult,
    bottleneck_stage,
    capacity_pace,
    funnel_yield,
    pooled_pace,
    required_inflow,
    simulate_funnel,
    stage_capacity_paces,
)
from .level import LevelVsChase, level_vs_chase, swung
from .line import LineBalance, NoDemandError, balance, line_balance, takt_time
from .paces import PaceComparison, compare_paces, verdict
from .plant import PlantPacedSales, plant_paced_sales

__all__ = [
    "EPS",
    "MAX_DAYS",
    "MAX_DEMAND_PER_SHIFT",
    "MAX_FUNNEL_JOBS",
    "MAX_PACE_PER_WEEK",
    "MAX_STATIONS",
    "MAX_WEEKS",
    "FactoryVsFunnel",
    "FunnelResult",
    "LevelVsChase",
    "LineBalance",
    "NoDemandError",
    "PaceComparison",
    "PlantPacedSales",
    "balance",
    "bottleneck_stage",
    "capacity_pace",
    "compare_paces",
    "factory_vs_funnel",
    "funnel_yield",
    "level_vs_chase",
    "line_balance",
    "output_cv",
    "plant_paced_sales",
    "pooled_pace",
    "required_inflow",
    "simulate_funnel",
    "stage_capacity_paces",
    "swung",
    "takt_time",
    "verdict",
]
