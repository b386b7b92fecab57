"""Lesson 01's teaching claims (issue 18), each pinned to the model so a sentence that becomes
untrue fails here: the votes' outcomes, the quizzes' answers and wrong options, the number
exercise, the exercises' solution comments, and what the prose says about fixing A.

Sources: the scenario is demandlab/factory/scenario.py; hand calculations are written next to
each number; the essay is "Production systems vs. demand-response systems" (Factory A and B)
and, for "supply exceeds demand", "Takt time without customer demand" (essays cited by
title).
"""

from __future__ import annotations

import json
import re

import pytest

import demandlab as dl
from demandlab.factory import scenario
from demandlab.formatting import money, pct
from demandlab.questions import lesson01
from tests.conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "01-factory-a-vs-b.ipynb"
NOTES = ROOT / "instructors" / "01-factory-a-vs-b.md"
A = dl.simulate_factory(**dl.factory_scenario("A"))
B = dl.simulate_factory(**dl.factory_scenario("B"))


def cells() -> list[dict]:
    return json.loads(NOTEBOOK.read_text())["cells"]


def prose() -> str:
    """The notebook's markdown, with "\\$" escapes removed."""
    return "\n".join(c["source"] for c in cells() if c["cell_type"] == "markdown").replace("\\", "")


def summary(name: str, **changes) -> dict[str, str]:
    """factory_summary's printed rows as {label: last column}."""
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        dl.factory_summary(name, **changes)
    rows = {}
    for line in out.getvalue().splitlines():
        m = re.match(r"(\S.{0,24}\S)\s{2,}.*?(\S+(?: \S+)?)$", line)
        if m:
            rows[m.group(1)] = m.group(2)
    return rows


# --- the votes --------------------------------------------------------------------------
def test_the_books_vote_is_the_real_surprise():
    """A's absorption-costing books show more profit than B's: $443,368 against $312,000.
    Hand: A = 300 x (100 - (40 + 30,000/950)) x 52 = 443,368; B sells all it makes, so its
    books equal its net profit, (600 x 60 - 30,000) x 52 = 312,000 (model, scenario.py)."""
    assert lesson01.PREDICTIONS["01-books-profit"]["outcome"]() == "Factory A"
    assert A.reported_profit == pytest.approx(300 * (100 - (40 + 30_000 / 950)) * 52)
    assert B.reported_profit == pytest.approx(312_000)
    assert A.net_profit < 0 < B.net_profit
    assert "The factory that loses money is the one whose books report the higher profit" in (
        prose()
    )


def test_the_owner_vote_says_b():
    """B earns money and A loses it: net profit $312,000 against -$624,000 (model)."""
    assert lesson01.PREDICTIONS["01-better-system"]["outcome"]() == "Factory B"
    assert B.net_profit > 0 > A.net_profit and B.cash_end > A.cash_end


def test_votes_come_before_the_answers_and_are_recalled_after():
    src = [c["source"] for c in cells()]
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


# --- what it would take to fix A from inside ----------------------------------------------
def test_the_no_setting_claim_depends_on_the_20_percent_limit():
    """Within the sliders (costs +-20%) no setting makes money (model: all 66,300 lose);
    breaking even at 300 orders a week takes expense down to 300 x $60 = $18,000 a week,
    a 40% cut, or 300 x $68 = $20,400 (32%) with material at $32 (hand calculation)."""
    search = dl.search_internal_fixes()
    assert search.settings_profitable == 0
    assert scenario.KNOBS["operating_expense_per_week"][0] == pytest.approx(0.8 * 30_000)
    assert dl.break_even_expense_per_week("A") == pytest.approx(18_000)
    assert dl.break_even_expense_per_week("A", material_cost=32) == pytest.approx(20_400)
    assert lesson01.expense_cut_to_break_even() == pytest.approx(0.40)
    assert lesson01.expense_cut_to_break_even(32) == pytest.approx(0.32)
    at_cut = dl.simulate_factory(**dl.factory_scenario("A", operating_expense_per_week=18_000))
    assert at_cut.net_profit == pytest.approx(0)
    # the cut is outside the sliders: that is why the search finds nothing
    assert 1 - 18_000 / 30_000 > 1 - scenario.KNOBS["operating_expense_per_week"][0] / 30_000


def test_the_prose_states_the_cut_the_model_computes():
    cut, cheapest = lesson01.expense_cut_to_break_even(), lesson01.expense_cut_to_break_even(32)
    text = prose()
    assert f"cut by {pct(cut)}, or by {pct(cheapest)} with the cheapest material" in text
    assert f"would take a {pct(cut)} cut in expense" in text  # Key points
    notes = NOTES.read_text()
    assert f"{pct(cut)} cut" in notes and money(dl.break_even_expense_per_week("A")) in notes


def test_factory_a_is_what_supply_exceeding_demand_looks_like():
    """A can make 950 a week and 300 are ordered: demand, not the plant, limits it (model);
    the essay 'Takt time without customer demand' says most firms live there."""
    assert A.constraint == "demand" and A.output_per_week > A.units_demanded / A.weeks
    assert B.constraint == "capacity"
    assert "Factory A is what a market looks like when supply exceeds demand" in prose()


# --- quizzes: answers from the model, wrong options that managers hold ---------------------
def quiz(key: str) -> dict:
    return lesson01.QUIZZES[key]


