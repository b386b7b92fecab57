"""Property-based fuzz of every public function in demandlab.__all__.

For each function, start from a valid call (BASELINES), replace one argument with a
hostile value (NaN, inf, negative, zero, huge, a wrong type, an empty or mismatched
array), and call it. The only acceptable outcomes are:

- a valid result with no silent NaN anywhere in it, or
- a ValueError or TypeError whose message names the parameter.

Any other exception, or a NaN in a result, fails, and so does a function that met fewer
than MIN_CASES hostile calls. The number of cases tried is written to
artifacts/fuzz-report.json when the file's tests are done (in any order, any subset).
"""

from __future__ import annotations

import dataclasses
import inspect
import json
import math
import os
import re
import tempfile
from collections import Counter

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import demandlab as dl
from tests.conftest import ROOT

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
        # the first number exercise in the question bank (lessons fill it)
        "exercise": lambda: {"key": sorted(dl.questions.exercises())[0]},
        "setup_check": lambda: {},
        "slider_demo": lambda: {"units_made_per_week": 100},
        "week_summary": lambda: {"units_made_per_week": 100, "demand_per_week": 60},
        "course_map": lambda: {},
        # the live room (without a hub: nothing is sent)
        "room": lambda: {"lesson": "01"},
        "share_result": lambda: {"lesson": "03", "key": "dice-matches", "value": 30},
    }
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
    for name in dl.__all__:
        func = getattr(dl, name)
        if (
            inspect.isfunction(func)
            and name not in b
            and all(
                p.default is not p.empty or p.kind in (p.VAR_KEYWORD, p.VAR_POSITIONAL)
                for p in inspect.signature(func).parameters.values()
            )
        ):
            b[name] = dict  # every parameter has a default: fuzz from the defaults
    b.update(_lesson_baselines())
    return b


