"""Lesson 04's numbers: the buffet, the loss leader, Goldratt's P&Q and the essay's offerings.

This is the one file to edit to adapt the lesson's models (the models, figures and widgets
read their defaults from here). After a change, re-run the notebook's checked cells
(``make execute-notebooks NB=notebooks/04-evaporating-cloud.ipynb``) and update the numbers
the notebook and instructors/04-evaporating-cloud.md state: tests/test_mix.py compares them
with this file.

The essay is "Products vs throughput generators"; P&Q is from E. M. Goldratt, *The Haystack
Syndrome* (1990).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from ..checks import Replaceable


# The buffet: one evening of a buffet restaurant and its roast beef carving station.
@dataclass(frozen=True)
class BuffetScenario(Replaceable):
    """One evening of the buffet: every field is a ``buffet`` input of the same name."""

    carving_rate_per_hour: float = 120.0  # servings an hour the lesson starts at: flat out
    price_per_cover: float = 30.0  # $ a diner pays
    other_food_cost_per_cover: float = 8.0  # $ of everything else a diner eats
    beef_cost_per_serving: float = 4.0  # $ per serving of roast beef carved (and eaten)
    base_covers: float = 120.0  # diners an evening who come anyway
    extra_covers_max: float = 80.0  # most extra diners an evening generous carving can win
    value_scale_per_hour: float = 20.0  # servings an hour that win about 63% of those extras
    hours_open: float = 4.0  # hours of service an evening
    overhead_per_evening: float = 2000.0  # $ of staff, rent and energy an evening
    max_carving_rate_per_hour: float = 120.0  # servings an hour of the station flat out


BUFFET = BuffetScenario()
BUFFET_DRAW_RATES = (0, 10, 20, 34, 60, 120)  # servings an hour the draw table shows
BUFFET_CURVE_POINTS = 241  # carving rates on the profit curve, 0 to flat out
BUFFET_RATE_STEP = 2  # servings an hour per step of the explorer's carving slider
BEEF_COST_SLIDER = (0.5, 12.0, 0.5)  # $ per serving: the explorer's min, max and step


# The loss leader: one week of a supermarket that advertises one item below cost.
@dataclass(frozen=True)
class LossLeaderScenario(Replaceable):
    """One week of the supermarket: every field is a ``loss_leader`` input of the same name."""

    leader_price: float = 2.0  # $ promotion price the model reports on by default
    leader_cost: float = 4.0  # $ one unit of the leader costs the store
    regular_price: float = 6.0  # $ everyday shelf price: above it nobody extra comes
    regular_shoppers: float = 2000.0  # shoppers a week who come anyway
    extra_shoppers_at_free: float = 1500.0  # extra shoppers a week if the leader were free
    basket_throughput: float = 20.0  # $ of throughput in the rest of one shopper's basket
    cherry_picker_share: float = 0.3  # share of the extra shoppers who buy only the leader


LOSS_LEADER = LossLeaderScenario()
LOSS_LEADER_CURVE_POINTS = 301  # promotion prices on the curves, free to the regular price
LEADER_PRICE_START = 6.0  # $ the explorer's price slider starts at: the regular price
LEADER_PRICE_STEP = 0.25  # $ per step of the explorer's price slider


@dataclass(frozen=True)
class PQProduct:
    """One of P&Q's two products: its price, material and demand, and its minutes a unit."""

    price: int  # $ a unit
    material_cost: int  # $ of material a unit
    demand: int  # units a week the market takes
    minutes: Mapping[str, int]  # minutes a unit on each resource, by resource


@dataclass(frozen=True)
class PQScenario(Replaceable):
    """Goldratt's P&Q factory (*The Haystack Syndrome*, 1990), per week, one frozen value.

    ``pq_problem()`` hands learners the same numbers as plain dicts, a fresh copy to edit
    in an exercise (``pq["products"]["Q"]["price"] = 120``).

    Examples
    --------
    >>> PQ.products["Q"].minutes["B"], PQ.replace(operating_expense=5000).operating_expense
    (30, 5000)
    """

    products: Mapping[str, PQProduct]
    resources: Mapping[str, int]  # minutes available a week, by resource
    operating_expense: int  # $ a week: everything except material


