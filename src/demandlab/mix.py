"""Lesson 04: products vs throughput generators, in numbers.

The essay "Products vs throughput generators" argues that not every offering should be
run for volume: some exist to attract customers, justify a price or shape behaviour.
This module tests that claim with four small models:

- :func:`classify_offering`: the essay's four diagnostic questions -> an economic role;
- :func:`buffet`: a buffet whose roast beef draws diners but costs money per serving;
- :func:`loss_leader`: an item sold below cost that pulls whole baskets through the door;
- :func:`product_mix`: Goldratt's P&Q problem (*The Haystack Syndrome*, 1990), ranked by
  unit margin or by throughput per minute of the constraint.

Layers: models (frozen dataclasses) -> ``plot_*`` figures -> ``*_explorer`` widgets.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go

from .widgetkit import (
    ACCENT_COLOR,
    BAD_COLOR,
    DEMAND_COLOR,
    GOOD_COLOR,
    PRODUCTION_COLOR,
    esc,
    figure_widget,
    guarded,
    mark_main,
    message_area,
    refresh,
    say,
)

ROLES = ("revenue generator", "cost driver", "differentiator", "behavioural lever")
MAIN_JOBS = ("justify price", "generate volume", "neither")
PURPOSES = ("be consumed", "influence behaviour")
RULES = ("margin", "toc")
_BIG = 1e9


def _number(name: str, value: object, low: float = 0.0, high: float = _BIG) -> float:
    """A finite real number in [low, high], or a ValueError that names the parameter."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise ValueError(f"{name} must be a number, got {value!r:.60}")
    v = float(value)
    if not math.isfinite(v) or not low <= v <= high:
        raise ValueError(f"{name} must be a finite number in [{low:g}, {high:g}], got {value!r}")
    return v


def _flag(name: str, value: object) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise ValueError(f"{name} must be True or False, got {value!r:.60}")
    return bool(value)


