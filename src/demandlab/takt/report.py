"""Lesson 02's prose: the explorers' sentences and the printed summaries, the one place they
are built from the models' numbers.

Each summary runs a model and prints what it found in the course's one number style
(demandlab.formatting), wrapped at word boundaries so a narrow output never cuts a word.
A learner changes one value of the call (``dl.pace_summary(0.5)``) to try another case.
"""

from __future__ import annotations

import textwrap

from .. import checks
from ..engine.scenarios import takes_scenario
from ..formatting import count, number, pct, plural, signed
from .model import (
    FactoryVsFunnel,
    FunnelResult,
    LevelVsChase,
    LineBalance,
    PaceComparison,
    bottleneck_stage,
    capacity_pace,
    compare_paces,
    funnel_yield,
    level_vs_chase,
    line_balance,
    plant_paced_sales,
    pooled_pace,
    required_inflow,
    simulate_funnel,
    stage_capacity_paces,
    swung,
    takt_time,
)
from .model.plant import PLANT_SETTINGS
from .scenario import SCENARIO as sc
from .scenario import TaktScenario


def _span(low: float, high: float, unit: str, digits: int = 1) -> str:
    """ "9.0 min" when both ends are the same, "8.2 to 9.7 min" otherwise."""
    a, b = number(low, digits=digits), number(high, digits=digits)
    return f"{a} {unit}" if a == b else f"{a} to {b} {unit}"


def _level_sentence(plan: LevelVsChase) -> str:
    """What chasing and levelling cost; at zero swing both plans are one pace."""
    takts = [t for t in plan.takt_minutes_per_day if t is not None]
    ops = plan.chase_operators_per_day
    days = count(plan.overtime_days, "day")
    same = number(min(takts), digits=1) == number(max(takts), digits=1) and min(ops) == max(ops)
    stock = f"a stock of at most {count(plan.max_stock, 'unit')}"
    if same:
        return (
            f"No swing: chasing and levelling are the same plan, one takt of "
            f"{number(min(takts), digits=1)} min and {count(min(ops), 'operator')} every day, "
            f"overtime on {days}, {stock}."
        )
    return (
        f"Chase: takt {_span(min(takts), max(takts), 'min')}, "
        f"{_span(min(ops), max(ops), 'operators', 0)}, overtime on {days}. "
        f"Level: one takt of {number(plan.level_takt_minutes, digits=1)} min, "
        f"{count(plan.level_operators, 'operator')} every day, {stock}."
    )


def _lines(text: str) -> str:
    """Wrap a printed sentence at word boundaries (a narrow output must not cut words)."""
    return textwrap.fill(text, width=72)


def _ci(pair: tuple[float, float]) -> str:
    """ "122 ± 4": a mean and its 95% half-width, whole numbers."""
    return f"{number(pair[0])} ± {number(pair[1])}"


def pace_text(c: PaceComparison) -> str:
    """What :func:`compare_paces` found, in a few sentences (printed by pace_summary).

    Examples
    --------
    >>> from demandlab.takt.model import compare_paces
    >>> print(pace_text(compare_paces(0.0, replications=2)))  # doctest: +ELLIPSIS
    Paced at 240 a week against buyers' 200, 2 quarters each (95%
    intervals).
    The extra inquiries hold no buyers.
    ...
    """
    held = (
        "no buyers"
        if c.extra_buyer_mix == 0
        else f"{pct(c.extra_buyer_mix)} of today's mix of buyers"
    )
    gap = f"{signed(c.extra_deals[0])} ± {number(c.extra_deals[1])}"
    said = {
        "more": "more deals than at buyers' pace",
        "fewer": "fewer deals than at buyers' pace",
        "about the same": "about the same as buyers' pace (the interval includes 0)",
    }[c.verdict]
    return "\n".join(
        _lines(line)
        for line in (
            f"Paced at {number(c.pushed_pace)} a week against buyers' {number(c.buyers_pace)}, "
            f"{count(c.replications, 'quarter')} each (95% intervals).",
            f"The extra inquiries hold {held}.",
            f"Deals a quarter: {_ci(c.pushed_deals)} against {_ci(c.buyers_deals)}, "
            f"a difference of {gap}: {said}.",
            f"Open at quarter end: {_ci(c.pushed_open)} against {_ci(c.buyers_open)}.",
            f"Hours on inquiries that never bought: {pct(c.pushed_wasted_share)} against "
            f"{pct(c.buyers_wasted_share)}.",
        )
    )


