"""Course helpers every lesson uses: quizzes, predictions, the setup self-check."""

from __future__ import annotations

import platform
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import anywidget
import ipywidgets as widgets
import numpy as np
import plotly
import traitlets

from . import checks, questions
from .answers import Recall, bank_entry
from .widgetkit import (
    esc,
    message_area,
    say,
)

MAX_TEXT = 2_000  # characters in a question or an option
MAX_OPTIONS = 12  # options in one question


def _options(options: object) -> list[str]:
    """2..MAX_OPTIONS distinct, non-blank option texts."""
    opts = checks.sequence("options", options, 2, MAX_OPTIONS)
    opts = [checks.text("options (each one)", o, MAX_TEXT, empty=False) for o in opts]
    if len(set(opts)) != len(opts):
        raise checks.refuse("options", opts, "distinct texts")
    return opts


def _answer_index(answer: object, opts: list[str]) -> int:
    """The right option's index, from its text or its index."""
    if isinstance(answer, str):
        return opts.index(checks.choice("answer", answer, opts))
    try:
        return checks.whole("answer", answer, 0, len(opts) - 1)
    except checks.InputError:
        allowed = f"an option index in 0..{len(opts) - 1} or one of the options"
        raise checks.refuse("answer", answer, allowed) from None


def _notes(explanations: object, opts: list[str]) -> list[str]:
    """One feedback text per option (empty where none is given)."""
    if explanations is None:
        return [""] * len(opts)
    if isinstance(explanations, Mapping):
        unknown = sorted(set(explanations) - set(opts), key=str)
        if unknown:
            raise checks.refuse("explanations", unknown, "keyed by existing options only")
        return [str(explanations.get(o, "")) for o in opts]
    if isinstance(explanations, Sequence) and not isinstance(explanations, str):
        notes = [str(e) for e in explanations]
        if len(notes) != len(opts):
            raise checks.InputError(
                f"explanations must have one entry per option ({len(opts)}), got {len(notes)}"
            )
        return notes
    raise checks.refuse("explanations", explanations, "a dict (option -> text) or a list")


class Quiz(widgets.VBox):
    """A multiple-choice question checked in the kernel, with feedback per option."""

    def __init__(
        self,
        question: str,
        options: Sequence[str],
        answer: int | str,
        explanations: Mapping[str, str] | Sequence[str] | None = None,
        question_id: str | None = None,
    ) -> None:
        question = checks.text("question", question, MAX_TEXT, empty=False)
        opts = _options(options)
        answer_index = _answer_index(answer, opts)
        notes = _notes(explanations, opts)
        self.answer_index = answer_index
        self.options = opts
        self._notes = notes
        self.choice = widgets.RadioButtons(options=opts, value=None, layout={"width": "auto"})
        self.check_button = widgets.Button(description="Check", button_style="primary")
        self.feedback = message_area()
        self.check_button.on_click(lambda _: self.check())
        from .room_client import quiz_sender  # the live room: the first answer, if a hub has one

        self._room_send = quiz_sender(question_id)  # the room pools by question-bank id
        super().__init__(
            [
                widgets.HTML(f"<b>{esc(question)}</b>"),
                self.choice,
                self.check_button,
                self.feedback,
            ]
        )
        self.add_class("dl-quiz")  # tests/browser/test_keyboard.py answers it by keyboard

    def check(self) -> bool | None:
        """Show feedback for the chosen option; True if it is the answer, None if none chosen."""
        if self.choice.value is None:
            say(self.feedback, "Pick an option first, then press Check.")
            return None
        i = self.options.index(self.choice.value)
        right = i == self.answer_index
        note = self._notes[i]
        verdict = "Correct." if right else "Not quite."
        say(self.feedback, f"{verdict} {note}".strip(), "good" if right else "warn")
        self._room_send(self.choice.value)
        return right


