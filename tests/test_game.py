"""The room game (issue 28): one team's game round by round on lesson 05's model, the table
(seats, rounds, decisions, bots), every refusal with its message, and the views players and
the instructor get. The room service's side is in tests/test_game_service.py; the real hub in
tests/test_game_room.py."""

from __future__ import annotations

import html

import numpy as np
import pytest

from demandlab.game import model as m
from demandlab.game.report import AFTER_GAME_QUESTIONS, HALF_TIME_QUESTIONS
from demandlab.game.scenario import DECISIONS, DEPARTMENTS, GAME
from demandlab.gtm import simulate_gtm
from demandlab.gtm.scenario import SCENARIO
from demandlab.widgetkit import BUILT_BY, MAIN_FIGURE

PUSH = {"approach": "push", "discount_percent": 30}
QUALIFY = {"approach": "qualify", "discount_percent": 0}
# lesson 05's two steerings as the game's decisions (its scenario: 450 or 150 leads, 4 or 12 h)
LOCAL = {
    "marketing": {"leads_per_month": SCENARIO.pushed_leads_per_month},
    "sales": PUSH,
    "cs": {"onboarding_hours": SCENARIO.fast_onboarding_hours},
}
E2E = {
    "marketing": {"leads_per_month": SCENARIO.focused_leads_per_month},
    "sales": QUALIFY,
    "cs": {"onboarding_hours": SCENARIO.careful_onboarding_hours},
}
MIXED = {
    "marketing": {"leads_per_month": 300},
    "sales": {"approach": "push", "discount_percent": 15},
    "cs": {"onboarding_hours": 7},
}
# A poor-fit lead that sales pursues closes at 10% at list price, 30% at the deepest discount.
POOR = SCENARIO["close_rate_poor_fit"], SCENARIO["pushed_close_rate_poor_fit"]


def same(a: m.TeamRun, b: m.TeamRun) -> bool:
    return all(np.array_equal(getattr(a, n), getattr(b, n)) for n in m.ROUND_NUMBERS)


# --- One team's game on lesson 05's model ----------------------------------------------------
def test_the_first_round_is_lesson_05s_model_for_one_quarter():
    """Round 1 has no referrals yet, so it is simulate_gtm itself: three months, the team's
    decisions as the model's overrides (pushing is the deals-target sale; half the deepest
    discount closes poor fits half way from 10% to 30%), the round's seed."""
    assert POOR == (0.1, 0.3)
    run = m.play_team([MIXED])
    q = simulate_gtm(
        sales=1.0,
        leads_per_month=300,
        onboarding_hours=7,
        close_rate_poor_fit=0.2,
        pushed_close_rate_poor_fit=0.2,
        months=3,
        seed=m.round_seed(GAME, 1),
    )
    assert run.leads[0] == q.marketing_leads.sum()
    assert run.deals[0] == q.deals.sum() and run.deals[0] > 0
    assert run.handling_hours[0] == q.handling_hours
    assert run.leads_gone_cold[0] == q.leads_gone_cold.sum()
    assert run.cohort_successes[0] == q.cohort_successes.sum() > 0
    assert run.successes[0] == 0 and run.referred_leads[0] == 0  # none can arrive yet
    other = simulate_gtm(sales=1.0, leads_per_month=300, onboarding_hours=7, months=3, seed=1)
    assert other.deals.sum() != run.deals[0]  # canary: the seed matters


def test_lesson_05s_two_sales_policies_are_the_two_decisions_at_their_ends():
    """Pushing at the deepest discount is lesson 05's sales steered to its deals target
    (steering 1), qualifying at list price its end-to-end sale (steering 0)."""
    for sales, steering in ((PUSH, 1.0), (QUALIFY, 0.0)):
        team = {**MIXED, "sales": sales}
        q = simulate_gtm(
            sales=steering, leads_per_month=300, onboarding_hours=7, months=3,
            seed=m.round_seed(GAME, 1),
        )  # fmt: skip
        assert m.play_team([team]).deals[0] == q.deals.sum()


