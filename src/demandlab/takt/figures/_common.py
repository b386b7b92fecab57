"""What lesson 02's figures share: panel spacing, the paper colour, the title and the
legend placed above the plot."""

from __future__ import annotations

from ...style import TEMPLATE

_SIDE_BY_SIDE = {"horizontal_spacing": 0.12}  # two panels: room for the right one's y title
_PAPER = TEMPLATE.layout.paper_bgcolor  # the figure's background (the idle bars' fill)
# Legends sit in a row above the plot, under the title, where they cannot cover bars or
# axis titles at 1024 px (issue 19).
_TITLE_TOP = {"y": 0.98, "yref": "container", "yanchor": "top"}
_LEGEND_ABOVE = {"orientation": "h", "x": 0, "xanchor": "left", "y": 1.02, "yanchor": "bottom"}
