"""Every notebook, run for real in a kernel once, with sockets blocked, then swept.

- Determinism: the checked outputs of this run agree with the outputs committed in the
  notebook; the nbval stage (`make test-notebooks`) runs each lesson's student copy in a
  second kernel against the same committed outputs, so two runs agree with each other.
- No network: a first cell makes every Python socket connection fail; the lesson must
  not notice.
- Extremes: after Run All, every control is pushed to its minimum and maximum (every option,
  every button, hostile and huge text), then random combinations; no traceback may appear.
- Memory: the kernel's RSS after Run All stays within the budget for a small Binder machine.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import nbformat
import pytest

from demandlab.tools import CHECK_MARK
from tests.conftest import ROOT
from tests.nbrun import errors_in, execute

pytestmark = pytest.mark.kernel
NOTEBOOKS = sorted(ROOT.glob("notebooks/*.ipynb"))
RSS_BUDGET_MB = 250
REPORT = ROOT / "artifacts" / "notebook-runs.json"

BLOCK_NETWORK = """\
import socket as _socket

def _no_network(*args, **kwargs):
    raise OSError("network access is blocked in this test run")

_socket.socket.connect = _no_network
_socket.socket.connect_ex = _no_network
_socket.socket.sendto = _no_network
_socket.create_connection = _no_network
_socket.getaddrinfo = _no_network
"""

SANITIZE = [
    (re.compile(p), r)
    for p, r in (
        (r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "UUID"),
        (r"\b[0-9a-f]{32}\b", "MODEL-ID"),
    )
]


def sanitize(text: str) -> str:
    for pattern, repl in SANITIZE:
        text = pattern.sub(repl, text)
    return text


def checked_outputs(nb) -> list[str]:
    texts = []
    for cell in nb.cells:
        if cell.cell_type == "code" and CHECK_MARK in cell.source:
            parts = []
            for out in cell.get("outputs", []):
                if out["output_type"] == "stream":
                    parts.append(out["text"])
                elif "text/plain" in out.get("data", {}):
                    parts.append(out["data"]["text/plain"])
            texts.append(sanitize("".join(parts)))
    return texts


def run(path: Path, workdir: Path, extra_last: str | None = None):
    nb = nbformat.read(path, as_version=4)
    ran = copy.deepcopy(nb)
    ran.cells.insert(0, nbformat.v4.new_code_cell(BLOCK_NETWORK))
    if extra_last:
        ran.cells.append(nbformat.v4.new_code_cell(extra_last))
    # A temp working dir: anything a lesson saves (a cloud, a plan) lands there. The guard
    # fails a run that passes its deadline with the kernel's and the client's stacks.
    client = execute(ran, workdir, cell_timeout_s=240, deadline_s=600, label=path.name)
    errors = errors_in(ran)
    assert not errors, f"{path.name} raised: {errors}"
    ran.metadata["lost_wakeups_recovered"] = sum(client.trail.lost_wakeups.values())
    return nb, ran


@pytest.fixture(scope="module")
def report():
    data = {}
    yield data
    # Under pytest-xdist each worker runs some lessons: merge into what the other wrote.
    REPORT.parent.mkdir(exist_ok=True)
    try:
        merged = json.loads(REPORT.read_text())
    except (OSError, ValueError):
        merged = {}
    merged.update(data)
    REPORT.write_text(json.dumps(merged, indent=1, sort_keys=True))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_deterministic_offline_and_survives_every_extreme(path, tmp_path, report):
    sweep_code = (Path(__file__).with_name("kernel_sweep.py")).read_text()
    committed, ran = run(path, tmp_path, extra_last=sweep_code)

    # Determinism: this run == what is committed (the cells nbval also checks).
    assert checked_outputs(ran) == checked_outputs(committed), (
        "a run disagrees with the committed outputs"
    )

    sweep_out = "".join(o.get("text", "") for o in ran.cells[-1].outputs)
    result = json.loads(sweep_out.split("SWEEP-RESULT ", 1)[1])
    report[path.name] = {k: v for k, v in result.items() if k != "problems"}
    report[path.name]["lost_wakeups_recovered"] = ran.metadata["lost_wakeups_recovered"]
    print(
        f"\n{path.name}: {result['states']} control states over {result['controls']} "
        f"controls, RSS after Run All {result['rss_after_run_all_mb']} MB, "
        f"{ran.metadata['lost_wakeups_recovered']} lost socket wake-ups recovered"
    )
    assert result["controls"] >= 1, "the sweep found no controls: is the lesson interactive?"
    assert result["problems"] == [], "\n".join(result["problems"][:10])
    assert result["rss_after_run_all_mb"] <= RSS_BUDGET_MB


def test_sweep_catches_a_control_that_raises(tmp_path):
    """The sweep can fail: a slider whose callback raises is reported, not hidden."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            "import ipywidgets as w\n"
            "s = w.IntSlider(min=0, max=10)\n"
            "def boom(change):\n"
            "    if change['new'] == 10:\n"
            "        raise ZeroDivisionError('at the maximum')\n"
            "s.observe(boom, names='value')\n"
            "h = w.HTML('Traceback (most recent call last): shown to a learner')\n"
            "s"
        )
    ]
    path = tmp_path / "bad.ipynb"
    nbformat.write(nb, path)
    _, ran = run(path, tmp_path, extra_last=Path(__file__).with_name("kernel_sweep.py").read_text())
    result = json.loads(
        "".join(o.get("text", "") for o in ran.cells[-1].outputs).split("SWEEP-RESULT ", 1)[1]
    )
    assert any("ZeroDivisionError" in p for p in result["problems"])
    assert any("shows a traceback" in p for p in result["problems"])
