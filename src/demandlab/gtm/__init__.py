"""The capstone, lesson 05: a go-to-market flow (marketing, sales, customer success and
the referral loop) steered by local targets or end to end, the work-backwards planner and
the onboarding queue. Flat names (``dl.simulate_gtm``) and ``from demandlab.gtm import
work_backwards`` keep working as they did when this was one module."""

from . import model
from .figures import plot_gtm, plot_gtm_waste, plot_pooling, plot_referral_loop

# The models' names are listed once, in model/__init__.py.
from .model import *  # noqa: F403
from .widgets import (
    gtm_explorer,
    gtm_summary,
    plan_summary,
    pooling_summary,
    verdict_summary,
)

__all__ = [
    *model.__all__,
    "gtm_explorer",
    "gtm_summary",
    "plan_summary",
    "plot_gtm",
    "plot_gtm_waste",
    "plot_pooling",
    "plot_referral_loop",
    "pooling_summary",
    "verdict_summary",
]