def quiz(
    question: str,
    options: Sequence[str] | None = None,
    answer: int | str | None = None,
    explanations: Mapping[str, str] | Sequence[str] | None = None,
) -> Quiz:
    """A self-check question with feedback for every option.

    Lessons ask by id, ``quiz("01-books-vs-bank")``: the question, its answer and its
    feedback live in the question bank (demandlab.questions), not in the learner's cell.

    Parameters
    ----------
    question : str
        A question-bank id, or (with ``options`` and ``answer``) the question as plain text
        (it is escaped, never run as HTML).
    options : list of str
        At least two distinct options (omit when asking by id).
    answer : int or str
        The right option, by index or by text (omit when asking by id).
    explanations : dict or list, optional
        Feedback shown for each option when it is checked: why it is right or wrong.

    Returns
    -------
    Quiz
        An ipywidgets VBox; ``.choice.value = ...`` then ``.check()`` works in code too.

    Examples
    --------
    >>> q = quiz("Takt time is set by ...", ["the customer", "the machines"], "the customer",
    ...          {"the machines": "A pace from capacity is push."})
    >>> q.choice.value = "the machines"
    >>> q.check()
    False
    """
    if options is None and answer is None and explanations is None:
        entry = bank_entry("question", question, questions.quizzes())
        return Quiz(
            entry["question"],
            entry["options"],
            entry["answer"],
            entry.get("explanations"),
            question_id=question,
        )
    if options is None:
        raise checks.refuse("options", None, "a list of options (or a question-bank id alone)")
    if answer is None:
        raise checks.refuse("answer", None, "an option's index or text")
    return Quiz(question, options, answer, explanations)


class Prediction(widgets.VBox):
    """A vote the learner commits to before an experiment, recalled after it."""

    def __init__(
        self,
        question: str,
        options: Sequence[str],
        outcome: Callable[[], str] | None = None,
        question_id: str | None = None,
    ) -> None:
        question = checks.text("question", question, MAX_TEXT, empty=False)
        opts = _options(options)
        self.question = question
        self._outcome = outcome  # what the experiment says, computed from the model
        # Width "auto": ToggleButtons default to a fixed width that cuts long answers off.
        self.choice = widgets.ToggleButtons(
            options=opts, value=None, style={"button_width": "auto"}
        )
        self.note = message_area()
        self.choice.observe(self._voted, names="value")
        say(self.note, "Commit to an answer before you run the experiment.")
        from .room_client import prediction_line  # the live room, or one quiet line

        self.room_line = prediction_line(self.choice, question_id)  # by question-bank id
        super().__init__(
            [widgets.HTML(f"<b>{esc(question)}</b>"), self.choice, self.note, self.room_line]
        )
        self.add_class("dl-prediction")  # tests/browser/test_keyboard.py votes by keyboard

    @property
    def value(self) -> str | None:
        return self.choice.value

    def _voted(self, change: dict) -> None:
        say(self.note, f"Your prediction: {change['new']}. Now run the experiment.")

    def recall(self, correct: str | None = None) -> Recall:
        """A line that waits for the vote, then compares it with the experiment.

        ``correct`` overrides the question bank's outcome (for instructors' own questions).
        """
        outcome = self._outcome if correct is None else (lambda: correct)
        return Recall(self.choice, self.question, outcome)

    def recall_text(self, correct: str | None = None) -> str:
        """The recall line's sentence now (for code and tests)."""
        return self.recall(correct).text


def prediction(question: str, options: Sequence[str] | None = None) -> Prediction:
    """Ask the learner to commit to a guess before an experiment.

    Lessons ask by id, ``prediction("01-better-system")``: the question bank holds the
    options and what the experiment says (computed from the lesson's model).

    Parameters
    ----------
    question : str
        A question-bank id, or (with ``options``) what to predict.
    options : list of str
        At least two distinct choices (omit when asking by id).

    Returns
    -------
    Prediction
        A widget; ``.value`` is the vote (None until chosen), ``.recall()`` a line that
        waits for the vote.

    Examples
    --------
    >>> vote = prediction("Which factory is the better system?", ["Factory A", "Factory B"])
    >>> vote.recall_text("Factory B").startswith("Waiting for your vote")
    True
    >>> vote.choice.value = "Factory A"
    >>> vote.recall_text("Factory B")
    'You predicted: Factory A; the experiment says Factory B.'
    """
    if options is None:
        entry = bank_entry("question", question, questions.predictions())
        return Prediction(
            entry["question"], entry["options"], entry.get("outcome"), question_id=question
        )
    return Prediction(question, options)


class _RenderProbe(anywidget.AnyWidget):
    """A tiny front-end widget that reports back to the kernel once the browser drew it."""

    _esm = """
    function render({ model, el }) {
      el.textContent = "Widget front end: connected.";
      model.set("rendered", true);
      model.save_changes();
    }
    export default { render };
    """
    rendered = traitlets.Bool(False).tag(sync=True)


