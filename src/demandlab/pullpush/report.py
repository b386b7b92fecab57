"""Lesson 03's words: results to sentences, the one place the lesson's prose is built.

The explorers' sentences (each with its tone for :func:`demandlab.widgetkit.say`) and the
one-line summaries the exercises print. The models return numbers only.
"""

from __future__ import annotations

import numpy as np

from ..checks import in_range
from ..formatting import count, money, number, pct
from . import scenario as sc
from .model import (
    ForecastVsPull,
    LawsOfTheLine,
    PushVsConwip,
    SalesLevel,
    forecast_vs_pull,
    laws_of_the_line,
    vut_curve,
)
from .model.inputs import cv as check_cv
from .model.inputs import slider_start
from .model.sales import sales_at_level

__all__ = [
    "laws_text",
    "line_summary",
    "queue_summary",
    "race_text",
    "sales_summary",
    "sales_text",
    "shelf_summary",
    "shelf_text",
]


def laws_text(laws: LawsOfTheLine) -> tuple[str, str]:
    """Little's law checked on the simulated points, one sentence and its tone."""
    i = int(np.argmin(np.abs(laws.wip_levels - round(laws.critical_wip * 2))))
    w, th, ct = laws.wip_levels[i], laws.sim_throughput[i], laws.sim_cycle_time[i]
    verdict = "holds" if laws.little_holds else "does NOT hold"
    text = (
        f"Little's law {verdict} at all {laws.wip_levels.size} points "
        f"(largest gap {laws.little_worst_gap:.2%}). Example at WIP {w:.0f}: "
        f"output rate {th:.3f} jobs/h x cycle time {ct:.1f} h = {th * ct:.2f} jobs."
    )
    return text, "good" if laws.little_holds else "warn"


def race_text(race: PushVsConwip) -> tuple[str, str]:
    """Push against CONWIP at equal output, one sentence and its tone."""
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
    return text, kind


def shelf_text(cmp: ForecastVsPull) -> tuple[str, str]:
    """Forecast push against demand pull on the shelf, one sentence and its tone."""
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
    return text, kind


def sales_text(shown: SalesLevel) -> tuple[str, str]:
    """What the sales team would feel at one drop-out level, one sentence and its tone."""
    s, i, p = shown.sales, shown.index, shown.abandon_per_stage
    text = (
        f"Drop-out: {pct(p)} lost per stage means {number(s.leads_per_win[i], digits=1)} "
        f"leads per win, with or without a cap; {pct(s.effort_on_lost[i])} of the team's "
        f"time goes into deals that are lost. The cap: {pct(s.open_deals_saved[i])} fewer "
        "open deals for the same wins."
    )
    return text, "warn" if p > 0 else "info"


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
    u = in_range("utilisation", utilisation, 0.05, 0.95)
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
