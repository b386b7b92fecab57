"""Lesson 01 · Factory A vs Factory B: the model, the search, the figures and the widgets.

The lesson's claims are asserted here on the lesson's own scenario (factory_scenario). The
numbers the notebook, the notes and the question bank quote are pinned once, in the claims
table of tests/test_factory_teaching.py; the hand calculations they do not quote are here,
each with its source written next to it.
"""

from __future__ import annotations

import dataclasses
import inspect
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import demandlab as dl
from demandlab.factory import scenario
from demandlab.factory.model import run_factory, scenario_of, tally
from demandlab.widgetkit import MAIN_CONTROL, MAIN_FIGURE, Explorer
from tests import claims
from tests.conftest import ROOT
from tests.sweep import messages_of, sweep_every_control, walk

A = dl.simulate_factory(**dl.factory_scenario("A"))
B = dl.simulate_factory(**dl.factory_scenario("B"))


# --- the lesson's story, on its own scenario ------------------------------------------
def test_every_production_measure_says_a():
    assert A.efficiency > B.efficiency
    assert A.utilization > B.utilization
    assert A.cost_per_unit < B.cost_per_unit
    assert A.units_produced > B.units_produced
    assert A.reported_profit > B.reported_profit


def test_every_money_and_customer_measure_says_b():
    assert A.net_profit < 0 < B.net_profit
    assert A.throughput_total < B.throughput_total
    assert A.cash_end < B.cash_end
    assert A.inventory_investment_end > B.inventory_investment_end
    assert A.roi < 0 < B.roi
    assert A.units_sold < B.units_sold
    # The two rows where A looks better are B's warning lights (the notebook says so):
    assert A.average_wait_weeks < B.average_wait_weeks
    assert A.units_lost < B.units_lost


def test_a_reports_a_profit_while_it_loses_money():
    assert A.reported_profit > 0 > A.net_profit
    assert A.reported_profit > A.net_profit
    # The gap is exactly the overhead parked in unsold units:
    # 33,800 units x $30,000 / 950 units = $1,067,368.42 (hand calculation).
    assert A.overhead_in_inventory == pytest.approx(33_800 * 30_000 / 950)
    assert B.reported_profit == pytest.approx(B.net_profit)  # no unsold stock at B


def test_scoreboard_tally_matches_the_notebook():
    # Notebook, "Explain": production view 5 of 5 for A; demand view B 6 of 8.
    assert tally(A, B, "production") == (5, 0, 5)
    assert tally(A, B, "demand") == (2, 6, 8)


def test_published_scenario_numbers():
    """Hand calculations behind the numbers the notebook prints; the printed numbers
    themselves (cost per unit, profits, cash, stock, wait, lost demand, break-even) are the
    claims table's rows in tests/test_factory_teaching.py."""
    # A makes 1,000 x 95% = 950 a week; sells its 300 orders; $100 price, $40 material.
    assert A.output_per_week == pytest.approx(950)
    # B's ROI = net profit 312,000 / 1,000,000 of plant = 31%
    assert B.roi == pytest.approx(0.312)
    # A's ROI: investment = 1,000,000 + mean inventory (650 x 26.5 x $40 = 689,000)
    assert A.investment == pytest.approx(1_689_000)
    assert A.roi == pytest.approx(A.net_profit / 1_689_000)
    # B ships 600 a week; customers wait 4 weeks then walk away. Backlog fills to 6,000
    # (see the weekly trace below).
    assert B.units_sold == pytest.approx(31_200)
    assert B.backlog[-1] == pytest.approx(6_000)


def test_b_backlog_trace_by_hand():
    # Week 1: 1,500 ordered, 600 shipped -> 900 wait. Each week adds 900 until orders
    # start expiring: week t ends with 900 t waiting, up to week 6 (5,400). In week 7 the
    # week-2 orders (1,500 - 600 = 900 left after week 2, 300 after week 3 ... ) expire.
    assert list(B.backlog[:6]) == [900, 1800, 2700, 3600, 4500, 5400]
    assert list(B.backlog[6:10]) == [6000] * 4
    assert list(B.lost[:8]) == [0, 0, 0, 0, 0, 0, 300, 900]


