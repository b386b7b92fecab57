"""widgetkit.explorer, the one builder of every lesson's explorer (issue 27)."""

from __future__ import annotations

import ipywidgets as widgets
import plotly.graph_objects as go
import pytest

from demandlab import widgetkit as kit
from demandlab.checks import InputError


def _square(n: int) -> int:
    if n < 0:
        raise InputError(f"n must be at least 0, got {n}")
    return n * n


def _bars(result: int) -> kit.View:
    fig = go.Figure(go.Bar(x=["n²"], y=[result]))
    return kit.View(
        fig, f"{result} squares", "good" if result else "info", {"table": f"<b>{result}</b>"}
    )


def _build(start: int = 2) -> tuple[kit.Explorer, widgets.IntSlider]:
    n = widgets.IntSlider(value=start, min=-5, max=5, description="n")
    box = kit.explorer({"n": n, "go": widgets.Button()}, _square, _bars, panels=["table"])
    return box, n


def test_explorer_runs_model_and_view_on_every_change():
    box, n = _build()
    assert box.built_by == kit.BUILT_BY and box.result == 4 and box.refused is None
    assert "4 squares" in box.message.value and box.panels["table"].value == "<b>4</b>"
    assert list(box.figure.data[0].y) == [4]
    n.value = 3
    assert box.result == 9 and "9 squares" in box.message.value
    assert list(box.figure.data[0].y) == [9] and box.panels["table"].value == "<b>9</b>"
    assert box.controls["n"] is n and set(box.controls) == {"n", "go"}


def test_a_refused_setting_keeps_the_last_good_result_and_says_why():
    box, n = _build()
    n.value = 3
    n.value = -2  # the model refuses it
    assert box.result == 9, "the result stays the last one the model accepted"
    assert box.refused == "n must be at least 0, got -2"
    assert "That setting cannot run: n must be at least 0, got -2" in box.message.value
    assert "Warning" in box.message.value and "Traceback" not in box.message.value
    assert list(box.figure.data[0].y) == [9], "the figure keeps the last good setting"
    assert box.panels["table"].value == "<b>9</b>"
    n.value = 1  # accepted again: the reason goes
    assert box.result == 1 and box.refused is None and "1 squares" in box.message.value


def test_a_refused_starting_setting_is_the_callers_error():
    with pytest.raises(InputError, match="n must be at least 0, got -1"):
        _build(start=-1)


def test_other_errors_are_not_swallowed():
    def broken(n: int) -> int:
        raise KeyError("a bug, not a setting")

    n = widgets.IntSlider(value=0)
    with pytest.raises(KeyError):
        kit.explorer({"n": n}, broken, _bars)


def test_view_shapes_layout_and_no_figure():
    a, b = widgets.IntSlider(value=1), widgets.IntSlider(value=2)
    calls = []

    def model(a: int, b: int) -> int:
        calls.append((a, b))
        return a + b

    box = kit.explorer(
        {"a": a, "b": b},
        model,
        lambda r: (go.Figure(go.Bar(y=[r])), (f"sum {r}", "warn")),
        main=True,
        message_first=True,
    )
    assert calls == [(1, 2)] and box.result == 3
    assert box.children[1] is box.message and box.children[2] is box.figure
    assert kit.MAIN_FIGURE in box.figure._dom_classes and "Warning" in box.message.value
    b.value = 5
    assert calls[-1] == (1, 5) and "sum 6" in box.message.value
    box.rerun()
    assert calls[-1] == (1, 5) and len(calls) == 3
    plain = kit.explorer({"a": a}, lambda a: a, lambda r: (None, f"a is {r}"))
    assert plain.figure is None and plain.children[-1] is plain.message
    assert "a is 1" in plain.message.value


def test_a_subclass_reads_a_named_part_of_the_result():
    class Halves(kit.Explorer):
        @property
        def half(self) -> float:
            return self.result / 2

    n = widgets.IntSlider(value=4)
    box = kit.explorer({"n": n}, lambda n: n, lambda r: kit.View(None, str(r)), cls=Halves)
    assert isinstance(box, Halves) and box.half == 2 and box.built_by == kit.BUILT_BY
    n.value = 10
    assert box.half == 5