def pace_summary(
    extra_buyer_mix: float = sc.extra_buyer_mix,
    pace_per_week: float | None = None,
    *,
    replications: int = sc.pace_replications,
    seed: int = sc.seed,
) -> None:
    """Print buyers' pace against a pushed pace over many quarters (:func:`compare_paces`).

    For exercises: change one value (``extra_buyer_mix=0.5``, ``pace_per_week=275``).

    Parameters
    ----------
    extra_buyer_mix : float
        In [0, 1]: 0, the inquiries beyond buyers' pace hold no buyers; 1, buyers as
        today's inquiries do.
    pace_per_week : float, optional
        The pushed pace; default the capacity pace (240 a week).
    replications : int
        Quarters at each pace.
    seed : int
        The first quarter's seed.

    Examples
    --------
    >>> pace_summary(1.0, replications=2)  # doctest: +ELLIPSIS
    Paced at 240 a week against buyers' 200, 2 quarters each (95%
    intervals).
    The extra inquiries hold 100% of today's mix of buyers.
    ...
    """
    print(
        pace_text(
            compare_paces(extra_buyer_mix, pace_per_week, replications=replications, seed=seed)
        )
    )


def bike_line_summary(
    available_minutes: float = sc.available_minutes,
    demand_per_shift: float = sc.demand_per_shift,
    moved_minutes: float = 0.0,
) -> None:
    """Print the bike line's balance in three lines: takt, the slowest station, the crew.

    ``moved_minutes`` of work move from Drivetrain to Brakes & cables (a rebalance). For
    exercises: change one value (``available_minutes=480``, ``moved_minutes=1.0``).

    Examples
    --------
    >>> bike_line_summary(450, 60)
    Takt 7.5 min a bike (450 min / 60 bikes).
    Slowest station: Drivetrain, 8.4 min: the line cannot meet demand, at most 53 a shift.
    Crew: at least 5 operators share 31.4 min of work a bike.
    """
    minutes = list(sc.station_minutes)
    drive, brakes = sc.station_names.index("Drivetrain"), sc.station_names.index("Brakes & cables")
    moved = checks.in_range("moved_minutes", moved_minutes, 0, minutes[drive], high_open=True)
    minutes[drive] -= moved
    minutes[brakes] += moved
    lb = line_balance(minutes, available_minutes, demand_per_shift, sc.station_names)
    most = number(lb.whole_units_per_shift)
    fits = (
        "every station fits inside takt"
        if lb.meets_demand
        else f"the line cannot meet demand, at most {most} a shift"
    )
    if lb.meets_demand and abs(lb.bottleneck_minutes - lb.takt_minutes) < 0.05:
        fits += ", with no slack at all"
    print(
        f"Takt {number(lb.takt_minutes, digits=1)} min a bike "
        f"({number(lb.available_minutes)} min / {count(lb.demand_per_shift, 'bike')})."
    )
    print(
        f"Slowest station: {lb.bottleneck}, {number(lb.bottleneck_minutes, digits=1)} min: {fits}."
    )
    print(
        f"Crew: at least {count(lb.min_operators, 'operator')} share "
        f"{number(lb.work_content_minutes, digits=1)} min of work a bike."
    )


def funnel_summary(
    pace_per_week: float = 200, work_cv: float = sc.funnel_cv, extra_buyer_mix: float = 0.0
) -> None:
    """Print one quarter of the funnel: waits before each stage and unfinished work.

    For exercises: change one value (``work_cv=0``, ``work_cv=2``, ``pace_per_week=240``).

    Examples
    --------
    >>> funnel_summary(200, 0)  # doctest: +ELLIPSIS
    Paced at 200 a week, work variability (CV) 0: one quarter, seed 2.
    ...
    """
    r = simulate_funnel(pace_per_week, work_cv=work_cv, extra_buyer_mix=extra_buyer_mix)
    print(
        f"Paced at {number(r.pace_per_week)} a week, work variability (CV) "
        f"{number(work_cv, digits=2).rstrip('0').rstrip('.')}: one quarter, seed {sc.seed}."
    )
    waits = ", ".join(
        f"{name} {number(w, digits=1)}"
        for name, w in zip(r.stage_names, r.wait_days_per_stage, strict=True)
    )
    print(_lines(f"Mean wait before each stage (working days): {waits}."))
    print(
        f"Open at quarter end: {number(r.open_at_end)}; deals this quarter: "
        f"{number(r.deals_in_period)}."
    )


