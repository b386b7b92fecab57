"""The Erlang C queue: how long a customer waits when several people share one queue.

Used by the flow (the wait of each month's new customers for onboarding), the planner's
load limit and the pooling experiment's theory lines.
"""

from __future__ import annotations

from ...checks import in_range, whole

__all__ = ["MAX_PEOPLE", "erlang_c", "erlang_c_wait"]

MAX_PEOPLE = 10_000


def erlang_c_wait(load: float, service_hours: float, servers: int) -> float:
    """Mean wait in queue of an M/M/c queue (Erlang C), in the unit of ``service_hours``.

    ``servers`` people share one queue; customers arrive at random (Poisson) and each takes
    an exponential time with mean ``service_hours``; ``load`` is the share of the people's
    time the work takes (utilisation, below 1). With one server this is the M/M/1 wait
    ``load / (1 - load) * service_hours``. Computed with the stable Erlang B recursion.

    Examples
    --------
    >>> erlang_c_wait(0.8, 1.0, 1)  # M/M/1 at 80%: four service times
    4.000000000000001
    >>> round(erlang_c_wait(0.85, 14.3, 5), 2)  # five people at 85%: hours
    12.48
    """
    rho = in_range("load", load, 0.0, 1.0, high_open=True)
    h = in_range("service_hours", service_hours, 0.0, 1e9)
    c = whole("servers", servers, 1, MAX_PEOPLE)
    return erlang_c(rho, h, c)


def erlang_c(rho: float, h: float, c: int) -> float:
    """:func:`erlang_c_wait` without the input checks, for callers that checked already
    (the flow calls it every month)."""
    a = rho * c  # offered load in erlangs
    blocked = 1.0  # Erlang B with 0 servers
    for k in range(1, c + 1):
        blocked = a * blocked / (k + a * blocked)
    waits = blocked / (1.0 - rho * (1.0 - blocked))  # Erlang C: the chance a customer waits
    return waits * h / (c * (1.0 - rho))
