"""The live room: a JupyterHub-managed service that pools a workshop's votes and results.

Started by the hub (deploy/room/hub_config.py registers it in ``c.JupyterHub.services``),
which gives it its API token, its URL and its OAuth client through the environment. Every
request is authenticated by the hub: a notebook sends its server's ``JUPYTERHUB_API_TOKEN``
(demandlab/room_client.py), a browser logs in with the hub's OAuth (``HubOAuthenticated``).
The hub grants its ``instructors`` group two scopes: ``custom:room:read`` (see everyone's
answers; an instructor's server token carries it, for ``dl.room()``) and ``custom:room:manage``
(reveal, reset, export; only the instructor's login to the room's page carries it, never a
token that sits in a server's environment).

What it accepts is what src/demandlab/room_registry.py (loaded here as a file, without importing
the course) and questions.json beside this file list: a question by its question-bank id, an
answer among that question's options, a known result with a number within its range or a text
of at most TEXT_MAX characters. No question's text is written in this service or the registry:
questions.json is generated from the question bank (``python -m demandlab.tools room-questions``).
Everything is kept in SQLite on disk, committed before the answer is acknowledged, so a restart
loses nothing.

    python deploy/room/service.py --db /srv/demandlab-hub/room.sqlite     (the hub runs this)

Endpoints, under the service's prefix (/services/room/):

    POST api/answers               {lesson, question, answer}   question: a question-bank id
                                                                (01-books-profit); a vote replaces
                                                                the earlier one;
                                                                a quiz keeps its first answer
    POST api/results               {lesson, key, value}         replaces the earlier one
    GET  api/lessons/LESSON        your own answers; the class's aggregate once revealed
                                   (read scope: always, with "instructor": true)
    GET  api/lessons/LESSON/people read scope: every participant's answers and results
    GET  api/summary               read scope: every lesson, for the page
    POST api/lessons/LESSON/reveal manage scope: {revealed: true|false}
    POST api/reset                 manage scope: {lesson: "01" or "all", confirm: "reset 01"}
    GET  api/export.csv            manage scope: every answer and result
    GET  (the prefix itself)       manage scope: the room's page

(In the handlers: ``instructor`` is the manage scope, ``reader`` the read scope or manage.)
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import io
import json
import math
import os
import re
import secrets
import sqlite3
import statistics
import sys
import time
import unicodedata
from pathlib import Path

from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated
from jupyterhub.utils import url_path_join
from tornado import ioloop, web

HERE = Path(__file__).resolve().parent
REGISTRY_FILE = HERE.parents[1] / "src" / "demandlab" / "room_registry.py"
QUESTIONS_FILE = HERE / "questions.json"
MANAGE_SCOPE = "custom:room:manage"
READ_SCOPE = "custom:room:read"
MAX_BODY = 16 * 1024  # bytes in one request: the longest valid one is well under 1 kB


def load_registry(path: Path = REGISTRY_FILE):
    """The course's list of lessons, questions and results, read as a file (no demandlab)."""
    spec = importlib.util.spec_from_file_location("room_registry", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_game():
    """issue 28: the room game's side of the service (deploy/room/game.py), read as a file."""
    spec = importlib.util.spec_from_file_location("room_game", HERE / "game.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Refused(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


# --------------------------------------------------------------------------------------------
# What is accepted
# --------------------------------------------------------------------------------------------
class Rules:
    def __init__(self, registry, questions_file: Path = QUESTIONS_FILE):
        self.r = registry
        self.id_pattern = re.compile(registry.ID_PATTERN)
        # question-bank id -> registry.Question (lesson, id, kind, text, options)
        self.questions = registry.read_questions(questions_file.read_text(encoding="utf-8"))

    def question(self, lesson: str, qid: str):
        q = self.questions.get(qid)
        return q if q is not None and q.lesson == lesson else None

    def lesson_questions(self, lesson: str) -> list:
        return [q for q in self.questions.values() if q.lesson == lesson]

    def lesson(self, lesson: object) -> str:
        if not isinstance(lesson, str) or lesson not in self.r.LESSONS:
            raise Refused(400, f"unknown lesson {str(lesson)[:40]!r}")
        return lesson

    def _id(self, name: str, value: object) -> str:
        if not isinstance(value, str) or not self.id_pattern.match(value):
            raise Refused(400, f"{name} must be a short id, got {str(value)[:40]!r}")
        return value

    def answer(self, body: dict) -> tuple[str, str, str, str]:
        _keys(body, {"lesson", "question", "answer"})
        lesson = self.lesson(body["lesson"])
        qid = self._id("question", body["question"])
        q = self.question(lesson, qid)
        if q is None:
            raise Refused(400, f"unknown question {qid!r} in lesson {lesson}")
        answer = body["answer"]
        if not isinstance(answer, str) or len(answer) > self.r.ANSWER_MAX:
            raise Refused(400, "answer must be one of the question's options")
        if answer not in q.options:
            raise Refused(400, "answer must be one of the question's options")
        return lesson, qid, q.kind, answer

    def result(self, body: dict) -> tuple[str, str, float | None, str | None]:
        _keys(body, {"lesson", "key", "value"})
        lesson = self.lesson(body["lesson"])
        key = self._id("key", body["key"])
        spec = self.r.result(lesson, key)
        if spec is None:
            raise Refused(400, f"unknown result {key!r} in lesson {lesson}")
        value, kind, lo, hi = body["value"], spec.kind, spec.smallest, spec.largest
        if kind == "number":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise Refused(400, f"{key} must be a number")
            if not math.isfinite(value) or not lo <= value <= hi:
                raise Refused(400, f"{key} must be a finite number in [{lo:g}, {hi:g}]")
            return lesson, key, float(value), None
        if not isinstance(value, str) or not value.strip():
            raise Refused(400, f"{key} must be a non-empty text")
        if len(value) > self.r.TEXT_MAX:
            raise Refused(400, f"{key} must be at most {self.r.TEXT_MAX} characters")
        if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in value):
            raise Refused(400, f"{key} must not hold control characters")
        return lesson, key, None, value.strip()


def _keys(body: object, expected: set[str]) -> None:
    if not isinstance(body, dict) or set(body) != expected:
        raise Refused(400, f"expected a JSON object with exactly {sorted(expected)}")


# --------------------------------------------------------------------------------------------
# Storage
# --------------------------------------------------------------------------------------------
SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    lesson TEXT NOT NULL, question TEXT NOT NULL, user TEXT NOT NULL,
    kind TEXT NOT NULL, answer TEXT NOT NULL, first_at REAL NOT NULL, at REAL NOT NULL,
    PRIMARY KEY (lesson, question, user));
