"""Committed notebooks are clean and small, and every lesson has the template's bones."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import demandlab as dl
from demandlab.tools import CHECK_MARK, SOLUTION_TAG, clean_notebook, dumps
from tests.conftest import ROOT

NOTEBOOKS = sorted(ROOT.glob("notebooks/*.ipynb"))
TEMPLATE = ROOT / "instructors" / "lesson-template.ipynb"
LESSONS = [p for p in NOTEBOOKS if not p.name.startswith("00-")] + [TEMPLATE]
MAX_BYTES = 100_000


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def ids(p: Path) -> str:
    return str(p.relative_to(ROOT))


def markdown(nb: dict) -> list[str]:
    return [c["source"] for c in nb["cells"] if c["cell_type"] == "markdown"]


def code(nb: dict) -> list[dict]:
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def headings(nb: dict) -> list[str]:
    return [
        line.strip()
        for src in markdown(nb)
        for line in src.splitlines()
        if line.lstrip().startswith("#")
    ]


def bone_problems(nb: dict) -> list[str]:
    """What a lesson notebook lacks of the template's bones (empty when complete)."""
    problems = []
    md = markdown(nb)
    heads = headings(nb)
    if not nb["cells"] or not nb["cells"][0]["source"].startswith("# "):
        problems.append("the first cell must be the title '# NN · Title'")
    header = md[1] if len(md) > 1 else ""
    for key in ("**Teaching:**", "**Exercises:**", "**Questions**", "**Objectives**"):
        if key not in header:
            problems.append(f"the header cell lacks {key}")
    for section in ("Questions", "Objectives"):
        block = header.split(f"**{section}**", 1)[-1].split("**", 1)[0]
        n = len(re.findall(r"^\s*[-*] ", block, flags=re.M))
        if section in header and not 2 <= n <= 4:
            problems.append(f"the header needs 2-4 {section.lower()}, found {n}")
    for title in ("## Scenario", "## Exercises", "## Self-check quiz", "## Key points"):
        if not any(h == title or h.startswith(title + " ") for h in heads):
            problems.append(f"missing heading '{title}'")
    if not any(h.startswith("## Discussion") for h in heads):
        problems.append("missing heading '## Discussion'")
    for word in ("Predict", "Explain"):
        if not any(word.lower() in h.lower() for h in heads):
            problems.append(f"no heading mentions '{word}' (predict -> run -> explain)")
    sources = [c["source"] for c in code(nb)]
    if not any("prediction(" in s for s in sources):
        problems.append("no dl.prediction(...) before the experiment")
    if not any("quiz(" in s for s in sources):
        problems.append("no dl.quiz(...) in the self-check")
    exercises = [h for h in heads if re.match(r"### Exercise \d+", h)]
    numbers = [int(re.match(r"### Exercise (\d+)", h).group(1)) for h in exercises]
    if not exercises:
        problems.append("no '### Exercise 1'")
    elif numbers != list(range(1, len(numbers) + 1)):
        problems.append(f"exercises must be numbered 1..n, found {numbers}")
    solutions = [c for c in code(nb) if SOLUTION_TAG in c["metadata"].get("tags", [])]
    if len(solutions) < len(exercises):
        problems.append(f"{len(exercises)} exercises but {len(solutions)} solution cells")
    for c in solutions:
        if not c["metadata"].get("jupyter", {}).get("source_hidden"):
            problems.append("a solution cell is not collapsed (jupyter.source_hidden)")
    return problems


@pytest.mark.parametrize("path", NOTEBOOKS + [TEMPLATE], ids=ids)
def test_notebook_is_clean(path):
    text = path.read_text(encoding="utf-8")
    nb = json.loads(text)
    assert "widgets" not in nb["metadata"], "widget state is stored (run make clean-notebooks)"
    assert dumps(clean_notebook(nb)) == text, "not normalised: run `make clean-notebooks`"
    for cell in code(nb):
        if CHECK_MARK not in cell["source"]:
            assert not cell["outputs"] and cell["execution_count"] is None, cell["source"][:80]


