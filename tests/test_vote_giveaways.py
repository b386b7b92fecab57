"""No lesson states a vote's outcome before the learner votes (issue 24).

Each prediction in the question bank names ``giveaways``: short phrases that state its
outcome (for 03-busier, "u / (1 - u)", the formula that answers it). The text a learner reads
from the lesson's start down to the vote, every cell above it, may contain none of them.
After Run All, JupyterLab leaves the page at the lesson's end: the markdown after the last code
cell (glossary, key points, discussion) may state no outcome either, except inside a closed
``<details>`` block the learner opens on purpose.
``test_a_giveaway_put_back_above_its_vote_fails`` is the canary: it puts a phrase back.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from demandlab import questions
from tests.claims import cells

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
VOTE = re.compile(r"""dl\.prediction\(\s*["']([^"']+)["']\s*\)""")
DETAILS = re.compile(r"<details>.*?</details>", re.DOTALL)

# Votes whose lesson's owner has not yet named their giveaway phrases (issue 24 split the
# lessons by engineer); empty this set as they are added.
KNOWN_WITHOUT_GIVEAWAYS: frozenset[str] = frozenset()


def normal(text: str) -> str:
    """Lower case, one space between words, no markdown emphasis, a plain minus sign."""
    text = text.lower().replace("\u2212", "-").replace("*", "").replace("\\", "")
    return re.sub(r"\s+", " ", text)


def source(cell: dict) -> str:
    return "".join(cell["source"])


def votes(cell_list: list[dict]) -> list[tuple[int, str]]:
    """(cell index, prediction id) of every vote, in order."""
    return [(i, m) for i, c in enumerate(cell_list) for m in VOTE.findall(source(c))]


def given_away(text: str, key: str) -> list[str]:
    """The outcome phrases of vote ``key`` that ``text`` contains."""
    body = normal(text)
    return [p for p in questions.predictions()[key].get("giveaways", ()) if normal(p) in body]


def above_vote_leaks(cell_list: list[dict]) -> dict[str, list[str]]:
    """Per vote: the phrases stating its outcome that appear above it."""
    out = {}
    for i, key in votes(cell_list):
        hits = given_away("\n".join(source(c) for c in cell_list[:i]), key)
        if hits:
            out[key] = hits
    return out


def run_all_tail(cell_list: list[dict]) -> str:
    """The markdown after the last code cell (where Run All leaves the page), minus any
    closed <details> block."""
    last_code = max(i for i, c in enumerate(cell_list) if c["cell_type"] == "code")
    tail = "\n".join(source(c) for c in cell_list[last_code + 1 :] if c["cell_type"] == "markdown")
    return DETAILS.sub("", tail)


def test_every_vote_names_its_giveaways():
    missing = sorted(
        k for k, e in questions.predictions().items() if not e.get("giveaways") and k[:2] != "NN"
    )
    assert missing == sorted(KNOWN_WITHOUT_GIVEAWAYS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name[:2])
def test_no_text_above_a_vote_states_its_outcome(path):
    assert above_vote_leaks(cells(path)) == {}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name[:2])
def test_the_page_run_all_leaves_states_no_outcome(path):
    cell_list = cells(path)
    tail = run_all_tail(cell_list)
    leaks = {k: hits for _, k in votes(cell_list) if (hits := given_away(tail, k))}
    assert leaks == {}


@pytest.mark.parametrize("path", NOTEBOOKS[:4], ids=lambda p: p.name[:2])
def test_the_phrases_are_the_lessons_own_words(path):
    """Each vote's phrases are not made up: at least one is what the lesson says after it,
    so the check follows the words the lesson really uses."""
    cell_list = cells(path)
    for i, key in votes(cell_list):
        after = "\n".join(source(c) for c in cell_list[i + 1 :])
        assert given_away(after, key), key


def test_a_giveaway_put_back_above_its_vote_fails():
    """Canary: lesson 03's header question as it was before issue 24, and a closed <details>
    block that hides key points from the end of a lesson."""
    cell_list = cells(ROOT / "notebooks" / "03-pull-vs-push.ipynb")
    old = "- Why does a balanced line deliver less than its stations promise?\n"
    cell_list[1] = {**cell_list[1], "source": old + source(cell_list[1])}
    assert above_vote_leaks(cell_list) == {"03-dice": ["deliver less"]}
    hidden = "<details><summary>Key points</summary>\n\nThe line delivers far less.\n</details>"
    shown = "The line delivers far less."
    for text, leaks in ((hidden, []), (shown, ["far less"])):
        tail = [{"cell_type": "code", "source": "x"}, {"cell_type": "markdown", "source": text}]
        assert given_away(run_all_tail(tail), "03-dice") == leaks
