"""Lesson 01's explorers: ipywidgets controls wired to the model and the figures.

Each ``*_explorer`` returns a :class:`demandlab.widgetkit.Explorer` (``controls``,
``figure``, ``message``, ``result``) and keeps the attributes the notebook and the tests
use (``sliders``, ``week``, ``play``, ``knobs``, ``demand``) as aliases.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .. import checks
from .. import widgetkit as kit
from ..checks import InputError
from ..formatting import money, number, pct
from ..widgetkit import DEMAND_COLOR, GOOD_COLOR, PRODUCTION_COLOR, Explorer
from .figures import (
    A_NAME,
    B_NAME,
    plot_capacity_value,
    plot_internal_fixes,
    plot_profit_gap,
    plot_year,
)
from .model import (
    ROWS,
    VIEW_TITLE,
    CapacityValue,
    FactoryResult,
    InternalFixSearch,
    break_even_expense_per_week,
    capacity_value,
    factory_scenario,
    scenario_changes,
    search_internal_fixes,
    simulate_factory,
    tally,
    winner,
)
from .scenario import DEMAND_SLIDER, KNOBS

_STYLE = {"description_width": "initial"}
_WIDE = {"width": "420px", "max_width": "100%"}
# A column of sliders: two sit side by side in a wide output area and wrap to one column
# in a narrow one (issue 19: at 1024 px the second column hid the first one's values).
_COLUMN = {"flex": "1 1 380px", "min_width": "300px", "max_width": "560px"}
_IN_COLUMN = {"width": "100%"}


def _column(title: str, sliders: list) -> widgets.VBox:
    for s in sliders:
        s.layout = widgets.Layout(**_IN_COLUMN)
    return widgets.VBox([widgets.HTML(f"<b>{title}</b>"), *sliders], layout=_COLUMN)


def _money(x: float) -> str:
    return money(x, compact=True)


def _slider(
    description: str, knob: tuple[float, float, float], value: float, fmt: str = ",.0f"
) -> widgets.FloatSlider:
    low, high, step = knob
    return widgets.FloatSlider(
        value=min(max(value, low), high),
        min=low,
        max=high,
        step=step,
        description=description,
        readout_format=fmt,
        style=_STYLE,
        layout=_WIDE,
        continuous_update=False,
    )


def _knob_sliders(
    kw: dict, efficiency: str = "Efficiency", capacity: str = "Capacity / week"
) -> dict[str, widgets.FloatSlider]:
    """Efficiency and capacity sliders on the lesson's knob grids, starting at ``kw``."""
    return {
        "efficiency": _slider(efficiency, KNOBS["efficiency"], float(kw["efficiency"]), ".0%"),
        "capacity_per_week": _slider(
            capacity, KNOBS["capacity_per_week"], float(kw["capacity_per_week"])
        ),
    }


# Read by screen readers, not shown: a caption names each table (issue 14).
_HIDDEN = (
    "position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap"
)
BETTER_MARK = "✔"  # marks the better value on a row, with bold; colour only underlines it


def _scoreboard_html(a: FactoryResult, b: FactoryResult, view: str) -> str:
    sa, sb = a.summary()[view], b.summary()[view]
    color = PRODUCTION_COLOR if view == "production" else DEMAND_COLOR
    rows = []
    for label, row_view, key, fmt, up in ROWS:
        if row_view != view:
            continue
        w = winner(sa[key], sb[key], up)
        cells = []
        for side, value in (("A", sa[key]), ("B", sb[key])):
            style = "padding:2px 10px;text-align:right"
            text = fmt(value)
            if w == side:  # never colour alone: a check mark and bold, the colour underlines
                style += f";font-weight:bold;border-bottom:3px solid {GOOD_COLOR}"
                text = f"{BETTER_MARK} {text}"
            cells.append(f'<td style="{style}">{text}</td>')
        rows.append(f'<tr><td style="padding:2px 6px">{label}</td>{"".join(cells)}</tr>')
    return (
        f'<div style="border-top:4px solid {color};padding:4px 8px;margin:4px">'
        f'<b style="font-size:1.1em;color:{color}">{VIEW_TITLE[view]}</b>'
        f'<table style="font-size:1.0em"><caption style="{_HIDDEN}">{VIEW_TITLE[view]}</caption>'
        '<tr><th scope="col" style="text-align:left;padding:2px 6px">Measure</th>'
        '<th scope="col" style="padding:2px 10px">Factory A</th>'
        f'<th scope="col" style="padding:2px 10px">Factory B</th></tr>{"".join(rows)}</table>'
        f"<small>{BETTER_MARK} and bold: the better of the two on that row.</small></div>"
    )


