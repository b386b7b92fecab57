"""One "every control to its extremes" sweep for every lesson's widget tests.

A widget at any extreme must show a sentence, never a traceback and never a refusal
("That setting cannot run"), one control at a time, all at their minimum, all at their
maximum, and alternating. Lesson tests call :func:`sweep_every_control` instead of
keeping their own copies.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

MESSAGE_CLASS = "dl-message"


def walk(widget) -> list:
    """Every widget inside ``widget`` (itself included), depth first."""
    found, stack = [], [widget]
    while stack:
        w = stack.pop()
        found.append(w)
        stack.extend(reversed(list(getattr(w, "children", ()) or ())))
    return found


def controls_of(widget) -> list:
    """Sliders and option pickers (anything with min/max or options, and a value)."""
    out = []
    for w in walk(widget):
        if not hasattr(w, "value") or getattr(w, "disabled", False):
            continue
        if (hasattr(w, "min") and hasattr(w, "max")) or hasattr(w, "options"):
            out.append(w)
    return out


def buttons_of(widget) -> list:
    return [w for w in walk(widget) if hasattr(w, "on_click") and not hasattr(w, "value")]


def messages_of(widget) -> list:
    return [w for w in walk(widget) if MESSAGE_CLASS in getattr(w, "_dom_classes", ())]


def _ends(control) -> list:
    if hasattr(control, "options"):
        values = [o[1] if isinstance(o, tuple) else o for o in control.options]
        return values or [control.value]
    return [control.min, control.max]


def _check(messages: list, where: str, allow_refusal: bool) -> None:
    assert messages, f"{where}: no message area to show a sentence in"
    for m in messages:
        text = str(m.value)
        assert "Traceback" not in text, f"{where}: {text[:300]}"
        if not allow_refusal:
            assert "cannot run" not in text, f"{where}: {text[:300]}"


def sweep_every_control(
    widget,
    controls: Iterable | None = None,
    *,
    messages: list | None = None,
    check: Callable[[], None] | None = None,
    click_buttons: bool = True,
    allow_refusal: bool = False,
) -> int:
    """Push every control to each end (one at a time, then all together) and check the
    message after each step; returns how many settings were tried.

    ``check``, if given, runs after every step too (for a lesson's own invariant, for
    example "the message is not empty").
    """
    controls = list(controls) if controls is not None else controls_of(widget)
    assert controls, "the widget has no controls to sweep"
    messages = messages if messages is not None else messages_of(widget)
    tried = 0

    def step(where: str) -> None:
        nonlocal tried
        tried += 1
        _check(messages, where, allow_refusal)
        if check is not None:
            check()

    for c in controls:
        start = c.value
        for v in [*_ends(c), start]:
            c.value = v
            step(f"{getattr(c, 'description', type(c).__name__)}={v!r}")
    for pick, name in ((0, "all at first"), (-1, "all at last")):
        for c in controls:
            c.value = _ends(c)[pick]
        step(name)
    for i, c in enumerate(controls):
        c.value = _ends(c)[i % 2 - 1 if len(_ends(c)) > 1 else 0]
    step("alternating")
    if click_buttons:
        for b in buttons_of(widget):
            b.click()
            step(f"button {getattr(b, 'description', '')!r}")
    return tried
