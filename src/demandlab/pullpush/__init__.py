"""Lesson 03, pull vs push: the laws of the line, push against CONWIP, forecast push against
demand pull, and what is left of pull in a sales funnel where deals abandon midway.

Every line here runs on the flow engine (:func:`demandlab.engine.simulate_line`); the
forecast-vs-pull comparison is an inventory ledger kept day by day (a fixed production
lead time, no line), because its point is the *signal* that releases work, not queueing.

Sources: Hopp & Spearman, *Factory Physics* (laws of the line, ch. 7; CONWIP vs push,
ch. 10); Spearman, Woodruff & Hopp (1990), "CONWIP: a pull alternative to kanban";
Little (1961). The sales section follows the essay on lean's principles applied to sales
(course seed 002): an inquiry is not a firm order.

Layers: ``scenario`` (the lesson's numbers) -> ``model`` (frozen results) -> ``figures``
(plotly) and ``report`` (sentences) -> ``widgets`` (explorers). ``import demandlab as dl``
re-exports the public names; this package keeps the names the old ``demandlab.pullpush``
module had.
"""

from ..exports import read_through as _read_through
from . import model
from .figures import (
    plot_forecast_vs_pull,
    plot_laws_of_the_line,
    plot_pull_in_sales,
    plot_push_vs_conwip,
    plot_vut_curve,
)
from .model import (
    forecast_vs_pull,
    laws_of_the_line,
    little_check,
    pull_in_sales,
    push_vs_conwip,
    vut_curve,
)
from .model.inputs import (  # noqa: F401 (old paths: demandlab.pullpush.MAX_CV and the rest)
    MAX_CV,
    MAX_DAYS,
    MAX_JOBS_PER_RUN,
    MAX_MACHINES,
    MAX_REPLICATIONS,
    MAX_STATIONS,
    MAX_TIME,
    MAX_TOTAL_JOBS,
    MAX_WIP_LEVELS,
)
from .report import line_summary, queue_summary, sales_summary, shelf_summary
from .scenario import SCENARIO, PullPushScenario  # noqa: F401 (old paths)
from .widgets import (
    forecast_vs_pull_explorer,
    laws_of_the_line_explorer,
    pull_in_sales_explorer,
    push_vs_conwip_explorer,
)

# The lesson's export list: exactly its names in demandlab.__all__.
__all__ = [
    "forecast_vs_pull",
    "forecast_vs_pull_explorer",
    "laws_of_the_line",
    "laws_of_the_line_explorer",
    "little_check",
    "plot_forecast_vs_pull",
    "plot_laws_of_the_line",
    "plot_pull_in_sales",
    "plot_push_vs_conwip",
    "pull_in_sales",
    "pull_in_sales_explorer",
    "push_vs_conwip",
    "push_vs_conwip_explorer",
    "line_summary",
    "plot_vut_curve",
    "queue_summary",
    "sales_summary",
    "shelf_summary",
    "vut_curve",
]

# The model's other names (demandlab.pullpush.run_race, PushVsConwip, ...) read through to
# demandlab.pullpush.model's own list.
__getattr__, __dir__ = _read_through(__name__, model)
