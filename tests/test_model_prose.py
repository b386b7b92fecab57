"""No model builds an English sentence (issue 27): models return numbers, each lesson's
report.py turns them into sentences and tables.

A model file may still hold words where it checks its input (the error names the parameter,
the value and what is allowed): strings inside ``raise`` and arguments to the input checks
(names imported from a ``checks`` or ``inputs`` module, ``checks.x``, an ``...Error``, a local
helper whose first parameter is ``name``, an ``allowed = ...`` text) are not prose. Everything
else counts: a string literal, or an f-string's literal part, holding two words or more (a
space and a word of letters). Docstrings are not code.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "demandlab"
WORD = re.compile(r"[A-Za-z]{2,}")


def model_files() -> list[str]:
    found = [*SRC.glob("*/model.py"), *SRC.glob("*/model/**/*.py")]
    return sorted(str(p.relative_to(SRC)) for p in found)


def _check_names(tree: ast.Module) -> set[str]:
    """Functions that check input: imported from a checks/inputs module, or defined here with
    a first parameter ``name`` (``def amount(name, value)``)."""
    names = {"InputError", "ValueError", "TypeError", "refuse"}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and re.search(r"(checks|inputs)$", node.module or ""):
            names |= {a.asname or a.name for a in node.names}
        if isinstance(node, ast.FunctionDef) and node.args.args[:1]:
            if node.args.args[0].arg == "name":
                names.add(node.name)
    return names


def _is_check(call: ast.Call, checks: set[str]) -> bool:
    """A call to an input check: a check name, ``checks.x``/``inputs.x``, or an error."""
    f = call.func
    if isinstance(f, ast.Attribute):
        owner = f.value.id if isinstance(f.value, ast.Name) else ""
        return owner.lstrip("_") in ("checks", "inputs") or f.attr.endswith("Error")
    return isinstance(f, ast.Name) and (f.id in checks or f.id.endswith("Error"))


def _allowed_text(node: ast.AST) -> bool:
    """``allowed = "..."``: what an input check will say is allowed."""
    return isinstance(node, ast.Assign) and any(
        isinstance(t, ast.Name) and t.id == "allowed" for t in node.targets
    )


def _words(text: str) -> bool:
    """Two words or more: a space inside the text and a word of letters."""
    return " " in text.strip() and bool(WORD.search(text))


def prose(source: str) -> list[str]:
    """Every sentence-building string in ``source``, as ``"line N: text"``."""
    tree = ast.parse(source)
    checks = _check_names(tree)
    skip: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and body:
            first = body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                skip.add(id(first.value))  # a docstring
        exempt = isinstance(node, ast.Raise) or _allowed_text(node)
        exempt = exempt or (isinstance(node, ast.Call) and _is_check(node, checks))
        if exempt:
            skip |= {id(sub) for sub in ast.walk(node)}
    found = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.JoinedStr):
            skip |= {id(v) for v in node.values}
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
            if _words(text):
                found.append(f"line {node.lineno}: f-string {text!r}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if _words(node.value):
                found.append(f"line {node.lineno}: {node.value!r}")
    return found


def test_the_rule_catches_a_sentence_and_spares_an_input_check():
    """The canary: the rule can fail."""
    model = (
        "from ..checks import in_range\n"
        "def run(x):\n"
        '    """A docstring is not prose."""\n'
        '    x = in_range("units (each week)", x, 0, 10)\n'
        "    if x > 9:\n"
        '        raise ValueError(f"x must be at most 9, got {x}")\n'
        '    label = f"{x:.0f} units sold"\n'
        '    return x, label, "made to order", "key"\n'
    )
    assert prose(model) == [
        "line 7: f-string ' units sold'",
        "line 8: 'made to order'",
    ]


def test_the_walk_finds_every_lessons_models():
    files = model_files()
    assert {"factory/model/simulation.py", "start/model.py", "dice/model.py"} <= set(files)
    assert len(files) >= 30


@pytest.mark.parametrize("path", model_files())
def test_no_model_builds_a_sentence(path):
    found = prose((SRC / path).read_text(encoding="utf-8"))
    assert not found, f"{path} builds prose (move it to the lesson's report.py):\n" + "\n".join(
        found
    )
