"""Lesson 03 (pull vs push): the lesson's claims asserted on the lesson's own scenarios.

Published results reproduced here, each next to its source (the Penny Fabs' lines, r_b, T0
and W0 are pinned once, in tests/claims_pullpush.py):
- Best case and practical worst case of Penny Fab One (4 stations x 2 h): Hopp & Spearman,
  Factory Physics, 3rd ed., ch. 7 (TH = min(w/T0, rb); PWC TH = w/(W0 + w - 1) rb).
- A push line of N balanced exponential stations at the throughput a CONWIP line reaches
  with w cards needs N w / (N - 1) jobs (Jackson network vs mean-value analysis; the
  "efficiency" argument for pull in Factory Physics, ch. 10, and Spearman, Woodruff &
  Hopp 1990).
- Little's law (Little 1961): WIP = TH x CT, up to the window's edge terms.
- An open line of exponential stations with Bernoulli drop-outs is a Jackson network:
  WIP = sum u_j / (1 - u_j) with u_j the thinned load.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from demandlab.engine import best_case, practical_worst_case, simulate_line
from demandlab.engine.stats import mean_ci
from demandlab.pullpush import (
    ForecastVsPull,
    LawsOfTheLine,
    PullInSales,
    PushVsConwip,
    forecast_vs_pull,
    forecast_vs_pull_explorer,
    laws_of_the_line,
    laws_of_the_line_explorer,
    little_check,
    plot_forecast_vs_pull,
    plot_laws_of_the_line,
    plot_pull_in_sales,
    plot_push_vs_conwip,
    pull_in_sales,
    pull_in_sales_explorer,
    push_vs_conwip,
    push_vs_conwip_explorer,
)
from demandlab.pullpush import scenario as sc
from demandlab.pullpush.model import SalesLevel, run_laws, run_race, run_shelf
from demandlab.pullpush.model.forecast import _ledger
from demandlab.widgetkit import BUILT_BY, MAIN_CONTROL, MAIN_FIGURE, Explorer
from tests import claims_pullpush as P
from tests.sweep import sweep_every_control

PENNY_FAB_ONE = P.PENNY_FAB_ONE  # Factory Physics ch. 7; the lesson's line (its claims table)
PENNY_FAB_TWO = {"machines": P.PENNY_FAB_TWO_MACHINES}  # ... with P.PENNY_FAB_TWO_HOURS
# the lesson's cv slider, 0..2 in steps of 0.25
CV_STEPS = [sc.CV_SLIDER_STEP * k for k in range(round(sc.CV_SLIDER_MAX / sc.CV_SLIDER_STEP) + 1)]


# ----------------------------------------------------------------------------- Little's law


@pytest.mark.parametrize("cv", CV_STEPS)
def test_littles_law_holds_at_every_point_the_lesson_shows(cv):
    laws = laws_of_the_line(PENNY_FAB_ONE, cv=cv, seed=1)  # the explorer's exact call
    assert laws.little_holds
    # the run's own allowance is tight: window edges are a small share of the window
    assert np.all(laws.little_allowed / laws.sim_wip < 0.02)
    # and the law is not trivially satisfied: WIP is a time average, TH x CT a job average
    assert np.all(laws.sim_wip > 0)


def test_little_check_can_fail():
    run = simulate_line(PENNY_FAB_ONE, cv=1, release="conwip", wip_cap=6, n_jobs=2000, seed=3)
    check = little_check(run)
    assert check.holds
    forged = type(check)(check.wip * 1.05, check.rate_times_time, check.allowed)
    assert not forged.holds
    with pytest.raises(ValueError, match="result"):
        little_check("run")


def test_little_holds_with_dropouts_counting_every_exit():
    run = simulate_line(
        PENNY_FAB_ONE, cv=1, release="conwip", wip_cap=6, dropout=0.2, n_jobs=3000, seed=4
    )
    assert run.dropped > 0 and little_check(run).holds
    run = simulate_line(PENNY_FAB_ONE, cv=1, arrival_rate=0.3, dropout=0.2, n_jobs=3000, seed=4)
    assert little_check(run).holds


# ----------------------------------------------------------------------------- laws of the line


def test_deterministic_penny_fab_one_is_the_best_case():
    # Factory Physics ch. 7: with no variability the CONWIP line reaches the best case.
    laws = laws_of_the_line(PENNY_FAB_ONE, cv=0.0, max_wip=12, seed=1)
    best = best_case(PENNY_FAB_ONE, np.arange(1, 13))
    assert laws.sim_throughput == pytest.approx(best.throughput, rel=1e-3)
    assert laws.sim_cycle_time == pytest.approx(best.cycle_time, rel=1e-9)
    published = (P.PENNY_FAB_ONE_RB, P.PENNY_FAB_ONE_T0, P.PENNY_FAB_ONE_W0)
    assert (laws.bottleneck_rate, laws.raw_process_time, laws.critical_wip) == published


def test_exponential_penny_fab_one_sits_on_the_practical_worst_case():
    # Factory Physics ch. 7: the PWC is exact for a balanced line of exponential machines.
    # Eight seeded replications of the lesson's points; 99.9% CI per point (12 points).
    runs = np.array(
        [laws_of_the_line(PENNY_FAB_ONE, cv=1.0, seed=s).sim_throughput for s in range(8)]
    )
    mean = runs.mean(axis=0)
    half = 5.408 * runs.std(axis=0, ddof=1) / np.sqrt(len(runs))  # t(7) at 99.9%
    pwc = practical_worst_case(PENNY_FAB_ONE, np.arange(1, 13)).throughput
    assert np.all(np.abs(mean - pwc) <= half + 1e-12)


def test_more_variability_pushes_the_line_down():
    th = [laws_of_the_line(PENNY_FAB_ONE, cv=c, seed=1).sim_throughput[5] for c in (0, 1, 2)]
    assert th[0] > th[1] > th[2]
    low = laws_of_the_line(PENNY_FAB_ONE, cv=2.0, seed=1)
    assert np.median(low.position()[1:]) < -0.1  # below the PWC: "a fixable problem"
    assert "below the practical worst case" in plot_laws_of_the_line(low).layout.title.text


def test_laws_curves_for_a_multi_machine_line():
    # Penny Fab Two (Factory Physics ch. 7): rb = 0.4 jobs/h, T0 = 20 h, W0 = 8.
    two = P.PENNY_FAB_TWO_HOURS
    laws = laws_of_the_line(two, **PENNY_FAB_TWO, cv=0.0, max_wip=16, seed=1)
    assert (laws.bottleneck_rate, laws.raw_process_time, laws.critical_wip) == (
        pytest.approx(P.PENNY_FAB_TWO_RB),
        P.PENNY_FAB_TWO_T0,
        pytest.approx(P.PENNY_FAB_TWO_W0),
    )
    best = best_case(two, np.arange(1, 17), P.PENNY_FAB_TWO_MACHINES)
    assert laws.sim_throughput == pytest.approx(best.throughput, rel=1e-3)


# ----------------------------------------------------------------------------- push vs CONWIP


def test_conwip_reaches_push_throughput_with_less_wip_lesson_scenario():
    # The lesson's scenario: Penny Fab One, exponential, 6 cards, 5 x 2000 jobs per policy.
    race = push_vs_conwip(PENNY_FAB_ONE, cv=1.0, wip_cap=6, replications=5, seed=1)
    gap, gap_half = race.throughput_gap
    assert gap >= -gap_half  # CONWIP's throughput is not below push's (95% CI)
    saved, saved_half = race.wip_saved
    assert saved - saved_half > 0  # less WIP, beyond the noise
    assert race.conwip.cycle_time[0] + race.conwip.cycle_time[1] < (
        race.push.cycle_time[0] - race.push.cycle_time[1]
    )
    assert race.conwip.cycle_time_std[0] + race.conwip.cycle_time_std[1] < (
        race.push.cycle_time_std[0] - race.push.cycle_time_std[1]
    )
    assert race.conwip.little_holds and race.push.little_holds


def test_push_needs_n_w_over_n_minus_1_for_conwips_throughput():
    # Factory Physics ch. 10 / Jackson + MVA: N = 4 exponential stations, w = 6 -> push WIP 8.
    race = push_vs_conwip(PENNY_FAB_ONE, cv=1.0, wip_cap=6, replications=12, jobs_per_run=5000)
    mean, half = race.push.wip
    n = len(PENNY_FAB_ONE)
    assert abs(mean - n * 6 / (n - 1)) <= half
    assert race.conwip.wip[0] == pytest.approx(6.0)


def test_push_vs_conwip_is_a_tie_without_variability():
    race = push_vs_conwip(PENNY_FAB_ONE, cv=0.0, wip_cap=3, replications=3, seed=2)
    # Deterministic line under its bottleneck: push with Poisson releases still queues,
    # but a CONWIP line below W0 never does (CT = T0 = 8 h exactly).
    assert race.conwip.cycle_time[0] == pytest.approx(P.PENNY_FAB_ONE_T0)
    assert race.push.cycle_time[0] > P.PENNY_FAB_ONE_T0


# ----------------------------------------------------------------------------- forecast vs pull


def test_ledger_by_hand():
    # Lead time 1 day, constant demand 2/day, pipeline starts with 2.
    # pull: day 0 avail 0 + 2 = 2, demand 2 -> net 0, release 2 (arrives day 1); same daily.
    demand = np.array([2.0, 2.0, 5.0, 0.0])
    avail, net, release = _ledger(demand, np.full(5, 2.0), 1, 1, 2.0, "pull")
    # day 2 demand 5: avail 2 -> net -3; release 5 arrives day 3: avail -3 + 5 = 2, net 2
    assert avail.tolist() == [2.0, 2.0, 2.0, 2.0]
    assert net.tolist() == [0.0, 0.0, -3.0, 2.0]
    assert release.tolist() == demand.tolist()
    # push, plan every day with a forecast of 2/day: target = 2 x (1 + 1 - 1) = 2
    # day 2: net -3, pipeline 0 -> release 2 - (-3) = 5, the same as pull here.
    avail, net, release = _ledger(demand, np.full(5, 2.0), 1, 1, 2.0, "push")
    assert release.tolist() == [2.0, 2.0, 5.0, 0.0]


def test_perfect_daily_forecast_push_equals_pull():
    cmp = forecast_vs_pull(forecast_error=0.0, plan_every_days=1, seed=3)
    assert cmp.push.mean_stock_units == pytest.approx(cmp.pull.mean_stock_units)
    assert np.allclose(cmp.push.stock_path, cmp.pull.stock_path)


def test_forecast_push_holds_more_stock_than_pull_at_the_same_fill_rate():
    # The lesson's scenario (20/day, cv 0.3, 25% forecast error, weekly plan, 5-day lead
    # time, 95% fill rate) over 20 seeds: push's extra stock, with a 95% CI, is above zero.
    extra, ratio = [], []
    for seed in range(20):
        cmp = forecast_vs_pull(seed=seed)
        for pol in (cmp.push, cmp.pull):
            assert pol.fill_rate >= cmp.fill_rate_target - 1e-9
            assert pol.fill_rate <= cmp.fill_rate_target + 0.002  # the smallest buffer
        extra.append(cmp.push.mean_stock_units - cmp.pull.mean_stock_units)
        ratio.append(cmp.stock_ratio)
    mean, half = mean_ci(np.array(extra))
    assert mean - half > 0
    assert min(ratio) > 1.5


def test_forecast_gap_grows_with_error_and_with_a_longer_plan():
    base = forecast_vs_pull(forecast_error=0.1, seed=1)
    worse = forecast_vs_pull(forecast_error=0.5, seed=1)
    assert worse.push.mean_stock_units > base.push.mean_stock_units
    assert worse.pull.mean_stock_units == pytest.approx(base.pull.mean_stock_units)
    monthly = forecast_vs_pull(plan_every_days=20, seed=1)
    assert monthly.push.mean_stock_units > forecast_vs_pull(seed=1).push.mean_stock_units


# ----------------------------------------------------------------------------- pull in sales

SALES_LEVELS = sc.ABANDON_PER_STAGE  # the explorer's levels, 0..30% lost per stage


@pytest.fixture(scope="module")
def sales():
    result = pull_in_sales()  # the lesson's call: levels 0..30%, 4 x 2000 deals
    assert result.abandon_per_stage.tolist() == list(SALES_LEVELS)
    return result


def test_sales_story(sales):
    # leads per win = 1 / (1 - p)^4 exactly
    assert sales.leads_per_win == pytest.approx(1 / (1 - np.array(SALES_LEVELS)) ** 4)
    # same leads in, same wins out (within a few percent; the uncapped run is noisier)
    assert sales.wins_per_day_capped == pytest.approx(sales.wins_per_day_uncapped, rel=0.1)
    # what the sales team feels: wins fall, effort on lost deals rises, closers go idle
    assert np.all(np.diff(sales.wins_per_day_capped) < 0)
    assert np.all(np.diff(sales.effort_on_lost) > 0) and sales.effort_on_lost[0] == 0
    assert np.all(np.diff(sales.closer_utilisation) < 0)
    assert sales.closer_utilization is sales.closer_utilisation  # the old spelling reads
    assert sales.first_stage_utilisation[-1] > sales.first_stage_utilisation[0]
    # the cap still trims the queue at every level, beyond the noise
    assert np.all(
        sales.open_deals_uncapped - sales.open_deals_uncapped_ci > sales.open_deals_capped
    )
    assert sales.little_holds


def test_uncapped_funnel_matches_jackson(sales):
    # Exponential stages, Poisson leads, Bernoulli losses: a Jackson network.
    stages = np.arange(4)
    for lead, p, wip, half in zip(
        sales.leads_per_day,
        sales.abandon_per_stage,
        sales.open_deals_uncapped,
        sales.open_deals_uncapped_ci,
    ):
        u = lead * (1 - p) ** stages * 2.0
        jackson = float(np.sum(u / (1 - u)))
        assert abs(wip - jackson) <= half * 1.7  # 95% CI widened to ~99.9% for 7 levels


# ----------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: laws_of_the_line(process_times_hours=[]), "process_times_hours"),
        (lambda: laws_of_the_line(process_times_hours="2,2"), "process_times_hours"),
        (lambda: laws_of_the_line(process_times_hours=[2, -1]), "each of process_times_hours"),
        (lambda: laws_of_the_line(process_times_hours=[2, float("nan")]), "each of"),
        (lambda: laws_of_the_line(machines=[1, 2]), "machines"),
        (lambda: laws_of_the_line(machines=0), "machines"),
        (lambda: laws_of_the_line(cv=-0.1), "cv"),
        (lambda: laws_of_the_line(cv=float("inf")), "cv"),
        (lambda: laws_of_the_line(max_wip=0), "max_wip"),
        (lambda: laws_of_the_line(max_wip=10**6), "max_wip"),
        (lambda: laws_of_the_line(jobs_per_point=10**9), "jobs_per_point"),
        (lambda: laws_of_the_line(max_wip=40, jobs_per_point=20_000), "jobs"),
        (lambda: laws_of_the_line(seed=-1), "seed"),
        (lambda: push_vs_conwip(wip_cap=0), "wip_cap"),
        (lambda: push_vs_conwip(replications=1), "replications"),
        (lambda: push_vs_conwip(replications=50, jobs_per_run=20_000), "jobs"),
        (lambda: forecast_vs_pull(demand_per_day=0), "demand_per_day"),
        (lambda: forecast_vs_pull(demand_cv=-1), "demand_cv"),
        (lambda: forecast_vs_pull(forecast_error=float("nan")), "forecast_error"),
        (lambda: forecast_vs_pull(lead_time_days=0), "lead_time_days"),
        (lambda: forecast_vs_pull(plan_every_days=2.5), "plan_every_days"),
        (lambda: forecast_vs_pull(days=10**9), "days"),
        (lambda: forecast_vs_pull(fill_rate=1.0), "fill_rate"),
        (lambda: forecast_vs_pull(unit_cost=-5), "unit_cost"),
        (lambda: pull_in_sales(abandon_per_stage=[0.7]), "each of abandon_per_stage"),
        (lambda: pull_in_sales(abandon_per_stage=[]), "abandon_per_stage"),
        (lambda: pull_in_sales(abandon_per_stage=0.2), "abandon_per_stage"),
        (lambda: pull_in_sales(stage_days=[1] * 21), "stage_days"),
        (lambda: pull_in_sales(wip_cap=True), "wip_cap"),
        (lambda: plot_laws_of_the_line(None), "laws"),
        (lambda: plot_push_vs_conwip(None), "race"),
        (lambda: plot_forecast_vs_pull(None), "cmp"),
        (lambda: plot_forecast_vs_pull(forecast_vs_pull(), show_days=0), "show_days"),
        (lambda: plot_pull_in_sales(None), "sales"),
        (lambda: laws_of_the_line_explorer(cv=5), "cv"),
        (lambda: push_vs_conwip_explorer(wip_cap=100), "wip_cap"),
        (lambda: forecast_vs_pull_explorer(forecast_error=-1), "forecast_error"),
        (lambda: pull_in_sales_explorer(wip_cap=0), "wip_cap"),
    ],
)
def test_bad_input_names_the_parameter(call, name):
    # A wrong type (True, "5") is a TypeError, a wrong number a ValueError; both name it.
    with pytest.raises((ValueError, TypeError), match=name):
        call()


# ----------------------------------------------------------------------------- widgets


def test_laws_explorer_is_the_main_control_and_redraws():
    box = laws_of_the_line_explorer()
    assert MAIN_CONTROL in box.controls["cv"]._dom_classes
    assert MAIN_FIGURE in box.figure._dom_classes
    before = [list(t.y) for t in box.figure.data]
    box.controls["cv"].value = box.controls["cv"].value + box.controls["cv"].step
    after = [list(t.y) for t in box.figure.data]
    assert before != after, "one step of the main control must change the figure's data"
    assert "law holds at all 12 points" in box.message.value
    sweep_every_control(box, [box.controls["cv"]])


def test_other_explorers_at_their_extremes():
    box = push_vs_conwip_explorer()
    assert MAIN_CONTROL not in box.controls["wip_cap"]._dom_classes
    sweep_every_control(box, [box.controls["wip_cap"], box.controls["cv"]])
    box = forecast_vs_pull_explorer()
    sweep_every_control(box, [box.controls["forecast_error"], box.controls["plan_every_days"]])
    box = pull_in_sales_explorer()
    sweep_every_control(box, [box.controls["abandon_per_stage"]])


def test_explorers_with_unusual_lines():
    box = laws_of_the_line_explorer((1.0,), max_wip=1)
    sweep_every_control(box, [box.controls["cv"]])
    box = laws_of_the_line_explorer(P.PENNY_FAB_TWO_HOURS, **PENNY_FAB_TWO)
    sweep_every_control(box, [box.controls["cv"]])
    box = push_vs_conwip_explorer((0.5, 3.0, 1.0), machines=2)
    sweep_every_control(box, [box.controls["wip_cap"]])
    box = forecast_vs_pull_explorer(demand_per_day=0.5, demand_cv=3.0, lead_time_days=60)
    sweep_every_control(box, [box.controls["forecast_error"], box.controls["plan_every_days"]])


def test_figures_keep_their_layout_keys():
    keys = {
        tuple(
            sorted(plot_laws_of_the_line(laws_of_the_line(cv=c, max_wip=6)).layout.to_plotly_json())
        )
        for c in (0.0, 1.0, 2.0)
    }
    assert len(keys) == 1
    cmp = [forecast_vs_pull(forecast_error=e, plan_every_days=p) for e, p in ((0, 1), (0.6, 20))]
    assert len({tuple(sorted(plot_forecast_vs_pull(c).layout.to_plotly_json())) for c in cmp}) == 1
    s = pull_in_sales(abandon_per_stage=[0.0, 0.3], replications=1, jobs_per_run=500)
    keys = {tuple(sorted(plot_pull_in_sales(s, h).layout.to_plotly_json())) for h in (0.0, 0.3)}
    assert len(keys) == 1


def test_explorers_are_the_shared_handle():
    # Every explorer is built by widgetkit.explorer, its controls reached by name only, and
    # its .result follows the controls.
    box = laws_of_the_line_explorer()
    assert isinstance(box, Explorer) and list(box.controls) == ["cv"]
    box.controls["cv"].value = 0.0
    assert isinstance(box.result, LawsOfTheLine) and box.result.cv == 0.0
    box = push_vs_conwip_explorer()
    assert list(box.controls) == ["wip_cap", "cv"]
    box.controls["wip_cap"].value = 3
    assert isinstance(box.result, PushVsConwip) and box.result.wip_cap == 3
    box = forecast_vs_pull_explorer()
    assert list(box.controls) == ["forecast_error", "plan_every_days"]
    box.controls["plan_every_days"].value = 7
    assert isinstance(box.result, ForecastVsPull) and box.result.plan_every_days == 7
    box = pull_in_sales_explorer()
    assert list(box.controls) == ["abandon_per_stage"] and box.figure is not None
    box.controls["abandon_per_stage"].value = 0.3
    assert isinstance(box.result, SalesLevel) and isinstance(box.result.sales, PullInSales)
    assert box.result.abandon_per_stage == 0.3
    for make in (
        laws_of_the_line_explorer,
        push_vs_conwip_explorer,
        forecast_vs_pull_explorer,
        pull_in_sales_explorer,
    ):
        box = make()
        assert box.built_by == BUILT_BY, make.__name__
        aliases = ("cv_slider", "cards_slider", "error_slider", "plan_slider", "abandon_slider")
        assert not any(hasattr(box, a) for a in aliases), f"{make.__name__} has a test-only alias"


# ----------------------------------------------------------------------------- the scenario


def test_push_vs_conwip_title_counts_cards_in_the_course_style():
    """Issue 19: '1 card', not '1 cards' (formatting.count); the count sits in the subtitle."""
    from demandlab.pullpush.widgets import push_vs_conwip_explorer

    def texts(fig) -> str:
        return " ".join(a.text for a in fig.layout.annotations)

    w = push_vs_conwip_explorer()
    w.controls["wip_cap"].value = 1
    assert "with 1 card vs push" in texts(w.figure)
    w.controls["wip_cap"].value = 2
    assert "with 2 cards vs push" in texts(w.figure)


def test_the_scenario_is_one_frozen_dataclass_the_models_take_whole():
    # the named functions' defaults read the lesson's scenario ...
    assert (sc.CV, sc.WIP_CAP, sc.STAGE_DAYS) == (
        sc.SCENARIO.cv,
        sc.SCENARIO.wip_cap,
        sc.SCENARIO.stage_days,
    )
    # ... and each run_* on a replaced scenario is the named call with those settings
    small = sc.SCENARIO.replace(
        cv=0.5, jobs_per_run=400, replications=2, days=60, laws_jobs_per_point=300
    )
    assert small.cv == 0.5 and sc.SCENARIO.cv == sc.CV  # the lesson's stays as it was
    laws = run_laws(small, max_wip=3)
    assert laws.sim_throughput.tolist() == (
        laws_of_the_line(cv=0.5, max_wip=3, jobs_per_point=300).sim_throughput.tolist()
    )
    race = run_race(small)
    named = push_vs_conwip(cv=0.5, replications=2, jobs_per_run=400)
    assert race.wip_saved == named.wip_saved
    assert run_shelf(small).push.mean_stock_units == (
        forecast_vs_pull(days=60).push.mean_stock_units
    )
    with pytest.raises(ValueError, match="^scenario must be a PullPushScenario"):
        run_race({"cv": 0.5})
    with pytest.raises(dataclasses.FrozenInstanceError):
        sc.SCENARIO.cv = 2.0
