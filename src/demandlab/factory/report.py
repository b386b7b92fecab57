"""Lesson 01's prose: results to sentences and tables, the one place they are built.

Numbers are written by demandlab.formatting, the course's one number style (compact money,
a cost per unit in cents, whole percentages). The models return numbers only.
"""

from __future__ import annotations

import numpy as np

from .. import checks
from ..formatting import money, number, pct
from ..style import DEMAND_COLOR, GOOD_COLOR, PRODUCTION_COLOR
from .model import (
    SCORED,
    CapacityValue,
    FactoryResult,
    FixASetting,
    InternalFixSearch,
    YearSoFar,
    break_even_expense_per_week,
    capacity_value,
    check_result,
    factory_scenario,
    search_internal_fixes,
    simulate_factory,
    tally,
    winner,
)
from .scenario import KNOBS


def _compact(x: float) -> str:
    return money(x, compact=True)


def _unit_cost(x: float) -> str:
    return money(x, cents=True)


def _weeks(x: float) -> str:
    return f"{number(x, digits=1)} wk"


# What each scored measure is called and how it is written, by its key in summary().
LABELS = {
    "efficiency": ("Efficiency", pct),
    "utilisation": ("Capacity utilisation", pct),
    "cost_per_unit": ("Cost per unit (absorption)", _unit_cost),
    "units_produced": ("Units made", number),
    "reported_profit": ("Reported profit (absorption)", _compact),
    "throughput": ("Throughput T", _compact),
    "net_profit": ("Net profit (T − OE)", _compact),
    "cash_end": ("Cash at the end", _compact),
    "inventory_investment_end": ("Inventory at the end (material $)", _compact),
    "roi": ("ROI", pct),
    "units_sold": ("Units sold (customers served)", number),
    "average_wait_weeks": ("Average order wait", _weeks),
    "units_lost": ("Demand lost (walked away)", number),
}
# (label, view, key, formatter, higher_is_better): one row of a scoreboard
ROWS = tuple((LABELS[key][0], view, key, LABELS[key][1], up) for view, key, up in SCORED)
VIEW_TITLE = {"production": "Production-system view", "demand": "Demand-response view"}


def scoreboard(a: FactoryResult, b: FactoryResult, view: str = "both") -> str:
    """Both factories' scoreboards as a plain-text table, with the winner of each row.

    Parameters
    ----------
    a, b : FactoryResult
        Factory A and Factory B over the same horizon.
    view : {"both", "production", "demand"}
        Which scoreboard(s).

    Returns
    -------
    str
        One row per measure: the value for A, for B, and which one is better.

    Examples
    --------
    >>> import demandlab as dl
    >>> a = dl.simulate_factory(**dl.factory_scenario("A"))
    >>> b = dl.simulate_factory(**dl.factory_scenario("B"))
    >>> print(scoreboard(a, b, "production").splitlines()[2])
    Efficiency                                 95%          60%  A
    """
    check_result("a", a)
    check_result("b", b)
    checks.choice("view", view, ("both", "production", "demand"))
    lines = []
    for v in ("production", "demand"):
        if view not in ("both", v):
            continue
        lines.append(f"{VIEW_TITLE[v]} ({a.weeks} weeks)")
        lines.append(f"{'':34}{'Factory A':>12} {'Factory B':>12}  better")
        sa, sb = a.summary()[v], b.summary()[v]
        for label, row_view, key, fmt, up in ROWS:
            if row_view == v:
                w = winner(sa[key], sb[key], up)
                lines.append(f"{label:34}{fmt(sa[key]):>12} {fmt(sb[key]):>12}  {w}")
    return "\n".join(lines)


# Read by screen readers, not shown: a caption names each table (issue 14).
_HIDDEN = (
    "position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap"
)
BETTER_MARK = "✔"  # marks the better value on a row, with bold; colour only underlines it


