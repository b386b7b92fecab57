"""Committed notebooks are clean and small, and every lesson has the template's bones."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

import demandlab as dl
from demandlab.tools import CHECK_MARK, SOLUTION_TAG, clean_notebook, dumps
from tests.conftest import ROOT, load_file

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
    for title in (
        "## Scenario",
        "## Exercises",
        "## Self-check quiz",
        "## Glossary",
        "## Key points",
    ):
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


# --------------------------------------------------------------- answers and exercises (issue 18)

PROGRAMMERS = "## For programmers (optional)"
PROGRAMMERS_TAG = "programmers"


def _literal(node: ast.AST) -> bool:
    """A value a manager can edit: a number, text, True/False/None, or a list of them."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return isinstance(node.operand, ast.Constant)
    if isinstance(node, ast.List | ast.Tuple):
        return all(_literal(e) for e in node.elts)
    return False


def _one_dl_call(stmt: ast.stmt) -> ast.Call | None:
    """The statement as ``dl.name(<literals>)``, or None if it is anything more."""
    if not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)):
        return None
    call = stmt.value
    if isinstance(call.func, ast.Name) and call.func.id == "print" and len(call.args) == 1:
        if isinstance(call.args[0], ast.Call) and not call.keywords:
            call = call.args[0]  # print(dl.f(...)): one call, its value shown
    func = call.func
    if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)):
        return None
    if func.value.id != "dl":
        return None
    if any(k.arg is None for k in call.keywords):  # ** unpacking
        return None
    if not all(_literal(a) for a in call.args) or not all(_literal(k.value) for k in call.keywords):
        return None
    return call


def _literals(call: ast.Call) -> list:
    return [ast.dump(n) for n in ast.walk(call) if isinstance(n, ast.Constant)]


def _shape(call: ast.Call) -> str:
    """The call with every literal blanked: two calls of one shape differ only in values."""
    masked = ast.parse(ast.unparse(call), mode="eval")
    for n in ast.walk(masked):
        if isinstance(n, ast.Constant):
            n.value = "…"
    return ast.dump(masked)


def _edits(a: ast.Call, b: ast.Call) -> int | None:
    """How many literal values differ between two calls of one shape (None: other shape)."""
    if _shape(a) != _shape(b):
        return None
    return sum(x != y for x, y in zip(_literals(a), _literals(b), strict=True))


def _solution_body(source: str) -> list[ast.stmt] | None:
    """The statements inside ``with dl.solution():``, or None if the cell is not that."""
    tree = ast.parse(source)
    if len(tree.body) != 1 or not isinstance(tree.body[0], ast.With):
        return None
    item = tree.body[0].items[0].context_expr
    if not (isinstance(item, ast.Call) and ast.unparse(item.func) == "dl.solution"):
        return None
    return tree.body[0].body


def exercise_sections(nb: dict) -> dict[str, list[dict]]:
    """Cells of each '### Exercise N' outside the programmers' part, by heading."""
    sections: dict[str, list[dict]] = {}
    current = None
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            for line in cell["source"].splitlines():
                if re.match(r"#{1,3} ", line):
                    is_ex = re.match(r"### Exercise \d+", line)
                    current = line.strip() if is_ex else None
                    if current:
                        sections[current] = []
            continue
        if current and PROGRAMMERS_TAG not in cell["metadata"].get("tags", []):
            sections[current].append(cell)
    return sections


def exercise_problems(nb: dict) -> list[str]:
    """Why an exercise would need programming (empty when every one can be done without)."""
    problems = []
    for head, cells in exercise_sections(nb).items():
        starters, tries = [], []
        for cell in cells:
            is_solution = SOLUTION_TAG in cell["metadata"].get("tags", [])
            src = cell["source"]
            if is_solution:
                body = _solution_body(src)
                if body is None:
                    problems.append(f"{head}: solution is not `with dl.solution(): ...`")
                    continue
                for stmt in body:
                    call = _one_dl_call(stmt)
                    if call is None:
                        problems.append(f"{head}: solution line needs code: {ast.unparse(stmt)!r}")
                    else:
                        tries.append(call)
                continue
            tree = ast.parse(src)
            if not tree.body:  # comments only: a place to write an answer in words
                continue
            call = _one_dl_call(tree.body[0]) if len(tree.body) == 1 else None
            if call is None:
                problems.append(f"{head}: starter is not one dl.call(<values>): {src[:60]!r}")
            elif call.func.attr != "exercise":  # a number box is answered, not edited
                starters.append(call)
        for attempt in tries:
            edits = [_edits(s, attempt) for s in starters]
            edits = [e for e in edits if e is not None]
            if starters and (not edits or min(edits) > 1):
                problems.append(
                    f"{head}: the answer {ast.unparse(attempt)!r} changes more than one value "
                    "of the starter cell"
                )
    return problems


