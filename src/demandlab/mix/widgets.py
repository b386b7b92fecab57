"""Lesson 04's explorers: the offering classifier and the buffet, loss leader and P&Q
explorers, each wired by :func:`demandlab.widgetkit.explorer` (the sentences come from
``report``)."""

from __future__ import annotations

from dataclasses import replace

import ipywidgets as widgets

from ..checks import in_range
from ..widgetkit import Explorer, View, explorer, mark_main
from . import scenario as sc
from .figures import plot_buffet, plot_loss_leader, plot_product_mix
from .model import (
    MAIN_JOBS,
    PURPOSES,
    classify_offering,
    pq_problem,
    product_mix,
    run_buffet,
    run_loss_leader,
)
from .report import buffet_sentence, loss_leader_sentence, plans_sentence, role_sentence

_WIDE = {"description_width": "initial"}


def _question(options: list, value: object, description: str) -> widgets.ToggleButtons:
    return widgets.ToggleButtons(
        options=options,
        value=value,
        description=description,
        style={**_WIDE, "button_width": "auto"},
    )


def _slider(
    kind: type,
    value: float,
    low: float,
    high: float,
    step: float,
    description: str,
    *,
    width: str = "480px",
    continuous: bool = False,
) -> widgets.Widget:
    return kind(
        value=value,
        min=low,
        max=high,
        step=step,
        description=description,
        style=_WIDE,
        layout={"width": width},
        continuous_update=continuous,
    )


def offering_classifier() -> Explorer:
    """Answer the four diagnostic questions for one of your offerings; see its role.

    Returns
    -------
    demandlab.widgetkit.Explorer
        A name field, four questions (``controls``: ``name``, ``more_use_raises_profit``,
        ``main_job``, ``constraining_helps``, ``purpose``) and a sentence with the role and
        what to do; ``result`` is the :class:`~demandlab.mix.OfferingRole` shown (no figure).

    Examples
    --------
    >>> w = offering_classifier()
    >>> w.controls["main_job"].value = "justify price"
    >>> "differentiator" in w.message.value or "generator" in w.message.value
    True
    """
    name = widgets.Text(value="", placeholder="e.g. free onboarding call", description="Offering")
    controls = {
        "name": name,
        "more_use_raises_profit": _question(
            [("profit rises", True), ("profit falls", False)], True, "1. More use:"
        ),
        "main_job": _question(list(MAIN_JOBS), "generate volume", "2. Its job:"),
        "constraining_helps": _question(
            [("helps", True), ("hurts", False)], False, "3. Constrain it:"
        ),
        "purpose": _question(list(PURPOSES), "be consumed", "4. It is there to:"),
    }

    def model(name: str, **answers: object):
        return classify_offering(name[:200], **answers)

    return explorer(
        controls,
        model,
        lambda r: View(None, role_sentence(r)),
        top=widgets.VBox(list(controls.values())),
    )


def buffet_explorer(
    carving_rate_per_hour: float = sc.BUFFET.carving_rate_per_hour,
) -> Explorer:
    """Move the carving rate (the lesson's main control); watch profit and roast beef served.

    Parameters
    ----------
    carving_rate_per_hour : float
        Where the slider starts (default 120: the station flat out).

    Returns
    -------
    demandlab.widgetkit.Explorer
        The carving slider (``controls["carving_rate_per_hour"]``), a beef cost slider
        (``controls["beef_cost_per_serving"]``), the live figure and a sentence; ``result``
        is the :class:`~demandlab.mix.BuffetResult` shown.

    Examples
    --------
    >>> w = buffet_explorer()
    >>> w.controls["carving_rate_per_hour"].value
    120
    """
    top = int(sc.BUFFET.max_carving_rate_per_hour)
    step = sc.BUFFET_RATE_STEP
    start = in_range("carving_rate_per_hour", carving_rate_per_hour, 0, top)
    rate = mark_main(
        _slider(
            widgets.IntSlider,
            int(round(start / step) * step),
            0,
            top,
            step,
            "Carving (servings/h)",
            width="520px",
            continuous=True,
        )
    )
    low, high, cost_step = sc.BEEF_COST_SLIDER
    cost = _slider(
        widgets.FloatSlider,
        sc.BUFFET.beef_cost_per_serving,
        low,
        high,
        cost_step,
        "Beef cost ($/serving)",
        width="520px",
    )
    return explorer(
        {"carving_rate_per_hour": rate, "beef_cost_per_serving": cost},
        lambda **setting: run_buffet(replace(sc.BUFFET, **setting)),
        lambda r: View(plot_buffet(r), *buffet_sentence(r)),
        top=widgets.VBox([rate, cost]),
        main=True,
    )


def loss_leader_explorer(leader_price: float = sc.LEADER_PRICE_START) -> Explorer:
    """Move the leader's promotion price; watch the leader's own loss and the store's gain.

    Returns
    -------
    demandlab.widgetkit.Explorer
        A price slider (``controls["leader_price"]``), the live figure and a sentence;
        ``result`` is the :class:`~demandlab.mix.LossLeaderResult` shown.

    Examples
    --------
    >>> loss_leader_explorer().controls["leader_price"].value
    6.0
    """
    top = sc.LOSS_LEADER.regular_price
    start = in_range("leader_price", leader_price, 0, top)
    price = _slider(
        widgets.FloatSlider,
        start,
        0.0,
        top,
        sc.LEADER_PRICE_STEP,
        "Promotion price ($)",
        continuous=True,
    )
    return explorer(
        {"leader_price": price},
        lambda leader_price: run_loss_leader(replace(sc.LOSS_LEADER, leader_price=leader_price)),
        lambda r: View(plot_loss_leader(r), *loss_leader_sentence(r)),
        top=price,
    )


def product_mix_explorer() -> Explorer:
    """P&Q with two knobs: Q's price and the minutes resource B has. Both rules side by side.

    Returns
    -------
    demandlab.widgetkit.Explorer
        Two sliders (``controls["price_q"]``, ``controls["minutes_b"]``), the figure, and a
        sentence per rule; ``result`` is the pair of :class:`~demandlab.mix.ProductMix`
        plans shown: by margin, by TOC.

    Examples
    --------
    >>> w = product_mix_explorer()
    >>> w.controls["price_q"].value, w.controls["minutes_b"].value
    (100, 2400)
    """
    price_q = _slider(
        widgets.IntSlider, sc.PQ.products["Q"].price, *sc.Q_PRICE_SLIDER, "Price of Q ($)"
    )
    minutes_b = _slider(
        widgets.IntSlider, sc.PQ.resources["B"], *sc.B_MINUTES_SLIDER, "Minutes on B per week"
    )

    def plans(price_q: int, minutes_b: int) -> tuple:
        pq = pq_problem()
        pq["products"]["Q"]["price"] = price_q
        pq["resources"]["B"] = minutes_b
        return product_mix(**pq, rule="margin"), product_mix(**pq, rule="toc")

    return explorer(
        {"price_q": price_q, "minutes_b": minutes_b},
        plans,
        lambda pair: View(plot_product_mix(pair), plans_sentence(pair)),
        top=widgets.VBox([price_q, minutes_b]),
    )