def test_sales_two_decisions_each_move_the_numbers():
    """The approach and the discount are separate decisions: with the approach held, a deeper
    discount closes more poor fits (more deals, fewer of them reaching success); with the
    discount held, pushing closes more deals than qualifying."""

    def quarter(approach, discount):
        sales = {"approach": approach, "discount_percent": discount}
        return m.play_team([{**LOCAL, "sales": sales}] * 2)

    for approach in ("qualify", "push"):
        cheap, deep = quarter(approach, 0), quarter(approach, 30)
        assert deep.deals.sum() > cheap.deals.sum()
        assert deep.cohort_successes.sum() / deep.deals.sum() < (
            cheap.cohort_successes.sum() / cheap.deals.sum()
        )
    for discount in (0, 30):
        assert quarter("push", discount).deals.sum() > quarter("qualify", discount).deals.sum()
    assert same(quarter("push", 10), quarter("push", 10.0))
    assert not same(quarter("push", 10), quarter("push", 15))  # canary: 5 points matter


def test_customers_won_in_a_quarter_reach_success_the_next_and_refer_after_that():
    """months_to_success is 3, one quarter: round 1's customers reach success in round 2,
    exactly as many as the model said they would; their referrals arrive 2 months later."""
    assert SCENARIO["months_to_success"] == GAME.months_per_round == 3
    assert SCENARIO["referral_delay_months"] == 2
    run = m.play_team([E2E] * 3)
    assert run.successes[1] == pytest.approx(run.cohort_successes[0])
    assert run.successes[2] == pytest.approx(run.cohort_successes[1])
    assert run.referred_leads[1] > 0 and run.referred_leads[2] > run.referred_leads[1]


def test_same_decisions_same_result_whatever_the_order_of_play():
    a = m.play_team([LOCAL, MIXED, E2E])
    m.run._PREFIXES.clear()  # computed afresh, not from the cache
    b = m.play_team([LOCAL, MIXED, E2E])
    assert same(a, b)
    c = m.play_team([LOCAL, E2E, E2E])
    assert not same(a, c)  # canary


def test_local_targets_win_every_department_scoreboard_and_lose_the_customer():
    """The lesson's claim, played out over a game: each department beats the end-to-end team
    on its own number, and the team serves fewer customers to success."""
    local, e2e = m.play_team([LOCAL] * 8), m.play_team([E2E] * 8)
    assert local.leads.sum() > 2.5 * e2e.leads.sum()
    assert local.deals.sum() > 1.5 * e2e.deals.sum()
    assert local.handling_hours.max() < e2e.handling_hours.min()
    assert local.successes.sum() < 0.7 * e2e.successes.sum()
    assert local.leads_gone_cold.sum() > 10 * max(e2e.leads_gone_cold.sum(), 1)


def test_turning_end_to_end_halfway_recovers_customers():
    turned = m.play_team([LOCAL] * 4 + [E2E] * 4)
    local = m.play_team([LOCAL] * 8)
    assert np.array_equal(turned.deals[:4], local.deals[:4])  # the same first half
    assert turned.successes[5:].sum() > 1.3 * local.successes[5:].sum()


def test_targets():
    local = m.local_targets()
    assert set(local) == set(DEPARTMENTS)
    run = m.play_team([LOCAL] * 2)
    assert local["marketing"] == round(run.leads[-1], -1)
    assert local["sales"] == round(run.deals[-1])
    assert local["cs"] == 4
    e2e = m.end_to_end_target()
    assert e2e == round(m.play_team([E2E] * 8).successes[-1]) > 0


