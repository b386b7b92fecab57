"""The room plays (issue 28): how long until every team's new numbers are on the instructor's
page after a round closes, with 40 players.

    .venv/bin/python benchmarks/bench_game.py              # real hub, 40 players, ~1.5 min
    .venv/bin/python benchmarks/bench_game.py --no-hub     # the service's code in-process, ~10 s

With the hub (tests/roomhub.py: the project's own hub config and room service on 127.0.0.1,
real logins and tokens), 40 players join (14 teams: 13 of three and one player with two
bots). In each of 8 rounds every player sends a decision (not timed); then the instructor's
"close" request is sent and the instructor's page data (``GET api/game/all``) is read until
it holds round r for every team: that wait is what the page shows after "Close the round".
Timed with ``time.perf_counter`` through the hub's proxy. The figure is the median of the
last 5 rounds (the heaviest: the longest history, customers shown); the goal is under 1 s.

``--no-hub`` times the same two steps on ``GameRoom`` (deploy/room/game.py) directly: the
service's own share, without the proxy and HTTP.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import platform
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from demandlab.game.scenario import CHOICES, DECISIONS, DEPARTMENTS  # noqa: E402

GOAL_S = 1.0  # a round closed -> every team's numbers on the instructor's page
PLAYERS = 40
ROUNDS = 8
TIMED = 5  # the last rounds, whose median is the figure


def decision(rng: random.Random, dept: str) -> dict:
    out = {k: rng.choice(names) for k, names in CHOICES.get(dept, {}).items()}
    for key, (low, high, step, _unit) in DECISIONS[dept].items():
        out[key] = low + step * rng.randrange(int(round((high - low) / step)) + 1)
    return out


def complete(view: dict, r: int, teams: int) -> bool:
    return len(view["teams"]) == teams and all(len(t["rounds"]) == r for t in view["teams"])


def with_hub(players: int, rounds: int) -> list[float]:
    from demandlab import room_client
    from tests.roomhub import RoomHub

    hub = RoomHub()
    hub.start()
    try:
        names = [f"bench{i:02d}" for i in range(players)]
        tokens = hub.tokens([*names, "teacher"])
        teacher = room_client.Connection(hub.room_url, tokens["teacher"])
        conns = {n: room_client.Connection(hub.room_url, tokens[n]) for n in names}
        teacher.call("POST", "api/game/action", {"action": "open", "rounds": rounds, "seed": 1})
        seats = {n: conns[n].call("POST", "api/game/join", {})["seat"] for n in names}
        teams = max(s["team"] for s in seats.values())
        rng = random.Random(28)
        times = []
        for r in range(1, rounds + 1):
            teacher.call("POST", "api/game/action", {"action": "start"})
            plan = {n: decision(rng, seats[n]["department"]) for n in names}

            def send(n, plan=plan, r=r):
                body = {"round": r, "department": seats[n]["department"], "values": plan[n]}
                conns[n].call("POST", "api/game/decision", body)

            threads = [threading.Thread(target=send, args=(n,)) for n in names]
            for t in threads:
                t.start()
            for t in threads:
                t.join(timeout=60)
            start = time.perf_counter()
            teacher.call("POST", "api/game/action", {"action": "close"})
            while not complete(teacher.call("GET", "api/game/all"), r, teams):
                if time.perf_counter() - start > 30:
                    raise RuntimeError(f"round {r}'s numbers never reached the page")
            times.append(time.perf_counter() - start)
            print(f"  round {r}: {times[-1] * 1000:.0f} ms", flush=True)
        return times
    finally:
        hub.stop()


def without_hub(players: int, rounds: int) -> list[float]:
    spec = importlib.util.spec_from_file_location("room_game", ROOT / "deploy/room/game.py")
    game = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(game)
    with tempfile.TemporaryDirectory() as tmp:
        room = game.GameRoom(Path(tmp) / "room.sqlite")
        room.act("teacher", True, {"action": "open", "rounds": rounds, "seed": 1})
        names = [f"bench{i:02d}" for i in range(players)]
        seats = {n: room.join(n)["seat"] for n in names}
        teams = max(s["team"] for s in seats.values())
        rng = random.Random(28)
        times = []
        for r in range(1, rounds + 1):
            room.act("teacher", True, {"action": "start"})
            for n in names:
                dept = seats[n]["department"]
                room.decide(n, {"round": r, "department": dept, "values": decision(rng, dept)})
            start = time.perf_counter()
            room.act("teacher", True, {"action": "close"})
            view = room.instructor_view()
            json.dumps(view)  # what the handler sends
            assert complete(view, r, teams)
            times.append(time.perf_counter() - start)
            print(f"  round {r}: {times[-1] * 1000:.0f} ms", flush=True)
        return times


def main(argv: list | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--no-hub", action="store_true", help="the service's code in-process")
    ap.add_argument("--players", type=int, default=PLAYERS)
    args = ap.parse_args(argv)
    assert len(DEPARTMENTS) == 3
    run = without_hub if args.no_hub else with_hub
    times = run(args.players, ROUNDS)
    timed = times[-TIMED:]
    median = statistics.median(timed)
    report = {
        "what": "round closed -> every team's numbers on the instructor's page",
        "hub": not args.no_hub,
        "players": args.players,
        "rounds_ms": [round(t * 1000, 1) for t in times],
        "median_last_5_ms": round(median * 1000, 1),
        "goal_ms": GOAL_S * 1000,
        "python": platform.python_version(),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    out = ROOT / "artifacts" / ("bench-game.json" if not args.no_hub else "bench-game-nohub.json")
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=1))
    verdict = "within" if median < GOAL_S else "OVER"
    print(f"median of the last {TIMED} rounds: {median * 1000:.0f} ms ({verdict} the 1 s goal)")
    return 0 if median < GOAL_S else 1


if __name__ == "__main__":
    sys.exit(main())
