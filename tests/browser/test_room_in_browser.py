"""The live room in a real browser (issue 16): a participant on a real hub votes in lesson 01's
prediction, the instructor's page shows the split and flips the reveal switch, and the
participant's notebook then shows "You said Factory B; 4 of 6 said Factory B." under the vote.
The instructor page also shows a hostile cloud title as text, never as HTML."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from tests.conftest import ROOT  # noqa: E402

from harness import ARTIFACTS, require_chromium  # noqa: E402

pytestmark = pytest.mark.browser

HOSTILE = (
    '<img src=x onerror="window.__pwned=1"><b>Run for volume</b><script>window.__pwned=2</script>'
)
LEARNER = "learner"


def lesson_01_prediction_cell() -> str:
    nb = json.loads((ROOT / "notebooks" / "01-factory-a-vs-b.ipynb").read_text())
    return next(
        "".join(c["source"])
        for c in nb["cells"]
        if c["cell_type"] == "code" and "dl.prediction(" in "".join(c["source"])
    )


def write_notebook(path: Path) -> None:
    """Lesson 01's own prediction cell, after the import: the participant's side of the room."""
    cells = ["import demandlab as dl", lesson_01_prediction_cell()]
    nb = {
        "cells": [
            {
                "cell_type": "code",
                "metadata": {},
                "source": s,
                "outputs": [],
                "execution_count": None,
            }
            for s in cells
        ],
        "metadata": {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(nb))


@pytest.fixture(scope="module")
def hub():
    from tests.roomhub import RoomHub

    problem = require_chromium()
    if problem:
        pytest.fail(problem, pytrace=False)
    h = RoomHub()
    try:
        yield h.start()
    finally:
        h.stop()


def login(context, hub, name: str):
    page = context.new_page()
    page.goto(f"{hub.base}/hub/login")
    page.fill("#username_input", name)
    page.fill("#password_input", hub.password(name))
    page.click("#login_submit")
    page.wait_for_url("**/hub/**")
    return page


def test_instructor_page_and_a_participants_revealed_comparison(hub, browser):
    """Uses the suite's one chromium (conftest's ``browser``): a second sync Playwright
    in the same process refuses to start inside the first one's event loop."""
    from tests.test_room import call

    voters = [f"voter{i}" for i in range(1, 6)]
    tokens = hub.tokens([*voters, "teacher"])
    for name, answer in zip(
        voters, ["Factory B", "Factory B", "Factory B", "Factory A", "Factory A"]
    ):
        assert (
            call(
                hub,
                tokens[name],
                "POST",
                "api/answers",
                {"lesson": "01", "question": "01-books-profit", "answer": answer},
            )[0]
            == 200
        )
    assert (
        call(
            hub,
            tokens["voter1"],
            "POST",
            "api/results",
            {"lesson": "04", "key": "cloud-title", "value": HOSTILE},
        )[0]
        == 200
    )
    assert (
        call(
            hub,
            tokens["voter2"],
            "POST",
            "api/results",
            {"lesson": "03", "key": "dice-matches", "value": 28},
        )[0]
        == 200
    )
    home = hub.scratch / "state" / "home" / LEARNER
    write_notebook(home / "room-check.ipynb")
    # The participant's own JupyterLab settings: start the notebook's kernel without asking
    # (no "Select Kernel" dialog).
    settings = home / ".jupyter/lab/user-settings/@jupyterlab/notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text('{"autoStartDefaultKernel": true}')

    errors: list[str] = []
    contexts = []
    try:
        # The participant: log in, get a server, run lesson 01's prediction, vote.
        learner_ctx = browser.new_context(viewport={"width": 1200, "height": 900})
        contexts.append(learner_ctx)
        lp = login(learner_ctx, hub, LEARNER)
        lp.goto(f"{hub.base}/hub/spawn")
        lp.wait_for_url(f"**/user/{LEARNER}/lab/**", timeout=120_000)
        lp.goto(f"{hub.base}/user/{LEARNER}/lab/tree/room-check.ipynb")
        lp.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90_000)
        # The status bar names the notebook's kernel once it is connected and idle.
        lp.get_by_text("Python 3 (ipykernel) | Idle").wait_for(timeout=90_000)
        lp.get_by_role("menuitem", name="Run", exact=True).click()
        lp.locator("li[data-command='runmenu:run-all']").click()
        try:
            lp.get_by_role("button", name="Factory B", exact=True).click(timeout=90_000)
        except Exception:
            lp.screenshot(path=str(ARTIFACTS / "room-participant-failed.png"))
            raise
        line = lp.locator(".dl-room-line")
        line.get_by_text("Your vote is in the room").wait_for(timeout=30_000)

        # The instructor: the room's page, the split, the hostile title as text, reveal.
        teacher_ctx = browser.new_context(viewport={"width": 1200, "height": 1400})
        contexts.append(teacher_ctx)
        tp = login(teacher_ctx, hub, "teacher")
        tp.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        tp.on("pageerror", lambda e: errors.append(str(e)))
        tp.goto(hub.room_url)
        tp.wait_for_selector("body[data-loaded=yes]", timeout=30_000)
        counts = tp.locator("#lesson-01 .counts")
        counts.get_by_text("6 voted").wait_for(timeout=15_000)
        bars = tp.evaluate("() => document.querySelector('#lesson-01 .split').data[0].y")
        assert bars == [2, 4]  # Factory A, Factory B
        titles = tp.locator("#lesson-04 ul.texts li").all_inner_texts()
        assert titles == [HOSTILE]
        assert (
            tp.evaluate("() => document.querySelectorAll('#lessons img, #lessons script').length")
            == 0
        )
        assert tp.evaluate("() => window.__pwned") is None
        assert (
            tp.locator("#lesson-03 .result")
            .inner_text()
            .startswith(
                "matches delivered in the 10-round dice game (matches): 1 shared; median 28"
            )
        )
        tp.locator("#lesson-01 .reveal-switch").check()
        counts.get_by_text("revealed").wait_for(timeout=15_000)
        tp.screenshot(path=str(ARTIFACTS / "room-instructor-page.png"), full_page=True)

        # The participant's notebook shows the comparison under their own vote.
        line.get_by_text("You said Factory B; 4 of 6 said Factory B.").wait_for(timeout=30_000)
        lp.screenshot(path=str(ARTIFACTS / "room-participant-revealed.png"))
        assert call(hub, tokens["voter3"], "GET", "api/lessons/01")[1]["revealed"] is True
    finally:
        for ctx in contexts:
            ctx.close()
    assert errors == []