# Functions whose parameters all have defaults are fuzzed from their defaults; these need a
# valid call written down (required arguments, or defaults too slow to call hundreds of times).
# "*" holds positional arguments for functions that take *results.
def _lesson_baselines() -> dict:
    small_dice = {"stations": 3, "rounds": 5, "seed": 1}
    small_line = {"process_times_hours": [1.0, 2.0], "cv": 1.0, "seed": 1}
    return {
        # lesson 01
        "simulate_factory": lambda: dl.factory_scenario("A"),
        "search_internal_fixes": lambda: {
            "efficiency": (0.5, 1.0, 0.25),
            "capacity_per_week": (500.0, 1500.0, 500.0),
            "material_cost": (40.0, 48.0, 4.0),
            "operating_expense_per_week": (24000.0, 36000.0, 6000.0),
        },
        "plot_capacity_value": lambda: {"value": dl.capacity_value("B")},
        "plot_internal_fixes": lambda: {
            "search": dl.search_internal_fixes(
                efficiency=(0.5, 1.0, 0.25), capacity_per_week=(500.0, 1500.0, 500.0)
            )
        },
        "plot_profit_gap": lambda: _factories(),
        "plot_year": lambda: {**_factories(), "week": 10},
        "scoreboard": lambda: _factories(),
        # lesson 02
        "takt_time": lambda: {"available_time": 450.0, "demand": 50.0},
        "simulate_funnel": lambda: {"weeks": 4, "seed": 1},
        "funnel_explorer": lambda: {"weeks": 4, "seed": 1},
        "plot_funnel": lambda: {"result": dl.simulate_funnel(weeks=4, seed=1)},
        "plot_level_vs_chase": lambda: {"plan": dl.level_vs_chase()},
        "plot_line_balance": lambda: {"balance": dl.line_balance()},
        "plot_factory_vs_funnel": lambda: {"comparison": dl.factory_vs_funnel(shifts=5)},
        "plot_plant_paced_sales": lambda: {"plant": dl.plant_paced_sales()},
        # lesson 03
        "dice_game": lambda: dict(small_dice),
        "dice_game_explorer": lambda: dict(small_dice),
        "dice_game_replications": lambda: {**small_dice, "replications": 20},
        "plot_dice_game": lambda: {"result": dl.dice_game(rounds=5), "round_number": 2},
        "plot_dice_replications": lambda: {
            "*": [dl.dice_game_replications(rounds=5, replications=20)]
        },
        "laws_of_the_line": lambda: {**small_line, "max_wip": 4, "jobs_per_point": 300},
        "laws_of_the_line_explorer": lambda: {**small_line, "max_wip": 4},
        "plot_laws_of_the_line": lambda: {
            "laws": dl.laws_of_the_line(max_wip=4, jobs_per_point=300)
        },
        "little_check": lambda: {
            "result": dl.simulate_line([1.0, 1.0], arrival_rate=0.5, n_jobs=300, seed=1)
        },
        "push_vs_conwip": lambda: {
            **small_line,
            "wip_cap": 3,
            "replications": 2,
            "jobs_per_run": 300,
        },
        "push_vs_conwip_explorer": lambda: {**small_line, "wip_cap": 3},
        "plot_push_vs_conwip": lambda: {
            "race": dl.push_vs_conwip(replications=2, jobs_per_run=300)
        },
        "vut_curve": lambda: {
            "cvs": [1.0],
            "sim_utilisations": [0.5],
            "replications": 2,
            "jobs_per_run": 300,
        },
        "plot_vut_curve": lambda: {
            "vut": dl.vut_curve(cvs=[1.0], sim_utilisations=[0.5], replications=2, jobs_per_run=300)
        },
        "queue_summary": lambda: {"utilisation": 0.5, "cv": 1.0},
        "forecast_vs_pull": lambda: {"days": 100, "seed": 1},
        "forecast_vs_pull_explorer": lambda: {"seed": 1},
        "plot_forecast_vs_pull": lambda: {"cmp": dl.forecast_vs_pull(days=100), "show_days": 50},
        "pull_in_sales": lambda: {
            "stage_days": [1.0, 2.0],
            "wip_cap": 3,
            "abandon_per_stage": [0.0, 0.2],
            "replications": 1,
            "jobs_per_run": 300,
            "seed": 1,
        },
        "pull_in_sales_explorer": lambda: {"stage_days": [1.0, 2.0], "wip_cap": 3, "seed": 1},
        "plot_pull_in_sales": lambda: {
            "sales": dl.pull_in_sales(abandon_per_stage=[0, 0.2], replications=1, jobs_per_run=300),
            "highlight": 0.2,
        },
        # lesson 04
        "classify_offering": lambda: {
            "name": "roast beef",
            **next(iter(dl.essay_offerings().values())),
        },
        "plot_cloud": lambda: {"cloud": next(iter(dl.example_clouds().values()))},
        "save_cloud": lambda: {
            "cloud": next(iter(dl.example_clouds().values())),
            "path": _scratch_file(),
            "overwrite": True,
        },
        "load_cloud": lambda: {"path": _saved_cloud()},
        "cloud_builder": lambda: {"path": _scratch_file()},
        "show_example_cloud": lambda: {"name": "takt in sales"},
        "plot_buffet": lambda: {"result": dl.buffet()},
        "plot_loss_leader": lambda: {"result": dl.loss_leader()},
        "product_mix": lambda: {**dl.pq_problem(), "rule": "toc"},
        "plot_product_mix": lambda: {"results": [dl.product_mix(**dl.pq_problem())]},
        # lesson 05
        "simulate_gtm": lambda: {"steering": 0.5, "months": 12},
        "plot_gtm": lambda: {"result": dl.simulate_gtm(1.0, months=6)},
        "plot_gtm_waste": lambda: {
            "*": [dl.simulate_gtm(0.0, months=6), dl.simulate_gtm(1.0, months=6)]
        },
        "plot_referral_loop": lambda: {"*": [dl.simulate_gtm(0.0, months=6)]},
        "onboarding_queue": lambda: {"customers_per_month": 40, "onboarding_hours": 14.3},
        "pooling_experiment": lambda: dict(_SMALL_POOL),
        "pooling_sweep": lambda: {"loads": [0.5, 0.8], **_SMALL_POOL},
        "pooling_summary": lambda: dict(_SMALL_POOL),
        "plot_pooling": lambda: {"results": [dl.pooling_experiment(0.8, **_SMALL_POOL)]},
        # the room plays (issue 28)
        "play_team": lambda: {"decisions": [_GAME_ROUND]},
        "plot_room_game": lambda: {
            "run": dl.play_team([_GAME_ROUND] * 2),
            "department": "cs",
            "local_target": 4.0,
            "end_to_end_target": 150.0,
            "rounds": 8,
            "show_customer": True,
        },
        "room_game": lambda: {"department": "sales", "rounds": 2},
        "room_game_summary": lambda: {"rounds": 2},
    }


# one round's decisions of the room game, every department
_GAME_ROUND = {
    "marketing": {"leads_per_month": 300},
    "sales": {"approach": "push", "discount_percent": 15},
    "cs": {"onboarding_hours": 8},
}
# lesson 05's pooling experiment, small enough to call hundreds of times
_SMALL_POOL = {"onboarding_hours": 10.0, "customers": 1_000, "replications": 2}


def _factories() -> dict:
    return {
        "a": dl.simulate_factory(**dl.factory_scenario("A")),
        "b": dl.simulate_factory(**dl.factory_scenario("B")),
    }


_SCRATCH = tempfile.mkdtemp(prefix="demandlab-fuzz-")


