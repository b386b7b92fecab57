"""The room plays (issue 28): the game's side of the room service (deploy/room/service.py).

Teams of three (marketing, sales, customer success; bots fill empty seats) play lesson 05's
company a quarter a round. The game itself is the course's: every action goes through
demandlab.game.model (the functions a notebook's solo game uses), which refuses what is not
allowed and changes nothing. This file adds who may do what, the log and the HTTP API:

- every accepted action is one row of ``game_events`` in the service's SQLite file, committed
  before the request is answered; after a restart the service replays the log, so nothing
  is lost mid-game (a round on a timer that ran out while the service was down closes at
  the next request, at its deadline);
- results are not stored: each team's numbers are recomputed from its decisions (seeded by
  the game and the round), so what the page shows is what the model gives those decisions.

Endpoints, under the service's prefix (/services/room/):

    GET  api/game               your seat, the round, your department's scoreboard (and your
                                team's customer outcome in the second half)
    POST api/game/join          {}                           a seat: a team's free seat or a bot's
    POST api/game/decision      {round, department, values}  your decision for the open round
    GET  api/game/all           instructors: every team side by side, round by round
    POST api/game/action        instructors: {action: "open", rounds, seed} | {action: "start",
                                seconds (optional timer)} | {action: "close"} |
                                {action: "assign", user, team, department}
    GET  api/game/export.csv    instructors: every team's decisions and numbers, round by round
    GET  game                   instructors: the game's page (game.html)
"""

from __future__ import annotations

import csv
import io
import json
import secrets
import sqlite3
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
try:
    from demandlab.game import model
except ImportError:  # the service run from a checkout whose course is not installed
    sys.path.insert(0, str(HERE.parents[1] / "src"))
    from demandlab.game import model

SCHEMA = """
CREATE TABLE IF NOT EXISTS game_events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, game INTEGER NOT NULL,
    event TEXT NOT NULL, at REAL NOT NULL);
"""
# The service's status code for each reason the game refuses an action.
STATUS = {"invalid": 400, "not-yours": 403, "closed": 409, "state": 409}
INSTRUCTOR_ACTIONS = ("open", "start", "close", "assign")
CSV_COLUMNS = (
    "game", "team", "round", "marketing_player", "sales_player", "cs_player",
    "leads_per_month", "approach", "discount_percent", "onboarding_hours", *model.ROUND_NUMBERS,
)  # fmt: skip