@pytest.mark.parametrize(
    "department, values, message",
    [
        (
            "marketing",
            {"leads_per_month": 500},
            "leads_per_month must be a number between 0 and 450, got 500",
        ),
        (
            "sales",
            {"approach": "push", "discount_percent": -5},
            "discount_percent must be a number between 0 and 30, got -5",
        ),
        (
            "sales",
            {"approach": "push", "discount_percent": 35},
            "discount_percent must be a number between 0 and 30, got 35",
        ),
        (
            "sales",
            {"approach": "qualify", "discount_percent": float("nan")},
            "discount_percent must be a number between 0 and 30, got nan",
        ),
        (
            "sales",
            {"approach": "qualify", "discount_percent": True},
            "discount_percent must be a number between 0 and 30, got True",
        ),
        (
            "sales",
            {"approach": "pitch", "discount_percent": 10},
            "approach must be one of 'qualify', 'push', got 'pitch'",
        ),
        (
            "sales",
            {"approach": 1, "discount_percent": 10},
            "approach must be one of 'qualify', 'push', got 1",
        ),
        (
            "sales",
            {"push": 1},
            "decision must be a mapping with exactly 'approach', 'discount_percent' for sales, got",
        ),
        (
            "cs",
            {"onboarding_hours": "12"},
            "onboarding_hours must be a number between 1 and 20, got '12'",
        ),
        (
            "cs",
            {"onboarding_hours": 12, "x": 1},
            "decision must be a mapping with exactly 'onboarding_hours' for cs, got",
        ),
        ("finance", {}, "department must be one of 'marketing', 'sales', 'cs', got 'finance'"),
    ],
)
def test_a_decision_out_of_range_is_refused_with_its_name_value_and_range(
    department, values, message
):
    with pytest.raises(ValueError) as err:
        m.check_decision(department, values)
    assert str(err.value).startswith(message)


def test_decision_ranges_hold_lesson_05s_two_policies():
    for policy in (LOCAL, E2E, GAME.start, GAME.bot_local, GAME.bot_end_to_end):
        assert m.check_decisions(policy)
    assert DECISIONS["marketing"]["leads_per_month"][1] == SCENARIO["pushed_leads_per_month"]


def test_play_team_refuses_bad_input():
    with pytest.raises(ValueError, match="^decisions must be a list of rounds' decisions"):
        m.play_team(LOCAL)
    with pytest.raises(ValueError, match="^decisions must be a mapping with exactly"):
        m.play_team([{"marketing": {"leads_per_month": 1}}])
    with pytest.raises(ValueError, match="at most 20 rounds, got 21"):
        m.play_team([LOCAL] * 21)


# --- The table: seats, rounds, decisions -----------------------------------------------------
def seated(n: int, rounds: int = 8) -> m.GameState:
    s = m.new_game(rounds=rounds)
    for i in range(n):
        s = m.join(s, f"p{i:02d}")
    return s


def test_players_fill_teams_of_three_in_order_and_bots_complete_the_last():
    s = seated(7)
    assert m.teams(s) == {
        1: {"marketing": "p00", "sales": "p01", "cs": "p02"},
        2: {"marketing": "p03", "sales": "p04", "cs": "p05"},
        3: {"marketing": "p06", "sales": None, "cs": None},
    }
    assert m.join(s, "p03") is s  # joining twice keeps the seat
    s = m.start_round(s, 0.0)
    s = m.join(s, "late")  # after the start, a late player takes a bot's seat
    assert m.seat_of(s, "late") == (3, "sales")
    s = m.join(s, "late2")
    with pytest.raises(m.GameRefusal, match="every seat is taken"):
        m.join(s, "late3")


def test_the_instructor_moves_a_player_to_a_free_seat_or_a_new_team():
    s = seated(4)
    s = m.assign(s, "p03", 3, "cs")
    assert m.seat_of(s, "p03") == (3, "cs") and m.teams(s)[2]["marketing"] is None
    with pytest.raises(m.GameRefusal, match="^sales in team 1 is p01's seat"):
        m.assign(s, "p00", 1, "sales")
    with pytest.raises(m.GameRefusal, match=r"^team must be a whole number in 1\.\.4, got 9$"):
        m.assign(s, "p00", 9, "sales")


