"""The import contracts (pyproject.toml, `lint-imports`) can fail: four wrong imports, each
added to a copy of the package, break the contract written against it, and the untouched copy
passes. Five runs of lint-imports on a copy, about a second each; nothing touches src/."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

SRC = ROOT / "src" / "demandlab"
LINT = Path(sys.executable).with_name("lint-imports")

# (what goes wrong, file it is added to, the wrong import, the contract it must break)
CANARIES = [
    (
        "a model imports plotly",
        "factory/model/__init__.py",
        "import plotly  # canary",
        "Models, scenarios, the engine and checks are pure: no plotly, no widgets",
    ),
    (
        "a lesson imports another lesson",
        "takt/scenario.py",
        "import demandlab.mix.scenario  # canary",
        "The package in layers; lessons side by side import no other lesson",
    ),
    (
        # the late import lesson 05's results once used for summary() (issue 27): no exception
        "a model imports its report inside a method",
        "gtm/model/result.py",
        "def _canary(result):\n    from ..report import result_summary  # canary\n"
        "    return result_summary(result)",
        "Inside a lesson, data flows scenario -> model -> figures and report -> widgets",
    ),
    (
        "room_registry imports the package",
        "room_registry.py",
        "from demandlab import checks  # canary",
        "room_registry is standard library only (the room service loads it as a file)",
    ),
]


def lint_copy(tmp_path: Path, inject: tuple[str, str] | None = None) -> tuple[int, str]:
    """lint-imports over a copy of src/demandlab (with one wrong import added), configured by
    a copy of pyproject.toml: (exit code, output)."""
    shutil.copytree(
        SRC, tmp_path / "src" / "demandlab", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    if inject is not None:
        path = tmp_path / "src" / "demandlab" / inject[0]
        path.write_text(
            path.read_text(encoding="utf-8") + "\n" + inject[1] + "\n", encoding="utf-8"
        )
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "src"), "PYTHONDONTWRITEBYTECODE": "1"}
    run = subprocess.run(
        [str(LINT), "--no-cache", "--no-logo"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return run.returncode, run.stdout + run.stderr


def broken(output: str) -> dict[str, str]:
    """Each broken contract's name -> its section of the report."""
    if "Broken contracts" not in output:
        return {}
    tail = output.split("Broken contracts", 1)[1]
    parts = re.split(r"\n([^\n]+)\n-{5,}\n", tail)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def test_the_untouched_copy_keeps_every_contract(tmp_path):
    code, out = lint_copy(tmp_path)
    assert code == 0, out
    assert re.search(r"Contracts: \d+ kept, 0 broken", out), out


@pytest.mark.parametrize("what, where, line, contract", CANARIES, ids=[c[0] for c in CANARIES])
def test_a_wrong_import_breaks_its_contract(tmp_path, what, where, line, contract):
    code, out = lint_copy(tmp_path, (where, line))
    assert code != 0, f"{what}: lint-imports passed\n{out}"
    sections = broken(out)
    assert contract in sections, f"{what}: {contract!r} not broken\n{out}"
    module = "demandlab." + where.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
    assert module in sections[contract], out


def test_room_registry_imports_the_standard_library_only():
    """What lint-imports cannot say (it forbids listed packages only): every import of the file
    the room service loads is a standard-library module, and none is relative."""
    tree = ast.parse((SRC / "room_registry.py").read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            found.add("." * node.level + (node.module or "").split(".")[0])
    outside = sorted(m for m in found if m not in sys.stdlib_module_names and m != "__future__")
    assert outside == [], outside