def level_summary(swing_percent: float = 100) -> None:
    """Print chasing against levelling for the ten days of orders, swings scaled by
    ``swing_percent`` (0: every day the average; 100: as ordered; 200: doubled).

    Examples
    --------
    >>> level_summary(0)  # doctest: +ELLIPSIS
    No swing: chasing and levelling are the same plan, one takt of 9.0 min
    ...
    """
    swing = checks.in_range("swing_percent", swing_percent, 0, 1000)
    base = level_vs_chase()
    plan = level_vs_chase(swung(base.demand_per_day, swing))
    print(_lines(_level_sentence(plan)))


def sales_pace_summary() -> None:
    """Print the funnel's paces: the one buyers set, each team's limit, the capacity pace
    (the busiest team's limit) and the pooled-hours pace. No "sales takt" line: takt
    divides by firm customer demand, which a funnel of inquiries does not have.

    Examples
    --------
    >>> sales_pace_summary()  # doctest: +ELLIPSIS
    Yield 5.0%: buyers' 10 deals a week need 200 inquiries a week.
    ...
    """
    need, cap, pool = required_inflow(), capacity_pace(), pooled_pace()
    limits = ", ".join(
        f"{name} {number(p)}"
        for name, p in zip(sc.funnel_stages, stage_capacity_paces(), strict=True)
    )
    print(
        f"Yield {pct(funnel_yield(), digits=1)}: buyers' "
        f"{number(sc.deals_wanted_per_week)} deals a week need {number(need)} inquiries a week."
    )
    print(_lines(f"Each team's limit (inquiries a week): {limits}."))
    print(
        _lines(
            f"Capacity pace: {number(cap)} a week ({bottleneck_stage()} runs out first); "
            f"pooling all {number(sc.hours_per_week * sum(sc.funnel_people))} hours would "
            f"suggest {number(pool)}."
        )
    )


@takes_scenario(
    sc,
    {k: PLANT_SETTINGS[k] for k in ("pace_per_shift", "take_up", "poor_fit_returns", "discount")},
)
def plant_pace_summary(s: TaktScenario) -> None:
    """Print a quarter paced by buyers against one paced by the plant's capacity.

    Parameters
    ----------
    pace_per_shift : float
        Bikes a shift the plant makes and sales must move (default 53, the line's capacity).
    take_up, poor_fit_returns, discount : float
        The assumptions about the extra bikes, as in :func:`plant_paced_sales`.
    scenario : TaktScenario, optional
        A whole lesson scenario (default ``SCENARIO``); the arguments named go on top.

    Examples
    --------
    >>> plant_pace_summary()  # doctest: +ELLIPSIS
    A quarter (65 shifts); buyers want 50 bikes a shift at list price.
    Paced by buyers (50 a shift): 3,250 made, 3,250 sold at list price, 0 in
    ...
    """
    buyers = plant_paced_sales(pace_per_shift=s.demand_per_shift, scenario=s)
    plant = plant_paced_sales(scenario=s)
    discount = s.push_discount
    print(
        f"A quarter ({number(s.quarter_shifts)} shifts); buyers want "
        f"{number(s.demand_per_shift)} bikes a shift at list price."
    )
    for name, q in (("buyers", buyers), ("the plant", plant)):
        print(
            _lines(
                f"Paced by {name} ({number(q.pace_per_shift)} a shift): {number(q.made)} made, "
                f"{number(q.sold_at_list)} sold at list price"
                + (
                    f", {number(q.sold_at_discount)} sold at {pct(discount)} off, "
                    f"{number(q.returned)} of them returned, "
                    f"{number(q.discount_given)} bikes' worth of revenue given away"
                    if q.sold_at_discount
                    else ""
                )
                + f", {number(q.in_stock)} in stock."
            )
        )
    print(
        _lines(
            f"Assumed: {pct(s.push_take_up)} of the extra bikes sell at {pct(discount)} off "
            f"within the quarter, and {pct(s.poor_fit_returns)} of those deals come back."
        )
    )


# ----------------------------------------------------------------------------- explorers


