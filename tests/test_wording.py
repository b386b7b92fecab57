"""Models return numbers; each lesson's report is the one place prose is built (issue 27).

A result keeps its methods that return text (``result.summary()``, ``cloud.read_aloud()``,
``print(plan)``) by declaring them ``@formatting.worded`` in the model; the report writes them
with ``@formatting.writes(Class, "method")``. These tests try to break that:

- no model file imports its report or another layer above it: every import in the file,
  inside functions too, and ``importlib.import_module`` / ``__import__`` (which lint-imports
  cannot see); a canary shows the check fails on a late import;
- every worded method of every class in a model has a writer, from its own lesson's report,
  taking the method's own arguments;
- a method with no writer fails with an error that names the class, the method and the
  report, and ``writes`` refuses a method that is not worded and a second writer;
- a fresh interpreter that imports only a model module gets the words (the lesson's package
  imports its report).
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import pydoc
import subprocess
import sys
from pathlib import Path

import pytest

import demandlab
from demandlab import formatting
from demandlab.cloud.model import EvaporatingCloud
from demandlab.formatting import NoWriterError, worded, worded_methods, writer, writes
from demandlab.gtm.model import GtmPlan, GtmResult, simulate_gtm
from tests.conftest import ROOT

SRC = ROOT / "src" / "demandlab"
ABOVE_MODEL = ("report", "summaries", "figures", "widgets")  # a lesson's layers above its model
DYNAMIC = {"import_module", "__import__"}

# The 14 methods that once imported the report late (issue 27): each must stay worded.
WORDED = {
    "demandlab.gtm.model.result.GtmResult": {"label", "summary"},
    "demandlab.gtm.model.plan.GtmPlan": {"steps", "message", "__str__"},
    "demandlab.gtm.model.queue.OnboardingQueue": {"__str__"},
    "demandlab.gtm.model.pooling.PoolingResult": {"__str__"},
    "demandlab.gtm.model.designs.DesignComparison": {"winners", "table", "__str__"},
    "demandlab.gtm.model.assumptions.VerdictSweep": {"__str__"},
    "demandlab.cloud.model.diagram.EvaporatingCloud": {"problems", "read_aloud", "to_markdown"},
}


# --------------------------------------------------------------------------- no upward import


def model_files(root: Path) -> list[Path]:
    """Every model module under ``root`` (a copy of src/demandlab): model.py and model/**."""
    return sorted([*root.glob("*/model.py"), *root.glob("*/model/**/*.py")])


def _imported(node: ast.AST, package: str) -> list[str]:
    """The modules an import statement names, relative ones resolved against ``package``."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    if not isinstance(node, ast.ImportFrom):
        return []
    base = node.module or ""
    if node.level:
        parts = package.split(".")
        up = ".".join(parts[: len(parts) - (node.level - 1)])
        base = f"{up}.{base}" if base else up
    return [base] + [f"{base}.{a.name}" for a in node.names]  # `from .. import report`


def _dynamic(node: ast.AST) -> list[str]:
    """The string arguments of ``importlib.import_module(...)`` or ``__import__(...)``."""
    if not isinstance(node, ast.Call):
        return []
    f = node.func
    name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
    if name not in DYNAMIC:
        return []
    return ["<dynamic> " + a.value for a in node.args if isinstance(a, ast.Constant)]


def upward_imports(root: Path) -> list[str]:
    """Every import, anywhere in a model file under ``root``, of its lesson's report (or
    another layer above the model), as ``"gtm/model/result.py:215 demandlab.gtm.report"``.
    A dynamic import counts whatever it names: models import nothing by name at run time."""
    found = []
    for path in model_files(root):
        rel = path.relative_to(root)
        package = ".".join((root.name, *rel.parent.parts))  # model.py: demandlab.<lesson>
        lesson = f"{root.name}.{rel.parts[0]}"
        above = tuple(f"{lesson}.{layer}" for layer in ABOVE_MODEL)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = [
                t for t in _imported(node, package) if t in above or t.startswith(above_dot(above))
            ] + _dynamic(node)
            if targets:  # one line per import statement: the module it names first
                found.append((str(rel), node.lineno, targets[0]))
    return [f"{rel}:{line} {target}" for rel, line, target in sorted(found)]


def above_dot(above: tuple[str, ...]) -> tuple[str, ...]:
    """Prefixes of the modules inside the layers above: ``demandlab.gtm.report.``, ..."""
    return tuple(a + "." for a in above)


def test_no_model_imports_its_report():
    found = upward_imports(SRC)
    assert not found, (
        "a model imports a layer above it (declare the method @formatting.worded and write "
        "it in the report with @formatting.writes):\n" + "\n".join(found)
    )


def test_the_walk_finds_every_lessons_models():
    walked = {str(p.relative_to(SRC)) for p in model_files(SRC)}
    assert {"start/model.py", "gtm/model/result.py", "cloud/model/diagram.py"} <= walked
    assert len(walked) >= 30


def test_the_check_catches_a_late_import_and_spares_the_rest(tmp_path):
    """The canary: a copy of a lesson whose model imports its report inside a method (and in
    three other ways) fails; imports of the scenario, the checks and formatting pass."""
    root = tmp_path / "demandlab"
    model = root / "gtm" / "model"
    model.mkdir(parents=True)
    (model / "result.py").write_text(
        "from ...formatting import worded\n"
        "from ..scenario import GtmScenario\n"
        "from . import steps\n"
        "class GtmResult:\n"
        "    def summary(self):\n"
        "        from ..report import result_summary  # late\n"
        "        return result_summary(self)\n"
        "    def table(self):\n"
        "        from .. import report\n"
        "        import demandlab.gtm.figures\n"
        "        return importlib.import_module('demandlab.gtm.report')\n",
        encoding="utf-8",
    )
    (root / "start").mkdir()
    (root / "start" / "model.py").write_text(
        "from .scenario import X\nfrom .widgets import slider\n", encoding="utf-8"
    )
    assert upward_imports(root) == [
        "gtm/model/result.py:6 demandlab.gtm.report",
        "gtm/model/result.py:9 demandlab.gtm.report",
        "gtm/model/result.py:10 demandlab.gtm.figures",
        "gtm/model/result.py:11 <dynamic> demandlab.gtm.report",
        "start/model.py:2 demandlab.start.widgets",
    ]


# --------------------------------------------------------------------------- every method written


def model_classes() -> list[type]:
    """Every class defined in a module of a lesson's model (imported through the package)."""
    found = []
    for info in pkgutil.walk_packages(demandlab.__path__, "demandlab."):
        parts = info.name.split(".")
        if len(parts) < 3 or parts[2] != "model":
            continue
        module = importlib.import_module(info.name)
        for obj in vars(module).values():
            if inspect.isclass(obj) and obj.__module__ == info.name:
                found.append(obj)
    return found