CREATE TABLE IF NOT EXISTS results (
    lesson TEXT NOT NULL, key TEXT NOT NULL, user TEXT NOT NULL,
    number REAL, text TEXT, at REAL NOT NULL,
    PRIMARY KEY (lesson, key, user));
CREATE TABLE IF NOT EXISTS reveals (lesson TEXT PRIMARY KEY, revealed INTEGER NOT NULL, at REAL);
"""


class Store:
    """SQLite on disk; every write is committed before the request is answered."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(path), isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.executescript(SCHEMA)

    def answer(self, user: str, lesson: str, qid: str, kind: str, answer: str) -> str:
        now = time.time()
        old = self.db.execute(
            "SELECT answer FROM answers WHERE lesson=? AND question=? AND user=?",
            (lesson, qid, user),
        ).fetchone()
        if old is not None and kind == "quiz":
            return "kept-first"  # a quiz pools the first answer, not the one after feedback
        self.db.execute(
            "INSERT INTO answers VALUES (?,?,?,?,?,?,?) ON CONFLICT (lesson, question, user) "
            "DO UPDATE SET answer=excluded.answer, at=excluded.at",
            (lesson, qid, user, kind, answer, now, now),
        )
        return "new" if old is None else "replaced"

    def result(self, user: str, lesson: str, key: str, number, text) -> str:
        old = self.db.execute(
            "SELECT 1 FROM results WHERE lesson=? AND key=? AND user=?", (lesson, key, user)
        ).fetchone()
        self.db.execute(
            "INSERT OR REPLACE INTO results VALUES (?,?,?,?,?,?)",
            (lesson, key, user, number, text, time.time()),
        )
        return "new" if old is None else "replaced"

    def revealed(self, lesson: str) -> bool:
        row = self.db.execute("SELECT revealed FROM reveals WHERE lesson=?", (lesson,)).fetchone()
        return bool(row and row[0])

    def set_revealed(self, lesson: str, on: bool) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO reveals VALUES (?,?,?)", (lesson, int(on), time.time())
        )

    def answers(self, lesson: str) -> list[tuple]:
        return self.db.execute(
            "SELECT question, user, answer, at FROM answers WHERE lesson=? ORDER BY user, question",
            (lesson,),
        ).fetchall()

    def results(self, lesson: str) -> list[tuple]:
        return self.db.execute(
            "SELECT key, user, number, text, at FROM results WHERE lesson=? ORDER BY user, key",
            (lesson,),
        ).fetchall()

    def reset(self, lesson: str | None) -> int:
        where, args = ("", ()) if lesson is None else (" WHERE lesson=?", (lesson,))
        n = 0
        self.db.execute("BEGIN")
        for table in ("answers", "results", "reveals"):
            n += self.db.execute(f"DELETE FROM {table}{where}", args).rowcount  # noqa: S608
        self.db.execute("COMMIT")
        return n

    def export(self) -> str:
        out = io.StringIO()
        w = csv.writer(out)
        w.writerow(["lesson", "kind", "id", "user", "answer_or_value", "first_at_utc", "at_utc"])
        for lesson, qid, user, kind, answer, first, at in self.db.execute(
            "SELECT lesson, question, user, kind, answer, first_at, at FROM answers "
            "ORDER BY lesson, question, user"
        ):
            w.writerow([lesson, kind, qid, _cell(user), _cell(answer), _utc(first), _utc(at)])
        for lesson, key, user, number, text, at in self.db.execute(
            "SELECT lesson, key, user, number, text, at FROM results ORDER BY lesson, key, user"
        ):
            value = f"{number:g}" if number is not None else _cell(text)
            w.writerow([lesson, "result", key, _cell(user), value, "", _utc(at)])
        return out.getvalue()


