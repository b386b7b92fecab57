"""A room of participants against the real hub on this machine (issue 15).

Starts JupyterHub with deploy/jupyterhub_config.py (its configurable-http-proxy from
deploy/node_modules, its idle culler, the course's single-user servers) on 127.0.0.1 only,
with every piece of state in a temp dir, then lets N simulated participants in at once. Each
one, as a browser would:

1. logs in through the login form with the shared password;
2. asks for a server (/hub/spawn) and waits until the hub says it is ready;
3. opens /user/NAME/ and follows the OAuth redirects to the default URL (must be 00-start-here);
4. for lesson 01 and then lesson 03: creates a session (a kernel), reads the notebook, sends
   every code cell as an execute_request on the kernel websocket at once (Run All), waits for
   every reply, then moves the lesson's main control (the widget whose _dom_classes hold
   ``dl-main-control``) 10 times by sending the comm "update" message a browser sends,
   waiting for the kernel to be idle again after each move.

It reports participants served, failures (each with the reason), the time from the start
until the last Run All finished, each server's and kernel's peak memory (VmHWM from /proc,
sampled every second, and read once more at the end), their CPU seconds, and the p50/p95 of
a control move's round trip (comm update sent -> kernel idle; and -> first figure update
received). Then it stops everything it started, by PID, and removes the temp dir.

    .venv/bin/python deploy/loadtest.py                     # 30 participants
    .venv/bin/python deploy/loadtest.py --participants 5 --json artifacts/loadtest-5.json
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from jupyter_server.services.kernels.connection.base import (
    deserialize_msg_from_ws_v1,
    serialize_msg_to_ws_v1,
)

REPO = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
CONFIG = REPO / "deploy" / "jupyterhub_config.py"
PROXY = REPO / "deploy" / "node_modules" / ".bin" / "configurable-http-proxy"
LESSON_PREFIXES = ("01-", "03-")
START_PATH = "lab/tree/notebooks/00-start-here.ipynb"
MAIN_CONTROL = "dl-main-control"
BIG_MESSAGE = 256 * 1024  # bytes of content above which a widget message is a figure
# Refused outright: more than a 2-core machine could start within any sane time limit.
MAX_PARTICIPANTS = 300
# Rough cost of one participant with two lessons open (measured, deploy/README.md), used only
# to refuse a run that cannot fit in this machine's memory before starting anything.
MB_PER_PARTICIPANT = 450


class LoadTestError(Exception):
    """A problem with the run itself (bad input, busy port, hub did not start)."""


# --------------------------------------------------------------------------------------------
# Input checks
# --------------------------------------------------------------------------------------------
def check_participants(n: int, available_mb: float | None = None) -> None:
    if n < 1:
        raise LoadTestError(f"--participants must be at least 1, got {n}")
    if n > MAX_PARTICIPANTS:
        raise LoadTestError(
            f"--participants must be at most {MAX_PARTICIPANTS} on one machine, got {n} "
            "(a bigger room needs Kubernetes: deploy/README.md)"
        )
    if available_mb is None:
        available_mb = mem_available_mb()
    need = n * MB_PER_PARTICIPANT
    if need > available_mb:
        raise LoadTestError(
            f"--participants {n} needs about {need / 1024:.1f} GB of memory "
            f"({MB_PER_PARTICIPANT} MB each) but this machine has {available_mb / 1024:.1f} GB "
            f"available; use at most {int(available_mb // MB_PER_PARTICIPANT)}"
        )


def mem_available_mb() -> float:
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) / 1024
    return float("inf")


def check_port_free(port: int) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind((HOST, port))
        except OSError as err:
            raise LoadTestError(
                f"port {port} on {HOST} is already in use ({err.strerror}); "
                "stop what uses it or pass another --port"
            ) from None


def _ephemeral_low() -> int:
    try:
        with open("/proc/sys/net/ipv4/ip_local_port_range") as f:
            return int(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


def free_port(exclude: tuple[int, ...] = ()) -> int:
    """A port that is free now, chosen BELOW the kernel's ephemeral range. Port 0 would hand
    out an ephemeral port, and every outgoing connection and kernel socket on a busy test
    machine draws from that same range: one took the canary hub's port between choosing and
    binding (CI under five test runs). Below the range only another explicit bind can collide."""
    pick = secrets.SystemRandom()
    low = _ephemeral_low()
    for _ in range(200):
        port = pick.randrange(max(1024, low - 12000), low)
        if port in exclude:
            continue
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            try:
                s.bind((HOST, port))
            except OSError:
                continue
            return port
    raise LoadTestError(f"no free port below {low} on {HOST} after 200 tries")


def find_lessons() -> list[Path]:
    found = []
    for prefix in LESSON_PREFIXES:
        matches = sorted((REPO / "notebooks").glob(f"{prefix}*.ipynb"))
        if not matches:
            raise LoadTestError(f"no notebooks/{prefix}*.ipynb to open")
        found.append(matches[0])
    return found


# --------------------------------------------------------------------------------------------
# Processes: the hub's tree, sampled from /proc
# --------------------------------------------------------------------------------------------
def _read(path: str) -> str:
    try:
        with open(path, "rb") as f:
            return f.read().decode(errors="replace")
    except OSError:
        return ""


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            stat = _read(f"/proc/{entry}/stat")
            if stat:
                ppid = int(stat.rsplit(")", 1)[1].split()[1])
                tree.setdefault(ppid, []).append(int(entry))
    return tree


def descendants(root: int) -> list[int]:
    tree, out, todo = _children(), [], [root]
    while todo:
        pid = todo.pop()
        for child in tree.get(pid, []):
            out.append(child)
            todo.append(child)
    return out


@dataclass
class Proc:
    pid: int
    kind: str  # server, kernel, proxy, culler, other
    parent: int
    user: str = ""
    kernel_id: str = ""
    hwm_mb: float = 0.0
    rss_mb: float = 0.0
    cpu_s: float = 0.0
    cmdline: str = ""
    uid: int = -1  # the real uid it runs as (a participant's own on a root hub)


class Sampler(threading.Thread):
    """Every second: every process under the hub, its peak (VmHWM) and its CPU seconds."""

    def __init__(self, hub_pid: int, interval_s: float = 0.5):
        super().__init__(daemon=True)
        self.hub_pid, self.interval_s = hub_pid, interval_s
        self.procs: dict[int, Proc] = {}
        # server pid -> the largest server + kernel RSS seen while it had exactly one kernel
        self.one_lesson_peak: dict[int, float] = {}
        self.stopping = threading.Event()
        self.clock_ticks = os.sysconf("SC_CLK_TCK")

    def run(self) -> None:
        while not self.stopping.wait(self.interval_s):
            self.sample()

    def sample(self) -> None:
        for pid in descendants(self.hub_pid):
            p = self.procs.get(pid)
            if p is None or p.cmdline != _read(f"/proc/{pid}/cmdline"):
                # new, or a fork that has since exec'd (a kernel starts as a copy of its server)
                p = self._classify(pid)
            if p is None:
                continue
            self.procs[pid] = p
            status = _read(f"/proc/{pid}/status")
            for line in status.splitlines():
                if line.startswith("VmHWM:"):
                    p.hwm_mb = max(p.hwm_mb, int(line.split()[1]) / 1024)
                elif line.startswith("VmRSS:"):
                    p.rss_mb = int(line.split()[1]) / 1024
                elif line.startswith("Uid:"):
                    p.uid = int(line.split()[1])
            stat = _read(f"/proc/{pid}/stat")
            if stat:
                fields = stat.rsplit(")", 1)[1].split()
                p.cpu_s = (int(fields[11]) + int(fields[12])) / self.clock_ticks
        alive = set(os.listdir("/proc"))
        for server in [p for p in self.procs.values() if p.kind == "server"]:
            kernels = [
                k
                for k in self.procs.values()
                if k.kind == "kernel" and k.parent == server.pid and str(k.pid) in alive
            ]
            if len(kernels) == 1:
                total = server.rss_mb + kernels[0].rss_mb
                self.one_lesson_peak[server.pid] = max(
                    self.one_lesson_peak.get(server.pid, 0), total
                )

    def _classify(self, pid: int) -> Proc | None:
        raw = _read(f"/proc/{pid}/cmdline")
        stat = _read(f"/proc/{pid}/stat")
        if not raw or not stat:
            return None
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        line = " ".join(raw.split("\0"))
        if "jupyterhub-singleuser" in line and parent == self.hub_pid:
            env = _read(f"/proc/{pid}/environ").split("\0")
            user = next((e.split("=", 1)[1] for e in env if e.startswith("JUPYTERHUB_USER=")), "")
            return Proc(pid, "server", parent, user=user, cmdline=raw)
        if "ipykernel_launcher" in line:
            m = re.search(r"kernel-([0-9a-f-]+)\.json", line)
            return Proc(pid, "kernel", parent, kernel_id=m.group(1) if m else "", cmdline=raw)
        for kind, marker in (("proxy", "configurable-http-proxy"), ("culler", "idle_culler")):
            if marker in line:
                return Proc(pid, kind, parent, cmdline=raw)
        return Proc(pid, "other", parent, cmdline=raw)


# --------------------------------------------------------------------------------------------
# One participant's browser: cookies by path, redirects followed by hand
# --------------------------------------------------------------------------------------------
class Browser:
    def __init__(self, base: str):
        from tornado.httpclient import AsyncHTTPClient

        self.base = base
        self.http = AsyncHTTPClient(force_instance=True, max_clients=4)
        self.cookies: dict[tuple[str, str], str] = {}  # (name, path) -> value

    def cookie_header(self, path: str) -> str:
        chosen: dict[str, tuple[int, str]] = {}
        for (name, cpath), value in self.cookies.items():
            if path.startswith(cpath) and len(cpath) >= chosen.get(name, (-1, ""))[0]:
                chosen[name] = (len(cpath), value)
        return "; ".join(f"{n}={v}" for n, (_, v) in chosen.items())

    def cookie(self, name: str, path: str) -> str:
        best = ""
        for (n, cpath), value in self.cookies.items():
            if n == name and path.startswith(cpath):
                best = value
        return best

    def _store(self, response) -> None:
        from http.cookies import SimpleCookie

        for header in response.headers.get_list("Set-Cookie"):
            jar = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                key = (name, morsel["path"] or "/")
                if morsel["max-age"] == "0" or morsel.value == "":
                    self.cookies.pop(key, None)
                else:
                    self.cookies[key] = morsel.value

    async def fetch(self, method, path, body=None, headers=None, follow=True, timeout_s=300):
        """Returns (response, final path). Redirects are followed here, keeping cookies."""
        from tornado.httpclient import HTTPRequest

        for _ in range(12):
            h = {"Cookie": self.cookie_header(path), **(headers or {})}
            req = HTTPRequest(
                self.base + path,
                method=method,
                body=body,
                headers=h,
                follow_redirects=False,
                request_timeout=timeout_s,
                allow_nonstandard_methods=True,
            )
            resp = await self.http.fetch(req, raise_error=False)
            self._store(resp)
            if follow and resp.code in (301, 302, 303, 307) and "Location" in resp.headers:
                loc = urlsplit(resp.headers["Location"])
                path = loc.path + (f"?{loc.query}" if loc.query else "")
                method, body = "GET", None
                continue
            return resp, path
        raise RuntimeError(f"too many redirects at {path}")

    def close(self) -> None:
        self.http.close()


NAVIGATE = {"Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "document"}


# --------------------------------------------------------------------------------------------
# The kernel protocol over the websocket
# --------------------------------------------------------------------------------------------
class Kernel:
    def __init__(self, ws, session: str):
        self.ws, self.session = ws, session
        self.widgets: dict[str, dict] = {}  # comm id -> widget state
        self.waiters: dict[str, asyncio.Future] = {}
        self.replies: dict[str, dict] = {}
        self.idle_at: dict[str, float] = {}
        self.first_update_at: dict[str, float] = {}
        self.closed: str | None = None
        self.control_id: str | None = None
        self.bytes_in = 0
        self.reply_waiters: dict[str, asyncio.Future] = {}

    def message(self, msg_type: str, content: dict, channel: str = "shell") -> dict:
        return {
            "header": {
                "msg_id": uuid.uuid4().hex,
                "msg_type": msg_type,
                "session": self.session,
                "username": "participant",
                "version": "5.3",
                "date": datetime.now(timezone.utc).isoformat(),
            },
            "parent_header": {},
            "metadata": {},
            "content": content,
            "channel": channel,
        }

    async def send(self, msg: dict) -> float:
        # JupyterLab 4's binary protocol (v1.kernel.websocket.jupyter.org): the server relays
        # message parts without re-encoding them, as it does for a real browser.
        frame = serialize_msg_to_ws_v1(msg, msg["channel"], pack=_pack)
        await self.ws.write_message(frame, binary=True)
        return time.perf_counter()

    async def pump(self) -> None:
        """Read every message; keep widget states, replies and idle times."""
        while True:
            raw = await self.ws.read_message()
            now = time.perf_counter()
            if raw is None:
                self.closed = "websocket closed"
                for fut in [*self.waiters.values(), *self.reply_waiters.values()]:
                    if not fut.done():
                        fut.set_exception(RuntimeError(self.closed))
                return
            self.bytes_in += len(raw)
            _channel, parts = deserialize_msg_from_ws_v1(raw)
            header, parent_header = json.loads(parts[0]), json.loads(parts[1])
            kind = header["msg_type"]
            parent = parent_header.get("msg_id", "")
            if len(parts[3]) > BIG_MESSAGE and kind in ("comm_open", "comm_msg"):
                # A figure (each FigureWidget ships plotly.js, ~4 MB): never the main control,
                # and parsing it would starve this one-process client on a loaded machine.
                if parent and kind == "comm_msg" and parent not in self.first_update_at:
                    self.first_update_at[parent] = now
                continue
            content = json.loads(parts[3])
            if kind == "comm_open" and content.get("target_name") == "jupyter.widget":
                self.widgets[content["comm_id"]] = dict(content["data"].get("state", {}))
            elif kind == "comm_msg":
                data = content.get("data", {})
                if data.get("method") in ("update", "echo_update"):
                    state = self.widgets.setdefault(content["comm_id"], {})
                    state.update(data.get("state", {}))
                if parent and parent not in self.first_update_at:
                    if content["comm_id"] != self.control_id:
                        self.first_update_at[parent] = now
            elif kind.endswith("_reply"):
                self.replies[parent] = content
                fut = self.reply_waiters.pop(parent, None)
                if fut is not None and not fut.done():
                    fut.set_result(content)
            elif kind == "status" and content.get("execution_state") == "idle":
                self.idle_at[parent] = now
                fut = self.waiters.pop(parent, None)
                if fut is not None and not fut.done():
                    fut.set_result(now)

    def wait_reply(self, msg_id: str) -> asyncio.Future:
        """The shell reply: it can arrive after the iopub idle status of the same request."""
        fut = asyncio.get_running_loop().create_future()
        if msg_id in self.replies:
            fut.set_result(self.replies[msg_id])
        else:
            self.reply_waiters[msg_id] = fut
        return fut

    def wait_idle(self, msg_id: str) -> asyncio.Future:
        fut = asyncio.get_running_loop().create_future()
        if msg_id in self.idle_at:
            fut.set_result(self.idle_at[msg_id])
        else:
            self.waiters[msg_id] = fut
        return fut


def _pack(obj) -> bytes:
    return json.dumps(obj).encode()


def main_control(kernel: Kernel) -> tuple[str, dict] | None:
    for comm_id, state in kernel.widgets.items():
        if MAIN_CONTROL in (state.get("_dom_classes") or []):
            return comm_id, state
    return None


def control_moves(state: dict, moves: int) -> list[tuple[str, dict]]:
    """The state updates a browser sends for ``moves`` presses, alternating right and left."""
    if state.get("_model_name") == "ButtonModel":
        return [("custom", {"event": "click"})] * moves
    if "index" in state and state.get("_options_labels"):
        i, n = state["index"], len(state["_options_labels"])
        j = i + 1 if i + 1 < n else i - 1
        return [("update", {"index": j if k % 2 == 0 else i}) for k in range(moves)]
    value, step = state["value"], state.get("step") or 1
    lo, hi = state.get("min", value - step), state.get("max", value + step)
    other = value + step if value + step <= hi else value - step
    if other < lo:
        raise RuntimeError(f"main control {state.get('_model_name')} cannot move: {state}")
    return [("update", {"value": other if k % 2 == 0 else value}) for k in range(moves)]


# --------------------------------------------------------------------------------------------
# A participant
# --------------------------------------------------------------------------------------------
@dataclass
class Result:
    name: str
    ok: bool = False
    error: str = ""
    stage: str = "start"
    landed_on: str = ""
    run_all_done_s: list = field(default_factory=list)  # since the start of the load
    run_all_s: list = field(default_factory=list)  # each Run All's own duration
    move_ms: list = field(default_factory=list)  # comm update sent -> kernel idle
    update_ms: list = field(default_factory=list)  # comm update sent -> first figure update
    kernels: dict = field(default_factory=dict)  # kernel id -> lesson
    ws_bytes: int = 0  # kernel websocket bytes received


async def log_in(b: Browser, name: str, password: str) -> None:
    """The hub's login form, as a browser fills it in."""
    resp, _ = await b.fetch("GET", "/hub/login", headers=NAVIGATE)
    m = re.search(rb'name="_xsrf"\s+value="([^"]+)"', resp.body or b"")
    form = {"username": name, "password": password, "_xsrf": m.group(1).decode() if m else ""}
    resp, _ = await b.fetch(
        "POST", "/hub/login?next=%2Fhub%2Fhome", body=urlencode(form), follow=False
    )
    if resp.code != 302 or not b.cookie("jupyterhub-hub-login", "/hub/"):
        raise RuntimeError(f"login of {name} refused (HTTP {resp.code})")


