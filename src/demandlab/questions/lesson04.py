"""Lesson 04's predictions, quizzes and exercises (see demandlab.questions).

Every outcome and answer is computed from the lesson's models (demandlab.mix.model), so a
changed scenario cannot leave a stale answer behind. Wrong quiz options are beliefs managers
really hold: "drop the product with the lowest margin", "a bottleneck is the constraint,
give it more capacity", "more of a popular offering is always better".
"""

from __future__ import annotations

from ..formatting import money, number, pct
from ..mix.model import buffet, pq_problem, product_mix
from ..mix.scenario import BUFFET


def _best_buffet_choice() -> str:
    r = buffet()
    flat, zero = r.max_rate_profit, r.zero_rate_profit
    if r.best_profit > max(flat, zero) + 0.5:
        return "In between"
    return "Flat out" if flat >= zero else "No roast beef"


def _second_station_gain() -> float:
    """Best evening's profit with the carving station's capacity doubled, minus today's."""
    today = buffet()
    doubled = buffet(max_carving_rate_per_hour=2 * today.carving_rates_per_hour[-1])
    return doubled.best_profit - today.best_profit


def _station_load() -> float:
    """Share of the carving station's capacity the best rate uses."""
    r = buffet()
    return r.best_rate_per_hour / r.carving_rates_per_hour[-1]


def _second_station_choice() -> str:
    gain = _second_station_gain()
    if abs(gain) < 1:
        return "No change"
    return "It rises" if gain > 0 else "It falls"


def _first_on_b() -> str:
    first = product_mix(**pq_problem(), rule="toc").ranking[0]
    return {"P": "P ($45 a unit)", "Q": "Q ($60 a unit)"}[first]


def _without_p() -> float:
    """P&Q's net profit if the lowest-margin product, P, is dropped (Q made alone)."""
    pq = pq_problem()
    pq["products"]["P"]["demand"] = 0
    return product_mix(**pq, rule="toc").net_profit


def _q_price_where_q_goes_first() -> float:
    """The price of Q at which Q earns as much per minute of B as P does."""
    pq = pq_problem()
    p, q = pq["products"]["P"], pq["products"]["Q"]
    p_per_minute = (p["price"] - p["material_cost"]) / p["minutes"]["B"]
    return q["material_cost"] + p_per_minute * q["minutes"]["B"]


def _overtime_gain(rule: str = "toc", extra_minutes: float = 300) -> float:
    base = product_mix(**pq_problem(), rule=rule)
    pq = pq_problem()
    pq["resources"]["B"] += extra_minutes
    return product_mix(**pq, rule=rule).throughput - base.throughput


PREDICTIONS: dict[str, dict] = {
    "04-carving-rate": dict(
        question=(
            "The station can carve 120 servings an hour. "
            "Which carving rate earns the most profit per evening?"
        ),
        options=["Flat out", "In between", "No roast beef"],
        outcome=_best_buffet_choice,
        # phrases that state the outcome: none may appear above the vote
        giveaways=(
            "about 34 servings",
            "peaks in between",
            "earns less than no beef",
            "less than serving no roast beef",
            "as much as possible",
        ),
    ),
    "04-second-station": dict(
        question=(
            "The owner could add a second carving station, doubling its capacity to 240 "
            "servings an hour. What happens to the best evening's profit?"
        ),
        options=["It rises", "No change", "It falls"],
        outcome=_second_station_choice,
        giveaways=(
            "buys nothing",
            "adds nothing",
            "is not the constraint",
            "not what limits",
            "the same: the best plan",
        ),
    ),
    "04-first-on-b": dict(
        question="B cannot make everything. Which product should get B's minutes first?",
        options=["Q ($60 a unit)", "P ($45 a unit)", "No difference"],
        outcome=_first_on_b,
        giveaways=(
            "\\$3 per minute",
            "$3 per minute",
            "100 p and 30 q",
            "earns more per unit, but",
        ),
    ),
}

_DROP_P = "Drop P: of the two products it has the lowest margin per unit"
_BY_MINUTE = "Give B to the product that earns most per minute of B"
_MORE_B = "Buy more capacity on all four resources before anything else"
_RAMP_UP = "Carve flat out: it is the bottleneck, so exploit it"
_DEMAND = "How many diners come, not the station"
_SECOND = "Add a second station: a bottleneck limits the whole system"

