"""Lesson 05's one-line printers for the exercises: a model run and its sentences."""

from __future__ import annotations

from ...formatting import number as num
from ...formatting import pct
from ..model import (
    pooling_experiment,
    scenario_settings,
    simulate_gtm,
    verdict_sweeps,
    work_backwards,
)
from ..scenario import ONBOARDING_QUEUE, POOLING
from .words import steering_label, wrapped


def verdict_summary(**scenario: float) -> None:
    """Print where the capstone's verdict flips: each assumption swept on its own.

    For each setting the verdict rests on (``VERDICT_ASSUMPTIONS``), the value at which
    local targets reach as many customers as end-to-end steering, the others held at the
    scenario's values (:func:`verdict_sweeps`).

    Examples
    --------
    >>> verdict_summary()  # doctest: +ELLIPSIS
    Local targets reach as many customers as end-to-end steering when ...
    - fit of the extra leads (today 5%): local targets catch up at 37%.
    ...
    """
    sweeps = verdict_sweeps(**scenario)
    print(
        wrapped(
            "Local targets reach as many customers as end-to-end steering when one assumption "
            "moves this far (the others as today):"
        )
    )
    for sweep in sweeps:
        print(wrapped("- " + str(sweep)))


def gtm_summary(
    steering: float = 0.0,
    *,
    marketing: float | None = None,
    sales: float | None = None,
    cs: float | None = None,
    seed: int | None = None,
    **scenario: float,
) -> None:
    """Print one run of :func:`simulate_gtm` in a few lines, next to end-to-end steering.

    For exercises: change one value (``cs=1.0``, ``seed=2``, ``referrals_per_success=0``)
    and run the cell again.

    Examples
    --------
    >>> gtm_summary(0.0, cs=1.0)  # doctest: +ELLIPSIS
    local target: CS:
       marketing 150 leads/month, sales 47 deals/month, CS 4.0 h/customer
       customers: 475 reach success in 24 months, 512 referred leads,
    ...
    Customers reaching success: 475 against 903 steered end to end (−47%).
    """
    sc = scenario_settings(scenario)  # an unknown setting is refused by name
    result = simulate_gtm(steering, marketing=marketing, sales=sales, cs=cs, seed=seed, **sc)
    print(result.summary())
    ref = result.reference
    if ref is result:
        return
    print(ref.summary())
    wins, base = result.customers_reaching_success, ref.customers_reaching_success
    change = f" ({pct(wins / base - 1.0, sign=True)})" if base > 0 else ""
    print(
        f"Customers reaching success: {num(wins)} against {num(base)} steered end to end{change}."
    )


def plan_summary(referrals_per_customer: float = 1.0, **scenario: float) -> None:
    """Print :func:`work_backwards`'s chain and what the plan gives when run forward.

    Examples
    --------
    >>> plan_summary(1.0)  # doctest: +ELLIPSIS
    1. Target: every customer refers 1.00 others on average.
    ...
    Run forward: 715 customers reach success in 24 months (903 steered end
       to end).
    """
    plan = work_backwards(referrals_per_customer, **scenario)
    print(plan)
    if plan.check is not None:
        e2e = simulate_gtm(0.0, **scenario_settings(scenario))
        print(
            wrapped(
                f"Run forward: {num(plan.check.customers_reaching_success)} customers reach "
                f"success in {plan.check.months} months ({num(e2e.customers_reaching_success)} "
                f"{steering_label(e2e)})."
            )
        )


def pooling_summary(
    load: float | None = None,
    onboarding_hours: float | None = None,
    *,
    cv: float = ONBOARDING_QUEUE["cv"],
    cs_people: int = ONBOARDING_QUEUE["cs_people"],
    customers: int = POOLING["customers"],
    replications: int = POOLING["replications"],
    seed: int = POOLING["seed"],
) -> None:
    """Print :func:`pooling_experiment`: one shared onboarding queue against specialists.

    For exercises: change one value (``cv=0.0``, ``cs_people=10``, ``load=0.7``).

    Examples
    --------
    >>> pooling_summary(0.8, 10.0, customers=2_000, replications=2)  # doctest: +ELLIPSIS
    CS loaded at 80.0%, 5 people, 2 runs of 2,000 customers.
    ...
    """
    result = pooling_experiment(
        load,
        onboarding_hours,
        cv=cv,
        cs_people=cs_people,
        customers=customers,
        replications=replications,
        seed=seed,
    )
    print(result)
    print(
        wrapped(
            f"With specialists a new customer waits {num(result.ratio, digits=1)} times as "
            "long for the same people at the same load."
        )
    )
