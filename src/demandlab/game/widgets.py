"""The room game's widget: one player, one department, in a notebook.

Solo (no hub, Binder, a laptop, JupyterLite): the learner runs one department, two bots run
the others, chasing their local targets in the first half and steered end to end in the
second. In a workshop room (a hub with the room service): the same controls send the
decision to the room, and the scoreboard is the room's.
"""

from __future__ import annotations

import ipywidgets as widgets

from ..widgetkit import Explorer, figure_widget, guarded, mark_main, message_area, refresh, say
from . import model as m
from .figures import plot_room_game
from .report import customer_sentence, department_sentence, game_over_sentence
from .scenario import DECISIONS, DEPARTMENT_NAMES, GAME

__all__ = ["room_game", "room_game_summary"]

SOLO_NAME = "you"
_LABELS = {
    "leads_per_month": "Leads a month",
    "push": "Push (0 qualify .. 1 push)",
    "onboarding_hours": "Onboarding hours per customer",
}


def _sliders(department: str, start: dict) -> dict:
    out = {}
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


def room_game(department: str = "marketing", rounds: int = GAME.rounds, seed: int = GAME.seed):
    """Play one department of lesson 05's company against two bots, a quarter a round.

    Parameters
    ----------
    department : str
        "marketing" (leads a month: volume beyond 150 comes from broad targeting), "sales"
        (0 = qualify every lead and sell honestly, 1 = push: no qualifying, discounts and
        promises) or "cs" (customer success: onboarding hours per new customer).
    rounds : int
        Quarters in the game (2..20, default 8); the customer is hidden in the first half.
    seed : int
        The game's seed: the same decisions give the same result.

    Returns
    -------
    Explorer
        Your department's slider, a "Play the quarter" button (the main control), a "Start
        over" button, the figure and a sentence. ``.result`` is the team's
        :class:`~demandlab.game.model.TeamRun`; ``.state`` the game's state.

    Examples
    --------
    >>> box = room_game("sales", rounds=4)
    >>> box.controls["push"].value = 1.0
    >>> box.play.click(); box.play.click()
    >>> box.result.rounds_played, box.state.history[0][1]["sales"]
    (2, {'push': 1.0})
    """
    state = _solo_state(department, rounds, seed)
    department = m.seat_of(state, SOLO_NAME)[1]
    sliders = _sliders(department, dict(GAME.start[department]))
    play = mark_main(widgets.Button(description="Play the quarter", button_style="primary"))
    again = widgets.Button(description="Start over")
    local, e2e = m.local_targets(state.scenario), m.end_to_end_target(state.scenario)
    run = m.play_team([], state.scenario)
    fw = figure_widget(
        plot_room_game(run, department, local[department], e2e, rounds, False), main=True
    )
    note = message_area()
    box = Explorer(
        [
            widgets.HTML(
                f"<b>You run {DEPARTMENT_NAMES[department]}.</b> Two bots run the "
                "other departments."
            ),  # fmt: skip
            *sliders.values(),
            widgets.HBox([play, again]),
            fw,
            note,
        ],
        controls=dict(sliders),
        figure=fw,
        message=note,
        result=run,
    )
    box.state, box.play, box.again = state, play, again

    def show() -> None:
        s = box.state
        run = m.team_results(s)[1] if s.history else m.play_team([], s.scenario)
        box.result = run
        show_customer = s.second_half
        refresh(fw, plot_room_game(run, department, local[department], e2e, rounds, show_customer))
        if not s.history:
            say(note, "Set your decision and play the first quarter.", "info")
            return
        text = department_sentence(run, department, local[department])
        if show_customer:
            text += " " + customer_sentence(run, e2e)
        if s.round == s.scenario.rounds // 2:
            text += " Half time: from the next quarter the bots steer end to end."
        if s.finished:
            text += " " + game_over_sentence(run, s.scenario.rounds // 2)
        say(note, text, "info")

    def on_play(_=None) -> None:
        s = box.state
        if s.finished:
            say(note, "The game is over: press Start over to play again.", "info")
            return
        s = m.start_round(s, 0.0)
        values = {name: float(w.value) for name, w in sliders.items()}
        s = m.decide(s, SOLO_NAME, department, values, 0.0)
        box.state = m.close_round(s)
        show()

    def on_again(_=None) -> None:
        box.state = _solo_state(department, rounds, seed)
        show()

    play.on_click(guarded(on_play, note))
    again.on_click(guarded(on_again, note))
    show()
    return box


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