async def start_server(b: Browser, name: str, t0: float, limit_s: float) -> None:
    """/hub/spawn, then the pending page until the hub redirects to the ready server."""
    await b.fetch("GET", "/hub/spawn", headers=NAVIGATE, follow=False)
    while True:
        resp, _ = await b.fetch("GET", f"/hub/spawn-pending/{name}", headers=NAVIGATE, follow=False)
        if resp.code == 302:
            return
        if resp.code != 200:
            raise RuntimeError(f"spawn-pending answered HTTP {resp.code}")
        if b"Spawn failed" in (resp.body or b""):
            raise RuntimeError("the hub says the spawn failed")
        if time.perf_counter() - t0 > limit_s:
            raise RuntimeError("server not ready within the time limit")
        await asyncio.sleep(1.0)  # polling a starting server, as the pending page does


async def participant(name: str, base: str, password: str, lessons, moves, t0, limit_s) -> Result:
    from tornado.websocket import websocket_connect

    r = Result(name)
    b = Browser(base)
    user = f"/user/{name}"
    try:
        r.stage = "login"
        await log_in(b, name, password)
        r.stage = "spawn"
        await start_server(b, name, t0, limit_s)

        r.stage = "open"
        resp, path = await b.fetch("GET", f"{user}/", headers=NAVIGATE)
        r.landed_on = path.split("?")[0]
        if resp.code != 200 or not r.landed_on.endswith(START_PATH):
            raise RuntimeError(f"opening {user}/ landed on {path} (HTTP {resp.code})")
        xsrf = b.cookie("_xsrf", f"{user}/")
        api = {"Content-Type": "application/json", "X-XSRFToken": xsrf}

        for lesson in lessons:
            rel = f"notebooks/{lesson.name}"
            r.stage = f"{lesson.stem}: session"
            body = {
                "path": rel,
                "name": lesson.name,
                "type": "notebook",
                "kernel": {"name": "python3"},
            }
            resp, _ = await b.fetch("POST", f"{user}/api/sessions", json.dumps(body), api)
            if resp.code != 201:
                raise RuntimeError(f"POST /api/sessions answered HTTP {resp.code}")
            kernel_id = json.loads(resp.body)["kernel"]["id"]
            r.kernels[kernel_id] = lesson.stem
            resp, _ = await b.fetch("GET", f"{user}/api/contents/{rel}?content=1", headers=api)
            cells = [
                c
                for c in json.loads(resp.body)["content"]["cells"]
                if c["cell_type"] == "code" and "".join(c["source"]).strip()
            ]

            r.stage = f"{lesson.stem}: websocket"
            session = uuid.uuid4().hex
            ws_path = f"{user}/api/kernels/{kernel_id}/channels?session_id={session}"
            ws = await websocket_connect(
                _ws_request(
                    base.replace("http", "ws", 1) + ws_path, b.cookie_header(ws_path), base
                ),
                max_message_size=256 * 1024 * 1024,
                subprotocols=["v1.kernel.websocket.jupyter.org"],
            )
            kernel = Kernel(ws, session)
            pump = asyncio.create_task(kernel.pump())
            try:
                r.stage = f"{lesson.stem}: run all"
                started = time.perf_counter()
                sent = []
                for cell in cells:
                    msg = kernel.message(
                        "execute_request",
                        {
                            "code": "".join(cell["source"]),
                            "silent": False,
                            "store_history": True,
                            "user_expressions": {},
                            "allow_stdin": False,
                            "stop_on_error": True,
                        },
                    )
                    await kernel.send(msg)
                    sent.append((msg["header"]["msg_id"], cell))
                await kernel.wait_idle(sent[-1][0])
                for msg_id, cell in sent:
                    reply = await kernel.wait_reply(msg_id)
                    tags = cell.get("metadata", {}).get("tags", [])
                    if reply.get("status") != "ok" and "raises-exception" not in tags:
                        src = "".join(cell["source"]).strip().splitlines()[0][:60]
                        raise RuntimeError(
                            f"cell '{src}' gave {reply.get('status')}: "
                            f"{reply.get('ename', '')} {reply.get('evalue', '')[:120]}"
                        )
                done = time.perf_counter()
                r.run_all_s.append(done - started)
                r.run_all_done_s.append(done - t0)

                r.stage = f"{lesson.stem}: moves"
                found = main_control(kernel)
                if found is None:
                    raise RuntimeError(f"no widget with class {MAIN_CONTROL} after Run All")
                kernel.control_id, state = found
                for method, change in control_moves(state, moves):
                    data = (
                        {"method": "update", "state": change, "buffer_paths": []}
                        if method == "update"
                        else {"method": "custom", "content": change}
                    )
                    msg = kernel.message("comm_msg", {"comm_id": kernel.control_id, "data": data})
                    t_sent = await kernel.send(msg)
                    idle = await kernel.wait_idle(msg["header"]["msg_id"])
                    r.move_ms.append((idle - t_sent) * 1000)
                    upd = kernel.first_update_at.get(msg["header"]["msg_id"])
                    if upd is None:
                        raise RuntimeError("a control move redrew nothing (no widget update)")
                    r.update_ms.append((upd - t_sent) * 1000)
            finally:
                pump.cancel()
                ws.close()
                r.ws_bytes += kernel.bytes_in
        r.ok, r.stage = True, "done"
    except Exception as err:  # noqa: BLE001 (a participant's failure is a finding to report)
        r.error = f"{type(err).__name__}: {err}"[:400]
    finally:
        b.close()
    return r


