"""Working backwards: from one concrete result to what each team must achieve, checked forward.

Start from "every customer refers N others" and derive, step by step towards the top of the
funnel, what customer success, sales and marketing must achieve; then run the plan forward
in :func:`~demandlab.gtm.model.flow.simulate_gtm`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ...checks import number, refuse
from ...formatting import count, pct
from ...formatting import number as num
from ..scenario import (
    MAX_ONBOARDING_WAIT_DAYS,
    ONBOARDING_QUEUE,
    SCENARIO,
    SCENARIO_SETTINGS,
    TARGET_REFERRALS_PER_CUSTOMER,
)
from .flow import GtmResult, simulate_gtm
from .queue import load_limit
from .text import wrapped

__all__ = ["GtmPlan", "scenario_settings", "work_backwards"]


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
    success_share, customer_fit_share, onboarding_hours, load_limit, max_customers_per_month,
    leads_per_month, qualify_out_share : float or None
        The requirements (None past the step where an infeasible plan stopped);
        ``load_limit`` is the share of CS's and sales' hours the plan may book, from the
        onboarding queue (:func:`~demandlab.gtm.model.queue.load_limit`).
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
    load_limit: float | None
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
                f"Run forward: {num(got, digits=2)} referrals per customer against a target of "
                f"{num(self.target_referrals_per_customer, digits=2)}: {verdict}."
            )
        elif not self.steps or self.steps[-1] != self.message:
            lines.append(self.message)
        return wrapped("\n".join(lines))


def scenario_settings(scenario: dict) -> dict:
    """The lesson's scenario with ``scenario``'s changes on top, every value checked.

    Examples
    --------
    >>> scenario_settings({"cs_hours_per_month": 1600})["cs_hours_per_month"]
    1600
    """
    unknown = sorted(set(scenario) - set(SCENARIO_SETTINGS))
    if unknown:
        raise refuse("scenario settings", unknown, "among " + ", ".join(SCENARIO_SETTINGS))
    merged = {**SCENARIO, **scenario}
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


def _infeasible(target: float, steps: list, why: str, **known: float) -> GtmPlan:
    steps.append(why)
    fields = dict.fromkeys(
        (
            "success_share",
            "customer_fit_share",
            "onboarding_hours",
            "load_limit",
            "max_customers_per_month",
            "leads_per_month",
            "qualify_out_share",
        )
    )
    return GtmPlan(target, False, why, tuple(steps), **{**fields, **known}, settings={}, check=None)


def _success_needed(target: float, sc: dict, steps: list) -> float | GtmPlan:
    """Step 1, referral: only successful customers refer, so this share must succeed."""
    per_success = sc["referrals_per_success"]
    if target > 0 and per_success <= 0:
        return _infeasible(
            target,
            steps,
            "Not reachable: in this scenario nobody refers anyone (referrals_per_success = 0).",
        )
    need = target / per_success if target > 0 else 0.0
    if need > 1.0:
        return _infeasible(
            target,
            steps,
            f"Not reachable: even if every customer succeeded, each would refer only "
            f"{num(per_success, digits=2)}; {num(target, digits=2)} needs a better referral "
            f"experience "
            f"(referrals_per_success), not a better funnel.",
        )
    steps.append(
        f"Referral: a successful customer refers {num(per_success, digits=2)}, so at least "
        f"{pct(need, digits=1)} "
        f"of customers must reach success."
    )
    return need


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
    binding = min(
        (focused, "the focused leads available"),
        (by_cs, "the CS team's hours"),
        (by_sales, "the sales team's hours"),
    )[1]
    return leads, binding, gain


def _load_limit(given: float | None, hours: float, days: float, cs_hours: float) -> tuple:
    """Step 3's load limit and why: as given, or the most load that keeps the wait promise."""
    people = max(1, round(cs_hours / ONBOARDING_QUEUE["hours_per_person_per_month"]))
    if given is not None:
        return given, "as set"
    if hours <= 0:
        return 1.0, "no onboarding is needed"
    limit = load_limit(hours, max_wait_working_days=days, cs_people=min(people, 10_000))
    why = (
        f"the most that keeps a new customer's average wait for onboarding within "
        f"{num(days, digits=1)} working days, with {count(people, 'person', 'people')} "
        f"sharing one queue"
    )
    return limit, why


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
    target = number("referrals_per_customer", referrals_per_customer, 0.0, 100.0)
    days = number("max_wait_working_days", max_wait_working_days, 0.01, 1000.0)
    given_limit = (
        None
        if cs_load_limit is None
        else number("cs_load_limit", cs_load_limit, 0.0, 1.0, low_open=True)
    )
    sc = scenario_settings(scenario)
    catch = sc["qualify_catch_share"]
    steps: list[str] = [f"Target: every customer refers {num(target, digits=2)} others on average."]
    need = _success_needed(target, sc, steps)
    if isinstance(need, GtmPlan):
        return need
    # 2. Sales: qualify every lead and turn poor fits away; the worse lead mix sets the fit.
    won_m, fits_m, _ = _per_lead(sc["focused_fit_share"], catch, sc)
    won_r, fits_r, _ = _per_lead(sc["referral_fit_share"], catch, sc)
    if won_m <= 0:
        return _infeasible(
            target,
            steps,
            "Not reachable: in this scenario no marketing lead ever becomes a customer "
            "(check focused_fit_share and the close rates).",
            success_share=need,
        )
    fit = min(fits_m / won_m, fits_r / won_r if won_r > 0 else fits_m / won_m)
    best = fit * sc["success_ceiling_fit"] + (1.0 - fit) * sc["success_ceiling_poor_fit"]
    steps.append(
        f"Sales: qualify every lead and turn away the poor fits it recognises ({pct(catch)}), "
        f"so at least {pct(fit, digits=1)} of customers fit; with unlimited onboarding at most "
        f"{pct(best, digits=1)} of them could succeed."
    )
    if need > 0 and need >= best:
        return _infeasible(
            target,
            steps,
            f"Not reachable: even with unlimited onboarding at most {pct(best, digits=1)} of "
            f"customers "
            f"succeed, which gives {num(best * sc['referrals_per_success'], digits=2)} referrals "
            f"per "
            f"customer; {num(target, digits=2)} needs a better product fit (success_ceiling_fit) "
            f"or a "
            f"better referral experience (referrals_per_success).",
            success_share=need,
            customer_fit_share=fit,
        )
    # 3. Customer success: hours that make the needed share succeed (rounded up to 0.1 h).
    hours = 0.0 if need <= 0 else -sc["onboarding_hours_scale"] * math.log1p(-need / best)
    hours = math.ceil(hours * 10.0 - 1e-9) / 10.0
    cs_hours = sc["cs_hours_per_month"]
    limit, why = _load_limit(given_limit, hours, days, cs_hours)
    max_customers = math.inf if hours <= 0 else limit * cs_hours / hours
    steps.append(
        f"Customer success: give every new customer at least {num(hours, digits=1)} "
        f"onboarding hours; booking at most {pct(limit, digits=1)} of its "
        f"{num(cs_hours)} hours a month ({why}), the team can onboard at most "
        f"{num(max_customers, digits=1)} new customers a month."
        if math.isfinite(max_customers)
        else "Customer success: no onboarding hours are needed for this target."
    )
    known = dict(
        success_share=need, customer_fit_share=fit, onboarding_hours=hours, load_limit=limit
    )
    return _forward(target, sc, steps, limit, max_customers, known)


