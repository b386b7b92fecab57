"""Lesson 02, takt time with and without demand: hand checks of the factory case, the level
vs chase plan and the sales funnel (against the flow engine's drop-outs), bad input, and
the widgets driven to every extreme.

Sources of the published numbers: the lesson's scenario (notebooks/02-takt-time.ipynb,
"## Scenario"), computed by hand in the comments next to each assertion.
"""

from __future__ import annotations

import dataclasses
import math
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import demandlab as dl
from demandlab.takt import (
    NoDemandError,
    bottleneck_stage,
    capacity_pace,
    factory_vs_funnel,
    factory_vs_funnel_explorer,
    funnel_explorer,
    funnel_yield,
    level_explorer,
    level_vs_chase,
    line_balance,
    plot_factory_vs_funnel,
    plot_funnel,
    plot_level_vs_chase,
    plot_line_balance,
    pooled_pace,
    required_inflow,
    simulate_funnel,
    stage_capacity_paces,
    takt_explorer,
    takt_time,
)
from demandlab.takt.model import FunnelResult, balance
from demandlab.takt.scenario import SCENARIO as sc
from demandlab.widgetkit import BAD_COLOR, MAIN_CONTROL, MAIN_FIGURE, Explorer
from tests import claims
from tests.sweep import buttons_of, sweep_every_control, walk

# --------------------------------------------------------------------------- factory case


def test_takt_on_the_factory_case():
    # Scenario: 8-hour shift = 480 min, minus 30 min of breaks = 450 min; 50 bikes a shift.
    # takt = 450 / 50 = 9.0 min per bike.
    assert sc.available_minutes == 450
    assert takt_time(450, 50) == pytest.approx(9.0)
    assert takt_time(27_000, 300) == pytest.approx(90.0)  # any unit: seconds in, seconds out


def test_line_balance_on_the_factory_case():
    lb = line_balance()
    # Station times 6.0 + 7.5 + 8.4 + 5.2 + 4.3 = 31.4 min of work per bike.
    assert lb.work_content_minutes == pytest.approx(31.4)
    # Minimum operators = ceil(work content / takt) = ceil(31.4 / 9.0) = ceil(3.49) = 4.
    assert lb.min_operators == math.ceil(31.4 / 9.0) == 4
    # Bottleneck: Drivetrain, 8.4 min -> capacity 450 / 8.4 = 53.57 bikes a shift >= 50.
    assert lb.bottleneck == "Drivetrain" and lb.bottleneck_minutes == 8.4
    assert lb.capacity_per_shift == pytest.approx(450 / 8.4)
    assert lb.meets_demand and lb.short_per_shift == 0
    # Load vs takt: 8.4 / 9 = 0.933 at the bottleneck.
    assert max(lb.load_vs_takt) == pytest.approx(8.4 / 9)
    # Idle per cycle: 9 - t per station = 3.0, 1.5, 0.6, 3.8, 4.7; total 5 x 9 - 31.4 = 13.6.
    assert lb.idle_minutes_per_cycle == pytest.approx((3.0, 1.5, 0.6, 3.8, 4.7))
    assert lb.total_idle_minutes_per_cycle == pytest.approx(13.6)


def test_demand_above_capacity_cannot_be_met():
    # 60 bikes: takt = 450 / 60 = 7.5 min < Drivetrain's 8.4 min.
    lb = line_balance(demand_per_shift=60)
    assert lb.takt_minutes == pytest.approx(7.5)
    assert not lb.meets_demand
    assert lb.short_per_shift == pytest.approx(60 - 450 / 8.4)  # 6.43 a shift unmade
    # ceil(31.4 / 7.5) = ceil(4.19) = 5 operators would be needed at that takt.
    assert lb.min_operators == 5
    # 53 still fits: takt 450 / 53 = 8.49 >= 8.4; 54 does not: 8.33 < 8.4.
    assert line_balance(demand_per_shift=53).meets_demand
    assert not line_balance(demand_per_shift=54).meets_demand


def test_low_demand_means_idle_time_not_overproduction():
    # 10 bikes: takt 45 min; every station is idle most of each cycle.
    lb = line_balance(demand_per_shift=10)
    assert lb.takt_minutes == pytest.approx(45.0)
    assert lb.min_operators == 1  # ceil(31.4 / 45) = 1
    assert lb.total_idle_minutes_per_cycle == pytest.approx(5 * 45 - 31.4)


