"""JupyterHub on one machine for a demandlab workshop (the shape The Littlest JupyterHub uses).

One hub, one configurable-http-proxy in front of it, and one single-user JupyterLab per
participant, all on this machine, all from the course's one pinned environment (binder/):
the hub runs from the same venv the single-user servers run from (`make hub`, deploy/README.md).

    make hub                                   # DEMANDLAB_HUB_PASSWORD=... is required
    .venv/bin/jupyterhub -f deploy/jupyterhub_config.py

Settings come from environment variables, so the load test (deploy/loadtest.py) runs this very
file with only its state directory, address and password changed:

    DEMANDLAB_HUB_PASSWORD    the workshop's shared password (8+ characters), required
    DEMANDLAB_HUB_BIND_URL    where participants connect (default http://127.0.0.1:8000/;
                              put TLS in front, or use JupyterHub's ssl_cert/ssl_key, before
                              opening it to a room)
    DEMANDLAB_HUB_STATE       database, cookie secret and participants' homes
                              (default /srv/demandlab-hub)
    DEMANDLAB_HUB_CULL_AFTER  seconds of inactivity before a server is stopped (default 5400)
    DEMANDLAB_HUB_MAX_ACTIVE  most servers running at once (default: from this machine's
                              memory and the measured cost per participant, see below)

Run as root, the hub gives every participant a Unix uid, a 0700 home and limits of their own
(deploy/participants.py), and keeps its state folder to itself: no participant can read
another's notebooks, the hub's secrets or the room's answers, or act as anyone else. Run as
any other user, it cannot: every server then runs as that user, and it says so loudly at start.
"""

from __future__ import annotations

