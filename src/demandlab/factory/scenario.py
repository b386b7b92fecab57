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

# What both factories share (every value is a ``simulate_factory`` input).
SHARED = {
    "capacity_per_week": 1000.0,  # units a week at 100% efficiency
    "price": 100.0,  # $ per unit
    "material_cost": 40.0,  # $ per unit, truly variable
    "operating_expense_per_week": 30_000.0,  # $ a week: wages, rent, energy, overhead
    "weeks": 52,  # weeks simulated: one year
    "initial_cash": 1_000_000.0,  # $ in the bank at the start
    "fixed_assets": 1_000_000.0,  # $ plant and equipment, at purchase price
    "lead_time_tolerance_weeks": 4,  # weeks customers wait before they walk away
    "make_to_order": False,  # both run flat out, as a production system does
}

# What differs: how efficiently each runs and how many customers want what it makes.
SCENARIOS = {
    "A": {
        **SHARED,
        "efficiency": 0.95,  # share of capacity turned into good units
        "demand_per_week": 300.0,  # units ordered a week
    },
    "B": {
        **SHARED,
        "efficiency": 0.60,  # share of capacity turned into good units
        "demand_per_week": 1500.0,  # units ordered a week
    },
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