def _choice(name: str, value: object, allowed: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise ValueError(
            f"{name} must be one of {', '.join(map(repr, allowed))}; got {value!r:.60}"
        )
    return value


def _plabel(text: object) -> str:
    """Escape a name for a plotly label: tags show as text (plotly decodes numeric entities)."""
    return esc(text).replace("&quot;", "&#34;")


def _subtitle(text: str) -> dict:
    """A second title line as its own annotation: one "$" per label, because plotly reads a
    label with two as LaTeX and drops it, and layout.title.subtitle drew above the title."""
    return {
        "text": text,
        "xref": "paper",
        "yref": "paper",
        "x": 0.0,
        "y": 1.07,
        "xanchor": "left",
        "yanchor": "bottom",
        "showarrow": False,
        "font": {"size": 14, "color": "#555555"},
    }


def _usd(x: float, sign: bool = False) -> str:
    """$1,234 / -$300 (or +$300 with ``sign``): the minus sign goes before the dollar."""
    body = f"${abs(x):,.0f}"
    if x < -0.5:
        return "-" + body
    return ("+" if sign and x > 0.5 else "") + body


# --- the classifier ----------------------------------------------------------------------

# The answers a textbook case of each role gives to the essay's four questions.
_PROFILES = {
    "revenue generator": (True, "generate volume", False, "be consumed"),
    "cost driver": (False, "neither", True, "be consumed"),
    "differentiator": (False, "justify price", True, "influence behaviour"),
    "behavioural lever": (False, "generate volume", False, "influence behaviour"),
}
# Question 4 (consumed, or there to influence behaviour?) is the essay's deciding test, then
# question 2 (price or volume?). The weights have distinct subset sums, so no two roles tie.
_WEIGHTS = (1.0, 1.5, 0.6, 2.0)
_ADVICE = {
    "revenue generator": (
        "Run it for volume where it earns the most per minute of the constraint: "
        "it is a product in the operations sense."
    ),
    "cost driver": (
        "Control how much of it is consumed; pushing its volume raises cost, not throughput."
    ),
    "differentiator": (
        "Protect it and ration it: its job is to justify the price of everything else, "
        "not to be consumed in volume."
    ),
    "behavioural lever": (
        "Judge it by the throughput of what it pulls in (baskets, upgrades, traffic), "
        "never by its own margin."
    ),
}


@dataclass(frozen=True)
class OfferingRole:
    """What an offering is for, from the four diagnostic questions."""

    name: str
    role: str
    scores: dict
    reasons: tuple
    advice: str

    def sentence(self) -> str:
        """One sentence a manager can read out: the role and what to do about it."""
        return f"{self.name}: {self.role}. {self.advice}"


def classify_offering(
    name: str,
    more_use_raises_profit: bool,
    main_job: str,
    constraining_helps: bool,
    purpose: str,
) -> OfferingRole:
    """Classify an offering by its economic role, from the essay's four diagnostic questions.

    The questions, from "Products vs throughput generators":

    1. If customers consumed more of this, would profit rise? (``more_use_raises_profit``)
    2. Does it mainly justify price or generate volume? (``main_job``)
    3. If it were constrained, would demand shift in a way that helps? (``constraining_helps``)
    4. Is it there to be consumed, or to influence behaviour? (``purpose``)

    Each role has a textbook set of answers; the role whose answers agree most wins.
    Question 4 weighs most (the essay's deciding test), then question 2, then 1, then 3.

    Parameters
    ----------
    name : str
        What the offering is called (shown back as text, never run).
    more_use_raises_profit : bool
        Question 1.
    main_job : {"justify price", "generate volume", "neither"}
        Question 2.
    constraining_helps : bool
        Question 3.
    purpose : {"be consumed", "influence behaviour"}
        Question 4.

    Returns
    -------
    OfferingRole
        ``role`` is one of "revenue generator", "cost driver", "differentiator",
        "behavioural lever"; ``scores`` per role; ``reasons`` one line per question.

    Examples
    --------
    >>> classify_offering("Buffet roast beef", False, "justify price", True,
    ...                   "influence behaviour").role
    'differentiator'
    """
    if not isinstance(name, str) or len(name) > 200:
        raise ValueError(f"name must be a string of at most 200 characters, got {name!r:.60}")
    answers = (
        _flag("more_use_raises_profit", more_use_raises_profit),
        _choice("main_job", main_job, MAIN_JOBS),
        _flag("constraining_helps", constraining_helps),
        _choice("purpose", purpose, PURPOSES),
    )
    scores = {
        role: round(sum(w for w, a, p in zip(_WEIGHTS, answers, profile) if a == p), 2)
        for role, profile in _PROFILES.items()
    }
    role = max(ROLES, key=lambda r: scores[r])
    reasons = (
        "More use raises profit: it behaves like a product."
        if answers[0]
        else "More use lowers profit: volume is not its job.",
        {
            "justify price": "It justifies the price of the whole offer.",
            "generate volume": "It generates volume or traffic.",
            "neither": "It neither justifies price nor brings volume.",
        }[answers[1]],
        "Constraining it shifts demand in a useful way."
        if answers[2]
        else "Constraining it would lose demand.",
        "It is there to be consumed."
        if answers[3] == "be consumed"
        else "It is there to influence what customers do.",
    )
    return OfferingRole(name.strip() or "This offering", role, scores, reasons, _ADVICE[role])


def essay_offerings() -> dict[str, dict]:
    """The essay's examples, answered the way the essay argues (for the classifier).

    Returns
    -------
    dict of str to dict
        Offering name -> keyword answers for :func:`classify_offering`.

    Examples
    --------
    >>> [classify_offering(n, **a).role for n, a in essay_offerings().items()][:2]
    ['differentiator', 'behavioural lever']
    """
    return {
        "Buffet roast beef": dict(
            more_use_raises_profit=False,
            main_job="justify price",
            constraining_helps=True,
            purpose="influence behaviour",
        ),
        "Supermarket loss leader": dict(
            more_use_raises_profit=False,
            main_job="generate volume",
            constraining_helps=False,
            purpose="influence behaviour",
        ),
        "Free software feature": dict(
            more_use_raises_profit=False,
            main_job="generate volume",
            constraining_helps=False,
            purpose="influence behaviour",
        ),
        "Premium tier kept scarce": dict(
            more_use_raises_profit=False,
            main_job="justify price",
            constraining_helps=True,
            purpose="influence behaviour",
        ),
        "Unhurried high-end sales conversation": dict(
            more_use_raises_profit=False,
            main_job="justify price",
            constraining_helps=True,
            purpose="influence behaviour",
        ),
        "Product P in Goldratt's P&Q": dict(
            more_use_raises_profit=True,
            main_job="generate volume",
            constraining_helps=False,
            purpose="be consumed",
        ),
    }


def offering_classifier() -> widgets.VBox:
    """Answer the four diagnostic questions for one of your offerings; see its role.

    Returns
    -------
    ipywidgets.VBox
        A name field, four questions and a sentence with the role and what to do.

    Examples
    --------
    >>> w = offering_classifier()
    >>> w.children[2].value = "justify price"
    >>> "differentiator" in w.children[-1].value or "generator" in w.children[-1].value
    True
    """
    name = widgets.Text(value="", placeholder="e.g. free onboarding call", description="Offering")
    q1 = widgets.ToggleButtons(
        options=[("profit rises", True), ("profit falls", False)],
        value=True,
        description="1. More use:",
        style={"description_width": "initial", "button_width": "auto"},
    )
    q2 = widgets.ToggleButtons(
        options=list(MAIN_JOBS),
        value="generate volume",
        description="2. Its job:",
        style={"description_width": "initial", "button_width": "auto"},
    )
    q3 = widgets.ToggleButtons(
        options=[("helps", True), ("hurts", False)],
        value=False,
        description="3. Constrain it:",
        style={"description_width": "initial", "button_width": "auto"},
    )
    q4 = widgets.ToggleButtons(
        options=list(PURPOSES),
        value="be consumed",
        description="4. It is there to:",
        style={"description_width": "initial", "button_width": "auto"},
    )
    note = message_area()

    def update(change: dict | None = None) -> None:
        r = classify_offering(name.value[:200], q1.value, q2.value, q3.value, q4.value)
        color = {"revenue generator": DEMAND_COLOR}.get(r.role, ACCENT_COLOR)
        note.value = (
            f"<div style='font-size:1.05em;line-height:1.4'><b>{esc(r.name)}</b> is a "
            f"<b style='color:{color}'>{esc(r.role)}</b>. {esc(r.advice)}<br>"
            f"<span style='color:#666'>{esc(' '.join(r.reasons))}</span></div>"
        )

    for w in (name, q1, q2, q3, q4):
        w.observe(guarded(update, note), names="value")
    update()
    return widgets.VBox([name, q1, q2, q3, q4, note])


# --- the buffet --------------------------------------------------------------------------


@dataclass(frozen=True)
class BuffetResult:
    """Profit per evening of a buffet, as a function of how fast the roast beef is carved."""

    carving_rates_per_hour: np.ndarray
    covers: np.ndarray
    beef_servings: np.ndarray
    profit: np.ndarray
    chosen_rate_per_hour: float
    chosen_covers: float
    chosen_profit: float
    best_rate_per_hour: float
    best_profit: float
    max_rate_profit: float
    zero_rate_profit: float


def buffet(
    carving_rate_per_hour: float = 120.0,
    *,
    price_per_cover: float = 30.0,
    other_food_cost_per_cover: float = 8.0,
    beef_cost_per_serving: float = 4.0,
    base_covers: float = 120.0,
    extra_covers_max: float = 80.0,
    value_scale_per_hour: float = 20.0,
    hours_open: float = 4.0,
    overhead_per_evening: float = 2000.0,
    max_carving_rate_per_hour: float = 120.0,
) -> BuffetResult:
    """A buffet whose roast beef draws diners but costs money for every slice carved.

    The carving station's pace is what the diners see: generous carving makes the buffet
    look worth its price. Perceived value saturates, so covers (diners per evening) are
    ``base + extra_max * (1 - exp(-rate / value_scale))``. Every slice carved is eaten
    (roast beef is what everybody queues for), so beef cost grows in a straight line:
    ``rate * hours_open * beef_cost``. Profit is therefore highest at an interior rate,
    ``value_scale * ln(margin * extra_max / (value_scale * hours_open * beef_cost))``,
    not at the station's maximum.

    Parameters
    ----------
    carving_rate_per_hour : float
        The rate to report on, in servings per hour, in [0, max_carving_rate_per_hour].
    price_per_cover, other_food_cost_per_cover : float
        Price a diner pays, and the cost of everything else a diner eats ($ per cover).
    beef_cost_per_serving : float
        Cost of one serving of roast beef ($); > 0.
    base_covers, extra_covers_max : float
        Diners who come anyway, and the most extra diners generous carving can attract.
    value_scale_per_hour : float
        Carving rate at which about 63% of the extra diners are won (> 0).
    hours_open : float
        Service hours per evening (> 0).
    overhead_per_evening : float
        Staff, rent and energy per evening ($), whatever is carved.
    max_carving_rate_per_hour : float
        The station flat out (> 0, at most 10,000).

    Returns
    -------
    BuffetResult
        The profit curve over 0..max (241 points), the chosen rate, and the best rate.

    Examples
    --------
    >>> r = buffet()
    >>> round(r.best_rate_per_hour), round(r.best_profit), round(r.max_rate_profit)
    (34, 1534, 476)
    """
    price = _number("price_per_cover", price_per_cover, 0, 1e6)
    other = _number("other_food_cost_per_cover", other_food_cost_per_cover, 0, 1e6)
    beef = _number("beef_cost_per_serving", beef_cost_per_serving, 1e-6, 1e6)
    base = _number("base_covers", base_covers, 0, 1e6)
    extra = _number("extra_covers_max", extra_covers_max, 0, 1e6)
    scale = _number("value_scale_per_hour", value_scale_per_hour, 1e-3, 1e4)
    hours = _number("hours_open", hours_open, 1e-3, 24)
    overhead = _number("overhead_per_evening", overhead_per_evening, 0, 1e9)
    top = _number("max_carving_rate_per_hour", max_carving_rate_per_hour, 1e-3, 1e4)
    rate = _number("carving_rate_per_hour", carving_rate_per_hour, 0, 1e4)
    if rate > top:
        raise ValueError(
            f"carving_rate_per_hour must be at most max_carving_rate_per_hour ({top:g}), "
            f"got {carving_rate_per_hour!r}"
        )

    def curve(r):
        r = np.asarray(r, dtype=float)
        covers = base + extra * -np.expm1(-r / scale)
        servings = r * hours
        profit = covers * (price - other) - servings * beef - overhead
        return covers, servings, profit

    rates = np.linspace(0.0, top, 241)
    covers, servings, profit = curve(rates)
    margin = price - other
    ratio = margin * extra / (scale * hours * beef)
    best = scale * math.log(ratio) if ratio > 1 else 0.0
    best = min(max(best, 0.0), top)
    _, _, best_profit = curve(best)
    chosen_covers, _, chosen_profit = curve(rate)
    return BuffetResult(
        carving_rates_per_hour=rates,
        covers=covers,
        beef_servings=servings,
        profit=profit,
        chosen_rate_per_hour=rate,
        chosen_covers=float(chosen_covers),
        chosen_profit=float(chosen_profit),
        best_rate_per_hour=float(best),
        best_profit=float(best_profit),
        max_rate_profit=float(profit[-1]),
        zero_rate_profit=float(profit[0]),
    )


def plot_buffet(result: BuffetResult) -> go.Figure:
    """Profit (blue) and roast beef served (grey) against carving rate; the best rate in green.

    Examples
    --------
    >>> fig = plot_buffet(buffet(60))
    >>> [t.name for t in fig.data]
    ['profit per evening', 'roast beef served (right axis)', 'you are here', 'best rate']
    """
    if not isinstance(result, BuffetResult):
        raise TypeError(f"result must be a BuffetResult, got {type(result).__name__}")
    r = result
    here_color = GOOD_COLOR if r.chosen_profit >= r.best_profit - 1 else BAD_COLOR
    lo, hi = min(0.0, float(r.profit.min())), max(0.0, float(r.profit.max()))
    pad = 0.15 * ((hi - lo) or 1.0)
    # Built in one call from plain dicts (no make_subplots): a slider redraw stays cheap.
    traces = [
        go.Scatter(
            x=r.carving_rates_per_hour,
            y=r.profit,
            name="profit per evening",
            line={"color": DEMAND_COLOR, "width": 3},
            hovertemplate="%{x:.0f} servings/h: profit $%{y:,.0f}<extra></extra>",
        ),
        go.Scatter(
            x=r.carving_rates_per_hour,
            y=r.beef_servings,
            name="roast beef served (right axis)",
            yaxis="y2",
            line={"color": PRODUCTION_COLOR, "width": 2, "dash": "dot"},
            hovertemplate="%{x:.0f} servings/h: %{y:,.0f} servings<extra></extra>",
        ),
        go.Scatter(
            x=[r.chosen_rate_per_hour],
            y=[r.chosen_profit],
            name="you are here",
            mode="markers+text",
            marker={"size": 14, "color": here_color, "line": {"color": "white", "width": 2}},
            text=[_usd(r.chosen_profit)],
            textposition="top center",
            textfont={"size": 14, "color": here_color},
            hoverinfo="skip",
        ),
        go.Scatter(
            x=[r.best_rate_per_hour, r.best_rate_per_hour],
            y=[min(0.0, float(r.profit.min())), r.best_profit],
            name="best rate",
            mode="lines",
            line={"color": GOOD_COLOR, "width": 2, "dash": "dash"},
            hoverinfo="skip",
        ),
    ]
    layout = {
        "title": {
            # One "$" per label: plotly reads two as LaTeX and drops the whole label.
            "text": f"Profit peaks at {r.best_rate_per_hour:.0f} servings/hour "
            f"({_usd(r.best_profit)} an evening)",
            "font": {"size": 16},
            "x": 0.01,
            "y": 0.98,
            "yanchor": "top",
        },
        "annotations": [_subtitle(f"Carving flat out earns only {_usd(r.max_rate_profit)}")],
        "height": 420,
        "margin": {"t": 95, "b": 50, "l": 70, "r": 70},
        "legend": {"orientation": "h", "y": -0.2, "x": 0.0, "font": {"size": 13}},
        "hovermode": "closest",
        "plot_bgcolor": "#ffffff",
        "xaxis": {
            "title": {"text": "roast beef carved (servings per hour)"},
            "gridcolor": "#eeeeee",
            "fixedrange": True,
        },
        "yaxis": {
            "title": {"text": "profit per evening ($)"},
            "gridcolor": "#eeeeee",
            "zerolinecolor": "#999999",
            "range": [lo - (pad if lo < 0 else 0.0), hi + pad],
            "fixedrange": True,
        },
        "yaxis2": {
            "title": {"text": "servings per evening"},
            "overlaying": "y",
            "side": "right",
            "showgrid": False,
            "range": [0, 1.08 * float(r.beef_servings.max()) or 1.0],
            "tickmode": "auto",
            "nticks": 6,
            "fixedrange": True,
            "color": PRODUCTION_COLOR,
        },
    }
    return go.Figure(data=traces, layout=layout)


def buffet_explorer(carving_rate_per_hour: float = 120.0) -> widgets.VBox:
    """Move the carving rate (the lesson's main control); watch profit and roast beef served.

    Parameters
    ----------
    carving_rate_per_hour : float
        Where the slider starts (default 120: the station flat out).

    Returns
    -------
    ipywidgets.VBox
        The slider, a beef cost slider, the live figure and a sentence.

    Examples
    --------
    >>> w = buffet_explorer()
    >>> w.children[0].value
    120
    """
    start = _number("carving_rate_per_hour", carving_rate_per_hour, 0, 120)
    rate = mark_main(
        widgets.IntSlider(
            value=int(round(start / 2) * 2),
            min=0,
            max=120,
            step=2,
            description="Carving (servings/h)",
            style={"description_width": "initial"},
            layout={"width": "520px"},
            continuous_update=True,
        )
    )
    cost = widgets.FloatSlider(
        value=4.0,
        min=0.5,
        max=12.0,
        step=0.5,
        description="Beef cost ($/serving)",
        style={"description_width": "initial"},
        layout={"width": "520px"},
        continuous_update=False,
    )
    fw = figure_widget(plot_buffet(buffet(rate.value)), main=True)
    note = message_area()

    def update(change: dict | None = None, redraw: bool = True) -> None:
        r = buffet(rate.value, beef_cost_per_serving=cost.value)
        if redraw:
            refresh(fw, plot_buffet(r))
        gap = r.best_profit - r.chosen_profit
        head = (
            f"At {r.chosen_rate_per_hour:.0f} servings/hour: {r.chosen_covers:.0f} diners, "
            f"profit {_usd(r.chosen_profit)} per evening."
        )
        if gap < 1:
            say(
                note,
                f"{head} This is the best rate: more carving would cost more than it draws.",
                "good",
            )
        elif r.chosen_rate_per_hour > r.best_rate_per_hour:
            say(
                note,
                f"{head} Carving slower, at {r.best_rate_per_hour:.0f}/hour, earns {_usd(gap)} "
                "more: the extra beef costs more than the diners it wins.",
                "warn",
            )
        else:
            say(
                note,
                f"{head} Carving faster, up to {r.best_rate_per_hour:.0f}/hour, earns {_usd(gap)} "
                "more: the buffet still looks too thin to be worth its price.",
                "warn",
            )

    rate.observe(guarded(update, note), names="value")
    cost.observe(guarded(update, note), names="value")
    update(redraw=False)
    return widgets.VBox([rate, cost, fw, note])


# --- the loss leader ---------------------------------------------------------------------


@dataclass(frozen=True)
class LossLeaderResult:
    """Weekly throughput of a store against the promotion price of its loss leader."""

    prices: np.ndarray
    shoppers: np.ndarray
    leader_throughput: np.ndarray
    basket_throughput: np.ndarray
    total_throughput: np.ndarray
    leader_cost: float
    chosen_price: float
    chosen_total: float
    chosen_leader_throughput: float
    best_price: float
    best_total: float
    best_leader_throughput: float
    at_cost_total: float
    regular_price_total: float


def loss_leader(
    leader_price: float = 2.0,
    *,
    leader_cost: float = 4.0,
    regular_price: float = 6.0,
    regular_shoppers: float = 2000.0,
    extra_shoppers_at_free: float = 1500.0,
    basket_throughput: float = 20.0,
    cherry_picker_share: float = 0.3,
) -> LossLeaderResult:
    """A store's weekly throughput when one item is advertised below cost.

    The promotion price ``p`` runs from free to the regular shelf price ``R``. Extra
    shoppers come in a straight line as the price falls: ``extra * (1 - p / R)``.
    Every shopper takes one leader (the store limits one per customer), so the leader's
    own throughput is ``shoppers * (p - cost)``, negative below cost. A share of the extra
    shoppers are cherry-pickers who buy only the leader; everybody else buys a basket
    worth ``basket_throughput``. Total throughput is a parabola with its peak at
    ``(cost + R * (regular + extra) / extra - (1 - share) * basket) / 2``, clipped to [0, R].

    Parameters
    ----------
    leader_price : float
        The promotion price to report on, in [0, regular_price] ($).
    leader_cost : float
        What one unit of the leader costs the store ($).
    regular_price : float
        The everyday shelf price (> 0): above it the promotion attracts nobody extra.
    regular_shoppers : float
        Shoppers per week who come anyway.
    extra_shoppers_at_free : float
        Extra shoppers per week if the leader were free.
    basket_throughput : float
        Throughput ($) of the rest of one shopper's basket.
    cherry_picker_share : float
        Share of the extra shoppers who buy only the leader, in [0, 1].

    Returns
    -------
    LossLeaderResult
        Curves over 301 prices, the chosen price, the best price, and two benchmarks:
        the leader priced at cost, and at its regular price.

    Examples
    --------
    >>> r = loss_leader()
    >>> r.best_price, round(r.best_total), round(r.at_cost_total), round(r.regular_price_total)
    (2.0, 48000, 47000, 44000)
    """
    cost = _number("leader_cost", leader_cost, 0, 1e6)
    ref = _number("regular_price", regular_price, 1e-6, 1e6)
    price = _number("leader_price", leader_price, 0, 1e6)
    if price > ref:
        raise ValueError(
            f"leader_price must be at most regular_price ({ref:g}): a promotion price, "
            f"got {leader_price!r}"
        )
    base = _number("regular_shoppers", regular_shoppers, 0, 1e9)
    extra = _number("extra_shoppers_at_free", extra_shoppers_at_free, 0, 1e9)
    basket = _number("basket_throughput", basket_throughput, 0, 1e6)
    share = _number("cherry_picker_share", cherry_picker_share, 0, 1)

    def curve(p):
        p = np.asarray(p, dtype=float)
        drawn = extra * np.clip(1 - p / ref, 0, 1)
        shoppers = base + drawn
        leader = shoppers * (p - cost)
        baskets = (base + (1 - share) * drawn) * basket
        return shoppers, leader, baskets, leader + baskets

    prices = np.linspace(0.0, ref, 301)
    shoppers, leader, baskets, total = curve(prices)
    if extra > 0:
        best = (cost + ref * (base + extra) / extra - (1 - share) * basket) / 2
    else:  # nobody is attracted: the leader is just a product, best at full price
        best = ref
    best = min(max(best, 0.0), ref)
    _, best_leader, _, best_total = curve(best)
    _, chosen_leader, _, chosen_total = curve(price)
    return LossLeaderResult(
        prices=prices,
        shoppers=shoppers,
        leader_throughput=leader,
        basket_throughput=baskets,
        total_throughput=total,
        leader_cost=cost,
        chosen_price=price,
        chosen_total=float(chosen_total),
        chosen_leader_throughput=float(chosen_leader),
        best_price=float(best),
        best_total=float(best_total),
        best_leader_throughput=float(best_leader),
        at_cost_total=float(curve(min(cost, ref))[3]),
        regular_price_total=float(total[-1]),
    )


def plot_loss_leader(result: LossLeaderResult) -> go.Figure:
    """What a promotion price changes, against charging the regular price: baskets, leader, store.

    Examples
    --------
    >>> fig = plot_loss_leader(loss_leader())
    >>> [t.name for t in fig.data]
    ['whole store', 'the rest of the baskets', 'the leader on its own', 'you are here']
    """
    if not isinstance(result, LossLeaderResult):
        raise TypeError(f"result must be a LossLeaderResult, got {type(result).__name__}")
    r = result
    total = r.total_throughput - r.total_throughput[-1]
    baskets = r.basket_throughput - r.basket_throughput[-1]
    leader = r.leader_throughput - r.leader_throughput[-1]
    here = r.chosen_total - r.regular_price_total
    best = r.best_total - r.regular_price_total
    fig = go.Figure()
    for y, name, style in (
        (total, "whole store", {"color": DEMAND_COLOR, "width": 4}),
        (baskets, "the rest of the baskets", {"color": GOOD_COLOR, "width": 2, "dash": "dot"}),
        (leader, "the leader on its own", {"color": BAD_COLOR, "width": 2, "dash": "dot"}),
    ):
        fig.add_trace(
            go.Scatter(
                x=r.prices,
                y=y,
                name=name,
                line=style,
                hovertemplate="at this price: %{y:+,.0f} a week<extra>" + name + "</extra>",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=[r.chosen_price],
            y=[here],
            name="you are here",
            mode="markers+text",
            marker={"size": 13, "color": ACCENT_COLOR, "line": {"color": "white", "width": 2}},
            text=[_usd(here, sign=True)],
            textposition="top center",
            textfont={"size": 14, "color": DEMAND_COLOR},
            hoverinfo="skip",
        )
    )
    fig.update_layout(
        title={
            # One "$" per label: plotly reads two as LaTeX and drops the whole label.
            "text": f"Best promotion price ${r.best_price:.2f}: the leader sells below cost",
            "font": {"size": 16},
            "x": 0.01,
            "y": 0.98,
            "yanchor": "top",
        },
        height=420,
        margin={"t": 95, "b": 50, "l": 80, "r": 20},
        legend={"orientation": "h", "y": -0.2, "x": 0.0, "font": {"size": 13}},
        plot_bgcolor="#ffffff",
        shapes=[
            {
                "type": "line",
                "x0": r.leader_cost,
                "x1": r.leader_cost,
                "y0": 0,
                "y1": 1,
                "yref": "paper",
                "line": {"color": "#555555", "dash": "dash", "width": 1.5},
            }
        ],
        annotations=[
            _subtitle(f"and the store earns {_usd(best)} a week more than at full price"),
            {
                "x": r.leader_cost,
                "y": 1,
                "yref": "paper",
                "text": "the leader's cost",
                "showarrow": False,
                "xanchor": "left",
                "font": {"color": "#555555", "size": 13},
            },
        ],
    )
    fig.update_xaxes(
        title="promotion price of the leader ($)", gridcolor="#eeeeee", fixedrange=True
    )
    fig.update_yaxes(
        title="change vs the regular price ($/week)",
        gridcolor="#eeeeee",
        zerolinecolor="#555555",
        fixedrange=True,
    )
    return fig


def loss_leader_explorer(leader_price: float = 6.0) -> widgets.VBox:
    """Move the leader's promotion price; watch the leader's own loss and the store's gain.

    Returns
    -------
    ipywidgets.VBox
        A price slider, the live figure and a sentence.

    Examples
    --------
    >>> loss_leader_explorer().children[0].value
    6.0
    """
    start = _number("leader_price", leader_price, 0, 6)
    price = widgets.FloatSlider(
        value=start,
        min=0.0,
        max=6.0,
        step=0.25,
        description="Promotion price ($)",
        style={"description_width": "initial"},
        layout={"width": "480px"},
        continuous_update=True,
    )
    fw = figure_widget(plot_loss_leader(loss_leader(start)))
    note = message_area()

    def update(change: dict | None = None, redraw: bool = True) -> None:
        r = loss_leader(price.value)
        if redraw:
            refresh(fw, plot_loss_leader(r))
        own = r.chosen_leader_throughput
        say(
            note,
            f"At ${r.chosen_price:.2f} the leader itself earns {_usd(own)} a week; "
            f"the whole store earns {_usd(r.chosen_total)} "
            f"({_usd(r.chosen_total - r.regular_price_total, sign=True)} vs the regular price).",
            "good" if r.chosen_total >= r.best_total - 1 else "info",
        )

    price.observe(guarded(update, note), names="value")
    update(redraw=False)
    return widgets.VBox([price, fw, note])


# --- Goldratt's P&Q ----------------------------------------------------------------------

_PRODUCT_KEYS = ("price", "material_cost", "demand", "minutes")
_MAX_ITEMS = 100


def pq_problem() -> dict:
    """The data of Goldratt's P&Q problem (*The Haystack Syndrome*, 1990), per week.

    Two products, four resources of 2,400 minutes a week each, operating expense
    $6,000 a week. P sells for $90 (material $45), demand 100; Q sells for $100
    (material $40), demand 50. Minutes per unit: P uses A 15, B 15, C 15 (two parts of
    10 and 5), D 15; Q uses A 10, B 30 (two parts of 15), C 5, D 5.

    Returns
    -------
    dict
        ``products``, ``resources`` and ``operating_expense``: ready for
        ``product_mix(**pq_problem(), rule=...)``. A fresh copy each call.

    Examples
    --------
    >>> pq_problem()["products"]["Q"]["minutes"]["B"]
    30
    """
    return {
        "products": {
            "P": {
                "price": 90,
                "material_cost": 45,
                "demand": 100,
                "minutes": {"A": 15, "B": 15, "C": 15, "D": 15},
            },
            "Q": {
                "price": 100,
                "material_cost": 40,
                "demand": 50,
                "minutes": {"A": 10, "B": 30, "C": 5, "D": 5},
            },
        },
        "resources": {"A": 2400, "B": 2400, "C": 2400, "D": 2400},
        "operating_expense": 6000,
    }


@dataclass(frozen=True)
class ProductMix:
    """A product mix chosen by one ranking rule, and what it earns."""

    rule: str
    ranking: tuple
    rank_value: dict
    quantities: dict
    unit_throughput: dict
    throughput: float
    operating_expense: float
    net_profit: float
    constraint: str | None
    constraint_load_ratio: float
    load_at_demand: dict
    load_used: dict
    demand_net_profit: float

    def sentence(self) -> str:
        """The plan and its result in one line."""
        plan = ", ".join(f"{q} {name}" for name, q in self.quantities.items())
        where = f"constraint {self.constraint}" if self.constraint else "no resource overloaded"
        return (
            f"rule {self.rule}: make {plan}; throughput {_usd(self.throughput)}, "
            f"net profit {_usd(self.net_profit)} ({where})"
        )


def _check_products(products: object, resources: dict) -> dict:
    if not isinstance(products, Mapping) or not products:
        raise ValueError(f"products must be a non-empty dict of name -> data, got {products!r:.60}")
    if len(products) > _MAX_ITEMS:
        raise ValueError(f"products may hold at most {_MAX_ITEMS} entries, got {len(products)}")
    table = {}
    for name, data in products.items():
        where = f"products[{name!r:.30}]"
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"products keys must be non-empty names, got {name!r:.40}")
        if not isinstance(data, Mapping):
            raise ValueError(f"{where} must be a dict with keys {', '.join(_PRODUCT_KEYS)}")
        for key in _PRODUCT_KEYS:
            if key not in data:
                raise ValueError(f"{where} is missing {key!r} (products need {_PRODUCT_KEYS})")
        unknown = [k for k in data if k not in _PRODUCT_KEYS]
        if unknown:
            raise ValueError(
                f"{where} has an unknown key {unknown[0]!r:.40} (products allow {_PRODUCT_KEYS})"
            )
        minutes = data["minutes"]
        if not isinstance(minutes, Mapping):
            raise ValueError(f"{where}['minutes'] must be a dict of resource -> minutes per unit")
        for r in minutes:
            if r not in resources:
                raise ValueError(
                    f"{where}['minutes'] names resource {r!r:.40}, which is not in resources "
                    f"({', '.join(resources)})"
                )
        table[name] = {
            "price": _number(f"{where} price (products)", data["price"], 0, 1e9),
            "material_cost": _number(
                f"{where} material_cost (products)", data["material_cost"], 0, 1e9
            ),
            "demand": _number(f"{where} demand (products)", data["demand"], 0, 1e9),
            "minutes": {
                r: _number(f"{where} minutes on {r} (products)", minutes.get(r, 0), 0, 1e6)
                for r in resources
            },
        }
    return table


