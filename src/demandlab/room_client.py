"""The live room: a participant's votes and answers to the instructor's screen, through a hub.

On a JupyterHub that runs the course's room service (deploy/room/), every single-user server
gets ``DEMANDLAB_ROOM_URL`` (the service, set by the hub's ``Spawner.environment``) and
``JUPYTERHUB_API_TOKEN`` (the server's own hub token, which the service checks with the hub).
With both, a prediction's vote, a quiz's first answer and a lesson's shared result are sent to
the room; once the instructor reveals a lesson, the class's split shows under the learner's own
prediction ("You said Factory B; 14 of 22 said Factory B.").

Without them (Binder, a laptop, JupyterLite) nothing is sent and nothing touches the network:
each prediction shows one quiet line, "Answers stay on this computer."

A question reaches the room by its question-bank id (``dl.prediction("01-books-profit")``):
the room pools the ids listed in deploy/room/questions.json, generated from the bank. A question
asked by its text (an instructor's own) has no id and stays local.
"""

from __future__ import annotations

import asyncio
import json
import os
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets
import plotly.graph_objects as go

from . import checks
from . import room_registry as registry
from .style import ACCENT_COLOR, DEMAND_COLOR
from .widgetkit import esc, figure_widget, message_area, refresh, row, say

URL_ENV = "DEMANDLAB_ROOM_URL"
TOKEN_ENV = "JUPYTERHUB_API_TOKEN"
OFFLINE = "Answers stay on this computer."
ROOM_LINE = "dl-room-line"
TIMEOUT_S = 3.0
# How often an open prediction asks whether its lesson was revealed (seconds); a failed
# request doubles the wait, up to MAX_POLL_S, so a room that went away costs little.
POLL_S = 4.0
REVEALED_POLL_S = 15.0
MAX_POLL_S = 60.0
MAX_POLLS = 2700  # about three hours at 4 s: a workshop day's lesson, then it stops asking


class RoomError(Exception):
    """The room service refused a request or did not answer."""


