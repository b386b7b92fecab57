"""Lesson 00's explorer: the first slider."""

from __future__ import annotations

import ipywidgets as widgets

from .. import checks
from ..widgetkit import Explorer, View, explorer, mark_main
from .figures import plot_week
from .model import one_week
from .report import week_sentence
from .scenario import MAX_UNITS_DEMO, SCENARIO


def slider_demo(units_made_per_week: float = SCENARIO.units_made_per_week) -> Explorer:
    """A first slider: customer demand moves a plotly bar chart.

    Parameters
    ----------
    units_made_per_week : float
        What the factory makes every week, whatever happens (default 100).

    Returns
    -------
    demandlab.widgetkit.Explorer
        A demand slider (the start notebook's main control, ``controls["demand"]``), a
        live figure and a sentence; ``result`` is the ``Week`` on show.

    Examples
    --------
    >>> demo = slider_demo()
    >>> demo.controls["demand"].value
    60
    >>> demo.controls["demand"].value = 100
    >>> demo.result.unsold, demo.result.unmet
    (0.0, 0.0)
    """
    made = checks.in_range("units_made_per_week", units_made_per_week, 0, MAX_UNITS_DEMO)
    sc = SCENARIO
    demand = mark_main(
        widgets.IntSlider(
            value=int(sc.demand_per_week),
            min=sc.demand_min,
            max=sc.demand_max,
            step=sc.demand_step,
            description="Demand / week",
            style={"description_width": "initial"},
            continuous_update=True,
        )
    )

    def view(week) -> View:
        return View(plot_week(week), *week_sentence(week))

    return explorer(
        {"demand": demand}, lambda demand: one_week(made, demand), view, top=demand, main=True
    )
