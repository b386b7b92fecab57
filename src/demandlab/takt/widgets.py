"""Lesson 02's explorers: sliders and buttons wired to a model and its figure."""

from __future__ import annotations

import math
from collections.abc import Sequence

import ipywidgets as widgets

from .. import checks
from ..widgetkit import Explorer, figure_widget, guarded, mark_main, message_area, refresh, row, say
from . import scenario as sc
from .figures import plot_factory_vs_funnel, plot_funnel, plot_level_vs_chase, plot_line_balance
from .model import (
    FactoryVsFunnel,
    FunnelResult,
    LevelVsChase,
    LineBalance,
    NoDemandError,
    balance,
    factory_vs_funnel,
    level_vs_chase,
    line_balance,
    simulate_funnel,
    swung,
    takt_time,
)
from .model._inputs import EPS, MAX_PACE_PER_WEEK

_WIDE = {"style": {"description_width": "initial"}, "layout": {"width": "520px"}}
MAX_DEMAND_SLIDER = 100_000  # the demand slider's top: a larger line is a typo for a slider


def _explorer(
    controls: dict, fig, result, *, main: bool = False, above: list | None = None
) -> Explorer:
    """The lesson's usual Explorer: the controls (or the boxes in ``above``), a live figure
    of ``fig`` under them and a message area at the bottom. (A candidate for widgetkit.)"""
    fw = figure_widget(fig, main=main)
    note = message_area()
    children = list(above if above is not None else controls.values())
    return Explorer(
        [*children, fw, note], controls=controls, figure=fw, message=note, result=result
    )


def _balance_sentence(lb: LineBalance) -> tuple[str, str]:
    """One or two sentences (and a kind: info/good/warn) describing a line balance."""
    takt = lb.takt_minutes
    if takt is None:  # pragma: no cover - the widget shows NoDemandError's own message
        return "No demand: no takt.", "info"
    if not lb.meets_demand:
        return (
            f"Takt is {takt:.1f} min but {lb.bottleneck} needs {lb.bottleneck_minutes:.1f} min "
            f"a unit: the line cannot meet demand. It makes at most "
            f"{math.floor(lb.capacity_per_shift + EPS)} a shift, so "
            f"{math.ceil(lb.short_per_shift - EPS)} a shift go unserved "
            "(add capacity at the bottleneck, work overtime, or tell customers the truth).",
            "warn",
        )
    idle_share = lb.total_idle_minutes_per_cycle / (takt * len(lb.station_minutes))
    if takt >= 2 * lb.bottleneck_minutes:
        return (
            f"Demand is low: takt is {takt:.1f} min, so the stations stand idle "
            f"{idle_share:.0%} of each cycle. That idle time is the right answer: "
            "running faster than takt only builds bikes nobody ordered.",
            "info",
        )
    return (
        f"Takt is {takt:.1f} min; the bottleneck, {lb.bottleneck}, needs "
        f"{lb.bottleneck_minutes:.1f} min, so every station keeps up. At least "
        f"{lb.min_operators} operators share the {lb.work_content_minutes:.1f} min of work "
        f"per unit; stations are idle {idle_share:.0%} of each cycle.",
        "good",
    )


def _takt_sliders(start: LineBalance, available_minutes: object) -> tuple:
    """The demand slider (the lesson's main control) and the available-minutes slider."""
    demand_max = int(max(2 * math.ceil(start.capacity_per_shift), 10, start.demand_per_shift))
    if demand_max > MAX_DEMAND_SLIDER:
        raise checks.refuse(
            "available_minutes",
            available_minutes,
            f"small enough against the slowest station ({start.bottleneck_minutes:g} min) "
            f"for a demand slider: a capacity of at most {MAX_DEMAND_SLIDER // 2:,} a shift",
        )
    demand = widgets.IntSlider(
        value=int(round(start.demand_per_shift)),
        min=0,
        max=demand_max,
        step=1,
        description="Demand (units / shift)",
        continuous_update=True,
        **_WIDE,
    )
    avail_max = int(max(math.ceil(start.available_minutes * 1.2), 10))
    avail_step = 5 if avail_max >= 100 else 1
    available = widgets.IntSlider(
        value=int(round(start.available_minutes)),
        min=avail_step,  # min a multiple of the step, so 450 (not 451) is reachable
        max=avail_max,
        step=avail_step,
        description="Available minutes / shift",
        continuous_update=True,
        **_WIDE,
    )
    return mark_main(demand), available


