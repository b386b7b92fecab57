"""Flow engine: a fast, validated production-line simulator in pure numpy.

A serial line of stations, fed by a push release (a renewal arrival process or given
release times) or by CONWIP (a fixed number of cards), with optional drop-outs after
each station. The same code models a machine shop and a sales funnel: a "job" is a
part on the shop floor or a lead on the sales floor.

How it is fast (all exact, no approximation):

- Every random number is drawn up front from ``seed`` (service times as an
  ``(n_stations, n_jobs)`` array), so the simulation itself is deterministic.
- A single-machine FIFO station obeys ``D(i) = max(A(i), D(i-1)) + S(i)``, a max-plus
  scan: ``D = C + maximum.accumulate(A - C + S)`` with ``C = cumsum(S)``.
- A multi-machine station with constant times keeps jobs in order, so it is ``m``
  interleaved single-machine scans. Multi-machine stations with random times use a
  heap of machine free times (a Python loop over jobs; the only per-job loop of an
  open line).
- A push line is computed station by station. A CONWIP line couples release to exit
  (job ``i`` enters when job ``i - wip_cap`` leaves). When every station keeps jobs in
  order and nothing drops out, the line is max-plus linear: blocks of jobs are reduced
  to max-plus transfer matrices (vectorised over all blocks), chained block by block,
  then expanded back. Otherwise an exact event loop (a heap of events) is used.
"""

from __future__ import annotations

import heapq
import math
import numbers
import reprlib
from dataclasses import dataclass

import numpy as np

__all__ = [
    "LineParameters",
    "LinePerformance",
    "LineResult",
    "best_case",
    "kingman_queue_time",
    "line_parameters",
    "practical_worst_case",
    "simulate_line",
    "worst_case",
]

# Guards that keep a fuzzed or mistyped call from exhausting memory or overflowing floats.
MAX_JOBS = 5_000_000
MAX_CELLS = 10_000_000  # n_jobs * n_stations: ~31 bytes per cell peak, so <= ~310 MB
MAX_STATIONS = 1_000
MAX_MACHINES = 1_000_000
MAX_WIP = 1_000_000_000
TIME_MIN, TIME_MAX = 1e-9, 1e9  # allowed process times, in your time unit
RATE_MIN, RATE_MAX = 1e-9, 1e9  # allowed arrival rates, jobs per time unit
RELEASE_MAX = 1e12  # allowed release times
CV_MAX = 10.0  # gamma shape 1/cv^2 = 0.01 already gives absurdly lumpy times
DEFAULT_JOBS = 10_000
_MATRIX_MAX_INPUTS = 64  # above this many block inputs the block-scan CONWIP method wins

_short = reprlib.Repr()
_short.maxlist = _short.maxtuple = 6
_short.maxstring = _short.maxother = 60


def _show(value: object) -> str:
    """A short repr for error messages (never dumps a million-element array)."""
    if isinstance(value, np.ndarray):
        return np.array2string(value, threshold=6, edgeitems=3)
    return _short.repr(value)


# --------------------------------------------------------------------------- validation


def _numeric_array(name: str, value: object) -> np.ndarray:
    """``value`` as a float array, refusing strings, booleans, None and other non-numbers."""
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(f"{name} must be a number or a sequence of numbers, got {_show(value)}")
    try:
        arr = np.asarray(value)
    except (TypeError, ValueError, OverflowError) as exc:
        raise TypeError(
            f"{name} must be a number or a sequence of numbers, got {_show(value)}"
        ) from exc
    if arr.dtype.kind not in "iuf":
        raise TypeError(
            f"{name} must be a number or a sequence of numbers (not {arr.dtype}), "
            f"got {_show(value)}"
        )
    return arr.astype(float)


def _station_values(
    name: str,
    value: object,
    n_stations: int | None,
    *,
    allowed: str,
    lo: float,
    hi: float,
    lo_open: bool = False,
    hi_open: bool = False,
) -> np.ndarray:
    """A per-station vector: a scalar (same for all stations) or one value per station."""
    arr = _numeric_array(name, value)
    if arr.ndim > 1:
        raise ValueError(f"{name} must be a scalar or a 1-D sequence, got {_show(value)}")
    if arr.ndim == 1 and arr.size == 0:
        raise ValueError(f"{name} must not be empty, got {_show(value)}")
    bad = (
        ~np.isfinite(arr)
        | (arr <= lo if lo_open else arr < lo)
        | (arr >= hi if hi_open else arr > hi)
    )
    if np.any(bad):
        raise ValueError(f"{name} must be {allowed}, got {_show(value)}")
    if n_stations is not None:
        if arr.ndim == 1 and arr.size != n_stations:
            raise ValueError(
                f"{name} must be a scalar or have one value per station ({n_stations}), "
                f"got {arr.size} values: {_show(value)}"
            )
        arr = np.broadcast_to(arr, (n_stations,)).copy()
    return arr


