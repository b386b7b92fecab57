"""What lesson 01's figures share: the factories' names, chart money, the layout with
its legend above the plot, and a label on the paper."""

from __future__ import annotations

from ...formatting import money
from ...style import layout

A_NAME, B_NAME = "Factory A (efficient)", "Factory B (overrun)"


def _money(x: float) -> str:
    """Chart money: ``$443k``, ``−$624k``, ``$1.35M``."""
    return money(x, compact=True)


def _layout(**overrides: object) -> dict:
    """The course layout with a horizontal legend above the plot, under the subtitle
    (issue 19: a legend below the axis collided with axis titles at 1024 px)."""
    base = {
        "margin": {"t": 120, "b": 60, "l": 80},
        "legend": {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
    }
    for key, value in base.items():
        extra = overrides.pop(key, {})
        overrides[key] = {**value, **extra}  # type: ignore[dict-item]
    return layout(**overrides)


def _paper_text(text: str, x: float, y: float, **style: object) -> dict:
    """A label placed on the paper (not on the data), without an arrow."""
    return {
        "text": text,
        "xref": "paper",
        "yref": "paper",
        "x": x,
        "y": y,
        "showarrow": False,
        **style,
    }
