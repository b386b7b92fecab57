"""Lesson 03's explorers: a slider or two over each experiment, with a sentence that says
what the numbers mean. Each is built by :func:`demandlab.widgetkit.explorer` (the controls
by name, a model run on their values, a view of the result: a figure from ``figures`` and a
sentence from ``report``)."""

from __future__ import annotations

import functools

import ipywidgets as widgets

from ..engine.scenarios import takes_scenario
from ..widgetkit import Explorer, View, explorer, mark_main, row
from . import scenario as sc
from .figures import (
    plot_forecast_vs_pull,
    plot_laws_of_the_line,
    plot_pull_in_sales,
    plot_push_vs_conwip,
)
from .model import (
    ForecastVsPull,
    LawsOfTheLine,
    PushVsConwip,
    SalesLevel,
    forecast_vs_pull,
    laws_of_the_line,
    level_index,
    pull_in_sales,
    push_vs_conwip,
)
from .model.forecast import SHELF_SETTINGS
from .model.inputs import cv as check_cv
from .model.inputs import machines as check_machines
from .model.inputs import slider_start, times
from .model.sales import SALES_SETTINGS
from .report import laws_text, race_text, sales_text, shelf_text

__all__ = [
    "forecast_vs_pull_explorer",
    "laws_of_the_line_explorer",
    "pull_in_sales_explorer",
    "push_vs_conwip_explorer",
]

_WIDE = {"description_width": "initial"}


def _on_step(value: float, step: float) -> float:
    """``value`` rounded to the slider's step (steps of 1/n: 0.25, 0.05, ...).

    Examples
    --------
    >>> _on_step(0.9, 0.25), _on_step(0.26, 0.05)
    (1.0, 0.25)
    """
    per = round(1 / step)
    return round(value * per) / per


def _cv_slider(cv: float, continuous: bool, **kw) -> widgets.FloatSlider:
    """The variability slider: 0..CV_SLIDER_MAX in CV_SLIDER_STEP steps, at ``cv`` rounded."""
    return widgets.FloatSlider(
        value=_on_step(cv, sc.CV_SLIDER_STEP),
        min=0.0,
        max=sc.CV_SLIDER_MAX,
        step=sc.CV_SLIDER_STEP,
        description="Variability (cv)",
        style=_WIDE,
        continuous_update=continuous,
        readout_format=".2f",
        **kw,
    )


# ----------------------------------------------------------------------------- laws of the line


def _laws_view(laws: LawsOfTheLine) -> View:
    return View(plot_laws_of_the_line(laws), *laws_text(laws))


@takes_scenario(sc.SCENARIO, ("process_times_hours", "machines", "cv", "max_wip", "seed"))
def laws_of_the_line_explorer(s: sc.PullPushScenario, max_wip: int | None = None) -> Explorer:
    """A cv slider (the lesson's main control) over the laws-of-the-line figure, with
    Little's law checked live on the simulated points.

    Parameters
    ----------
    process_times_hours, machines, max_wip, seed
        The line, as in :func:`laws_of_the_line`.
    cv : float
        Starting coefficient of variation, 0..2 in steps of 0.25.
    scenario : PullPushScenario, optional
        A whole lesson scenario (default ``SCENARIO``); the arguments named go on top.

    Returns
    -------
    widgetkit.Explorer
        Slider (``.controls["cv"]``), figure, and a sentence with the Little's law check;
        ``.result`` is the :class:`LawsOfTheLine` on show.

    Examples
    --------
    >>> box = laws_of_the_line_explorer()
    >>> box.controls["cv"].value = 0.0
    >>> "best case" in box.figure.layout.title.text
    True
    """
    line = times("process_times_hours", s.process_times_hours)
    the_line = s.replace(process_times_hours=line, machines=check_machines(s.machines, len(line)))
    c = check_cv("cv", s.cv, sc.CV_SLIDER_MAX)

    @functools.cache  # one run per slider position
    def model(cv: float) -> LawsOfTheLine:
        return laws_of_the_line(max_wip=max_wip, scenario=the_line.replace(cv=round(float(cv), 4)))

    slider = mark_main(_cv_slider(c, True, layout={"width": "420px"}))
    return explorer({"cv": slider}, model, _laws_view, top=slider, main=True)


# ----------------------------------------------------------------------------- push vs CONWIP


def _race_view(race: PushVsConwip) -> View:
    return View(plot_push_vs_conwip(race), *race_text(race))


@takes_scenario(sc.SCENARIO, ("process_times_hours", "machines", "cv", "wip_cap", "seed"))
def push_vs_conwip_explorer(s: sc.PullPushScenario) -> Explorer:
    """Sliders for the CONWIP card count and the variability; push follows at equal output.

    Parameters
    ----------
    process_times_hours, machines, seed
        The line, as in :func:`push_vs_conwip`.
    cv : float
        Starting cv (slider 0..2, step 0.25).
    wip_cap : int
        Starting number of cards (slider 1..24).
    scenario : PullPushScenario, optional
        A whole lesson scenario (default ``SCENARIO``); the arguments named go on top.

    Returns
    -------
    widgetkit.Explorer
        Two sliders (``.controls["wip_cap"]`` and ``.controls["cv"]``), the figure and a
        sentence comparing the two lines; ``.result`` is the :class:`PushVsConwip` on show.

    Examples
    --------
    >>> box = push_vs_conwip_explorer()
    >>> box.controls["wip_cap"].value = 10
    >>> "CONWIP" in box.message.value
    True
    """
    line = times("process_times_hours", s.process_times_hours)
    the_line = s.replace(process_times_hours=line, machines=check_machines(s.machines, len(line)))
    c = check_cv("cv", s.cv, sc.CV_SLIDER_MAX)
    wip_cap = slider_start("wip_cap", s.wip_cap, sc.CARDS_SLIDER_MAX)

    @functools.cache  # one race per pair of slider positions
    def model(wip_cap: int, cv: float) -> PushVsConwip:
        race = the_line.replace(cv=round(float(cv), 4), wip_cap=int(wip_cap))
        return push_vs_conwip(scenario=race)

    cards = widgets.IntSlider(
        value=wip_cap,
        min=1,
        max=sc.CARDS_SLIDER_MAX,
        description="CONWIP cards",
        style=_WIDE,
        continuous_update=False,
    )
    cv_slider = _cv_slider(c, False)
    controls = {"wip_cap": cards, "cv": cv_slider}
    return explorer(controls, model, _race_view, top=row([cards, cv_slider]))


