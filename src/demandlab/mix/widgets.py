"""Lesson 04's widgets: the offering classifier and the buffet, loss leader and P&Q explorers.

Each returns a :class:`demandlab.widgetkit.Explorer` (a VBox with ``controls``,
``figure``, ``message`` and ``result``), its children in the order the notebook shows them.
"""

from __future__ import annotations

import ipywidgets as widgets

from ..checks import number
from ..formatting import money, pct
from ..formatting import number as fmt_number
from ..style import MUTED_COLOR
from ..widgetkit import (
    ACCENT_COLOR,
    DEMAND_COLOR,
    Explorer,
    esc,
    figure_widget,
    guarded,
    mark_main,
    message_area,
    refresh,
    say,
)
from . import scenario as sc
from .figures import plot_buffet, plot_loss_leader, plot_product_mix
from .model import (
    MAIN_JOBS,
    PURPOSES,
    BuffetResult,
    buffet,
    classify_offering,
    flat_out_break_even,
    loss_leader,
    pq_problem,
    product_mix,
)

__all__ = [
    "buffet_draw_summary",
    "buffet_explorer",
    "buffet_summary",
    "loss_leader_explorer",
    "loss_leader_summary",
    "offering_classifier",
    "product_mix_explorer",
    "product_mix_summary",
]

_WIDE = {"description_width": "initial"}


def _question(options: list, value: object, description: str) -> widgets.ToggleButtons:
    return widgets.ToggleButtons(
        options=options,
        value=value,
        description=description,
        style={**_WIDE, "button_width": "auto"},
    )


def _slider(kind: type, value: float, low: float, high: float, step: float, description: str, *,
            width: str = "480px", continuous: bool = False) -> widgets.Widget:  # fmt: skip
    return kind(
        value=value,
        min=low,
        max=high,
        step=step,
        description=description,
        style=_WIDE,
        layout={"width": width},
        continuous_update=continuous,
    )


def _explorer(controls: dict, fw: object, note: widgets.HTML, result: object) -> Explorer:
    """The course's handle: the controls in order, then the figure and the sentence."""
    children = [*controls.values(), fw, note]
    return Explorer(children, controls=controls, figure=fw, message=note, result=result)


def offering_classifier() -> widgets.VBox:
    """Answer the four diagnostic questions for one of your offerings; see its role.

    Returns
    -------
    ipywidgets.VBox
        A name field, four questions and a sentence with the role and what to do
        (an :class:`~demandlab.widgetkit.Explorer` whose ``result`` is the
        :class:`~demandlab.mix.OfferingRole` shown).

    Examples
    --------
    >>> w = offering_classifier()
    >>> w.children[2].value = "justify price"
    >>> "differentiator" in w.children[-1].value or "generator" in w.children[-1].value
    True
    """
    name = widgets.Text(value="", placeholder="e.g. free onboarding call", description="Offering")
    q1 = _question([("profit rises", True), ("profit falls", False)], True, "1. More use:")
    q2 = _question(list(MAIN_JOBS), "generate volume", "2. Its job:")
    q3 = _question([("helps", True), ("hurts", False)], False, "3. Constrain it:")
    q4 = _question(list(PURPOSES), "be consumed", "4. It is there to:")
    note = message_area()
    controls = {
        "name": name,
        "more_use_raises_profit": q1,
        "main_job": q2,
        "constraining_helps": q3,
        "purpose": q4,
    }
    box = Explorer([name, q1, q2, q3, q4, note], controls=controls, figure=None, message=note)

    def update(change: dict | None = None) -> None:
        r = classify_offering(name.value[:200], q1.value, q2.value, q3.value, q4.value)
        box.result = r
        color = {"revenue generator": DEMAND_COLOR}.get(r.role, ACCENT_COLOR)
        note.value = (
            f"<div style='font-size:1.05em;line-height:1.4'><b>{esc(r.name)}</b> is a "
            f"<b style='color:{color}'>{esc(r.role)}</b>. {esc(r.advice)}<br>"
            f"<span style='color:{MUTED_COLOR}'>{esc(' '.join(r.reasons))}</span></div>"
        )

    for w in controls.values():
        w.observe(guarded(update, note), names="value")
    update()
    return box


