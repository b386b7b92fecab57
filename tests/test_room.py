"""The live room (issue 16): the registry, the course's client without a hub, and the service
behind a real JupyterHub on 127.0.0.1 (30 participants, refusals, a restart mid-session)."""

from __future__ import annotations

import ast
import csv
import io
import json
import random
import socket
import subprocess
import sys
import threading
import time

import pytest

import demandlab as dl
from demandlab import room_client as room
from demandlab import room_registry
from tests.conftest import ROOT, load_file
from tests.roomhub import all_at_once, call, run_async

ARTIFACTS = ROOT / "artifacts"


# --- The room's questions: every prediction and quiz the lessons ask, by id, and only those ---
QUESTIONS_FILE = ROOT / "deploy" / "room" / "questions.json"
ROOM = room_registry.read_questions(QUESTIONS_FILE.read_text(encoding="utf-8"))


def first(lesson: str, kind: str) -> room_registry.Question:
    """The lesson's first prediction or quiz in the room, as the notebook asks it."""
    return next(q for q in ROOM.values() if q.lesson == lesson and q.kind == kind)


def asked_in_notebooks() -> list[tuple[str, str, str]]:
    """(lesson, kind, id) of every dl.prediction / dl.quiz cell of the lessons, read from the
    notebooks' code (not through the generator, which reads them its own way)."""
    found = []
    for path in sorted((ROOT / "notebooks").glob("0*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] != "code":
                continue
            for node in ast.walk(ast.parse("".join(cell["source"]))):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("prediction", "quiz")
                ):
                    assert len(node.args) == 1, f"{path.name}: a question asked by its text"
                    found.append((path.name[:2], node.func.attr, ast.literal_eval(node.args[0])))
    return found


def unresolved(asked, room) -> list:
    """The asked questions the room would not pool under the same lesson, kind and id."""
    return [
        (lesson, kind, key)
        for lesson, kind, key in asked
        if key not in room or (room[key].lesson, room[key].kind) != (lesson, kind)
    ]


def test_every_notebook_vote_and_quiz_reaches_the_room_by_id():
    asked = asked_in_notebooks()
    assert len(asked) >= 6 * 2
    assert unresolved(asked, ROOM) == []
    assert len(ROOM) == len({key for _, _, key in asked})  # nothing the lessons do not ask
    bank = {"prediction": dl.questions.predictions(), "quiz": dl.questions.quizzes()}
    for q in ROOM.values():  # the room's copy is the bank's question, word for word
        assert (q.text, list(q.options)) == (
            bank[q.kind][q.id]["question"],
            list(bank[q.kind][q.id]["options"]),
        )


def test_the_id_check_can_fail():
    asked = [("01", "prediction", "01-no-such-vote"), ("02", "prediction", "01-books-profit")]
    asked.append(("01", "quiz", "01-books-profit"))  # right id, wrong kind
    assert len(unresolved(asked, ROOM)) == 3


def test_questions_json_is_a_fresh_generation_from_the_question_bank():
    """``python -m demandlab.tools room-questions`` wrote it; a changed bank question needs the
    command again. The service reads this file; no question's text is written anywhere else."""
    from demandlab import tools

    assert QUESTIONS_FILE.read_text(encoding="utf-8") == tools.room_questions(ROOT / "notebooks")
    check = subprocess.run(
        [sys.executable, "-m", "demandlab.tools", "room-questions", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.returncode == 0, check.stdout + check.stderr


def test_the_freshness_check_can_fail(tmp_path):
    stale = tmp_path / "questions.json"
    stale.write_text(QUESTIONS_FILE.read_text(encoding="utf-8").replace("Factory B", "Factory C"))
    from demandlab import tools

    assert tools.main(["room-questions", "--check", "--out", str(stale)]) == 1


def test_the_service_and_registry_hold_no_question_text():
    """The one copy of each question is the bank's (and the generated file): no option of the
    room's questions appears in the service or the registry."""
    sources = [
        (ROOT / "deploy" / "room" / "service.py").read_text(encoding="utf-8"),
        (ROOT / "src" / "demandlab" / "room_registry.py").read_text(encoding="utf-8"),
    ]
    quoted = [q.text for q in ROOM.values()]
    quoted += [o for q in ROOM.values() for o in q.options if len(o) > 12]
    assert [s for s in quoted if any(s in src for src in sources)] == []


@pytest.mark.parametrize(
    "change",
    [
        {"lesson": "02"},  # the id says lesson 01
        {"kind": "poll"},
        {"options": ["only one"]},
        {"id": "01-Books"},  # not a room id
    ],
)
def test_the_service_refuses_a_malformed_question_list(change):
    good = {"lesson": "01", "id": "01-x", "kind": "quiz", "text": "?", "options": ["a", "b"]}
    assert list(room_registry.read_questions(json.dumps({"questions": [good]}))) == ["01-x"]
    with pytest.raises(ValueError, match="questions.json: entry 0"):
        room_registry.read_questions(json.dumps({"questions": [{**good, **change}]}))
    with pytest.raises(ValueError, match="entry 1"):  # one id, two questions
        room_registry.read_questions(json.dumps({"questions": [good, good]}))


def test_generating_refuses_an_id_two_questions_share(tmp_path):
    nb = {"cells": [{"cell_type": "code", "source": 'dl.prediction("05-specialists")\n'}]}
    nb["cells"].append({"cell_type": "code", "source": 'dl.quiz("05-specialists")'})
    (tmp_path / "05-x.ipynb").write_text(json.dumps(nb))
    from demandlab import tools

    with pytest.raises(ValueError, match="05-specialists"):
        tools.room_questions(tmp_path)


# --- The client without a hub: one quiet line, no network ------------------------------------
@pytest.fixture
def no_network(monkeypatch):
    calls = []

    def refuse(self, *args, **kwargs):
        calls.append(args)
        raise ConnectionRefusedError(f"network access without a room: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.delenv(room.URL_ENV, raising=False)
    return calls


def test_without_a_hub_nothing_is_sent_and_one_quiet_line_shows(no_network, monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "a-token-but-no-room")  # a hub without a room
    vote = dl.prediction("Which is the better system?", ["Factory A", "Factory B"])
    assert room.OFFLINE in vote.room_line.value
    vote.choice.value = "Factory B"
    assert vote.recall_text("Factory B") == "You predicted: Factory B; it held up."
    q = dl.quiz("Who sets takt time?", ["The customer, through demand", "x"], 0)
    q.choice.value = "x"
    assert q.check() is False
    assert dl.share_result("03", "dice-matches", 31) == room.OFFLINE
    assert no_network == []
    assert room.connection() is None


def test_the_no_network_guard_can_fail(no_network, monkeypatch):
    monkeypatch.setenv(room.URL_ENV, "http://127.0.0.1:9/services/room/")
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "t")
    assert dl.share_result("03", "dice-matches", 31).startswith("Your result stays")
    assert no_network, "the guard saw no connection attempt"


@pytest.mark.parametrize(
    "lesson, key, value, message",
    [
        ("03", "dice-matches", 61, r"^value must be a number between 0 and 60, got 61$"),
        ("03", "dice-matches", float("nan"), r"^value must be a number between 0 and 60, got nan$"),
        ("03", "dice-matches", True, r"^value must be a number between 0 and 60, got True$"),
        ("04", "cloud-title", "x" * 121, r"^value must be at most 120 characters, got 121$"),
        ("04", "cloud-title", "  ", r"^value must be text that is not blank, got '  '$"),
        ("07", "dice-matches", 3, r"^lesson must be one of '00', .*'05', got '07'$"),
        ("00", "dice-matches", 3, r"^lesson must be a lesson that pools a result"),
        ("03", "cloud-title", 3, r"^key must be one of 'dice-matches', got 'cloud-title'$"),
    ],
)
def test_share_result_refuses_bad_values_at_the_door(lesson, key, value, message):
    with pytest.raises(ValueError, match=message):
        dl.share_result(lesson, key, value)


def test_comparison_sentence():
    assert room.comparison("Factory B", {"Factory A": 8, "Factory B": 14}) == (
        "You said Factory B; 14 of 22 said Factory B."
    )


# --- The widgets send the question-bank id (a recording room, no network) --------------------
class RecordingRoom(room.Connection):
    def call(self, method, path, payload=None):
        self.sent.append((method, path, payload))
        return {"revealed": False, "questions": {}} if method == "GET" else {"stored": "new"}


@pytest.fixture
def recording(monkeypatch):
    conn = RecordingRoom("http://room.invalid/", "t")
    object.__setattr__(conn, "sent", [])
    monkeypatch.setattr(room, "connection", lambda: conn)
    return conn.sent


def test_a_vote_and_a_quiz_reach_the_room_by_their_bank_ids(recording):
    vote = dl.prediction("01-books-profit")
    vote.choice.value = "Factory B"
    quiz = dl.quiz("05-specialists-wait")
    quiz.choice.value = quiz.options[1]
    quiz.check()
    quiz.choice.value = quiz.options[0]
    quiz.check()  # a quiz sends its first answer only
    posted = [p for m, path, p in recording if path == "api/answers"]
    assert posted == [
        {"lesson": "01", "question": "01-books-profit", "answer": "Factory B"},
        {"lesson": "05", "question": "05-specialists-wait", "answer": quiz.options[1]},
    ]
    assert all(p["question"] in ROOM for p in posted)


def test_a_question_asked_by_its_text_stays_here(recording):
    vote = dl.prediction("Which factory would you rather own?", ["Factory A", "Factory B"])
    vote.choice.value = "Factory A"
    quiz = dl.quiz("Who sets takt time?", ["The customer", "The machines"], 0)
    quiz.choice.value = "The customer"
    quiz.check()
    assert recording == []
    assert "not part of the room" in vote.room_line.value


# --- The service behind a real hub -----------------------------------------------------------
@pytest.fixture
def hub(room_hub):
    """The run's one hub (tests/conftest.py)."""
    return room_hub


LESSON = "01"
QUIZZES = [q for q in ROOM.values() if q.lesson == LESSON and q.kind == "quiz"]
VOTE = first(LESSON, "prediction")


def plan(names, seed):
    """What each simulated participant sends (seeded): a vote, a changed vote for some, every
    quiz's first answer and a second one that must not count, and a result."""
    rng = random.Random(seed)
    out = {}
    for n in names:
        first_vote, final = rng.choice(VOTE.options), rng.choice(VOTE.options)
        quiz = {q.id: rng.choice(q.options) for q in QUIZZES}
        again = {q.id: rng.choice(q.options) for q in QUIZZES}
        out[n] = {
            "votes": [first_vote, final],
            "quiz": quiz,
            "quiz_again": again,
            "profit": rng.randrange(-500_000, -50_000, 1000),
        }
    return out


def send_all(hub, tokens, what) -> tuple[float, list]:
    """Every participant at once, through the course's own client (demandlab.room_client)."""

    def send(name):
        conn = room.Connection(hub.room_url, tokens[name])
        w = what[name]
        for v in w["votes"]:
            conn.call("POST", "api/answers", {"lesson": LESSON, "question": VOTE.id, "answer": v})
        for quiz in (w["quiz"], w["quiz_again"]):
            for qid, a in quiz.items():
                conn.call("POST", "api/answers", {"lesson": LESSON, "question": qid, "answer": a})
        conn.call(
            "POST",
            "api/results",
            {"lesson": LESSON, "key": "best-net-profit-a", "value": w["profit"]},
        )

    return all_at_once(send, list(what), timeout_s=None)


def test_all_at_once_runs_everyone_together_and_reports_each_failure():
    """The helper send_all and the game's rounds send through (no hub): every sender runs at
    the same time, a failure comes back with its name, and a sender that never returns fails."""
    inside = threading.Barrier(3, timeout=10)  # passes only with all three senders inside

    def send(name):
        inside.wait()
        if name == "b":
            raise ValueError("refused")

    seconds, errors = all_at_once(send, ["a", "b", "c"])
    assert errors == ["b: refused"] and 0 <= seconds < 10
    stuck = threading.Event()
    try:
        with pytest.raises(AssertionError, match="hung"):
            all_at_once(lambda name: stuck.wait(10), ["a"], timeout_s=0.2)
    finally:
        stuck.set()


def expected_counts(what):
    votes = {o: 0 for o in VOTE.options}
    quiz = {q.id: {o: 0 for o in q.options} for q in QUIZZES}
    for w in what.values():
        votes[w["votes"][-1]] += 1  # a vote again replaces the vote
        for qid, a in w["quiz"].items():
            quiz[qid][a] += 1  # a quiz keeps its first answer
    return votes, quiz


def test_thirty_participants_then_a_restart_loses_nothing(hub):
    """30 participants send lesson 01's vote (some twice), three quizzes (each twice) and a
    result at once; the instructor's view shows exactly that. The service is then killed and
    restarted by the hub; 10 more join; every answer is still there."""
    # Names of their own: the load test on the same hub (one hub per run) logs in
    # participant001.. and its lessons' answers would count as theirs.
    first = [f"crowd{i:03d}" for i in range(1, 31)]
    later = [f"late{i:02d}" for i in range(1, 11)]
    tokens = hub.tokens(first + later + ["teacher"])
    # The one hub of the run also served the load test's lesson 01: start from an empty lesson.
    status, _ = call(
        hub,
        tokens["teacher"],
        "POST",
        "api/reset",
        {"lesson": LESSON, "confirm": f"reset {LESSON}"},
    )
    assert status == 200
    what = plan(first, seed=16)
    seconds, errors = send_all(hub, tokens, what)
    assert errors == []
    status, view = call(hub, tokens["teacher"], "GET", f"api/lessons/{LESSON}")
    assert status == 200 and view["instructor"] is True
    votes, quiz = expected_counts(what)
    assert view["questions"][VOTE.id]["counts"] == votes and sum(votes.values()) == 30
    for qid, counts in quiz.items():
        assert view["questions"][qid]["counts"] == counts
    profits = sorted(w["profit"] for w in what.values())
    assert sorted(view["results"]["best-net-profit-a"]["values"]) == profits

    old, new = hub.restart_service()
    assert old != new
    status, after = call(hub, tokens["teacher"], "GET", f"api/lessons/{LESSON}")
    assert status == 200 and after["questions"] == view["questions"]
    assert sorted(after["results"]["best-net-profit-a"]["values"]) == profits

    more = plan(later, seed=17)
    _, errors = send_all(hub, tokens, more)
    assert errors == []
    status, final = call(hub, tokens["teacher"], "GET", f"api/lessons/{LESSON}")
    votes, quiz = expected_counts({**what, **more})
    assert final["questions"][VOTE.id]["counts"] == votes
    assert final["questions"][VOTE.id]["n"] == 40
    for qid, counts in quiz.items():
        assert final["questions"][qid]["counts"] == counts

    status, people = call(hub, tokens["teacher"], "GET", f"api/lessons/{LESSON}/people")
    assert status == 200
    assert len(people["answers"]) == 40 * (1 + len(QUIZZES)) and len(people["results"]) == 40
    status, text = call(hub, tokens["teacher"], "GET", "api/export.csv")
    # The room is shared with the run's other hub tests (one hub per run): the export may
    # hold their participants too, but every row of these 40 and nothing more of theirs.
    rows = [r for r in csv.DictReader(io.StringIO(text)) if r["user"] in set(first + later)]
    assert len(rows) == 40 * (1 + len(QUIZZES)) + 40
    assert {r["user"] for r in rows} == set(first + later)

    sent = 30 * (2 + 2 * len(QUIZZES) + 1)
    ARTIFACTS.mkdir(exist_ok=True)
    report = {
        "participants": 30,
        "requests": sent,
        "seconds_for_all": round(seconds, 2),
        "lost": 0,
        "service_restarted": [old, new],
        "date": time.strftime("%Y-%m-%d"),
    }
    (ARTIFACTS / "room-30.json").write_text(json.dumps(report, indent=2))
    print(f"\nroom: 30 participants sent {sent} requests in {seconds:.2f} s; 0 lost")


def test_participants_see_only_their_own_until_the_reveal_then_only_aggregates(hub):
    tokens = hub.tokens(["viewer01", "viewer02", "teacher"])
    for name in ("viewer01", "viewer02"):
        status, _ = call(
            hub,
            tokens[name],
            "POST",
            "api/answers",
            {
                "lesson": "02",
                "question": "02-low-demand",
                "answer": "Follow takt: make 10, let stations stand idle",
            },
        )
        assert status == 200
    status, view = call(hub, tokens["viewer01"], "GET", "api/lessons/02")
    assert status == 200 and view["revealed"] is False
    assert view["questions"]["02-low-demand"] == {
        "kind": "prediction",
        "you": "Follow takt: make 10, let stations stand idle",
    }
    status, _ = call(hub, tokens["teacher"], "POST", "api/lessons/02/reveal", {"revealed": True})
    assert status == 200
    status, view = call(hub, tokens["viewer02"], "GET", "api/lessons/02")
    assert view["revealed"] is True and view["questions"]["02-low-demand"]["n"] >= 2
    assert "values" not in json.dumps(view) and "viewer01" not in json.dumps(view)
    call(hub, tokens["teacher"], "POST", "api/lessons/02/reveal", {"revealed": False})


HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'


@pytest.mark.parametrize(
    "who, method, path, payload, status, reason",
    [
        (None, "GET", "api/lessons/01", None, 403, "valid JupyterHub token"),
        (
            "forged",
            "POST",
            "api/answers",
            {"lesson": "01", "question": "01-books-profit", "answer": "Factory A"},
            403,
            "valid JupyterHub token",
        ),
        ("p", "GET", "api/lessons/01/people", None, 403, "only the hub's instructors"),
        ("p", "GET", "api/summary", None, 403, "only the hub's instructors"),
        ("p", "GET", "api/export.csv", None, 403, "only the hub's instructors"),
        (
            "p",
            "POST",
            "api/lessons/01/reveal",
            {"revealed": True},
            403,
            "only the hub's instructors",
        ),
        (
            "p",
            "POST",
            "api/reset",
            {"lesson": "01", "confirm": "reset 01"},
            403,
            "only the hub's instructors",
        ),
        (
            "p",
            "POST",
            "api/answers",
            {"lesson": "01", "question": "01-no-such-vote", "answer": "Factory A"},
            400,
            "unknown question",
        ),
        (
            "p",
            "POST",
            "api/answers",
            {"lesson": "09", "question": "01-books-profit", "answer": "Factory A"},
            400,
            "unknown lesson",
        ),
        (
            "p",
            "POST",
            "api/answers",
            {"lesson": "01", "question": "01-books-profit", "answer": "Factory C"},
            400,
            "one of the question's options",
        ),
        (
            "p",
            "POST",
            "api/answers",
            {"lesson": "01", "question": "01-books-profit", "answer": "Factory A", "x": 1},
            400,
            "exactly",
        ),
        (
            "p",
            "POST",
            "api/results",
            {"lesson": "04", "key": "cloud-title", "value": "x" * 10_000},
            400,
            "at most 120 characters",
        ),
        (
            "p",
            "POST",
            "api/results",
            {"lesson": "03", "key": "dice-matches", "value": 1e9},
            400,
            "finite number in",
        ),
        (
            "p",
            "POST",
            "api/results",
            {"lesson": "04", "key": "cloud-title", "value": "a\u202eb"},
            400,
            "control characters",
        ),
        (
            "teacher",
            "POST",
            "api/reset",
            {"lesson": "01", "confirm": "yes"},
            400,
            'exactly "reset 01"',
        ),
        ("teacher", "POST", "api/lessons/01/reveal", {"revealed": "yes"}, 400, "true or false"),
    ],
)
def test_each_refusal(hub, who, method, path, payload, status, reason):
    tokens = hub.tokens(["p", "teacher"])
    token = {"forged": "0" * 32, None: None}.get(who, tokens.get(who))
    before = call(hub, tokens["teacher"], "GET", "api/lessons/01")[1]
    got, body = call(hub, token, method, path, payload)
    assert (got, reason in body.get("error", "")) == (status, True), body
    assert call(hub, tokens["teacher"], "GET", "api/lessons/01")[1] == before  # nothing changed


def test_a_request_body_over_the_limit_is_refused(hub):
    tokens = hub.tokens(["p"])
    got, body = call(hub, tokens["p"], "POST", "api/results", raw=b" " * 20_000)
    assert got == 413, body


def test_votes_replace_quizzes_keep_the_first_and_reset_needs_confirmation(hub):
    tokens = hub.tokens(["chooser", "teacher"])
    t, teach = tokens["chooser"], tokens["teacher"]
    vote, q = first("05", "prediction").id, first("05", "quiz")
    assert call(
        hub, t, "POST", "api/answers", {"lesson": "05", "question": vote, "answer": "fall"}
    )[1] == {"stored": "new"}
    assert call(
        hub,
        t,
        "POST",
        "api/answers",
        {"lesson": "05", "question": vote, "answer": "stay about the same"},
    )[1] == {"stored": "replaced"}
    assert call(
        hub, t, "POST", "api/answers", {"lesson": "05", "question": q.id, "answer": q.options[0]}
    )[1] == {"stored": "new"}
    assert call(
        hub, t, "POST", "api/answers", {"lesson": "05", "question": q.id, "answer": q.options[1]}
    )[1] == {"stored": "kept-first"}
    view = call(hub, t, "GET", "api/lessons/05")[1]
    assert view["questions"][vote]["you"] == "stay about the same"
    assert view["questions"][q.id]["you"] == q.options[0]
    status, body = call(hub, teach, "POST", "api/reset", {"lesson": "05", "confirm": "reset 05"})
    assert status == 200 and body["rows_deleted"] >= 2
    assert call(hub, teach, "GET", "api/lessons/05")[1]["questions"][vote]["n"] == 0


def test_hostile_text_is_stored_as_text_and_exported_safely(hub):
    tokens = hub.tokens(["mallory", "teacher"])
    status, _ = call(
        hub,
        tokens["mallory"],
        "POST",
        "api/results",
        {"lesson": "04", "key": "cloud-title", "value": HOSTILE},
    )
    assert status == 200
    status, _ = call(
        hub,
        tokens["mallory"],
        "POST",
        "api/results",
        {"lesson": "04", "key": "cloud-title", "value": '=HYPERLINK("http://x")'},
    )
    view = call(hub, tokens["teacher"], "GET", "api/lessons/04")[1]
    assert view["results"]["cloud-title"]["values"] == ['=HYPERLINK("http://x")']
    text = call(hub, tokens["teacher"], "GET", "api/export.csv")[1]
    assert "'=HYPERLINK" in text  # a spreadsheet shows it, never runs it
    call(
        hub,
        tokens["mallory"],
        "POST",
        "api/results",
        {"lesson": "04", "key": "cloud-title", "value": HOSTILE},
    )


# --- The review's three items (issue 26) --------------------------------------------------------
_load = load_file


def _service():
    return _load("room_service", "deploy/room/service.py")


@pytest.mark.parametrize("name", ["=cmd|' /C calc'!A0", "+1+1", "-2", "@sum(1)"])
def test_export_quotes_a_user_name_a_spreadsheet_would_run(tmp_path, name):
    """A user name is typed by the participant at the login form: the CSV export must not
    hand a spreadsheet a formula in the user column either (it did: only answers were quoted)."""
    service = _service()
    store = service.Store(tmp_path / "room.sqlite")
    store.answer(name, "01", "01-books-profit", "prediction", "Factory A")
    store.result(name, "04", "cloud-title", None, "=1+1")
    rows = list(csv.DictReader(io.StringIO(store.export())))
    assert [r["user"] for r in rows] == ["'" + name] * 2
    assert [r["answer_or_value"] for r in rows] == ["Factory A", "'=1+1"]
    for r in rows:
        assert not any(v[:1] in "=+-@" for v in r.values() if v), r


SCRIPT_BREAKERS = ["</script><script>window.__pwned=1</script>", "<!--<script>", "x</SCRIPT >"]


def script_keeps(html: str, value: str) -> bool:
    """The page's own <script> runs to its own end, and XSRF and PREFIX read back as value."""
    script = html.split('<script nonce="n0nce">', 1)[1]
    body = script.split("</", 1)[0]  # where an HTML parser ends a script element's text
    if "<!--" in body or "const PREFIX" not in body or "document.getElementById" not in body:
        return False
    literals = [body.split(f"const {n} = ", 1)[1].split(";\n", 1)[0] for n in ("XSRF", "PREFIX")]
    return all(json.loads(x) == value for x in literals)


@pytest.mark.parametrize("value", SCRIPT_BREAKERS)
def test_page_values_cannot_end_or_change_its_script(value):
    """Each value lands inside the page's <script>: a '</script>' or '<!--' in it must stay a
    JavaScript string, not end the element (json.dumps alone leaves '<' as it is)."""
    service = _service()
    page = (ROOT / "deploy/room/page.html").read_text()
    assert script_keeps(service.render_page(page, "n0nce", value, value, value), value)
    # The check can fail: the old rendering (plain json.dumps) lets the value end the script.
    old = (
        page.replace("{{nonce}}", "n0nce")
        .replace("{{xsrf}}", json.dumps(value))
        .replace("{{prefix}}", json.dumps(value))
        .replace("{{user}}", json.dumps(value))
    )
    assert not script_keeps(old, value)


def page_session(hub, name):
    """Log in through the form and open the room's page (the hub's OAuth): the browser's
    cookies and the XSRF token the page hands its script."""
    import re

    from tests.roomhub import loadtest

    async def go():
        b = loadtest.Browser(hub.base)
        await loadtest.log_in(b, name, hub.password(name))
        resp, path = await b.fetch("GET", "/services/room/", headers=loadtest.NAVIGATE)
        assert resp.code == 200 and path.startswith("/services/room/"), (resp.code, path)
        xsrf = json.loads(re.search(rb"const XSRF = ([^;]+);", resp.body).group(1))
        return b, xsrf

    return run_async(go())


def test_a_cookie_post_without_the_xsrf_token_is_refused(hub):
    """The instructor's page acts with the login cookie; a request another site makes the
    browser send carries that cookie but not the page's XSRF token, and must change nothing."""
    browser, xsrf = page_session(hub, "teacher")

    async def post(headers):
        resp, _ = await browser.fetch(
            "POST",
            "/services/room/api/lessons/00/reveal",
            body=json.dumps({"revealed": True}),
            headers={"Content-Type": "application/json", "Sec-Fetch-Mode": "cors", **headers},
            follow=False,
        )
        return resp.code

    try:
        teacher = hub.tokens(["teacher"])["teacher"]
        assert call(hub, teacher, "GET", "api/lessons/00")[1]["revealed"] is False
        assert run_async(post({})) == 403
        assert run_async(post({"X-XSRFToken": "0" * len(xsrf)})) == 403
        assert call(hub, teacher, "GET", "api/lessons/00")[1]["revealed"] is False
        # The check can fail: the same cookie with the page's token is accepted.
        assert run_async(post({"X-XSRFToken": xsrf})) == 200
        assert call(hub, teacher, "GET", "api/lessons/00")[1]["revealed"] is True
    finally:
        call(
            hub,
            hub.tokens(["teacher"])["teacher"],
            "POST",
            "api/lessons/00/reveal",
            {"revealed": False},
        )
        browser.close()


def test_a_server_token_may_read_the_room_but_never_manage_it(hub):
    """The scopes a server's own token gets ($JUPYTERHUB_API_TOKEN, deploy/room/hub_config.py):
    an instructor's reads every answer (dl.room()); reveal, reset and export are refused."""
    from traitlets.config import Config

    from tests.roomhub import ACCESS, READ

    c = Config()
    _load("hub_config", "deploy/room/hub_config.py").add_room(c, ROOT / "x", sys.executable)
    assert READ in c.Spawner.server_token_scopes
    assert not [s for s in c.Spawner.server_token_scopes if s.startswith("custom:room:manage")]
    token = hub.scoped_token("teacher", [ACCESS, READ])
    status, view = call(hub, token, "GET", "api/lessons/01")
    assert status == 200 and view["instructor"] is True
    assert call(hub, token, "GET", "api/lessons/01/people")[0] == 200
    for method, path, payload in [
        ("POST", "api/lessons/01/reveal", {"revealed": True}),
        ("POST", "api/reset", {"lesson": "01", "confirm": "reset 01"}),
        ("GET", "api/export.csv", None),
    ]:
        status, body = call(hub, token, method, path, payload)
        assert (status, "room's page" in body.get("error", "")) == (403, True), body
