"""A real JupyterHub with the live room on 127.0.0.1, for tests/test_room.py and the browser
test: deploy/jupyterhub_config.py started by the issue-15 load test's Hub class, with one
instructor, and tokens made the way a participant's server gets its own."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import os
import re
import shutil
import signal
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "deploy"))
import loadtest  # noqa: E402

INSTRUCTOR = "teacher"
ADMIN_PASSWORD = "instructor-password-for-the-test-room-0001"
ACCESS = "access:services!service=room"
MANAGE = "custom:room:manage"


class RoomHub:
    def __init__(self) -> None:
        self.scratch = Path(tempfile.mkdtemp(prefix="dlroom-"))
        self.hub = loadtest.Hub(self.scratch, loadtest.free_port())
        self._tokens: dict[str, str] = {}

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
            self.hub.start(timeout_s=90)
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
        """Each user logs in with the form and makes a token with the scopes a server token
        gets: the room's access scope, and the manage scope for the instructor."""

        async def one(name: str) -> tuple[str, str]:
            b = loadtest.Browser(self.base)
            try:
                resp, _ = await b.fetch("GET", "/hub/login")
                xsrf = re.search(rb'name="_xsrf"\s+value="([^"]+)"', resp.body).group(1).decode()
                form = {"username": name, "password": self.password(name), "_xsrf": xsrf}
                resp, _ = await b.fetch("POST", "/hub/login", body=urlencode(form), follow=False)
                assert resp.code == 302, f"login of {name} refused: {resp.code}"
                scopes = [ACCESS, MANAGE] if name == INSTRUCTOR else [ACCESS]
                resp, _ = await b.fetch(
                    "POST",
                    f"/hub/api/users/{name}/tokens",
                    body=json.dumps({"scopes": scopes, "note": "room test"}),
                    headers={
                        "X-XSRFToken": b.cookie("_xsrf", "/hub/"),
                        "Content-Type": "application/json",
                    },
                )
                assert resp.code == 201, resp.body
                return name, json.loads(resp.body)["token"]
            finally:
                b.close()

        async def all_of(todo) -> list:
            return await asyncio.gather(*(one(n) for n in todo))

        todo = [n for n in names if n not in self._tokens]
        if todo:
            # A thread of its own: under the browser suite, Playwright's sync API already runs
            # an event loop in this thread, and asyncio.run() refuses to nest.
            with concurrent.futures.ThreadPoolExecutor(1) as pool:
                self._tokens.update(pool.submit(asyncio.run, all_of(todo)).result())
        return {n: self._tokens[n] for n in names}

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
