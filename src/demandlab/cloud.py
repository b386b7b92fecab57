"""Lesson 04: the Evaporating Cloud, a one-page picture of a conflict.

A cloud (Goldratt's conflict diagram from the Theory of Constraints) has five boxes:

- A, the goal both sides share;
- B and C, two needs the goal requires;
- D and D', two actions (wants) that serve B and C and cannot both happen.

Under each arrow sit *assumptions*: the reasons the arrow holds. An *injection* is an
idea that makes one assumption false; once it does, the conflict can "evaporate".
By convention the course draws the production view (operations, efficiency) on the top
side, B and D, in grey, and the demand view (customers, market) on the bottom side,
C and D', in blue.

Layers: the :class:`EvaporatingCloud` model (frozen, validated, JSON in and out) ->
:func:`plot_cloud` (a plotly figure) -> :func:`cloud_builder` (ipywidgets).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

import ipywidgets as widgets
import plotly.graph_objects as go

from .widgetkit import (
    BAD_COLOR,
    DEMAND_COLOR,
    GOOD_COLOR,
    PRODUCTION_COLOR,
    esc,
    figure_widget,
    guarded,
    message_area,
    refresh,
    say,
)

# The five arrows of a cloud, in reading order. "D-D'" is the conflict itself.
ARROWS = ("A-B", "A-C", "B-D", "C-D'", "D-D'")
BOX_FIELDS = ("goal", "need_b", "need_c", "want_d", "want_d_prime")
BOX_LETTERS = {"goal": "A", "need_b": "B", "need_c": "C", "want_d": "D", "want_d_prime": "D'"}
BOX_ROLES = {
    "goal": "the goal",
    "need_b": "a need",
    "need_c": "a need",
    "want_d": "an action",
    "want_d_prime": "an action",
}
# What an empty box should hold: shown in the figure, so an empty cloud still teaches.
BOX_PROMPTS = {
    "goal": "What are both sides trying to achieve?",
    "need_b": "What must we have to achieve A? (one side's need)",
    "need_c": "What else must we have for A? (the other side's need)",
    "want_d": "What does B's side want to do?",
    "want_d_prime": "What does C's side want to do instead?",
}
ARROW_QUESTIONS = {
    "A-B": "Why must we have B in order to achieve A?",
    "A-C": "Why must we have C in order to achieve A?",
    "B-D": "Why must we do D in order to have B?",
    "C-D'": "Why must we do D' in order to have C?",
    "D-D'": "Why can we not do both D and D'?",
}
FORMAT = "demandlab.cloud/1"
MAX_TEXT_CHARS = 600
MAX_TITLE_CHARS = 120
MAX_ID_CHARS = 24
MAX_ITEMS = 30
MAX_FILE_BYTES = 1_000_000
_ID_PREFIX = {"A-B": "AB", "A-C": "AC", "B-D": "BD", "C-D'": "CD", "D-D'": "DD"}
_SURROGATE = re.compile("[\ud800-\udfff]")


def _check_text(name: str, value: object, limit: int = MAX_TEXT_CHARS) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{name} must be a string, got {type(value).__name__} {value!r:.60}")
    if len(value) > limit:
        raise ValueError(f"{name} must be at most {limit} characters, got {len(value)}")
    bad = _SURROGATE.search(value)
    if bad:
        raise ValueError(
            f"{name} contains an invalid character (a lone surrogate) at position {bad.start()}"
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
        if self.arrow not in ARROWS:
            raise ValueError(f"arrow must be one of {', '.join(ARROWS)}; got {self.arrow!r:.40}")
        _check_text("assumption text", self.text)
        _check_text("assumption id", self.id, MAX_ID_CHARS)
        if not self.id.strip():
            raise ValueError(f"assumption id must be a non-empty string, got {self.id!r}")


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
            if isinstance(items, list):
                items = tuple(items)
                object.__setattr__(self, name, items)
            if not isinstance(items, tuple):
                raise ValueError(f"{name} must be a tuple of {kind.__name__}, got {items!r:.60}")
            if len(items) > MAX_ITEMS:
                raise ValueError(f"{name} may hold at most {MAX_ITEMS} entries, got {len(items)}")
            for i, item in enumerate(items):
                if not isinstance(item, kind):
                    raise ValueError(
                        f"{name}[{i}] must be a {kind.__name__}, got {type(item).__name__}"
                    )
        ids = [a.id for a in self.assumptions]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"assumption ids must be unique; repeated: {', '.join(dupes)}")

    # --- reading the cloud -------------------------------------------------------------

    def box(self, letter: str) -> str:
        """The text of box ``"A"``, ``"B"``, ``"C"``, ``"D"`` or ``"D'"``."""
        for name, box_letter in BOX_LETTERS.items():
            if box_letter == letter:
                return getattr(self, name)
        raise ValueError(f"letter must be one of A, B, C, D, D'; got {letter!r}")

    def assumptions_on(self, arrow: str) -> tuple[Assumption, ...]:
        """The assumptions under one arrow, in the order they were written."""
        if arrow not in ARROWS:
            raise ValueError(f"arrow must be one of {', '.join(ARROWS)}; got {arrow!r}")
        return tuple(a for a in self.assumptions if a.arrow == arrow)

    @property
    def broken_ids(self) -> frozenset[str]:
        """Ids of the assumptions that at least one injection breaks."""
        ids = {a.id for a in self.assumptions}
        return frozenset(inj.breaks for inj in self.injections if inj.breaks in ids)

    def problems(self) -> tuple[str, ...]:
        """What keeps this cloud from being complete, one sentence each (empty if none).

        Examples
        --------
        >>> EvaporatingCloud(goal="Grow", need_b="Cash").problems()[0]
        "Box C (a need) is empty: What else must we have for A? (the other side's need)"
        """
        found = []
        for name in BOX_FIELDS:
            if not getattr(self, name).strip():
                found.append(
                    f"Box {BOX_LETTERS[name]} ({BOX_ROLES[name]}) is empty: {BOX_PROMPTS[name]}"
                )
        d, d_prime = _tidy(self.want_d).lower(), _tidy(self.want_d_prime).lower()
        if d and d == d_prime:
            found.append(
                "Boxes D and D' say the same thing: a conflict needs two different actions."
            )
        for a in self.assumptions:
            if not a.text.strip():
                found.append(f"Assumption {a.id} (under the arrow {a.arrow}) has no text.")
        ids = [a.id for a in self.assumptions]
        for i, inj in enumerate(self.injections, start=1):
            if not inj.text.strip():
                found.append(f"Injection {i} has no text.")
            if not inj.breaks.strip():
                found.append(f"Injection {i} names no assumption; say which one it breaks.")
            elif inj.breaks not in ids:
                known = ", ".join(ids) if ids else "none yet"
                found.append(
                    f"Injection {i} names assumption {inj.breaks!r}, which is not in this cloud "
                    f"(its assumptions: {known})."
                )
        return tuple(found)

    @property
    def is_complete(self) -> bool:
        """True when every box is filled and every injection names a real assumption."""
        return not self.problems()

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

    def read_aloud(self) -> str:
        """The cloud as sentences, one per line: "In order to A, we must B, because ...".

        Empty boxes read as "[box A is empty]", so a half-built cloud still reads.

        Examples
        --------
        >>> print(example_clouds()["products vs throughput generators"].read_aloud()
        ...       .splitlines()[0][:60])
        In order to maximise the profit of the whole business, we mu
        """
        text = {
            letter: (_tidy(self.box(letter)) or f"[box {letter} is empty]")
            for letter in ("A", "B", "C", "D", "D'")
        }
        broken = self.broken_ids

        def because(arrow: str) -> str:
            parts = []
            for a in self.assumptions_on(arrow):
                t = _tidy(a.text) or f"[assumption {a.id} has no text]"
                parts.append(t + (" (broken by an injection)" if a.id in broken else ""))
            return "; ".join(parts) if parts else "… (no assumption written yet)"

        a, b, c, d, d2 = (text[k] for k in ("A", "B", "C", "D", "D'"))
        lines = [
            f"In order to {a}, we must have {b}, because {because('A-B')}.",
            f"In order to {a}, we must have {c}, because {because('A-C')}.",
            f"In order to have {b}, we must {d}, because {because('B-D')}.",
            f"In order to have {c}, we must {d2}, because {because(ARROWS[3])}.",
            f"But we cannot both {d} and {d2}, because {because(ARROWS[4])}.",
        ]
        by_id = {a.id: a for a in self.assumptions}
        for inj in self.injections:
            what = _tidy(inj.text) or "[an injection with no text]"
            target = by_id.get(inj.breaks)
            if target is None:
                lines.append(f"Injection: {what} (it names no assumption in this cloud yet).")
            else:
                lines.append(
                    f"Injection: {what}; it breaks the assumption that {_tidy(target.text)}."
                )
        return "\n".join(lines)

    # --- building a new cloud from this one --------------------------------------------

    def next_id(self, arrow: str) -> str:
        """A fresh assumption id for ``arrow``, such as ``"BD2"``."""
        if arrow not in ARROWS:
            raise ValueError(f"arrow must be one of {', '.join(ARROWS)}; got {arrow!r}")
        taken = {a.id for a in self.assumptions}
        n = 1
        while f"{_ID_PREFIX[arrow]}{n}" in taken:
            n += 1
        return f"{_ID_PREFIX[arrow]}{n}"

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
        unknown = [k for k in texts if k not in (*BOX_FIELDS, "title")]
        if unknown:
            raise ValueError(
                f"with_boxes takes {', '.join(BOX_FIELDS)} or title; got {unknown[0]!r}"
            )
        return replace(self, **texts)

    def with_injection(self, text: str, breaks: str) -> EvaporatingCloud:
        """A copy with one more injection that breaks assumption ``breaks``."""
        return replace(self, injections=(*self.injections, Injection(text, breaks)))

    # --- JSON and markdown --------------------------------------------------------------

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
    def from_dict(cls, data: object, source: str = "cloud JSON") -> EvaporatingCloud:
        """Build a cloud from plain data; every missing, unknown or mistyped field is named."""
        top = _fields(data, source, ("format", "title", *BOX_FIELDS, "assumptions", "injections"))
        if top["format"] != FORMAT:
            raise ValueError(
                f"{source}: field 'format' must be {FORMAT!r}, got {top['format']!r:.60}"
            )
        for name in ("title", *BOX_FIELDS):
            if not isinstance(top[name], str):
                raise ValueError(
                    f"{source}: field {name!r} must be a string, got {top[name]!r:.60}"
                )
        lists = {}
        for name, keys in (
            ("assumptions", ("id", "arrow", "text")),
            ("injections", ("text", "breaks")),
        ):
            items = top[name]
            if not isinstance(items, list):
                raise ValueError(f"{source}: field {name!r} must be a list, got {items!r:.60}")
            if len(items) > MAX_ITEMS:
                raise ValueError(
                    f"{source}: field {name!r} may hold at most {MAX_ITEMS} entries, "
                    f"got {len(items)}"
                )
            rows = []
            for i, item in enumerate(items):
                row = _fields(item, f"{source}: {name}[{i}]", keys)
                for key in keys:
                    if not isinstance(row[key], str):
                        raise ValueError(
                            f"{source}: field {name}[{i}].{key} must be a string, "
                            f"got {row[key]!r:.60}"
                        )
                rows.append(row)
            lists[name] = rows
        try:
            return cls(
                **{name: top[name] for name in BOX_FIELDS},
                title=top["title"],
                assumptions=tuple(
                    Assumption(r["arrow"], r["text"], r["id"]) for r in lists["assumptions"]
                ),
                injections=tuple(Injection(r["text"], r["breaks"]) for r in lists["injections"]),
            )
        except ValueError as err:
            raise ValueError(f"{source}: {err}") from None

    @classmethod
    def from_json(cls, text: str, source: str = "cloud JSON") -> EvaporatingCloud:
        """Parse JSON written by :meth:`to_json`.

        Raises ValueError for malformed JSON, and for a missing, unknown, repeated or
        mistyped field (the message names the field).

        Examples
        --------
        >>> EvaporatingCloud.from_json('{"format": "demandlab.cloud/1"}')
        Traceback (most recent call last):
        ...
        ValueError: cloud JSON is missing the field 'title'
        """
        if isinstance(text, (bytes, bytearray)):
            try:
                text = text.decode("utf-8")
            except UnicodeDecodeError as err:
                raise ValueError(f"{source} is not UTF-8 text: {err}") from None
        if not isinstance(text, str):
            raise ValueError(f"{source} must be a string, got {type(text).__name__}")
        if len(text) > MAX_FILE_BYTES:
            raise ValueError(
                f"{source} is too long: {len(text)} characters, at most {MAX_FILE_BYTES}"
            )

        def no_repeats(pairs: list) -> dict:
            seen: dict = {}
            for key, value in pairs:
                if key in seen:
                    raise ValueError(f"{source}: field {key!r} appears twice")
                seen[key] = value
            return seen

        def no_constants(name: str) -> object:
            raise ValueError(f"{source}: {name} is not allowed in a cloud file")

        try:
            data = json.loads(text, object_pairs_hook=no_repeats, parse_constant=no_constants)
        except json.JSONDecodeError as err:
            raise ValueError(
                f"{source} is malformed JSON: {err.msg} at line {err.lineno}, column {err.colno}"
            ) from None
        except RecursionError:
            raise ValueError(f"{source} is nested too deeply to be a cloud") from None
        return cls.from_dict(data, source)

    def to_markdown(self) -> str:
        """The cloud as a markdown page (boxes, assumptions, injections, read-aloud).

        Learner text is escaped so it shows as typed: markdown and HTML in it do not render.

        Examples
        --------
        >>> print(EvaporatingCloud(goal="Grow <fast>").to_markdown().splitlines()[2])
        - **A · Goal:** Grow &lt;fast&gt;
        """
        broken = self.broken_ids
        out = [f"# Evaporating Cloud: {_md(self.title) or 'untitled'}", ""]
        labels = {
            "goal": "A · Goal",
            "need_b": "B · Need",
            "need_c": "C · Need",
            "want_d": "D · Action",
            "want_d_prime": "D' · Action",
        }
        for name in BOX_FIELDS:
            out.append(f"- **{labels[name]}:** {_md(getattr(self, name)) or '*(empty)*'}")
        out += ["", "## Assumptions", ""]
        for arrow in ARROWS:
            items = self.assumptions_on(arrow)
            out.append(f"**{arrow}**: {ARROW_QUESTIONS[arrow]}")
            out.append("")
            for a in items:
                body = _md(a.text) or "*(no text)*"
                out.append(
                    f"- {_md(a.id)}: ~~{body}~~ (broken by an injection)"
                    if a.id in broken
                    else f"- {_md(a.id)}: {body}"
                )
            if not items:
                out.append("- *(none yet)*")
            out.append("")
        out += ["## Injections", ""]
        for inj in self.injections:
            out.append(
                f"- {_md(inj.text) or '*(no text)*'} (breaks {_md(inj.breaks) or 'nothing'})"
            )
        if not self.injections:
            out.append("- *(none yet)*")
        out += ["", "## Read aloud", ""]
        out += [f"> {_md(line)}  " for line in self.read_aloud().splitlines()]
        return "\n".join(out) + "\n"


def _fields(data: object, where: str, keys: tuple[str, ...]) -> dict:
    if not isinstance(data, dict):
        raise ValueError(f"{where} must be a JSON object, got {type(data).__name__}")
    for key in keys:
        if key not in data:
            raise ValueError(f"{where} is missing the field {key!r}")
    unknown = [k for k in data if k not in keys]
    if unknown:
        raise ValueError(
            f"{where} has an unknown field {unknown[0]!r:.60}; allowed: {', '.join(keys)}"
        )
    return data


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def _md(text: str) -> str:
    """Escape text for markdown: no emphasis, links or HTML; line breaks kept."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return "<br>".join(text.splitlines()) if "\n" in text or "\r" in text else text