def _check_resources(resources: object) -> dict:
    if not isinstance(resources, Mapping) or not resources:
        raise ValueError(
            "resources must be a non-empty dict of name -> minutes available, "
            f"got {resources!r:.60}"
        )
    if len(resources) > _MAX_ITEMS:
        raise ValueError(f"resources may hold at most {_MAX_ITEMS} entries, got {len(resources)}")
    out = {}
    for name, cap in resources.items():
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"resources keys must be non-empty names, got {name!r:.40}")
        out[name] = _number(f"resources[{name!r:.30}] (minutes available)", cap, 0, 1e9)
    return out


def product_mix(
    products: dict, resources: dict, operating_expense: float, rule: str = "toc"
) -> ProductMix:
    """Choose what to make when a resource cannot meet all demand, by a ranking rule.

    The constraint is the resource most overloaded if every unit of demand were made
    (load / minutes available; none if nothing is overloaded). Products are ranked by
    ``rule``, then made greedily in that order: as many whole units as demand allows and
    as every resource's remaining minutes allow. Products whose price does not cover their
    material are not made.

    - ``rule="margin"``: rank by unit throughput (price - material), the cost-accounting
      instinct;
    - ``rule="toc"``: rank by throughput per minute of the constraint (Goldratt).

    Parameters
    ----------
    products : dict
        ``{name: {"price": $, "material_cost": $, "demand": units per period,
        "minutes": {resource: minutes per unit}}}``.
    resources : dict
        ``{name: minutes available per period}``.
    operating_expense : float
        Everything except material, per period ($); net profit = throughput - this.
    rule : {"toc", "margin"}
        How to rank products.

    Returns
    -------
    ProductMix
        ``quantities``, ``throughput``, ``net_profit``, ``constraint``, the ranking, loads,
        and ``demand_net_profit``: what making all demand would earn if it were possible.

    Examples
    --------
    >>> pq = pq_problem()
    >>> product_mix(**pq, rule="margin").net_profit, product_mix(**pq, rule="toc").net_profit
    (-300.0, 300.0)
    """
    rule = _choice("rule", rule, RULES)
    caps = _check_resources(resources)
    table = _check_products(products, caps)
    opex = _number("operating_expense", operating_expense, 0, 1e12)
    unit_t = {n: p["price"] - p["material_cost"] for n, p in table.items()}
    load = {r: sum(p["demand"] * p["minutes"][r] for p in table.values()) for r in caps}

    def ratio(r: str) -> float:
        if load[r] == 0:
            return 0.0
        return load[r] / caps[r] if caps[r] > 0 else math.inf

    worst = max(caps, key=ratio)
    constraint = worst if ratio(worst) > 1 else None
    if rule == "margin" or constraint is None:
        value = dict(unit_t)
    else:
        # A product that needs no constraint minute ranks first if it earns anything at all.
        value = {
            n: (
                unit_t[n] / p["minutes"][constraint]
                if p["minutes"][constraint] > 0
                else math.copysign(math.inf, unit_t[n])
                if unit_t[n]
                else 0.0
            )
            for n, p in table.items()
        }
    order = sorted(table, key=lambda n: -value[n])  # stable: ties keep the order given
    remaining = dict(caps)
    made = dict.fromkeys(table, 0)
    for n in order:
        p = table[n]
        if unit_t[n] < 0:
            continue
        limit = p["demand"]
        for r, m in p["minutes"].items():
            if m > 0:
                limit = min(limit, remaining[r] / m)
        q = int(math.floor(limit + 1e-9))
        made[n] = q
        for r, m in p["minutes"].items():
            remaining[r] -= q * m
    throughput = float(sum(made[n] * unit_t[n] for n in table))
    return ProductMix(
        rule=rule,
        ranking=tuple(order),
        rank_value={n: float(value[n]) for n in order},
        quantities=made,
        unit_throughput=unit_t,
        throughput=throughput,
        operating_expense=opex,
        net_profit=throughput - opex,
        constraint=constraint,
        constraint_load_ratio=float(ratio(worst)),
        load_at_demand=load,
        load_used={r: caps[r] - remaining[r] for r in caps},
        demand_net_profit=float(sum(p["demand"] * unit_t[n] for n, p in table.items()) - opex),
    )


