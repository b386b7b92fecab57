"""The public surface and the package's shape.

__all__, the README's generated API table and the docstrings agree; the library makes no
network calls; the layer contracts (import-linter) hold and really fail on a broken
import; no file under src/ is over 500 lines and no function over 60.
"""

from __future__ import annotations

import ast
import inspect
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: import-linter brings tomli
    import tomli as tomllib

import pytest

import demandlab as dl
from tests.conftest import ROOT, load_file
from tests.first_release import FIRST_RELEASE_COMMIT, FIRST_RELEASE_NAMES

SRC = ROOT / "src" / "demandlab"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
MAX_FILE_LINES = 500
MAX_FUNCTION_LINES = 60


def readme_api_names() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## API reference", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\|\s*`([A-Za-z_]\w*)`", section, flags=re.M)


def api_table_tool():
    """tools/api_table.py as a module (tools/ is not a package)."""
    return load_file("api_table", "tools/api_table.py")


def test_all_lists_only_real_names():
    missing = [name for name in dl.__all__ if not hasattr(dl, name)]
    assert not missing, f"__all__ names that demandlab does not define: {missing}"
    assert len(set(dl.__all__)) == len(dl.__all__), "__all__ lists a name twice"


def unresolved(module: object, names: list[str]) -> list[str]:
    """The names that no longer resolve on ``module`` (an alias to a renamed object counts
    as resolving)."""
    return [n for n in names if getattr(module, n, None) is None]


def test_the_first_releases_public_names_still_work():
    """Issue 27: the 90 public names of the first release (tests/first_release.py) still
    resolve on ``demandlab``."""
    assert len(FIRST_RELEASE_NAMES) == len(set(FIRST_RELEASE_NAMES)) == 90, FIRST_RELEASE_COMMIT
    missing = unresolved(dl, FIRST_RELEASE_NAMES)
    assert not missing, f"names of the first release ({FIRST_RELEASE_COMMIT}) gone: {missing}"


def test_the_first_release_check_can_fail():
    """Canary: a made-up name, and a name set to None, are both reported."""
    fake = type(dl)("fake_demandlab")
    fake.simulate_line, fake.gone = dl.simulate_line, None
    assert unresolved(fake, ["simulate_line", "gone", "no_such_name_2026"]) == [
        "gone",
        "no_such_name_2026",
    ]
    assert unresolved(dl, [*FIRST_RELEASE_NAMES, "no_such_name_2026"]) == ["no_such_name_2026"]


def test_readme_api_reference_matches_all():
    documented = readme_api_names()
    assert len(documented) == len(set(documented)), "README lists a name twice"
    assert sorted(documented) == sorted(dl.__all__), (
        f"only in __all__: {sorted(set(dl.__all__) - set(documented))}; "
        f"only in README: {sorted(set(documented) - set(dl.__all__))}"
    )