def _scratch_file() -> str:
    return tempfile.mktemp(suffix=".json", dir=_SCRATCH)


def _saved_cloud() -> str:
    path = _scratch_file()
    dl.save_cloud(next(iter(dl.example_clouds().values())), path)
    return path


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


def check_call(name: str, kwargs: dict, param: str, shown: object = None) -> None:
    """Call ``name`` with ``kwargs`` ("*" holds positional arguments) whose ``param`` is
    hostile; accept a clean result or an error that names ``param``."""
    func = getattr(dl, name)
    CASES[name] += 1
    kwargs = dict(kwargs)
    args = kwargs.pop("*", [])
    shown = kwargs.get(param) if shown is None else shown
    try:
        result = func(*args, **kwargs)
    except (ValueError, TypeError) as err:
        message = str(err)
        # A length mismatch may be reported against the other array of the pair.
        mismatch = re.search(r"length|per station|one value per|one per|same number|match", message)
        names_other = mismatch and any(p in message for p in kwargs if p != param)
        assert param in message or param.replace("_", " ") in message or names_other, (
            f"{name}({param}={shown!r:.80}) raised {type(err).__name__} without naming "
            f"{param!r}: {message}"
        )
        return
    nan_at = list(_nan_paths(result))
    assert not nan_at, f"{name}({param}={shown!r:.80}) returned a silent NaN at {nan_at}"


BASELINES = _baselines()
FUNCTIONS = sorted(n for n in dl.__all__ if inspect.isfunction(getattr(dl, n)))
MIN_CASES = 20  # hostile calls per function that takes arguments
UNKNOWN_SETTING = "no_such_setting"  # a keyword a **settings function must refuse by name


@pytest.fixture(scope="module", autouse=True)
def fuzz_report():
    """After this file's tests, whichever ran and in whatever order, record how many
    hostile cases each function met (artifacts/fuzz-report.json)."""
    yield
    tried = {name: CASES[name] for name in sorted(BASELINES) if CASES[name]}
    out = ROOT / "artifacts" / "fuzz-report.json"
    out.parent.mkdir(exist_ok=True)
    if os.environ.get("PYTEST_XDIST_WORKER"):  # two workers each fuzz some functions: merge
        try:
            tried = {**json.loads(out.read_text())["per_function"], **tried}
        except (OSError, ValueError, KeyError):
            pass
    total = sum(tried.values())
    out.write_text(json.dumps({"total_cases": total, "per_function": tried}, indent=1))
    print(f"\nfuzz: {total} cases over {len(tried)} public functions")


def test_every_public_function_is_fuzzed():
    missing = [n for n in FUNCTIONS if n not in BASELINES]
    assert not missing, f"write a valid baseline call in tests/test_fuzz.py for: {missing}"


@pytest.mark.parametrize("name", sorted(BASELINES))
def test_baseline_calls_are_valid(name):
    kwargs = BASELINES[name]()
    result = getattr(dl, name)(*kwargs.pop("*", []), **kwargs)
    assert not list(_nan_paths(result))


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(data=st.data())
def fuzz_one(name: str, data) -> None:
    """One hostile call of ``name`` per example: one argument replaced by a hostile value."""
    kwargs = BASELINES[name]()
    signature = inspect.signature(getattr(dl, name)).parameters.values()
    named = [p.name for p in signature if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
    star = [p.name for p in signature if p.kind == p.VAR_POSITIONAL]
    choices = named + star
    if any(p.kind == p.VAR_KEYWORD for p in signature):
        # **settings: vary those the baseline gives, and one that no function knows
        choices += [k for k in kwargs if k != "*" and k not in choices] + [UNKNOWN_SETTING]
    if not choices:
        CASES[name] += 1
        getattr(dl, name)(**kwargs)
        return
    param = data.draw(st.sampled_from(choices), label="parameter")
    value = data.draw(HOSTILE, label=param)
    if param in star:  # replace one of the positional results
        args = list(kwargs.get("*", [None]))
        args[data.draw(st.integers(0, len(args) - 1), label="position")] = value
        kwargs["*"] = args
    else:
        kwargs[param] = value
    check_call(name, kwargs, param, shown=value)


@pytest.mark.parametrize("name", sorted(BASELINES))
def test_hostile_argument_gives_a_result_or_a_clear_error(name):
    """Each function meets at least MIN_CASES hostile calls (one, if it takes no argument:
    then there is nothing to vary and Hypothesis stops after the first)."""
    before = CASES[name]
    fuzz_one(name)
    tried = CASES[name] - before
    takes_arguments = bool(inspect.signature(getattr(dl, name)).parameters)
    assert tried >= (MIN_CASES if takes_arguments else 1), f"{name}: only {tried} cases tried"


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