def takt_explorer(
    station_minutes: Sequence[float] = sc.STATION_MINUTES,
    available_minutes: float = sc.AVAILABLE_MINUTES,
    demand_per_shift: int = sc.DEMAND_PER_SHIFT,
    station_names: Sequence[str] | None = sc.STATION_NAMES,
) -> Explorer:
    """Move customer demand and watch the takt line move against the station bars.

    The demand slider is the lesson's main control. At 0 the takt line disappears and the
    widget says why; above the bottleneck's capacity it says, in red, that the line cannot
    meet demand.

    Parameters
    ----------
    station_minutes : list of float
        Minutes of work per unit at each station.
    available_minutes : float
        Net available minutes per shift (the second slider starts here).
    demand_per_shift : int
        Where the demand slider starts.
    station_names : list of str, optional
        One name per station.

    Returns
    -------
    widgetkit.Explorer
        Demand slider, available-minutes slider, live figure, message (its children in
        that order). ``.controls`` holds ``demand_per_shift`` and ``available_minutes``;
        ``.result`` is the :class:`LineBalance` on show (``takt_minutes`` None at 0).

    Examples
    --------
    >>> w = takt_explorer()
    >>> w.children[0].value = 0
    >>> "no takt" in w.children[-1].value
    True
    """
    start = balance(station_minutes, available_minutes, demand_per_shift, station_names)
    demand, available = _takt_sliders(start, available_minutes)
    controls = {"demand_per_shift": demand, "available_minutes": available}
    box = _explorer(controls, plot_line_balance(start), start, main=True)
    fw, note = box.figure, box.message

    def update(change: dict | None = None) -> None:
        box.result = None
        names, minutes = start.station_names, start.station_minutes
        try:
            lb = line_balance(minutes, available.value, demand.value, names)
        except NoDemandError as err:
            box.result = balance(minutes, available.value, 0, names)
            refresh(fw, plot_line_balance(box.result))
            say(
                note,
                f"No takt: {err}. The takt line has disappeared from the chart because "
                "there is nothing to divide the shift by.",
            )
            return
        box.result = lb
        refresh(fw, plot_line_balance(lb))
        say(note, *_balance_sentence(lb))

    run = guarded(update, note)
    run()
    demand.observe(run, names="value")
    available.observe(run, names="value")
    return box


def _pace_sentence(r: FunnelResult, source: str = "") -> tuple[str, str]:
    sales_takt = takt_time(sc.HOURS_PER_WEEK * 60, r.pace_per_week)
    head = (
        f"Pace {r.pace_per_week:.0f} inquiries a week{source}: a new one every "
        f"{sales_takt:.1f} minutes of the working week. "
    )
    # the share is of the counts in the bars (deals closed in the period / started), so
    # the sentence and the figure tell the same story
    won = r.deals_in_period / r.started if r.started else 0.0
    body = (
        f"{r.deals_in_period:,} of {r.started:,} started inquiries became deals this quarter "
        f"({won:.1%}); "
        f"{r.wasted_hours_share:.0%} of the team's hours went into inquiries that never bought."
    )
    if not r.stable:
        return (
            head + f"The team cannot keep up: {r.open_at_end:,} inquiries were started and not "
            f"finished at quarter end, waiting {r.mean_open_age_days:.1f} working days on "
            f"average (the oldest {r.oldest_open_age_days:.0f}). " + body,
            "warn",
        )
    if r.pace_per_week < r.required_inflow_per_week - 1e-9:
        missed = r.deals_wanted_per_week * r.weeks - r.deals_in_period
        return (
            head + f"That is fewer inquiries than buyers send ({r.required_inflow_per_week:.0f} "
            f"a week): about {max(missed, 0):.0f} buyers went unanswered this quarter. " + body,
            "info",
        )
    return head + body, "good"


def _funnel_controls(start: FunnelResult) -> dict:
    """The two pace buttons, the pace slider (at the capacity pace) and the CV slider."""
    cap, need = start.capacity_pace_per_week, start.required_inflow_per_week
    top = int(min(MAX_PACE_PER_WEEK, max(2 * cap, 1.5 * need, 10)))
    return {
        "from_capacity": widgets.Button(
            description=f"Pace from team capacity ({cap:.0f} / week)", layout={"width": "300px"}
        ),
        "from_buyers": widgets.Button(
            description=f"Pace from buyers' demand ({need:.0f} / week)", layout={"width": "300px"}
        ),
        "pace_per_week": widgets.IntSlider(
            value=int(round(cap)),
            min=0,
            max=top,
            step=5 if top >= 100 else 1,
            description="Inquiries started / week",
            continuous_update=False,
            **_WIDE,
        ),
        "work_cv": widgets.FloatSlider(
            value=sc.FUNNEL_CV,
            min=0.0,
            max=2.0,
            step=0.25,
            description="Variability of work per inquiry (CV)",
            continuous_update=False,
            **_WIDE,
        ),
    }