def balance_sentence(lb: LineBalance) -> tuple[str, str]:
    """One or two sentences (and a kind: info/good/warn) describing a line balance."""
    takt = lb.takt_minutes
    if takt is None:
        return (
            "No takt: demand_per_shift is 0: with no customer demand there is no takt to "
            "follow, so the right pace is to make nothing (idle time beats building stock "
            "nobody ordered). The takt line has disappeared from the chart because there is "
            "nothing to divide the shift by.",
            "info",
        )
    if not lb.meets_demand:
        return (
            f"Takt is {number(takt, digits=1)} min but {lb.bottleneck} needs "
            f"{number(lb.bottleneck_minutes, digits=1)} min a unit: the line cannot meet "
            f"demand. It makes at most {number(lb.whole_units_per_shift)} a "
            f"shift, so {number(lb.whole_units_short)} a shift go unserved "
            "(add capacity at the bottleneck, work overtime, or tell customers the truth).",
            "warn",
        )
    idle_share = lb.total_idle_minutes_per_cycle / (takt * len(lb.station_minutes))
    if takt >= 2 * lb.bottleneck_minutes:
        return (
            f"Demand is low: takt is {number(takt, digits=1)} min, so the stations stand idle "
            f"{pct(idle_share)} of each cycle. That idle time is the right answer: "
            "running faster than takt only builds bikes nobody ordered.",
            "info",
        )
    return (
        f"Takt is {number(takt, digits=1)} min; the bottleneck, {lb.bottleneck}, needs "
        f"{number(lb.bottleneck_minutes, digits=1)} min, so every station keeps up. At least "
        f"{count(lb.min_operators, 'operator')} share the "
        f"{number(lb.work_content_minutes, digits=1)} min of work per unit; stations are "
        f"idle {pct(idle_share)} of each cycle.",
        "good",
    )


def pace_sentence(r: FunnelResult, source: str = "") -> tuple[str, str]:
    """What a quarter of the funnel at ``r``'s pace did, and its tone; ``source`` says
    where the pace came from (a button), or is empty."""
    sales_takt = takt_time(sc.hours_per_week * 60, r.pace_per_week)
    head = (
        f"Pace {number(r.pace_per_week)} inquiries a week{source}: a new one every "
        f"{number(sales_takt, digits=1)} minutes of the working week. "
    )
    if r.pace_per_week > r.required_inflow_per_week + 1e-9:
        head += (
            f"The {number(r.pace_per_week - r.required_inflow_per_week)} a week beyond "
            f"buyers' pace hold {pct(r.extra_buyer_mix)} of today's mix of buyers. "
        )
    # the share is of the counts in the bars (deals closed in the period / started), so
    # the sentence and the figure tell the same story
    won = r.deals_in_period / r.started if r.started else 0.0
    body = (
        f"{number(r.deals_in_period)} of {count(r.started, 'started inquiry', 'started inquiries')}"
        f" became deals this quarter ({pct(won, digits=1)}); {pct(r.wasted_hours_share)} of "
        "the team's hours went into inquiries that never bought. One quarter is one draw "
        "of chance: compare paces over many quarters (the next cells)."
    )
    if not r.stable:
        return (
            head + f"The team cannot keep up: {number(r.open_at_end)} inquiries were started "
            f"and not finished at quarter end, waiting {number(r.mean_open_age_days, digits=1)} "
            f"working days on average (the oldest {number(r.oldest_open_age_days)}). " + body,
            "warn",
        )
    if r.pace_per_week < r.required_inflow_per_week - 1e-9:
        missed = max(r.deals_wanted_per_week * r.weeks - r.deals_in_period, 0)
        return (
            head + "That is fewer inquiries than buyers send "
            f"({number(r.required_inflow_per_week)} a week): about "
            f"{count(missed, 'buyer')} went unanswered this quarter. " + body,
            "info",
        )
    return head + body, "good"


def level_sentence(plan: LevelVsChase) -> tuple[str, str]:
    """The level-versus-chase sentence and its tone (a warning when chasing needs overtime)."""
    return _level_sentence(plan), "warn" if plan.overtime_days else "info"


def quarter_sentence(c: FactoryVsFunnel, run: int) -> str:
    """Run ``run`` of the bike line against the funnel, in one sentence."""
    deals = c.funnel_output_per_period
    return (
        f"Run {run} (quarter {run}): the bike line finished "
        f"{pct(c.factory_finished_share)} of what it started, "
        f"{number(min(c.factory_output_per_period))} to "
        f"{number(max(c.factory_output_per_period))} bikes a shift; the funnel finished "
        f"{pct(c.funnel_finished_share, digits=1)}, {number(min(deals))} to "
        f"{number(max(deals))} {plural(max(deals), 'deal')} a week."
    )
