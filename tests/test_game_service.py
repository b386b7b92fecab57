"""The room game's service side (deploy/room/game.py) in this process, without a hub: the
service's own tornado app with the hub's login replaced by a test header. A whole game through
HTTP, every refusal with its status and message (and nothing changed), the timer, a restart
that replays the log, and the CSV export. The same game behind a real hub:
tests/test_game_room.py."""

from __future__ import annotations

import csv
import io
import json

import pytest
from tornado.testing import AsyncHTTPTestCase

from demandlab.game import model as m
from demandlab.game.widgets import UNSENT
from demandlab.widgetkit import MAIN_FIGURE
from tests.conftest import ROOT, load_file

PREFIX = "/services/room/"
MANAGE = "custom:room:manage"


service = load_file("room_service_under_test", ROOT / "deploy" / "room" / "service.py")
game = service.load_game()


def fake_login(self):
    """The hub's login, replaced: the user named in a test header, the instructor's scope for
    the name "teacher"."""
    name = self.request.headers.get("X-Test-User")
    if not name:
        return None
    return {"name": name, "scopes": [MANAGE] if name == "teacher" else []}


class Clock:
    def __init__(self, t: float = 1_000.0):
        self.t = t

    def __call__(self) -> float:
        return self.t


# --- The game room itself: the log, the timer, a restart -------------------------------------
def test_a_restart_replays_the_log_and_loses_nothing(tmp_path):
    db = tmp_path / "room.sqlite"
    clock = Clock()
    room = game.GameRoom(db, clock)
    room.act("teacher", True, {"action": "open", "rounds": 4, "seed": 3})
    for i in range(5):
        room.join(f"p{i}")
    room.act("teacher", True, {"action": "start"})
    room.decide("p0", {"department": "marketing", "values": {"leads_per_month": 400}})
    room.act("teacher", True, {"action": "close"})
    room.act("teacher", True, {"action": "start", "seconds": 60})
    push = {"approach": "push", "discount_percent": 30}
    room.decide("p1", {"department": "sales", "values": push, "round": 2})
    before = room.instructor_view()
    again = game.GameRoom(db, clock)  # the service restarted mid-round
    assert again.instructor_view() == before and again.state == room.state
    clock.t += 61  # the timer ran out while nobody called
    view = again.instructor_view()
    assert view["game"]["open"] is False and len(view["teams"][0]["rounds"]) == 2
    third = game.GameRoom(db, clock)
    assert third.instructor_view() == view  # the timer's close is in the log too
    runs = m.team_results(third.state)
    assert runs[1].decisions[1]["sales"] == {"approach": "push", "discount_percent": 30.0}
    assert runs[1].decisions[1]["marketing"] == {"leads_per_month": 400.0}  # kept from round 1


def test_a_decision_after_the_timer_is_refused_and_changes_nothing(tmp_path):
    clock = Clock()
    room = game.GameRoom(tmp_path / "room.sqlite", clock)
    room.act("teacher", True, {"action": "open"})
    room.join("p0")
    room.act("teacher", True, {"action": "start", "seconds": 30})
    clock.t += 30
    with pytest.raises(game.GameRefused, match="^round 1 closed on its timer$|^round 1 is closed"):
        room.decide("p0", {"department": "marketing", "values": {"leads_per_month": 10}})
    assert room.state.history[0][1]["marketing"] == dict(room.state.scenario.start["marketing"])


def test_only_instructors_run_the_game(tmp_path):
    room = game.GameRoom(tmp_path / "room.sqlite")
    for body in ({"action": "open"}, {"action": "start"}, {"action": "close"},
                 {"action": "assign", "user": "p", "team": 1, "department": "cs"}):  # fmt: skip
        with pytest.raises(game.GameRefused, match="^only the hub's instructors may") as err:
            room.act("p", False, body)
        assert err.value.status == 403
    assert room.state is None
    assert room.db.execute("SELECT COUNT(*) FROM game_events").fetchone()[0] == 0


