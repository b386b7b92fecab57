"""Each lesson opens with JupyterLab's side panels collapsed (issue 24).

JupyterLab opens the file browser whenever the workspace it restores has no layout; on a
1024-px screen it took a quarter of the width from the lesson. demandlab_server, a server
extension switched on in binder/jupyter_server_config.json (installed the same way for
Binder, `make lab` and the hub's servers), writes the course's first layout as the user's
default workspace when they have none. Here: the seeding itself, that it never replaces a
learner's own layout, and that a real server of this environment does it. The browser suite
checks the result on every lesson's page (tests/browser/test_layout.py, with a canary).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import demandlab_server
from tests.isolated import run_python

ROOT = Path(__file__).resolve().parents[1]


def layout(folder: Path) -> dict:
    (path,) = folder.glob("default-*.jupyterlab-workspace")
    return json.loads(path.read_text())["data"]["layout-restorer:data"]


def test_the_course_layout_collapses_both_side_panels():
    data = demandlab_server.COURSE_WORKSPACE["data"]["layout-restorer:data"]
    assert data["left"]["collapsed"] is True and data["right"]["collapsed"] is True
    assert data["main"] == {"dock": None}  # no notebook restored: the URL opens the lesson


def test_seeding_writes_the_default_workspace_once(tmp_path):
    assert demandlab_server.seed_course_workspace(tmp_path) is True
    assert layout(tmp_path)["left"]["collapsed"] is True
    assert demandlab_server.seed_course_workspace(tmp_path) is False


def test_a_learners_own_layout_is_never_replaced(tmp_path):
    from jupyterlab_server.workspaces_handler import WorkspacesManager

    own = {"layout-restorer:data": {"left": {"collapsed": False, "current": "filebrowser"}}}
    WorkspacesManager(tmp_path).save(
        "default", json.dumps({"data": own, "metadata": {"id": "default"}})
    )
    assert demandlab_server.seed_course_workspace(tmp_path) is False
    assert layout(tmp_path)["left"]["collapsed"] is False


def test_the_shipped_settings_switch_the_extension_on():
    config = json.loads((ROOT / "binder" / "jupyter_server_config.json").read_text())
    assert config["ServerApp"]["jpserver_extensions"]["demandlab_server"] is True


START = """
from jupyter_server.serverapp import ServerApp
app = ServerApp()
app.initialize(argv=["--ServerApp.port=0", "--ServerApp.open_browser=False", "--allow-root"],
               find_extensions=True)
"""


@pytest.mark.server
def test_a_server_of_this_environment_seeds_the_layout(tmp_path):
    """A real ServerApp reading this environment's installed settings (as `make lab`, Binder
    and jupyterhub-singleuser do) loads the extension, which writes the layout into the
    workspaces folder JupyterLab uses (here set by JUPYTERLAB_WORKSPACES_DIR)."""
    folder = tmp_path / "workspaces"
    out = run_python(START, tmp_path, {**os.environ, "JUPYTERLAB_WORKSPACES_DIR": str(folder)})
    assert layout(folder)["left"]["collapsed"] is True, out.stderr[-2000:]
