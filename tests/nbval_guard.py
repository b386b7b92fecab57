"""A pytest plugin for the nbval stage: no notebook cell can hang the run.

nbval waits for a cell's reply with ``--nbval-cell-timeout`` (2,000 s by default) and says
nothing about why a kernel went quiet. This plugin (``-p tests.nbval_guard``) puts a
wall-clock deadline on every nbval cell: when it passes, it records the diagnosis
tests/nbrun.py gives (py-spy dump of the kernel, the client's stacks) and kills the kernel,
so the cell fails at once with that diagnosis and the next notebook starts a fresh kernel.
nbval's reads wait in steps of POLL_STEP_S, as tests/nbrun.py's do (the lost wake-up that
module's docstring describes).

    --nbval-guard-s=N   seconds a cell may take before it is a stall (default 180)
"""

from __future__ import annotations

import os
import signal
import threading
import time
from queue import Empty

import pytest

from tests.nbrun import POLL_STEP_S, ExecutionStalled, _dump_client, _dump_kernel


def pytest_addoption(parser):
    parser.addoption(
        "--nbval-guard-s",
        type=float,
        default=180.0,
        help="seconds an nbval cell may run before it is killed as a stall (tests.nbval_guard)",
    )


def _kernel_pid(kernel) -> int | None:
    provisioner = getattr(getattr(kernel, "km", None), "provisioner", None)
    process = getattr(provisioner, "process", None)
    return getattr(process, "pid", None) or getattr(provisioner, "pid", None)


def _stepped_waits(kernel, stalls: list[str]) -> None:
    """nbval reads every message through ``kernel.get_message(stream, timeout)``: wait in
    steps of POLL_STEP_S, and give up at once when the guard has declared a stall (so the
    cell fails now, not after nbval's own cell timeout)."""
    original = getattr(kernel, "_dl_original_get_message", None) or kernel.get_message
    kernel._dl_original_get_message = original

    def get_message(stream, timeout=None):
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            if stalls:
                raise Empty
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            try:
                return original(
                    stream, timeout=POLL_STEP_S if left is None else min(POLL_STEP_S, left)
                )
            except Empty:
                if deadline is not None and time.monotonic() >= deadline:
                    raise

    kernel.get_message = get_message


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    kernel = getattr(getattr(item, "parent", None), "kernel", None)
    if kernel is None or not hasattr(item, "cell"):
        return (yield)
    deadline = item.config.getoption("--nbval-guard-s")
    stalls: list[str] = []

    def stall() -> None:
        pid = _kernel_pid(kernel)
        stalls.append(
            f"{item.nodeid}: the cell passed its {deadline:.0f} s deadline.\n"
            + _dump_kernel(pid)
            + "\n"
            + _dump_client()
        )
        if pid is not None:
            try:
                os.kill(pid, signal.SIGKILL)  # nbval's next read finds a dead kernel and fails
            except ProcessLookupError:
                pass

    _stepped_waits(kernel, stalls)
    timer = threading.Timer(deadline, stall)
    timer.daemon = True
    timer.start()
    try:
        result = yield
    except BaseException as err:
        if stalls:
            raise ExecutionStalled(stalls[0]) from err
        raise
    finally:
        timer.cancel()
    if stalls:
        raise ExecutionStalled(stalls[0])
    return result