# --- files -------------------------------------------------------------------------------


class CloudFileExistsError(FileExistsError, ValueError):
    """Saving would replace an existing file (also a ValueError, so widgets show a sentence)."""


class CloudFileNotFoundError(FileNotFoundError, ValueError):
    """There is no cloud file at the path given (also a ValueError)."""


def _json_path(path: object) -> Path:
    if not isinstance(path, (str, os.PathLike)):
        raise ValueError(f"path must be a file name such as 'my-cloud.json', got {path!r:.60}")
    p = Path(path).expanduser()
    if not str(path).strip() or p.suffix.lower() != ".json":
        raise ValueError(f"path must end in .json, got {str(path)!r:.80}")
    if p.is_dir():
        raise ValueError(f"path {str(p)!r} is a folder; give a file name ending in .json")
    if not p.parent.is_dir():
        raise ValueError(f"the folder {str(p.parent)!r} does not exist; create it first")
    return p


def save_cloud(cloud: EvaporatingCloud, path: str | os.PathLike, overwrite: bool = False) -> Path:
    """Write ``cloud`` as JSON, atomically; refuse to replace a file unless ``overwrite=True``.

    The text goes to a temporary file in the same folder, which then takes the final
    name in one step, so a crash never leaves half a file behind.

    Parameters
    ----------
    cloud : EvaporatingCloud
        The cloud to save (a half-built cloud is fine: save drafts).
    path : str or path-like
        File name ending in ``.json``; its folder must exist.
    overwrite : bool
        Replace an existing file. Default False: an existing file raises FileExistsError.

    Returns
    -------
    pathlib.Path
        The absolute path written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> p = save_cloud(example_clouds()["factory A vs B"], folder / "cloud.json")
    >>> load_cloud(p) == example_clouds()["factory A vs B"]
    True
    >>> save_cloud(EvaporatingCloud(), p)
    Traceback (most recent call last):
    ...
    demandlab.cloud.CloudFileExistsError: path ... already exists; tick overwrite ...
    """
    if not isinstance(cloud, EvaporatingCloud):
        raise TypeError(f"cloud must be an EvaporatingCloud, got {type(cloud).__name__}")
    if not isinstance(overwrite, bool):
        raise ValueError(f"overwrite must be True or False, got {overwrite!r}")
    p = _json_path(path).resolve()
    exists_message = f"path {p} already exists; tick overwrite (overwrite=True) to replace it"
    if p.exists() and not overwrite:
        raise CloudFileExistsError(exists_message)
    fd, tmp = tempfile.mkstemp(dir=p.parent, prefix=f".{p.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(cloud.to_json())
            f.flush()
            os.fsync(f.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        if overwrite:
            os.replace(tmp, p)
        else:
            # A hard link never replaces an existing name, so a file that appeared since
            # the check above is still refused; fall back where links are unsupported.
            try:
                os.link(tmp, p)
            except FileExistsError:
                raise CloudFileExistsError(exists_message) from None
            except OSError:
                if p.exists():
                    raise CloudFileExistsError(exists_message) from None
                os.replace(tmp, p)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return p


def load_cloud(path: str | os.PathLike) -> EvaporatingCloud:
    """Read a cloud saved by :func:`save_cloud`.

    Raises ValueError naming the field for malformed JSON or a missing, unknown or
    mistyped field, and FileNotFoundError when there is no such file.

    Examples
    --------
    >>> load_cloud("no-such-cloud.json")
    Traceback (most recent call last):
    ...
    demandlab.cloud.CloudFileNotFoundError: path 'no-such-cloud.json': no cloud file at ...
    """
    p = _json_path(path)
    if not p.is_file():
        raise CloudFileNotFoundError(f"path {str(path)!r:.80}: no cloud file at {p.resolve()}")
    size = p.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ValueError(f"{p.name} is {size} bytes; a cloud file is at most {MAX_FILE_BYTES}")
    return EvaporatingCloud.from_json(p.read_bytes(), source=p.name)


# --- the example library -----------------------------------------------------------------


def _cloud(title: str, boxes: tuple[str, str, str, str, str], assumptions, injections):
    cloud = EvaporatingCloud(*boxes, title=title)
    for arrow, text in assumptions:
        cloud = cloud.with_assumption(arrow, text)
    for text, breaks in injections:
        cloud = cloud.with_injection(text, breaks)
    return cloud


def example_clouds() -> dict[str, EvaporatingCloud]:
    """Four worked clouds from the course's source essays, each with one injection.

    - ``"products vs throughput generators"``: the essay "Products vs throughput
      generators" (run every product for volume, or hold some offerings back?);
    - ``"takt in sales"``: "Takt time without customer demand";
    - ``"pull in sales"``: "Lean's 14 principles applied to sales";
    - ``"factory A vs B"``: "Production systems vs. demand-response systems".

    Returns
    -------
    dict of str to EvaporatingCloud
        A fresh dict each call; the clouds are immutable.

    Examples
    --------
    >>> sorted(example_clouds())
    ['factory A vs B', 'products vs throughput generators', 'pull in sales', 'takt in sales']
    """
    essay = _cloud(
        "Run every product for volume?",
        (
            "Maximise the profit of the whole business",
            "Efficient operations that keep costs under control",
            "Strong market pull and the power to hold our prices",
            "Maximise the throughput of every product",
            "Constrain or slow down certain offerings",
        ),
        [
            ("A-B", "Costs left uncontrolled eat the profit"),
            ("A-C", "Profit needs customers who come to us and pay our price"),
            ("B-D", "Idle capacity is waste, so every unit made lowers unit cost"),
            (
                "C-D'",
                "Some offerings draw customers or justify the price only while they are scarce",
            ),
            ("D-D'", "All products contribute throughput in proportion to their volume"),
        ],
        [
            (
                "Classify each offering by its economic role (revenue generator, cost driver, "
                "differentiator, behavioural lever) before deciding to push its volume",
                "DD1",
            )
        ],
    )
    takt = _cloud(
        "Pace sales by takt?",
        (
            "Grow revenue that lasts",
            "A sales team that works at a steady, efficient pace",
            "Sales that match what customers actually want, when they want it",
            "Set a sales takt from our capacity and push prospects through at that rate",
            "Let customer demand set the pace, even when it is uneven",
        ),
        [
            ("A-B", "Wasted sales effort costs money we cannot recover"),
            ("A-C", "Only a customer's purchase turns our work into revenue"),
            ("B-D", "A takt can be computed without a customer order behind it"),
            ("C-D'", "Customers decide when they buy, not our schedule"),
            ("D-D'", "A pace taken from internal capacity is still pull"),
        ],
        [
            (
                "Compute takt only from real customer demand; where there is none, there is no "
                "takt, so measure response time to customers instead",
                "BD1",
            )
        ],
    )
    pull = _cloud(
        "Run the funnel like a pull line?",
        (
            "Win and keep customers profitably",
            "A predictable, efficient sales process",
            "A response to each buyer that follows their changing needs",
            "Hand every inquiry down a fixed line of specialists, as on an assembly line",
            "Let one person stay with the buyer and adapt the steps",
        ),
        [
            ("A-B", "Forecasts and staffing depend on a predictable process"),
            ("A-C", "Buyers who feel unheard walk away"),
            ("B-D", "An inquiry is a firm order that will not change on the way"),
            ("C-D'", "Buyers change their needs and priorities many times before they buy"),
            ("D-D'", "Everything that enters the funnel comes out as a sale, as cars leave a line"),
        ],
        [
            (
                "Treat an inquiry as a conversation, not an order: cap work in progress per "
                "seller and expect most inquiries not to finish",
                "BD1",
            )
        ],
    )
    factory = _cloud(
        "Factory A or Factory B?",
        (
            "Build a business that is worth something",
            "A production system that runs efficiently",
            "Demand for what we make",
            "Judge each department by its own output and efficiency",
            "Judge every department by whether customers succeed with what we make",
        ),
        [
            ("A-B", "Waste in production comes straight out of profit"),
            ("A-C", "Output nobody wants has no value, however cheaply it was made"),
            ("B-D", "An efficient factory is a good factory whatever the demand"),
            ("C-D'", "Demand sits outside the factory and we do not control it"),
            ("D-D'", "Each department can be tuned on its own without looking at demand"),
        ],
        [
            (
                "Design the business backwards from the customer's end-to-end success; "
                "efficiency then means efficiency at serving that demand",
                "BD1",
            )
        ],
    )
    return {
        "products vs throughput generators": essay,
        "takt in sales": takt,
        "pull in sales": pull,
        "factory A vs B": factory,
    }


# --- the figure --------------------------------------------------------------------------

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
_PANEL_X, _PANEL_CHARS, _PANEL_LINES = 0.675, 44, 22
_COLOR_BY_BOX = {
    "goal": "#333333",
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


def _ptext(text: str) -> str:
    """Escape for a plotly label: tags show as text; plotly knows numeric entities only."""
    return esc(text).replace("&quot;", "&#34;")


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
    esc_lines = [_ptext(line) for line in lines]
    if strike:
        esc_lines = [f"<s>{line}</s>" for line in esc_lines]
    return "<br>".join(esc_lines)


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
        940 x 450 px; hover a box to read its full text.

    Examples
    --------
    >>> fig = plot_cloud(example_clouds()["products vs throughput generators"])
    >>> any("<s>" in a.text for a in fig.layout.annotations)
    True
    """
    if not isinstance(cloud, EvaporatingCloud):
        raise TypeError(f"cloud must be an EvaporatingCloud, got {type(cloud).__name__}")
    shapes: list[dict] = []
    notes: list[dict] = []
    hover_x, hover_y, hover_text = [], [], []
    broken = cloud.broken_ids
    header = {
        "goal": "A · GOAL",
        "need_b": "B · NEED",
        "need_c": "C · NEED",
        "want_d": "D · ACTION",
        "want_d_prime": "D' · ACTION",
    }
    for name, (cx, cy) in _BOX_XY.items():
        text = getattr(cloud, name)
        empty = not text.strip()
        color = _COLOR_BY_BOX[name]
        shapes.append(
            {
                "type": "rect",
                "x0": cx - _HALF_W,
                "x1": cx + _HALF_W,
                "y0": cy - _HALF_H,
                "y1": cy + _HALF_H,
                "line": {
                    "color": BAD_COLOR if empty else color,
                    "width": 2,
                    "dash": "dash" if empty else "solid",
                },
                "fillcolor": "#ffffff",
                "layer": "below",
            }
        )
        if empty:
            body = f"<i>(empty)<br>{_label(_wrap(BOX_PROMPTS[name], _BOX_CHARS, 4)[0])}</i>"
            body_color = "#888888"
        else:
            body = _label(_wrap(text, _BOX_CHARS, _BOX_LINES)[0])
            body_color = "#111111"
        notes.append(
            {
                "x": cx,
                "y": cy + _HALF_H - 0.015,
                "yanchor": "top",
                "text": f"<b>{header[name]}</b>",
                "font": {"size": 12, "color": color},
                "showarrow": False,
            }
        )
        notes.append(
            {
                "x": cx,
                "y": cy + _HALF_H - 0.075,
                "yanchor": "top",
                "text": body,
                "font": {"size": 12, "color": body_color},
                "showarrow": False,
                "align": "center",
            }
        )
        hover_x.append(cx)
        hover_y.append(cy)
        full = text if not empty else BOX_PROMPTS[name]
        hover_text.append(f"<b>{header[name]}</b><br>" + _label(_wrap(full, 50, 14)[0]))

    for tail, head in _ARROW_ENDS.values():
        notes.append(
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
                "arrowcolor": "#555555",
            }
        )
    # The conflict: a red lightning zig-zag between D and D'.
    x = _BOX_XY["want_d"][0]
    top, bottom = _BOX_XY["want_d"][1] - _HALF_H - 0.01, _BOX_XY["want_d_prime"][1] + _HALF_H + 0.01
    steps = 6
    pts = [
        (x + (0.012 if i % 2 else -0.012) * (0 < i < steps), top - (top - bottom) * i / steps)
        for i in range(steps + 1)
    ]
    shapes.append(
        {
            "type": "path",
            "path": "M " + " L ".join(f"{px:.4f},{py:.4f}" for px, py in pts),
            "line": {"color": BAD_COLOR, "width": 3},
            "layer": "above",
        }
    )
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
    # Assumption ids on their arrows.
    for arrow, (bx, by, side) in _BADGE_XY.items():
        items = cloud.assumptions_on(arrow)
        if not items:
            continue
        shown = items[:2]
        parts = [f"<s>{_ptext(a.id)}</s>" if a.id in broken else _ptext(a.id) for a in shown]
        if len(items) > len(shown):
            parts.append(f"+{len(items) - len(shown)}")
        any_broken = any(a.id in broken for a in items)
        notes.append(
            {
                "x": bx,
                "y": by,
                "text": "<br>".join(parts),
                "font": {"size": 11, "color": BAD_COLOR if any_broken else "#555555"},
                "bgcolor": "rgba(255,255,255,0.9)",
                "showarrow": False,
                "xanchor": "left" if arrow == "D-D'" else "center",
                "yanchor": side,
            }
        )
    notes.append(_panel(cloud))
    if cloud.injections and broken:
        n = len(broken)
        status = f"an injection breaks {n} assumption{'s' * (n != 1)}: the conflict can evaporate"
    else:
        status = "no injection yet: find the assumption that keeps D and D' apart"
    title = cloud.title.strip() or "a conflict"
    fig = go.Figure(
        go.Scatter(
            x=hover_x,
            y=hover_y,
            mode="markers",
            marker={"size": 70, "opacity": 0, "symbol": "square"},
            hovertext=hover_text,
            hoverinfo="text",
            showlegend=False,
        )
    )
    fig.update_layout(
        title={
            "text": f"Evaporating Cloud: {_label(_wrap(title, 58, 1)[0])}"
            f"<br><span style='font-size:13px'>{status}</span>",
            "x": 0.01,
            "font": {"size": 17},
        },
        shapes=shapes,
        annotations=notes,
        xaxis={"range": [0, 1], "visible": False, "fixedrange": True},
        yaxis={"range": [0, 1], "visible": False, "fixedrange": True},
        width=940,
        height=450,
        margin={"l": 10, "r": 10, "t": 62, "b": 8},
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
        hoverlabel={"align": "left"},
        showlegend=False,
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
    arrows = {"A-B": "A←B", "A-C": "A←C", "B-D": "B←D", "C-D'": "C←D'", "D-D'": "D✕D'"}
    red, green = f"<span style='color:{BAD_COLOR}'>", f"<span style='color:{GOOD_COLOR}'>"
    for a in cloud.assumptions:
        text = a.text if a.text.strip() else "(no text yet)"
        wrapped, _ = _wrap(text, _PANEL_CHARS, 3)
        is_broken = a.id in broken
        block = [f"<b>{_ptext(a.id)}</b> <span style='color:#777'>{arrows[a.arrow]}</span>"]
        if is_broken:
            block[0] += f" {red}<b>broken</b></span>"
            block += [f"{red}<s>{_ptext(line)}</s></span>" for line in wrapped]
            for inj in by_target.get(a.id, []):
                inj_lines, _ = _wrap("Injection: " + (inj.text or "(no text yet)"), _PANEL_CHARS, 3)
                block += [f"{green}{_ptext(line)}</span>" for line in inj_lines]
        else:
            block += [_ptext(line) for line in wrapped]
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
            f"<i>{_ptext(ARROW_QUESTIONS[ARROWS[4]])}</i>",
        ]
    return {
        "x": _PANEL_X,
        "y": 0.99,
        "xanchor": "left",
        "yanchor": "top",
        "align": "left",
        "text": "<br>".join(lines),
        "font": {"size": 12, "color": "#222222"},
        "showarrow": False,
    }


# --- the builder widget ------------------------------------------------------------------


class CloudBuilder(widgets.VBox):
    """The cloud builder: type the boxes, add assumptions and injections, save and load.

    ``builder.cloud`` is the current :class:`EvaporatingCloud`. The controls are
    attributes (``boxes``, ``arrow``, ``assumption_text``, ``add_assumption``, ...),
    so a notebook or a test can drive the builder in code.
    """

    def __init__(self, cloud: EvaporatingCloud | None = None, path: str = "my-cloud.json") -> None:
        if cloud is None:
            cloud = EvaporatingCloud()
        if not isinstance(cloud, EvaporatingCloud):
            raise TypeError(
                f"cloud must be an EvaporatingCloud or None, got {type(cloud).__name__}"
            )
        if not isinstance(path, str):
            raise ValueError(f"path must be a string such as 'my-cloud.json', got {path!r:.60}")
        self.cloud = cloud
        self._loading = False
        self.note = message_area()
        examples = example_clouds()
        self.examples = widgets.Dropdown(
            options=[("(start blank)", "")] + [(k, k) for k in examples],
            value=None,
            description="Start from",
            style={"description_width": "initial"},
            layout={"width": "360px"},
        )
        self.title = widgets.Text(value=cloud.title, description="Title", layout={"width": "360px"})
        labels = {
            "goal": "A · Goal",
            "need_b": "B · Need",
            "need_c": "C · Need",
            "want_d": "D · Action",
            "want_d_prime": "D' · Action",
        }
        self.boxes = {
            name: widgets.Textarea(
                value=getattr(cloud, name),
                placeholder=BOX_PROMPTS[name],
                description=labels[name],
                style={"description_width": "72px"},
                layout={"width": "296px", "height": "64px"},
                continuous_update=True,
            )
            for name in BOX_FIELDS
        }
        self.arrow = widgets.Dropdown(
            options=[(f"{a}: {ARROW_QUESTIONS[a]}", a) for a in ARROWS],
            value="D-D'",
            description="Arrow",
            layout={"width": "420px"},
        )
        self.assumption_text = widgets.Text(
            placeholder="An assumption: why the arrow holds",
            description="Assumption",
            layout={"width": "420px"},
        )
        self.add_assumption = widgets.Button(
            description="Add assumption", icon="plus", layout={"width": "auto"}
        )
        self.target = widgets.Dropdown(options=[], description="Breaks", layout={"width": "420px"})
        self.injection_text = widgets.Text(
            placeholder="An injection: an idea that makes that assumption false",
            description="Injection",
            layout={"width": "420px"},
        )
        self.add_injection = widgets.Button(
            description="Add injection", icon="plus", layout={"width": "auto"}
        )
        self.undo = widgets.Button(description="Remove last", icon="undo", layout={"width": "auto"})
        self.path = widgets.Text(value=path, description="File", layout={"width": "360px"})
        self.overwrite = widgets.Checkbox(value=False, description="overwrite an existing file")
        self.save = widgets.Button(description="Save", icon="save")
        self.load = widgets.Button(description="Load", icon="folder-open")
        self.figure = figure_widget(plot_cloud(cloud))
        self.sentence = widgets.HTML()

        for name, box in self.boxes.items():
            box.observe(guarded(self._box_changed(name), self.note), names="value")
        self.title.observe(guarded(self._title_changed, self.note), names="value")
        self.examples.observe(guarded(self._example_chosen, self.note), names="value")
        self.add_assumption.on_click(guarded(self._add_assumption, self.note))
        self.add_injection.on_click(guarded(self._add_injection, self.note))
        self.undo.on_click(guarded(self._undo, self.note))
        self.save.on_click(guarded(self._save, self.note))
        self.load.on_click(guarded(self._load, self.note))

        # The fields sit where their boxes sit in the drawing: A | B, C | D, D'.
        box_grid = widgets.GridBox(
            [
                self.boxes["goal"],
                self.boxes["need_b"],
                self.boxes["want_d"],
                widgets.HTML(
                    "<div style='color:#666;padding:4px 8px'>The goal (A) feeds on both needs; "
                    "each need has its action.</div>"
                ),
                self.boxes["need_c"],
                self.boxes["want_d_prime"],
            ],
            layout={"grid_template_columns": "repeat(3, 300px)", "grid_gap": "4px 8px"},
        )
        super().__init__(
            [
                widgets.HBox([self.examples, self.title]),
                box_grid,
                widgets.HBox([self.arrow, self.add_assumption]),
                widgets.HBox([self.assumption_text]),
                widgets.HBox([self.target, self.add_injection]),
                widgets.HBox([self.injection_text, self.undo]),
                self.figure,
                self.sentence,
                widgets.HBox([self.path, self.overwrite, self.save, self.load]),
                self.note,
            ]
        )
        self._show(cloud, redraw=False)  # the figure above was drawn from this cloud

    # Every change builds a new frozen cloud, then redraws from it.
    def _show(
        self, cloud: EvaporatingCloud, message: str | None = None, redraw: bool = True
    ) -> None:
        self.cloud = cloud
        if redraw:
            refresh(self.figure, plot_cloud(cloud))
        ids = [(f"{a.id}: {a.text[:50]}", a.id) for a in cloud.assumptions]
        keep = self.target.value if self.target.value in {v for _, v in ids} else None
        self.target.options = ids
        self.target.value = keep if keep is not None else (ids[-1][1] if ids else None)
        lines = cloud.read_aloud().splitlines()
        self.sentence.value = (
            "<div style='font-size:1.05em;line-height:1.5'><b>Read it aloud:</b><br>"
            + "<br>".join(esc(line) for line in lines)
            + "</div>"
        )
        problems = cloud.problems()
        if message:
            say(self.note, message, "good")
        elif problems:
            say(self.note, f"Next: {problems[0]}")
        else:
            say(
                self.note,
                "The cloud is complete. Read it aloud: which assumption is weakest?",
                "good",
            )

    def _box_changed(self, name: str):
        def update(change: dict) -> None:
            if not self._loading:
                self._show(replace(self.cloud, **{name: change["new"]}))

        return update

    def _title_changed(self, change: dict) -> None:
        if not self._loading:
            self._show(replace(self.cloud, title=change["new"]))

    def _set_fields(self, cloud: EvaporatingCloud) -> None:
        self._loading = True
        try:
            for name, box in self.boxes.items():
                box.value = getattr(cloud, name)
            self.title.value = cloud.title
        finally:
            self._loading = False

    def _example_chosen(self, change: dict) -> None:
        key = change["new"]
        if key is None:
            return
        cloud = example_clouds()[key] if key else EvaporatingCloud()
        self._set_fields(cloud)
        self._show(cloud, f"Loaded the example '{key}'." if key else "Started a blank cloud.")

    def _add_assumption(self, _button=None) -> None:
        text = self.assumption_text.value
        if not text.strip():
            say(self.note, "Type the assumption first, then press Add assumption.", "warn")
            return
        cloud = self.cloud.with_assumption(self.arrow.value, text)
        self.assumption_text.value = ""
        self._show(cloud, f"Added assumption {cloud.assumptions[-1].id} under {self.arrow.value}.")

    def _add_injection(self, _button=None) -> None:
        if self.target.value is None:
            say(self.note, "Add an assumption first: an injection must break one.", "warn")
            return
        text = self.injection_text.value
        if not text.strip():
            say(self.note, "Type the injection first, then press Add injection.", "warn")
            return
        cloud = self.cloud.with_injection(text, self.target.value)
        self.injection_text.value = ""
        self._show(cloud, f"Injection added: assumption {self.target.value} is now struck through.")

    def _undo(self, _button=None) -> None:
        c = self.cloud
        if c.injections:
            self._show(replace(c, injections=c.injections[:-1]), "Removed the last injection.")
        elif c.assumptions:
            self._show(replace(c, assumptions=c.assumptions[:-1]), "Removed the last assumption.")
        else:
            say(self.note, "Nothing to remove: the cloud has no assumptions or injections.")

    def _save(self, _button=None) -> None:
        try:
            written = save_cloud(self.cloud, self.path.value, overwrite=self.overwrite.value)
        except FileExistsError as err:
            say(self.note, f"Not saved: {err}.", "warn")
            return
        except OSError as err:  # permissions, disk full: a sentence, not a traceback
            say(self.note, f"Not saved: {err.strerror or err} ({self.path.value}).", "warn")
            return
        say(self.note, f"Saved to {written}.", "good")

    def _load(self, _button=None) -> None:
        try:
            cloud = load_cloud(self.path.value)
        except OSError as err:
            say(self.note, f"Not loaded: {err}", "warn")
            return
        self._set_fields(cloud)
        self._show(cloud, f"Loaded {self.path.value}.")


def cloud_builder(
    cloud: EvaporatingCloud | None = None, path: str = "my-cloud.json"
) -> CloudBuilder:
    """Build a cloud by typing: live drawing, assumptions, injections, save and load.

    Write a conflict from your own work into the five boxes, add the assumptions under
    the arrows, then add an injection that breaks one: it is struck through at once.
    Saving refuses to replace an existing file unless "overwrite" is ticked.

    Parameters
    ----------
    cloud : EvaporatingCloud, optional
        Where to start (default: a blank cloud). ``example_clouds()`` has four to copy.
    path : str
        Default file name for Save and Load, relative to the notebook's folder.

    Returns
    -------
    CloudBuilder
        An ipywidgets VBox; ``.cloud`` is the cloud on screen.

    Examples
    --------
    >>> b = cloud_builder()
    >>> b.boxes["goal"].value = "Keep customers for life"
    >>> b.cloud.goal
    'Keep customers for life'
    """
    return CloudBuilder(cloud, path)
