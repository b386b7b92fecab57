"""Lesson 01's teaching claims (issue 18), one claims table (issue 27): each row is a phrase
as the notebook, the facilitator notes or the question bank writes it, and a check that the
model still gives it; one parametrized test runs them all. The votes' order, the quizzes'
structure and what no cell may print stay ordinary tests below the table.

Sources: the scenario is demandlab/factory/scenario.py; hand calculations are written next to
each number; the essay is "Production systems vs. demand-response systems" (Factory A and B)
and, for "supply exceeds demand", "Takt time without customer demand" (essays cited by
title). Every golden number of the lesson is pinned here once (tests/test_factory.py keeps
the hand calculations the prose does not quote).
"""

from __future__ import annotations

import re

import pytest

import demandlab as dl
from demandlab.factory import scenario
from demandlab.formatting import money, pct
from demandlab.questions import lesson01
from tests import claims

NOTEBOOK = "notebooks/01-factory-a-vs-b.ipynb"
NOTES = "instructors/01-factory-a-vs-b.md"
A = dl.simulate_factory(**dl.factory_scenario("A"))
B = dl.simulate_factory(**dl.factory_scenario("B"))
MTO = dl.simulate_factory(**dl.factory_scenario("A", make_to_order=True))
SEARCH = dl.search_internal_fixes()
CUT, CHEAPEST = lesson01.expense_cut_to_break_even(), lesson01.expense_cut_to_break_even(32)
OPEX_LOW = scenario.KNOBS["operating_expense_per_week"][0]


def summary(name: str, **changes) -> dict[str, str]:
    """factory_summary's printed rows as {label: last column}."""
    rows = {}
    for line in claims.printed(dl.factory_summary, name, **changes).splitlines():
        m = re.match(r"(\S.{0,24}\S)\s{2,}.*?(\S+(?: \S+)?)$", line)
        if m:
            rows[m.group(1)] = m.group(2)
    return rows


def _books_vote() -> bool:
    return (
        lesson01.PREDICTIONS["01-books-profit"]["outcome"]() == "Factory A"
        and A.reported_profit > B.reported_profit
        and A.net_profit < 0 < B.net_profit
    )


def _break_even_expense() -> bool:
    # 300 x $60 = $18,000 a week (a 40% cut); 300 x $68 = $20,400 (32%) with material at $32
    at_cut = dl.simulate_factory(**dl.factory_scenario("A", operating_expense_per_week=18_000))
    return (
        dl.break_even_expense_per_week("A") == pytest.approx(18_000)
        and dl.break_even_expense_per_week("A", material_cost=32) == pytest.approx(20_400)
        and (CUT, CHEAPEST) == pytest.approx((0.40, 0.32))
        and at_cut.net_profit == pytest.approx(0)
    )


def _break_even_exercise() -> bool:
    # 30,000 / (100 - 40) = 500 orders a week (hand); the model's net profit there is $0
    return (
        lesson01.EXERCISES["01-break-even"]["answer"]() == pytest.approx(500)
        and A.break_even_demand_per_week == pytest.approx(500)
        and summary("A", demand_per_week=500)["Net profit (bank)"] == "$0"
        and summary("A", demand_per_week=450)["Net profit (bank)"].startswith("−")
    )


def _make_to_order_rows() -> bool:
    # utilisation 300 / 1,000 = 30%; cost per unit 40 + 30,000 / 300 = $140; net unchanged
    rows = summary("A", make_to_order=True)
    return (
        rows["Capacity utilisation"] == "30%"
        and rows["Cost per unit (books)"] == "$140.00"
        and rows["Net profit (bank)"] == money(A.net_profit)
        and summary("A", plan="make to order") == rows  # the exercise's named choice
        and MTO.utilization == pytest.approx(0.30)
        and MTO.cost_per_unit == pytest.approx(140)
    )


