"""The cloud builder: type the boxes, add assumptions and injections, save and load."""

from __future__ import annotations

import textwrap
from dataclasses import replace

import ipywidgets as widgets
from IPython.display import display

from ..checks import choice, text
from ..style import MUTED_COLOR
from ..widgetkit import Explorer, Step, View, esc, explorer, row
from .figures import plot_cloud
from .model import (
    MAX_TEXT_CHARS,
    EvaporatingCloud,
    as_cloud,
    example_clouds,
    file_name,
    load_cloud,
    save_cloud,
)
from .scenario import ARROW_QUESTIONS, ARROWS, BOX_FIELDS, BOX_LABELS, BOX_PROMPTS


class CloudBuilder(Explorer):
    """The cloud builder (built by :func:`demandlab.widgetkit.explorer`): its ``result`` is
    the cloud on screen, also ``builder.cloud``; its controls are in ``builder.controls`` by
    name (``"goal"``, ``"arrow"``, ``"add_assumption"``, ...), so a notebook or a test can
    drive it in code."""

    @property
    def cloud(self) -> EvaporatingCloud:
        """The cloud on screen (the Explorer's ``result``)."""
        return self.result


def _controls(cloud: EvaporatingCloud, path: str) -> dict[str, widgets.Widget]:
    """The builder's controls by name: the five boxes are named as the cloud's fields."""
    wide = {"width": "420px"}
    boxes = {
        name: widgets.Textarea(
            value=getattr(cloud, name),
            placeholder=BOX_PROMPTS[name],
            description=BOX_LABELS[name],
            style={"description_width": "72px"},
            layout={"width": "296px", "height": "64px"},
            continuous_update=True,
        )
        for name in BOX_FIELDS
    }
    return {
        "examples": widgets.Dropdown(
            options=[("(start blank)", "")] + [(k, k) for k in example_clouds()],
            value=None,
            description="Start from",
            style={"description_width": "initial"},
            layout={"width": "360px"},
        ),
        "title": widgets.Text(value=cloud.title, description="Title", layout={"width": "360px"}),
        **boxes,
        "arrow": widgets.Dropdown(
            options=[(f"{a}: {ARROW_QUESTIONS[a]}", a) for a in ARROWS],
            value="D-D'",
            description="Arrow",
            layout=wide,
        ),
        "assumption_text": widgets.Text(
            placeholder="An assumption: why the arrow holds", description="Assumption", layout=wide
        ),
        "target": widgets.Dropdown(options=[], description="Breaks", layout=wide),
        "injection_text": widgets.Text(
            placeholder="An injection: an idea that makes that assumption false",
            description="Injection",
            layout=wide,
        ),
        "path": widgets.Text(value=path, description="File", layout={"width": "360px"}),
        "overwrite": widgets.Checkbox(value=False, description="overwrite an existing file"),
        "add_assumption": widgets.Button(
            description="Add assumption", icon="plus", layout={"width": "auto"}
        ),
        "add_injection": widgets.Button(
            description="Add injection", icon="plus", layout={"width": "auto"}
        ),
        "undo": widgets.Button(description="Remove last", icon="undo", layout={"width": "auto"}),
        "save": widgets.Button(description="Save", icon="save"),
        "load": widgets.Button(description="Load", icon="folder-open"),
    }


def _typed(cloud: EvaporatingCloud, title: str, **values: object) -> EvaporatingCloud:
    """The builder's model: the cloud (its assumptions and injections) with the typed boxes."""
    return replace(cloud, title=title, **{name: values[name] for name in BOX_FIELDS})


def _fields(cloud: EvaporatingCloud) -> dict[str, dict[str, str]]:
    """A cloud's text put back into the title and the five boxes (after a load)."""
    return {name: {"value": getattr(cloud, name)} for name in ("title", *BOX_FIELDS)}


def _example(cloud: EvaporatingCloud, examples: str | None, **values: object) -> object:
    if examples is None:  # the picker was reset: nothing chosen
        return cloud
    start = example_clouds()[examples] if examples else EvaporatingCloud()
    said = f"Loaded the example '{examples}'." if examples else "Started a blank cloud."
    return Step(start, said, controls=_fields(start))


def _add_assumption(cloud: EvaporatingCloud, **values: object) -> Step:
    text = str(values["assumption_text"])
    if not text.strip():
        return Step(cloud, "Type the assumption first, then press Add assumption.", "warn")
    arrow = values["arrow"]
    added = _typed(cloud, **values).with_assumption(arrow, text)
    said = f"Added assumption {added.assumptions[-1].id} under {arrow}."
    return Step(added, said, controls={"assumption_text": {"value": ""}})


def _add_injection(cloud: EvaporatingCloud, **values: object) -> Step:
    target, text = values["target"], str(values["injection_text"])
    if target is None:
        return Step(cloud, "Add an assumption first: an injection must break one.", "warn")
    if not text.strip():
        return Step(cloud, "Type the injection first, then press Add injection.", "warn")
    added = _typed(cloud, **values).with_injection(text, target)
    said = f"Injection added: assumption {target} is now struck through."
    return Step(added, said, controls={"injection_text": {"value": ""}})


def _undo(cloud: EvaporatingCloud, **values: object) -> Step:
    if cloud.injections:
        return Step(replace(cloud, injections=cloud.injections[:-1]), "Removed the last injection.")
    if cloud.assumptions:
        return Step(
            replace(cloud, assumptions=cloud.assumptions[:-1]), "Removed the last assumption."
        )
    return Step(cloud, "Nothing to remove: the cloud has no assumptions or injections.", "info")


