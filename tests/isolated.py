"""One way to start a Jupyter server (or any snippet) from a test in a clean home: this
environment's Python runs ``code`` with ``tmp`` as HOME and working folder and
``tmp/cfg`` as the config folder, under a hard timeout, and the test fails with the
snippet's stderr if it fails."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

TIMEOUT_S = 120  # a server start that hangs fails the test instead of the run
# What a make running these tests passes to a make the tests start: its jobserver, -j and
# --output-sync. Inherited, `make test`'s --output-sync held back every line of a `make lab`
# until it exited, which it never does, so a test waiting for the URL waited 15 minutes.
MAKE_VARS = ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES", "MAKE_TERMOUT", "MAKE_TERMERR")


def as_a_user(env: Mapping[str, str]) -> dict[str, str]:
    """``env`` without what an outer make passes down: `make lab` as a learner types it."""
    return {k: v for k, v in env.items() if k not in MAKE_VARS}


def run_python(code: str, tmp: Path, env: Mapping[str, str]) -> subprocess.CompletedProcess:
    """Run ``code`` with ``env`` plus HOME=tmp and JUPYTER_CONFIG_DIR=tmp/cfg, in ``tmp``."""
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        env={**env, "HOME": str(tmp), "JUPYTER_CONFIG_DIR": str(tmp / "cfg")},
        cwd=tmp,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    return out
