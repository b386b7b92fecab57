"""What the live room pools: the lessons, their questions by question-bank id, one result each.

Both sides read this file: ``demandlab.room_client`` (in a participant's kernel) and the room
service (deploy/room/service.py, which loads it by path without importing demandlab, so it is
the standard library only; a contract in pyproject.toml keeps it so).

The questions are not written here. A notebook asks by question-bank id
(``dl.prediction("01-books-profit")``), the kernel sends that id, and the service accepts the
ids listed in deploy/room/questions.json, a file generated from the question bank
(``python -m demandlab.tools room-questions``) in the order the notebooks ask them;
tests/test_room.py checks it equals a fresh generation. A question asked by its text (an
instructor's own) has no id and stays on the learner's computer.
"""

from __future__ import annotations

import json
import re
from typing import NamedTuple

LESSONS = {
    "00": "Start here",
    "01": "Factory A vs Factory B",
    "02": "Takt time",
    "03": "Pull vs push",
    "04": "The Evaporating Cloud",
    "05": "Capstone: design backwards from the customer",
}
KINDS = ("prediction", "quiz")


class Question(NamedTuple):
    """One prediction or quiz the room pools, as questions.json lists it."""

    lesson: str
    id: str  # the question-bank id, such as "01-books-profit"
    kind: str  # "prediction" (a vote may change) or "quiz" (the first answer counts)
    text: str  # shown on the instructor's page
    options: tuple[str, ...]


class Result(NamedTuple):
    """A lesson's pooled result: numbers outside [smallest, largest] are refused; a text is
    at most TEXT_MAX characters."""

    lesson: str
    key: str
    label: str
    kind: str  # "number" or "text"
    unit: str
    smallest: float | None
    largest: float | None


RESULTS = (
    Result(
        "01",
        "best-net-profit-a",
        "best net profit found for Factory A",
        "number",
        "$ a year",
        -1e9,
        1e9,
    ),
    Result("02", "funnel-pace", "funnel pace chosen", "number", "inquiries a week", 0, 10_000),
    Result(
        "03",
        "dice-matches",
        "matches delivered in the 10-round dice game",
        "number",
        "matches",
        0,
        60,
    ),
    Result("04", "cloud-title", "the title of the cloud built", "text", "", None, None),
)

TEXT_MAX = 120  # characters in a text result (a cloud's title)
ANSWER_MAX = 200  # characters in an option (the longest in the course is ~80)
ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,39}$"


def lesson_of(question_id: object) -> str | None:
    """The room's lesson of a question-bank id ("01-books-profit" -> "01"), or None."""
    if not isinstance(question_id, str) or not re.match(ID_PATTERN, question_id):
        return None
    lesson = question_id[:2]
    return lesson if question_id[2:3] == "-" and lesson in LESSONS else None


def read_questions(text: str) -> dict[str, Question]:
    """questions.json's questions by id; ValueError naming the first entry that is malformed."""
    data = json.loads(text)
    found: dict[str, Question] = {}
    for i, entry in enumerate(data.get("questions", ())):
        q = Question(
            lesson=entry["lesson"],
            id=entry["id"],
            kind=entry["kind"],
            text=entry["text"],
            options=tuple(entry["options"]),
        )
        ok = (
            lesson_of(q.id) == q.lesson
            and q.kind in KINDS
            and len(q.options) >= 2
            and all(isinstance(o, str) and 0 < len(o) <= ANSWER_MAX for o in q.options)
            and q.id not in found
        )
        if not ok:
            raise ValueError(f"questions.json: entry {i} ({q.id!r}) is not a valid question")
        found[q.id] = q
    return found


def result(lesson: str, key: str) -> Result | None:
    """The pooled result ``key`` of a lesson, or None."""
    return next((r for r in RESULTS if r.lesson == lesson and r.key == key), None)
