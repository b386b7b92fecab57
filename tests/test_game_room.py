"""The room plays (issue 28) behind a real JupyterHub: the project's own hub config with the
room service (tests/roomhub.py), real logins and tokens, 12 players in 4 teams sending their
decisions through the course's own client (demandlab.room_client), the instructor running
rounds, a player who drops out, a round closed by its timer, every refusal, and the service
killed and restarted by the hub mid-game. Every team's numbers on the instructor's view are
checked against the model run with that team's decisions, worked out here from the plan."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import random
import time

import pytest

from demandlab import room_client
from demandlab.game import model as m
from demandlab.game.scenario import CHOICES, DECISIONS, DEPARTMENTS, GAME
from tests.roomhub import all_at_once, call

# A hard limit for the whole file where pytest-timeout is installed; every wait below has
# its own bound too (hub start 90 s, each request 30 s, the timer's poll 60 s).
pytestmark = (
    [pytest.mark.timeout(900)] if importlib.util.find_spec("pytest_timeout") is not None else []
)

PLAYERS = [f"gamer{i:02d}" for i in range(1, 13)]  # 4 teams of 3
ROUNDS = 6
SEED = 2801
DROPS_OUT = "gamer05"  # team 2's sales: decides in rounds 1-2, then never again
DROP_ROUND = 3
RESTART_AFTER = 3  # the service is killed after round 3 closes (mid-game)
TIMER_ROUND = ROUNDS  # the last round closes on its timer, not by the instructor


@pytest.fixture
def hub(room_hub):
    """The run's one real hub (tests/conftest.py); each test opens a game of its own."""
    return room_hub


def plan(seed: int) -> dict:
    """Each player's decision in each round (None: silent), seeded."""
    rng = random.Random(seed)
    out = {}
    for i, name in enumerate(PLAYERS):
        dept = DEPARTMENTS[i % 3]
        rounds = {}
        for r in range(1, ROUNDS + 1):
            if name == DROPS_OUT and r >= DROP_ROUND:
                rounds[r] = None
                continue
            values = {k: rng.choice(names) for k, names in CHOICES.get(dept, {}).items()}
            for key, (low, high, step, _unit) in DECISIONS[dept].items():
                values[key] = low + step * rng.randrange(int(round((high - low) / step)) + 1)
            rounds[r] = values if rng.random() > 0.15 else None  # some rounds silent
        out[name] = rounds
    return out


def as_sent(values: dict) -> dict:
    """A decision as the game keeps it: numbers as floats, a named choice as its name."""
    return {k: v if isinstance(v, str) else float(v) for k, v in values.items()}


def expected_decisions(what: dict) -> dict[int, list[dict]]:
    """Each team's decisions round by round, worked out from the plan: a silent player keeps
    their last decision, or the starting one."""
    teams = {}
    for i, name in enumerate(PLAYERS):
        team, dept = i // 3 + 1, DEPARTMENTS[i % 3]
        last = dict(GAME.start[dept])
        for r in range(1, ROUNDS + 1):
            if what[name][r] is not None:
                last = as_sent(what[name][r])
            teams.setdefault(team, [{} for _ in range(ROUNDS)])[r - 1][dept] = dict(last)
    return teams


def send_round(hub, tokens, what, r) -> list:
    """Every player of the round at once, through the course's own client."""

    def send(name):
        conn = room_client.Connection(hub.room_url, tokens[name])
        values = what[name][r]
        if values is None:
            conn.call("GET", "api/game")  # a silent player still looks at the scoreboard
            return
        dept = DEPARTMENTS[PLAYERS.index(name) % 3]
        view = conn.call(
            "POST", "api/game/decision", {"round": r, "department": dept, "values": values}
        )
        assert view["decided_this_round"] is True

    return all_at_once(send, PLAYERS)[1]


def check_every_team(view, what, rounds_closed) -> None:
    """The instructor's numbers equal the model run with each team's decisions."""
    sc = m.new_game(ROUNDS, SEED).scenario
    expected = expected_decisions(what)
    assert [t["team"] for t in view["teams"]] == [1, 2, 3, 4]
    for t in view["teams"]:
        decisions = expected[t["team"]][:rounds_closed]
        assert t["decisions"] == decisions, t["team"]
        run = m.play_team(decisions, sc)
        assert len(t["rounds"]) == rounds_closed
        for i, row in enumerate(t["rounds"]):
            for name in m.ROUND_NUMBERS:
                assert row[name] == round(float(getattr(run, name)[i]), 2), (t["team"], i, name)


