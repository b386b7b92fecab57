"""Lesson 04's sentences pinned to its models, one claims table (issues 18 and 27): each row
is a phrase as the notebook, the facilitator notes, the question bank or a summary the lesson
prints writes it, and a check that the model still gives it; one parametrized test runs them
all. Structural checks (the votes' options, which quiz option says what, the programmers'
cells, the glossary, the example clouds' wording) stay ordinary tests below the table.

Sources: "model, scenario.py" is demandlab/mix/scenario.py run through demandlab/mix/model;
P&Q is E. M. Goldratt, *The Haystack Syndrome* (1990); the roles and the buffet are the essay
*Products vs throughput generators*; the example clouds are demandlab/cloud/scenario.py.
Every golden number of the lesson is pinned here once (tests/test_mix.py keeps the models'
hand-worked cases the prose does not quote).
"""

from __future__ import annotations

import itertools
import re

import pytest

import demandlab as dl
from demandlab.checks import InputError
from demandlab.cloud import BOX_FIELDS
from demandlab.cloud import scenario as cloud_sc
from demandlab.formatting import money, pct
from demandlab.mix import scenario as sc
from demandlab.mix.model import flat_out_break_even
from demandlab.questions import lesson04 as bank
from tests import claims
from tests.conftest import ROOT

NOTEBOOK = "notebooks/04-evaporating-cloud.ipynb"
NOTES = "instructors/04-evaporating-cloud.md"
ESSAY = "products vs throughput generators"
R = dl.buffet()
TOP = sc.BUFFET.max_carving_rate_per_hour
PQ = dl.pq_problem()
MARGIN = dl.product_mix(**PQ, rule="margin")
TOC = dl.product_mix(**PQ, rule="toc")
LEADER = dl.loss_leader()


def _flat_out_flips_at_3_66() -> bool:
    # Issue 25: "flat out earns less than no beef" holds only while a serving costs more than
    # (diners flat out draws) x ($30 - $8) / (120 x 4 servings) = $3.66
    at = flat_out_break_even()
    below = dl.buffet(beef_cost_per_serving=at - 0.05)
    above = dl.buffet(beef_cost_per_serving=at + 0.05)
    return (
        round(at, 2) == 3.66
        and below.max_rate_profit > below.zero_rate_profit  # cheaper beef: flat out beats none
        and above.max_rate_profit < above.zero_rate_profit
    )


def _second_station_adds_nothing() -> bool:
    # the best plan uses 28% of the station; doubling the station to 240 servings an hour
    # leaves the best evening at $1,534 (+$0), and flat out on it earns even less; the vote
    doubled = dl.buffet(max_carving_rate_per_hour=2 * TOP)
    return (
        R.best_rate_per_hour < 0.5 * TOP  # the best plan leaves the station idle
        and pct(R.best_rate_per_hour / TOP) == "28%"
        and doubled.best_profit == pytest.approx(R.best_profit, abs=0.5)
        and doubled.max_rate_profit < R.max_rate_profit
        and bank.PREDICTIONS["04-second-station"]["outcome"]() == "No change"
    )


def _ten_more_diners() -> bool:
    # ten more diners who come anyway add 10 x ($30 - $8) = $220 at the same best rate
    more = dl.buffet(base_covers=sc.BUFFET.base_covers + 10)
    margin = sc.BUFFET.price_per_cover - sc.BUFFET.other_food_cost_per_cover
    return more.best_profit - R.best_profit == pytest.approx(10 * margin) == 220


def _q_goes_first_from_130() -> bool:
    # by hand: Q earns (price - 40) / 30 per minute of B against P's 45 / 15 = 3, so Q ties
    # at $130 (Exercise 3)
    def first(price):
        pq = dl.pq_problem()
        pq["products"]["Q"]["price"] = price
        return dl.product_mix(**pq, rule="toc").ranking[0]

    return (
        bank._q_price_where_q_goes_first() == 130
        and bank.EXERCISES["04-q-price"]["answer"]() == 130
        and (first(125), first(135)) == ("P", "Q")
    )