def _save(cloud: EvaporatingCloud, path: str, overwrite: bool, **values: object) -> Step:
    try:
        written = save_cloud(_typed(cloud, **values), path, overwrite=overwrite)
    except FileExistsError as err:
        return Step(cloud, f"Not saved: {err}.", "warn")
    except OSError as err:  # permissions, disk full: a sentence, not a traceback
        return Step(cloud, f"Not saved: {err.strerror or err} ({path}).", "warn")
    return Step(cloud, f"Saved to {written}.")


def _load(cloud: EvaporatingCloud, path: str, **values: object) -> Step:
    try:
        loaded = load_cloud(path)
    except OSError as err:
        return Step(cloud, f"Not loaded: {err}", "warn")
    return Step(loaded, f"Loaded {path}.", controls=_fields(loaded))


def _viewer(target: widgets.Dropdown):
    """The builder's view: the drawing, the cloud read aloud, what to do next, and the
    assumptions offered to an injection (the one chosen kept while it still exists)."""

    def view(cloud: EvaporatingCloud, _state: EvaporatingCloud) -> View:
        ids = [(f"{a.id}: {a.text[:50]}", a.id) for a in cloud.assumptions]
        keep = target.value if target.value in {v for _, v in ids} else None
        chosen = keep if keep is not None else (ids[-1][1] if ids else None)
        lines = "<br>".join(esc(line) for line in cloud.read_aloud().splitlines())
        aloud = (
            f"<div style='font-size:1.05em;line-height:1.5'><b>Read it aloud:</b><br>{lines}</div>"
        )
        problems = cloud.problems()
        text, kind = (
            (f"Next: {problems[0]}", "info")
            if problems
            else ("The cloud is complete. Read it aloud: which assumption is weakest?", "good")
        )
        return View(
            plot_cloud(cloud),
            text,
            kind,
            panels={"sentence": aloud},
            controls={"target": {"options": ids, "value": chosen}},
        )

    return view


def _arrangement(c: dict[str, widgets.Widget]):
    """The builder's layout: the fields sit where their boxes sit in the drawing (A | B, C
    | D, D'), the assumption and injection rows under them, the file row under the figure."""
    box_grid = widgets.GridBox(
        [
            c["goal"],
            c["need_b"],
            c["want_d"],
            widgets.HTML(
                f"<div style='color:{MUTED_COLOR};padding:4px 8px'>"
                "The goal (A) feeds on both needs; each need has its action.</div>"
            ),
            c["need_c"],
            c["want_d_prime"],
        ],
        layout={"grid_template_columns": "repeat(3, 300px)", "grid_gap": "4px 8px"},
    )

    def arrange(figure, note, panels) -> list:
        return [
            row([c["examples"], c["title"]]),
            box_grid,
            row([c["arrow"], c["add_assumption"]]),
            row([c["assumption_text"]]),
            row([c["target"], c["add_injection"]]),
            row([c["injection_text"], c["undo"]]),
            figure,
            panels["sentence"],
            row([c["path"], c["overwrite"], c["save"], c["load"]]),
            note,
        ]

    return arrange


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
        A ``widgetkit.Explorer`` (an ipywidgets VBox); ``.cloud`` is the cloud on screen.

    Examples
    --------
    >>> b = cloud_builder()
    >>> b.controls["goal"].value = "Keep customers for life"
    >>> b.cloud.goal
    'Keep customers for life'
    """
    cloud, path = as_cloud(cloud, allow_none=True), file_name(path)
    controls = _controls(cloud, path)
    box = explorer(
        controls,
        _typed,
        _viewer(controls["target"]),
        panels=["sentence"],
        cls=CloudBuilder,
        state=cloud,
        actions={
            "examples": _example,
            "add_assumption": _add_assumption,
            "add_injection": _add_injection,
            "undo": _undo,
            "save": _save,
            "load": _load,
        },
        arrange=_arrangement(controls),
    )
    return box


def show_example_cloud(name: str, injection: str = "", breaks: str = "") -> None:
    """Print one of the example clouds aloud and draw it, with one more injection if given.

    Parameters
    ----------
    name : str
        A key of ``example_clouds()``, e.g. ``"takt in sales"``.
    injection, breaks : str
        An injection's text and the id of the assumption it breaks (e.g. ``"DD1"``);
        both empty (the default) adds none.

    The drawing is displayed, not returned, so it also appears inside
    ``with dl.solution():``, where Python shows no expression's value.

    Examples
    --------
    >>> show_example_cloud("takt in sales")  # doctest: +ELLIPSIS
    In order to ...
    """
    clouds = example_clouds()
    cloud = clouds[choice("name", name, tuple(clouds))]
    injection = text("injection", injection, MAX_TEXT_CHARS)
    breaks = text("breaks", breaks, MAX_TEXT_CHARS)
    if injection.strip() or breaks.strip():
        cloud = cloud.with_injection(injection, breaks)
    # wrapped: printed lines do not wrap in an output area, and a 1024 px one holds ~75 letters
    for line in cloud.read_aloud().splitlines():
        print(textwrap.fill(line, 72, subsequent_indent="  ") if line else line)
    display(plot_cloud(cloud))
