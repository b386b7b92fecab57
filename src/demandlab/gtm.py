"""Lesson 05: a go-to-market flow steered by local targets or by customer success.

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

import inspect
import math
import numbers
from dataclasses import dataclass

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .checks import frozen as _frozen
from .checks import whole as _whole
from .widgetkit import (
    BAD_COLOR,
    DEMAND_COLOR,
    GOOD_COLOR,
    PRODUCTION_COLOR,
    esc,
    figure_widget,
    guarded,
    mark_main,
    message_area,
    refresh,
    say,
)
from .engine import simulate_line

MAX_MONTHS = 120
MAX_LEADS_PER_MONTH = 1_000_000
MAX_HOURS = 1e9
# Lead classes tracked separately: (source, fit). Referred leads cost marketing nothing.
_CLASSES = ("marketing, fits", "marketing, poor fit", "referred, fits", "referred, poor fit")
_FITS = np.array([True, False, True, False])
_FROM_MARKETING = np.array([True, True, False, False])


# --------------------------------------------------------------------------- validation


def _number(name: str, value: object, low: float, high: float, *, low_open: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, got {value!r}")
    x = float(value)
    bad = not math.isfinite(x) or x > high or (x <= low if low_open else x < low)
    if bad:
        lo = "(" if low_open else "["
        raise ValueError(f"{name} must be a finite number in {lo}{low:g}, {high:g}], got {value!r}")
    return x


def _share(name: str, value: object) -> float:
    return _number(name, value, 0.0, 1.0)


def _seed(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or int(value) < 0:
        raise ValueError(
            f"seed must be None (expected values) or a whole number >= 0, got {value!r}"
        )
    return int(value)


# --------------------------------------------------------------------------- the model


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
    successes: np.ndarray
    successes_from_referrals: np.ndarray
    renewals: np.ndarray
    hours_by_team: np.ndarray
    wasted_by_team: np.ndarray
    cohort_deals: np.ndarray
    cohort_successes: np.ndarray
    cohort_referrals: np.ndarray

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
    def renewed(self) -> float:
        """Customers who renewed within the horizon."""
        return float(self.renewals.sum())

    # Waste: work spent on leads and customers who never reach success.
    @property
    def total_hours(self) -> float:
        """Hours all three teams spent over the horizon."""
        return float(self.hours_by_team.sum())

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
        """Three lines: the departments' numbers, the customers' numbers, the waste.

        Examples
        --------
        >>> print(simulate_gtm(steering=1.0).summary().splitlines()[0])
        local targets: marketing 450 leads/month, sales 125 deals/month, CS 4.0 h per customer
        """
        name = _label(self) if label is None else str(label)
        per_win = self.waste_hours_per_success
        if math.isfinite(per_win):
            per_win_text = f"{per_win:,.0f} h per customer reaching success"
        else:
            per_win_text = "and nobody reaches success"
        return (
            f"{name}: marketing {self.leads_per_month_mean:,.0f} leads/month, sales "
            f"{self.deals_per_month:,.0f} deals/month, "
            f"CS {self.handling_hours:.1f} h per customer\n"
            f"   customers: {self.customers_reaching_success:,.0f} reach success in "
            f"{self.months} months, {self.referrals:,.0f} referred leads, "
            f"{self.referrals_per_customer:.2f} referrals per customer won\n"
            f"   waste: {self.waste_hours:,.0f} h ({self.waste_share:.0%} of all work), "
            f"{per_win_text}"
        )


def _steer(name: str, value: object, default: float) -> float:
    return default if value is None else _share(name, value)


def simulate_gtm(
    steering: float = 0.0,
    *,
    marketing: float | None = None,
    sales: float | None = None,
    cs: float | None = None,
    months: int = 24,
    focused_leads_per_month: float = 150.0,
    focused_fit_share: float = 0.5,
    pushed_leads_per_month: float = 450.0,
    broad_fit_share: float = 0.05,
    leads_per_month: float | None = None,
    marketing_hours_per_lead: float = 0.5,
    sales_hours_per_month: float = 900.0,
    qualify_hours: float = 1.0,
    discovery_hours: float = 5.0,
    push_hours: float = 2.5,
    qualify_out_share: float | None = None,
    qualify_catch_share: float = 0.9,
    close_rate_fit: float = 0.5,
    close_rate_poor_fit: float = 0.1,
    pushed_close_rate_poor_fit: float = 0.3,
    cs_hours_per_month: float = 800.0,
    onboarding_hours: float | None = None,
    careful_onboarding_hours: float = 12.0,
    fast_onboarding_hours: float = 4.0,
    success_ceiling_fit: float = 0.9,
    success_ceiling_poor_fit: float = 0.1,
    onboarding_hours_scale: float = 5.0,
    months_to_success: int = 3,
    referrals_per_success: float = 1.2,
    referral_fit_share: float = 0.8,
    referral_delay_months: int = 2,
    renewal_months: int = 12,
    renew_share_success: float = 0.9,
    renew_share_no_success: float = 0.05,
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
        (``deals_per_month``, ``customers_reaching_success``, ``waste_hours``, ...).

    Examples
    --------
    >>> e2e = simulate_gtm(steering=0.0)
    >>> local = simulate_gtm(steering=1.0)
    >>> local.deals_per_month > e2e.deals_per_month
    True
    >>> local.customers_reaching_success < e2e.customers_reaching_success
    True
    """
    s_all = _share("steering", steering)
    s_mkt = _steer("marketing", marketing, s_all)
    s_sales = _steer("sales", sales, s_all)
    s_cs = _steer("cs", cs, s_all)
    n_months = _whole("months", months, 1, MAX_MONTHS)
    rng_seed = _seed(seed)
    big = MAX_LEADS_PER_MONTH
    focused = _number("focused_leads_per_month", focused_leads_per_month, 0, big)
    pushed = _number("pushed_leads_per_month", pushed_leads_per_month, 0, big)
    fit_focused = _share("focused_fit_share", focused_fit_share)
    fit_broad = _share("broad_fit_share", broad_fit_share)
    if leads_per_month is None:
        volume = focused + s_mkt * (pushed - focused)
    else:
        volume = _number("leads_per_month", leads_per_month, 0, big)
    mkt_h = _number("marketing_hours_per_lead", marketing_hours_per_lead, 0, 1000)
    sales_cap = _number("sales_hours_per_month", sales_hours_per_month, 0, MAX_HOURS)
    q_h = _number("qualify_hours", qualify_hours, 0, 1000)
    d_h = _number("discovery_hours", discovery_hours, 0, 1000)
    p_h = _number("push_hours", push_hours, 0, 1000)
    if qualify_out_share is None:
        q_out = _share("qualify_catch_share", qualify_catch_share) * (1.0 - s_sales)
    else:
        q_out = _share("qualify_out_share", qualify_out_share)
    c_fit = _share("close_rate_fit", close_rate_fit)
    c_poor = _share("close_rate_poor_fit", close_rate_poor_fit)
    c_poor_pushed = _share("pushed_close_rate_poor_fit", pushed_close_rate_poor_fit)
    cs_cap = _number("cs_hours_per_month", cs_hours_per_month, 0, MAX_HOURS)
    careful = _number("careful_onboarding_hours", careful_onboarding_hours, 0, 1000)
    fast = _number("fast_onboarding_hours", fast_onboarding_hours, 0, 1000)
    if onboarding_hours is None:
        onboard = careful + s_cs * (fast - careful)
    else:
        onboard = _number("onboarding_hours", onboarding_hours, 0, 1000)
    ceil_fit = _share("success_ceiling_fit", success_ceiling_fit)
    ceil_poor = _share("success_ceiling_poor_fit", success_ceiling_poor_fit)
    scale = _number("onboarding_hours_scale", onboarding_hours_scale, 0, 1000, low_open=True)
    to_success = _whole("months_to_success", months_to_success, 0, MAX_MONTHS)
    refs_each = _number("referrals_per_success", referrals_per_success, 0, 100)
    fit_ref = _share("referral_fit_share", referral_fit_share)
    ref_delay = _whole("referral_delay_months", referral_delay_months, 0, MAX_MONTHS)
    renew_after = _whole("renewal_months", renewal_months, 1, MAX_MONTHS)
    renew_s = _share("renew_share_success", renew_share_success)
    renew_f = _share("renew_share_no_success", renew_share_no_success)
    _share("qualify_catch_share", qualify_catch_share)
    passed = locals()
    settings = {name: passed[name] for name in SCENARIO_SETTINGS}

    # Marketing's monthly lead mix: the focused leads first, broad ones beyond them.
    fits_from_mkt = min(volume, focused) * fit_focused + max(volume - focused, 0.0) * fit_broad
    mkt_mix = np.array([fits_from_mkt, volume - fits_from_mkt])
    # Sales policy, blended by its steering: qualifying time, and the chance a lead is
    # pursued to a close (fits always; poor fits unless turned away at qualifying).
    q_time = q_h * (1.0 - s_sales)
    sell_time = d_h + s_sales * (p_h - d_h)
    pursue = np.where(_FITS, 1.0, 1.0 - q_out)
    close = np.where(_FITS, c_fit, c_poor + s_sales * (c_poor_pushed - c_poor))
    ceiling = np.where(_FITS, ceil_fit, ceil_poor)

    rng = None if rng_seed is None else np.random.default_rng(rng_seed)

    def binom(n: np.ndarray, p: np.ndarray | float) -> np.ndarray:
        if rng is None:
            return n * p
        draws = rng.binomial(np.round(n).astype(np.int64), np.clip(p, 0.0, 1.0))
        return np.asarray(draws, dtype=float)

    def poisson(mean: np.ndarray | float) -> np.ndarray:
        mean = np.asarray(mean, dtype=float)
        return mean if rng is None else np.asarray(rng.poisson(mean), dtype=float)

    T = n_months
    leads = np.zeros((T, 4))
    deals = np.zeros(T)
    cold = np.zeros(T)
    per_customer = np.zeros(T)
    successes = np.zeros(T)
    from_referrals = np.zeros(T)
    renewals = np.zeros(T)
    hours = np.zeros((T, 3))
    wasted = np.zeros((T, 3))
    cohort = np.zeros((T, 3))  # deals, eventual successes, eventual referrals
    for t in range(T):
        leads[t, :2] = poisson(mkt_mix)
        now = leads[t]
        per_lead = q_time + pursue * sell_time
        need = float((now * per_lead).sum())
        worked_share = 1.0 if need <= sales_cap else sales_cap / need
        worked = binom(now, worked_share)
        pursued = binom(worked, pursue)
        closed = binom(pursued, close)
        sales_hours = worked * q_time + pursued * sell_time
        n_closed = float(closed.sum())
        if n_closed > 0 and n_closed * onboard > cs_cap:
            given = cs_cap / n_closed
        else:
            given = onboard
        p_success = ceiling * (1.0 - math.exp(-given / scale))
        succeeded = binom(closed, p_success)
        n_succeeded = float(succeeded.sum())
        made = float(poisson(n_succeeded * refs_each))
        referred_fits = float(binom(np.array(made), fit_ref))
        cs_hours = closed * given
        mkt_hours = np.where(_FROM_MARKETING, now * mkt_h, 0.0)
        deals[t] = n_closed
        cold[t] = float((now - worked).sum())
        per_customer[t] = given
        cohort[t] = n_closed, n_succeeded, made
        hours[t] = mkt_hours.sum(), sales_hours.sum(), cs_hours.sum()
        # A successful customer used one lead's marketing, a full sale and its onboarding.
        wasted[t] = (
            (mkt_hours - np.where(_FROM_MARKETING, succeeded * mkt_h, 0.0)).sum(),
            (sales_hours - succeeded * (q_time + sell_time)).sum(),
            ((closed - succeeded) * given).sum(),
        )
        t_success = t + to_success
        if t_success < T:
            successes[t_success] += n_succeeded
            from_referrals[t_success] += float(succeeded[~_FROM_MARKETING].sum())
        t_referral = t_success + ref_delay
        if t_referral < T:
            leads[t_referral, 2:] += (referred_fits, made - referred_fits)
        t_renew = t + renew_after
        if t_renew < T:
            renewals[t_renew] += float(
                binom(np.array(n_succeeded), renew_s)
                + binom(np.array(n_closed - n_succeeded), renew_f)
            )

    return GtmResult(
        steering={"marketing": s_mkt, "sales": s_sales, "cs": s_cs},
        leads_per_month=volume,
        qualify_out_share=q_out,
        onboarding_hours=onboard,
        months=T,
        seed=rng_seed,
        settings=settings,
        marketing_leads=_frozen(leads[:, :2].sum(axis=1)),
        referred_leads=_frozen(leads[:, 2:].sum(axis=1)),
        leads_gone_cold=_frozen(cold),
        deals=_frozen(deals),
        hours_per_customer=_frozen(per_customer),
        successes=_frozen(successes),
        successes_from_referrals=_frozen(from_referrals),
        renewals=_frozen(renewals),
        hours_by_team=_frozen(hours),
        wasted_by_team=_frozen(wasted),
        cohort_deals=_frozen(cohort[:, 0]),
        cohort_successes=_frozen(cohort[:, 1]),
        cohort_referrals=_frozen(cohort[:, 2]),
    )