def plot_product_mix(results: list | tuple) -> go.Figure:
    """Side by side: units made under each plan, and the net profit each plan earns.

    Parameters
    ----------
    results : list of ProductMix
        One to six plans, e.g. the same problem under ``rule="margin"`` and ``rule="toc"``.

    Returns
    -------
    plotly.graph_objects.Figure
        Stacked units per product (left), net profit per plan (right, green or red), and a
        dashed line at what making all demand would earn if capacity allowed it.

    Examples
    --------
    >>> pq = pq_problem()
    >>> fig = plot_product_mix([product_mix(**pq, rule="margin"), product_mix(**pq, rule="toc")])
    >>> len(fig.data)
    3
    """
    if isinstance(results, ProductMix):
        results = [results]
    if (
        not isinstance(results, (list, tuple))
        or not results
        or not all(isinstance(r, ProductMix) for r in results)
    ):
        raise TypeError("results must be a list of ProductMix objects from product_mix(...)")
    if len(results) > 6:
        raise ValueError(f"results: at most 6 plans side by side, got {len(results)}")
    names = list(results[0].quantities)
    labels = {"margin": "rank by unit margin", "toc": "rank by $ per constraint minute"}
    x = [labels.get(r.rule, r.rule) for r in results]
    palette = [PRODUCTION_COLOR, DEMAND_COLOR, ACCENT_COLOR, "#9467bd", "#8c564b", "#17becf"]
    # Two panels laid out by hand (make_subplots is slow): units left, net profit right.
    traces = [
        go.Bar(
            x=x,
            y=[r.quantities.get(name, 0) for r in results],
            name=_plabel(name),
            marker_color=palette[i % len(palette)],
            text=[f"{r.quantities.get(name, 0)} {_plabel(name)}" for r in results],
            textposition="inside",
            textfont={"size": 14, "color": "white"},
            hoverinfo="skip",
        )
        for i, name in enumerate(names)
    ]
    profits = [r.net_profit for r in results]
    traces.append(
        go.Bar(
            x=x,
            y=profits,
            xaxis="x2",
            yaxis="y2",
            name="net profit",
            marker_color=[GOOD_COLOR if p > 0 else BAD_COLOR for p in profits],
            text=[_usd(p) for p in profits],
            textposition="outside",
            textfont={"size": 15},
            showlegend=False,
            hoverinfo="skip",
        )
    )
    naive = results[0].demand_net_profit
    top = max([naive, *profits, 0.0])
    bottom = min([*profits, 0.0])
    pad = 0.25 * (top - bottom or 1.0)
    c = results[0].constraint
    naive_note = f"making all demand: {_usd(naive)}"
    if c:
        naive_note += (
            f" (impossible: {_plabel(c)} would need "
            f"{min(results[0].constraint_load_ratio, 99.99):.0%} of its minutes)"
        )
    panel_title = {"xref": "paper", "yref": "paper", "y": 1.0, "yanchor": "bottom"}
    layout = {
        "barmode": "stack",
        "title": {
            "text": "Same factory, same week: the ranking rule decides profit or loss"
            + (f" (constraint: {_plabel(c)})" if c else ""),
            "font": {"size": 16},
            "x": 0.01,
        },
        "height": 420,
        "margin": {"t": 80, "b": 40, "l": 60, "r": 20},
        "legend": {"orientation": "h", "y": -0.12, "x": 0.0, "font": {"size": 13}},
        "plot_bgcolor": "#ffffff",
        "xaxis": {"domain": [0, 0.5], "fixedrange": True, "tickfont": {"size": 13}},
        "yaxis": {"title": {"text": "units"}, "gridcolor": "#eeeeee", "fixedrange": True},
        "xaxis2": {
            "domain": [0.62, 1],
            "anchor": "y2",
            "fixedrange": True,
            "tickfont": {"size": 13},
        },
        "yaxis2": {
            "anchor": "x2",
            "range": [bottom - pad, top + pad],
            "gridcolor": "#eeeeee",
            "zerolinecolor": "#555555",
            "fixedrange": True,
        },
        "shapes": [
            {
                "type": "line",
                "xref": "x2 domain",
                "x0": 0,
                "x1": 1,
                "yref": "y2",
                "y0": naive,
                "y1": naive,
                "line": {"color": PRODUCTION_COLOR, "dash": "dash", "width": 1.5},
            }
        ],
        "annotations": [
            {
                **panel_title,
                "x": 0.25,
                "text": "Units made per week",
                "showarrow": False,
                "font": {"size": 14},
            },
            {
                **panel_title,
                "x": 0.81,
                "text": "Net profit per week ($)",
                "showarrow": False,
                "font": {"size": 14},
            },
            {
                "xref": "x2 domain",
                "x": 0.0,
                "yref": "y2",
                "y": naive,
                "yanchor": "bottom",
                "xanchor": "left",
                "text": naive_note,
                "showarrow": False,
                "font": {"size": 12, "color": "#555555"},
            },
        ],
    }
    return go.Figure(data=traces, layout=layout)


