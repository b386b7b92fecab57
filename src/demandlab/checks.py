"""Input checks: the one place every model refuses bad input at the door.

One rule for the whole course: a bad value raises :class:`InputError`, whose message
names the parameter, repeats the value and says what is allowed::

    demand_per_week must be a number between 0 and 1e+12, got -3

``InputError`` is a ``ValueError`` whether the type or the value was wrong (what
docs/authoring.md promises and what the widgets' guard catches).

The checks are named for what they accept: ``in_range`` (a finite number between two bounds),
``whole``, ``choice``, ``text``, ``flag``; ``formatting`` turns numbers into text.
"""

from __future__ import annotations

import dataclasses
import math
import numbers
import reprlib
from collections.abc import Sequence
from typing import Any, TypeVar

import numpy as np

__all__ = [
    "SEED_MAX",
    "InputError",
    "Replaceable",
    "choice",
    "flag",
    "frozen",
    "in_range",
    "numbers_array",
    "refuse",
    "result_of",
    "seed",
    "sequence",
    "show",
    "text",
    "whole",
]

# One seed range for every stochastic function: numpy accepts any non-negative int, but
# a 64-bit range is what every lesson's documentation promises.
SEED_MAX = 2**63 - 1


class InputError(ValueError):
    """A parameter a model refuses: the message says which, what it was and what is allowed.

    A ValueError whether the type or the value was wrong (``"5"`` or ``-5``): one rule, so one
    ``except ValueError`` catches every refusal.
    """


def show(value: object, limit: int = 60) -> str:
    """``repr(value)`` cut to ``limit`` characters, so a huge input cannot flood a message."""
    try:
        shown = repr(value)
    except Exception:  # a hostile __repr__ must not hide the real error
        shown = f"<{type(value).__name__}>"
    return shown if len(shown) <= limit else shown[: limit - 3] + "..."


def refuse(name: str, value: object, allowed: str) -> InputError:
    """The course's one message shape: ``{name} must be {allowed}, got {value!r}``.

    Examples
    --------
    >>> str(refuse("weeks", 0, "a whole number in 1..520"))
    'weeks must be a whole number in 1..520, got 0'
    """
    return InputError(f"{name} must be {allowed}, got {show(value)}")


def result_of(name: str, value: object, kind: type, made_by: str) -> Any:
    """``value`` if it is a ``kind`` (the result a figure or report draws), else the course's
    refusal naming the function that makes one: every lesson checks a result this one way.

    Examples
    --------
    >>> result_of("laws", None, float, "laws_of_the_line")
    Traceback (most recent call last):
    ...
    demandlab.checks.InputError: laws must be a float from laws_of_the_line, got None
    """
    if not isinstance(value, kind):
        raise refuse(name, value, f"a {kind.__name__} from {made_by}")
    return value


def _range(low: float, high: float, low_open: bool, high_open: bool) -> str:
    lo_ok, hi_ok = math.isfinite(low), math.isfinite(high)
    if lo_ok and hi_ok:
        if not low_open and not high_open:
            return f"a number between {low:g} and {high:g}"
        lo_op, hi_op = (">" if low_open else ">="), ("<" if high_open else "<=")
        return f"a number {lo_op} {low:g} and {hi_op} {high:g}"
    if lo_ok:
        return f"a number {'>' if low_open else '>='} {low:g}"
    if hi_ok:
        return f"a number {'<' if high_open else '<='} {high:g}"
    return "a finite number"


def in_range(
    name: str,
    value: object,
    low: float = -math.inf,
    high: float = math.inf,
    *,
    low_open: bool = False,
    high_open: bool = False,
) -> float:
    """``value`` as a finite float in the range, or an :class:`InputError`.

    Examples
    --------
    >>> in_range("price", 100, 0)
    100.0
    >>> in_range("efficiency", 0, 0, 1, low_open=True)
    Traceback (most recent call last):
    ...
    demandlab.checks.InputError: efficiency must be a number > 0 and <= 1, got 0
    """
    allowed = _range(low, high, low_open, high_open)
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise refuse(name, value, allowed)
    x = float(value)
    too_low = x <= low if low_open else x < low
    too_high = x >= high if high_open else x > high
    if not math.isfinite(x) or too_low or too_high:
        raise refuse(name, value, allowed)
    return x


def whole(name: str, value: object, low: int, high: int) -> int:
    """``value`` as an int in [low, high] (3 and 3.0 both count), or a clear error.

    Examples
    --------
    >>> whole("weeks", 52.0, 1, 520)
    52
    >>> whole("weeks", 0, 1, 520)
    Traceback (most recent call last):
    ...
    demandlab.checks.InputError: weeks must be a whole number in 1..520, got 0
    """
    allowed = f"a whole number in {low}..{high}"
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise refuse(name, value, allowed)
    if isinstance(value, numbers.Integral):
        x = int(value)  # exact for big ints, where float() would round
    else:
        f = float(value)
        if not math.isfinite(f) or f != int(f):
            raise refuse(name, value, allowed)
        x = int(f)
    if not low <= x <= high:
        raise refuse(name, value, allowed)
    return x


def seed(value: object, *, allow_none: bool = False) -> int | None:
    """A random seed in 0..SEED_MAX (``None`` too where ``allow_none``).

    Examples
    --------
    >>> seed(7)
    7
    >>> seed(-1)
    Traceback (most recent call last):
    ...
    demandlab.checks.InputError: seed must be a whole number in 0..9223372036854775807, got -1
    """
    if value is None and allow_none:
        return None
    return whole("seed", value, 0, SEED_MAX)


