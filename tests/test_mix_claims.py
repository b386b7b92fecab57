"""Lesson 04's sentences pinned to its models (issue 18): each test fails if the notebook's,
the question bank's or the notes' claim stops being true of the model.

Sources: "model, scenario.py" is demandlab/mix/scenario.py run through demandlab/mix/model;
P&Q is E. M. Goldratt, *The Haystack Syndrome* (1990); the roles and the buffet are the essay
*Products vs throughput generators*.
"""

from __future__ import annotations

import itertools
import json
import re

import pytest

import demandlab as dl
from demandlab.cloud import scenario as cloud_sc
from demandlab.mix import scenario as sc
from demandlab.mix.model import flat_out_break_even
from demandlab.questions import lesson04 as bank
from tests.conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "04-evaporating-cloud.ipynb"


def _notebook_text() -> str:
    nb = json.loads(NOTEBOOK.read_text("utf-8"))
    return "\n".join(
        "".join(c["source"]) if isinstance(c["source"], list) else c["source"] for c in nb["cells"]
    )


# --- the buffet: a bottleneck that is not the constraint ---------------------------------


def test_flat_out_earns_less_than_no_roast_beef_at_all():
    # model, scenario.py: flat out $476 an evening, no beef $640, the best rate $1,534
    r = dl.buffet()
    assert r.max_rate_profit < r.zero_rate_profit < r.best_profit
    assert round(r.max_rate_profit) == 476 and round(r.zero_rate_profit) == 640
    text = _notebook_text()
    assert (
        "Flat out even earns less than serving no roast beef at all, as long as a serving costs "
        "more than about \\\\$3.66 (it costs \\\\$4)." in text
    )


def test_flat_out_against_no_beef_flips_at_3_66_a_serving():
    # Issue 25: "flat out earns less than no beef" holds only while a serving costs more than
    # (diners flat out draws) x ($30 - $8) / (120 x 4 servings) = $3.66.
    at = flat_out_break_even()
    assert round(at, 2) == 3.66
    below, above = (
        dl.buffet(beef_cost_per_serving=at - 0.05),
        dl.buffet(beef_cost_per_serving=at + 0.05),
    )
    assert below.max_rate_profit > below.zero_rate_profit  # cheaper beef: flat out beats none
    assert above.max_rate_profit < above.zero_rate_profit
    # canary: a draw that saturates later moves the break-even
    assert round(flat_out_break_even(value_scale_per_hour=200), 2) != 3.66


def test_the_draw_curve_is_shown_with_its_assumption(capsys):
    # The buffet's draw curve: 120 diners + 80 x (1 - e^(-rate / 20)) at 0..120 servings an hour.
    dl.buffet_draw_summary()
    out = capsys.readouterr().out
    assert "diners an evening:                120     151     171     185     196     200" in out
    assert "80 x (1 - e^(-rate / 20))" in out and "$3.66" in out
    text = _notebook_text()
    assert "dl.buffet_draw_summary()" in text and "the **draw curve**" in text
    with pytest.raises(ValueError, match="rates_per_hour must"):
        dl.buffet_draw_summary((0, 500))


def test_leverage_points_are_the_offerings_and_b_is_the_constraint():
    # Essay "Products vs throughput generators": throughput generators (roast beef, loss
    # leaders, free features, premium scarcity) are the leverage points; B is the constraint
    # on the flow unit, the thing TOC exploits.
    text = _notebook_text()
    assert "These are the **leverage points** of the essay" in text
    assert "Resource B is the **constraint** on that flow" in text
    assert "A **throughput generator** is a leverage point" not in text


def test_best_rate_is_about_34_and_flat_out_earns_less_than_a_third_of_the_peak():
    # model, scenario.py: best 34.1 servings an hour, $1,534; flat out $476 < $1,534 / 3
    r = dl.buffet()
    assert round(r.best_rate_per_hour) == 34 and round(r.best_profit) == 1534
    assert r.max_rate_profit < r.best_profit / 3
    assert "at about 34 servings an hour" in _notebook_text()


