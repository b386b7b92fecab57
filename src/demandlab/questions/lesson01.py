"""Lesson 01's predictions, quizzes and exercises (see demandlab.questions).

Every number in a question, an answer or an explanation comes from lesson 01's model
(demandlab.factory.model) on its scenario, so a changed scenario cannot leave a stale
sentence behind. Wrong quiz options are beliefs managers really hold: "profit is profit",
"A just needs to cut costs", "one more unit is worth price minus its absorbed cost".
"""

from __future__ import annotations

from ..factory.model import (
    break_even_expense_per_week,
    capacity_value,
    factory_scenario,
    search_internal_fixes,
    simulate_factory,
)
from ..factory.scenario import KNOBS
from ..formatting import money, number, pct


def _year(name: str):
    return simulate_factory(**factory_scenario(name))


def _books_outcome() -> str:
    """Which factory's absorption-costing books show the higher profit for the year."""
    a, b = _year("A"), _year("B")
    return "Factory A" if a.reported_profit > b.reported_profit else "Factory B"


def _better_system_outcome() -> str:
    """The better system by what reaches the bank: net profit (and cash follows it)."""
    a, b = _year("A"), _year("B")
    return "Factory B" if b.net_profit > a.net_profit else "Factory A"


def expense_cut_to_break_even(material_cost: float | None = None) -> float:
    """Share by which A's operating expense must fall for A to break even at its demand."""
    changes = {} if material_cost is None else {"material_cost": material_cost}
    today = factory_scenario("A")["operating_expense_per_week"]
    return 1.0 - break_even_expense_per_week("A", **changes) / today


def _unit_value_by_the_books() -> float:
    """What one more unit a week at B is worth a year by absorption costing: the unit's
    "margin" (price minus absorbed cost per unit) on one unit a week for the year."""
    b = _year("B")
    return (b.price - b.cost_per_unit) * b.weeks


# Computed once at import (two runs of a 52-week model: milliseconds); tests recompute them.
_A, _B = _year("A"), _year("B")
_SEARCH = search_internal_fixes()
_CUT = expense_cut_to_break_even()
_CUT_CHEAPEST = expense_cut_to_break_even(KNOBS["material_cost"][0])
_BE_EXPENSE = break_even_expense_per_week("A")
_B_UNIT = capacity_value("B")
_A_UNIT = capacity_value("A")
_T_PER_UNIT = _B.price - _B.material_cost
_DEMAND_A = number(float(_A.demand.mean()))
_MADE_B, _ORDERS_B = number(_B.output_per_week), number(float(_B.demand.mean()))

PREDICTIONS: dict[str, dict] = {
    "01-books-profit": dict(
        question="Both factories close their books for the year with absorption costing, "
        "as most accountants do. Which factory's books report the higher profit?",
        options=["Factory A", "Factory B"],
        outcome=_books_outcome,
        # phrases that state the outcome: none may appear above the vote
        giveaways=(
            "books report a profit",
            "books show a profit",
            "reported profit while",
            "into reported profit",
            "higher reported profit",
            "overproduction look profitable",
        ),
    ),
    "01-better-system": dict(
        question="Which factory would you rather own?",
        options=["Factory A", "Factory B"],
        outcome=_better_system_outcome,
        # phrases that state the outcome: none may appear above the vote
        giveaways=(
            "cash runs out",
            "loses money",
            "lose money",
            "cannot be fixed",
            "b is the better",
            "destroy money",
        ),
    ),
}

_BANK_RIGHT = "It is losing money, and cash runs out"
_CUT_RIGHT = "None of the settings within the sliders' ±20%"
_UNIT_RIGHT = (
    f"{money(_B_UNIT.net_profit_gain)}: {number(_B_UNIT.units_sold_gain)} more units sold "
    f"at {money(_T_PER_UNIT)} of throughput each"
)
_UNIT_BOOKS = (
    f"{money(_unit_value_by_the_books())}: price {money(_B.price)} minus its "
    f"{money(_B.cost_per_unit)} cost per unit, on {number(_B.weeks)} units"
)