def _ws_request(url: str, cookie: str, origin: str):
    from tornado.httpclient import HTTPRequest

    return HTTPRequest(url, headers={"Cookie": cookie, "Origin": origin}, request_timeout=300)


# --------------------------------------------------------------------------------------------
# The hub: start, wait, stop
# --------------------------------------------------------------------------------------------
class Hub:
    """deploy/jupyterhub_config.py (or ``config``, a file that loads it and changes a few
    settings) on 127.0.0.1, its state in ``scratch``. ``sample``: watch its processes from the
    start (the load test's figures); without it, a run starts its own Sampler."""

    def __init__(self, scratch: Path, port: int | None, config: Path = CONFIG, sample: bool = True):
        # port None: chosen at each start (free_port), so a retried start never waits on the
        # port its first try left behind, and nothing can take it between choosing and binding.
        self.auto_port = port is None
        self.port = free_port() if port is None else port
        self.scratch, self.config, self.sample = scratch, config, sample
        self.password = secrets.token_urlsafe(16)
        self.proc: subprocess.Popen | None = None
        self.log_path = scratch / "jupyterhub.log"
        self.sampler: Sampler | None = None

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.port}"

    def start(self, timeout_s: float) -> None:
        if not PROXY.exists():
            raise LoadTestError(
                f"{PROXY.relative_to(REPO)} is missing: run `npm ci --prefix deploy` first"
            )
        if self.auto_port:
            self.port = free_port()
        hub_port = free_port(exclude=(self.port,))
        api_port = free_port(exclude=(self.port, hub_port))
        for port in (self.port, hub_port, api_port):
            check_port_free(port)
        env = dict(
            os.environ,
            DEMANDLAB_HUB_PASSWORD=self.password,
            DEMANDLAB_HUB_BIND_URL=f"{self.base}/",
            DEMANDLAB_HUB_STATE=str(self.scratch / "state"),
            NPM_CONFIG_CACHE=str(self.scratch / "npm"),
            XDG_CACHE_HOME=str(self.scratch / "cache"),
            PYTHONDONTWRITEBYTECODE="1",
        )
        exe = Path(sys.executable).with_name("jupyterhub")
        cmd = [
            str(exe),
            "-f",
            str(self.config),
            f"--JupyterHub.hub_bind_url=http://{HOST}:{hub_port}",
            f"--ConfigurableHTTPProxy.api_url=http://{HOST}:{api_port}",
        ]
        log = open(self.log_path, "w")  # noqa: SIM115 (the hub writes to it until it stops)
        self.proc = subprocess.Popen(
            cmd,
            env=env,
            cwd=self.scratch,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        if self.sample:
            self.sampler = Sampler(self.proc.pid)
            self.sampler.start()
        deadline = time.monotonic() + timeout_s
        import urllib.error
        import urllib.request

        while True:
            try:
                with urllib.request.urlopen(f"{self.base}/hub/health", timeout=5) as r:
                    if r.status == 200:
                        return
            except (OSError, urllib.error.URLError):
                pass
            if self.proc.poll() is not None:
                raise LoadTestError(
                    f"jupyterhub exited with code {self.proc.returncode}:\n{self.log_tail()}"
                )
            if time.monotonic() > deadline:
                raise LoadTestError(f"the hub did not answer within {timeout_s:.0f} s")
            time.sleep(0.25)  # polling a starting process

    def log_tail(self, n: int = 3000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-n:]
        except OSError:
            return ""

    def stop(self) -> list[int]:
        """SIGTERM to the hub (it stops the servers and its proxy), then anything left of its
        tree by PID. Returns the PIDs that had to be killed."""
        if self.proc is None:
            return []
        if self.sampler is not None:
            self.sampler.sample()
            self.sampler.stopping.set()
        known = set(descendants(self.proc.pid)) | set(self.sampler.procs if self.sampler else [])
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=90)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        # A hub that exited on its own (a service too slow to start) leaves its children to
        # init: they still name this run's scratch folder in their command line or environment.
        known |= self.strays()
        killed = []
        for pid in known:
            if os.path.exists(f"/proc/{pid}") and _is_ours(pid):
                try:
                    os.kill(pid, signal.SIGKILL)
                    killed.append(pid)
                except ProcessLookupError:
                    pass
        return killed

    def strays(self) -> set[int]:
        """Processes whose command line or environment names this run's scratch folder."""
        mark, found = str(self.scratch), set()
        for entry in os.listdir("/proc"):
            if entry.isdigit() and int(entry) != os.getpid():
                if mark in _read(f"/proc/{entry}/cmdline") or mark in _read(
                    f"/proc/{entry}/environ"
                ):
                    found.add(int(entry))
        return found