def _process_times(value: object) -> np.ndarray:
    te = _station_values(
        "process_times",
        value,
        None,
        lo=TIME_MIN,
        hi=TIME_MAX,
        allowed=f"finite times in [{TIME_MIN:g}, {TIME_MAX:g}] (one per station)",
    )
    te = np.atleast_1d(te)
    if te.size > MAX_STATIONS:
        raise ValueError(f"process_times must list at most {MAX_STATIONS} stations, got {te.size}")
    return te


def _machines(value: object, n_stations: int) -> np.ndarray:
    m = _station_values(
        "machines",
        value,
        n_stations,
        lo=1,
        hi=MAX_MACHINES,
        allowed=f"an integer in 1..{MAX_MACHINES:,} (scalar or one per station)",
    )
    if np.any(m != np.round(m)):
        raise ValueError(
            f"machines must be an integer in 1..{MAX_MACHINES:,} (scalar or one per station), "
            f"got {_show(value)}"
        )
    return m.astype(np.int64)


def _integer(name: str, value: object, lo: int, hi: int) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        if isinstance(value, (float, np.floating)) and math.isfinite(value) and value == int(value):
            value = int(value)  # 100.0 from a float slider is an integer in disguise
        else:
            raise (TypeError if not isinstance(value, numbers.Number) else ValueError)(
                f"{name} must be an integer in {lo:,}..{hi:,}, got {_show(value)}"
            )
    value = int(value)
    if not lo <= value <= hi:
        raise ValueError(f"{name} must be an integer in {lo:,}..{hi:,}, got {value!r}")
    return value