def test_twelve_players_in_four_teams_play_a_whole_game(hub):
    tokens = hub.tokens([*PLAYERS, "teacher"])
    teach = tokens["teacher"]
    status, view = call(hub, teach, "POST", "api/game/action",
                        {"action": "open", "rounds": ROUNDS, "seed": SEED})  # fmt: skip
    assert status == 200, view
    for name in PLAYERS:  # in order, so the seats are known: 3 a team
        status, seat = call(hub, tokens[name], "POST", "api/game/join", {})
        assert status == 200, seat
    view = call(hub, teach, "GET", "api/game/all")[1]
    assert [list(t["seats"].values()) for t in view["teams"]] == [
        PLAYERS[i : i + 3] for i in range(0, 12, 3)
    ]
    what = plan(SEED)
    for r in range(1, ROUNDS + 1):
        timer = {"seconds": 10} if r == TIMER_ROUND else {}
        status, body = call(hub, teach, "POST", "api/game/action", {"action": "start", **timer})
        assert status == 200, body
        assert send_round(hub, tokens, what, r) == []
        if r == TIMER_ROUND:
            deadline = time.monotonic() + 60
            while call(hub, teach, "GET", "api/game/all")[1]["game"]["open"]:
                assert time.monotonic() < deadline, "the round's timer did not close it"
                time.sleep(0.5)  # polling the service until its timer fires
        else:
            assert call(hub, teach, "POST", "api/game/action", {"action": "close"})[0] == 200
        view = call(hub, teach, "GET", "api/game/all")[1]
        check_every_team(view, what, r)
        # The player who dropped out keeps their last decision.
        team2 = view["teams"][1]["decisions"]
        if r >= DROP_ROUND:
            last_sent = next(
                what[DROPS_OUT][k] for k in range(DROP_ROUND - 1, 0, -1) if what[DROPS_OUT][k]
            )
            assert team2[r - 1]["sales"] == as_sent(last_sent)
        player = call(hub, tokens["gamer04"], "GET", "api/game")[1]
        assert player["seat"] == {"team": 2, "department": "marketing"}
        assert ("customer" in player) == (r >= ROUNDS // 2), r  # the first half played
        assert "teams" not in player and "gamer01" not in json.dumps(player)
        if r == RESTART_AFTER:
            old, new = hub.restart_service()
            assert old != new
            again = call(hub, teach, "GET", "api/game/all")[1]
            assert again == view  # nothing lost
    assert view["game"]["finished"] is True
    status, text = call(hub, teach, "GET", "api/game/export.csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert status == 200 and len(rows) == 4 * ROUNDS
    assert {r["marketing_player"] for r in rows} == {"gamer01", "gamer04", "gamer07", "gamer10"}


def test_each_refusal_through_the_hub_changes_nothing(hub):
    tokens = hub.tokens(["ref01", "ref02", "ref03", "ref04", "teacher"])
    teach = tokens["teacher"]
    assert call(hub, teach, "POST", "api/game/action", {"action": "open", "rounds": 4})[0] == 200
    for name in ("ref01", "ref02", "ref03", "ref04"):
        call(hub, tokens[name], "POST", "api/game/join", {})
    assert call(hub, teach, "POST", "api/game/action", {"action": "start"})[0] == 200
    ok = {"round": 1, "department": "marketing", "values": {"leads_per_month": 200}}
    assert call(hub, tokens["ref01"], "POST", "api/game/decision", ok)[0] == 200
    cases = [
        ("ref01", "api/game/decision",
         {"round": 1, "department": "marketing", "values": {"leads_per_month": 9000}},
         400, "leads_per_month must be a number between 0 and 450, got 9000"),
        ("ref02", "api/game/decision",
         {"round": 1, "department": "sales",
          "values": {"approach": "push", "discount_percent": 45}},
         400, "discount_percent must be a number between 0 and 30, got 45"),
        ("ref02", "api/game/decision",
         {"round": 1, "department": "sales",
          "values": {"approach": "always", "discount_percent": 5}},
         400, "approach must be one of 'qualify', 'push', got 'always'"),
        ("ref02", "api/game/action", {"action": "start"},
         403, "only the hub's instructors may start a game or round"),
        ("ref01", "api/game/decision",
         {"round": 1, "department": "cs", "values": {"onboarding_hours": 8}},
         403, "department must be your own, 'marketing', got 'cs'"),
        ("ref01", "api/game/decision",
         {"round": 1, "team": 2, "department": "marketing", "values": {"leads_per_month": 1}},
         403, "team must be your own team, 1, got 2"),
        ("ref02", "api/game/action", {"action": "close"},
         403, "only the hub's instructors may close a game or round"),
        ("ref02", "api/game/action", {"action": "open"},
         403, "only the hub's instructors may open a game or round"),
        ("ref02", "api/game/action",
         {"action": "assign", "user": "ref02", "team": 2, "department": "cs"},
         403, "only the hub's instructors may assign a game or round"),
        ("ref02", "api/game/all", None, 403, "only the hub's instructors"),
    ]  # fmt: skip
    for who, path, payload, status, message in cases:
        before = call(hub, teach, "GET", "api/game/all")[1]
        got, body = call(hub, tokens[who], "GET" if payload is None else "POST", path, payload)
        assert (got, body.get("error", "")[: len(message)]) == (status, message), body
        assert call(hub, teach, "GET", "api/game/all")[1] == before
    assert call(hub, teach, "POST", "api/game/action", {"action": "close"})[0] == 200
    before = call(hub, teach, "GET", "api/game/all")[1]
    got, body = call(hub, tokens["ref01"], "POST", "api/game/decision", ok)
    assert got == 409 and body["error"].startswith("round 1 is closed"), body
    assert call(hub, teach, "GET", "api/game/all")[1] == before
    assert before["teams"][0]["decisions"][0]["marketing"] == {"leads_per_month": 200.0}


def test_the_team_check_can_fail():
    """check_every_team catches one decision that differs from the plan (no hub needed)."""
    what = plan(SEED)
    log = [{"action": "open", "rounds": ROUNDS, "seed": SEED}]
    log += [{"action": "join", "user": n} for n in PLAYERS]
    log += [{"action": "start", "at": 0.0}]
    for i, name in enumerate(PLAYERS):
        values = what[name][1]
        if values is not None:
            log.append({"action": "decide", "user": name, "department": DEPARTMENTS[i % 3],
                        "values": values, "at": 0.0})  # fmt: skip
    right = m.instructor_view(m.replay([*log, {"action": "close"}]))
    check_every_team(right, what, 1)
    halved = {k: v if isinstance(v, str) else v / 2 for k, v in log[-1]["values"].items()}
    assert halved != log[-1]["values"]
    wrong = dict(log[-1], values=halved)
    view = m.instructor_view(m.replay([*log[:-1], wrong, {"action": "close"}]))
    with pytest.raises(AssertionError):
        check_every_team(view, what, 1)