def answer_leaks(nb: dict) -> list[str]:
    """Quiz answers or vote outcomes written in a cell the learner sees."""
    leaks = []
    for cell in code(nb):
        tree = ast.parse(cell["source"])
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            name = node.func.attr
            if name in ("quiz", "prediction", "exercise") and (
                len(node.args) != 1 or node.keywords or not isinstance(node.args[0], ast.Constant)
            ):
                leaks.append(f"dl.{name} must ask by question-bank id: {ast.unparse(node)[:70]}")
            if name == "recall" and (node.args or node.keywords):
                leaks.append(f"recall() names the answer in the cell: {ast.unparse(node)[:70]}")
        if (
            SOLUTION_TAG in cell["metadata"].get("tags", [])
            and _solution_body(cell["source"]) is None
        ):
            leaks.append(f"solution cell prints its answer after Run All: {cell['source'][:60]!r}")
    return leaks


@pytest.mark.parametrize("path", NOTEBOOKS + [TEMPLATE], ids=ids)
def test_exercises_need_no_programming(path):
    """Issue 18: every exercise outside '## For programmers (optional)' is done with the
    lesson's controls, a number box, or one edited value of a one-call starter cell."""
    assert exercise_problems(load(path)) == []


@pytest.mark.parametrize("path", NOTEBOOKS + [TEMPLATE], ids=ids)
def test_answers_are_not_in_the_cells_learners_see(path):
    assert answer_leaks(load(path)) == []


def _cell(source: str, tags: tuple = ()) -> dict:
    return {"cell_type": "code", "source": source, "metadata": {"tags": list(tags)}, "outputs": []}


def _md(source: str) -> dict:
    return {"cell_type": "markdown", "source": source, "metadata": {}}


def test_exercise_and_leak_checks_can_fail():
    ok = {
        "cells": [
            _md("### Exercise 1\nChange the demand."),
            _cell('dl.factory_summary("A", demand_per_week=300)'),
            _cell(
                'with dl.solution():\n    dl.factory_summary("A", demand_per_week=500)\n'
                '    dl.factory_summary("A", demand_per_week=450)',
                ("solution",),
            ),
            _md(PROGRAMMERS),
            _md("### Exercise 2"),
            _cell("for d in (1, 2):\n    print(d)", ("programmers",)),
        ]
    }
    assert exercise_problems(ok) == [] and answer_leaks(ok) == []
    two_edits = json.loads(json.dumps(ok))
    two_edits["cells"][2]["source"] = (
        'with dl.solution():\n    dl.factory_summary("B", demand_per_week=500)'
    )
    assert any("more than one value" in p for p in exercise_problems(two_edits))
    loop = json.loads(json.dumps(ok))
    loop["cells"][1]["source"] = 'for d in (1, 2):\n    dl.factory_summary("A", demand_per_week=d)'
    loop["cells"][5]["metadata"]["tags"] = []
    problems = exercise_problems(loop)
    assert any("starter is not one" in p for p in problems)
    unpack = json.loads(json.dumps(ok))
    unpack["cells"][1]["source"] = 'dl.simulate_factory(**dl.factory_scenario("A"))'
    assert any("starter is not one" in p for p in exercise_problems(unpack))
    leaky = {
        "cells": [
            _cell('dl.quiz("Q?", ["a", "b"], answer="a")'),
            _cell('print(vote.recall("Factory B"))'),
            _cell('print("500 a week")', ("solution",)),
        ]
    }
    assert len(answer_leaks(leaky)) == 3


def _outputs_text(cell: dict) -> str:
    parts = []
    for out in cell.get("outputs", []):
        parts.append("".join(out.get("text", "")))
        parts.append("".join(out.get("data", {}).get("text/plain", "")))
    return "\n".join(parts)


def spoilers(nb: dict) -> list[str]:
    """Number exercises whose answer a stored output prints before the exercise asks it."""
    from demandlab.formatting import number

    bank = dl.questions.exercises()
    found = []
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        for key in re.findall(r"dl\.exercise\(\s*[\"']([^\"']+)", cell["source"]):
            if key not in bank:
                continue  # test_answers_are_not_in_the_cells_learners_see names it
            answer = float(bank[key]["answer"]())
            shown = {number(answer), number(answer, digits=1), f"{answer:g}"}
            shown = {s for s in shown if len(s.replace(",", "").replace(".", "")) >= 2}
            before = "\n".join(_outputs_text(c) for c in nb["cells"][:i])
            for s in sorted(shown):
                if re.search(rf"(?<![\d.,]){re.escape(s)}(?![\d,]|\.\d)", before):
                    found.append(f"{key}: the answer {s} is printed before the exercise")
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_no_checked_output_gives_an_exercise_away(path):
    assert spoilers(load(path)) == []


