"""Goldratt's dice game (The Goal, Goldratt & Cox 1984): hand checks, conservation, the
surprise over many seeded plays, bad input, and the step-through widget at its extremes.

The promise (a fair die averages 3.5 a round) and what the lesson says about the game's
runs are pinned once, in lesson 03's claims table (tests/test_pullpush_claims.py); the runs
here are the lesson's (dice/scenario.py: WARM_UP, PULL_RULE) and compare with the promise.
"""

from __future__ import annotations

import dataclasses
import inspect

import numpy as np
import pytest

from demandlab.dice import (
    MAX_CELLS,
    PROMISED_PER_ROUND,
    DiceGameResult,
    dice_game,
    dice_game_explorer,
    dice_game_replications,
    play_dice,
    plot_dice_game,
    plot_dice_replications,
    replicate_dice,
)
from demandlab.dice import scenario as sc
from demandlab.dice.model import _play
from demandlab.widgetkit import BUILT_BY, Explorer
from tests.sweep import sweep_every_control

WARM, PULL = sc.WARM_UP, sc.PULL_RULE  # the notebook's plays (its claims table checks the calls)
LONG = dict(rounds=PULL["rounds"], replications=PULL["replications"], seed=PULL["seed"])


def test_hand_computed_tiny_game():
    # Three stations, two rounds, bowls start empty; rolls chosen by hand.
    #   round 1, rolls 4 2 5: S1 releases 4 -> bowl1 = 4; S2 moves min(2, 4) = 2 -> bowl1 = 2,
    #            bowl2 = 2; S3 moves min(5, 2) = 2 -> output 2, bowl2 = 0.      WIP = 2
    #   round 2, rolls 1 6 3: S1 releases 1 -> bowl1 = 3; S2 moves min(6, 3) = 3 -> bowl1 = 0,
    #            bowl2 = 3; S3 moves min(3, 3) = 3 -> output 3, bowl2 = 0.      WIP = 0
    rolls = np.array([[[4, 2, 5], [1, 6, 3]]])
    moves, buffers = _play(rolls, initial_wip=0, wip_cap=None)
    assert moves[0].tolist() == [[4, 2, 2], [1, 3, 3]]
    assert buffers[0].tolist() == [[0, 0], [2, 0], [0, 0]]
    # Same dice with a WIP cap of 3 (matches in the bowls, counted when S1 plays):
    #   round 1: WIP 0, room 3 -> S1 releases min(4, 3) = 3 -> bowl1 = 3; S2 moves 2 ->
    #            bowl1 = 1, bowl2 = 2; S3 moves min(5, 2) = 2 -> bowl2 = 0.      WIP = 1
    #   round 2: room 3 - 1 = 2 -> S1 releases min(1, 2) = 1 -> bowl1 = 2; S2 moves
    #            min(6, 2) = 2 -> bowl1 = 0, bowl2 = 2; S3 moves min(3, 2) = 2.  WIP = 0
    moves, buffers = _play(rolls, initial_wip=0, wip_cap=3)
    assert moves[0].tolist() == [[3, 2, 2], [1, 2, 2]]
    assert buffers[0].tolist() == [[0, 0], [1, 0], [0, 0]]


def test_hand_computed_seeded_game():
    # dice_game(stations=3, rounds=3, seed=7) draws these rolls (numpy default_rng(7)):
    game = dice_game(stations=3, rounds=3, seed=7)
    rolls = game.rolls.tolist()
    # Recompute by hand-style bookkeeping, independent of the vectorised _play.
    bowl1 = bowl2 = 0
    expected_out = []
    for r1, r2, r3 in rolls:
        bowl1 += r1
        m2 = min(r2, bowl1)
        bowl1 -= m2
        bowl2 += m2
        m3 = min(r3, bowl2)
        bowl2 -= m3
        expected_out.append(m3)
    assert game.output.tolist() == expected_out
    assert game.wip[-1] == bowl1 + bowl2


@pytest.mark.parametrize("wip_cap", [None, 1, 5, 12])
@pytest.mark.parametrize("initial_wip", [0, 4])
def test_conservation_and_feasibility(wip_cap, initial_wip):
    game = dice_game(stations=5, rounds=200, initial_wip=initial_wip, wip_cap=wip_cap, seed=3)
    start = game.wip[0]
    assert start == 4 * initial_wip
    # released = output + change in WIP, every round
    assert np.array_equal(start + np.cumsum(game.released) - np.cumsum(game.output), game.wip[1:])
    assert np.all(game.moves <= game.rolls) and np.all(game.moves >= 0)
    assert np.all((game.rolls >= 1) & (game.rolls <= 6))
    # no station moves more than its input bowl held: bowl before the move + inflow this round
    inflow = game.moves[:, :-1]
    assert np.all(game.moves[:, 1:] <= game.buffers[:-1] + inflow)
    assert np.all(game.buffers >= 0)
    if wip_cap is not None and start <= wip_cap:
        assert game.wip.max() <= wip_cap


