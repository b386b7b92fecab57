"""Lesson 01's figures: each takes model results and returns a plotly Figure (never runs
a model, never shows itself). ``books``: the profit gap and the year; ``fixes``: fix A's
search and fix B's capacity value.
"""

from ._common import A_NAME, B_NAME
from .books import plot_profit_gap, plot_year
from .fixes import plot_capacity_value, plot_internal_fixes

__all__ = [
    "A_NAME",
    "B_NAME",
    "plot_capacity_value",
    "plot_internal_fixes",
    "plot_profit_gap",
    "plot_year",
]
