"""A participant's walk-through of each lesson, timed activity by activity (issue 18).

A participant's time goes mostly to reading, deciding and moving controls, which a script
cannot do for them. So the walk-through is scripted: it goes through the notebook cell by
cell as a participant would (read the text, vote, move every explorer's controls, read each
checked output, answer each quiz, do each exercise without code, skip the optional
programmers' part, the hidden solutions and the glossary, which is looked up rather than
read through) and prices each activity at a stated rate.

Only the reading rate has a published source: 238 words a minute is the average for silent
reading of English non-fiction (Brysbaert 2019, "How many words do we read per minute?",
J. Memory and Language 109); course text dense with numbers is priced at 180. The other
rates are the authors' estimates, not yet timed in a room. They are kept here, in one place,
so an instructor who times a real room can correct them and re-run:

    .venv/bin/python tools/walkthrough.py            # the table
    .venv/bin/python tools/walkthrough.py --markdown # the table for instructors/README.md
    .venv/bin/python tools/walkthrough.py --write    # set the lessons' stated minutes

tests/test_notebooks.py checks that every notebook's stated minutes, the course map and the
facilitator guide's table agree with this, and that no part of a lesson runs over 45 minutes.
"""

from __future__ import annotations

import ast
import json
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Rates, in minutes: the authors' estimates except reading (see the module docstring).
WORDS_PER_MINUTE = 180  # Brysbaert 2019: 238 for non-fiction; slower for numbers
TABLE_ROW_MINUTES = 0.15  # a scenario table row: read, compare with the next
RUN_CELL_MINUTES = 0.1  # glance at a code cell and its output
PREDICTION_MINUTES = 1.0  # read the options, commit to one
EXPLORER_MINUTES = 3.0  # move the controls until the sentence under the figure makes sense
FIGURE_MINUTES = 1.0  # read a static figure
CHECKED_OUTPUT_MINUTES = 0.5  # read the printed numbers of a checked cell
QUIZ_MINUTES = 1.0  # answer, read the feedback
EXERCISE_MINUTES = 6.0  # read the task, try it with the controls or one edited value, check
PART_LIMIT_MINUTES = 45  # one sitting; a longer lesson is split into parts

EXPLORER_CALLS = re.compile(r"dl\.\w*(explorer|builder|setup_check|slider_demo|room)\(")


@dataclass(frozen=True)
class Timing:
    """Minutes a participant spends on one lesson (or one part of it)."""

    name: str
    teaching_minutes: float
    exercise_minutes: float

    @property
    def total_minutes(self) -> float:
        return self.teaching_minutes + self.exercise_minutes


def _words(markdown: str) -> int:
    text = re.sub(r"`[^`]*`", " x ", markdown)  # code in text reads as one word
    return len(re.findall(r"[A-Za-z0-9$%.,'’-]+", text))


def _cell_minutes(cell: dict) -> tuple[float, bool]:
    """(minutes, is_exercise_activity) for one cell."""
    src = cell["source"]
    tags = cell["metadata"].get("tags", [])
    if cell["cell_type"] == "markdown":
        if src.startswith("## Glossary"):
            return 0.0, False  # looked up when a word is unclear, not read through
        rows = len(re.findall(r"^\|", src, flags=re.M))
        return _words(src) / WORDS_PER_MINUTE + rows * TABLE_ROW_MINUTES, False
    if "solution" in tags:
        return 0.0, False  # read only when stuck: inside the exercise's minutes
    minutes = RUN_CELL_MINUTES
    if "dl.prediction(" in src:
        minutes += PREDICTION_MINUTES
    if EXPLORER_CALLS.search(src):
        minutes += EXPLORER_MINUTES
    elif "dl.plot_" in src:
        minutes += FIGURE_MINUTES
    if "NBVAL_CHECK_OUTPUT" in src:
        minutes += CHECKED_OUTPUT_MINUTES
    minutes += QUIZ_MINUTES * src.count("dl.quiz(")
    return minutes, False


def _parts(nb: dict) -> list[tuple[str, list[dict]]]:
    """The lesson split at '# Part N' headings (one part when there are none); the title and
    header before the first part are read in the first part's sitting."""
    parts: list[tuple[str, list[dict]]] = []
    preamble: list[dict] = []
    for cell in nb["cells"]:
        m = re.match(r"# (Part \d+)", cell["source"]) if cell["cell_type"] == "markdown" else None
        if m:
            parts.append((m.group(1), preamble if not parts else []))
        (parts[-1][1] if parts else preamble).append(cell)
    return parts or [("whole", preamble)]


