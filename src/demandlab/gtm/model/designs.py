"""Three ways to run the same company, compared on the same measures.

The backward design (:func:`~demandlab.gtm.model.plan.work_backwards`) starts from a
concrete customer result and derives what every step must deliver. With today's teams
that fixes the volume the company can take; to serve today's demand with the same result,
it fixes the hours each team needs instead (the *elevate* step: grow the team that binds).
Both are run forward and set beside end-to-end steering and local targets: customers
reaching success, referrals per customer, waiting for onboarding, wasted hours and the
hours paid.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ...formatting import worded
from ..scenario import TARGET_REFERRALS_PER_CUSTOMER
from .flow import simulate_gtm
from .plan import GtmPlan, _per_lead, scenario_settings, work_backwards
from .result import GtmResult

__all__ = ["DesignComparison", "compare_designs"]

# The measures, in the table's order: (GtmResult attribute, digits shown, higher is better).
MEASURES = (
    ("customers_reaching_success", 0, True),
    ("referrals_per_customer", 2, True),
    ("mean_wait_days", 1, False),
    ("waste_hours", 0, False),
    ("hours_paid", 0, False),
    ("hours_paid_per_success", 0, False),
)
# The four designs: the plan with today's teams, the plan with the teams it asks for,
# end-to-end steering and local targets (their names in words are the report's).
DESIGNS = ("plan", "plan_grown", "end_to_end", "local_targets")


@dataclass(frozen=True)
class DesignComparison:
    """The backward design (with today's teams and with the teams it asks for) against
    end-to-end steering and local targets, on the same measures.

    Attributes
    ----------
    plan : GtmPlan
        The backward design with today's teams (its ``check`` is the first run).
    sales_hours_needed, cs_hours_needed : float
        Hours a month sales and CS need to serve today's demand (marketing's focused leads)
        with the plan's result, booking at most the plan's load limit (rounded up to the hour).
    runs : dict of str to GtmResult
        The four runs, keyed by ``DESIGNS``.
    """

    plan: GtmPlan
    sales_hours_needed: float
    cs_hours_needed: float
    runs: dict

    def value(self, design: str, attribute: str) -> float:
        """One measure of one design (``hours_paid_per_success`` is paid hours per customer
        reaching success)."""
        r: GtmResult = self.runs[design]
        if attribute == "hours_paid_per_success":
            wins = r.customers_reaching_success
            return r.hours_paid / wins if wins > 0 else math.inf
        return float(getattr(r, attribute))

    def best(self, attribute: str) -> str:
        """The design that does best on a measure (the first in ``DESIGNS`` on a tie at the
        printed precision)."""
        _, digits, higher = next(m for m in MEASURES if m[0] == attribute)
        sign = 1 if higher else -1
        return max(DESIGNS, key=lambda d: sign * round(self.value(d, attribute), digits))

    @worded
    def winners(self) -> str:
        """One sentence per measure: which design does best (built by the report)."""

    @worded
    def table(self) -> str:
        """The four designs side by side, one measure a line (built by the report)."""

    @worded
    def __str__(self) -> str:
        """The elevate step, the table and the winners (``print(comparison)``; built by
        :func:`demandlab.gtm.report.designs_text`)."""


def _hours_needed(plan: GtmPlan, sc: dict, leads: float) -> tuple[float, float]:
    """Sales and CS hours a month that carry ``leads`` focused leads with the plan's result,
    the referral loop included, booking at most the plan's load limit."""
    catch, hours, limit = sc["qualify_catch_share"], plan.onboarding_hours, plan.load_limit
    won_m, _, sales_m = _per_lead(sc["focused_fit_share"], catch, sc)
    won_r, fits_r, sales_r = _per_lead(sc["referral_fit_share"], catch, sc)
    fit = fits_r / won_r if won_r > 0 else 1.0
    success = (fit * sc["success_ceiling_fit"] + (1 - fit) * sc["success_ceiling_poor_fit"]) * (
        1.0 - math.exp(-hours / sc["onboarding_hours_scale"])
    )
    referred_leads = success * sc["referrals_per_success"]  # per customer won
    gain = referred_leads * won_r
    if gain >= 1.0:
        return math.inf, math.inf
    customers = leads * won_m / (1.0 - gain)  # per month, once the loop has settled
    sales = (leads * sales_m + customers * referred_leads * sales_r) / limit
    cs = customers * hours / limit
    return float(math.ceil(sales)), float(math.ceil(cs))


def compare_designs(
    referrals_per_customer: float = TARGET_REFERRALS_PER_CUSTOMER, **scenario: float
) -> DesignComparison:
    """Compare the backward design with end-to-end steering and local targets.

    The plan from :func:`work_backwards` is run twice: with today's teams (the volume they
    allow) and with the teams grown to serve today's demand with the same result (sales and
    CS hours from the plan's onboarding hours, load limit and the referral loop). End-to-end
    steering and local targets run on today's teams.

    Parameters
    ----------
    referrals_per_customer : float
        The plan's result, as in :func:`work_backwards` (1: every customer refers one other).
    **scenario
        Any scenario setting of :func:`simulate_gtm`.

    Returns
    -------
    DesignComparison
        ``print()`` gives the elevate step, the table and which design does best on each
        measure.

    Examples
    --------
    >>> c = compare_designs()
    >>> c.best("customers_reaching_success"), c.best("hours_paid_per_success")
    ('plan_grown', 'end_to_end')
    """
    sc = scenario_settings(scenario)
    plan = work_backwards(referrals_per_customer, **sc)
    if plan.check is None:
        raise ValueError(f"the plan cannot be compared: {plan.message}")
    leads = sc["focused_leads_per_month"]
    sales, cs = _hours_needed(plan, sc, leads)
    if not math.isfinite(sales):
        raise ValueError(
            "the plan cannot be compared: its referral loop grows without end, so no "
            "fixed team can serve it"
        )
    grown = {
        **plan.settings,
        "leads_per_month": leads,
        "sales_hours_per_month": sales,
        "cs_hours_per_month": cs,
    }
    runs = {
        DESIGNS[0]: plan.check,
        DESIGNS[1]: simulate_gtm(**grown),
        DESIGNS[2]: simulate_gtm(0.0, **sc),
        DESIGNS[3]: simulate_gtm(1.0, **sc),
    }
    return DesignComparison(plan, sales, cs, runs)