def factory_explorer(a: dict | None = None, b: dict | None = None) -> Explorer:
    """Factory A and Factory B side by side, with sliders and the two scoreboards.

    Parameters
    ----------
    a, b : dict, optional
        Changes to each factory's scenario, as for ``factory_scenario``
        (e.g. ``a={"demand_per_week": 400}``).

    Returns
    -------
    demandlab.widgetkit.Explorer
        Efficiency, capacity and demand sliders for each factory, the production-system and
        demand-response scoreboards, the reported-vs-net profit figure and a verdict.
        ``controls`` are named ``"a.efficiency"``, ``"b.demand_per_week"`` and so on;
        ``result`` is the pair (A's ``FactoryResult``, B's). ``sliders["A"]`` is kept.

    Examples
    --------
    >>> ui = factory_explorer()
    >>> ui.sliders["A"]["efficiency"].value
    0.95
    >>> ui.controls["b.demand_per_week"].value = 1000
    >>> ui.result[1].units_sold
    31200.0
    """
    kw = {
        "A": factory_scenario("A", **scenario_changes("a", a)),
        "B": factory_scenario("B", **scenario_changes("b", b)),
    }
    results = {k: simulate_factory(**v) for k, v in kw.items()}
    sliders: dict[str, dict[str, widgets.FloatSlider]] = {}
    for k in "AB":
        sliders[k] = {
            **_knob_sliders(kw[k]),
            "demand_per_week": _slider(
                "Demand / week", DEMAND_SLIDER, float(np.mean(kw[k]["demand_per_week"]))
            ),
        }
    boards = {v: widgets.HTML() for v in ("production", "demand")}
    fw = kit.figure_widget(plot_profit_gap(results["A"], results["B"]))
    note = kit.message_area()
    columns = [
        _column(title, list(sliders[k].values())) for k, title in (("A", A_NAME), ("B", B_NAME))
    ]
    ui = Explorer(
        [kit.row(columns), kit.row(list(boards.values())), note, fw],
        controls={f"{k.lower()}.{name}": s for k in "AB" for name, s in sliders[k].items()},
        figure=fw,
        message=note,
    )
    ui.sliders = sliders  # for tests and for instructors scripting a demo

    def show() -> None:
        ra, rb = results["A"], results["B"]
        ui.result = (ra, rb)
        for v, area in boards.items():
            area.value = _scoreboard_html(ra, rb, v)
        kit.refresh(fw, plot_profit_gap(ra, rb))
        pa, pb, pn = tally(ra, rb, "production")
        da, db, dn = tally(ra, rb, "demand")
        kit.say(
            note,
            f"Production-system view: A is better on {pa} of {pn} measures, B on {pb}. "
            f"Demand-response view: B is better on {db} of {dn}, A on {da}.",
        )

    def update(change: dict | None = None) -> None:
        for k in "AB":
            settings = {name: s.value for name, s in sliders[k].items()}
            results[k] = simulate_factory(**{**kw[k], **settings})
        show()

    for k in "AB":
        for s in sliders[k].values():
            s.observe(kit.guarded(update, note), names="value")
    show()
    return ui


def year_explorer(a: dict | None = None, b: dict | None = None) -> Explorer:
    """Play the year week by week: A's warehouse and cash, B's queue of orders.

    Parameters
    ----------
    a, b : dict, optional
        Changes to each factory's scenario, as for ``factory_scenario``.

    Returns
    -------
    demandlab.widgetkit.Explorer
        A play button linked to a week slider, the three-panel figure and a sentence.
        ``controls["week"]`` is the slider (also ``week``; ``play`` is the button);
        ``result`` is the pair (A's ``FactoryResult``, B's).

    Examples
    --------
    >>> ui = year_explorer()
    >>> ui.week.value = 30
    >>> "week 30" in ui.children[-1].value
    True
    """
    ra = simulate_factory(**factory_scenario("A", **scenario_changes("a", a)))
    rb = simulate_factory(**factory_scenario("B", **scenario_changes("b", b)))
    if ra.weeks != rb.weeks:
        raise InputError(f"a and b must cover the same weeks, got {ra.weeks} and {rb.weeks}")
    week = widgets.IntSlider(
        value=1, min=1, max=ra.weeks, step=1, description="Week", style=_STYLE, layout=_WIDE
    )
    play = widgets.Play(
        value=1, min=1, max=ra.weeks, step=1, interval=250, description="Play the year"
    )
    widgets.jslink((play, "value"), (week, "value"))
    fw = kit.figure_widget(plot_year(ra, rb, week.value))
    note = kit.message_area()

    def update(change: dict | None = None) -> None:
        w = week.value
        kit.refresh(fw, plot_year(ra, rb, w))
        i = w - 1
        kit.say(
            note,
            f"After week {w}: A has made {number(ra.produced[:w].sum())} units and sold "
            f"{number(ra.sold[:w].sum())}; its cash is {_money(ra.cash[i])}. "
            f"B has sold {number(rb.sold[:w].sum())}, turned away {number(rb.lost[:w].sum())}, "
            f"and has {_money(rb.cash[i])} in the bank.",
            "warn" if ra.cash[i] < 0 else "info",
        )

    update()
    week.observe(kit.guarded(update, note), names="value")
    ui = Explorer(
        [kit.row([play, week]), fw, note],
        controls={"week": week, "play": play},
        figure=fw,
        message=note,
        result=(ra, rb),
    )
    ui.week, ui.play = week, play
    return ui


