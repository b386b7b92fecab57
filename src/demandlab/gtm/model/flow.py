"""The go-to-market flow, month by month: leads, deals, onboarding, success, referrals.

Marketing brings leads, sales turns some into customers, customer success (CS) onboards
them; a customer who reaches success renews and refers others, and those referred leads
come back in at the top of the funnel. That last arrow is what makes the business a
demand-response system: tomorrow's demand is made of today's successes.

The hidden state is **fit**: does this lead have the problem the product solves?
Departments never see fit on their scoreboards, yet it decides almost everything
downstream. Each department can be steered by its *local target*

- marketing: as many leads as possible (extra leads from broad targeting rarely fit),
- sales: as many closed deals as possible (no qualifying, closing whatever the fit),
- customer success: as little handling time per customer as possible,

or by the *end-to-end outcome*, customers reaching success and referring others.
``steering`` slides every department between the two (0 = end to end, 1 = local targets).

The model works month by month over cohorts, in pure numpy. With ``seed=None`` every
flow is an expected value (smooth, deterministic: what a slider should show); with an
integer seed each step is a seeded binomial or Poisson draw (one possible year).
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np

from ... import checks
from ...checks import frozen, in_range, refuse
from ..scenario import MAX_LEADS_PER_MONTH, ONBOARDING_QUEUE, SCENARIO, GtmScenario
from .erlang import MAX_PEOPLE
from .result import GtmResult
from .steps import _FROM_MARKETING, _draws, _Policy, _policy, _rates, _wait_days

__all__ = ["run_gtm", "simulate_gtm"]

_SHARE = (0.0, 1.0)
_TASK_HOURS = (0.0, 1000.0)


def _run(p: _Policy, scenario: GtmScenario, rng_seed: int | None) -> GtmResult:
    """The month-by-month loop: one cohort of leads and customers a month.

    Long because each month's step reads and writes the same nine arrays in order (leads,
    deals, hours, waste, successes, referrals, renewals), and the test's hand check of one
    month follows it line by line.
    """
    v = scenario.settings()
    mkt_mix, q_time, sell_time, pursue, close, ceiling = _rates(p, v)
    binom, poisson = _draws(rng_seed)
    T = v["months"]
    mkt_h = v["marketing_hours_per_lead"]
    leads = np.zeros((T, 4))
    monthly = np.zeros((7, T))  # deals, cold, hours given, successes, from referrals, renewals,
    # wait in working days
    people = min(
        max(1, round(v["cs_hours_per_month"] / ONBOARDING_QUEUE["hours_per_person_per_month"])),
        MAX_PEOPLE,
    )
    hours, wasted = np.zeros((T, 3)), np.zeros((T, 3))
    cohort = np.zeros((T, 3))  # deals, eventual successes, eventual referrals
    for t in range(T):
        leads[t, :2] = poisson(mkt_mix)
        now = leads[t]
        need = float((now * (q_time + pursue * sell_time)).sum())
        worked_share = (
            1.0 if need <= v["sales_hours_per_month"] else v["sales_hours_per_month"] / need
        )
        worked = binom(now, worked_share)
        pursued = binom(worked, pursue)
        closed = binom(pursued, close)
        sales_hours = worked * q_time + pursued * sell_time
        n_closed = float(closed.sum())
        cs_cap = v["cs_hours_per_month"]
        given = cs_cap / n_closed if n_closed > 0 and n_closed * p.onboard > cs_cap else p.onboard
        wait = _wait_days(n_closed * given / cs_cap if cs_cap > 0 else 0.0, given, people)
        chance = (1.0 - math.exp(-given / v["onboarding_hours_scale"])) * (
            1.0 - v["success_loss_per_wait_day"]
        ) ** wait
        succeeded = binom(closed, ceiling * chance)
        n_succeeded = float(succeeded.sum())
        made = float(poisson(n_succeeded * v["referrals_per_success"]))
        referred_fits = float(binom(np.array(made), v["referral_fit_share"]))
        mkt_hours = np.where(_FROM_MARKETING, now * mkt_h, 0.0)
        monthly[0:3, t] = n_closed, float((now - worked).sum()), given
        monthly[6, t] = wait
        cohort[t] = n_closed, n_succeeded, made
        hours[t] = mkt_hours.sum(), sales_hours.sum(), (closed * given).sum()
        # A successful customer used one lead's marketing, a full sale and its onboarding.
        wasted[t] = (
            (mkt_hours - np.where(_FROM_MARKETING, succeeded * mkt_h, 0.0)).sum(),
            (sales_hours - succeeded * (q_time + sell_time)).sum(),
            ((closed - succeeded) * given).sum(),
        )
        t_success = t + v["months_to_success"]
        if t_success < T:
            monthly[3, t_success] += n_succeeded
            monthly[4, t_success] += float(succeeded[~_FROM_MARKETING].sum())
        if t_success + v["referral_delay_months"] < T:
            leads[t_success + v["referral_delay_months"], 2:] += (
                referred_fits,
                made - referred_fits,
            )
        if t + v["renewal_months"] < T:
            monthly[5, t + v["renewal_months"]] += float(
                binom(np.array(n_succeeded), v["renew_share_success"])
                + binom(np.array(n_closed - n_succeeded), v["renew_share_no_success"])
            )
    return _result(p, scenario, rng_seed, leads, monthly, hours, wasted, cohort)


def _result(
    p: _Policy,
    scenario: GtmScenario,
    rng_seed: int | None,
    leads: np.ndarray,
    monthly: np.ndarray,
    hours: np.ndarray,
    wasted: np.ndarray,
    cohort: np.ndarray,
) -> GtmResult:
    """The loop's arrays as a frozen result."""
    return GtmResult(
        steering=p.steering,
        leads_per_month=p.volume,
        qualify_out_share=p.q_out,
        onboarding_hours=p.onboard,
        months=scenario.months,
        seed=rng_seed,
        scenario=scenario,
        marketing_leads=frozen(leads[:, :2].sum(axis=1)),
        referred_leads=frozen(leads[:, 2:].sum(axis=1)),
        leads_gone_cold=frozen(monthly[1]),
        deals=frozen(monthly[0]),
        hours_per_customer=frozen(monthly[2]),
        wait_days=frozen(monthly[6]),
        successes=frozen(monthly[3]),
        successes_from_referrals=frozen(monthly[4]),
        renewals=frozen(monthly[5]),
        hours_by_team=frozen(hours),
        wasted_by_team=frozen(wasted),
        cohort_deals=frozen(cohort[:, 0]),
        cohort_successes=frozen(cohort[:, 1]),
        cohort_referrals=frozen(cohort[:, 2]),
    )