def _utc(t: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def _cell(text: str) -> str:
    """A spreadsheet runs a cell that starts with = + - @ as a formula: quote it."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def script_json(value) -> str:
    """JSON to put inside a <script> element: ``<``, ``>`` and ``&`` escaped, so a value holding
    ``</script>`` or ``<!--`` cannot end or change the element."""
    text = json.dumps(value)
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(ch, esc)
    return text  # json.dumps already escapes U+2028 and U+2029 (ensure_ascii)


# --------------------------------------------------------------------------------------------
# Views of a lesson
# --------------------------------------------------------------------------------------------
def lesson_view(store: Store, rules: Rules, lesson: str, user: str, instructor: bool) -> dict:
    revealed = store.revealed(lesson)
    show = revealed or instructor
    rows = store.answers(lesson)
    questions = {}
    for spec in rules.lesson_questions(lesson):
        qid = spec.id
        picked = [a for q, u, a, _ in rows if q == qid]
        mine = next((a for q, u, a, _ in rows if q == qid and u == user), None)
        q = {"kind": spec.kind, "you": mine}
        if show:
            q["counts"] = {o: picked.count(o) for o in spec.options}
            q["n"] = len(picked)
        if instructor:
            q["text"], q["options"] = spec.text, list(spec.options)
        questions[qid] = q
    results = {}
    res_rows = store.results(lesson)
    for spec in rules.r.RESULTS:
        if spec.lesson != lesson:
            continue
        key, kind = spec.key, spec.kind
        mine_rows = [r for r in res_rows if r[0] == key and r[1] == user]
        values = [r for r in res_rows if r[0] == key]
        r: dict = {"kind": kind, "label": spec.label, "unit": spec.unit}
        if mine_rows:
            r["you"] = mine_rows[0][2] if kind == "number" else mine_rows[0][3]
        if show:
            r["n"] = len(values)
            nums = [v[2] for v in values if v[2] is not None]
            if kind == "number" and nums:
                r.update(min=min(nums), median=statistics.median(nums), max=max(nums))
            if instructor:
                r["values"] = nums if kind == "number" else [v[3] for v in values]
        results[key] = r
    view = {"lesson": lesson, "revealed": revealed, "questions": questions, "results": results}
    if instructor:
        view["instructor"] = True
    return view


# --------------------------------------------------------------------------------------------
# Handlers
# --------------------------------------------------------------------------------------------
class Base(HubOAuthenticated, web.RequestHandler):
    @property
    def store(self) -> Store:
        return self.settings["store"]

    @property
    def rules(self) -> Rules:
        return self.settings["rules"]

    @property
    def instructor(self) -> bool:
        """May change the room: only the instructor's login to the room's page carries it."""
        return MANAGE_SCOPE in set(self.current_user.get("scopes", []))

    manager = instructor  # the name deploy/room/game.py asks for first

    @property
    def reader(self) -> bool:
        """May see everyone's answers: the read scope (an instructor's server token) or manage."""
        return bool({READ_SCOPE, MANAGE_SCOPE} & set(self.current_user.get("scopes", [])))

    def name(self) -> str:
        return self.current_user["name"]

    def require_instructor(self) -> None:
        if not self.instructor:
            raise Refused(
                403,
                "only the hub's instructors may do that, from the room's page "
                "(a server's token may read the room, never change it)",
            )

    def require_reader(self) -> None:
        if not self.reader:
            raise Refused(403, "only the hub's instructors may do that")

    def body(self) -> dict:
        if len(self.request.body) > MAX_BODY:
            raise Refused(413, f"request body over {MAX_BODY} bytes")
        try:
            return json.loads(self.request.body or b"null")
        except ValueError:
            raise Refused(400, "the body must be JSON") from None

    def reply(self, obj) -> None:
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(obj))

    def _handle_request_exception(self, e: BaseException) -> None:
        if isinstance(e, Refused):
            self.set_status(e.status)
            self.reply({"error": str(e)})
        else:
            super()._handle_request_exception(e)

    def write_error(self, status_code: int, **kwargs) -> None:
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps({"error": self._reason}))


def authenticated(method):
    """403 with a JSON reason for a request without a valid hub token (no login redirect)."""

    def wrapper(self, *args, **kwargs):
        if self.current_user is None:
            raise Refused(403, "a valid JupyterHub token is required")
        return method(self, *args, **kwargs)

    return wrapper


class AnswersHandler(Base):
    @authenticated
    def post(self):
        lesson, qid, kind, answer = self.rules.answer(self.body())
        self.reply({"stored": self.store.answer(self.name(), lesson, qid, kind, answer)})


class ResultsHandler(Base):
    @authenticated
    def post(self):
        lesson, key, number, text = self.rules.result(self.body())
        self.reply({"stored": self.store.result(self.name(), lesson, key, number, text)})


class LessonHandler(Base):
    @authenticated
    def get(self, lesson):
        lesson = self.rules.lesson(lesson)
        self.reply(lesson_view(self.store, self.rules, lesson, self.name(), self.reader))


class PeopleHandler(Base):
    @authenticated
    def get(self, lesson):
        self.require_reader()
        lesson = self.rules.lesson(lesson)
        answers = [
            {"user": u, "question": q, "answer": a, "at": _utc(t)}
            for q, u, a, t in self.store.answers(lesson)
        ]
        results = [
            {"user": u, "key": k, "value": n if n is not None else s, "at": _utc(t)}
            for k, u, n, s, t in self.store.results(lesson)
        ]
        self.reply({"lesson": lesson, "answers": answers, "results": results})


class RevealHandler(Base):
    @authenticated
    def post(self, lesson):
        self.require_instructor()
        lesson = self.rules.lesson(lesson)
        body = self.body()
        _keys(body, {"revealed"})
        if not isinstance(body["revealed"], bool):
            raise Refused(400, "revealed must be true or false")
        self.store.set_revealed(lesson, body["revealed"])
        self.reply({"lesson": lesson, "revealed": body["revealed"]})


class ResetHandler(Base):
    @authenticated
    def post(self):
        self.require_instructor()
        body = self.body()
        _keys(body, {"lesson", "confirm"})
        lesson = body["lesson"] if body["lesson"] == "all" else self.rules.lesson(body["lesson"])
        if body["confirm"] != f"reset {lesson}":
            raise Refused(400, f'to reset, confirm must be exactly "reset {lesson}"')
        deleted = self.store.reset(None if lesson == "all" else lesson)
        self.reply({"reset": lesson, "rows_deleted": deleted})


class SummaryHandler(Base):
    @authenticated
    def get(self):
        self.require_reader()
        rules = self.rules
        self.reply(
            {
                "lessons": {
                    k: {"title": t, **lesson_view(self.store, rules, k, self.name(), True)}
                    for k, t in rules.r.LESSONS.items()
                }
            }
        )


class ExportHandler(Base):
    @authenticated
    def get(self):
        self.require_instructor()
        self.set_header("Content-Type", "text/csv; charset=utf-8")
        self.set_header("Content-Disposition", 'attachment; filename="room.csv"')
        self.set_header("Cache-Control", "no-store")
        self.finish(self.store.export())


class PlotlyHandler(Base):
    """plotly.js from the plotly package's own bundled copy: the page needs no CDN."""

    @web.authenticated
    def get(self):
        import plotly

        path = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
        self.set_header("Content-Type", "application/javascript")
        self.set_header("Cache-Control", "private, max-age=86400")
        self.finish(path.read_bytes())


