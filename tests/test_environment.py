"""One pinned environment: binder/ pins sit inside pyproject's ranges and agree with each other."""

from __future__ import annotations

import re

import pytest
import tomllib
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

from tests.conftest import ROOT

# What a lesson needs at run time, each pinned exactly in binder/requirements.txt.
LESSON_PACKAGES = {"jupyterlab", "ipywidgets", "jupyterlab-widgets", "plotly", "anywidget", "numpy"}


def read_pins(path) -> dict[str, Version]:
    pins = {}
    for raw in path.read_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        req = Requirement(line)
        specs = list(req.specifier)
        assert len(specs) == 1 and specs[0].operator == "==", (
            f"{path.name}: '{line}' is not an exact pin (use name==version)"
        )
        name = canonicalize_name(req.name)
        assert name not in pins, f"{path.name}: {name} is pinned twice"
        pins[name] = Version(specs[0].version)
    return pins


def pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def ranges(requirements: list[str]) -> dict[str, SpecifierSet]:
    return {canonicalize_name(Requirement(r).name): Requirement(r).specifier for r in requirements}


RUNTIME = ranges(pyproject()["project"]["dependencies"])
EXTRAS = {
    name: spec
    for group in pyproject()["project"]["optional-dependencies"].values()
    for name, spec in ranges(group).items()
}
LAB_PINS = read_pins(ROOT / "binder" / "requirements.txt")
TEST_PINS = read_pins(ROOT / "binder" / "requirements-test.txt")


def test_runtime_dependencies_are_ranges_not_pins():
    for name, spec in RUNTIME.items():
        assert spec, f"pyproject: {name} has no version range"
        assert not any(s.operator in ("==", "===") for s in spec), (
            f"pyproject: {name}{spec} is an exact pin; pins belong in binder/requirements.txt"
        )


@pytest.mark.parametrize("name", sorted(RUNTIME))
def test_every_runtime_dependency_is_pinned_inside_its_range(name):
    assert name in LAB_PINS, f"{name} is a runtime dependency but binder/requirements.txt lacks it"
    assert LAB_PINS[name] in RUNTIME[name], (
        f"binder pin {name}=={LAB_PINS[name]} is outside pyproject's range {RUNTIME[name]}"
    )


def test_lesson_packages_are_pinned():
    missing = LESSON_PACKAGES - set(LAB_PINS)
    assert not missing, f"binder/requirements.txt must pin {sorted(missing)}"


@pytest.mark.parametrize("name", sorted(set(LAB_PINS) | set(TEST_PINS)))
def test_pins_fall_inside_extras_ranges(name):
    pin = TEST_PINS.get(name, LAB_PINS.get(name))
    for spec in (RUNTIME.get(name), EXTRAS.get(name)):
        if spec is not None:
            assert pin in spec, f"pin {name}=={pin} is outside pyproject's range {spec}"


def test_the_two_pin_files_agree_on_shared_packages():
    shared = set(LAB_PINS) & set(TEST_PINS)
    disagree = {
        n: (str(LAB_PINS[n]), str(TEST_PINS[n])) for n in shared if LAB_PINS[n] != TEST_PINS[n]
    }
    assert not disagree, f"binder/requirements.txt and requirements-test.txt disagree: {disagree}"


def test_test_tools_are_pinned():
    for tool in (
        "pytest",
        "nbval",
        "hypothesis",
        "ruff",
        "playwright",
        "jupyter-repo2docker",
        "simpy",
        "pytest-xdist",
        "pytest-timeout",
        "py-spy",
    ):
        assert tool in TEST_PINS, f"binder/requirements-test.txt must pin {tool}"


def test_runtime_python_satisfies_requires_python():
    text = (ROOT / "binder" / "runtime.txt").read_text().strip()
    m = re.fullmatch(r"python-(\d+\.\d+)", text)
    assert m, f"binder/runtime.txt must read like 'python-3.11', got {text!r}"
    requires = SpecifierSet(pyproject()["project"]["requires-python"])
    assert Version(m.group(1)) in requires, f"{text} does not satisfy requires-python {requires}"


def test_pin_checker_rejects_what_it_should(tmp_path):
    """The checks above can fail: an unpinned or ranged line is refused."""
    bad = tmp_path / "requirements.txt"
    bad.write_text("numpy>=2\n")
    with pytest.raises(AssertionError, match="not an exact pin"):
        read_pins(bad)
    bad.write_text("numpy==2.0\nNumPy==2.1\n")
    with pytest.raises(AssertionError, match="pinned twice"):
        read_pins(bad)


def test_installed_versions_match_the_pins():
    """`make test` must really run on the pinned environment, not on whatever is around."""
    from importlib.metadata import PackageNotFoundError, version

    wrong = {}
    for name, pin in {**LAB_PINS, **TEST_PINS}.items():
        try:
            have = Version(version(name))
        except PackageNotFoundError:
            wrong[name] = (str(pin), "not installed")
            continue
        if have != pin:
            wrong[name] = (str(pin), str(have))
    assert not wrong, f"installed versions differ from binder pins (pin, installed): {wrong}"


# The JupyterLite site (lite/README.md): its build tools and the wheels it serves are pinned in
# their own files, and every package they share with the course environment has the same pin.
LITE_TOOL_PINS = read_pins(ROOT / "lite" / "requirements.txt")
LITE_WHEEL_PINS = read_pins(ROOT / "lite" / "wheels.txt")


@pytest.mark.parametrize("pins", [LITE_TOOL_PINS, LITE_WHEEL_PINS], ids=["tools", "wheels"])
def test_lite_pins_agree_with_the_course_environment(pins):
    disagree = {
        n: (str(LAB_PINS[n]), str(pins[n]))
        for n in set(pins) & set(LAB_PINS)
        if pins[n] != LAB_PINS[n]
    }
    assert not disagree, f"lite/ and binder/requirements.txt disagree (binder, lite): {disagree}"


def test_lite_serves_and_bundles_the_course_widgets():
    for name in ("plotly", "anywidget", "ipywidgets", "jupyterlab-widgets"):
        assert name in LITE_WHEEL_PINS, f"lite/wheels.txt must pin {name} (the kernel needs it)"
    for name in ("plotly", "anywidget", "ipywidgets", "jupyterlab-widgets", "widgetsnbextension"):
        assert name in LITE_TOOL_PINS, f"lite/requirements.txt must pin {name} (front end)"
    core = LITE_TOOL_PINS["jupyterlite-core"]
    assert LITE_TOOL_PINS["jupyterlite-pyodide-kernel"] == core, "kernel and core must match"


def test_lite_pyodide_is_pinned_and_locked():
    import json

    wanted = json.loads((ROOT / "lite" / "package.json").read_text())["dependencies"]["pyodide"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", wanted), (
        f"lite/package.json: pyodide {wanted!r} not exact"
    )
    lock = json.loads((ROOT / "lite" / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/pyodide"]["version"] == wanted