def test_readme_api_table_is_the_generated_one():
    """The README's table is exactly what tools/api_table.py prints (names, order, first
    docstring lines, signatures), and --check says so; a stale table makes it fail."""
    tool = api_table_tool()
    readme = (ROOT / "README.md").read_text()
    assert tool.readme_table(readme) == tool.table(), (
        "README's API table is stale: run python tools/api_table.py --write"
    )
    out = subprocess.run(
        [sys.executable, "tools/api_table.py", "--check"],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert out.returncode == 0 and "up to date" in out.stdout, out.stdout + out.stderr
    stale = readme.replace(f"| `{dl.__all__[0]}` |", f"| `{dl.__all__[0]}_old` |", 1)
    assert stale != readme and tool.readme_table(stale) != tool.table()
    assert tool.readme_table("no markers here") is None


@pytest.mark.parametrize("name", dl.__all__)
def test_public_name_is_documented_with_an_example(name):
    obj = getattr(dl, name)
    doc = inspect.getdoc(obj) or ""
    assert doc, f"{name} has no docstring"
    if inspect.isfunction(obj):
        assert "Examples" in doc and ">>>" in doc, f"{name}'s docstring has no runnable example"


# --------------------------------------------------------------------------- network

# Every way out to the network that the standard library offers, refused in the process.
NETWORK_GUARD = textwrap.dedent(
    """
    import socket

    def refuse(*args, **kwargs):
        raise RuntimeError("network access attempted")

    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.create_connection = refuse
    socket.getaddrinfo = refuse
    """
)


def run_python(code: str, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=timeout
    )


def test_library_makes_no_network_calls():
    """Import the package and make every public function's valid call (the fuzz
    baselines) with every socket refused: none of them may reach for the network."""
    code = NETWORK_GUARD + textwrap.dedent(
        """
        import demandlab as dl
        from tests.test_fuzz import BASELINES

        called = []
        for name in sorted(BASELINES):
            kwargs = BASELINES[name]()
            getattr(dl, name)(*kwargs.pop("*", []), **kwargs)
            called.append(name)
        dl.quiz("q", ["a", "b"], 0).check()
        print("called", len(called), "ok")
        """
    )
    out = run_python(code)
    assert out.returncode == 0, out.stderr[-2000:]
    from tests.test_fuzz import BASELINES

    assert out.stdout.strip().endswith(f"called {len(BASELINES)} ok"), out.stdout[-500:]
    for name in ("simulate_line", "simulate_factory", "takt_time", "product_mix", "slider_demo"):
        assert name in BASELINES, f"{name} is no longer called under the network guard"


@pytest.mark.parametrize(
    "attempt",
    [
        "socket.create_connection(('127.0.0.1', 9), timeout=2)",
        "socket.getaddrinfo('localhost', 80)",
        "socket.socket().connect(('127.0.0.1', 9))",
        "socket.socket().connect_ex(('127.0.0.1', 9))",
    ],
)
def test_network_guard_really_blocks(attempt):
    """The guard above refuses each way out, and it is the guard that refuses: without it
    the same call succeeds or fails for another reason (so the test above can fail)."""
    guarded = run_python(NETWORK_GUARD + f"\n{attempt}\n", timeout=60)
    assert guarded.returncode != 0 and "network access attempted" in guarded.stderr
    bare = run_python(f"import socket\n{attempt}\n", timeout=60)
    assert "network access attempted" not in bare.stderr


# --------------------------------------------------------------------------- layers


def import_linter_config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]


def contract_named(fragment: str) -> str:
    names = [c["name"] for c in import_linter_config()["contracts"] if fragment in c["name"]]
    assert len(names) == 1, f"pyproject.toml has no single contract about {fragment!r}"
    return names[0]


def lint_imports(cwd: Path, *args: str, pythonpath: Path | None = None):
    env = dict(os.environ)
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", *args],
        capture_output=True, text=True, cwd=cwd, env=env, timeout=300,
    )  # fmt: skip


def copy_with_ids(tmp: Path) -> dict[str, str]:
    """The package and pyproject.toml copied to ``tmp``; every contract has an id, so one can
    be run alone (an unfinished lesson elsewhere cannot mask it). Returns name -> id."""
    shutil.copytree(SRC, tmp / "src" / "demandlab", ignore=shutil.ignore_patterns("__pycache__"))
    text = (ROOT / "pyproject.toml").read_text()
    (tmp / "pyproject.toml").write_text(text)
    contracts = tomllib.loads(text)["tool"]["importlinter"]["contracts"]
    assert all("id" in c for c in contracts), "give every contract an id"
    return {c["name"]: c["id"] for c in contracts}


def first_module(layer: str) -> Path:
    """A lesson's module of that layer (a file, or a package's __init__), dice first."""
    found = sorted(SRC.glob(f"*/{layer}.py")) + sorted(SRC.glob(f"*/{layer}/__init__.py"))
    found.sort(key=lambda p: p.relative_to(SRC).parts[0] != "dice")
    assert found, f"no lesson has a {layer} module yet"
    return found[0]


@pytest.mark.parametrize(
    ("layer", "forbidden", "contract"),
    [
        ("model", "plotly", "no plotly, no widgets"),
        ("figures", "ipywidgets", "know nothing of widgets"),
    ],
)
def test_layer_contract_fails_on_a_broken_import(tmp_path, layer, forbidden, contract):
    """Add a forbidden import to a copy of the package: lint-imports must exit non-zero,
    name the contract and show the offending import. The same run on the unbroken copy
    keeps the contract, so it is the import that breaks it."""
    name = contract_named(contract)
    ids = copy_with_ids(tmp_path)
    module = first_module(layer)
    copy = tmp_path / "src" / "demandlab" / module.relative_to(SRC)
    dotted = "demandlab." + ".".join(module.relative_to(SRC).with_suffix("").parts)
    dotted = dotted.removesuffix(".__init__")
    # grimp reads the package that Python would import: make sure that is the copy
    where = "import importlib.util as u; print(u.find_spec('demandlab').origin)"
    found = subprocess.run(
        [sys.executable, "-c", where],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(tmp_path / "src")},
    )  # fmt: skip
    assert found.stdout.strip() == str(tmp_path / "src" / "demandlab" / "__init__.py")

    kept = lint_imports(tmp_path, "--contract", ids[name], pythonpath=tmp_path / "src")
    assert kept.returncode == 0 and f"{name} KEPT" in kept.stdout, kept.stdout + kept.stderr

    copy.write_text(copy.read_text() + f"\nimport {forbidden}  # noqa: E402,F401\n")
    broken = lint_imports(tmp_path, "--contract", ids[name], pythonpath=tmp_path / "src")
    report = broken.stdout + broken.stderr
    assert broken.returncode != 0, report
    assert f"{name} BROKEN" in report, report
    assert f"{dotted} -> {forbidden}" in report, report


