"""Goldratt's P&Q (*The Haystack Syndrome*, 1990): a product mix chosen by unit margin or
by throughput per minute of the constraint, for any products and resources.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from ...checks import InputError, choice, in_range, refuse
from ..scenario import PQ

__all__ = ["RULES", "ProductMix", "pq_problem", "product_mix"]

RULES = ("margin", "toc")
_MAX_ITEMS = 100  # products or resources in one product-mix problem
_PRODUCT_KEYS = ("price", "material_cost", "demand", "minutes")


# --- Goldratt's P&Q ----------------------------------------------------------------------


def pq_problem() -> dict:
    """The data of Goldratt's P&Q problem (*The Haystack Syndrome*, 1990), per week.

    Two products, four resources of 2,400 minutes a week each, operating expense
    $6,000 a week. P sells for $90 (material $45), demand 100; Q sells for $100
    (material $40), demand 50. Minutes per unit: P uses A 15, B 15, C 15 (two parts of
    10 and 5), D 15; Q uses A 10, B 30 (two parts of 15), C 5, D 5.

    Returns
    -------
    dict
        ``products``, ``resources`` and ``operating_expense``: ready for
        ``product_mix(**pq_problem(), rule=...)``. A fresh copy each call.

    Examples
    --------
    >>> pq_problem()["products"]["Q"]["minutes"]["B"]
    30
    """
    products = {
        name: {
            "price": p.price,
            "material_cost": p.material_cost,
            "demand": p.demand,
            "minutes": dict(p.minutes),
        }
        for name, p in PQ.products.items()
    }
    return {
        "products": products,
        "resources": dict(PQ.resources),
        "operating_expense": PQ.operating_expense,
    }


@dataclass(frozen=True)
class ProductMix:
    """A product mix chosen by one ranking rule, and what it earns."""

    rule: str
    ranking: tuple
    rank_value: dict
    quantities: dict
    unit_throughput: dict
    throughput: float
    operating_expense: float
    net_profit: float
    constraint: str | None
    constraint_load_ratio: float
    load_at_demand: dict
    load_used: dict
    demand_net_profit: float


def _table(name: str, value: object, what: str) -> Mapping:
    """A non-empty dict of at most _MAX_ITEMS named entries."""
    if not isinstance(value, Mapping) or not value:
        raise refuse(name, value, f"a non-empty dict of name -> {what}")
    if len(value) > _MAX_ITEMS:
        raise InputError(f"{name} must have at most {_MAX_ITEMS} entries, got {len(value):,}")
    for key in value:
        if not isinstance(key, str) or not key.strip():
            raise refuse(f"{name} keys", key, "non-empty names")
    return value


def _product(where: str, data: object, resources: dict) -> dict:
    if not isinstance(data, Mapping):
        raise refuse(where, data, f"a dict with keys {', '.join(_PRODUCT_KEYS)}")
    for key in _PRODUCT_KEYS:
        if key not in data:
            raise refuse(
                where,
                sorted(map(str, data)),
                f"a dict with a {key!r} (products need {_PRODUCT_KEYS})",
            )
    unknown = [k for k in data if k not in _PRODUCT_KEYS]
    if unknown:
        raise refuse(f"{where} keys", unknown[0], f"among {_PRODUCT_KEYS}")
    minutes = data["minutes"]
    if not isinstance(minutes, Mapping):
        raise refuse(f"{where}['minutes']", minutes, "a dict of resource -> minutes per unit")
    for r in minutes:
        if r not in resources:
            raise refuse(
                f"{where}['minutes'] keys",
                r,
                f"resource names from resources ({', '.join(resources)})",
            )
    return {
        "price": in_range(f"{where} price (products)", data["price"], 0, 1e9),
        "material_cost": in_range(
            f"{where} material_cost (products)", data["material_cost"], 0, 1e9
        ),
        "demand": in_range(f"{where} demand (products)", data["demand"], 0, 1e9),
        "minutes": {
            r: in_range(f"{where} minutes on {r} (products)", minutes.get(r, 0), 0, 1e6)
            for r in resources
        },
    }


def _rank_values(table: dict, unit_t: dict, constraint: str | None, rule: str) -> dict:
    if rule == "margin" or constraint is None:
        return dict(unit_t)
    # A product that needs no constraint minute ranks first if it earns anything at all.
    return {
        n: (
            unit_t[n] / p["minutes"][constraint]
            if p["minutes"][constraint] > 0
            else math.copysign(math.inf, unit_t[n])
            if unit_t[n]
            else 0.0
        )
        for n, p in table.items()
    }


def product_mix(
    products: dict, resources: dict, operating_expense: float, rule: str = "toc"
) -> ProductMix:
    """Choose what to make when a resource cannot meet all demand, by a ranking rule.

    The constraint is the resource most overloaded if every unit of demand were made
    (load / minutes available; none if nothing is overloaded). Products are ranked by
    ``rule``, then made greedily in that order: as many whole units as demand allows and
    as every resource's remaining minutes allow. Products whose price does not cover their
    material are not made.

    - ``rule="margin"``: rank by unit throughput (price - material), the cost-accounting
      instinct;
    - ``rule="toc"``: rank by throughput per minute of the constraint (Goldratt).

    Parameters
    ----------
    products : dict
        ``{name: {"price": $, "material_cost": $, "demand": units per period,
        "minutes": {resource: minutes per unit}}}``.
    resources : dict
        ``{name: minutes available per period}``.
    operating_expense : float
        Everything except material, per period ($); net profit = throughput - this.
    rule : {"toc", "margin"}
        How to rank products.

    Returns
    -------
    ProductMix
        ``quantities``, ``throughput``, ``net_profit``, ``constraint``, the ranking, loads,
        and ``demand_net_profit``: what making all demand would earn if it were possible.

    Examples
    --------
    >>> pq = pq_problem()
    >>> product_mix(**pq, rule="margin").net_profit, product_mix(**pq, rule="toc").net_profit
    (-300.0, 300.0)
    """
    rule = choice("rule", rule, RULES)
    caps = {
        r: in_range(f"resources[{r!r:.30}] (minutes available)", cap, 0, 1e9)
        for r, cap in _table("resources", resources, "minutes available").items()
    }
    table = {
        n: _product(f"products[{n!r:.30}]", data, caps)
        for n, data in _table("products", products, "data").items()
    }
    opex = in_range("operating_expense", operating_expense, 0, 1e12)
    unit_t = {n: p["price"] - p["material_cost"] for n, p in table.items()}
    load = {r: sum(p["demand"] * p["minutes"][r] for p in table.values()) for r in caps}

    def ratio(r: str) -> float:
        if load[r] == 0:
            return 0.0
        return load[r] / caps[r] if caps[r] > 0 else math.inf

    worst = max(caps, key=ratio)
    constraint = worst if ratio(worst) > 1 else None
    value = _rank_values(table, unit_t, constraint, rule)
    order = sorted(table, key=lambda n: -value[n])  # stable: ties keep the order given
    remaining = dict(caps)
    made = dict.fromkeys(table, 0)
    for n in order:
        p = table[n]
        if unit_t[n] < 0:
            continue
        limit = p["demand"]
        for r, m in p["minutes"].items():
            if m > 0:
                limit = min(limit, remaining[r] / m)
        q = int(math.floor(limit + 1e-9))
        made[n] = q
        for r, m in p["minutes"].items():
            remaining[r] -= q * m
    throughput = float(sum(made[n] * unit_t[n] for n in table))
    return ProductMix(
        rule=rule,
        ranking=tuple(order),
        rank_value={n: float(value[n]) for n in order},
        quantities=made,
        unit_throughput=unit_t,
        throughput=throughput,
        operating_expense=opex,
        net_profit=throughput - opex,
        constraint=constraint,
        constraint_load_ratio=float(ratio(worst)),
        load_at_demand=load,
        load_used={r: caps[r] - remaining[r] for r in caps},
        demand_net_profit=float(sum(p["demand"] * unit_t[n] for n, p in table.items()) - opex),
    )