HUB_PIECES = (
    "jupyterhub",
    "ipykernel_launcher",
    "configurable-http-proxy",
    "deploy/room/service.py",
)


def _is_ours(pid: int) -> bool:
    """Only kill a leftover if it is still a hub piece (the PID was not reused)."""
    line = _read(f"/proc/{pid}/cmdline")
    return any(k in line for k in HUB_PIECES)


# --------------------------------------------------------------------------------------------
# The run and its report
# --------------------------------------------------------------------------------------------
def percentile(values: list, q: float) -> float | None:
    if not values:
        return None
    s = sorted(values)
    k = (len(s) - 1) * q / 100
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def summarise(
    n: int, results: list, procs: dict, elapsed_s: float, moves: int, one_lesson_peak: dict
) -> dict:
    served = [r for r in results if r.ok]
    kernel_lesson = {k: v for r in results for k, v in r.kernels.items()}
    servers = [p for p in procs.values() if p.kind == "server"]
    kernels = [p for p in procs.values() if p.kind == "kernel"]
    server_by_pid = {p.pid: p for p in servers}
    per_server, per_kernel = [], []
    for s in sorted(servers, key=lambda p: p.user):
        per_server.append(
            {
                "user": s.user,
                "peak_mb": round(s.hwm_mb, 1),
                "end_mb": round(s.rss_mb, 1),
                "cpu_s": round(s.cpu_s, 1),
                "uid": s.uid,
            }
        )
    for k in kernels:
        owner = server_by_pid.get(k.parent)
        per_kernel.append(
            {
                "user": owner.user if owner else "",
                "lesson": kernel_lesson.get(k.kernel_id, ""),
                "peak_mb": round(k.hwm_mb, 1),
                "end_mb": round(k.rss_mb, 1),
                "cpu_s": round(k.cpu_s, 1),
                "uid": k.uid,
            }
        )
    per_kernel.sort(key=lambda k: (k["user"], k["lesson"]))
    move_ms = [m for r in results for m in r.move_ms]
    update_ms = [m for r in results for m in r.update_ms]
    done = [t for r in results for t in r.run_all_done_s]

    def med(xs):
        return round(statistics.median(xs), 1) if xs else None

    def rnd(x):
        return round(x, 1) if x is not None else None

    others = {
        kind: round(sum(p.hwm_mb for p in procs.values() if p.kind == kind), 1)
        for kind in ("proxy", "culler")
    }
    one_lesson = [
        s["peak_mb"] + k["peak_mb"]
        for s in per_server
        for k in per_kernel
        if k["user"] == s["user"] and k["lesson"].startswith("01-")
    ]
    cpu_total = sum(p.cpu_s for p in servers + kernels)
    return {
        "participants": n,
        "served": len(served),
        "failures": len(results) - len(served),
        "failed": [
            {"name": r.name, "stage": r.stage, "error": r.error} for r in results if not r.ok
        ],
        "moves_per_lesson": moves,
        "moves_timed": len(move_ms),
        "last_run_all_finished_s": rnd(max(done)) if done else None,
        "run_all_s_median": med([t for r in results for t in r.run_all_s]),
        "elapsed_s": round(elapsed_s, 1),
        "move_round_trip_ms": {
            "p50": rnd(percentile(move_ms, 50)),
            "p95": rnd(percentile(move_ms, 95)),
        },
        "move_first_update_ms": {
            "p50": rnd(percentile(update_ms, 50)),
            "p95": rnd(percentile(update_ms, 95)),
        },
        "server_peak_mb": {
            "median": med([s["peak_mb"] for s in per_server]),
            "max": max((s["peak_mb"] for s in per_server), default=None),
        },
        "kernel_peak_mb": {
            "median": med([k["peak_mb"] for k in per_kernel]),
            "max": max((k["peak_mb"] for k in per_kernel), default=None),
        },
        "server_end_mb": {"median": med([s["end_mb"] for s in per_server])},
        "kernel_end_mb": {"median": med([k["end_mb"] for k in per_kernel])},
        # Upper bound: the server's peak plus the lesson 01 kernel's peak (VmHWM).
        "participant_one_lesson_mb": {
            "median": med(one_lesson),
            "max": max(one_lesson, default=None),
        },
        # Sampled every 0.5 s: the largest server + kernel RSS while only lesson 01 was open.
        "participant_one_lesson_sampled_mb": {
            "median": med(list(one_lesson_peak.values())),
            "max": rnd(max(one_lesson_peak.values(), default=None)),
        },
        "websocket_mb_per_participant": med([r.ws_bytes / 1e6 for r in results if r.ok]),
        "cpu_s_per_participant": round(cpu_total / max(len(servers), 1), 1),
        "hub_peak_mb": rnd(procs.get(-1).hwm_mb) if -1 in procs else None,
        "proxy_and_culler_peak_mb": others,
        "landed_on": sorted({r.landed_on for r in results if r.landed_on}),
        "servers": per_server,
        "kernels": per_kernel,
        "cpus": len(os.sched_getaffinity(0)),
        "date": time.strftime("%Y-%m-%d"),
    }


