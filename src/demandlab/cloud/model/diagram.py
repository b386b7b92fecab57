"""The Evaporating Cloud as data: five boxes, assumptions under the arrows, injections.

Frozen dataclasses, validated at construction (types and sizes only, so a half-built
cloud is a valid object), with JSON in and out and a read-aloud text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace

from ...checks import InputError, choice, refuse, sequence, text
from ...formatting import worded
from ..scenario import ARROWS, BOX_FIELDS, BOX_LETTERS, ID_PREFIX, JSON_SOURCE
from . import formats
from .formats import FORMAT, MAX_ID_CHARS, MAX_ITEMS, MAX_TEXT_CHARS, MAX_TITLE_CHARS

_SURROGATE = re.compile("[\ud800-\udfff]")
_LETTERS = tuple(BOX_LETTERS.values())  # "A", "B", "C", "D", "D'"
_FIELD_BY_LETTER = {letter: name for name, letter in BOX_LETTERS.items()}


def _check_text(name: str, value: object, limit: int = MAX_TEXT_CHARS) -> str:
    """A string of at most ``limit`` characters that JSON and UTF-8 can carry."""
    text(name, value, limit)
    bad = _SURROGATE.search(value)
    if bad:
        raise refuse(
            name, value, f"text without lone surrogates (one is at position {bad.start()})"
        )
    return value


@dataclass(frozen=True)
class Assumption:
    """One reason an arrow holds, for example why efficient operations need volume.

    Parameters
    ----------
    arrow : str
        One of ``"A-B"``, ``"A-C"``, ``"B-D"``, ``"C-D'"``, ``"D-D'"``.
    text : str
        The assumption, as a statement ("All products contribute ...").
    id : str
        A short handle an injection uses to name this assumption, for example ``"DD1"``.

    Examples
    --------
    >>> Assumption("D-D'", "Capacity spent on one offering is lost to the others", "DD1").arrow
    "D-D'"
    """

    arrow: str
    text: str
    id: str

    def __post_init__(self) -> None:
        choice("arrow", self.arrow, ARROWS)
        _check_text("assumption text", self.text)
        _check_text("assumption id", self.id, MAX_ID_CHARS)
        text("assumption id", self.id, MAX_ID_CHARS, empty=False)


@dataclass(frozen=True)
class Injection:
    """An idea that makes one assumption false, so the conflict can evaporate.

    Parameters
    ----------
    text : str
        The idea ("Classify offerings by their economic role before exploiting them").
    breaks : str
        The ``id`` of the assumption it invalidates.

    Examples
    --------
    >>> Injection("Ration the roast beef; sell the buffet", breaks="DD1").breaks
    'DD1'
    """

    text: str
    breaks: str

    def __post_init__(self) -> None:
        _check_text("injection text", self.text)
        _check_text("injection breaks", self.breaks, MAX_ID_CHARS)


def _tidy(text: str) -> str:
    """Box text ready to sit inside a sentence: one line, no final period, lower-case start."""
    text = " ".join(text.split()).rstrip(".")
    first = text.split(" ", 1)[0]
    # "Maximise ..." -> "maximise ...", "A team ..." -> "a team ..."; keep "I", "TOC", "iPhone".
    if first == "A" or (len(first) > 1 and first[0].isupper() and first[1:].islower()):
        text = text[0].lower() + text[1:]
    return text


@dataclass(frozen=True)
class EvaporatingCloud:
    """A conflict as five boxes, the assumptions under each arrow, and injections.

    Construction checks types and sizes only, so a half-built cloud (a learner still
    typing) is a valid object; :meth:`problems` lists what is missing, in sentences.

    Parameters
    ----------
    goal : str
        Box A, the objective both sides share.
    need_b, need_c : str
        Boxes B and C, the two needs the goal requires.
    want_d, want_d_prime : str
        Boxes D and D', the two actions in conflict (D serves B, D' serves C).
    assumptions : tuple of Assumption
        Reasons under the arrows; ids must be unique. At most 30.
    injections : tuple of Injection
        Ideas that each break one assumption. At most 30.
    title : str
        A short name for the cloud (at most 120 characters).

    Examples
    --------
    >>> cloud = EvaporatingCloud("Maximise profit", "Efficient operations",
    ...     "Strong market pull", "Run every product for volume", "Constrain some offerings")
    >>> print(cloud.read_aloud().splitlines()[0][:62])
    In order to maximise profit, we must have efficient operations
    """

    goal: str = ""
    need_b: str = ""
    need_c: str = ""
    want_d: str = ""
    want_d_prime: str = ""
    assumptions: tuple[Assumption, ...] = field(default=())
    injections: tuple[Injection, ...] = field(default=())
    title: str = ""

    def __post_init__(self) -> None:
        for name in BOX_FIELDS:
            _check_text(name, getattr(self, name))
        _check_text("title", self.title, MAX_TITLE_CHARS)
        for name, kind in (("assumptions", Assumption), ("injections", Injection)):
            items = getattr(self, name)
            if not isinstance(items, tuple) or len(items) > MAX_ITEMS:
                items = tuple(sequence(name, items, 0, MAX_ITEMS))
                object.__setattr__(self, name, items)
            for i, item in enumerate(items):
                if not isinstance(item, kind):
                    raise refuse(f"{name}[{i}]", item, f"an {kind.__name__}")
        ids = [a.id for a in self.assumptions]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise InputError(f"assumption ids must be unique; repeated: {', '.join(dupes)}")

    # --- reading the cloud -------------------------------------------------------------

    def box(self, letter: str) -> str:
        """The text of box ``"A"``, ``"B"``, ``"C"``, ``"D"`` or ``"D'"``."""
        return getattr(self, _FIELD_BY_LETTER[choice("letter", letter, _LETTERS)])

    def assumptions_on(self, arrow: str) -> tuple[Assumption, ...]:
        """The assumptions under one arrow, in the order they were written."""
        choice("arrow", arrow, ARROWS)
        return tuple(a for a in self.assumptions if a.arrow == arrow)

    @property
    def broken_ids(self) -> frozenset[str]:
        """Ids of the assumptions that at least one injection breaks."""
        ids = {a.id for a in self.assumptions}
        return frozenset(inj.breaks for inj in self.injections if inj.breaks in ids)

    def gaps(self) -> tuple[tuple, ...]:
        """What keeps this cloud from being complete, as records (empty if none):
        ``("empty_box", field)``, ``("same_actions",)``, ``("assumption_without_text", id,
        arrow)``, ``("injection_without_text", n)``, ``("injection_without_target", n)`` and
        ``("unknown_target", n, breaks, ids)`` (``n`` counts injections from 1).
        :meth:`problems` says them in sentences.

        Examples
        --------
        >>> EvaporatingCloud(goal="Grow", need_b="Cash").gaps()[0]
        ('empty_box', 'need_c')
        """
        found: list[tuple] = [("empty_box", n) for n in BOX_FIELDS if not getattr(self, n).strip()]
        d, d_prime = _tidy(self.want_d).lower(), _tidy(self.want_d_prime).lower()
        if d and d == d_prime:
            found.append(("same_actions",))
        found += [
            ("assumption_without_text", a.id, a.arrow)
            for a in self.assumptions
            if not a.text.strip()
        ]
        ids = tuple(a.id for a in self.assumptions)
        for i, inj in enumerate(self.injections, start=1):
            if not inj.text.strip():
                found.append(("injection_without_text", i))
            if not inj.breaks.strip():
                found.append(("injection_without_target", i))
            elif inj.breaks not in ids:
                found.append(("unknown_target", i, inj.breaks, ids))
        return tuple(found)

    @worded
    def problems(self) -> tuple[str, ...]:
        """What keeps this cloud from being complete, one sentence each (empty if none);
        the sentences are built in :mod:`demandlab.cloud.report`.

        Examples
        --------
        >>> EvaporatingCloud(goal="Grow", need_b="Cash").problems()[0]
        "Box C (a need) is empty: What else must we have for A? (the other side's need)"
        """

    @property
    def is_complete(self) -> bool:
        """True when every box is filled and every injection names a real assumption."""
        return not self.gaps()

    def validate(self) -> EvaporatingCloud:
        """Return the cloud if it is complete, else raise ValueError listing every problem.

        Examples
        --------
        >>> EvaporatingCloud().validate()
        Traceback (most recent call last):
        ...
        ValueError: the cloud is not complete: Box A (the goal) is empty: ...
        """
        found = self.problems()
        if found:
            raise ValueError("the cloud is not complete: " + " ".join(found))
        return self

    @worded
    def read_aloud(self) -> str:
        """The cloud as sentences, one per line: "In order to A, we must B, because ..."
        (built in :mod:`demandlab.cloud.report`).

        Empty boxes read as "[box A is empty]", so a half-built cloud still reads.

        Examples
        --------
        >>> from demandlab.cloud.model import example_clouds
        >>> print(example_clouds()["products vs throughput generators"].read_aloud()
        ...       .splitlines()[0][:60])
        In order to maximise the profit of the whole business, we mu
        """

    # --- building a new cloud from this one --------------------------------------------

    def next_id(self, arrow: str) -> str:
        """A fresh assumption id for ``arrow``, such as ``"BD2"``."""
        choice("arrow", arrow, ARROWS)
        taken = {a.id for a in self.assumptions}
        n = 1
        while f"{ID_PREFIX[arrow]}{n}" in taken:
            n += 1
        return f"{ID_PREFIX[arrow]}{n}"

    def with_assumption(self, arrow: str, text: str, id: str | None = None) -> EvaporatingCloud:
        """A copy with one more assumption (id chosen for you unless given).

        Examples
        --------
        >>> c = EvaporatingCloud().with_assumption("D-D'", "Capacity is shared")
        >>> c.assumptions[0].id
        'DD1'
        """
        new = Assumption(arrow, text, id if id is not None else self.next_id(arrow))
        return replace(self, assumptions=(*self.assumptions, new))

    def with_boxes(self, **texts: str) -> EvaporatingCloud:
        """A copy with some boxes filled in or changed (``goal=``, ``want_d=``, ...).

        Examples
        --------
        >>> EvaporatingCloud(goal="Grow").with_boxes(need_b="Cash", need_c="Customers").need_c
        'Customers'
        """
        for key in texts:
            choice("box", key, (*BOX_FIELDS, "title"))
        return replace(self, **texts)

    def with_injection(self, text: str, breaks: str) -> EvaporatingCloud:
        """A copy with one more injection that breaks assumption ``breaks``."""
        return replace(self, injections=(*self.injections, Injection(text, breaks)))

    # --- JSON and markdown (the format itself lives in formats.py) -----------------------

    def to_dict(self) -> dict:
        """Plain data (every field, always), ready for ``json.dumps``."""
        return {
            "format": FORMAT,
            "title": self.title,
            **{name: getattr(self, name) for name in BOX_FIELDS},
            "assumptions": [
                {"id": a.id, "arrow": a.arrow, "text": a.text} for a in self.assumptions
            ],
            "injections": [{"text": i.text, "breaks": i.breaks} for i in self.injections],
        }

    def to_json(self) -> str:
        """The cloud as JSON text; ``EvaporatingCloud.from_json`` gives back an equal cloud.

        Examples
        --------
        >>> c = EvaporatingCloud(goal="Grow – ünïcode\\nand a line break")
        >>> EvaporatingCloud.from_json(c.to_json()) == c
        True
        """
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_dict(cls, data: object, source: str = JSON_SOURCE) -> EvaporatingCloud:
        """Build a cloud from plain data; every missing, unknown or mistyped field is named."""
        top = formats.parse_dict(data, source)
        try:
            return cls(
                **{name: top[name] for name in BOX_FIELDS},
                title=top["title"],
                assumptions=tuple(
                    Assumption(r["arrow"], r["text"], r["id"]) for r in top["assumptions"]
                ),
                injections=tuple(Injection(r["text"], r["breaks"]) for r in top["injections"]),
            )
        except ValueError as err:
            raise InputError(f"{source}: {err}") from None

    @classmethod
    def from_json(cls, text: str, source: str = JSON_SOURCE) -> EvaporatingCloud:
        """Parse JSON written by :meth:`to_json`.

        Raises ValueError for malformed JSON, and for a missing, unknown, repeated or
        mistyped field (the message names the field).

        Examples
        --------
        >>> EvaporatingCloud.from_json('{"format": "demandlab.cloud/1"}')
        Traceback (most recent call last):
        ...
        demandlab.checks.InputError: cloud JSON is missing the field 'title'
        """
        return cls.from_dict(formats.read_json(text, source), source)

    @worded
    def to_markdown(self) -> str:
        """The cloud as a markdown page (boxes, assumptions, injections, read-aloud).

        Learner text is escaped so it shows as typed: markdown and HTML in it do not render.

        Examples
        --------
        >>> print(EvaporatingCloud(goal="Grow <fast>").to_markdown().splitlines()[2])
        - **A · Goal:** Grow &lt;fast&gt;
        """


def as_cloud(value: object, name: str = "cloud", *, allow_none: bool = False) -> EvaporatingCloud:
    """``value`` if it is an :class:`EvaporatingCloud` (a blank one for None where allowed).

    Examples
    --------
    >>> as_cloud(None, allow_none=True) == EvaporatingCloud()
    True
    """
    if value is None and allow_none:
        return EvaporatingCloud()
    if not isinstance(value, EvaporatingCloud):
        allowed = "an EvaporatingCloud or None" if allow_none else "an EvaporatingCloud"
        raise refuse(name, value, allowed)
    return value