def funnel_explorer(
    deals_wanted_per_week: float = sc.DEALS_WANTED_PER_WEEK,
    *,
    weeks: int = sc.FUNNEL_WEEKS,
    seed: int = sc.SEED,
) -> Explorer:
    """Pace a sales funnel from team capacity or from buyers' demand and compare.

    Two buttons set the pace: "from team capacity" (keep everyone busy) and "from buyers'
    demand" (demand / yield). A slider sets any other pace; a second slider sets how
    variable the work per inquiry is.

    Parameters
    ----------
    deals_wanted_per_week : float
        Buyers' demand: deals a week (> 0).
    weeks : int
        Length of each run in 40-hour weeks.
    seed : int
        Seed for the random numbers.

    Returns
    -------
    widgetkit.Explorer
        Buttons, pace and variability sliders, live figure, message (its children in that
        order). ``.controls`` holds ``from_capacity``, ``from_buyers``, ``pace_per_week``
        and ``work_cv``; ``.result`` is the :class:`FunnelResult` on show.

    Examples
    --------
    >>> w = funnel_explorer()
    >>> w.children[0].children[1].click()  # pace from buyers' demand
    >>> w.children[1].value
    200
    """
    start = simulate_funnel(None, deals_wanted_per_week, weeks=weeks, seed=seed)
    controls = _funnel_controls(start)
    pace, variability = controls["pace_per_week"], controls["work_cv"]
    first = simulate_funnel(pace.value, deals_wanted_per_week, weeks=weeks, seed=seed)
    buttons = row([controls["from_capacity"], controls["from_buyers"]])
    box = _explorer(controls, plot_funnel(first), first, above=[buttons, pace, variability])
    fw, note = box.figure, box.message
    source = {"text": ""}

    cap, need = start.capacity_pace_per_week, start.required_inflow_per_week

    def highlight() -> None:
        """Highlight the button whose pace the slider shows; none for any other pace."""
        for name, value in (("from_capacity", cap), ("from_buyers", need)):
            on = pace.value == int(round(value))
            controls[name].button_style = "info" if on else ""

    def update(change: dict | None = None) -> None:
        box.result = None
        highlight()
        box.result = simulate_funnel(
            pace.value, deals_wanted_per_week, work_cv=variability.value, weeks=weeks, seed=seed
        )
        refresh(fw, plot_funnel(box.result))
        say(note, *_pace_sentence(box.result, source["text"]))
        source["text"] = ""

    run = guarded(update, note)

    def set_pace(value: float, label: str) -> None:
        source["text"] = label
        if pace.value == int(round(value)):
            run()
        else:
            pace.value = int(round(value))  # the observer runs the model

    controls["from_capacity"].on_click(lambda _: set_pace(cap, " (from team capacity)"))
    controls["from_buyers"].on_click(lambda _: set_pace(need, " (from buyers' demand)"))
    highlight()
    say(note, *_pace_sentence(first, " (from team capacity)"))
    pace.observe(run, names="value")
    variability.observe(run, names="value")
    return box