QUIZZES: dict[str, dict] = {
    "04-what-evaporates": dict(
        question="In an Evaporating Cloud, what makes the conflict evaporate?",
        options=[
            "A compromise halfway between D and D', fair to both",
            "An injection that makes one assumption false",
            "Adding a third need, next to B and C, to settle it",
        ],
        answer="An injection that makes one assumption false",
        explanations={
            "A compromise halfway between D and D', fair to both": (
                "A compromise keeps the conflict and gives each side half of what it needs."
            ),
            "An injection that makes one assumption false": (
                "Right: once the belief behind an arrow is gone, the arrow, and the conflict, "
                "no longer hold."
            ),
            "Adding a third need, next to B and C, to settle it": (
                "That makes the picture bigger, not the conflict smaller."
            ),
        },
    ),
    "04-drop-lowest-margin": dict(
        question=(
            "P&Q loses money under the margin rule. P earns $45 a unit, Q $60. "
            "A manager proposes a fix. Which one makes money?"
        ),
        options=[_DROP_P, _BY_MINUTE, _MORE_B],
        answer=_BY_MINUTE,
        explanations={
            _DROP_P: (
                f"Without P the factory makes only Q and ends the week at "
                f"{money(_without_p())}: P pays for B's minutes twice as well as Q."
            ),
            _BY_MINUTE: (
                f"Right: P earns {money(3)} per minute of B, Q {money(2)}; 100 P and 30 Q "
                f"earn {money(product_mix(**pq_problem(), rule='toc').net_profit)} a week."
            ),
            _MORE_B: (
                "Only B is short of minutes; more capacity on A, C or D adds cost and no "
                "throughput."
            ),
        },
    ),
    "04-bottleneck-or-constraint": dict(
        question=("Diners queue at the carving station at 7 pm. What limits the buffet's profit?"),
        options=[_RAMP_UP, _DEMAND, _SECOND],
        answer=_DEMAND,
        explanations={
            _RAMP_UP: (
                f"Flat out the evening earns {money(buffet().max_rate_profit)}, less than the "
                f"{money(buffet().zero_rate_profit)} with no beef at all (at "
                f"{money(BUFFET.beef_cost_per_serving)} a serving)."
            ),
            _DEMAND: (
                f"Right: nothing at the station limits it. The best rate uses "
                f"{pct(_station_load())} of the station. The station is a bottleneck (the "
                "slowest step, with a queue), but "
                "more diners, not more carving, raise the profit."
            ),
            _SECOND: (
                f"A second station changes the best evening by {money(_second_station_gain())}: "
                "the best rate never reaches today's capacity."
            ),
        },
    ),
    "04-roast-beef-role": dict(
        question="The buffet carves 120 servings an hour and profit drops. What is the roast beef?",
        options=[
            "A revenue generator to exploit for volume",
            "A differentiator to protect and ration",
            "Waste to remove from the buffet's costs",
        ],
        answer="A differentiator to protect and ration",
        explanations={
            "A revenue generator to exploit for volume": (
                f"More beef eaten lowers profit beyond about "
                f"{number(buffet().best_rate_per_hour)} servings an hour: volume is not its job."
            ),
            "A differentiator to protect and ration": (
                "Right: it justifies the $30 price; with no beef at all profit falls too."
            ),
            "Waste to remove from the buffet's costs": (
                f"Without it profit falls to {money(buffet().zero_rate_profit)} an evening: "
                "it draws diners."
            ),
        },
    ),
    "04-throughput": dict(
        question="In Goldratt's accounting, what is throughput (T)?",
        options=[
            "Units made per week, whether sold or not",
            "Revenue minus truly variable costs",
            "Revenue minus all costs, overhead included",
        ],
        answer="Revenue minus truly variable costs",
        explanations={
            "Units made per week, whether sold or not": (
                "Units made but not sold earn nothing; T is money that came in from sales."
            ),
            "Revenue minus truly variable costs": (
                "Right: sales revenue minus truly variable costs such as material. P sells "
                "for $90 with $45 of material, so each P sold adds $45 of T."
            ),
            "Revenue minus all costs, overhead included": (
                "That is net profit: T minus operating expense (OE)."
            ),
        },
    ),
}

EXERCISES: dict[str, dict] = {
    "04-dear-beef": dict(
        question="At $6 a serving, what carving rate earns the most per evening?",
        unit="servings/hour",
        answer=lambda: buffet(beef_cost_per_serving=6).best_rate_per_hour,
        tolerance=0.05,
        explain=(
            "Dearer beef makes every slice cost more, while the diners it wins are worth the "
            "same: the best rate falls, and flat out now loses money."
        ),
    ),
    "04-q-price": dict(
        question="From what price of Q does the TOC rule give B's minutes to Q first?",
        unit="$",
        answer=_q_price_where_q_goes_first,
        tolerance=0.02,
        explain=(
            "Q must earn P's $3 per minute of B over its 30 minutes: $90 of throughput on top "
            "of its $40 of material."
        ),
    ),
    "04-overtime": dict(
        question=("Under the TOC rule, how much throughput a week do 300 more minutes of B add?"),
        unit="$/week",
        answer=lambda: _overtime_gain("toc"),
        tolerance=0.02,
        explain=(
            "The 300 minutes make 10 more Q at $60 each, more than the $400 of overtime: "
            "worth it. Under the margin rule they would make 20 more P at $45 each."
        ),
    ),
}
