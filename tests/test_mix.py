"""Lesson 04, products vs throughput generators: P&Q, buffet, loss leader, classifier."""

from __future__ import annotations

import dataclasses
import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import demandlab as dl
from demandlab.mix import scenario as sc
from demandlab.mix.model import MAIN_JOBS, PURPOSES, ROLES, run_buffet, run_loss_leader
from demandlab.widgetkit import MAIN_CONTROL, MAIN_FIGURE, Explorer
from tests import claims
from tests.sweep import sweep_every_control

# --- Goldratt's P&Q ----------------------------------------------------------------------
# Source: E. M. Goldratt, *The Haystack Syndrome* (North River Press, 1990), the P&Q problem;
# the same data and answers are reproduced in "A Guide to Implementing the Theory of
# Constraints", dbrmfg.co.nz, "P&Q Answer - Part Two". The published answers (60 P and 50 Q
# for -$300 by unit margin, 100 P and 30 Q for +$300 by $ per minute of B, $3.00 and $2.00 a
# minute), re-derived by hand, are rows of lesson 04's claims table (tests/test_mix_claims.py)
# next to the sentences that quote them; here the load on each resource:
#   load at demand   A: 100*15 + 50*10 = 2,000   B: 100*15 + 50*30 = 3,000 (> 2,400: 125%)
#                    C: 100*15 + 50*5  = 1,750   D: 100*15 + 50*5  = 1,750  -> constraint B
#   all demand (impossible): 100*45 + 50*60 = 7,500 - 6,000 = $1,500


def test_pq_constraint_is_b_and_making_all_demand_is_impossible():
    plan = dl.product_mix(**dl.pq_problem(), rule="toc")
    assert plan.constraint == "B"
    assert plan.load_at_demand == {"A": 2000.0, "B": 3000.0, "C": 1750.0, "D": 1750.0}
    assert plan.constraint_load_ratio == pytest.approx(1.25)  # 3,000 of 2,400 minutes
    assert plan.demand_net_profit == 1500.0  # the tempting answer that ignores B
    assert plan.load_used["B"] == 2400.0
    assert all(plan.load_used[r] <= 2400.0 for r in "ABCD")


def test_toc_rule_is_best_among_all_whole_unit_mixes_of_pq():
    pq = dl.pq_problem()
    best = max(
        45 * p + 60 * q
        for p in range(101)
        for q in range(51)
        if 15 * p + 30 * q <= 2400 and 15 * p + 10 * q <= 2400
    )
    assert dl.product_mix(**pq, rule="toc").throughput == best


def test_product_mix_is_general():
    resources = {"press": 1000, "paint": 600}
    products = {
        "X": {"price": 50, "material_cost": 10, "demand": 30, "minutes": {"press": 20}},
        "Y": {"price": 40, "material_cost": 10, "demand": 40, "minutes": {"press": 5, "paint": 5}},
        "Z": {"price": 9, "material_cost": 10, "demand": 99, "minutes": {"paint": 1}},
        "W": {"price": 30, "material_cost": 0, "demand": 10, "minutes": {}},
    }
    # press load 30*20 + 40*5 = 800 <= 1000; paint 40*5 + 99 = 299: nothing overloaded.
    plan = dl.product_mix(products, resources, 500, rule="toc")
    assert plan.constraint is None
    assert plan.quantities == {"X": 30, "Y": 40, "Z": 0, "W": 10}  # Z loses money per unit
    assert plan.net_profit == 30 * 40 + 40 * 30 + 10 * 30 - 500
    # Shrink the press: now X (20 min) and Y (5 min) compete for it.
    plan = dl.product_mix(products, {"press": 500, "paint": 600}, 500, rule="toc")
    assert plan.constraint == "press"
    assert plan.ranking[0] == "W"  # uses no press minute at all: ranked first
    assert plan.quantities["Y"] == 40 and plan.quantities["X"] == 15  # (500 - 200) / 20
    margin = dl.product_mix(products, {"press": 500, "paint": 600}, 500, rule="margin")
    assert margin.quantities["X"] == 25 and margin.quantities["Y"] == 0
    assert plan.net_profit > margin.net_profit


