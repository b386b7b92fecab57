"""The lesson's size guards and its argument checks, on top of demandlab.checks.

Every slider move must stay small (the lesson promises no progress bars), so each
experiment refuses a call that would simulate more than the guards below allow.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ...checks import InputError, in_range, refuse, result_of, sequence, whole

__all__ = [
    "MAX_CV",
    "MAX_DAYS",
    "MAX_JOBS_PER_RUN",
    "MAX_MACHINES",
    "MAX_REPLICATIONS",
    "MAX_STATIONS",
    "MAX_TIME",
    "MAX_TOTAL_JOBS",
    "MAX_WIP_LEVELS",
    "check_work",
    "cv",
    "machines",
    "result_of",
    "run_seeds",
    "slider_start",
    "times",
]

MAX_STATIONS = 20  # stations (or sales stages)
MAX_TIME = 1e4  # hours or days per station
MAX_MACHINES = 100  # machines per station
MAX_CV = 3.0  # coefficient of variation
MAX_WIP_LEVELS = 40  # WIP levels in the laws of the line
MAX_JOBS_PER_RUN = 20_000  # jobs in one simulated run
MAX_REPLICATIONS = 50  # runs per policy
MAX_TOTAL_JOBS = 400_000  # jobs per call, all runs together
MAX_DAYS = 20_000  # days of the shelf's ledger


def cv(name: str, value: object, high: float = MAX_CV) -> float:
    """A coefficient of variation in [0, high]; below 1e-6 it counts as 0 (constant times),
    because 1 / cv^2 (the gamma shape) overflows for a vanishing cv.

    Examples
    --------
    >>> cv("cv", 1e-9), cv("cv", 0.5)
    (0.0, 0.5)
    """
    v = in_range(name, value, 0.0, high)
    return 0.0 if v < 1e-6 else v


def times(name: str, value: object) -> tuple[float, ...]:
    """Mean times per station: a list of 1..MAX_STATIONS numbers in (0, MAX_TIME].

    Examples
    --------
    >>> times("stage_days", [2, 2.5])
    (2.0, 2.5)
    >>> times("stage_days", [2, 0])
    Traceback (most recent call last):
    ...
    demandlab.checks.InputError: each of stage_days must be a number > 0 and <= 10000, got 0
    """
    if isinstance(value, Sequence) and not isinstance(value, (str, bytes, list, tuple)):
        value = list(value)  # a range, say
    values = sequence(name, value, 1, MAX_STATIONS)
    return tuple(in_range(f"each of {name}", v, 0.0, MAX_TIME, low_open=True) for v in values)


def machines(value: object, n: int) -> tuple[int, ...]:
    """Identical machines per station: one whole number for all ``n`` stations, or one each.

    Examples
    --------
    >>> machines(2, 3), machines([1, 2, 6], 3)
    ((2, 2, 2), (1, 2, 6))
    """
    if isinstance(value, (Sequence, np.ndarray)) and not isinstance(value, (str, bytes)):
        if len(value) != n:
            raise refuse("machines", value, f"one whole number or one per station ({n})")
        return tuple(whole("each of machines", m, 1, MAX_MACHINES) for m in value)
    return (whole("machines", value, 1, MAX_MACHINES),) * n


def slider_start(name: str, value: object, high: int) -> int:
    """A whole-number starting value for an explorer's slider that runs 1..high.

    Examples
    --------
    >>> slider_start("wip_cap", 6, 24)
    6
    """
    return whole(name, value, 1, high)


def check_work(total_jobs: int) -> None:
    """Refuse a call that would simulate more than MAX_TOTAL_JOBS jobs in all.

    Examples
    --------
    >>> check_work(800_000)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    demandlab.checks.InputError: this call would simulate 800,000 jobs; keep it at or below ...
    """
    if total_jobs > MAX_TOTAL_JOBS:
        raise InputError(
            f"this call would simulate {total_jobs:,} jobs; keep it at or below "
            f"{MAX_TOTAL_JOBS:,} (fewer replications, jobs per run or WIP levels)"
        )


def run_seeds(seed: int, n: int) -> list[np.random.SeedSequence]:
    """``n`` independent seeds for ``n`` replications, split from one ``seed``.

    Each is a 64-bit number wrapped in a ``SeedSequence``, which the engine draws from
    exactly as it would from the number itself (numbers above 2**63-1 are not seeds).

    Examples
    --------
    >>> [s.entropy for s in run_seeds(1, 2)] == [
    ...     int(x) for x in np.random.SeedSequence(1).generate_state(2, dtype=np.uint64)
    ... ]
    True
    """
    states = np.random.SeedSequence(seed).generate_state(n, dtype=np.uint64)
    return [np.random.SeedSequence(int(s)) for s in states]