def test_one_more_unit_quiz_answer_and_the_absorption_misconception():
    """Right: 52 more units sold x $60 throughput = $3,120 a year (model: capacity_value).
    Wrong on purpose: the absorption-costing value, ($100 - $90 cost per unit) x 52 = $520."""
    q = quiz("01-one-more-unit")
    gain = dl.capacity_value("B").net_profit_gain
    assert gain == pytest.approx(52 * 60)
    assert q["answer"].startswith(money(gain) + ":")
    books = [o for o in q["options"] if "cost per unit" in o]
    assert len(books) == 1 and books[0] != q["answer"]
    assert B.cost_per_unit == pytest.approx(90)
    assert books[0].startswith(money((B.price - B.cost_per_unit) * B.weeks) + ":")
    assert books[0].startswith("$520:")
    a_option = next(o for o in q["options"] if "Factory A" in o)
    assert money(dl.capacity_value("A").net_profit_gain) in a_option
    assert set(q["explanations"]) == set(q["options"])


def test_fix_inside_quiz_answer_is_the_cut_outside_the_sliders():
    q = quiz("01-fix-inside")
    right = q["explanations"][q["answer"]]
    assert "40%" in right and "32%" in right
    best = dl.search_internal_fixes().best_net_profit
    assert best == pytest.approx(-187_200)  # (300 x 68 - 24,000) x 52, hand calculation
    assert money(-best) in q["explanations"]["Cut material and operating expense by 20% each"]


def test_books_vs_bank_quiz_numbers_are_the_models():
    q = quiz("01-books-vs-bank")
    assert money(A.reported_profit, compact=True) == "$443k" and "$443k" in q["question"]
    assert A.net_profit < 0 and A.cash_out_week == 27
    assert "week 27" in q["explanations"][q["answer"]]


# --- exercises -----------------------------------------------------------------------------
def test_break_even_exercise_is_the_models_break_even():
    """30,000 / (100 - 40) = 500 orders a week (hand); the model's net profit there is $0."""
    ex = lesson01.EXERCISES["01-break-even"]
    assert ex["answer"]() == pytest.approx(500)
    assert summary("A", demand_per_week=500)["Net profit (bank)"] == "$0"
    assert summary("A", demand_per_week=450)["Net profit (bank)"].startswith("−")


def test_exercise_2_solution_comment_matches_the_model():
    """Make to order: utilisation 300/1,000 = 30%, cost per unit 40 + 30,000/300 = $140,
    net profit unchanged, cash $1,352,000 higher (33,800 units x $40 not bought)."""
    rows = summary("A", make_to_order=True)
    assert rows["Capacity utilisation"] == "30%"
    assert rows["Cost per unit (books)"] == "$140.00"
    assert rows["Net profit (bank)"] == money(A.net_profit)
    mto = dl.simulate_factory(**dl.factory_scenario("A", make_to_order=True))
    assert mto.cash_end - A.cash_end == pytest.approx(1_352_000)
    assert summary("A", plan="make to order") == rows  # the exercise's named choice
    solution = next(c["source"] for c in cells() if 'plan="make to order"' in c["source"])
    assert "95% -> 30%" in solution and "$140" in solution and "$1,352,000" in solution


def test_exercise_3_solution_comment_matches_the_model():
    """Patience does not move B's money: net profit $312,000 with any tolerance (model)."""
    for tolerance in (None, 0, 4, 52):
        assert summary("B", lead_time_tolerance_weeks=tolerance)["Net profit (bank)"] == "$312,000"
    # Issue 24: the exercise asks for 52 weeks, not the Python word None; over a 52-week
    # year the two are the same customers, who never leave.
    assert summary("B", lead_time_tolerance_weeks=52) == summary(
        "B", lead_time_tolerance_weeks=None
    )
    assert summary("B", lead_time_tolerance_weeks=52)["Demand lost (units)"] == "0"
    assert summary("B", lead_time_tolerance_weeks=4)["Demand lost (units)"] != "0"  # canary
    solution = next(c["source"] for c in cells() if "lead_time_tolerance_weeks=52" in c["source"])
    assert "$312,000" in solution
    assert "None" not in "\n".join(
        c["source"] for c in cells() if "solution" not in c["metadata"].get("tags", [])
    )


def test_no_break_even_line_before_exercise_1():
    """Issue 18: student copies kept "Break-even demand at today's costs: 500/week" above
    Exercise 1; no stored output up to the exercise says 500."""
    before = []
    for c in cells():
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


def test_only_cash_sees_the_overproduction():
    """Issue 24: "net profit ... tells the truth" was too strong. Net profit is the same with
    and without overproduction (-$624,000 either way); only cash moves, by $1,352,000."""
    mto = dl.simulate_factory(**dl.factory_scenario("A", make_to_order=True))
    assert A.net_profit == pytest.approx(mto.net_profit) == pytest.approx(-624_000)
    assert mto.cash_end - A.cash_end == pytest.approx(1_352_000)
    text = prose()
    assert "tells the truth" not in text
    assert "net profit does not see the overproduction either" in text
    assert "Only cash sees the material A buys for units that sit unsold" in text


def test_the_lesson_names_the_supply_side_and_the_demand_side():
    """Issue 25: essay 000's two sides are named where the lesson rests on them (Unlock
    demand), with the meanings of the course glossary in lesson 00."""
    text = prose()
    assert "the **supply side**, what the firm controls" in text
    assert "the **demand side**, what customers need to achieve" in text
    assert "every knob inside A's walls is on the supply side" in text
    start = json.loads((NOTEBOOK.parent / "00-start-here.ipynb").read_text())["cells"]
    glossary = next(
        "".join(c["source"]) for c in start if "".join(c["source"]).startswith("## Glossary")
    )
    assert "**Demand side**" in glossary and "**Supply side**" in glossary
