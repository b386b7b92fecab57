"""The cloud drawn in the classic layout: A left, B and C in the middle, D and D' right.

Every piece of learner text goes through ``style.label``, so tags show as typed.
"""

from __future__ import annotations

import plotly.graph_objects as go

from ..style import (
    BAD_COLOR,
    DEMAND_COLOR,
    GOOD_COLOR,
    MUTED_COLOR,
    PRODUCTION_COLOR,
    TEXT_COLOR,
    label,
    layout,
)
from .model import EvaporatingCloud, Injection, as_cloud
from .scenario import ARROW_GLYPHS, ARROW_QUESTIONS, ARROWS, BOX_LABELS, BOX_PROMPTS

# Box centres and half sizes, in a 0..1 square (x right, y up); the right 37% is the panel.
# Columns: A at the left, B and C in the middle, D and D' at the right; the panel beyond.
_HALF_W, _HALF_H = 0.09, 0.19
_COL_A, _COL_BC, _COL_D = 0.092, 0.33, 0.568
_BOX_XY = {
    "goal": (_COL_A, 0.50),
    "need_b": (_COL_BC, 0.76),
    "need_c": (_COL_BC, 0.24),
    "want_d": (_COL_D, 0.76),
    "want_d_prime": (_COL_D, 0.24),
}
# A box line holds 24 average letters at 12 px: enough for a short phrase (or a pasted tag)
# to stay on one line.
_BOX_CHARS, _BOX_LINES = 24, 6
# The diagram is drawn in the 0..1 square above, then stretched to the full width and the top
# of the figure (_SX, _Y0): the assumptions panel sits under it, full width, so the boxes stay
# readable in a 1024 px window with the file browser open (about 590 px of output).
_SX, _Y0 = 1 / 0.68, 0.40
_PANEL_X, _PANEL_CHARS, _PANEL_LINES = 0.0, 72, 14
# The production view (B, D) in grey on top, the demand view (C, D') in blue below.
_COLOR_BY_BOX = {
    "goal": TEXT_COLOR,
    "need_b": PRODUCTION_COLOR,
    "want_d": PRODUCTION_COLOR,
    "need_c": DEMAND_COLOR,
    "want_d_prime": DEMAND_COLOR,
}
_GAP_AB = (_COL_A + _HALF_W, _COL_BC - _HALF_W)  # x-range between A and the B/C column
_GAP_BD = (_COL_BC + _HALF_W, _COL_D - _HALF_W)
_ARROW_ENDS = {  # (tail, head): from the requirement to what it serves
    "A-B": ((_GAP_AB[1], 0.70), (_GAP_AB[0], 0.60)),
    "A-C": ((_GAP_AB[1], 0.30), (_GAP_AB[0], 0.40)),
    "B-D": ((_GAP_BD[1], 0.76), (_GAP_BD[0], 0.76)),
    "C-D'": ((_GAP_BD[1], 0.24), (_GAP_BD[0], 0.24)),
}
_BADGE_XY = {  # where the ids sit, and which side of the arrow they grow from
    "A-B": (sum(_GAP_AB) / 2 - 0.005, 0.675, "bottom"),
    "A-C": (sum(_GAP_AB) / 2 - 0.005, 0.325, "top"),
    "B-D": (sum(_GAP_BD) / 2, 0.78, "bottom"),
    "C-D'": (sum(_GAP_BD) / 2, 0.22, "top"),
    "D-D'": (_COL_D + 0.05, 0.50, "middle"),
}

_NARROW = set("iljtfrI.,;:!|'` ()[]")
_WIDEST = set("MW@")
_WIDE = set("mw%&")


def _char_units(ch: str) -> float:
    """Rough width of a character relative to an average letter (for wrapping labels)."""
    if ch in _NARROW:
        return 0.55
    if ch in _WIDEST:
        return 1.85
    if ch in _WIDE:
        return 1.5
    if ch.isupper() and ch.isascii():
        return 1.3
    if ord(ch) > 0x2E80:  # CJK, emoji and other wide scripts
        return 1.9
    return 1.0