# The scenario (the market and the teams), as opposed to the steering and the policy overrides.
SCENARIO_SETTINGS = tuple(
    name
    for name in inspect.signature(simulate_gtm).parameters
    if name
    not in {
        "steering",
        "marketing",
        "sales",
        "cs",
        "leads_per_month",
        "qualify_out_share",
        "onboarding_hours",
        "seed",
    }
)


# --------------------------------------------------------------------------- work backwards


@dataclass(frozen=True)
class GtmPlan:
    """What each step must achieve for a target number of referrals per customer.

    Attributes
    ----------
    target_referrals_per_customer : float
        The concrete result the plan was derived from.
    feasible : bool
        False when no setting of the three teams can reach the target; ``message`` says why.
    message : str
        One sentence: the plan in brief, or why the target cannot be reached.
    steps : tuple of str
        The chain of requirements, from the result back to marketing, one sentence each.
    success_share, customer_fit_share, onboarding_hours, max_customers_per_month,
    leads_per_month, qualify_out_share : float or None
        The requirements (None past the step where an infeasible plan stopped).
    settings : dict
        Keyword arguments for :func:`simulate_gtm` that run the plan forward (empty if
        infeasible).
    check : GtmResult or None
        The plan run forward in the model (None if infeasible).
    """

    target_referrals_per_customer: float
    feasible: bool
    message: str
    steps: tuple
    success_share: float | None
    customer_fit_share: float | None
    onboarding_hours: float | None
    max_customers_per_month: float | None
    leads_per_month: float | None
    qualify_out_share: float | None
    settings: dict
    check: GtmResult | None

    @property
    def reached(self) -> bool:
        """True when the forward run makes at least the target referrals per customer."""
        if self.check is None:
            return False
        got = self.check.referrals_per_customer
        return got >= self.target_referrals_per_customer - 1e-9

    def __str__(self) -> str:
        lines = [f"{i}. {step}" for i, step in enumerate(self.steps, start=1)]
        if self.check is not None:
            got = self.check.referrals_per_customer
            verdict = "reached" if self.reached else "NOT reached"
            lines.append(
                f"Run forward: {got:.2f} referrals per customer against a target of "
                f"{self.target_referrals_per_customer:.2f}: {verdict}."
            )
        else:
            lines.append(self.message)
        return "\n".join(lines)


