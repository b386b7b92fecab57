"""engine.scenarios.takes_scenario: a model takes its frozen scenario whole, the public
function keeps the lesson's named-argument calls (issue 27, "Architecture, second step")."""

from __future__ import annotations

import functools
import inspect
from dataclasses import dataclass

import pytest

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
