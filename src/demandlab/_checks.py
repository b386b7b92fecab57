"""Input checks and result helpers shared by every model (private).

Each check refuses bad input at the door with a message that names the parameter,
repeats the value and says what is allowed.
"""

from __future__ import annotations

import math
import numbers

import numpy as np


def whole(name: str, value: object, low: int, high: int) -> int:
    """``value`` as an int in [low, high] (3 and 3.0 both count), or a clear error.

    Examples
    --------
    >>> whole("weeks", 52.0, 1, 520)
    52
    >>> whole("weeks", 0, 1, 520)
    Traceback (most recent call last):
    ...
    ValueError: weeks must be a whole number in 1..520, got 0
    """
    allowed = f"{name} must be a whole number in {low}..{high}, got {value!r:.60}"
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(allowed)
    x = float(value)
    if not math.isfinite(x) or x != int(x) or not low <= x <= high:
        raise ValueError(allowed)
    return int(x)


def frozen(values: object, dtype: type = float) -> np.ndarray:
    """A read-only copy for a frozen result: a frozen dataclass holding a writable array
    would not be frozen at all."""
    arr = np.array(values, dtype=dtype)
    arr.setflags(write=False)
    return arr
