"""The notebook executor every test uses (tests/nbrun.py) and the nbval stage's guard
(tests/nbval_guard.py): a stalled run fails with a diagnosis instead of hanging, and a lost
socket wake-up costs a poll step, not the whole timeout."""

from __future__ import annotations

import asyncio
import time
from queue import Empty

import nbformat
import pytest

from tests.conftest import ROOT
from tests.nbrun import POLL_STEP_S, ExecutionStalled, GuardedClient, execute

pytestmark = pytest.mark.kernel


class _LostWakeup:
    """A channel whose message is already there, but whose first polls are never woken:
    the shape of the stall seen in CI (reply waiting in the socket, client asleep)."""

    def __init__(self, lost_polls: int) -> None:
        self.lost_polls = lost_polls
        self.waits: list[float | None] = []

    async def get_msg(self, timeout=None):
        self.waits.append(timeout)
        if len(self.waits) <= self.lost_polls:
            raise Empty  # the poll timed out although the message was there
        return {"header": {"msg_type": "execute_reply"}, "parent_header": {}, "content": {}}


def _stepped(channel):
    client = GuardedClient(nbformat.v4.new_notebook())
    return client._stepped(channel.get_msg, "shell"), client


def test_a_lost_wakeup_costs_one_poll_step_not_the_timeout():
    channel = _LostWakeup(lost_polls=1)
    get_msg, client = _stepped(channel)
    msg = asyncio.run(get_msg(timeout=300))
    assert msg["header"]["msg_type"] == "execute_reply"
    assert channel.waits == [POLL_STEP_S, POLL_STEP_S], "each wait must be one short step"
    assert client.trail.empty_polls["shell"] == 1 and client.trail.counts["shell"] == 1


def test_stepped_wait_still_times_out_at_the_callers_timeout():
    channel = _LostWakeup(lost_polls=10**6)
    get_msg, _ = _stepped(channel)
    with pytest.raises(Empty):
        asyncio.run(get_msg(timeout=0.05))
    assert all(w is not None and w <= 0.05 for w in channel.waits)


def test_canary_an_unstepped_wait_takes_the_whole_timeout():
    """Without the steps, the same lost wake-up costs the caller's whole timeout (the hang):
    the test above would fail on a get_msg that passed the timeout straight through."""
    channel = _LostWakeup(lost_polls=1)
    with pytest.raises(Empty):
        asyncio.run(channel.get_msg(timeout=300))
    assert channel.waits == [300]


def test_a_stalled_run_fails_with_the_kernels_stack(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_code_cell("import time\ntime.sleep(600)  # a cell that never ends"),
    ]
    start = time.monotonic()
    with pytest.raises(ExecutionStalled) as err:
        execute(nb, tmp_path, cell_timeout_s=300, deadline_s=8, label="stall-canary")
    text = str(err.value)
    assert time.monotonic() - start < 120, "the guard did not end the run"
    assert "stall-canary: no result after 8 s" in text
    assert "cell being executed: 1" in text
    assert "py-spy dump" in text and "<module>" in text, text[:3000]
    assert "client sockets:" in text and "execute_request" not in text.split("---")[0]


def test_a_cell_timeout_is_diagnosed_too(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import time\ntime.sleep(600)")]
    with pytest.raises(ExecutionStalled, match="cell 0 passed its 3 s"):
        execute(nb, tmp_path, cell_timeout_s=3, deadline_s=300, label="cell-timeout")


def test_nbval_guard_fails_a_stalled_cell_with_a_diagnosis(tmp_path, pytester, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import time\ntime.sleep(600)")]
    path = tmp_path / "stall.ipynb"
    nbformat.write(nb, path)
    result = pytester.runpytest_subprocess(
        "-p",
        "tests.nbval_guard",
        "--nbval-lax",
        "--nbval-current-env",
        "--nbval-cell-timeout=60",
        "--nbval-guard-s=5",
        "-p",
        "no:cacheprovider",
        f"--rootdir={ROOT}",
        str(path),
        timeout=180,
    )
    out = result.stdout.str()
    assert result.ret == 1, out[-3000:]
    assert "the cell passed its 5 s deadline" in out, out[-3000:]
    assert "py-spy dump" in out and "time.sleep" not in out.split("py-spy dump")[0], out[-3000:]
    assert "<module>" in out.split("py-spy dump")[1], "the kernel's stack is not in the diagnosis"