def test_a_round_keeps_a_silent_players_last_decision_and_bots_follow_their_half():
    s = m.start_round(seated(4, rounds=4), 0.0)
    s = m.decide(s, "p00", "marketing", {"leads_per_month": 300}, 1.0)
    s = m.decide(s, "p01", "sales", {"approach": "push", "discount_percent": 25}, 1.0)
    s = m.close_round(s)
    s = m.start_round(s, 2.0)
    s = m.decide(s, "p01", "sales", {"approach": "qualify", "discount_percent": 5}, 3.0)
    # p00 and p02 stay silent
    s = m.close_round(s)
    r1, r2 = s.history
    assert r2[1]["marketing"] == {"leads_per_month": 300.0}  # kept from round 1
    assert r2[1]["sales"] == {"approach": "qualify", "discount_percent": 5.0}
    assert r1[1]["cs"] == r2[1]["cs"] == dict(GAME.start["cs"])  # never decided: the start
    assert r1[2]["sales"] == dict(GAME.bot_local["sales"])  # a bot chases its local target
    s = m.close_round(m.start_round(s, 4.0))  # round 3: the second half of a 4-round game
    assert s.history[2][2]["sales"] == dict(GAME.bot_end_to_end["sales"])
    runs = m.team_results(s)
    assert same(runs[1], m.play_team([r[1] for r in s.history], s.scenario))


def test_two_teams_with_the_same_decisions_get_the_same_result():
    s = m.start_round(seated(6), 0.0)
    for team_first in (0, 3):
        s = m.decide(s, f"p{team_first:02d}", "marketing", {"leads_per_month": 400}, 1.0)
    s = m.close_round(s)
    runs = m.team_results(s)
    assert same(runs[1], runs[2])
    s = m.start_round(s, 2.0)
    s = m.close_round(m.decide(s, "p04", "sales", PUSH, 3.0))
    assert not same(m.team_results(s)[1], m.team_results(s)[2])  # canary


def test_a_round_on_a_timer_closes_by_itself_and_refuses_late_decisions():
    s = m.start_round(seated(3), 100.0, seconds=60)
    assert s.deadline == 160.0
    assert m.tick(s, 159.9) is s
    with pytest.raises(m.GameRefusal, match="^round 1 closed on its timer$") as err:
        m.decide(s, "p00", "marketing", {"leads_per_month": 400}, 160.0)
    assert err.value.reason == "closed"
    closed = m.tick(s, 160.0)
    assert not closed.open and len(closed.history) == 1
    with pytest.raises(m.GameRefusal, match=r"^seconds must be a whole number in 10\.\.3600"):
        m.start_round(closed, 0.0, seconds=5)


@pytest.mark.parametrize(
    "user, department, values, kw, reason, message",
    [
        ("p00", "sales", PUSH, {}, "not-yours",
         "department must be your own, 'marketing', got 'sales': you run marketing in team 1"),
        ("p00", "marketing", {"leads_per_month": 200}, {"team": 2}, "not-yours",
         "team must be your own team, 1, got 2: you decide only for marketing in team 1"),
        ("stranger", "marketing", {"leads_per_month": 200}, {}, "not-yours",
         "stranger has no seat in this game: join it first"),
        ("p00", "marketing", {"leads_per_month": 200}, {"round_number": 1}, "closed",
         "round must be the open round, 2, got 1"),
        ("p00", "marketing", {"leads_per_month": 451}, {}, "invalid",
         "leads_per_month must be a number between 0 and 450, got 451"),
        ("p05", "cs", {"onboarding_hours": 0}, {}, "invalid",
         "onboarding_hours must be a number between 1 and 20, got 0"),
        ("p01", "sales", {"approach": "push", "discount_percent": 31}, {}, "invalid",
         "discount_percent must be a number between 0 and 30, got 31"),
        ("p01", "sales", {"approach": "beg", "discount_percent": 5}, {}, "invalid",
         "approach must be one of 'qualify', 'push', got 'beg'"),
    ],
)  # fmt: skip
def test_each_refused_decision_names_why_and_changes_nothing(
    user, department, values, kw, reason, message
):
    s = m.start_round(m.close_round(m.start_round(seated(6), 0.0)), 1.0)
    s = m.decide(s, "p00", "marketing", {"leads_per_month": 100}, 2.0)
    before = (s.pending, s.last, s.history)
    with pytest.raises(m.GameRefusal) as err:
        m.decide(s, user, department, values, 3.0, **kw)
    assert (str(err.value), err.value.reason) == (message, reason)
    assert (s.pending, s.last, s.history) == before
    assert m.close_round(s).history[-1][1]["marketing"] == {"leads_per_month": 100.0}