# --- the scenario file and what the notebook and the notes say about it ---------------
NOTEBOOK = ROOT / "notebooks" / "01-factory-a-vs-b.ipynb"
NOTES = ROOT / "instructors" / "01-factory-a-vs-b.md"


def notebook_markdown() -> str:
    """Every cell's text (markdown and quiz code), with markdown's "\\$" escapes removed."""
    return claims.notebook_text(NOTEBOOK).replace("\\", "")


def scenario_table() -> dict[str, tuple[str, str]]:
    """The notebook's scenario table: {row label: (Factory A cell, Factory B cell)}."""
    rows = {}
    for line in notebook_markdown().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and line.startswith("|") and cells[0] and "---" not in cells[0]:
            rows[cells[0]] = (cells[1], cells[2])
    return rows


def usd(x: float) -> str:
    return f"${x:,.0f}"


def shared_inputs() -> dict:
    """What both factories share: every input but efficiency and orders (the scenario file
    says only those two differ; the first assertion checks it)."""
    a, b = (dataclasses.asdict(scenario.SCENARIOS[k]) for k in "AB")
    differ = {k for k in a if a[k] != b[k]}
    assert differ == {"efficiency", "demand_per_week"}, differ
    return {k: v for k, v in a.items() if k not in differ}


def test_scenario_table_states_the_scenario_file():
    """An edited scenario.py must not disagree with the table learners read."""
    table = scenario_table()
    for side, name in enumerate("AB"):
        s = dataclasses.asdict(scenario.SCENARIOS[name])
        made = s["capacity_per_week"] * s["efficiency"]
        expected = {
            "Capacity at 100% efficiency": f"{s['capacity_per_week']:,.0f} units/week",
            "Efficiency": f"**{s['efficiency']:.0%}**",
            "Good units made": f"{made:,.0f}/week",
            "Orders from customers": f"**{s['demand_per_week']:,.0f}/week**",
            "Price / material cost": f"{usd(s['price'])} / {usd(s['material_cost'])} per unit",
            "Operating expense (wages, rent, energy)": (
                f"{usd(s['operating_expense_per_week'])}/week"
            ),
            "Cash at the start / plant and equipment": (
                f"{usd(s['initial_cash'])} / {usd(s['fixed_assets'])}"
            ),
            "Customers wait at most": f"{s['lead_time_tolerance_weeks']} weeks",
        }
        for row, cell in expected.items():
            assert table[row][side] == cell, (row, name)
    text = notebook_markdown()
    shared = shared_inputs()
    assert f"for one year of {shared['weeks']} weeks" in text
    assert not shared["make_to_order"] and "Both factories run flat out" in text
    assert (
        f"cost per unit = {usd(shared['material_cost'])} + "
        f"{usd(shared['operating_expense_per_week'])} ÷ units made"
    ) in text


def test_knob_ranges_and_quizzes_state_the_scenario_file():
    text = notebook_markdown()
    eff, cap = scenario.KNOBS["efficiency"], scenario.KNOBS["capacity_per_week"]
    mat, opx = scenario.KNOBS["material_cost"], scenario.KNOBS["operating_expense_per_week"]
    assert (
        f"efficiency {eff[0] * 100:.0f}–{eff[1] * 100:.0f}%, "
        f"capacity {cap[0]:,.0f}–{cap[1]:,.0f} a week, "
        f"material {usd(mat[0])}–{usd(mat[1])} and "
        f"operating expense {usd(opx[0])}–{usd(opx[1])} a week"
    ) in text
    a, b = (dataclasses.asdict(scenario.SCENARIOS[k]) for k in "AB")
    made_b = b["capacity_per_week"] * b["efficiency"]
    # "Fix Factory B", and the quizzes (in the question bank, built from the model)
    assert f"B makes {made_b:,.0f} units a week and {b['demand_per_week']:,.0f} are ordered" in text
    quizzes = dl.questions.lesson01.QUIZZES
    assert quizzes["01-one-more-unit"]["question"].startswith(
        f"B makes {made_b:,.0f} units a week and {b['demand_per_week']:,.0f} are ordered"
    )
    assert (
        f"profitable at {a['demand_per_week']:,.0f} orders a week?"
        in (quizzes["01-fix-inside"]["question"])
    )
    # the settings count in the notebook's prose and docstrings: 15 x 20 x 17 x 13
    settings = math.prod(round((hi - lo) / step) + 1 for lo, hi, step in scenario.KNOBS.values())
    assert settings == SEARCH.settings_tried  # 66,300: the claims table's row