def fix_a_explorer(start: dict | None = None) -> Explorer:
    """Try to fix Factory A from inside its walls, then unlock demand.

    Four sliders turn A's internal knobs (efficiency, capacity, material cost, operating
    expense); a circle marks your setting on a heatmap of the best net profit every setting
    can reach. The demand slider (the lesson's main control) is the knob outside the
    walls: moving it re-runs the search over all 66,300 internal settings.

    Parameters
    ----------
    start : dict, optional
        Changes to Factory A's scenario, as for ``factory_scenario``.

    Returns
    -------
    demandlab.widgetkit.Explorer
        ``controls`` are the four knobs and ``"demand_per_week"`` (also ``knobs`` and
        ``demand``); ``result`` is the ``InternalFixSearch`` at the demand shown, and
        ``mine`` the ``FactoryResult`` of the setting the sliders show.

    Examples
    --------
    >>> ui = fix_a_explorer()
    >>> ui.demand.value = 600  # the knob outside the walls
    >>> ui.result.settings_profitable > 0, "make money" in ui.figure.layout.title.text
    (True, True)
    """
    kw = factory_scenario("A", **scenario_changes("start", start))
    knobs = _fix_a_knobs(kw)
    demand = kit.mark_main(
        _slider(
            "Demand / week (outside A's walls)",
            DEMAND_SLIDER,
            float(np.mean(kw["demand_per_week"])),
        )
    )
    search = search_internal_fixes(demand.value, start=start)
    fw = kit.figure_widget(plot_internal_fixes(search, _you(knobs)), main=True)
    note = kit.message_area()
    inside = _column("Inside A's walls", list(knobs.values()))
    outside = _column("Outside A's walls", [demand])
    ui = Explorer(
        [kit.row([inside, outside]), note, fw],
        controls={**knobs, "demand_per_week": demand},
        figure=fw,
        message=note,
        result=search,
    )
    ui.knobs, ui.demand = knobs, demand

    def show() -> None:
        s = ui.result
        settings = {name: k.value for name, k in knobs.items()}
        mine = simulate_factory(**{**kw, **settings, "demand_per_week": demand.value})
        ui.mine = mine  # the learner's own setting, e.g. for dl.share_result
        kit.refresh(fw, plot_internal_fixes(s, _you(knobs)))
        kit.say(note, *_fix_a_sentence(s, mine.net_profit, demand.value))

    def new_demand(change: dict | None = None) -> None:
        ui.result = search_internal_fixes(demand.value, start=start)
        show()

    def new_knobs(change: dict | None = None) -> None:
        show()

    for k in knobs.values():
        k.observe(kit.guarded(new_knobs, note), names="value")
    demand.observe(kit.guarded(new_demand, note), names="value")
    show()
    return ui


def _fix_a_knobs(kw: dict) -> dict[str, widgets.FloatSlider]:
    """The four sliders inside A's walls, on exactly the grids the search tries."""
    return {
        **_knob_sliders(kw),
        "material_cost": _slider(
            "Material $ / unit", KNOBS["material_cost"], float(kw["material_cost"])
        ),
        "operating_expense_per_week": _slider(
            "Operating expense $ / week",
            KNOBS["operating_expense_per_week"],
            float(kw["operating_expense_per_week"]),
        ),
    }


def _fix_a_sentence(
    s: InternalFixSearch, net_profit: float, demand_per_week: float
) -> tuple[str, str]:
    """The learner's net profit against the best of every internal setting, and the tone."""
    outcome = (
        "Nothing inside the walls makes A profitable at this demand."
        if s.settings_profitable == 0
        else f"{number(s.settings_profitable)} of {number(s.settings_tried)} settings make money."
    )
    return (
        f"Your setting: net profit {_money(net_profit)} a year. "
        f"Best of all {number(s.settings_tried)} internal settings at {number(demand_per_week)} "
        f"orders a week: {_money(s.best_net_profit)}. {outcome}",
        "good" if net_profit > 0 else "warn",
    )


