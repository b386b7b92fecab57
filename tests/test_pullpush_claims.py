"""Lesson 03's sentences pinned to its models, one claims table (issues 18 and 27): each row
is a phrase as the notebook, the facilitator notes or the question bank (votes, quizzes and
exercises' feedback) writes it, and a check that the model still gives it; one parametrized
test runs them all, the dice game's warm-up included. The simulations' intervals, the
votes and the funnel's shape stay ordinary tests above the table.

Sources: Kingman (1961) and Hopp & Spearman, *Factory Physics* ch. 8 (the VUT equation;
with Poisson arrivals it is the exact Pollaczek-Khinchine mean wait of M/G/1); Factory
Physics, 3rd ed., ch. 7 (the Penny Fabs and the practical worst case; their numbers are
pinned once in tests/claims_pullpush.py); Goldratt & Cox, *The Goal* (1984: the dice game,
five stations of a fair die averaging 3.5; drum-buffer-rope); course seed 002 (an inquiry is
not a firm order); model, pullpush/scenario.py and dice/scenario.py. Every golden number of
the lesson is pinned here once (tests/test_pullpush.py and tests/test_dice.py keep the
models' hand-worked cases and published bounds the prose does not quote).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import numpy as np
import pytest

from demandlab import questions
from demandlab.dice import PROMISED_PER_ROUND, dice_game_replications
from demandlab.dice import scenario as dice_sc
from demandlab.engine import kingman_queue_time, line_parameters
from demandlab.pullpush import (
    forecast_vs_pull,
    laws_of_the_line,
    plot_vut_curve,
    pull_in_sales,
    sales_summary,
    vut_curve,
)
from demandlab.pullpush import scenario as sc
from demandlab.pullpush.model.sales import sales_at_level
from tests import claims
from tests import claims_pullpush as P

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "03-pull-vs-push.ipynb"


# ----------------------------------------------------------------------------- Kingman


@pytest.fixture(scope="module")
def vut():
    return vut_curve()  # the lesson's call


def test_simulated_wait_matches_kingman_within_the_runs_own_interval(vut):
    # "With random arrivals Kingman's formula is exact, which is why every dot sits on its
    # curve within its interval" (Kingman 1961; M/G/1, Pollaczek-Khinchine).
    assert vut.sim_queue_time.shape == (len(sc.VUT_CVS), len(sc.VUT_SIM_UTILISATIONS))
    assert vut.within_ci.all(), (vut.sim_queue_time, vut.sim_kingman, vut.sim_ci)
    # the interval is honest: not so wide that anything would pass (below 20% of the wait)
    assert np.all(vut.sim_ci < 0.25 * vut.sim_kingman + 0.05)


def test_mm1_point_is_exactly_the_textbook_value(vut):
    # M/M/1, te = 2 h, u = 0.5: Wq = u / (1 - u) * te = 2 h (Factory Physics ch. 8).
    i, j = sc.VUT_CVS.index(1.0), sc.VUT_SIM_UTILISATIONS.index(0.5)
    assert vut.sim_kingman[i, j] == pytest.approx(2.0)
    assert abs(vut.sim_queue_time[i, j] - 2.0) <= vut.sim_ci[i, j]


def test_within_ci_can_fail(vut):
    # A wrong formula (the wait without the V factor at cv 1.5) must fall outside.
    i = sc.VUT_CVS.index(1.5)
    wrong = vut.sim_kingman[i] / ((1 + 1.5**2) / 2)
    assert np.any(np.abs(vut.sim_queue_time[i] - wrong) > vut.sim_ci[i])


def test_busier_vote():
    # the vote: 80% -> 90% busy more than doubles the wait (the table's Kingman rows)
    assert questions.predictions()["03-busier"]["outcome"]() == "more than twice as long"


def test_vut_figure_differs_by_more_than_colour(vut):
    fig = plot_vut_curve(vut)
    lines = [t for t in fig.data if t.mode == "lines"]
    dots = [t for t in fig.data if t.mode == "markers"]
    assert len({t.line.dash for t in lines}) == len(lines) == len(sc.VUT_CVS)
    assert len({t.marker.symbol for t in dots}) == len(dots)


# ----------------------------------------------------------------------------- the laws


def test_doubling_wip_vote():
    # "adds a little output and much more lead time" (model, scenario.py): +68% cycle time
    # (issue 24: the option said "nearly doubles")
    laws = laws_of_the_line(cv=1.0)
    assert laws.sim_throughput[11] / laws.sim_throughput[5] < 1.25
    assert 1.5 < laws.sim_cycle_time[11] / laws.sim_cycle_time[5] < 2.0
    outcome = questions.predictions()["03-double-wip"]["outcome"]()
    assert outcome == "adds a little output and much more lead time"
    ct = laws.sim_cycle_time[11] / laws.sim_cycle_time[5]
    assert f"{ct - 1:.0%}" == "68%"


# ----------------------------------------------------------------------------- the sales funnel


@pytest.fixture(scope="module")
def sales():
    return pull_in_sales()  # the lesson's call


def test_drop_out_costs_the_same_with_or_without_the_cap(sales):
    # "drop-out: ... leads needed per win grow as 1 / (1 − p)^4 ... the cap and no cap lose
    # exactly the same share": wins per lead match (1 - p)^4 for both teams.
    keep = (1 - sales.abandon_per_stage) ** len(sc.STAGE_DAYS)
    capped = sales.wins_per_day_capped / sales.leads_per_day
    uncapped = sales.wins_per_day_uncapped / sales.leads_per_day
    assert capped == pytest.approx(keep, rel=0.05, abs=0.01)
    assert uncapped == pytest.approx(keep, rel=0.1, abs=0.01)
    # "a growing share of the team's time goes into deals that die, and the closers run out"
    assert sales.effort_on_lost[0] == 0 and np.all(np.diff(sales.effort_on_lost) > 0)
    assert np.all(np.diff(sales.closer_utilisation) < 0)


def test_the_cap_saves_open_deals_even_without_drop_out(sales):
    # "What the cap does, with or without drop-out: the same wins with fewer open deals"
    assert sales.wins_per_day_capped[0] == pytest.approx(sales.wins_per_day_uncapped[0], rel=0.05)
    assert sales.open_deals_uncapped[0] - sales.open_deals_uncapped_ci[0] > sales.wip_cap
    # "With drop-out the saving grows, because the first stage gets busier"
    assert sales.open_deals_saved[4] > sales.open_deals_saved[0]
    assert sales.first_stage_utilisation[4] > sales.first_stage_utilisation[0]


def test_a_cap_of_12_wins_more_but_needs_as_many_leads_per_win():
    # Exercise 4's solution comment (model, scenario.py), on the runs dl.sales_summary prints.
    (six, i6), (twelve, i12) = sales_at_level(6, 0.2), sales_at_level(12, 0.2)
    assert twelve.wins_per_day_capped[i12] > six.wins_per_day_capped[i6]
    assert twelve.leads_per_day[i12] > six.leads_per_day[i6]
    assert (
        twelve.leads_per_win[i12]
        == pytest.approx(six.leads_per_win[i6])
        == pytest.approx(2.44, abs=0.01)
    )
    assert twelve.open_deals_saved[i12] > six.open_deals_saved[i6]
    answer = questions.exercises()["03-sales-cap-12"]["answer"]()
    assert answer == pytest.approx(sc.WORKING_DAYS_PER_MONTH * twelve.wins_per_day_capped[i12])


def test_one_setting_prints_one_number(sales):
    """Issue 24: cap 6 at 20% lost per stage printed 39% fewer open deals in the lesson's
    checked table and 46% in Exercise 4's cell; both now come from the same runs."""
    out = claims.printed(sales_summary, wip_cap=6, abandon_per_stage=0.2)
    k = list(sales.abandon_per_stage).index(0.2)
    assert f"{sales.open_deals_saved[k]:.0%} fewer open deals" in out
    assert f"{sales.open_deals_saved[k]:.0%}" == "39%"
    # the canary: a run of its own (other seeds) gives the other number
    alone = pull_in_sales(wip_cap=6, abandon_per_stage=[0.2]).open_deals_saved[0]
    assert f"{alone:.0%}" != f"{sales.open_deals_saved[k]:.0%}"


