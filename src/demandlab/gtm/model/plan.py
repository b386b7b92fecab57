"""Working backwards: from one concrete result to what each team must achieve, checked forward.

Start from "every customer refers N others" and derive, step by step towards the top of the
funnel, what customer success, sales and marketing must achieve; then run the plan forward
in :func:`~demandlab.gtm.model.flow.simulate_gtm`.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field, replace

from ...checks import in_range
from ...formatting import worded
from ..scenario import (
    MAX_ONBOARDING_WAIT_DAYS,
    ONBOARDING_QUEUE,
    SCENARIO,
    TARGET_REFERRALS_PER_CUSTOMER,
    GtmScenario,
)
from .flow import simulate_gtm
from .queue import load_limit
from .result import GtmResult

__all__ = ["GtmPlan", "plan_operating_point", "scenario_settings", "work_backwards"]


@dataclass(frozen=True)
class GtmPlan:
    """What each step must achieve for a target number of referrals per customer.

    Numbers only: the sentences (``steps``, ``message``, ``print(plan)``) are built from
    them by :mod:`demandlab.gtm.report`.

    Attributes
    ----------
    target_referrals_per_customer : float
        The concrete result the plan was derived from.
    feasible : bool
        False when no setting of the three teams can reach the target; ``stop`` says why.
    stop : str or None
        Why the plan stopped (None when feasible): ``"no_referrals"`` (nobody refers),
        ``"referrals_per_success"`` (even all customers succeeding is too few),
        ``"no_customers"`` (no marketing lead becomes a customer), ``"success_ceiling"``
        (unlimited onboarding is not enough) or ``"team_capacity"`` (the teams cannot
        carry one marketing lead a month).
    scenario : GtmScenario
        The scenario the plan was derived for.
    success_share, customer_fit_share, best_success_share, onboarding_hours, load_limit,
    max_customers_per_month, leads_per_month, qualify_out_share : float or None
        The requirements (None past the step where an infeasible plan stopped):
        ``best_success_share`` is the share that could succeed with unlimited onboarding,
        ``load_limit`` the share of CS's and sales' hours the plan may book, from the
        onboarding queue (:func:`~demandlab.gtm.model.queue.load_limit`).
    load_basis : str or None
        Where the load limit comes from: ``"as_set"`` (``cs_load_limit``),
        ``"no_onboarding"`` or ``"wait_promise"`` (the queue model).
    cs_people, max_wait_working_days
        The CS team as people sharing one queue, and the wait promise the limit keeps.
    binding : str or None
        What limits marketing's leads: ``"focused_leads"``, ``"cs_hours"`` or
        ``"sales_hours"``.
    loop_gain : float or None
        New customers each customer brings through referrals under the plan (at 1 or more
        demand outgrows the teams).
    settings : dict
        Keyword arguments for :func:`simulate_gtm` that run the plan forward (empty if
        infeasible).
    check : GtmResult or None
        The plan run forward in the model (None if infeasible).
    """

    target_referrals_per_customer: float
    feasible: bool
    stop: str | None
    scenario: GtmScenario
    max_wait_working_days: float
    cs_people: int
    success_share: float | None = None
    customer_fit_share: float | None = None
    best_success_share: float | None = None
    onboarding_hours: float | None = None
    load_limit: float | None = None
    load_basis: str | None = None
    max_customers_per_month: float | None = None
    leads_per_month: float | None = None
    binding: str | None = None
    loop_gain: float | None = None
    qualify_out_share: float | None = None
    settings: dict = field(default_factory=dict)
    check: GtmResult | None = None

    @property
    def reached(self) -> bool:
        """True when the forward run makes at least the target referrals per customer."""
        if self.check is None:
            return False
        got = self.check.referrals_per_customer
        return got >= self.target_referrals_per_customer - 1e-9

    @property
    @worded
    def steps(self) -> tuple[str, ...]:
        """The chain of requirements, from the result back to marketing, one sentence each."""

    @property
    @worded
    def message(self) -> str:
        """One sentence: the plan in brief, or why the target cannot be reached."""

    @worded
    def __str__(self) -> str:
        """The chain of steps and the forward check, numbered lines (``print(plan)``; built
        by :func:`demandlab.gtm.report.plan_text`)."""


def scenario_settings(scenario: dict) -> dict:
    """The lesson's scenario with ``scenario``'s changes on top, every value checked.

    Examples
    --------
    >>> scenario_settings({"cs_hours_per_month": 1600})["cs_hours_per_month"]
    1600.0
    """
    return SCENARIO.replace(**scenario).settings()  # refuses bad settings by name


@functools.lru_cache(maxsize=1)
def plan_operating_point() -> tuple[float, float]:
    """(load limit, onboarding hours) of the lesson's plan, ``work_backwards()``: where the
    pooling experiment runs the CS team (0.873 and 14.3 h with the lesson's scenario).

    Examples
    --------
    >>> plan_operating_point()
    (0.873, 14.3)
    """
    plan = work_backwards(TARGET_REFERRALS_PER_CUSTOMER)
    return plan.load_limit, plan.onboarding_hours


def _per_lead(fit: float, catch: float, sc: dict) -> tuple[float, float, float]:
    """For one lead of the given fit share, sold end to end: (customers, fitting customers,
    sales hours)."""
    fits = fit * sc["close_rate_fit"]
    poor_pursued = (1.0 - fit) * (1.0 - catch)
    poor = poor_pursued * sc["close_rate_poor_fit"]
    hours = sc["qualify_hours"] + (fit + poor_pursued) * sc["discovery_hours"]
    return fits + poor, fits, hours


def _marketing_limit(sc: dict, limit: float, hours: float, max_customers: float) -> tuple:
    """Step 4: the most focused leads a month marketing may send, and what binds it.

    Referred leads add customers, so marketing sends fewer; returns (leads, binding, gain),
    gain being the new customers each customer brings through referrals.
    """
    catch, per_success = sc["qualify_catch_share"], sc["referrals_per_success"]
    won_m, fits_m, hours_m = _per_lead(sc["focused_fit_share"], catch, sc)
    won_r, fits_r, hours_r = _per_lead(sc["referral_fit_share"], catch, sc)
    fit_high = fits_r / won_r if won_r > 0 else fits_m / won_m
    achieved_high = (
        fit_high * sc["success_ceiling_fit"] + (1 - fit_high) * sc["success_ceiling_poor_fit"]
    )
    achieved_high *= 1.0 - math.exp(-hours / sc["onboarding_hours_scale"])
    refs_high = achieved_high * per_success
    gain = refs_high * won_r
    sales_cap = limit * sc["sales_hours_per_month"]
    if gain < 1.0:
        growth = won_m / (1.0 - gain)  # customers per month per marketing lead, loop included
        by_cs = max_customers / growth
        by_sales = sales_cap / (hours_m + refs_high * growth * hours_r)
    else:  # the loop alone would grow without end: size marketing for the first months
        by_cs = max_customers / won_m
        by_sales = sales_cap / hours_m
    focused = sc["focused_leads_per_month"]
    leads = math.floor(min(focused, by_cs, by_sales))
    binding = min((focused, "focused_leads"), (by_cs, "cs_hours"), (by_sales, "sales_hours"))[1]
    return leads, binding, gain


def _load_limit(given: float | None, hours: float, days: float, people: int) -> tuple:
    """Step 3's load limit and its basis: as given, or the most load that keeps the wait
    promise."""
    if given is not None:
        return given, "as_set"
    if hours <= 0:
        return 1.0, "no_onboarding"
    return load_limit(hours, max_wait_working_days=days, cs_people=people), "wait_promise"


def _sales_fit(plan: GtmPlan, sc: dict) -> GtmPlan:
    """Step 2, sales: qualify every lead and turn poor fits away; the worse lead mix sets
    the customers' fit, and the fit the most that can succeed (``stop`` if too few)."""
    need, catch = plan.success_share, sc["qualify_catch_share"]
    won_m, fits_m, _ = _per_lead(sc["focused_fit_share"], catch, sc)
    won_r, fits_r, _ = _per_lead(sc["referral_fit_share"], catch, sc)
    if won_m <= 0:
        return replace(plan, stop="no_customers")
    fit = min(fits_m / won_m, fits_r / won_r if won_r > 0 else fits_m / won_m)
    best = fit * sc["success_ceiling_fit"] + (1.0 - fit) * sc["success_ceiling_poor_fit"]
    plan = replace(plan, customer_fit_share=fit, best_success_share=best)
    if need > 0 and need >= best:
        return replace(plan, stop="success_ceiling")
    return plan


def _customer_success(plan: GtmPlan, sc: dict, given_limit: float | None) -> GtmPlan:
    """Step 3: the onboarding hours that make the needed share succeed (rounded up to
    0.1 h), the load limit and the most new customers a month CS can take."""
    need, best = plan.success_share, plan.best_success_share
    hours = 0.0 if need <= 0 else -sc["onboarding_hours_scale"] * math.log1p(-need / best)
    hours = math.ceil(hours * 10.0 - 1e-9) / 10.0
    limit, basis = _load_limit(given_limit, hours, plan.max_wait_working_days, plan.cs_people)
    return replace(
        plan,
        onboarding_hours=hours,
        load_limit=limit,
        load_basis=basis,
        max_customers_per_month=math.inf
        if hours <= 0
        else limit * sc["cs_hours_per_month"] / hours,
    )


def work_backwards(
    referrals_per_customer: float = TARGET_REFERRALS_PER_CUSTOMER,
    *,
    max_wait_working_days: float = MAX_ONBOARDING_WAIT_DAYS,
    cs_load_limit: float | None = None,
    **scenario: float,
) -> GtmPlan:
    """Design the go-to-market flow backwards from a concrete result, then check it forward.

    Start from "every customer refers ``referrals_per_customer`` others" and derive, step by
    step towards the top of the funnel, what customer success, sales and marketing must
    achieve: the share of customers who must succeed, the fit sales must let through, the
    onboarding hours that make that share succeed, how many new customers a month the CS
    team can give those hours (booking only the share of its hours at which a new customer
    still waits at most ``max_wait_working_days`` for onboarding to start, from the queue
    model :func:`~demandlab.gtm.model.queue.load_limit`), and how many leads marketing
    should send. The plan is then run forward in :func:`simulate_gtm` (``plan.check``).

    Parameters
    ----------
    referrals_per_customer : float
        The target, referrals each customer won eventually makes (0 to 100; 1 = "every
        customer refers one other").
    max_wait_working_days : float
        The promise to a new customer: onboarding starts within this many working days on
        average (2). It sets the load limit: the team is ``cs_hours_per_month / 160``
        people sharing one queue (lesson 03: near full load, waits explode).
    cs_load_limit : float in (0, 1], optional
        Override the load limit the promise gives (most of the CS and sales teams' hours
        the plan may book).
    **scenario
        Any scenario setting of :func:`simulate_gtm` (``referrals_per_success=1.5``,
        ``cs_hours_per_month=1200``, ...); not the steering or policy overrides.

    Returns
    -------
    GtmPlan
        ``feasible`` (``stop`` says why not), the numbers, ``settings`` for
        :func:`simulate_gtm` and the forward ``check``; ``plan.message``, ``plan.steps``
        and ``print(plan)`` give them as sentences.

    Examples
    --------
    >>> plan = work_backwards(1.0)
    >>> plan.feasible, plan.reached
    (True, True)
    >>> work_backwards(2.0).feasible
    False
    """
    target = in_range("referrals_per_customer", referrals_per_customer, 0.0, 100.0)
    days = in_range("max_wait_working_days", max_wait_working_days, 0.01, 1000.0)
    given_limit = (
        None
        if cs_load_limit is None
        else in_range("cs_load_limit", cs_load_limit, 0.0, 1.0, low_open=True)
    )
    scenario_used = SCENARIO.replace(**scenario)
    sc = scenario_used.settings()
    people = max(
        1, round(sc["cs_hours_per_month"] / ONBOARDING_QUEUE["hours_per_person_per_month"])
    )
    plan = GtmPlan(target, False, None, scenario_used, days, min(people, 10_000))
    # 1. Referral: only successful customers refer, so this share must succeed.
    per_success = sc["referrals_per_success"]
    if target > 0 and per_success <= 0:
        return replace(plan, stop="no_referrals")
    need = target / per_success if target > 0 else 0.0
    if need > 1.0:
        return replace(plan, stop="referrals_per_success")
    plan = replace(plan, success_share=need)
    plan = _sales_fit(plan, sc)
    if plan.stop is not None:
        return plan
    catch = sc["qualify_catch_share"]
    plan = _customer_success(plan, sc, given_limit)
    # 4. Marketing, then the plan run forward in the model.
    hours, limit = plan.onboarding_hours, plan.load_limit
    leads, binding, gain = _marketing_limit(sc, limit, hours, plan.max_customers_per_month)
    plan = replace(plan, binding=binding, loop_gain=gain)
    if leads < 1:
        return replace(plan, stop="team_capacity")
    settings = {
        "steering": 0.0,
        "leads_per_month": float(leads),
        "qualify_out_share": catch,
        "onboarding_hours": hours,
        **sc,
    }
    return replace(
        plan,
        feasible=True,
        leads_per_month=float(leads),
        qualify_out_share=catch,
        settings=settings,
        check=simulate_gtm(**settings),
    )
