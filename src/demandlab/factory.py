"""Lesson 01 · Factory A vs Factory B: a production system against a demand-response view.

Factory A is efficient and makes something few customers want; Factory B is inefficient
and overrun with demand (after the essay "Production systems vs. demand-response systems").
The model runs both week by week and scores them twice:

- the *production-system view*: efficiency, capacity utilisation, cost per unit under
  absorption costing, units made, and the absorption-costing ("reported") profit;
- the *demand-response view*, in Goldratt's Throughput Accounting: throughput
  T = revenue - material cost of the units sold, net profit = T - operating expense,
  inventory valued at material cost, cash, ROI, order wait and lost demand.

Layers: ``simulate_factory`` (model) -> ``plot_*`` (figures) -> ``*_explorer`` (widgets).
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, field

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go

from .checks import frozen as _frozen
from .checks import whole as _whole
from .widgetkit import (
    BAD_COLOR,
    DEMAND_COLOR,
    GOOD_COLOR,
    PRODUCTION_COLOR,
    figure_widget,
    guarded,
    mark_main,
    message_area,
    refresh,
    say,
)

__all__ = [
    "FactoryResult",
    "InternalFixSearch",
    "CapacityValue",
    "factory_scenario",
    "scoreboard",
    "simulate_factory",
    "search_internal_fixes",
    "capacity_value",
    "plot_profit_gap",
    "plot_year",
    "plot_internal_fixes",
    "plot_capacity_value",
    "factory_explorer",
    "year_explorer",
    "fix_a_explorer",
    "fix_b_explorer",
]

# ---------------------------------------------------------------------------------------
# The lesson's scenario: one product, one price, the same building and the same costs.
# Only two things differ: A is efficient, B has the customers.
# ---------------------------------------------------------------------------------------
_SHARED = {
    "capacity_per_week": 1000.0,  # units a week at 100% efficiency
    "price": 100.0,  # $ per unit
    "material_cost": 40.0,  # $ per unit, truly variable
    "operating_expense_per_week": 30_000.0,  # $ a week: wages, rent, energy, overhead
    "weeks": 52,
    "initial_cash": 1_000_000.0,  # $
    "fixed_assets": 1_000_000.0,  # $ plant and equipment, at purchase price
    "lead_time_tolerance_weeks": 4,  # customers walk away after 4 weeks of waiting
    "make_to_order": False,  # both run flat out, as a production system does
}
_SCENARIOS = {
    "A": {**_SHARED, "efficiency": 0.95, "demand_per_week": 300.0},
    "B": {**_SHARED, "efficiency": 0.60, "demand_per_week": 1500.0},
}

# The knobs inside A's walls and how far a manager may turn them. The sliders of
# fix_a_explorer use exactly these grids, so search_internal_fixes tries every setting
# a learner can reach: 15 x 20 x 17 x 13 = 66,300 settings.
_KNOBS = {
    "efficiency": (0.30, 1.00, 0.05),
    "capacity_per_week": (100.0, 2000.0, 100.0),
    "material_cost": (32.0, 48.0, 1.0),  # A's $40 material, +-20% (suppliers, scrap, design)
    "operating_expense_per_week": (24_000.0, 36_000.0, 1000.0),  # A's $30,000, +-20%
}
_DEMAND_SLIDER = (0.0, 2000.0, 50.0)

_MAX_WEEKS = 520  # ten years of weeks: plenty for a lesson, small enough to stay fast
_MAX_AMOUNT = 1e12  # cap on any unit count or money input, so totals stay finite
_MAX_CV = 10.0
_MAX_GRID = 101
_MAX_SETTINGS = 2_000_000  # ~16 MB of net-profit results
_MAX_CELL_WEEKS = 1_000_000  # cells x weeks in one batched run (~60 MB of weekly arrays)


# ---------------------------------------------------------------------------------------
# Input checks: refuse bad input at the door with the parameter, the value and the rule.
# ---------------------------------------------------------------------------------------
def _number(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, got {value!r}")
    x = float(value)
    if not math.isfinite(x):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return x


def _nonneg(name: str, value: object, upper: float = _MAX_AMOUNT) -> float:
    x = _number(name, value)
    if x < 0 or x > upper:
        raise ValueError(f"{name} must be a finite number between 0 and {upper:g}, got {value!r}")
    return x


def _positive(name: str, value: object, upper: float = _MAX_AMOUNT) -> float:
    x = _number(name, value)
    if not 0 < x <= upper:
        raise ValueError(f"{name} must be a number > 0 and <= {upper:g}, got {value!r}")
    return x


def _efficiency(name: str, value: object) -> float:
    x = _number(name, value)
    if not 0 < x <= 1:
        raise ValueError(f"{name} must be in (0, 1], got {value!r}")
    return x


def _demand(value: object, weeks: int, demand_cv: float, seed: int) -> np.ndarray:
    """Weekly demand: a constant, an array with one value per week, or a random mean."""
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        mean = _nonneg("demand_per_week", value)
        if demand_cv == 0 or mean == 0:
            return np.full(weeks, mean)
        # Gamma keeps demand >= 0 with exactly the requested mean and coefficient of variation.
        shape = 1.0 / demand_cv**2
        rng = np.random.default_rng(seed)
        return rng.gamma(shape, mean / shape, size=weeks)
    if isinstance(value, (str, bytes, dict, set)) or value is None:
        raise TypeError(
            f"demand_per_week must be a number or one number per week, got {value!r:.80}"
        )
    if demand_cv != 0:
        raise ValueError(
            "demand_cv applies only when demand_per_week is a single mean; "
            f"got demand_cv={demand_cv!r} with a per-week array"
        )
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError) as err:
        raise TypeError(
            f"demand_per_week must be a number or one number per week, got {value!r:.80}"
        ) from err
    if arr.ndim != 1 or arr.size != weeks:
        raise ValueError(
            f"demand_per_week must have one value per week ({weeks} values), got shape {arr.shape}"
        )
    bad = ~np.isfinite(arr) | (arr < 0) | (arr > _MAX_AMOUNT)
    if bad.any():
        i = int(np.argmax(bad))
        raise ValueError(
            f"demand_per_week must be finite numbers between 0 and {_MAX_AMOUNT:g}, "
            f"got {arr[i]!r} in week {i + 1}"
        )
    return arr.copy()


def _tolerance(value: object) -> int | None:
    if value is None:
        return None
    return _whole("lead_time_tolerance_weeks", value, 0, 10 * _MAX_WEEKS)


def _overrides(name: str, value: object) -> dict:
    """A dict of scenario changes (None means no change)."""
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
        raise TypeError(f"{name} must be a dict of scenario inputs (or None), got {value!r:.60}")
    return dict(value)


# ---------------------------------------------------------------------------------------
# The model
# ---------------------------------------------------------------------------------------
def _flows(
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


@dataclass(frozen=True)
class FactoryResult:
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
    utilization: float
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
                "utilization": self.utilization,
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


def factory_scenario(name: str = "A", **overrides: object) -> dict:
    """The lesson's inputs for Factory ``"A"`` or ``"B"``, ready for ``simulate_factory``.

    Both factories share one building (1,000 units a week at 100% efficiency), one product
    ($100 price, $40 material) and one cost base ($30,000 operating expense a week).
    A runs at 95% efficiency and gets 300 orders a week; B runs at 60% and gets 1,500.

    Parameters
    ----------
    name : {"A", "B"}
        Which factory.
    **overrides
        Any ``simulate_factory`` argument to change, e.g. ``demand_per_week=600``.

    Returns
    -------
    dict
        Keyword arguments for ``simulate_factory`` (a fresh copy each call).

    Examples
    --------
    >>> factory_scenario("B")["efficiency"]
    0.6
    >>> simulate_factory(**factory_scenario("A", demand_per_week=600)).net_profit
    312000.0
    """
    if not isinstance(name, str) or name not in _SCENARIOS:
        raise ValueError(f'name must be "A" or "B", got {name!r:.60}')
    allowed = set(_SCENARIOS["A"]) | {"demand_cv", "seed"}
    unknown = sorted(set(overrides) - allowed)
    if unknown:
        raise ValueError(f"unknown scenario input(s) {unknown}; allowed: {sorted(allowed)}")
    return {**_SCENARIOS[name], **overrides}


def simulate_factory(
    capacity_per_week: float,
    efficiency: float,
    demand_per_week: float | np.ndarray,
    price: float,
    material_cost: float,
    operating_expense_per_week: float,
    weeks: int = 52,
    initial_cash: float = 0.0,
    lead_time_tolerance_weeks: int | None = None,
    *,
    demand_cv: float = 0.0,
    seed: int = 0,
    fixed_assets: float = 1_000_000.0,
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
    - ``utilization`` = units produced / (capacity x weeks); ``efficiency`` is the input.

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
    ValueError
        For a value out of range (e.g. ``efficiency must be in (0, 1], got 1.5``).
    TypeError
        For a value that is not a number.

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
    capacity = _positive("capacity_per_week", capacity_per_week, 1e9)
    eff = _efficiency("efficiency", efficiency)
    price = _nonneg("price", price)
    material = _nonneg("material_cost", material_cost)
    oe = _nonneg("operating_expense_per_week", operating_expense_per_week)
    n_weeks = _whole("weeks", weeks, 1, _MAX_WEEKS)
    cash0 = _nonneg("initial_cash", initial_cash)
    assets = _positive("fixed_assets", fixed_assets)
    tolerance = _tolerance(lead_time_tolerance_weeks)
    cv = _nonneg("demand_cv", demand_cv, _MAX_CV)
    seed = _whole("seed", seed, 0, 2**32 - 1)
    if not isinstance(make_to_order, (bool, np.bool_)):
        raise TypeError(f"make_to_order must be True or False, got {make_to_order!r}")
    demand = _demand(demand_per_week, n_weeks, cv, seed)

    f = {
        k: v[0]
        for k, v in _flows(
            np.array([capacity * eff]), demand, tolerance, bool(make_to_order)
        ).items()
    }
    produced, sold, inventory = f["produced"], f["sold"], f["inventory"]
    revenue = sold * price
    throughput = revenue - sold * material
    opex = np.full(n_weeks, oe)
    cash = cash0 + np.cumsum(revenue - produced * material - opex)
    inventory_investment = inventory * material

    # Absorption costing, average cost: each week's OE is spread over the units made that
    # week; a week that makes nothing has nothing to absorb it, so its OE is expensed.
    reported = np.zeros(n_weeks)
    units_on_hand, value_on_hand = 0.0, 0.0
    absorbed_oe = 0.0
    for t in range(n_weeks):
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

    units_produced = float(produced.sum())
    units_sold = float(sold.sum())
    net_profit = float(throughput.sum() - opex.sum())
    investment = assets + float(inventory_investment.mean())
    below = np.flatnonzero(cash < 0)
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
        make_to_order=bool(make_to_order),
        week=_frozen(np.arange(1, n_weeks + 1), int),
        demand=_frozen(demand),
        produced=_frozen(produced),
        sold=_frozen(sold),
        inventory=_frozen(inventory),
        backlog=_frozen(f["backlog"]),
        lost=_frozen(f["lost"]),
        revenue=_frozen(revenue),
        throughput=_frozen(throughput),
        operating_expense=_frozen(opex),
        cash=_frozen(cash),
        inventory_investment=_frozen(inventory_investment),
        reported_profit_weekly=_frozen(reported),
        wait_weeks=_frozen(np.divide(f["wait_units"], sold, out=np.zeros(n_weeks), where=sold > 0)),
        units_demanded=float(demand.sum()),
        units_produced=units_produced,
        units_sold=units_sold,
        units_lost=float(f["lost"].sum()),
        throughput_total=float(throughput.sum()),
        operating_expense_total=float(opex.sum()),
        net_profit=net_profit,
        reported_profit=float(reported.sum()),
        cost_per_unit=material + absorbed_oe / units_produced if units_produced > 0 else math.inf,
        utilization=units_produced / (capacity * n_weeks),
        cash_end=float(cash[-1]),
        cash_out_week=int(below[0]) + 1 if below.size else None,
        inventory_end=float(inventory[-1]),
        inventory_investment_end=float(inventory_investment[-1]),
        investment=investment,
        roi=net_profit / investment,
        average_wait_weeks=float(f["wait_units"].sum() / units_sold) if units_sold > 0 else 0.0,
    )


# ---------------------------------------------------------------------------------------
# Fix A from the inside: try every setting of A's internal knobs
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class InternalFixSearch:
    """Net profit over the horizon for every setting of a factory's internal knobs.

    ``net_profit[i, j, k, m]`` is the result at ``efficiency_grid[i]``,
    ``capacity_grid[j]``, ``material_cost_grid[k]`` and ``operating_expense_grid[m]``.
    """

    demand_per_week: float
    efficiency_grid: np.ndarray = field(repr=False)
    capacity_grid: np.ndarray = field(repr=False)
    material_cost_grid: np.ndarray = field(repr=False)
    operating_expense_grid: np.ndarray = field(repr=False)
    net_profit: np.ndarray = field(repr=False)
    best_net_profit: float
    best_efficiency: float
    best_capacity_per_week: float
    best_material_cost: float
    best_operating_expense_per_week: float
    settings_tried: int
    settings_profitable: int
    break_even_demand_per_week: float

    @property
    def best_map(self) -> np.ndarray:
        """Best net profit for each (efficiency, capacity) cell, over all cost settings."""
        return self.net_profit.max(axis=(2, 3))


def _grid(name: str, value: object) -> np.ndarray:
    try:
        low, high, step = value  # type: ignore[misc]
    except (TypeError, ValueError) as err:
        raise ValueError(f"{name} must be (low, high, step), got {value!r}") from err
    low, high, step = (_number(name, v) for v in (low, high, step))
    if low > high or step <= 0:
        raise ValueError(
            f"{name} must be (low, high, step) with low <= high and step > 0, got {value!r}"
        )
    span = (high - low) / step
    count = int(round(span)) + 1 if span <= _MAX_GRID else _MAX_GRID + 1  # span may be inf
    if count > _MAX_GRID:
        raise ValueError(
            f"{name} gives more than {_MAX_GRID} points; at most {_MAX_GRID} points are allowed"
        )
    return np.linspace(low, high, count) if count > 1 else np.array([low])


def search_internal_fixes(
    demand_per_week: float | np.ndarray | None = None,
    *,
    efficiency: tuple[float, float, float] = _KNOBS["efficiency"],
    capacity_per_week: tuple[float, float, float] = _KNOBS["capacity_per_week"],
    material_cost: tuple[float, float, float] = _KNOBS["material_cost"],
    operating_expense_per_week: tuple[float, float, float] = _KNOBS["operating_expense_per_week"],
    start: dict | None = None,
) -> InternalFixSearch:
    """Try every setting of Factory A's internal knobs; report the best net profit.

    The knobs inside the factory's walls are efficiency, capacity, material cost and
    operating expense. Each is given as ``(low, high, step)``; the defaults are exactly the
    ranges and steps of ``fix_a_explorer``'s sliders, so the search tries every setting a
    learner can reach (66,300 of them). Demand is outside the walls: it stays fixed.

    Parameters
    ----------
    demand_per_week : float or array, optional
        Orders a week; default Factory A's 300.
    efficiency, capacity_per_week, material_cost, operating_expense_per_week : tuple
        ``(low, high, step)`` of each knob (at most 101 points each).
    start : dict, optional
        Overrides for the rest of Factory A's scenario (price, weeks, tolerance, ...), as
        for ``factory_scenario``. Its efficiency and capacity break ties: among equally good
        settings the search reports the one nearest to where the factory stands.

    Returns
    -------
    InternalFixSearch
        ``net_profit`` for every setting, the best one, how many settings were tried and
        how many made money, and the break-even demand at the best costs.

    Examples
    --------
    >>> s = search_internal_fixes()
    >>> s.settings_tried, s.settings_profitable, s.best_net_profit
    (66300, 0, -187200.0)
    >>> search_internal_fixes(demand_per_week=600).best_net_profit > 0
    True
    """
    base = factory_scenario("A", **_overrides("start", start))
    if demand_per_week is not None:
        base["demand_per_week"] = demand_per_week
    eff = _grid("efficiency", efficiency)
    cap = _grid("capacity_per_week", capacity_per_week)
    mat = _grid("material_cost", material_cost)
    opx = _grid("operating_expense_per_week", operating_expense_per_week)
    settings = eff.size * cap.size * mat.size * opx.size
    if settings > _MAX_SETTINGS:
        raise ValueError(
            f"the grids give {settings:,} settings; at most {_MAX_SETTINGS:,} are allowed "
            "(use larger steps)"
        )
    # Validate every corner through the model itself, then use its flows for all settings.
    probe = simulate_factory(
        **{
            **base,
            "efficiency": float(eff.min()),
            "capacity_per_week": float(cap.min()),
            "material_cost": float(mat.min()),
            "operating_expense_per_week": float(opx.min()),
        }
    )
    simulate_factory(
        **{
            **base,
            "efficiency": float(eff.max()),
            "capacity_per_week": float(cap.max()),
            "material_cost": float(mat.max()),
            "operating_expense_per_week": float(opx.max()),
        }
    )
    demand = np.asarray(probe.demand)
    if eff.size * cap.size * probe.weeks > _MAX_CELL_WEEKS:
        raise ValueError(
            f"efficiency x capacity grid ({eff.size * cap.size:,} cells) over {probe.weeks} "
            f"weeks is too large; keep cells x weeks <= {_MAX_CELL_WEEKS:,}"
        )
    # Costs do not change how many units move, so flows are computed once per
    # (efficiency, capacity) cell and money is added for every cost setting.
    outputs = (eff[:, None] * cap[None, :]).ravel()
    flows = _flows(outputs, demand, probe.lead_time_tolerance_weeks, probe.make_to_order)
    sold = flows["sold"].sum(axis=1).reshape(eff.size, cap.size)
    weeks = probe.weeks
    net = (
        sold[:, :, None, None] * (probe.price - mat[None, None, :, None])
        - weeks * opx[None, None, None, :]
    )
    best = float(net.max())
    ties = np.argwhere(net >= best - 1e-9 * max(1.0, abs(best)))
    # Among equal bests: the cheapest costs, then nearest to the factory's own setting.
    e0 = _efficiency("efficiency", base["efficiency"])
    c0 = _positive("capacity_per_week", base["capacity_per_week"], 1e9)
    dist = ((eff[ties[:, 0]] - e0) / max(np.ptp(eff), 1e-12)) ** 2 + (
        (cap[ties[:, 1]] - c0) / max(np.ptp(cap), 1e-12)
    ) ** 2
    i, j, k, m = ties[int(np.argmin(dist))]
    margin = probe.price - float(mat.min())
    break_even = float(opx.min()) / margin if margin > 0 else math.inf
    return InternalFixSearch(
        demand_per_week=float(demand.mean()),
        efficiency_grid=_frozen(eff),
        capacity_grid=_frozen(cap),
        material_cost_grid=_frozen(mat),
        operating_expense_grid=_frozen(opx),
        net_profit=_frozen(net),
        best_net_profit=best,
        best_efficiency=float(eff[i]),
        best_capacity_per_week=float(cap[j]),
        best_material_cost=float(mat[k]),
        best_operating_expense_per_week=float(opx[m]),
        settings_tried=int(net.size),
        settings_profitable=int((net > 0).sum()),
        break_even_demand_per_week=break_even,
    )


# ---------------------------------------------------------------------------------------
# Fix B: what is one more unit of output worth?
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CapacityValue:
    """What extra output a week is worth to a factory, from two runs of the model."""

    extra_units_per_week: float
    net_profit_gain: float
    throughput_gain: float
    cash_gain: float
    units_sold_gain: float
    constraint: str
    output_grid: np.ndarray = field(repr=False)
    net_profit_at_output: np.ndarray = field(repr=False)
    base_output_per_week: float
    demand_per_week: float
    efficiency: float
    capacity_per_week: float

    @property
    def net_profit_gain_per_unit(self) -> float:
        """Net profit over the horizon per extra unit of weekly output."""
        return self.net_profit_gain / self.extra_units_per_week


def capacity_value(
    name: str = "B", extra_units_per_week: float = 1.0, **overrides: object
) -> CapacityValue:
    """Net profit gained from making ``extra_units_per_week`` more units every week.

    Runs the factory twice (as it is, and with capacity raised so it makes the extra units)
    and also sweeps output from 0 to twice demand, to draw where the constraint is.

    Parameters
    ----------
    name : {"A", "B"}
        Which factory of the lesson's scenario.
    extra_units_per_week : float, default 1
        Extra good units made a week (> 0).
    **overrides
        Changes to the scenario, as for ``factory_scenario``.

    Returns
    -------
    CapacityValue
        Gains in net profit, throughput, cash and units sold over the horizon, and the
        net-profit-vs-output curve.

    Examples
    --------
    At B, where customers wait, one more unit a week sells 52 more units a year:

    >>> round(capacity_value("B").net_profit_gain)
    3120
    >>> round(capacity_value("A").net_profit_gain), round(capacity_value("A").cash_gain)
    (0, -2080)
    """
    extra = _positive("extra_units_per_week", extra_units_per_week, 1e9)
    kw = factory_scenario(name, **overrides)
    base = simulate_factory(**kw)
    try:
        more = simulate_factory(
            **{**kw, "capacity_per_week": base.capacity_per_week + extra / base.efficiency}
        )
    except ValueError as err:
        raise ValueError(
            f"extra_units_per_week={extra:g} is more than the model can take: {err}"
        ) from err

    demand_mean = float(base.demand.mean())
    top = max(2.0 * demand_mean, 2.0 * base.output_per_week, 10.0)
    grid = np.linspace(0.0, top, 121)[1:]
    flows = _flows(
        grid, np.asarray(base.demand), base.lead_time_tolerance_weeks, base.make_to_order
    )
    net = flows["sold"].sum(axis=1) * (base.price - base.material_cost) - (
        base.operating_expense_total
    )
    return CapacityValue(
        extra_units_per_week=extra,
        net_profit_gain=more.net_profit - base.net_profit,
        throughput_gain=more.throughput_total - base.throughput_total,
        cash_gain=more.cash_end - base.cash_end,
        units_sold_gain=more.units_sold - base.units_sold,
        constraint=base.constraint,
        output_grid=_frozen(grid),
        net_profit_at_output=_frozen(net),
        base_output_per_week=base.output_per_week,
        demand_per_week=demand_mean,
        efficiency=base.efficiency,
        capacity_per_week=base.capacity_per_week,
    )


# ---------------------------------------------------------------------------------------
# Scoreboards
# ---------------------------------------------------------------------------------------
def _money(x: float) -> str:
    if not math.isfinite(x):
        return "n/a"
    sign = "−" if x < 0 else ""
    x = abs(x)
    if x >= 1e6:
        return f"{sign}${x / 1e6:,.2f}M"
    if x >= 1e4:
        return f"{sign}${x / 1e3:,.0f}k"
    return f"{sign}${x:,.0f}" if x >= 100 or x == round(x) else f"{sign}${x:,.2f}"


def _pct(x: float) -> str:
    return f"{x:.0%}".replace("-", "−")


def _units(x: float) -> str:
    return f"{x:,.0f}"


# (label, view, key, formatter, higher_is_better)
_ROWS = (
    ("Efficiency", "production", "efficiency", _pct, True),
    ("Capacity utilisation", "production", "utilization", _pct, True),
    ("Cost per unit (absorption)", "production", "cost_per_unit", _money, False),
    ("Units made", "production", "units_produced", _units, True),
    ("Reported profit (absorption)", "production", "reported_profit", _money, True),
    ("Throughput T", "demand", "throughput", _money, True),
    ("Net profit (T − OE)", "demand", "net_profit", _money, True),
    ("Cash at the end", "demand", "cash_end", _money, True),
    ("Inventory at the end (material $)", "demand", "inventory_investment_end", _money, False),
    ("ROI", "demand", "roi", _pct, True),
    ("Units sold (customers served)", "demand", "units_sold", _units, True),
    ("Average order wait", "demand", "average_wait_weeks", lambda x: f"{x:.1f} wk", False),
    ("Demand lost (walked away)", "demand", "units_lost", _units, False),
)
_VIEW_TITLE = {"production": "Production-system view", "demand": "Demand-response view"}


def _winner(x: float, y: float, higher_is_better: bool) -> str:
    if math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-9):
        return "tie"
    return "A" if (x > y) == higher_is_better else "B"


def scoreboard(a: FactoryResult, b: FactoryResult, view: str = "both") -> str:
    """Both factories' scoreboards as a plain-text table, with the winner of each row.

    Parameters
    ----------
    a, b : FactoryResult
        Factory A and Factory B over the same horizon.
    view : {"both", "production", "demand"}
        Which scoreboard(s).

    Returns
    -------
    str
        One row per measure: the value for A, for B, and which one is better.

    Examples
    --------
    >>> a = simulate_factory(**factory_scenario("A"))
    >>> b = simulate_factory(**factory_scenario("B"))
    >>> print(scoreboard(a, b, "production").splitlines()[2])
    Efficiency                                 95%          60%  A
    """
    _check_result("a", a)
    _check_result("b", b)
    if not isinstance(view, str) or view not in ("both", "production", "demand"):
        raise ValueError(f'view must be "both", "production" or "demand", got {view!r:.60}')
    lines = []
    for v in ("production", "demand"):
        if view not in ("both", v):
            continue
        lines.append(f"{_VIEW_TITLE[v]} ({a.weeks} weeks)")
        lines.append(f"{'':34}{'Factory A':>12} {'Factory B':>12}  better")
        sa, sb = a.summary()[v], b.summary()[v]
        for label, row_view, key, fmt, up in _ROWS:
            if row_view == v:
                w = _winner(sa[key], sb[key], up)
                lines.append(f"{label:34}{fmt(sa[key]):>12} {fmt(sb[key]):>12}  {w}")
    return "\n".join(lines)


def _check_result(name: str, value: object) -> None:
    if not isinstance(value, FactoryResult):
        raise TypeError(f"{name} must be a FactoryResult from simulate_factory, got {value!r:.60}")


def _scoreboard_html(a: FactoryResult, b: FactoryResult, view: str) -> str:
    sa, sb = a.summary()[view], b.summary()[view]
    color = PRODUCTION_COLOR if view == "production" else DEMAND_COLOR
    rows = []
    for label, row_view, key, fmt, up in _ROWS:
        if row_view != view:
            continue
        w = _winner(sa[key], sb[key], up)
        cells = []
        for side, value in (("A", sa[key]), ("B", sb[key])):
            style = "padding:2px 10px;text-align:right"
            if w == side:
                style += f";color:{GOOD_COLOR};font-weight:bold"
            cells.append(f'<td style="{style}">{fmt(value)}</td>')
        rows.append(f'<tr><td style="padding:2px 6px">{label}</td>{"".join(cells)}</tr>')
    return (
        f'<div style="border-top:4px solid {color};padding:4px 8px;margin:4px">'
        f'<b style="font-size:1.1em;color:{color}">{_VIEW_TITLE[view]}</b>'
        '<table style="font-size:1.0em"><tr><th></th><th style="padding:2px 10px">Factory A</th>'
        f'<th style="padding:2px 10px">Factory B</th></tr>{"".join(rows)}</table>'
        "<small>Green: the better of the two on that row.</small></div>"
    )


def _tally(a: FactoryResult, b: FactoryResult, view: str) -> tuple[int, int, int]:
    sa, sb = a.summary()[view], b.summary()[view]
    wins = [_winner(sa[k], sb[k], up) for _, v, k, _, up in _ROWS if v == view]
    return wins.count("A"), wins.count("B"), len(wins)


# ---------------------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------------------
_A_NAME, _B_NAME = "Factory A (efficient)", "Factory B (overrun)"
# A small template with the look of plotly's default one and the course's colours first in
# the colourway (refresh() keeps a widget's template, so this only sets the look).
_AXIS = {"gridcolor": "white", "linecolor": "white", "zerolinecolor": "white", "ticks": ""}
_TEMPLATE = go.layout.Template(
    layout={
        "plot_bgcolor": "#E5ECF6",
        "paper_bgcolor": "white",
        "font": {"color": "#2a3f5f"},
        "hovermode": "closest",
        "xaxis": _AXIS,
        "yaxis": _AXIS,
        "colorway": [DEMAND_COLOR, PRODUCTION_COLOR, GOOD_COLOR, BAD_COLOR],
    }
)
_LAYOUT = {
    "template": _TEMPLATE,
    "height": 420,
    "margin": {"t": 80, "b": 100, "l": 80, "r": 30},  # room below for axis title + legend
    "font": {"size": 14},
    "title": {"font": {"size": 17}, "x": 0.01, "xanchor": "left"},
    "legend": {"orientation": "h", "y": -0.34, "x": 0},
}


def plot_profit_gap(a: FactoryResult, b: FactoryResult) -> go.Figure:
    """Reported (absorption) profit next to net profit (T − OE) for both factories.

    The gap is operating expense parked inside unsold units on the balance sheet.

    Parameters
    ----------
    a, b : FactoryResult
        Factory A and Factory B.

    Returns
    -------
    plotly.graph_objects.Figure

    Examples
    --------
    >>> a = simulate_factory(**factory_scenario("A"))
    >>> b = simulate_factory(**factory_scenario("B"))
    >>> [t.name for t in plot_profit_gap(a, b).data]
    ['Reported profit (absorption costing)', 'Net profit (T − OE)']
    """
    _check_result("a", a)
    _check_result("b", b)
    names = ["Factory A", "Factory B"]
    reported = [a.reported_profit, b.reported_profit]
    net = [a.net_profit, b.net_profit]
    fig = go.Figure(
        [
            go.Bar(
                name="Reported profit (absorption costing)",
                x=names,
                y=reported,
                marker_color=PRODUCTION_COLOR,
                text=[_money(v) for v in reported],
                textposition="outside",
                cliponaxis=False,
            ),
            go.Bar(
                name="Net profit (T − OE)",
                x=names,
                y=net,
                marker_color=[GOOD_COLOR if v >= 0 else BAD_COLOR for v in net],
                text=[_money(v) for v in net],
                textposition="outside",
                cliponaxis=False,
            ),
        ]
    )
    gap = a.overhead_in_inventory
    # One "$" per plotly string: in JupyterLab two of them are typeset as LaTeX and vanish.
    notes = (
        [
            f"A's books report {_money(a.reported_profit)}",
            f"A's net profit is {_money(a.net_profit)}",
            f"Gap: {_money(gap)} of overhead parked",
            f"in {a.inventory_end:,.0f} unsold units",
        ]
        if gap > 1
        else ["No unsold stock at A:", "its books and its money agree", "", ""]
    )
    values = reported + net
    lo, hi = min(0.0, *values), max(0.0, *values)
    pad = 0.25 * max(hi - lo, 1.0)
    fig.update_layout(
        _LAYOUT,
        barmode="group",
        title={"text": f"Profit over {a.weeks} weeks: what the books report vs what the bank sees"},
        yaxis={
            "title": "$ over the year",
            "tickformat": "~s",
            "range": [lo - pad, hi + pad],
            "zeroline": True,
            "zerolinewidth": 2,
        },
        annotations=[
            {
                "text": line,
                "xref": "paper",
                "yref": "paper",
                "x": 0.99,
                "y": 0.40 - 0.075 * i,  # under B's bars, where nothing is drawn
                "xanchor": "right",
                "yanchor": "top",
                "showarrow": False,
                "font": {"size": 13, "color": BAD_COLOR if i == 1 else "#333"},
            }
            for i, line in enumerate(notes)
        ],
        shapes=[],
    )
    return fig


def plot_year(a: FactoryResult, b: FactoryResult, week: int | None = None) -> go.Figure:
    """Cash, finished goods and backlog week by week, revealed up to ``week``.

    Parameters
    ----------
    a, b : FactoryResult
        Factory A and Factory B over the same number of weeks.
    week : int, optional
        Show weeks 1..``week`` (default: all). Axes stay fixed, so playing the weeks
        shows the lines grow.

    Returns
    -------
    plotly.graph_objects.Figure
        Three panels side by side, one line per factory.

    Examples
    --------
    >>> a = simulate_factory(**factory_scenario("A"))
    >>> b = simulate_factory(**factory_scenario("B"))
    >>> fig = plot_year(a, b, week=10)
    >>> len(fig.data), list(fig.data[0].x)[-1]
    (6, 10)
    """
    _check_result("a", a)
    _check_result("b", b)
    if a.weeks != b.weeks:
        raise ValueError(f"a and b must cover the same weeks, got {a.weeks} and {b.weeks}")
    w = a.weeks if week is None else _whole("week", week, 1, a.weeks)
    panels = (
        ("cash", "Cash ($)"),
        ("inventory", "Unsold finished goods (units)"),
        ("backlog", "Orders waiting (units)"),
    )
    # Three panels built as one layout dict (make_subplots is too slow for a play control).
    gap = 0.08
    width = (1 - 2 * gap) / 3
    traces, layout, titles = [], dict(_LAYOUT), []
    for col, (key, label) in enumerate(panels):
        suffix = "" if col == 0 else str(col + 1)
        for res, name, color in ((a, _A_NAME, PRODUCTION_COLOR), (b, _B_NAME, DEMAND_COLOR)):
            y = np.asarray(getattr(res, key))
            traces.append(
                go.Scatter(
                    x=res.week[:w].tolist(),
                    y=y[:w].tolist(),
                    xaxis=f"x{suffix}",
                    yaxis=f"y{suffix}",
                    name=name,
                    legendgroup=name,
                    showlegend=col == 0,
                    mode="lines+markers",
                    line={"color": color, "width": 3},
                    # a dot marks the current week, so week 1 is not an empty chart
                    marker={"size": [0] * (w - 1) + [10], "color": color},
                    hovertemplate=f"{name}<br>week %{{x}}: %{{y:,.0f}}<extra></extra>",
                )
            )
        both = np.concatenate([np.asarray(getattr(a, key)), np.asarray(getattr(b, key))])
        lo, hi = float(min(0.0, both.min())), float(max(1.0, both.max()))
        pad = 0.06 * (hi - lo)
        left = col * (width + gap)
        layout[f"xaxis{suffix}"] = {
            "domain": [left, left + width],
            "range": [0, a.weeks + 1],
            "title": {"text": "week"},
            "anchor": f"y{suffix}",
        }
        layout[f"yaxis{suffix}"] = {
            "range": [lo - pad, hi + pad],
            "tickformat": "~s",
            "anchor": f"x{suffix}",
        }
        titles.append(
            {
                "text": label,
                "x": left + width / 2,
                "y": 1.0,
                "xref": "paper",
                "yref": "paper",
                "xanchor": "center",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 14},
            }
        )
    week_idx = w - 1
    cash_a = a.cash[week_idx]
    gone = (
        f"A's cash ran out in week {a.cash_out_week}"
        if (a.cash_out_week is not None and a.cash_out_week <= w)
        else f"A's cash {_money(cash_a)}"
    )
    layout["title"] = {
        **_LAYOUT["title"],
        "text": f"Week {w}: {gone}, {a.inventory[week_idx]:,.0f} units unsold · "
        f"B: {b.backlog[week_idx]:,.0f} orders waiting",
    }
    layout["annotations"] = titles
    layout["shapes"] = [
        {
            "type": "line",
            "xref": "x",
            "yref": "y",
            "x0": 0,
            "x1": a.weeks + 1,
            "y0": 0,
            "y1": 0,
            "line": {"color": BAD_COLOR, "dash": "dot", "width": 2},
        }
    ]
    return go.Figure(traces, layout)


def plot_internal_fixes(
    search: InternalFixSearch, you: tuple[float, float] | None = None
) -> go.Figure:
    """Heatmap of the best net profit Factory A can reach from inside, per efficiency and
    capacity (costs at their best for each cell), with the best setting starred.

    Parameters
    ----------
    search : InternalFixSearch
        From ``search_internal_fixes``.
    you : (efficiency, capacity_per_week), optional
        A setting to mark with a circle, e.g. the learner's sliders.

    Returns
    -------
    plotly.graph_objects.Figure

    Examples
    --------
    >>> fig = plot_internal_fixes(search_internal_fixes())
    >>> max(max(row) for row in fig.data[0].z) < 0
    True
    """
    if not isinstance(search, InternalFixSearch):
        raise TypeError(f"search must come from search_internal_fixes, got {search!r:.60}")
    if you is None:
        you = (search.best_efficiency, search.best_capacity_per_week)
    if isinstance(you, (str, bytes)) or not hasattr(you, "__len__") or len(you) != 2:
        raise TypeError(f"you must be (efficiency, capacity_per_week), got {you!r:.60}")
    ye = _efficiency("you[0] (efficiency)", you[0])
    yc = _positive("you[1] (capacity_per_week)", you[1], 1e9)
    z = search.best_map / 1e3
    extreme = max(float(np.abs(z).max()), 1.0)
    # Any loss is visibly red and any profit visibly green, however small.
    colorscale = [
        [0.0, BAD_COLOR],
        [0.499, "#f4a3a3"],
        [0.5, "#ffffff"],
        [0.501, "#a8dca8"],
        [1.0, GOOD_COLOR],
    ]
    fig = go.Figure(
        [
            go.Heatmap(
                x=search.capacity_grid.tolist(),
                y=(100 * search.efficiency_grid).tolist(),
                z=z.tolist(),
                zmin=-extreme,
                zmax=extreme,
                colorscale=colorscale,
                colorbar={"title": {"text": "$k / year"}, "thickness": 14},
                hovertemplate="capacity %{x:,.0f}/wk, efficiency %{y:.0f}%<br>"
                "best net profit $%{z:,.0f}k<extra></extra>",
            ),
            go.Scatter(
                x=[search.best_capacity_per_week],
                y=[100 * search.best_efficiency],
                mode="markers",
                name="best setting",
                marker={
                    "symbol": "star",
                    "size": 20,
                    "color": "black",
                    "line": {"color": "white", "width": 1},
                },
                hovertemplate="best setting<extra></extra>",
            ),
            go.Scatter(
                x=[yc],
                y=[100 * ye],
                mode="markers",
                name="your setting",
                marker={
                    "symbol": "circle-open",
                    "size": 18,
                    "color": "black",
                    "line": {"width": 3},
                },
                hovertemplate="your setting<extra></extra>",
            ),
        ]
    )
    best = _money(search.best_net_profit)
    if search.settings_profitable == 0:
        verdict = f"all {search.settings_tried:,} settings lose money (best {best})"
    else:
        verdict = (
            f"{search.settings_profitable:,} of {search.settings_tried:,} settings "
            f"make money (best {best})"
        )
    fig.update_layout(
        _LAYOUT,
        title={
            "text": f"Demand {search.demand_per_week:,.0f}/week: {verdict}<br>"
            "<sup>each cell: best net profit over all material and OE settings</sup>"
        },
        xaxis={"title": "capacity (units/week at 100%)"},
        yaxis={"title": "efficiency (%)"},
        showlegend=True,
        shapes=[],
    )
    return fig


def plot_capacity_value(value: CapacityValue, other: CapacityValue | None = None) -> go.Figure:
    """Net profit against units made a week: it rises until output meets demand, then stops.

    Parameters
    ----------
    value : CapacityValue
        From ``capacity_value`` (usually Factory B).
    other : CapacityValue, optional
        A second factory to draw for contrast (usually Factory A).

    Returns
    -------
    plotly.graph_objects.Figure

    Examples
    --------
    >>> fig = plot_capacity_value(capacity_value("B"), capacity_value("A"))
    >>> [t.name for t in fig.data][:2]
    ['Factory B', 'Factory B today']
    """
    traces, shapes, annotations = [], [], []
    if not isinstance(value, CapacityValue):
        raise TypeError(f"value must come from capacity_value, got {value!r:.60}")
    if other is not None and not isinstance(other, CapacityValue):
        raise TypeError(f"other must come from capacity_value or be None, got {other!r:.60}")
    pairs = [("Factory B", value, DEMAND_COLOR)]
    if other is not None:
        pairs.append(("Factory A", other, PRODUCTION_COLOR))
    for name, v, color in pairs:
        here = float(np.interp(v.base_output_per_week, v.output_grid, v.net_profit_at_output))
        traces += [
            go.Scatter(
                x=v.output_grid.tolist(),
                y=(v.net_profit_at_output / 1e3).tolist(),
                name=name,
                mode="lines",
                line={"color": color, "width": 3},
                hovertemplate=f"{name}: %{{x:,.0f}} made/week → $%{{y:,.0f}}k<extra></extra>",
            ),
            go.Scatter(
                x=[v.base_output_per_week],
                y=[here / 1e3],
                name=f"{name} today",
                mode="markers+text",
                marker={"size": 14, "color": color},
                text=[f"{name[-1]} today: {_money(v.net_profit_gain_per_unit)}/yr per extra unit"],
                textposition="top left",
                showlegend=False,
                hoverinfo="skip",
            ),
        ]
        shapes.append(
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": v.demand_per_week,
                "x1": v.demand_per_week,
                "y0": 0,
                "y1": 1,
                "line": {"color": color, "dash": "dot", "width": 2},
            }
        )
        annotations.append(
            {
                "text": f"{name[-1]}'s demand",
                "x": v.demand_per_week,
                "y": 1.0,
                "xref": "x",
                "yref": "paper",
                "showarrow": False,
                "yanchor": "bottom",
                "font": {"color": color},
            }
        )
    # One "$" per plotly string (JupyterLab typesets "$...$" as LaTeX), so the values per
    # unit sit in the marker labels, not in the title.
    title = "Extra output earns money only where customers are waiting"
    shapes.append(
        {
            "type": "line",
            "xref": "paper",
            "yref": "y",
            "x0": 0,
            "x1": 1,
            "y0": 0,
            "y1": 0,
            "line": {"color": BAD_COLOR, "width": 1},
        }
    )
    fig = go.Figure(traces)
    fig.update_layout(
        _LAYOUT,
        title={
            "text": title + "<br><sup>net profit rises with output up to the dotted demand "
            "line, then stops</sup>"
        },
        xaxis={
            "title": "units made per week",
            "range": [0, min(float(v.output_grid[-1]) for _, v, _ in pairs)],
        },
        yaxis={"title": "net profit ($k / year)"},
        shapes=shapes,
        annotations=annotations,
    )
    return fig


# ---------------------------------------------------------------------------------------
# Widgets
# ---------------------------------------------------------------------------------------
_STYLE = {"description_width": "initial"}
_WIDE = {"width": "420px"}


def _slider(
    description: str, knob: tuple[float, float, float], value: float, fmt: str = ",.0f"
) -> widgets.FloatSlider:
    low, high, step = knob
    return widgets.FloatSlider(
        value=min(max(value, low), high),
        min=low,
        max=high,
        step=step,
        description=description,
        readout_format=fmt,
        style=_STYLE,
        layout=_WIDE,
        continuous_update=False,
    )


def factory_explorer(a: dict | None = None, b: dict | None = None) -> widgets.VBox:
    """Factory A and Factory B side by side, with sliders and the two scoreboards.

    Parameters
    ----------
    a, b : dict, optional
        Changes to each factory's scenario, as for ``factory_scenario``
        (e.g. ``a={"demand_per_week": 400}``).

    Returns
    -------
    ipywidgets.VBox
        Efficiency, capacity and demand sliders for each factory, the production-system and
        demand-response scoreboards, the reported-vs-net profit figure and a verdict.

    Examples
    --------
    >>> ui = factory_explorer()
    >>> ui.sliders["A"]["efficiency"].value
    0.95
    """
    kw = {
        "A": factory_scenario("A", **_overrides("a", a)),
        "B": factory_scenario("B", **_overrides("b", b)),
    }
    results = {k: simulate_factory(**v) for k, v in kw.items()}
    sliders: dict[str, dict[str, widgets.FloatSlider]] = {}
    for k in "AB":
        sliders[k] = {
            "efficiency": _slider(
                "Efficiency", _KNOBS["efficiency"], float(kw[k]["efficiency"]), ".0%"
            ),
            "capacity_per_week": _slider(
                "Capacity / week", _KNOBS["capacity_per_week"], float(kw[k]["capacity_per_week"])
            ),
            "demand_per_week": _slider(
                "Demand / week", _DEMAND_SLIDER, float(np.mean(kw[k]["demand_per_week"]))
            ),
        }
    boards = {v: widgets.HTML() for v in ("production", "demand")}
    fw = figure_widget(plot_profit_gap(results["A"], results["B"]))
    note = message_area()

    def show() -> None:
        ra, rb = results["A"], results["B"]
        for v, area in boards.items():
            area.value = _scoreboard_html(ra, rb, v)
        refresh(fw, plot_profit_gap(ra, rb))
        pa, pb, pn = _tally(ra, rb, "production")
        da, db, dn = _tally(ra, rb, "demand")
        say(
            note,
            f"Production-system view: A is better on {pa} of {pn} measures, B on {pb}. "
            f"Demand-response view: B is better on {db} of {dn}, A on {da}.",
        )

    def update(change: dict | None = None) -> None:
        for k in "AB":
            settings = {name: s.value for name, s in sliders[k].items()}
            results[k] = simulate_factory(**{**kw[k], **settings})
        show()

    for k in "AB":
        for s in sliders[k].values():
            s.observe(guarded(update, note), names="value")
    show()
    columns = [
        widgets.VBox([widgets.HTML(f"<b>{title}</b>"), *sliders[k].values()])
        for k, title in (("A", _A_NAME), ("B", _B_NAME))
    ]
    ui = widgets.VBox([widgets.HBox(columns), widgets.HBox(list(boards.values())), note, fw])
    ui.sliders = sliders  # for tests and for instructors scripting a demo
    return ui


def year_explorer(a: dict | None = None, b: dict | None = None) -> widgets.VBox:
    """Play the year week by week: A's warehouse and cash, B's queue of orders.

    Parameters
    ----------
    a, b : dict, optional
        Changes to each factory's scenario, as for ``factory_scenario``.

    Returns
    -------
    ipywidgets.VBox
        A play button linked to a week slider, the three-panel figure and a sentence.

    Examples
    --------
    >>> ui = year_explorer()
    >>> ui.week.value = 30
    >>> "week 30" in ui.children[-1].value
    True
    """
    ra = simulate_factory(**factory_scenario("A", **_overrides("a", a)))
    rb = simulate_factory(**factory_scenario("B", **_overrides("b", b)))
    if ra.weeks != rb.weeks:
        raise ValueError(f"a and b must cover the same weeks, got {ra.weeks} and {rb.weeks}")
    week = widgets.IntSlider(
        value=1, min=1, max=ra.weeks, step=1, description="Week", style=_STYLE, layout=_WIDE
    )
    play = widgets.Play(
        value=1, min=1, max=ra.weeks, step=1, interval=250, description="Play the year"
    )
    widgets.jslink((play, "value"), (week, "value"))
    fw = figure_widget(plot_year(ra, rb, week.value))
    note = message_area()

    def update(change: dict | None = None) -> None:
        w = week.value
        refresh(fw, plot_year(ra, rb, w))
        i = w - 1
        say(
            note,
            f"After week {w}: A has made {ra.produced[:w].sum():,.0f} units and sold "
            f"{ra.sold[:w].sum():,.0f}; its cash is {_money(ra.cash[i])}. "
            f"B has sold {rb.sold[:w].sum():,.0f}, turned away {rb.lost[:w].sum():,.0f}, "
            f"and has {_money(rb.cash[i])} in the bank.",
            "warn" if ra.cash[i] < 0 else "info",
        )

    update()
    week.observe(guarded(update, note), names="value")
    ui = widgets.VBox([widgets.HBox([play, week]), fw, note])
    ui.week, ui.play = week, play
    return ui


def fix_a_explorer(start: dict | None = None) -> widgets.VBox:
    """Try to fix Factory A from inside its walls, then unlock demand.

    Four sliders turn A's internal knobs (efficiency, capacity, material cost, operating
    expense); a circle marks your setting on a heatmap of the best net profit every setting
    can reach. The demand slider (the lesson's main control) is the knob outside the
    walls: moving it re-runs the search over all 66,300 internal settings.

    Parameters
    ----------
    start : dict, optional
        Changes to Factory A's scenario, as for ``factory_scenario``.

    Returns
    -------
    ipywidgets.VBox

    Examples
    --------
    >>> ui = fix_a_explorer()
    >>> ui.demand.value = 600
    >>> "make money" in ui.figure.layout.title.text
    True
    """
    kw = factory_scenario("A", **_overrides("start", start))
    knobs = {
        "efficiency": _slider("Efficiency", _KNOBS["efficiency"], float(kw["efficiency"]), ".0%"),
        "capacity_per_week": _slider(
            "Capacity / week", _KNOBS["capacity_per_week"], float(kw["capacity_per_week"])
        ),
        "material_cost": _slider(
            "Material $ / unit", _KNOBS["material_cost"], float(kw["material_cost"])
        ),
        "operating_expense_per_week": _slider(
            "Operating expense $ / week",
            _KNOBS["operating_expense_per_week"],
            float(kw["operating_expense_per_week"]),
        ),
    }
    demand = mark_main(
        _slider(
            "Demand / week (outside A's walls)",
            _DEMAND_SLIDER,
            float(np.mean(kw["demand_per_week"])),
        )
    )
    state = {"search": search_internal_fixes(demand.value, start=start)}
    fw = figure_widget(plot_internal_fixes(state["search"], _you(knobs)), main=True)
    note = message_area()

    def show() -> None:
        s = state["search"]
        settings = {name: k.value for name, k in knobs.items()}
        mine = simulate_factory(**{**kw, **settings, "demand_per_week": demand.value})
        refresh(fw, plot_internal_fixes(s, _you(knobs)))
        outcome = (
            "Nothing inside the walls makes A profitable at this demand."
            if s.settings_profitable == 0
            else f"{s.settings_profitable:,} of {s.settings_tried:,} settings now make money."
        )
        say(
            note,
            f"Your setting: net profit {_money(mine.net_profit)} a year. "
            f"Best of all {s.settings_tried:,} internal settings at {demand.value:,.0f} "
            f"orders a week: {_money(s.best_net_profit)}. {outcome}",
            "good" if mine.net_profit > 0 else "warn",
        )

    def new_demand(change: dict | None = None) -> None:
        state["search"] = search_internal_fixes(demand.value, start=start)
        show()

    def new_knobs(change: dict | None = None) -> None:
        show()

    for k in knobs.values():
        k.observe(guarded(new_knobs, note), names="value")
    demand.observe(guarded(new_demand, note), names="value")
    show()
    inside = widgets.VBox([widgets.HTML("<b>Inside A's walls</b>"), *knobs.values()])
    outside = widgets.VBox([widgets.HTML("<b>Outside A's walls</b>"), demand])
    ui = widgets.VBox([widgets.HBox([inside, outside]), note, fw])
    ui.knobs, ui.demand, ui.figure = knobs, demand, fw
    return ui


def _you(knobs: dict[str, widgets.FloatSlider]) -> tuple[float, float]:
    return knobs["efficiency"].value, knobs["capacity_per_week"].value


def fix_b_explorer(b: dict | None = None) -> widgets.VBox:
    """Find Factory B's constraint and what one more unit of output a week is worth.

    Parameters
    ----------
    b : dict, optional
        Changes to Factory B's scenario, as for ``factory_scenario``.

    Returns
    -------
    ipywidgets.VBox
        Efficiency and capacity sliders for B, the net-profit-vs-output figure (A's curve
        for contrast) and a sentence naming the constraint and the value of a unit.

    Examples
    --------
    >>> ui = fix_b_explorer()
    >>> ui.knobs["efficiency"].value = 1.0
    >>> "constraint" in ui.children[1].value
    True
    """
    kw = factory_scenario("B", **_overrides("b", b))
    value_a = capacity_value("A")
    knobs = {
        "efficiency": _slider(
            "B's efficiency", _KNOBS["efficiency"], float(kw["efficiency"]), ".0%"
        ),
        "capacity_per_week": _slider(
            "B's capacity / week", _KNOBS["capacity_per_week"], float(kw["capacity_per_week"])
        ),
    }
    note = message_area()
    fw = figure_widget(plot_capacity_value(capacity_value("B", **kw), value_a))

    def update(change: dict | None = None) -> None:
        settings = {name: k.value for name, k in knobs.items()}
        v = capacity_value("B", **{**kw, **settings})
        refresh(fw, plot_capacity_value(v, value_a))
        made = settings["efficiency"] * settings["capacity_per_week"]
        if v.constraint == "capacity":
            say(
                note,
                f"B makes {made:,.0f} a week for {v.demand_per_week:,.0f} orders: the "
                f"constraint is B's own output. Each extra unit made a week adds "
                f"{_money(v.net_profit_gain_per_unit)} of net profit a year, because a "
                "customer is already waiting for it.",
                "good",
            )
        else:
            say(
                note,
                f"B makes {made:,.0f} a week for {v.demand_per_week:,.0f} orders: the "
                f"constraint is now demand. One more unit a week adds "
                f"{_money(v.net_profit_gain_per_unit)} a year and changes cash by "
                f"{_money(v.cash_gain)}: B has become Factory A.",
                "warn",
            )

    for k in knobs.values():
        k.observe(guarded(update, note), names="value")
    update()
    ui = widgets.VBox([widgets.HBox(list(knobs.values())), note, fw])
    ui.knobs = knobs
    return ui