def run_gtm(
    scenario: GtmScenario = SCENARIO,
    steering: float = 0.0,
    *,
    marketing: float | None = None,
    sales: float | None = None,
    cs: float | None = None,
    leads_per_month: float | None = None,
    qualify_out_share: float | None = None,
    onboarding_hours: float | None = None,
    seed: int | None = None,
) -> GtmResult:
    """Run the go-to-market flow of one whole :class:`GtmScenario` (see :func:`simulate_gtm`
    for every parameter; this is the same model taking the scenario as one value).

    Examples
    --------
    >>> from demandlab.gtm.scenario import SCENARIO
    >>> run_gtm(SCENARIO.replace(cs_hours_per_month=1600)).settings["cs_hours_per_month"]
    1600.0
    """
    if not isinstance(scenario, GtmScenario):
        raise refuse("scenario", scenario, "a GtmScenario")
    s_all = in_range("steering", steering, *_SHARE)
    s_dept = [
        s_all if x is None else in_range(n, x, *_SHARE)
        for n, x in (("marketing", marketing), ("sales", sales), ("cs", cs))
    ]
    rng_seed = checks.seed(seed, allow_none=True)
    overrides = tuple(
        None if x is None else in_range(name, x, *limits)
        for name, x, limits in (
            ("leads_per_month", leads_per_month, (0.0, MAX_LEADS_PER_MONTH)),
            ("qualify_out_share", qualify_out_share, _SHARE),
            ("onboarding_hours", onboarding_hours, _TASK_HOURS),
        )
    )
    v = scenario.settings()
    result = _run(_policy(*s_dept, overrides, v), scenario, rng_seed)
    if max(s_dept) > 0 or any(x is not None for x in overrides):
        end_to_end = _run(_policy(0.0, 0.0, 0.0, (None,) * 3, v), scenario, rng_seed)
        result = replace(result, end_to_end_run=end_to_end)
    return result


