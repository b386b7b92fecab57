"""Confidence intervals for simulated results: the statistical tolerance a run is judged by.

Every comparison of a simulation with theory uses the run's own interval from here
(across independent replications, or a binomial share), never a hand-tuned fudge.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["T95", "mean_ci", "t95", "wilson"]

T95 = 1.96  # normal quantile; small-sample Student-t quantiles below

# Two-sided 95% Student-t quantiles by degrees of freedom (any statistics table).
_T95_TABLE = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306}
_T95_TABLE.update({9: 2.262, 10: 2.228, 12: 2.179, 15: 2.131, 20: 2.086, 30: 2.042})


def t95(n: int) -> float:
    """Two-sided 95% Student-t quantile for ``n`` - 1 degrees of freedom (n >= 2).

    Between table rows the next larger df is used, which is slightly *narrower* than the
    exact quantile: under 2% for df up to 30, up to 4% for df 31..60 (1.96 against 2.04).

    Examples
    --------
    >>> t95(5), t95(1000)
    (2.776, 1.96)
    """
    df = n - 1
    if df in _T95_TABLE:
        return _T95_TABLE[df]
    for k in sorted(_T95_TABLE):
        if k >= df:
            return _T95_TABLE[k]
    return T95


def mean_ci(values: object) -> tuple[float, float]:
    """Mean and 95% CI half-width across independent replications.

    Examples
    --------
    >>> mean, half = mean_ci([1.0, 2.0, 3.0])
    >>> mean, round(half, 3)
    (2.0, 2.484)
    """
    values = np.asarray(values, dtype=float)
    if values.size < 2:
        return float(values.mean()), 0.0
    half = t95(values.size) * float(values.std(ddof=1)) / math.sqrt(values.size)
    return float(values.mean()), half


def wilson(successes: int, n: int, z: float = 1.959964) -> tuple[float, float]:
    """Wilson score interval for a binomial proportion (95% by default).

    Examples
    --------
    >>> lo, hi = wilson(50, 100)
    >>> round(lo, 3), round(hi, 3)
    (0.404, 0.596)
    """
    if n == 0:
        return (0.0, 1.0)
    p = successes / n
    denom = 1 + z**2 / n
    centre = (p + z**2 / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))
