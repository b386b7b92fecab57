"""The shared engine below the lessons: the production-line simulator and its theory.

Lessons import from here; nothing here imports a lesson, plotly or ipywidgets
(import-linter contracts in pyproject.toml).
"""

from .line import (
    CV_DETERMINISTIC,
    DEFAULT_JOBS,
    MAX_CELLS,
    MAX_JOBS,
    MAX_MACHINES,
    MAX_STATIONS,
    MAX_WIP,
    LineParameters,
    LinePerformance,
    LineResult,
    best_case,
    kingman_queue_time,
    line_parameters,
    practical_worst_case,
    simulate_line,
    worst_case,
)

__all__ = [
    "CV_DETERMINISTIC",
    "DEFAULT_JOBS",
    "MAX_CELLS",
    "MAX_JOBS",
    "MAX_MACHINES",
    "MAX_STATIONS",
    "MAX_WIP",
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