def simulate_gtm(
    steering: float = 0.0,
    *,
    marketing: float | None = None,
    sales: float | None = None,
    cs: float | None = None,
    leads_per_month: float | None = None,
    qualify_out_share: float | None = None,
    onboarding_hours: float | None = None,
    seed: int | None = None,
    **settings: float,
) -> GtmResult:
    """Run a go-to-market flow month by month: leads, deals, onboarding, success, referrals.

    The same three teams, with the same hours, are steered either by each department's own
    target or by the customer's end-to-end success. Referrals from successful customers
    come back in at the top of the funnel, so demand responds to how well you served it.

    Parameters
    ----------
    steering : float in [0, 1]
        0 = every department steered by customers reaching success and referring others;
        1 = each by its local target; in between, a blend of the two policies.
    marketing, sales, cs : float in [0, 1], optional
        Steer one department differently from ``steering``.
    **settings
        Any field of :class:`GtmScenario` by name, on top of the lesson's scenario
        (an unknown name is refused); the fields are:
    months : int
        Horizon in months (1 to 120, default 24).
    focused_leads_per_month, focused_fit_share : float
        Leads per month marketing gets by targeting people who have the problem (150), and
        the share of those who fit (0.5): the end-to-end policy.
    pushed_leads_per_month, broad_fit_share : float
        Leads per month marketing reaches when it chases its lead target (450), and the
        share of the extra, broadly targeted leads that fit (0.05).
    leads_per_month : float, optional
        Override marketing's volume directly (the first ``focused_leads_per_month`` fit at
        ``focused_fit_share``, any more at ``broad_fit_share``).
    marketing_hours_per_lead : float
        Marketing effort per lead it generates, hours (0.5).
    sales_hours_per_month : float
        Hours the sales team has each month (900); leads beyond that go cold.
    qualify_hours, discovery_hours, push_hours : float
        Sales hours for a qualifying call (1), for a full sale after qualifying (5), and for
        a pushed sale with no qualifying (2.5).
    qualify_out_share : float in [0, 1], optional
        Override the share of poor-fit leads sales turns away after the qualifying call
        (default ``qualify_catch_share`` end to end, 0 under the deals target).
    qualify_catch_share : float in [0, 1]
        Share of poor-fit leads a qualifying call recognises (0.9).
    close_rate_fit, close_rate_poor_fit, pushed_close_rate_poor_fit : float in [0, 1]
        Close rates for leads that fit (0.5), for poor-fit leads sold honestly (0.1) and
        for poor-fit leads sold with discounts and promises (0.3).
    cs_hours_per_month : float
        Hours the CS team has each month (800); when new customers need more, each gets less.
    onboarding_hours : float, optional
        Override CS's onboarding hours per new customer (default: ``careful_onboarding_hours``
        = 12 end to end, ``fast_onboarding_hours`` = 4 under the handling-time target).
    success_ceiling_fit, success_ceiling_poor_fit, onboarding_hours_scale : float
        A customer reaches success with probability ``ceiling * (1 - exp(-hours / scale))``:
        at most 0.9 for a customer who fits, 0.1 for a poor fit; scale 5 hours.
    success_loss_per_wait_day : float in [0, 1]
        Share of a customer's chance of success lost for each working day it waits for
        onboarding to start: the chance above is multiplied by ``(1 - loss) ** days``
        (0 by default: waiting costs nothing). Each month's wait is the Erlang C wait of
        the CS team (``cs_hours_per_month / 160`` people sharing one queue) at that
        month's load (``wait_days``).
    months_to_success : int
        Months from the deal to success (3).
    referrals_per_success, referral_fit_share, referral_delay_months : float, float, int
        Each successful customer refers 1.2 new leads on average, 80% of whom fit, 2 months
        after reaching success. Customers who do not succeed refer nobody.
    renewal_months, renew_share_success, renew_share_no_success
        Renewal comes 12 months after the deal; 90% of successful customers renew, 5% of
        the others.
    seed : int or None
        None (default): expected values, smooth and deterministic. An integer: one seeded
        random run (binomial and Poisson draws at every step).

    Returns
    -------
    GtmResult
        Monthly flows, each team's hours and wasted hours, and the scoreboards
        (``deals_per_month``, ``customers_reaching_success``, ``waste_hours``, ...). A run
        not steered end to end carries that run too (``reference``), for the figures.

    Examples
    --------
    >>> e2e = simulate_gtm(steering=0.0)
    >>> local = simulate_gtm(steering=1.0)
    >>> local.deals_per_month > e2e.deals_per_month
    True
    >>> local.customers_reaching_success < e2e.customers_reaching_success
    True
    """
    return run_gtm(
        SCENARIO.replace(**settings),
        steering,
        marketing=marketing,
        sales=sales,
        cs=cs,
        leads_per_month=leads_per_month,
        qualify_out_share=qualify_out_share,
        onboarding_hours=onboarding_hours,
        seed=seed,
    )
