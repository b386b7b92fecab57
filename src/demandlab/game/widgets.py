"""The room game's widget: one player, one department, in a notebook.

Solo (no hub, Binder, a laptop, JupyterLite): the learner runs one department, two bots run
the others, chasing their local targets in the first half and steered end to end in the
second. In a workshop room (a hub with the room service): the same controls send the
decision to the room, and the scoreboard is the room's.
"""

from __future__ import annotations

import asyncio

import ipywidgets as widgets
import numpy as np

from .. import room_client
from ..checks import InputError, flag, frozen
from ..widgetkit import Explorer, Step, View, esc, explorer, mark_main
from . import model as m
from .figures import plot_room_game
from .report import (
    customer_sentence,
    debrief_questions,
    department_sentence,
    game_over_sentence,
)
from .scenario import CHOICES, DECISIONS, DEPARTMENT_NAMES, GAME

__all__ = ["room_game", "room_game_summary"]

SOLO_NAME = "you"
# What a room player reads while the sliders show a decision the room does not hold.
UNSENT = "Your sliders have changed: press Send my decision, or the room keeps the one it has."
_LABELS = {
    "leads_per_month": "Leads a month",
    "approach": "Approach",
    "discount_percent": "Discount (% off the list price)",
    "onboarding_hours": "Onboarding hours per customer",
}
# The buttons of a named choice: {name: what its button says}.
_CHOICE_LABELS = {"qualify": "Qualify every lead", "push": "Push to close"}


def _debrief(half_played: bool, finished: bool) -> str:
    """The debrief's questions under the figure (HTML), once the first half is played."""
    head, questions = debrief_questions(half_played, finished)
    items = "".join(f"<li>{esc(q)}</li>" for q in questions)
    return f"<b>{esc(head)}</b><ul>{items}</ul>" if questions else ""


def _sliders(department: str, start: dict) -> dict:
    """The department's controls: a toggle for each named choice, a slider for each number."""
    out: dict = {}
    for name, allowed in CHOICES.get(department, {}).items():
        out[name] = widgets.ToggleButtons(
            options=[(_CHOICE_LABELS[a], a) for a in allowed],
            value=start[name],
            description=_LABELS[name],
            style={"description_width": "initial"},
        )
    for name, (low, high, step, _unit) in DECISIONS[department].items():
        out[name] = widgets.FloatSlider(
            value=start[name],
            min=low,
            max=high,
            step=step,
            description=_LABELS[name],
            continuous_update=False,
            readout_format=".1f" if step < 1 else ".0f",
            style={"description_width": "initial"},
            layout={"width": "460px"},
        )
    return out


def _decided(values: dict) -> dict:
    """The decision the controls show: a named choice as its name, a number as a float."""
    return {n: v if isinstance(v, str) else float(v) for n, v in values.items()}


