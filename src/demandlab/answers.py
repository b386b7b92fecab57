"""Answers that wait for the learner: recalled votes, number exercises, hidden solutions.

The course's method is predict -> run -> explain, and a learner is told to Run All first.
Both hold only if nothing a cell prints gives an answer away before the learner commits:
a recall line waits for the vote, an exercise says whether a number is right only after
Check, and a solution's output sits behind a button.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as widgets
from IPython.display import display

from . import checks, questions
from .formatting import number
from .widgetkit import esc, message_area, say

__all__ = ["exercise", "solution"]

MAX_ANSWER = 1e15  # beyond any quantity a lesson asks for; keeps float text sane


def bank_entry(name: str, key: object, bank: dict[str, dict]) -> dict:
    """The bank's entry for ``key`` (the parameter ``name``), or an error naming the ids."""
    key = checks.text(name, key, 200, empty=False)
    if key not in bank:
        shown = ", ".join(sorted(bank)) or "none yet"
        raise checks.refuse(name, key, f"an id from the question bank ({shown})")
    return bank[key]


class Recall(widgets.VBox):
    """A line that waits for a vote, then compares it with what the experiment says."""

    def __init__(
        self, choice: widgets.ValueWidget, question: str, outcome: Callable[[], str] | None
    ):
        self._choice = choice
        self._question = question
        self._outcome = outcome
        self._said: str | None = None  # computed once: the model's outcome does not change
        self.message = message_area()
        super().__init__([self.message])
        self.add_class("dl-recall")  # tests/browser/test_answers_hidden.py reads it
        choice.observe(lambda _change: self._update(), names="value")
        self._update()

    def outcome(self) -> str | None:
        if self._outcome is None:
            return None
        if self._said is None:
            self._said = str(self._outcome())
        return self._said

    @property
    def text(self) -> str:
        vote = self._choice.value
        if vote is None:
            return (
                f"Waiting for your vote: scroll up to “{self._question}”, choose an answer, "
                "and this line will compare it with the experiment."
            )
        correct = self.outcome()
        if correct is None:
            return f"You predicted: {vote}."
        verdict = "it held up" if vote == correct else f"the experiment says {correct}"
        return f"You predicted: {vote}; {verdict}."

    def _update(self) -> None:
        say(self.message, self.text)


def _tolerance(entry: dict) -> tuple[float, float]:
    """(relative, absolute) tolerance of a number exercise."""
    return float(entry.get("tolerance", 0.05)), float(entry.get("abs_tolerance", 0.0))


class Exercise(widgets.VBox):
    """A question answered with one number, checked against the lesson's model."""

    def __init__(self, key: str, entry: dict):
        self.key = key
        self.question = str(entry["question"])
        self.unit = str(entry.get("unit", ""))
        self._answer: Callable[[], float] = entry["answer"]
        self._explain = str(entry.get("explain", ""))
        self._rel, self._abs = _tolerance(entry)
        # Text, not FloatText: an empty box must mean "no answer yet", not 0.
        self.box = widgets.Text(
            value="",
            placeholder="a number",
            description=f"Your answer ({self.unit})" if self.unit else "Your answer",
            style={"description_width": "initial"},
            layout={"width": "auto"},
        )
        self.check_button = widgets.Button(description="Check", button_style="primary")
        self.feedback = message_area()
        self.check_button.on_click(lambda _: self.check())
        super().__init__(
            [
                widgets.HTML(f"<b>{esc(self.question)}</b>"),
                self.box,
                self.check_button,
                self.feedback,
            ]
        )
        self.add_class("dl-exercise")

    def answer(self) -> float:
        """The model's answer (computed on demand, so it always matches the model)."""
        return float(self._answer())

    def check(self, value: float | None = None) -> bool | None:
        """Say whether the number is right (within tolerance); None if nothing entered."""
        if value is not None:
            self.box.value = str(value)
        given = str(self.box.value).strip()
        if not given:
            say(self.feedback, "Type a number first, then press Check.")
            return None
        try:  # managers write "1,200", "$500" or "40%"
            given = float(given.replace(",", "").replace("$", "").replace("%", "").strip())
            given = checks.in_range("answer", given, -MAX_ANSWER, MAX_ANSWER)
        except (ValueError, checks.InputError):
            say(
                self.feedback,
                f"“{self.box.value}” is not a number I can read: type digits, like 1200.",
                "warn",
            )
            return None
        right = self.answer()
        if abs(given - right) <= max(self._rel * abs(right), self._abs):
            say(
                self.feedback,
                f"Right: {number(right)} {self.unit}. {self._explain}".strip(),
                "good",
            )
            return True
        hint = "too high" if given > right else "too low"
        say(self.feedback, f"Not yet: {number(given)} is {hint}. Try again.")
        return False


def exercise(key: str) -> Exercise:
    """A number-answer exercise from the question bank.

    The box takes what a manager types ("1,200", "$500", "40%"); Check says right (with the
    model's number and why) or too high / too low, never the answer before it is found.

    Examples
    --------
    >>> ex = Exercise("demo", {"question": "2 + 2?", "answer": lambda: 4.0})
    >>> ex.check(4.5), ex.check(5), ex.check(4)
    (False, False, True)
    >>> exercise("nope")
    Traceback (most recent call last):
    ...
    demandlab.checks.InputError: key must be an id from the question bank (...), got 'nope'
    """
    entry = bank_entry("key", key, questions.exercises())
    return Exercise(key, entry)


class solution:  # noqa: N801 - used as ``with dl.solution():``, like a function
    """Hold a solution's output behind a "Show the answer" button.

    Write a solution cell as ``with dl.solution(): ...``. After Run All the learner sees only
    the button; what the body prints or shows appears when the button is pressed.
    """

    def __init__(self, label: str = "Show the answer") -> None:
        self.label = checks.text("label", label, 80, empty=False)
        self.output = widgets.Output()
        self.output.layout.display = "none"
        # Width "auto": the default 148 px cut the label to "Show the ans…"; flex-start keeps
        # it as wide as its label instead of the whole output area (the box is a flex column).
        self.button = widgets.Button(
            description=self.label,
            icon="eye",
            layout={"width": "auto", "align_self": "flex-start"},
        )
        self.button.on_click(lambda _: self.toggle())
        self.box = widgets.VBox([self.button, self.output])
        self.box.add_class("dl-solution")  # the browser test checks it stays closed

    @property
    def shown(self) -> bool:
        return self.output.layout.display != "none"

    def toggle(self) -> None:
        """Show the answer, or hide it again."""
        if self.shown:
            self.output.layout.display = "none"
            self.button.description = self.label
        else:
            self.output.layout.display = None
            self.button.description = "Hide the answer"

    def __enter__(self) -> solution:
        display(self.box)
        self.output.__enter__()
        return self

    def __exit__(self, *exc: Any) -> Any:
        return self.output.__exit__(*exc)
