"""Course helpers every lesson uses: quizzes, predictions, the setup self-check."""

from __future__ import annotations

import platform
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import anywidget
import ipywidgets as widgets
import numpy as np
import plotly
import plotly.graph_objects as go
import traitlets

from .widgetkit import (
    BAD_COLOR,
    DEMAND_COLOR,
    PRODUCTION_COLOR,
    esc,
    figure_widget,
    guarded,
    mark_main,
    message_area,
    refresh,
    say,
)


def _require_text(name: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name} must be a non-empty string, got {value!r}")
    return value


def _require_options(options: object) -> list[str]:
    if isinstance(options, str) or not isinstance(options, Sequence) or len(options) < 2:
        raise ValueError(f"options must be a list of at least 2 strings, got {options!r}")
    opts = [_require_text("options (each one)", o) for o in options]
    if len(set(opts)) != len(opts):
        raise ValueError(f"options must be distinct, got {opts!r}")
    return opts


class Quiz(widgets.VBox):
    """A multiple-choice question checked in the kernel, with feedback per option."""

    def __init__(
        self,
        question: str,
        options: Sequence[str],
        answer: int | str,
        explanations: Mapping[str, str] | Sequence[str] | None = None,
    ) -> None:
        question = _require_text("question", question)
        opts = _require_options(options)
        if isinstance(answer, str):
            if answer not in opts:
                raise ValueError(f"answer must be one of the options {opts!r}, got {answer!r}")
            answer_index = opts.index(answer)
        elif isinstance(answer, (int, np.integer)) and not isinstance(answer, bool):
            if not 0 <= answer < len(opts):
                raise ValueError(
                    f"answer must be an option index in 0..{len(opts) - 1}, got {answer!r}"
                )
            answer_index = int(answer)
        else:
            raise ValueError(f"answer must be an option's text or index, got {answer!r}")
        if explanations is None:
            notes = [""] * len(opts)
        elif isinstance(explanations, Mapping):
            unknown = set(explanations) - set(opts)
            if unknown:
                raise ValueError(f"explanations name options that do not exist: {sorted(unknown)}")
            notes = [str(explanations.get(o, "")) for o in opts]
        elif isinstance(explanations, Sequence) and not isinstance(explanations, str):
            notes = [str(e) for e in explanations]
            if len(notes) != len(opts):
                raise ValueError(
                    f"explanations must have one entry per option ({len(opts)}), got {len(notes)}"
                )
        else:
            raise ValueError(
                f"explanations must be a dict (option -> text) or a list, got {explanations!r}"
            )
        self.answer_index = answer_index
        self.options = opts
        self._notes = notes
        self.choice = widgets.RadioButtons(options=opts, value=None, layout={"width": "auto"})
        self.check_button = widgets.Button(description="Check", button_style="primary")
        self.feedback = message_area()
        self.check_button.on_click(lambda _: self.check())
        super().__init__(
            [
                widgets.HTML(f"<b>{esc(question)}</b>"),
                self.choice,
                self.check_button,
                self.feedback,
            ]
        )

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
        return right


