"""Lesson 03's explorers: a slider or two over each experiment, with a sentence that says
what the numbers mean. Each returns a :class:`demandlab.widgetkit.Explorer`."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import ipywidgets as widgets
import numpy as np

from ..checks import number as checked_number
from ..formatting import count, money, number, pct
from ..widgetkit import (
    Explorer,
    figure_widget,
    guarded,
    mark_main,
    message_area,
    refresh,
    row,
    say,
)
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
    PullInSales,
    PushVsConwip,
    forecast_vs_pull,
    laws_of_the_line,
    level_index,
    pull_in_sales,
    push_vs_conwip,
    vut_curve,
)
from .model.inputs import cv as check_cv
from .model.inputs import machines as check_machines
from .model.inputs import slider_start, times
from .model.sales import sales_at_level

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


def _explorer(controls: dict, draw: Callable, first: object, top: widgets.Widget, **fig_kw):
    """An Explorer of ``top`` (the controls), the figure of ``first`` and a message;
    ``draw(result)`` returns the figure and the sentence (text, kind) for a result."""
    fig, _ = draw(first)
    fw = figure_widget(fig, **fig_kw)
    note = message_area()
    return Explorer([top, fw, note], controls=controls, figure=fw, message=note, result=first)


def _wire(box: Explorer, model: Callable, draw: Callable) -> None:
    """On every change: run ``model()`` (no arguments: it reads the controls), redraw, and say
    the sentence; a refused setting becomes a sentence too."""

    def update(change: dict | None = None) -> None:
        box.result = model()
        fig, (text, kind) = draw(box.result)
        refresh(box.figure, fig)
        say(box.message, text, kind)

    update()
    for control in box.controls.values():
        control.observe(guarded(update, box.message), names="value")


# ----------------------------------------------------------------------------- laws of the line


def _laws_view(laws: LawsOfTheLine):
    i = int(np.argmin(np.abs(laws.wip_levels - round(laws.critical_wip * 2))))
    w, th, ct = laws.wip_levels[i], laws.sim_throughput[i], laws.sim_cycle_time[i]
    verdict = "holds" if laws.little_holds else "does NOT hold"
    text = (
        f"Little's law {verdict} at all {laws.wip_levels.size} points "
        f"(largest gap {laws.little_worst_gap:.2%}). Example at WIP {w:.0f}: "
        f"output rate {th:.3f} jobs/h x cycle time {ct:.1f} h = {th * ct:.2f} jobs."
    )
    return plot_laws_of_the_line(laws), (text, "good" if laws.little_holds else "warn")


def laws_of_the_line_explorer(
    process_times_hours: Sequence[float] = sc.PROCESS_TIMES_HOURS,
    machines: int | Sequence[int] = sc.MACHINES,
    cv: float = sc.CV,
    max_wip: int | None = None,
    seed: int = sc.SEED,
) -> Explorer:
    """A cv slider (the lesson's main control) over the laws-of-the-line figure, with
    Little's law checked live on the simulated points.

    Parameters
    ----------
    process_times_hours, machines, max_wip, seed
        The line, as in :func:`laws_of_the_line`.
    cv : float
        Starting coefficient of variation, 0..2 in steps of 0.25.

    Returns
    -------
    widgetkit.Explorer
        Slider, figure, and a sentence with the Little's law check; ``.result`` is the
        :class:`LawsOfTheLine` on show. ``.cv_slider`` (also ``.controls["cv"]``) and
        ``.figure`` give code access.

    Examples
    --------
    >>> box = laws_of_the_line_explorer()
    >>> box.cv_slider.value = 0.0
    >>> "best case" in box.figure.layout.title.text
    True
    """
    line = times("process_times_hours", process_times_hours)
    m = check_machines(machines, len(line))
    c = check_cv("cv", cv, sc.CV_SLIDER_MAX)
    cache: dict[float, LawsOfTheLine] = {}

    def model() -> LawsOfTheLine:
        key = round(float(slider.value), 4)
        if key not in cache:
            cache[key] = laws_of_the_line(line, m, key, max_wip=max_wip, seed=seed)
        return cache[key]

    slider = mark_main(_cv_slider(c, True, layout={"width": "420px"}))
    box = _explorer({"cv": slider}, _laws_view, model(), slider, main=True)
    _wire(box, model, _laws_view)
    box.cv_slider = slider
    return box


# ----------------------------------------------------------------------------- push vs CONWIP


def _race_view(race: PushVsConwip):
    saved, half = race.wip_saved
    p_wip, c_wip = race.push.wip[0], race.conwip.wip[0]
    if saved - half > 0:
        text = (
            f"Same output: push carries {p_wip:.1f} jobs, CONWIP {c_wip:.0f} "
            f"({saved:.1f} ± {half:.1f} fewer); mean lead time "
            f"{race.push.cycle_time[0]:.1f} h vs {race.conwip.cycle_time[0]:.1f} h."
        )
        kind = "good"
    else:
        text = (
            f"Same output: push carries {p_wip:.1f} jobs, CONWIP {c_wip:.0f}: the difference "
            f"({saved:.1f} ± {half:.1f}) is within the noise at this setting."
        )
        kind = "info"
    return plot_push_vs_conwip(race), (text, kind)


def push_vs_conwip_explorer(
    process_times_hours: Sequence[float] = sc.PROCESS_TIMES_HOURS,
    machines: int | Sequence[int] = sc.MACHINES,
    cv: float = sc.CV,
    wip_cap: int = sc.WIP_CAP,
    seed: int = sc.SEED,
) -> Explorer:
    """Sliders for the CONWIP card count and the variability; push follows at equal output.

    Parameters
    ----------
    process_times_hours, machines, seed
        The line, as in :func:`push_vs_conwip`.
    cv : float
        Starting cv (slider 0..2, step 0.25).
    wip_cap : int
        Starting number of cards (slider 1..24).

    Returns
    -------
    widgetkit.Explorer
        Two sliders, the figure and a sentence comparing the two lines; ``.result`` is the
        :class:`PushVsConwip` on show, ``.cards_slider`` and ``.cv_slider`` the sliders.

    Examples
    --------
    >>> box = push_vs_conwip_explorer()
    >>> box.cards_slider.value = 10
    >>> "CONWIP" in box.message.value
    True
    """
    line = times("process_times_hours", process_times_hours)
    m = check_machines(machines, len(line))
    c = check_cv("cv", cv, sc.CV_SLIDER_MAX)
    wip_cap = slider_start("wip_cap", wip_cap, sc.CARDS_SLIDER_MAX)
    cache: dict[tuple, PushVsConwip] = {}

    def model() -> PushVsConwip:
        key = (int(cards.value), round(float(cv_slider.value), 4))
        if key not in cache:
            cache[key] = push_vs_conwip(
                line, m, key[1], key[0], sc.REPLICATIONS, sc.JOBS_PER_RUN, seed
            )
        return cache[key]

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
    box = _explorer(controls, _race_view, model(), row([cards, cv_slider]))
    _wire(box, model, _race_view)
    box.cards_slider = cards
    box.cv_slider = cv_slider
    return box


# ----------------------------------------------------------------------------- forecast vs pull


def _shelf_view(cmp: ForecastVsPull):
    extra = cmp.push.mean_stock_units - cmp.pull.mean_stock_units
    if abs(extra) < 0.5:
        text = (
            "Perfect forecast, daily plan: push and pull hold the same stock "
            f"({number(cmp.pull.mean_stock_units)} units). The signal is what differs."
        )
        kind = "info"
    else:
        text = (
            f"At a {pct(cmp.fill_rate_target)} fill rate, forecast push holds "
            f"{number(cmp.push.mean_stock_units)} units ({money(cmp.push.cash_tied)} in cash), "
            f"pull {number(cmp.pull.mean_stock_units)} ({money(cmp.pull.cash_tied)}); "
            "stock-out days: "
            f"{cmp.push.stockout_days} vs {cmp.pull.stockout_days} of {cmp.days}."
        )
        kind = "warn" if extra > 0 else "good"
    return plot_forecast_vs_pull(cmp), (text, kind)


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


def forecast_vs_pull_explorer(
    demand_per_day: float = sc.DEMAND_PER_DAY,
    demand_cv: float = sc.DEMAND_CV,
    forecast_error: float = sc.FORECAST_ERROR,
    lead_time_days: int = sc.LEAD_TIME_DAYS,
    plan_every_days: int = sc.PLAN_EVERY_DAYS,
    fill_rate: float = sc.FILL_RATE,
    unit_cost: float = sc.UNIT_COST,
    seed: int = sc.SEED,
) -> Explorer:
    """Sliders for the forecast error and the planning cycle; both policies re-tuned live.

    Parameters
    ----------
    demand_per_day, demand_cv, lead_time_days, fill_rate, unit_cost, seed
        As in :func:`forecast_vs_pull`.
    forecast_error : float
        Starting forecast error (slider 0..0.6).
    plan_every_days : int
        Starting planning cycle in days (slider 1..20).

    Returns
    -------
    widgetkit.Explorer
        Two sliders, the figure and a sentence with stock, cash and stock-out days;
        ``.result`` is the :class:`ForecastVsPull` on show, ``.error_slider`` and
        ``.plan_slider`` the sliders.

    Examples
    --------
    >>> box = forecast_vs_pull_explorer()
    >>> box.error_slider.value = 0.0
    >>> box.plan_slider.value = 1
    >>> "same stock" in box.message.value
    True
    """
    base = forecast_vs_pull(
        demand_per_day,
        demand_cv,
        forecast_error,
        lead_time_days,
        plan_every_days,
        sc.DAYS,
        fill_rate,
        unit_cost,
        seed,
    )
    error, plan = _shelf_sliders(base)

    def model() -> ForecastVsPull:
        b = base  # the same shelf with the sliders' forecast error and planning cycle
        return forecast_vs_pull(
            b.demand_per_day,
            b.demand_cv,
            error.value,
            b.lead_time_days,
            plan.value,
            b.days,
            b.fill_rate_target,
            b.unit_cost,
            seed,
        )

    controls = {"forecast_error": error, "plan_every_days": plan}
    box = _explorer(controls, _shelf_view, base, row([error, plan]))
    _wire(box, model, _shelf_view)
    box.error_slider = error
    box.plan_slider = plan
    return box


# ----------------------------------------------------------------------------- pull in sales


def pull_in_sales_explorer(
    stage_days: Sequence[float] = sc.STAGE_DAYS,
    cv: float = sc.SALES_CV,
    wip_cap: int = sc.SALES_WIP_CAP,
    seed: int = sc.SEED,
) -> Explorer:
    """An abandonment slider over the sales-funnel comparison (levels 0..30%, computed once,
    with :func:`pull_in_sales`'s defaults, so the numbers match a plain call).

    Parameters
    ----------
    stage_days, cv, wip_cap, seed
        As in :func:`pull_in_sales`.

    Returns
    -------
    widgetkit.Explorer
        The slider, the figure and a sentence on what the sales team would feel;
        ``.result`` is the :class:`PullInSales` behind every level, ``.abandon_slider``
        the slider.

    Examples
    --------
    >>> box = pull_in_sales_explorer()
    >>> box.abandon_slider.value = 0.3
    >>> "leads" in box.message.value
    True
    """
    sales = pull_in_sales(stage_days, cv, wip_cap, seed=seed)  # the lesson's default levels
    levels = tuple(float(p) for p in sales.abandon_per_stage)
    slider = widgets.SelectionSlider(
        options=[(f"{100 * p:.0f}%", p) for p in levels],
        value=levels[0],
        description="Deals lost per stage",
        style=_WIDE,
        continuous_update=True,
    )

    def view(s: PullInSales):
        p = float(slider.value)
        i = level_index(s, p)
        text = (
            f"Drop-out: {pct(p)} lost per stage means {number(s.leads_per_win[i], digits=1)} "
            f"leads per win, with or without a cap; {pct(s.effort_on_lost[i])} of the team's "
            f"time goes into deals that are lost. The cap: {pct(s.open_deals_saved[i])} fewer "
            "open deals for the same wins."
        )
        return plot_pull_in_sales(s, p), (text, "warn" if p > 0 else "info")

    box = _explorer({"abandon_per_stage": slider}, view, sales, slider)
    _wire(box, lambda: sales, view)
    box.abandon_slider = slider
    return box


# ----------------------------------------------------------------------------- one-line summaries
# For the exercises: one call with literal values, a short readable report.


def line_summary(cv: float = sc.CV, wip: int = sc.WIP_CAP) -> None:
    """Print the plant's line at ``wip`` CONWIP cards: simulated output and cycle time
    against the best and the practical worst case.

    Examples
    --------
    >>> line_summary(cv=0.0, wip=4)
    cv 0, 4 cards: 0.500 jobs/h (100% of the bottleneck rate 0.5), cycle time 8.0 h
       best case 0.500 jobs/h; practical worst case 0.286 jobs/h
    """
    c = check_cv("cv", cv, sc.CV_SLIDER_MAX)
    w = slider_start("wip", wip, 40)
    laws = laws_of_the_line(cv=c, max_wip=max(w, sc.LAWS_MIN_WIP_SHOWN))
    k = w - 1
    th, ct = laws.sim_throughput[k], laws.sim_cycle_time[k]
    rb = laws.bottleneck_rate
    best = min(w / laws.raw_process_time, rb)
    pwc = w / (laws.critical_wip + w - 1) * rb
    print(
        f"cv {number(c, digits=2).rstrip('0').rstrip('.')}, {count(w, 'card')}: "
        f"{number(th, digits=3)} jobs/h ({pct(th / rb)} of the bottleneck rate "
        f"{number(rb, digits=1)}), cycle time {number(ct, digits=1)} h"
    )
    print(
        f"   best case {number(best, digits=3)} jobs/h; practical worst case "
        f"{number(pwc, digits=3)} jobs/h"
    )


def queue_summary(utilisation: float = 0.8, cv: float = 1.0) -> None:
    """Print Kingman's wait at one station (a job takes 2 hours, random arrivals) at
    ``utilisation``, and the simulated wait with its 95% interval.

    Examples
    --------
    >>> queue_summary(utilisation=0.5, cv=1.0)  # doctest: +ELLIPSIS
    50% busy, cv 1: Kingman says a job waits 2.0 h before a 2.0 h job (1.0x); simulated ...
    """
    u = checked_number("utilisation", utilisation, 0.05, 0.95)
    c = check_cv("cv", cv, sc.CV_SLIDER_MAX)
    v = vut_curve(cvs=[c], sim_utilisations=[u])
    te = v.process_time
    wait = float(v.sim_kingman[0, 0])
    print(
        f"{pct(u)} busy, cv {number(c, digits=2).rstrip('0').rstrip('.')}: Kingman says a job "
        f"waits {number(wait, digits=1)} h before a {number(te, digits=1)} h job "
        f"({number(wait / te, digits=1)}x); simulated {number(v.sim_queue_time[0, 0], digits=1)}"
        f" ± {number(v.sim_ci[0, 0], digits=1)} h"
    )


def shelf_summary(forecast_error: float = sc.FORECAST_ERROR, plan_every_days: int = 5) -> None:
    """Print forecast push against demand pull on the shelf at the same fill rate.

    Examples
    --------
    >>> shelf_summary(forecast_error=0.0, plan_every_days=1)  # doctest: +ELLIPSIS
    forecast error 0%, a plan every 1 day: push holds ... units, pull ... (1.0x)
    """
    cmp = forecast_vs_pull(forecast_error=forecast_error, plan_every_days=plan_every_days)
    print(
        f"forecast error {pct(cmp.forecast_error)}, a plan every "
        f"{count(cmp.plan_every_days, 'day')}: push holds {number(cmp.push.mean_stock_units)} "
        f"units, pull {number(cmp.pull.mean_stock_units)} "
        f"({number(cmp.stock_ratio, digits=1)}x)"
    )


def sales_summary(wip_cap: int = sc.SALES_WIP_CAP, abandon_per_stage: float = 0.2) -> None:
    """Print the sales funnel with a cap of ``wip_cap`` open deals at one drop-out level.

    Examples
    --------
    >>> sales_summary(wip_cap=6, abandon_per_stage=0.0)  # doctest: +ELLIPSIS
    cap 6, 0% lost per stage: ... wins a month from ... leads; ... fewer open deals than no cap
    """
    s, i = sales_at_level(wip_cap, abandon_per_stage)  # the same runs as the lesson's sweep
    month = sc.WORKING_DAYS_PER_MONTH
    print(
        f"cap {s.wip_cap}, {pct(s.abandon_per_stage[i])} lost per stage: "
        f"{number(month * s.wins_per_day_capped[i], digits=1)} wins a month from "
        f"{number(month * s.leads_per_day[i], digits=1)} leads; "
        f"{pct(s.open_deals_saved[i])} fewer open deals than no cap"
    )