CLAIMS = [
    # --- the votes and the story (model, scenario.py; essay "Production systems vs.
    # demand-response systems")
    (
        "The factory that loses money is the one whose books report the higher profit",
        "notebook",
        _books_vote,
    ),
    (
        # A can make 950 a week and 300 are ordered: demand, not the plant, limits it; the
        # essay "Takt time without customer demand" says most firms live there
        "Factory A is what a market looks like when supply exceeds demand",
        "notebook",
        lambda: (
            A.constraint == "demand"
            and A.output_per_week > A.units_demanded / A.weeks
            and B.constraint == "capacity"
        ),
    ),
    # issue 25: essay 000's two sides, named where the lesson rests on them (Unlock demand)
    ("the **supply side**, what the firm controls", "notebook", None),
    ("the **demand side**, what customers need to achieve", "notebook", None),
    ("every knob inside A's walls is on the supply side", "notebook", None),
    # --- the notes' table of the numbers the checked cells print (hand calculations)
    (
        # 40 + 30,000 / 950 = 71.578...; 40 + 30,000 / 600 = 90.00
        "| Cost per unit (absorption) | $71.58 | $90.00 |",
        "notes",
        lambda: (
            A.cost_per_unit == pytest.approx(40 + 30_000 / 950)
            and f"${A.cost_per_unit:.2f}" == "$71.58"
            and B.cost_per_unit == pytest.approx(90.0)
        ),
    ),
    (
        # A = 300 x (100 - (40 + 30,000 / 950)) x 52 = 443,368; B sells all it makes, so its
        # books equal its net profit, (600 x 60 - 30,000) x 52 = 312,000
        "| Reported profit | $443k | $312k |",
        "notes",
        lambda: (
            A.reported_profit == pytest.approx(300 * (100 - (40 + 30_000 / 950)) * 52)
            and money(A.reported_profit, compact=True) == "$443k"
            and B.reported_profit == pytest.approx(312_000)
        ),
    ),
    (
        # A: (300 x 60 - 30,000) x 52 = -624,000; B: (600 x 60 - 30,000) x 52 = 312,000
        "| Net profit (T − OE) | −$624k | +$312k |",
        "notes",
        lambda: A.net_profit == pytest.approx(-624_000) and B.net_profit == pytest.approx(312_000),
    ),
    (
        # A's cash falls 300 x 100 - 950 x 40 - 30,000 = -38,000 a week from $1,000,000:
        # 1,000,000 - 26 x 38,000 >= 0, 1,000,000 - 27 x 38,000 < 0 -> week 27
        "| Cash at year end | −$976k (runs out in week 27) | $1.31M |",
        "notes",
        lambda: (
            A.cash_out_week == 27
            and A.cash_end == pytest.approx(1_000_000 - 52 * 38_000)
            and money(B.cash_end, compact=True) == "$1.31M"
        ),
    ),
    (
        # A's stock grows 650 a week: 650 x 52 = 33,800 units = $1,352,000 at material cost
        "| Unsold stock at year end | 33,800 units ($1.35M of material) | 0 |",
        "notes",
        lambda: (
            A.inventory_end == pytest.approx(33_800)
            and A.inventory_investment_end == pytest.approx(1_352_000)
            and B.inventory_end == 0
        ),
    ),
    (
        # B's backlog fills to 6,000 (tests/test_factory.py's weekly trace), so lost =
        # 78,000 - 31,200 - 6,000 = 40,800
        "| Average order wait / demand lost | 0 / 0 | 3.7 weeks / 40,800 units |",
        "notes",
        lambda: (
            A.average_wait_weeks == 0
            and A.units_lost == 0
            and round(B.average_wait_weeks, 1) == 3.7
            and B.units_lost == pytest.approx(78_000 - 31_200 - 6_000)
        ),
    ),
    # --- what it would take to fix A from inside
    (
        # best = (300 x (100 - 32) - 24,000) x 52 = -187,200: cheapest material, leanest OE
        "66,300 settings, none profitable; best is a loss of $187,200 (material $32, "
        "expense $24,000/week)",
        "notes",
        lambda: (
            SEARCH.settings_tried == 66_300
            and SEARCH.settings_profitable == 0
            and SEARCH.best_net_profit == pytest.approx(-187_200)
            and (SEARCH.best_material_cost, SEARCH.best_operating_expense_per_week) == (32, 24_000)
        ),
    ),
    (
        # the sliders move costs +-20%; the 40% cut to break even is outside them
        "That verdict holds because the sliders let costs move only 20%",
        "notes",
        lambda: (
            OPEX_LOW == pytest.approx(0.8 * 30_000) and 1 - 18_000 / 30_000 > 1 - OPEX_LOW / 30_000
        ),
    ),
    (
        "takes operating expense down to $18,000 a week, a 40% cut (32% with material at $32",
        "notes",
        _break_even_expense,
    ),
    (
        "cut by 40%, or by 32% with the cheapest material",
        "notebook",
        lambda: (pct(CUT), pct(CHEAPEST)) == ("40%", "32%"),
    ),
    ("would take a 40% cut in expense", "notebook", lambda: pct(CUT) == "40%"),  # Key points
    (
        "operating expense must fall 40% (32% with the cheapest material)",
        "bank",
        lambda: (pct(CUT), pct(CHEAPEST)) == ("40%", "32%"),
    ),
    (
        "The best cost cuts the sliders allow still lose $187,200 a year",
        "bank",
        lambda: money(-SEARCH.best_net_profit) == "$187,200",
    ),
    (
        # break-even at the best costs: 24,000 / (100 - 32) = 352.9 orders a week
        "A breaks even at 500 orders/week at today's costs",
        "notes",
        lambda: SEARCH.break_even_demand_per_week == pytest.approx(24_000 / 68),
    ),
    ("353 at the best costs", "notes", lambda: round(SEARCH.break_even_demand_per_week) == 353),
    # --- one more unit of output (model: capacity_value)
    (
        # 52 more units sold x $60 throughput = $3,120 a year at B; at A nothing more sells
        # and 52 more units of material sit on the shelf: 52 x $40 = $2,080 of cash
        "worth $3,120 a year at B and $0 at A (where it costs $2,080 of cash)",
        "notes",
        lambda: (
            dl.capacity_value("B").net_profit_gain == pytest.approx(52 * 60)
            and dl.capacity_value("A").net_profit_gain == pytest.approx(0)
            and dl.capacity_value("A").cash_gain == pytest.approx(-52 * 40)
        ),
    ),
    (
        "$3,120: 52 more units sold at $60 of throughput each",
        "bank",
        lambda: money(dl.capacity_value("B").net_profit_gain) == "$3,120",
    ),
    (
        # wrong on purpose: the absorption-costing value, ($100 - $90 cost per unit) x 52
        "$520: price $100 minus its $90 cost per unit",
        "bank",
        lambda: money((B.price - B.cost_per_unit) * B.weeks) == "$520",
    ),
    # --- the books against the bank
    (
        "Factory A's books show a profit of $443k for the year",
        "bank",
        lambda: money(A.reported_profit, compact=True) == "$443k",
    ),
    (
        "cash runs out in week 27",
        "bank",
        lambda: A.net_profit < 0 and A.cash_out_week == 27,
    ),
    # --- the exercises' solution comments
    ("$30,000 a week / $60 = 500 orders", "notebook", _break_even_exercise),
    ("utilisation 95% -> 30%, cost per unit $71.58 -> $140", "notebook", _make_to_order_rows),
    (
        # no material for 33,800 unsold units = 33,800 x $40 = $1,352,000 more cash
        "cash ends $1,352,000",
        "notebook",
        lambda: MTO.cash_end - A.cash_end == pytest.approx(1_352_000),
    ),
    (
        "net profit is unchanged (−$624k) and every production measure gets *worse* "
        "(utilisation 30%, cost per unit $140)",
        "notes",
        lambda: MTO.net_profit == pytest.approx(A.net_profit) and _make_to_order_rows(),
    ),
    (
        # patience does not move B's money: net profit $312,000 with any tolerance
        "# Net profit stays $312,000 either way",
        "notebook",
        lambda: all(
            summary("B", lead_time_tolerance_weeks=t)["Net profit (bank)"] == "$312,000"
            for t in (None, 0, 4, 52)
        ),
    ),
    # issue 24: "net profit ... tells the truth" was too strong; only cash moves
    (
        "net profit does not see the overproduction either",
        "notebook",
        lambda: A.net_profit == pytest.approx(MTO.net_profit),
    ),
    (
        "Only cash sees the material A buys for units that sit unsold",
        "notebook",
        lambda: MTO.cash_end > A.cash_end,
    ),
]