QUIZZES: dict[str, dict] = {
    "01-books-vs-bank": dict(
        question=f"Factory A's books show a profit of {money(_A.reported_profit, compact=True)} "
        "for the year. What does its bank account say?",
        options=[
            "About the same: profit is profit",
            _BANK_RIGHT,
            "Nothing: cash and profit are unrelated",
        ],
        answer=_BANK_RIGHT,
        explanations={
            "About the same: profit is profit": (
                f"The books park {money(_A.overhead_in_inventory, compact=True)} of expense "
                "inside unsold stock; the bank sees only money in and out."
            ),
            _BANK_RIGHT: (
                f"Right: throughput does not cover operating expense (net profit "
                f"{money(_A.net_profit, compact=True)}), and the unsold stock was paid for: "
                f"cash runs out in week {_A.cash_out_week}."
            ),
            "Nothing: cash and profit are unrelated": (
                "Net profit and cash move together here; the gap between them is stock A "
                "paid for and cannot sell."
            ),
        },
    ),
    "01-fix-inside": dict(
        question=f"Which change inside Factory A's walls makes it profitable at {_DEMAND_A} "
        "orders a week?",
        options=[
            "Raise efficiency to 100%",
            "Double its capacity",
            "Cut material and operating expense by 20% each",
            _CUT_RIGHT,
        ],
        answer=_CUT_RIGHT,
        explanations={
            "Raise efficiency to 100%": (
                f"More output only adds to unsold stock; sales stay at {_DEMAND_A} a week."
            ),
            "Double its capacity": "Capacity A cannot sell is worth nothing and ties up cash.",
            "Cut material and operating expense by 20% each": (
                "The best cost cuts the sliders allow still lose "
                f"{money(-_SEARCH.best_net_profit)} a year."
            ),
            _CUT_RIGHT: (
                f"Right: just to break even, operating expense must fall {pct(_CUT)} "
                f"({pct(_CUT_CHEAPEST)} with the cheapest material): at "
                f"{money(_A.material_cost)} material, A breaks even only at "
                f"{money(_BE_EXPENSE)} of expense a week. That is a smaller business sized "
                "to its demand, not a better-run factory."
            ),
        },
    ),
    "01-one-more-unit": dict(
        question=f"B makes {_MADE_B} units a week and {_ORDERS_B} are ordered. "
        "What is one more unit of output a week worth over a year?",
        options=[
            _UNIT_BOOKS,
            _UNIT_RIGHT,
            "Nothing: B already sells all it makes",
            f"The same as at Factory A ({money(_A_UNIT.net_profit_gain)}): capacity is capacity",
        ],
        answer=_UNIT_RIGHT,
        explanations={
            _UNIT_BOOKS: (
                f"That is the absorption-costing view: the {money(_B.cost_per_unit)} spreads "
                "the week's fixed expense, and one more unit adds none of it. Only material "
                "is added, so each unit earns its full throughput."
            ),
            _UNIT_RIGHT: (
                "Right: a customer is waiting for every extra unit, and operating expense "
                "does not change."
            ),
            "Nothing: B already sells all it makes": (
                "B sells all it makes, but customers wait for more: output, not demand, is "
                "B's constraint."
            ),
            f"The same as at Factory A ({money(_A_UNIT.net_profit_gain)}): capacity is capacity": (
                "At A no customer waits, so an extra unit only joins the pile in the "
                "warehouse. The value of capacity is set by demand."
            ),
        },
    ),
}

EXERCISES: dict[str, dict] = {
    "01-break-even": dict(
        question="At today's costs, how many orders a week would Factory A need to break "
        "even (net profit $0 for the year)?",
        unit="orders/week",
        answer=lambda: _year("A").break_even_demand_per_week,
        tolerance=0.05,
        explain=(
            f"Each unit sold brings {money(_T_PER_UNIT)} of throughput (price minus "
            f"material), and the week's expense is {money(_A.operating_expense_per_week)}: "
            f"{number(_A.break_even_demand_per_week)} orders cover it. A gets {_DEMAND_A}; "
            "its efficiency does not enter the sum at all."
        ),
    ),
}