def test_layer_contracts_hold_on_the_real_tree():
    """`make lint`: every import-linter contract in pyproject.toml is kept."""
    out = lint_imports(ROOT)
    report = out.stdout + out.stderr
    n = len(import_linter_config()["contracts"])
    assert out.returncode == 0 and f"Contracts: {n} kept, 0 broken." in report, report[-3000:]


# --------------------------------------------------------------------------- sizes


def function_lines(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """Lines from ``def`` to the function's last line, not counting its docstring (a
    numpy-style docstring is long by design; the rule is about code)."""
    lines = node.end_lineno - node.lineno + 1
    first = node.body[0]
    if isinstance(first, ast.Expr) and isinstance(getattr(first, "value", None), ast.Constant):
        if isinstance(first.value.value, str):
            lines -= first.end_lineno - first.lineno + 1
    return lines


def says_why_long(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """The docstring says why the function is long: "Long because ...", "long since ..."
    or "long: ..." (the word alone, as in "waits too long", is no reason)."""
    doc = ast.get_docstring(node) or ""
    return re.search(r"\blong\b[^.]*?(\bbecause\b|\bsince\b|:)", doc, flags=re.I) is not None


def size_problems(root: Path) -> list[str]:
    problems = []
    for path in sorted(root.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        where = path.relative_to(root.parent)
        n = len(text.splitlines())
        if n > MAX_FILE_LINES:
            problems.append(f"{where}: {n} lines (at most {MAX_FILE_LINES})")
        for node in ast.walk(ast.parse(text, filename=str(path))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = function_lines(node)
                if lines > MAX_FUNCTION_LINES and not says_why_long(node):
                    problems.append(
                        f"{where}:{node.lineno} {node.name}() is {lines} lines without its "
                        f"docstring (at most {MAX_FUNCTION_LINES}, or say 'Long because ...')"
                    )
    return problems


def test_no_file_over_500_lines_and_no_function_over_60():
    problems = size_problems(SRC)
    assert not problems, "\n".join(problems)


def test_size_check_can_fail(tmp_path):
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    body = "".join(f"    x{i} = {i}\n" for i in range(MAX_FUNCTION_LINES))
    (pkg / "big.py").write_text("\n" * MAX_FILE_LINES + f'def f():\n    """Short."""\n{body}')
    (pkg / "ok.py").write_text(
        f'def g():\n    """Long because it is a table.\n\n    More.\n    """\n{body}'
        f'def h():\n    """Waits too long."""\n{"".join(body.splitlines(True)[:10])}'
    )
    problems = size_problems(pkg)
    assert any(
        p.startswith("pkg/big.py: ") and f"lines (at most {MAX_FILE_LINES})" in p for p in problems
    )
    assert any(f"f() is {MAX_FUNCTION_LINES + 1} lines" in p for p in problems), problems
    assert not any("g()" in p or "h()" in p for p in problems), problems
    (pkg / "ok.py").write_text(f'def h():\n    """Waits too long."""\n{body}')
    assert any(f"h() is {MAX_FUNCTION_LINES + 1} lines" in p for p in size_problems(pkg))


def test_a_result_is_checked_one_way():
    """A figure or report refuses a wrong result through checks.result_of, the one wording
    ("result must be a BuffetResult from buffet(), got ..."); no module writes its own."""
    own = re.compile(r"""["']a [A-Z]\w+ from \w+(\(\))?["']|must be a [A-Z]\w+ from """)
    src = ROOT / "src" / "demandlab"
    found = [
        f"{p.relative_to(src)}:{n}"
        for p in sorted(src.rglob("*.py"))
        if p.name != "checks.py"
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if own.search(line)
    ]
    assert not found, f"a result checked by hand, not by checks.result_of: {found}"
    assert own.search('raise refuse("value", value, "a CapacityValue from capacity_value")')
