"""The factory year: ``simulate_factory`` runs one factory week by week and scores it twice.

- the *production-system view*: efficiency, capacity utilisation, cost per unit under
  absorption costing, units made, and the absorption-costing ("reported") profit;
- the *demand-response view*, in Goldratt's Throughput Accounting: throughput
  T = revenue - material cost of the units sold, net profit = T - operating expense,
  inventory valued at material cost, cash, ROI, order wait and lost demand.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, field

import numpy as np

from ...checks import InputError, flag, frozen, in_range, refuse, whole
from ...checks import seed as check_seed
from ...exports import UtilisationSpelling
from ..scenario import FactoryScenario

MAX_WEEKS = 520  # ten years of weeks: plenty for a lesson, small enough to stay fast
MAX_AMOUNT = 1e12  # cap on any unit count or money input, so totals stay finite
MAX_CAPACITY = 1e9  # units a week
_MAX_CV = 10.0


# ---------------------------------------------------------------------------------------
# Input checks the lesson needs beyond demandlab.checks
# ---------------------------------------------------------------------------------------
def efficiency_of(name: str, value: object) -> float:
    """A share of capacity in (0, 1]."""
    return in_range(name, value, 0.0, 1.0, low_open=True)


def capacity_of(name: str, value: object) -> float:
    """Units a week at 100% efficiency, > 0."""
    return in_range(name, value, 0.0, MAX_CAPACITY, low_open=True)


def amount(name: str, value: object) -> float:
    """A unit count or money amount, 0 to ``MAX_AMOUNT``."""
    return in_range(name, value, 0.0, MAX_AMOUNT)


def scenario_changes(name: str, value: object) -> dict:
    """A dict of scenario changes (None means no change)."""
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
        raise refuse(name, value, "a dict of scenario inputs (or None)")
    return dict(value)


def _demand(value: object, weeks: int, demand_cv: float, seed: int) -> np.ndarray:
    """Weekly demand: a constant, an array with one value per week, or a random mean."""
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        mean = amount("demand_per_week", value)
        if demand_cv == 0 or mean == 0:
            return np.full(weeks, mean)
        # Gamma keeps demand >= 0 with exactly the requested mean and coefficient of variation.
        shape = 1.0 / demand_cv**2
        rng = np.random.default_rng(seed)
        return rng.gamma(shape, mean / shape, size=weeks)
    allowed = "a number or one number per week"
    if isinstance(value, (str, bytes, dict, set)) or value is None:
        raise refuse("demand_per_week", value, allowed)
    if demand_cv != 0:
        raise InputError(
            "demand_cv applies only when demand_per_week is a single mean; "
            f"got demand_cv={demand_cv!r} with a per-week array"
        )
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError) as err:
        raise refuse("demand_per_week", value, allowed) from err
    if arr.ndim != 1 or arr.size != weeks:
        raise InputError(
            f"demand_per_week must have one value per week ({weeks} values), got shape {arr.shape}"
        )
    bad = ~np.isfinite(arr) | (arr < 0) | (arr > MAX_AMOUNT)
    if bad.any():
        i = int(np.argmax(bad))
        raise InputError(
            f"demand_per_week must be finite numbers between 0 and {MAX_AMOUNT:g}, "
            f"got {arr[i]!r} in week {i + 1}"
        )
    return arr.copy()


def _tolerance(value: object) -> int | None:
    if value is None:
        return None
    return whole("lead_time_tolerance_weeks", value, 0, 10 * MAX_WEEKS)


# ---------------------------------------------------------------------------------------
# Units: what is made, sold, kept, owed and lost
# ---------------------------------------------------------------------------------------
def flows(
    output_per_week: np.ndarray, demand: np.ndarray, tolerance: int | None, make_to_order: bool
) -> dict[str, np.ndarray]:
    """Units only: produced, sold, inventory, backlog, lost and waiting, week by week.

    Vectorised over a batch of factories (``output_per_week`` has shape (n,)) that face the
    same demand. Orders are served oldest first; an order still open ``tolerance`` weeks
    after the week it was placed is lost at the end of that week.
    """
    n, weeks = output_per_week.shape[0], demand.shape[0]
    open_orders = np.zeros((n, weeks))  # open orders by the week they were placed
    inv = np.zeros(n)
    out = {k: np.zeros((n, weeks)) for k in ("produced", "sold", "inventory", "backlog", "lost")}
    wait_units = np.zeros((n, weeks))  # sum over units shipped this week of weeks waited
    head = 0  # oldest week that may still hold open orders
    for t in range(weeks):
        open_orders[:, t] = demand[t]
        backlog_before = open_orders[:, head : t + 1].sum(axis=1)
        if make_to_order:
            made = np.clip(np.minimum(output_per_week, backlog_before - inv), 0.0, None)
        else:
            made = output_per_week
        inv = inv + made
        ship = np.minimum(inv, backlog_before)
        remaining = ship.copy()
        for s in range(head, t + 1):  # first in, first out
            if not (remaining > 0).any():
                break
            take = np.minimum(open_orders[:, s], remaining)
            open_orders[:, s] -= take
            remaining -= take
            wait_units[:, t] += take * (t - s)
        inv = inv - ship
        if tolerance is not None and t - tolerance >= head:
            gone = t - tolerance  # older weeks were already emptied or expired
            out["lost"][:, t] = open_orders[:, gone]
            open_orders[:, gone] = 0.0
        while head <= t and not open_orders[:, head].any():
            head += 1
        out["produced"][:, t] = made
        out["sold"][:, t] = ship
        out["inventory"][:, t] = inv
        out["backlog"][:, t] = open_orders[:, head : t + 1].sum(axis=1)
    out["wait_units"] = wait_units
    return out


def _absorption(
    produced: np.ndarray, sold: np.ndarray, revenue: np.ndarray, material: float, oe: float
) -> tuple[np.ndarray, float]:
    """Reported profit week by week under absorption costing (average cost), and the OE
    absorbed into units made.

    Each week's OE is spread over the units made that week; a week that makes nothing has
    nothing to absorb it, so its OE is expensed.
    """
    reported = np.zeros(produced.shape[0])
    units_on_hand, value_on_hand = 0.0, 0.0
    absorbed_oe = 0.0
    for t in range(produced.shape[0]):
        if produced[t] > 0:
            units_on_hand += produced[t]
            value_on_hand += produced[t] * material + oe
            absorbed_oe += oe
            unabsorbed = 0.0
        else:
            unabsorbed = oe
        if sold[t] <= 0:
            cogs = 0.0
        elif sold[t] >= units_on_hand:
            cogs = value_on_hand
        else:  # ratio first, so a near-zero stock cannot overflow the unit cost
            cogs = value_on_hand * (sold[t] / units_on_hand)
        value_on_hand -= cogs
        units_on_hand -= sold[t]
        reported[t] = revenue[t] - cogs - unabsorbed
    return reported, absorbed_oe


# ---------------------------------------------------------------------------------------
# The result and the model
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class FactoryResult(UtilisationSpelling):
    """One factory run week by week, scored by both views.

    Weekly arrays (one value per week, read-only) and totals over the horizon. Money in $,
    quantities in units. ``summary()`` gives the two scoreboards as plain numbers.
    """

    # inputs, echoed so a result explains itself
    capacity_per_week: float
    efficiency: float
    price: float
    material_cost: float
    operating_expense_per_week: float
    weeks: int
    initial_cash: float
    fixed_assets: float
    lead_time_tolerance_weeks: int | None
    make_to_order: bool
    # weekly arrays
    week: np.ndarray = field(repr=False)
    demand: np.ndarray = field(repr=False)
    produced: np.ndarray = field(repr=False)
    sold: np.ndarray = field(repr=False)
    inventory: np.ndarray = field(repr=False)
    backlog: np.ndarray = field(repr=False)
    lost: np.ndarray = field(repr=False)
    revenue: np.ndarray = field(repr=False)
    throughput: np.ndarray = field(repr=False)
    operating_expense: np.ndarray = field(repr=False)
    cash: np.ndarray = field(repr=False)
    inventory_investment: np.ndarray = field(repr=False)
    reported_profit_weekly: np.ndarray = field(repr=False)
    wait_weeks: np.ndarray = field(repr=False)
    # totals over the horizon
    units_demanded: float
    units_produced: float
    units_sold: float
    units_lost: float
    throughput_total: float
    operating_expense_total: float
    net_profit: float
    reported_profit: float
    cost_per_unit: float
    utilisation: float
    cash_end: float
    cash_out_week: int | None
    inventory_end: float
    inventory_investment_end: float
    investment: float
    roi: float
    average_wait_weeks: float

    @property
    def output_per_week(self) -> float:
        """Units the factory can make in a week: capacity x efficiency."""
        return self.capacity_per_week * self.efficiency

    @property
    def constraint(self) -> str:
        """``"demand"`` when customers ordered no more than the factory could make, else
        ``"capacity"``: the one thing that limits how much the factory sells."""
        return "demand" if self.units_demanded <= self.output_per_week * self.weeks else "capacity"

    @property
    def break_even_demand_per_week(self) -> float:
        """Orders a week at which T covers OE: OE / (price - material), if the factory can
        make that many (``math.inf`` when each unit sold earns nothing)."""
        margin = self.price - self.material_cost
        return self.operating_expense_per_week / margin if margin > 0 else math.inf

    @property
    def overhead_in_inventory(self) -> float:
        """Operating expense parked on the balance sheet inside unsold units: the gap
        between reported profit and net profit."""
        return self.reported_profit - self.net_profit

    def summary(self) -> dict[str, dict[str, float]]:
        """The two scoreboards as ``{"production": {...}, "demand": {...}}``."""
        return {
            "production": {
                "efficiency": self.efficiency,
                "utilisation": self.utilisation,
                "cost_per_unit": self.cost_per_unit,
                "units_produced": self.units_produced,
                "reported_profit": self.reported_profit,
            },
            "demand": {
                "throughput": self.throughput_total,
                "net_profit": self.net_profit,
                "cash_end": self.cash_end,
                "inventory_investment_end": self.inventory_investment_end,
                "roi": self.roi,
                "units_sold": self.units_sold,
                "average_wait_weeks": self.average_wait_weeks,
                "units_lost": self.units_lost,
            },
        }


def simulate_factory(
    capacity_per_week: float,
    efficiency: float,
    demand_per_week: float | np.ndarray,
    price: float,
    material_cost: float,
    operating_expense_per_week: float,
    weeks: int = FactoryScenario.weeks,
    initial_cash: float = 0.0,
    lead_time_tolerance_weeks: int | None = None,
    *,
    demand_cv: float = 0.0,
    seed: int = 0,
    fixed_assets: float = FactoryScenario.fixed_assets,
    make_to_order: bool = False,
) -> FactoryResult:
    """Run a one-product factory week by week and score it by both views.

    Each week the factory makes ``capacity_per_week * efficiency`` units (a production
    system runs flat out; with ``make_to_order=True`` it makes only what open orders still
    need), adds them to finished goods, then ships open orders oldest first. Orders it
    cannot ship wait as backlog; with ``lead_time_tolerance_weeks`` set, an order still
    waiting that many weeks after it was placed is lost, because the customer walked away.
    Material is paid when a unit is made; operating expense every week. Cash may go below
    zero (the bank keeps lending); ``cash_out_week`` says when it first did.

    Definitions (Goldratt's Throughput Accounting, and the absorption costing it criticises):

    - throughput T = revenue - material cost of the units *sold*;
    - ``net_profit`` = total T - total operating expense (OE);
    - inventory investment = finished units x material cost (no overhead in it);
    - ``investment`` = ``fixed_assets`` + average inventory investment over the horizon;
      ``roi`` = net profit over the horizon / investment;
    - ``cost_per_unit`` = material + OE / units produced (absorption costing: each unit made
      "absorbs" a share of the week's OE);
    - ``reported_profit`` = revenue - cost of goods sold at that full unit cost (average
      cost), minus OE of weeks that made nothing. Unsold units carry their absorbed OE onto
      the balance sheet, so reported profit exceeds net profit by exactly that overhead;
    - ``utilisation`` = units produced / (capacity x weeks); ``efficiency`` is the input.

    Parameters
    ----------
    capacity_per_week : float
        Units a week at 100% efficiency (> 0).
    efficiency : float
        Share of capacity turned into good output, in (0, 1].
    demand_per_week : float or array of float
        Orders a week (>= 0): one number, one number per week, or the mean of random demand
        when ``demand_cv`` > 0.
    price, material_cost : float
        $ per unit (>= 0).
    operating_expense_per_week : float
        $ a week, spent whatever the factory makes or sells (>= 0).
    weeks : int, default 52
        Weeks to simulate, 1 to 520.
    initial_cash : float, default 0
        $ in the bank at the start (>= 0).
    lead_time_tolerance_weeks : int or None, default None
        How many weeks after ordering a customer still waits (0: only same-week delivery
        will do). None: customers wait for ever.
    demand_cv : float, default 0
        Coefficient of variation of weekly demand (0 to 10); only with a single mean.
    seed : int, default 0
        Seed for random demand, so a re-run shows the same year.
    fixed_assets : float, default 1,000,000
        $ of plant and equipment at purchase price (> 0), the fixed part of the investment.
    make_to_order : bool, default False
        Make only what open orders need instead of running flat out.

    Returns
    -------
    FactoryResult
        Weekly arrays (``produced``, ``sold``, ``inventory``, ``backlog``, ``lost``,
        ``revenue``, ``throughput``, ``operating_expense``, ``cash``, ...) and totals
        (``net_profit``, ``reported_profit``, ``cost_per_unit``, ``roi``, ...).

    Raises
    ------
    demandlab.checks.InputError
        A ``ValueError`` (and ``TypeError``) naming the parameter, the value and what is
        allowed, e.g. ``efficiency must be a number > 0 and <= 1, got 1.5``.

    Notes
    -----
    Long because of its signature and docstring, the lesson's reference for every input
    and definition (``help(dl.simulate_factory)``); the work is in ``flows`` and
    ``_absorption``.

    Examples
    --------
    The plant that makes 950 units a week for 300 customers:

    >>> a = simulate_factory(1000, 0.95, 300, price=100, material_cost=40,
    ...                      operating_expense_per_week=30_000, weeks=52)
    >>> round(a.cost_per_unit, 2), a.net_profit, round(a.reported_profit)
    (71.58, -624000.0, 443368)
    >>> a.inventory_end, a.constraint
    (33800.0, 'demand')
    """
    capacity = capacity_of("capacity_per_week", capacity_per_week)
    eff = efficiency_of("efficiency", efficiency)
    price = amount("price", price)
    material = amount("material_cost", material_cost)
    oe = amount("operating_expense_per_week", operating_expense_per_week)
    n_weeks = whole("weeks", weeks, 1, MAX_WEEKS)
    cash0 = amount("initial_cash", initial_cash)
    assets = in_range("fixed_assets", fixed_assets, 0.0, MAX_AMOUNT, low_open=True)
    tolerance = _tolerance(lead_time_tolerance_weeks)
    cv = in_range("demand_cv", demand_cv, 0.0, _MAX_CV)
    seed = check_seed(seed)
    mto = flag("make_to_order", make_to_order)
    demand = _demand(demand_per_week, n_weeks, cv, seed)

    f = {k: v[0] for k, v in flows(np.array([capacity * eff]), demand, tolerance, mto).items()}
    produced, sold, inventory = f["produced"], f["sold"], f["inventory"]
    revenue = sold * price
    throughput = revenue - sold * material
    opex = np.full(n_weeks, oe)
    cash = cash0 + np.cumsum(revenue - produced * material - opex)
    inventory_investment = inventory * material
    reported, absorbed_oe = _absorption(produced, sold, revenue, material, oe)

    units_produced = float(produced.sum())
    units_sold = float(sold.sum())
    net_profit = float(throughput.sum() - opex.sum())
    investment = assets + float(inventory_investment.mean())
    below = np.flatnonzero(cash < 0)
    wait = np.divide(f["wait_units"], sold, out=np.zeros(n_weeks), where=sold > 0)
    weekly = dict(
        demand=demand,
        produced=produced,
        sold=sold,
        inventory=inventory,
        backlog=f["backlog"],
        lost=f["lost"],
        revenue=revenue,
        throughput=throughput,
        operating_expense=opex,
        cash=cash,
        inventory_investment=inventory_investment,
        reported_profit_weekly=reported,
        wait_weeks=wait,
    )
    return FactoryResult(
        capacity_per_week=capacity,
        efficiency=eff,
        price=price,
        material_cost=material,
        operating_expense_per_week=oe,
        weeks=n_weeks,
        initial_cash=cash0,
        fixed_assets=assets,
        lead_time_tolerance_weeks=tolerance,
        make_to_order=mto,
        week=frozen(np.arange(1, n_weeks + 1), int),
        **{name: frozen(values) for name, values in weekly.items()},
        units_demanded=float(demand.sum()),
        units_produced=units_produced,
        units_sold=units_sold,
        units_lost=float(f["lost"].sum()),
        throughput_total=float(throughput.sum()),
        operating_expense_total=float(opex.sum()),
        net_profit=net_profit,
        reported_profit=float(reported.sum()),
        cost_per_unit=material + absorbed_oe / units_produced if units_produced > 0 else math.inf,
        utilisation=units_produced / (capacity * n_weeks),
        cash_end=float(cash[-1]),
        cash_out_week=int(below[0]) + 1 if below.size else None,
        inventory_end=float(inventory[-1]),
        inventory_investment_end=float(inventory_investment[-1]),
        investment=investment,
        roi=net_profit / investment,
        average_wait_weeks=float(f["wait_units"].sum() / units_sold) if units_sold > 0 else 0.0,
    )