def test_min_operators_has_no_float_fuzz():
    # 27 min of work at takt 9 is exactly 3 operators, although 2.7 / 0.9 in floats is 3.0000...4
    assert line_balance([0.9, 0.9, 0.9], 9, 10, None).min_operators == math.ceil(2.7 / 0.9 - 1e-9)
    assert line_balance([9, 9, 9], 450, 50, None).min_operators == 3


def test_no_demand_no_takt():
    with pytest.raises(NoDemandError, match="no customer demand there is no takt"):
        takt_time(450, 0)
    assert issubclass(NoDemandError, ValueError)
    assert dl.NoDemandError is NoDemandError
    with pytest.raises(NoDemandError):
        line_balance(demand_per_shift=0)
    with pytest.raises(NoDemandError):
        level_vs_chase([0, 0, 0])
    with pytest.raises(NoDemandError, match="no buyers"):
        simulate_funnel(100, deals_wanted_per_week=0)


@pytest.mark.parametrize(
    "available, demand, word",
    [
        (-1, 50, "available_time"),
        (float("nan"), 50, "available_time"),
        (float("inf"), 50, "available_time"),
        (450, -3, "demand"),
        (450, float("nan"), "demand"),
        (450, float("inf"), "demand"),
        ("450", 50, "available_time"),
        (450, None, "demand"),
        (True, 50, "available_time"),
        (0, 50, "available_time"),
        (1e-300, 1e300, "out of range"),
        (1e300, 1e-300, "out of range"),
    ],
)
def test_takt_time_refuses_bad_input(available, demand, word):
    with pytest.raises(ValueError, match=word):
        takt_time(available, demand)


@pytest.mark.parametrize(
    "kwargs, word",
    [
        ({"station_minutes": []}, r"^station_minutes must have 1\.\.30 values, got 0$"),
        ({"station_minutes": [1, -2]}, r"station_minutes\[1\]"),
        ({"station_minutes": [1, float("nan")]}, r"station_minutes\[1\]"),
        ({"station_minutes": "abc"}, "station_minutes"),
        ({"station_minutes": [[1, 2]]}, "station_minutes"),
        ({"station_minutes": [1.0] * 31}, r"^station_minutes must have 1\.\.30 values, got 31$"),
        ({"station_minutes": [1, 2], "station_names": ["a"]}, "one name per station"),
        ({"station_names": ["a", "b", "c", "d", ""]}, r"station_names\[4\]"),
        ({"available_minutes": 0}, "available_minutes"),
        ({"available_minutes": -5}, "available_minutes"),
        ({"demand_per_shift": -1}, "demand_per_shift"),
        (
            {"demand_per_shift": 1e12},
            r"^demand_per_shift must be a number between 0 and 1e\+06, got 1000000000000\.0$",
        ),
    ],
)
def test_line_balance_refuses_bad_input(kwargs, word):
    with pytest.raises(ValueError, match=word):
        line_balance(**kwargs)


@settings(max_examples=200, deadline=None)
@given(
    available=st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers()),
    demand=st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers()),
)
def test_takt_time_never_returns_nonsense(available, demand):
    try:
        takt = takt_time(available, demand)
    except ValueError:
        return
    assert math.isfinite(takt) and takt > 0


# --------------------------------------------------------------------------- level vs chase


def test_level_vs_chase_on_the_lesson_days():
    # Ten days: 42 58 47 61 39 50 55 44 63 41 -> total 500, average 50.
    assert sum(sc.daily_demand) == 500
    plan = level_vs_chase()
    # Level: takt 450 / 50 = 9.0 min, ceil(31.4 / 9) = 4 operators every day.
    assert plan.level_takt_minutes == pytest.approx(9.0)
    assert plan.level_operators == 4
    # Chase: takt from 450 / 63 = 7.14 to 450 / 39 = 11.54 min.
    takts = [t for t in plan.takt_minutes_per_day if t is not None]
    assert min(takts) == pytest.approx(450 / 63) and max(takts) == pytest.approx(450 / 39)
    # Operators ceil(31.4 * d / 450): 39 -> 3, 63 -> ceil(4.40) = 5.
    assert (min(plan.chase_operators_per_day), max(plan.chase_operators_per_day)) == (3, 5)
    # Days above 450 / 8.4 = 53.6 bikes need overtime: 58, 61, 55, 63 -> 4 days;
    # on day 9: 63 * 8.4 - 450 = 79.2 min.
    assert plan.overtime_days == 4
    assert plan.chase_overtime_minutes_per_day[8] == pytest.approx(79.2)
    # Level stock: cumulative (50 - d) = 8, 0, 3, -8, 3, 3, -2, 4, -9, 0 -> start with 9;
    # stock 17, 9, 12, 1, 12, 12, 7, 13, 0, 9 -> at most 17.
    assert plan.start_stock == pytest.approx(9)
    assert plan.stock_per_day == pytest.approx((17, 9, 12, 1, 12, 12, 7, 13, 0, 9))
    assert plan.max_stock == pytest.approx(17)


