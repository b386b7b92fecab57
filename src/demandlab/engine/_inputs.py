"""The engine's size guards and its per-station arguments, checked by demandlab.checks.

A per-station argument is one number for every station or one number per station; the
guards keep a fuzzed or mistyped call from exhausting memory or overflowing floats.
"""

from __future__ import annotations

import numpy as np

from ..checks import InputError, numbers_array, refuse

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


def per_station(name: str, value: object, n_stations: int, low: float, high: float, **kw):
    """One value for every station, or one per station, as a float array of n_stations.

    ``kw`` passes ``high_open`` / ``whole`` on to :func:`demandlab.checks.numbers_array`.
    """
    arr = numbers_array(name, value, low, high, **kw)
    if arr.ndim == 1 and arr.size != n_stations:
        raise InputError(
            f"{name} must be one value or one per station ({n_stations}), "
            f"got {arr.size} values: {np.array2string(arr, threshold=6, edgeitems=3)}"
        )
    return np.broadcast_to(arr, (n_stations,)).copy()


def process_times(value: object) -> np.ndarray:
    """Mean process time per station, 1..MAX_STATIONS stations, each in [TIME_MIN, TIME_MAX]."""
    te = np.atleast_1d(numbers_array("process_times", value, TIME_MIN, TIME_MAX))
    if te.size > MAX_STATIONS:
        raise InputError(f"process_times must have 1..{MAX_STATIONS} values, got {te.size:,}")
    return te


def machines(value: object, n_stations: int) -> np.ndarray:
    """Identical machines per station, whole numbers in 1..MAX_MACHINES."""
    m = per_station("machines", value, n_stations, 1, MAX_MACHINES, whole=True)
    return m.astype(np.int64)


def release_times(value: object) -> np.ndarray:
    """Given release times, 1..MAX_JOBS of them in [0, RELEASE_MAX], sorted."""
    arr = numbers_array("release_times", value, 0.0, RELEASE_MAX)
    if arr.ndim == 0:
        raise refuse("release_times", value, "a list of times (one per job)")
    if arr.size > MAX_JOBS:
        raise InputError(f"release_times must have 1..{MAX_JOBS:,} values, got {arr.size:,}")
    return np.sort(arr)  # job index = release order; a forecast need not be sorted


def wip_levels(value: object) -> tuple[np.ndarray, bool]:
    """WIP level(s) in [1, MAX_WIP] jobs, and whether one number was given."""
    w = numbers_array("wip", value, 1, MAX_WIP)
    return w, w.ndim == 0
