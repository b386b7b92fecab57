"""Lesson 02's explorers: sliders and buttons wired to a model and its figure."""

from __future__ import annotations

import math
from collections.abc import Sequence

import ipywidgets as widgets

from .. import checks
from ..formatting import count, number, pct, plural
from ..widgetkit import Explorer, figure_widget, guarded, mark_main, message_area, refresh, row, say
from . import scenario as sc
from .figures import plot_factory_vs_funnel, plot_funnel, plot_level_vs_chase, plot_line_balance
from .model import (
    FactoryVsFunnel,
    FunnelResult,
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
from .summaries import _level_sentence

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
            f"Takt is {number(takt, digits=1)} min but {lb.bottleneck} needs "
            f"{number(lb.bottleneck_minutes, digits=1)} min a unit: the line cannot meet "
            f"demand. It makes at most {number(math.floor(lb.capacity_per_shift + EPS))} a "
            f"shift, so {number(math.ceil(lb.short_per_shift - EPS))} a shift go unserved "
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


def _funnel_controls(start: FunnelResult) -> dict:
    """The two pace buttons, the pace slider (at the capacity pace), the slider for what
    the extra inquiries hold and the CV slider."""
    cap, need = start.capacity_pace_per_week, start.required_inflow_per_week
    top = int(min(MAX_PACE_PER_WEEK, max(2 * cap, 1.5 * need, 10)))
    return {
        "from_capacity": widgets.Button(
            description=f"Pace from team capacity ({number(cap)} / week)",
            layout={"width": "max-content"},
        ),
        "from_buyers": widgets.Button(
            description=f"Pace from buyers' demand ({number(need)} / week)",
            layout={"width": "max-content"},
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
        "extra_buyer_mix": widgets.IntSlider(
            value=int(round(100 * sc.EXTRA_BUYER_MIX)),
            min=0,
            max=100,
            step=25,
            description="Buyers among the extra inquiries (% of today's mix)",
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

    Two buttons set the pace: "from team capacity" (keep the bottleneck team busy) and
    "from buyers' demand" (demand / yield). A slider sets any other pace; a second says
    what the inquiries beyond buyers' pace hold (0%: no buyers; 100%: buyers as today's
    inquiries do); a third sets how variable the work per inquiry is.

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
        Buttons, pace, buyer-mix and variability sliders, live figure, message (its
        children in that order). ``.controls`` holds ``from_capacity``, ``from_buyers``,
        ``pace_per_week``, ``extra_buyer_mix`` and ``work_cv``; ``.result`` is the
        :class:`FunnelResult` on show.

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
    mix = controls["extra_buyer_mix"]
    first = simulate_funnel(
        pace.value, deals_wanted_per_week, weeks=weeks, seed=seed, extra_buyer_mix=mix.value / 100
    )
    buttons = row([controls["from_capacity"], controls["from_buyers"]])
    box = _explorer(controls, plot_funnel(first), first, above=[buttons, pace, mix, variability])
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
            pace.value,
            deals_wanted_per_week,
            work_cv=variability.value,
            weeks=weeks,
            seed=seed,
            extra_buyer_mix=mix.value / 100,
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
    mix.observe(run, names="value")
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
            f"{pct(c.factory_finished_share)} of what it started, "
            f"{number(min(c.factory_output_per_period))} to "
            f"{number(max(c.factory_output_per_period))} bikes a shift; the funnel finished "
            f"{pct(c.funnel_finished_share, digits=1)}, {number(min(deals))} to "
            f"{number(max(deals))} {plural(max(deals), 'deal')} a week.",
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
