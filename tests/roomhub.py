"""A real JupyterHub with the live room on 127.0.0.1 for the room, load and walls tests (the
session fixture ``room_hub`` in tests/conftest.py) and the browser test: deploy/jupyterhub_config.py
started by the issue-15 load test's Hub class, with one instructor, only its state folder and
address changed.

``RoomHub(canary=True)`` is the same file configured the old way (before issue 26): every server
as the hub's own user, the state folder readable, and the room's manage scope in every
instructor's server token. The walls test (tests/test_walls.py) shows each attempt to cross a
wall succeeds there, so its checks can fail."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "deploy"))
import loadtest  # noqa: E402

INSTRUCTOR = "teacher"
ADMIN_PASSWORD = "instructor-password-for-the-test-room-0001"
ACCESS = "access:services!service=room"
MANAGE = "custom:room:manage"
READ = "custom:room:read"
START_TIMEOUT_S = 90

CANARY_CONFIG = """# The one-machine hub the old way (before issue 26): the walls test's canary.
import os
from pathlib import Path

c = get_config()  # noqa: F821
load_subconfig({config!r})  # noqa: F821
STATE = Path(os.environ["DEMANDLAB_HUB_STATE"])
os.umask(0o022)
for folder in (STATE, STATE / "home", STATE / "run"):
    folder.chmod(0o755)
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(STATE / "home" / "{{username}}")
c.Spawner.args = [*c.Spawner.args, "--allow-root"]
c.Spawner.server_token_scopes = [*c.Spawner.server_token_scopes, {manage!r}]
"""


class RoomHub:
    def __init__(self, canary: bool = False) -> None:
        self.canary = canary
        self.scratch = Path(tempfile.mkdtemp(prefix="dlcanary-" if canary else "dlroom-"))
        config = loadtest.CONFIG
        if canary:
            config = self.scratch / "canary_config.py"
            config.write_text(CANARY_CONFIG.format(config=str(loadtest.CONFIG), manage=MANAGE))
        # No sampler from the start: the load test watches the hub only while it runs.
        self.hub = loadtest.Hub(self.scratch, None, config=config, sample=False)
        self._tokens: dict[str, str] = {}

    @property
    def state(self) -> Path:
        return self.scratch / "state"

    @property
    def base(self) -> str:
        return self.hub.base

    @property
    def room_url(self) -> str:
        return f"{self.hub.base}/services/room/"

    def start(self) -> RoomHub:
        saved = {
            k: os.environ.get(k)
            for k in ("DEMANDLAB_HUB_INSTRUCTORS", "DEMANDLAB_HUB_ADMIN_PASSWORD")
        }
        os.environ["DEMANDLAB_HUB_INSTRUCTORS"] = INSTRUCTOR
        os.environ["DEMANDLAB_HUB_ADMIN_PASSWORD"] = ADMIN_PASSWORD
        try:
            for attempt in (1, 2):
                try:
                    self.hub.start(timeout_s=START_TIMEOUT_S)
                    break
                except loadtest.LoadTestError:
                    # JupyterHub gives a managed service about ten one-second tries to answer
                    # and exits if it does not; on a machine at load 30 the room's own start
                    # can take longer. That, and only that, is worth one more start.
                    slow = "Cannot connect to room service" in self.hub.log_tail(10**6)
                    self.hub.stop()
                    if attempt == 2 or not slow:
                        raise
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
        self.wait_room()
        return self

    def password(self, name: str) -> str:
        return ADMIN_PASSWORD if name == INSTRUCTOR else self.hub.password

    def wait_room(self, timeout_s: float = 60) -> None:
        """Until the room answers through the proxy (403 without a token means it is up)."""
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                urllib.request.urlopen(self.room_url + "api/summary", timeout=5)
            except urllib.error.HTTPError as err:
                if err.code == 403:
                    return
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the room service did not answer:\n" + self.hub.log_tail())
            time.sleep(0.2)  # polling a starting process

    def tokens(self, names: list[str]) -> dict[str, str]:
        """Each user logs in with the form and makes a token: the room's access scope, and
        for the instructor the read and manage scopes, which only their login can grant (no
        server's token carries the manage scope)."""
        todo = {
            n: [ACCESS, READ, MANAGE] if n == INSTRUCTOR else [ACCESS]
            for n in names
            if n not in self._tokens
        }
        if todo:
            self._tokens.update(self.scoped_tokens(todo))
        return {n: self._tokens[n] for n in names}

    def scoped_token(self, name: str, scopes: list[str]) -> str:
        """A new token for ``name`` with ``scopes``, made through their login."""
        return self.scoped_tokens({name: scopes})[name]

    def scoped_tokens(self, wanted: dict[str, list[str]]) -> dict[str, str]:
        async def one(name: str) -> tuple[str, str]:
            b = loadtest.Browser(self.base)
            try:
                await loadtest.log_in(b, name, self.password(name))
                resp, _ = await b.fetch(
                    "POST",
                    f"/hub/api/users/{quote(name)}/tokens",
                    body=json.dumps({"scopes": wanted[name], "note": "room test"}),
                    headers={
                        "X-XSRFToken": b.cookie("_xsrf", "/hub/"),
                        "Content-Type": "application/json",
                    },
                )
                assert resp.code == 201, resp.body
                return name, json.loads(resp.body)["token"]
            finally:
                b.close()

        async def all_of() -> list:
            return await asyncio.gather(*(one(n) for n in wanted))

        return dict(run_async(all_of()))

    def service_pid(self) -> int | None:
        for pid in loadtest.descendants(self.hub.proc.pid):
            if "deploy/room/service.py" in loadtest._read(f"/proc/{pid}/cmdline"):
                return pid
        return None

    def restart_service(self) -> tuple[int, int]:
        """Kill the room's process (as a crash would); the hub starts it again. Old and new PID."""
        old = self.service_pid()
        assert old is not None, "no room service under the hub"
        os.kill(old, signal.SIGKILL)
        deadline = time.monotonic() + 60
        while True:
            new = self.service_pid()
            if new is not None and new != old:
                break
            assert time.monotonic() < deadline, (
                "the hub did not restart the room:\n" + self.hub.log_tail()
            )
            time.sleep(0.2)  # polling for the hub's restart
        self.wait_room()
        return old, new

    def stop(self) -> None:
        try:
            self.hub.stop()
        finally:
            shutil.rmtree(self.scratch, ignore_errors=True)


def run_async(coro, timeout_s: float = 600):
    """asyncio.run() in a thread of its own. In a process that has run a browser test,
    Playwright's sync API keeps an event loop running in the main thread, and asyncio.run()
    there refuses to nest ("cannot be called from a running event loop"): the hub tests
    passed in make test's order and failed when run with -m hub, after the game's browser test."""
    return loadtest.run_in_thread(coro, timeout_s)


def all_at_once(
    send: Callable[[str], object], names: Sequence[str], timeout_s: float | None = 60
) -> tuple[float, list[str]]:
    """``send(name)`` for every name, each in a thread of its own and all released at one
    moment (the room and game tests' participants, through the course's client): the seconds
    from the release until the last returned, and each failure as "name: error". A thread
    still running ``timeout_s`` after the release (None: no limit) fails as hung."""
    errors: list[str] = []
    start = threading.Barrier(len(names) + 1, timeout=timeout_s)

    def one(name: str) -> None:
        try:
            start.wait()
            send(name)
        except Exception as err:  # noqa: BLE001 (every failure is reported to the caller)
            errors.append(f"{name}: {err}")

    threads = [threading.Thread(target=one, args=(n,)) for n in names]
    for t in threads:
        t.start()
    start.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join(timeout=timeout_s)
    assert not any(t.is_alive() for t in threads), "a participant's request hung"
    return time.perf_counter() - t0, errors


def call(hub: RoomHub, token: str | None, method: str, path: str, payload=None, raw=None):
    """(status, parsed body) of one request to the room through the hub's proxy: JSON when the
    room answers JSON, else the text. The room, game and walls tests all call through this."""
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"token {token}"
    data = raw if raw is not None else (None if payload is None else json.dumps(payload).encode())
    req = urllib.request.Request(hub.room_url + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            body = r.read().decode()
            ctype = r.headers.get("Content-Type", "")
            return r.status, json.loads(body) if ctype.startswith("application/json") else body
    except urllib.error.HTTPError as err:
        text = err.read().decode()
        try:
            return err.code, json.loads(text or "{}")
        except ValueError:
            return err.code, text
