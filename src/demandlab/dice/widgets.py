"""The dice game, step by step: next, back, play, reset and new dice."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from ..widgetkit import Explorer, figure_widget, guarded, message_area, refresh, row, say
from . import scenario as sc
from .figures import plot_dice_game
from .model import DiceGameResult, dice_game


def _round_sentence(result: DiceGameResult, r: int) -> tuple[str, str]:
    promised = sc.PROMISED_PER_ROUND * r
    delivered = int(result.cumulative_output[r])
    if r == 0:
        start = "empty" if result.initial_wip == 0 else f"{result.initial_wip} in each bowl"
        return (
            f"Round 0: the bowls start {start}. Press Next (or Play) to roll the dice.",
            "info",
        )
    lost = result.lost_capacity[r - 1]
    worst = int(np.argmax(lost))
    text = (
        f"Round {r}: delivered {delivered} so far against {promised:g} promised; "
        f"{int(result.wip[r])} matches wait in the bowls."
    )
    if lost[worst] > 0:
        text += (
            f" Station {worst + 1} rolled {result.rolls[r - 1, worst]} but could move only "
            f"{result.moves[r - 1, worst]}: {lost[worst]} units of capacity lost for good."
        )
    return text, "warn" if delivered < promised else "good"


def _controls(rounds: int) -> tuple[widgets.Play, widgets.IntSlider, dict]:
    """A Play control linked to a round slider (0..rounds), and the four buttons."""
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
    buttons = {
        "back": widgets.Button(description="◀ Back", tooltip="one round back"),
        "next": widgets.Button(
            description="Next ▶", button_style="primary", tooltip="one round on"
        ),
        "reset": widgets.Button(description="Reset", tooltip="back to round 0"),
        "new dice": widgets.Button(description="New dice", tooltip="same game, new dice"),
    }
    return play, slider, buttons


def dice_game_explorer(
    stations: int = sc.STATIONS,
    rounds: int = sc.ROUNDS,
    initial_wip: int = sc.INITIAL_WIP,
    wip_cap: int | None = sc.WIP_CAP,
    seed: int = sc.SEED,
) -> Explorer:
    """Step through the dice game: next, back, play, reset, and new dice.

    Parameters
    ----------
    stations, rounds, initial_wip, wip_cap, seed
        As in :func:`dice_game` (default: 5 stations, 20 rounds, empty, no cap).

    Returns
    -------
    widgetkit.Explorer
        Buttons (back, next, reset, new dice), a Play control linked to a round slider,
        the figure and a sentence on the current round. ``.result`` (and ``.current()``)
        is the :class:`DiceGameResult` on show; ``.controls`` holds the round slider,
        the Play control and the buttons.

    Examples
    --------
    >>> box = dice_game_explorer(rounds=10, seed=1)
    >>> box.round_slider.value = 10
    >>> box.round_slider.value
    10
    """
    first = dice_game(stations, rounds, initial_wip, wip_cap, seed)
    play, slider, buttons = _controls(first.rounds)
    fw = figure_widget(plot_dice_game(first, 0))
    note = message_area()
    box = Explorer(
        [
            row([buttons["back"], buttons["next"], play, slider]),
            row([buttons["reset"], buttons["new dice"]]),
            fw,
            note,
        ],
        controls={"round_number": slider, "play": play, **buttons},
        figure=fw,
        message=note,
        result=first,
    )

    def draw(change: dict | None = None) -> None:
        res = box.result
        r = min(max(int(slider.value), 0), res.rounds)
        refresh(fw, plot_dice_game(res, r))
        say(note, *_round_sentence(res, r))

    def go_back(_: object = None) -> None:
        slider.value = max(slider.min, slider.value - 1)

    def go_next(_: object = None) -> None:
        slider.value = min(slider.max, slider.value + 1)

    def go_reset(_: object = None) -> None:
        play.playing = False
        slider.value = 0
        draw()

    def new_dice(_: object = None) -> None:
        old = box.result
        box.result = dice_game(
            old.stations, old.rounds, old.initial_wip, old.wip_cap, (old.seed + 1) % 2**63
        )
        go_reset()

    slider.observe(guarded(draw, note), names="value")
    for name, action in (("back", go_back), ("next", go_next), ("reset", go_reset)):
        buttons[name].on_click(guarded(action, note))
    buttons["new dice"].on_click(guarded(new_dice, note))
    draw()
    # Handles for code and tests (kept from before the Explorer): drive it without a browser.
    box.round_slider = slider
    box.play = play
    box.buttons = buttons
    box.current = lambda: box.result
    return box
