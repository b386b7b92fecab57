"""Start JupyterLab on the course for `make lab`: a few short lines, the URL last.

The server's own log (extension list, language-server scan, trust notes ...) goes to a file,
not the terminal: a learner sees what happens, where the log is, and the one URL to open.
Where a desktop browser exists the URL is opened in it; on a server (no display) it says so.

    python tools/lab.py --host 127.0.0.1 --port 8888 [--no-browser] [--log FILE]

Run by `make lab` with the course's Python (.venv/bin/python). Ctrl-C stops the server.
``--stop-when-ready`` starts the server, prints what `make lab` prints, then stops it (tests).
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import webbrowser
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
START_NOTEBOOK = "notebooks/00-start-here.ipynb"
# Text-mode browsers webbrowser may pick: they would take over this terminal.
CONSOLE_BROWSERS = {"www-browser", "links", "elinks", "lynx", "w3m"}
LOG_TAIL_LINES = 15


def port_problem(host: str, port: int) -> str | None:
    """None if ``port`` on ``host`` is free, else two lines saying what to do."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind((host, port))
        except OSError as err:
            return (
                f"error: port {port} on {host} is not free ({err.strerror}).\n"
                f"       Another JupyterLab may use it: stop it, or run make lab PORT={port + 1}"
            )
    return None


def log_tail(path: Path, lines: int = LOG_TAIL_LINES) -> str:
    try:
        text = path.read_text(errors="replace").splitlines()
    except OSError:
        text = []
    if not text:
        return "    (the log is empty)"
    return "\n".join("    " + line for line in text[-lines:])


def has_desktop() -> bool:
    """A graphical session a browser can open in (always on macOS and Windows)."""
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def open_browser(url: str) -> str:
    """Open ``url`` in the desktop's browser; return the sentence that says what happened."""
    how = "No desktop browser here: open the URL below in a browser on this machine"
    if not has_desktop():
        return how + " (on a server, first: ssh -L PORT:localhost:PORT you@server)."
    if sys.platform.startswith("linux") and shutil.which("xdg-open"):
        # Its own session and no terminal: the browser's chatter stays out of this one.
        subprocess.Popen(
            ["xdg-open", url],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        return "Opening the course in your browser (or open the URL below)."
    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return how + "."
    if getattr(browser, "name", "") in CONSOLE_BROWSERS or not browser.open(url, new=2):
        return how + "."
    return "Opening the course in your browser (or open the URL below)."


def wait_ready(proc: subprocess.Popen, base: str, token: str, timeout_s: float) -> bool:
    """True once the server answers on ``base``; False if it exited or ``timeout_s`` passed."""
    deadline = time.monotonic() + timeout_s
    req = urllib.request.Request(f"{base}/api/status", headers={"Authorization": f"token {token}"})
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(req, timeout=5):
                return True
        except urllib.error.HTTPError:
            return True  # it answered (a config of the learner's own may want a password)
        except (OSError, urllib.error.URLError):
            time.sleep(0.25)  # polling a starting process
    return False


def stop(proc: subprocess.Popen) -> None:
    """SIGTERM our own server (it shuts its kernels down), SIGKILL if it hangs."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8888)
    ap.add_argument("--log", type=Path, default=REPO / ".venv" / "jupyterlab.log")
    ap.add_argument("--no-browser", action="store_true", help="print the URL, open nothing")
    ap.add_argument("--timeout", type=float, default=120, help="seconds to wait for the server")
    ap.add_argument("--stop-when-ready", action="store_true", help="stop once it answers")
    args = ap.parse_args(argv)
    if not 1 <= args.port <= 65535:
        print(f"error: PORT must be a number from 1 to 65535, got {args.port}")
        return 2

    problem = port_problem(args.host, args.port)
    if problem:
        print(problem)
        return 1

    token = secrets.token_hex(24)
    url_host = "127.0.0.1" if args.host in ("0.0.0.0", "::", "") else args.host
    base = f"http://{url_host}:{args.port}"
    url = f"{base}/lab/tree/{START_NOTEBOOK}?token={token}"
    cmd = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        f"--ServerApp.ip={args.host}",
        f"--ServerApp.port={args.port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={REPO}",
        f"--LabApp.default_url=/lab/tree/{START_NOTEBOOK}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")  # containers and CI run as root
    args.log.parent.mkdir(parents=True, exist_ok=True)
    print(f"demandlab: starting JupyterLab on {base} (server log: {_shown(args.log)}) ...")
    sys.stdout.flush()
    # The token goes through the environment, not the command line (ps shows that).
    env = dict(os.environ, JUPYTER_TOKEN=token)
    with open(args.log, "w") as log:
        proc = subprocess.Popen(
            cmd,
            env=env,
            cwd=REPO,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C reaches this script, which stops the server
        )
    try:
        if not wait_ready(proc, base, token, args.timeout):
            code = proc.poll()
            stop(proc)
            why = f"exited with code {code}" if code is not None else "did not answer in time"
            print(f"error: JupyterLab {why}. The end of its log ({_shown(args.log)}):")
            print(log_tail(args.log))
            return 1
        said = "Not opening a browser (--no-browser)." if args.no_browser else open_browser(url)
        print(said.replace("PORT", str(args.port)))
        print("Stop JupyterLab with Ctrl-C. The course starts here:")
        print(url)
        sys.stdout.flush()
        if args.stop_when_ready:
            stop(proc)
            return 0
        code = proc.wait()
        if code != 0:
            print(f"JupyterLab stopped with code {code}. The end of its log ({_shown(args.log)}):")
            print(log_tail(args.log))
        return code
    except KeyboardInterrupt:
        print("\nStopping JupyterLab (its kernels too) ...")
        stop(proc)
        return 0
    finally:
        stop(proc)


def _shown(path: Path) -> str:
    """``path`` relative to the repository when it is inside it."""
    try:
        return str(Path(path).resolve().relative_to(REPO))
    except ValueError:
        return str(path)


def _on_sigterm(signum, frame):
    raise KeyboardInterrupt  # stop the server the same way as Ctrl-C


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _on_sigterm)
    sys.exit(main())