def _forward(target: float, sc: dict, steps: list, limit: float, max_customers: float,
             known: dict) -> GtmPlan:  # fmt: skip
    """Step 4 (marketing), then the plan run forward in the model."""
    hours = known["onboarding_hours"]
    leads, binding, gain = _marketing_limit(sc, limit, hours, max_customers)
    if leads < 1:
        return _infeasible(
            target,
            steps,
            f"Not reachable with these teams: at {num(hours, digits=1)} onboarding hours each, "
            f"{binding} cannot carry even one marketing lead a month.",
            **known,
            max_customers_per_month=max_customers,
        )
    steps.append(
        f"Marketing: send at most {leads} focused leads a month (people who have the problem, "
        f"{pct(sc['focused_fit_share'])} fit); referrals bring the rest. The limit is "
        f"{binding}."
    )
    if gain >= 1.0:
        steps.append(
            "Warning: each customer brings more than one new customer through referrals, "
            "so demand will outgrow the teams; grow CS and sales, or the run will fall short."
        )
    catch = sc["qualify_catch_share"]
    settings = {
        "steering": 0.0,
        "leads_per_month": float(leads),
        "qualify_out_share": catch,
        "onboarding_hours": hours,
        **sc,
    }
    message = (
        f"Every customer refers {num(target, digits=2)}: at least {pct(known['success_share'])} "
        f"must "
        f"succeed, so give each {num(hours, digits=1)} onboarding hours, turn poor fits away in "
        f"sales "
        f"and send at most {leads} focused leads a month."
    )
    return GtmPlan(
        target,
        True,
        message,
        tuple(steps),
        **known,
        max_customers_per_month=max_customers,
        leads_per_month=float(leads),
        qualify_out_share=catch,
        settings=settings,
        check=simulate_gtm(**settings),
    )
