"""The capstone, lesson 05: a go-to-market flow (marketing, sales, customer success and
the referral loop) steered by local targets or end to end, the work-backwards planner and
the onboarding queue. Flat names (``dl.simulate_gtm``) and ``from demandlab.gtm import
work_backwards`` keep working as they did when this was one module.

``__all__`` below is the lesson's one export list; ``demandlab/__init__.py`` reuses it.
"""

from .figures import plot_gtm, plot_gtm_waste, plot_pooling, plot_referral_loop
from .model import (
    MAX_HOURS,
    MAX_LEADS_PER_MONTH,
    MAX_MONTHS,
    SCENARIO,
    SCENARIO_SETTINGS,
    DesignComparison,
    GtmPlan,
    GtmResult,
    GtmScenario,
    OnboardingQueue,
    PoolingResult,
    VerdictSweep,
    compare_designs,
    erlang_c_wait,
    load_limit,
    onboarding_queue,
    plan_operating_point,
    pooling_experiment,
    pooling_sweep,
    run_gtm,
    scenario_settings,
    simulate_gtm,
    verdict_sweep,
    verdict_sweeps,
    work_backwards,
)
from .report import (
    gtm_summary,
    plan_summary,
    pooling_summary,
    steering_label,
    verdict_summary,
    wrapped,
)
from .widgets import gtm_explorer

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
    "VerdictSweep",
    "compare_designs",
    "erlang_c_wait",
    "gtm_explorer",
    "gtm_summary",
    "load_limit",
    "onboarding_queue",
    "plan_operating_point",
    "plan_summary",
    "plot_gtm",
    "plot_gtm_waste",
    "plot_pooling",
    "plot_referral_loop",
    "pooling_experiment",
    "pooling_summary",
    "pooling_sweep",
    "run_gtm",
    "scenario_settings",
    "simulate_gtm",
    "steering_label",
    "verdict_summary",
    "verdict_sweep",
    "verdict_sweeps",
    "work_backwards",
    "wrapped",
]
