"""Two offerings best run below their maximum volume: the buffet's roast beef and the
supermarket's loss leader. Each model gives a whole curve and its closed-form best point.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ...checks import in_range, refuse
from ...engine.scenarios import takes_scenario
from ..scenario import (
    BUFFET,
    BUFFET_CURVE_POINTS,
    LOSS_LEADER,
    LOSS_LEADER_CURVE_POINTS,
    BuffetScenario,
    LossLeaderScenario,
)

__all__ = [
    "BuffetResult",
    "LossLeaderResult",
    "buffet",
    "flat_out_break_even",
    "loss_leader",
    "run_buffet",
    "run_loss_leader",
]


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


@takes_scenario(BUFFET, positional=1)
def buffet(s: BuffetScenario) -> BuffetResult:
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
    scenario : BuffetScenario, optional
        A whole evening (default ``BUFFET``); the arguments named go on top of it.

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
    price = in_range("price_per_cover", s.price_per_cover, 0, 1e6)
    other = in_range("other_food_cost_per_cover", s.other_food_cost_per_cover, 0, 1e6)
    beef = in_range("beef_cost_per_serving", s.beef_cost_per_serving, 1e-6, 1e6)
    base = in_range("base_covers", s.base_covers, 0, 1e6)
    extra = in_range("extra_covers_max", s.extra_covers_max, 0, 1e6)
    scale = in_range("value_scale_per_hour", s.value_scale_per_hour, 1e-3, 1e4)
    hours = in_range("hours_open", s.hours_open, 1e-3, 24)
    overhead = in_range("overhead_per_evening", s.overhead_per_evening, 0, 1e9)
    top = in_range("max_carving_rate_per_hour", s.max_carving_rate_per_hour, 1e-3, 1e4)
    rate = in_range("carving_rate_per_hour", s.carving_rate_per_hour, 0, 1e4)
    if rate > top:
        raise refuse(
            "carving_rate_per_hour",
            s.carving_rate_per_hour,
            f"at most max_carving_rate_per_hour ({top:g})",
        )

    def curve(r):
        r = np.asarray(r, dtype=float)
        covers = base + extra * -np.expm1(-r / scale)
        servings = r * hours
        profit = covers * (price - other) - servings * beef - overhead
        return covers, servings, profit

    rates = np.linspace(0.0, top, BUFFET_CURVE_POINTS)
    covers, servings, profit = curve(rates)
    ratio = (price - other) * extra / (scale * hours * beef)
    best = scale * math.log(ratio) if ratio > 1 else 0.0
    best = min(max(best, 0.0), top)
    _, _, best_profit = curve(best)
    chosen_covers, _, chosen_profit = curve(rate)
    # Positional, in the order of BuffetResult's fields.
    return BuffetResult(
        rates,
        covers,
        servings,
        profit,
        rate,
        float(chosen_covers),
        float(chosen_profit),
        float(best),
        float(best_profit),
        float(profit[-1]),
        float(profit[0]),
    )


@takes_scenario(
    BUFFET,
    (
        "price_per_cover",
        "other_food_cost_per_cover",
        "base_covers",
        "extra_covers_max",
        "value_scale_per_hour",
        "hours_open",
        "max_carving_rate_per_hour",
    ),
    positional=0,
)
def flat_out_break_even(s: BuffetScenario) -> float:
    """The beef cost per serving above which carving flat out earns less than no beef at all.

    Flat out wins the diners the beef draws (``extra_max * (1 - exp(-max / scale))``, each
    worth the price less the other food) and pays for every serving carved
    (``max * hours_open``); the two evenings earn the same where the servings cost exactly
    what those diners bring. Above this cost "flat out earns less than no beef" is true;
    below it, flat out beats no beef (yet still earns less than the best rate).

    Examples
    --------
    >>> round(flat_out_break_even(), 2)  # $ a serving; the lesson's beef costs $4
    3.66
    """
    r = buffet(scenario=s.replace(carving_rate_per_hour=s.max_carving_rate_per_hour))
    won = (r.chosen_covers - float(r.covers[0])) * (s.price_per_cover - s.other_food_cost_per_cover)
    return float(won / (s.max_carving_rate_per_hour * s.hours_open))


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


@takes_scenario(LOSS_LEADER, positional=1)
def loss_leader(s: LossLeaderScenario) -> LossLeaderResult:
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
    scenario : LossLeaderScenario, optional
        A whole week (default ``LOSS_LEADER``); the arguments named go on top of it.

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
    cost = in_range("leader_cost", s.leader_cost, 0, 1e6)
    ref = in_range("regular_price", s.regular_price, 1e-6, 1e6)
    price = in_range("leader_price", s.leader_price, 0, 1e6)
    if price > ref:
        raise refuse(
            "leader_price", s.leader_price, f"at most regular_price ({ref:g}), a promotion price"
        )
    base = in_range("regular_shoppers", s.regular_shoppers, 0, 1e9)
    extra = in_range("extra_shoppers_at_free", s.extra_shoppers_at_free, 0, 1e9)
    basket = in_range("basket_throughput", s.basket_throughput, 0, 1e6)
    share = in_range("cherry_picker_share", s.cherry_picker_share, 0, 1)

    def curve(p):
        p = np.asarray(p, dtype=float)
        drawn = extra * np.clip(1 - p / ref, 0, 1)
        shoppers = base + drawn
        leader = shoppers * (p - cost)
        baskets = (base + (1 - share) * drawn) * basket
        return shoppers, leader, baskets, leader + baskets

    prices = np.linspace(0.0, ref, LOSS_LEADER_CURVE_POINTS)
    shoppers, leader, baskets, total = curve(prices)
    if extra > 0:
        best = (cost + ref * (base + extra) / extra - (1 - share) * basket) / 2
    else:  # nobody is attracted: the leader is just a product, best at full price
        best = ref
    best = min(max(best, 0.0), ref)
    _, best_leader, _, best_total = curve(best)
    _, chosen_leader, _, chosen_total = curve(price)
    # Positional, in the order of LossLeaderResult's fields.
    return LossLeaderResult(
        prices,
        shoppers,
        leader,
        baskets,
        total,
        cost,
        price,
        float(chosen_total),
        float(chosen_leader),
        float(best),
        float(best_total),
        float(best_leader),
        float(curve(min(cost, ref))[3]),
        float(total[-1]),
    )


def run_buffet(scenario: BuffetScenario) -> BuffetResult:
    """``buffet`` of a whole ``BuffetScenario`` (change one value with
    ``BUFFET.replace(beef_cost_per_serving=6)``); the same as ``buffet(scenario=scenario)``."""
    return buffet(scenario=scenario)


def run_loss_leader(scenario: LossLeaderScenario) -> LossLeaderResult:
    """``loss_leader`` of a whole ``LossLeaderScenario``."""
    return loss_leader(scenario=scenario)
