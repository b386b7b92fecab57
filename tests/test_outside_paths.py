"""No file in the repository cites a path outside it (issue 24).

A facilitator or a learner has only this repository: the course's source essays are cited by
their titles, never by where the authors kept them. The patterns are built from pieces so
that this file does not cite them itself. ``test_the_check_can_fail`` is the canary.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIRS = ("src", "tests", "notebooks", "instructors", "docs", "tools", "deploy", "lite", "binder")
DIRS += ("benchmarks",)
SUFFIXES = {".py", ".md", ".ipynb", ".txt", ".toml", ".cfg", ".json", ".yml", ".yaml", ".html"}
SKIP = {"node_modules", ".ipynb_checkpoints", "__pycache__", "build", "_site"}
OUTSIDE = re.compile("|".join([r"shared/" + "seeds", r"/" + "work/", r"\.\./" + "shared"]))

# Files whose owner has not yet replaced such a path (issue 24 split the files by engineer).
KNOWN_PENDING: frozenset[str] = frozenset()


def files() -> list[Path]:
    found = [ROOT / "README.md", ROOT / "pyproject.toml", ROOT / "Makefile"]
    for top in DIRS:
        for path in (ROOT / top).rglob("*"):
            if path.suffix in SUFFIXES and not SKIP & set(path.relative_to(ROOT).parts):
                found.append(path)
    return found


def citations(text: str) -> list[str]:
    return [m.group(0) for m in OUTSIDE.finditer(text)]


def test_no_file_cites_a_path_outside_the_repository():
    bad = {}
    for path in files():
        name = path.relative_to(ROOT).as_posix()
        if name in KNOWN_PENDING or not path.is_file():
            continue
        hits = citations(path.read_text(encoding="utf-8", errors="replace"))
        if hits:
            bad[name] = hits
    assert bad == {}


def test_the_check_can_fail():
    work, seeds = "/" + "work/", "shared/" + "seeds"
    assert citations(f"see `{work}{seeds}/002_*`") == [work, seeds]
    assert citations("the essay *Takt time without customer demand*") == []
    assert len(files()) > 100