def test_level_vs_chase_day_without_orders():
    plan = level_vs_chase([0, 100])
    assert plan.takt_minutes_per_day[0] is None and plan.chase_operators_per_day[0] == 0
    assert plan.level_takt_minutes == pytest.approx(9.0)
    plot_level_vs_chase(plan)  # a day without takt still draws


@pytest.mark.parametrize(
    "kwargs, word",
    [
        ({"demand_per_day": []}, r"^demand_per_day must have 1\.\.3660 values, got 0$"),
        ({"demand_per_day": [5, -1]}, r"demand_per_day\[1\]"),
        ({"demand_per_day": [5, float("inf")]}, r"demand_per_day\[1\]"),
        ({"demand_per_day": [1] * 5000}, r"^demand_per_day must have 1\.\.3660 values, got 5,000$"),
        ({"available_minutes": float("nan")}, "available_minutes"),
    ],
)
def test_level_vs_chase_refuses_bad_input(kwargs, word):
    with pytest.raises(ValueError, match=word):
        level_vs_chase(**kwargs)


# --------------------------------------------------------------------------- sales funnel


def test_funnel_yield_and_required_inflow_by_hand():
    # Pass-through: qualify 0.5, discovery 0.5, demo & proposal 0.4, negotiate & close 0.5.
    # yield = 0.5 * 0.5 * 0.4 * 0.5 = 0.05 (1 inquiry in 20 becomes a deal).
    assert funnel_yield() == pytest.approx(0.05)
    # Buyers want 10 deals a week: inflow = demand / yield = 10 / 0.05 = 200 inquiries a week.
    assert required_inflow() == pytest.approx(200.0)
    assert required_inflow(3, [0.9, 0.5]) == pytest.approx(3 / 0.45)
    # A factory line finishes everything it starts: yield 1, inflow = demand.
    assert required_inflow(50, [1.0, 1.0, 1.0]) == pytest.approx(50)


def test_capacity_pace_by_hand():
    # Each team's limit, the capacity pace of 240 (the smallest: the discovery team runs out
    # first) and the pooled 275 are worked by hand in the claims table of
    # tests/test_takt_claims.py, next to the sentences that quote them.
    assert capacity_pace() == min(stage_capacity_paces())
    assert bottleneck_stage() == sc.funnel_stages[int(np.argmin(stage_capacity_paces()))]
    assert pooled_pace() > capacity_pace()  # pooling overstates capacity
    # Sales takt from capacity: 2400 min / 240 = 10 min; from buyers: 2400 / 200 = 12 min.
    assert takt_time(40 * 60, capacity_pace()) == pytest.approx(10.0)
    assert takt_time(40 * 60, required_inflow()) == pytest.approx(12.0)
    # A balanced team: every stage's limit equal, so pooled and stage-by-stage agree.
    # Two stages: 80 h / 1.0 h = 80 and 80 h / (2.0 h x 0.5) = 80; pooled 160 / 2.0 h = 80.
    even = ([0.5, 0.5], [1.0, 2.0], [2, 2])
    assert capacity_pace(*even) == pytest.approx(80.0) == pooled_pace(*even)


def _analytic_in_ci(r: FunnelResult) -> bool:
    lo, hi = r.finished_share_ci
    return lo <= r.expected_yield <= hi


