"""The cloud builder: type the boxes, add assumptions and injections, save and load."""

from __future__ import annotations

import textwrap
from dataclasses import replace

import ipywidgets as widgets
from IPython.display import display

from ..checks import choice, text
from ..style import MUTED_COLOR
from ..widgetkit import Explorer, esc, figure_widget, guarded, message_area, refresh, row, say
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
    """The cloud builder: type the boxes, add assumptions and injections, save and load.

    ``builder.cloud`` (also ``builder.result``) is the current :class:`EvaporatingCloud`.
    The controls are attributes (``boxes``, ``arrow``, ``assumption_text``,
    ``add_assumption``, ...) and sit in ``builder.controls`` by name, so a notebook or a
    test can drive the builder in code; ``builder.note`` is ``builder.message``.
    """

    def __init__(self, cloud: EvaporatingCloud | None = None, path: str = "my-cloud.json") -> None:
        cloud = as_cloud(cloud, allow_none=True)
        path = file_name(path)
        self._loading = False
        self.note = message_area()
        self._make_controls(cloud, path)
        self.figure = figure_widget(plot_cloud(cloud))
        self.sentence = widgets.HTML()
        self._wire()
        super().__init__(
            self._layout(),
            controls={
                "examples": self.examples,
                "title": self.title,
                **self.boxes,
                "arrow": self.arrow,
                "assumption_text": self.assumption_text,
                "target": self.target,
                "injection_text": self.injection_text,
                "path": self.path,
                "overwrite": self.overwrite,
                "add_assumption": self.add_assumption,
                "add_injection": self.add_injection,
                "undo": self.undo,
                "save": self.save,
                "load": self.load,
            },
            figure=self.figure,
            message=self.note,
            result=cloud,
        )
        self._show(cloud, redraw=False)  # the figure above was drawn from this cloud

    @property
    def cloud(self) -> EvaporatingCloud:
        """The cloud on screen (the Explorer's ``result``)."""
        return self.result

    def _make_controls(self, cloud: EvaporatingCloud, path: str) -> None:
        self.examples = widgets.Dropdown(
            options=[("(start blank)", "")] + [(k, k) for k in example_clouds()],
            value=None,
            description="Start from",
            style={"description_width": "initial"},
            layout={"width": "360px"},
        )
        self.title = widgets.Text(value=cloud.title, description="Title", layout={"width": "360px"})
        self.boxes = {
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

    def _wire(self) -> None:
        for name, box in self.boxes.items():
            box.observe(guarded(self._box_changed(name), self.note), names="value")
        self.title.observe(guarded(self._title_changed, self.note), names="value")
        self.examples.observe(guarded(self._example_chosen, self.note), names="value")
        self.add_assumption.on_click(guarded(self._add_assumption, self.note))
        self.add_injection.on_click(guarded(self._add_injection, self.note))
        self.undo.on_click(guarded(self._undo, self.note))
        self.save.on_click(guarded(self._save, self.note))
        self.load.on_click(guarded(self._load, self.note))

    def _layout(self) -> list:
        # The fields sit where their boxes sit in the drawing: A | B, C | D, D'.
        box_grid = widgets.GridBox(
            [
                self.boxes["goal"],
                self.boxes["need_b"],
                self.boxes["want_d"],
                widgets.HTML(
                    f"<div style='color:{MUTED_COLOR};padding:4px 8px'>"
                    "The goal (A) feeds on both needs; each need has its action.</div>"
                ),
                self.boxes["need_c"],
                self.boxes["want_d_prime"],
            ],
            layout={"grid_template_columns": "repeat(3, 300px)", "grid_gap": "4px 8px"},
        )
        return [
            row([self.examples, self.title]),
            box_grid,
            row([self.arrow, self.add_assumption]),
            row([self.assumption_text]),
            row([self.target, self.add_injection]),
            row([self.injection_text, self.undo]),
            self.figure,
            self.sentence,
            row([self.path, self.overwrite, self.save, self.load]),
            self.note,
        ]

    # Every change builds a new frozen cloud, then redraws from it.
    def _show(
        self, cloud: EvaporatingCloud, message: str | None = None, redraw: bool = True
    ) -> None:
        self.result = cloud
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
        A ``widgetkit.Explorer`` (an ipywidgets VBox); ``.cloud`` is the cloud on screen.

    Examples
    --------
    >>> b = cloud_builder()
    >>> b.boxes["goal"].value = "Keep customers for life"
    >>> b.cloud.goal
    'Keep customers for life'
    """
    return CloudBuilder(cloud, path)


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