def _time(name: str, cells: list[dict]) -> Timing:
    teaching = exercises = 0.0
    in_exercise = in_programmers = False
    for cell in cells:
        if cell["cell_type"] == "markdown":
            for line in cell["source"].splitlines():
                if re.match(r"#{1,2} ", line):
                    in_exercise = line.startswith("## Exercises")
                    in_programmers = line.startswith("## For programmers")
        if in_programmers or "programmers" in cell["metadata"].get("tags", []):
            continue  # optional: not in anyone's agenda
        minutes, _ = _cell_minutes(cell)
        if in_exercise:
            if cell["cell_type"] == "markdown":
                n = len(re.findall(r"^### Exercise \d+", cell["source"], flags=re.M))
                minutes += n * EXERCISE_MINUTES
            exercises += minutes
        else:
            teaching += minutes
    return Timing(name, teaching, exercises)


def round5(minutes: float) -> int:
    """Agendas are planned in 5-minute steps; round up so a room is never rushed."""
    return int(5 * math.ceil(minutes / 5 - 1e-9))


def _load(path: Path) -> dict:
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:  # nbformat allows a list of lines too
        if isinstance(cell["source"], list):
            cell["source"] = "".join(cell["source"])
    return nb


def lesson_timings(path: Path) -> list[Timing]:
    """The lesson's parts (or the whole lesson), timed."""
    nb = _load(path)
    return [_time(name, cells) for name, cells in _parts(nb)]


def stated_minutes(path: Path) -> tuple[int, int]:
    """(teaching, exercises) minutes as the lesson's header states them."""
    nb = _load(path)
    header = next(c["source"] for c in nb["cells"] if "**Teaching:**" in c["source"])
    teaching = int(re.search(r"\*\*Teaching:\*\* (\d+) min", header).group(1))
    exercises = int(re.search(r"\*\*Exercises:\*\* (\d+) min", header).group(1))
    return teaching, exercises


def planned(path: Path) -> tuple[int, int]:
    """(teaching, exercises) minutes to state, adding up to the lesson's parts as stated.

    Each part is rounded up to 5 minutes once (the header and the agendas show parts), the
    lesson is the sum of its parts, and teaching is rounded up to 5 with exercises the rest:
    rounding teaching and exercises separately as well made headers that contradicted
    themselves (01 said 35 + 20 = 55 beside parts of 35 + 25).
    """
    parts = lesson_timings(path)
    total = sum(round5(p.total_minutes) for p in parts)
    teaching = min(round5(sum(p.teaching_minutes for p in parts)), total - 5)
    return teaching, total - teaching


def _check_calls(path: Path) -> None:
    """Fail loudly if a notebook cannot be parsed (a broken cell would time as zero)."""
    nb = _load(path)
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            ast.parse(cell["source"])


def table(markdown: bool = False) -> str:
    rows = []
    head = "| lesson | part | reading, votes, controls (min) | exercises (min) | total (min) |"
    rows += [head, "| --- | --- | --- | --- | --- |"] if markdown else []
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        _check_calls(path)
        for t in lesson_timings(path):
            cells = (
                path.stem,
                t.name,
                f"{t.teaching_minutes:.0f}",
                f"{t.exercise_minutes:.0f}",
                f"{t.total_minutes:.0f}",
            )
            rows.append("| " + " | ".join(cells) + " |" if markdown else "  ".join(cells))
    return "\n".join(rows)


RUN_ALL_FIRST = (
    "*Run All first (**Run → Run All Cells**): nothing gives an answer away until you vote, "
    "press **Check** or press **Show the answer**.*"
)


def write_headers() -> None:
    """Set each lesson header's minutes (and its parts' minutes) to the walk-through's."""
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        text = path.read_text(encoding="utf-8")
        nb = json.loads(text)
        teaching, exercises = planned(path)
        parts = lesson_timings(path)
        line = f"**Teaching:** {teaching} min · **Exercises:** {exercises} min"
        if len(parts) > 1:
            line += (
                " · "
                + ", ".join(f"{p.name}: {round5(p.total_minutes)} min" for p in parts)
                + " (one sitting each)"
            )
        for cell in nb["cells"]:
            src = "".join(cell["source"])
            if "**Teaching:**" in src:
                first, _, rest = src.partition("\n")
                if "Run All first" not in rest and not path.name.startswith("00-"):
                    rest = "\n" + RUN_ALL_FIRST + "\n" + rest  # the guide's promise, every lesson
                cell["source"] = line + ("\n" + rest if rest else "")
                break
        path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"{path.name}: {line}")


if __name__ == "__main__":
    if "--write" in sys.argv:
        write_headers()
    else:
        print(table(markdown="--markdown" in sys.argv))
