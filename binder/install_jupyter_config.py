"""Install the course's Jupyter settings into this Python environment (sys.prefix).

Run by binder/postBuild (the Binder image) and by `make lab` / `make test` (.venv), so Binder,
`make lab` and the hub's single-user servers (deploy/) run with the same settings:

- jupyter_server_config.json -> {prefix}/etc/jupyter/jupyter_server_config.d/zz-demandlab.json:
  TCP_NODELAY on the kernel websocket (demandlab_server), no server extensions a learner never
  uses (language servers, terminals, the classic-notebook shim: about 40 MB per server, see
  deploy/README.md), no news or update check from the server. The "zz-" name sorts after the
  extensions' own enable files in that folder, which Jupyter reads in name order.
- overrides.json -> {prefix}/share/jupyter/lab/settings/overrides.json: JupyterLab's defaults
  say no to "Would you like to get notified about official Jupyter news?" and to update checks.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SERVER_CONFIG = Path("etc/jupyter/jupyter_server_config.d/zz-demandlab.json")
LAB_OVERRIDES = Path("share/jupyter/lab/settings/overrides.json")
FILES = {HERE / "jupyter_server_config.json": SERVER_CONFIG, HERE / "overrides.json": LAB_OVERRIDES}


def install(prefix: Path = Path(sys.prefix)) -> list[Path]:
    written = []
    for source, target in FILES.items():
        dest = prefix / target
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, dest)
        written.append(dest)
    return written


if __name__ == "__main__":
    for path in install(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(sys.prefix)):
        print(f"installed {path}")