@settings(max_examples=80, deadline=None, derandomize=True)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 200),
            st.integers(0, 200),
            st.integers(0, 100),
            st.lists(st.integers(0, 40), min_size=3, max_size=3),
        ),
        min_size=1,
        max_size=5,
    ),
    st.lists(st.integers(0, 3000), min_size=3, max_size=3),
    st.sampled_from(["margin", "toc"]),
)
def test_any_plan_is_feasible_and_within_demand(rows, caps, rule):
    resources = dict(zip("RST", caps))
    products = {
        f"p{i}": {"price": p, "material_cost": m, "demand": d, "minutes": dict(zip("RST", mins))}
        for i, (p, m, d, mins) in enumerate(rows)
    }
    plan = dl.product_mix(products, resources, 100, rule=rule)
    for name, q in plan.quantities.items():
        assert 0 <= q <= products[name]["demand"]
    for r, cap in resources.items():
        used = sum(plan.quantities[n] * products[n]["minutes"][r] for n in products)
        assert used <= cap + 1e-6
    assert plan.net_profit == plan.throughput - 100
    assert not math.isnan(plan.net_profit)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"rule": "cheapest"}, "rule must be one of"),
        ({"operating_expense": -1}, "operating_expense must be"),
        ({"operating_expense": math.nan}, "operating_expense must be"),
        ({"resources": {}}, "resources must be a non-empty dict"),
        ({"resources": {"A": -5, "B": 1, "C": 1, "D": 1}}, r"resources\['A'\]"),
        ({"products": []}, "products must be a non-empty dict"),
    ],
)
def test_product_mix_refuses_bad_input_naming_the_parameter(kwargs, message):
    args = {**dl.pq_problem(), "rule": "toc", **kwargs}
    with pytest.raises(ValueError, match=message):
        dl.product_mix(**args)


def test_product_mix_refuses_bad_product_data_naming_the_product():
    pq = dl.pq_problem()
    pq["products"]["P"]["minutes"]["E"] = 3
    with pytest.raises(
        ValueError,
        match=r"products\['P'\]\['minutes'\] keys must be resource names from resources "
        r"\(A, B, C, D\), got 'E'",
    ):
        dl.product_mix(**pq)
    pq = dl.pq_problem()
    del pq["products"]["Q"]["demand"]
    with pytest.raises(ValueError, match=r"products\['Q'\] must be a dict with a 'demand'"):
        dl.product_mix(**pq)
    pq = dl.pq_problem()
    pq["products"]["Q"]["price"] = math.inf
    with pytest.raises(ValueError, match=r"products\['Q'\] price"):
        dl.product_mix(**pq)


# --- the buffet --------------------------------------------------------------------------


def test_buffet_profit_has_an_interior_optimum():
    r = dl.buffet()
    top = r.carving_rates_per_hour[-1]
    assert 0 < r.best_rate_per_hour < top, "the optimum is strictly inside the range"
    assert r.max_rate_profit < r.best_profit, "carving flat out earns less than the optimum"
    assert r.zero_rate_profit < r.best_profit, "no carving at all earns less too"
    # The closed form agrees with a dense grid search.
    i = int(np.argmax(r.profit))
    assert abs(r.carving_rates_per_hour[i] - r.best_rate_per_hour) <= top / 240
    assert r.best_profit >= r.profit.max() - 1e-9
    # (the lesson's numbers, about 34 servings an hour, $1,534 against $476 flat out, are
    # rows of the claims table in tests/test_mix_claims.py)


def test_buffet_more_carving_means_more_diners_with_saturation_and_more_beef():
    r = dl.buffet()
    assert np.all(np.diff(r.covers) > 0) and np.all(np.diff(r.covers, 2) < 1e-12)
    assert np.all(np.diff(r.beef_servings) > 0)
    assert r.covers[-1] < 120 + 80  # never above base + extra


