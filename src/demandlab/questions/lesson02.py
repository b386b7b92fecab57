"""Lesson 02's predictions, quizzes and exercises (see demandlab.questions)."""

from __future__ import annotations

PREDICTIONS: dict[str, dict] = {}
QUIZZES: dict[str, dict] = {}
EXERCISES: dict[str, dict] = {}