def test_facilitator_notes_state_the_scenario_file():
    notes = NOTES.read_text()
    a, b = (dataclasses.asdict(scenario.SCENARIOS[k]) for k in "AB")
    s = shared_inputs()
    assert (
        f"Same building ({s['capacity_per_week']:,.0f} units/week at 100% efficiency), "
        f"same product ({usd(s['price'])} price, {usd(s['material_cost'])} material), "
        f"same {usd(s['operating_expense_per_week'])}/week operating expense, "
        f"${s['initial_cash'] / 1e6:g}M starting cash, ${s['fixed_assets'] / 1e6:g}M of plant, "
        f"customers wait at most {s['lead_time_tolerance_weeks']} weeks, "
        f"both run flat out for {s['weeks']} weeks."
    ) in notes
    for name, f in (("A", a), ("B", b)):
        assert (
            f"Factory {name}: {f['efficiency']:.0%} efficiency, "
            f"{f['demand_per_week']:,.0f} orders/week."
        ) in notes


def test_defaults_read_the_scenario_file():
    """Models and widgets take their numbers from scenario.py, not from copies."""
    kw = dl.factory_scenario("A")
    assert kw == dataclasses.asdict(scenario.SCENARIOS["A"])
    whole, by_keywords = run_factory(scenario.SCENARIOS["A"]), dl.simulate_factory(**kw)
    assert whole.net_profit == by_keywords.net_profit
    assert np.array_equal(whole.cash, by_keywords.cash)
    changed = scenario_of("A", demand_per_week=500)
    assert changed == dataclasses.replace(scenario.SCENARIOS["A"], demand_per_week=500)
    assert dl.factory_scenario("A", demand_per_week=500) == dataclasses.asdict(changed)
    sig = inspect.signature(dl.simulate_factory).parameters
    assert sig["weeks"].default == scenario.FactoryScenario.weeks == 52
    assert sig["fixed_assets"].default == scenario.FactoryScenario.fixed_assets
    sig = inspect.signature(dl.search_internal_fixes).parameters
    for knob, grid in scenario.KNOBS.items():
        assert sig[knob].default == grid
    demand = dl.fix_a_explorer().controls["demand_per_week"]
    assert (demand.min, demand.max, demand.step) == scenario.DEMAND_SLIDER


# --- tiny deterministic cases, worked by hand -----------------------------------------
def tiny(**kw):
    base = dict(
        capacity_per_week=10,
        efficiency=0.5,
        demand_per_week=[8, 3],
        price=10,
        material_cost=4,
        operating_expense_per_week=12,
        weeks=2,
        initial_cash=100,
        fixed_assets=1000,
    )
    return dl.simulate_factory(**{**base, **kw})


def test_two_weeks_customers_wait():
    r = tiny()
    # Makes 10 x 0.5 = 5 a week.
    # Week 1: 8 ordered, 5 made and shipped, 3 wait.
    # Week 2: 3 + 3 open, 5 made: ship the 3 old ones (waited 1 week) and 2 new; 1 waits.
    assert list(r.produced) == [5, 5]
    assert list(r.sold) == [5, 5]
    assert list(r.backlog) == [3, 1]
    assert list(r.inventory) == [0, 0]
    # average wait = (3 units x 1 week + 7 x 0) / 10 sold = 0.3 weeks
    assert r.average_wait_weeks == pytest.approx(0.3)
    # T = 10 x (10 - 4) = 60; net profit = 60 - 2 x 12 = 36
    assert r.throughput_total == pytest.approx(60)
    assert r.net_profit == pytest.approx(36)
    # cash: 100 + 50 - 5 x 4 - 12 = 118, then 118 + 50 - 20 - 12 = 136
    assert list(r.cash) == [118, 136]
    # nothing left unsold, so reported profit = net profit
    assert r.reported_profit == pytest.approx(36)


