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
from dataclasses import dataclass, field, replace

import numpy as np

from ... import checks
from ...checks import frozen, number, whole
from ...formatting import number as num
from ...formatting import pct
from ..scenario import (
    ONBOARDING_QUEUE,
    SCENARIO,
    SCENARIO_SETTINGS,
)
from .erlang import MAX_PEOPLE
from .steps import _FROM_MARKETING, _draws, _Policy, _policy, _rates, _wait_days
from .text import wrapped

__all__ = [
    "MAX_HOURS",
    "MAX_LEADS_PER_MONTH",
    "MAX_MONTHS",
    "GtmResult",
    "reference_run",
    "simulate_gtm",
    "steering_label",
]

MAX_MONTHS = 120
MAX_LEADS_PER_MONTH = 1_000_000
MAX_HOURS = 1e9
# Lead classes tracked separately: (source, fit). Referred leads cost marketing nothing.
_CLASSES = ("marketing, fits", "marketing, poor fit", "referred, fits", "referred, poor fit")
_SHARE = (0.0, 1.0)
_TASK_HOURS = (0.0, 1000.0)
# What each scenario setting may be: (low, high) for a number, ("whole", low, high) for a
# count of months, ("above", low, high) for a number that must exceed low.
_LIMITS = {
    "months": ("whole", 1, MAX_MONTHS),
    "focused_leads_per_month": (0.0, MAX_LEADS_PER_MONTH),
    "focused_fit_share": _SHARE,
    "pushed_leads_per_month": (0.0, MAX_LEADS_PER_MONTH),
    "broad_fit_share": _SHARE,
    "marketing_hours_per_lead": _TASK_HOURS,
    "sales_hours_per_month": (0.0, MAX_HOURS),
    "qualify_hours": _TASK_HOURS,
    "discovery_hours": _TASK_HOURS,
    "push_hours": _TASK_HOURS,
    "qualify_catch_share": _SHARE,
    "close_rate_fit": _SHARE,
    "close_rate_poor_fit": _SHARE,
    "pushed_close_rate_poor_fit": _SHARE,
    "cs_hours_per_month": (0.0, MAX_HOURS),
    "careful_onboarding_hours": _TASK_HOURS,
    "fast_onboarding_hours": _TASK_HOURS,
    "success_ceiling_fit": _SHARE,
    "success_ceiling_poor_fit": _SHARE,
    "onboarding_hours_scale": ("above", 0.0, 1000.0),
    "success_loss_per_wait_day": _SHARE,
    "months_to_success": ("whole", 0, MAX_MONTHS),
    "referrals_per_success": (0.0, 100.0),
    "referral_fit_share": _SHARE,
    "referral_delay_months": ("whole", 0, MAX_MONTHS),
    "renewal_months": ("whole", 1, MAX_MONTHS),
    "renew_share_success": _SHARE,
    "renew_share_no_success": _SHARE,
}
assert tuple(_LIMITS) == SCENARIO_SETTINGS, "every scenario setting needs its limits"


def check_setting(name: str, value: object) -> float | int:
    """One scenario setting, checked against its limits (an InputError names it)."""
    limits = _LIMITS[name]
    if limits[0] == "whole":
        return whole(name, value, limits[1], limits[2])
    if limits[0] == "above":
        return number(name, value, limits[1], limits[2], low_open=True)
    return number(name, value, *limits)


