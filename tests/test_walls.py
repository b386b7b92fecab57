"""Walls on the workshop hub (issue 26): no participant can read, change or act as another
participant, the instructor or the hub.

On the run's one real hub (deploy/jupyterhub_config.py as `make hub` starts it, only its state
folder and address changed: tests/conftest.py's ``room_hub``), two participants and the
instructor log in through the login form and start their servers. Then, from the first
participant's kernel (code sent over the server's kernel websocket with that participant's
login cookie, as JupyterLab sends a cell), a curious participant tries each of:

- read the hub's cookie secret, the hub's database and the room's ``room.sqlite``;
- read the other participant's notebook, and write into their notebooks folder;
- read the instructor's server environment (where its ``JUPYTERHUB_API_TOKEN`` is);
- signal the other participant's kernel;
- reveal, reset and export the room with every token it can find.

Every attempt must fail. The same attempts against a canary hub configured the old way
(tests/roomhub.py's ``CANARY_CONFIG``: every server as the hub's user, the manage scope in an
instructor's server token) must each succeed, so the test can fail.
"""

from __future__ import annotations

import ast
import asyncio
import importlib.util
import json
import uuid

import pytest

from tests.roomhub import INSTRUCTOR, RoomHub, call, loadtest, run_async

# Both tests start or use a real hub (the canary is the run's one extra): the hub mark keeps
# them out of `make test-fast` and on the shared hub's xdist worker (tests/conftest.py).
pytestmark = [pytest.mark.hub] + (
    [pytest.mark.timeout(900)] if importlib.util.find_spec("pytest_timeout") is not None else []
)

CURIOUS, OTHER = "curious", "colleague"
STEP_TIMEOUT_S = 300  # each login, server start, kernel start or cell; the whole run: 600 s

# Runs in the curious participant's kernel. CTX is what anyone on the machine can learn: the
# state folder's path (it is in every server's command line), user names, PIDs from /proc.
ATTEMPTS = r"""
import json, os, signal, urllib.error, urllib.request
ctx = json.loads(CTX)
out = {}

def attempt(name, action):
    try:
        out[name] = ["succeeded", str(action())[:200]]
    except Exception as err:
        out[name] = ["failed", f"{type(err).__name__}: {err}"[:200]]

def read(path):
    with open(path, "rb") as f:
        return f"read {len(f.read())} bytes"

def plant(folder):
    with open(os.path.join(folder, "planted-by-curious.txt"), "w") as f:
        f.write("the curious participant was here")
    return "wrote a file"

def environ(pid):
    with open(f"/proc/{pid}/environ", "rb") as f:
        env = dict(e.split("=", 1) for e in f.read().decode().split("\0") if "=" in e)
    return env

def instructor_token():
    env = environ(ctx["instructor_server_pid"])
    if "JUPYTERHUB_API_TOKEN" not in env:
        raise LookupError("no token in the instructor's server environment")
    return "read JUPYTERHUB_API_TOKEN of " + env.get("JUPYTERHUB_USER", "?")

def signal_kernel():
    os.kill(ctx["other_kernel_pid"], signal.SIGWINCH)  # harmless, but needs permission
    return "signalled"

# Every token this process can find: its own, and any in a readable process environment.
tokens = {os.environ["JUPYTERHUB_API_TOKEN"]}
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        tokens |= {v for k, v in environ(pid).items() if k.endswith("API_TOKEN") and v}
    except Exception:
        pass

def room(method, path, payload=None):
    codes = []
    for token in sorted(tokens):
        req = urllib.request.Request(
            os.environ["DEMANDLAB_ROOM_URL"] + path, method=method,
            data=None if payload is None else json.dumps(payload).encode(),
            headers={"Authorization": f"token {token}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return f"HTTP {r.status} with one of {len(tokens)} tokens"
        except urllib.error.HTTPError as err:
            codes.append(err.code)
    raise PermissionError(f"every one of {len(tokens)} tokens refused: HTTP {codes}")

state = ctx["state"]
attempt("read the hub's cookie secret", lambda: read(f"{state}/jupyterhub_cookie_secret"))
attempt("read the hub's database", lambda: read(f"{state}/jupyterhub.sqlite"))
attempt("read the room's answers (room.sqlite)", lambda: read(f"{state}/room.sqlite"))
attempt("read the other participant's notebook", lambda: read(ctx["other_notebook"]))
attempt("write into the other participant's notebooks", lambda: plant(ctx["other_folder"]))
attempt("read the instructor's server environment", instructor_token)
attempt("signal the other participant's kernel", signal_kernel)
attempt("reveal a lesson", lambda: room("POST", "api/lessons/00/reveal", {"revealed": True}))
RESET = {"lesson": "05", "confirm": "reset 05"}
attempt("reset a lesson", lambda: room("POST", "api/reset", RESET))
attempt("export every answer", lambda: room("GET", "api/export.csv"))
RESULT = json.dumps(out)
"""
EXPECTED = [
    "read the hub's cookie secret",
    "read the hub's database",
    "read the room's answers (room.sqlite)",
    "read the other participant's notebook",
    "write into the other participant's notebooks",
    "read the instructor's server environment",
    "signal the other participant's kernel",
    "reveal a lesson",
    "reset a lesson",
    "export every answer",
]