def _wrap(text: str, width: int, max_lines: int) -> tuple[list[str], bool]:
    """Wrap ``text`` into lines about ``width`` average letters wide; at most ``max_lines``.

    Widths are estimated per character, so a run of "W" or of CJK characters wraps
    earlier than a run of "i". Words longer than a line are broken. Returns the lines
    and whether text was cut (the last kept line then ends with "…").
    """
    lines: list[str] = []
    for para in text.splitlines() or [""]:
        line, used = "", 0.0
        for word in para.split():
            w = sum(_char_units(ch) for ch in word)
            if line and used + 0.55 + w <= width:
                line, used = f"{line} {word}", used + 0.55 + w
                continue
            if line:
                lines.append(line)
            line, used = "", 0.0
            for ch in word:  # start a new line; break words that do not fit on one
                u = _char_units(ch)
                if used + u > width and line:
                    lines.append(line)
                    line, used = "", 0.0
                line, used = line + ch, used + u
        if line:
            lines.append(line)
        if len(lines) > max_lines:
            break
    cut = len(lines) > max_lines
    if cut:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: max(1, len(lines[-1]) - 2)] + "…"
    return lines, cut


def _label(lines: list[str], strike: bool = False) -> str:
    esc_lines = [label(line) for line in lines]
    if strike:
        esc_lines = [f"<s>{line}</s>" for line in esc_lines]
    return "<br>".join(esc_lines)


def _header(name: str) -> str:
    return BOX_LABELS[name].upper()  # "A · GOAL", "D' · ACTION"


def _boxes(cloud: EvaporatingCloud) -> tuple[list[dict], list[dict], list[str]]:
    """The five boxes: their outlines, their header and text labels, their hover texts."""
    shapes: list[dict] = []
    notes: list[dict] = []
    hover_text: list[str] = []
    for name, (cx, cy) in _BOX_XY.items():
        text = getattr(cloud, name)
        empty = not text.strip()
        color = _COLOR_BY_BOX[name]
        line = {"color": BAD_COLOR if empty else color, "width": 2}
        line["dash"] = "dash" if empty else "solid"
        shapes.append(
            {
                "type": "rect",
                "x0": cx - _HALF_W,
                "x1": cx + _HALF_W,
                "y0": cy - _HALF_H,
                "y1": cy + _HALF_H,
                "line": line,
                "fillcolor": "#ffffff",
                "layer": "below",
            }
        )
        if empty:
            body = f"<i>(empty)<br>{_label(_wrap(BOX_PROMPTS[name], _BOX_CHARS, 4)[0])}</i>"
            body_color = MUTED_COLOR
        else:
            body = _label(_wrap(text, _BOX_CHARS, _BOX_LINES)[0])
            body_color = TEXT_COLOR
        top = cy + _HALF_H
        notes.append(
            {
                "x": cx,
                "y": top - 0.015,
                "yanchor": "top",
                "text": f"<b>{_header(name)}</b>",
                "font": {"size": 12, "color": color},
                "showarrow": False,
            }
        )
        notes.append(
            {
                "x": cx,
                "y": top - 0.075,
                "yanchor": "top",
                "text": body,
                "font": {"size": 12, "color": body_color},
                "showarrow": False,
                "align": "center",
            }
        )
        full = text if not empty else BOX_PROMPTS[name]
        hover_text.append(f"<b>{_header(name)}</b><br>" + _label(_wrap(full, 50, 14)[0]))
    return shapes, notes, hover_text