PQ = PQScenario(
    products=MappingProxyType(
        {
            "P": PQProduct(90, 45, 100, MappingProxyType({"A": 15, "B": 15, "C": 15, "D": 15})),
            "Q": PQProduct(100, 40, 50, MappingProxyType({"A": 10, "B": 30, "C": 5, "D": 5})),
        }
    ),
    resources=MappingProxyType({"A": 2400, "B": 2400, "C": 2400, "D": 2400}),
    operating_expense=6000,
)
Q_PRICE_SLIDER = (40, 200, 5)  # $: the explorer's min, max and step for Q's price
B_MINUTES_SLIDER = (0, 4800, 60)  # minutes a week: the explorer's min, max and step for B

# The classifier: the essay's four diagnostic questions and the roles they point to.
ROLES = ("revenue generator", "cost driver", "differentiator", "behavioural lever")
MAIN_JOBS = ("justify price", "generate volume", "neither")  # answers to question 2
PURPOSES = ("be consumed", "influence behaviour")  # answers to question 4
# The answers a textbook case of each role gives to questions 1 to 4.
PROFILES = {
    "revenue generator": (True, "generate volume", False, "be consumed"),
    "cost driver": (False, "neither", True, "be consumed"),
    "differentiator": (False, "justify price", True, "influence behaviour"),
    "behavioural lever": (False, "generate volume", False, "influence behaviour"),
}
# Weight of questions 1 to 4. A TEACHING DEVICE, NOT A MEASUREMENT: nobody estimated these
# from data, and the essay gives no numbers. They encode one reading of the essay: question 4
# (consumed, or there to influence behaviour?) decides first, then question 2 (justify price
# or generate volume?), then 1, then 3. A role scores the sum of the weights of the answers
# that match its textbook case (PROFILES); the highest score wins. To try another reading,
# change them here: keep their subset sums distinct so no two roles can tie
# (tests/test_mix.py checks every answer combination, and that each textbook case still
# lands on its own role).
WEIGHTS = (1.0, 1.5, 0.6, 2.0)
ADVICE = {
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
# What each answer to questions 1 to 4 says about the offering, in the classifier's words.
REASONS = (
    {
        True: "More use raises profit: it behaves like a product.",
        False: "More use lowers profit: volume is not its job.",
    },
    {
        "justify price": "It justifies the price of the whole offer.",
        "generate volume": "It generates volume or traffic.",
        "neither": "It neither justifies price nor brings volume.",
    },
    {
        True: "Constraining it shifts demand in a useful way.",
        False: "Constraining it would lose demand.",
    },
    {
        "be consumed": "It is there to be consumed.",
        "influence behaviour": "It is there to influence what customers do.",
    },
)
UNNAMED = "This offering"  # the name the classifier uses when none is typed
# The essay's examples, answered the way the essay argues.
ESSAY_OFFERINGS = {
    "Buffet roast beef": {
        "more_use_raises_profit": False,
        "main_job": "justify price",
        "constraining_helps": True,
        "purpose": "influence behaviour",
    },
    "Supermarket loss leader": {
        "more_use_raises_profit": False,
        "main_job": "generate volume",
        "constraining_helps": False,
        "purpose": "influence behaviour",
    },
    "Free software feature": {
        "more_use_raises_profit": False,
        "main_job": "generate volume",
        "constraining_helps": False,
        "purpose": "influence behaviour",
    },
    "Premium tier kept scarce": {
        "more_use_raises_profit": False,
        "main_job": "justify price",
        "constraining_helps": True,
        "purpose": "influence behaviour",
    },
    "Unhurried high-end sales conversation": {
        "more_use_raises_profit": False,
        "main_job": "justify price",
        "constraining_helps": True,
        "purpose": "influence behaviour",
    },
    "Product P in Goldratt's P&Q": {
        "more_use_raises_profit": True,
        "main_job": "generate volume",
        "constraining_helps": False,
        "purpose": "be consumed",
    },
}
