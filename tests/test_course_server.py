"""demandlab_server.CourseContentsManager: a lesson opens without JupyterLab's unsaved-changes dot.

JupyterLab writes the kernel's ``language_info`` into a notebook when its kernel connects;
lessons store only ``{"name": "python"}`` (the version differs per machine), so that write
marked every lesson as changed on open (issue 29). The server now serves the notebook with the
keys its own kernel reports. tests/browser/test_first_minutes.py checks the dot in a browser.
"""

from __future__ import annotations

import asyncio
import json
import sys

import pytest

import demandlab_server
from demandlab_server import CourseContentsManager, fill_language_info, kernel_language_info
from tests.conftest import ROOT
from tests.isolated import run_python

LESSON = "notebooks/00-start-here.ipynb"


def _kernel_reports() -> dict:
    """The language_info a python3 kernel of this environment sends (its kernel_info_reply)."""
    from ipykernel.ipkernel import IPythonKernel

    return json.loads(json.dumps(IPythonKernel.language_info))


def _get(path: str, root=ROOT) -> dict:
    cm = CourseContentsManager(root_dir=str(root))
    return asyncio.run(cm.get(path))


def test_a_lesson_is_served_with_what_its_kernel_reports():
    on_disk = json.loads((ROOT / LESSON).read_text())
    assert on_disk["metadata"]["language_info"] == {"name": "python"}  # what clean writes
    served = _get(LESSON)["content"]["metadata"]
    assert served["language_info"] == _kernel_reports()
    assert served["language_info"]["version"] == sys.version.split()[0]
    assert served["kernelspec"] == on_disk["metadata"]["kernelspec"]
    assert json.loads((ROOT / LESSON).read_text()) == on_disk  # the file is not touched


def test_keys_the_notebook_has_win(tmp_path):
    nb = {"metadata": {"language_info": {"name": "python", "version": "3.0.1"}}, "cells": []}
    (tmp_path / "old.ipynb").write_text(json.dumps({**nb, "nbformat": 4, "nbformat_minor": 5}))
    served = _get("old.ipynb", tmp_path)["content"]["metadata"]["language_info"]
    assert served["version"] == "3.0.1"  # a notebook saved elsewhere still says so
    assert served["mimetype"] == "text/x-python"


def test_other_kernels_and_languages_are_left_alone():
    r_kernel = {"metadata": {"kernelspec": {"name": "ir"}, "language_info": {"name": "R"}}}
    assert fill_language_info(json.loads(json.dumps(r_kernel))) == r_kernel
    other_language = {"metadata": {"language_info": {"name": "julia"}}}
    assert fill_language_info(json.loads(json.dumps(other_language))) == other_language
    # Canary: a python3 notebook does change, so the two checks above can fail.
    assert fill_language_info({"metadata": {}})["metadata"]["language_info"]["name"] == "python"


def test_without_ipykernel_nothing_is_filled(monkeypatch):
    monkeypatch.setattr(demandlab_server, "kernel_language_info", lambda: {})
    nb = {"metadata": {"language_info": {"name": "python"}}}
    assert fill_language_info(nb) == {"metadata": {"language_info": {"name": "python"}}}
    assert kernel_language_info() == _kernel_reports()  # the real one is not empty


def test_the_course_settings_name_it():
    server = json.loads((ROOT / "binder" / "jupyter_server_config.json").read_text())["ServerApp"]
    assert server["contents_manager_class"] == "demandlab_server.CourseContentsManager"


@pytest.mark.server
def test_a_server_started_in_this_environment_uses_it(tmp_path):
    """Read the config files as `make lab`, Binder and the hub's servers do (sys.prefix)."""
    code = (
        "from jupyter_server.serverapp import ServerApp\n"
        "app = ServerApp()\n"
        "app.initialize(argv=['--ServerApp.port=0', '--ServerApp.open_browser=False',"
        " '--allow-root'], find_extensions=False)\n"
        "print(type(app.contents_manager).__module__, type(app.contents_manager).__name__)\n"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "JUPYTER_DATA_DIR": str(tmp_path / "data"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
    }
    out = run_python(code, tmp_path, env)
    assert out.stdout.split()[-2:] == ["demandlab_server", "CourseContentsManager"], out.stdout