# ----------------------------------------------------------------------------- words


def test_the_lesson_names_both_meanings_of_pull_and_the_remedy():
    text = claims.notebook_text(NOTEBOOK)
    assert "**A WIP cap** (CONWIP, kanban)" in text and "**Build to order**" in text
    assert "drum-buffer-rope" in text
    assert text.count("# Part 1: ") == 1 and text.count("# Part 2: ") == 1
    quiz = questions.quizzes()["03-what-is-pull"]
    assert quiz["answer"] == "No: a quote request is not an order"
    assert "neither is triggered by an inquiry" in quiz["explanations"][quiz["answer"]]


# ------------------------------------------------ the claims table: every number the prose quotes
# One row per claim: the phrase as the notebook, the facilitator notes or the question bank
# writes it (built from scenario.py where it states a setting), where, and a check of the
# model where the phrase states a result (None, or claims.said's rows, when finding the
# phrase is the check). One parametrized test.

LINE = sc.PROCESS_TIMES_HOURS
HOURS = f"{LINE[0]:g}"
PARAMS = line_parameters(LINE, sc.MACHINES)
RB, T0, W0 = PARAMS.bottleneck_rate, PARAMS.raw_process_time, PARAMS.critical_wip
STAGES = sc.STAGE_DAYS
LEVELS = sc.ABANDON_PER_STAGE
LEADS_PER_WIN = 1 / (1 - LEVELS[4]) ** len(STAGES)  # drop-out's 1 / (1 - p)^4 at 20% a stage
TE = sc.VUT_PROCESS_HOURS


