"""The shared engine below the lessons: the production-line simulator and its theory.

Lessons import from here; nothing here imports a lesson, plotly or ipywidgets
(import-linter contracts in pyproject.toml).

- ``laws``: a line's three numbers, the best/worst/practical-worst cases, Kingman.
- ``line``: :func:`simulate_line` and its :class:`LineResult`.
- ``_scan``: the exact kernels (max-plus scans, transfer matrices, the event loop).
- ``_inputs``: the size guards and per-station arguments (checked by demandlab.checks).
- ``stats``: confidence intervals for simulated results.
- ``scenarios``: :func:`takes_scenario`, how a lesson's model takes its frozen scenario whole
  while its public function keeps the named-argument calls.
"""

# The size guards and the deterministic cv keep their old paths (demandlab.engine.MAX_JOBS).
from ._inputs import (  # noqa: F401
    DEFAULT_JOBS,
    MAX_CELLS,
    MAX_JOBS,
    MAX_MACHINES,
    MAX_STATIONS,
    MAX_WIP,
)
from ._scan import CV_DETERMINISTIC  # noqa: F401
from .laws import (
    LineParameters,
    LinePerformance,
    best_case,
    kingman_queue_time,
    line_parameters,
    practical_worst_case,
    worst_case,
)
from .line import LineResult, simulate_line

# The engine's export list: exactly its names in demandlab.__all__.
__all__ = [
    "LineParameters",
    "LinePerformance",
    "LineResult",
    "best_case",
    "kingman_queue_time",
    "line_parameters",
    "practical_worst_case",
    "simulate_line",
    "worst_case",
]