@pytest.mark.parametrize("pace", [None, 275, 150, 400])
def test_simulated_finished_share_matches_analytic_yield(pace):
    r = simulate_funnel(pace)
    # The run's own 95% Wilson interval (from its finished / started count) holds the
    # analytic yield: 0.05 at buyers' pace or below; 0.05 * 200 / pace above it.
    assert _analytic_in_ci(r), (r.finished_share, r.finished_share_ci, r.expected_yield)
    p = r.pace_per_week
    assert r.expected_yield == pytest.approx(0.05 * min(1.0, 200 / p))
    assert r.started == sum(r.dropped_per_stage) + r.open_at_end + r.deals_in_period
    assert r.finished + r.dropped == r.started


def test_finished_share_across_seeds():
    # Over 20 seeds a 95% interval should miss about once; more than 4 misses
    # (P < 0.003 for Binomial(20, 0.05)) means the funnel's yield is wrong.
    misses = sum(not _analytic_in_ci(simulate_funnel(seed=s)) for s in range(20))
    assert misses <= 4


def test_pooled_pace_piles_up_unfinished_work():
    # One quarter (seed 2) at buyers' 200 and at the pooled 275 a week; the lesson's
    # claims over 30 quarters are in tests/test_takt_claims.py.
    buyers = simulate_funnel()  # 200 a week
    pushed = simulate_funnel(pooled_pace())  # 275 a week
    assert buyers.stable and not pushed.stable
    assert (buyers.open_at_end, pushed.open_at_end) == (14, 313)
    assert pushed.mean_open_age_days > 10 * buyers.mean_open_age_days
    assert (buyers.deals_in_period, pushed.deals_in_period) == (133, 95)
    assert pushed.finished_share < buyers.finished_share
    assert pushed.wasted_hours_share > buyers.wasted_hours_share
    # The open pile keeps climbing under push: the last week is the highest.
    assert pushed.open_per_week[-1] == max(pushed.open_per_week)


def test_extra_buyer_mix_sets_what_the_extra_inquiries_hold():
    # 0: the 100 a week beyond buyers' 200 hold no buyers: yield 0.05 x 200 / 300.
    assert simulate_funnel(300).expected_yield == pytest.approx(0.05 * 200 / 300)
    # 1: they hold buyers as today's inquiries do: yield stays 0.05.
    assert simulate_funnel(300, extra_buyer_mix=1).expected_yield == pytest.approx(0.05)
    # 0.5: half: (200 + 0.5 x 100) / 300 of 0.05.
    half = simulate_funnel(300, extra_buyer_mix=0.5)
    assert half.expected_yield == pytest.approx(0.05 * 250 / 300)
    assert _analytic_in_ci(half)
    # Below buyers' pace there are no extra inquiries: the mix changes nothing.
    assert simulate_funnel(150, extra_buyer_mix=1) == dataclasses.replace(
        simulate_funnel(150), extra_buyer_mix=1.0
    )
    for bad in (-0.1, 1.5, "x"):
        with pytest.raises(ValueError, match="extra_buyer_mix"):
            simulate_funnel(300, extra_buyer_mix=bad)


def test_funnel_is_deterministic_with_a_seed():
    assert simulate_funnel(seed=5) == simulate_funnel(seed=5)


@pytest.mark.parametrize(
    "kwargs, word",
    [
        ({"pace_per_week": 0}, r"^pace_per_week must be a number > 0 \(no inquiries .* got 0$"),
        ({"pace_per_week": -5}, "pace_per_week"),
        ({"pace_per_week": 1e-9}, "at least 0.01"),
        ({"deals_wanted_per_week": 1e-300}, "at least 0.01"),
        ({"pace_per_week": float("nan")}, "pace_per_week"),
        ({"pace_per_week": 1e9}, "pace_per_week must be at most"),
        ({"deals_wanted_per_week": -1}, "deals_wanted_per_week"),
        ({"pass_rates": [0.5, 0.5, 0.4]}, "one value per stage"),
        ({"pass_rates": [0.5, 0.5, 0.4, 0]}, r"pass_rates\[3\]"),
        ({"pass_rates": [0.5, 0.5, 0.4, 1.5]}, r"pass_rates\[3\]"),
        ({"hours_per_inquiry": [0.2, 1, 2.4, -3]}, r"hours_per_inquiry\[3\]"),
        ({"people": [2, 3, 4, 0]}, r"people\[3\]"),
        ({"people": [2, 3, 4, 2.5]}, r"people\[3\]"),
        ({"work_cv": -0.1}, "work_cv"),
        ({"work_cv": 5}, "work_cv"),
        ({"work_cv": 1e-300}, "work_cv"),
        ({"weeks": 0}, "weeks"),
        ({"weeks": 1000}, "weeks"),
        ({"weeks": 2.5}, "weeks"),
        ({"seed": -1}, "seed"),
        (
            {"stage_names": ["a"]},
            r"^stage_names must be one name per stage \(4 names\), got \['a'\]$",
        ),
        ({"pace_per_week": 5000, "weeks": 104}, "too many to simulate"),
    ],
)
def test_funnel_refuses_bad_input(kwargs, word):
    with pytest.raises(ValueError, match=word):
        simulate_funnel(**kwargs)