def test_the_carving_station_is_a_bottleneck_but_not_the_constraint():
    # model, scenario.py: the best plan uses 28% of the station; doubling the station to 240
    # servings an hour leaves the best evening at $1,534 (+$0); ten more diners who come
    # anyway add 10 x ($30 - $8) = $220 at the same best rate. Demand is the constraint.
    today = dl.buffet()
    top = sc.BUFFET.max_carving_rate_per_hour
    assert today.best_rate_per_hour < 0.5 * top  # the best plan leaves the station idle
    doubled = dl.buffet(max_carving_rate_per_hour=2 * top)
    assert doubled.best_profit == pytest.approx(today.best_profit, abs=0.5)
    assert doubled.max_rate_profit < today.max_rate_profit  # a bigger station, flat out: worse
    more_diners = dl.buffet(base_covers=sc.BUFFET.base_covers + 10)
    margin = sc.BUFFET.price_per_cover - sc.BUFFET.other_food_cost_per_cover
    assert more_diners.best_profit - today.best_profit == pytest.approx(10 * margin)
    assert bank.PREDICTIONS["04-second-station"]["outcome"]() == "No change"
    text = _notebook_text()
    assert "The best evening is the same" in text and "it is **demand**" in text


def test_programmers_cells_print_no_answer_before_show_the_answer():
    # Issue 24: the "For programmers" cell a learner runs is empty; the loops that print
    # Exercises 3 and 4's answers sit in a hidden solution.
    nb = json.loads(NOTEBOOK.read_text("utf-8"))
    for cell in nb["cells"]:
        tags = cell["metadata"].get("tags", [])
        if "programmers" in tags and "solution" not in tags:
            body = "".join(cell["source"])
            assert body.strip() == "# Your code here", body
        if "programmers" in tags and "solution" in tags:
            assert "".join(cell["source"]).startswith("with dl.solution():")
    # Exercise 5 asks for words: a markdown cell, never a code cell that a run would choke on
    assert not any(
        c["cell_type"] == "code" and "in words" in "".join(c["source"]) for c in nb["cells"]
    )


def test_the_votes_say_what_the_models_say():
    # model, scenario.py: the best carving rate is in between; P goes first on B
    assert bank.PREDICTIONS["04-carving-rate"]["outcome"]() == "In between"
    assert bank.PREDICTIONS["04-first-on-b"]["outcome"]() == "P ($45 a unit)"
    for entry in bank.PREDICTIONS.values():
        assert entry["outcome"]() in entry["options"]


# --- P&Q (Goldratt, The Haystack Syndrome, 1990) -----------------------------------------


def test_pq_is_reproduced():
    # Goldratt: P $45 and Q $60 of throughput a unit; $3 and $2 per minute of B;
    # margin rule 60 P + 50 Q, net -$300; TOC rule 100 P + 30 Q, net +$300.
    pq = dl.pq_problem()
    margin = dl.product_mix(**pq, rule="margin")
    toc = dl.product_mix(**pq, rule="toc")
    assert toc.unit_throughput == {"P": 45, "Q": 60}
    assert toc.rank_value == {"P": 3.0, "Q": 2.0}
    assert margin.quantities == {"P": 60, "Q": 50} and margin.net_profit == -300
    assert toc.quantities == {"P": 100, "Q": 30} and toc.net_profit == 300


def test_dropping_the_lowest_margin_product_loses_most():
    # model: without P (the lower margin), 50 Q earn $3,000 against $6,000 of OE: -$3,000,
    # worse than both rules. The quiz's misconception option says so with this number.
    assert bank._without_p() == -3000
    quiz = bank.QUIZZES["04-drop-lowest-margin"]
    assert "\u2212$3,000" in quiz["explanations"][bank._DROP_P]
    assert quiz["answer"] == bank._BY_MINUTE


def test_q_goes_first_from_130_and_overtime_pays_under_both_rules():
    # by hand: Q earns (price - 40) / 30 per minute of B against P's 45 / 15 = 3, so Q
    # ties at $130; 300 minutes of B make 10 more Q (+$600, TOC) or 20 more P (+$900, margin)
    assert bank._q_price_where_q_goes_first() == 130
    for price, first in ((125, "P"), (135, "Q")):
        pq = dl.pq_problem()
        pq["products"]["Q"]["price"] = price
        assert dl.product_mix(**pq, rule="toc").ranking[0] == first
    assert bank._overtime_gain("toc") == 600 and bank._overtime_gain("margin") == 900
    assert min(bank._overtime_gain("toc"), bank._overtime_gain("margin")) > 400