def test_two_weeks_impatient_customers_and_unsold_stock():
    r = tiny(lead_time_tolerance_weeks=0)
    # Week 1: 8 ordered, 5 shipped, 3 refuse to wait -> lost. Week 2: 3 ordered, 5 made,
    # 3 shipped, 2 left on the shelf.
    assert list(r.sold) == [5, 3]
    assert list(r.lost) == [3, 0]
    assert list(r.inventory) == [0, 2]
    # T = 5 x 6 + 3 x 6 = 48; net profit = 48 - 24 = 24
    assert r.net_profit == pytest.approx(24)
    # cash: 100 + 50 - 20 - 12 = 118, then 118 + 30 - 20 - 12 = 116
    assert list(r.cash) == [118, 116]
    # cost per unit = 4 + 12 / 5 = 6.40; reported = (50 - 5 x 6.4) + (30 - 3 x 6.4)
    # = 18 + 10.8 = 28.8; the 4.8 above net profit is 2 unsold units x $2.40 of overhead.
    assert r.cost_per_unit == pytest.approx(6.4)
    assert r.reported_profit == pytest.approx(28.8)
    assert r.overhead_in_inventory == pytest.approx(4.8)
    # inventory at material cost: 2 x 4 = 8; investment = 1,000 + mean(0, 8) = 1,004
    assert r.inventory_investment_end == pytest.approx(8)
    assert r.roi == pytest.approx(24 / 1004)
    assert r.utilization == pytest.approx(10 / 20)


def test_two_weeks_make_to_order():
    r = tiny(efficiency=1.0, demand_per_week=[3, 0], make_to_order=True)
    # Makes only what is ordered: 3 in week 1, nothing in week 2.
    assert list(r.produced) == [3, 0]
    # cost per unit = 4 + 12 / 3 = 8 (week 2's OE has no units to absorb it)
    assert r.cost_per_unit == pytest.approx(8)
    # reported = 30 - 3 x 8 - 12 (unabsorbed week 2) = -6 = net profit 3 x 6 - 24
    assert r.reported_profit == pytest.approx(-6)
    assert r.net_profit == pytest.approx(-6)
    assert r.utilization == pytest.approx(3 / 20)


def test_nothing_made_has_no_finite_unit_cost():
    r = tiny(efficiency=1.0, demand_per_week=[0, 0], make_to_order=True)
    assert r.units_produced == 0 and math.isinf(r.cost_per_unit)
    assert r.reported_profit == pytest.approx(-24) == r.net_profit


def test_random_demand_is_seeded():
    r1 = dl.simulate_factory(**dl.factory_scenario("A", demand_cv=0.5, seed=7))
    r2 = dl.simulate_factory(**dl.factory_scenario("A", demand_cv=0.5, seed=7))
    r3 = dl.simulate_factory(**dl.factory_scenario("A", demand_cv=0.5, seed=8))
    assert np.array_equal(r1.demand, r2.demand)
    assert not np.array_equal(r1.demand, r3.demand)
    assert (r1.demand >= 0).all() and r1.demand.std() > 0


def test_result_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        A.net_profit = 1.0  # type: ignore[misc]
    with pytest.raises(ValueError):
        A.cash[0] = 0.0


def test_make_to_order_story_of_exercise_2():
    """Exercise 2 and the facilitator notes: stopping overproduction saves cash, leaves net
    profit unchanged and makes every production measure worse."""
    mto = dl.simulate_factory(**dl.factory_scenario("A", make_to_order=True))
    # (net profit unchanged, utilisation 30%, cost per unit $140 and $1,352,000 more cash
    # are the claims table's rows; here what the notes' "every measure gets worse" adds)
    assert mto.utilization < A.utilization and mto.cost_per_unit > A.cost_per_unit
    assert mto.reported_profit == pytest.approx(mto.net_profit)
    assert mto.reported_profit < A.reported_profit
    # Exercise 3: B's patience changes waiting and losses, not net profit
    for patience in (None, 0):
        r = dl.simulate_factory(**dl.factory_scenario("B", lead_time_tolerance_weeks=patience))
        assert r.net_profit == pytest.approx(B.net_profit)


def test_instructor_examples_run():
    dl.factory_explorer(a={"demand_per_week": 450}, b={"price": 120})
    dl.year_explorer(a={"initial_cash": 2_000_000})
    dl.fix_a_explorer(start={"price": 110})
    dl.fix_b_explorer(b={"lead_time_tolerance_weeks": None})
    dl.simulate_factory(**dl.factory_scenario("A", demand_cv=0.3, seed=1))