def _list(values) -> str:
    """A list as the lesson writes it in a call: [2, 5, 10, 3]."""
    return "[" + ", ".join(f"{v:g}" for v in values) + "]"


def _the_line_is_penny_fab_one() -> bool:
    # Factory Physics, 3rd ed., ch. 7 (claims_pullpush): the scenario's line and its r_b, T0
    return (
        tuple(LINE) == P.PENNY_FAB_ONE
        and sc.MACHINES == 1
        and (RB, T0, W0) == (P.PENNY_FAB_ONE_RB, P.PENNY_FAB_ONE_T0, P.PENNY_FAB_ONE_W0)
    )


def _the_notes_line_is_penny_fab_two() -> bool:
    # Factory Physics, 3rd ed., ch. 7 (claims_pullpush): r_b = 0.4 jobs/h, T0 = 20 h, W0 = 8
    two = line_parameters(sc.PENNY_FAB_TWO_HOURS, sc.PENNY_FAB_TWO_MACHINES)
    return (
        (sc.PENNY_FAB_TWO_HOURS, sc.PENNY_FAB_TWO_MACHINES)
        == (P.PENNY_FAB_TWO_HOURS, P.PENNY_FAB_TWO_MACHINES)
        and two.bottleneck_rate == pytest.approx(P.PENNY_FAB_TWO_RB)
        and two.raw_process_time == P.PENNY_FAB_TWO_T0
        and two.critical_wip == pytest.approx(P.PENNY_FAB_TWO_W0)
    )


def _u_factors() -> bool:
    # U = u / (1 - u) at 50%, 80%, 90% and 95% busy
    return [round(u / (1 - u), 6) for u in (0.5, 0.8, 0.9, 0.95)] == [1, 4, 9, 19]


def _cv_moves_the_wait() -> bool:
    # Kingman at 80% busy: cv 0.5 waits over a third less than cv 1, cv 1.5 over 60% more
    w = {c: kingman_queue_time(TE, 0.8 / TE, cv=c) for c in (0.5, 1.0, 1.5)}
    return 1 / 3 < 1 - w[0.5] / w[1.0] < 0.4 and 0.6 < w[1.5] / w[1.0] - 1 < 0.65


def _kingman_waits() -> bool:
    # Kingman (cv 1, a 2-hour job): 8 h at 80% busy, 18 h at 90%, 38 h at 95% (Exercise 2)
    waits = [round(kingman_queue_time(TE, u / TE)) for u in (0.8, 0.9, 0.95)]
    answer = questions.exercises()["03-vut-95"]["answer"]()
    return waits == [8, 18, 38] and answer == pytest.approx(waits[-1])


def _almost_five_times() -> bool:
    # Exercise 2: 95% busy waits almost five times as long as 80%
    return 4.5 < kingman_queue_time(TE, 0.95 / TE) / kingman_queue_time(TE, 0.8 / TE) < 5


@functools.cache
def _laws_to_27_cards():
    return laws_of_the_line(cv=1.0, max_wip=27)


def _cards_for_80_and_90() -> bool:
    # Exercise 1 (Factory Physics ch. 7: PWC TH = w / (W0 + w - 1) rb): 12 cards give about
    # 80% and 27 cards about 90% of the bottleneck rate; Exercise 5's comment: the
    # simulation's first WIP within 3% of 80% is one card below 12
    laws = _laws_to_27_cards()
    rb, th = laws.bottleneck_rate, laws.sim_throughput
    first = next(w for w, t in zip(laws.wip_levels, th) if t >= 0.8 * rb * 0.97)
    return (
        questions.exercises()["03-cards-90"]["answer"]() == pytest.approx(27)
        and th[11] / rb == pytest.approx(0.8, abs=0.02)
        and th[26] / rb == pytest.approx(0.9, abs=0.02)
        and first == 11
    )