@dataclass(frozen=True)
class GtmResult:
    """One run of the go-to-market flow, month by month (arrays are read-only).

    Attributes
    ----------
    steering : dict
        The steering of each department, 0 = end-to-end outcome, 1 = local target.
    leads_per_month, qualify_out_share, onboarding_hours
        The department policies the steering produced (or the overrides given).
    months, seed, settings
        Horizon, seed (None = expected values) and every scenario setting used.
    marketing_leads, referred_leads : ndarray, shape (months,)
        Leads entering the funnel each month, from marketing and from referrals.
    leads_gone_cold : ndarray, shape (months,)
        Leads the sales team had no hours to work that month (lost).
    deals : ndarray, shape (months,)
        Deals sales closed each month (new customers).
    hours_per_customer : ndarray, shape (months,)
        Onboarding hours CS actually gave each new customer that month
        (less than the policy when the CS team is overloaded).
    wait_days : ndarray, shape (months,)
        Mean working days that month's new customers waited for onboarding to start
        (Erlang C at that month's load of the CS team, capped at ``WAIT_LOAD_CAP``).
    successes : ndarray, shape (months,)
        Customers who reached success that month (``months_to_success`` after the deal).
    successes_from_referrals : ndarray, shape (months,)
        The part of ``successes`` that came in as referred leads.
    renewals : ndarray, shape (months,)
        Customers renewing that month (``renewal_months`` after the deal).
    hours_by_team, wasted_by_team : ndarray, shape (months, 3)
        Hours spent by marketing, sales and CS each month; and the part spent on leads and
        customers who never reach success.
    cohort_deals, cohort_successes, cohort_referrals : ndarray, shape (months,)
        For the customers won in each month: how many, how many will eventually succeed,
        and how many referrals they will eventually make (even beyond the horizon).
    end_to_end_run : GtmResult or None
        The same scenario and seed steered end to end, run by :func:`simulate_gtm` for
        the figures' index (None when this run is that run); ``reference`` gives it.
    """

    steering: dict
    leads_per_month: float
    qualify_out_share: float
    onboarding_hours: float
    months: int
    seed: int | None
    settings: dict
    marketing_leads: np.ndarray
    referred_leads: np.ndarray
    leads_gone_cold: np.ndarray
    deals: np.ndarray
    hours_per_customer: np.ndarray
    wait_days: np.ndarray
    successes: np.ndarray
    successes_from_referrals: np.ndarray
    renewals: np.ndarray
    hours_by_team: np.ndarray
    wasted_by_team: np.ndarray
    cohort_deals: np.ndarray
    cohort_successes: np.ndarray
    cohort_referrals: np.ndarray
    end_to_end_run: GtmResult | None = field(default=None, repr=False, compare=False)

    @property
    def reference(self) -> GtmResult:
        """The same scenario steered end to end (the 100 of every index in :func:`plot_gtm`):
        this run itself when it is steered end to end."""
        return self if self.end_to_end_run is None else self.end_to_end_run

    # Each department's own scoreboard.
    @property
    def leads_per_month_mean(self) -> float:
        """Marketing's number: marketing leads per month (mean over the horizon)."""
        return float(self.marketing_leads.mean())

    @property
    def deals_per_month(self) -> float:
        """Sales' number: deals closed per month (mean over the horizon)."""
        return float(self.deals.mean())

    @property
    def handling_hours(self) -> float:
        """CS's number: onboarding hours per new customer (lower is their target)."""
        total = self.deals.sum()
        if total <= 0:
            return float(self.onboarding_hours)
        return float((self.hours_per_customer * self.deals).sum() / total)

    @property
    def mean_wait_days(self) -> float:
        """Working days a new customer waited for onboarding to start, averaged over all
        new customers (0 when none were won)."""
        total = self.deals.sum()
        return float((self.wait_days * self.deals).sum() / total) if total > 0 else 0.0

    @property
    def peak_wait_days(self) -> float:
        """The longest monthly mean wait for onboarding, in working days."""
        return float(self.wait_days.max())

    # The end-to-end outcome.
    @property
    def customers_reaching_success(self) -> float:
        """Customers who reached success within the horizon."""
        return float(self.successes.sum())

    @property
    def referrals(self) -> float:
        """Referred leads that arrived at the top of the funnel within the horizon."""
        return float(self.referred_leads.sum())

    @property
    def success_share(self) -> float:
        """Share of the customers won who eventually reach success (0 when none were won)."""
        won = self.cohort_deals.sum()
        return float(self.cohort_successes.sum() / won) if won > 0 else 0.0

    @property
    def referrals_per_customer(self) -> float:
        """Referrals each customer won eventually makes, on average (0 when none were won)."""
        won = self.cohort_deals.sum()
        return float(self.cohort_referrals.sum() / won) if won > 0 else 0.0

    @property
    def referred_lead_conversion(self) -> float:
        """Share of referred leads that become customers under this run's policies (when sales
        has the hours to work every lead)."""
        v = {name: check_setting(name, value) for name, value in self.settings.items()}
        policy = _Policy(self.steering, self.leads_per_month, self.qualify_out_share,
                         self.onboarding_hours)  # fmt: skip
        _, _, _, pursue, close, _ = _rates(policy, v)
        fit = v["referral_fit_share"]
        return float(fit * pursue[2] * close[2] + (1.0 - fit) * pursue[3] * close[3])

    @property
    def loop_gain(self) -> float:
        """New customers each customer won brings through referrals: referrals per customer
        times the share of referred leads that become customers.

        Below 1 the loop settles: each generation of referred customers is ``loop_gain``
        times the one before, so a customer from marketing becomes ``1 / (1 - loop_gain)``
        customers in all. At 1 or more each generation is at least as large as the last, and
        referrals alone would grow the business until a team's hours run out.
        """
        return self.referrals_per_customer * self.referred_lead_conversion

    @property
    def renewed(self) -> float:
        """Customers who renewed within the horizon."""
        return float(self.renewals.sum())

    # Waste: work spent on leads and customers who never reach success.
    @property
    def total_hours(self) -> float:
        """Hours all three teams spent over the horizon."""
        return float(self.hours_by_team.sum())

    @property
    def hours_paid(self) -> float:
        """Hours the company pays for over the horizon: every sales and CS hour, used or
        not (the teams are salaried), and the marketing hours spent on leads."""
        v = self.settings
        paid = (v["sales_hours_per_month"] + v["cs_hours_per_month"]) * self.months
        return float(paid + self.hours_by_team[:, 0].sum())

    @property
    def waste_hours(self) -> float:
        """Hours spent on leads and customers who never reach success."""
        return float(self.wasted_by_team.sum())

    @property
    def waste_share(self) -> float:
        """Share of all hours that went to leads and customers who never reach success."""
        total = self.total_hours
        return self.waste_hours / total if total > 0 else 0.0

    @property
    def waste_hours_per_success(self) -> float:
        """Wasted hours per customer reaching success (inf if nobody succeeds but hours were
        wasted, 0 if neither)."""
        wins = self.customers_reaching_success
        if wins > 0:
            return self.waste_hours / wins
        return math.inf if self.waste_hours > 0 else 0.0

    def summary(self, label: str | None = None) -> str:
        """A few short lines: the departments' numbers, the customers' numbers, the waste.

        Examples
        --------
        >>> print(simulate_gtm(steering=1.0).summary())
        local targets:
           marketing 450 leads/month, sales 125 deals/month, CS 4.0 h/customer
           customers: 524 reach success in 24 months, 567 referred leads,
           0.24 referrals per customer won
           waste: 34,788 h (89% of all work),
           66 h per customer reaching success
        """
        name = steering_label(self) if label is None else str(label)
        per_win = self.waste_hours_per_success
        if math.isfinite(per_win):
            per_win_text = f"{num(per_win)} h per customer reaching success"
        else:
            per_win_text = "and nobody reaches success"
        return wrapped(
            f"{name}:\n"
            f"   marketing {num(self.leads_per_month_mean)} leads/month, sales "
            f"{num(self.deals_per_month)} deals/month, "
            f"CS {num(self.handling_hours, digits=1)} h/customer\n"
            f"   customers: {num(self.customers_reaching_success)} reach success in "
            f"{self.months} months, {num(self.referrals)} referred leads,\n"
            f"   {num(self.referrals_per_customer, digits=2)} referrals per customer won\n"
            f"   waste: {num(self.waste_hours)} h ({pct(self.waste_share)} of all work),\n"
            f"   {per_win_text}"
        )


