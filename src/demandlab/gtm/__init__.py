"""The capstone, lesson 05: a go-to-market flow (marketing, sales, customer success and
the referral loop) steered by local targets or end to end, the work-backwards planner and
the onboarding queue. Flat names (``dl.simulate_gtm``) and ``from demandlab.gtm import
work_backwards`` keep working as they did when this was one module."""

from .figures import plot_gtm, plot_gtm_waste, plot_pooling, plot_referral_loop
from .model import (
    MAX_HOURS,
    MAX_LEADS_PER_MONTH,
    MAX_MONTHS,
    GtmPlan,
    GtmResult,
    OnboardingQueue,
    PoolingResult,
    onboarding_queue,
    pooling_experiment,
    pooling_sweep,
    reference_run,
    simulate_gtm,
    work_backwards,
)
from .scenario import SCENARIO_SETTINGS
from .widgets import gtm_explorer, gtm_summary, plan_summary, pooling_summary

__all__ = [
    "MAX_HOURS",
    "MAX_LEADS_PER_MONTH",
    "MAX_MONTHS",
    "SCENARIO_SETTINGS",
    "GtmPlan",
    "GtmResult",
    "OnboardingQueue",
    "PoolingResult",
    "gtm_explorer",
    "gtm_summary",
    "onboarding_queue",
    "plan_summary",
    "plot_gtm",
    "plot_gtm_waste",
    "plot_pooling",
    "plot_referral_loop",
    "pooling_experiment",
    "pooling_summary",
    "pooling_sweep",
    "reference_run",
    "simulate_gtm",
    "work_backwards",
]