def _you(knobs: dict[str, widgets.FloatSlider]) -> tuple[float, float]:
    return knobs["efficiency"].value, knobs["capacity_per_week"].value


def _constraint_sentence(v: CapacityValue, made: float) -> tuple[str, str]:
    """What B's constraint is and what one more unit a week is worth, and the tone."""
    orders = number(v.demand_per_week)
    head = f"B makes {number(made)} a week for {orders} orders: the constraint is"
    if v.constraint == "capacity":
        return (
            f"{head} B's own output. Each extra unit made a week adds "
            f"{_money(v.net_profit_gain_per_unit)} of net profit a year, because a "
            "customer is already waiting for it.",
            "good",
        )
    return (
        f"{head} now demand. One more unit a week adds "
        f"{_money(v.net_profit_gain_per_unit)} a year and changes cash by "
        f"{_money(v.cash_gain)}: B has become Factory A.",
        "warn",
    )


def fix_b_explorer(b: dict | None = None) -> Explorer:
    """Find Factory B's constraint and what one more unit of output a week is worth.

    Parameters
    ----------
    b : dict, optional
        Changes to Factory B's scenario, as for ``factory_scenario``.

    Returns
    -------
    demandlab.widgetkit.Explorer
        Efficiency and capacity sliders for B, the net-profit-vs-output figure (A's curve
        for contrast) and a sentence naming the constraint and the value of a unit.
        ``controls`` (also ``knobs``) are the two sliders; ``result`` is B's
        ``CapacityValue`` at the setting shown.

    Examples
    --------
    >>> ui = fix_b_explorer()
    >>> ui.knobs["efficiency"].value = 1.0
    >>> "constraint" in ui.children[1].value
    True
    """
    kw = factory_scenario("B", **scenario_changes("b", b))
    value_a = capacity_value("A")
    knobs = _knob_sliders(kw, "B's efficiency", "B's capacity / week")
    note = kit.message_area()
    fw = kit.figure_widget(plot_capacity_value(capacity_value("B", **kw), value_a))
    ui = Explorer(
        [kit.row([_column("Inside B's walls", list(knobs.values()))]), note, fw],
        controls=knobs,
        figure=fw,
        message=note,
    )
    ui.knobs = knobs

    def update(change: dict | None = None) -> None:
        settings = {name: k.value for name, k in knobs.items()}
        v = capacity_value("B", **{**kw, **settings})
        ui.result = v
        kit.refresh(fw, plot_capacity_value(v, value_a))
        made = settings["efficiency"] * settings["capacity_per_week"]
        kit.say(note, *_constraint_sentence(v, made))

    for k in knobs.values():
        k.observe(kit.guarded(update, note), names="value")
    update()
    return ui


# ---------------------------------------------------------------------------------------
# A one-call summary for exercises: change one value, run the cell again
# ---------------------------------------------------------------------------------------
def _wait(x: float) -> str:
    return f"{number(x, digits=1)} weeks"


def _cash_out(r: FactoryResult) -> str:
    return "never" if r.cash_out_week is None else f"week {r.cash_out_week}"


# (label, what it reads from a FactoryResult, how it is written)
SUMMARY_ROWS = (
    ("Good units made a week", lambda r: r.output_per_week, number),
    ("Orders a week", lambda r: float(np.mean(r.demand)), number),
    ("Capacity utilisation", lambda r: r.utilization, lambda x: f"{x:.0%}"),
    ("Cost per unit (books)", lambda r: r.cost_per_unit, lambda x: money(x, cents=True)),
    ("Reported profit (books)", lambda r: r.reported_profit, money),
    ("Net profit (bank)", lambda r: r.net_profit, money),
    ("Cash at the end", lambda r: r.cash_end, money),
    ("Cash first below zero", lambda r: r, _cash_out),
    ("Unsold units at the end", lambda r: r.inventory_end, number),
    ("Overhead parked in stock", lambda r: r.overhead_in_inventory, money),
    ("Average order wait", lambda r: r.average_wait_weeks, _wait),
    ("Demand lost (units)", lambda r: r.units_lost, number),
)


PLANS = {"run flat out": False, "make to order": True}  # factory_summary's named plans