def _scalar(name: str, value: object, lo: float, hi: float, allowed: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise (TypeError if not isinstance(value, numbers.Number) else ValueError)(
            f"{name} must be {allowed}, got {_show(value)}"
        )
    value = float(value)
    if not (math.isfinite(value) and lo <= value <= hi):
        raise ValueError(f"{name} must be {allowed}, got {value!r}")
    return value


def _release_times(value: object) -> np.ndarray:
    arr = _numeric_array("release_times", value)
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(f"release_times must be a non-empty 1-D sequence, got {_show(value)}")
    if arr.size > MAX_JOBS:
        raise ValueError(f"release_times must hold at most {MAX_JOBS:,} jobs, got {arr.size:,}")
    if np.any(~np.isfinite(arr) | (arr < 0) | (arr > RELEASE_MAX)):
        raise ValueError(
            f"release_times must be finite times in [0, {RELEASE_MAX:g}], got {_show(value)}"
        )
    return np.sort(arr)  # job index = release order; a forecast need not be sorted


# --------------------------------------------------------------------------- analytic


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


def _wip_levels(wip: object) -> tuple[np.ndarray, bool]:
    w = _numeric_array("wip", wip)
    if w.ndim > 1 or (w.ndim == 1 and w.size == 0):
        raise ValueError(f"wip must be a number >= 1 or a non-empty 1-D sequence, got {_show(wip)}")
    if np.any(~np.isfinite(w) | (w < 1) | (w > MAX_WIP)):
        raise ValueError(f"wip must be in [1, {MAX_WIP:g}] (jobs in the line), got {_show(wip)}")
    return w, w.ndim == 0


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
    ValueError
        Naming the parameter for bad input; saying "unstable" when ``u >= 1``
        (the queue grows without bound, so there is no steady-state time to return).

    Examples
    --------
    >>> round(kingman_queue_time(1.0, 0.8), 9)  # M/M/1 at u = 0.8: CTq = 4, CT = 5
    4.0
    >>> round(kingman_queue_time(10.0, 0.5, cv=0.5, machines=6), 3)
    3.791
    """
    te = _kingman_arg("process_time", process_time, TIME_MIN, TIME_MAX)
    lam = _kingman_arg("arrival_rate", arrival_rate, 0.0, RATE_MAX)
    ce = _kingman_arg("cv", cv, 0.0, CV_MAX)
    ca = _kingman_arg("arrival_cv", arrival_cv, 0.0, CV_MAX)
    m = _kingman_arg("machines", machines, 1, MAX_MACHINES)
    if np.any(m != np.round(m)):
        raise ValueError(
            f"machines must be an integer in 1..{MAX_MACHINES:,}, got {_show(machines)}"
        )
    try:
        te, lam, ce, ca, m = np.broadcast_arrays(te, lam, ce, ca, m)
    except ValueError as exc:
        raise ValueError(
            "process_time, arrival_rate, cv, arrival_cv and machines must broadcast together, "
            f"got shapes {[np.shape(a) for a in (te, lam, ce, ca, m)]}"
        ) from exc
    u = lam * te / m
    if np.any(u >= 1):
        raise ValueError(
            "unstable: utilization u = arrival_rate * process_time / machines must be < 1, "
            f"got u = {_show(u)}"
        )
    wq = (ca**2 + ce**2) / 2 * u ** (np.sqrt(2 * (m + 1)) - 1) / (m * (1 - u)) * te
    return float(wq) if wq.ndim == 0 else wq


def _kingman_arg(name: str, value: object, lo: float, hi: float) -> np.ndarray:
    arr = _numeric_array(name, value)
    if np.any(~np.isfinite(arr) | (arr < lo) | (arr > hi)):
        raise ValueError(f"{name} must be finite and in [{lo:g}, {hi:g}], got {_show(value)}")
    return arr


# --------------------------------------------------------------------------- result


@dataclass(frozen=True, eq=False)
class LineResult:
    """What a run of :func:`simulate_line` measured.

    Statistics are taken over the *observation window* ``[window_start, window_end]``:
    from the release of the first job after the warm-up to the release of the last job
    (the period in which the line is being fed; the drain after the last release is
    left out, so a closed line really holds ``wip_cap`` jobs throughout). Under CONWIP
    the window ends after a whole number of card cycles (a multiple of ``wip_cap``
    releases), so a periodic deterministic line measures its exact rate. If all jobs
    are released at once the window runs to the last exit instead.

    Attributes
    ----------
    throughput : float
        Finished jobs leaving during the window per time unit (0.0 if the window is empty).
    cycle_time : float
        Mean release-to-finish time of finished jobs after the warm-up
        (0.0 when ``finished == 0``; check ``finished``).
    wip : float
        Time-average number of jobs in the line over the window (the step function of
        releases and exits, integrated exactly). Little's law ``wip = throughput *
        cycle_time`` holds up to edge effects of order ``wip / finished``.
    cycle_time_std, cycle_time_p50, cycle_time_p90 : float
        Spread of cycle times of finished jobs after the warm-up (0.0 if none).
    utilization : ndarray
        Per station: busy machine-time in the window / (machines x window length).
    queue_time : ndarray
        Per station: mean wait before processing of post-warm-up jobs that visited it.
    station_time : ndarray
        Per station: mean queue plus process time of those jobs (0.0 if none visited).
    station_visits : ndarray
        Per station: how many post-warm-up jobs were processed there.
    started, finished, dropped : int
        Post-warm-up jobs released, finished and dropped. The run continues until every
        job has left, so ``started == finished + dropped``.
    warmup : int
        Jobs released first and left out of the statistics.
    stable : bool
        False when an open line's load at some station is at or above its capacity
        (arrival rate >= bottleneck rate, allowing for drop-outs). Always True for CONWIP.
    bottleneck_rate, raw_process_time, critical_wip : float
        ``rb``, ``T0`` and ``W0`` of the line (see :func:`line_parameters`).
    window_start, window_end : float
        The observation window.
    release_times, exit_times, finish_times : ndarray
        Per job, in release order: when it entered, when it left, and when it finished
        (NaN for a dropped job).
    dropped_at : ndarray of int
        Per job: the station after which it dropped out, or -1 if it finished.
    departure_times : ndarray, shape (n_stations, n_jobs)
        When each job left each station (NaN for stations it never reached).
    service_times : ndarray, shape (n_stations, n_jobs)
        The process times drawn for each job at each station (drawn even for stations
        a dropped job never reached, so a seed gives the same numbers whatever the
        drop-outs).
    release : str
        ``"push"`` or ``"conwip"``.
    """

    throughput: float
    cycle_time: float
    wip: float
    cycle_time_std: float
    cycle_time_p50: float
    cycle_time_p90: float
    utilization: np.ndarray
    queue_time: np.ndarray
    station_time: np.ndarray
    station_visits: np.ndarray
    started: int
    finished: int
    dropped: int
    warmup: int
    stable: bool
    bottleneck_rate: float
    raw_process_time: float
    critical_wip: float
    window_start: float
    window_end: float
    release_times: np.ndarray
    exit_times: np.ndarray
    finish_times: np.ndarray
    dropped_at: np.ndarray
    departure_times: np.ndarray
    service_times: np.ndarray
    release: str

    @property
    def cycle_times(self) -> np.ndarray:
        """Per job: finish minus release time (NaN for dropped jobs; warm-up included)."""
        return self.finish_times - self.release_times

    def wip_series(self) -> tuple[np.ndarray, np.ndarray]:
        """The number of jobs in the line as a step function of time.

        Returns
        -------
        times, levels : ndarray
            ``levels[k]`` jobs are in the line from ``times[k]`` until ``times[k + 1]``
            (plot with ``line_shape="hv"``): jobs released minus jobs exited by then,
            one step per distinct event time. Covers the whole run, warm-up included.

        Examples
        --------
        >>> r = simulate_line([1.0], cv=0, release_times=[0.0, 0.5], warmup=0)
        >>> t, n = r.wip_series()
        >>> t.tolist(), n.tolist()
        ([0.0, 0.5, 1.0, 2.0], [1, 2, 1, 0])
        """
        n = self.release_times.size
        times = np.concatenate([self.release_times, self.exit_times])
        steps = np.concatenate([np.ones(n, np.int64), -np.ones(n, np.int64)])
        order = np.argsort(times, kind="stable")
        times, levels = times[order], np.cumsum(steps[order])
        # one step per instant: a card freed and reused at the same moment is no extra job
        last_at_time = np.append(times[1:] != times[:-1], True)
        return times[last_at_time], levels[last_at_time]


# --------------------------------------------------------------------------- engine


CV_DETERMINISTIC = 1e-6


def _draw_into(rng: np.random.Generator, out: np.ndarray, mean: float, cv: float) -> None:
    """Fill ``out`` with times of the given mean and coefficient of variation."""
    # Below 1e-6 a gamma draw differs from the mean by less than a millionth, and cv**2
    # would underflow (1/cv**2 -> inf); such a station is deterministic for every purpose.
    if cv < CV_DETERMINISTIC:
        out.fill(mean)
    elif cv == 1:
        rng.standard_exponential(out=out)
        out *= mean
    else:
        rng.standard_gamma(1.0 / cv**2, out=out)
        out *= mean * cv**2


def _station(
    a: np.ndarray, s: np.ndarray, m: int, constant: bool, free: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Departures of a FIFO station with ``m`` machines from arrivals sorted in time.

    ``free`` holds the ``m`` machine free times (sorted) before the first of these jobs;
    the new free times are returned with the departures.
    """
    n = a.size
    if n == 0:
        return a.copy(), free
    if m == 1:
        # D(i) = max(A(i), D(i-1)) + S(i) = C(i) + max_k<=i (A(k) - C(k-1)), C = cumsum(S)
        c = np.cumsum(s)
        x = a - c
        x += s
        if free[0] > x[0]:
            x[0] = free[0]
        np.maximum.accumulate(x, out=x)
        x += c
        return x, x[-1:].copy()
    if constant:
        # Constant times keep departures in arrival order, so machine k serves jobs
        # k, k+m, k+2m, ...: m interleaved single-machine scans, one per column.
        rows = -(-n // m)
        pad = rows * m - n
        ap = np.concatenate([a, np.full(pad, a[-1])]).reshape(rows, m)
        sp = np.concatenate([s, np.zeros(pad)]).reshape(rows, m)
        c = np.cumsum(sp, axis=0)
        x = ap - c
        x += sp
        np.maximum(x[0], free, out=x[0])
        np.maximum.accumulate(x, axis=0, out=x)
        x += c
        d = x.reshape(-1)[:n].copy()
        new_free = np.sort(np.concatenate([free, d[-m:]]))[-m:]
        return d, new_free
    # Random times on m machines: the next job in line takes the machine free first.
    h = free.tolist()
    out = []
    push = out.append
    replace = heapq.heapreplace
    for ai, si in zip(a.tolist(), s.tolist(), strict=True):
        f = h[0]
        d = (ai if ai > f else f) + si
        replace(h, d)
        push(d)
    return np.array(out), np.sort(np.array(h))


def _open_line(
    release: np.ndarray,
    S: np.ndarray,
    m: np.ndarray,
    constant: np.ndarray,
    stop: np.ndarray | None,
) -> np.ndarray:
    """Departure times (n_stations, n_jobs) of a push line, computed station by station."""
    n_st, n = S.shape
    D = np.full((n_st, n), np.nan) if stop is not None else np.empty((n_st, n))
    in_order = True  # arrivals reach the station in job order until a station reorders them
    a_all = release
    for j in range(n_st):
        idx = None if stop is None else np.flatnonzero(stop >= j)
        a = a_all if idx is None else a_all[idx]
        s = S[j] if idx is None else S[j, idx]
        mj = int(min(m[j], max(a.size, 1)))
        if not in_order:
            perm = np.argsort(a, kind="stable")
            d_sorted, _ = _station(a[perm], s[perm], mj, bool(constant[j]), np.zeros(mj))
            d = np.empty_like(d_sorted)
            d[perm] = d_sorted
        else:
            d, _ = _station(a, s, mj, bool(constant[j]), np.zeros(mj))
        if idx is None:
            D[j] = d
        else:
            D[j, idx] = d
        if mj > 1 and not constant[j]:
            in_order = False
        a_all = D[j]
    return D


def _event_loop(
    S: np.ndarray,
    m: np.ndarray,
    stop: np.ndarray | None,
    release: np.ndarray | None,
    wip_cap: int | None,
) -> tuple[np.ndarray, np.ndarray]:
    """Exact discrete-event run of any line (the general CONWIP method).

    Arrivals are taken from one heap in time order; a job's departure from a station is
    computed when it arrives, from the station's heap of machine free times, which is
    exact for FIFO because every earlier arrival at that station has already been seen.
    Exits are events too, so a CONWIP card goes to the next job in order of exit time.
    Ties are broken by the order in which events were scheduled.
    """
    n_st, n = S.shape
    s = S.tolist()
    last = [n_st - 1] * n if stop is None else np.minimum(stop, n_st - 1).tolist()
    D = [[math.nan] * n for _ in range(n_st)]
    free = [[0.0] * int(min(mj, n)) for mj in m]
    exit_station = n_st  # pseudo-station index marking an exit event
    if release is not None:
        R = release.tolist()
        events = [(r, i, i, 0) for i, r in enumerate(R)]
        next_job = n
    else:
        R = [0.0] * n
        next_job = min(wip_cap, n)
        events = [(0.0, i, i, 0) for i in range(next_job)]
    seq = len(events)
    push, pop, replace = heapq.heappush, heapq.heappop, heapq.heapreplace
    while events:
        t, _, i, j = pop(events)
        if j == exit_station:
            if next_job < n:  # the freed card releases the next job now
                R[next_job] = t
                push(events, (t, seq, next_job, 0))
                seq += 1
                next_job += 1
            continue
        h = free[j]
        f = h[0]
        d = (t if t > f else f) + s[j][i]
        replace(h, d)
        D[j][i] = d
        push(events, (d, seq, i, exit_station if j == last[i] else j + 1))
        seq += 1
    return np.array(R), np.array(D)


def _conwip_blocks(S: np.ndarray, m: np.ndarray, constant: np.ndarray, w: int) -> np.ndarray:
    """CONWIP without drop-outs, every station order-keeping: blocks of ``w`` jobs.

    Job ``i`` is released when job ``i - w`` exits, so block ``b`` of ``w`` jobs is an
    open line fed by block ``b - 1``'s exits; each station carries its machine free
    times from block to block. Cost: (n / w) x n_stations vector operations.
    """
    n_st, n = S.shape
    D = np.empty((n_st, n))
    free = [np.zeros(int(min(mj, w))) for mj in m]
    for b0 in range(0, n, w):
        b1 = min(b0 + w, n)
        a = np.zeros(b1 - b0) if b0 == 0 else D[n_st - 1, b0 - w : b1 - w]
        for j in range(n_st):
            a, free[j] = _station(a, S[j, b0:b1], free[j].size, bool(constant[j]), free[j])
            D[j, b0:b1] = a
    return D


def _conwip_matrix(S: np.ndarray, m: np.ndarray, w: int) -> np.ndarray:
    """CONWIP without drop-outs, every station order-keeping: max-plus transfer matrices.

    With order kept, ``D_j(i) = max(D_{j-1}(i), D_j(i - m_j)) + S_j(i)`` and the release
    ``D_{-1}(i) = D_{J-1}(i - w)``: the line is max-plus linear. Cut the jobs into blocks
    of B; a block's state is the last ``w`` exits plus each station's last ``m_j``
    departures (K numbers). One dynamic program over the B x J cells, vectorised over
    all blocks at once, gives every block's K x K transfer matrix; chaining them is a
    cheap loop over blocks; a second pass of the same program expands every block's
    input state into all departure times.
    """
    n_st, n = S.shape
    mj = [int(min(x, w)) for x in m]
    offs = np.cumsum([w, *mj])  # input k: exits are 0..w-1, station j's are offs[j]..
    k_in = int(offs[-1])
    block = w * max(1, -(-int(math.sqrt(n)) // w))  # ~sqrt(n) balances the two loops
    nb = -(-n // block)
    # padded jobs come last with zero times: FIFO means they cannot delay real jobs
    Sp = np.zeros((n_st, nb * block))
    Sp[:, :n] = S
    Sb = Sp.reshape(n_st, nb, block)

    def grid(inputs, col):
        """Longest paths from the block inputs to every cell, row by row (max-plus DP).

        ``inputs(k)`` is input k's value; ``col(x)`` shapes a per-block column of
        process times to broadcast against it. Rows are dropped once used (a row is
        needed at most ``w`` rows later), so memory stays at ~w rows; the caller keeps
        what it wants from the yielded ``(station, row, values)``.
        """
        exits: list = []
        back: list[list] = [[] for _ in range(n_st)]
        for r in range(block):
            if r < w:
                a = inputs(r)
            else:
                a, exits[r - w] = exits[r - w], None
            for j in range(n_st):
                if r >= mj[j]:
                    srv, back[j][r - mj[j]] = back[j][r - mj[j]], None
                else:
                    srv = inputs(int(offs[j]) + r)
                a = np.maximum(a, srv)
                s_col = col(Sb[j, :, r])
                if a.ndim >= s_col.ndim:
                    a += s_col
                else:  # both inputs were unit rows: the sum grows to one row per block
                    a = a + s_col
                back[j].append(a)
                yield j, r, a
            exits.append(a)

    # pass 1: transfer matrices, one row per entry of the next block's input state
    eye = np.full((k_in, k_in), -np.inf)
    np.fill_diagonal(eye, 0.0)
    M = np.empty((nb, k_in, k_in))
    for j, r, v in grid(lambda k: eye[k], lambda x: x[:, None]):
        if j == n_st - 1 and r >= block - w:
            M[:, r - (block - w)] = v
        if r >= block - mj[j]:
            M[:, int(offs[j]) + r - (block - mj[j])] = v
    # chain the blocks: state_{b+1} = M_b (max,+) state_b, all zero at the start
    U = np.empty((nb, k_in))
    u = np.zeros(k_in)
    for b in range(nb):
        U[b] = u
        u = (M[b] + u).max(axis=1)
    del M
    # pass 2: expand each block's input state into every departure time
    D = np.empty((n_st, nb, block))
    for j, r, v in grid(lambda k: U[:, k], lambda x: x):
        D[j, :, r] = v
    return D.reshape(n_st, -1)[:, :n].copy()


# --------------------------------------------------------------------------- simulate


def simulate_line(
    process_times,
    machines=1,
    cv=1.0,
    *,
    release="push",
    arrival_rate=None,
    arrival_cv=1.0,
    release_times=None,
    wip_cap=None,
    dropout=0.0,
    n_jobs=None,
    warmup=None,
    seed=0,
) -> LineResult:
    """Simulate a serial production line (or sales funnel) job by job.

    Each station is FIFO with identical machines; jobs go through the stations in
    order, may drop out after a station, and are released by push (arrivals that do
    not look at the line) or CONWIP (a new job enters only when one leaves). All
    randomness is drawn up front from ``seed``; the same seed gives the same result.

    Parameters
    ----------
    process_times : float or sequence of float
        Mean process time per station, each in [1e-9, 1e9], in any consistent unit.
    machines : int or sequence of int, default 1
        Identical machines per station, 1..1,000,000.
    cv : float or sequence of float, default 1.0
        Coefficient of variation of process times per station, in [0, 10]:
        0 is constant, 1 is exponential, any other value is gamma.
    release : {"push", "conwip"}, default "push"
        How jobs enter the line. Parameters of the other policy are ignored.
    arrival_rate : float, optional
        Push: jobs per time unit in [1e-9, 1e9] of a renewal arrival process.
    arrival_cv : float, default 1.0
        Push: coefficient of variation of interarrival times, in [0, 10].
    release_times : sequence of float, optional
        Push: given release times instead of ``arrival_rate`` (e.g. from a forecast),
        each in [0, 1e12]; sorted for you. Not allowed with CONWIP.
    wip_cap : int, optional
        CONWIP: number of cards (jobs allowed in the line), >= 1. Required for CONWIP.
    dropout : float or sequence of float, default 0.0
        Probability in [0, 1) that a job leaves the line after each station. Under
        CONWIP a dropped job frees its card.
    n_jobs : int, optional
        Jobs to release, 1..5,000,000 (and n_jobs x stations <= 10,000,000).
        Default 10,000, or ``len(release_times)``.
    warmup : int, optional
        Jobs released first and left out of the statistics, 0..n_jobs-1.
        Default ``n_jobs // 10``.
    seed : int or None, default 0
        Seed for ``numpy.random.default_rng``; None draws fresh entropy.

    Returns
    -------
    LineResult
        Throughput, cycle time, WIP, per-station and per-job detail.

    Raises
    ------
    ValueError
        Naming the parameter, repeating the value and saying what is allowed.
    TypeError
        For a non-numeric value (e.g. a string for ``process_times``).

    Examples
    --------
    >>> r = simulate_line([2, 2, 2, 2], cv=0, release="conwip", wip_cap=4, n_jobs=100)
    >>> r.throughput, r.cycle_time, r.wip  # Penny Fab One at the critical WIP
    (0.5, 8.0, 4.0)
    >>> r = simulate_line(1.0, arrival_rate=0.8, n_jobs=200_000, seed=1)  # M/M/1, u = 0.8
    >>> round(r.cycle_time), round(r.wip), r.stable
    (5, 4, True)
    """
    te = _process_times(process_times)
    n_st = te.size
    m = _machines(machines, n_st)
    cvs = _station_values(
        "cv", cv, n_st, lo=0.0, hi=CV_MAX, allowed=f"finite and in [0, {CV_MAX:g}]"
    )
    p_drop = _station_values(
        "dropout",
        dropout,
        n_st,
        lo=0.0,
        hi=1.0,
        hi_open=True,
        allowed="a probability in [0, 1) (scalar or one per station)",
    )
    if not isinstance(release, str) or release not in ("push", "conwip"):
        raise ValueError(f"release must be 'push' or 'conwip', got {_show(release)}")
    arr_cv = _scalar("arrival_cv", arrival_cv, 0.0, CV_MAX, f"finite and in [0, {CV_MAX:g}]")
    rate = None
    if arrival_rate is not None:
        rate = _scalar(
            "arrival_rate",
            arrival_rate,
            RATE_MIN,
            RATE_MAX,
            f"a rate in [{RATE_MIN:g}, {RATE_MAX:g}] jobs per time unit",
        )
    w = None if wip_cap is None else _integer("wip_cap", wip_cap, 1, MAX_WIP)
    given = None if release_times is None else _release_times(release_times)
    if n_jobs is not None:
        n_jobs = _integer("n_jobs", n_jobs, 1, MAX_JOBS)
    if release == "push":
        if given is None and rate is None:
            raise ValueError(
                "arrival_rate must be a rate > 0 for a push line without release_times, "
                f"got {_show(arrival_rate)}"
            )
        if given is not None and rate is not None:
            raise ValueError(
                f"give either arrival_rate or release_times, not both (arrival_rate={rate!r})"
            )
        if given is not None:
            if n_jobs is not None and n_jobs != given.size:
                raise ValueError(
                    f"n_jobs must equal len(release_times) ({given.size}), got {n_jobs}"
                )
            n_jobs = given.size
    else:
        if w is None:
            raise ValueError("wip_cap must be an integer >= 1 for release='conwip', got None")
        if given is not None:
            raise ValueError(
                "release_times only applies to release='push', got release_times with "
                "release='conwip'"
            )
    if n_jobs is None:
        n_jobs = DEFAULT_JOBS
    if n_jobs * n_st > MAX_CELLS:
        raise ValueError(
            f"n_jobs must keep n_jobs x stations <= {MAX_CELLS:,}, got {n_jobs:,} x {n_st}"
        )
    warm = n_jobs // 10 if warmup is None else _integer("warmup", warmup, 0, MAX_JOBS)
    if warm >= n_jobs:
        raise ValueError(f"warmup must be an integer in 0..n_jobs-1 ({n_jobs - 1}), got {warm}")
    if seed is not None:
        seed = _integer("seed", seed, 0, 2**128)

    # ---- draw every random number up front (arrivals, process times, drop-outs)
    rng = np.random.default_rng(seed)
    if release == "push" and given is None:
        rel = np.empty(n_jobs)
        _draw_into(rng, rel, 1.0 / rate, arr_cv)
        np.cumsum(rel, out=rel)
    else:
        rel = given
    S = np.empty((n_st, n_jobs))
    for j in range(n_st):
        _draw_into(rng, S[j], float(te[j]), float(cvs[j]))
    stop = None
    if np.any(p_drop > 0):
        stop = np.full(n_jobs, n_st, dtype=np.int16 if n_st < 32_000 else np.int32)
        for j in range(n_st):
            if p_drop[j] > 0:
                leave = rng.random(n_jobs) < p_drop[j]
                stop[leave & (stop == n_st)] = j
    constant = cvs < CV_DETERMINISTIC  # drawn as exact constants by _draw_into

    # ---- run
    if release == "push":
        D = _open_line(rel, S, m, constant, stop)
    elif stop is None and np.all((m == 1) | constant):
        w_eff = min(w, n_jobs)
        k_in = w_eff + int(np.minimum(m, w_eff).sum())
        if k_in <= _MATRIX_MAX_INPUTS:
            D = _conwip_matrix(S, m, w_eff)
        else:
            D = _conwip_blocks(S, m, constant, w_eff)
        rel = np.zeros(n_jobs)
        rel[w_eff:] = D[n_st - 1, : n_jobs - w_eff]
    else:
        rel, D = _event_loop(S, m, stop, None, w)
    w_eff = None if release == "push" else min(w, n_jobs)
    return _summarize(rel, D, S, te, m, p_drop, stop, warm, release, rate, given, w_eff)


def _summarize(rel, D, S, te, m, p_drop, stop, warm, release, rate, given, w) -> LineResult:
    n_st, n = S.shape
    jobs = np.arange(n)
    if stop is None:
        last = np.full(n, n_st - 1)
        dropped_mask = np.zeros(n, bool)
        exits = D[n_st - 1].copy()
    else:
        last = np.minimum(stop, n_st - 1)
        dropped_mask = stop < n_st
        exits = D[last, jobs]
    finish = np.where(dropped_mask, np.nan, exits)
    dropped_at = np.where(dropped_mask, last, -1).astype(np.int64)

    # observation window: first post-warm-up release .. last release (or last exit)
    t_a = float(rel[warm])
    t_b = float(rel[-1])
    if w is not None and (n - 1 - warm) >= w:
        # CONWIP: end after whole card cycles (a multiple of w releases), so a periodic
        # deterministic line measures its exact rate instead of a partial period
        t_b = float(rel[warm + (n - 1 - warm) // w * w])
    if t_b <= t_a:
        t_b = float(np.max(exits))
    span = t_b - t_a

    counted = jobs >= warm
    done = counted & ~dropped_mask
    ct = exits[done] - rel[done]
    finished = int(ct.size)
    if finished:
        cycle_time = float(np.mean(ct))
        ct_std = float(np.std(ct))
        p50, p90 = (float(x) for x in np.percentile(ct, [50, 90]))
    else:  # documented: zeros with finished == 0 rather than NaN
        cycle_time = ct_std = p50 = p90 = 0.0

    # Reused buffers and where= reductions: at 1e6 jobs the summary would otherwise cost
    # more than the simulation itself.
    buf = np.empty(n)
    buf2 = np.empty(n)
    if span > 0:
        out_in_window = (exits > t_a) & (exits <= t_b)
        out_in_window &= ~dropped_mask
        throughput = float(np.count_nonzero(out_in_window)) / span
        del out_in_window
        # exact integral of the jobs-in-line step function over the window
        np.minimum(exits, t_b, out=buf)
        buf -= np.maximum(rel, t_a, out=buf2)
        wip = float(np.maximum(buf, 0.0, out=buf).sum()) / span
    else:  # zero-length window (all times zero): nothing measurable
        throughput = wip = 0.0

    util = np.zeros(n_st)
    qtime = np.zeros(n_st)
    stime = np.zeros(n_st)
    visits = np.zeros(n_st, np.int64)
    arrivals = rel
    start = np.empty(n)
    for j in range(n_st):
        dj = D[j]
        sj = S[j]
        visit = None if stop is None else stop >= j  # unvisited cells hold NaN: mask them
        np.subtract(dj, sj, out=start)
        if span > 0:
            # machine-time busy inside the window: overlap of [start, departure] with it
            np.minimum(dj, t_b, out=buf)
            buf -= np.maximum(start, t_a, out=buf2)
            np.maximum(buf, 0.0, out=buf)
            util[j] = float(np.sum(buf, where=visit if visit is not None else True))
            util[j] /= m[j] * span
        sel = None if visit is None else visit[warm:]
        visits[j] = n - warm if sel is None else int(np.count_nonzero(sel))
        if visits[j]:
            np.subtract(start, arrivals, out=buf)
            where = True if sel is None else sel
            qtime[j] = float(np.sum(buf[warm:], where=where)) / visits[j]
            stime[j] = qtime[j] + float(np.sum(sj[warm:], where=where)) / visits[j]
        arrivals = dj
    del buf, buf2, start

    params_rb = float(np.min(m / te))
    params_t0 = float(np.sum(te))
    if release == "conwip":
        stable = True
    else:
        if given is None:
            lam = rate
        else:
            spread = float(given[-1] - given[0])
            lam = 0.0 if n == 1 else (math.inf if spread == 0 else (n - 1) / spread)
        # load at each station: the arrival rate thinned by drop-outs upstream
        reach = np.concatenate([[1.0], np.cumprod(1.0 - p_drop)[:-1]])
        stable = bool(np.all(lam * reach * te / m < 1))

    for a in (util, qtime, stime, visits, rel, exits, finish, dropped_at, D, S):
        a.flags.writeable = False
    return LineResult(
        throughput=throughput,
        cycle_time=cycle_time,
        wip=wip,
        cycle_time_std=ct_std,
        cycle_time_p50=p50,
        cycle_time_p90=p90,
        utilization=util,
        queue_time=qtime,
        station_time=stime,
        station_visits=visits,
        started=int(n - warm),
        finished=finished,
        dropped=int(np.count_nonzero(dropped_mask & counted)),
        warmup=int(warm),
        stable=stable,
        bottleneck_rate=params_rb,
        raw_process_time=params_t0,
        critical_wip=params_rb * params_t0,
        window_start=t_a,
        window_end=t_b,
        release_times=rel,
        exit_times=exits,
        finish_times=finish,
        dropped_at=dropped_at,
        departure_times=D,
        service_times=S,
        release=release,
    )