def print_report(rep: dict) -> None:
    def ms(d):
        return f"p50 {d['p50']} ms, p95 {d['p95']} ms"

    print(f"participants served: {rep['served']} of {rep['participants']}")
    print(f"failures: {rep['failures']}")
    for f in rep["failed"]:
        print(f"  {f['name']} at {f['stage']}: {f['error']}")
    print(
        f"time until the last Run All finished: {rep['last_run_all_finished_s']} s "
        f"(one Run All took {rep['run_all_s_median']} s, median)"
    )
    print(
        "control move round trip (comm update sent -> kernel idle): "
        f"{ms(rep['move_round_trip_ms'])}"
        f" over {rep['moves_timed']} moves"
    )
    print(f"  sent -> first figure update received: {ms(rep['move_first_update_ms'])}")
    print(
        f"single-user server peak: median {rep['server_peak_mb']['median']} MB, "
        f"max {rep['server_peak_mb']['max']} MB"
    )
    print(
        f"lesson kernel peak: median {rep['kernel_peak_mb']['median']} MB, "
        f"max {rep['kernel_peak_mb']['max']} MB"
    )
    print(
        f"at the end (VmRSS): server median {rep['server_end_mb']['median']} MB, "
        f"kernel median {rep['kernel_end_mb']['median']} MB"
    )
    one, sampled = rep["participant_one_lesson_mb"], rep["participant_one_lesson_sampled_mb"]
    print(
        f"a participant with lesson 01 open: server + kernel RSS sampled, median "
        f"{sampled['median']} MB, max {sampled['max']} MB; sum of their peaks, median "
        f"{one['median']} MB, max {one['max']} MB"
    )
    print(f"kernel websocket traffic per participant: {rep['websocket_mb_per_participant']} MB")
    print(f"CPU seconds per participant (server + kernels): {rep['cpu_s_per_participant']}")
    print(f"hub peak {rep['hub_peak_mb']} MB; proxy and culler {rep['proxy_and_culler_peak_mb']}")
    print(f"whole run {rep['elapsed_s']} s on {rep['cpus']} CPUs")


