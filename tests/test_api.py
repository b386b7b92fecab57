"""The public surface: __all__, the README's API reference and the docstrings agree."""

from __future__ import annotations

import inspect
import re
import socket
import subprocess
import sys
import textwrap

import pytest

import demandlab as dl
from tests.conftest import ROOT


def readme_api_names() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## API reference", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\|\s*`([A-Za-z_]\w*)`", section, flags=re.M)


def test_all_lists_only_real_names():
    missing = [name for name in dl.__all__ if not hasattr(dl, name)]
    assert not missing, f"__all__ names that demandlab does not define: {missing}"
    assert len(set(dl.__all__)) == len(dl.__all__), "__all__ lists a name twice"


def test_readme_api_reference_matches_all():
    documented = readme_api_names()
    assert len(documented) == len(set(documented)), "README lists a name twice"
    assert sorted(documented) == sorted(dl.__all__), (
        f"only in __all__: {sorted(set(dl.__all__) - set(documented))}; "
        f"only in README: {sorted(set(documented) - set(dl.__all__))}"
    )


@pytest.mark.parametrize("name", dl.__all__)
def test_public_name_is_documented_with_an_example(name):
    obj = getattr(dl, name)
    doc = inspect.getdoc(obj) or ""
    assert doc, f"{name} has no docstring"
    if inspect.isfunction(obj):
        assert "Examples" in doc and ">>>" in doc, f"{name}'s docstring has no runnable example"


def test_library_makes_no_network_calls():
    """Import the package and run models with every socket refused."""
    code = textwrap.dedent(
        """
        import socket

        def refuse(*args, **kwargs):
            raise RuntimeError("network access attempted")

        socket.socket.connect = refuse
        socket.socket.connect_ex = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse

        import demandlab as dl
        dl.slider_demo()
        dl.quiz("q", ["a", "b"], 0).check()
        for name in ("simulate_line", "simulate_factory", "takt_time", "product_mix"):
            assert hasattr(dl, name) or True
        if hasattr(dl, "simulate_line"):
            dl.simulate_line(process_times=[1.0, 1.0], release="conwip", wip_cap=3,
                             n_jobs=500, seed=1)
        print("ok")
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.strip().endswith("ok"), out.stderr[-2000:]


def test_network_guard_really_blocks():
    """The guard used above does refuse a connection (so the test can fail)."""
    code = (
        "import socket\n"
        "def refuse(*a, **k): raise RuntimeError('network access attempted')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection(('127.0.0.1', 9))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode != 0 and "network access attempted" in out.stderr
    assert socket.socket.connect is not None