def room_game(
    department: str = "marketing",
    rounds: int = GAME.rounds,
    seed: int = GAME.seed,
    room: bool | None = None,
) -> Explorer:
    """Play one department of lesson 05's company, a quarter a round: against two bots, or
    in the workshop's room with your team.

    Parameters
    ----------
    department : str
        "marketing" (leads a month: volume beyond 150 comes from broad targeting), "sales"
        (two decisions: qualify every lead or push to close whoever came, and how hard to
        discount, 0-30% off the list price) or "cs" (customer success: onboarding hours per
        new customer).
    rounds : int
        Quarters in the game (2..20, default 8); the customer is hidden in the first half.
    seed : int
        The game's seed: the same decisions give the same result.
    room : bool or None
        None (default): play in the room when this server has one and the instructor has
        opened a game (the room then seats you and sets the rounds), else solo. False: solo.

    Returns
    -------
    Explorer
        Built by :func:`demandlab.widgetkit.explorer`: your department's controls, a "Play
        the quarter" button (``controls["play"]``, the main control; in a room "Send my
        decision"), a "Start over" button (``controls["again"]``; in a room "Refresh"), the
        figure, a sentence and the debrief's questions (``panels["debrief"]``).
        ``.result`` is the team's :class:`~demandlab.game.model.TeamRun`; ``.state`` the
        game's state (in a room, the room's view of your seat).

    Examples
    --------
    >>> box = room_game("sales", rounds=4)
    >>> box.controls["approach"].value = "push"
    >>> box.controls["discount_percent"].value = 20
    >>> box.controls["play"].click(); box.controls["play"].click()
    >>> box.result.rounds_played, box.state.history[0][1]["sales"]
    (2, {'approach': 'push', 'discount_percent': 20.0})
    """
    state = _solo_state(department, rounds, seed)
    department = m.seat_of(state, SOLO_NAME)[1]
    conn = room_client.connection() if room is None or flag("room", room) else None
    if room and conn is None:
        raise InputError("room must be False or None here: this server has no room, got True")
    if conn is not None:
        try:
            return _room_player(conn, conn.call("POST", "api/game/join", {}))
        except room_client.RoomError as err:
            if room:
                raise
            offline = f"No game in the room ({err}): you play solo; run the cell again later."
    else:
        offline = ""
    return _solo_player(state, department, offline)


