"""Lesson 03's five experiments, each run on the whole :class:`PullPushScenario`.

The named functions (``laws_of_the_line``, ``push_vs_conwip``, ``forecast_vs_pull``,
``pull_in_sales``, ``vut_curve``) take the settings one by one, with the lesson's values as
defaults, for the notebook's one-line calls; these take the scenario whole, so a changed
lesson is ``run_race(SCENARIO.replace(cv=0.5))``.
"""

from __future__ import annotations

from ...checks import refuse
from ..scenario import SCENARIO, PullPushScenario
from .conwip import PushVsConwip, push_vs_conwip
from .forecast import ForecastVsPull, forecast_vs_pull
from .laws import LawsOfTheLine, laws_of_the_line
from .sales import PullInSales, pull_in_sales
from .vut import VutCurve, vut_curve

__all__ = ["run_laws", "run_race", "run_sales", "run_shelf", "run_vut"]


def _checked(scenario: object) -> PullPushScenario:
    if not isinstance(scenario, PullPushScenario):
        raise refuse("scenario", scenario, "a PullPushScenario")
    return scenario


def run_laws(scenario: PullPushScenario = SCENARIO, max_wip: int | None = None) -> LawsOfTheLine:
    """The laws of the line on the scenario's plant (see :func:`laws_of_the_line`).

    Examples
    --------
    >>> run_laws(SCENARIO.replace(cv=0.0), max_wip=4).wip_levels.tolist()
    [1.0, 2.0, 3.0, 4.0]
    """
    s = _checked(scenario)
    return laws_of_the_line(
        s.process_times_hours, s.machines, s.cv, max_wip, s.laws_jobs_per_point, s.seed
    )


def run_race(scenario: PullPushScenario = SCENARIO) -> PushVsConwip:
    """Push against CONWIP on the scenario's plant (see :func:`push_vs_conwip`)."""
    s = _checked(scenario)
    return push_vs_conwip(
        s.process_times_hours, s.machines, s.cv, s.wip_cap, s.replications, s.jobs_per_run, s.seed
    )


def run_shelf(scenario: PullPushScenario = SCENARIO) -> ForecastVsPull:
    """Forecast push against demand pull on the scenario's shelf (see
    :func:`forecast_vs_pull`)."""
    s = _checked(scenario)
    return forecast_vs_pull(
        s.demand_per_day,
        s.demand_cv,
        s.forecast_error,
        s.lead_time_days,
        s.plan_every_days,
        s.days,
        s.fill_rate,
        s.unit_cost,
        s.seed,
    )


def run_sales(scenario: PullPushScenario = SCENARIO) -> PullInSales:
    """The scenario's sales funnel at every drop-out level (see :func:`pull_in_sales`)."""
    s = _checked(scenario)
    return pull_in_sales(
        s.stage_days,
        s.sales_cv,
        s.sales_wip_cap,
        s.abandon_per_stage,
        s.sales_replications,
        s.sales_jobs_per_run,
        s.seed,
    )


def run_vut(scenario: PullPushScenario = SCENARIO) -> VutCurve:
    """Kingman's VUT curve at the scenario's station (see :func:`vut_curve`)."""
    s = _checked(scenario)
    return vut_curve(
        s.vut_cvs,
        s.vut_process_hours,
        s.vut_sim_utilisations,
        s.vut_replications,
        s.vut_jobs_per_run,
        s.seed,
    )