# --- conservation laws on random inputs -----------------------------------------------
@settings(max_examples=60, deadline=None)
@given(
    capacity=st.floats(1, 5000),
    efficiency=st.floats(0.01, 1.0),
    demand=st.lists(st.floats(0, 5000), min_size=1, max_size=30),
    tolerance=st.one_of(st.none(), st.integers(0, 10)),
    make_to_order=st.booleans(),
)
def test_units_and_money_balance(capacity, efficiency, demand, tolerance, make_to_order):
    r = dl.simulate_factory(
        capacity,
        efficiency,
        demand,
        price=100,
        material_cost=40,
        operating_expense_per_week=1000,
        weeks=len(demand),
        initial_cash=5000,
        lead_time_tolerance_weeks=tolerance,
        make_to_order=make_to_order,
    )
    tol = 1e-6 * (1 + sum(demand) + capacity * len(demand))
    # made = sold + on the shelf; ordered = sold + lost + still waiting
    assert r.units_produced == pytest.approx(r.units_sold + r.inventory_end, abs=tol)
    assert r.units_demanded == pytest.approx(r.units_sold + r.units_lost + r.backlog[-1], abs=tol)
    assert (r.sold <= r.demand.sum() + tol).all() and (r.inventory >= -tol).all()
    assert (r.backlog >= -tol).all() and (r.lost >= -tol).all()
    # cash = start + net profit - material tied up in unsold units
    assert r.cash_end == pytest.approx(5000 + r.net_profit - 40 * r.inventory_end, abs=100 * tol)
    # reported profit exceeds net profit by the overhead held in unsold units (never less)
    assert r.overhead_in_inventory >= -100 * tol
    if make_to_order:
        assert r.inventory_end == pytest.approx(0, abs=tol)
    if tolerance is not None:
        assert (r.wait_weeks <= tolerance + 1e-9).all()
    for x in (r.net_profit, r.reported_profit, r.roi, r.average_wait_weeks):
        assert math.isfinite(x)


# --- fix A from the inside ------------------------------------------------------------
SEARCH = dl.search_internal_fixes()


def test_no_internal_setting_makes_a_profitable():
    assert SEARCH.demand_per_week == 300
    assert SEARCH.net_profit.max() < 0
    # (none profitable, the best loss of $187,200 at material $32 and OE $24,000, and the
    # break-even of 353 at those costs are the claims table's rows)
    # ties are broken toward where A stands: its own efficiency and capacity
    assert (SEARCH.best_efficiency, SEARCH.best_capacity_per_week) == (0.95, 1000)


def test_search_covers_every_slider_setting_of_fix_a_explorer():
    ui = dl.fix_a_explorer()
    grids = {
        "efficiency": SEARCH.efficiency_grid,
        "capacity_per_week": SEARCH.capacity_grid,
        "material_cost": SEARCH.material_cost_grid,
        "operating_expense_per_week": SEARCH.operating_expense_grid,
    }
    total = 1
    knobs = {k: c for k, c in ui.controls.items() if k != "demand_per_week"}
    for name, slider in knobs.items():
        reachable = np.arange(slider.min, slider.max + slider.step / 2, slider.step)
        np.testing.assert_allclose(grids[name], reachable)
        total *= reachable.size
    assert SEARCH.settings_tried == total


def test_search_can_find_a_profitable_optimum():
    """The search is not rigged: with enough demand it finds settings that make money."""
    rich = dl.search_internal_fixes(demand_per_week=600)
    assert rich.best_net_profit > 0 and rich.settings_profitable > 0
    # best = (600 x 68 - 24,000) x 52 = 873,600
    assert rich.best_net_profit == pytest.approx(873_600)


