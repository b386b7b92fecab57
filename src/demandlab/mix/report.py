"""Lesson 04's prose: the explorers' sentences and the printed summaries, the one place they
are built from the models' numbers (demandlab.formatting's number style)."""

from __future__ import annotations

from ..checks import in_range, sequence
from ..formatting import money, number, pct
from . import scenario as sc
from .model import (
    BuffetResult,
    LossLeaderResult,
    OfferingRole,
    ProductMix,
    buffet,
    flat_out_break_even,
    loss_leader,
    pq_problem,
    product_mix,
)


def buffet_sentence(r: BuffetResult) -> tuple[str, str]:
    """The evening at the chosen carving rate against the best rate, and its tone."""
    gap = r.best_profit - r.chosen_profit
    head = (
        f"At {number(r.chosen_rate_per_hour)} servings/hour: "
        f"{number(r.chosen_covers)} diners, "
        f"profit {money(r.chosen_profit)} per evening."
    )
    if gap < 1:
        return f"{head} This is the best rate: more carving would cost more than it draws.", "good"
    if r.chosen_rate_per_hour > r.best_rate_per_hour:
        return (
            f"{head} Carving slower, at {number(r.best_rate_per_hour)}/hour, "
            f"earns {money(gap)} "
            "more: the extra beef costs more than the diners it wins.",
            "warn",
        )
    return (
        f"{head} Carving faster, up to {number(r.best_rate_per_hour)}/hour, earns {money(gap)} "
        "more: the buffet still looks too thin to be worth its price.",
        "warn",
    )


def loss_leader_sentence(r: LossLeaderResult) -> tuple[str, str]:
    """The leader's own throughput and the store's at the chosen price, and its tone."""
    return (
        f"At {money(r.chosen_price, cents=True)} the leader itself earns "
        f"{money(r.chosen_leader_throughput)} a week; "
        f"the whole store earns {money(r.chosen_total)} "
        f"({money(r.chosen_total - r.regular_price_total, sign=True)} vs the regular price).",
        "good" if r.chosen_total >= r.best_total - 1 else "info",
    )


def plan_sentence(plan: ProductMix) -> str:
    """A product-mix plan and its result in one line."""
    made = ", ".join(f"{number(q)} {name}" for name, q in plan.quantities.items())
    where = f"constraint {plan.constraint}" if plan.constraint else "no resource overloaded"
    return (
        f"rule {plan.rule}: make {made}; throughput {money(plan.throughput)}, "
        f"net profit {money(plan.net_profit)} ({where})"
    )


def plans_sentence(plans: tuple[ProductMix, ProductMix]) -> str:
    """The two plans (by margin, by TOC) side by side."""
    margin, toc = plans
    return f"{plan_sentence(margin)}. {plan_sentence(toc)}."


def role_sentence(r: OfferingRole) -> str:
    """An offering's role, what to do about it, and the four reasons."""
    return f"{r.name} is a {r.role}. {r.advice} {' '.join(r.reasons)}"


# --- one-line reports for the exercises (print, so a learner edits one value and re-runs) --


def buffet_summary(
    max_carving_rate_per_hour: float = sc.BUFFET.max_carving_rate_per_hour,
    base_covers: float = sc.BUFFET.base_covers,
    beef_cost_per_serving: float = sc.BUFFET.beef_cost_per_serving,
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
    top = in_range("max_carving_rate_per_hour", max_carving_rate_per_hour, 1e-3, 1e4)
    r = buffet(
        top,
        max_carving_rate_per_hour=top,
        base_covers=base_covers,
        beef_cost_per_serving=beef_cost_per_serving,
    )
    # short lines: a 1024 px window's output area holds about 75 characters
    print(
        f"Best carving rate: {number(r.best_rate_per_hour)} servings an hour "
        f"({pct(r.best_rate_per_hour / top)} of the station's {number(top)})."
    )
    print(f"Profit at that rate: {money(r.best_profit)} an evening.")
    print(f"Flat out ({number(top)} an hour): {money(r.max_rate_profit)} an evening.")
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
    top = b.max_carving_rate_per_hour
    listed = sequence("rates_per_hour", rates_per_hour, 1, 12)  # a table row that fits a line
    rates = [in_range("rates_per_hour", r, 0, top) for r in listed]
    covers = [buffet(r).chosen_covers for r in rates]
    print(
        f"Assumed: {number(b.base_covers)} diners come anyway; generous carving wins "
        f"up to {number(b.extra_covers_max)} more,\n"
        f"as {number(b.extra_covers_max)} x (1 - e^(-rate / "
        f"{number(b.value_scale_per_hour)})): the draw saturates."
    )
    print("carving rate (servings/hour):" + "".join(f"{number(r):>8}" for r in rates))
    print("diners an evening:           " + "".join(f"{number(c):>8}" for c in covers))
    print(
        "Flat out earns less than no beef only while a serving costs more than\n"
        f"{money(flat_out_break_even(), cents=True)} (the lesson's beef costs "
        f"{money(b.beef_cost_per_serving)})."
    )


def loss_leader_summary(leader_cost: float = sc.LOSS_LEADER.leader_cost) -> None:
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
    pq["products"]["Q"]["price"] = in_range("price_q", price_q, 0, 1e6)
    pq["resources"]["B"] = in_range("minutes_b", minutes_b, 0, 1e6)
    plans = {rule: product_mix(**pq, rule=rule) for rule in ("margin", "toc")}
    toc = plans["toc"]
    if not toc.constraint:
        plan = ", ".join(f"{number(q)} {p}" for p, q in toc.quantities.items())
        print("Constraint: none, every resource has room for all demand.")
        print(f"Both rules make {plan}; net profit {money(toc.net_profit)} a week.")
        return
    c = toc.constraint
    print(f"Constraint: {c}")
    for rule, name in (("margin", "unit margin"), ("toc", f"$ per minute of {c}")):
        plan = ", ".join(f"{number(q)} {p}" for p, q in plans[rule].quantities.items())
        print(f"By {name}: make {plan}; net profit {money(plans[rule].net_profit)} a week.")
    per_minute = ", ".join(f"{k} {money(v, cents=True)}" for k, v in toc.rank_value.items())
    print(f"Throughput per minute of {c}: {per_minute}")
