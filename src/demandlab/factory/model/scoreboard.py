"""The two scoreboards as numbers: which factory wins each row, by each view, and the year
so far week by week (the words and tables are in factory/report.py)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ...checks import result_of
from .simulation import FactoryResult

# (view, key in FactoryResult.summary(), higher_is_better): the rows of both scoreboards
SCORED = (
    ("production", "efficiency", True),
    ("production", "utilisation", True),
    ("production", "cost_per_unit", False),
    ("production", "units_produced", True),
    ("production", "reported_profit", True),
    ("demand", "throughput", True),
    ("demand", "net_profit", True),
    ("demand", "cash_end", True),
    ("demand", "inventory_investment_end", False),
    ("demand", "roi", True),
    ("demand", "units_sold", True),
    ("demand", "average_wait_weeks", False),
    ("demand", "units_lost", False),
)


def winner(x: float, y: float, higher_is_better: bool) -> str:
    """``"A"``, ``"B"`` or ``"tie"`` for one row."""
    if math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-9):
        return "tie"
    return "A" if (x > y) == higher_is_better else "B"


def check_result(name: str, value: object) -> FactoryResult:
    """``value`` if it is a ``FactoryResult``, else an InputError naming ``name``."""
    return result_of(name, value, FactoryResult, "simulate_factory")


def tally(a: FactoryResult, b: FactoryResult, view: str) -> tuple[int, int, int]:
    """Rows A wins, rows B wins, and rows in all, for one view."""
    sa, sb = a.summary()[view], b.summary()[view]
    wins = [winner(sa[k], sb[k], up) for v, k, up in SCORED if v == view]
    return wins.count("A"), wins.count("B"), len(wins)


@dataclass(frozen=True)
class YearSoFar:
    """Factory A and Factory B after ``week`` weeks of their year (totals so far, cash now)."""

    a: FactoryResult
    b: FactoryResult
    week: int
    a_made: float
    a_sold: float
    a_cash: float
    b_sold: float
    b_lost: float
    b_cash: float


def year_so_far(a: FactoryResult, b: FactoryResult, week: int) -> YearSoFar:
    """The two years after ``week`` weeks (1 .. a.weeks)."""
    w = int(week)
    return YearSoFar(
        a,
        b,
        w,
        a_made=float(a.produced[:w].sum()),
        a_sold=float(a.sold[:w].sum()),
        a_cash=float(a.cash[w - 1]),
        b_sold=float(b.sold[:w].sum()),
        b_lost=float(b.lost[:w].sum()),
        b_cash=float(b.cash[w - 1]),
    )