async def run_participants(hub: Hub, n: int, lessons, moves: int, limit_s: float, t_start):
    t0 = time.perf_counter()
    names = [f"participant{i:03d}" for i in range(1, n + 1)]
    remaining = limit_s - (time.monotonic() - t_start)
    tasks = [
        asyncio.create_task(
            participant(name, hub.base, hub.password, lessons, moves, t0, remaining)
        )
        for name in names
    ]
    done, pending = await asyncio.wait(tasks, timeout=max(remaining, 1))
    results = []
    for name, task in zip(names, tasks):
        if task in done:
            results.append(task.result())
        else:
            task.cancel()
            results.append(
                Result(name, error="not finished within the time limit", stage="timeout")
            )
    return results


def run_in_thread(coro, timeout_s: float):
    """Run a coroutine to completion on a fresh event loop in a thread of its own, so that a
    caller whose thread already runs a loop (Playwright's sync API in a test process) can
    still wait for it. The coroutine carries its own deadlines; timeout_s is the last guard."""
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result(timeout=timeout_s)


def run_on(hub: Hub, n: int, moves: int, time_limit_s: float, t_start: float) -> dict:
    """N participants against a hub that is already up; the report covers only their servers
    and kernels (a hub shared with other tests may run others)."""
    lessons = find_lessons()
    sampler = hub.sampler
    if sampler is None:  # a shared hub: watch it for this run only
        sampler = Sampler(hub.proc.pid)
        sampler.start()
    try:
        results = run_in_thread(
            run_participants(hub, n, lessons, moves, time_limit_s, t_start), time_limit_s + 120
        )
        elapsed = time.monotonic() - t_start
        sampler.sample()
    finally:
        if sampler is not hub.sampler:
            sampler.stopping.set()
    names = {r.name for r in results}
    servers = {p.pid for p in sampler.procs.values() if p.kind == "server" and p.user in names}
    procs = {
        pid: p
        for pid, p in sampler.procs.items()
        if pid in servers
        or (p.kind == "kernel" and p.parent in servers)
        or p.kind in ("proxy", "culler")
    }
    hub_status = _read(f"/proc/{hub.proc.pid}/status")
    m = re.search(r"VmHWM:\s+(\d+)", hub_status)
    procs[-1] = Proc(-1, "hub", 0, hwm_mb=int(m.group(1)) / 1024 if m else 0.0)
    one_lesson = {pid: mb for pid, mb in sampler.one_lesson_peak.items() if pid in servers}
    return summarise(n, results, procs, elapsed, moves, one_lesson)