def _overtime_pays() -> bool:
    # by hand: 300 minutes of B make 10 more Q (+$600, TOC) or 20 more P (+$900, margin);
    # both beat the $400 overtime (Exercise 4)
    toc, margin = bank._overtime_gain("toc"), bank._overtime_gain("margin")
    return (
        (toc, margin) == (600, 900)
        and bank.EXERCISES["04-overtime"]["answer"]() == 600
        and min(toc, margin) > 400
    )


def _example_clouds() -> list:
    """The example clouds as the lesson builds and names them (cloud/scenario.py)."""
    essay = cloud_sc.EXAMPLES[ESSAY]
    ((injection, breaks),) = essay["injections"]
    others = [k.replace("factory A", "Factory A") for k in cloud_sc.EXAMPLES if k != ESSAY]
    rows = [(f'{name}="{box}"', "notebook", None) for name, box in zip(BOX_FIELDS, essay["boxes"])]
    rows += [
        (
            f'"{breaks}"',
            "notebook",
            lambda: "Classify each offering by its economic role" in injection,
        ),
        (
            "this lesson's cloud, " + ", ".join(others[:-1]) + f", and {others[-1]}",
            "notebook",
            None,
        ),
        (f"(this lesson's, {', '.join(others)})", "notes", None),
        ("`dl.example_clouds()` has four", "notes", lambda: len(cloud_sc.EXAMPLES) == 4),
    ]
    # "**A** is the goal ...": each box's letter in bold
    letters = [cloud_sc.BOX_LETTERS[name].rstrip("'") for name in BOX_FIELDS]
    rows += [(f"**{letter}**", "notebook", None) for letter in dict.fromkeys(letters)]
    return rows