def test_search_agrees_with_the_model_setting_by_setting():
    small = dl.search_internal_fixes(
        demand_per_week=450,
        efficiency=(0.3, 1.0, 0.35),
        capacity_per_week=(100, 2000, 950),
        material_cost=(32, 48, 16),
        operating_expense_per_week=(24_000, 36_000, 12_000),
    )
    kw = dl.factory_scenario("A", demand_per_week=450)
    for i, e in enumerate(small.efficiency_grid):
        for j, c in enumerate(small.capacity_grid):
            for k, m in enumerate(small.material_cost_grid):
                for n, o in enumerate(small.operating_expense_grid):
                    r = dl.simulate_factory(
                        **{
                            **kw,
                            "efficiency": e,
                            "capacity_per_week": c,
                            "material_cost": m,
                            "operating_expense_per_week": o,
                        }
                    )
                    assert small.net_profit[i, j, k, n] == pytest.approx(r.net_profit)
    assert small.best_net_profit > 0  # 450 x 68 - 24,000 > 0


def test_break_even_demand_is_where_the_model_breaks_even():
    r = dl.simulate_factory(
        **dl.factory_scenario(
            "A",
            demand_per_week=SEARCH.break_even_demand_per_week,
            material_cost=32,
            operating_expense_per_week=24_000,
        )
    )
    assert r.net_profit == pytest.approx(0, abs=1e-6)


# --- fix B ----------------------------------------------------------------------------
def test_one_more_unit_is_worth_money_only_where_demand_waits():
    vb, va = dl.capacity_value("B"), dl.capacity_value("A")
    # B: 52 more units sold a year ($3,120 and A's $0 / -$2,080: the claims table's row)
    assert vb.constraint == "capacity"
    assert vb.units_sold_gain == pytest.approx(52)
    # one percentage point of B's efficiency = 10 units a week = $31,200 a year
    ten = dl.capacity_value("B", extra_units_per_week=10)
    assert ten.net_profit_gain == pytest.approx(31_200)
    # A: nothing more sells; its constraint is demand
    assert va.constraint == "demand"
    # B at 100% efficiency makes 1,000: (1,000 x 60 - 30,000) x 52 = 1,560,000
    full = dl.simulate_factory(**dl.factory_scenario("B", efficiency=1.0))
    assert full.net_profit == pytest.approx(1_560_000)


# --- bad input ------------------------------------------------------------------------
BAD_VALUES = [
    ("efficiency", 0, "efficiency must be a number > 0 and <= 1, got 0"),
    ("efficiency", 1.5, "efficiency must be a number > 0 and <= 1, got 1.5"),
    ("efficiency", -0.2, "efficiency"),
    ("efficiency", float("nan"), "efficiency must be a number > 0 and <= 1, got nan"),
    ("demand_per_week", -3, r"demand_per_week must be a number between 0 and 1e\+12, got -3"),
    ("demand_per_week", float("nan"), "demand_per_week"),
    ("demand_per_week", float("inf"), "demand_per_week"),
    ("demand_per_week", [300] * 51, r"one value per week \(52 values\)"),
    ("demand_per_week", [300] * 51 + [-1], "week 52"),
    ("demand_per_week", [300] * 51 + [float("nan")], "demand_per_week"),
    ("demand_per_week", [], "one value per week"),
    ("demand_per_week", [[300] * 52], "one value per week"),
    ("price", -1, "price must be"),
    ("material_cost", -0.01, "material_cost must be"),
    ("operating_expense_per_week", -5, "operating_expense_per_week must be"),
    ("capacity_per_week", 0, "capacity_per_week must be a number > 0"),
    ("capacity_per_week", 1e15, "capacity_per_week"),
    ("price", 1e300, "price must be"),
    ("weeks", 0, "weeks must be a whole number in 1..520, got 0"),
    ("weeks", 10**6, "weeks must be a whole number in 1..520"),
    ("weeks", 2.5, "weeks must be a whole number"),
    ("initial_cash", -1, "initial_cash"),
    ("fixed_assets", 0, "fixed_assets"),
    ("lead_time_tolerance_weeks", -1, "lead_time_tolerance_weeks"),
    ("lead_time_tolerance_weeks", 1.5, "lead_time_tolerance_weeks must be a whole number"),
    ("demand_cv", -0.1, "demand_cv"),
    ("demand_cv", 100, "demand_cv"),
    ("seed", -1, "seed"),
]