def test_decisions_outside_an_open_round_are_refused():
    s = seated(3)
    with pytest.raises(m.GameRefusal, match="^the game has not started"):
        m.decide(s, "p00", "marketing", {"leads_per_month": 100}, 0.0)
    s = m.close_round(m.start_round(s, 0.0))
    with pytest.raises(m.GameRefusal, match="^round 1 is closed: wait for the instructor"):
        m.decide(s, "p00", "marketing", {"leads_per_month": 100}, 0.0)
    with pytest.raises(m.GameRefusal, match="^round 1 is not open"):
        m.close_round(s)
    s = m.start_round(s, 0.0)
    with pytest.raises(m.GameRefusal, match="^round 2 is still open: close it first"):
        m.start_round(s, 0.0)
    s = seated(3, rounds=2)
    for _ in range(2):
        s = m.close_round(m.start_round(s, 0.0))
    with pytest.raises(m.GameRefusal, match="^the game has ended: all 2 rounds are played"):
        m.start_round(s, 0.0)
    with pytest.raises(m.GameRefusal, match="^no one has joined"):
        m.start_round(m.new_game(), 0.0)
    with pytest.raises(m.GameRefusal, match=r"^rounds must be a whole number in 2\.\.20, got 1$"):
        m.new_game(rounds=1)


def test_a_log_of_actions_replays_to_the_same_game():
    log = [{"action": "open", "rounds": 4, "seed": 7}]
    log += [{"action": "join", "user": f"p{i}"} for i in range(5)]
    log += [
        {"action": "start", "at": 0.0, "seconds": 60},
        {"action": "decide", "user": "p1", "department": "sales", "values": PUSH,
         "at": 1.0, "round": 1},
        {"action": "close", "at": 60.0},
        {"action": "assign", "user": "p4", "team": 2, "department": "cs"},
        {"action": "start", "at": 61.0},
    ]  # fmt: skip
    s = m.replay(log)
    assert s.round == 2 and s.open and s.scenario.seed == 7
    assert s.history[0][1]["sales"] == {"approach": "push", "discount_percent": 30.0}
    assert m.seat_of(s, "p4") == (2, "cs")
    assert m.replay(log[:-1]).round == 1
    with pytest.raises(m.GameRefusal, match="^action must be one of"):
        m.apply(s, {"action": "reset"})
    with pytest.raises(m.GameRefusal, match="^no game is open"):
        m.apply(None, {"action": "join", "user": "x"})


# --- What each player sees --------------------------------------------------------------------
def test_players_see_their_own_department_then_the_customer_in_the_second_half():
    s = seated(6, rounds=4)
    for r in range(1, 5):
        s = m.close_round(m.start_round(s, float(r)))
        view = m.player_view(s, "p04")
        assert view["seat"] == {"team": 2, "department": "sales"}
        assert [row["round"] for row in view["scoreboard"]["rounds"]] == list(range(1, r + 1))
        assert set(view["scoreboard"]["rounds"][0]) == {"round", "deals"}
        shown = "customer" in view
        assert shown == (r >= 2), r  # hidden in round 1, shown once the first half is played
        if shown:
            assert view["customer"]["target"] == m.end_to_end_target(s.scenario)
            assert len(view["customer"]["rounds"]) == r
        assert "p00" not in str(view) and "teams" not in view  # never another team
    assert m.player_view(s, "nobody")["seat"] is None