class PageHandler(Base):
    @web.authenticated
    def get(self):
        if not self.instructor:
            self.set_status(403)
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(
                "<!doctype html><title>Room</title><p>This page is for the workshop's "
                "instructors. Your answers are in the room; your lesson shows the class's "
                "split when the instructor reveals it.</p>"
            )
            return
        page = (HERE / "page.html").read_text()
        nonce = secrets.token_urlsafe(16)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        # Only the page's own script and plotly.js run: an injected <script> or onerror= is
        # refused by the browser even if escaping were ever missed.
        self.set_header(
            "Content-Security-Policy",
            f"default-src 'self'; script-src 'self' 'nonce-{nonce}'; "
            "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; "
            "base-uri 'none'; frame-ancestors 'self'",
        )
        self.finish(
            render_page(page, nonce, self.xsrf_token.decode(), self.settings["prefix"], self.name())
        )


def render_page(page: str, nonce: str, xsrf: str, prefix: str, user: str) -> str:
    """The room's page with its values in place; each lands inside the page's <script>."""
    return (
        page.replace("{{nonce}}", nonce)
        .replace("{{xsrf}}", script_json(xsrf))
        .replace("{{prefix}}", script_json(prefix))
        .replace("{{user}}", script_json(user))
    )


def make_app(
    db: Path,
    prefix: str,
    registry_file: Path = REGISTRY_FILE,
    questions_file: Path = QUESTIONS_FILE,
) -> web.Application:
    def p(tail: str) -> str:
        return url_path_join(prefix, tail)

    lesson = r"(\w{1,8})"
    game = load_game()  # issue 28
    return web.Application(
        [
            (prefix, PageHandler),
            (p("oauth_callback"), HubOAuthCallbackHandler),
            (p("static/plotly.min.js"), PlotlyHandler),
            (p("api/answers"), AnswersHandler),
            (p("api/results"), ResultsHandler),
            (p(f"api/lessons/{lesson}"), LessonHandler),
            (p(f"api/lessons/{lesson}/people"), PeopleHandler),
            (p(f"api/lessons/{lesson}/reveal"), RevealHandler),
            (p("api/reset"), ResetHandler),
            (p("api/summary"), SummaryHandler),
            (p("api/export.csv"), ExportHandler),
            # issue 28: the room game (deploy/room/game.py), its routes and its own table.
            *game.routes(p, Base, authenticated, Refused, web, render_page),
        ],
        game=game.GameRoom(db),
        store=Store(db),
        rules=Rules(load_registry(registry_file), questions_file),
        prefix=prefix,
        cookie_secret=os.urandom(32),
    )


