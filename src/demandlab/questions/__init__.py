"""The course's question bank: predictions, quizzes and exercises, one module per lesson.

A lesson's notebook asks by id (``dl.quiz("01-books-vs-bank")``), so the cell a learner sees
holds neither the answer nor the feedback. Outcomes and exercise answers are functions of the
lesson's model, so a change to the model cannot leave a stale answer behind.
"""

from __future__ import annotations

from . import lesson00, lesson01, lesson02, lesson03, lesson04, lesson05, template

_MODULES = (lesson00, lesson01, lesson02, lesson03, lesson04, lesson05, template)


def _merged(kind: str) -> dict[str, dict]:
    merged: dict[str, dict] = {}
    for module in _MODULES:
        for key, entry in getattr(module, kind).items():
            if key in merged:  # two lessons claiming one id would silently shadow a question
                raise RuntimeError(f"question id {key!r} is defined twice")
            merged[key] = entry
    return merged


def predictions() -> dict[str, dict]:
    """Every prediction in the course, by id."""
    return _merged("PREDICTIONS")


def quizzes() -> dict[str, dict]:
    """Every quiz question in the course, by id."""
    return _merged("QUIZZES")


def exercises() -> dict[str, dict]:
    """Every number-answer exercise in the course, by id."""
    return _merged("EXERCISES")