def test_buffet_maximising_roast_beef_throughput_loses_money_against_the_optimum():
    # "Maximise the throughput of every product" = carve flat out: most beef, less profit.
    r = dl.buffet(120)
    assert r.beef_servings[-1] == r.beef_servings.max()
    assert r.chosen_profit == r.max_rate_profit < r.best_profit - 1000


def test_buffet_refuses_bad_input():
    with pytest.raises(ValueError, match="carving_rate_per_hour must be at most max_carving"):
        dl.buffet(130)
    with pytest.raises(ValueError, match="beef_cost_per_serving"):
        dl.buffet(beef_cost_per_serving=0)
    with pytest.raises(ValueError, match="hours_open"):
        dl.buffet(hours_open=math.nan)


def test_buffet_without_value_from_beef_is_best_at_zero_carving():
    assert dl.buffet(extra_covers_max=0).best_rate_per_hour == 0.0


# --- the loss leader ---------------------------------------------------------------------


def test_loss_leader_is_best_priced_below_cost_and_loses_money_itself():
    r = dl.loss_leader()
    assert 0 < r.best_price < r.leader_cost
    assert r.best_leader_throughput < 0, "the leader itself loses money at the best price"
    assert r.best_total > r.at_cost_total > r.regular_price_total
    i = int(np.argmax(r.total_throughput))
    assert abs(r.prices[i] - r.best_price) <= r.prices[1]


def test_loss_leader_without_baskets_is_just_a_product():
    r = dl.loss_leader(basket_throughput=0)
    assert r.best_price >= r.leader_cost


def test_loss_leader_refuses_a_price_above_the_regular_price():
    with pytest.raises(ValueError, match="leader_price must be at most regular_price"):
        dl.loss_leader(7.0)
    with pytest.raises(ValueError, match="cherry_picker_share"):
        dl.loss_leader(cherry_picker_share=1.5)


# --- the classifier ----------------------------------------------------------------------

# What the essay "Products vs throughput generators" says each example is:
ESSAY_ROLES = {
    "Buffet roast beef": "differentiator",  # "a differentiator, not a throughput generator"
    "Supermarket loss leader": "behavioural lever",  # a catalyst for traffic and baskets
    "Free software feature": "behavioural lever",  # "not the product; the sales engine"
    "Premium tier kept scarce": "differentiator",  # scarcity preserves price integrity
    "Unhurried high-end sales conversation": "differentiator",  # justifies premium pricing
    "Product P in Goldratt's P&Q": "revenue generator",  # a flow unit to exploit
}


def test_classifier_agrees_with_the_essay_on_its_examples():
    got = {n: dl.classify_offering(n, **a).role for n, a in dl.essay_offerings().items()}
    assert got == ESSAY_ROLES


def test_classifier_can_name_a_cost_driver():
    r = dl.classify_offering(
        "Free same-day delivery on tiny orders", False, "neither", True, "be consumed"
    )
    assert r.role == "cost driver"
    assert "Control how much" in r.sentence()


def test_classifier_never_ties_and_always_names_a_role():
    for answers in itertools.product([True, False], MAIN_JOBS, [True, False], PURPOSES):
        r = dl.classify_offering("x", *answers)
        assert r.role in ROLES
        ranked = sorted(r.scores.values(), reverse=True)
        assert ranked[0] > ranked[1], answers
        assert len(r.reasons) == 4


def test_classifier_refuses_vague_answers():
    with pytest.raises(ValueError, match="main_job must be one of"):
        dl.classify_offering("x", True, "both", False, "be consumed")
    with pytest.raises(ValueError, match="more_use_raises_profit must be True or False"):
        dl.classify_offering("x", "yes", "neither", False, "be consumed")
    assert dl.classify_offering("  ", True, "neither", False, "be consumed").name


# --- widgets -----------------------------------------------------------------------------


def trace_data(fw):
    return [(tuple(t.x), tuple(t.y)) for t in fw.data]