def _scenario(scenario: dict) -> dict:
    unknown = sorted(set(scenario) - set(SCENARIO_SETTINGS))
    if unknown:
        raise ValueError(
            f"unknown scenario settings {unknown}; allowed: {', '.join(SCENARIO_SETTINGS)}"
        )
    params = inspect.signature(simulate_gtm).parameters
    merged = {name: params[name].default for name in SCENARIO_SETTINGS}
    merged.update(scenario)
    simulate_gtm(0.0, **{**merged, "months": 1})  # refuses bad settings with the usual messages
    return merged


def _per_lead(fit: float, catch: float, sc: dict) -> tuple[float, float, float]:
    """For one lead of the given fit share, sold end to end: (customers, fitting customers,
    sales hours)."""
    fits = fit * sc["close_rate_fit"]
    poor_pursued = (1.0 - fit) * (1.0 - catch)
    poor = poor_pursued * sc["close_rate_poor_fit"]
    hours = sc["qualify_hours"] + (fit + poor_pursued) * sc["discovery_hours"]
    return fits + poor, fits, hours


def work_backwards(
    referrals_per_customer: float = 1.0,
    *,
    cs_load_limit: float = 0.85,
    **scenario: float,
) -> GtmPlan:
    """Design the go-to-market flow backwards from a concrete result, then check it forward.

    Start from "every customer refers ``referrals_per_customer`` others" and derive, step by
    step towards the top of the funnel, what customer success, sales and marketing must
    achieve: the share of customers who must succeed, the fit sales must let through, the
    onboarding hours that make that share succeed, how many new customers a month the CS
    team can give those hours (keeping ``cs_load_limit`` of its hours at most, so customers
    do not queue), and how many leads marketing should send. The plan is then run forward
    in :func:`simulate_gtm` (``plan.check``).

    Parameters
    ----------
    referrals_per_customer : float
        The target, referrals each customer won eventually makes (0 to 100; 1 = "every
        customer refers one other").
    cs_load_limit : float in (0, 1]
        Most of the CS and sales teams' hours the plan may book (0.85: slack keeps queues
        short, lesson 03).
    **scenario
        Any scenario setting of :func:`simulate_gtm` (``referrals_per_success=1.5``,
        ``cs_hours_per_month=1200``, ...); not the steering or policy overrides.

    Returns
    -------
    GtmPlan
        ``feasible``, a one-sentence ``message``, the ``steps`` as sentences, the numbers,
        ``settings`` for :func:`simulate_gtm` and the forward ``check``; ``print(plan)``
        shows the chain.

    Examples
    --------
    >>> plan = work_backwards(1.0)
    >>> plan.feasible, plan.reached
    (True, True)
    >>> work_backwards(2.0).feasible
    False
    """
    target = _number("referrals_per_customer", referrals_per_customer, 0.0, 100.0)
    limit = _number("cs_load_limit", cs_load_limit, 0.0, 1.0, low_open=True)
    sc = _scenario(scenario)
    per_success = sc["referrals_per_success"]
    catch = sc["qualify_catch_share"]
    steps: list[str] = [f"Target: every customer refers {target:.2f} others on average."]
    empty = dict(
        success_share=None,
        customer_fit_share=None,
        onboarding_hours=None,
        max_customers_per_month=None,
        leads_per_month=None,
        qualify_out_share=None,
        settings={},
        check=None,
    )

    def refuse(why: str, **known: float) -> GtmPlan:
        steps.append(why)
        fields = {**empty, **known}
        return GtmPlan(target, False, why, tuple(steps), **fields)

    # 1. Referral: only successful customers refer.
    if target > 0 and per_success <= 0:
        return refuse(
            "Not reachable: in this scenario nobody refers anyone (referrals_per_success = 0)."
        )
    need = target / per_success if target > 0 else 0.0
    if need > 1.0:
        return refuse(
            f"Not reachable: even if every customer succeeded, each would refer only "
            f"{per_success:.2f}; {target:.2f} needs a better referral experience "
            f"(referrals_per_success), not a better funnel."
        )
    steps.append(
        f"Referral: a successful customer refers {per_success:.2f}, so at least {need:.1%} "
        f"of customers must reach success."
    )
    # 2. Sales: qualify every lead and turn poor fits away; the worse lead mix sets the fit.
    won_m, fits_m, hours_m = _per_lead(sc["focused_fit_share"], catch, sc)
    won_r, fits_r, hours_r = _per_lead(sc["referral_fit_share"], catch, sc)
    if won_m <= 0:
        return refuse(
            "Not reachable: in this scenario no marketing lead ever becomes a customer "
            "(check focused_fit_share and the close rates).",
            success_share=need,
        )
    fit_low = fits_m / won_m
    fit_high = fits_r / won_r if won_r > 0 else fit_low
    fit = min(fit_low, fit_high)
    best = fit * sc["success_ceiling_fit"] + (1.0 - fit) * sc["success_ceiling_poor_fit"]
    steps.append(
        f"Sales: qualify every lead and turn away the poor fits it recognises ({catch:.0%}), "
        f"so at least {fit:.1%} of customers fit; with unlimited onboarding at most "
        f"{best:.1%} of them could succeed."
    )
    if need > 0 and need >= best:
        return refuse(
            f"Not reachable: even with unlimited onboarding at most {best:.1%} of customers "
            f"succeed, which gives {best * per_success:.2f} referrals per customer; "
            f"{target:.2f} needs a better product fit (success_ceiling_fit) or a better "
            f"referral experience (referrals_per_success).",
            success_share=need,
            customer_fit_share=fit,
        )
    # 3. Customer success: hours that make the needed share succeed (rounded up to 0.1 h).
    scale = sc["onboarding_hours_scale"]
    hours = 0.0 if need <= 0 else -scale * math.log1p(-need / best)
    hours = math.ceil(hours * 10.0 - 1e-9) / 10.0
    cs_hours = sc["cs_hours_per_month"]
    max_customers = math.inf if hours <= 0 else limit * cs_hours / hours
    steps.append(
        f"Customer success: give every new customer at least {hours:.1f} onboarding hours; "
        f"booking at most {limit:.0%} of its {cs_hours:,.0f} hours a month, the team can "
        f"onboard at most {max_customers:.1f} new customers a month."
        if math.isfinite(max_customers)
        else "Customer success: no onboarding hours are needed for this target."
    )
    # 4. The loop and marketing: referred leads add customers, so marketing sends fewer.
    achieved_high = (
        fit_high * sc["success_ceiling_fit"] + (1 - fit_high) * sc["success_ceiling_poor_fit"]
    )
    achieved_high *= 1.0 - math.exp(-hours / scale)
    refs_high = achieved_high * per_success
    gain = refs_high * won_r
    focused = sc["focused_leads_per_month"]
    sales_cap = limit * sc["sales_hours_per_month"]
    if gain < 1.0:
        growth = won_m / (1.0 - gain)  # customers per month per marketing lead, loop included
        by_cs = max_customers / growth
        by_sales = sales_cap / (hours_m + refs_high * growth * hours_r)
    else:  # the loop alone would grow without end: size marketing for the first months
        by_cs = max_customers / won_m
        by_sales = sales_cap / hours_m
    leads = math.floor(min(focused, by_cs, by_sales))
    binding = min(
        (focused, "the focused leads available"),
        (by_cs, "the CS team's hours"),
        (by_sales, "the sales team's hours"),
    )[1]
    if leads < 1:
        return refuse(
            f"Not reachable with these teams: at {hours:.1f} onboarding hours each, "
            f"{binding} cannot carry even one marketing lead a month.",
            success_share=need,
            customer_fit_share=fit,
            onboarding_hours=hours,
            max_customers_per_month=max_customers,
        )
    steps.append(
        f"Marketing: send at most {leads} focused leads a month (people who have the problem, "
        f"{sc['focused_fit_share']:.0%} fit); referrals bring the rest. The limit is "
        f"{binding}."
    )
    if gain >= 1.0:
        steps.append(
            "Warning: each customer brings more than one new customer through referrals, "
            "so demand will outgrow the teams; grow CS and sales, or the run will fall short."
        )
    settings = {
        "steering": 0.0,
        "leads_per_month": float(leads),
        "qualify_out_share": catch,
        "onboarding_hours": hours,
        **sc,
    }
    check = simulate_gtm(**settings)
    message = (
        f"Every customer refers {target:.2f}: at least {need:.0%} must succeed, so give each "
        f"{hours:.1f} onboarding hours, turn poor fits away in sales and send at most "
        f"{leads} focused leads a month."
    )
    return GtmPlan(
        target,
        True,
        message,
        tuple(steps),
        success_share=need,
        customer_fit_share=fit,
        onboarding_hours=hours,
        max_customers_per_month=max_customers,
        leads_per_month=float(leads),
        qualify_out_share=catch,
        settings=settings,
        check=check,
    )


