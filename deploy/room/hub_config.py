"""Registers the live room (issue 16) with a JupyterHub: deploy/jupyterhub_config.py calls
``add_room(c, state_dir, python)`` at its end. Read by the hub at start-up, like the config.

What it sets up:

- the room service itself (deploy/room/service.py), started and restarted by the hub, on
  127.0.0.1 behind the hub's proxy at /services/room/, its SQLite file in the state dir;
- two custom scopes held by the hub group ``instructors``: ``custom:room:read`` (see everyone's
  answers) and ``custom:room:manage`` (reveal, reset, export); ``access:services!service=room``
  for every user;
- for every single-user server: ``DEMANDLAB_ROOM_URL`` (where demandlab/room_client.py sends), and a
  server token that may call the room, and read it if its owner is an instructor. No server
  token carries the manage scope: a token sits in a process's environment, and the instructor's
  power to reveal, reset and export lives only in their login to the room's page (hub OAuth).

Settings (environment variables, as for the hub config):

    DEMANDLAB_HUB_ROOM            "off" leaves the room out (default: on)
    DEMANDLAB_HUB_ROOM_PORT       the service's port on 127.0.0.1 (default: a free one)
    DEMANDLAB_HUB_INSTRUCTORS     comma-separated user names: the instructors group; they are
                                  the hub's admins too, and log in with
    DEMANDLAB_HUB_ADMIN_PASSWORD  their own password of 32+ characters (the shared one is
                                  refused for them), so that nobody in the room can claim an
                                  instructor's name
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

HERE = Path(__file__).resolve().parent
NAME = "room"
MANAGE_SCOPE = "custom:room:manage"
READ_SCOPE = "custom:room:read"
ACCESS_SCOPE = f"access:services!service={NAME}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def instructors() -> list[str]:
    raw = os.environ.get("DEMANDLAB_HUB_INSTRUCTORS", "")
    return [n.strip().lower() for n in raw.split(",") if n.strip()]


def add_room(c, state: Path, python: str) -> None:
    if os.environ.get("DEMANDLAB_HUB_ROOM", "on").lower() in ("off", "0", "no", "false"):
        return
    port = int(os.environ.get("DEMANDLAB_HUB_ROOM_PORT") or _free_port())
    url = f"http://127.0.0.1:{port}"
    services = list(c.JupyterHub.services) if "services" in c.JupyterHub else []
    services.append(
        {
            "name": NAME,
            "url": url,
            "command": [python, str(HERE / "service.py"), "--db", str(state / "room.sqlite")],
            "display": True,
            # Run by the hub's operator, like the hub itself: no "authorize this app?" page.
            "oauth_no_confirm": True,
            # The page's OAuth token carries the room's scopes its user holds.
            "oauth_client_allowed_scopes": [MANAGE_SCOPE, READ_SCOPE],
        }
    )
    c.JupyterHub.services = services

    c.JupyterHub.custom_scopes = {
        MANAGE_SCOPE: {"description": "Reveal, reset and export the room (the room's page)."},
        READ_SCOPE: {"description": "See every participant's room answers."},
    }
    roles = list(c.JupyterHub.load_roles) if "load_roles" in c.JupyterHub else []
    roles += [
        {"name": "user", "scopes": ["self", ACCESS_SCOPE]},
        {
            "name": "room-instructor",
            "scopes": [MANAGE_SCOPE, READ_SCOPE, ACCESS_SCOPE],
            "groups": ["instructors"],
        },
    ]
    c.JupyterHub.load_roles = roles
    names = instructors()
    c.JupyterHub.load_groups = {"instructors": {"users": names}}
    if names:
        admin_password = os.environ.get("DEMANDLAB_HUB_ADMIN_PASSWORD", "")
        if len(admin_password) < 32:  # JupyterHub's own minimum for an admin password
            raise SystemExit(
                "error: DEMANDLAB_HUB_INSTRUCTORS is set: set DEMANDLAB_HUB_ADMIN_PASSWORD "
                "(32 characters or more, not the room's password) for them to log in with; "
                f"got {len(admin_password)} characters."
            )
        c.Authenticator.admin_users = set(names)
        c.SharedPasswordAuthenticator.admin_password = admin_password

    # A server's own token ($JUPYTERHUB_API_TOKEN) may call the room; the hub grants each
    # scope only if the server's owner holds it, so only instructors' servers may read
    # everyone's answers (dl.room()). Never the manage scope (module docstring).
    c.Spawner.server_token_scopes = [
        "users:activity!user",
        "access:servers!server",
        ACCESS_SCOPE,
        READ_SCOPE,
    ]
    env = dict(c.Spawner.environment) if "environment" in c.Spawner else {}
    env["DEMANDLAB_ROOM_URL"] = f"{url}/services/{NAME}/"
    c.Spawner.environment = env