def test_factory_vs_funnel():
    c = factory_vs_funnel()
    # The factory finishes 100% of what it starts, and 50 +- 1 bikes every shift.
    assert c.factory_finished_share == 1.0 and c.factory_wasted_share == 0.0
    assert set(c.factory_output_per_period) <= {49, 50, 51}
    # The funnel finishes about 5% and its weekly deals swing far more.
    assert c.funnel_finished_share == pytest.approx(0.05, abs=0.01)
    assert c.funnel_output_cv > 10 * c.factory_output_cv
    # Published: output per shift varies 1%, deals per week 29% ("about 30%" in the prose).
    assert (round(c.factory_output_cv, 2), round(c.funnel_output_cv, 2)) == (0.01, 0.29)
    assert c.funnel_wasted_share > 0.7
    assert len(plot_factory_vs_funnel(c).data) == 3
    with pytest.raises(ValueError, match="shifts"):
        factory_vs_funnel(shifts=1)


# --------------------------------------------------------------------------- figures


def test_figures_keep_the_same_layout_keys():
    with_takt = plot_line_balance(line_balance())
    no_takt = plot_line_balance(balance(sc.station_minutes, 450, 0, None))
    assert len(with_takt.layout.shapes) == 1 and no_takt.layout.shapes == ()
    # plotly drops an empty shapes list when serialising, so only this key may differ
    keys = set(with_takt.to_plotly_json()["layout"]) - {"shapes"}
    assert keys == set(no_takt.to_plotly_json()["layout"]) - {"shapes"}


def test_figures_refuse_wrong_input():
    for plot in (plot_line_balance, plot_level_vs_chase, plot_funnel, plot_factory_vs_funnel):
        with pytest.raises(ValueError):
            plot(None)


def test_hostile_station_names_are_escaped():
    hostile = "<img src=x onerror=alert(1)>"
    lb = line_balance([1, 2], 100, 10, [hostile, "ok"])
    fig = plot_line_balance(lb)
    assert hostile not in str(fig.to_plotly_json())
    w = takt_explorer([1, 2], 100, 60, [hostile, "ok"])
    html = w.message.value
    assert "<img" not in html
    assert "<img" not in str(w.figure.layout.title.text)


# --------------------------------------------------------------------------- widgets


def _message_ok(w):
    html = w.message.value
    assert html and "Traceback" not in html
    return html


def test_takt_explorer_main_control_and_figure():
    w = takt_explorer()
    demand, fw = w.controls["demand_per_shift"], w.figure
    assert MAIN_CONTROL in demand._dom_classes and MAIN_FIGURE in fw._dom_classes
    assert sum(MAIN_CONTROL in getattr(c, "_dom_classes", ()) for c in walk(w)) == 1
    before = fw.data[1].y
    demand.value = demand.value + 1  # one step moves the idle bars (trace data)
    assert fw.data[1].y != before


def test_takt_explorer_zero_demand_removes_the_line_and_says_why():
    w = takt_explorer()
    demand, fw, note = w.controls["demand_per_shift"], w.figure, w.message
    demand.value = 0
    assert fw.layout.shapes == ()
    assert "no takt to follow" in note.value
    assert "disappeared" in note.value
    demand.value = 50
    assert len(fw.layout.shapes) == 1


def test_takt_explorer_above_capacity_is_red():
    w = takt_explorer()
    w.controls["demand_per_shift"].value = 60
    assert "cannot meet demand" in w.message.value
    assert "53 a shift, so 7 a shift go unserved" in w.message.value  # floor 53.57, ceil 6.43
    assert BAD_COLOR in w.message.value


