"""One course glossary, one meaning per word (issue 24).

The glossary lives at the end of lesson 00 (``## Glossary``); the other lessons link to it
and define no term of their own. Each term is defined once. Words that used to change meaning
between lessons carry a list of forbidden uses: "throughput" is money (Goldratt's T), so a
lesson about jobs per hour says "output rate"; "cycle time" is release to exit, so a
station's minutes per unit are its "station time"; WIP is "work in process".
The learner-facing text checked is each lesson's markdown and its question-bank entries
(questions, options, feedback). ``test_the_checks_can_fail`` is the canary.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from demandlab import questions

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = {p.name[:2]: p for p in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))}
TERM = re.compile(r"^- \*\*(.+?)\*\*:", flags=re.M)

# Lessons not yet moved onto the course glossary (issue 24 split the lessons by engineer):
# their own glossary and words are not checked. Empty since lessons 04 and 05 moved.
KNOWN_PENDING: frozenset[str] = frozenset()

# term -> (lessons the rule covers, forbidden pattern, what to write instead)
FORBIDDEN = {
    "throughput": (
        {"02", "03"},
        r"\bthroughput\b",
        "lessons 02 and 03 count jobs, not money: say 'output rate'",
    ),
    "cycle time": (
        {"02"},
        r"\bcycle time\b",
        "a station's minutes per unit are its 'station time'",
    ),
    "work in progress": (
        {"00", "01", "02", "03", "04", "05"},
        r"\bwork in progress\b",
        "WIP is 'work in process'",
    ),
    "fill rate": (
        {"00", "01", "02", "03", "04", "05"},
        r"\bfill rate\b[^.\n]{0,60}\b(leads|inquiries)\b",
        "fill rate is the share of units shipped from stock, not of leads worked",
    ),
    "throughput (money)": (
        {"00", "01", "04", "05"},
        r"\bthroughput\b[^.]{0,40}\b(units|jobs|customers) (a|per) ",
        "throughput is money, never a count per period",
    ),
}


def markdown(path: Path) -> list[str]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"]


def glossary_cell(path: Path) -> str:
    cells = [c for c in markdown(path) if c.startswith("## Glossary")]
    assert len(cells) == 1, path.name
    return cells[0]


def bank_text(lesson: str) -> str:
    parts = []
    for kind in (questions.predictions(), questions.quizzes(), questions.exercises()):
        for key, entry in kind.items():
            if key.startswith(lesson + "-"):
                parts += [entry["question"], *entry.get("options", ())]
                parts += list(entry.get("explanations", {}).values())
                parts += [entry["explain"]] if isinstance(entry.get("explain"), str) else []
    return "\n".join(parts)


def lesson_text(lesson: str, glossary: bool = False) -> str:
    cells = markdown(NOTEBOOKS[lesson])
    if not glossary:
        cells = [c for c in cells if not c.startswith("## Glossary")]
    return "\n".join(cells) + "\n" + bank_text(lesson)


def misuses(lesson: str, text: str) -> list[str]:
    """Forbidden uses of a glossary word in ``text`` (lesson ``lesson``), as 'term: match'."""
    found = []
    for term, (lessons, pattern, _) in FORBIDDEN.items():
        if lesson in lessons:
            found += [f"{term}: {m.group(0)}" for m in re.finditer(pattern, text, flags=re.I)]
    return found


def course_terms() -> list[str]:
    return TERM.findall(glossary_cell(NOTEBOOKS["00"]))


def test_lesson_00_holds_the_course_glossary_with_each_term_once():
    terms = [t.lower() for t in course_terms()]
    assert len(terms) >= 40
    assert sorted(t for t in set(terms) if terms.count(t) > 1) == []
    for word in ("throughput (money)", "output rate", "exponential times", "m/m/1 queue"):
        assert word in terms, word
    for word in ("erlang c", "seed", "station time", "cycle time", "demand side", "supply side"):
        assert word in terms, word


@pytest.mark.parametrize("lesson", sorted(set(NOTEBOOKS) - {"00"} - KNOWN_PENDING))
def test_other_lessons_link_to_it_and_define_nothing(lesson):
    cell = glossary_cell(NOTEBOOKS[lesson])
    assert "](00-start-here.ipynb#Glossary)" in cell
    assert TERM.findall(cell) == []


@pytest.mark.parametrize("lesson", sorted(set(NOTEBOOKS) - KNOWN_PENDING))
def test_lessons_use_each_word_in_its_glossary_meaning(lesson):
    assert misuses(lesson, lesson_text(lesson)) == []


def test_the_forbidden_words_are_the_glossarys():
    """Each rule names a word the glossary defines, in the meaning the rule protects."""
    glossary = glossary_cell(NOTEBOOKS["00"]).lower()
    assert "**throughput (money)**: money from sales minus truly variable costs" in glossary
    assert "**output rate**: output per hour" in glossary
    assert "**station time**: the minutes one station takes per unit" in glossary
    assert "**cycle time**: the time from a job's release into the line to its exit" in glossary
    assert "**wip (work in process)**" in glossary
    assert "**fill rate**: the share of units shipped from stock" in glossary


def test_the_checks_can_fail():
    """Canary: lesson 03's words before issue 24, and a second definition of a term."""
    assert misuses("03", "Little's law, WIP = throughput × cycle time.") == [
        "throughput: throughput"
    ]
    assert misuses("02", "the slowest station's cycle time") == ["cycle time: cycle time"]
    assert misuses("05", "the slowest station's cycle time") == []  # outside the rule's lessons
    twice = "## Glossary\n\n- **Bottleneck**: one.\n- **Bottleneck**: two.\n"
    terms = [t.lower() for t in TERM.findall(twice)]
    assert [t for t in set(terms) if terms.count(t) > 1] == ["bottleneck"]
