"""Where the capstone's verdict flips: local targets against end-to-end steering, swept.

The verdict "local targets reach fewer customers than end-to-end steering" rests on
settings a learner never sees move: the fit of the extra leads, the success ceiling of a
poor fit, how much onboarding hours matter, and what waiting for onboarding costs. This
sweeps each one across its range (the others held at the scenario's values) and finds
where local targets catch up with end-to-end steering.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ...checks import frozen, refuse, whole
from ...formatting import worded
from ..scenario import SWEEP_POINTS, VERDICT_ASSUMPTIONS
from .flow import simulate_gtm
from .plan import scenario_settings

__all__ = ["VerdictSweep", "verdict_sweep", "verdict_sweeps"]


@dataclass(frozen=True)
class VerdictSweep:
    """Local targets against end-to-end steering across one assumption's range.

    Attributes
    ----------
    setting : str
        The scenario setting swept (a key of ``VERDICT_ASSUMPTIONS``).
    today : float
        Its value in the scenario the sweep started from.
    values, local, end_to_end : ndarray
        The values tried, and customers reaching success in 24 months at each under local
        targets and steered end to end.
    crossing : float or None
        The lowest value in the range (found to 0.1% of the range, rounded to 3 decimals)
        where the winner changes: local targets reach as many customers as end-to-end
        steering on one side and fewer on the other. None when the winner never changes.
    """

    setting: str
    today: float
    values: np.ndarray
    local: np.ndarray
    end_to_end: np.ndarray
    crossing: float | None

    @worded
    def __str__(self) -> str:
        """Where the sweep flips the verdict, a sentence (``print(sweep)``; built by
        :func:`demandlab.gtm.report.sweep_text`)."""


def _gap(setting: str, value: float, sc: dict) -> float:
    """Customers reaching success under local targets minus end to end, at one value."""
    local = simulate_gtm(1.0, **{**sc, setting: float(value)})
    return local.customers_reaching_success - local.reference.customers_reaching_success


def verdict_sweep(setting: str, *, points: int = SWEEP_POINTS, **scenario: float) -> VerdictSweep:
    """Sweep one assumption and find where local targets catch up with end-to-end steering.

    Parameters
    ----------
    setting : str
        One of ``broad_fit_share``, ``success_ceiling_poor_fit``, ``onboarding_hours_scale``,
        ``success_loss_per_wait_day``; its range is ``VERDICT_ASSUMPTIONS[setting]``.
    points : int
        Values tried across the range (3 to 1,000); a crossing between two of them is then
        found by bisection.
    **scenario
        Other scenario settings to hold (``broad_fit_share=0.2`` while sweeping another);
        a value for the swept setting itself only sets ``today``.

    Returns
    -------
    VerdictSweep
        The values, both designs' customers reaching success, and the crossing.

    Examples
    --------
    >>> s = verdict_sweep("broad_fit_share")
    >>> round(s.crossing, 3)
    0.373
    >>> print(verdict_sweep("onboarding_hours_scale"))
    onboarding hours scale (today 5.0 h): local targets never catch up
       between 0.5 h and 10.0 h.
    """
    if not isinstance(setting, str) or setting not in VERDICT_ASSUMPTIONS:
        raise refuse("setting", setting, "one of " + ", ".join(VERDICT_ASSUMPTIONS))
    n = whole("points", points, 3, 1000)
    sc = scenario_settings(scenario)
    low, high, _ = VERDICT_ASSUMPTIONS[setting]
    values = np.linspace(low, high, n)
    local, e2e = [], []
    for v in values:
        run = simulate_gtm(1.0, **{**sc, setting: float(v)})
        local.append(run.customers_reaching_success)
        e2e.append(run.reference.customers_reaching_success)
    gap = np.array(local) - np.array(e2e)
    crossing = None
    for i in range(n - 1):
        if gap[i] < 0 <= gap[i + 1] or gap[i] >= 0 > gap[i + 1]:
            a, b = float(values[i]), float(values[i + 1])
            rising = gap[i] < 0
            while b - a > (high - low) * 1e-3:
                mid = (a + b) / 2.0
                behind = _gap(setting, mid, sc) < 0
                a, b = (mid, b) if behind == rising else (a, mid)
            crossing = round((a + b) / 2.0, 3)
            break
    return VerdictSweep(
        setting=setting,
        today=float(sc[setting]),
        values=frozen(values),
        local=frozen(np.array(local)),
        end_to_end=frozen(np.array(e2e)),
        crossing=crossing,
    )


def verdict_sweeps(**scenario: float) -> tuple[VerdictSweep, ...]:
    """:func:`verdict_sweep` for every assumption in ``VERDICT_ASSUMPTIONS``, in order.

    Examples
    --------
    >>> [s.crossing is None for s in verdict_sweeps()]
    [False, False, True, False]
    """
    return tuple(verdict_sweep(name, **scenario) for name in VERDICT_ASSUMPTIONS)
