"""The claims tables' one check, shared by the lessons that keep one (03's dice game and
line, 05's go-to-market): rows of ``(phrase, source, holds)``, where the phrase must stand
in that source's text and ``holds`` (None, or a function of no arguments) must be true.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from demandlab import questions

Claim = tuple[str, str, "Callable[[], bool] | None"]


def ids(claims: Sequence[Claim]) -> list[str]:
    """A readable test id per row: its source and the phrase's start."""
    return [f"{source}: {phrase[:48]}" for phrase, source, _ in claims]


def check(texts: Mapping[str, str], phrase: str, source: str, holds, gives: str = "model"):
    """The row holds: ``phrase`` is in ``texts[source]`` and ``holds()`` is true."""
    assert phrase in texts[source], f"the {source} no longer says: {phrase!r}"
    assert holds is None or holds(), f"the {gives} no longer gives: {phrase!r}"


def no_row_twice(claims: Sequence[Claim]) -> bool:
    """No (phrase, source) pair is listed twice (a copied row would test nothing new)."""
    return len({(phrase, source) for phrase, source, _ in claims}) == len(claims)


def bank_text(lesson: str) -> str:
    """Every question, option and explanation of the quiz bank's ``lesson`` (e.g. "03-")."""
    return " ".join(
        " ".join([q["question"], *q["options"], *q["explanations"].values()])
        for k, q in questions.quizzes().items()
        if k.startswith(lesson)
    )


def check_can_fail(texts: Mapping[str, str], source: str) -> None:
    """Canary: a phrase the text does not hold, and a row whose check fails, are caught."""
    for phrase, holds in (("no lesson says this phrase", None), ("", lambda: False)):
        try:
            check(texts, phrase, source, holds)
        except AssertionError:
            continue
        raise AssertionError(f"the claims check let {phrase!r} pass")