def test_the_export_is_every_team_round_by_round_and_formula_safe(tmp_path):
    room = game.GameRoom(tmp_path / "room.sqlite")
    room.act("teacher", True, {"action": "open", "rounds": 4, "seed": 5})
    for name in ("=HYPERLINK(1)", "bob", "+carol", "dave"):
        room.join(name)
    for _ in range(2):
        room.act("teacher", True, {"action": "start"})
        room.decide("dave", {"department": "marketing", "values": {"leads_per_month": 425}})
        room.act("teacher", True, {"action": "close"})
    rows = list(csv.DictReader(io.StringIO(room.export())))
    assert len(rows) == 2 * 2
    assert rows[0]["marketing_player"] == "'=HYPERLINK(1)" and rows[0]["cs_player"] == "'+carol"
    assert rows[2]["sales_player"] == "bot" and rows[2]["leads_per_month"] == "425"
    # Sales' two decisions are two columns: bob (team 1's sales) kept the start, the bot in
    # team 2 chased its local target in the first half.
    assert (rows[0]["approach"], rows[0]["discount_percent"]) == ("qualify", "0")
    assert (rows[2]["approach"], rows[2]["discount_percent"]) == ("push", "30")
    runs = m.team_results(room.state)
    for r in rows:
        run = runs[int(r["team"])]
        for name in m.ROUND_NUMBERS:
            assert float(r[name]) == pytest.approx(
                getattr(run, name)[int(r["round"]) - 1], abs=0.01
            )


# --- Through HTTP, as the hub's proxy would send it -------------------------------------------
class ServiceCase(AsyncHTTPTestCase):
    def get_app(self):
        import tempfile
        from pathlib import Path

        self.db = Path(tempfile.mkdtemp(prefix="dlgame-")) / "room.sqlite"
        self._patch = pytest.MonkeyPatch()
        self._patch.setattr(service.Base, "get_current_user", fake_login)
        return service.make_app(self.db, PREFIX)

    def tearDown(self):
        super().tearDown()
        self._patch.undo()

    def call(self, user, method, path, body=None):
        headers = {"Content-Type": "application/json"}
        if user:
            headers["X-Test-User"] = user
        resp = self.fetch(
            PREFIX + path,
            method=method,
            headers=headers,
            body=None if method == "GET" else json.dumps(body if body is not None else {}),
            raise_error=False,
        )
        text = resp.body.decode()
        ctype = resp.headers.get("Content-Type", "")
        return resp.code, json.loads(text) if ctype.startswith("application/json") else text

    def test_a_game_through_http_and_every_refusal(self):
        assert self.call("teacher", "GET", "api/game/all")[1]["game"] is None
        status, body = self.call("p00", "POST", "api/game/join")
        assert (status, body["error"]) == (
            409,
            "no game is open: wait for the instructor to open one",
        )
        assert self.call("teacher", "POST", "api/game/action", {"action": "open", "rounds": 4,
                                                                  "seed": 9})[0] == 200  # fmt: skip
        for i in range(5):
            assert self.call(f"p{i:02d}", "POST", "api/game/join")[0] == 200
        status, view = self.call("p04", "GET", "api/game")
        assert view["seat"] == {"team": 2, "department": "sales"}
        self.call("teacher", "POST", "api/game/action", {"action": "start", "seconds": 300})
        first = {"round": 1, "department": "marketing", "values": {"leads_per_month": 450}}
        ok = self.call("p00", "POST", "api/game/decision", first)
        assert ok[0] == 200 and ok[1]["decided_this_round"] is True
        before = self.call("teacher", "GET", "api/game/all")[1]
        refusals = [
            ("p00", "POST", "api/game/decision",
             {"round": 1, "department": "marketing", "values": {"leads_per_month": 1e9}},
             400, "leads_per_month must be a number between 0 and 450, got 1000000000.0"),
            ("p00", "POST", "api/game/decision",
             {"round": 1, "department": "sales",
              "values": {"approach": "push", "discount_percent": 10}},
             403, "department must be your own, 'marketing', got 'sales'"),
            ("p00", "POST", "api/game/decision",
             {"round": 1, "team": 2, "department": "marketing", "values": {"leads_per_month": 1}},
             403, "team must be your own team, 1, got 2"),
            ("p00", "POST", "api/game/decision",
             {"round": 2, "department": "marketing", "values": {"leads_per_month": 1}},
             409, "round must be the open round, 1, got 2"),
            ("p00", "POST", "api/game/decision", {"values": {}},
             400, "a decision must be a JSON object with department and values"),
            ("p01", "POST", "api/game/decision",
             {"round": 1, "department": "sales",
              "values": {"approach": "push", "discount_percent": 40}},
             400, "discount_percent must be a number between 0 and 30, got 40"),
            ("p01", "POST", "api/game/decision",
             {"round": 1, "department": "sales",
              "values": {"approach": "beg", "discount_percent": 10}},
             400, "approach must be one of 'qualify', 'push', got 'beg'"),
            ("p01", "POST", "api/game/decision",
             {"round": 1, "department": "sales", "values": {"approach": "push"}},
             400, "decision must be a mapping with exactly 'approach', 'discount_percent'"),
            ("p01", "POST", "api/game/action", {"action": "start"},
             403, "only the hub's instructors may start a game or round"),
            ("p01", "POST", "api/game/action",
             {"action": "assign", "user": "p01", "team": 1, "department": "marketing"},
             403, "only the hub's instructors may assign a game or round"),
            ("p01", "POST", "api/game/action", {"action": "close"},
             403, "only the hub's instructors may close a game or round"),
            ("p01", "POST", "api/game/action", {"action": "open"},
             403, "only the hub's instructors may open a game or round"),
            ("p01", "GET", "api/game/all", None, 403, "only the hub's instructors"),
            ("p01", "GET", "api/game/export.csv", None, 403, "only the hub's instructors"),
            (None, "GET", "api/game", None, 403, "a valid JupyterHub token is required"),
            ("teacher", "POST", "api/game/action", {"action": "start"},
             409, "round 1 is still open: close it first"),
            ("teacher", "POST", "api/game/action", {"action": "start", "x": 1},
             400, "start takes only ['seconds'], got ['x']"),
            ("teacher", "POST", "api/game/action", {"action": "reset"},
             400, "action must be one of open, start, close, assign"),
        ]  # fmt: skip
        for user, method, path, body, status, message in refusals:
            got, reply = self.call(user, method, path, body)
            assert (got, reply.get("error", "")[: len(message)]) == (status, message), reply
            assert self.call("teacher", "GET", "api/game/all")[1] == before  # nothing changed
        self.call("teacher", "POST", "api/game/action", {"action": "close"})
        late = self.call("p00", "POST", "api/game/decision",
                         {"department": "marketing", "values": {"leads_per_month": 1}})  # fmt: skip
        assert late[0] == 409 and late[1]["error"].startswith("round 1 is closed")
        final = self.call("teacher", "GET", "api/game/all")[1]
        state = m.replay(
            [{"action": "open", "rounds": 4, "seed": 9}]
            + [{"action": "join", "user": f"p{i:02d}"} for i in range(5)]
            + [{"action": "start", "at": 0.0},
               {"action": "decide", "user": "p00", "department": "marketing",
                "values": {"leads_per_month": 450}, "at": 0.0},
               {"action": "close"}]
        )  # fmt: skip
        assert final["teams"] == m.instructor_view(state)["teams"]
        status, text = self.call("teacher", "GET", "api/game/export.csv")
        assert status == 200 and len(list(csv.DictReader(io.StringIO(text)))) == 2
        page = self.fetch(PREFIX + "game", headers={"X-Test-User": "teacher"})
        assert page.code == 200 and b"The room plays" in page.body
        for control in (b'id="open"', b'id="start"', b'id="close"', b'id="assign"'):
            assert control in page.body
        assert "nonce-" in page.headers["Content-Security-Policy"]


