"""Binder, verified offline: repo2docker's generated Dockerfile uses our pins and postBuild."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def repo2docker_dockerfile() -> str:
    exe = Path(sys.executable).with_name("jupyter-repo2docker")
    if not exe.exists():
        exe = shutil.which("jupyter-repo2docker")
    assert exe, (
        "jupyter-repo2docker is not installed (it is pinned in binder/requirements-test.txt)"
    )
    # --no-build only prints the Dockerfile; nothing is built, pulled or pushed.
    out = subprocess.run(
        [str(exe), "--no-build", "--debug", str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "DOCKER_HOST": "unix:///nonexistent"},
    )
    assert out.returncode == 0, f"repo2docker failed:\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}"
    return out.stdout + out.stderr


@pytest.fixture(scope="module")
def dockerfile() -> str:
    return repo2docker_dockerfile()


def test_binder_installs_the_pinned_requirements(dockerfile):
    assert re.search(r'pip install .*-r "?binder/requirements\.txt', dockerfile), dockerfile[-2000:]


def test_binder_runs_post_build(dockerfile):
    assert "./binder/postBuild" in dockerfile


def test_binder_uses_the_pinned_python(dockerfile):
    version = (ROOT / "binder" / "runtime.txt").read_text().strip().removeprefix("python-")
    assert f"python={version}" in dockerfile or f"python{version}" in dockerfile


def test_post_build_installs_the_package_without_touching_pins():
    text = (ROOT / "binder" / "postBuild").read_text()
    assert os.access(ROOT / "binder" / "postBuild", os.X_OK), "binder/postBuild must be executable"
    assert re.search(r"pip install --no-deps .*\.", text), "postBuild must install the package"
    assert "requirements-test" not in text, "Binder must not install the test tools"