TEXTS = {
    # every cell (markdown and quiz code), with markdown's "\$" escapes removed
    "notebook": claims.notebook_text(NOTEBOOK).replace("\\", ""),
    "notes": claims.lesson_text(NOTES),
    "bank": claims.bank_text("01-"),
}


@pytest.mark.parametrize("phrase, source, holds", CLAIMS, ids=claims.ids(CLAIMS))
def test_the_prose_states_what_the_model_gives(phrase, source, holds):
    claims.check(TEXTS, phrase, source, holds)


def test_the_claims_table_can_fail():
    # the phrase the prose once had (issue 24) is gone, and a changed scenario breaks a row
    assert "tells the truth" not in TEXTS["notebook"]
    dear = dl.simulate_factory(**dl.factory_scenario("A", material_cost=48))
    assert money(dear.reported_profit, compact=True) != "$443k"
    assert claims.no_row_twice(CLAIMS)
    claims.check_can_fail(TEXTS, "notebook")


# --- the votes: structure -----------------------------------------------------------------
def test_the_owner_vote_says_b():
    """B earns money and A loses it (model; the numbers are the table's)."""
    assert lesson01.PREDICTIONS["01-better-system"]["outcome"]() == "Factory B"
    assert B.net_profit > 0 > A.net_profit and B.cash_end > A.cash_end