class GameRefused(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def _cell(text: str) -> str:
    """A spreadsheet runs a cell that starts with = + - @ as a formula: quote it."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class GameRoom:
    """The current game, its log in SQLite, and who may do what."""

    def __init__(self, path: Path, clock=time.time):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(path), isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.executescript(SCHEMA)
        self.clock = clock
        self.game_id, self.state = self._load()

    def _load(self) -> tuple[int | None, model.GameState | None]:
        row = self.db.execute("SELECT MAX(game) FROM game_events").fetchone()
        if row[0] is None:
            return None, None
        events = self.db.execute(
            "SELECT seq, event FROM game_events WHERE game=? ORDER BY seq", (row[0],)
        ).fetchall()
        state = None
        for seq, event in events:
            try:
                state = model.apply(state, json.loads(event))
            except (model.GameRefusal, ValueError, KeyError) as err:
                # An action the course's rules no longer accept (a scenario edited between
                # runs) is skipped, never a service that cannot start.
                print(f"room game: skipped logged action {seq}: {err}", file=sys.stderr)
        return row[0], state

    def _log(self, event: dict) -> None:
        at = event.get("at", self.clock())
        if event["action"] == "open":
            cur = self.db.execute(
                "INSERT INTO game_events (game, event, at) VALUES (0, ?, ?)",
                (json.dumps(event), at),
            )
            self.game_id = cur.lastrowid
            self.db.execute(
                "UPDATE game_events SET game=? WHERE seq=?", (self.game_id, cur.lastrowid)
            )
        else:
            self.db.execute(
                "INSERT INTO game_events (game, event, at) VALUES (?, ?, ?)",
                (self.game_id, json.dumps(event), at),
            )

    def tick(self) -> None:
        """Close the open round if its timer ran out (logged at its deadline)."""
        s = self.state
        if s is not None and s.open and s.deadline is not None and self.clock() >= s.deadline:
            self._apply({"action": "close", "at": s.deadline})

    def _apply(self, event: dict) -> None:
        try:
            new = model.apply(self.state, event)
        except model.GameRefusal as err:
            raise GameRefused(STATUS[err.reason], str(err)) from None
        self._log(event)  # committed (autocommit) before the state changes or a reply goes out
        self.state = new

    def act(self, user: str, instructor: bool, body: object) -> dict:
        """An instructor's action: ``{"action": "open" | "start" | "close" | "assign", ...}``."""
        if not isinstance(body, dict) or body.get("action") not in INSTRUCTOR_ACTIONS:
            raise GameRefused(
                400, f"action must be one of {', '.join(INSTRUCTOR_ACTIONS)}, got {_show(body)}"
            )
        action = body["action"]
        if not instructor:
            raise GameRefused(403, f"only the hub's instructors may {action} a game or round")
        allowed = {
            "open": {"rounds", "seed"},
            "start": {"seconds"},
            "close": set(),
            "assign": {"user", "team", "department"},
        }[action]
        extra = set(body) - allowed - {"action"}
        if extra:
            raise GameRefused(400, f"{action} takes only {sorted(allowed)}, got {sorted(extra)}")
        self.tick()
        event = {"action": action, "at": self.clock()}
        if action == "open":
            event["rounds"] = body.get("rounds", model.GameState().scenario.rounds)
            event["seed"] = body.get("seed", secrets.randbelow(2**31))
        elif action == "start":
            event["seconds"] = body.get("seconds")
        elif action == "assign":
            event.update({k: body.get(k) for k in ("user", "team", "department")})
        self._apply(event)
        return self.instructor_view()

    def join(self, user: str) -> dict:
        self.tick()
        if self.state is None:
            raise GameRefused(409, "no game is open: wait for the instructor to open one")
        if model.seat_of(self.state, user) is None:
            self._apply({"action": "join", "user": user, "at": self.clock()})
        return self.player_view(user)

    def decide(self, user: str, body: object) -> dict:
        self.tick()
        if (
            not isinstance(body, dict)
            or not {"department", "values"} <= set(body)
            or not set(body) <= {"department", "values", "round", "team"}
        ):
            raise GameRefused(
                400,
                "a decision must be a JSON object with department and values "
                f"(and round, team), got {_show(body)}",
            )
        if self.state is None:
            raise GameRefused(409, "no game is open: wait for the instructor to open one")
        event = {"action": "decide", "user": user, "at": self.clock(), **body}
        self._apply(event)
        return self.player_view(user)

    def player_view(self, user: str) -> dict:
        self.tick()
        if self.state is None:
            return {"game": None, "seat": None}
        return {"id": self.game_id, **model.player_view(self.state, user)}

    def instructor_view(self) -> dict:
        self.tick()
        if self.state is None:
            return {"game": None, "teams": []}
        return {"id": self.game_id, **model.instructor_view(self.state)}

    def export(self) -> str:
        out = io.StringIO()
        w = csv.writer(out)
        w.writerow(CSV_COLUMNS)
        if self.state is None:
            return out.getvalue()
        view = self.instructor_view()
        for team in view["teams"]:
            players = [_cell(team["seats"][d] or "bot") for d in ("marketing", "sales", "cs")]
            for row, d in zip(team["rounds"], team["decisions"]):
                w.writerow(
                    [
                        self.game_id,
                        team["team"],
                        row["round"],
                        *players,
                        f"{d['marketing']['leads_per_month']:g}",
                        d["sales"]["approach"],
                        f"{d['sales']['discount_percent']:g}",
                        f"{d['cs']['onboarding_hours']:g}",
                        *(f"{row[n]:g}" for n in model.ROUND_NUMBERS),
                    ]
                )
        return out.getvalue()


def _show(value: object) -> str:
    text = json.dumps(value) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _manager(handler) -> bool:
    """May run the game: the service's manage scope (``manager`` where the service splits
    reading the room from changing it, else ``instructor``)."""
    return bool(getattr(handler, "manager", handler.instructor))


def routes(p, base, authenticated, refused, web, render_page) -> list:
    """The game's handlers, on the service's own base handler (its login and JSON errors);
    the page is filled by the service's ``render_page`` (values escaped for a <script>)."""

    def run(work):
        try:
            return work()
        except GameRefused as err:
            raise refused(err.status, str(err)) from None

    class GameHandler(base):
        @authenticated
        def get(self):
            self.reply(run(lambda: self.settings["game"].player_view(self.name())))

    class JoinHandler(base):
        @authenticated
        def post(self):
            self.body()
            self.reply(run(lambda: self.settings["game"].join(self.name())))

    class DecisionHandler(base):
        @authenticated
        def post(self):
            body = self.body()
            self.reply(run(lambda: self.settings["game"].decide(self.name(), body)))

    class AllHandler(base):
        @authenticated
        def get(self):
            self.require_instructor()
            self.reply(run(lambda: self.settings["game"].instructor_view()))

    class ActionHandler(base):
        @authenticated
        def post(self):
            body = self.body()
            room = self.settings["game"]
            view = run(lambda: room.act(self.name(), _manager(self), body))
            deadline = room.state.deadline if room.state is not None else None
            if body.get("action") == "start" and deadline is not None:
                # The round closes on time even if no one calls; a late request closes it too.
                from tornado import ioloop

                ioloop.IOLoop.current().call_later(max(0.0, deadline - room.clock()), room.tick)
            self.reply(view)

    class ExportHandler(base):
        @authenticated
        def get(self):
            if not _manager(self):
                raise refused(403, "only the hub's instructors may export the game")
            self.set_header("Content-Type", "text/csv; charset=utf-8")
            self.set_header("Content-Disposition", 'attachment; filename="game.csv"')
            self.set_header("Cache-Control", "no-store")
            self.finish(self.settings["game"].export())

    class PageHandler(base):
        @web.authenticated
        def get(self):
            if not self.instructor:
                raise refused(403, "only the hub's instructors may see the game's page")
            page = (HERE / "game.html").read_text()
            nonce = secrets.token_urlsafe(16)
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.set_header(
                "Content-Security-Policy",
                f"default-src 'self'; script-src 'self' 'nonce-{nonce}'; "
                "style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; "
                "frame-ancestors 'self'",
            )
            self.finish(
                render_page(
                    page, nonce, self.xsrf_token.decode(), self.settings["prefix"], self.name()
                )
            )

    return [
        (p("api/game"), GameHandler),
        (p("api/game/join"), JoinHandler),
        (p("api/game/decision"), DecisionHandler),
        (p("api/game/all"), AllHandler),
        (p("api/game/action"), ActionHandler),
        (p("api/game/export.csv"), ExportHandler),
        (p("game"), PageHandler),
    ]