# --- The player's widget in a room: the course's own widget against this service --------------
class FakeConnection:
    """room_client.Connection's ``call``, answered by a GameRoom in this process as one user."""

    def __init__(self, room, user):
        self.room, self.user = room, user

    def call(self, method, path, payload=None):
        from demandlab import room_client

        try:
            if path == "api/game/join":
                return self.room.join(self.user)
            if path == "api/game/decision":
                return self.room.decide(self.user, payload)
            if path == "api/game":
                return self.room.player_view(self.user)
        except game.GameRefused as err:
            raise room_client.RoomError(
                f"the room refused it (HTTP {err.status}) {err}".strip()
            ) from None
        raise AssertionError(path)


def test_in_a_room_the_widget_sends_the_players_decision(tmp_path, monkeypatch):
    import demandlab as dl
    from demandlab import room_client
    from tests.sweep import sweep_every_control

    room = game.GameRoom(tmp_path / "room.sqlite")
    monkeypatch.setattr(room_client, "connection", lambda: FakeConnection(room, "ann"))
    box = dl.room_game()  # no game open yet: solo, and it says why
    assert "No game in the room" in box.message.value and box.state is not None
    room.act("teacher", True, {"action": "open", "rounds": 4, "seed": 2})
    room.join("bob")
    box = dl.room_game("cs")  # the room seats ann, whatever department she asked for
    assert box.state["seat"] == {"team": 1, "department": "sales"}
    assert list(box.controls) == ["approach", "discount_percent", "play", "again"]
    assert MAIN_FIGURE in box.figure._dom_classes
    assert "wait for the instructor to open the next one" in box.message.value
    box.controls["approach"].value = "push"
    box.controls["discount_percent"].value = 15
    box.controls["play"].click()
    assert "Not sent: the room refused it (HTTP 409) the game has not started" in (
        box.message.value
    )
    room.act("teacher", True, {"action": "start"})
    box.controls[
        "play"
    ].click()  # the widget showed no open round: the decision goes to the open one
    assert "Sent. Round 1 of 4 is open: your decision is in" in box.message.value
    assert UNSENT not in box.message.value  # the sliders show what the room holds
    box.controls["discount_percent"].value = 25
    assert UNSENT in box.message.value, "a moved slider is not sent until the button says so"
    assert room.state.pending[(1, "sales")]["discount_percent"] == 15.0
    room.act("teacher", True, {"action": "close"})
    room.act("teacher", True, {"action": "start"})
    box.controls[
        "play"
    ].click()  # meant for round 1, which closed meanwhile: refused, and shown why
    assert "Not sent: the room refused it (HTTP 409) round must be the open round, 2, got 1." in (
        box.message.value
    )
    assert "Round 2 of 4 is open: send your decision" in box.message.value
    room.act("teacher", True, {"action": "close"})
    box.controls["approach"].value = "push"
    box.controls["discount_percent"].value = 15
    box.controls["again"].click()
    history = room.state.history
    kept = {"approach": "push", "discount_percent": 15.0}
    assert history[0][1]["sales"] == history[1][1]["sales"] == kept  # kept in round 2
    run = m.team_results(room.state)[1]
    assert list(box.figure.data[0].y) == [round(float(v), 2) for v in run.deals]
    assert "Round 2: sales had" in box.message.value
    assert "Your customers:" in box.message.value  # the first half (2 of 4 rounds) is played
    assert "At half time, talk it over" in box.panels["debrief"].value  # the debrief's questions
    assert len(box.figure.data[2].y) == 2
    room.act("teacher", True, {"action": "start"})
    assert sweep_every_control(box) > 3  # every slider end and both buttons: a sentence
    with pytest.raises(ValueError, match="^room must be True or False, got 'yes'"):
        dl.room_game(room="yes")