# --------------------------------------------------------------------------- figures

# Short two-line labels: a FigureWidget draws at plotly's default 700 px, so each of the six
# bars gets about 50 px; longer words ran into each other.
_SCORES = (
    ("Mktg<br>leads", "dept"),
    ("Sales<br>deals", "dept"),
    ("CS<br>speed", "dept"),
    ("Cust.<br>success", "outcome"),
    ("Refer-<br>rals", "outcome"),
    ("Hours<br>wasted", "waste"),
)
_INDEX_CAP = 999.0


def _check_result(name: str, value: object) -> GtmResult:
    if not isinstance(value, GtmResult):
        raise ValueError(
            f"{name} must be a GtmResult from simulate_gtm, got {type(value).__name__}"
        )
    return value


def _index(value: float, reference: float) -> float:
    """value as an index against reference = 100, capped so a zero never becomes inf or NaN."""
    if reference <= 0:
        return 100.0 if value <= 0 else _INDEX_CAP
    return float(min(100.0 * value / reference, _INDEX_CAP))


def _label(result: GtmResult) -> str:
    s = result.steering
    values = set(s.values())
    if len(values) == 1:
        v = values.pop()
        if v == 0:
            return "steered end to end"
        return "local targets" if v == 1 else f"{v:.0%} toward local targets"
    chasing = [name for name, v in s.items() if v > 0]
    return "local target: " + ", ".join(n if n != "cs" else "CS" for n in chasing)


