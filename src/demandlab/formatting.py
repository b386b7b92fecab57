"""Number formatting: the one style for money, percentages, counts and signs.

Every message, label, table and printed output in the course formats numbers here, so a
learner never sees "$-156,000" next to "−$624k" or "1 cards".

- Money: ``$1,234``; negatives put the minus before the dollar (``−$3,364``), using the
  true minus sign U+2212 that screen readers announce as "minus".
- Compact money for charts: ``$624k``, ``$1.25M``.
- Percentages: ``42%``; signed changes ``+5%`` / ``−5%``.
- Counts with a noun: ``1 card``, ``2 cards``.

And how a result's *methods* become text: a model keeps a method that returns prose
(``result.summary()``, ``cloud.read_aloud()``, ``print(plan)``) by declaring it ``@worded``,
and its lesson's report, the one place prose is built, supplies the words with
``@writes(Class, "method")``. The report imports the model; the model never imports the
report (import-linter's "lesson" contract, tests/test_wording.py).
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from typing import Any

__all__ = [
    "MINUS",
    "NoWriterError",
    "count",
    "money",
    "number",
    "pct",
    "plural",
    "signed",
    "worded",
    "worded_methods",
    "writer",
    "writes",
]

MINUS = "\u2212"


def _sign(x: float, sign: bool) -> str:
    if x < 0:
        return MINUS
    return "+" if sign and x > 0 else ""


def money(x: float, *, sign: bool = False, compact: bool = False, cents: bool = False) -> str:
    """Dollars: whole dollars with thousands separators, minus before the dollar sign.

    ``compact`` shortens to k/M for chart labels; ``cents`` keeps two decimals (prices).

    Examples
    --------
    >>> money(-3364.2)
    '−$3,364'
    >>> money(1234, sign=True)
    '+$1,234'
    >>> money(624_000, compact=True), money(1_250_000, compact=True)
    ('$624k', '$1.25M')
    >>> money(6.5, cents=True)
    '$6.50'
    """
    if not math.isfinite(x):
        return "n/a"
    digits = 2 if cents else 0
    if round(abs(x), digits) == 0:
        x = 0.0  # no "−$0" from -0.2
    head = _sign(x, sign) + "$"
    a = abs(x)
    if compact and a >= 1e6:
        return f"{head}{a / 1e6:,.2f}M"
    if compact and a >= 1e4:
        return f"{head}{a / 1e3:,.0f}k"
    return f"{head}{a:,.{digits}f}"


def pct(x: float, *, digits: int = 0, sign: bool = False) -> str:
    """A share as a percentage: ``pct(0.423)`` is ``42%``; ``sign`` marks changes.

    Examples
    --------
    >>> pct(0.423), pct(-0.05, sign=True), pct(0.026, digits=1)
    ('42%', '−5%', '2.6%')
    """
    if not math.isfinite(x):
        return "n/a"
    body = f"{abs(x) * 100:,.{digits}f}"
    if float(body.replace(",", "")) == 0:
        return f"{body}%"
    return f"{_sign(x, sign)}{body}%"


def number(x: float, *, digits: int = 0, sign: bool = False) -> str:
    """A plain number with thousands separators and a true minus sign.

    Examples
    --------
    >>> number(443368.42), number(-2.5, digits=1), number(3, sign=True)
    ('443,368', '−2.5', '+3')
    """
    if not math.isfinite(x):
        return "n/a"
    body = f"{abs(x):,.{digits}f}"
    if float(body.replace(",", "")) == 0:
        return body
    return _sign(x, sign) + body


def signed(x: float, *, digits: int = 0) -> str:
    """A change with its sign always shown: ``+3``, ``−2``, ``0``."""
    return number(x, digits=digits, sign=True)


def plural(n: float, noun: str, plural_form: str | None = None) -> str:
    """The noun for ``n``: ``plural(1, "card")`` is ``card``, else ``cards``."""
    return noun if n == 1 else (plural_form or noun + "s")


def count(n: float, noun: str, plural_form: str | None = None, *, digits: int = 0) -> str:
    """A count with its noun: ``count(1, "card")`` is ``1 card``; ``count(2, "box", "boxes")``.

    Examples
    --------
    >>> count(1, "card"), count(3_646, "inquiry", "inquiries")
    ('1 card', '3,646 inquiries')
    """
    return f"{number(n, digits=digits)} {plural(n, noun, plural_form)}"


# --- Worded methods: the model declares them, the lesson's report writes them ------------

# (class, method name) -> the report function that writes it; filled as reports are imported.
_WRITERS: dict[tuple[type, str], Callable[..., Any]] = {}


class NoWriterError(LookupError):
    """A worded method was called but no report has registered its words."""


def worded(stub: Callable[..., Any]) -> Callable[..., Any]:
    """Declare a method whose text the lesson's report writes (see :func:`writes`).

    ``stub`` is a method with a docstring and no body: its name, signature and docstring are
    the method's (``help()`` shows them); a call hands the object and the arguments to the
    function the report registered. Stack ``@property`` on top for a worded property.

    Examples
    --------
    >>> class Tally:
    ...     def __init__(self, n):
    ...         self.n = n
    ...     @worded
    ...     def say(self, noun="card"):
    ...         '''The tally in words.'''
    >>> @writes(Tally, "say")
    ... def tally_words(tally, noun="card"):
    ...     return count(tally.n, noun)
    >>> Tally(3).say(), Tally(1).say(noun="box")
    ('3 cards', '1 box')
    >>> Tally.say.__doc__
    'The tally in words.'
    """
    name = stub.__name__

    @functools.wraps(stub)
    def method(self: object, *args: Any, **kwargs: Any) -> Any:
        return writer(type(self), name)(self, *args, **kwargs)

    method.__worded__ = name  # type: ignore[attr-defined]  # found by worded_methods()
    return method


def worded_methods(cls: type) -> tuple[str, ...]:
    """The names of ``cls``'s worded methods and properties (inherited ones too), sorted."""
    found: dict[str, bool] = {}
    for klass in reversed(cls.__mro__):
        for name, attr in vars(klass).items():
            target = attr.fget if isinstance(attr, property) else attr
            found[name] = getattr(target, "__worded__", None) == name
    return tuple(sorted(name for name, is_worded in found.items() if is_worded))