def _counter(start: int = 0) -> kit.Explorer:
    """A tally built an action at a time: "add" adds the step, "reset" goes back to zero."""
    step = widgets.IntSlider(value=1, min=-3, max=3)
    add, reset = widgets.Button(description="add"), widgets.Button(description="reset")
    label = widgets.Text()

    def add_step(total: int, step: int, label: str) -> kit.Step:
        if step < 0:
            raise InputError(f"step must be at least 0, got {step}")
        return kit.Step(total + step, f"added {step}", controls={"label": {"value": ""}})

    return kit.explorer(
        {"step": step, "add": add, "reset": reset, "label": label},
        lambda total, step, label: (total, step),  # the result: the tally and the next step
        lambda r, total: kit.View(None, f"{label.value or 'total'} {r[0]}, next +{r[1]}"),
        state=start,
        actions={"add": add_step, "reset": lambda total, **_: 0},
    )


def test_an_explorer_with_a_history_runs_actions_on_its_state():
    box = _counter(5)
    assert box.state == 5 and box.result == (5, 1) and "total 5, next +1" in box.message.value
    box.controls["label"].value = "sum"
    box.controls["add"].click()
    assert box.state == 6 and "added 1" in box.message.value, "the Step's sentence wins"
    assert box.controls["label"].value == "", "the Step set the control ..."
    assert box.result == (6, 1), "... without a rerun in between"
    box.controls["step"].value = 3  # a value change reruns the model on the same state
    assert box.state == 6 and box.result == (6, 3) and "total 6, next +3" in box.message.value
    box.controls["add"].click()
    box.controls["step"].value = -2
    box.controls["add"].click()  # refused: state and result stay, the reason is said
    assert box.state == 9 and box.refused == "step must be at least 0, got -2"
    assert "That setting cannot run: step must be at least 0" in box.message.value
    box.controls["reset"].click()
    assert box.state == 0 and box.refused is None and box.result == (0, -2)
    box.step(lambda total, **_: total + 40)  # from outside the controls (a room's answer)
    assert box.state == 40 and "total 40" in box.message.value


def test_actions_must_name_controls_and_arrange_lays_out():
    n = widgets.IntSlider()
    with pytest.raises(ValueError, match=r"actions must name controls, got \['go'\]"):
        kit.explorer({"n": n}, lambda n: n, _bars, actions={"go": lambda s, **v: s})
    extra = widgets.HTML("under the figure")
    box = kit.explorer(
        {"n": n},
        lambda n: n,
        _bars,
        panels=["table"],
        arrange=lambda fig, note, panels: [n, fig, panels["table"], extra, note],
    )
    assert box.children == (n, box.figure, box.panels["table"], extra, box.message)


def test_canary_a_hand_wired_explorer_has_no_marker():
    hand = kit.Explorer([], controls={}, figure=None, message=kit.message_area())
    assert hand.built_by != kit.BUILT_BY


# ----------------------------------------------------------------------------- every explorer


def public_explorers() -> list[str]:
    """Every public function of demandlab that returns an explorer: annotated to return an
    Explorer (or a subclass), or named ``*_explorer`` / ``*_builder`` (so an explorer that
    lost its annotation is still walked)."""
    import inspect
    import typing

    import demandlab as dl

    found = []
    for name in dl.__all__:
        obj = getattr(dl, name)
        if not inspect.isfunction(obj):
            continue
        returns = typing.get_type_hints(obj).get("return")
        built = inspect.isclass(returns) and issubclass(returns, kit.Explorer)
        if built or name.endswith(("_explorer", "_builder")):
            found.append(name)
    return sorted(found)


def test_the_walk_finds_every_lessons_explorers():
    found = set(public_explorers())
    named = {"slider_demo", "offering_classifier", "gtm_explorer", "cloud_builder", "room_game"}
    assert named <= found, f"the walk misses {sorted(named - found)}"
    assert len(found) >= 21


