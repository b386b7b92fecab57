"""Lesson 05's models: the go-to-market flow, the work-backwards planner, the onboarding queue.

Pure numpy (and the flow engine): parameters in, frozen dataclasses out. The numbers live
in scenario.py. One file per topic: flow.py (the month-by-month flow), plan.py (working
backwards from a result), queue.py (how long a new customer waits for onboarding).
"""

from __future__ import annotations

from ..scenario import (
    MAX_HOURS,
    MAX_LEADS_PER_MONTH,
    MAX_MONTHS,
    SCENARIO,
    SCENARIO_SETTINGS,
    GtmScenario,
)
from .assumptions import VerdictSweep, verdict_sweep, verdict_sweeps
from .designs import DesignComparison, compare_designs
from .flow import run_gtm, simulate_gtm
from .plan import GtmPlan, plan_operating_point, scenario_settings, work_backwards
from .pooling import PoolingResult, pooling_experiment, pooling_sweep
from .queue import OnboardingQueue, erlang_c_wait, load_limit, onboarding_queue
from .result import GtmResult

__all__ = [
    "MAX_HOURS",
    "MAX_LEADS_PER_MONTH",
    "MAX_MONTHS",
    "SCENARIO",
    "SCENARIO_SETTINGS",
    "DesignComparison",
    "GtmPlan",
    "GtmResult",
    "GtmScenario",
    "OnboardingQueue",
    "PoolingResult",
    "compare_designs",
    "erlang_c_wait",
    "load_limit",
    "onboarding_queue",
    "pooling_experiment",
    "plan_operating_point",
    "pooling_sweep",
    "run_gtm",
    "scenario_settings",
    "simulate_gtm",
    "work_backwards",
    "VerdictSweep",
    "verdict_sweep",
    "verdict_sweeps",
]
