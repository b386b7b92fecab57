"""The dice game, step by step: next, back, play, reset and new dice.

Built by :func:`demandlab.widgetkit.explorer`: the round slider (with the Play control
linked to it) and the dice's seed are the model's inputs; the buttons only move them.
"""

from __future__ import annotations

import functools

import ipywidgets as widgets

from ..checks import SEED_MAX
from ..engine.scenarios import takes_scenario
from ..widgetkit import Explorer, View, explorer, guarded, row
from . import scenario as sc
from .figures import plot_dice_game
from .model import DiceRound, at_round, play_dice
from .report import round_text

__all__ = ["dice_game_explorer"]


def _controls(rounds: int, seed: int) -> tuple:
    """A Play control linked to a round slider (0..rounds), the dice's seed, and the four
    buttons."""
    play = widgets.Play(
        value=0,
        min=0,
        max=rounds,
        step=1,
        interval=700,
        description="Play",
        show_repeat=False,
    )
    slider = widgets.IntSlider(
        value=0,
        min=0,
        max=rounds,
        step=1,
        description="Round",
        continuous_update=True,
        layout={"width": "360px"},
    )
    widgets.link((play, "value"), (slider, "value"))
    dice = widgets.BoundedIntText(
        value=seed,
        min=0,
        max=SEED_MAX,
        description="Dice",
        tooltip="the seed of the dice: the same number replays the same game",
        layout={"width": "180px"},
    )
    buttons = {
        "back": widgets.Button(description="◀ Back", tooltip="one round back"),
        "next": widgets.Button(
            description="Next ▶", button_style="primary", tooltip="one round on"
        ),
        "reset": widgets.Button(description="Reset", tooltip="back to round 0"),
        "new dice": widgets.Button(description="New dice", tooltip="same game, new dice"),
    }
    return play, slider, dice, buttons


@takes_scenario(sc.SCENARIO)
def dice_game_explorer(s: sc.DiceScenario) -> Explorer:
    """Step through the dice game: next, back, play, reset, and new dice.

    Parameters
    ----------
    stations, rounds, initial_wip, wip_cap, seed
        As in :func:`dice_game` (default: 5 stations, 20 rounds, empty, no cap).
    scenario : DiceScenario, optional
        A whole game (default ``SCENARIO``); the settings named go on top of it.

    Returns
    -------
    widgetkit.Explorer
        Buttons (back, next, reset, new dice), a Play control linked to a round slider,
        the dice's seed, the figure and a sentence on the current round. ``.result`` is
        the :class:`DiceRound` on show (the whole game and ``round_number``);
        ``.controls`` holds the round slider (``"round_number"``), the Play control
        (``"play"``), the seed (``"seed"``) and the buttons.

    Examples
    --------
    >>> box = dice_game_explorer(rounds=10, seed=1)
    >>> box.controls["round_number"].value = 10
    >>> box.result.round_number, box.result.delivered == int(box.result.cumulative_output[-1])
    (10, True)
    """
    first = play_dice(s)
    play, slider, dice, buttons = _controls(first.rounds, first.seed)

    @functools.lru_cache(maxsize=8)  # a game per seed: stepping through it runs nothing
    def game(seed: int):
        return first if seed == first.seed else play_dice(s.replace(seed=seed))

    def model(round_number: int, play: int, seed: int) -> DiceRound:
        return at_round(game(seed), round_number)  # play is linked to round_number

    def view(shown: DiceRound) -> View:
        return View(plot_dice_game(shown, shown.round_number), *round_text(shown))

    controls = {"round_number": slider, "play": play, "seed": dice, **buttons}
    top = widgets.VBox(
        [
            row([buttons["back"], buttons["next"], play, slider]),
            row([buttons["reset"], buttons["new dice"], dice]),
        ]
    )
    box = explorer(controls, model, view, top=top)

    def go_back(_: object = None) -> None:
        slider.value = max(slider.min, slider.value - 1)

    def go_next(_: object = None) -> None:
        slider.value = min(slider.max, slider.value + 1)

    def go_reset(_: object = None) -> None:
        play.playing = False
        slider.value = 0

    def new_dice(_: object = None) -> None:
        go_reset()
        dice.value = (dice.value + 1) % (SEED_MAX + 1)

    actions = {"back": go_back, "next": go_next, "reset": go_reset, "new dice": new_dice}
    for name, action in actions.items():
        buttons[name].on_click(guarded(action, box.message))
    return box
