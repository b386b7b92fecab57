"""Number formatting: the one style for money, percentages, counts and signs.

Every message, label, table and printed output in the course formats numbers here, so a
learner never sees "$-156,000" next to "−$624k" or "1 cards".

- Money: ``$1,234``; negatives put the minus before the dollar (``−$3,364``), using the
  true minus sign U+2212 that screen readers announce as "minus".
- Compact money for charts: ``$624k``, ``$1.25M``.
- Percentages: ``42%``; signed changes ``+5%`` / ``−5%``.
- Counts with a noun: ``1 card``, ``2 cards``.
"""

from __future__ import annotations

import math

__all__ = ["MINUS", "count", "money", "number", "pct", "plural", "signed"]

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