def test_exercise_answers_come_from_the_model():
    # model, scenario.py: at $6 a serving the best rate is 26 servings an hour
    answers = {k: e["answer"]() for k, e in bank.EXERCISES.items()}
    assert round(answers["04-dear-beef"]) == 26
    assert answers["04-q-price"] == 130 and answers["04-overtime"] == 600
    assert dl.buffet(beef_cost_per_serving=6).max_rate_profit < 0  # "flat out now loses money"


def test_quizzes_have_an_answer_and_feedback_for_every_option():
    for key, q in bank.QUIZZES.items():
        assert q["answer"] in q["options"], key
        assert set(q["explanations"]) == set(q["options"]), key


def test_loss_leader_is_best_below_cost():
    # model, scenario.py: best promotion price $2.00 against a $4.00 cost; the leader loses
    # $6,000 a week and the store earns $4,000 more than at the regular price
    r = dl.loss_leader()
    assert r.best_price == 2.0 < r.leader_cost
    assert r.best_leader_throughput == -6000 and r.best_total - r.regular_price_total == 4000


# --- the classifier's weights and the example clouds -------------------------------------


def test_each_roles_textbook_answers_land_on_that_role():
    # the weights are a teaching device (scenario.py says so); whatever an instructor sets,
    # a textbook case must still be classified as its own role
    keys = ("more_use_raises_profit", "main_job", "constraining_helps", "purpose")
    for role, answers in sc.PROFILES.items():
        assert dl.classify_offering("x", **dict(zip(keys, answers))).role == role


def test_the_weights_are_explained_as_a_teaching_device():
    source = (ROOT / "src" / "demandlab" / "mix" / "scenario.py").read_text("utf-8")
    assert "TEACHING DEVICE, NOT A MEASUREMENT" in source
    text = _notebook_text()
    assert "teaching device, not a measured model" in text and "(`WEIGHTS`)" in text


# A falsifiable statement names how much or how many: a quantifier or a comparison a manager
# can check against the books or the floor ("every", "most", "more than", "at least", ...).
_CHECKABLE = re.compile(
    r"\b(every|each|all|most|more|less|fewer|only|nothing|nobody|at least|same|swing|"
    r"divided|within|by more than|lowers|buy less)\b",
    re.IGNORECASE,
)


def test_every_example_assumption_is_a_checkable_statement():
    seen = set()
    for name, spec in cloud_sc.EXAMPLES.items():
        for arrow, text in spec["assumptions"]:
            assert len(text.split()) >= 8, f"{name} {arrow}: too short to claim much: {text!r}"
            assert _CHECKABLE.search(text), f"{name} {arrow}: says nothing checkable: {text!r}"
            assert text not in seen
            seen.add(text)


def test_the_checkable_pattern_can_fail():
    vague = ["Costs matter", "Customers are important to us in many ways today"]
    assert not any(_CHECKABLE.search(v) and len(v.split()) >= 8 for v in vague)


def test_glossary_defines_the_lessons_terms():
    """Lesson 04 links to the course glossary (lesson 00), which defines the lesson's words."""
    text = _notebook_text()
    assert "](00-start-here.ipynb#Glossary)" in text.split("## Glossary", 1)[1]
    start = json.loads((ROOT / "notebooks" / "00-start-here.ipynb").read_text("utf-8"))
    sources = ["".join(c["source"]) for c in start["cells"] if c["cell_type"] == "markdown"]
    (glossary,) = [s for s in sources if s.startswith("## Glossary")]
    for term in (
        "Bottleneck",
        "Constraint",
        "Throughput (money)",
        "Operating expense (OE)",
        "Throughput generator",
        "T per constraint minute",
        "Evaporating Cloud",
        "Assumption",
        "Injection",
    ):
        assert f"**{term}**" in glossary, term


def test_the_lesson_has_two_parts_each_with_objectives():
    text = _notebook_text()
    parts = re.findall(r"^# Part (\d): .+\n\nBy the end of Part \1 you can", text, re.M)
    assert parts == ["1", "2"]


@pytest.mark.parametrize("a, b", itertools.combinations(sorted(bank.QUIZZES), 2))
def test_quiz_questions_are_distinct(a, b):
    assert bank.QUIZZES[a]["question"] != bank.QUIZZES[b]["question"]