# --- A participant's browser: login form, server, a kernel on the websocket -----------------
async def log_in_and_start(hub: RoomHub, name: str) -> loadtest.Browser:
    b = loadtest.Browser(hub.base)
    await loadtest.log_in(b, name, hub.password(name))
    await loadtest.start_server(b, name, loadtest.time.perf_counter(), STEP_TIMEOUT_S)
    resp, path = await b.fetch("GET", f"/user/{name}/", headers=loadtest.NAVIGATE)
    assert resp.code == 200 and path.startswith(f"/user/{name}/lab"), (resp.code, path)
    return b


async def open_kernel(hub: RoomHub, b: loadtest.Browser, name: str):
    from tornado.websocket import websocket_connect

    user = f"/user/{name}"
    resp, _ = await b.fetch(
        "POST",
        f"{user}/api/kernels",
        json.dumps({"name": "python3"}),
        {"Content-Type": "application/json", "X-XSRFToken": b.cookie("_xsrf", f"{user}/")},
    )
    assert resp.code == 201, (resp.code, resp.body[:300])
    kernel_id = json.loads(resp.body)["id"]
    session = uuid.uuid4().hex
    ws_path = f"{user}/api/kernels/{kernel_id}/channels?session_id={session}"
    ws = await websocket_connect(
        loadtest._ws_request(
            hub.base.replace("http", "ws", 1) + ws_path, b.cookie_header(ws_path), hub.base
        ),
        subprotocols=["v1.kernel.websocket.jupyter.org"],
    )
    kernel = loadtest.Kernel(ws, session)
    kernel.pump_task = asyncio.create_task(kernel.pump())
    return kernel


async def run_cell(kernel, code: str, expression: str) -> str:
    """Runs ``code`` and returns the value of ``expression`` (the cell's user_expressions)."""
    msg = kernel.message(
        "execute_request",
        {
            "code": code,
            "silent": False,
            "store_history": False,
            "user_expressions": {"value": expression},
            "allow_stdin": False,
            "stop_on_error": True,
        },
    )
    await kernel.send(msg)
    reply = await asyncio.wait_for(kernel.wait_reply(msg["header"]["msg_id"]), STEP_TIMEOUT_S)
    assert reply["status"] == "ok", reply
    value = reply["user_expressions"]["value"]
    assert value["status"] == "ok", value
    return ast.literal_eval(value["data"]["text/plain"])


async def stop_server(b: loadtest.Browser, name: str) -> None:
    await b.fetch(
        "DELETE",
        f"/hub/api/users/{name}/server",
        headers={"X-XSRFToken": b.cookie("_xsrf", "/hub/")},
        follow=False,
    )


# --- What the machine shows about the hub's processes (the test runs as root) ---------------
def server_pid(hub: RoomHub, name: str) -> int:
    for pid in loadtest.descendants(hub.hub.proc.pid):
        if "jupyterhub-singleuser" in loadtest._read(f"/proc/{pid}/cmdline"):
            env = loadtest._read(f"/proc/{pid}/environ").split("\0")
            if f"JUPYTERHUB_USER={name}" in env:
                return pid
    raise LookupError(f"no server of {name} under the hub")


def kernel_pid(server: int) -> int:
    for pid in loadtest.descendants(server):
        if "ipykernel_launcher" in loadtest._read(f"/proc/{pid}/cmdline"):
            return pid
    raise LookupError(f"no kernel under server {server}")