def quiz(
    question: str,
    options: Sequence[str],
    answer: int | str,
    explanations: Mapping[str, str] | Sequence[str] | None = None,
) -> Quiz:
    """A self-check question with feedback for every option.

    Parameters
    ----------
    question : str
        The question, as plain text (it is escaped, never run as HTML).
    options : list of str
        At least two distinct options.
    answer : int or str
        The right option, by index or by text.
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
    return Quiz(question, options, answer, explanations)


class Prediction(widgets.VBox):
    """A vote the learner commits to before an experiment, recalled after it."""

    def __init__(self, question: str, options: Sequence[str]) -> None:
        question = _require_text("question", question)
        opts = _require_options(options)
        # Width "auto": ToggleButtons default to a fixed width that cuts long answers off.
        self.choice = widgets.ToggleButtons(
            options=opts, value=None, style={"button_width": "auto"}
        )
        self.note = message_area()
        self.choice.observe(self._voted, names="value")
        say(self.note, "Commit to an answer before you run the experiment.")
        super().__init__([widgets.HTML(f"<b>{esc(question)}</b>"), self.choice, self.note])

    @property
    def value(self) -> str | None:
        return self.choice.value

    def _voted(self, change: dict) -> None:
        say(self.note, f"Your prediction: {change['new']}. Now run the experiment.")

    def recall(self, correct: str | None = None) -> str:
        """A sentence that reminds the learner of their vote (and whether it held up)."""
        if self.value is None:
            return "You did not record a prediction; scroll up and vote, then compare."
        if correct is None:
            return f"You predicted: {self.value}."
        verdict = "it held up" if self.value == correct else f"the experiment says {correct}"
        return f"You predicted: {self.value}; {verdict}."


def prediction(question: str, options: Sequence[str]) -> Prediction:
    """Ask the learner to commit to a guess before an experiment.

    Parameters
    ----------
    question : str
        What to predict.
    options : list of str
        At least two distinct choices.

    Returns
    -------
    Prediction
        A widget; ``.value`` is the vote (None until chosen), ``.recall()`` a sentence.

    Examples
    --------
    >>> vote = prediction("Which factory is the better system?", ["Factory A", "Factory B"])
    >>> vote.recall()
    'You did not record a prediction; scroll up and vote, then compare.'
    """
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


def _demo_week(units_made: float, demand_per_week: float) -> tuple[float, float, float]:
    """Units sold, unsold and unmet in one week: you sell the smaller of what you made and
    what customers asked for."""
    sold = min(units_made, demand_per_week)
    return sold, units_made - sold, demand_per_week - sold


def _demo_figure(units_made: float, demand_per_week: float) -> go.Figure:
    sold, unsold, unmet = _demo_week(units_made, demand_per_week)
    fig = go.Figure(
        go.Bar(
            x=["made", "sold", "piled up unsold", "demand not served"],
            y=[units_made, sold, unsold, unmet],
            marker_color=[PRODUCTION_COLOR, DEMAND_COLOR, BAD_COLOR, BAD_COLOR],
            text=[f"{v:.0f}" for v in (units_made, sold, unsold, unmet)],
            textposition="outside",
        )
    )
    fig.update_layout(
        title="One week: the factory makes 100 units, customers decide how many sell",
        yaxis={"title": "units per week", "range": [0, 210]},
        height=360,
        margin={"t": 60, "b": 40, "l": 60, "r": 20},
        showlegend=False,
    )
    return fig


def slider_demo(units_made_per_week: float = 100) -> widgets.VBox:
    """A first slider: customer demand moves a plotly bar chart.

    Parameters
    ----------
    units_made_per_week : float
        What the factory makes every week, whatever happens (default 100).

    Returns
    -------
    ipywidgets.VBox
        A demand slider (the start notebook's main control), a live figure and a sentence.

    Examples
    --------
    >>> demo = slider_demo()
    >>> demo.children[0].value
    60
    """
    is_number = isinstance(units_made_per_week, (int, float, np.integer, np.floating))
    if isinstance(units_made_per_week, bool) or not is_number:
        raise TypeError(f"units_made_per_week must be a number, got {units_made_per_week!r}")
    if not np.isfinite(units_made_per_week) or not 0 <= units_made_per_week <= 1e6:
        raise ValueError(
            f"units_made_per_week must be a finite number in [0, 1e6], got {units_made_per_week!r}"
        )
    demand = mark_main(
        widgets.IntSlider(
            value=60,
            min=0,
            max=200,
            step=10,
            description="Demand / week",
            style={"description_width": "initial"},
            continuous_update=True,
        )
    )
    fw = figure_widget(_demo_figure(units_made_per_week, demand.value), main=True)
    note = message_area()

    def update(change: dict | None = None) -> None:
        refresh(fw, _demo_figure(units_made_per_week, demand.value))
        sold, unsold, unmet = _demo_week(units_made_per_week, demand.value)
        if unsold > 0:
            say(note, f"{unsold:.0f} units were made that nobody bought this week.", "warn")
        elif unmet > 0:
            say(note, f"{unmet:.0f} units of demand went unserved: customers wait or walk away.")
        else:
            say(note, "Made exactly what customers asked for.", "good")

    update()
    demand.observe(guarded(update, note), names="value")
    return widgets.VBox([demand, fw, note])


__all__ = ["course_map", "quiz", "prediction", "setup_check", "slider_demo"]


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
        10,
        "Run cells, move a first slider, check that your setup works.",
    ),
    Lesson(
        "01",
        "01-factory-a-vs-b.ipynb",
        "Factory A vs Factory B",
        "Which factory is the better system?",
        35,
        "Vote, run two factories for a year, then try to fix A from the inside.",
    ),
    Lesson(
        "02",
        "02-takt-time.ipynb",
        "Takt time with and without demand",
        "What sets the pace when no customer is waiting?",
        35,
        "Move demand and watch the takt line; pace a sales funnel from capacity.",
    ),
    Lesson(
        "03",
        "03-pull-vs-push.ipynb",
        "Pull vs push",
        "Why does capping work in progress beat pushing work in, and where does it stop?",
        45,
        "Play the dice game, test the Factory Physics laws, race push against CONWIP.",
    ),
    Lesson(
        "04",
        "04-evaporating-cloud.ipynb",
        "The Evaporating Cloud",
        "Should every product be run for volume?",
        40,
        "Build a conflict cloud, solve P&Q, find the buffet's best carving rate.",
    ),
    Lesson(
        "05",
        "05-demand-response.ipynb",
        "Capstone: design backwards from the customer",
        "What happens when every department hits its own target?",
        45,
        "Steer a go-to-market flow by local targets, then design it from customer success.",
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
