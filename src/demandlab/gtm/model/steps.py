"""The flow's steps within a month: the policy a steering sets, its rates, the draws, the wait.

Split from flow.py (which keeps the loop, the result and :func:`simulate_gtm`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..scenario import WAIT_LOAD_CAP, WORKING_HOURS_PER_DAY
from .erlang import erlang_c

# Lead classes tracked separately: (source, fit). Referred leads cost marketing nothing.
_FITS = np.array([True, False, True, False])
_FROM_MARKETING = np.array([True, True, False, False])


@dataclass(frozen=True)
class _Policy:
    """What the steering (or the overrides) makes each department do."""

    steering: dict
    volume: float  # marketing leads a month
    q_out: float  # share of poor-fit leads sales turns away
    onboard: float  # onboarding hours per new customer


def _policy(s_mkt: float, s_sales: float, s_cs: float, overrides: tuple, v: dict) -> _Policy:
    leads, q_out, onboard = overrides
    return _Policy(
        steering={"marketing": s_mkt, "sales": s_sales, "cs": s_cs},
        volume=(
            v["focused_leads_per_month"]
            + s_mkt * (v["pushed_leads_per_month"] - v["focused_leads_per_month"])
            if leads is None
            else leads
        ),
        q_out=v["qualify_catch_share"] * (1.0 - s_sales) if q_out is None else q_out,
        onboard=(
            v["careful_onboarding_hours"]
            + s_cs * (v["fast_onboarding_hours"] - v["careful_onboarding_hours"])
            if onboard is None
            else onboard
        ),
    )


def _draws(rng_seed: int | None):
    """Binomial and Poisson steps: expected values without a seed, seeded draws with one."""
    rng = None if rng_seed is None else np.random.default_rng(rng_seed)

    def binom(n: np.ndarray, p: np.ndarray | float) -> np.ndarray:
        if rng is None:
            return n * p
        draws = rng.binomial(np.round(n).astype(np.int64), np.clip(p, 0.0, 1.0))
        return np.asarray(draws, dtype=float)

    def poisson(mean: np.ndarray | float) -> np.ndarray:
        mean = np.asarray(mean, dtype=float)
        return mean if rng is None else np.asarray(rng.poisson(mean), dtype=float)

    return binom, poisson


def _rates(p: _Policy, v: dict) -> tuple:
    """The policy as monthly rates: marketing's lead mix (fits, poor fits), sales' hours
    per lead (qualifying, selling), and per lead class the chance it is pursued, closed,
    and the most it can succeed."""
    s_sales = p.steering["sales"]
    # Marketing's monthly lead mix: the focused leads first, broad ones beyond them.
    focused = v["focused_leads_per_month"]
    fits_from_mkt = (
        min(p.volume, focused) * v["focused_fit_share"]
        + max(p.volume - focused, 0.0) * v["broad_fit_share"]
    )
    mkt_mix = np.array([fits_from_mkt, p.volume - fits_from_mkt])
    # Sales policy, blended by its steering: qualifying time, and the chance a lead is
    # pursued to a close (fits always; poor fits unless turned away at qualifying).
    q_time = v["qualify_hours"] * (1.0 - s_sales)
    sell_time = v["discovery_hours"] + s_sales * (v["push_hours"] - v["discovery_hours"])
    pursue = np.where(_FITS, 1.0, 1.0 - p.q_out)
    poor = v["close_rate_poor_fit"]
    close = np.where(
        _FITS, v["close_rate_fit"], poor + s_sales * (v["pushed_close_rate_poor_fit"] - poor)
    )
    ceiling = np.where(_FITS, v["success_ceiling_fit"], v["success_ceiling_poor_fit"])
    return mkt_mix, q_time, sell_time, pursue, close, ceiling


def _wait_days(load: float, hours: float, people: int) -> float:
    """A month's mean wait for onboarding in working days: Erlang C at the CS team's load
    (a month booked beyond ``WAIT_LOAD_CAP`` is charged that load's wait)."""
    if hours <= 0 or load <= 0:
        return 0.0
    return erlang_c(min(load, WAIT_LOAD_CAP), hours, people) / WORKING_HOURS_PER_DAY
