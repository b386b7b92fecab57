"""Lesson 04's models: products vs throughput generators, in numbers.

The essay "Products vs throughput generators" argues that not every offering should be
run for volume: some exist to attract customers, justify a price or shape behaviour.
Four small models test that claim:

- :func:`classify_offering`: the essay's four diagnostic questions -> an economic role;
- :func:`buffet`: a buffet whose roast beef draws diners but costs money per serving;
- :func:`loss_leader`: an item sold below cost that pulls whole baskets through the door;
- :func:`product_mix`: Goldratt's P&Q problem (*The Haystack Syndrome*, 1990), ranked by
  unit margin or by throughput per minute of the constraint.

Pure numpy: parameters in, frozen dataclasses out. The numbers live in scenario.py.
One file per topic: offerings.py, curves.py (buffet, loss leader), product_mix.py.
"""

from __future__ import annotations

from ..scenario import MAIN_JOBS, PURPOSES, ROLES
from .curves import (
    BuffetResult,
    LossLeaderResult,
    buffet,
    flat_out_break_even,
    loss_leader,
    run_buffet,
    run_loss_leader,
)
from .offerings import OfferingRole, classify_offering, essay_offerings
from .product_mix import RULES, ProductMix, pq_problem, product_mix

__all__ = [
    "MAIN_JOBS",
    "PURPOSES",
    "ROLES",
    "RULES",
    "BuffetResult",
    "LossLeaderResult",
    "OfferingRole",
    "ProductMix",
    "buffet",
    "classify_offering",
    "essay_offerings",
    "flat_out_break_even",
    "loss_leader",
    "pq_problem",
    "product_mix",
    "run_buffet",
    "run_loss_leader",
]