def test_spoiler_check_can_fail(monkeypatch):
    monkeypatch.setattr(
        dl.questions,
        "exercises",
        lambda: {"xx-e": {"question": "q", "answer": lambda: 500.0}},
    )
    printed = _cell("print(1)")
    printed["outputs"] = [{"output_type": "stream", "text": "Break-even demand: 500/week\n"}]
    nb = {"cells": [printed, _cell('dl.exercise("xx-e")')]}
    assert spoilers(nb) == ["xx-e: the answer 500 is printed before the exercise"]
    nb["cells"].reverse()
    assert spoilers(nb) == []


# ------------------------------------------------------------ honest minutes (issue 18)


def _walkthrough():
    return load_file("walkthrough", "tools/walkthrough.py")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_stated_minutes_come_from_the_walkthrough(path):
    """The header's minutes are the scripted walk-through's, rounded up to 5 (tools/walkthrough.py),
    and so is the course map's total; no part of a lesson runs over one 45-minute sitting."""
    w = _walkthrough()
    assert w.stated_minutes(path) == w.planned(path), (
        f"{path.name} states {w.stated_minutes(path)} min, the walk-through gives "
        f"{w.planned(path)}: update the header (python tools/walkthrough.py)"
    )
    lesson = next(x for x in dl.course_map() if x.notebook == path.name)
    assert lesson.minutes == sum(w.planned(path)), (path.name, lesson.minutes)
    for part in w.lesson_timings(path):
        assert part.total_minutes <= w.PART_LIMIT_MINUTES, (
            f"{path.name} {part.name} takes {part.total_minutes:.0f} min: split it into parts"
        )


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if not p.name.startswith("00")], ids=ids)
def test_facilitator_notes_state_the_lessons_minutes(path):
    """Each lesson's facilitator notes carry one "**Time:**" line with the header's minutes
    (the review found notes still saying 35 min for lessons that take 60 and 70)."""
    w = _walkthrough()
    teaching, exercises = w.planned(path)
    parts = ", ".join(f"{p.name} {w.round5(p.total_minutes)} min" for p in w.lesson_timings(path))
    want = (
        f"**Time:** {teaching + exercises} min ({teaching} teaching, {exercises} exercises): "
        + parts
    )
    notes = (ROOT / "instructors" / f"{path.stem}.md").read_text(encoding="utf-8")
    assert notes.count("**Time:**") == 1 and want in notes, (
        f"instructors/{path.stem}.md should say: {want}"
    )


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if not p.name.startswith("00")], ids=ids)
def test_every_lesson_opens_with_the_same_run_all_promise(path):
    """The header cell repeats the guide's promise word for word (05 had its own version)."""
    header = next(
        "".join(c["source"])
        for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
        if "**Teaching:**" in "".join(c["source"])
    )
    assert _walkthrough().RUN_ALL_FIRST in header, path.name


def test_guide_records_the_walkthrough():
    guide = (ROOT / "instructors" / "README.md").read_text(encoding="utf-8")
    assert _walkthrough().table(markdown=True) in guide, (
        "instructors/README.md must hold `python tools/walkthrough.py --markdown`'s table"
    )


def lost_values(nb: dict) -> list[str]:
    """Calls inside ``with dl.solution():`` whose value would be thrown away: Python shows an
    expression's value only at a cell's top level, so a figure or widget built there never
    appears. Solutions call helpers that print (return None) or wrap values in print()."""
    import inspect

    lost = []
    for cell in code(nb):
        if SOLUTION_TAG not in cell["metadata"].get("tags", []):
            continue
        for node in ast.walk(ast.parse(cell["source"])):
            if not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)):
                continue
            func = node.value.func
            if isinstance(func, ast.Attribute) and ast.unparse(func.value) == "dl":
                returns = inspect.signature(getattr(dl, func.attr)).return_annotation
                if returns not in (None, "None"):
                    lost.append(f"dl.{func.attr}(...) returns {returns}: its value is not shown")
    return lost


@pytest.mark.parametrize("path", NOTEBOOKS + [TEMPLATE], ids=ids)
def test_solutions_show_what_they_compute(path):
    assert lost_values(load(path)) == []