def test_the_instructor_sees_every_team_side_by_side():
    s = m.start_round(seated(5), 0.0)
    s = m.decide(s, "p03", "marketing", {"leads_per_month": 0}, 1.0)
    view = m.instructor_view(s)
    assert [t["decided"] for t in view["teams"]] == [[], ["marketing"]]
    s = m.close_round(s)
    view = m.instructor_view(s)
    runs = m.team_results(s)
    for t in view["teams"]:
        row = t["rounds"][0]
        assert row["deals"] == round(float(runs[t["team"]].deals[0]), 2)
        assert set(row) == {"round", *m.ROUND_NUMBERS}
    assert view["teams"][1]["rounds"][0]["leads"] == 0
    assert view["teams"][0]["rounds"][0]["leads"] > 0


# --- Solo mode: the widget, the figure and the sentences ---------------------------------------
import demandlab as dl  # noqa: E402
from tests.sweep import sweep_every_control  # noqa: E402


def test_solo_mode_plays_against_bots_local_then_end_to_end():
    box = dl.room_game("sales", rounds=4)
    assert list(box.controls) == ["approach", "discount_percent", "play", "again"]
    assert box.built_by == BUILT_BY and MAIN_FIGURE in box.figure._dom_classes
    box.controls["approach"].value = "push"
    box.controls["discount_percent"].value = 10
    for r in range(1, 5):
        box.controls["play"].click()
        text = box.message.value
        assert f"Round {r}: sales had" in text
        assert ("Your customers:" in text) == (r >= 2), (r, text)
        assert ("Half time" in text) == (r == 2)
        # The debrief's questions come with the widget: half time's, then the game's end's.
        asked = html.unescape(box.panels["debrief"].value)
        assert (HALF_TIME_QUESTIONS[0] in asked) == (r in (2, 3)), (r, asked)
        assert (AFTER_GAME_QUESTIONS[-1] in asked) == (r == 4), (r, asked)
        customers = box.figure.data[2]
        shown = 0 if customers.y is None else len(customers.y)
        assert shown == (r if r >= 2 else 0)  # hidden until the first half is played
    history = box.state.history
    assert [h[1]["marketing"] for h in history] == [dict(GAME.bot_local["marketing"])] * 2 + [
        dict(GAME.bot_end_to_end["marketing"])
    ] * 2
    assert all(h[1]["sales"] == {"approach": "push", "discount_percent": 10.0} for h in history)
    assert same(box.result, m.play_team([h[1] for h in history], box.state.scenario))
    assert "The game is over after 4 quarters" in box.message.value
    box.controls["play"].click()
    assert "press Start over" in box.message.value and box.result.rounds_played == 4
    box.controls["again"].click()
    assert box.result.rounds_played == 0 and "play the first quarter" in box.message.value
    assert box.panels["debrief"].value == ""


@pytest.mark.parametrize("department", DEPARTMENTS)
def test_the_solo_widget_survives_every_control_at_its_extremes(department):
    box = dl.room_game(department, rounds=2)
    tried = sweep_every_control(box)
    assert tried > 5


def test_the_solo_widget_refuses_a_bad_department_by_name():
    with pytest.raises(ValueError, match="^department must be one of 'marketing', 'sales', 'cs'"):
        dl.room_game("finance")


def test_the_figure_and_sentences_state_the_numbers():
    run = m.play_team([LOCAL] * 5)
    fig = dl.plot_room_game(run, "marketing", 1330, 157, 8, True)
    assert list(fig.data[0].y) == list(run.leads) and list(fig.data[1].y) == [1330, 1330]
    assert list(fig.data[2].y) == list(run.successes) and list(fig.data[3].y) == [157, 157]
    hidden = dl.plot_room_game(run, "marketing", 1330, 157, 8, False)
    assert len(hidden.data[2].y) == 0 and len(hidden.data[3].y) == 0
    assert set(fig.layout.to_plotly_json()) == set(hidden.layout.to_plotly_json())
    from demandlab.game.report import customer_sentence, department_sentence

    sentence = department_sentence(run, "sales", 100)
    assert sentence == (
        f"Round 5: sales had {run.deals[-1]:,.0f} deals closed; its local target is at least "
        "100: met."
    )
    assert department_sentence(run, "sales", 1e6).endswith(": missed.")
    assert customer_sentence(run, 1e6).startswith(
        f"Your customers: {run.successes[-1]:,.0f} reached success this quarter (the "
        "end-to-end target is 1,000,000: missed)"
    )


