"""Lesson 01's numbers: Factory A and Factory B, and how far a manager may turn A's knobs.

This is the one file to edit to adapt the lesson (the models, figures and widgets read
their numbers from here). After a change, re-run the notebook's checked cells
(``make execute-notebooks NB=notebooks/01-factory-a-vs-b.ipynb``) and update the numbers
the notebook, the facilitator notes and tests/test_factory.py state: a test compares the
notebook's scenario table and the notes with this file.

One product, one price, the same building and the same costs in both factories.
Only two things differ: A is efficient, B has the customers.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..checks import Replaceable


@dataclass(frozen=True)
class FactoryScenario(Replaceable):
    """One factory's year: every field is a ``simulate_factory`` input of the same name.

    The defaults are what both factories share (one building, one product, one cost base);
    a factory states its efficiency and its orders. Change one value with
    :meth:`replace`, as in every lesson (an unknown name is refused with the names allowed).

    Examples
    --------
    >>> SCENARIOS["A"].replace(demand_per_week=500).demand_per_week
    500
    """

    efficiency: float  # share of capacity turned into good units
    demand_per_week: float  # units ordered a week
    capacity_per_week: float = 1000.0  # units a week at 100% efficiency
    price: float = 100.0  # $ per unit
    material_cost: float = 40.0  # $ per unit, truly variable
    operating_expense_per_week: float = 30_000.0  # $ a week: wages, rent, energy, overhead
    weeks: int = 52  # weeks simulated: one year
    initial_cash: float = 1_000_000.0  # $ in the bank at the start
    fixed_assets: float = 1_000_000.0  # $ plant and equipment, at purchase price
    lead_time_tolerance_weeks: int | None = 4  # weeks customers wait before they walk away
    make_to_order: bool = False  # both run flat out, as a production system does
    demand_cv: float = 0.0  # weekly demand is steady
    seed: int = 0  # seed of random demand (with demand_cv > 0)


# What differs: how efficiently each runs and how many customers want what it makes.
SCENARIOS = {
    "A": FactoryScenario(efficiency=0.95, demand_per_week=300.0),
    "B": FactoryScenario(efficiency=0.60, demand_per_week=1500.0),
}

# The knobs inside A's walls as (low, high, step). fix_a_explorer's sliders use exactly
# these grids, so search_internal_fixes tries every setting a learner can reach:
# 15 x 20 x 17 x 13 = 66,300 settings.
KNOBS = {
    "efficiency": (0.30, 1.00, 0.05),  # share of capacity
    "capacity_per_week": (100.0, 2000.0, 100.0),  # units a week at 100% efficiency
    "material_cost": (32.0, 48.0, 1.0),  # $ per unit: A's $40, +-20% (suppliers, scrap, design)
    "operating_expense_per_week": (24_000.0, 36_000.0, 1000.0),  # $ a week: A's $30,000, +-20%
}

# The demand slider, outside A's walls: (low, high, step) in units ordered a week.
DEMAND_SLIDER = (0.0, 2000.0, 50.0)
