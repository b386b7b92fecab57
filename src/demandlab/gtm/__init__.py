"""The capstone, lesson 05: a go-to-market flow (marketing, sales, customer success and
the referral loop) steered by local targets or end to end, the work-backwards planner and
the onboarding queue. Flat names (``dl.simulate_gtm``) and ``from demandlab.gtm import
work_backwards`` keep working as they did when this was one module.

``__all__`` below is the lesson's one export list; ``demandlab/__init__.py`` reuses it. The
model's other names (``demandlab.gtm.run_gtm``, ``GtmResult``, ...) read through to
``demandlab.gtm.model``'s own list. Importing the package imports ``report``, which writes the
models' worded methods (``result.summary()``, ``print(plan)``, ...).
"""

from ..exports import read_through as _read_through
from . import model
from .figures import plot_gtm, plot_gtm_waste, plot_pooling, plot_referral_loop
from .model import (
    compare_designs,
    onboarding_queue,
    pooling_experiment,
    pooling_sweep,
    simulate_gtm,
    verdict_sweeps,
    work_backwards,
)
from .report import gtm_summary, plan_summary, pooling_summary, verdict_summary
from .report.words import steering_label, wrapped  # noqa: F401 (old paths)
from .widgets import gtm_explorer

__all__ = [
    "simulate_gtm",
    "plot_gtm",
    "plot_gtm_waste",
    "plot_referral_loop",
    "gtm_explorer",
    "work_backwards",
    "onboarding_queue",
    "gtm_summary",
    "plan_summary",
    "plot_pooling",
    "pooling_experiment",
    "pooling_summary",
    "pooling_sweep",
    "verdict_sweeps",
    "verdict_summary",
    "compare_designs",
]

__getattr__, __dir__ = _read_through(__name__, model)