def _own_arguments(func) -> list[tuple]:
    """A method's or writer's parameters after the first (the object), as comparable rows."""
    params = list(inspect.signature(func).parameters.values())[1:]
    return [(p.name, p.kind, p.default) for p in params]


def test_every_worded_method_has_its_reports_writer():
    classes = model_classes()
    declared = {
        f"{cls.__module__}.{cls.__qualname__}": set(worded_methods(cls))
        for cls in classes
        if worded_methods(cls)
    }
    assert declared == WORDED  # the 14, and no worded method the list does not know
    for cls in classes:
        lesson = cls.__module__.split(".model", 1)[0]
        for name in worded_methods(cls):
            words = writer(cls, name)
            assert words.__module__.startswith(lesson + ".report"), (cls, name, words)
            attr = inspect.getattr_static(cls, name)
            stub = attr.fget if isinstance(attr, property) else attr
            assert _own_arguments(stub) == _own_arguments(words), (cls, name, words)


def test_a_worded_method_keeps_its_signature_and_help():
    result = simulate_gtm(steering=1.0)
    assert list(inspect.signature(result.summary).parameters) == ["label"]
    shown = pydoc.render_doc(result.summary, renderer=pydoc.plaintext)
    assert "summary(label: 'str | None' = None) -> 'str'" in shown, shown
    assert "A few short lines: the departments' numbers" in shown, shown
    assert GtmPlan.steps.__doc__.startswith("The chain of requirements")
    assert EvaporatingCloud.read_aloud.__doc__.startswith("The cloud as sentences")
    assert result.summary(label="run") == result.summary("run")
    assert result.summary().startswith(result.label() + ":\n")


# --------------------------------------------------------------------------- clear errors


class Fake:
    """A result of a pretend lesson model: one worded method, no report."""

    __module__ = "demandlab.gtm.model.fake"

    @worded
    def say(self, loud: bool = False) -> str:
        """The fake in words."""


def test_a_method_without_a_writer_names_the_class_method_and_report():
    with pytest.raises(NoWriterError) as caught:
        Fake().say()
    message = str(caught.value)
    assert message.startswith("Fake.say has no words: demandlab.gtm.report writes them"), message
    assert "@formatting.writes(Fake, 'say')" in message
    assert isinstance(caught.value, LookupError)


def test_a_real_result_without_its_report_says_which_report(monkeypatch):
    monkeypatch.setattr(formatting, "_WRITERS", {})
    with pytest.raises(NoWriterError, match=r"^GtmResult\.summary has no words: demandlab\.gtm\."):
        simulate_gtm(steering=1.0).summary()
    with pytest.raises(NoWriterError, match=r"^EvaporatingCloud\.read_aloud .* demandlab\.cloud\."):
        EvaporatingCloud().read_aloud()


def test_writes_refuses_an_unworded_method_and_a_second_writer(monkeypatch):
    monkeypatch.setattr(formatting, "_WRITERS", dict(formatting._WRITERS))
    with pytest.raises(TypeError, match=r"GtmResult\.settings is not declared @worded"):
        writes(GtmResult, "settings")
    with pytest.raises(ValueError, match=r"GtmResult\.summary already has its words from "):
        writes(GtmResult, "summary")(lambda result, label=None: "other words")
    assert writer(GtmResult, "summary").__qualname__ == "result_summary"

    class Louder(Fake):
        pass

    writes(Fake, "say")(lambda fake, loud=False: "FAKE" if loud else "fake")
    assert (Fake().say(), Louder().say(loud=True)) == ("fake", "FAKE")  # a subclass inherits


def test_a_fresh_interpreter_gets_the_words_from_the_model_alone():
    """Importing a model module runs its lesson's package, which imports the report."""
    code = (
        "from demandlab.cloud.model.diagram import EvaporatingCloud\n"
        "from demandlab.gtm.model.queue import onboarding_queue\n"
        "print(EvaporatingCloud(goal='Grow').problems()[0])\n"
        "print(onboarding_queue(70, 14.3))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[0].startswith("Box B (a need) is empty"), run.stdout
    assert "the onboarding queue grows without end" in run.stdout, run.stdout