def _buffet_sentence(r: BuffetResult) -> tuple[str, str]:
    gap = r.best_profit - r.chosen_profit
    head = (
        f"At {fmt_number(r.chosen_rate_per_hour)} servings/hour: "
        f"{fmt_number(r.chosen_covers)} diners, "
        f"profit {money(r.chosen_profit)} per evening."
    )
    if gap < 1:
        return f"{head} This is the best rate: more carving would cost more than it draws.", "good"
    if r.chosen_rate_per_hour > r.best_rate_per_hour:
        return (
            f"{head} Carving slower, at {fmt_number(r.best_rate_per_hour)}/hour, "
            f"earns {money(gap)} "
            "more: the extra beef costs more than the diners it wins.",
            "warn",
        )
    return (
        f"{head} Carving faster, up to {fmt_number(r.best_rate_per_hour)}/hour, earns {money(gap)} "
        "more: the buffet still looks too thin to be worth its price.",
        "warn",
    )


def buffet_explorer(
    carving_rate_per_hour: float = sc.BUFFET["carving_rate_per_hour"],
) -> widgets.VBox:
    """Move the carving rate (the lesson's main control); watch profit and roast beef served.

    Parameters
    ----------
    carving_rate_per_hour : float
        Where the slider starts (default 120: the station flat out).

    Returns
    -------
    ipywidgets.VBox
        The slider, a beef cost slider, the live figure and a sentence (an
        :class:`~demandlab.widgetkit.Explorer` whose ``result`` is the
        :class:`~demandlab.mix.BuffetResult` shown).

    Examples
    --------
    >>> w = buffet_explorer()
    >>> w.children[0].value
    120
    """
    top = int(sc.BUFFET["max_carving_rate_per_hour"])
    step = sc.BUFFET_RATE_STEP
    start = number("carving_rate_per_hour", carving_rate_per_hour, 0, top)
    rate = mark_main(
        _slider(
            widgets.IntSlider, int(round(start / step) * step), 0, top, step,
            "Carving (servings/h)", width="520px", continuous=True,
        )
    )  # fmt: skip
    low, high, cost_step = sc.BEEF_COST_SLIDER
    cost = _slider(
        widgets.FloatSlider, sc.BUFFET["beef_cost_per_serving"], low, high, cost_step,
        "Beef cost ($/serving)", width="520px",
    )  # fmt: skip
    first = buffet(rate.value)
    fw = figure_widget(plot_buffet(first), main=True)
    note = message_area()
    box = _explorer({"carving_rate_per_hour": rate, "beef_cost_per_serving": cost}, fw, note, first)

    def update(change: dict | None = None, redraw: bool = True) -> None:
        r = buffet(rate.value, beef_cost_per_serving=cost.value)
        box.result = r
        if redraw:
            refresh(fw, plot_buffet(r))
        say(note, *_buffet_sentence(r))

    rate.observe(guarded(update, note), names="value")
    cost.observe(guarded(update, note), names="value")
    update(redraw=False)
    return box


def loss_leader_explorer(leader_price: float = sc.LEADER_PRICE_START) -> widgets.VBox:
    """Move the leader's promotion price; watch the leader's own loss and the store's gain.

    Returns
    -------
    ipywidgets.VBox
        A price slider, the live figure and a sentence (an
        :class:`~demandlab.widgetkit.Explorer` whose ``result`` is the
        :class:`~demandlab.mix.LossLeaderResult` shown).

    Examples
    --------
    >>> loss_leader_explorer().children[0].value
    6.0
    """
    top = sc.LOSS_LEADER["regular_price"]
    start = number("leader_price", leader_price, 0, top)
    price = _slider(
        widgets.FloatSlider, start, 0.0, top, sc.LEADER_PRICE_STEP, "Promotion price ($)",
        continuous=True,
    )  # fmt: skip
    first = loss_leader(start)
    fw = figure_widget(plot_loss_leader(first))
    note = message_area()
    box = _explorer({"leader_price": price}, fw, note, first)

    def update(change: dict | None = None, redraw: bool = True) -> None:
        r = loss_leader(price.value)
        box.result = r
        if redraw:
            refresh(fw, plot_loss_leader(r))
        say(
            note,
            f"At {money(r.chosen_price, cents=True)} the leader itself earns "
            f"{money(r.chosen_leader_throughput)} a week; "
            f"the whole store earns {money(r.chosen_total)} "
            f"({money(r.chosen_total - r.regular_price_total, sign=True)} vs the regular price).",
            "good" if r.chosen_total >= r.best_total - 1 else "info",
        )

    price.observe(guarded(update, note), names="value")
    update(redraw=False)
    return box


