"""Lesson 02's figures: each takes a model's result and returns a plotly figure
(``line``: the line's balance and level vs chase; ``funnel``: the sales funnel against the
factory).
"""

from .funnel import funnel_outcomes, plot_factory_vs_funnel, plot_funnel, plot_plant_paced_sales
from .line import plot_level_vs_chase, plot_line_balance

__all__ = [
    "funnel_outcomes",
    "plot_factory_vs_funnel",
    "plot_funnel",
    "plot_level_vs_chase",
    "plot_line_balance",
    "plot_plant_paced_sales",
]
