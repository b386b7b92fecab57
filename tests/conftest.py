"""Shared test setup: keep Jupyter and IPython state out of the home directory."""

from __future__ import annotations

import importlib.util
import os
import sys
import tempfile
import types
from pathlib import Path

import pytest

# The claims tables' one check (tests/claims.py) asserts in a helper module: rewriting it gives
# a failing row pytest's explanation, and lets tests/assert_count.py count its assertions.
pytest.register_assert_rewrite("tests.claims")

ROOT = Path(__file__).resolve().parents[1]


def load_file(name: str, path: Path | str) -> types.ModuleType:
    """A Python file outside the package (tools/, deploy/, benchmarks/; ``path`` absolute or
    relative to the repository) run as a module called ``name``. It is put in
    ``sys.modules`` first, so its dataclasses can look their module up."""
    spec = importlib.util.spec_from_file_location(name, ROOT / path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


# pytester runs the nbval guard in a pytest of its own (tests/test_nbrun.py).
pytest_plugins = ["pytester"]

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


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Tests on the real hub share one hub (the session fixture ``room_hub``): under
    pytest-xdist they all go to one worker (``--dist loadgroup``), so one hub starts per run;
    ``make test-fast`` leaves them out by their ``hub`` mark."""
    for item in items:
        if "room_hub" in getattr(item, "fixturenames", ()) or item.get_closest_marker("hub"):
            item.add_marker(pytest.mark.hub)
            item.add_marker(pytest.mark.xdist_group("hub"))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def room_hub():
    """One real hub (deploy/jupyterhub_config.py with the room) for the whole run: the room,
    load and walls tests share it. Stopped at the end, also after a failure; its start and
    stop have hard limits (tests/roomhub.py, deploy/loadtest.py)."""
    from tests.roomhub import RoomHub

    hub = RoomHub()
    try:
        yield hub.start()
    finally:
        hub.stop()
