"""Essay 003's case: the plant's capacity sets the sales team's pace, or buyers do.

"Takt time without customer demand" asks whether the goal of sales is to keep the factory
optimised. Here the bike plant could make 53 bikes a shift and buyers want 50 at list
price. Paced by buyers, the plant makes 50 and sells 50. Paced by the plant, sales must
move 53: the 3 extra bikes a shift sell only with a discount, to some extent, and to buyers
who fit less well (more returns); the rest wait in stock. How much of each is an
assumption, stated in the scenario and passed in here, not a law: the lesson shows them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...checks import in_range, whole
from ...engine.scenarios import takes_scenario
from ..scenario import SCENARIO, TaktScenario
from ._inputs import MAX_DEMAND_PER_SHIFT

__all__ = ["PlantPacedSales", "plant_paced_sales"]


@dataclass(frozen=True)
class PlantPacedSales:
    """One quarter at one pace: bikes made, sold, returned and left in stock.

    Attributes
    ----------
    pace_per_shift : float
        Bikes the plant makes a shift (and sales must move).
    buyers_per_shift : float
        Bikes buyers want a shift at list price.
    made, sold_at_list, sold_at_discount, returned, in_stock : float
        Bikes over the quarter: made; sold at list price; sold at a discount; returned or
        cancelled; made but unsold at the quarter's end.
    discount_given : float
        Revenue given away in discounts, in bikes at list price.
    returned_share : float
        Returns as a share of all bikes sold: the quality of the deals.
    """

    pace_per_shift: float
    buyers_per_shift: float
    made: float
    sold_at_list: float
    sold_at_discount: float
    returned: float
    in_stock: float
    discount_given: float
    returned_share: float


# The quarter's settings as the lesson names them: parameter -> TaktScenario field.
PLANT_SETTINGS = {
    "pace_per_shift": "plant_pace_per_shift",
    "buyers_per_shift": "demand_per_shift",
    "shifts": "quarter_shifts",
    "discount": "push_discount",
    "take_up": "push_take_up",
    "poor_fit_returns": "poor_fit_returns",
}


@takes_scenario(SCENARIO, PLANT_SETTINGS)
def plant_paced_sales(s: TaktScenario) -> PlantPacedSales:
    """A quarter of bikes when the sales team must move ``pace_per_shift`` bikes a shift.

    Buyers take ``buyers_per_shift`` at list price. Every bike beyond that sells only with
    ``discount``, and only a share ``take_up`` of them within the quarter; a share
    ``poor_fit_returns`` of those deals comes back, from buyers who did not need the bike.
    Returned and unsold bikes end the quarter in stock. A bike sold at list price to a
    buyer who wanted it stays sold (the model's simplification).

    On the shop floor: essay 003's "keep the factory optimised" pace, against the pace buyers
    set; the plant looks busier while stock, discounts and poor deals grow.

    Parameters
    ----------
    pace_per_shift : float
        Bikes made (and pushed to sales) a shift, 0..MAX_DEMAND_PER_SHIFT.
    buyers_per_shift : float
        Bikes buyers want a shift at list price, 0..MAX_DEMAND_PER_SHIFT.
    shifts : int
        Shifts in the period, 1..1,000 (default a quarter, 65).
    discount : float
        Price cut on each bike beyond buyers' demand, 0..1 (default 0.15).
    take_up : float
        Share of the extra bikes the discount sells in the period, 0..1 (default 0.5).
    poor_fit_returns : float
        Share of the discount deals returned or cancelled, 0..1 (default 0.2).
    scenario : TaktScenario, optional
        A whole lesson scenario to read them from (default ``SCENARIO``); the arguments
        named go on top of it.

    Returns
    -------
    PlantPacedSales

    Examples
    --------
    >>> q = plant_paced_sales()
    >>> q.made, q.sold_at_list, q.sold_at_discount, round(q.in_stock, 1)
    (3445.0, 3250.0, 97.5, 117.0)
    >>> plant_paced_sales(pace_per_shift=50).in_stock
    0.0
    """
    pace = in_range("pace_per_shift", s.plant_pace_per_shift, 0, MAX_DEMAND_PER_SHIFT)
    buyers = in_range("buyers_per_shift", s.demand_per_shift, 0, MAX_DEMAND_PER_SHIFT)
    n = whole("shifts", s.quarter_shifts, 1, 1000)
    d = in_range("discount", s.push_discount, 0, 1)
    up = in_range("take_up", s.push_take_up, 0, 1)
    poor = in_range("poor_fit_returns", s.poor_fit_returns, 0, 1)
    made = pace * n
    at_list = min(pace, buyers) * n
    extra = made - at_list
    at_discount = up * extra
    returned = poor * at_discount
    sold = at_list + at_discount
    return PlantPacedSales(
        pace_per_shift=pace,
        buyers_per_shift=buyers,
        made=made,
        sold_at_list=at_list,
        sold_at_discount=at_discount,
        returned=returned,
        in_stock=extra - at_discount + returned,
        discount_given=d * at_discount,
        returned_share=returned / sold if sold else 0.0,
    )
