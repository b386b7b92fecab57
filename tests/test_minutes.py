"""The minutes a facilitator plans with add up, and the guide, the lesson notes and the
notebooks agree on them and on the order of the votes (issue 24).

Four sources state a lesson's minutes: the scripted walk-through (tools/walkthrough.py, the
estimator), each notebook's header (its parts' minutes), the lesson notes' agenda tables
(instructors/NN-*.md, "## Timing") and the facilitator guide (instructors/README.md: each
lesson's heading, the course total and the session schedules). Checked here:

- each part of a notes agenda runs from minute 0 without gaps or overlaps and ends exactly at
  the part's minutes in the notebook's header: both are the plan a room follows, made in
  5-minute steps, so they must be equal, not close;
- that stated part is the estimator's minutes rounded up to 5, so the estimator lies within
  5 minutes below it (the tolerance: the plan never has less time than the walk-through,
  and never a whole 5-minute step more);
- the guide's lesson headings, the course total and every schedule row that runs a lesson's
  part (or both parts) give the same minutes, and each schedule's clock times follow from
  its rows' minutes;
- the votes, named by their question-bank ids, appear in the notebook's order in the lesson
  notes' agenda and in the guide's "Set up" for that lesson.

``test_the_checks_can_fail`` is the canary: a gap, a wrong end, a wrong row and swapped votes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT, load_file

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
LESSONS_WITH_NOTES = [p for p in NOTEBOOKS if (ROOT / "instructors" / f"{p.stem}.md").exists()]
GUIDE = ROOT / "instructors" / "README.md"
VOTE_CALL = re.compile(r"""dl\.prediction\(\s*["']([^"']+)["']\s*\)""")
VOTE_ID = re.compile(r"`(\d\d-[a-z0-9-]+)`")
SPAN = re.compile(r"^(\d+)\s*[–-]\s*(\d+)$")


def _walkthrough():
    return load_file("walkthrough", "tools/walkthrough.py")


W = _walkthrough()


def notebook_cells(path: Path) -> list[str]:
    return ["".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"]]


def notebook_votes(path: Path) -> list[str]:
    return [m for src in notebook_cells(path) for m in VOTE_CALL.findall(src)]


def header_parts(path: Path) -> dict[str, int]:
    """{"Part 1": 35, ...} from the header ("Part 1: 35 min, Part 2: 25 min"), or
    {"whole": total} for a lesson in one part."""
    header = next(s for s in notebook_cells(path) if "**Teaching:**" in s).splitlines()[0]
    parts = {f"Part {n}": int(m) for n, m in re.findall(r"Part (\d+): (\d+) min", header)}
    if parts:
        return parts
    teaching, exercises = W.stated_minutes(path)
    return {"whole": teaching + exercises}


def section(text: str, heading: re.Pattern) -> str:
    """From the first line matching ``heading`` to the next heading of the same level."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if heading.match(line))
    level = len(lines[start]) - len(lines[start].lstrip("#"))
    end = next(
        (i for i in range(start + 1, len(lines)) if re.match(rf"#{{1,{level}}} ", lines[i])),
        len(lines),
    )
    return "\n".join(lines[start:end])


def agenda(timing: str) -> dict[str, list[tuple[int, int]]]:
    """The agenda table(s) of a notes' Timing section: {part: [(start, end), ...]}. A line
    with "**Part N" (a table row or a paragraph) starts part N; rows whose first cell is a
    span "a–b" belong to the current part ("whole" before any part line)."""
    parts: dict[str, list[tuple[int, int]]] = {}
    current = "whole"
    for line in timing.splitlines():
        if m := re.search(r"\*\*Part (\d+)", line):
            current = f"Part {m.group(1)}"
            parts.setdefault(current, [])
            continue
        if not line.startswith("|"):
            continue
        first = line.strip("|").split("|")[0].strip()
        if m := SPAN.match(first):
            parts.setdefault(current, []).append((int(m.group(1)), int(m.group(2))))
    return parts


def agenda_problems(spans: dict[str, list[tuple[int, int]]], stated: dict[str, int]) -> list[str]:
    problems = []
    if list(spans) != list(stated):
        return [f"agenda parts {list(spans)} but the notebook has {list(stated)}"]
    for part, rows in spans.items():
        at = 0
        for start, end in rows:
            if start != at or end <= start:
                problems.append(f"{part}: row {start}-{end} should start at {at} and end later")
            at = end
        if at != stated[part]:
            want = stated[part]
            problems.append(f"{part}: the agenda ends at {at} min, the notebook states {want}")
    return problems


def notes_timing(path: Path) -> str:
    text = (ROOT / "instructors" / f"{path.stem}.md").read_text(encoding="utf-8")
    return section(text, re.compile(r"## Timing"))


def guide_lesson(path: Path) -> str:
    text = GUIDE.read_text(encoding="utf-8")
    return section(text, re.compile(rf"### {path.stem[:2]} "))


# ------------------------------------------------------------------------------ minutes


