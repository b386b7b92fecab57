"""The laws of a line without simulation: its three numbers, the bounds, and Kingman.

Hopp & Spearman's best, worst and practical-worst cases for a closed line, and the VUT
(Kingman) queue time at one station: what a shop-floor walk predicts before any run.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..checks import InputError, numbers_array
from ._inputs import CV_MAX, MAX_MACHINES, RATE_MAX, TIME_MAX, TIME_MIN
from ._inputs import machines as _machines
from ._inputs import process_times as _process_times
from ._inputs import wip_levels as _wip_levels

__all__ = [
    "LineParameters",
    "LinePerformance",
    "best_case",
    "kingman_queue_time",
    "line_parameters",
    "practical_worst_case",
    "worst_case",
]


@dataclass(frozen=True)
class LineParameters:
    """The three numbers that characterise a line (Hopp & Spearman, Factory Physics ch. 7).

    Attributes
    ----------
    bottleneck_rate : float
        ``rb = min(machines / process_times)``, jobs per time unit.
    raw_process_time : float
        ``T0 = sum(process_times)``: a job's cycle time in an empty line.
    critical_wip : float
        ``W0 = rb * T0``: the least WIP that reaches full throughput in the best case.
    """

    bottleneck_rate: float
    raw_process_time: float
    critical_wip: float


@dataclass(frozen=True)
class LinePerformance:
    """Throughput and cycle time at given WIP levels (floats for a scalar WIP, else arrays).

    Attributes
    ----------
    wip : float or ndarray
        The WIP levels asked for.
    throughput : float or ndarray
        Jobs per time unit.
    cycle_time : float or ndarray
        Mean time from release to exit, in the process-time unit.
    """

    wip: float | np.ndarray
    throughput: float | np.ndarray
    cycle_time: float | np.ndarray


def line_parameters(process_times, machines=1) -> LineParameters:
    """Bottleneck rate, raw process time and critical WIP of a serial line.

    The three numbers a shop-floor walk should give you before any simulation.

    Parameters
    ----------
    process_times : float or sequence of float
        Mean process time per station, each in [1e-9, 1e9] (any consistent unit).
    machines : int or sequence of int, default 1
        Identical machines per station.

    Returns
    -------
    LineParameters
        ``rb = min(machines / process_times)``, ``T0 = sum(process_times)``, ``W0 = rb * T0``.

    Examples
    --------
    >>> p = line_parameters([2, 5, 10, 3], machines=[1, 2, 6, 2])  # Penny Fab Two
    >>> round(p.bottleneck_rate, 3), p.raw_process_time, round(p.critical_wip, 3)
    (0.4, 20.0, 8.0)
    """
    te = _process_times(process_times)
    m = _machines(machines, te.size)
    rb = float(np.min(m / te))
    t0 = float(np.sum(te))
    return LineParameters(bottleneck_rate=rb, raw_process_time=t0, critical_wip=rb * t0)


def _performance(w: np.ndarray, scalar: bool, th: np.ndarray, ct: np.ndarray) -> LinePerformance:
    if scalar:
        return LinePerformance(wip=float(w), throughput=float(th), cycle_time=float(ct))
    for a in (w, th, ct):
        a.flags.writeable = False
    return LinePerformance(wip=w, throughput=th, cycle_time=ct)


def best_case(process_times, wip, machines=1) -> LinePerformance:
    """Best-case throughput and cycle time of a closed line holding ``wip`` jobs.

    No variability at all: ``TH = min(w / T0, rb)``, ``CT = max(T0, w / rb)``
    (Hopp & Spearman, Factory Physics, ch. 7). The shop floor cannot beat it.

    Parameters
    ----------
    process_times : float or sequence of float
        Mean process time per station, each in [1e-9, 1e9].
    wip : float or sequence of float
        WIP level(s), each in [1, 1e9].
    machines : int or sequence of int, default 1
        Identical machines per station.

    Returns
    -------
    LinePerformance
        Floats for a scalar ``wip``, read-only arrays otherwise.

    Examples
    --------
    >>> bc = best_case([2, 2, 2, 2], wip=[1, 4, 8])  # Penny Fab One
    >>> bc.throughput.round(3).tolist(), bc.cycle_time.round(3).tolist()
    ([0.125, 0.5, 0.5], [8.0, 8.0, 16.0])
    """
    p = line_parameters(process_times, machines)
    w, scalar = _wip_levels(wip)
    th = np.minimum(w / p.raw_process_time, p.bottleneck_rate)
    ct = np.maximum(p.raw_process_time, w / p.bottleneck_rate)
    return _performance(w, scalar, th, ct)


def worst_case(process_times, wip, machines=1) -> LinePerformance:
    """Worst-case throughput and cycle time of a closed line holding ``wip`` jobs.

    All ``w`` jobs travel together as one batch: ``TH = 1 / T0``, ``CT = w * T0``
    (Hopp & Spearman, Factory Physics, ch. 7) -- the sales floor that works one big
    batch of leads at a time.

    Parameters
    ----------
    process_times : float or sequence of float
        Mean process time per station, each in [1e-9, 1e9].
    wip : float or sequence of float
        WIP level(s), each in [1, 1e9].
    machines : int or sequence of int, default 1
        Identical machines per station (validated; the worst case does not depend on it).

    Returns
    -------
    LinePerformance
        Floats for a scalar ``wip``, read-only arrays otherwise.

    Examples
    --------
    >>> wc = worst_case([2, 2, 2, 2], wip=4)
    >>> wc.throughput, wc.cycle_time
    (0.125, 32.0)
    """
    p = line_parameters(process_times, machines)
    w, scalar = _wip_levels(wip)
    th = np.broadcast_to(1.0 / p.raw_process_time, w.shape).copy()
    ct = w * p.raw_process_time
    return _performance(w, scalar, th, ct)


def practical_worst_case(process_times, wip, machines=1) -> LinePerformance:
    """Practical-worst-case throughput and cycle time of a closed line holding ``wip`` jobs.

    ``TH = w / (W0 + w - 1) * rb``, ``CT = T0 + (w - 1) / rb`` (Hopp & Spearman,
    Factory Physics, ch. 7): exact for a balanced line of single exponential machines
    (mean-value analysis). A shop floor doing worse than this has a fixable problem.

    Parameters
    ----------
    process_times : float or sequence of float
        Mean process time per station, each in [1e-9, 1e9].
    wip : float or sequence of float
        WIP level(s), each in [1, 1e9].
    machines : int or sequence of int, default 1
        Identical machines per station (they enter through ``rb`` and ``W0``).

    Returns
    -------
    LinePerformance
        Floats for a scalar ``wip``, read-only arrays otherwise.

    Examples
    --------
    >>> pwc = practical_worst_case([2, 2, 2, 2], wip=4)
    >>> round(pwc.throughput, 4), pwc.cycle_time
    (0.2857, 14.0)
    """
    p = line_parameters(process_times, machines)
    w, scalar = _wip_levels(wip)
    th = w / (p.critical_wip + w - 1) * p.bottleneck_rate
    ct = p.raw_process_time + (w - 1) / p.bottleneck_rate
    return _performance(w, scalar, th, ct)


def kingman_queue_time(process_time, arrival_rate, cv=1.0, arrival_cv=1.0, machines=1):
    """Mean time in queue at one station, by the VUT (Kingman) approximation.

    ``CTq = ((ca^2 + ce^2) / 2) * (u^(sqrt(2(m+1)) - 1) / (m (1 - u))) * te`` with
    ``u = arrival_rate * te / m``: Variability x Utilization x Time. For ``m = 1`` it is
    Kingman's formula (exact for M/M/1); for ``m > 1`` it is the Sakasegawa approximation
    used by Hopp & Spearman (Factory Physics, ch. 8). A busy machine or a busy sales rep
    makes work wait far more than linearly.

    Arguments broadcast against each other (scalars give a float).

    Parameters
    ----------
    process_time : float or array
        Mean process time ``te`` in [1e-9, 1e9].
    arrival_rate : float or array
        Jobs per time unit, in [0, 1e9].
    cv : float or array, default 1.0
        Coefficient of variation of process times ``ce`` in [0, 10].
    arrival_cv : float or array, default 1.0
        Coefficient of variation of interarrival times ``ca`` in [0, 10].
    machines : int or array of int, default 1
        Identical machines at the station.

    Returns
    -------
    float or ndarray
        Mean queue time, in the unit of ``process_time``.

    Raises
    ------
    demandlab.checks.InputError
        (a ValueError) Naming the parameter for bad input; saying "unstable" when ``u >= 1``
        (the queue grows without bound, so there is no steady-state time to return).

    Examples
    --------
    >>> round(kingman_queue_time(1.0, 0.8), 9)  # M/M/1 at u = 0.8: CTq = 4, CT = 5
    4.0
    >>> round(kingman_queue_time(10.0, 0.5, cv=0.5, machines=6), 3)
    3.791
    """
    flat = dict(flat=False)  # Kingman's arguments broadcast, so any shape will do
    te = numbers_array("process_time", process_time, TIME_MIN, TIME_MAX, **flat)
    lam = numbers_array("arrival_rate", arrival_rate, 0.0, RATE_MAX, **flat)
    ce = numbers_array("cv", cv, 0.0, CV_MAX, **flat)
    ca = numbers_array("arrival_cv", arrival_cv, 0.0, CV_MAX, **flat)
    m = numbers_array("machines", machines, 1, MAX_MACHINES, whole=True, **flat)
    try:
        te, lam, ce, ca, m = np.broadcast_arrays(te, lam, ce, ca, m)
    except ValueError as exc:
        raise InputError(
            "process_time, arrival_rate, cv, arrival_cv and machines must broadcast together, "
            f"got shapes {[np.shape(a) for a in (te, lam, ce, ca, m)]}"
        ) from exc
    u = lam * te / m
    if np.any(u >= 1):
        raise InputError(
            "unstable: utilization u = arrival_rate * process_time / machines must be < 1, "
            f"got u = {np.array2string(u, threshold=6, edgeitems=3)}"
        )
    wq = (ca**2 + ce**2) / 2 * u ** (np.sqrt(2 * (m + 1)) - 1) / (m * (1 - u)) * te
    return float(wq) if wq.ndim == 0 else wq