def _cycle_time_doubles() -> bool:
    # PWC CT = T0 + (w - 1) / rb: about 30 h at 12 cards, about 60 h at 27
    ct = _laws_to_27_cards().sim_cycle_time
    return ct[11] == pytest.approx(30, rel=0.05) and ct[26] == pytest.approx(60, rel=0.05)


def _daily_plan_halves_stock() -> bool:
    # Exercise 3: push's stock about 56 units with a weekly plan, about 31 with a daily one
    weekly, daily = forecast_vs_pull(), forecast_vs_pull(plan_every_days=1)
    stock = (round(weekly.push.mean_stock_units), round(daily.push.mean_stock_units))
    answer = questions.exercises()["03-shelf-daily"]["answer"]()
    return stock == (56, 31) and answer == pytest.approx(stock[1], abs=0.5)


def _leads_per_win_at_a_cap_of_12() -> float:
    return pull_in_sales(wip_cap=12, abandon_per_stage=[LEVELS[4]]).leads_per_win[0]


# --- the dice game (The Goal, Goldratt & Cox 1984): five stations, a fair die averages 3.5

WORDS = {4: "four", 5: "five", 6: "six"}
PROMISE = f"{dice_sc.PROMISED_PER_ROUND:g}"
WARM, PULL = dice_sc.WARM_UP, dice_sc.PULL_RULE
ROW = WORDS[dice_sc.SCENARIO.stations]


