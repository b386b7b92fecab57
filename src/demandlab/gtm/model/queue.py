"""How long a new customer waits for onboarding: the CS team as a queue, in the flow engine."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ... import checks
from ...checks import in_range, whole
from ...engine import simulate_line
from ...exports import UtilisationSpelling
from ...formatting import worded
from ..scenario import (
    MAX_LEADS_PER_MONTH,
    MAX_ONBOARDING_WAIT_DAYS,
    ONBOARDING_QUEUE,
    QUEUE_CUSTOMERS_SIMULATED,
    WORKING_HOURS_PER_DAY,
)
from .erlang import MAX_PEOPLE, erlang_c_wait

__all__ = ["OnboardingQueue", "erlang_c_wait", "load_limit", "onboarding_queue"]


def load_limit(
    onboarding_hours: float,
    *,
    max_wait_working_days: float = MAX_ONBOARDING_WAIT_DAYS,
    cs_people: int = ONBOARDING_QUEUE["cs_people"],
) -> float:
    """The highest load of the CS team at which a new customer's mean wait stays in the promise.

    The month-by-month model treats CS hours as one pool; a customer feels a queue. This
    finds, by bisection on :func:`erlang_c_wait`, the share of the team's hours the plan may
    book so that a new customer waits on average at most ``max_wait_working_days`` before a
    person starts onboarding them (random arrivals and onboarding times, one shared queue).

    Parameters
    ----------
    onboarding_hours : float
        Onboarding hours per customer (longer jobs wait longer at the same load).
    max_wait_working_days : float
        The promise: the longest mean wait, in 8-hour working days (2; 0.01 to 1,000).
    cs_people : int
        People who share the onboarding queue (5; 1 to 10,000).

    Returns
    -------
    float
        A load in (0, 1), rounded down to 0.1% so the promise holds.

    Examples
    --------
    >>> load_limit(14.3)
    0.873
    >>> load_limit(14.3, cs_people=10) > load_limit(14.3)  # a bigger shared team runs hotter
    True
    >>> load_limit(1000, max_wait_working_days=0.01, cs_people=1)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    demandlab.checks.InputError: max_wait_working_days must be at least 0.13 working days for ...
    """
    h = in_range("onboarding_hours", onboarding_hours, 0.01, 1000.0)
    days = in_range("max_wait_working_days", max_wait_working_days, 0.01, 1000.0)
    people = whole("cs_people", cs_people, 1, MAX_PEOPLE)
    promise = days * WORKING_HOURS_PER_DAY
    low, high = 0.0, 1.0
    for _ in range(60):  # the wait rises with the load, so bisection finds the crossing
        mid = (low + high) / 2.0
        low, high = (mid, high) if erlang_c_wait(mid, h, people) <= promise else (low, mid)
    limit = max(math.floor(low * 1000.0) / 1000.0, 0.001)
    if erlang_c_wait(limit, h, people) > promise:
        # even an almost idle team cannot keep it: a wait of at least this is unavoidable
        shortest = erlang_c_wait(0.001, h, people) / WORKING_HOURS_PER_DAY
        raise checks.refuse(
            "max_wait_working_days",
            max_wait_working_days,
            f"at least {shortest:.2f} working days for {h:g} h onboardings shared by "
            f"{people:,} {'person' if people == 1 else 'people'} (no load keeps a shorter promise)",
        )
    return limit


@dataclass(frozen=True)
class OnboardingQueue(UtilisationSpelling):
    """How long new customers wait for onboarding, from the flow engine.

    Attributes
    ----------
    customers_per_month, onboarding_hours, cs_people, hours_per_person_per_month
        The load and the team.
    utilisation : float
        Share of the CS team's hours the onboardings take (``utilization`` is an alias,
        the name before the course settled on one spelling).
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
    utilisation: float
    wait_working_days: float
    stable: bool

    @worded
    def __str__(self) -> str:
        """How long a new customer waits for onboarding, a sentence (``print(queue)``; built
        by :func:`demandlab.gtm.report.queue_text`)."""


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
    :func:`work_backwards` books only the load :func:`load_limit` allows.

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
    >>> round(q.utilisation, 2), q.stable
    (0.72, True)
    >>> onboarding_queue(70, 14.3).stable
    False
    """
    n = in_range("customers_per_month", customers_per_month, 0.01, MAX_LEADS_PER_MONTH)
    h = in_range("onboarding_hours", onboarding_hours, 0.01, 1000.0)
    people = whole("cs_people", cs_people, 1, 10_000)
    month_hours = in_range("hours_per_person_per_month", hours_per_person_per_month, 1.0, 744.0)
    variability = in_range("cv", cv, 0.0, 10.0)
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
