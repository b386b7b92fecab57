"""Printed sentences that fit a narrow output area: lines wrapped at word boundaries."""

from __future__ import annotations

import textwrap

__all__ = ["WIDTH", "wrapped"]

# Characters per printed line: a notebook's output at 1024 px with the file browser open
# shows about 75 monospace characters; longer lines wrapped mid-word there (issue 19).
WIDTH = 72


def wrapped(text: str, width: int = WIDTH) -> str:
    """Wrap each line of ``text`` at word boundaries; continuation lines are indented by
    three more spaces than the line they continue.

    Examples
    --------
    >>> print(wrapped("1. " + "word " * 20, width=30))
    1. word word word word word
       word word word word word
       word word word word word
       word word word word word
    """
    out = []
    for line in text.split("\n"):
        indent = " " * (len(line) - len(line.lstrip(" ")))
        out.append(
            textwrap.fill(
                line,
                width=width,
                initial_indent="",
                subsequent_indent=indent + "   ",
                break_long_words=False,
                break_on_hyphens=False,
            )
            if len(line) > width
            else line
        )
    return "\n".join(out)