@pytest.mark.parametrize(("name", "value", "message"), BAD_VALUES)
def test_bad_input_is_refused_with_a_clear_message(name, value, message):
    kw = dl.factory_scenario("A")
    kw[name] = value
    if name == "demand_per_week" and isinstance(value, list):
        kw["weeks"] = 52
    with pytest.raises(ValueError, match=message):
        dl.simulate_factory(**kw)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("efficiency", "0.9"),
        ("efficiency", None),
        ("demand_per_week", "lots"),
        ("demand_per_week", None),
        ("price", True),
        ("weeks", "52"),
        ("make_to_order", "yes"),
        ("demand_per_week", ["a", "b"]),
    ],
)
def test_wrong_types_are_refused_naming_the_parameter(name, value):
    kw = dl.factory_scenario("A", weeks=2)
    kw[name] = value
    with pytest.raises((TypeError, ValueError), match=name):
        dl.simulate_factory(**kw)


def test_demand_cv_needs_a_single_mean():
    with pytest.raises(ValueError, match="demand_cv applies only"):
        dl.simulate_factory(
            **dl.factory_scenario("A", weeks=2, demand_per_week=[1, 2], demand_cv=1)
        )


def test_other_public_functions_refuse_bad_input():
    with pytest.raises(ValueError, match='name must be "A" or "B"'):
        dl.factory_scenario("C")
    with pytest.raises(
        ValueError, match=r"^scenario settings must be among efficiency, .*got \['colour'\]"
    ):
        dl.factory_scenario("A", colour="red")
    with pytest.raises(ValueError, match="efficiency must be"):
        dl.search_internal_fixes(efficiency=(0.0, 1.0, 0.1))
    with pytest.raises(ValueError, match=r"capacity_per_week must be .* at most 101 points, got"):
        dl.search_internal_fixes(capacity_per_week=(1, 1e6, 1))
    with pytest.raises(ValueError, match="at most 2,000,000 are allowed"):
        dl.search_internal_fixes(efficiency=(0.3, 1, 0.007), capacity_per_week=(100, 2000, 19))
    with pytest.raises(ValueError, match="cells x weeks"):
        dl.search_internal_fixes(
            efficiency=(0.3, 1, 0.007),
            capacity_per_week=(100, 2000, 19),
            material_cost=(40, 40, 1),
            operating_expense_per_week=(30_000, 30_000, 1),
            start={"weeks": 520},
        )
    with pytest.raises(ValueError, match="low <= high"):
        dl.search_internal_fixes(material_cost=(48, 32, 1))
    with pytest.raises(ValueError, match="demand_per_week"):
        dl.search_internal_fixes(demand_per_week=-1)
    with pytest.raises(ValueError, match="extra_units_per_week"):
        dl.capacity_value("B", extra_units_per_week=0)
    with pytest.raises(ValueError, match="FactoryResult"):
        dl.plot_profit_gap(A, "B")
    with pytest.raises(ValueError, match="week must be a whole number in"):
        dl.plot_year(A, B, week=53)
    with pytest.raises(ValueError, match="view must be"):
        dl.scoreboard(A, B, view="finance")
    with pytest.raises(ValueError, match="a must be a dict"):
        dl.factory_explorer(a=3)


# --- figures --------------------------------------------------------------------------
def test_figures_show_the_lesson():
    gap = dl.plot_profit_gap(A, B)
    assert list(gap.data[0].y) == pytest.approx([A.reported_profit, B.reported_profit])
    assert list(gap.data[1].y) == pytest.approx([A.net_profit, B.net_profit])
    heat = dl.plot_internal_fixes(SEARCH)
    assert np.max(np.asarray(heat.data[0].z)) < 0
    assert "all 66,300 settings lose money" in heat.layout.title.text
    year = dl.plot_year(A, B, week=27)
    assert "ran out in week 27" in year.layout.title.text
    fb = dl.plot_capacity_value(dl.capacity_value("B"), dl.capacity_value("A"))
    labels = [n.text for n in fb.layout.annotations if "today" in n.text]
    assert labels == ["B today: $3,120/yr per extra unit", "A today: $0/yr per extra unit"]
    # the year's three panels carry a subtitle over their titles: a little taller
    for fig in (gap, heat, year, fb):
        assert fig.layout.height <= 480 and fig.layout.title.text