def product_mix_explorer() -> widgets.VBox:
    """P&Q with two knobs: Q's price and the minutes resource B has. Both rules side by side.

    Returns
    -------
    ipywidgets.VBox
        Two sliders, the figure, and a sentence per rule (an
        :class:`~demandlab.widgetkit.Explorer` whose ``result`` is the pair of
        :class:`~demandlab.mix.ProductMix` plans shown: by margin, by TOC).

    Examples
    --------
    >>> w = product_mix_explorer()
    >>> w.children[0].value, w.children[1].value
    (100, 2400)
    """
    price_q = _slider(
        widgets.IntSlider, sc.PQ_PRODUCTS["Q"]["price"], *sc.Q_PRICE_SLIDER, "Price of Q ($)"
    )
    minutes_b = _slider(
        widgets.IntSlider, sc.PQ_RESOURCES["B"], *sc.B_MINUTES_SLIDER, "Minutes on B per week"
    )

    def plans() -> tuple:
        pq = pq_problem()
        pq["products"]["Q"]["price"] = price_q.value
        pq["resources"]["B"] = minutes_b.value
        return product_mix(**pq, rule="margin"), product_mix(**pq, rule="toc")

    first = plans()
    fw = figure_widget(plot_product_mix(first))
    note = message_area()
    box = _explorer({"price_q": price_q, "minutes_b": minutes_b}, fw, note, first)

    def update(change: dict | None = None, redraw: bool = True) -> None:
        margin, toc = box.result = plans()
        if redraw:
            refresh(fw, plot_product_mix([margin, toc]))
        say(note, f"{margin.sentence()}. {toc.sentence()}.")

    price_q.observe(guarded(update, note), names="value")
    minutes_b.observe(guarded(update, note), names="value")
    update(redraw=False)
    return box


# --- one-line reports for the exercises (print, so a learner edits one value and re-runs) --


def buffet_summary(
    max_carving_rate_per_hour: float = sc.BUFFET["max_carving_rate_per_hour"],
    base_covers: float = sc.BUFFET["base_covers"],
    beef_cost_per_serving: float = sc.BUFFET["beef_cost_per_serving"],
) -> None:
    """Print the buffet's best evening, flat out and with no beef, in three short lines.

    The station's load at the best rate tells a bottleneck from the constraint: a station
    that the best plan runs below capacity is not what limits the buffet's profit.

    Examples
    --------
    >>> buffet_summary()
    Best carving rate: 34 servings an hour (28% of the station's 120).
    Profit at that rate: $1,534 an evening.
    Flat out (120 an hour): $476 an evening.
    No roast beef at all: $640 an evening.
    """
    top = number("max_carving_rate_per_hour", max_carving_rate_per_hour, 1e-3, 1e4)
    r = buffet(
        top,
        max_carving_rate_per_hour=top,
        base_covers=base_covers,
        beef_cost_per_serving=beef_cost_per_serving,
    )
    # short lines: a 1024 px window's output area holds about 75 characters
    print(
        f"Best carving rate: {fmt_number(r.best_rate_per_hour)} servings an hour "
        f"({pct(r.best_rate_per_hour / top)} of the station's {fmt_number(top)})."
    )
    print(f"Profit at that rate: {money(r.best_profit)} an evening.")
    print(f"Flat out ({fmt_number(top)} an hour): {money(r.max_rate_profit)} an evening.")
    print(f"No roast beef at all: {money(r.zero_rate_profit)} an evening.")