@pytest.mark.parametrize("path", NOTEBOOKS + [TEMPLATE], ids=ids)
def test_notebook_is_small(path):
    assert path.stat().st_size <= MAX_BYTES, f"{path.name} is {path.stat().st_size} bytes"


@pytest.mark.parametrize("path", NOTEBOOKS + [TEMPLATE], ids=ids)
def test_checked_cells_keep_their_outputs(path):
    """nbval compares only cells with an execution count: a checked cell without stored
    output would be checked for nothing."""
    checked = [c for c in code(load(path)) if CHECK_MARK in c["source"]]
    assert checked, f"{path.name} has no '{CHECK_MARK}' cell: its key numbers are unchecked"
    for cell in checked:
        assert cell["execution_count"] is not None and cell["outputs"], (
            f"checked cell has no stored output (run make execute-notebooks): {cell['source'][:80]}"
        )


@pytest.mark.parametrize("path", LESSONS, ids=ids)
def test_lesson_has_the_template_bones(path):
    assert bone_problems(load(path)) == []


def test_bones_check_can_fail():
    nb = load(TEMPLATE)
    nb["cells"] = [c for c in nb["cells"] if "## Key points" not in c["source"]]
    assert "missing heading '## Key points'" in bone_problems(nb)
    nb = load(TEMPLATE)
    for c in nb["cells"]:
        c["metadata"].pop("tags", None)
    assert any("solution cells" in p for p in bone_problems(nb))


def test_notebooks_use_only_the_public_api():
    public = set(dl.__all__)
    for path in NOTEBOOKS + [TEMPLATE]:
        for cell in code(load(path)):
            for name in re.findall(r"\bdl\.([A-Za-z_]\w*)", cell["source"]):
                assert name in public or name == "__version__", f"{path.name} uses dl.{name}"
            assert "demandlab." not in cell["source"].replace("import demandlab as dl", ""), (
                f"{path.name} reaches into a submodule: {cell['source'][:80]}"
            )


def test_notebooks_are_named_and_numbered():
    for path in NOTEBOOKS:
        assert re.fullmatch(r"\d\d-[a-z0-9-]+\.ipynb", path.name), path.name


def course_map_rows(readme: str) -> list[tuple[str, str]]:
    section = readme.split("## Course map", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\|\s*\[(\d\d)[^\]]*\]\((notebooks/[^)]+)\)", section, flags=re.M)


def test_readme_course_map_matches_the_notebooks_present():
    rows = course_map_rows((ROOT / "README.md").read_text())
    in_readme = [Path(p).name for _, p in rows]
    assert in_readme == [p.name for p in NOTEBOOKS], "README course map != notebooks/ present"
    assert in_readme == [lesson.notebook for lesson in dl.course_map()], (
        "README course map != dl.course_map()"
    )


def test_start_notebook_course_map_matches():
    nb = load(ROOT / "notebooks" / "00-start-here.ipynb")
    text = "\n".join(markdown(nb))
    for lesson in dl.course_map():
        assert f"]({lesson.notebook})" in text, f"00-start-here does not link {lesson.notebook}"
        assert lesson.question in text and f"| {lesson.minutes} |" in text, lesson.notebook


def test_lesson_titles_match_the_course_map():
    for lesson in dl.course_map():
        path = ROOT / "notebooks" / lesson.notebook
        assert path.exists(), f"the course map lists {lesson.notebook}, which does not exist"
        title = load(path)["cells"][0]["source"].splitlines()[0]
        assert title.startswith(f"# {lesson.number} "), (path.name, title)


@pytest.mark.parametrize("path", NOTEBOOKS + [TEMPLATE], ids=ids)
def test_dollar_signs_are_prices_not_maths(path):
    """JupyterLab typesets text between two $ as maths ("$100 / $40" became an italic
    fraction); only \\\\$ shows a literal dollar there (the browser suite checks the page)."""
    for src in markdown(load(path)):
        bad = [m.start() for m in re.finditer(r"(?<!\\\\)\$", src)]
        assert not bad, (
            f"{path.name}: write $ as \\\\$ in markdown: {src[bad[0] - 30 : bad[0] + 10]!r}"
        )