def test_buffet_explorer_is_the_main_control_and_one_step_redraws():
    w = dl.buffet_explorer()
    slider, fw, note = w.controls["carving_rate_per_hour"], w.figure, w.message
    assert MAIN_CONTROL in slider._dom_classes and MAIN_FIGURE in fw._dom_classes
    before = trace_data(fw)
    slider.value -= slider.step
    assert trace_data(fw) != before
    assert "118 servings/hour" in note.value


def test_explorers_survive_every_extreme():
    # How fast a step redraws is measured in benchmarks/bench_mix.py, not asserted here.
    for w in (dl.buffet_explorer(), dl.product_mix_explorer(), dl.loss_leader_explorer()):
        assert isinstance(w, Explorer) and w.controls and w.message is w.children[-1]
        sliders = [c for c in w.controls.values() if hasattr(c, "min")]
        note = w.message

        def says_something(note=note):
            assert note.value

        assert sweep_every_control(w, sliders, messages=[note], check=says_something) > 0
        for combo in itertools.product(*[(s.min, s.max) for s in sliders]):
            for s, v in zip(sliders, combo):
                s.value = v
            assert note.value and "Traceback" not in note.value


def test_product_mix_explorer_with_no_minutes_on_b_makes_nothing():
    w = dl.product_mix_explorer()
    # (the published plans it shows at start are rows of tests/test_mix_claims.py)
    w.controls["minutes_b"].value = 0  # B has no minutes: nothing that needs B can be made
    assert "0 P, 0 Q" in w.message.value


def test_offering_classifier_escapes_the_name_and_answers_every_combination():
    w = dl.offering_classifier()
    name, q1, q2, q3, q4 = w.controls.values()
    note = w.message
    name.value = "<img src=x onerror=alert(1)>"
    assert "<img" not in note.value and "&lt;img" in note.value
    for a1, a2, a3, a4 in itertools.product(q1.options, q2.options, q3.options, q4.options):
        q1.value, q2.value = a1[1], a2
        q3.value, q4.value = a3[1], a4
        assert any(role in note.value for role in ROLES)
    name.value = "x" * 5000
    assert note.value


# --- the scenario as the notebook and the facilitator notes state it ---------------------


NOTEBOOK_04 = "notebooks/04-evaporating-cloud.ipynb"
NOTES_04 = "instructors/04-evaporating-cloud.md"


def usd(x: float) -> str:
    return f"${x:,.0f}"


def test_scenario_numbers_appear_as_the_notebook_states_them():
    text = claims.lesson_text(NOTEBOOK_04, plain_dollars=True) + "\n" + claims.question_text("04-")
    b, ll = dataclasses.asdict(sc.BUFFET), dataclasses.asdict(sc.LOSS_LEADER)
    p, q = (vars(sc.PQ.products[k]) for k in "PQ")
    minutes = set(sc.PQ.resources.values())
    assert len(minutes) == 1, "the notebook says every resource has the same minutes"
    stated = [
        # the buffet's scenario paragraph
        f"**{usd(b['price_per_cover'])} a diner**",
        f"About **{b['base_covers']:.0f} diners**",
        f"up to **{b['extra_covers_max']:.0f} more**",
        f"every serving costs the restaurant **{usd(b['beef_cost_per_serving'])}**",
        f"up to **{b['max_carving_rate_per_hour']:.0f} servings an hour**",
        f"over a **{b['hours_open']:.0f}-hour** evening",
        f"Everything else a diner eats costs **{usd(b['other_food_cost_per_cover'])}**",
        f"**{usd(b['overhead_per_evening'])} an evening**",
        f"The station can carve {b['max_carving_rate_per_hour']:.0f} servings an hour",
        f"instead of {usd(b['beef_cost_per_serving'])}",
        f"it justifies the {usd(b['price_per_cover'])} price",
        # the loss leader
        f"below its {usd(ll['leader_cost'])} cost (regular shelf price {usd(ll['regular_price'])})",
        f"a basket worth {usd(ll['basket_throughput'])} of throughput",
        # P&Q: the scenario table, its text and the quiz
        f"each available **{minutes.pop():,} minutes a week**",
        f"costs **{usd(sc.PQ.operating_expense)} a week**",
        f"| P | {usd(p['price'])} | {usd(p['material_cost'])} | {p['demand']} | "
        + ", ".join(str(p["minutes"][r]) for r in "ABCD")
        + " |",
        f"| Q | {usd(q['price'])} | {usd(q['material_cost'])} | {q['demand']} | "
        + ", ".join(str(q["minutes"][r]) for r in "ABCD")
        + " |",
        f"P earns {usd(p['price'] - p['material_cost'])} a unit, "
        f"Q {usd(q['price'] - q['material_cost'])}",
        f"Q ({usd(q['price'] - q['material_cost'])} a unit)",
        f"P ({usd(p['price'] - p['material_cost'])} a unit)",
    ]
    missing = [s for s in stated if s not in text]
    assert not missing, f"{NOTEBOOK_04} no longer states: {missing}"
    load_b = p["demand"] * p["minutes"]["B"] + q["demand"] * q["minutes"]["B"]
    assert f"would need {load_b:,} minutes of resource B" in text


