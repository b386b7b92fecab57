"""How long a new customer waits for onboarding: the CS team as a queue, in the flow engine."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ... import checks
from ...checks import number, whole
from ...engine import simulate_line
from ..scenario import ONBOARDING_QUEUE, QUEUE_CUSTOMERS_SIMULATED, WORKING_HOURS_PER_DAY
from .flow import MAX_LEADS_PER_MONTH

__all__ = ["OnboardingQueue", "onboarding_queue"]


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
    cs_people: int = ONBOARDING_QUEUE["cs_people"],
    hours_per_person_per_month: float = ONBOARDING_QUEUE["hours_per_person_per_month"],
    cv: float = ONBOARDING_QUEUE["cv"],
    seed: int = ONBOARDING_QUEUE["seed"],
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
    n = number("customers_per_month", customers_per_month, 0.01, MAX_LEADS_PER_MONTH)
    h = number("onboarding_hours", onboarding_hours, 0.01, 1000.0)
    people = whole("cs_people", cs_people, 1, 10_000)
    month_hours = number("hours_per_person_per_month", hours_per_person_per_month, 1.0, 744.0)
    variability = number("cv", cv, 0.0, 10.0)
    rng_seed = checks.seed(seed)
    rate = n / month_hours  # customers per working hour
    load = rate * h / people
    if load >= 1.0:
        return OnboardingQueue(n, h, people, month_hours, load, math.inf, False)
    line = simulate_line(
        [h],
        machines=people,
        cv=variability,
        arrival_rate=rate,
        n_jobs=QUEUE_CUSTOMERS_SIMULATED,
        seed=rng_seed,
    )
    # no -0.0 from rounding
    wait = max(float(line.queue_time[0]), 0.0) / WORKING_HOURS_PER_DAY
    return OnboardingQueue(n, h, people, month_hours, load, wait, True)
