"""Lesson 03's figures: the laws of the line, push vs CONWIP, forecast vs pull, pull in sales
and the VUT curve (``line``: the plant's line; ``demand``: the shelf and the sales funnel).

Each figure takes a result from the model and draws it; none runs a simulation itself.
"""

from .demand import plot_forecast_vs_pull, plot_pull_in_sales
from .line import plot_laws_of_the_line, plot_push_vs_conwip, plot_vut_curve

__all__ = [
    "plot_forecast_vs_pull",
    "plot_laws_of_the_line",
    "plot_pull_in_sales",
    "plot_push_vs_conwip",
    "plot_vut_curve",
]