def _check_labels(labels: object) -> None:
    if labels is None:
        return
    if isinstance(labels, str) or not isinstance(labels, (list, tuple)):
        raise ValueError(f"labels must be a list of strings, got {labels!r:.60}")
    if not all(isinstance(x, str) for x in labels):
        raise ValueError(f"labels must be a list of strings, got {labels!r:.60}")


def _labels(results: tuple, labels: object) -> list[str]:
    if labels is None:
        return [_label(r) for r in results]
    if isinstance(labels, str) or not hasattr(labels, "__len__") or len(labels) != len(results):
        raise ValueError(f"labels must be a list of {len(results)} strings, got {labels!r}")
    return [esc(str(x)) for x in labels]


def reference_run(result: GtmResult) -> GtmResult:
    """The same scenario steered end to end (the 100 of every index)."""
    return simulate_gtm(0.0, **result.settings, seed=result.seed)


def _scoreboard(result: GtmResult, ref: GtmResult) -> tuple[list[float], list[str]]:
    speed = _index(1.0 / max(result.handling_hours, 1e-9), 1.0 / max(ref.handling_hours, 1e-9))
    index = [
        _index(result.leads_per_month_mean, ref.leads_per_month_mean),
        _index(result.deals_per_month, ref.deals_per_month),
        speed,
        _index(result.customers_reaching_success, ref.customers_reaching_success),
        _index(result.referrals, ref.referrals),
        _index(result.waste_hours, ref.waste_hours),
    ]
    text = [
        f"{result.leads_per_month_mean:,.0f}/mo",
        f"{result.deals_per_month:,.0f}/mo",
        f"{result.handling_hours:.1f} h",
        f"{result.customers_reaching_success:,.0f}",
        f"{result.referrals:,.0f}",
        f"{result.waste_hours / 1000:,.1f}k h",
    ]
    return index, text