def _call(text: str, name: str) -> dict:
    """The keyword arguments of the first ``dl.<name>(...)`` call in ``text``."""
    found = re.search(rf"dl\.{name}\(([^)]*)\)", text)
    assert found, f"no dl.{name}(...) call"
    return {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", found.group(1))}


def _capped_call(text: str) -> dict:
    """The keyword arguments of the last ``dl.dice_game_replications(...)`` call."""
    calls = re.findall(r"dl\.dice_game_replications\(([^)]*)\)", text)
    return {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", calls[-1])}


def _dice_long_runs() -> bool:
    # Issue 24: "the losses never average out" was wrong (the rate creeps toward 3.5 as the
    # bowls fill), and the cap's 10% cost of output went unsaid. The lesson's runs (seed 2):
    # 100 rounds 3.03 a round, 1,000 rounds 3.34, the cap of 12 2.72 a round, 10% less.
    runs = dict(replications=PULL["replications"], seed=PULL["seed"])
    free = dice_game_replications(rounds=PULL["rounds"], **runs)
    capped = dice_game_replications(rounds=PULL["rounds"], wip_cap=PULL["wip_cap"], **runs)
    long_run = dice_game_replications(rounds=1000, replications=200, seed=PULL["seed"])
    said = [f"{r.mean_output_per_round:.2f}" for r in (free, long_run, capped)]
    cost = 1 - capped.mean_output_per_round / free.mean_output_per_round
    return (
        said == ["3.03", "3.34", "2.72"]
        and f"{cost:.0%}" == "10%"
        # the long run is closer to the promise, and it pays in matches held in the bowls
        and free.mean_output_per_round < long_run.mean_output_per_round < PROMISED_PER_ROUND
        and long_run.mean_final_wip > 3 * free.mean_final_wip
    )


CLAIMS = [
    # the notebook's scenario table
    (
        f"**{len(LINE)} stations, {HOURS} hours each**, one machine per station",
        "notebook",
        lambda: len(set(LINE)) == 1 and sc.MACHINES == 1,  # a balanced line
    ),
    ("(Hopp & Spearman call it *Penny Fab One*)", "notebook", _the_line_is_penny_fab_one),
    *claims.said(
        "notebook",
        f"bottleneck can make **{RB:g} jobs per hour**",
        f"turns a job around in **{T0:g} hours**",
        f"{W0:g} jobs (the **critical WIP**, bottleneck rate × raw process time)",
        f"order **{sc.DEMAND_PER_DAY:g} units a day** on average",
        f"production takes **{sc.LEAD_TIME_DAYS} days** from release",
        f"a unit ties up **\\\\${sc.UNIT_COST:g}**",
    ),
    (
        f"**{len(STAGES)} stages of {STAGES[0]:g} days each**",
        "notebook",
        lambda: len(set(STAGES)) == 1,
    ),
    # the laws of the line: the default WIP range and the cv slider
    (
        f"a CONWIP line with 1 to {sc.LAWS_MIN_WIP_SHOWN} cards",
        "notebook",
        lambda: laws_of_the_line().wip_levels.size == sc.LAWS_MIN_WIP_SHOWN,
    ),
    (f"every job takes exactly {HOURS} hours", "notebook", None),
    (f"{sc.CV_SLIDER_MAX:g} is a very erratic line", "notebook", None),
    (f"move the cv slider from 0 to {sc.CV_SLIDER_MAX:g}", "notes", None),
    (f"80% of its bottleneck rate ({0.8 * RB:g} jobs per hour)", "notebook", None),
    # push vs CONWIP
    (f"Both run {sc.REPLICATIONS} times", "notebook", None),
    (f"dl.push_vs_conwip(wip_cap={sc.WIP_CAP})", "notebook", None),
    (f"cv={sc.CV:.1f}, wip_cap={sc.WIP_CAP})", "notes", None),
    (f"replications={sc.REPLICATIONS})", "notes", None),
    # forecast vs pull: a weekly plan is 5 working days
    ("every week a planner forecasts", "notebook", lambda: sc.PLAN_EVERY_DAYS == 5),
    (f"off by {sc.FORECAST_ERROR:.0%} on average", "notebook", None),
    (f"ship **{sc.FILL_RATE:.0%} of units from stock", "notebook", None),
    (f"tuned to the same {sc.FILL_RATE:.0%} fill rate", "bank", None),
    *claims.said(
        "notes",
        f"back to {sc.FORECAST_ERROR:.0%}",
        f"the same {sc.FILL_RATE:.0%} fill rate",
        (
            f"dl.forecast_vs_pull_explorer(demand_per_day={sc.DEMAND_PER_DAY:g}, "
            f"demand_cv={sc.DEMAND_CV:g}, forecast_error={sc.FORECAST_ERROR:g}, "
            f"lead_time_days={sc.LEAD_TIME_DAYS}, plan_every_days={sc.PLAN_EVERY_DAYS}, "
            f"fill_rate={sc.FILL_RATE:g}, unit_cost={sc.UNIT_COST:g})"
        ),
    ),
    # pull in sales
    *claims.said(
        "notebook",
        f"caps open deals at {sc.SALES_WIP_CAP}",
        f"from {sc.SALES_WIP_CAP} to {2 * sc.SALES_WIP_CAP}",
        f"for k in (0, 4):  # {LEVELS[0]:.0%} and {LEVELS[4]:.0%} lost per stage",
        f"{sc.WORKING_DAYS_PER_MONTH:g} * sales.wins_per_day_capped[k]",
    ),
    *claims.said(
        "notes",
        f"slide abandonment from {LEVELS[0]:.0%} to {LEVELS[-1]:.0%}",
        f"process_times_hours={_list(LINE)}, machines={sc.MACHINES}, cv={sc.CV:.1f}",
        f"stage_days={_list(STAGES)}, cv={sc.SALES_CV:.1f}, wip_cap={sc.SALES_WIP_CAP})",
        (f"At {LEVELS[4]:.0%} per stage, {LEADS_PER_WIN:.1f} leads are needed per win"),
    ),
    (
        f"Penny Fab Two is `process_times_hours={_list(sc.PENNY_FAB_TWO_HOURS)}, "
        f"machines={_list(sc.PENNY_FAB_TWO_MACHINES)}`",
        "notes",
        _the_notes_line_is_penny_fab_two,
    ),
    # --- Kingman's VUT equation (cv 1, a 2-hour job)
    ("1 at 50% busy, 4 at 80%, 9 at 90% and 19 at 95%", "notebook", _u_factors),
    (f"{0.8 / 0.2:.0f} at 80% busy, {0.95 / 0.05:.0f} at 95%", "bank", _u_factors),
    (
        "over a third less than at cv 1, at cv 1.5 over 60% more",
        "notebook",
        _cv_moves_the_wait,
    ),
    ("38 h of waiting, against 8 h at 80% busy", "notebook", _kingman_waits),
    ("almost five times the wait", "notebook", _almost_five_times),
    ("38 hours, against 8 at 80% busy and 18 at 90%", "bank", _kingman_waits),
    ("(8 h to 18 h for a 2-hour job), and at 95% it is 38 h", "notes", _kingman_waits),
    # --- the laws of the line: Exercise 1 and its solution comments
    (
        "12 cards give about 80% and 27 cards about 90% of the bottleneck rate",
        "notebook",
        _cards_for_80_and_90,
    ),
    ("w = 27 cards, against 12 for 80%", "bank", _cards_for_80_and_90),
    ("(about 30 h to about 60 h)", "notebook", _cycle_time_doubles),
    ("from 30 to 60 hours", "bank", _cycle_time_doubles),
    # --- the shelf: Exercise 3's solution comment
    ("(about 56 to about 31 units)", "notebook", _daily_plan_halves_stock),
    (
        "little above 1.5 times pull's stock",
        "notebook",
        lambda: 1.5 < forecast_vs_pull(forecast_error=0.05).stock_ratio < 1.7,
    ),
    # --- pull in sales: Exercise 4's feedback (drop-out sets the leads per win: 1 / (1 - p)^4)
    (
        f"stay at {LEADS_PER_WIN:.1f}",
        "bank",
        lambda: f"{_leads_per_win_at_a_cap_of_12():.1f}" == f"{LEADS_PER_WIN:.1f}",
    ),
    # --- the dice game's warm-up (dice/scenario.py; The Goal: a fair die averages 3.5)
    (
        f"A die averages {PROMISE}",
        "notebook",
        lambda: PROMISE == "3.5" and PROMISED_PER_ROUND == dice_sc.PROMISED_PER_ROUND,
    ),
    (f"{ROW} people sit in a row", "notebook", None),
    (f"{ROW.capitalize()} stations, each averaging {PROMISE} a round", "bank", None),
    (f"{ROW.capitalize()} balanced stations each average {PROMISE}", "bank", None),
    ("The bowls start empty", "notebook", lambda: dice_sc.SCENARIO.initial_wip == 0),
    (
        f"the game runs {WARM['rounds']} rounds",
        "notebook",
        lambda: _call(TEXTS["notebook"], "dice_game_replications") == WARM,
    ),
    (f"{WARM['replications']:,} times", "notebook", None),
    (
        f"Over {WARM['rounds']} rounds from empty",
        "bank",
        lambda: (
            _call(TEXTS["notebook"], "dice_game_explorer")
            == {"rounds": WARM["rounds"], "seed": WARM["seed"]}
        ),
    ),
    (f"{WARM['replications']:,} plays", "notes", None),
    (f"play {WARM['rounds']} rounds", "notes", None),
    (f"the bowls hold fewer than {PULL['wip_cap']}", "notebook", None),
    (
        f'"WIP cap {PULL["wip_cap"]}"',
        "notebook",
        lambda: _capped_call(TEXTS["notebook"]) == PULL,
    ),
    (f"after {PULL['rounds']} rounds", "notebook", None),
    (f"`wip_cap={PULL['wip_cap']}` is the pull rule", "notes", None),
    (
        f"`initial_wip={dice_sc.CLASSROOM_INITIAL_WIP}` starts every bowl with",
        "notes",
        None,
    ),
    (f"stations={dice_sc.SCENARIO.stations}", "notes", None),
    (f"seed={dice_sc.SCENARIO.seed}", "notes", None),
    ("(3.03 a round over 100 rounds, 3.34 over 1,000)", "notebook", _dice_long_runs),
    ("output is 10% lower (2.72 against 3.03 a round)", "notebook", _dice_long_runs),
]


TEXTS = {
    "notebook": claims.notebook_text(NOTEBOOK),
    "notes": (ROOT / "instructors" / "03-pull-vs-push.md").read_text(encoding="utf-8"),
    # votes, quizzes and exercises' feedback, whitespace collapsed
    "bank": " ".join(claims.question_text("03-").split()),
}


@pytest.mark.parametrize("phrase, source, holds", CLAIMS, ids=claims.ids(CLAIMS))
def test_the_prose_states_what_the_model_gives(phrase, source, holds):
    claims.check(TEXTS, phrase, source, holds)


def test_the_claims_table_can_fail():
    # a phrase built from a changed scenario is not in the prose
    changed = f"**{len(LINE) + 1} stations, {HOURS} hours each**, one machine per station"
    assert changed not in TEXTS["notebook"]
    assert f"{WORDS[dice_sc.SCENARIO.stations + 1]} people sit in a row" not in TEXTS["notebook"]
    # the sentence the dice game once had is gone (issue 24: the rate creeps toward 3.5)
    assert "never average out" not in TEXTS["notebook"] + TEXTS["bank"]
    assert claims.no_row_twice(CLAIMS)
    claims.check_can_fail(TEXTS, "notebook")
