"""Execute a notebook in a real kernel with a hard wall-clock guard and a diagnosis on a stall.

Every test (and benchmark) that executes a notebook goes through :func:`execute`:

- each cell has its own timeout (nbclient's), and the whole run has a wall-clock deadline
  kept by a watchdog thread, so no execution can hang a test run;
- when the deadline passes, the watchdog records what both sides were doing: ``py-spy dump``
  of the kernel (its Python stacks, every thread), the client's own thread stacks, and the
  last messages seen on each channel (shell, iopub, control), then kills the kernel so the
  client returns; :class:`ExecutionStalled` carries that report;
- the run's trail of messages is kept either way, so a slow run can be read afterwards.

Why a watchdog and not only nbclient's timeouts: a cell timeout only fires while the client
waits for that cell's reply, and it raises without saying what the kernel was doing.

The hang this module exists for (issue 23), pinned on a live stall in a fresh-clone CI run:
the kernel had finished the cell and was idle (it answered a second client at once), while
nbclient's event loop slept in epoll with the execute_reply already waiting in its shell
socket (ZMQ_EVENTS had POLLIN set on the shell and the iopub sockets). The asyncio
integration of pyzmq missed the edge-triggered wake-up, so nbclient waited out its whole cell
timeout (jupyter/nbclient#312; the workaround proposed there, nbclient#311, bounds every
wait). :class:`GuardedClient` therefore never waits on a socket for more than
``POLL_STEP_S`` at a time: each new poll checks the socket's events first, so a message that
is already there is read within a second even when its wake-up was lost.
"""

from __future__ import annotations

import collections
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import traceback
from pathlib import Path
from queue import Empty

import nbformat
import zmq
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
TRAIL_KEPT = 60  # last messages kept per channel for a diagnosis
POLL_STEP_S = 1.0  # longest single wait on a socket (see the module docstring)


class ExecutionStalled(AssertionError):
    """The run passed its wall-clock deadline; ``str(err)`` is the diagnosis."""


class _Trail:
    """The last messages seen on each channel, with the time since the run started."""

    def __init__(self) -> None:
        self.start = time.monotonic()
        self.seen: dict[str, collections.deque] = collections.defaultdict(
            lambda: collections.deque(maxlen=TRAIL_KEPT)
        )
        self.counts: collections.Counter = collections.Counter()
        self.empty_polls: collections.Counter = collections.Counter()
        self.lost_wakeups: collections.Counter = collections.Counter()
        self.current_cell = -1

    def add(self, channel: str, msg: dict) -> None:
        parent = msg.get("parent_header") or {}
        content = msg.get("content") or {}
        detail = content.get("execution_state") or content.get("status") or content.get("name")
        self.counts[channel] += 1
        self.seen[channel].append(
            f"{time.monotonic() - self.start:8.2f}s {msg['header']['msg_type']:<20} "
            f"parent={parent.get('msg_type', '-')}:{str(parent.get('msg_id', '-'))[-8:]}"
            + (f" {detail}" if detail else "")
        )

    def report(self) -> str:
        lines = [
            f"cell being executed: {self.current_cell}",
            f"messages seen: {dict(self.counts)}; empty {POLL_STEP_S} s polls: "
            f"{dict(self.empty_polls)}; of them with a message waiting (lost wake-ups): "
            f"{dict(self.lost_wakeups)}",
        ]
        for channel, seen in self.seen.items():
            lines.append(f"--- last {len(seen)} on {channel}:")
            lines.extend(seen)
        return "\n".join(lines)


def _message_waits(socket) -> bool:
    """True when ``socket`` holds a message nobody has read (ZMQ_EVENTS has POLLIN)."""
    try:
        return bool(socket.getsockopt(zmq.EVENTS) & zmq.POLLIN)
    except Exception:  # no socket (a test double) or a closed one: nothing waits
        return False


def _py_spy() -> str | None:
    here = Path(sys.executable).with_name("py-spy")
    return str(here) if here.exists() else shutil.which("py-spy")


def _dump_kernel(pid: int | None) -> str:
    if pid is None:
        return "kernel: no process id (not started?)"
    spy = _py_spy()
    if spy is None:
        return f"kernel pid {pid}: py-spy is not installed, no stack dump"
    try:
        out = subprocess.run(
            [spy, "dump", "--pid", str(pid)], capture_output=True, text=True, timeout=30
        )
        return f"kernel pid {pid}, py-spy dump:\n{out.stdout}{out.stderr}"
    except (OSError, subprocess.TimeoutExpired) as err:
        return f"kernel pid {pid}: py-spy failed: {err}"


def _dump_client() -> str:
    frames = sys._current_frames()
    parts = []
    for thread in threading.enumerate():
        frame = frames.get(thread.ident)
        if frame is not None and thread is not threading.current_thread():
            parts.append(f"client thread {thread.name}:\n" + "".join(traceback.format_stack(frame)))
    return "\n".join(parts)


