"""Lesson 02's explorers: controls wired to a model and its figure by
:func:`demandlab.widgetkit.explorer` (the sentences come from ``report``)."""

from __future__ import annotations

import math
from collections.abc import Sequence

import ipywidgets as widgets

from .. import checks
from ..formatting import number
from ..widgetkit import Explorer, View, explorer, mark_main, row
from .figures import plot_factory_vs_funnel, plot_funnel, plot_level_vs_chase, plot_line_balance
from .model import (
    MAX_PACE_PER_WEEK,
    FunnelResult,
    LineBalance,
    balance,
    factory_vs_funnel,
    level_vs_chase,
    simulate_funnel,
    swung,
)
from .report import balance_sentence, level_sentence, pace_sentence, quarter_sentence
from .scenario import SCENARIO as sc

_WIDE = {"style": {"description_width": "initial"}, "layout": {"width": "520px"}}


def _takt_sliders(start: LineBalance, available_minutes: object) -> tuple:
    """The demand slider (the lesson's main control) and the available-minutes slider."""
    demand_max = int(max(2 * math.ceil(start.capacity_per_shift), 10, start.demand_per_shift))
    if demand_max > sc.max_demand_slider:
        raise checks.refuse(
            "available_minutes",
            available_minutes,
            f"small enough against the slowest station ({start.bottleneck_minutes:g} min) "
            f"for a demand slider: a capacity of at most {sc.max_demand_slider // 2:,} a shift",
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


def _balance_view(lb: LineBalance) -> View:
    return View(plot_line_balance(lb), *balance_sentence(lb))


def takt_explorer(
    station_minutes: Sequence[float] = sc.station_minutes,
    available_minutes: float = sc.available_minutes,
    demand_per_shift: int = sc.demand_per_shift,
    station_names: Sequence[str] | None = sc.station_names,
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
        Demand slider, available-minutes slider, live figure, message.
        ``.controls`` holds ``demand_per_shift`` and ``available_minutes``;
        ``.result`` is the :class:`LineBalance` on show (``takt_minutes`` None at 0).

    Examples
    --------
    >>> w = takt_explorer()
    >>> w.controls["demand_per_shift"].value = 0
    >>> "no takt" in w.message.value
    True
    """
    start = balance(station_minutes, available_minutes, demand_per_shift, station_names)
    demand, available = _takt_sliders(start, available_minutes)
    names, minutes = start.station_names, start.station_minutes

    def model(demand_per_shift: int, available_minutes: int) -> LineBalance:
        return balance(minutes, available_minutes, demand_per_shift, names)

    return explorer(
        {"demand_per_shift": demand, "available_minutes": available},
        model,
        _balance_view,
        top=widgets.VBox([demand, available]),
        main=True,
    )


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
            value=int(round(100 * sc.extra_buyer_mix)),
            min=sc.extra_buyer_mix_slider[0],
            max=sc.extra_buyer_mix_slider[1],
            step=sc.extra_buyer_mix_slider[2],
            description="Buyers among the extra inquiries (% of today's mix)",
            continuous_update=False,
            **_WIDE,
        ),
        "work_cv": widgets.FloatSlider(
            value=sc.funnel_cv,
            min=sc.work_cv_slider[0],
            max=sc.work_cv_slider[1],
            step=sc.work_cv_slider[2],
            description="Variability of work per inquiry (CV)",
            continuous_update=False,
            **_WIDE,
        ),
    }


def funnel_explorer(
    deals_wanted_per_week: float = sc.deals_wanted_per_week,
    *,
    weeks: int = sc.funnel_weeks,
    seed: int = sc.seed,
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
        Buttons, pace, buyer-mix and variability sliders, live figure, message.
        ``.controls`` holds ``from_capacity``, ``from_buyers``, ``pace_per_week``,
        ``extra_buyer_mix`` and ``work_cv``; ``.result`` is the :class:`FunnelResult` on
        show.

    Examples
    --------
    >>> w = funnel_explorer()
    >>> w.controls["from_buyers"].click()  # pace from buyers' demand
    >>> w.controls["pace_per_week"].value, "(from buyers" in w.message.value
    (200, True)
    """
    start = simulate_funnel(None, deals_wanted_per_week, weeks=weeks, seed=seed)
    controls = _funnel_controls(start)
    pace = controls["pace_per_week"]
    cap, need = start.capacity_pace_per_week, start.required_inflow_per_week
    paces = {"from_capacity": cap, "from_buyers": need}
    source = {"text": " (from team capacity)"}  # where the next pace came from: a button

    def model(pace_per_week: int, extra_buyer_mix: int, work_cv: float) -> FunnelResult:
        return simulate_funnel(
            pace_per_week,
            deals_wanted_per_week,
            work_cv=work_cv,
            weeks=weeks,
            seed=seed,
            extra_buyer_mix=extra_buyer_mix / 100,
        )

    def view(r: FunnelResult) -> View:
        for name, value in paces.items():  # highlight the button whose pace is shown
            on = r.pace_per_week == int(round(value))
            controls[name].button_style = "info" if on else ""
        shown = View(plot_funnel(r), *pace_sentence(r, source["text"]))
        source["text"] = ""
        return shown

    top = widgets.VBox(
        [row([controls["from_capacity"], controls["from_buyers"]]), pace]
        + [controls["extra_buyer_mix"], controls["work_cv"]]
    )
    box = explorer(controls, model, view, top=top)

    def set_pace(name: str, label: str) -> None:
        source["text"] = label
        if pace.value == int(round(paces[name])):
            box.rerun()
        else:
            pace.value = int(round(paces[name]))  # the explorer reruns on the change

    controls["from_capacity"].on_click(lambda _: set_pace("from_capacity", " (from team capacity)"))
    controls["from_buyers"].on_click(lambda _: set_pace("from_buyers", " (from buyers' demand)"))
    return box


def level_explorer(
    demand_per_day: Sequence[float] = sc.daily_demand,
    station_minutes: Sequence[float] = sc.station_minutes,
    available_minutes: float = sc.available_minutes,
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
        Swing slider, live figure, message.
        ``.controls["swing_percent"]`` is the slider; ``.result`` the :class:`LevelVsChase`.

    Examples
    --------
    >>> w = level_explorer()
    >>> w.controls["swing_percent"].value = 0  # no swings: chasing needs no overtime
    >>> "overtime on 0 days" in w.message.value
    True
    """
    base = level_vs_chase(demand_per_day, station_minutes, available_minutes)
    swing = widgets.IntSlider(
        value=100,
        min=sc.swing_percent_slider[0],
        max=sc.swing_percent_slider[1],
        step=sc.swing_percent_slider[2],
        description="Swing of daily orders (% of the real ones)",
        continuous_update=True,
        **_WIDE,
    )

    def model(swing_percent: int):
        days = swung(base.demand_per_day, swing_percent)
        return level_vs_chase(days, station_minutes, available_minutes)

    return explorer(
        {"swing_percent": swing},
        model,
        lambda plan: View(plot_level_vs_chase(plan), *level_sentence(plan)),
        top=swing,
    )


def factory_vs_funnel_explorer(seed: int = sc.seed) -> Explorer:
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
        Button, live figure, message. ``.controls["another_quarter"]`` is the button;
        ``.result`` the :class:`FactoryVsFunnel` on show.

    Examples
    --------
    >>> w = factory_vs_funnel_explorer()
    >>> w.controls["another_quarter"].click()
    >>> "quarter 2" in w.message.value
    True
    """
    state = {"seed": checks.seed(seed), "runs": 1}
    button = widgets.Button(
        description="Run another quarter",
        button_style="info",
        layout={"width": "max-content"},
    )

    def view(c) -> View:
        return View(plot_factory_vs_funnel(c), quarter_sentence(c, state["runs"]))

    box = explorer(
        {"another_quarter": button},
        lambda: factory_vs_funnel(seed=state["seed"]),
        view,
        top=button,
    )

    def again(_: object = None) -> None:
        state["seed"] = (state["seed"] + 1) % (checks.SEED_MAX + 1)
        state["runs"] += 1
        box.rerun()

    button.on_click(again)
    return box