def server_token(pid: int) -> str:
    env = loadtest._read(f"/proc/{pid}/environ").split("\0")
    return next(e.split("=", 1)[1] for e in env if e.startswith("JUPYTERHUB_API_TOKEN="))


def cross_the_walls(hub: RoomHub) -> tuple[dict, dict]:
    """Each attempt's outcome from the curious participant's kernel, and what the test saw."""

    async def main():
        names = [CURIOUS, OTHER, INSTRUCTOR]
        browsers: dict[str, loadtest.Browser] = {}
        kernels = []
        try:
            started = await asyncio.gather(*(log_in_and_start(hub, n) for n in names))
            browsers.update(zip(names, started))
            kernels.append(await open_kernel(hub, browsers[OTHER], OTHER))
            kernels.append(await open_kernel(hub, browsers[CURIOUS], CURIOUS))
            other_home = hub.state / "home" / OTHER
            token = server_token(server_pid(hub, INSTRUCTOR))
            seen = {
                "uid": {n: _uid(server_pid(hub, n)) for n in names},
                # What the instructor's server token may do, read here by root (while the
                # server runs: stopping it revokes the token).
                "instructor_token": {
                    "people": call(hub, token, "GET", "api/lessons/01/people")[0],
                    "reveal": call(
                        hub, token, "POST", "api/lessons/00/reveal", {"revealed": False}
                    )[0],
                    "export": call(hub, token, "GET", "api/export.csv")[0],
                },
            }
            ctx = {
                "state": str(hub.state),
                "other_notebook": str(other_home / "notebooks" / "00-start-here.ipynb"),
                "other_folder": str(other_home / "notebooks"),
                "instructor_server_pid": server_pid(hub, INSTRUCTOR),
                "other_kernel_pid": kernel_pid(server_pid(hub, OTHER)),
            }
            code = f"CTX = {json.dumps(json.dumps(ctx))}\n" + ATTEMPTS
            seen["kernel_uid"] = await run_cell(kernels[-1], "import os", "str(os.getuid())")
            return json.loads(await run_cell(kernels[-1], code, "RESULT")), seen
        finally:
            for k in kernels:
                k.pump_task.cancel()
                k.ws.close()
            for name, b in browsers.items():
                await stop_server(b, name)
                b.close()

    async def bounded():
        return await asyncio.wait_for(main(), 2 * STEP_TIMEOUT_S)

    return run_async(bounded())


def _uid(pid: int) -> int:
    status = loadtest._read(f"/proc/{pid}/status")
    return int(next(line for line in status.splitlines() if line.startswith("Uid:")).split()[1])


def table(outcomes: dict) -> str:
    return "\n".join(f"  {k}: {v[0]} ({v[1]})" for k, v in outcomes.items())


@pytest.fixture(scope="module")
def canary_hub():
    """The one hub a run may start besides ``room_hub``: the old configuration."""
    hub = RoomHub(canary=True)
    try:
        yield hub.start()
    finally:
        hub.stop()


def test_no_participant_can_cross_the_walls(room_hub):
    outcomes, seen = cross_the_walls(room_hub)
    print("\nfrom a participant's kernel on the hub:\n" + table(outcomes))
    assert list(outcomes) == EXPECTED
    crossed = {k: v for k, v in outcomes.items() if v[0] != "failed"}
    assert crossed == {}, table(crossed)
    # Each server runs as a uid of its own, and so does the kernel: never root.
    uids = seen["uid"]
    assert len(set(uids.values())) == 3 and 0 not in uids.values(), uids
    assert int(seen["kernel_uid"]) == uids[CURIOUS]
    # Even read by root, the instructor's server token can read the room but never manage it.
    assert seen["instructor_token"] == {"people": 200, "reveal": 403, "export": 403}


def test_each_attempt_succeeds_on_a_hub_configured_the_old_way(canary_hub):
    """The canary: the same attempts on the old configuration all succeed, so the test above
    fails if a wall falls."""
    outcomes, seen = cross_the_walls(canary_hub)
    print("\nfrom a participant's kernel on the old hub:\n" + table(outcomes))
    assert list(outcomes) == EXPECTED
    held = {k: v for k, v in outcomes.items() if v[0] != "succeeded"}
    assert held == {}, table(held)
    assert set(seen["uid"].values()) == {0}  # every server as the hub's user, root
    assert seen["instructor_token"] == {"people": 200, "reveal": 200, "export": 200}