def flag(name: str, value: object) -> bool:
    """``True`` or ``False`` (numpy's bools too), nothing else.

    Examples
    --------
    >>> flag("make_to_order", True)
    True
    """
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise refuse(name, value, "True or False")


def choice(name: str, value: object, allowed: Sequence[str]) -> str:
    """One of the ``allowed`` strings.

    Examples
    --------
    >>> choice("view", "demand", ("production", "demand", "both"))
    'demand'
    """
    if isinstance(value, str) and value in allowed:
        return value
    raise refuse(name, value, "one of " + ", ".join(map(repr, allowed)))


def text(name: str, value: object, max_chars: int, *, empty: bool = True) -> str:
    """A string of at most ``max_chars`` characters (and not blank unless ``empty``).

    Examples
    --------
    >>> text("title", "Why we push", 120)
    'Why we push'
    """
    if not isinstance(value, str):
        raise refuse(name, value, f"text of at most {max_chars} characters")
    if len(value) > max_chars:
        raise InputError(f"{name} must be at most {max_chars} characters, got {len(value):,}")
    if not empty and not value.strip():
        raise refuse(name, value, "text that is not blank")
    return value


def sequence(name: str, values: object, min_len: int = 1, max_len: int = 10_000) -> list:
    """A list from a list, tuple or 1-d array of ``min_len``..``max_len`` items.

    Examples
    --------
    >>> sequence("station_minutes", (6.0, 7.5))
    [6.0, 7.5]
    """
    if isinstance(values, np.ndarray):
        if values.ndim != 1:
            raise refuse(name, values, "a flat list of values")
        values = values.tolist()
    if not isinstance(values, (list, tuple)):
        raise refuse(name, values, f"a list of {min_len}..{max_len} values")
    if not min_len <= len(values) <= max_len:
        raise InputError(f"{name} must have {min_len}..{max_len} values, got {len(values):,}")
    return list(values)


def frozen(values: object, dtype: type = float) -> np.ndarray:
    """A read-only copy for a frozen result: a frozen dataclass holding a writable array
    would not be frozen at all."""
    arr = np.array(values, dtype=dtype)
    arr.setflags(write=False)
    return arr


_brief = reprlib.Repr()
_brief.maxlist = _brief.maxtuple = 6
_brief.maxstring = _brief.maxother = 40


def _show_values(value: object) -> str:
    """Like :func:`show`, but a list of a million numbers costs no more than a short one."""
    if isinstance(value, np.ndarray):
        shown = np.array2string(value, threshold=6, edgeitems=3)
        return shown if len(shown) <= 200 else shown[:197] + "..."
    if isinstance(value, (list, tuple)):
        return _brief.repr(value)
    return show(value)


def numbers_array(
    name: str,
    value: object,
    low: float = -math.inf,
    high: float = math.inf,
    *,
    low_open: bool = False,
    high_open: bool = False,
    whole: bool = False,
    flat: bool = True,
) -> np.ndarray:
    """A number or a list of numbers as a float array, every value in the range.

    For parameters that take one value or one per item (a station, a WIP level): a
    scalar gives a 0-d array, a list, tuple or array a 1-d one. ``flat=False`` also
    allows any shape (and no items), for arguments that broadcast. Text, booleans,
    ``None``, nested lists and empty lists are refused like any bad value.

    Examples
    --------
    >>> numbers_array("cv", [0.5, 1]).tolist()
    [0.5, 1.0]
    >>> numbers_array("m", [1, 2.5], 1, 9, whole=True)
    Traceback (most recent call last):
    ...
    demandlab.checks.InputError: m must be a whole number in 1..9 or a list of them, got [1, 2.5]
    """
    if whole:
        allowed = f"a whole number in {low:.0f}..{high:.0f} or a list of them"
    else:
        allowed = _range(low, high, low_open, high_open) + " or a list of them"

    def bad() -> InputError:
        return InputError(f"{name} must be {allowed}, got {_show_values(value)}")

    if value is None or isinstance(value, (str, bytes, bool)):
        raise bad()
    try:
        arr = np.asarray(value)
    except (TypeError, ValueError, OverflowError):  # ragged lists, hostile __array__
        raise bad() from None
    if arr.dtype.kind not in "iuf" or (flat and (arr.ndim > 1 or (arr.ndim == 1 and not arr.size))):
        raise bad()
    arr = arr.astype(float)
    too_low = arr <= low if low_open else arr < low
    too_high = arr >= high if high_open else arr > high
    if np.any(~np.isfinite(arr) | too_low | too_high) or (whole and np.any(arr != np.round(arr))):
        raise bad()
    return arr


_S = TypeVar("_S", bound="Replaceable")


class Replaceable:
    """A lesson's frozen scenario (a dataclass) gets ``replace`` from here, so that every
    lesson changes a scenario the same way and an unknown setting is refused by name
    (``dataclasses.replace`` alone raises a TypeError that lists nothing)."""

    def replace(self: _S, **changes: object) -> _S:
        """This scenario with ``changes`` on top (checked again, as when made); an unknown
        name is refused with the names allowed.

        Examples
        --------
        >>> from demandlab.dice.scenario import SCENARIO
        >>> SCENARIO.replace(rounds=3).rounds
        3
        >>> SCENARIO.replace(round=3)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        demandlab.checks.InputError: scenario settings must be among stations, ..., got ['round']
        """
        names = [f.name for f in dataclasses.fields(self)]  # type: ignore[arg-type]
        unknown = sorted(set(changes) - set(names))
        if unknown:
            raise refuse("scenario settings", unknown, "among " + ", ".join(names))
        return dataclasses.replace(self, **changes)  # type: ignore[type-var]