@dataclass(frozen=True)
class Connection:
    """Where the room service is and the token that proves who is asking."""

    url: str
    token: str

    def call(self, method: str, path: str, payload: dict | None = None) -> Any:
        """One request to the service; the parsed JSON answer (or text for CSV)."""
        import urllib.error
        import urllib.request

        data = None if payload is None else json.dumps(payload).encode()
        req = urllib.request.Request(
            self.url + path,
            data=data,
            method=method,
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(req, timeout=TIMEOUT_S) as resp:
                body = resp.read().decode()
                kind = resp.headers.get("Content-Type", "")
        except urllib.error.HTTPError as err:
            try:
                reason = json.loads(err.read().decode()).get("error", "")
            except (ValueError, AttributeError):
                reason = ""
            raise RoomError(f"the room refused it (HTTP {err.code}) {reason}".strip()) from None
        except (OSError, ValueError) as err:
            raise RoomError(f"the room did not answer ({err})") from None
        return json.loads(body) if kind.startswith("application/json") else body


def connection() -> Connection | None:
    """The room this server was started with, or None (no hub, or a hub without a room)."""
    url = os.environ.get(URL_ENV, "").strip()
    token = os.environ.get(TOKEN_ENV, "").strip()
    if not url or not token or not url.startswith(("http://", "https://")):
        return None
    return Connection(url if url.endswith("/") else url + "/", token)


def _quiet_line() -> widgets.HTML:
    line = widgets.HTML(value="")
    line.add_class(ROOM_LINE)
    return line


def _quiet(line: widgets.HTML, text: str) -> None:
    line.value = f'<div style="color:#666;font-size:0.9em">{esc(text)}</div>'


def comparison(mine: str | None, counts: dict[str, int]) -> str:
    """The sentence under a revealed prediction: what you said, and how many said the same.

    >>> comparison("A", {"A": 14, "B": 8})
    'You said A; 14 of 22 said A.'
    >>> comparison("B", {"A": 14, "B": 8})
    'You said B; 8 of 22 said B. Most said A (14).'
    """
    n = sum(counts.values())
    top = max(counts, key=lambda o: counts[o]) if n else None
    if mine is None:
        return f"{n} in the room voted; most said {top} ({counts[top]})." if n else "No votes yet."
    text = f"You said {mine}; {counts.get(mine, 0)} of {n} said {mine}."
    if top is not None and counts[top] > counts.get(mine, 0):
        text += f" Most said {top} ({counts[top]})."
    return text


class _PredictionRoom:
    """Sends a prediction's vote and, once its lesson is revealed, shows the class's split."""

    def __init__(self, conn: Connection, lesson: str, question_id: str, line: widgets.HTML):
        self.conn, self.lesson, self.question_id, self.line = conn, lesson, question_id, line
        self.mine: str | None = None
        self.polls, self.wait_s, self.scheduled = 0, POLL_S, False

    def voted(self, change: dict) -> None:
        answer = change["new"]
        if answer is None:
            return
        self.mine = answer
        try:
            self.conn.call(
                "POST",
                "api/answers",
                {"lesson": self.lesson, "question": self.question_id, "answer": answer},
            )
        except RoomError as err:
            _quiet(self.line, f"Your vote stays on this computer: {err}.")
            return
        _quiet(self.line, "Your vote is in the room; the class's split shows here once revealed.")
        self.refresh()
        self._schedule()

    def refresh(self) -> bool:
        """Ask the room once; show the comparison if the lesson is revealed. True if shown."""
        view = self.conn.call("GET", f"api/lessons/{self.lesson}")
        q = view.get("questions", {}).get(self.question_id, {})
        if view.get("revealed") and "counts" in q:
            _quiet(self.line, comparison(q.get("you"), q["counts"]))
            return True
        return False

    def _schedule(self) -> None:
        if self.scheduled or self.polls >= MAX_POLLS:
            return
        try:
            loop = asyncio.get_running_loop()  # the kernel's loop; none in plain Python
        except RuntimeError:
            return
        self.scheduled = True
        loop.call_later(self.wait_s, self._poll)

    def _poll(self) -> None:
        self.scheduled, self.polls = False, self.polls + 1
        try:
            shown = self.refresh()
            self.wait_s = REVEALED_POLL_S if shown else POLL_S
        except (RoomError, KeyError, TypeError, AttributeError):
            self.wait_s = min(self.wait_s * 2, MAX_POLL_S)
        self._schedule()


def prediction_line(choice: widgets.Widget, question_id: str | None) -> widgets.HTML:
    """The quiet line under a prediction; with a room, it sends the vote and shows the split.

    Used by ``dl.prediction``; ``choice`` is its ToggleButtons, ``question_id`` the
    question-bank id it was asked by (None for a question asked by its text).

    >>> line = prediction_line(widgets.ToggleButtons(options=["A", "B"], value=None), None)
    >>> "Answers stay on this computer." in line.value
    True
    """
    line = _quiet_line()
    conn, lesson = connection(), registry.lesson_of(question_id)
    if conn is None:
        _quiet(line, OFFLINE)
        return line
    if lesson is None:  # asked by its text, or a lesson the room does not pool: it stays here
        _quiet(line, "This question is not part of the room; your vote stays on this computer.")
        return line
    hook = _PredictionRoom(conn, lesson, question_id, line)
    line.room = hook  # for tests and for a manual refresh
    choice.observe(hook.voted, names="value")
    return line


def quiz_sender(question_id: str | None):
    """A function ``dl.quiz`` calls on every Check; it sends the first answer only, if a room
    exists and the quiz was asked by a question-bank id. It never raises: a quiz works the
    same without the room.

    >>> send = quiz_sender("03-little")  # no room here
    >>> send("a") is None
    True
    """
    conn, lesson = connection(), registry.lesson_of(question_id)
    sent: list[str] = []

    def send(answer: str) -> str | None:
        if conn is None or lesson is None or sent or answer is None:
            return None
        sent.append(answer)
        try:
            conn.call(
                "POST", "api/answers", {"lesson": lesson, "question": question_id, "answer": answer}
            )
        except RoomError as err:
            return str(err)
        return "sent"

    return send


def check_result(lesson: str, key: str, value: Any) -> float | str:
    """Refuse a result the room would refuse, with a sentence; the value to send otherwise."""
    lesson = checks.choice("lesson", lesson, tuple(registry.LESSONS))
    keys = tuple(r.key for r in registry.RESULTS if r.lesson == lesson)
    if not keys:
        pooled = ", ".join(sorted({r.lesson for r in registry.RESULTS}))
        raise checks.refuse("lesson", lesson, f"a lesson that pools a result ({pooled})")
    key = checks.choice("key", key, keys)
    spec = registry.result(lesson, key)
    if spec.kind == "number":
        return checks.in_range("value", value, spec.smallest, spec.largest)
    return checks.text("value", value, registry.TEXT_MAX, empty=False).strip()


def share_result(lesson: str, key: str, value: float | str) -> str:
    """Pool one result of a lesson with the room, for the debrief (nothing leaves without one).

    The lessons' pooled results are listed in ``demandlab.room_registry.RESULTS``: lesson 01's
    best net profit found for Factory A, lesson 02's funnel pace, lesson 03's matches delivered
    in the dice game, lesson 04's cloud title. Sharing again replaces your earlier result.

    Parameters
    ----------
    lesson : str
        The lesson number, such as ``"03"``.
    key : str
        Which result, such as ``"dice-matches"``.
    value : float or str
        The number (within the result's range) or the text (at most 120 characters).

    Returns
    -------
    str
        One sentence: sent to the room, or "Answers stay on this computer."

    Examples
    --------
    >>> share_result("03", "dice-matches", 31)
    'Answers stay on this computer.'
    """
    checked = check_result(lesson, key, value)
    conn = connection()
    if conn is None:
        return OFFLINE
    try:
        conn.call("POST", "api/results", {"lesson": lesson, "key": key, "value": checked})
    except RoomError as err:
        return f"Your result stays on this computer: {err}."
    return "Sent to the room: the instructor sees the class's spread."


def _split_figure(lesson: str, view: dict) -> go.Figure:
    """One bar group per prediction of the lesson: how many chose each option (the lesson's
    first prediction in the demand colour, the others in the accent)."""
    fig = go.Figure()
    predictions = [
        (k, q) for k, q in view.get("questions", {}).items() if q.get("kind") == "prediction"
    ]
    for i, (qid, q) in enumerate(predictions):
        counts = q.get("counts", {})
        fig.add_trace(
            go.Bar(
                x=[esc(o) for o in counts],
                y=list(counts.values()),
                name=esc(qid),
                text=list(counts.values()),
                textposition="outside",
                marker_color=DEMAND_COLOR if i == 0 else ACCENT_COLOR,
            )
        )
    fig.update_layout(
        title=f"Lesson {lesson}: the room's predictions",
        yaxis={"title": "participants", "rangemode": "tozero"},
        height=340,
        margin={"t": 50, "b": 80, "l": 60, "r": 20},
        barmode="group",
    )
    return fig


def room(lesson: str = "01") -> widgets.VBox:
    """The instructor's view of the room in a notebook: the live split, read only.

    Works for members of the hub's ``instructors`` group. Revealing, resetting and exporting
    happen on the room's page (``/services/room/`` on the hub), under the instructor's login:
    the server's own token, which any process of the server can read, may only look.

    Parameters
    ----------
    lesson : str
        The lesson to show first, ``"00"`` to ``"05"``.

    Returns
    -------
    ipywidgets.VBox
        A lesson picker, a Refresh button, whether the lesson is revealed, the split of
        predictions as a plotly chart and a line on the lesson's pooled results. Without a
        room: one line.

    Examples
    --------
    >>> panel = room("01")
    >>> "Answers stay on this computer." in panel.children[-1].value
    True
    """
    lesson = checks.choice("lesson", lesson, tuple(registry.LESSONS))
    line = _quiet_line()
    conn = connection()
    if conn is None:
        _quiet(line, "No room here (no hub): " + OFFLINE)
        return widgets.VBox([line])
    picker = widgets.Dropdown(
        options=[(f"{k} {t}", k) for k, t in registry.LESSONS.items()],
        value=lesson,
        description="Lesson",
    )
    reveal = widgets.ToggleButton(
        value=False,
        description="Revealed",
        disabled=True,
        tooltip="Reveal to participants on the room's page, /services/room/ on the hub",
    )
    again = widgets.Button(description="Refresh")
    fw = figure_widget(_split_figure(lesson, {}))
    note = message_area()

    def show(_: object = None) -> None:
        try:
            view = conn.call("GET", f"api/lessons/{picker.value}")
        except RoomError as err:
            say(note, str(err), "warn")
            return
        if not view.get("instructor"):
            say(note, "Only the hub's instructors group sees the room's split.", "warn")
            return
        reveal.value = bool(view.get("revealed"))
        refresh(fw, _split_figure(picker.value, view))
        parts = []
        for key, r in view.get("results", {}).items():
            if r.get("n") and r.get("kind") == "number":
                parts.append(
                    f"{key}: {r['n']} shared, median {r['median']:g}, "
                    f"range {r['min']:g} to {r['max']:g}"
                )
            else:
                parts.append(f"{key}: {r.get('n', 0)} shared")
        say(note, "; ".join(parts) or "No pooled result in this lesson.")

    picker.observe(show, names="value")
    again.on_click(show)
    show()
    return widgets.VBox([row([picker, again, reveal]), fw, note, line])


__all__ = ["room", "share_result"]