def plotly_strings(fig):
    """Every piece of text plotly draws: titles, annotations, trace text and hover."""
    out = [fig.layout.title.text or ""]
    out += [a.text or "" for a in fig.layout.annotations]
    for axis in ("xaxis", "yaxis"):
        out.append(fig.layout[axis].title.text or "")
    for t in fig.data:
        out += [str(x) for x in (getattr(t, "text", None) or ())]
        out.append(getattr(t, "hovertemplate", None) or "")
        out.append(getattr(t, "name", None) or "")
    return out


def test_no_plotly_string_has_two_dollar_signs():
    """JupyterLab typesets "$...$" in plotly text as LaTeX, and the text vanishes."""
    figs = [
        dl.plot_profit_gap(A, B),
        dl.plot_year(A, B, week=30),
        dl.plot_internal_fixes(dl.search_internal_fixes(600)),
        dl.plot_capacity_value(dl.capacity_value("B"), dl.capacity_value("A")),
    ]
    for fig in figs:
        for text in plotly_strings(fig):
            assert text.count("$") <= 1, text


# --- widgets: every control at its extremes shows a sentence, never a traceback -------
EXPLORERS = {
    "factory_explorer": dl.factory_explorer,
    "year_explorer": dl.year_explorer,
    "fix_a_explorer": dl.fix_a_explorer,
    "fix_b_explorer": dl.fix_b_explorer,
}


@pytest.mark.parametrize("name", EXPLORERS)
def test_every_control_at_its_extremes_shows_a_sentence(name):
    ui = EXPLORERS[name]()
    (message,) = messages_of(ui)

    def says_something() -> None:
        assert message.value.strip(), f"{name}: no sentence"

    assert sweep_every_control(ui, check=says_something) > 0


def test_explorers_return_the_one_handle():
    for name, make in EXPLORERS.items():
        ui = make()
        assert isinstance(ui, Explorer), name
        assert ui.controls and ui.message is messages_of(ui)[0] and ui.result is not None
        assert ui.figure is not None and ui.figure in walk(ui)
    ui = dl.factory_explorer()
    ui.controls["a.demand_per_week"].value = 600
    assert ui.result[0].net_profit == pytest.approx(312_000)
    ui = dl.fix_b_explorer()
    ui.controls["efficiency"].value = 1.0
    assert ui.result.constraint == "capacity" and ui.result.efficiency == 1.0


def test_a_refused_value_becomes_a_sentence():
    ui = dl.fix_a_explorer()
    (message,) = messages_of(ui)
    # No slider can reach a refused value, so widen one past the model's 1e12 cap.
    before = ui.result
    ui.controls["material_cost"].max = 1e13
    ui.controls["material_cost"].value = 1e13
    assert "That setting cannot run" in message.value and "material_cost" in message.value
    assert ui.result is before and "material_cost" in ui.refused  # the last good result stays


def test_exactly_one_main_control_and_it_redraws_the_main_figure():
    mains = {}
    for name, make in EXPLORERS.items():
        ui = make()
        for w in walk(ui):
            if MAIN_CONTROL in getattr(w, "_dom_classes", ()):
                mains[name] = (ui, w)
    assert list(mains) == ["fix_a_explorer"]
    ui, control = mains["fix_a_explorer"]
    assert MAIN_FIGURE in ui.figure._dom_classes
    before = np.asarray(ui.figure.data[0].z).copy()
    control.value = control.value + control.step
    assert not np.array_equal(before, np.asarray(ui.figure.data[0].z))


def test_explorers_react_to_their_controls():
    ui = dl.factory_explorer()
    ui.controls["a.demand_per_week"].value = 1000
    html = ui.panels["demand"].value
    assert "Net profit" in html and "$1.40M" in html  # A at 1,000 orders: 950 sold x $60 - OE
    ui = dl.year_explorer()
    ui.controls["week"].value = 27
    assert "cash ran out in week 27" in ui.figure.layout.title.text
    ui = dl.fix_b_explorer()
    ui.controls["efficiency"].value = 1.0
    ui.controls["capacity_per_week"].value = 2000
    assert "constraint is now demand" in ui.message.value


def test_utilisation_is_the_course_spelling_and_utilization_its_alias():
    fields = {f.name for f in dataclasses.fields(A)}
    assert "utilisation" in fields and "utilization" not in fields
    assert A.utilization == A.utilisation == pytest.approx(0.95)
    assert "utilisation" in A.summary()["production"]