def scoreboard_html(a: FactoryResult, b: FactoryResult, view: str) -> str:
    """One scoreboard as an HTML table: a check mark and bold on the better value."""
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


def tally_sentence(a: FactoryResult, b: FactoryResult) -> str:
    """How many rows each factory wins, by each view."""
    pa, pb, pn = tally(a, b, "production")
    da, db, dn = tally(a, b, "demand")
    return (
        f"Production-system view: A is better on {pa} of {pn} measures, B on {pb}. "
        f"Demand-response view: B is better on {db} of {dn}, A on {da}."
    )


def year_sentence(y: YearSoFar) -> tuple[str, str]:
    """The year so far in one sentence, and its tone (a warning once A's cash is negative)."""
    return (
        f"After week {y.week}: A has made {number(y.a_made)} units and sold "
        f"{number(y.a_sold)}; its cash is {_compact(y.a_cash)}. "
        f"B has sold {number(y.b_sold)}, turned away {number(y.b_lost)}, "
        f"and has {_compact(y.b_cash)} in the bank.",
        "warn" if y.a_cash < 0 else "info",
    )


def fix_a_sentence(f: FixASetting) -> tuple[str, str]:
    """The learner's net profit against the best of every internal setting, and the tone."""
    s, net_profit = f.search, f.mine.net_profit
    outcome = (
        "Nothing inside the walls makes A profitable at this demand."
        if s.settings_profitable == 0
        else f"{number(s.settings_profitable)} of {number(s.settings_tried)} settings make money."
    )
    return (
        f"Your setting: net profit {_compact(net_profit)} a year. "
        f"Best of all {number(s.settings_tried)} internal settings at "
        f"{number(s.demand_per_week)} orders a week: {_compact(s.best_net_profit)}. {outcome}",
        "good" if net_profit > 0 else "warn",
    )


def constraint_sentence(v: CapacityValue) -> tuple[str, str]:
    """What B's constraint is and what one more unit a week is worth, and the tone."""
    orders = number(v.demand_per_week)
    head = f"B makes {number(v.base_output_per_week)} a week for {orders} orders: the constraint is"
    if v.constraint == "capacity":
        return (
            f"{head} B's own output. Each extra unit made a week adds "
            f"{_compact(v.net_profit_gain_per_unit)} of net profit a year, because a "
            "customer is already waiting for it.",
            "good",
        )
    return (
        f"{head} now demand. One more unit a week adds "
        f"{_compact(v.net_profit_gain_per_unit)} a year and changes cash by "
        f"{_compact(v.cash_gain)}: B has become Factory A.",
        "warn",
    )


# ---------------------------------------------------------------------------------------
# One-call summaries for exercises: change one value, run the cell again
# ---------------------------------------------------------------------------------------
def _cash_out(r: FactoryResult) -> str:
    return "never" if r.cash_out_week is None else f"week {r.cash_out_week}"


# (label, what it reads from a FactoryResult, how it is written)
SUMMARY_ROWS = (
    ("Good units made a week", lambda r: r.output_per_week, number),
    ("Orders a week", lambda r: float(np.mean(r.demand)), number),
    ("Capacity utilisation", lambda r: r.utilisation, lambda x: f"{x:.0%}"),
    ("Cost per unit (books)", lambda r: r.cost_per_unit, lambda x: money(x, cents=True)),
    ("Reported profit (books)", lambda r: r.reported_profit, money),
    ("Net profit (bank)", lambda r: r.net_profit, money),
    ("Cash at the end", lambda r: r.cash_end, money),
    ("Cash first below zero", lambda r: r, _cash_out),
    ("Unsold units at the end", lambda r: r.inventory_end, number),
    ("Overhead parked in stock", lambda r: r.overhead_in_inventory, money),
    (
        "Average order wait",
        lambda r: r.average_wait_weeks,
        lambda x: f"{number(x, digits=1)} weeks",
    ),
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
    s: InternalFixSearch = search_internal_fixes(demand_per_week)
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
