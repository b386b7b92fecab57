"""Figure style: the one place every figure takes its colours, fonts, sizes and layout.

Figures call :func:`layout` for their layout defaults and use the colour names below,
so "production view" and "demand view" look the same in every lesson, and a change of
palette (for colour-vision safety, say) is made once.
"""

from __future__ import annotations

import html
from typing import Any

import plotly.graph_objects as go

__all__ = [
    "ACCENT_COLOR",
    "BAD_COLOR",
    "DEMAND_COLOR",
    "DIVERGING_SCALE",
    "GOOD_COLOR",
    "MUTED_COLOR",
    "PRODUCTION_COLOR",
    "TEMPLATE",
    "TEXT_COLOR",
    "label",
    "layout",
    "marked_line",
    "subtitle",
]

# Colours used across lessons, so "production view" and "demand view" look the same everywhere.
# Colour-vision safe (issue 14): Okabe & Ito's blue, vermillion and reddish purple, a dark grey
# and viridis' green; every pair stays >= 20 CIELAB units apart under simulated deuteranopia,
# protanopia and tritanopia (tests/test_colour_vision.py). Meaning is never carried by colour
# alone: good/bad also get a word or symbol, lines also differ by dash or marker.
PRODUCTION_COLOR = "#595959"
DEMAND_COLOR = "#0072b2"
GOOD_COLOR = "#35b779"
BAD_COLOR = "#d55e00"
ACCENT_COLOR = "#cc79a7"
# A diverging scale that is not red-green: vermillion (loss, below zero) -> white -> blue
# (profit, above zero), with a visible tint right next to zero on either side.
DIVERGING_SCALE = [
    [0.0, BAD_COLOR],
    [0.499, "#f4c7a6"],
    [0.5, "#ffffff"],
    [0.501, "#a9cfe8"],
    [1.0, DEMAND_COLOR],
]
TEXT_COLOR = "#1a1a1a"  # near-black: >= 20 CIELAB units from PRODUCTION_COLOR
MUTED_COLOR = "#555555"

# A tiny white template: plotly's built-in ones cost ~7 ms per figure to validate, and
# refresh() keeps a widget's template from its first draw, so this only sets the look.
# automargin: tick labels and axis titles push the margin out instead of being cut off.
_AXIS = {"gridcolor": "#e5e5e5", "zerolinecolor": "#cccccc", "automargin": True}
TEMPLATE = go.layout.Template(
    layout={
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        "font": {"color": TEXT_COLOR},
        "hovermode": "closest",
        "xaxis": _AXIS,
        "yaxis": _AXIS,
        "colorway": [DEMAND_COLOR, PRODUCTION_COLOR, GOOD_COLOR, BAD_COLOR, ACCENT_COLOR],
    }
)

# No fixed width: autosize fills the output area (1400 px screen or 1024 px with the file
# browser open); the mode bar stands vertically at the right edge, away from the titles.
_BASE = {
    "autosize": True,
    "height": 420,
    "margin": {"t": 80, "b": 60, "l": 70, "r": 30},
    "font": {"size": 14},
    "title": {"font": {"size": 17}, "x": 0.01, "xanchor": "left"},
    "modebar": {"orientation": "v"},
}


def layout(**overrides: Any) -> dict:
    """The course's layout defaults with ``overrides`` on top (dicts merge one level deep).

    Examples
    --------
    >>> layout(height=300)["height"], layout()["title"]["x"]
    (300, 0.01)
    """
    out: dict[str, Any] = {"template": TEMPLATE}
    for key, value in _BASE.items():
        out[key] = dict(value) if isinstance(value, dict) else value
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = {**out[key], **value}
        else:
            out[key] = value
    return out


def subtitle(text: str, y: float = 1.07) -> dict:
    """A second title line as its own annotation, under the title.

    One "$" per label: plotly reads a label with two as LaTeX and drops it, and
    layout.title.subtitle drew above the title in the widget.
    """
    return {
        "text": text,
        "xref": "paper",
        "yref": "paper",
        "x": 0.0,
        "y": y,
        "xanchor": "left",
        "yanchor": "bottom",
        "showarrow": False,
        "font": {"size": 14, "color": MUTED_COLOR},
    }


def marked_line(color: str, *, size: int = 7, symbol: str = "circle") -> dict:
    """A scatter trace's look as a line with a marker at every point (a round's or a week's
    running number), so the line differs by more than colour; pass it as ``**marked_line(...)``.

    Examples
    --------
    >>> marked_line(DEMAND_COLOR)["marker"]
    {'symbol': 'circle', 'size': 7}
    """
    return {
        "mode": "lines+markers",
        "line": {"color": color, "width": 3},
        "marker": {"symbol": symbol, "size": size},
    }


def label(text: object) -> str:
    """Escape learner text for a plotly label: tags show as text (plotly decodes numeric
    entities, so a quote becomes &#34;, which it shows as a quote).

    Examples
    --------
    >>> label('<b>"hi"</b>')
    '&lt;b&gt;&#34;hi&#34;&lt;/b&gt;'
    """
    return html.escape(str(text)).replace("&quot;", "&#34;")