# ----------------------------------------------------------------------------- forecast vs pull


def _shelf_view(cmp: ForecastVsPull) -> View:
    return View(plot_forecast_vs_pull(cmp), *shelf_text(cmp))


def _shelf_sliders(base: ForecastVsPull) -> tuple[widgets.FloatSlider, widgets.IntSlider]:
    """The forecast error and planning cycle sliders, starting at ``base``'s settings."""
    error = widgets.FloatSlider(
        value=min(_on_step(base.forecast_error, sc.ERROR_SLIDER_STEP), sc.ERROR_SLIDER_MAX),
        min=0.0,
        max=sc.ERROR_SLIDER_MAX,
        step=sc.ERROR_SLIDER_STEP,
        description="Forecast error",
        style=_WIDE,
        readout_format=".0%",
        continuous_update=False,
    )
    plan = widgets.IntSlider(
        value=min(base.plan_every_days, sc.PLAN_SLIDER_MAX),
        min=1,
        max=sc.PLAN_SLIDER_MAX,
        description="Plan every (days)",
        style=_WIDE,
        continuous_update=False,
    )
    return error, plan


@takes_scenario(sc.SCENARIO, [n for n in SHELF_SETTINGS if n != "days"])
def forecast_vs_pull_explorer(s: sc.PullPushScenario) -> Explorer:
    """Sliders for the forecast error and the planning cycle; both policies re-tuned live.

    Parameters
    ----------
    demand_per_day, demand_cv, lead_time_days, fill_rate, unit_cost, seed
        As in :func:`forecast_vs_pull`.
    forecast_error : float
        Starting forecast error (slider 0..0.6).
    plan_every_days : int
        Starting planning cycle in days (slider 1..20).
    scenario : PullPushScenario, optional
        A whole lesson scenario (default ``SCENARIO``); the arguments named go on top.

    Returns
    -------
    widgetkit.Explorer
        Two sliders (``.controls["forecast_error"]``, ``.controls["plan_every_days"]``),
        the figure and a sentence with stock, cash and stock-out days; ``.result`` is the
        :class:`ForecastVsPull` on show.

    Examples
    --------
    >>> box = forecast_vs_pull_explorer()
    >>> box.controls["forecast_error"].value = 0.0
    >>> box.controls["plan_every_days"].value = 1
    >>> "same stock" in box.message.value
    True
    """
    error, plan = _shelf_sliders(forecast_vs_pull(scenario=s))

    def model(forecast_error: float, plan_every_days: int) -> ForecastVsPull:
        # the same shelf with the sliders' forecast error and planning cycle
        shelf = s.replace(forecast_error=forecast_error, plan_every_days=plan_every_days)
        return forecast_vs_pull(scenario=shelf)

    controls = {"forecast_error": error, "plan_every_days": plan}
    return explorer(controls, model, _shelf_view, top=row([error, plan]))


# ----------------------------------------------------------------------------- pull in sales


@takes_scenario(
    sc.SCENARIO, {n: SALES_SETTINGS[n] for n in ("stage_days", "cv", "wip_cap", "seed")}
)
def pull_in_sales_explorer(s: sc.PullPushScenario) -> Explorer:
    """An abandonment slider over the sales-funnel comparison (levels 0..30%, computed once,
    with :func:`pull_in_sales`'s defaults, so the numbers match a plain call).

    Parameters
    ----------
    stage_days, cv, wip_cap, seed
        As in :func:`pull_in_sales`.
    scenario : PullPushScenario, optional
        A whole lesson scenario (default ``SCENARIO``); the arguments named go on top.

    Returns
    -------
    widgetkit.Explorer
        The slider (``.controls["abandon_per_stage"]``), the figure and a sentence on what
        the sales team would feel; ``.result`` is the :class:`SalesLevel` on show (its
        ``sales`` is the :class:`PullInSales` behind every level).

    Examples
    --------
    >>> box = pull_in_sales_explorer()
    >>> box.controls["abandon_per_stage"].value = 0.3
    >>> "leads" in box.message.value
    True
    """
    sales = pull_in_sales(scenario=s)  # the lesson's default levels
    levels = tuple(float(p) for p in sales.abandon_per_stage)
    slider = widgets.SelectionSlider(
        options=[(f"{100 * p:.0f}%", p) for p in levels],
        value=levels[0],
        description="Deals lost per stage",
        style=_WIDE,
        continuous_update=True,
    )

    def model(abandon_per_stage: float) -> SalesLevel:
        return SalesLevel(sales, level_index(sales, abandon_per_stage))

    def view(shown: SalesLevel) -> View:
        figure = plot_pull_in_sales(shown.sales, shown.abandon_per_stage)
        return View(figure, *sales_text(shown))

    return explorer({"abandon_per_stage": slider}, model, view, top=slider)
