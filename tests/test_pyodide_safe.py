"""The course package runs in Pyodide (the JupyterLite site): a static check of lesson code.

Pyodide is CPython compiled to WebAssembly, in one browser thread, with an in-memory file
system. What it cannot do (https://pyodide.org/en/stable/usage/wasm-constraints.html), and
so what lesson code paths (src/demandlab, except tools.py, the command line) must not use:

- THREADS: ``threading``/``_thread`` and ``concurrent.futures`` (no threads to start);
- PROCESSES: ``multiprocessing``, ``subprocess``, ``os.system``/``popen``/``fork``/``spawn*``/
  ``exec*`` (no processes);
- SOCKETS: ``socket``, ``socketserver``, ``http.server``, ``urllib.request``, ``http.client``
  (no raw sockets; a browser only fetches);
- WRITES OUTSIDE THE WORKING FOLDER: an absolute or home path literal (``"/tmp/x"``,
  ``"~/x"``), ``Path.home()``, or a ``tempfile`` call without ``dir=``. (``expanduser`` on a
  path the learner typed is fine: it only honours their own ``~``.) In
  JupyterLite the working folder is the participant's browser storage; anything else is lost
  memory, or missing.

The checker is an AST walk, so it sees imports and calls, not strings passed to ``eval``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "src" / "demandlab"
EXEMPT = {
    PACKAGE / "tools.py",  # the command line: runs on a real machine, never in a lesson
    # The live room's client: it opens a connection only when a JupyterHub gave the server
    # DEMANDLAB_ROOM_URL, which never happens in JupyterLite (tests/test_room.py proves that
    # without it nothing touches the network).
    PACKAGE / "room_client.py",
}

BANNED_MODULES = {
    "threading": "THREADS",
    "_thread": "THREADS",
    "concurrent.futures": "THREADS",
    "multiprocessing": "PROCESSES",
    "subprocess": "PROCESSES",
    "socket": "SOCKETS",
    "socketserver": "SOCKETS",
    "http.server": "SOCKETS",
    "http.client": "SOCKETS",
    "urllib.request": "SOCKETS",
}
OS_PROCESS_CALLS = {"system", "popen", "fork", "forkpty", "execv", "execve", "execvp", "execl"}
TEMPFILE_CALLS = {"mkstemp", "mkdtemp", "NamedTemporaryFile", "TemporaryFile", "TemporaryDirectory"}


def _banned(module: str) -> str | None:
    for name, rule in BANNED_MODULES.items():
        if module == name or module.startswith(name + "."):
            return rule
    return None


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


def violations(source: str, filename: str = "<snippet>") -> list[str]:
    """Every use of something Pyodide cannot run, as 'file:line RULE what'."""
    found = []

    def flag(node: ast.AST, rule: str, what: str) -> None:
        found.append(f"{filename}:{node.lineno} {rule} {what}")

    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if rule := _banned(alias.name):
                    flag(node, rule, f"import {alias.name}")
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            if rule := next(filter(None, map(_banned, names)), None):
                flag(node, rule, f"from {node.module} import ...")
        elif isinstance(node, ast.Call):
            name = _dotted(node.func)
            if name.startswith("os.") and (
                name[3:] in OS_PROCESS_CALLS or name[3:].startswith("spawn")
            ):
                flag(node, "PROCESSES", name)
            elif name.endswith("Path.home"):
                flag(node, "WRITES OUTSIDE THE WORKING FOLDER", name)
            elif name.startswith("tempfile.") and name[9:] in TEMPFILE_CALLS:
                if not any(k.arg == "dir" for k in node.keywords):
                    flag(node, "WRITES OUTSIDE THE WORKING FOLDER", f"{name} without dir=")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
            if (
                text.startswith(("/tmp", "/home", "/root", "/var", "/etc", "~/"))
                and "\n" not in text
            ):
                flag(node, "WRITES OUTSIDE THE WORKING FOLDER", f"path {text!r}")
    return found


def lesson_files() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p not in EXEMPT)


def test_lesson_code_runs_in_pyodide():
    files = lesson_files()
    assert len(files) > 5, f"found only {files} under {PACKAGE}"
    found = [v for p in files for v in violations(p.read_text(), str(p.relative_to(ROOT)))]
    assert not found, "code that cannot run in Pyodide (JupyterLite):\n" + "\n".join(found)


CANARY = """\
import threading
from concurrent.futures import ThreadPoolExecutor
import multiprocessing as mp
from subprocess import run
import socket
from urllib.request import urlopen
import os, tempfile
from pathlib import Path
os.system("ls")
os.spawnl(0, "x")
out = Path.home() / "results.json"
tmp = tempfile.mkdtemp()
open("/tmp/scores.csv", "w")
"""


@pytest.mark.parametrize(
    "rule, count",
    [("THREADS", 2), ("PROCESSES", 4), ("SOCKETS", 2), ("WRITES OUTSIDE THE WORKING FOLDER", 3)],
)
def test_checker_catches_the_canary(rule, count):
    """Each rule fires on a snippet that breaks it, so the clean result above means something."""
    found = [v for v in violations(CANARY) if f" {rule} " in v]
    assert len(found) == count, found


def test_checker_allows_what_lessons_do():
    ok = """\
import json, tempfile
from pathlib import Path
def save(cloud, path):
    path = Path(path)
    with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False) as f:
        json.dump(cloud, f)
    Path(f.name).replace(path)
"""
    assert violations(ok) == []