@pytest.mark.parametrize("factory", [takt_explorer, funnel_explorer, level_explorer])
def test_every_control_at_every_extreme(factory):
    w = factory()
    # A pace of 0 starts no inquiry: the funnel explorer says so as a refusal, by design.
    tried = sweep_every_control(
        w, check=lambda: _message_ok(w), allow_refusal=factory is funnel_explorer
    )
    assert tried > 0


def test_button_only_explorer_survives_every_press():
    # factory_vs_funnel_explorer has no slider for the sweep: only its button, pressed
    # a few times, each press a sentence (never a traceback or a refusal).
    w = factory_vs_funnel_explorer()
    buttons = buttons_of(w)
    assert buttons
    for _ in range(3):
        for b in buttons:
            b.click()
            assert "cannot run" not in _message_ok(w)


@pytest.mark.parametrize(
    "factory, controls, result",
    [
        (takt_explorer, {"demand_per_shift", "available_minutes"}, "LineBalance"),
        (
            funnel_explorer,
            {"from_capacity", "from_buyers", "pace_per_week", "extra_buyer_mix", "work_cv"},
            "FunnelResult",
        ),
        (level_explorer, {"swing_percent"}, "LevelVsChase"),
        (factory_vs_funnel_explorer, {"another_quarter"}, "FactoryVsFunnel"),
    ],
)
def test_explorers_are_the_shared_handle(factory, controls, result):
    w = factory()
    assert isinstance(w, Explorer) and set(w.controls) == controls
    assert w.figure is w.children[-2] and w.message is w.children[-1]
    assert type(w.result).__name__ == result
    for c in w.controls.values():
        assert c in walk(w)


def test_explorer_result_follows_the_controls():
    w = takt_explorer()
    w.controls["demand_per_shift"].value = 60
    assert w.result.demand_per_shift == 60 and not w.result.meets_demand
    w.controls["demand_per_shift"].value = 0
    assert w.result.takt_minutes is None
    f = funnel_explorer()
    f.controls["from_buyers"].click()
    assert f.result.pace_per_week == 200
    f.controls["pace_per_week"].value = 0  # refused: the last good result stays on show
    assert f.result.pace_per_week == 200 and "no inquiries are started" in f.refused


def test_funnel_explorer_buttons_set_the_pace():
    w = funnel_explorer()
    from_capacity, from_buyers = w.controls["from_capacity"], w.controls["from_buyers"]
    pace, mix, note = w.controls["pace_per_week"], w.controls["extra_buyer_mix"], w.message
    assert pace.value == 240 and "cannot keep up" in note.value
    assert mix.value == 0 and "hold 0% of today" in note.value
    from_buyers.click()
    assert pace.value == 200 and "from buyers" in note.value
    assert "cannot keep up" not in note.value
    from_capacity.click()
    assert pace.value == 240 and "from team capacity" in note.value
    mix.value = 100
    assert w.result.extra_buyer_mix == 1.0 and "hold 100% of today" in note.value
    pace.value = 0
    assert "no inquiries are started" in note.value
    pace.value = 100
    assert "went unanswered" in note.value


def test_level_explorer_swing():
    w = level_explorer()
    swing, note = w.controls["swing_percent"], w.message
    swing.value = 0  # every day 50: chase and level are the same plan
    assert "one takt of 9.0 min and 4 operators every day" in note.value
    assert "at most 0 units" in note.value
    swing.value = 200
    assert "overtime on" in note.value and BAD_COLOR in note.value


def test_factory_vs_funnel_explorer_runs_new_quarters():
    w = factory_vs_funnel_explorer()
    button, fw, note = w.controls["another_quarter"], w.figure, w.message
    before = fw.data[2].y
    button.click()
    assert "quarter 2" in note.value and fw.data[2].y != before
    with pytest.raises(ValueError, match="seed"):
        factory_vs_funnel_explorer(seed=-1)


def test_widgets_refuse_bad_arguments():
    with pytest.raises(ValueError):
        takt_explorer(station_minutes=[])
    with pytest.raises(ValueError):
        takt_explorer(available_minutes=1e9)
    with pytest.raises(NoDemandError):
        funnel_explorer(deals_wanted_per_week=0)


