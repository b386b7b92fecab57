"""The course's Jupyter server settings that need code: TCP_NODELAY on the kernel websocket,
notebooks served so that opening one does not mark it as changed (CourseContentsManager), and
a first JupyterLab layout with both side panels collapsed (COURSE_WORKSPACE, below).

jupyter_server leaves Nagle's algorithm on for the kernel websocket, so a small kernel ->
browser message (a widget update after a slider move) can wait for the browser's delayed ACK,
about 40 ms on Linux (benchmarks/README.md, "Slider to redrawn figure"). Turning it off is a
supported setting: ``ServerApp.kernel_websocket_connection_class`` names the class that
connects a kernel websocket, and binder/jupyter_server_config.json names this one, for
Binder, ``make lab`` and the hub's single-user servers alike.

This is a separate package from ``demandlab`` on purpose: importing ``demandlab`` loads numpy,
plotly and ipywidgets, which the server process must not pay for.
"""

from __future__ import annotations

import json

from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager
from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection

__all__ = [
    "COURSE_WORKSPACE",
    "CourseContentsManager",
    "NoDelayKernelWebsocketConnection",
    "seed_course_workspace",
]


class NoDelayKernelWebsocketConnection(ZMQChannelsWebsocketConnection):
    """The stock kernel websocket connection, with TCP_NODELAY set on its socket on connect."""

    def connect(self):
        # tornado's WebSocketHandler.set_nodelay: setsockopt(TCP_NODELAY) on the open stream.
        self.websocket_handler.set_nodelay(True)
        return super().connect()


class CourseContentsManager(AsyncLargeFileManager):
    """The stock contents manager; a notebook is served with its kernel's ``language_info``.

    Committed lessons store only ``language_info: {"name": "python"}`` (the Python version
    differs per machine). JupyterLab writes the kernel's full ``language_info`` (version,
    mimetype, lexer ...) into the notebook as soon as the kernel connects, which marks every
    lesson as changed ("unsaved" dot, a save prompt on close) before the learner did anything.
    Serving the notebook with the keys this server's own Python kernel will report makes that
    write a no-op (JupyterLab skips equal metadata). Keys the file has win; the file on disk is
    never touched. Only notebooks on the ``python3`` kernelspec, the ipykernel of this
    environment, are filled.
    """

    async def get(self, path, content=True, type=None, format=None, **kwargs):
        model = await super().get(path, content=content, type=type, format=format, **kwargs)
        if content and model.get("type") == "notebook" and model.get("content") is not None:
            fill_language_info(model["content"])
        return model


def kernel_language_info() -> dict:
    """What this environment's ipykernel reports as ``language_info`` ({} without ipykernel)."""
    try:
        from ipykernel.ipkernel import IPythonKernel  # ~0.1 s, once, on the first notebook
    except ImportError:
        return {}
    return json.loads(json.dumps(IPythonKernel.language_info))


def fill_language_info(nb: dict) -> dict:
    """Add the kernel's missing ``language_info`` keys to a python3 notebook, in place."""
    meta = nb.setdefault("metadata", {})
    if (meta.get("kernelspec") or {}).get("name", "python3") != "python3":
        return nb
    have = meta.get("language_info") or {}
    info = kernel_language_info()
    if info and have.get("name", info["name"]) == info["name"]:
        meta["language_info"] = {**info, **have}
    return nb


# ------------------------------------------------------------------ the course's first layout

# JupyterLab opens the file browser in the left panel whenever the workspace it restores has
# no layout yet ("fresh"): on a 1024-px screen it takes a quarter of the width from the lesson.
# This layout (both side panels collapsed; the lesson's URL opens the notebook in the main
# area) is written as the user's "default" workspace when they have none, so Binder, `make lab`
# and the hub's servers open every lesson full width. The learner's own changes are saved over
# it as usual; an existing workspace is never replaced. A workspace URL with ``?clone`` (the
# browser tests) starts from it too.
COURSE_WORKSPACE = {
    "data": {
        "layout-restorer:data": {
            "main": {"dock": None},
            "left": {"collapsed": True, "visible": True},
            "right": {"collapsed": True, "visible": True},
        }
    },
    "metadata": {"id": "default"},
}


def seed_course_workspace(workspaces_dir) -> bool:
    """Write COURSE_WORKSPACE as the "default" workspace in ``workspaces_dir`` unless one
    with a layout is there; True if written."""
    from jupyterlab_server.workspaces_handler import WorkspacesManager

    manager = WorkspacesManager(workspaces_dir)
    if manager.load("default").get("data"):
        return False
    manager.save("default", json.dumps(COURSE_WORKSPACE))
    return True


def _jupyter_server_extension_points():
    return [{"module": "demandlab_server"}]


def _load_jupyter_server_extension(serverapp) -> None:
    """Seed the course's first layout in JupyterLab's workspaces folder (the LabApp's own
    ``workspaces_dir``, so its environment variable and settings are honoured)."""
    apps = serverapp.extension_manager.extension_apps.get("jupyterlab", set())
    folders = [a.workspaces_dir for a in apps if getattr(a, "workspaces_dir", "")]
    for folder in folders[:1]:
        try:
            if seed_course_workspace(folder):
                serverapp.log.info("demandlab: the course's first layout written in %s", folder)
        except (OSError, ValueError) as err:  # a read-only home must not stop the server
            serverapp.log.warning("demandlab: no first layout written in %s: %s", folder, err)