def main(argv: list | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", type=Path, required=True, help="the SQLite file (kept across runs)")
    ap.add_argument("--registry", type=Path, default=REGISTRY_FILE, help="room_registry.py")
    ap.add_argument("--questions", type=Path, default=QUESTIONS_FILE, help="questions.json")
    args = ap.parse_args(argv)
    url = os.environ.get("JUPYTERHUB_SERVICE_URL")
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/services/room/")
    if not url or not os.environ.get("JUPYTERHUB_API_TOKEN"):
        print("error: run by JupyterHub (JUPYTERHUB_SERVICE_URL is not set)", file=sys.stderr)
        return 2
    from urllib.parse import urlsplit

    where = urlsplit(url)
    app = make_app(args.db, prefix, args.registry, args.questions)
    # On one machine the service listens where its URL says (127.0.0.1). On Kubernetes its URL
    # names the hub's Service, which a pod cannot bind: DEMANDLAB_ROOM_LISTEN=0.0.0.0 there.
    host = os.environ.get("DEMANDLAB_ROOM_LISTEN") or where.hostname
    app.listen(where.port, host, max_body_size=MAX_BODY * 4)
    print(f"room service on {url} (prefix {prefix}), data in {args.db}", flush=True)
    ioloop.IOLoop.current().start()
    return 0


if __name__ == "__main__":
    sys.exit(main())