def test_public_names_are_exported():
    for name in (
        "takt_time",
        "NoDemandError",
        "line_balance",
        "plot_line_balance",
        "takt_explorer",
        "level_vs_chase",
        "plot_level_vs_chase",
        "funnel_yield",
        "required_inflow",
        "capacity_pace",
        "simulate_funnel",
        "plot_funnel",
        "funnel_explorer",
        "factory_vs_funnel",
        "factory_vs_funnel_explorer",
        "level_explorer",
        "plot_factory_vs_funnel",
    ):
        assert name in dl.__all__ and getattr(dl, name) is not None
    assert np.isclose(dl.takt_time(450, 50), 9.0)


# --------------------------------------------------------------------------- the scenario


def _notebook() -> tuple[str, str]:
    """The notebook's markdown and its code cells, each as one text."""
    text = {"markdown": [], "code": []}
    for cell in claims.cells("notebooks/02-takt-time.ipynb"):
        text.setdefault(cell["cell_type"], []).append("".join(cell["source"]))
    return "\n".join(text["markdown"]), "\n".join(text["code"])


def _row(values, fmt: str = "{}") -> str:
    """A markdown table row's cells as the notebook writes them: ``| a | b | c |``."""
    return " | ".join(fmt.format(v) for v in values)


WORDS = {3: "three", 4: "four", 5: "five", 10: "ten", 11: "eleven"}


def test_scenario_numbers_are_the_ones_the_lesson_states():
    # notebooks/02-takt-time.ipynb ("## Scenario", "Who sets takt in sales?", the quiz and the
    # checked cells' comments) and instructors/02-takt-time.md state these numbers; an edited
    # scenario.py must not silently disagree with them.
    md, code = _notebook()
    notes = (claims.ROOT / "instructors" / "02-takt-time.md").read_text(encoding="utf-8")
    shift, avail = sc.shift_minutes, sc.available_minutes
    # The bike line.
    assert f"The shift is {shift / 60:.0f} hours ({shift:.0f} minutes)" in md
    assert f"leave **{avail:.0f} minutes** of working time" in md
    assert sc.break_minutes == 3 * 10  # "two 10-minute breaks and a 10-minute team huddle"
    assert "two 10-minute breaks and a 10-minute team huddle" in md
    assert f"Customers order **{sc.demand_per_shift} bikes a shift**" in md
    assert f"{WORDS[len(sc.station_names)].capitalize()} stations build each bike" in md
    assert f"| station | {_row(sc.station_names)} |" in md
    assert f"| minutes per bike | {_row(sc.station_minutes, '{:.1f}')} |" in md
    assert f"Here it is {avail:.0f} / {sc.demand_per_shift}:" in md
    assert f"dl.takt_time({avail:.0f}, {sc.demand_per_shift})" in code
    assert f"{avail:.0f} minutes a shift, {sc.demand_per_shift} bikes ordered" in notes
    # The quiz: "The line can make 53" is the bottleneck's floor(450 / 8.4).
    capacity = math.floor(avail / max(sc.station_minutes))
    bank = dl.questions.quizzes()
    assert f"The line can make {capacity}." in bank["02-low-demand-plan"]["question"]
    # Ten days of orders.
    days = [str(d) for d in sc.daily_demand]
    average = sum(sc.daily_demand) / len(sc.daily_demand)
    stated = f"Over {WORDS[len(days)]} working days they were {', '.join(days[:-1])} and {days[-1]}"
    assert stated + f" bikes (an average of {average:.0f})" in md
    assert f"{WORDS[len(days)].capitalize()} days of orders (average {average:.0f})" in notes
    # The funnel.
    assert f"{sc.hours_per_week:.0f} hours a week per person" in md
    assert f"| stage | {_row(sc.funnel_stages)} |" in md
    assert f"| share that moves on | {_row(sc.funnel_pass_rates)} |" in md
    assert f"| hours per inquiry (average) | {_row(sc.funnel_hours, '{:.1f}')} |" in md
    assert f"| people | {_row(sc.funnel_people)} |" in md
    assert f"Buyers want **{sc.deals_wanted_per_week:.0f} deals a week**" in md
    assert "vary as much as their average" in md and sc.funnel_cv == 1.0
    rates = " * ".join(f"{p}" for p in sc.funnel_pass_rates)
    yield_ = math.prod(sc.funnel_pass_rates)
    inflow = sc.deals_wanted_per_week / yield_
    team = sum(sc.funnel_people)
    assert f"# yield = {rates} = {yield_:.2f}; inflow = " in code
    assert f"{sc.deals_wanted_per_week:.0f} / {yield_:.2f} = {inflow:.0f} inquiries a week" in code
    assert f"# capacity: {team} people x {sc.hours_per_week:.0f} h = 440 h" in code
    assert f"Adding up all {WORDS[team]} people's hours suggests" in md
    assert f"yield {rates.replace('*', '×')} = **{yield_:.0%}**" in notes
    assert f"buyers' {sc.deals_wanted_per_week:.0f} deals a week need **{inflow:.0f}**" in notes
    assert f"pooling all {team} people's hours suggests **{pooled_pace():.0f}**" in notes
    assert f"the capacity pace is **{capacity_pace():.0f}**" in notes
    quiz = f"A funnel's yield is {yield_:.0%} and buyers want {sc.deals_wanted_per_week:.0f} deals"
    assert quiz in bank["02-inflow"]["question"]
    check = f"Check the arithmetic: {sc.deals_wanted_per_week:.0f} / {yield_:.2f} = {inflow:.0f}."
    assert check in bank["02-inflow"]["explanations"]["50"]
    # A quarter: the seeded runs whose numbers the notebook prints use the scenario's seed.
    assert sc.funnel_weeks == 13 and sc.seed == 2
    assert "dl.pace_summary(extra_buyer_mix=0.0)" in code and sc.pace_replications == 30


