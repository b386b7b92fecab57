"""Shared test setup: keep Jupyter and IPython state out of the home directory."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# `make test` already points these at .scratch/; a bare `pytest` gets a temp dir instead,
# so no test (and no kernel nbval starts) writes to $HOME.
_scratch = Path(tempfile.mkdtemp(prefix="demandlab-test-"))
for _var, _sub in {
    "JUPYTER_CONFIG_DIR": "config",
    "JUPYTER_DATA_DIR": "data",
    "JUPYTER_RUNTIME_DIR": "runtime",
    "IPYTHONDIR": "ipython",
}.items():
    os.environ.setdefault(_var, str(_scratch / _sub))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT
