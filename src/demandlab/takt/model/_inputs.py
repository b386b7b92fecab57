"""The size guards and list checks lesson 02's models share (messages from demandlab.checks)."""

from __future__ import annotations

from ... import checks

MAX_STATIONS = 30  # stations in a line, or stages in a funnel
MAX_DAYS = 3660  # days of orders in a levelling plan (ten years)
MAX_DEMAND_PER_SHIFT = 1e6  # a bike line making a million a shift is a typo, not a scenario
MAX_STATION_MINUTES = 1e6  # minutes of work per unit at one station
MAX_NAME_CHARS = 60  # characters in a station's or a stage's name
MAX_WEEKS = 104  # weeks in one run of the funnel
MAX_PACE_PER_WEEK = 5_000.0  # inquiries started (or deals wanted) a week
MAX_FUNNEL_JOBS = 200_000  # inquiries one funnel run may simulate
MAX_PEOPLE = 1000  # people working one stage of the funnel
EPS = 1e-9  # ceil(3.0000000001) must stay 3 when the ratio is exactly 3 in decimal terms


def items(name: str, values: object, count: int | None = None, noun: str = "stage") -> list:
    """A list of 1..MAX_STATIONS values; with ``count``, exactly one per ``noun``."""
    out = checks.sequence(name, values, 1, MAX_STATIONS)
    if count is not None and len(out) != count:
        raise checks.refuse(name, values, f"one value per {noun} ({count} values)")
    return out


def station_minutes(values: object) -> tuple[float, ...]:
    """Minutes of work per unit at each station: each > 0 and at most 1e6."""
    return tuple(
        checks.in_range(f"station_minutes[{i}]", v, 0, MAX_STATION_MINUTES, low_open=True)
        for i, v in enumerate(items("station_minutes", values))
    )


def names(name: str, values: object, count: int, noun: str) -> tuple[str, ...]:
    """One non-blank name of at most 60 characters per ``noun``; ``None`` numbers them."""
    if values is None:
        return tuple(f"Station {i + 1}" for i in range(count))
    if isinstance(values, str):
        raise checks.refuse(name, values, f"a list of {noun} names")
    listed = checks.sequence(name, values, 1, MAX_STATIONS)
    if len(listed) != count:
        raise checks.refuse(name, values, f"one name per {noun} ({count} names)")
    return tuple(
        checks.text(f"{name}[{i}]", s, MAX_NAME_CHARS, empty=False) for i, s in enumerate(listed)
    )