def _report_of(cls: type, name: str) -> str:
    """The report that should write ``cls.name``: the lesson of the model that declares it."""
    home = next((k for k in cls.__mro__ if name in vars(k)), cls)
    lesson = re.match(r"(.+?)\.model(\.|$)", home.__module__)
    return f"{lesson.group(1)}.report" if lesson else f"the report of {home.__module__}"


def writer(cls: type, name: str) -> Callable[..., Any]:
    """The function registered to write ``cls.name`` (the nearest one along the class's MRO).

    Raises :class:`NoWriterError` naming the class, the method and the report module that
    registers its writer.
    """
    for klass in cls.__mro__:
        found = _WRITERS.get((klass, name))
        if found is not None:
            return found
    raise NoWriterError(
        f"{cls.__qualname__}.{name} has no words: {_report_of(cls, name)} writes them, "
        f"registering a function with @formatting.writes({cls.__name__}, {name!r}) when it "
        "is imported (importing the lesson's package imports it)"
    )


def writes(cls: type, name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register the decorated function as the words of ``cls.name``, a method (or property)
    the model declared with :func:`worded`; the function is returned unchanged.

    The function takes the object first, then the method's own arguments. One writer per
    method: a second, different one is refused (re-importing the same one is not).
    """
    if name not in worded_methods(cls):
        raise TypeError(f"{cls.__qualname__}.{name} is not declared @worded in its model")

    def register(func: Callable[..., Any]) -> Callable[..., Any]:
        old = _WRITERS.get((cls, name))
        same = (func.__module__, func.__qualname__)
        if old is not None and (old.__module__, old.__qualname__) != same:
            raise ValueError(
                f"{cls.__qualname__}.{name} already has its words from "
                f"{old.__module__}.{old.__qualname__}"
            )
        _WRITERS[cls, name] = func
        return func

    return register
