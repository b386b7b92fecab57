"""One shared queue or one per specialist: why hand-offs to specialists hurt under variability.

Five CS people onboard new customers. *Pooled*: whoever is free takes the next customer (one
queue, M/M/c when arrivals and onboarding times are random). *Specialists*: each customer is
handed to the one person who owns its segment (five queues of M/M/1): a customer can wait
while another specialist sits idle. Same people, same customers, same work; only the
routing differs. The experiment runs both on the same simulated customers (common random
numbers), over seeded replications, and reports each mean wait with its 95% interval
(demandlab.engine.stats) next to queueing theory (Erlang C and M/M/1).
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass

import numpy as np

from ... import checks
from ...checks import frozen, in_range, whole
from ...engine.stats import mean_ci
from ...formatting import worded
from ..scenario import ONBOARDING_QUEUE, POOLING, WORKING_HOURS_PER_DAY
from .erlang import MAX_PEOPLE, erlang_c_wait
from .plan import plan_operating_point

__all__ = ["PoolingResult", "pooling_experiment", "pooling_sweep"]

MAX_CUSTOMERS = 200_000
MAX_REPLICATIONS = 200


@dataclass(frozen=True)
class PoolingResult:
    """Mean waits before onboarding starts, one shared queue against one queue per person.

    Attributes
    ----------
    load, onboarding_hours, cs_people, cv, customers, replications, seed
        The experiment's settings (``customers`` per replication).
    pooled_waits, specialist_waits : ndarray, shape (replications,)
        Mean wait of each replication, in 8-hour working days (after a warm-up tenth).
    pooled_theory, specialist_theory : float
        Queueing theory in working days. One queue per specialist is M/G/1, exact for any
        ``cv`` (Pollaczek-Khinchine: M/M/1 scaled by (1 + cv²) / 2). The shared queue is
        Erlang C (M/M/c), exact when ``cv`` is 1; for other ``cv`` the same scaling is the
        Allen-Cunneen approximation.
    """

    load: float
    onboarding_hours: float
    cs_people: int
    cv: float
    customers: int
    replications: int
    seed: int
    pooled_waits: np.ndarray
    specialist_waits: np.ndarray
    pooled_theory: float
    specialist_theory: float

    @property
    def pooled(self) -> tuple[float, float]:
        """(mean wait, 95% half-width) with one shared queue, working days."""
        return mean_ci(self.pooled_waits)

    @property
    def specialists(self) -> tuple[float, float]:
        """(mean wait, 95% half-width) with one queue per specialist, working days."""
        return mean_ci(self.specialist_waits)

    @property
    def ratio(self) -> float:
        """How many times longer a customer waits with specialists than with one queue."""
        pooled = self.pooled[0]
        return self.specialists[0] / pooled if pooled > 0 else math.inf

    @worded
    def __str__(self) -> str:
        """The waits with both routings and their theory, a few lines (``print(result)``;
        built by :func:`demandlab.gtm.report.pooling_text`)."""


def _service(rng: np.random.Generator, n: int, mean: float, cv: float) -> np.ndarray:
    """Onboarding times: exponential at cv 1, gamma otherwise, all alike at cv 0."""
    if cv == 0:
        return np.full(n, mean)
    shape = 1.0 / (cv * cv)
    return rng.gamma(shape, mean / shape, size=n)


def _specialist_waits(arrive: np.ndarray, work: np.ndarray) -> np.ndarray:
    """FIFO waits at one person (Lindley's recursion, solved with a running minimum)."""
    if arrive.size == 0:
        return arrive
    step = np.zeros(arrive.size)
    step[1:] = work[:-1] - np.diff(arrive)
    walk = np.cumsum(step)
    return walk - np.minimum.accumulate(walk)


def _pooled_waits(arrive: np.ndarray, work: np.ndarray, people: int) -> np.ndarray:
    """FIFO waits with one queue: each customer takes the person who is free first."""
    free = [0.0] * people
    waits = np.empty(arrive.size)
    for i, (t, s) in enumerate(zip(arrive.tolist(), work.tolist())):
        start = max(t, free[0])
        waits[i] = start - t
        heapq.heapreplace(free, start + s)
    return waits


def pooling_experiment(
    load: float | None = None,
    onboarding_hours: float | None = None,
    *,
    cs_people: int = ONBOARDING_QUEUE["cs_people"],
    cv: float = ONBOARDING_QUEUE["cv"],
    customers: int = POOLING["customers"],
    replications: int = POOLING["replications"],
    seed: int = POOLING["seed"],
) -> PoolingResult:
    """Onboard the same random customers with one shared queue and with one queue per specialist.

    Customers arrive at random (Poisson) at a rate that loads the CS team to ``load``; each
    takes ``onboarding_hours`` on average with variability ``cv``. Pooled: any free person
    takes the next customer. Specialists: each customer belongs to one of the
    ``cs_people`` segments at random and waits for that segment's person.

    Parameters
    ----------
    load : float in (0, 1), optional
        Share of the team's hours the onboardings take (default: the plan's load limit,
        0.873, from :func:`plan_operating_point`).
    onboarding_hours : float, optional
        Mean onboarding hours per customer (default: the plan's, 14.3).
    cs_people : int
        People in the CS team (5; 1 to 10,000).
    cv : float
        Variability of onboarding times (1 = exponential, 0 = all alike; 0 to 10).
    customers : int
        Customers per replication (1,000 to 200,000); the first tenth is warm-up.
    replications : int
        Independent seeded runs (2 to 200), for the 95% intervals.
    seed : int
        Seed of the first replication's customers.

    Returns
    -------
    PoolingResult
        Mean waits per replication, their intervals and theory; ``print()`` gives the
        comparison.

    Examples
    --------
    >>> r = pooling_experiment(0.8, 10.0, customers=5_000, replications=4)
    >>> r.specialists[0] > 3 * r.pooled[0]
    True
    """
    plan_load, plan_hours = plan_operating_point()
    load = plan_load if load is None else load
    onboarding_hours = plan_hours if onboarding_hours is None else onboarding_hours
    rho = in_range("load", load, 0.0, 1.0, low_open=True, high_open=True)
    h = in_range("onboarding_hours", onboarding_hours, 0.01, 1000.0)
    people = whole("cs_people", cs_people, 1, MAX_PEOPLE)
    variability = in_range("cv", cv, 0.0, 10.0)
    n = whole("customers", customers, 1_000, MAX_CUSTOMERS)
    reps = whole("replications", replications, 2, MAX_REPLICATIONS)
    rng_seed = checks.seed(seed)
    rate = rho * people / h  # customers per working hour
    warm = n // 10
    pooled, split = np.empty(reps), np.empty(reps)
    for k, stream in enumerate(np.random.SeedSequence(rng_seed).spawn(reps)):
        rng = np.random.default_rng(stream)
        arrive = np.cumsum(rng.exponential(1.0 / rate, size=n))
        work = _service(rng, n, h, variability)
        owner = rng.integers(people, size=n)
        pooled[k] = _pooled_waits(arrive, work, people)[warm:].mean()
        waits = np.empty(n)
        for j in range(people):
            mine = owner == j
            waits[mine] = _specialist_waits(arrive[mine], work[mine])
        split[k] = waits[warm:].mean()
    scale = (1.0 + variability**2) / 2.0 / WORKING_HOURS_PER_DAY
    return PoolingResult(
        load=rho,
        onboarding_hours=h,
        cs_people=people,
        cv=variability,
        customers=n,
        replications=reps,
        seed=rng_seed,
        pooled_waits=frozen(pooled / WORKING_HOURS_PER_DAY),
        specialist_waits=frozen(split / WORKING_HOURS_PER_DAY),
        pooled_theory=erlang_c_wait(rho, h, people) * scale,
        specialist_theory=erlang_c_wait(rho, h, 1) * scale,
    )


def pooling_sweep(
    loads: tuple[float, ...] = POOLING["sweep_loads"],
    onboarding_hours: float | None = None,
    *,
    cs_people: int = ONBOARDING_QUEUE["cs_people"],
    cv: float = ONBOARDING_QUEUE["cv"],
    customers: int = POOLING["sweep_customers"],
    replications: int = POOLING["replications"],
    seed: int = POOLING["seed"],
) -> tuple[PoolingResult, ...]:
    """:func:`pooling_experiment` at several loads (1 to 20 of them), for ``plot_pooling``.

    Examples
    --------
    >>> [round(r.load, 1) for r in pooling_sweep((0.5, 0.9), customers=2_000)]
    [0.5, 0.9]
    """
    chosen = checks.sequence("loads", loads, 1, 20)
    return tuple(
        pooling_experiment(
            x,
            onboarding_hours,
            cs_people=cs_people,
            cv=cv,
            customers=customers,
            replications=replications,
            seed=seed,
        )
        for x in chosen
    )