def test_same_seed_same_game_and_results_are_read_only():
    a, b = dice_game(seed=11), dice_game(seed=11)
    assert np.array_equal(a.rolls, b.rolls) and np.array_equal(a.moves, b.moves)
    assert not np.array_equal(a.rolls, dice_game(seed=12).rolls)
    with pytest.raises(ValueError):
        a.output[0] = 99


def test_balanced_line_delivers_less_than_its_promise():
    # The Goal (Goldratt & Cox 1984, ch. 14): five balanced stations of 3.5 a round, starting
    # empty, deliver less than 3.5 a round. Lesson 03's scenario: 10 rounds, 2000 seeded plays.
    reps = dice_game_replications(stations=sc.SCENARIO.stations, **WARM)
    assert reps.mean_output_per_round + reps.ci_half_width < PROMISED_PER_ROUND
    # ... and it is not a small effect: the upper CI end is a full match a round short.
    assert reps.mean_output_per_round + reps.ci_half_width < PROMISED_PER_ROUND - 1.0
    # WIP piles up: matches are left in the bowls at the end.
    assert reps.mean_final_wip > 5


def test_even_a_full_line_stays_below_the_promise_and_wip_grows():
    # Starting with 4 in every bowl (a common classroom version) still misses 3.5 over 20
    # rounds; over 100 rounds uncapped WIP keeps growing while the capped line holds it.
    full = dice_game_replications(
        rounds=20, initial_wip=sc.CLASSROOM_INITIAL_WIP, replications=2000, seed=1
    )
    assert full.mean_output_per_round + full.ci_half_width < PROMISED_PER_ROUND
    long_free = dice_game_replications(**LONG)
    long_cap = dice_game_replications(**LONG, wip_cap=PULL["wip_cap"])
    assert long_free.mean_final_wip > 3 * long_cap.mean_final_wip
    assert long_cap.final_wip.max() <= PULL["wip_cap"]


def test_replication_ci_is_consistent_with_one_game():
    reps = dice_game_replications(stations=3, rounds=5, replications=1, seed=4)
    game = dice_game(stations=3, rounds=5, seed=4)
    assert reps.ci_half_width == 0.0
    assert reps.output_per_round[0] == pytest.approx(game.mean_output_per_round)


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"stations": 0}, "stations"),
        ({"stations": 21}, "stations"),
        ({"stations": 2.5}, "stations"),
        ({"stations": True}, "stations"),
        ({"rounds": 0}, "rounds"),
        ({"rounds": 10**6}, "rounds"),
        ({"rounds": float("nan")}, "rounds"),
        ({"initial_wip": -1}, "initial_wip"),
        ({"initial_wip": "4"}, "initial_wip"),
        ({"wip_cap": 0}, "wip_cap"),
        ({"wip_cap": -3}, "wip_cap"),
        ({"wip_cap": float("inf")}, "wip_cap"),
        ({"seed": -1}, "seed"),
        ({"seed": None}, "seed"),
    ],
)
def test_bad_input_names_the_parameter(kwargs, name):
    # A wrong type (True, "5") is a TypeError, a wrong number a ValueError; both name it.
    with pytest.raises((ValueError, TypeError), match=rf"^{name} must be"):
        dice_game(**kwargs)
    with pytest.raises((ValueError, TypeError), match=rf"^{name} must be"):
        dice_game_replications(**kwargs)


def test_replications_refuse_too_much_work():
    with pytest.raises(ValueError, match="^replications must be"):
        dice_game_replications(replications=0)
    with pytest.raises(ValueError, match="replications x rounds x stations"):
        dice_game_replications(stations=20, rounds=10_000, replications=1000)
    assert MAX_CELLS >= 1000 * 10 * 5


def test_figures_take_only_their_results():
    game = dice_game(rounds=10, seed=1)
    for r in (0, 5, 10):
        fig = plot_dice_game(game, r)
        assert len(fig.data) == 4
    with pytest.raises(ValueError, match="round_number"):
        plot_dice_game(game, 11)
    with pytest.raises(ValueError, match="result"):
        plot_dice_game("game")
    with pytest.raises(ValueError, match="results"):
        plot_dice_replications()
    single = dice_game(stations=1, rounds=3, seed=1)
    assert plot_dice_game(single).data[0].y.tolist() == [0.0]


