"""Forecast push against demand pull on the finished-goods shelf, at the same fill rate.

An inventory ledger kept day by day (a fixed production lead time, no line): its point is
the *signal* that releases work, not queueing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ...checks import frozen, in_range, whole
from ...checks import seed as check_seed
from ...engine.scenarios import takes_scenario
from .. import scenario as sc
from ..scenario import SCENARIO, PullPushScenario
from .inputs import MAX_DAYS, result_of
from .inputs import cv as check_cv

POLICIES = ("push", "pull")  # forecast push, demand pull: the two release signals
# forecast_vs_pull's parameters, in order: fields of the lesson's scenario.
SHELF_SETTINGS = (
    "demand_per_day",
    "demand_cv",
    "forecast_error",
    "lead_time_days",
    "plan_every_days",
    "days",
    "fill_rate",
    "unit_cost",
    "seed",
)


def _ledger(
    demand: np.ndarray,
    forecast_rate: np.ndarray,
    lead_time_days: int,
    plan_every_days: int,
    mean_demand: float,
    policy: str,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Day-by-day finished-goods ledger with no buffer (buffer 0); buffers shift it exactly.

    Day t: yesterday's releases from ``lead_time_days`` ago arrive, customers take
    ``demand[t]`` (unmet demand is backordered), then the day's release is decided:

    - pull: release exactly what customers took today (a kanban card per unit sold);
    - push: every ``plan_every_days`` days a planner nets the forecast against stock:
      quantity = forecast rate x (lead time + period - 1) - (stock + pipeline), never
      negative, released evenly over the period.

    Returns, per day: stock available before demand (``avail``), net stock after demand
    (``net``, negative = backorders) and the release.
    """
    days = demand.size
    arrivals = np.zeros(days + lead_time_days + 1)
    arrivals[:lead_time_days] = mean_demand  # start with a full pipeline, as in steady state
    pipeline = mean_demand * lead_time_days
    net = 0.0
    per_day = 0.0
    avail = np.empty(days)
    net_path = np.empty(days)
    release = np.empty(days)
    cover = lead_time_days + plan_every_days - 1
    for t in range(days):
        avail[t] = net + arrivals[t]
        net += arrivals[t] - demand[t]
        pipeline -= arrivals[t]
        if policy == "pull":
            q = demand[t]
        else:
            if t % plan_every_days == 0:
                target = forecast_rate[t // plan_every_days] * cover
                per_day = max(0.0, target - (net + pipeline)) / plan_every_days
            q = per_day
        release[t] = q
        pipeline += q
        arrivals[t + lead_time_days] += q
        net_path[t] = net
    return avail, net_path, release


def _fill_rate(buffer: float, demand: np.ndarray, avail: np.ndarray) -> float:
    served = np.minimum(demand, np.maximum(buffer + avail, 0.0))
    return float(served.sum() / demand.sum())


def _buffer_for(target: float, demand: np.ndarray, avail: np.ndarray) -> float:
    """Smallest buffer (units, >= 0) whose fill rate reaches ``target`` (bisection)."""
    if _fill_rate(0.0, demand, avail) >= target:
        return 0.0
    lo, hi = 0.0, float(demand.sum())  # at hi every unit is in stock from day one
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        if _fill_rate(mid, demand, avail) >= target:
            hi = mid
        else:
            lo = mid
        if hi - lo < 1e-6 * max(1.0, hi):
            break
    return hi


@dataclass(frozen=True)
class StockPolicy:
    """One release policy at the buffer that reaches the target fill rate.

    Attributes
    ----------
    buffer_units : float
        Safety stock needed on top of the normal pipeline to reach the fill rate.
    fill_rate : float
        Share of demand shipped from stock the day it was ordered (achieved).
    mean_stock_units : float
        Average finished goods on hand at the end of a day.
    cash_tied : float
        ``mean_stock_units x unit_cost``.
    stockout_days : int
        Days on which some demand could not be shipped from stock.
    stock_path : ndarray
        Finished goods on hand at the end of each observed day.
    release : ndarray
        Units released to production each observed day.
    """

    buffer_units: float
    fill_rate: float
    mean_stock_units: float
    cash_tied: float
    stockout_days: int
    stock_path: np.ndarray
    release: np.ndarray


@dataclass(frozen=True)
class ForecastVsPull:
    """Forecast push against demand pull at the same fill rate.

    Attributes
    ----------
    demand_per_day, demand_cv, forecast_error, lead_time_days, plan_every_days, days,
    fill_rate_target, unit_cost
        The settings.
    demand : ndarray
        Units ordered each observed day.
    push, pull : StockPolicy
        Each policy at the buffer that reaches ``fill_rate_target``.
    """

    demand_per_day: float
    demand_cv: float
    forecast_error: float
    lead_time_days: int
    plan_every_days: int
    days: int
    fill_rate_target: float
    unit_cost: float
    demand: np.ndarray
    push: StockPolicy
    pull: StockPolicy

    @property
    def stock_ratio(self) -> float:
        """Push's average stock divided by pull's, at the same fill rate."""
        return self.push.mean_stock_units / max(self.pull.mean_stock_units, 1e-12)


def _settings(s: PullPushScenario) -> dict:
    """The shelf's settings, checked, by their ForecastVsPull field names."""
    return {
        "demand_per_day": in_range("demand_per_day", s.demand_per_day, 0.0, 1e5, low_open=True),
        "demand_cv": check_cv("demand_cv", s.demand_cv),
        "forecast_error": in_range("forecast_error", s.forecast_error, 0.0, 2.0),
        "lead_time_days": whole("lead_time_days", s.lead_time_days, 1, 60),
        "plan_every_days": whole("plan_every_days", s.plan_every_days, 1, 60),
        "days": whole("days", s.days, 50, MAX_DAYS),
        "fill_rate_target": in_range("fill_rate", s.fill_rate, 0.5, 0.999),
        "unit_cost": in_range("unit_cost", s.unit_cost, 0.0, 1e9),
    }


def _draws(settings: dict, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Daily demand (gamma, warm-up included) and the forecast rate of each planning period."""
    mu, dcv, ferr = (settings[k] for k in ("demand_per_day", "demand_cv", "forecast_error"))
    total = settings["days"] + sc.WARM_UP_DAYS
    rng = np.random.default_rng(seed)
    if dcv == 0:
        demand = np.full(total, mu)
    else:
        shape = 1.0 / dcv**2
        demand = rng.gamma(shape, mu / shape, size=total)
    n_plans = total // settings["plan_every_days"] + 2
    errors = rng.normal(0.0, ferr, size=n_plans) if ferr > 0 else np.zeros(n_plans)
    return demand, np.maximum(mu * (1.0 + errors), 0.0)


def _policy(name: str, demand: np.ndarray, rate: np.ndarray, settings: dict) -> StockPolicy:
    """One policy's ledger after the warm-up, at the smallest buffer that reaches the
    target fill rate."""
    warm = sc.WARM_UP_DAYS
    lead, period = settings["lead_time_days"], settings["plan_every_days"]
    avail, net, release = _ledger(demand, rate, lead, period, settings["demand_per_day"], name)
    avail, net, release = avail[warm:], net[warm:], release[warm:]
    d_obs = demand[warm:]
    buf = _buffer_for(settings["fill_rate_target"], d_obs, avail)
    stock = np.maximum(buf + net, 0.0)
    short = np.maximum(buf + avail, 0.0) < d_obs - 1e-9
    return StockPolicy(
        buffer_units=buf,
        fill_rate=_fill_rate(buf, d_obs, avail),
        mean_stock_units=float(stock.mean()),
        cash_tied=float(stock.mean() * settings["unit_cost"]),
        stockout_days=int(np.count_nonzero(short)),
        stock_path=frozen(stock),
        release=frozen(release),
    )


@takes_scenario(SCENARIO, SHELF_SETTINGS)
def forecast_vs_pull(s: PullPushScenario) -> ForecastVsPull:
    """Forecast push against demand pull, each with just enough stock for the same fill rate.

    Customers order ``demand_per_day`` units a day on average (gamma, ``demand_cv``).
    Production takes ``lead_time_days`` from release to the finished-goods shelf.

    - **Demand pull** (kanban): every unit sold today releases one unit today.
    - **Forecast push** (a planning cycle): every ``plan_every_days`` a planner forecasts
      the daily rate, off by a normal error of ``forecast_error`` x the true mean
      (0.25 = 25%), nets it against stock and pipeline, and releases that plan evenly.

    Service level is the **fill rate**: the share of units shipped from stock on the day
    they were ordered (the rest is backordered). For each policy the smallest safety
    buffer that reaches ``fill_rate`` over the same demand is found by bisection; a buffer
    shifts the stock path one for one, so both policies face exactly the same customers.
    The first 50 days are warm-up. With no forecast error and a daily plan, push and pull
    coincide: the gap comes from the signal, not from the arithmetic.

    On the shop floor: pull makes what was sold; push makes what someone expected to
    sell, and pays for the difference in stock.

    Parameters
    ----------
    demand_per_day : float
        Mean units ordered per day, in (0, 100000] (default 20).
    demand_cv : float
        Day-to-day coefficient of variation of demand, in [0, 3] (default 0.3).
    forecast_error : float
        Standard deviation of the forecast error as a share of mean demand, [0, 2]
        (default 0.25).
    lead_time_days : int
        Days from release to finished goods, 1..60 (default 5).
    plan_every_days : int
        Days between forecast plans, 1..60 (default 5: a weekly plan).
    days : int
        Days observed after a 50-day warm-up, 50..20000 (default 400).
    fill_rate : float
        Target share of demand served from stock, in [0.5, 0.999] (default 0.95).
    unit_cost : float
        Money tied up per unit on the shelf, in [0, 1e9] (default 50).
    seed : int
        Seed (a whole number >= 0).
    scenario : PullPushScenario, optional
        A whole lesson scenario (default ``SCENARIO``); the arguments named go on top.

    Returns
    -------
    ForecastVsPull
        Both policies at their buffers: stock, cash, stock-out days, paths.

    Examples
    --------
    >>> cmp = forecast_vs_pull(forecast_error=0.25, seed=1)
    >>> round(cmp.push.fill_rate, 3), round(cmp.pull.fill_rate, 3)
    (0.95, 0.95)
    >>> cmp.push.mean_stock_units > cmp.pull.mean_stock_units
    True
    """
    settings = _settings(s)
    demand, rate = _draws(settings, check_seed(s.seed))
    push, pull = (_policy(p, demand, rate, settings) for p in POLICIES)
    observed = frozen(demand[sc.WARM_UP_DAYS :])
    return ForecastVsPull(**settings, demand=observed, push=push, pull=pull)


def shown_days(cmp: object, show_days: object) -> int:
    """How many days of ``cmp``'s stock path to draw: ``show_days`` checked, at most its days.

    Examples
    --------
    >>> shown_days(forecast_vs_pull(days=100), 120)
    100
    """
    days = result_of("cmp", cmp, ForecastVsPull, "forecast_vs_pull").days
    return min(whole("show_days", show_days, 10, MAX_DAYS), days)
