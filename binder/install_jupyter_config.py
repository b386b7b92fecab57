"""Install the course's Jupyter settings into this Python environment (sys.prefix).

Run by binder/postBuild (the Binder image) and by `make lab` / `make test` (.venv), so Binder,
`make lab` and the hub's single-user servers (deploy/) run with the same settings, from
binder/jupyter_server_config.json and binder/overrides.json:

- TCP_NODELAY on the kernel websocket (demandlab_server), no terminals, no news or update check
  from the server, a read-only extension manager (learners install nothing; no PyPI look-ups):
  merged into {prefix}/etc/jupyter/jupyter_server_config.json, keeping any other settings there.
- No server extensions a learner never uses (language servers, terminals, the classic-notebook
  shim), and demandlab_server's, which gives each user a first JupyterLab layout with the side
  panels collapsed (a lesson opens full width): {prefix}/etc/jupyter/jupyter_server_config.d/
  zz-demandlab.json. Jupyter reads only
  extension switches from that folder, in name order, so "zz-" comes after the extensions' own
  files that switch them on.
- JupyterLab's defaults say no to "Would you like to get notified about official Jupyter
  news?" and to update checks: {prefix}/share/jupyter/lab/settings/overrides.json.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SERVER_CONFIG = Path("etc/jupyter/jupyter_server_config.json")
EXTENSIONS = Path("etc/jupyter/jupyter_server_config.d/zz-demandlab.json")
LAB_OVERRIDES = Path("share/jupyter/lab/settings/overrides.json")


def course_settings() -> tuple[dict, dict, dict]:
    """(server settings, extension switches, JupyterLab overrides) as shipped in binder/."""
    server = json.loads((HERE / "jupyter_server_config.json").read_text())
    extensions = {
        "ServerApp": {"jpserver_extensions": server["ServerApp"].pop("jpserver_extensions")}
    }
    overrides = json.loads((HERE / "overrides.json").read_text())
    return server, extensions, overrides


def _merge(base: dict, extra: dict) -> dict:
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = value
    return base


def install(prefix: Path = Path(sys.prefix)) -> list[Path]:
    server, extensions, overrides = course_settings()
    target = prefix / SERVER_CONFIG
    existing = json.loads(target.read_text()) if target.exists() else {}
    contents = {
        SERVER_CONFIG: _merge(existing, server),
        EXTENSIONS: extensions,
        LAB_OVERRIDES: overrides,
    }
    written = []
    for rel, data in contents.items():
        dest = prefix / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(json.dumps(data, indent=2) + "\n")
        written.append(dest)
    return written


def installed(prefix: Path = Path(sys.prefix)) -> list[str]:
    """What differs between binder/ and the settings installed under ``prefix``."""
    server, extensions, overrides = course_settings()
    problems = []
    for rel, want in (
        (EXTENSIONS, extensions),
        (LAB_OVERRIDES, overrides),
        (SERVER_CONFIG, server),
    ):
        path = prefix / rel
        have = json.loads(path.read_text()) if path.exists() else None
        if have is None or _merge(json.loads(json.dumps(have)), want) != have:
            problems.append(f"{path} lacks the course's settings")
    return problems


if __name__ == "__main__":
    for path in install(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(sys.prefix)):
        print(f"installed {path}")
