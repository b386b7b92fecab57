"""Two fixes: try every setting of A's internal knobs; value one more unit of B's output."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from ...checks import InputError, frozen, in_range, refuse
from ..scenario import KNOBS
from .runs import factory_scenario
from .simulation import (
    FactoryResult,
    capacity_of,
    efficiency_of,
    flows,
    scenario_changes,
    simulate_factory,
)

_MAX_GRID = 101
_MAX_SETTINGS = 2_000_000  # ~16 MB of net-profit results
_MAX_CELL_WEEKS = 1_000_000  # cells x weeks in one batched run (~60 MB of weekly arrays)


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
        raise refuse(name, value, "(low, high, step)") from err
    low, high, step = (in_range(name, v) for v in (low, high, step))
    if low > high or step <= 0:
        raise refuse(name, value, "(low, high, step) with low <= high and step > 0")
    span = (high - low) / step
    count = int(round(span)) + 1 if span <= _MAX_GRID else _MAX_GRID + 1  # span may be inf
    if count > _MAX_GRID:
        raise refuse(name, value, f"(low, high, step) giving at most {_MAX_GRID} points")
    return np.linspace(low, high, count) if count > 1 else np.array([low])


def _grids(**knobs: object) -> dict[str, np.ndarray]:
    """Each knob's grid, refusing a search too large to hold in memory."""
    grids = {name: _grid(name, value) for name, value in knobs.items()}
    settings = math.prod(g.size for g in grids.values())
    if settings > _MAX_SETTINGS:
        raise InputError(
            f"the grids give {settings:,} settings; at most {_MAX_SETTINGS:,} are allowed "
            "(use larger steps)"
        )
    return grids


def _probe(base: dict, grids: dict[str, np.ndarray]) -> FactoryResult:
    """Validate every corner of the grids through the model itself; return the low corner."""
    high = {name: float(g.max()) for name, g in grids.items()}
    low = {name: float(g.min()) for name, g in grids.items()}
    probe = simulate_factory(**{**base, **low})
    simulate_factory(**{**base, **high})
    return probe


def _net_profit_grid(
    probe: FactoryResult, eff: np.ndarray, cap: np.ndarray, mat: np.ndarray, opx: np.ndarray
) -> np.ndarray:
    """Net profit for every setting, from one batched run of the flows.

    Costs do not change how many units move, so flows are computed once per
    (efficiency, capacity) cell and money is added for every cost setting.
    """
    if eff.size * cap.size * probe.weeks > _MAX_CELL_WEEKS:
        raise InputError(
            f"efficiency x capacity grid ({eff.size * cap.size:,} cells) over {probe.weeks} "
            f"weeks is too large; keep cells x weeks <= {_MAX_CELL_WEEKS:,}"
        )
    outputs = (eff[:, None] * cap[None, :]).ravel()
    demand = np.asarray(probe.demand)
    moved = flows(outputs, demand, probe.lead_time_tolerance_weeks, probe.make_to_order)
    sold = moved["sold"].sum(axis=1).reshape(eff.size, cap.size)
    return (
        sold[:, :, None, None] * (probe.price - mat[None, None, :, None])
        - probe.weeks * opx[None, None, None, :]
    )


def _best_setting(
    net: np.ndarray, eff: np.ndarray, cap: np.ndarray, base: dict
) -> tuple[int, int, int, int]:
    """Index of the best net profit; among equal bests, the cheapest costs, then the one
    nearest to the factory's own efficiency and capacity."""
    best = float(net.max())
    ties = np.argwhere(net >= best - 1e-9 * max(1.0, abs(best)))
    e0 = efficiency_of("efficiency", base["efficiency"])
    c0 = capacity_of("capacity_per_week", base["capacity_per_week"])
    dist = ((eff[ties[:, 0]] - e0) / max(np.ptp(eff), 1e-12)) ** 2 + (
        (cap[ties[:, 1]] - c0) / max(np.ptp(cap), 1e-12)
    ) ** 2
    i, j, k, m = ties[int(np.argmin(dist))]
    return int(i), int(j), int(k), int(m)


