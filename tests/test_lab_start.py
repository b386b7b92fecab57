"""`make lab` (tools/lab.py and the Makefile's install step): a few lines, the URL last,
and the error that matters when something is broken (issue 29).

Each test starts at most one short-lived real JupyterLab on a free port, with every Jupyter
directory in a temp dir, and stops it by its PID; none starts a second full install.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, load_file
from tests.isolated import as_a_user

LAB = ROOT / "tools" / "lab.py"
URL = re.compile(
    r"^http://127\.0\.0\.1:(\d+)/lab/tree/notebooks/00-start-here\.ipynb\?token=[0-9a-f]{48}$"
)
MAX_LINES = 25  # one terminal screen
# `make lab`'s own lines before tools/lab.py on a fresh clone (environment, install).
MAKE_LINES = 2


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(tmp_path: Path, **extra: str) -> dict:
    """No display (as on a server or in CI), every Jupyter directory in ``tmp_path``."""
    env = {
        k: v for k, v in as_a_user(os.environ).items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")
    }
    env.update(
        HOME=str(tmp_path),
        JUPYTER_CONFIG_DIR=str(tmp_path / "config"),
        JUPYTER_DATA_DIR=str(tmp_path / "data"),
        JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
        JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "workspaces"),
        IPYTHONDIR=str(tmp_path / "ipython"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        NPM_CONFIG_CACHE=str(tmp_path / "npm"),
        JUPYTER_PLATFORM_DIRS="1",
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.update(extra)
    return env


def _lab(tmp_path: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(LAB), "--log", str(tmp_path / "jupyterlab.log"), *args],
        capture_output=True,
        text=True,
        timeout=180,
        env=env or _env(tmp_path),
        cwd=ROOT,
    )


@pytest.mark.server
def test_a_real_start_prints_a_few_lines_and_the_url_last(tmp_path):
    port = _free_port()
    out = _lab(tmp_path, "--port", str(port), "--stop-when-ready")
    assert out.returncode == 0, out.stdout + out.stderr
    lines = out.stdout.splitlines()
    assert len(lines) + MAKE_LINES <= MAX_LINES, out.stdout
    last = URL.match(lines[-1])
    assert last and int(last.group(1)) == port, f"the last line is not the URL: {lines[-1]!r}"
    assert out.stderr == "", out.stderr
    # No raw shell text, no server chatter: that went to the log, which proves it existed.
    for noise in ("$(", "allow-root", "Skipped non-installed", "ServerApp]", "jupyter_lsp"):
        assert noise not in out.stdout, f"{noise!r} in make lab's output:\n{out.stdout}"
    log = (tmp_path / "jupyterlab.log").read_text()
    assert "Jupyter Server" in log and "is running at" in log
    # Without a display it says how to open the URL, instead of opening nothing silently.
    assert "No desktop browser here" in out.stdout
    assert f"ssh -L {port}:localhost:{port}" in out.stdout


@pytest.mark.server
def test_a_broken_environment_shows_the_error_that_matters(tmp_path):
    """A jupyterlab that cannot import: the server's own error reaches the terminal."""
    fake = tmp_path / "broken" / "jupyterlab"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("raise ImportError('canary: jupyterlab broken on purpose')\n")
    (fake / "__main__.py").write_text("import jupyterlab\n")
    env = _env(tmp_path, PYTHONPATH=str(fake.parent))
    out = _lab(tmp_path, "--port", str(_free_port()), "--stop-when-ready", env=env)
    assert out.returncode == 1, out.stdout
    assert "error: JupyterLab exited with code 1" in out.stdout
    assert "canary: jupyterlab broken on purpose" in out.stdout
    assert len(out.stdout.splitlines()) <= MAX_LINES
    assert not URL.search(out.stdout.splitlines()[-1])


@pytest.mark.server
def test_a_taken_port_is_refused_with_the_fix(tmp_path):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        out = _lab(tmp_path, "--port", str(port), "--stop-when-ready")
    assert out.returncode == 1
    assert out.stdout.splitlines() == [
        f"error: port {port} on 127.0.0.1 is not free (Address already in use).",
        f"       Another JupyterLab may use it: stop it, or run make lab PORT={port + 1}",
    ]


def test_a_bad_port_is_named(tmp_path):
    out = _lab(tmp_path, "--port", "70000")
    assert out.returncode == 2
    assert out.stdout.strip() == "error: PORT must be a number from 1 to 65535, got 70000"


@pytest.mark.server
@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_a_failed_install_shows_pips_error_not_its_progress(tmp_path):
    """`make lab` into a new environment with no package index: pip's own error is shown,
    its progress is in the log. (The venv is real; the install fails at its first package.)"""
    venv = tmp_path / "venv"
    env = _env(
        tmp_path,
        PIP_NO_INDEX="1",
        PIP_FIND_LINKS="",
        PIP_CONFIG_FILE=os.devnull,
        PIP_NO_CACHE_DIR="1",
        UV="",  # pip, as on a learner's machine: CI's uv (Makefile) reads no PIP_* setting
    )
    out = subprocess.run(
        ["make", "--no-print-directory", "lab", f"VENV={venv}", f"PY={sys.executable}"],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        cwd=ROOT,
    )
    text = out.stdout + out.stderr
    assert out.returncode != 0, text
    lines = out.stdout.splitlines()
    assert lines[0] == f"demandlab: creating the Python environment in {venv} ..."
    assert lines[1].startswith("demandlab: installing the course's packages")
    assert f"error: installing the course's packages failed. The end of {venv}/install.log:" in (
        out.stdout
    )
    assert "No matching distribution found for" in out.stdout, text  # pip's reason
    assert len(lines) <= MAX_LINES, text
    assert "Collecting" not in out.stdout.split("failed.")[0]  # progress stayed in the log
    assert (venv / "install.log").exists() and not (venv / ".lab-installed").exists()


def _lab_module():
    return load_file("lab_starter", LAB)


def test_the_desktop_browser_opens_where_a_display_exists(monkeypatch, tmp_path):
    lab = _lab_module()
    launched = []
    monkeypatch.setattr(lab.sys, "platform", "linux")
    monkeypatch.setattr(lab.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(lab.subprocess, "Popen", lambda cmd, **kw: launched.append((cmd, kw)))
    monkeypatch.setenv("DISPLAY", ":0")
    said = lab.open_browser("http://127.0.0.1:8888/lab?token=abc")
    assert said.startswith("Opening the course in your browser")
    assert launched == [
        (
            ["xdg-open", "http://127.0.0.1:8888/lab?token=abc"],
            {
                "stdin": subprocess.DEVNULL,
                "stdout": subprocess.DEVNULL,
                "stderr": subprocess.DEVNULL,
                "start_new_session": True,
            },
        )
    ]
    # No display (a server, CI): nothing is launched, and the sentence says what to do.
    monkeypatch.delenv("DISPLAY")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert lab.open_browser("http://127.0.0.1:8888/lab").startswith("No desktop browser here")
    assert len(launched) == 1