def _solo_sentence(
    s: m.GameState, run: m.TeamRun, department: str, local: float, e2e: float, offline: str
) -> str:
    """What the solo player reads under the figure: their department's quarter, the
    customer's once the first half is played, half time and the end."""
    if not s.history:
        return (offline + " " if offline else "") + "Set your decision and play the first quarter."
    text = department_sentence(run, department, local)
    if s.second_half:
        text += " " + customer_sentence(run, e2e)
    if s.round == s.scenario.rounds // 2:
        text += " Half time: from the next quarter the bots steer end to end."
    if s.finished:
        text += " " + game_over_sentence(run, s.scenario.rounds // 2)
    return text


def _solo_player(state: m.GameState, department: str, offline: str) -> Explorer:
    """The solo widget: the learner's department against two bots, no server."""
    rounds = state.scenario.rounds
    local, e2e = m.local_targets(state.scenario)[department], m.end_to_end_target(state.scenario)
    controls = {
        **_sliders(department, dict(GAME.start[department])),
        "play": mark_main(widgets.Button(description="Play the quarter", button_style="primary")),
        "again": widgets.Button(description="Start over"),
    }

    def team(s: m.GameState, **_decision: object) -> m.TeamRun:
        return m.team_results(s)[1] if s.history else m.play_team([], s.scenario)

    def view(run: m.TeamRun, s: m.GameState) -> View:
        fig = plot_room_game(run, department, local, e2e, rounds, s.second_half)
        text = _solo_sentence(s, run, department, local, e2e, offline)
        return View(fig, text, panels={"debrief": _debrief(s.second_half, s.finished)})

    def play(s: m.GameState, **decision: object) -> object:
        if s.finished:
            return Step(s, "The game is over: press Start over to play again.", "info")
        s = m.decide(m.start_round(s, 0.0), SOLO_NAME, department, _decided(decision), 0.0)
        return m.close_round(s)

    heading = widgets.HTML(
        f"<b>You run {DEPARTMENT_NAMES[department]}.</b> Two bots run the other departments."
    )
    return explorer(
        controls,
        team,
        view,
        panels=["debrief"],
        state=state,
        main=True,
        actions={
            "play": play,
            "again": lambda _s, **_v: _solo_state(department, rounds, state.scenario.seed),
        },
        arrange=_player_layout(controls, heading),
    )


def _player_layout(controls: dict, heading: widgets.Widget | None = None):
    """A player's widget from the top: who you are (``heading``, else the "head" panel),
    your decisions, the two buttons, the figure, the sentence and the debrief's questions."""
    decisions = [w for n, w in controls.items() if n not in ("play", "again")]

    def arrange(figure, note, panels) -> list:
        buttons = widgets.HBox([controls["play"], controls["again"]])
        top = heading if heading is not None else panels["head"]
        return [top, *decisions, buttons, figure, note, panels["debrief"]]

    return arrange


def _run_from_view(view: dict) -> m.TeamRun:
    """The team's rounds as the room shows them to this player: their department's number,
    and the customer's once the first half is played (zeros where the room shows nothing)."""
    board = view["scoreboard"]["rounds"]
    n = len(board)
    arrays = {name: np.zeros(n) for name in m.ROUND_NUMBERS}
    arrays[view["scoreboard"]["number"]] = np.array(
        [r[view["scoreboard"]["number"]] for r in board]
    )
    for name in m.CUSTOMER_NUMBERS:
        rows = view.get("customer", {}).get("rounds", [])
        if rows:
            arrays[name] = np.array([r[name] for r in rows], dtype=float)
    return m.TeamRun(
        decisions=tuple({} for _ in range(n)),
        **{k: frozen(v) for k, v in arrays.items()},
        cohort_successes=frozen(np.zeros(n)),
    )


def _seat_heading(view: dict, department: str) -> str:
    """The room player's heading: their team and department, and who runs the others."""
    team = ", ".join(
        f"{DEPARTMENT_NAMES[d]}: {u or 'a bot'}" for d, u in view.get("team", {}).items()
    )
    return (
        f"<b>Team {view['seat']['team']}: you run {DEPARTMENT_NAMES[department]}.</b> "
        f"<span style='color:#555'>({esc(team)})</span>"
    )


def _room_player(conn, view: dict) -> Explorer:
    """The player's widget in a room: your department's slider, "Send my decision" and
    "Refresh"; the explorer's state is the room's view of your seat."""
    if view.get("seat") is None:
        raise room_client.RoomError("the room did not seat you")
    department = view["seat"]["department"]
    rounds, local = view["game"]["rounds"], view["scoreboard"]["target"]
    controls = {
        **_sliders(department, view["decision"]),
        "play": mark_main(widgets.Button(description="Send my decision", button_style="primary")),
        "again": widgets.Button(description="Refresh"),
    }

    def sentence(seen: dict, run: m.TeamRun, sent: str = "") -> str:
        e2e = seen["customer"]["target"] if "customer" in seen else 0.0
        text = _room_sentence(seen, run, department, local, e2e, sent)
        on_screen = _decided({n: controls[n].value for n in seen["decision"]})
        if on_screen != _decided(seen["decision"]) and not seen["game"]["finished"]:
            text += f" {UNSENT}"  # the sliders moved since the room last heard from you
        return text

    def show(run: m.TeamRun, seen: dict) -> View:
        customer = "customer" in seen
        e2e = seen["customer"]["target"] if customer else 0.0
        fig = plot_room_game(run, department, local, e2e, rounds, customer)
        panels = {"head": _seat_heading(seen, department)}
        panels["debrief"] = _debrief(customer, seen["game"]["finished"])
        return View(fig, sentence(seen, run), panels=panels)

    def answered(seen: dict, sent: str) -> Step:
        return Step(seen, sentence(seen, _run_from_view(seen), sent), "info")

    def send(seen: dict, **decision: object) -> object:
        body = {"department": department, "values": _decided(decision)}
        if seen["game"]["open"]:  # meant for the round on show: refused if it has closed
            body["round"] = seen["game"]["round"]
        try:
            return answered(conn.call("POST", "api/game/decision", body), "Sent.")
        except room_client.RoomError as err:
            try:
                return answered(conn.call("GET", "api/game"), f"Not sent: {err}.")
            except room_client.RoomError:
                return Step(seen, f"Not sent: {err}.", "warn")

    def ask(seen: dict, **_decision: object) -> object:
        try:
            return conn.call("GET", "api/game")
        except room_client.RoomError as err:
            return Step(seen, f"The room did not answer: {err}.", "warn")

    box = explorer(
        controls,
        lambda seen, **_decision: _run_from_view(seen),
        show,
        panels=["head", "debrief"],
        state=view,
        main=True,
        actions={"play": send, "again": ask},
        arrange=_player_layout(controls),
    )
    _follow(conn, box)
    return box


def _follow(conn, box: Explorer) -> None:
    """The room changes without the player: ask it every few seconds (as a prediction's line
    does, on the kernel's event loop; none in plain Python) and redraw when what this seat
    sees has changed: a round opened or closed, a new scoreboard row."""
    poll = {"n": 0, "wait": room_client.POLL_S, "scheduled": False}

    def seen(v: dict) -> tuple:
        g = v["game"]
        return g["round"], g["open"], g["finished"], v["decided_this_round"], "customer" in v

    def schedule() -> None:
        if poll["scheduled"] or poll["n"] >= room_client.MAX_POLLS or box.state["game"]["finished"]:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        poll["scheduled"] = True
        loop.call_later(poll["wait"], tick)

    def tick() -> None:
        poll["scheduled"], poll["n"] = False, poll["n"] + 1
        try:
            view = conn.call("GET", "api/game")
            if seen(view) != seen(box.state):
                box.step(lambda _seen, **_decision: view)
            poll["wait"] = room_client.POLL_S
        except (room_client.RoomError, KeyError, TypeError):
            poll["wait"] = min(poll["wait"] * 2, room_client.MAX_POLL_S)
        schedule()

    schedule()


def _room_sentence(
    view: dict, run: m.TeamRun, department: str, local: float, e2e: float, sent: str
) -> str:
    """What the player's seat shows under the figure: the round's state and the numbers."""
    g, rounds = view["game"], view["game"]["rounds"]
    if g["open"]:
        state = f"Round {g['round']} of {rounds} is open: " + (
            "your decision is in; you may change it until the round closes."
            if view["decided_this_round"]
            else "send your decision (if you do not, your last one counts)."
        )
    elif g["finished"]:
        state = "The game is over: the instructor leads the debrief."
    else:
        state = f"Round {g['round']} is closed: wait for the instructor to open the next one."
    text = (sent + " " if sent else "") + state
    if run.rounds_played:
        text += " " + department_sentence(run, department, local)
        if "customer" in view:
            text += " " + customer_sentence(run, e2e)
    return text


def _solo_state(department: object, rounds: object, seed: object) -> m.GameState:
    state = m.join(m.new_game(rounds, seed), SOLO_NAME)
    return m.assign(state, SOLO_NAME, 1, department)


def room_game_summary(rounds: int = GAME.rounds, seed: int = GAME.seed) -> None:
    """Print the game played by bots alone: every department on its local target all game,
    then turned end to end halfway (what the solo bots do), then end to end all game.

    Examples
    --------
    >>> room_game_summary(rounds=4)  # doctest: +ELLIPSIS
    Customers reaching success in 4 quarters (first half + second half):
    ...
    """
    sc = m.new_game(rounds, seed).scenario
    half = sc.rounds // 2
    plays = {
        "local targets all game": [sc.bot_local] * sc.rounds,
        "local, then end to end": [sc.bot_local] * half + [sc.bot_end_to_end] * (sc.rounds - half),
        "end to end all game": [sc.bot_end_to_end] * sc.rounds,
    }
    print(f"Customers reaching success in {sc.rounds} quarters (first half + second half):")
    for name, decisions in plays.items():
        run = m.play_team(decisions, sc)
        first, second = run.successes[:half].sum(), run.successes[half:].sum()
        print(
            f"  {name:24s} {first:5.0f} + {second:5.0f} = {first + second:5.0f};"
            f" deals {run.deals.sum():5.0f}, leads {run.leads.sum():6.0f}"
        )