@pytest.mark.parametrize("name", public_explorers())
def test_every_public_explorer_is_built_by_the_one_builder(name):
    import demandlab as dl

    box = getattr(dl, name)()
    assert isinstance(box, kit.Explorer), f"{name}() returned {type(box).__name__}"
    assert box.built_by == kit.BUILT_BY, f"{name} is wired by hand, not by widgetkit.explorer"


EXPORTING = [
    "start",
    "engine",
    "factory",
    "takt",
    "dice",
    "pullpush",
    "cloud",
    "mix",
    "gtm",
    "game",
]


@pytest.mark.parametrize("lesson", EXPORTING)
def test_each_lesson_has_one_export_list_and_the_package_keeps_to_it(lesson):
    """A lesson's __all__ is exactly its names in demandlab.__all__ (issue 27)."""
    import importlib

    import demandlab as dl

    module = importlib.import_module(f"demandlab.{lesson}")
    home = f"demandlab.{lesson}"
    defined_there = {
        n for n in dl.__all__ if (getattr(getattr(dl, n), "__module__", "") or "").startswith(home)
    }
    assert set(module.__all__) <= set(dl.__all__), sorted(set(module.__all__) - set(dl.__all__))
    assert defined_there <= set(module.__all__), sorted(defined_there - set(module.__all__))
    assert all(getattr(dl, n) is getattr(module, n) for n in module.__all__)


def test_the_package_list_is_the_lessons_lists_one_after_the_other():
    """demandlab.__all__ is built from the lessons' lists (and the course helpers'), in
    their order, and lists no name of its own: each public name is listed once."""
    import importlib

    import demandlab as dl

    parts = [importlib.import_module(f"demandlab.{n}") for n in ("ui", "answers", "room_client")]
    parts += [importlib.import_module(f"demandlab.{n}") for n in EXPORTING]
    assert sorted(n for part in parts for n in part.__all__) == sorted(dl.__all__)
    assert dl.__all__ == [n for part in dl._PARTS for n in part.__all__]
    assert set(dl.__all__) <= set(dir(dl)), "dir(dl) (tab completion) misses a public name"


# Names a lesson package offered before issue 27 gave each lesson one list: they still
# resolve on the lesson (old import paths are public too), outside demandlab.__all__.
OLD_PATHS = {
    "engine": ["CV_DETERMINISTIC", "DEFAULT_JOBS", "MAX_JOBS", "MAX_WIP"],
    "dice": ["MAX_ROUNDS", "PROMISED_PER_ROUND", "SCENARIO", "DiceGameResult", "play_dice"],
    "pullpush": ["MAX_CV", "MAX_WIP_LEVELS", "SCENARIO", "PullPushScenario", "PushVsConwip"],
    "cloud": ["ARROWS", "BOX_FIELDS", "FORMAT", "MAX_TEXT_CHARS", "CloudBuilder"],
    "gtm": ["MAX_MONTHS", "SCENARIO_SETTINGS", "GtmResult", "run_gtm", "steering_label"],
    "game": ["ROUND_NUMBERS", "GameRefusal", "GameState", "join", "start_round"],
}


@pytest.mark.parametrize("lesson", sorted(OLD_PATHS))
def test_old_import_paths_still_resolve(lesson):
    """``demandlab.<lesson>.<name>`` still works for the names the lesson once re-listed:
    its model's whole list reads through (and shows in dir()), and a few from elsewhere."""
    import importlib

    module = importlib.import_module(f"demandlab.{lesson}")
    model = getattr(module, "model", None)
    names = [*OLD_PATHS[lesson], *getattr(model, "__all__", [])]
    for name in names:
        assert getattr(module, name) is not None, name
        assert name in dir(module), name
    for name in getattr(model, "__all__", []):
        assert getattr(module, name) is getattr(model, name), name
    exec(f"from demandlab.{lesson} import {names[0]}", {})
    with pytest.raises(AttributeError, match="has no attribute 'no_such_name'"):
        module.no_such_name  # noqa: B018
