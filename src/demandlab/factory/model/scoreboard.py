"""The two scoreboards as text: which factory wins each row, by each view.

Numbers are written by demandlab.formatting, the course's one number style (compact money,
a cost per unit in cents, whole percentages).
"""

from __future__ import annotations

import math

from ...checks import choice, refuse
from ...formatting import money, number, pct
from .simulation import FactoryResult


def _compact(x: float) -> str:
    return money(x, compact=True)


def _unit_cost(x: float) -> str:
    return money(x, cents=True)


def _weeks(x: float) -> str:
    return f"{number(x, digits=1)} wk"


# (label, view, key, formatter, higher_is_better)
ROWS = (
    ("Efficiency", "production", "efficiency", pct, True),
    ("Capacity utilisation", "production", "utilization", pct, True),
    ("Cost per unit (absorption)", "production", "cost_per_unit", _unit_cost, False),
    ("Units made", "production", "units_produced", number, True),
    ("Reported profit (absorption)", "production", "reported_profit", _compact, True),
    ("Throughput T", "demand", "throughput", _compact, True),
    ("Net profit (T − OE)", "demand", "net_profit", _compact, True),
    ("Cash at the end", "demand", "cash_end", _compact, True),
    ("Inventory at the end (material $)", "demand", "inventory_investment_end", _compact, False),
    ("ROI", "demand", "roi", pct, True),
    ("Units sold (customers served)", "demand", "units_sold", number, True),
    ("Average order wait", "demand", "average_wait_weeks", _weeks, False),
    ("Demand lost (walked away)", "demand", "units_lost", number, False),
)
VIEW_TITLE = {"production": "Production-system view", "demand": "Demand-response view"}


def winner(x: float, y: float, higher_is_better: bool) -> str:
    """``"A"``, ``"B"`` or ``"tie"`` for one row."""
    if math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-9):
        return "tie"
    return "A" if (x > y) == higher_is_better else "B"


def check_result(name: str, value: object) -> FactoryResult:
    """``value`` if it is a ``FactoryResult``, else an InputError naming ``name``."""
    if not isinstance(value, FactoryResult):
        raise refuse(name, value, "a FactoryResult from simulate_factory")
    return value


def tally(a: FactoryResult, b: FactoryResult, view: str) -> tuple[int, int, int]:
    """Rows A wins, rows B wins, and rows in all, for one view."""
    sa, sb = a.summary()[view], b.summary()[view]
    wins = [winner(sa[k], sb[k], up) for _, v, k, _, up in ROWS if v == view]
    return wins.count("A"), wins.count("B"), len(wins)


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
    >>> import demandlab as dl
    >>> a = dl.simulate_factory(**dl.factory_scenario("A"))
    >>> b = dl.simulate_factory(**dl.factory_scenario("B"))
    >>> print(scoreboard(a, b, "production").splitlines()[2])
    Efficiency                                 95%          60%  A
    """
    check_result("a", a)
    check_result("b", b)
    choice("view", view, ("both", "production", "demand"))
    lines = []
    for v in ("production", "demand"):
        if view not in ("both", v):
            continue
        lines.append(f"{VIEW_TITLE[v]} ({a.weeks} weeks)")
        lines.append(f"{'':34}{'Factory A':>12} {'Factory B':>12}  better")
        sa, sb = a.summary()[v], b.summary()[v]
        for label, row_view, key, fmt, up in ROWS:
            if row_view == v:
                w = winner(sa[key], sb[key], up)
                lines.append(f"{label:34}{fmt(sa[key]):>12} {fmt(sb[key]):>12}  {w}")
    return "\n".join(lines)
