"""The claims tables' one check, shared by every lesson (each keeps one table of its claims):
rows of ``(phrase, source, holds)``, where the phrase must stand in that source's text and
``holds`` (None, or a function of no arguments) must be true; :func:`said` writes the rows
whose check is finding the phrase. Also the one way the tests read a lesson's text (a
notebook's cells, a facilitator's notes).
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from demandlab import questions
from tests.conftest import ROOT

Claim = tuple[str, str, "Callable[[], bool] | None"]


def cells(notebook: str | Path) -> list[dict]:
    """A notebook's cells (``notebook`` relative to the repository, or absolute)."""
    return json.loads((ROOT / notebook).read_text(encoding="utf-8"))["cells"]


def notebook_text(notebook: str | Path, markdown_only: bool = False) -> str:
    """A notebook's cells' sources (or only its markdown's), one cell a line."""
    return "\n".join(
        "".join(c["source"])
        for c in cells(notebook)
        if not markdown_only or c["cell_type"] == "markdown"
    )


def lesson_text(path: str | Path, plain_dollars: bool = False) -> str:
    """A notebook's cells (or a markdown file) as one string, whitespace collapsed; with
    ``plain_dollars``, markdown's escaped dollar signs ("\\$30", "\\\\$30") read as "$30"."""
    raw = (ROOT / path).read_text(encoding="utf-8")
    if str(path).endswith(".ipynb"):
        raw = notebook_text(path)
    if plain_dollars:
        raw = raw.replace("\\\\$", "$").replace("\\$", "$")
    return re.sub(r"\s+", " ", raw)


def printed(summary: Callable[..., object], *args, **kwargs) -> str:
    """What ``summary(*args, **kwargs)`` prints (a lesson's summaries print their numbers)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        summary(*args, **kwargs)
    return out.getvalue()


def said(source: str, *phrases: str) -> list[Claim]:
    """Rows for phrases built from the scenario's numbers, all in ``source``: finding each
    phrase is its whole check (``holds`` None). Unpack them into a table: ``*said(...)``."""
    return [(phrase, source, None) for phrase in phrases]


def ids(claims: Sequence[Claim]) -> list[str]:
    """A readable test id per row: its source and the phrase's start."""
    return [f"{source}: {phrase[:48]}" for phrase, source, _ in claims]


def check(texts: Mapping[str, str], phrase: str, source: str, holds, gives: str = "model"):
    """The row holds: ``phrase`` is in ``texts[source]`` and ``holds()`` is true."""
    assert phrase in texts[source], f"the {source} no longer says: {phrase!r}"
    assert holds is None or holds(), f"the {gives} no longer gives: {phrase!r}"


def no_row_twice(claims: Sequence[Claim]) -> bool:
    """No (phrase, source) pair is listed twice (a copied row would test nothing new)."""
    return len({(phrase, source) for phrase, source, _ in claims}) == len(claims)


def _bank_parts(lesson: str, *kinds: Mapping[str, dict]) -> list[str]:
    """Each question, option and explanation (an exercise's ``explain`` too) of ``lesson``'s
    entries in ``kinds``."""
    parts: list[str] = []
    for kind in kinds:
        for key, entry in kind.items():
            if key.startswith(lesson):
                parts += [entry["question"], *entry.get("options", ())]
                parts += list(entry.get("explanations", {}).values())
                parts += [entry["explain"]] if "explain" in entry else []
    return parts


def bank_text(lesson: str) -> str:
    """Every question, option and explanation of the quiz bank's ``lesson`` (e.g. "03-")."""
    return " ".join(_bank_parts(lesson, questions.quizzes()))


def question_text(lesson: str) -> str:
    """Every vote, quiz and exercise of ``lesson`` (e.g. "04-") as the learner reads them:
    questions, options and feedback, one a line."""
    kinds = (questions.predictions(), questions.quizzes(), questions.exercises())
    return "\n".join(_bank_parts(lesson, *kinds))


def check_can_fail(texts: Mapping[str, str], source: str) -> None:
    """Canary: a phrase the text does not hold, and a row whose check fails, are caught."""
    for phrase, holds in (("no lesson says this phrase", None), ("", lambda: False)):
        try:
            check(texts, phrase, source, holds)
        except AssertionError:
            continue
        raise AssertionError(f"the claims check let {phrase!r} pass")