def _arrows_and_conflict() -> tuple[list[dict], list[dict]]:
    """The four arrows, and the red zig-zag between D and D' that is the conflict."""
    notes = [
        {
            "x": head[0],
            "y": head[1],
            "ax": tail[0],
            "ay": tail[1],
            "xref": "x",
            "yref": "y",
            "axref": "x",
            "ayref": "y",
            "text": "",
            "showarrow": True,
            "arrowhead": 2,
            "arrowsize": 1.3,
            "arrowwidth": 2,
            "arrowcolor": MUTED_COLOR,
        }
        for tail, head in _ARROW_ENDS.values()
    ]
    x = _BOX_XY["want_d"][0]
    top, bottom = _BOX_XY["want_d"][1] - _HALF_H - 0.01, _BOX_XY["want_d_prime"][1] + _HALF_H + 0.01
    steps = 6
    pts = [
        (x + (0.012 if i % 2 else -0.012) * (0 < i < steps), top - (top - bottom) * i / steps)
        for i in range(steps + 1)
    ]
    zigzag = {
        "type": "path",
        "path": "M " + " L ".join(f"{px:.4f},{py:.4f}" for px, py in pts),
        "line": {"color": BAD_COLOR, "width": 3},
        "layer": "above",
    }
    notes.append(
        {
            "x": x - 0.02,
            "y": 0.5,
            "xanchor": "right",
            "text": "<b>conflict</b>",
            "font": {"size": 12, "color": BAD_COLOR},
            "showarrow": False,
        }
    )
    return [zigzag], notes


def _badges(cloud: EvaporatingCloud) -> list[dict]:
    """Assumption ids on their arrows (two at most, then "+n"); broken ones struck."""
    broken = cloud.broken_ids
    notes = []
    for arrow, (bx, by, side) in _BADGE_XY.items():
        items = cloud.assumptions_on(arrow)
        if not items:
            continue
        shown = items[:2]
        parts = [f"<s>{label(a.id)}</s>" if a.id in broken else label(a.id) for a in shown]
        if len(items) > len(shown):
            parts.append(f"+{len(items) - len(shown)}")
        any_broken = any(a.id in broken for a in items)
        notes.append(
            {
                "x": bx,
                "y": by,
                "text": "<br>".join(parts),
                "font": {"size": 11, "color": BAD_COLOR if any_broken else MUTED_COLOR},
                "bgcolor": "rgba(255,255,255,0.9)",
                "showarrow": False,
                "xanchor": "left" if arrow == "D-D'" else "center",
                "yanchor": side,
            }
        )
    return notes


def _fx(x: float) -> float:
    return x * _SX


def _fy(y: float) -> float:
    return _Y0 + (1 - _Y0) * y


def _stretch(shapes: list[dict], notes: list[dict]) -> None:
    """Move the diagram from its drawing square to the top of the figure (in place)."""
    for s in shapes:
        for k in ("x0", "x1"):
            if k in s:
                s[k] = _fx(s[k])
        for k in ("y0", "y1"):
            if k in s:
                s[k] = _fy(s[k])
        if "path" in s:
            pts = [p.split(",") for p in s["path"][2:].split(" L ")]
            s["path"] = "M " + " L ".join(
                f"{_fx(float(x)):.4f},{_fy(float(y)):.4f}" for x, y in pts
            )
    for n in notes:
        for k in ("x", "ax"):
            if k in n:
                n[k] = _fx(n[k])
        for k in ("y", "ay"):
            if k in n:
                n[k] = _fy(n[k])


