"""Lesson 03's five experiments, each run on the whole :class:`PullPushScenario`.

The named functions (``laws_of_the_line``, ``push_vs_conwip``, ``forecast_vs_pull``,
``pull_in_sales``, ``vut_curve``) take the settings one by one, with the lesson's values as
defaults, for the notebook's one-line calls (engine.scenarios.takes_scenario), or the
scenario whole as ``scenario=``; these take it whole by position, so a changed lesson is
``run_race(SCENARIO.replace(cv=0.5))``.
"""

from __future__ import annotations

from ..scenario import SCENARIO, PullPushScenario
from .conwip import PushVsConwip, push_vs_conwip
from .forecast import ForecastVsPull, forecast_vs_pull
from .laws import LawsOfTheLine, laws_of_the_line
from .sales import PullInSales, pull_in_sales
from .vut import VutCurve, vut_curve

__all__ = ["run_laws", "run_race", "run_sales", "run_shelf", "run_vut"]


def run_laws(scenario: PullPushScenario = SCENARIO, max_wip: int | None = None) -> LawsOfTheLine:
    """The laws of the line on the scenario's plant (see :func:`laws_of_the_line`).

    Examples
    --------
    >>> run_laws(SCENARIO.replace(cv=0.0), max_wip=4).wip_levels.tolist()
    [1.0, 2.0, 3.0, 4.0]
    """
    return laws_of_the_line(max_wip=max_wip, scenario=scenario)


def run_race(scenario: PullPushScenario = SCENARIO) -> PushVsConwip:
    """Push against CONWIP on the scenario's plant (see :func:`push_vs_conwip`)."""
    return push_vs_conwip(scenario=scenario)


def run_shelf(scenario: PullPushScenario = SCENARIO) -> ForecastVsPull:
    """Forecast push against demand pull on the scenario's shelf (see
    :func:`forecast_vs_pull`)."""
    return forecast_vs_pull(scenario=scenario)


def run_sales(scenario: PullPushScenario = SCENARIO) -> PullInSales:
    """The scenario's sales funnel at every drop-out level (see :func:`pull_in_sales`)."""
    return pull_in_sales(scenario=scenario)


def run_vut(scenario: PullPushScenario = SCENARIO) -> VutCurve:
    """Kingman's VUT curve at the scenario's station (see :func:`vut_curve`)."""
    return vut_curve(scenario=scenario)
