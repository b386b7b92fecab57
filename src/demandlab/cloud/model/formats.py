"""The cloud file format: its name and limits, reading JSON safely, and markdown.

Pure stdlib. :class:`~demandlab.cloud.model.diagram.EvaporatingCloud` calls these from
``from_json`` and ``from_dict``; nothing here knows the class itself.
"""

from __future__ import annotations

import json

from ...checks import InputError
from ..scenario import BOX_FIELDS

FORMAT = "demandlab.cloud/1"  # written into every file, refused if different on load
MAX_TEXT_CHARS = 600  # characters in a box, an assumption or an injection
MAX_TITLE_CHARS = 120  # characters in a cloud's title
MAX_ID_CHARS = 24  # characters in an assumption id
MAX_ITEMS = 30  # assumptions (and injections) in one cloud
MAX_FILE_BYTES = 1_000_000  # size of a cloud file

TOP_FIELDS = ("format", "title", *BOX_FIELDS, "assumptions", "injections")
ROW_FIELDS = {"assumptions": ("id", "arrow", "text"), "injections": ("text", "breaks")}


def fields(data: object, where: str, keys: tuple[str, ...]) -> dict:
    """``data`` if it is a JSON object with exactly ``keys``; else the field is named."""
    if not isinstance(data, dict):
        raise InputError(f"{where} must be a JSON object, got {type(data).__name__}")
    for key in keys:
        if key not in data:
            raise InputError(f"{where} is missing the field {key!r}")
    unknown = [k for k in data if k not in keys]
    if unknown:
        raise InputError(
            f"{where} has an unknown field {unknown[0]!r:.60}; allowed: {', '.join(keys)}"
        )
    return data


def parse_dict(data: object, source: str) -> dict:
    """The fields of a cloud file, checked: strings where strings belong, lists of rows.

    Returns the top-level fields with ``assumptions`` and ``injections`` as lists of
    dicts (one per row); building the objects is the caller's job.
    """
    top = fields(data, source, TOP_FIELDS)
    if top["format"] != FORMAT:
        raise InputError(f"{source}: field 'format' must be {FORMAT!r}, got {top['format']!r:.60}")
    for name in ("title", *BOX_FIELDS):
        if not isinstance(top[name], str):
            raise InputError(f"{source}: field {name!r} must be a string, got {top[name]!r:.60}")
    out = dict(top)
    for name, keys in ROW_FIELDS.items():
        items = top[name]
        if not isinstance(items, list):
            raise InputError(f"{source}: field {name!r} must be a list, got {items!r:.60}")
        if len(items) > MAX_ITEMS:
            raise InputError(
                f"{source}: field {name!r} may hold at most {MAX_ITEMS} entries, got {len(items)}"
            )
        rows = []
        for i, item in enumerate(items):
            row = fields(item, f"{source}: {name}[{i}]", keys)
            for key in keys:
                if not isinstance(row[key], str):
                    raise InputError(
                        f"{source}: field {name}[{i}].{key} must be a string, got {row[key]!r:.60}"
                    )
            rows.append(row)
        out[name] = rows
    return out


def read_json(text: object, source: str) -> object:
    """Parse cloud JSON: UTF-8 text of at most MAX_FILE_BYTES, no repeated field, no NaN."""
    if isinstance(text, (bytes, bytearray)):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as err:
            raise InputError(f"{source} is not UTF-8 text: {err}") from None
    if not isinstance(text, str):
        raise InputError(f"{source} must be a string, got {type(text).__name__}")
    if len(text) > MAX_FILE_BYTES:
        raise InputError(f"{source} is too long: {len(text)} characters, at most {MAX_FILE_BYTES}")

    def no_repeats(pairs: list) -> dict:
        seen: dict = {}
        for key, value in pairs:
            if key in seen:
                raise InputError(f"{source}: field {key!r} appears twice")
            seen[key] = value
        return seen

    def no_constants(name: str) -> object:
        raise InputError(f"{source}: {name} is not allowed in a cloud file")

    try:
        return json.loads(text, object_pairs_hook=no_repeats, parse_constant=no_constants)
    except json.JSONDecodeError as err:
        raise InputError(
            f"{source} is malformed JSON: {err.msg} at line {err.lineno}, column {err.colno}"
        ) from None
    except RecursionError:
        raise InputError(f"{source} is nested too deeply to be a cloud") from None