def plot_gtm(result: GtmResult, reference: GtmResult | None = None) -> go.Figure:
    """Each department's own score against what customers get, as the steering moves.

    Left: an index (end-to-end steering = 100) of marketing's leads, sales' deals and CS's
    speed (grey), customers reaching success and referrals (blue), and hours wasted (red).
    Right: customers reaching success each month, this run against the end-to-end run.

    Parameters
    ----------
    result : GtmResult
        From :func:`simulate_gtm`.
    reference : GtmResult, optional
        What the index compares with (default: the same scenario steered end to end).

    Returns
    -------
    plotly.graph_objects.Figure

    Examples
    --------
    >>> fig = plot_gtm(simulate_gtm(steering=1.0))
    >>> [round(y) for y in fig.data[0].y]
    [300, 229, 300, 58, 59, 210]
    """
    result = _check_result("result", result)
    ref = reference_run(result) if reference is None else _check_result("reference", reference)
    index, text = _scoreboard(result, ref)
    kinds = [kind for _, kind in _SCORES]
    colors = {"dept": PRODUCTION_COLOR, "outcome": DEMAND_COLOR, "waste": BAD_COLOR}
    month = np.arange(1, result.months + 1)
    top = min(max(350.0, 1.2 * max(index)), 1.2 * _INDEX_CAP)
    peak = max(float(ref.successes.max()), float(result.successes.max()), 1.0)
    # Built as one Figure with two explicit axes (not make_subplots): a slider redraw stays
    # cheap.
    data = [
        go.Bar(
            x=[name for name, _ in _SCORES],
            y=index,
            marker_color=[colors[k] for k in kinds],
            text=text,
            textposition="outside",
            textfont={"size": 11},
            cliponaxis=False,
            hovertemplate="%{x}: index %{y:.0f} (%{text})<extra></extra>",
            showlegend=False,
        ),
        go.Scatter(
            x=month,
            y=np.asarray(ref.successes),
            name="steered end to end",
            mode="lines",
            line={"color": DEMAND_COLOR, "dash": "dash", "width": 2},
            xaxis="x2",
            yaxis="y2",
        ),
        go.Scatter(
            x=month,
            y=np.asarray(result.successes),
            name=f"this run: {_label(result)}",
            mode="lines",
            line={"color": "#333333", "width": 3},
            xaxis="x2",
            yaxis="y2",
        ),
    ]
    subtitle = {
        "xref": "paper",
        "yref": "paper",
        "y": 1.0,
        "yanchor": "bottom",
        "xanchor": "center",
        "showarrow": False,
        "font": {"size": 15},
    }
    layout = {
        "title": {
            "text": "Grey: each department's own score. Blue: customers. Red: hours wasted.",
            "x": 0.01,
        },
        "height": 430,
        "margin": {"t": 90, "b": 50, "l": 60, "r": 20},
        "font": {"size": 14},
        "legend": {"orientation": "h", "x": 0.6, "y": -0.14, "font": {"size": 12}},
        "bargap": 0.25,
        "uniformtext": {"minsize": 12, "mode": "show"},
        "xaxis": {"domain": [0.0, 0.56], "tickfont": {"size": 12}, "tickangle": 0},
        "yaxis": {"title": {"text": "index (end to end = 100)", "standoff": 4}, "range": [0, top]},
        "xaxis2": {
            "domain": [0.7, 1.0],
            "anchor": "y2",
            "title": {"text": "month"},
            "range": [0.5, result.months + 0.5],
        },
        "yaxis2": {
            "anchor": "x2",
            "title": {"text": "customers / month", "standoff": 4},
            "range": [0, 1.15 * peak],
        },
        "annotations": [
            {**subtitle, "x": 0.27, "text": "Index: steered end to end = 100"},
            {**subtitle, "x": 0.84, "text": "Customers reaching success / month"},
        ],
        "shapes": [
            {
                "type": "line",
                "xref": "x",
                "yref": "y",
                "x0": -0.5,
                "x1": 5.5,
                "y0": 100,
                "y1": 100,
                "line": {"color": DEMAND_COLOR, "dash": "dot", "width": 1.5},
            }
        ],
    }
    return go.Figure(data=data, layout=layout)


def plot_gtm_waste(*results: GtmResult, labels: list[str] | None = None) -> go.Figure:
    """Where the hours went: work on customers who reach success vs work that never pays off.

    Parameters
    ----------
    *results : GtmResult
        One or more runs of :func:`simulate_gtm` (up to 8), drawn top to bottom.
    labels : list of str, optional
        A name per run (default: its steering, e.g. "local targets").

    Returns
    -------
    plotly.graph_objects.Figure
        Stacked horizontal bars per run: green = hours on customers who succeed, red =
        hours on leads and customers who never do; hover shows each team's part.

    Examples
    --------
    >>> fig = plot_gtm_waste(simulate_gtm(0.0), simulate_gtm(1.0))
    >>> len(fig.data)
    2
    """
    _check_labels(labels)
    if not 1 <= len(results) <= 8:
        raise ValueError(
            f"results must be 1 to 8 GtmResult runs, given before labels=..., got {len(results)}"
        )
    runs = [_check_result("results", r) for r in results]
    names = _labels(results, labels)
    useful = [r.total_hours - r.waste_hours for r in runs]
    wasted = [r.waste_hours for r in runs]
    teams = ("marketing", "sales", "CS")

    def detail(r: GtmResult) -> str:
        parts = r.wasted_by_team.sum(axis=0)
        return "<br>".join(f"{t}: {h:,.0f} h wasted" for t, h in zip(teams, parts))

    fig = go.Figure(
        [
            go.Bar(
                y=names,
                x=useful,
                orientation="h",
                name="on customers who reach success",
                marker_color=GOOD_COLOR,
                text=[f"{u:,.0f} h" for u in useful],
                textposition="inside",
                hovertemplate="%{y}: %{x:,.0f} h helped a customer succeed<extra></extra>",
            ),
            go.Bar(
                y=names,
                x=wasted,
                orientation="h",
                name="on leads and customers who never succeed",
                marker_color=BAD_COLOR,
                text=[f"{w:,.0f} h ({r.waste_share:.0%})" for w, r in zip(wasted, runs)],
                textposition="inside",
                customdata=[detail(r) for r in runs],
                hovertemplate="%{y}: %{x:,.0f} h wasted<br>%{customdata}<extra></extra>",
            ),
        ]
    )
    months = runs[0].months
    fig.update_layout(
        barmode="stack",
        title={
            "text": f"Where {months} months of work went: green paid off, red never did",
            "x": 0.01,
        },
        xaxis={"title": "hours (marketing + sales + customer success)"},
        yaxis={"autorange": "reversed"},
        height=min(450, 170 + 60 * len(runs)),
        margin={"t": 60, "b": 50, "l": 180, "r": 20},
        font={"size": 14},
        legend={"orientation": "h", "y": -0.35},
    )
    return fig