import os
import runpy
import shutil
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (JupyterHub's config loader provides it)

REPO = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent  # the hub runs from the course's environment
STATE = Path(os.environ.get("DEMANDLAB_HUB_STATE", "/srv/demandlab-hub"))
START_NOTEBOOK = "notebooks/00-start-here.ipynb"
# Measured with deploy/loadtest.py (benchmarks/README.md): a participant with two lessons open
# peaks at ~400 MB; the hub, its proxy and the culler take ~240 MB once.
MB_PER_PARTICIPANT = 400
MB_FOR_THE_HUB = 240


def _setting(name: str, default: str) -> str:
    return os.environ.get(f"DEMANDLAB_HUB_{name}", default)


def _course_config_installed() -> None:
    """The single-user servers must run with the course's server settings (TCP_NODELAY, no
    unused extensions): refuse to start a hub whose environment lacks them."""
    from importlib.util import find_spec

    config = Path(sys.prefix) / "etc/jupyter/jupyter_server_config.d/zz-demandlab.json"
    if not config.exists() or find_spec("demandlab_server") is None:
        raise SystemExit(
            f"error: {sys.prefix} is not the course's environment ({config} or the demandlab "
            "package is missing). Run `make hub` from the repository, or "
            "`python binder/install_jupyter_config.py` in the environment you use."
        )


def _max_active() -> int:
    """Servers that fit in 85% of this machine's memory, less the hub, at the measured cost."""
    with open("/proc/meminfo") as f:
        total_kb = int(next(line for line in f if line.startswith("MemTotal:")).split()[1])
    return max(1, int((total_kb / 1024 * 0.85 - MB_FOR_THE_HUB) // MB_PER_PARTICIPANT))


_course_config_installed()
password = os.environ.get("DEMANDLAB_HUB_PASSWORD", "")
if len(password) < 8:
    raise SystemExit(
        "error: set DEMANDLAB_HUB_PASSWORD to the workshop's shared password (8 characters or "
        f"more); got {len(password)} characters."
    )
ISOLATED = os.getuid() == 0
# Everything the hub and its services write (database, cookie secret, room.sqlite) is the
# hub's alone; participants reach only their own home and kernel sockets through 0711 folders.
os.umask(0o077)
STATE.mkdir(parents=True, exist_ok=True)
RUNTIME = STATE / "run"
for folder in (STATE, STATE / "home", RUNTIME):
    folder.mkdir(exist_ok=True)
    folder.chmod(0o711)
for kept in STATE.iterdir():  # files from an earlier start, made before this umask
    if kept.is_file():
        kept.chmod(0o600)
# "/<user id>/kernel-<uuid>-ipc-4" adds up to ~56 bytes to a 107-byte socket address.
if len(str(RUNTIME)) > 48:
    raise SystemExit(
        f"error: DEMANDLAB_HUB_STATE is too long a path for kernel sockets ({STATE}); "
        "use one of at most 44 characters, such as /srv/demandlab-hub"
    )

# --- The hub and its proxy -------------------------------------------------------------------
c.JupyterHub.bind_url = _setting("BIND_URL", "http://127.0.0.1:8000/")
c.JupyterHub.hub_bind_url = "http://127.0.0.1:8081"
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")
c.ConfigurableHTTPProxy.command = [str(REPO / "deploy/node_modules/.bin/configurable-http-proxy")]
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:8001"
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")
c.JupyterHub.active_server_limit = int(_setting("MAX_ACTIVE", str(_max_active())))
# A room logs in within a minute or two; let every spawn queue rather than be refused.
c.JupyterHub.concurrent_spawn_limit = 300

# --- Who may log in: everyone in the room, with the shared password --------------------------
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = password
c.Authenticator.allow_all = True

# --- Each participant's JupyterLab -----------------------------------------------------------
if ISOLATED:
    # One uid, one 0700 home and per-participant limits each (deploy/participants.py); the
    # servers read the course's environment and repository, and write only their own home.
    sys.path.insert(0, str(REPO / "deploy"))
    from participants import ParticipantSpawner, private_ancestors  # noqa: E402

    c.JupyterHub.spawner_class = ParticipantSpawner
    c.ParticipantSpawner.state_dir = str(STATE)
    c.ParticipantSpawner.runtime_dir = str(RUNTIME)
    c.ParticipantSpawner.reachable = [
        str(REPO),
        sys.prefix,
        os.path.realpath(sys.base_prefix),
        str(STATE),
    ]
    private_ancestors(c.ParticipantSpawner.reachable)  # refuses now, not at the first spawn
else:
    print(
        "\nWARNING: the hub is not running as root, so every participant's server and kernels "
        f"run as this user ({os.getuid()}): participants are NOT isolated. Any participant can "
        "read and change the others' notebooks, read the hub's secrets and the room's answers, "
        "and act as the instructor. Run the hub as root for a room (deploy/README.md).\n",
        file=sys.stderr,
        flush=True,
    )
    c.JupyterHub.spawner_class = "simple"
    c.SimpleLocalProcessSpawner.home_dir_template = str(STATE / "home" / "{username}")
c.Spawner.cmd = [str(VENV_BIN / "jupyterhub-singleuser")]
c.Spawner.default_url = f"/lab/tree/{START_NOTEBOOK}"
# 2 cores starting 30 servers at once take a while; a slow start is not a failure.
c.Spawner.start_timeout = 300
c.Spawner.http_timeout = 300
# Kernels talk to their server over Unix sockets, not TCP ports: with TCP, kernels of different
# servers starting in the same second can pick the same free port and die ("Address already in
# use"), which the 30-participant load test hit twice in 60 kernel starts.
c.Spawner.args = ["--KernelManager.transport=ipc"]


def copy_course(spawner) -> None:
    """Give a participant their own copy of the lessons on first login; never overwrite it."""
    home = Path(spawner.home_dir)
    home.mkdir(parents=True, exist_ok=True)
    # lexists: a participant's own "notebooks" symlink must not make the hub (root) copy the
    # course wherever it points.
    if not os.path.lexists(home / "notebooks"):
        shutil.copytree(REPO / "notebooks", home / "notebooks")


c.Spawner.pre_spawn_hook = copy_course
# glibc keeps freed memory of a server or kernel that relayed a few-MB message (every plotly
# FigureWidget ships plotly.js) unless told not to: two arenas and a fixed mmap threshold cut
# a participant's peak by about 12 MB (deploy/README.md).
c.Spawner.environment = {
    "MALLOC_ARENA_MAX": "2",
    "MALLOC_MMAP_THRESHOLD_": "262144",
    # The kernels' Unix sockets (transport=ipc, above) live here: a path short enough for
    # the 107-byte limit of a socket address, unlike one under the participant's home.
    "JUPYTER_RUNTIME_DIR": lambda spawner: str(RUNTIME / str(spawner.user.id)),
}

# --- Idle culling for a workshop day ---------------------------------------------------------
# A server nobody has used for 90 minutes is stopped (lunch fits; the evening frees the
# machine); the participant logs in again and finds their notebooks where they left them.
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [
            sys.executable,
            "-m",
            "jupyterhub_idle_culler",
            f"--timeout={int(_setting('CULL_AFTER', '5400'))}",
            "--cull-every=300",
            "--concurrency=5",
        ],
    }
]
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }
]

# --- The live room (issue 16): the class's predictions on the instructor's screen -------------
# A hub-managed service with its own SQLite file in STATE; deploy/room/hub_config.py says what
# it adds (the service, its scopes, the instructors group, DEMANDLAB_ROOM_URL for servers).
runpy.run_path(str(REPO / "deploy/room/hub_config.py"))["add_room"](c, STATE, sys.executable)