def search_internal_fixes(
    demand_per_week: float | np.ndarray | None = None,
    *,
    efficiency: tuple[float, float, float] = KNOBS["efficiency"],
    capacity_per_week: tuple[float, float, float] = KNOBS["capacity_per_week"],
    material_cost: tuple[float, float, float] = KNOBS["material_cost"],
    operating_expense_per_week: tuple[float, float, float] = KNOBS["operating_expense_per_week"],
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
    base = factory_scenario("A", **scenario_changes("start", start))
    if demand_per_week is not None:
        base["demand_per_week"] = demand_per_week
    grids = _grids(
        efficiency=efficiency,
        capacity_per_week=capacity_per_week,
        material_cost=material_cost,
        operating_expense_per_week=operating_expense_per_week,
    )
    eff, cap, mat, opx = grids.values()
    probe = _probe(base, grids)
    net = _net_profit_grid(probe, eff, cap, mat, opx)
    i, j, k, m = _best_setting(net, eff, cap, base)
    margin = probe.price - float(mat.min())
    return InternalFixSearch(
        demand_per_week=float(probe.demand.mean()),
        efficiency_grid=frozen(eff),
        capacity_grid=frozen(cap),
        material_cost_grid=frozen(mat),
        operating_expense_grid=frozen(opx),
        net_profit=frozen(net),
        best_net_profit=float(net.max()),
        best_efficiency=float(eff[i]),
        best_capacity_per_week=float(cap[j]),
        best_material_cost=float(mat[k]),
        best_operating_expense_per_week=float(opx[m]),
        settings_tried=int(net.size),
        settings_profitable=int((net > 0).sum()),
        break_even_demand_per_week=float(opx.min()) / margin if margin > 0 else math.inf,
    )


def break_even_expense_per_week(name: str = "A", **overrides: object) -> float:
    """Operating expense a week at which the factory's net profit over the year is zero.

    Demand, price and material stay as they are; only the expense (wages, rent, energy)
    moves. The model runs once with its own expense: throughput does not depend on it, so
    net profit is zero when the weekly expense equals the weekly throughput.

    Parameters
    ----------
    name : {"A", "B"}
        Which factory of the lesson's scenario.
    **overrides
        Changes to the scenario, as for ``factory_scenario`` (e.g. ``material_cost=32``).

    Returns
    -------
    float
        $ a week. Compare it with today's ``operating_expense_per_week`` to see the cut a
        factory would need, e.g. A at 300 orders a week: $18,000 against $30,000, a 40% cut.

    Examples
    --------
    >>> break_even_expense_per_week("A")
    18000.0
    >>> break_even_expense_per_week("A", material_cost=32)
    20400.0
    """
    result = simulate_factory(**factory_scenario(name, **overrides))
    return result.throughput_total / result.weeks


@dataclass(frozen=True)
class FixASetting:
    """A learner's setting of A's knobs: the search at its demand, and its own year."""

    search: InternalFixSearch
    mine: FactoryResult


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
    extra = capacity_of("extra_units_per_week", extra_units_per_week)
    kw = factory_scenario(name, **overrides)
    base = simulate_factory(**kw)
    try:
        more = simulate_factory(
            **{**kw, "capacity_per_week": base.capacity_per_week + extra / base.efficiency}
        )
    except ValueError as err:
        raise InputError(
            f"extra_units_per_week={extra:g} is more than the model can take: {err}"
        ) from err

    demand_mean = float(base.demand.mean())
    top = max(2.0 * demand_mean, 2.0 * base.output_per_week, 10.0)
    grid = np.linspace(0.0, top, 121)[1:]
    moved = flows(grid, np.asarray(base.demand), base.lead_time_tolerance_weeks, base.make_to_order)
    net = moved["sold"].sum(axis=1) * (base.price - base.material_cost) - (
        base.operating_expense_total
    )
    return CapacityValue(
        extra_units_per_week=extra,
        net_profit_gain=more.net_profit - base.net_profit,
        throughput_gain=more.throughput_total - base.throughput_total,
        cash_gain=more.cash_end - base.cash_end,
        units_sold_gain=more.units_sold - base.units_sold,
        constraint=base.constraint,
        output_grid=frozen(grid),
        net_profit_at_output=frozen(net),
        base_output_per_week=base.output_per_week,
        demand_per_week=demand_mean,
        efficiency=base.efficiency,
        capacity_per_week=base.capacity_per_week,
    )