def test_room_game_summary_prints_the_three_bot_games(capsys):
    dl.room_game_summary()
    out = capsys.readouterr().out
    local = m.play_team([GAME.bot_local] * 8)
    turned = m.play_team([GAME.bot_local] * 4 + [GAME.bot_end_to_end] * 4)
    e2e = m.play_team([GAME.bot_end_to_end] * 8)
    for run in (local, turned, e2e):
        assert f"= {run.successes.sum():5.0f};" in out
    assert local.successes.sum() < turned.successes.sum() < e2e.successes.sum()


# --- The player's notebook and the facilitator's page -----------------------------------------
import contextlib  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402

from demandlab.tools import CHECK_MARK, clean_notebook, dumps  # noqa: E402
from tests.conftest import ROOT  # noqa: E402

HANDOUT = ROOT / "instructors" / "06-room-game.ipynb"
NOTES = ROOT / "instructors" / "06-room-game.md"


def summary_text(**kw) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        dl.room_game_summary(**kw)
    return out.getvalue()


def test_the_players_notebook_asks_the_widgets_debrief_questions():
    """The player's notebook lists the questions the widget shows, word for word."""
    nb = json.loads(HANDOUT.read_text(encoding="utf-8"))
    sections = {}
    for c in nb["cells"]:
        lines = c["source"].splitlines()
        if c["cell_type"] == "markdown" and lines and lines[0].startswith("## "):
            sections[lines[0][3:]] = tuple(x[2:] for x in lines if x.startswith("- "))
    assert sections["At half time"] == HALF_TIME_QUESTIONS
    assert sections["After the game"] == AFTER_GAME_QUESTIONS
    assert sections["At half time"] != AFTER_GAME_QUESTIONS  # canary: the check compares


def test_the_course_map_shows_the_game_as_part_of_lesson_05():
    """A participant finds the game from the course map (lesson 05's row, in dl.course_map(),
    the README and lesson 00) and from lesson 05's discussion, which links the player's
    notebook and names the call that starts the widget in any cell."""
    row = next(lesson for lesson in dl.course_map() if lesson.number == "05")
    assert "room game" in row.you_will
    start = json.loads((ROOT / "notebooks" / "00-start-here.ipynb").read_text(encoding="utf-8"))
    for text in (
        "".join(c["source"] for c in start["cells"]),
        (ROOT / "README.md").read_text(encoding="utf-8"),
    ):
        assert f"| {row.you_will} |" in text
    lesson = json.loads((ROOT / "notebooks" / row.notebook).read_text(encoding="utf-8"))
    discussion = next(
        c["source"] for c in lesson["cells"] if c["source"].startswith("## Discussion")
    )
    assert "](../instructors/06-room-game.ipynb)" in discussion and "`dl.room_game()`" in discussion
    assert (ROOT / "notebooks" / "../instructors/06-room-game.ipynb").resolve() == HANDOUT


def test_the_players_notebook_is_clean_small_and_checked():
    text = HANDOUT.read_text(encoding="utf-8")
    nb = json.loads(text)
    assert dumps(clean_notebook(nb)) == text, "not normalised (demandlab.tools.clean_notebook)"
    assert len(text) < 20_000
    cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert [c["source"] for c in cells] == [
        "import demandlab as dl",
        'dl.room_game("sales")',  # solo: the department with two decisions
        f"{CHECK_MARK}\ndl.room_game_summary()",
    ]
    stored = "".join("".join(o["text"]) for o in cells[-1]["outputs"])
    assert stored == summary_text()  # the checked output is today's model