def factory_summary(name: str = "A", plan: str | None = None, **changes: object) -> None:
    """Print one factory's year in a short table; with a change, today's year beside it.

    For exercises: change one value and run the cell again, e.g.
    ``factory_summary("A", demand_per_week=500)`` or ``factory_summary("A", plan="make to order")``.

    Parameters
    ----------
    name : {"A", "B"}
        Which factory of the lesson's scenario.
    plan : {"run flat out", "make to order"}, optional
        A named choice for exercises, so nobody types a Python word: "make to order" is
        ``make_to_order=True``, "run flat out" (the scenario's plan) ``make_to_order=False``.
    **changes
        Scenario inputs to change, as for ``factory_scenario`` (an unknown name is refused).

    Examples
    --------
    >>> factory_summary("A", demand_per_week=500)  # doctest: +ELLIPSIS +NORMALIZE_WHITESPACE
    Factory A: today, and with demand_per_week=500
                                     today      changed
    Good units made a week             950          950
    Orders a week                      300          500
    ...
    Net profit (bank)           −$624,000           $0
    ...
    """
    shown = dict(changes)
    if plan is not None:
        changes["make_to_order"] = PLANS[checks.choice("plan", plan, tuple(PLANS))]
        shown = {"plan": plan, **shown}
    today = simulate_factory(**factory_scenario(name))
    rows = [today]
    lines = [f"Factory {name} as in the scenario"]
    if changes:
        rows.append(simulate_factory(**factory_scenario(name, **changes)))
        change = ", ".join(f"{k}={v!r}" for k, v in shown.items())
        lines = [
            f"Factory {name}: today, and with {change}",
            f"{'':26}{'today':>12}{'changed':>13}",
        ]
    for label, read, fmt in SUMMARY_ROWS:
        lines.append(f"{label:26}" + "".join(f"{fmt(read(r)):>12} " for r in rows).rstrip())
    print("\n".join(lines))


def fix_a_summary(demand_per_week: float | None = None) -> None:
    """Print the search over A's internal knobs, and the expense cut A would need.

    The search tries every setting of the ``fix_a_explorer`` sliders (costs within 20% of
    today's); the last lines say how far operating expense must fall for net profit to reach
    zero, first at today's material cost and then at the cheapest the sliders allow.

    Examples
    --------
    >>> fix_a_summary()  # doctest: +ELLIPSIS
    Settings tried: 66,300; settings that make money: 0
    Best: a net loss of $187,200 a year (material $32, expense $24,000 a week)
    To break even at 300 orders a week, expense must fall to:
      $18,000 a week (−40%) with material at $40
      $20,400 a week (−32%) with material at $32
    """
    s = search_internal_fixes(demand_per_week)
    changes = {} if demand_per_week is None else {"demand_per_week": demand_per_week}
    kw = factory_scenario("A", **changes)
    today = kw["operating_expense_per_week"]
    best = (
        f"a net loss of {money(-s.best_net_profit)}"
        if s.best_net_profit < 0
        else f"a net profit of {money(s.best_net_profit)}"
    )
    lines = [
        f"Settings tried: {number(s.settings_tried)}; "
        f"settings that make money: {number(s.settings_profitable)}",
        f"Best: {best} a year (material {money(s.best_material_cost)}, "
        f"expense {money(s.best_operating_expense_per_week)} a week)",
        f"To break even at {number(s.demand_per_week)} orders a week, expense must fall to:",
    ]
    for material in (float(kw["material_cost"]), float(KNOBS["material_cost"][0])):
        level = break_even_expense_per_week("A", **changes, material_cost=material)
        lines.append(
            f"  {money(level)} a week ({pct(level / today - 1, sign=True)}) "
            f"with material at {money(material)}"
        )
    print("\n".join(lines))


def fix_b_summary() -> None:
    """Print what one more unit of output a week is worth at B, and at A.

    Examples
    --------
    >>> fix_b_summary()
    One more unit a week at B: +$3,120 net profit a year (52 more units sold)
    One more unit a week at A: $0 net profit, −$2,080 cash a year
    Ten more units a week at B (one point of its efficiency): +$31,200 a year
    """
    b, a, ten = capacity_value("B"), capacity_value("A"), capacity_value("B", 10)
    print(
        f"One more unit a week at B: {money(b.net_profit_gain, sign=True)} net profit a year "
        f"({number(b.units_sold_gain)} more units sold)\n"
        f"One more unit a week at A: {money(a.net_profit_gain, sign=True)} net profit, "
        f"{money(a.cash_gain, sign=True)} cash a year\n"
        f"Ten more units a week at B (one point of its efficiency): "
        f"{money(ten.net_profit_gain, sign=True)} a year"
    )