def test_room_true_without_a_room_is_refused(monkeypatch):
    import demandlab as dl
    from demandlab import room_client

    monkeypatch.setattr(room_client, "connection", lambda: None)
    with pytest.raises(ValueError, match="^room must be False or None here: this server has no"):
        dl.room_game(room=True)
    assert dl.room_game(room=False).state.round == 0


def test_in_a_room_the_widget_follows_the_rounds_by_itself(tmp_path, monkeypatch):
    """On the kernel's event loop the widget asks the room every few seconds (here every
    10 ms) and redraws when a round opens or closes; with no loop it never schedules."""
    import asyncio

    import demandlab as dl
    from demandlab import room_client

    room = game.GameRoom(tmp_path / "room.sqlite")
    room.act("teacher", True, {"action": "open", "rounds": 2, "seed": 2})
    monkeypatch.setattr(room_client, "connection", lambda: FakeConnection(room, "ann"))
    monkeypatch.setattr(room_client, "POLL_S", 0.01)

    async def until(box, text: str) -> None:
        for _ in range(500):  # at most ~5 s, then the assertion below says what was shown
            if text in box.message.value:
                return
            await asyncio.sleep(0.01)
        raise AssertionError(f"{text!r} never shown: {box.message.value}")

    async def play() -> None:
        box = dl.room_game()
        assert "wait for the instructor to open the next one" in box.message.value
        room.act("teacher", True, {"action": "start"})
        await until(box, "Round 1 of 2 is open: send your decision")
        room.act("teacher", True, {"action": "close"})
        await until(box, "Round 1: marketing had")
        room.act("teacher", True, {"action": "start"})
        room.act("teacher", True, {"action": "close"})
        await until(box, "The game is over")

    asyncio.run(play())
    box = dl.room_game()  # no loop running: nothing scheduled, the widget still draws
    assert "The game is over" in box.message.value


def test_a_logged_action_the_rules_no_longer_accept_is_skipped_on_restart(tmp_path, capsys):
    db = tmp_path / "room.sqlite"
    room = game.GameRoom(db)
    room.act("teacher", True, {"action": "open", "rounds": 4, "seed": 1})
    room.join("p0")
    room.act("teacher", True, {"action": "start"})
    room.decide("p0", {"department": "marketing", "values": {"leads_per_month": 300}})
    # As if the scenario's range had changed since: a decision the rules now refuse.
    bad = {"action": "decide", "user": "p0", "department": "marketing", "at": 1.0,
           "values": {"leads_per_month": 9000}}  # fmt: skip
    room._log(bad)
    again = game.GameRoom(db)
    assert again.state.pending[(1, "marketing")] == {"leads_per_month": 300.0}
    assert "skipped logged action" in capsys.readouterr().err
    with pytest.raises(game.GameRefused, match="^team must be your own team, 1, got True"):
        again.decide("p0", {"department": "marketing", "values": {"leads_per_month": 1},
                            "team": True})  # fmt: skip
