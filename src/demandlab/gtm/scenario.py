"""Lesson 05's numbers: the market, the three teams and the customers of a software company.

This is the one file to edit to adapt the lesson (the models, figures and widgets read
their defaults from here). After a change, re-run the notebook's checked cells
(``make execute-notebooks NB=notebooks/05-demand-response.ipynb``) and update the numbers
the notebook and instructors/05-demand-response.md state: tests/test_gtm.py compares them
with this file.

Every field of ``GtmScenario`` is a keyword of ``simulate_gtm``, ``gtm_explorer`` and
``work_backwards`` (so ``dl.gtm_explorer(cs_hours_per_month=1600)`` tries one change
without editing anything). "End to end" and "local target" are the two ways each team can
be steered; the model blends them with ``steering`` (0 = end to end, 1 = local targets).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ..checks import Replaceable, in_range, whole

MAX_MONTHS = 120  # longest horizon a run may take, months
MAX_LEADS_PER_MONTH = 1_000_000  # most leads a month any setting may name
MAX_HOURS = 1e9  # most hours a month a team may have


@dataclass(frozen=True)
class GtmScenario(Replaceable):
    """The go-to-market flow's settings: the market, the three teams and the customers.

    Every value is checked when a scenario is made (an :class:`~demandlab.checks.InputError`
    names the setting); change one with :meth:`replace` (or ``dataclasses.replace``).

    Examples
    --------
    >>> SCENARIO.replace(cs_hours_per_month=1600).cs_hours_per_month
    1600.0
    """

    months: int = 24  # months simulated
    # Marketing.
    focused_leads_per_month: float = 150.0  # leads a month from people who have the problem
    focused_fit_share: float = 0.5  # share of those focused leads who fit the product
    pushed_leads_per_month: float = 450.0  # leads a month when marketing chases its lead target
    broad_fit_share: float = 0.05  # share of the extra, broadly targeted leads who fit
    marketing_hours_per_lead: float = 0.5  # marketing hours per lead it generates
    # Sales.
    sales_hours_per_month: float = 900.0  # hours the sales team has a month
    qualify_hours: float = 1.0  # sales hours of a qualifying call (end to end)
    discovery_hours: float = 5.0  # sales hours of a full sale after qualifying (end to end)
    push_hours: float = 2.5  # sales hours of a pushed sale with no qualifying (local target)
    qualify_catch_share: float = 0.9  # share of poor-fit leads a qualifying call recognises
    close_rate_fit: float = 0.5  # share of leads that fit which sales closes
    close_rate_poor_fit: float = 0.1  # share of pursued poor-fit leads closed, sold honestly
    pushed_close_rate_poor_fit: float = 0.3  # the same with discounts and promises (local target)
    # Customer success (CS).
    cs_hours_per_month: float = 800.0  # hours the CS team has a month (five people)
    careful_onboarding_hours: float = 12.0  # onboarding hours per new customer (end to end)
    fast_onboarding_hours: float = 4.0  # onboarding hours per new customer (handling-time target)
    # The customer: success probability is ceiling * (1 - exp(-hours / scale)).
    success_ceiling_fit: float = 0.9  # most a customer who fits can reach success
    success_ceiling_poor_fit: float = 0.1  # most a poor-fit customer can reach success
    onboarding_hours_scale: float = 5.0  # onboarding hours that win about 63% of that ceiling
    # ... times (1 - loss) ** (working days the customer waited for onboarding to start).
    success_loss_per_wait_day: float = 0.0  # share of the chance of success lost per day waited
    months_to_success: int = 3  # months from the deal to success
    referrals_per_success: float = 1.2  # new leads each successful customer refers, on average
    referral_fit_share: float = 0.8  # share of referred leads who fit
    referral_delay_months: int = 2  # months from success to the referred leads arriving
    renewal_months: int = 12  # months from the deal to the renewal
    renew_share_success: float = 0.9  # share of successful customers who renew
    renew_share_no_success: float = 0.05  # share of the other customers who renew

    def __post_init__(self) -> None:
        for name, limits in _LIMITS.items():
            object.__setattr__(self, name, _checked(name, getattr(self, name), limits))

    def settings(self) -> dict:
        """Every setting by name, in the order of the fields (keywords of ``simulate_gtm``)."""
        return dataclasses.asdict(self)

    def __getitem__(self, name: str) -> float | int:
        """A setting by name, ``SCENARIO["months"]`` (the game and the question bank read it so)."""
        if name not in SCENARIO_SETTINGS:
            raise KeyError(name)
        return getattr(self, name)


_SHARE = (0.0, 1.0)
_TASK_HOURS = (0.0, 1000.0)
# What each setting may be: (low, high) for a number, ("whole", low, high) for a count of
# months, ("above", low, high) for a number that must exceed low.
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
# The names of the settings, in the order simulate_gtm takes them.
SCENARIO_SETTINGS = tuple(f.name for f in dataclasses.fields(GtmScenario))


def _checked(name: str, value: object, limits: tuple) -> float | int:
    if limits[0] == "whole":
        return whole(name, value, limits[1], limits[2])
    if limits[0] == "above":
        return in_range(name, value, limits[1], limits[2], low_open=True)
    return in_range(name, value, *limits)


# The lesson's scenario.
SCENARIO = GtmScenario()

# The assumptions the capstone's verdict (local targets reach fewer customers) rests on: the
# range the explorer's assumptions panel and verdict_sweep cover for each, and its step.
VERDICT_ASSUMPTIONS = {
    "broad_fit_share": (0.0, 0.6, 0.05),  # fit of the extra, broadly targeted leads
    "success_ceiling_poor_fit": (0.0, 0.9, 0.05),  # most a poor-fit customer can reach success
    "onboarding_hours_scale": (0.5, 10.0, 0.5),  # hours: how much onboarding hours matter
    "success_loss_per_wait_day": (0.0, 0.9, 0.05),  # chance of success lost per day waited
}
SWEEP_POINTS = 19  # values verdict_sweep tries across each range before refining a crossing

# The explorer: one slider from end to end (0%) to local targets (100%).
STEERING_STEP = 0.1  # steering per step of the explorer's slider (10 points)

# Working backwards from a concrete result (work_backwards).
TARGET_REFERRALS_PER_CUSTOMER = 1.0  # the lesson's result: every customer refers one other
# The promise to a new customer: onboarding starts within this many working days on
# average. The plan books the most of CS's (and sales') hours that keeps it (load_limit).
MAX_ONBOARDING_WAIT_DAYS = 2.0

# The onboarding queue (onboarding_queue): the CS team as people a customer waits for.
ONBOARDING_QUEUE = {
    "cs_people": 5,  # people in the CS team
    "hours_per_person_per_month": 160.0,  # working hours per person per month
    "cv": 1.0,  # variability of onboarding times: 1 exponential, 0 all alike
    "seed": 1,  # seed of the simulated customers
}
# The pooling experiment (pooling_experiment): one shared onboarding queue or one per person,
# at the plan's load limit and onboarding hours (work_backwards(TARGET_REFERRALS_PER_CUSTOMER),
# derived by the model, not stored here).
POOLING = {
    "customers": 20_000,  # simulated customers per replication (the first tenth is warm-up)
    "replications": 10,  # independent seeded runs, for the 95% intervals
    "seed": 5,  # seed of the simulated customers
    "sweep_loads": (0.5, 0.6, 0.7, 0.8, 0.85, 0.9),  # loads the figure compares (pooling_sweep)
    "sweep_customers": 10_000,  # simulated customers per replication in the figure's sweep
}
# The month-by-month flow charges each month's new customers the Erlang C wait of the CS
# team (cs_hours_per_month / hours_per_person_per_month people sharing one queue) at that
# month's load; a month booked beyond this load is charged this load's wait.
WAIT_LOAD_CAP = 0.98  # share of CS's hours
QUEUE_CUSTOMERS_SIMULATED = 20_000  # customers the flow engine queues per call
WORKING_HOURS_PER_DAY = 8.0  # hours in a working day, for waits in working days