def test_layout_keys_are_stable_across_rounds():
    game = dice_game(rounds=10, seed=1)
    keys = {tuple(sorted(plot_dice_game(game, r).layout.to_plotly_json())) for r in range(11)}
    assert len(keys) == 1


def test_explorer_steps_and_survives_every_extreme():
    box = dice_game_explorer(rounds=10, seed=1)
    slider, fw = box.controls["round_number"], box.figure
    assert slider.value == 0
    box.controls["back"].click()  # already at 0: stays there, no error
    assert slider.value == 0
    box.controls["next"].click()
    box.controls["next"].click()
    assert slider.value == 2
    before = list(fw.data[1].y)
    box.controls["next"].click()
    assert list(fw.data[1].y) != before, "Next must redraw the delivered curve"
    box.controls["play"].value = 10  # the Play control drives the same round
    assert slider.value == 10
    box.controls["next"].click()  # at the end: stays there
    assert slider.value == 10 and "Round 10" in box.message.value
    box.controls["reset"].click()
    assert slider.value == 0 and "Round 0" in box.message.value
    old = box.result.rolls.copy()
    box.controls["new dice"].click()
    assert not np.array_equal(old, box.result.rolls) and slider.value == 0
    assert box.controls["seed"].value == box.result.seed == 2
    # The round slider and the Play control to their ends, then every button: a sentence
    # each time, never a traceback or a refusal.
    assert sweep_every_control(box, [slider, box.controls["play"]], messages=[box.message]) > 0
    assert box.result.round_number == slider.value


def test_explorer_is_the_shared_handle():
    box = dice_game_explorer(rounds=10, seed=1)
    assert isinstance(box, Explorer)
    assert box.built_by == BUILT_BY and box.figure is not None
    assert not any(hasattr(box, a) for a in ("round_slider", "play", "buttons", "current"))
    box.controls["round_number"].value = 4
    assert box.result.rounds == 10 and "Round 4" in box.message.value
    assert isinstance(box.result, DiceGameResult) and box.result.round_number == 4
    # a seed typed in replays that game; the notebook's share of a game reads its end
    box.controls["seed"].value = 7
    assert box.result.rolls.tolist() == dice_game(rounds=10, seed=7).rolls.tolist()
    assert box.result.round_number == 4


@pytest.mark.parametrize(
    "kwargs",
    [
        {"stations": 1, "rounds": 1},
        {"stations": 20, "rounds": 1000, "initial_wip": 1000, "wip_cap": 1},
        {"stations": 2, "rounds": 3, "wip_cap": 1_000_000},
    ],
)
def test_explorer_at_parameter_extremes(kwargs):
    box = dice_game_explorer(**kwargs)
    sweep_every_control(
        box, [box.controls["round_number"], box.controls["play"]], messages=[box.message]
    )


def test_explorer_refuses_bad_settings():
    with pytest.raises(ValueError, match="^wip_cap must be"):
        dice_game_explorer(wip_cap=0)


# --- the scenario ----------------------------------------------------------------------


def test_the_scenario_is_one_frozen_dataclass_the_models_take_whole():
    # dice_game(**named) is play_dice on the lesson's scenario with those settings replaced
    s = dataclasses.replace(sc.SCENARIO, rounds=10, wip_cap=12, seed=3)
    assert play_dice(s).rolls.tolist() == dice_game(rounds=10, wip_cap=12, seed=3).rolls.tolist()
    reps = replicate_dice(s, 50)
    named = dice_game_replications(rounds=10, wip_cap=12, replications=50, seed=3)
    assert reps.output_per_round.tolist() == named.output_per_round.tolist()
    # the named defaults come from the scenario, and a bad setting is refused by name
    lesson = sc.SCENARIO
    assert (lesson.stations, lesson.rounds, lesson.wip_cap, lesson.seed) == (5, 20, None, 1)
    assert dice_game(scenario=s).rolls.tolist() == play_dice(s).rolls.tolist()
    named_defaults = {n: p.default for n, p in inspect.signature(dice_game).parameters.items()}
    assert named_defaults == {**dataclasses.asdict(lesson), "scenario": None}
    assert sc.REPLICATED.rounds == sc.REPLICATION_ROUNDS
    with pytest.raises(ValueError, match="^stations must be a whole number in 1..20, got 0$"):
        sc.SCENARIO.replace(stations=0)
    with pytest.raises(ValueError, match="^scenario must be a DiceScenario"):
        play_dice({"stations": 5})
    with pytest.raises(ValueError, match="^scenario must be a DiceScenario"):
        dice_game(scenario={"stations": 5})
    with pytest.raises(dataclasses.FrozenInstanceError):
        sc.SCENARIO.rounds = 3
