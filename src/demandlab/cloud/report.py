"""Lesson 04's cloud in words: read aloud, what is still missing, the markdown page.

The one place the cloud's prose is built: :class:`EvaporatingCloud` holds the boxes, the
assumptions and the injections (and what is missing as records, ``cloud.gaps()``); its
``read_aloud()``, ``problems()`` and ``to_markdown()`` are declared ``@worded`` there and
written here (``@writes``, :mod:`demandlab.formatting`), registered when the lesson's package
imports this module.
"""

from __future__ import annotations

import re

from ..formatting import writes
from .model import EvaporatingCloud
from .model.diagram import _LETTERS, _tidy
from .scenario import (
    ARROW_QUESTIONS,
    ARROWS,
    BOX_FIELDS,
    BOX_LABELS,
    BOX_LETTERS,
    BOX_PROMPTS,
    BOX_ROLES,
)

__all__ = ["markdown", "md", "problems", "read_aloud"]


@writes(EvaporatingCloud, "read_aloud")
def read_aloud(cloud: EvaporatingCloud) -> str:
    """The cloud as sentences, one per line: "In order to A, we must B, because ...".

    Empty boxes read as "[box A is empty]", so a half-built cloud still reads.
    """
    text = {letter: (_tidy(cloud.box(letter)) or f"[box {letter} is empty]") for letter in _LETTERS}
    broken = cloud.broken_ids

    def because(arrow: str) -> str:
        parts = []
        for a in cloud.assumptions_on(arrow):
            t = _tidy(a.text) or f"[assumption {a.id} has no text]"
            parts.append(t + (" (broken by an injection)" if a.id in broken else ""))
        return "; ".join(parts) if parts else "… (no assumption written yet)"

    a, b, c, d, d2 = (text[k] for k in _LETTERS)
    lines = [
        f"In order to {a}, we must have {b}, because {because('A-B')}.",
        f"In order to {a}, we must have {c}, because {because('A-C')}.",
        f"In order to have {b}, we must {d}, because {because('B-D')}.",
        f"In order to have {c}, we must {d2}, because {because(ARROWS[3])}.",
        f"But we cannot both {d} and {d2}, because {because(ARROWS[4])}.",
    ]
    by_id = {a.id: a for a in cloud.assumptions}
    for inj in cloud.injections:
        what = _tidy(inj.text) or "[an injection with no text]"
        target = by_id.get(inj.breaks)
        if target is None:
            lines.append(f"Injection: {what} (it names no assumption in this cloud yet).")
        else:
            lines.append(f"Injection: {what}; it breaks the assumption that {_tidy(target.text)}.")
    return "\n".join(lines)


def _gap_text(gap: tuple) -> str:
    kind, *details = gap
    if kind == "empty_box":
        (name,) = details
        return f"Box {BOX_LETTERS[name]} ({BOX_ROLES[name]}) is empty: {BOX_PROMPTS[name]}"
    if kind == "same_actions":
        return "Boxes D and D' say the same thing: a conflict needs two different actions."
    if kind == "assumption_without_text":
        aid, arrow = details
        return f"Assumption {aid} (under the arrow {arrow}) has no text."
    if kind == "injection_without_text":
        return f"Injection {details[0]} has no text."
    if kind == "injection_without_target":
        return f"Injection {details[0]} names no assumption; say which one it breaks."
    i, breaks, ids = details
    known = ", ".join(ids) if ids else "none yet"
    return (
        f"Injection {i} names assumption {breaks!r}, which is not in this cloud "
        f"(its assumptions: {known})."
    )


@writes(EvaporatingCloud, "problems")
def problems(cloud: EvaporatingCloud) -> tuple[str, ...]:
    """What keeps ``cloud`` from being complete, one sentence each (``cloud.problems()``)."""
    return tuple(_gap_text(gap) for gap in cloud.gaps())


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def md(text: str) -> str:
    """Escape text for markdown: no emphasis, links or HTML; line breaks kept."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return "<br>".join(text.splitlines()) if "\n" in text or "\r" in text else text


@writes(EvaporatingCloud, "to_markdown")
def markdown(cloud: EvaporatingCloud) -> str:
    """The cloud as a markdown page (``cloud.to_markdown()``): boxes, assumptions,
    injections and the cloud read aloud."""
    broken = cloud.broken_ids
    out = [f"# Evaporating Cloud: {md(cloud.title) or 'untitled'}", ""]
    for name in BOX_FIELDS:
        out.append(f"- **{BOX_LABELS[name]}:** {md(getattr(cloud, name)) or '*(empty)*'}")
    out += ["", "## Assumptions", ""]
    for arrow in ARROWS:
        items = cloud.assumptions_on(arrow)
        out.append(f"**{arrow}**: {ARROW_QUESTIONS[arrow]}")
        out.append("")
        for a in items:
            body = md(a.text) or "*(no text)*"
            out.append(
                f"- {md(a.id)}: ~~{body}~~ (broken by an injection)"
                if a.id in broken
                else f"- {md(a.id)}: {body}"
            )
        if not items:
            out.append("- *(none yet)*")
        out.append("")
    out += ["## Injections", ""]
    for inj in cloud.injections:
        out.append(f"- {md(inj.text) or '*(no text)*'} (breaks {md(inj.breaks) or 'nothing'})")
    if not cloud.injections:
        out.append("- *(none yet)*")
    out += ["", "## Read aloud", ""]
    out += [f"> {md(line)}  " for line in read_aloud(cloud).splitlines()]
    return "\n".join(out) + "\n"