def test_scenario_numbers_appear_as_the_facilitator_notes_state_them():
    text = claims.lesson_text(NOTES_04, plain_dollars=True)
    b = dataclasses.asdict(sc.BUFFET)
    p, q = (vars(sc.PQ.products[k]) for k in "PQ")
    t_p, t_q = p["price"] - p["material_cost"], q["price"] - q["material_cost"]
    all_demand = p["demand"] * t_p + q["demand"] * t_q - sc.PQ.operating_expense
    load_b = p["demand"] * p["minutes"]["B"] + q["demand"] * q["minutes"]["B"]
    stated = [
        f"The slider starts at {b['max_carving_rate_per_hour']:.0f} an hour",
        f"| {b['max_carving_rate_per_hour']:.0f} servings an hour (flat out) |",
        f"worth {usd(b['price_per_cover'])}",
        f"{usd(all_demand)} (all demand: {p['demand']} × {usd(t_p)} + {q['demand']} × "
        f"{usd(t_q)} − {usd(sc.PQ.operating_expense)})",
        f"B would need {load_b:,} of its {sc.PQ.resources['B']:,} minutes",
        f"Most pick Q ({usd(t_q)} a unit)",
    ]
    missing = [s for s in stated if s not in text]
    assert not missing, f"{NOTES_04} no longer states: {missing}"
    # (the models' answers the notes read out, $640, 34 servings an hour for $1,534 and $476
    # flat out, are a row of the claims table in tests/test_mix_claims.py)


def test_model_defaults_come_from_the_scenario():
    import inspect

    for func, values in ((dl.buffet, sc.BUFFET), (dl.loss_leader, sc.LOSS_LEADER)):
        defaults = {n: p.default for n, p in inspect.signature(func).parameters.items()}
        assert defaults.pop("scenario") is None  # a whole scenario, named values on top
        assert defaults == dataclasses.asdict(values), func.__name__
        assert repr(func(scenario=values)) == repr(func())
    changed = dataclasses.replace(sc.BUFFET, beef_cost_per_serving=6.0)
    assert run_buffet(changed).best_profit == dl.buffet(beef_cost_per_serving=6.0).best_profit
    assert run_loss_leader(sc.LOSS_LEADER).best_price == dl.loss_leader().best_price
    pq = dl.pq_problem()
    assert pq["resources"] == sc.PQ.resources and pq["operating_expense"] == 6000
    assert pq["products"] == {k: {**vars(v), "minutes": dict(v.minutes)} for k, v in
                              sc.PQ.products.items()}  # fmt: skip
    pq["products"]["P"]["minutes"]["A"] = 99  # a fresh copy: the scenario is untouched
    assert sc.PQ.products["P"].minutes["A"] == 15 and dl.pq_problem() != pq
    assert dl.essay_offerings() == sc.ESSAY_OFFERINGS