@pytest.mark.parametrize("path", LESSONS_WITH_NOTES, ids=[p.stem for p in LESSONS_WITH_NOTES])
def test_notes_agenda_adds_up_to_the_notebooks_parts(path):
    stated = header_parts(path)
    problems = agenda_problems(agenda(notes_timing(path)), stated)
    assert not problems, f"instructors/{path.stem}.md agenda: " + "; ".join(problems)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_stated_parts_are_the_estimate_rounded_up_to_5(path):
    stated = header_parts(path)
    for timing in W.lesson_timings(path):
        want = stated[timing.name]
        assert want - 5 < timing.total_minutes <= want, (
            f"{path.name} {timing.name}: the walk-through gives {timing.total_minutes:.1f} min, "
            f"the header states {want} (should be within 5 below it)"
        )
        assert want <= W.PART_LIMIT_MINUTES, f"{path.name} {timing.name}: over one sitting"


def test_guide_headings_and_course_total_match_the_notebooks():
    guide = GUIDE.read_text(encoding="utf-8")
    total = 0
    for path in NOTEBOOKS:
        minutes = sum(header_parts(path).values())
        total += minutes
        heading = guide_lesson(path).splitlines()[0]
        assert heading.endswith(f"({minutes} min)"), (heading, minutes)
    hours = round(total / 60, 1)
    assert f"about {hours} hours ({total} minutes)" in guide, (hours, total)


def schedules(guide: str) -> dict[str, list[tuple[int, int, str]]]:
    """Each session schedule of the guide: {title: [(clock minutes, minutes, what), ...]}."""
    out: dict[str, list[tuple[int, int, str]]] = {}
    title = None
    for line in guide.splitlines():
        if line.startswith("### "):
            title = line[4:]
        m = re.match(r"\| (\d\d):(\d\d) \| (\d+) \| (.*) \|$", line)
        if m and title:
            clock = int(m.group(1)) * 60 + int(m.group(2))
            out.setdefault(title, []).append((clock, int(m.group(3)), m.group(4)))
    return out


def schedule_problems(title: str, rows: list[tuple[int, int, str]]) -> list[str]:
    problems = []
    for (clock, minutes, _), (next_clock, _, _) in zip(rows, rows[1:], strict=False):
        if clock + minutes != next_clock:
            problems.append(f"{title}: a row at {clock // 60}:{clock % 60:02d} + {minutes} min")
    length = rows[-1][0] + rows[-1][1] - rows[0][0]
    if m := re.match(r"(\d+)-minute", title):
        if int(m.group(1)) != length:
            problems.append(f"{title}: the rows take {length} min")
    if m := re.search(r"\(([\d.]+) hours", title):
        if float(m.group(1)) * 60 != length:
            problems.append(f"{title}: the rows take {length} min")
    for _, minutes, what in rows:
        lesson = re.search(r"\b(0[0-9])\b", what)
        if not lesson:
            continue
        path = next(p for p in NOTEBOOKS if p.name.startswith(lesson.group(1)))
        stated = header_parts(path)
        part = re.search(r"Part (\d+)", what)
        if "both parts" in what:
            want = sum(stated.values())
        elif part:
            want = stated[f"Part {part.group(1)}"]
        else:
            continue  # a lesson in part (00's setup check) or a debrief naming it
        if minutes != want:
            problems.append(f"{title}: '{what[:60]}' has {minutes} min, the notebook {want}")
    return problems


def test_guide_schedules_add_up():
    found = schedules(GUIDE.read_text(encoding="utf-8"))
    assert len(found) >= 3, list(found)
    problems = [p for title, rows in found.items() for p in schedule_problems(title, rows)]
    assert not problems, problems


# ------------------------------------------------------------------------- vote order


@pytest.mark.parametrize("path", LESSONS_WITH_NOTES, ids=[p.stem for p in LESSONS_WITH_NOTES])
def test_notes_agenda_names_the_votes_in_the_notebooks_order(path):
    assert VOTE_ID.findall(notes_timing(path)) == notebook_votes(path)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_guide_sets_up_the_votes_in_the_notebooks_order(path):
    set_up = guide_lesson(path).split("*Set up:*", 1)[1].split("\n- **", 1)[0]
    assert VOTE_ID.findall(set_up) == notebook_votes(path)


def test_the_checks_can_fail():
    good = "| 0–5 | a |\n| 5–10 | b |"
    assert agenda_problems(agenda(good), {"whole": 10}) == []
    gap = "| **Part 1** | |\n| 0–5 | a |\n| 6–10 | b |"
    assert agenda_problems(agenda(gap), {"Part 1": 10})  # a gap
    assert agenda_problems(agenda(good), {"whole": 15})  # ends short of the stated minutes
    assert agenda_problems(agenda(good), {"Part 1": 5, "Part 2": 5})  # parts missing
    rows = [(9 * 60, 30, "[01 Factory](x), Part 1."), (9 * 60 + 30, 10, "Break")]
    assert schedule_problems("90-minute session", rows)  # 40 min, and 01 Part 1 is 35
    stated_01 = header_parts(next(p for p in NOTEBOOKS if p.name.startswith("01")))
    assert any("has 30 min" in p for p in schedule_problems("x", rows)), stated_01
    swapped = "vote `01-better-system`, then `01-books-profit`"
    want = notebook_votes(next(p for p in NOTEBOOKS if p.name.startswith("01")))
    assert VOTE_ID.findall(swapped) != want