def product_mix_explorer() -> widgets.VBox:
    """P&Q with two knobs: Q's price and the minutes resource B has. Both rules side by side.

    Returns
    -------
    ipywidgets.VBox
        Two sliders, the figure, and a sentence per rule.

    Examples
    --------
    >>> w = product_mix_explorer()
    >>> w.children[0].value, w.children[1].value
    (100, 2400)
    """
    price_q = widgets.IntSlider(
        value=100,
        min=40,
        max=200,
        step=5,
        description="Price of Q ($)",
        style={"description_width": "initial"},
        layout={"width": "480px"},
        continuous_update=False,
    )
    minutes_b = widgets.IntSlider(
        value=2400,
        min=0,
        max=4800,
        step=60,
        description="Minutes on B per week",
        style={"description_width": "initial"},
        layout={"width": "480px"},
        continuous_update=False,
    )

    def plans():
        pq = pq_problem()
        pq["products"]["Q"]["price"] = price_q.value
        pq["resources"]["B"] = minutes_b.value
        return product_mix(**pq, rule="margin"), product_mix(**pq, rule="toc")

    fw = figure_widget(plot_product_mix(plans()))
    note = message_area()

    def update(change: dict | None = None, redraw: bool = True) -> None:
        margin, toc = plans()
        if redraw:
            refresh(fw, plot_product_mix([margin, toc]))
        say(note, f"{margin.sentence()}. {toc.sentence()}.")

    price_q.observe(guarded(update, note), names="value")
    minutes_b.observe(guarded(update, note), names="value")
    update(redraw=False)
    return widgets.VBox([price_q, minutes_b, fw, note])