CLAIMS = [
    # --- the buffet: a bottleneck that is not the constraint (model, scenario.py: flat out
    # $476 an evening, no beef $640, the best rate 34.1 servings an hour, $1,534)
    (
        "Flat out even earns less than serving no roast beef at all, as long as a serving costs "
        "more than about $3.66 (it costs $4).",
        "notebook",
        lambda: (
            R.max_rate_profit < R.zero_rate_profit < R.best_profit and _flat_out_flips_at_3_66()
        ),
    ),
    (
        "| none (no roast beef) | $640 | | 34 servings an hour (the best) | $1,534 | "
        "| 120 servings an hour (flat out) | $476 |",
        "notes",
        lambda: (
            (round(R.zero_rate_profit), round(R.best_rate_per_hour), round(R.best_profit))
            == (640, 34, 1534)
            and round(R.max_rate_profit) == 476
        ),
    ),
    (
        "Flat out the evening earns $476, less than the $640 with no beef at all (at $4 a serving)",
        "bank",
        lambda: (
            (money(R.max_rate_profit), money(R.zero_rate_profit)) == ("$476", "$640")
            and sc.BUFFET.beef_cost_per_serving == 4
        ),
    ),
    (
        "at about 34 servings an hour, and carving flat out earns less than a third",
        "notebook",
        lambda: round(R.best_rate_per_hour) == 34 and R.max_rate_profit < R.best_profit / 3,
    ),
    # the draw curve: 120 diners + 80 x (1 - e^(-rate / 20)) at 0..120 servings an hour
    (
        "diners an evening:                120     151     171     185     196     200",
        "buffet_draw_summary()",
        None,
    ),
    ("80 x (1 - e^(-rate / 20))", "buffet_draw_summary()", None),
    ("$3.66", "buffet_draw_summary()", lambda: round(flat_out_break_even(), 2) == 3.66),
    ("dl.buffet_draw_summary()", "notebook", None),
    ("the **draw curve**", "notebook", None),
    # essay "Products vs throughput generators": throughput generators (roast beef, loss
    # leaders, free features, premium scarcity) are the leverage points; B is the constraint
    # on the flow unit, the thing TOC exploits
    ("These are the **leverage points** of the essay", "notebook", None),
    ("Resource B is the **constraint** on that flow", "notebook", None),
    # the carving station is a bottleneck but not the constraint: demand is
    ("The best evening is the same", "notebook", _second_station_adds_nothing),
    ("it is **demand**", "notebook", _ten_more_diners),
    (
        "the best evening stays at $1,534, because the best plan uses only 28% of today's station",
        "notes",
        _second_station_adds_nothing,
    ),
    ("ten more diners who come anyway add $220 an evening", "notes", _ten_more_diners),
    (
        "Ten more diners add about $220 an evening at the same best rate",
        "notebook",
        _ten_more_diners,
    ),
    (
        # model, scenario.py: at $6 a serving the best rate is 26 servings an hour
        "The best rate falls from 34 to 26 servings an hour, # and carving flat out now loses "
        "money",
        "notebook",
        lambda: (
            round(bank.EXERCISES["04-dear-beef"]["answer"]()) == 26
            and dl.buffet(beef_cost_per_serving=6).max_rate_profit < 0
        ),
    ),
    # --- P&Q (Goldratt, The Haystack Syndrome, 1990). Re-derived from the data (per week;
    # every resource has 2,400 minutes; OE $6,000): unit throughput P 90 - 45 = $45, Q 100 -
    # 40 = $60. Margin rule: Q first ($60 > $45); 50 Q use 1,500 min of B, 900 left / 15 =
    # 60 P; T = 50 x 60 + 60 x 45 = 5,700, net profit -$300. TOC rule: per minute of B, P
    # 45 / 15 = $3.00 > Q 60 / 30 = $2.00, so P first; 100 P use 1,500 min, 900 left / 30 =
    # 30 Q; T = 100 x 45 + 30 x 60 = 6,300, net profit +$300.
    (
        "ranking by unit margin makes 60 P and 50 Q and **loses $300 a week**",
        "notebook",
        lambda: MARGIN.quantities == {"P": 60, "Q": 50} and MARGIN.net_profit == -300,
    ),
    (
        "ranking by throughput per minute of the constraint makes 100 P and 30 Q and "
        "**earns $300**",
        "notebook",
        lambda: TOC.quantities == {"P": 100, "Q": 30} and TOC.net_profit == 300,
    ),
    (
        "P earns $3 per minute of B, Q only $2",
        "notebook",
        lambda: (
            TOC.unit_throughput == {"P": 45, "Q": 60} and TOC.rank_value == {"P": 3.0, "Q": 2.0}
        ),
    ),
    (
        "| unit margin (Q first) | 60 P, 50 Q | $5,700 | −$300 a week |",
        "notes",
        lambda: (
            MARGIN.ranking == ("Q", "P")
            and MARGIN.rank_value == {"Q": 60.0, "P": 45.0}
            and MARGIN.throughput == 5700.0
        ),
    ),
    (
        "| $ per minute of B (P first: $3 vs $2) | 100 P, 30 Q | $6,300 | +$300 a week |",
        "notes",
        lambda: TOC.ranking == ("P", "Q") and TOC.throughput == 6300.0,
    ),
    ("Right: P earns $3 per minute of B, Q $2; 100 P and 30 Q earn $300 a week", "bank", None),
    (
        "rule margin: make 60 P, 50 Q; throughput $5,700, net profit −$300",
        "product_mix_explorer()",
        None,
    ),
    (
        "rule toc: make 100 P, 30 Q; throughput $6,300, net profit $300",
        "product_mix_explorer()",
        None,
    ),
    (
        # model: without P (the lower margin), 50 Q earn $3,000 against $6,000 of OE: -$3,000,
        # worse than both rules
        "Without P the factory makes only Q and loses $3,000 a week",
        "notes",
        lambda: bank._without_p() == -3000 < MARGIN.net_profit,
    ),
    ("Without P the factory makes only Q and ends the week at −$3,000", "bank", None),
    ("Q ties at 40 + 90 = $130", "notebook", _q_goes_first_from_130),
    (
        "TOC: 10 more Q at $60 each, $600 of throughput for $400 of overtime",
        "notebook",
        _overtime_pays,
    ),
    ("300 more minutes of B add $600 of throughput under TOC", "notebook", _overtime_pays),
    # --- the loss leader (model, scenario.py): best promotion price $2.00 against a $4.00
    # cost; the leader loses $6,000 a week and the store earns $4,000 more than at the
    # regular price
    (
        "the leader loses $6,000 a week on its own and the store still earns $4,000 a week more "
        "than at the regular price",
        "notes",
        lambda: (
            LEADER.best_price == 2.0 < LEADER.leader_cost
            and LEADER.best_leader_throughput == -6000
            and LEADER.best_total - LEADER.regular_price_total == 4000
        ),
    ),
    # --- the classifier's weights are a teaching device (scenario.py says so)
    ("teaching device, not a measured model", "notebook", None),
    ("(`WEIGHTS`)", "notebook", None),
    ("TEACHING DEVICE, NOT A MEASUREMENT", "mix/scenario.py", None),
    # --- the example clouds (cloud/scenario.py) as the notebook builds and names them and
    # instructors/04-evaporating-cloud.md names them
    *_example_clouds(),
]