def test_votes_come_before_the_answers_and_are_recalled_after():
    src = [c["source"] for c in claims.cells(NOTEBOOK)]
    at = {
        key: next(i for i, s in enumerate(src) if key in s)
        for key in (
            'dl.prediction("01-books-profit")',
            'dl.prediction("01-better-system")',
            "dl.factory_explorer()",
            "books.recall()",
            "owner.recall()",
            "dl.fix_b_explorer()",
        )
    }
    assert at['dl.prediction("01-books-profit")'] < at["dl.factory_explorer()"]
    assert at['dl.prediction("01-better-system")'] < at["dl.factory_explorer()"]
    assert at["dl.factory_explorer()"] < at["books.recall()"] < at["owner.recall()"]
    # the ownership vote is settled by Part 2's fixes, so it is recalled after Fix B
    assert at["dl.fix_b_explorer()"] < at["owner.recall()"]


# --- quizzes: which option says what --------------------------------------------------------
def quiz(key: str) -> dict:
    return lesson01.QUIZZES[key]


def test_one_more_unit_quiz_answer_and_the_absorption_misconception():
    """The right answer and the absorption-costing option (their numbers: the table's)."""
    q = quiz("01-one-more-unit")
    assert q["answer"].startswith(money(dl.capacity_value("B").net_profit_gain) + ":")
    books = [o for o in q["options"] if "cost per unit" in o]
    assert len(books) == 1 and books[0] != q["answer"]
    assert books[0].startswith(money((B.price - B.cost_per_unit) * B.weeks) + ":")
    a_option = next(o for o in q["options"] if "Factory A" in o)
    assert money(dl.capacity_value("A").net_profit_gain) in a_option
    assert set(q["explanations"]) == set(q["options"])


def test_fix_inside_quiz_answer_is_the_cut_outside_the_sliders():
    q = quiz("01-fix-inside")
    right = q["explanations"][q["answer"]]
    assert pct(CUT) in right and pct(CHEAPEST) in right
    wrong = q["explanations"]["Cut material and operating expense by 20% each"]
    assert money(-SEARCH.best_net_profit) in wrong


def test_books_vs_bank_quiz_numbers_are_the_models():
    q = quiz("01-books-vs-bank")
    assert money(A.reported_profit, compact=True) in q["question"]
    assert f"week {A.cash_out_week}" in q["explanations"][q["answer"]]


# --- exercises: what the cells may print -----------------------------------------------------
def test_exercise_2_solution_is_the_named_choice():
    solution = next(
        c["source"] for c in claims.cells(NOTEBOOK) if 'plan="make to order"' in c["source"]
    )
    assert "95% -> 30%" in solution and "$140" in solution and "$1,352,000" in solution


def test_exercise_3_asks_for_52_weeks_not_none():
    # Issue 24: the exercise asks for 52 weeks, not the Python word None; over a 52-week
    # year the two are the same customers, who never leave.
    assert summary("B", lead_time_tolerance_weeks=52) == summary(
        "B", lead_time_tolerance_weeks=None
    )
    assert summary("B", lead_time_tolerance_weeks=52)["Demand lost (units)"] == "0"
    assert summary("B", lead_time_tolerance_weeks=4)["Demand lost (units)"] != "0"  # canary
    cells = claims.cells(NOTEBOOK)
    solution = next(c["source"] for c in cells if "lead_time_tolerance_weeks=52" in c["source"])
    assert "$312,000" in solution
    assert "None" not in "\n".join(
        c["source"] for c in cells if "solution" not in c["metadata"].get("tags", [])
    )


def test_no_break_even_line_before_exercise_1():
    """Issue 18: student copies kept "Break-even demand at today's costs: 500/week" above
    Exercise 1; no stored output up to the exercise says 500."""
    before = []
    for c in claims.cells(NOTEBOOK):
        if c["cell_type"] == "markdown" and "### Exercise 1" in c["source"]:
            break
        for out in c.get("outputs", []):
            before.append("".join(out.get("text", "")))
    text = "\n".join(before)
    assert "Break-even" not in text and not re.search(r"(?<![\d,.$])500(?![\d,])", text)


# --- the scoreboard's table headers (issue 14) ----------------------------------------------
def test_scoreboard_tables_have_named_headers():
    from demandlab.factory.report import scoreboard_html as _scoreboard_html

    for view in ("production", "demand"):
        html = _scoreboard_html(A, B, view)
        assert "<caption" in html
        assert not re.search(r"<th[^>]*>\s*</th>", html)
        heads = re.findall(r"<th[^>]*>([^<]+)</th>", html)
        assert heads == ["Measure", "Factory A", "Factory B"]


def test_the_glossary_defines_both_sides():
    """Issue 25: the two sides the lesson names (table rows) have the meanings of the course
    glossary in lesson 00."""
    glossary = next(
        c["source"]
        for c in claims.cells("notebooks/00-start-here.ipynb")
        if c["source"].startswith("## Glossary")
    )
    assert "**Demand side**" in glossary and "**Supply side**" in glossary