def plot_referral_loop(*results: GtmResult, labels: list[str] | None = None) -> go.Figure:
    """Where the customers reaching success came from, month by month: the loop compounds.

    Parameters
    ----------
    *results : GtmResult
        One to four runs of :func:`simulate_gtm`, side by side on the same scale.
    labels : list of str, optional
        A name per run (default: its steering).

    Returns
    -------
    plotly.graph_objects.Figure
        Stacked bars per month: grey = came in as marketing leads, blue = came in as
        referrals from earlier successful customers.

    Examples
    --------
    >>> fig = plot_referral_loop(simulate_gtm(0.0), simulate_gtm(1.0))
    >>> len(fig.data)
    4
    """
    _check_labels(labels)
    if not 1 <= len(results) <= 4:
        raise ValueError(
            f"results must be 1 to 4 GtmResult runs, given before labels=..., got {len(results)}"
        )
    runs = [_check_result("results", r) for r in results]
    names = _labels(results, labels)
    fig = make_subplots(rows=1, cols=len(runs), shared_yaxes=True, subplot_titles=names)
    peak = max(float(r.successes.max()) for r in runs) or 1.0
    for i, r in enumerate(runs, start=1):
        month = np.arange(1, r.months + 1)
        from_ref = np.asarray(r.successes_from_referrals)
        from_mkt = np.asarray(r.successes) - from_ref
        fig.add_trace(
            go.Bar(
                x=month,
                y=from_mkt,
                name="came in as a marketing lead",
                marker_color=PRODUCTION_COLOR,
                showlegend=i == 1,
                hovertemplate="month %{x}: %{y:.0f} from marketing leads<extra></extra>",
            ),
            row=1,
            col=i,
        )
        fig.add_trace(
            go.Bar(
                x=month,
                y=from_ref,
                name="came in as a referral",
                marker_color=DEMAND_COLOR,
                showlegend=i == 1,
                hovertemplate="month %{x}: %{y:.0f} from referrals<extra></extra>",
            ),
            row=1,
            col=i,
        )
        fig.update_xaxes(title_text="month", row=1, col=i)
    fig.update_layout(
        barmode="stack",
        bargap=0.1,
        title={
            "text": "Customers reaching success each month: blue ones came from referrals",
            "x": 0.01,
        },
        height=400,
        margin={"t": 80, "b": 50, "l": 60, "r": 20},
        font={"size": 14},
        legend={"orientation": "h", "y": -0.2},
    )
    fig.update_yaxes(title_text="customers / month", range=[0, 1.1 * peak], row=1, col=1)
    return fig


# --------------------------------------------------------------------------- widget

_WHO = {
    "all three": ("marketing", "sales", "cs"),
    "marketing": ("marketing",),
    "sales": ("sales",),
    "customer success": ("cs",),
}


def _verdict(result: GtmResult, ref: GtmResult) -> tuple[str, str]:
    """One or two sentences on the run against the end-to-end run, and their tone."""
    if max(result.steering.values()) == 0:
        return (
            f"Steered end to end: {ref.customers_reaching_success:,.0f} customers reached "
            f"success in {ref.months} months and each customer won makes "
            f"{ref.referrals_per_customer:.2f} referrals. Move the slider to let departments "
            f"chase their own targets.",
            "info",
        )
    if ref.customers_reaching_success <= 0:
        return ("No customer reaches success in this scenario, however it is steered.", "warn")
    change = result.customers_reaching_success / ref.customers_reaching_success - 1.0
    waste = result.waste_hours / ref.waste_hours if ref.waste_hours > 0 else 1.0
    scores = (
        f"leads x{result.leads_per_month_mean / max(ref.leads_per_month_mean, 1e-9):.1f}, "
        f"deals x{result.deals_per_month / max(ref.deals_per_month, 1e-9):.1f}, "
        f"{result.handling_hours:.1f} onboarding hours per customer instead of "
        f"{ref.handling_hours:.1f}"
    )
    return (
        f"Department scores: {scores}. Customers reaching success: "
        f"{result.customers_reaching_success:,.0f} ({change:+.0%}); hours wasted "
        f"x{waste:.1f} ({result.waste_share:.0%} of all work).",
        "warn" if change < -0.005 else "good",
    )