def test_funnel_explorer_highlights_the_pace_on_show_and_its_share_matches_the_bars():
    """Issue 19: the highlighted button is the pace the slider shows (none for another
    pace), and the sentence's percentage is the bars' deals / started."""
    from demandlab.takt.widgets import funnel_explorer

    w = funnel_explorer()
    c = w.controls
    styles = lambda: (c["from_capacity"].button_style, c["from_buyers"].button_style)  # noqa: E731
    assert styles() == ("info", "")
    c["from_buyers"].click()
    assert styles() == ("", "info")
    c["pace_per_week"].value = c["pace_per_week"].value + 1
    assert styles() == ("", "")
    c["from_capacity"].click()
    assert styles() == ("info", "")
    r = w.result
    share = f"{r.deals_in_period:,} of {r.started:,} started inquiries became deals this quarter "
    share += f"({r.deals_in_period / r.started:.1%})"
    assert share in w.message.value


def test_level_explorer_at_zero_swing_says_one_pace():
    from demandlab.takt.widgets import level_explorer

    w = level_explorer()
    w.controls["swing_percent"].value = 0
    text = w.message.value
    assert "same plan" in text and " to " not in text.split("No swing")[1].split(",")[0]
    assert "9.0 to 9.0" not in text
    assert "changes the pace" not in w.figure.layout.title.text
    w.controls["swing_percent"].value = 100
    # the chase takt is a range now: "Chase: takt 7.1 to 11.5 min"
    assert re.search(r"Chase: takt \d+\.\d to \d+\.\d min", w.message.value), w.message.value
    assert "changes the pace daily" in w.figure.layout.title.text


def test_funnel_utilisation_is_the_course_spelling_and_utilization_its_alias():
    r = simulate_funnel(200)
    assert r.utilization == r.utilisation and len(r.utilisation) == 4
    assert all(0 <= u <= 1 for u in r.utilisation)


def test_slider_ranges_come_from_the_scenario_file():
    def span(control):
        return (control.min, control.max, control.step)

    f = funnel_explorer()
    assert span(f.controls["extra_buyer_mix"]) == sc.extra_buyer_mix_slider
    assert span(f.controls["work_cv"]) == sc.work_cv_slider
    assert span(level_explorer().controls["swing_percent"]) == sc.swing_percent_slider


def test_the_scenario_is_one_frozen_dataclass():
    import dataclasses

    from demandlab.takt.scenario import TaktScenario

    assert isinstance(sc, TaktScenario) and dataclasses.is_dataclass(sc)
    with pytest.raises(dataclasses.FrozenInstanceError):
        sc.demand_per_shift = 60
    longer = dataclasses.replace(sc, shift_minutes=510.0)
    assert longer.available_minutes == 480 and sc.available_minutes == 450