@dataclass(frozen=True)
class SetupReport:
    """Versions of everything a lesson needs, and whether they are in range."""

    python: str
    versions: dict
    problems: tuple

    @property
    def ok(self) -> bool:
        return not self.problems


def _setup_report() -> SetupReport:
    import jupyterlab_widgets  # noqa: F401  (imported to prove the front-end package exists)

    versions = {
        "numpy": np.__version__,
        "plotly": plotly.__version__,
        "ipywidgets": widgets.__version__,
        "anywidget": anywidget.__version__,
    }
    problems = []
    major = {k: int(v.split(".")[0]) for k, v in versions.items()}
    if major["ipywidgets"] != 8:
        problems.append(f"ipywidgets {versions['ipywidgets']} found; the course needs 8.x")
    if major["plotly"] < 5:
        problems.append(f"plotly {versions['plotly']} found; the course needs 5.24 or newer")
    return SetupReport(platform.python_version(), versions, tuple(problems))


def setup_check() -> widgets.VBox:
    """Report versions and prove, through a round trip to the browser, that widgets render.

    Returns
    -------
    ipywidgets.VBox
        A versions table and a status line. The status changes to "widgets render" only
        when the browser has drawn a widget and told the kernel so.

    Examples
    --------
    >>> panel = setup_check()
    >>> "waiting" in panel.children[-1].value
    True
    """
    report = _setup_report()
    rows = "".join(
        f"<tr><td>{esc(k)}</td><td><code>{esc(v)}</code></td></tr>"
        for k, v in {"python": report.python, **report.versions}.items()
    )
    table = widgets.HTML(f"<table>{rows}</table>")
    status = message_area()
    status.add_class("dl-setup-status")
    probe = _RenderProbe()
    if report.ok:
        say(status, "Packages: OK. Widgets: waiting for the browser to draw the probe above ...")
    else:
        say(status, "Problems: " + "; ".join(report.problems), "warn")

    def drawn(change: dict) -> None:
        if change["new"] and report.ok:
            say(status, "Packages: OK. Widgets render: OK. You are ready.", "good")

    probe.observe(drawn, names="rendered")
    return widgets.VBox([table, probe, status])


__all__ = ["course_map", "quiz", "prediction", "setup_check"]


@dataclass(frozen=True)
class Lesson:
    """One row of the course map."""

    number: str
    notebook: str
    title: str
    question: str
    minutes: int
    you_will: str


_COURSE = (
    Lesson(
        "00",
        "00-start-here.ipynb",
        "Start here",
        "How does this course work?",
        25,
        "Run cells, move a first slider, check that your setup works.",
    ),
    Lesson(
        "01",
        "01-factory-a-vs-b.ipynb",
        "Factory A vs Factory B",
        "Which factory is the better system?",
        60,
        "Vote, run two factories for a year, then try to fix A from the inside.",
    ),
    Lesson(
        "02",
        "02-takt-time.ipynb",
        "Takt time with and without demand",
        "What sets the pace when no customer is waiting?",
        70,
        "Move demand and watch the takt line; pace a sales funnel from capacity.",
    ),
    Lesson(
        "03",
        "03-pull-vs-push.ipynb",
        "Pull vs push",
        "What does a cap on work in process change against push, and where does it stop?",
        80,
        "Play the dice game, test the Factory Physics laws, race push against CONWIP.",
    ),
    Lesson(
        "04",
        "04-evaporating-cloud.ipynb",
        "The Evaporating Cloud",
        "Should every product be run for volume?",
        75,
        "Build a conflict cloud, solve P&Q, find the buffet's best carving rate.",
    ),
    Lesson(
        "05",
        "05-demand-response.ipynb",
        "Capstone: design backwards from the customer",
        "What happens when every department hits its own target?",
        75,
        "Steer a go-to-market flow by local targets, design it from customer success, "
        "then run one department of it in the room game.",
    ),
)


def course_map() -> tuple[Lesson, ...]:
    """The lessons in teaching order: notebook, the question each answers, minutes, activity.

    Returns
    -------
    tuple of Lesson
        The same rows the README's course map shows (a test keeps them in step).

    Examples
    --------
    >>> [lesson.number for lesson in course_map()]
    ['00', '01', '02', '03', '04', '05']
    """
    return _COURSE
