"""Who sets the pace in a sales funnel: yield, the inflow buyers need, and a quarter run.

Built on the flow engine's ``dropout``: each stage is a team working inquiries first come,
first served, and after each stage an inquiry moves on or drops out.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ... import checks
from ...engine import LineResult, simulate_line
from ...engine.stats import wilson
from ...exports import UtilisationSpelling
from ..scenario import SCENARIO as sc
from . import _inputs
from ._inputs import MAX_FUNNEL_JOBS, MAX_PACE_PER_WEEK, MAX_PEOPLE, MAX_WEEKS
from .line import NoDemandError


@dataclass(frozen=True)
class FunnelResult(UtilisationSpelling):
    """One quarter (or ``weeks``) of a sales funnel fed at a chosen pace.

    Attributes
    ----------
    stage_names : tuple of str
    pass_rates : tuple of float
        Share of a real buyer's inquiries that moves on from each stage.
    hours_per_inquiry, people : tuple
        Mean work per inquiry at each stage, and the people working it.
    deals_wanted_per_week : float
        Buyers' demand: how many buyers are ready to sign each week.
    buyer_yield : float
        Product of the pass rates: the share of real buyers' inquiries that become deals.
    required_inflow_per_week : float
        Inquiries a week needed to meet buyers' demand: demand / yield.
    capacity_pace_per_week : float
        The most inquiries a week the team can work, stage by stage: the pace that keeps
        its bottleneck team fully busy (a "sales takt" from capacity).
    pace_per_week : float
        Inquiries started a week in this run.
    extra_buyer_mix : float
        How the inquiries beyond buyers' pace compare with today's: 0, none is a buyer;
        1, the same mix of buyers as today's inquiries.
    buyer_share : float
        Started inquiries' chance to end in a deal relative to today's mix:
        (required + extra_buyer_mix x (pace - required)) / pace, at most 1.
    expected_yield : float
        Analytic share of started inquiries that become deals: buyer_yield * buyer_share.
    started, finished, dropped : int
        Inquiries started in the period, and how many of them (eventually) became deals
        or dropped out.
    finished_share : float
        finished / started, simulated.
    finished_share_ci : tuple of float
        95% Wilson confidence interval of ``finished_share`` from this run's own count.
    deals_in_period : int
        Deals closed before the period ended.
    dropped_per_stage : tuple of int
        Inquiries started in the period that dropped out after each stage before it
        ended (with ``open_at_end`` and ``deals_in_period`` they add up to ``started``).
    deals_per_week : tuple of int
        Deals closed in each week of the period.
    open_per_week : tuple of int
        Started but not finished (nor dropped) inquiries at each week's end.
    open_at_end : int
        Inquiries still open at the end of the period: started work not yet finished.
    mean_open_age_days, oldest_open_age_days : float
        Age of the open inquiries at the end of the period, in working days (8 h).
    wait_days_per_stage : tuple of float
        Mean wait before each stage, in working days.
    utilisation : tuple of float
        Share of each stage's hours spent working (also ``utilization``).
    wasted_hours_share : float
        Share of all hours worked that went into inquiries that never became a deal.
    weeks : int
    stable : bool
        False when some stage gets more work than its people can do: its queue grows
        without limit.
    """

    stage_names: tuple[str, ...]
    pass_rates: tuple[float, ...]
    hours_per_inquiry: tuple[float, ...]
    people: tuple[int, ...]
    deals_wanted_per_week: float
    buyer_yield: float
    required_inflow_per_week: float
    capacity_pace_per_week: float
    pace_per_week: float
    extra_buyer_mix: float
    buyer_share: float
    expected_yield: float
    started: int
    finished: int
    dropped: int
    finished_share: float
    finished_share_ci: tuple[float, float]
    deals_in_period: int
    dropped_per_stage: tuple[int, ...]
    deals_per_week: tuple[int, ...]
    open_per_week: tuple[int, ...]
    open_at_end: int
    mean_open_age_days: float
    oldest_open_age_days: float
    wait_days_per_stage: tuple[float, ...]
    utilisation: tuple[float, ...]
    wasted_hours_share: float
    weeks: int
    stable: bool


def _pass_rates(pass_rates: object) -> tuple[float, ...]:
    return tuple(
        checks.in_range(f"pass_rates[{i}]", v, 0, 1, low_open=True)
        for i, v in enumerate(_inputs.items("pass_rates", pass_rates))
    )


def _funnel_shape(stage_names, pass_rates, hours_per_inquiry, people):
    """The checked stages: names, pass rates, hours per inquiry and people, one per stage."""
    passes = _pass_rates(pass_rates)
    n = len(passes)
    hours = tuple(
        checks.in_range(f"hours_per_inquiry[{i}]", v, 0.001, 1000)
        for i, v in enumerate(_inputs.items("hours_per_inquiry", hours_per_inquiry, n))
    )
    staff = tuple(
        checks.whole(f"people[{i}]", v, 1, MAX_PEOPLE)
        for i, v in enumerate(_inputs.items("people", people, n))
    )
    names = _inputs.names("stage_names", stage_names, n, "stage")
    return names, passes, hours, staff


def _deals_wanted(value: object) -> float:
    return checks.in_range("deals_wanted_per_week", value, 0, MAX_PACE_PER_WEEK)


def funnel_yield(pass_rates: Sequence[float] = sc.funnel_pass_rates) -> float:
    """Share of inquiries that become deals: the product of the stages' pass-through rates.

    A factory line's yield is close to 1; a sales funnel's is a few percent.

    Parameters
    ----------
    pass_rates : list of float
        Share of inquiries that moves on from each stage, each in (0, 1].

    Returns
    -------
    float

    Examples
    --------
    >>> round(funnel_yield([0.5, 0.5, 0.4, 0.5]), 4)  # 0.5 * 0.5 * 0.4 * 0.5
    0.05
    """
    return float(np.prod(_pass_rates(pass_rates)))


def required_inflow(
    deals_wanted_per_week: float = sc.deals_wanted_per_week,
    pass_rates: Sequence[float] = sc.funnel_pass_rates,
) -> float:
    """Inquiries a week a funnel needs to meet buyers' demand: demand divided by yield.

    Parameters
    ----------
    deals_wanted_per_week : float
        Buyers' demand: deals a week (>= 0).
    pass_rates : list of float
        Share of inquiries that moves on from each stage, each in (0, 1].

    Returns
    -------
    float
        Inquiries a week.

    Examples
    --------
    >>> round(required_inflow(10, [0.5, 0.5, 0.4, 0.5]), 6)  # 10 / 0.05
    200.0
    """
    return _deals_wanted(deals_wanted_per_week) / funnel_yield(pass_rates)


def stage_capacity_paces(
    pass_rates: Sequence[float] = sc.funnel_pass_rates,
    hours_per_inquiry: Sequence[float] = sc.funnel_hours,
    people: Sequence[int] = sc.funnel_people,
) -> tuple[float, ...]:
    """New inquiries a week each stage's own team could handle, stage by stage.

    A stage's people x 40 h, divided by the hours a started inquiry costs that stage (its
    hours per inquiry times the share of inquiries that gets that far). A qualifier cannot
    run a demo, so each team's hours serve only its own stage.

    Examples
    --------
    >>> [round(p, 1) for p in stage_capacity_paces()]  # 80/0.2, 120/0.5, 160/0.6, 80/0.3
    [400.0, 240.0, 266.7, 266.7]
    """
    _, passes, hours, staff = _funnel_shape(None, pass_rates, hours_per_inquiry, people)
    reach = np.concatenate([[1.0], np.cumprod(passes)[:-1]])
    return tuple(
        float(sc.hours_per_week * n / (h * r)) for n, h, r in zip(staff, hours, reach, strict=True)
    )


def capacity_pace(
    pass_rates: Sequence[float] = sc.funnel_pass_rates,
    hours_per_inquiry: Sequence[float] = sc.funnel_hours,
    people: Sequence[int] = sc.funnel_people,
) -> float:
    """The "sales takt from capacity": the most inquiries a week the team can work.

    The smallest of :func:`stage_capacity_paces`: the pace that keeps the busiest team
    (the funnel's bottleneck) fully busy. It is computed from the team, not from buyers:
    a pace of this kind is push.

    Parameters
    ----------
    pass_rates : list of float
        Share of inquiries that moves on from each stage, each in (0, 1].
    hours_per_inquiry : list of float
        Mean hours of work per inquiry at each stage.
    people : list of int
        People working each stage.

    Returns
    -------
    float
        Inquiries a week.

    Examples
    --------
    >>> round(capacity_pace(), 6)  # Discovery call: 3 people x 40 h / (0.5 x 1.0 h)
    240.0
    """
    return min(stage_capacity_paces(pass_rates, hours_per_inquiry, people))


def pooled_pace(
    pass_rates: Sequence[float] = sc.funnel_pass_rates,
    hours_per_inquiry: Sequence[float] = sc.funnel_hours,
    people: Sequence[int] = sc.funnel_people,
) -> float:
    """The pace that adding up everyone's hours suggests: team hours / hours per inquiry.

    It treats the specialists as one pool (a qualifier's spare hour as if it could run a
    demo), so it overstates what the team can work whenever the stages are unevenly loaded.

    Examples
    --------
    >>> round(pooled_pace(), 6)  # 11 people x 40 h / 1.6 h per started inquiry
    275.0
    """
    _, passes, hours, staff = _funnel_shape(None, pass_rates, hours_per_inquiry, people)
    reach = np.concatenate([[1.0], np.cumprod(passes)[:-1]])
    return sc.hours_per_week * sum(staff) / float(np.sum(reach * np.asarray(hours)))


def bottleneck_stage(
    stage_names: Sequence[str] | None = sc.funnel_stages,
    pass_rates: Sequence[float] = sc.funnel_pass_rates,
    hours_per_inquiry: Sequence[float] = sc.funnel_hours,
    people: Sequence[int] = sc.funnel_people,
) -> str:
    """The stage whose team runs out of hours first as the pace rises (the first, on a tie).

    Examples
    --------
    >>> bottleneck_stage()
    'Discovery call'
    """
    names, passes, hours, staff = _funnel_shape(stage_names, pass_rates, hours_per_inquiry, people)
    paces = stage_capacity_paces(passes, hours, staff)
    return names[int(np.argmin(paces))]


def _pace_refused(given: bool, pace: float, allowed: str) -> checks.InputError:
    """The refusal of a pace out of range, naming the input the learner actually set."""
    if given:
        return checks.refuse("pace_per_week", pace, allowed)
    return checks.refuse("deals_wanted_per_week / yield", pace, allowed)


def _pace(pace_per_week: object, needed: float) -> float:
    """The run's pace: as given, or the one buyers set (``needed``) when None."""
    given = pace_per_week is not None
    pace = checks.in_range("pace_per_week", pace_per_week, 0) if given else needed
    if pace == 0:
        raise checks.refuse(
            "pace_per_week",
            pace_per_week,
            "a number > 0 (no inquiries are started, so no deal can close)",
        )
    if pace < 0.01:
        raise _pace_refused(given, pace, "at least 0.01 inquiries a week")
    if pace > MAX_PACE_PER_WEEK:
        raise _pace_refused(given, pace, f"at most {MAX_PACE_PER_WEEK:g} inquiries a week")
    return pace


def _work_cv(value: object) -> float:
    cv = checks.in_range("work_cv", value, 0, 3)
    if 0 < cv < 0.01:  # the engine's gamma shape 1/cv^2 overflows for tiny cv
        raise checks.refuse("work_cv", value, "0 or a number between 0.01 and 3")
    return cv


def _n_jobs(pace: float, weeks: int) -> int:
    """Release a little more than the period needs and keep the ones released inside it:
    FIFO means later inquiries never change what happened to earlier ones."""
    n_jobs = int(math.ceil(pace * weeks * 1.25 + 5 * math.sqrt(pace * weeks) + 10))
    if n_jobs > MAX_FUNNEL_JOBS:
        raise checks.InputError(
            f"pace_per_week x weeks = {pace * weeks:,.0f} inquiries is too many to simulate "
            f"here; keep it under {MAX_FUNNEL_JOBS // 1.25:,.0f}"
        )
    return n_jobs


def simulate_funnel(
    pace_per_week: float | None = None,
    deals_wanted_per_week: float = sc.deals_wanted_per_week,
    *,
    stage_names: Sequence[str] | None = sc.funnel_stages,
    pass_rates: Sequence[float] = sc.funnel_pass_rates,
    hours_per_inquiry: Sequence[float] = sc.funnel_hours,
    people: Sequence[int] = sc.funnel_people,
    work_cv: float = sc.funnel_cv,
    weeks: int = sc.funnel_weeks,
    seed: int = sc.seed,
    extra_buyer_mix: float = sc.extra_buyer_mix,
) -> FunnelResult:
    """Run a sales funnel for a quarter at a chosen pace of new inquiries.

    Built on the flow engine (:func:`demandlab.engine.simulate_line` with ``dropout``): each
    stage is a team working inquiries first come, first served, and after each stage an
    inquiry moves on or drops out. Buyers decide how many deals there are: when the pace
    is faster than buyers' demand needs (demand / yield), ``extra_buyer_mix`` says what
    the extra inquiries are: at 0 (the default) contacts with no intention to buy, because
    buyers' demand is all there is; at 1 the same mix of buyers as today's inquiries, as if
    the market held more buyers than the demand stated. The team cannot tell buyers from
    the others: everyone passes the early stages at the same rates and the difference
    shows at the last stage. (Real funnels also lose buyers who wait too long, which this
    model leaves out, so it flatters a pushed pace.)

    Parameters
    ----------
    pace_per_week : float, optional
        Inquiries started per week (> 0, at most 5000). Default: buyers' demand /
        yield, the pace buyers set.
    deals_wanted_per_week : float
        Buyers' demand: buyers ready to sign each week (> 0).
    stage_names : list of str, optional
        One name per stage.
    pass_rates : list of float
        Share of real buyers' inquiries that moves on from each stage, each in (0, 1].
    hours_per_inquiry : list of float
        Mean hours of work per inquiry at each stage.
    people : list of int
        People working each stage.
    work_cv : float
        Coefficient of variation of the work per inquiry: 0, or in [0.01, 3] (0: every
        inquiry takes the same time; 1: as variable as its mean).
    weeks : int
        Length of the run in 40-hour weeks, 1..104.
    seed : int
        Seed for the random numbers; the same seed gives the same quarter.
    extra_buyer_mix : float
        In [0, 1]: 0, the inquiries beyond buyers' pace hold no buyers; 1, they hold buyers
        as today's inquiries do (so they win deals at the same 5% yield).

    Returns
    -------
    FunnelResult

    Raises
    ------
    NoDemandError
        When ``deals_wanted_per_week`` is 0: no buyers, so no pace to follow.

    Examples
    --------
    >>> r = simulate_funnel()  # paced by buyers: 10 deals a week / 5% yield
    >>> r.pace_per_week, r.expected_yield
    (200.0, 0.05)
    >>> pushed = simulate_funnel(capacity_pace())  # paced to keep the bottleneck busy
    >>> pushed.open_at_end > r.open_at_end, pushed.stable
    (True, False)
    >>> simulate_funnel(300, extra_buyer_mix=1).expected_yield  # more buyers: same yield
    0.05
    """
    names, passes, hours, staff = _funnel_shape(stage_names, pass_rates, hours_per_inquiry, people)
    demand = _deals_wanted(deals_wanted_per_week)
    if demand == 0:
        raise NoDemandError(
            "deals_wanted_per_week is 0: with no buyers there is no sales takt to follow; "
            "every inquiry started would be work that never finishes"
        )
    buyer_yield = float(np.prod(passes))
    needed = demand / buyer_yield
    pace = _pace(pace_per_week, needed)
    cv = _work_cv(work_cv)
    weeks = checks.whole("weeks", weeks, 1, MAX_WEEKS)
    seed = checks.seed(seed)
    mix = checks.in_range("extra_buyer_mix", extra_buyer_mix, 0, 1)
    buyer_share = min(1.0, (needed + mix * max(pace - needed, 0.0)) / pace)
    # Non-buyers behave like buyers until the last stage, where only buyers sign.
    effective = list(passes)
    effective[-1] = passes[-1] * buyer_share
    run = simulate_line(
        list(hours),
        machines=list(staff),
        cv=cv,
        release="push",
        arrival_rate=pace / sc.hours_per_week,
        arrival_cv=1.0,
        dropout=[1.0 - p for p in effective],
        n_jobs=_n_jobs(pace, weeks),
        warmup=0,
        seed=seed,
    )
    return FunnelResult(
        stage_names=names,
        pass_rates=passes,
        hours_per_inquiry=hours,
        people=staff,
        deals_wanted_per_week=demand,
        buyer_yield=buyer_yield,
        required_inflow_per_week=needed,
        capacity_pace_per_week=capacity_pace(passes, hours, staff),
        pace_per_week=pace,
        extra_buyer_mix=mix,
        buyer_share=buyer_share,
        expected_yield=float(np.prod(effective)),
        **_quarter(run, weeks, len(passes)),
    )


def _quarter(run: LineResult, weeks: int, stages: int) -> dict:
    """What became of the inquiries released in the first ``weeks`` of ``run``: the
    simulated fields of a :class:`FunnelResult`."""
    horizon = weeks * sc.hours_per_week
    rel = np.asarray(run.release_times)
    exits = np.asarray(run.exit_times)
    finish = np.asarray(run.finish_times)
    dropped_at = np.asarray(run.dropped_at)
    won = dropped_at < 0
    inside = rel <= horizon
    started = int(np.count_nonzero(inside))
    finished = int(np.count_nonzero(inside & won))
    gone = inside & ~won & (exits <= horizon)
    week_ends = sc.hours_per_week * np.arange(1, weeks + 1)
    cum_deals = np.searchsorted(np.sort(finish[inside & won]), week_ends, side="right")
    open_mask = inside & (exits > horizon)
    ages_days = (horizon - rel[open_mask]) / sc.hours_per_day
    service = np.asarray(run.service_times)
    last = np.where(won, service.shape[0] - 1, dropped_at)
    visited = np.arange(service.shape[0])[:, None] <= last[None, :]
    hours_worked = np.where(visited, service, 0.0)[:, inside].sum(axis=0)
    total_hours = float(hours_worked.sum())
    wasted = float(hours_worked[~won[inside]].sum()) / total_hours if total_hours > 0 else 0.0
    return {
        "started": started,
        "finished": finished,
        "dropped": started - finished,
        "finished_share": finished / started if started else 0.0,
        "finished_share_ci": wilson(finished, started),
        "deals_in_period": int(np.count_nonzero(inside & won & (finish <= horizon))),
        "dropped_per_stage": tuple(int(x) for x in np.bincount(dropped_at[gone], minlength=stages)),
        "deals_per_week": tuple(int(x) for x in np.diff(np.concatenate([[0], cum_deals]))),
        "open_per_week": tuple(int(np.count_nonzero((rel <= t) & (exits > t))) for t in week_ends),
        "open_at_end": int(np.count_nonzero(open_mask)),
        "mean_open_age_days": float(ages_days.mean()) if ages_days.size else 0.0,
        "oldest_open_age_days": float(ages_days.max()) if ages_days.size else 0.0,
        "wait_days_per_stage": tuple(float(q) / sc.hours_per_day for q in run.queue_time),
        "utilisation": tuple(float(u) for u in run.utilization),
        "wasted_hours_share": wasted,
        "weeks": int(weeks),
        "stable": bool(run.stable),
    }
