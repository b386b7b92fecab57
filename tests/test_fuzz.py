"""Property-based fuzz of every public function in demandlab.__all__.

For each function, start from a valid call (BASELINES), replace one argument with a
hostile value (NaN, inf, negative, zero, huge, a wrong type, an empty or mismatched
array), and call it. The only acceptable outcomes are:

- a valid result with no silent NaN anywhere in it, or
- a ValueError or TypeError whose message names the parameter.

Any other exception, or a NaN in a result, fails. The number of cases tried is written to
artifacts/fuzz-report.json and printed.
"""

from __future__ import annotations

import dataclasses
import inspect
import json
import math
import re
from collections import Counter

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import demandlab as dl

from conftest import ROOT

CASES: Counter = Counter()

# Result fields where NaN is the documented meaning, not a silent failure.
NAN_ALLOWED = {
    "finish_times": "NaN marks a job that dropped out or is still in the line",
    "finish": "NaN marks a job that dropped out or is still in the line",
    "cycle_times": "NaN marks a job that never finished",
    "drop_station": "no station for a job that finished",
}


def _baselines() -> dict:
    """A valid call for every public function: {name: callable returning kwargs}."""
    line = {
        "process_times": [1.0, 1.2, 0.8],
        "release": "conwip",
        "wip_cap": 4,
        "n_jobs": 400,
        "seed": 1,
    }
    b = {
        "quiz": lambda: {"question": "q?", "options": ["a", "b"], "answer": 0},
        "prediction": lambda: {"question": "q?", "options": ["a", "b"]},
        "setup_check": lambda: {},
        "slider_demo": lambda: {"units_made_per_week": 100},
        "course_map": lambda: {},
    }
    if hasattr(dl, "simulate_line"):
        b.update(
            {
                "simulate_line": lambda: dict(line),
                "line_parameters": lambda: {"process_times": [2.0, 5.0], "machines": [1, 2]},
                "best_case": lambda: {"process_times": [2.0, 2.0], "wip": 3},
                "worst_case": lambda: {"process_times": [2.0, 2.0], "wip": 3},
                "practical_worst_case": lambda: {"process_times": [2.0, 2.0], "wip": 3},
                "kingman_queue_time": lambda: {"process_time": 1.0, "arrival_rate": 0.5},
            }
        )
    b.update(EXTRA_BASELINES)
    return b


# Filled in per lesson below, so a new public function fails test_every_public_function_is_fuzzed
# until someone writes down one valid call for it.
EXTRA_BASELINES: dict = {}

HOSTILE = st.one_of(
    st.sampled_from(
        [
            math.nan,
            math.inf,
            -math.inf,
            -1,
            -1.5,
            0,
            0.0,
            1e-300,
            1e308,
            10**12,
            -(10**12),
            True,
            None,
            "abc",
            "",
            [],
            (),
            {},
            np.array([]),
            np.array([math.nan]),
            [1.0, math.nan],
            [-1.0, 2.0],
            [1.0] * 7,
            [[1.0, 2.0]],
            object(),
        ]
    ),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**9), max_value=10**9),
    st.lists(st.floats(allow_nan=True, allow_infinity=True, width=32), max_size=6),
    st.text(max_size=12),
)


def _nan_paths(obj, path="result", depth=0):
    """Yield where a NaN hides in a result (dataclass fields, arrays, dicts, tuples)."""
    if depth > 4:
        return
    if isinstance(obj, (widgets.Widget, go.Figure)):
        return  # widgets and figures are checked by the sweep and the browser suite
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            if f.name in NAN_ALLOWED:
                continue
            yield from _nan_paths(getattr(obj, f.name), f"{path}.{f.name}", depth + 1)
    elif isinstance(obj, float):
        if math.isnan(obj):
            yield path
    elif isinstance(obj, np.ndarray) and obj.dtype.kind == "f":
        if obj.size and np.isnan(obj).any():
            yield path
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from _nan_paths(v, f"{path}[{k!r}]", depth + 1)
    elif isinstance(obj, (list, tuple)) and len(obj) < 1000:
        for i, v in enumerate(obj):
            yield from _nan_paths(v, f"{path}[{i}]", depth + 1)


def check_call(name: str, kwargs: dict, param: str) -> None:
    func = getattr(dl, name)
    CASES[name] += 1
    try:
        result = func(**kwargs)
    except (ValueError, TypeError) as err:
        message = str(err)
        # A length mismatch may be reported against the other array of the pair.
        mismatch = re.search(r"length|per station|one value per|one per|same number|match", message)
        names_other = mismatch and any(p in message for p in kwargs if p != param)
        assert param in message or param.replace("_", " ") in message or names_other, (
            f"{name}({param}={kwargs[param]!r}) raised {type(err).__name__} without naming "
            f"{param!r}: {message}"
        )
        return
    nan_at = list(_nan_paths(result))
    assert not nan_at, f"{name}({param}={kwargs[param]!r}) returned a silent NaN at {nan_at}"


BASELINES = _baselines()
FUNCTIONS = sorted(n for n in dl.__all__ if inspect.isfunction(getattr(dl, n)))


def test_every_public_function_is_fuzzed():
    missing = [n for n in FUNCTIONS if n not in BASELINES]
    assert not missing, f"write a valid baseline call in tests/test_fuzz.py for: {missing}"


@pytest.mark.parametrize("name", sorted(BASELINES))
def test_baseline_calls_are_valid(name):
    result = getattr(dl, name)(**BASELINES[name]())
    assert not list(_nan_paths(result))


@pytest.mark.parametrize("name", sorted(BASELINES))
@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_hostile_argument_gives_a_result_or_a_clear_error(name, data):
    kwargs = BASELINES[name]()
    params = [
        p
        for p in inspect.signature(getattr(dl, name)).parameters
        if p not in ("self",) and not p.startswith("_")
    ]
    params = [
        p
        for p in params
        if inspect.signature(getattr(dl, name)).parameters[p].kind
        not in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
    ]
    if not params:
        CASES[name] += 1
        getattr(dl, name)()
        return
    param = data.draw(st.sampled_from(params), label="parameter")
    kwargs[param] = data.draw(HOSTILE, label=param)
    check_call(name, kwargs, param)


def test_fuzz_checker_can_fail(monkeypatch):
    """A function that leaks NaN or raises a vague error is caught."""

    def leaky(x=1.0):
        if x == 0:
            raise ValueError("bad input")
        return {"value": math.nan if x < 0 else 1.0}

    monkeypatch.setattr(dl, "leaky", leaky, raising=False)
    with pytest.raises(AssertionError, match="without naming"):
        check_call("leaky", {"x": 0}, "x")
    with pytest.raises(AssertionError, match="silent NaN"):
        check_call("leaky", {"x": -1}, "x")
    check_call("leaky", {"x": 2}, "x")


def test_zz_report_case_count():
    """Runs last in this file: records how many hostile cases were tried."""
    total = sum(CASES.values())
    out = ROOT / "artifacts" / "fuzz-report.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"total_cases": total, "per_function": dict(CASES)}, indent=1))
    print(f"\nfuzz: {total} cases over {len(CASES)} public functions")
    assert total >= 20 * len(BASELINES) or total == 0