def level_explorer(
    demand_per_day: Sequence[float] = sc.DAILY_DEMAND,
    station_minutes: Sequence[float] = sc.STATION_MINUTES,
    available_minutes: float = sc.AVAILABLE_MINUTES,
) -> Explorer:
    """Scale how much daily orders swing and compare chasing them with a levelled pace.

    At 0% every day is the average (chase and level are the same plan); at 100% the days
    are as given; at 200% every swing is twice as large.

    Parameters
    ----------
    demand_per_day : list of float
        Units ordered each day (the 100% setting).
    station_minutes : list of float
        Minutes of work per unit at each station.
    available_minutes : float
        Net available minutes per day (one shift).

    Returns
    -------
    widgetkit.Explorer
        Swing slider, live figure, message (its children in that order).
        ``.controls["swing_percent"]`` is the slider; ``.result`` the :class:`LevelVsChase`.

    Examples
    --------
    >>> w = level_explorer()
    >>> w.children[0].value = 0  # no swings: chasing needs no overtime
    >>> "overtime on 0 days" in w.children[-1].value
    True
    """
    base = level_vs_chase(demand_per_day, station_minutes, available_minutes)
    swing = widgets.IntSlider(
        value=100,
        min=0,
        max=200,
        step=10,
        description="Swing of daily orders (% of the real ones)",
        continuous_update=True,
        **_WIDE,
    )
    box = _explorer({"swing_percent": swing}, plot_level_vs_chase(base), base)
    fw, note = box.figure, box.message

    def update(change: dict | None = None) -> None:
        box.result = None
        plan = level_vs_chase(
            swung(base.demand_per_day, swing.value), station_minutes, available_minutes
        )
        box.result = plan
        refresh(fw, plot_level_vs_chase(plan))
        say(note, _level_sentence(plan), "warn" if plan.overtime_days else "info")

    run = guarded(update, note)
    run()
    swing.observe(run, names="value")
    return box


def _span(low: float, high: float, unit: str, digits: int = 1) -> str:
    """ "9.0 min" when both ends are the same, "8.2 to 9.7 min" otherwise."""
    a, b = f"{low:.{digits}f}", f"{high:.{digits}f}"
    return f"{a} {unit}" if a == b else f"{a} to {b} {unit}"


def _level_sentence(plan: LevelVsChase) -> str:
    """What chasing and levelling cost; at zero swing both plans are one pace."""
    takts = [t for t in plan.takt_minutes_per_day if t is not None]
    ops = plan.chase_operators_per_day
    days = f"{plan.overtime_days} day" + ("" if plan.overtime_days == 1 else "s")
    same = f"{min(takts):.1f}" == f"{max(takts):.1f}" and min(ops) == max(ops)
    if same:
        return (
            f"No swing: chasing and levelling are the same plan, one takt of "
            f"{min(takts):.1f} min and {min(ops)} operators every day, overtime on {days}, "
            f"a stock of at most {plan.max_stock:.0f} units."
        )
    return (
        f"Chase: takt {_span(min(takts), max(takts), 'min')}, "
        f"{_span(min(ops), max(ops), 'operators', 0)}, overtime on {days}. "
        f"Level: one takt of {plan.level_takt_minutes:.1f} min, {plan.level_operators} "
        f"operators every day, a stock of at most {plan.max_stock:.0f} units."
    )


def factory_vs_funnel_explorer(seed: int = sc.SEED) -> Explorer:
    """The bike line against the sales funnel; a button runs another quarter.

    Each press draws new random numbers: the bike line stays at 50 a shift, the funnel's
    weekly deals jump around.

    Parameters
    ----------
    seed : int
        Seed of the first run; each press adds one.

    Returns
    -------
    widgetkit.Explorer
        Button, live figure, message (its children in that order).
        ``.controls["another_quarter"]`` is the button; ``.result`` the
        :class:`FactoryVsFunnel` on show.

    Examples
    --------
    >>> w = factory_vs_funnel_explorer()
    >>> w.children[0].click()
    >>> "quarter 2" in w.children[-1].value
    True
    """
    state = {"seed": checks.seed(seed), "runs": 1}
    first = factory_vs_funnel(seed=state["seed"])
    button = widgets.Button(
        description="Run another quarter",
        button_style="info",
        layout={"width": "max-content"},
    )
    box = _explorer({"another_quarter": button}, plot_factory_vs_funnel(first), first)
    fw, note = box.figure, box.message

    def describe(c: FactoryVsFunnel) -> None:
        deals = c.funnel_output_per_period
        say(
            note,
            f"Run {state['runs']} (quarter {state['runs']}): the bike line finished "
            f"{c.factory_finished_share:.0%} of what it started, "
            f"{min(c.factory_output_per_period)} to {max(c.factory_output_per_period)} bikes a "
            f"shift; the funnel finished {c.funnel_finished_share:.1%}, {min(deals)} to "
            f"{max(deals)} deals a week.",
        )

    def again(_: object = None) -> None:
        state["seed"] = (state["seed"] + 1) % (checks.SEED_MAX + 1)
        state["runs"] += 1
        box.result = None
        box.result = factory_vs_funnel(seed=state["seed"])
        refresh(fw, plot_factory_vs_funnel(box.result))
        describe(box.result)

    describe(first)
    button.on_click(guarded(again, note))
    return box
