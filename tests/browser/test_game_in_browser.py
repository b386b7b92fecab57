"""The room plays (issue 28) in a real browser: a player plays a round of the solo game in
real JupyterLab by keyboard alone, and the instructor runs a round of a room game from the
game's page on a real hub (keyboard only), reads every team's numbers there, and axe-core
finds nothing critical or serious on either."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_layout import RENDER_ALL_CSS, layout_problems  # noqa: E402

from tests.conftest import ROOT  # noqa: E402

from harness import ARTIFACTS, NotebookPage  # noqa: E402

pytestmark = pytest.mark.browser

HANDOUT = ROOT / "instructors" / "06-room-game.ipynb"
BLOCKING = ("critical", "serious")


def axe_problems(page, context=None) -> list[str]:
    """Critical/serious axe-core violations (the notebook's outputs, or the whole page)."""
    from axe_playwright_python.sync_playwright import Axe

    response = Axe().run(page, context=context).response
    return [
        f"[{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])}x)"
        for v in response["violations"]
        if v.get("impact") in BLOCKING
    ]


def expected_deals(approach: str, discount: float) -> str:
    """Round 1's deals as the solo widget says them: sales decided by the player, the two
    bots on their local targets (the first half), the handout's default game."""
    from demandlab.formatting import number
    from demandlab.game import model as m
    from demandlab.game.scenario import GAME

    team = {
        "marketing": GAME.bot_local["marketing"],
        "sales": {"approach": approach, "discount_percent": discount},
        "cs": GAME.bot_local["cs"],
    }
    return number(float(m.play_team([team]).deals[0]), digits=0)


def test_a_player_plays_a_round_in_jupyterlab_by_keyboard(lab_server, browser):
    """The handout's solo sales seat: both of sales' decisions and the round, by keys."""
    nbp = NotebookPage(browser, lab_server, HANDOUT)
    try:
        nbp.open()
        nbp.run_all()
        settled = nbp.wait_settled()
        nbp.page.screenshot(path=str(ARTIFACTS / "game-player-open.png"), full_page=True)
        assert not nbp.console_errors, (nbp.console_errors, settled)
        kind, button = nbp.prepare_main_control()
        assert kind == "button"
        page = nbp.page
        message = page.locator(".jp-Notebook .dl-message").first
        assert "play the first quarter" in message.inner_text()
        # The approach: a toggle button, pressed with the space bar.
        push = page.locator(".jp-Notebook button.widget-toggle-button", has_text="Push to close")
        push.scroll_into_view_if_needed()
        push.focus()
        page.keyboard.press("Space")
        page.wait_for_function(
            "() => [...document.querySelectorAll('.jp-Notebook button.widget-toggle-button')]"
            ".some(b => b.textContent.includes('Push to close') && "
            "b.classList.contains('mod-active'))",
            timeout=30_000,
        )
        # The discount: one step of 5% with the arrow key. One step, not two: ipywidgets holds
        # a model's second update until the kernel has answered its first, while the button's
        # click goes out at once, so a quick second step can reach the kernel after the click
        # (it did once: a round played at 5% with 10% on screen).
        handle = page.locator(".jp-Notebook .widget-slider .noUi-handle").first
        handle.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function(
            "() => parseFloat(document.querySelector('.jp-Notebook .widget-slider "
            ".noUi-handle').getAttribute('aria-valuenow')) === 5",
            timeout=30_000,
        )
        before = nbp.figure_signature()
        button.focus()
        page.keyboard.press("Enter")  # "Play the quarter", without a mouse
        nbp.wait_figure_changed(before)
        page.wait_for_function(
            "() => document.querySelector('.jp-Notebook .dl-message')"
            ".textContent.includes('Round 1: sales had')",
            timeout=30_000,
        )
        text = message.inner_text()
        # The kernel played the decision the keys made: push at 5% off, not the start, and
        # not push at the start's discount (each would say another number).
        assert f"Round 1: sales had {expected_deals('push', 5)} deals closed" in text, text
        assert expected_deals("push", 5) not in {
            expected_deals("qualify", 0),
            expected_deals("push", 0),
        }
        assert "Your customers" not in text  # hidden in the first half
        problems = axe_problems(page, {"include": [[".jp-Notebook .jp-OutputArea-output"]]})
        assert problems == [], problems
        assert nbp.console_errors == []
        page.screenshot(path=str(ARTIFACTS / "game-player-round-1.png"))
        # The handout's figure fits too (test_layout sweeps the lessons, not the handout): an
        # axis title once lost its first letter here.
        page.add_style_tag(content=RENDER_ALL_CSS)
        assert layout_problems(nbp) == []
    finally:
        nbp.close()


def test_the_instructor_runs_a_round_from_the_game_page(room_hub, browser):
    from tests.test_room import call

    hub = room_hub
    players = [f"web{i}" for i in range(1, 5)]
    tokens = hub.tokens([*players, "teacher"])
    ctx = browser.new_context(viewport={"width": 1300, "height": 1400})
    errors: list[str] = []
    try:
        page = ctx.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("dialog", lambda d: d.accept())  # "Open a new game?"
        page.goto(f"{hub.base}/hub/login")
        page.fill("#username_input", "teacher")
        page.fill("#password_input", hub.password("teacher"))
        page.click("#login_submit")
        page.wait_for_url("**/hub/**")
        page.goto(hub.room_url + "game")
        status = page.locator("#status")
        status.wait_for(timeout=30_000)

        def press(selector: str) -> None:
            page.focus(selector)
            page.keyboard.press("Enter")

        page.fill("#rounds", "4")
        press("#open")
        page.get_by_text("Game open: players join").wait_for(timeout=30_000)
        for name in players:
            assert call(hub, tokens[name], "POST", "api/game/join", {})[0] == 200
        page.fill("#seconds", "")
        press("#start")
        page.get_by_text("Round 1 of 4 is open").wait_for(timeout=30_000)
        decision = {"round": 1, "department": "marketing", "values": {"leads_per_month": 400}}
        assert call(hub, tokens["web1"], "POST", "api/game/decision", decision)[0] == 200
        assert call(hub, tokens["web4"], "POST", "api/game/decision", decision)[0] == 200
        press("#close")
        page.get_by_text("Round 1 of 4 is closed").wait_for(timeout=30_000)
        view = call(hub, tokens["teacher"], "GET", "api/game/all")[1]
        deals = page.locator("table", has_text="Deals (sales)")
        rows = deals.locator("tr").all_inner_texts()[1:]
        assert [re.split(r"\s+", r.strip())[-1] for r in rows] == [
            f"{round(t['rounds'][0]['deals'] * 10) / 10:,.1f}".rstrip("0").rstrip(".")
            for t in view["teams"]
        ]
        decided = page.locator("table", has_text="Decisions (marketing").locator("tr")
        rows = decided.all_inner_texts()[1:]
        assert [re.split(r"\t", r.strip())[-1] for r in rows] == [
            "{}; {} {}%; {} h".format(
                f"{d['marketing']['leads_per_month']:g}",
                d["sales"]["approach"],
                f"{d['sales']['discount_percent']:g}",
                f"{d['cs']['onboarding_hours']:g}",
            )
            for d in (t["decisions"][0] for t in view["teams"])
        ]
        assert rows[0].strip().endswith("400; qualify 0%; 12 h")  # web1's, sales kept the start
        seats = page.locator("table", has_text="Seats").locator("tr").all_inner_texts()
        assert "web1" in seats[1] and "web4" in seats[2] and "-" in seats[2]
        problems = axe_problems(page)
        assert problems == [], problems
        page.screenshot(path=str(ARTIFACTS / "game-instructor-page.png"), full_page=True)
    finally:
        ctx.close()
    assert errors == []
