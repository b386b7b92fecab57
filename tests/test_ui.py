"""The course helpers: quiz, prediction, setup check, the first slider."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

import demandlab as dl
from demandlab.checks import InputError
from demandlab.widgetkit import MAIN_CONTROL, MAIN_FIGURE


def test_quiz_checks_in_the_kernel_with_feedback_per_option():
    q = dl.quiz(
        "Takt is set by?",
        ["the customer", "the machines"],
        "the customer",
        {"the customer": "Demand sets the pace.", "the machines": "That is push."},
    )
    assert q.check() is None and "Pick an option" in q.feedback.value
    q.choice.value = "the machines"
    assert q.check() is False and "That is push." in q.feedback.value
    q.choice.value = "the customer"
    q.check_button.click()
    assert "Correct." in q.feedback.value and "Demand sets the pace." in q.feedback.value


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"question": "", "options": ["a", "b"], "answer": 0}, "question must be"),
        (
            {"question": "q", "options": ["a"], "answer": 0},
            r"options must have 2\.\.\d+ values, got 1",
        ),
        ({"question": "q", "options": ["a", "a"], "answer": 0}, "distinct"),
        ({"question": "q", "options": ["a", "b"], "answer": 2}, "answer must be an option index"),
        ({"question": "q", "options": ["a", "b"], "answer": "c"}, "answer must be one of"),
        ({"question": "q", "options": ["a", "b"], "answer": 0, "explanations": ["x"]}, "one entry"),
        ({"question": "q", "options": ["a", "b"], "answer": 0, "explanations": {"z": "?"}}, "z"),
    ],
)
def test_quiz_refuses_bad_input(kwargs, message):
    with pytest.raises(InputError, match=message):
        dl.quiz(**kwargs)


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"question": 3, "options": ["a", "b"], "answer": 0}, "question"),
        ({"question": "q", "options": "ab", "answer": 0}, "options"),
        ({"question": "q", "options": ["a", None], "answer": 0}, "options"),
        ({"question": "q", "options": ["a", "b"], "answer": True}, "answer"),
        ({"question": "q", "options": ["a", "b"], "answer": None}, "answer"),
        ({"question": "q", "options": ["a", "b"], "answer": 0, "explanations": 5}, "explanations"),
    ],
)
def test_quiz_refuses_wrong_types_by_the_one_rule(kwargs, name):
    """A wrong type is bad input like any other: checks.InputError (a ValueError) naming the
    parameter."""
    with pytest.raises(InputError, match=f"^{name}") as info:
        dl.quiz(**kwargs)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    ("question", "options", "name"),
    [("", ["a", "b"], "question"), (None, ["a", "b"], "question"), ("q", ["a"], "options")],
)
def test_prediction_refuses_bad_input(question, options, name):
    with pytest.raises(InputError, match=f"^{name} must "):
        dl.prediction(question, options)


def test_quiz_escapes_hostile_text():
    q = dl.quiz("<img src=x onerror=alert(1)>", ["<b>a</b>", "b"], 1, ["<script>x</script>", ""])
    q.choice.value = "<b>a</b>"
    q.check()
    assert "<img" not in q.children[0].value and "&lt;img" in q.children[0].value
    assert "<script>" not in q.feedback.value


def test_prediction_recall_waits_for_the_vote_then_compares():
    """The recall line is live: it waits (and gives nothing away) until the learner votes."""
    vote = dl.prediction("Which factory?", ["A", "B"])
    plain, against_b, against_a = vote.recall(), vote.recall(correct="B"), vote.recall(correct="A")
    assert vote.value is None
    for line in (plain, against_b, against_a):
        assert line.text.startswith("Waiting for your vote") and "experiment says" not in line.text
    vote.choice.value = "A"  # the same widgets update, no re-run needed
    assert plain.text == "You predicted: A."
    assert against_b.text == "You predicted: A; the experiment says B."
    assert "held up" in against_a.text
    assert "the experiment says B" in against_b.message.value


def _bank(monkeypatch, kind, entries):
    monkeypatch.setattr(dl.questions, kind, lambda: entries)


def test_bank_questions_keep_answers_out_of_the_cell(monkeypatch):
    calls = []

    def outcome():
        calls.append(1)
        return "B"

    _bank(
        monkeypatch,
        "predictions",
        {"xx-p": {"question": "Q?", "options": ["A", "B"], "outcome": outcome}},
    )
    _bank(
        monkeypatch,
        "quizzes",
        {
            "xx-q": {
                "question": "Q?",
                "options": ["a", "b"],
                "answer": "b",
                "explanations": {"a": "no", "b": "yes"},
            }
        },
    )
    vote = dl.prediction("xx-p")
    line = vote.recall()
    assert calls == []  # the outcome is not computed (or shown) before the vote
    vote.choice.value = "A"
    assert line.text == "You predicted: A; the experiment says B." and calls == [1]
    q = dl.quiz("xx-q")
    assert q.feedback.value == ""
    q.choice.value = "a"
    assert q.check() is False and "no" in q.feedback.value
    with pytest.raises(
        InputError, match="^question must be an id from the question bank .*got 'nope'"
    ):
        dl.quiz("nope")
    with pytest.raises(InputError, match="^question must .*got 'nope'"):
        dl.prediction("nope")


def test_exercise_checks_a_number_against_the_model(monkeypatch):
    _bank(
        monkeypatch,
        "exercises",
        {
            "xx-e": {
                "question": "How many?",
                "unit": "orders/week",
                "answer": lambda: 500.0,
                "tolerance": 0.02,
                "explain": "Because.",
            }
        },
    )
    ex = dl.exercise("xx-e")
    assert ex.check() is None and "Type a number" in ex.feedback.value
    assert (
        ex.check(400) is False and "too low" in ex.feedback.value and "500" not in ex.feedback.value
    )
    assert ex.check(600) is False and "too high" in ex.feedback.value
    assert ex.check(505) is True and "500" in ex.feedback.value and "Because." in ex.feedback.value
    assert ex.check("1,2x") is None and "not a number" in ex.feedback.value
    assert ex.check("$500") is True
    with pytest.raises(InputError, match="^key must .*got 'xx-f'"):
        dl.exercise("xx-f")


def test_solution_output_waits_behind_its_button():
    with dl.solution() as sol:
        pass
    assert not sol.shown and sol.button.description == "Show the answer"
    sol.button.click()
    assert sol.shown and sol.button.description == "Hide the answer"
    sol.button.click()
    assert not sol.shown


def test_setup_check_turns_green_only_after_the_browser_reports():
    panel = dl.setup_check()
    status = panel.children[-1]
    assert "waiting" in status.value
    probe = panel.children[1]
    probe.rendered = True  # what the front end sends once it has drawn the probe
    assert "Widgets render: OK" in status.value


def test_slider_demo_is_the_start_notebooks_main_control():
    demo = dl.slider_demo()
    slider, fig = demo.controls["demand"], demo.figure
    assert demo.children == (slider, fig, demo.message)
    assert MAIN_CONTROL in slider._dom_classes and MAIN_FIGURE in fig._dom_classes
    before = tuple(fig.data[0].y)
    slider.value = slider.value + slider.step
    assert tuple(fig.data[0].y) != before, "moving the main control must redraw the figure"


@pytest.mark.parametrize("demand", [0, 100, 200])
def test_slider_demo_at_every_extreme_says_a_sentence(demand):
    demo = dl.slider_demo()
    demo.controls["demand"].value = demand
    made, sold, unsold, unmet = demo.figure.data[0].y
    assert made == 100 and sold == min(100, demand)
    assert unsold + sold == made and sold + unmet == demand
    w = demo.result
    assert (w.made, w.sold, w.unsold, w.unmet) == (made, sold, unsold, unmet)
    text = demo.message.value
    assert "Traceback" not in text and text.strip().endswith("</div>") and len(text) > 40


@pytest.mark.parametrize("bad", [-1, math.nan, math.inf, 2e6, "100", None, True])
def test_slider_demo_refuses_bad_capacity(bad):
    """Out of range and not a number alike: one InputError (a ValueError)."""
    pattern = r"units_made_per_week must be a number between 0 and 1e\+06, got "
    with pytest.raises(InputError, match=pattern + re.escape(repr(bad))) as info:
        dl.slider_demo(units_made_per_week=bad)
    assert isinstance(info.value, ValueError)


def test_refresh_removes_shapes_and_annotations_that_are_gone():
    import plotly.graph_objects as go

    from demandlab.widgetkit import figure_widget, refresh

    with_line = go.Figure(go.Bar(x=["a"], y=[1]))
    with_line.add_hline(y=0.5)
    with_line.add_annotation(text="takt", x=0, y=0.5)
    fw = figure_widget(with_line)
    assert len(fw.layout.shapes) == 1 and len(fw.layout.annotations) == 1
    refresh(fw, go.Figure(go.Bar(x=["a"], y=[2])))
    assert fw.layout.shapes == () and fw.layout.annotations == ()
    assert fw.data[0].y == (2,)


def test_every_live_figure_carries_a_sentence_for_screen_readers():
    """Issue 14: figure_widget() keeps a one-sentence description in layout.meta.alt (the
    browser side puts title + sentence on the figure); a figure's own sentence wins."""
    import plotly.graph_objects as go

    from demandlab.widgetkit import describe, figure_widget

    fig = go.Figure(go.Bar(x=["A", "B"], y=[1, 2], name="net profit"))
    fig.update_layout(yaxis_title="$ a year", xaxis_title="factory")
    fw = figure_widget(fig)
    assert fw.layout.meta["alt"].startswith("Chart with bars of $ a year by factory; series: net")
    own = go.Figure(go.Bar(y=[1]), layout={"meta": {"alt": "B earns more than A."}})
    assert describe(own) == "B earns more than A."
    for explorer in (dl.factory_explorer(), dl.takt_explorer(), dl.slider_demo()):
        assert len(explorer.figure.layout.meta["alt"].split()) >= 6


def test_lesson_00_first_screen_says_what_to_do_next():
    """Issue 29: the first thing lesson 00 shows, above the course map, is the next step: Run
    All, then the setup check."""
    path = Path(__file__).resolve().parents[1] / "notebooks" / "00-start-here.ipynb"
    cells = ["".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"]]
    first = cells[0]
    assert first.startswith("# 00 · Start here\n")
    assert "Run All" in first and "**Setup self-check**" in first
    assert "Widgets render: OK" in first
    course_map = next(i for i, c in enumerate(cells) if c.startswith("## Course map"))
    setup = next(i for i, c in enumerate(cells) if c.startswith("## Setup self-check"))
    assert 0 < course_map < setup