def page_rows(text: str) -> list[list[int]]:
    """The numbers of the page's bot table: first half, second half, all game, deals, leads."""
    section = text.split("## What the class's numbers usually show", 1)[1]
    rows = re.findall(r"^\| (?:every|local|end)[^|]*((?:\| [\d,]+ )+)\|$", section, flags=re.M)
    return [[int(x.replace(",", "")) for x in re.findall(r"[\d,]+", r)] for r in rows]


def summary_rows(text: str) -> list[list[int]]:
    return [
        [int(x) for x in re.findall(r"\d+", line.split("  ", 2)[-1])]
        for line in text.splitlines()[1:]
    ]


def test_the_facilitators_page_states_the_models_numbers():
    notes = NOTES.read_text(encoding="utf-8")
    assert page_rows(notes) == summary_rows(summary_text())
    notes = " ".join(notes.split())  # sentences wrap across lines
    local, e2e = m.local_targets(), m.end_to_end_target()
    assert f"(at least {local['marketing']:,.0f})" in notes
    assert f"(at least {local['sales']:,.0f})" in notes
    assert f"(at most {local['cs']:g})" in notes
    assert f"**{e2e:,.0f} customers reaching success in a quarter**" in notes
    # Sales' two decisions, as the game takes them, on the page and in the players' notebook.
    handout = " ".join(HANDOUT.read_text(encoding="utf-8").split())
    deepest = f"{DECISIONS['sales']['discount_percent'][1]:g}% off the list price"
    for text in (notes, handout):
        assert "qualify every lead" in text.lower() and "push to close" in text.lower()
        assert f"0 to {deepest}" in text or f"0-{deepest}" in text, deepest
    rows = summary_rows(summary_text())
    assert f"({rows[0][2]} against {rows[2][2]})" in notes
    assert (
        rows[0][3] > 2 * rows[2][3] * 0.99 and rows[0][4] > 3 * rows[2][4] * 0.99
    )  # "twice", "three times"


def test_the_page_check_can_fail():
    notes = NOTES.read_text(encoding="utf-8").replace("| 515 |", "| 516 |")
    assert page_rows(notes) != summary_rows(summary_text())
    assert len(page_rows(notes)) == 3


@pytest.mark.kernel
@pytest.mark.timeout(600)
def test_solo_mode_runs_in_the_players_notebook_without_a_hub(tmp_path, monkeypatch):
    """The handout in a real kernel, with no room in the environment and the network blocked:
    the widget plays solo, and the checked output is what is committed."""
    import copy

    import nbformat

    from tests.nbrun import errors_in, execute

    for var in ("DEMANDLAB_ROOM_URL", "JUPYTERHUB_API_TOKEN"):
        monkeypatch.delenv(var, raising=False)
    nb = nbformat.read(HANDOUT, as_version=4)
    ran = copy.deepcopy(nb)
    ran.cells.insert(
        0,
        nbformat.v4.new_code_cell(
            "import socket as _s\n"
            "def _no(*a, **k):\n    raise OSError('network access is blocked in this test run')\n"
            "_s.socket.connect = _s.create_connection = _s.getaddrinfo = _no"
        ),
    )
    ran.cells.append(
        nbformat.v4.new_code_cell(
            'box = dl.room_game("sales", rounds=4)\n'
            "for _ in range(4):\n    box.controls['play'].click()\n"
            "print(box.result.rounds_played, 'Your customers' in box.message.value)"
        )
    )
    execute(ran, tmp_path, cell_timeout_s=120, deadline_s=400, label=HANDOUT.name)
    assert errors_in(ran) == []
    last = "".join(o.get("text", "") for o in ran.cells[-1].outputs)
    assert last.strip() == "4 True"
    checked = [c for c in ran.cells if c.cell_type == "code" and CHECK_MARK in c.source]
    assert "".join(o.get("text", "") for o in checked[0].outputs) == summary_text()