def buffet_draw_summary(rates_per_hour: tuple = sc.BUFFET_DRAW_RATES) -> None:
    """Print the buffet's draw curve: diners an evening at a few carving rates, with the
    assumption behind it, and the beef cost at which flat out and no beef earn the same.

    Examples
    --------
    >>> buffet_draw_summary((0, 20, 120))  # doctest: +NORMALIZE_WHITESPACE
    Assumed: 120 diners come anyway; generous carving wins up to 80 more,
    as 80 x (1 - e^(-rate / 20)): the draw saturates.
    carving rate (servings/hour):       0      20     120
    diners an evening:                120     171     200
    Flat out earns less than no beef only while a serving costs more than
    $3.66 (the lesson's beef costs $4).
    """
    b = sc.BUFFET
    top = b["max_carving_rate_per_hour"]
    if isinstance(rates_per_hour, (str, bytes)) or not hasattr(rates_per_hour, "__iter__"):
        raise TypeError(f"rates_per_hour must be a list of carving rates, got {rates_per_hour!r}")
    rates = [number("rates_per_hour", r, 0, top) for r in rates_per_hour]
    if not rates:
        raise ValueError("rates_per_hour must hold at least one carving rate, got none")
    covers = [buffet(r).chosen_covers for r in rates]
    print(
        f"Assumed: {fmt_number(b['base_covers'])} diners come anyway; generous carving wins "
        f"up to {fmt_number(b['extra_covers_max'])} more,\n"
        f"as {fmt_number(b['extra_covers_max'])} x (1 - e^(-rate / "
        f"{fmt_number(b['value_scale_per_hour'])})): the draw saturates."
    )
    print("carving rate (servings/hour):" + "".join(f"{fmt_number(r):>8}" for r in rates))
    print("diners an evening:           " + "".join(f"{fmt_number(c):>8}" for c in covers))
    print(
        "Flat out earns less than no beef only while a serving costs more than\n"
        f"{money(flat_out_break_even(), cents=True)} (the lesson's beef costs "
        f"{money(b['beef_cost_per_serving'])})."
    )


def loss_leader_summary(leader_cost: float = sc.LOSS_LEADER["leader_cost"]) -> None:
    """Print the loss leader's best promotion price and what it does to the store.

    Examples
    --------
    >>> loss_leader_summary()
    Best promotion price: $2.00 (the leader costs $4.00).
    At that price the leader itself loses $6,000 a week.
    The store earns $4,000 a week more than at the regular price.
    """
    r = loss_leader(leader_cost=leader_cost)
    print(
        f"Best promotion price: {money(r.best_price, cents=True)} "
        f"(the leader costs {money(r.leader_cost, cents=True)})."
    )
    word = "loses" if r.best_leader_throughput < 0 else "earns"
    print(f"At that price the leader itself {word} {money(abs(r.best_leader_throughput))} a week.")
    print(
        f"The store earns {money(r.best_total - r.regular_price_total)} a week more than at "
        "the regular price."
    )


def product_mix_summary(price_q: float = 100, minutes_b: float = 2400) -> None:
    """Print P&Q's plan under each rule, and what each product earns per minute of B.

    Examples
    --------
    >>> product_mix_summary()
    Constraint: B
    By unit margin: make 60 P, 50 Q; net profit −$300 a week.
    By $ per minute of B: make 100 P, 30 Q; net profit $300 a week.
    Throughput per minute of B: P $3.00, Q $2.00
    """
    pq = pq_problem()
    pq["products"]["Q"]["price"] = number("price_q", price_q, 0, 1e6)
    pq["resources"]["B"] = number("minutes_b", minutes_b, 0, 1e6)
    plans = {rule: product_mix(**pq, rule=rule) for rule in ("margin", "toc")}
    toc = plans["toc"]
    if not toc.constraint:
        plan = ", ".join(f"{fmt_number(q)} {p}" for p, q in toc.quantities.items())
        print("Constraint: none, every resource has room for all demand.")
        print(f"Both rules make {plan}; net profit {money(toc.net_profit)} a week.")
        return
    c = toc.constraint
    print(f"Constraint: {c}")
    for rule, name in (("margin", "unit margin"), ("toc", f"$ per minute of {c}")):
        plan = ", ".join(f"{fmt_number(q)} {p}" for p, q in plans[rule].quantities.items())
        print(f"By {name}: make {plan}; net profit {money(plans[rule].net_profit)} a week.")
    per_minute = ", ".join(f"{k} {money(v, cents=True)}" for k, v in toc.rank_value.items())
    print(f"Throughput per minute of {c}: {per_minute}")
