"""One run of the go-to-market flow as numbers: the monthly flows and every scoreboard.

Split from flow.py (which runs the month-by-month loop): the result and the quantities each
department and the customer read from it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from ...formatting import worded
from ..scenario import GtmScenario
from .steps import _Policy, _rates

__all__ = ["GtmResult"]


@dataclass(frozen=True)
class GtmResult:
    """One run of the go-to-market flow, month by month (arrays are read-only).

    Attributes
    ----------
    steering : dict
        The steering of each department, 0 = end-to-end outcome, 1 = local target.
    leads_per_month, qualify_out_share, onboarding_hours
        The department policies the steering produced (or the overrides given).
    months, seed, scenario
        Horizon, seed (None = expected values) and the :class:`GtmScenario` run
        (``settings`` gives its values by name).
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
    scenario: GtmScenario
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
    def settings(self) -> dict:
        """Every scenario setting of this run by name (keywords of :func:`simulate_gtm`)."""
        return self.scenario.settings()

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
        policy = _Policy(
            self.steering, self.leads_per_month, self.qualify_out_share, self.onboarding_hours
        )
        _, _, _, pursue, close, _ = _rates(policy, self.settings)
        fit = self.scenario.referral_fit_share
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
        sc = self.scenario
        paid = (sc.sales_hours_per_month + sc.cs_hours_per_month) * self.months
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

    @worded
    def label(self) -> str:
        """How this run was steered, in a few words ("local targets", "local target: CS"),
        for legends and summaries (built by :func:`demandlab.gtm.report.steering_label`)."""

    @worded
    def summary(self, label: str | None = None) -> str:
        """A few short lines: the departments' numbers, the customers' numbers, the waste
        (the words are built in :mod:`demandlab.gtm.report`, the lesson's one place for prose).

        Examples
        --------
        >>> from demandlab.gtm.model import simulate_gtm
        >>> print(simulate_gtm(steering=1.0).summary())
        local targets:
           marketing 450 leads/month, sales 125 deals/month, CS 4.0 h/customer
           customers: 524 reach success in 24 months, 567 referred leads,
           0.24 referrals per customer won
           waste: 34,788 h (89% of all work),
           66 h per customer reaching success
        """