def run(n: int, port: int | None, moves: int, time_limit_s: float, keep_log: Path | None) -> dict:
    find_lessons()
    if port is not None:
        check_port_free(port)
    t_start = time.monotonic()
    scratch = Path(tempfile.mkdtemp(prefix="demandlab-hub-"))
    hub = Hub(scratch, port or None)
    # Last resort: if stopping itself hangs past the limit, kill the hub's tree and leave.
    watchdog = threading.Timer(time_limit_s + 120, _watchdog, args=(hub,))
    watchdog.daemon = True
    watchdog.start()
    try:
        hub.start(timeout_s=min(120, time_limit_s))
        return run_on(hub, n, moves, time_limit_s, t_start)
    finally:
        killed = hub.stop()
        if killed:
            print(f"killed {len(killed)} process(es) left after the hub stopped: {killed}")
        if keep_log is not None and hub.log_path.exists():
            keep_log.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(hub.log_path, keep_log)
        watchdog.cancel()
        shutil.rmtree(scratch, ignore_errors=True)


def _watchdog(hub: Hub) -> None:
    print("error: the hard time limit passed while stopping; killing the hub's processes")
    hub.stop()
    os._exit(3)


def main(argv: list | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--participants", type=int, default=30, help="simulated participants (30)")
    ap.add_argument("--moves", type=int, default=10, help="control moves per lesson (10)")
    ap.add_argument("--port", type=int, help="the hub's public port on 127.0.0.1 (default: free)")
    ap.add_argument(
        "--time-limit", type=float, help="hard limit in seconds (default 180 + 25 per participant)"
    )
    ap.add_argument("--json", type=Path, help="write the report here as JSON")
    ap.add_argument("--log", type=Path, help="keep the hub's log here")
    args = ap.parse_args(argv)
    limit = args.time_limit or 180 + 25 * max(args.participants, 0)
    try:
        check_participants(args.participants)
        if not 1 <= args.moves <= 1000:
            raise LoadTestError(f"--moves must be between 1 and 1000, got {args.moves}")
        if limit <= 0:
            raise LoadTestError(f"--time-limit must be positive, got {limit}")
        print(
            f"{args.participants} participants against the hub on {HOST}; hard limit {limit:.0f} s",
            flush=True,
        )
        report = run(args.participants, args.port, args.moves, limit, args.log)
    except LoadTestError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print_report(report)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2))
    return 0 if report["failures"] == 0 and report["served"] == args.participants else 1


if __name__ == "__main__":
    sys.exit(main())