def plot_cloud(cloud: EvaporatingCloud) -> go.Figure:
    """Draw a cloud in the classic layout: A left, B and C middle, D and D' right.

    The red zig-zag between D and D' is the conflict. Assumption ids sit on their
    arrows and are listed on the right; an assumption an injection breaks is struck
    through in red, with the injection under it in green. Every piece of learner text
    is escaped, so tags show as typed and nothing runs.

    Parameters
    ----------
    cloud : EvaporatingCloud
        Complete or half-built; empty boxes show what they should hold.

    Returns
    -------
    plotly.graph_objects.Figure
        as wide as the output area, 640 px high (the diagram on top, the assumptions
        under it); hover a box to read its full text.

    Examples
    --------
    >>> from demandlab.cloud.model import example_clouds
    >>> fig = plot_cloud(example_clouds()["products vs throughput generators"])
    >>> any("<s>" in a.text for a in fig.layout.annotations)
    True
    """
    cloud = as_cloud(cloud)
    shapes, notes, hover_text = _boxes(cloud)
    conflict_shapes, arrow_notes = _arrows_and_conflict()
    shapes += conflict_shapes
    notes += arrow_notes + _badges(cloud)
    _stretch(shapes, notes)
    notes.append(_panel(cloud))
    broken = cloud.broken_ids
    if cloud.injections and broken:
        n = len(broken)
        status = f"an injection breaks {n} assumption{'s' * (n != 1)}: the conflict can evaporate"
    else:
        status = "no injection yet: find the assumption that keeps D and D' apart"
    title = cloud.title.strip() or "a conflict"
    fig = go.Figure(
        go.Scatter(
            x=[_fx(xy[0]) for xy in _BOX_XY.values()],
            y=[_fy(xy[1]) for xy in _BOX_XY.values()],
            mode="markers",
            marker={"size": 70, "opacity": 0, "symbol": "square"},
            hovertext=hover_text,
            hoverinfo="text",
            showlegend=False,
        ),
        layout(  # in the constructor: a later update_layout() costs ~2x (issue 15)
            title={
                "text": f"Evaporating Cloud: {_label(_wrap(title, 58, 1)[0])}"
                f"<br><span style='font-size:13px'>{status}</span>",
            },
            shapes=shapes,
            annotations=notes,
            xaxis={"range": [0, 1], "visible": False, "fixedrange": True},
            yaxis={"range": [0, 1], "visible": False, "fixedrange": True},
            height=640,
            margin={"l": 10, "r": 34, "t": 62, "b": 8},  # r: room for the mode bar
            hoverlabel={"align": "left"},
            showlegend=False,
        ),
    )
    return fig


def _panel(cloud: EvaporatingCloud) -> dict:
    """The right-hand list: assumptions by arrow, broken ones struck, injections under them."""
    broken = cloud.broken_ids
    lines: list[str] = ["<b>Assumptions under the arrows</b>"]
    budget = _PANEL_LINES - 1
    by_target: dict[str, list[Injection]] = {}
    for inj in cloud.injections:
        by_target.setdefault(inj.breaks, []).append(inj)
    hidden = 0
    red, green = f"<span style='color:{BAD_COLOR}'>", f"<span style='color:{GOOD_COLOR}'>"
    for a in cloud.assumptions:
        text = a.text if a.text.strip() else "(no text yet)"
        wrapped, _ = _wrap(text, _PANEL_CHARS, 3)
        block = [
            f"<b>{label(a.id)}</b> <span style='color:{MUTED_COLOR}'>{ARROW_GLYPHS[a.arrow]}</span>"
        ]
        if a.id in broken:
            block[0] += f" {red}<b>broken</b></span>"
            block += [f"{red}<s>{label(line)}</s></span>" for line in wrapped]
            for inj in by_target.get(a.id, []):
                inj_lines, _ = _wrap("Injection: " + (inj.text or "(no text yet)"), _PANEL_CHARS, 3)
                block += [f"{green}{label(line)}</span>" for line in inj_lines]
        else:
            block += [label(line) for line in wrapped]
        if len(block) < budget:
            lines += block
            budget -= len(block)
        else:
            hidden += 1
    ids = {a.id for a in cloud.assumptions}
    dangling = [inj for inj in cloud.injections if inj.breaks not in ids]
    if dangling:
        lines.append(f"{red}{len(dangling)} injection(s) name no assumption yet</span>")
    if hidden:
        lines.append(f"<i>… and {hidden} more: read the cloud aloud to see them all</i>")
    if not cloud.assumptions:
        lines += [
            "<i>None yet. For each arrow, ask why it holds:</i>",
            "<i>the answer is an assumption. Start with D✕D':</i>",
            f"<i>{label(ARROW_QUESTIONS[ARROWS[4]])}</i>",
        ]
    return {
        "x": _PANEL_X,
        "y": _Y0 - 0.02,
        "xanchor": "left",
        "yanchor": "top",
        "align": "left",
        "text": "<br>".join(lines),
        "font": {"size": 12, "color": TEXT_COLOR},
        "showarrow": False,
    }