TEXTS = {
    "notebook": claims.lesson_text(NOTEBOOK, plain_dollars=True),
    "notes": claims.lesson_text(NOTES, plain_dollars=True),
    "bank": " ".join(claims.question_text("04-").split()),
    "buffet_draw_summary()": claims.printed(dl.buffet_draw_summary),
    "product_mix_explorer()": dl.product_mix_explorer().message.value,
    "mix/scenario.py": (ROOT / "src" / "demandlab" / "mix" / "scenario.py").read_text("utf-8"),
}


@pytest.mark.parametrize("phrase, source, holds", CLAIMS, ids=claims.ids(CLAIMS))
def test_the_prose_states_what_the_model_gives(phrase, source, holds):
    claims.check(TEXTS, phrase, source, holds)


def test_the_claims_table_can_fail():
    # the sentence the notebook once had is gone (the essay's leverage points are offerings)
    assert "A **throughput generator** is a leverage point" not in TEXTS["notebook"]
    # a draw that saturates later moves the break-even of flat out against no beef
    assert round(flat_out_break_even(value_scale_per_hour=200), 2) != 3.66
    # a dearer Q price flips the P&Q answer the rows quote
    pq = dl.pq_problem()
    pq["products"]["Q"]["price"] = 135
    assert dl.product_mix(**pq, rule="toc").quantities != TOC.quantities
    assert claims.no_row_twice(CLAIMS)
    claims.check_can_fail(TEXTS, "notebook")


def test_the_draw_summary_refuses_a_rate_above_the_station():
    with pytest.raises(ValueError, match="rates_per_hour must"):
        dl.buffet_draw_summary((0, 500))


@pytest.mark.parametrize(
    "rates, says",
    [
        (5, r"^rates_per_hour must be a list of 1\.\.12 values, got 5$"),
        ("0, 20", r"^rates_per_hour must be a list of 1\.\.12 values, got '0, 20'$"),
        ((), r"^rates_per_hour must have 1\.\.12 values, got 0$"),
        (tuple(range(13)), r"^rates_per_hour must have 1\.\.12 values, got 13$"),
    ],
)
def test_the_draw_summary_refuses_what_is_not_a_short_list_of_rates(rates, says):
    """The course's one error: a ValueError naming the parameter, the value and what is
    allowed (before, a number gave a TypeError and an empty list its own wording)."""
    with pytest.raises(InputError, match=says):
        dl.buffet_draw_summary(rates)