def gtm_explorer(**scenario: float) -> widgets.VBox:
    """Slide departments from the end-to-end outcome to their own targets and watch both.

    Parameters
    ----------
    **scenario
        Any scenario setting of :func:`simulate_gtm` (e.g. ``referrals_per_success=2``).

    Returns
    -------
    ipywidgets.VBox
        A steering slider (the lesson's main control), a choice of which departments chase
        their local target, the :func:`plot_gtm` figure and a sentence with the numbers.
        ``.current()`` returns the :class:`GtmResult` on show.

    Examples
    --------
    >>> box = gtm_explorer()
    >>> box.steering_slider.value = 1.0
    >>> box.current().deals_per_month > 100
    True
    """
    sc = _scenario(scenario)
    ref = simulate_gtm(0.0, **sc)
    slider = mark_main(
        widgets.FloatSlider(
            value=0.0,
            min=0.0,
            max=1.0,
            step=0.1,
            description="Steering: end to end → local targets",
            readout_format=".0%",
            continuous_update=True,
            style={"description_width": "initial"},
            layout={"width": "560px"},
        )
    )
    who = widgets.ToggleButtons(
        options=list(_WHO),
        value="all three",
        description="Who chases a local target:",
        style={"description_width": "initial", "button_width": "150px"},
    )
    state = {"result": ref}
    fw = figure_widget(plot_gtm(ref, ref), main=True)
    note = message_area()

    def update(change: dict | None = None) -> None:
        chasing = _WHO[who.value]
        steer = {
            d: (float(slider.value) if d in chasing else 0.0) for d in ("marketing", "sales", "cs")
        }
        result = simulate_gtm(0.0, **steer, **sc)
        state["result"] = result
        refresh(fw, plot_gtm(result, ref))
        text, kind = _verdict(result, ref)
        say(note, text, kind)

    update()
    slider.observe(guarded(update, note), names="value")
    who.observe(guarded(update, note), names="value")
    box = widgets.VBox([slider, who, fw, note])
    box.steering_slider = slider
    box.departments = who
    box.figure = fw
    box.message = note
    box.current = lambda: state["result"]
    return box


# --------------------------------------------------------------------------- onboarding queue


@dataclass(frozen=True)
class OnboardingQueue:
    """How long new customers wait for onboarding, from the flow engine.

    Attributes
    ----------
    customers_per_month, onboarding_hours, cs_people, hours_per_person_per_month
        The load and the team.
    utilization : float
        Share of the CS team's hours the onboardings take.
    wait_working_days : float
        Mean wait before a CS person starts on a new customer, in 8-hour working days
        (``math.inf`` when the team is loaded at or above 100%).
    stable : bool
        False when customers arrive faster than the team can onboard them.
    """

    customers_per_month: float
    onboarding_hours: float
    cs_people: int
    hours_per_person_per_month: float
    utilization: float
    wait_working_days: float
    stable: bool

    def __str__(self) -> str:
        if not self.stable:
            return (
                f"CS loaded at {self.utilization:.0%}: the onboarding queue grows without "
                f"end; new customers wait longer every month."
            )
        return (
            f"CS loaded at {self.utilization:.0%}: a new customer waits "
            f"{self.wait_working_days:.1f} working days on average before onboarding starts."
        )


def onboarding_queue(
    customers_per_month: float,
    onboarding_hours: float,
    *,
    cs_people: int = 5,
    hours_per_person_per_month: float = 160.0,
    cv: float = 1.0,
    seed: int = 1,
) -> OnboardingQueue:
    """Queue new customers for onboarding with the flow engine (:func:`simulate_line`).

    The month-by-month model treats CS hours as a pool; this asks the question a customer
    feels: how long do I wait before someone starts onboarding me? Customers arrive at
    random (Poisson) and each is onboarded by one of ``cs_people`` people, one at a time.
    Near 100% load the wait explodes (Kingman, lesson 03), which is why
    :func:`work_backwards` books at most 85% of the team's hours.

    Parameters
    ----------
    customers_per_month : float
        New customers per month, 0.01 to 1,000,000.
    onboarding_hours : float
        Onboarding hours per customer, 0.01 to 1,000.
    cs_people : int
        People in the CS team (5; 1 to 10,000).
    hours_per_person_per_month : float
        Working hours per person per month (160; 1 to 744).
    cv : float
        Variability of onboarding times (1 = exponential, 0 = all alike; 0 to 10).
    seed : int
        Seed for the simulated customers.

    Returns
    -------
    OnboardingQueue
        Utilisation and the mean wait in working days; ``print()`` gives a sentence.

    Examples
    --------
    >>> q = onboarding_queue(40, 14.3)
    >>> round(q.utilization, 2), q.stable
    (0.72, True)
    >>> onboarding_queue(70, 14.3).stable
    False
    """
    n = _number("customers_per_month", customers_per_month, 0.01, MAX_LEADS_PER_MONTH)
    h = _number("onboarding_hours", onboarding_hours, 0.01, 1000.0)
    people = _whole("cs_people", cs_people, 1, 10_000)
    month_hours = _number("hours_per_person_per_month", hours_per_person_per_month, 1.0, 744.0)
    variability = _number("cv", cv, 0.0, 10.0)
    rng_seed = _seed(seed)
    if rng_seed is None:
        raise ValueError("seed must be a whole number >= 0, got None")
    rate = n / month_hours  # customers per working hour
    load = rate * h / people
    if load >= 1.0:
        return OnboardingQueue(n, h, people, month_hours, load, math.inf, False)
    line = simulate_line(
        [h], machines=people, cv=variability, arrival_rate=rate, n_jobs=20_000, seed=rng_seed
    )
    wait = max(float(line.queue_time[0]), 0.0) / 8.0  # no -0.0 from rounding
    return OnboardingQueue(n, h, people, month_hours, load, wait, True)
