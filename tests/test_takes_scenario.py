"""engine.scenarios.takes_scenario: a model takes its frozen scenario whole, the public
function keeps the lesson's named-argument calls (issue 27, "Architecture, second step")."""

from __future__ import annotations

import functools
import inspect
from dataclasses import dataclass

import pytest

import demandlab as dl
from demandlab.checks import InputError, Replaceable
from demandlab.engine.scenarios import takes_scenario


@dataclass(frozen=True)
class Oven(Replaceable):
    loaves: int = 20
    minutes: float = 40.0
    seed: int = 1


OVEN = Oven()


def _bake(s: Oven, batches: int = 2) -> tuple:
    return (s.loaves, s.minutes, s.seed, batches)


NAMES = {"loaves": "loaves", "batches": "batches", "bake_minutes": "minutes"}
bake = takes_scenario(OVEN, NAMES, positional=2)(_bake)


def test_named_positional_and_scenario_calls_agree():
    assert bake() == (20, 40.0, 1, 2)
    assert bake(10) == bake(loaves=10) == bake(scenario=OVEN.replace(loaves=10)) == (10, 40.0, 1, 2)
    assert bake(10, 3) == bake(batches=3, loaves=10) == (10, 40.0, 1, 3)
    assert bake(bake_minutes=30) == bake(scenario=Oven(minutes=30)) == (20, 30, 1, 2)
    # named arguments go on top of a whole scenario; fields it does not name come with it
    assert bake(12, scenario=Oven(seed=7, minutes=5)) == (12, 5, 7, 2)


def test_signature_shows_every_parameter_and_its_default():
    params = inspect.signature(bake).parameters
    assert [(p.name, p.default, p.kind.name) for p in params.values()] == [
        ("loaves", 20, "POSITIONAL_OR_KEYWORD"),
        ("batches", 2, "POSITIONAL_OR_KEYWORD"),
        ("bake_minutes", 40.0, "KEYWORD_ONLY"),
        ("scenario", None, "KEYWORD_ONLY"),
    ]
    assert bake.__name__ == "_bake" and inspect.signature(bake).return_annotation == "tuple"


def test_an_unknown_name_is_refused_by_name_with_the_names_allowed():
    with pytest.raises(InputError) as err:
        bake(minutes=30)  # the field's name, not the parameter's
    assert str(err.value) == (
        "minutes must be one of _bake's settings (loaves, batches, bake_minutes, scenario), got 30"
    )
    with pytest.raises(InputError, match=r"^scenario must be a Oven, got 'hot'$"):
        bake(scenario="hot")
    with pytest.raises(TypeError):  # too many positional arguments stay Python's TypeError
        bake(1, 2, 3)


def test_a_body_and_its_names_must_agree():
    with pytest.raises(TypeError, match="neither a scenario field nor a parameter"):
        takes_scenario(OVEN, ["loaves", "temperature"])(_bake)
    with pytest.raises(TypeError, match=r"list its own parameters \['batches'\]"):
        takes_scenario(OVEN, ["loaves"])(_bake)
    with pytest.raises(TypeError, match="Replaceable"):
        takes_scenario({"loaves": 20})


def signature_defaults(func) -> dict:
    return {n: p.default for n, p in inspect.signature(func).parameters.items()}


def test_signature_check_can_fail():
    """Canary: a plain functools.wraps wrapper shows the body's signature, not the call's."""
    plain = functools.wraps(_bake)(lambda *a, **k: _bake(OVEN, *a, **k))
    assert signature_defaults(plain) != signature_defaults(bake)
    assert "loaves" not in signature_defaults(plain)


TAKES_SCENARIO = sorted(n for n in dl.__all__ if hasattr(getattr(dl, n), "default_scenario"))


def test_the_lessons_take_their_scenarios_whole():
    """Every lesson whose model signatures repeated its scenario's fields now goes through
    takes_scenario; each public default is the field of the scenario it sets."""
    assert {"buffet", "dice_game", "forecast_vs_pull", "plant_paced_sales"} <= set(TAKES_SCENARIO)
    for name in TAKES_SCENARIO:
        func = getattr(dl, name)
        params = inspect.signature(func).parameters
        for param, field in func.scenario_fields.items():
            assert params[param].default == getattr(func.default_scenario, field), (name, param)
        assert params["scenario"].default is None


@pytest.mark.parametrize(
    "name, changes, named",
    [
        ("buffet", {"beef_cost_per_serving": 6.0}, {"beef_cost_per_serving": 6.0}),
        ("loss_leader", {"cherry_picker_share": 0.5}, {"cherry_picker_share": 0.5}),
        ("plant_paced_sales", {"plant_pace_per_shift": 51}, {"pace_per_shift": 51}),
        ("dice_game_replications", {"wip_cap": 8}, {"wip_cap": 8, "replications": 50}),
        (
            "forecast_vs_pull",
            {"forecast_error": 0.1, "days": 100},
            {"forecast_error": 0.1, "days": 100},
        ),
        (
            "pull_in_sales",
            {"sales_cv": 0.5, "sales_replications": 1},
            {"cv": 0.5, "replications": 1},
        ),
        ("laws_of_the_line", {"cv": 0.0}, {"cv": 0.0, "max_wip": 4}),
    ],
)
def test_the_lessons_models_agree_named_and_whole(name, changes, named):
    """``f(x=...)`` is ``f(scenario=SCENARIO.replace(field=...))``: the same result."""
    func = getattr(dl, name)
    by_name = func(**named)
    whole = func.default_scenario.replace(**changes)
    extras = {k: v for k, v in named.items() if k not in func.scenario_fields}
    assert repr(func(scenario=whole, **extras)) == repr(by_name)


def test_every_lessons_scenario_changes_one_way():
    """Every lesson's scenario class is a frozen Replaceable dataclass (issue 27: one shape)."""
    import dataclasses
    import importlib
    import inspect
    import pkgutil

    import demandlab
    from demandlab.checks import Replaceable

    found = {}
    for info in pkgutil.iter_modules(demandlab.__path__):
        try:
            module = importlib.import_module(f"demandlab.{info.name}.scenario")
        except ModuleNotFoundError:
            continue
        for name, cls in vars(module).items():
            if (
                inspect.isclass(cls)
                and name.endswith("Scenario")
                and cls.__module__ == module.__name__
            ):
                found[f"{info.name}.{name}"] = cls
    assert len(found) >= 9, sorted(found)
    loose = [n for n, c in found.items() if not issubclass(c, Replaceable)]
    assert not loose, f"scenarios without .replace (checks.Replaceable): {loose}"
    thawed = [n for n, c in found.items() if not c.__dataclass_params__.frozen]
    assert not thawed and all(dataclasses.is_dataclass(c) for c in found.values()), thawed
