"""Where Run All leaves the page, nothing in view answers a vote (issue 24).

JupyterLab leaves the page at the lesson's end after Run All. The ``notebook`` fixture
records the text of every cell visible there, before any test scrolls
(``notebook.run_all_view``); none of it may contain a giveaway phrase of any of the lesson's
votes (the phrases each vote names in the question bank, tests/test_vote_giveaways.py).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.test_vote_giveaways import given_away, votes  # noqa: E402

from harness import ARTIFACTS  # noqa: E402

pytestmark = pytest.mark.browser


def test_run_all_leaves_no_outcome_in_view(notebook):
    view = notebook.run_all_view
    ARTIFACTS.mkdir(parents=True, exist_ok=True)  # for a look: what the learner saw
    (ARTIFACTS / f"{notebook.name}-run-all-view.txt").write_text(view, encoding="utf-8")
    assert view.strip(), f"{notebook.rel}: no cell visible after Run All"
    cells = json.loads(Path(notebook.notebook).read_text(encoding="utf-8"))["cells"]
    leaks = {key: hits for _, key in votes(cells) if (hits := given_away(view, key))}
    assert leaks == {}, f"{notebook.rel} after Run All shows: {leaks}\n---\n{view[:2000]}"


def test_the_check_can_fail():
    """Canary: the text lesson 03's key points showed before they moved into <details>."""
    shown = "A balanced line delivers less than its average capacity: variability plus dependence"
    assert given_away(shown, "03-dice") == ["delivers less", "variability plus dependence"]