class GuardedClient(NotebookClient):
    """nbclient's client, recording every message it reads on each channel."""

    def __init__(self, nb, **kw) -> None:
        self.label = kw.pop("label", "notebook")
        super().__init__(nb, **kw)
        self.trail = _Trail()
        self.stalls: list[str] = []

    async def async_start_new_kernel_client(self):
        kc = await super().async_start_new_kernel_client()
        for name in ("shell_channel", "iopub_channel", "control_channel"):
            channel = getattr(kc, name)
            channel.get_msg = self._stepped(
                channel.get_msg, name.replace("_channel", ""), getattr(channel, "socket", None)
            )
        return kc

    def _stepped(self, original, name: str, socket=None):
        """``get_msg`` that waits in steps of at most POLL_STEP_S up to the caller's timeout,
        so a lost wake-up costs a second, not the whole timeout; it records each message, and
        counts a step that timed out with a message waiting in ``socket`` as a lost wake-up."""

        async def get_msg(timeout: float | None = None):
            deadline = None if timeout is None else time.monotonic() + timeout
            while True:
                left = None if deadline is None else max(0.0, deadline - time.monotonic())
                step = POLL_STEP_S if left is None else min(POLL_STEP_S, left)
                try:
                    msg = await original(timeout=step)
                except Empty:
                    if deadline is not None and time.monotonic() >= deadline:
                        raise
                    self.trail.empty_polls[name] += 1
                    if _message_waits(socket):
                        self.trail.lost_wakeups[name] += 1
                    continue
                self.trail.add(name, msg)
                return msg

        return get_msg

    async def async_execute_cell(self, cell, cell_index, *args, **kwargs):
        self.trail.current_cell = cell_index
        return await super().async_execute_cell(cell, cell_index, *args, **kwargs)

    async def _async_handle_timeout(self, timeout, cell=None):
        # A cell that outlives its timeout is a stall too: diagnose while the kernel still runs.
        self.stalls.append(self.diagnose(f"cell {self.trail.current_cell} passed its {timeout} s"))
        return await super()._async_handle_timeout(timeout, cell)

    def diagnose(self, reason: str) -> str:
        return "\n".join(
            [
                f"{self.label}: {reason}.",
                self.trail.report(),
                self.socket_events(),
                _dump_kernel(self.kernel_pid()),
                _dump_client(),
            ]
        )

    def socket_events(self) -> str:
        """Whether a message waits unread in each of the client's sockets (POLLIN set while
        the client sleeps is a lost wake-up)."""
        if self.kc is None:
            return "client sockets: closed"
        parts = []
        for name in ("shell_channel", "iopub_channel", "control_channel"):
            socket = getattr(getattr(self.kc, name, None), "socket", None)
            waiting = _message_waits(socket)
            parts.append(f"{name}: {'a message waits unread' if waiting else 'empty'}")
        return "client sockets: " + ", ".join(parts)

    def kernel_pid(self) -> int | None:
        provisioner = getattr(self.km, "provisioner", None) if self.km else None
        process = getattr(provisioner, "process", None)
        return getattr(process, "pid", None) or getattr(provisioner, "pid", None)


def execute(
    nb,
    workdir: Path | str,
    *,
    cell_timeout_s: int = 120,
    deadline_s: float = 600,
    label: str = "notebook",
) -> GuardedClient:
    """Run ``nb`` in place in a fresh ``python3`` kernel started in ``workdir``.

    Raises :class:`ExecutionStalled` (with the diagnosis) when the whole run takes longer
    than ``deadline_s``; nbclient's own errors (a cell that raised, a cell timeout) pass
    through. Returns the client (``client.trail`` holds the messages it read).
    """
    client = GuardedClient(
        nb,
        timeout=cell_timeout_s,
        kernel_name="python3",
        resources={"metadata": {"path": str(workdir)}},
        label=label,
        # A missing "idle" after a reply is an error to see, not a 4-second silent wait that
        # drops the cell's late outputs. Generous: a swept cell's thousands of widget messages
        # are still being read when its reply arrives.
        iopub_timeout=120,
        raise_on_iopub_timeout=True,
    )
    done = threading.Event()

    def watchdog() -> None:
        if done.wait(deadline_s):
            return
        client.stalls.append(client.diagnose(f"no result after {deadline_s:.0f} s (wall clock)"))
        pid = client.kernel_pid()
        if pid is not None:
            try:
                os.kill(pid, signal.SIGKILL)  # the client notices a dead kernel within 1 s
            except ProcessLookupError:
                pass

    guard = threading.Thread(target=watchdog, name=f"watchdog {label}", daemon=True)
    guard.start()
    try:
        client.execute()
    except Exception as err:
        if client.stalls:
            raise ExecutionStalled(client.stalls[0]) from err
        raise
    finally:
        done.set()
    return client


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def errors_in(nb) -> list[tuple[str, str, str]]:
    """(source start, error name, error value) for every error output of ``nb``."""
    return [
        (c.source[:80], o.get("ename"), o.get("evalue"))
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if o["output_type"] == "error"
    ]