def test_the_examples_assumptions_are_the_ones_the_notebook_builds():
    # the regular expressions the table's plain phrases cannot express
    text = claims.notebook_text(NOTEBOOK)
    essay = cloud_sc.EXAMPLES[ESSAY]
    for arrow, assumption in essay["assumptions"]:
        if arrow != "C-D'":  # the notebook shortens this one to "... only while scarce"
            call = rf'\.with_assumption\(\s*"{re.escape(arrow)}",\s*"{re.escape(assumption)}"'
            assert re.search(call, text), arrow
    assert essay["assumptions"][-1] == (
        "D-D'",
        "All products contribute throughput in proportion to their volume",
    )
    others = [k.replace("factory A", "Factory A") for k in cloud_sc.EXAMPLES if k != ESSAY]
    assert re.search(rf'dl\.show_example_cloud\(\s*"{others[0]}"', text)


def test_programmers_cells_print_no_answer_before_show_the_answer():
    # Issue 24: the "For programmers" cell a learner runs is empty; the loops that print
    # Exercises 3 and 4's answers sit in a hidden solution.
    cells = claims.cells(NOTEBOOK)
    for cell in cells:
        tags = cell["metadata"].get("tags", [])
        if "programmers" in tags and "solution" not in tags:
            body = "".join(cell["source"])
            assert body.strip() == "# Your code here", body
        if "programmers" in tags and "solution" in tags:
            assert "".join(cell["source"]).startswith("with dl.solution():")
    # Exercise 5 asks for words: a markdown cell, never a code cell that a run would choke on
    assert not any(c["cell_type"] == "code" and "in words" in "".join(c["source"]) for c in cells)


def test_the_votes_say_what_the_models_say():
    # model, scenario.py: the best carving rate is in between; P goes first on B
    assert bank.PREDICTIONS["04-carving-rate"]["outcome"]() == "In between"
    assert bank.PREDICTIONS["04-first-on-b"]["outcome"]() == "P ($45 a unit)"
    for entry in bank.PREDICTIONS.values():
        assert entry["outcome"]() in entry["options"]


# --- P&Q (Goldratt, The Haystack Syndrome, 1990): which quiz option says what -------------


def test_dropping_the_lowest_margin_product_loses_most():
    # The quiz's misconception option states the loss without P (-$3,000: the table's row).
    quiz = bank.QUIZZES["04-drop-lowest-margin"]
    assert money(bank._without_p()) in quiz["explanations"][bank._DROP_P]
    assert quiz["answer"] == bank._BY_MINUTE


def test_quizzes_have_an_answer_and_feedback_for_every_option():
    for key, q in bank.QUIZZES.items():
        assert q["answer"] in q["options"], key
        assert set(q["explanations"]) == set(q["options"]), key


# --- the classifier's weights and the example clouds -------------------------------------


def test_each_roles_textbook_answers_land_on_that_role():
    # the weights are a teaching device (scenario.py says so); whatever an instructor sets,
    # a textbook case must still be classified as its own role
    keys = ("more_use_raises_profit", "main_job", "constraining_helps", "purpose")
    for role, answers in sc.PROFILES.items():
        assert dl.classify_offering("x", **dict(zip(keys, answers))).role == role


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
    text = claims.notebook_text(NOTEBOOK)
    assert "](00-start-here.ipynb#Glossary)" in text.split("## Glossary", 1)[1]
    start = claims.cells("notebooks/00-start-here.ipynb")
    sources = ["".join(c["source"]) for c in start if c["cell_type"] == "markdown"]
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
    text = claims.notebook_text(NOTEBOOK)
    parts = re.findall(r"^# Part (\d): .+\n\nBy the end of Part \1 you can", text, re.M)
    assert parts == ["1", "2"]


@pytest.mark.parametrize("a, b", itertools.combinations(sorted(bank.QUIZZES), 2))
def test_quiz_questions_are_distinct(a, b):
    assert bank.QUIZZES[a]["question"] != bank.QUIZZES[b]["question"]