def steering_label(result: GtmResult) -> str:
    """How a run was steered, in a few words ("local targets", "local target: sales")."""
    s = result.steering
    values = set(s.values())
    if len(values) == 1:
        v = values.pop()
        if v == 0:
            return "steered end to end"
        return "local targets" if v == 1 else f"{pct(v)} toward local targets"
    chasing = [name for name, v in s.items() if v > 0]
    return "local target: " + ", ".join(n if n != "cs" else "CS" for n in chasing)


def _run(p: _Policy, v: dict, settings: dict, rng_seed: int | None) -> GtmResult:
    """The month-by-month loop: one cohort of leads and customers a month."""
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
    return _result(p, v, settings, rng_seed, leads, monthly, hours, wasted, cohort)


def _result(p: _Policy, v: dict, settings: dict, rng_seed: int | None, leads: np.ndarray,
            monthly: np.ndarray, hours: np.ndarray, wasted: np.ndarray,
            cohort: np.ndarray) -> GtmResult:  # fmt: skip
    """The loop's arrays as a frozen result."""
    return GtmResult(
        steering=p.steering,
        leads_per_month=p.volume,
        qualify_out_share=p.q_out,
        onboarding_hours=p.onboard,
        months=v["months"],
        seed=rng_seed,
        settings=settings,
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


def simulate_gtm(
    steering: float = 0.0,
    *,
    marketing: float | None = None,
    sales: float | None = None,
    cs: float | None = None,
    months: int = SCENARIO["months"],
    focused_leads_per_month: float = SCENARIO["focused_leads_per_month"],
    focused_fit_share: float = SCENARIO["focused_fit_share"],
    pushed_leads_per_month: float = SCENARIO["pushed_leads_per_month"],
    broad_fit_share: float = SCENARIO["broad_fit_share"],
    leads_per_month: float | None = None,
    marketing_hours_per_lead: float = SCENARIO["marketing_hours_per_lead"],
    sales_hours_per_month: float = SCENARIO["sales_hours_per_month"],
    qualify_hours: float = SCENARIO["qualify_hours"],
    discovery_hours: float = SCENARIO["discovery_hours"],
    push_hours: float = SCENARIO["push_hours"],
    qualify_out_share: float | None = None,
    qualify_catch_share: float = SCENARIO["qualify_catch_share"],
    close_rate_fit: float = SCENARIO["close_rate_fit"],
    close_rate_poor_fit: float = SCENARIO["close_rate_poor_fit"],
    pushed_close_rate_poor_fit: float = SCENARIO["pushed_close_rate_poor_fit"],
    cs_hours_per_month: float = SCENARIO["cs_hours_per_month"],
    onboarding_hours: float | None = None,
    careful_onboarding_hours: float = SCENARIO["careful_onboarding_hours"],
    fast_onboarding_hours: float = SCENARIO["fast_onboarding_hours"],
    success_ceiling_fit: float = SCENARIO["success_ceiling_fit"],
    success_ceiling_poor_fit: float = SCENARIO["success_ceiling_poor_fit"],
    onboarding_hours_scale: float = SCENARIO["onboarding_hours_scale"],
    success_loss_per_wait_day: float = SCENARIO["success_loss_per_wait_day"],
    months_to_success: int = SCENARIO["months_to_success"],
    referrals_per_success: float = SCENARIO["referrals_per_success"],
    referral_fit_share: float = SCENARIO["referral_fit_share"],
    referral_delay_months: int = SCENARIO["referral_delay_months"],
    renewal_months: int = SCENARIO["renewal_months"],
    renew_share_success: float = SCENARIO["renew_share_success"],
    renew_share_no_success: float = SCENARIO["renew_share_no_success"],
    seed: int | None = None,
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
    s_all = number("steering", steering, *_SHARE)
    s_dept = [s_all if x is None else number(n, x, *_SHARE) for n, x in
              (("marketing", marketing), ("sales", sales), ("cs", cs))]  # fmt: skip
    passed = locals()
    settings = {name: passed[name] for name in SCENARIO_SETTINGS}
    rng_seed = checks.seed(seed, allow_none=True)
    v = {name: check_setting(name, value) for name, value in settings.items()}
    overrides = tuple(
        None if x is None else number(name, x, *limits)
        for name, x, limits in (
            ("leads_per_month", leads_per_month, (0.0, MAX_LEADS_PER_MONTH)),
            ("qualify_out_share", qualify_out_share, _SHARE),
            ("onboarding_hours", onboarding_hours, _TASK_HOURS),
        )
    )
    result = _run(_policy(*s_dept, overrides, v), v, settings, rng_seed)
    if max(s_dept) > 0 or any(x is not None for x in overrides):
        end_to_end = _run(_policy(0.0, 0.0, 0.0, (None,) * 3, v), v, settings, rng_seed)
        result = replace(result, end_to_end_run=end_to_end)
    return result


def reference_run(result: GtmResult) -> GtmResult:
    """The same scenario steered end to end (the 100 of every index)."""
    return simulate_gtm(0.0, **result.settings, seed=result.seed)
