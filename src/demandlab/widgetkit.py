"""Plumbing shared by every lesson's widget functions (notebooks never import it directly).

Conventions every widget function follows, so the browser suite and the extremes
sweep can treat all lessons alike:

- The one control a lesson declares as its *main control* carries the CSS class
  ``MAIN_CONTROL`` (``mark_main(control)``); the figure it drives carries
  ``MAIN_FIGURE`` (``figure_widget(fig, main=True)``). tests/browser reads these.
- Figures are ``plotly.graph_objects.FigureWidget`` objects updated in place with
  ``refresh(fig_widget, new_figure)``, so a slider move sends a small diff, not a new plot.
- Every explorer is built by ``explorer(controls, model, view)``: the model turns the
  controls' values into a result (numbers), the view turns a result into a figure and a
  sentence. A model that refuses its input raises ``ValueError``; the explorer shows that
  as a sentence, keeps the last good ``.result``, and a learner never sees a traceback.
  (``guarded`` does the same for a button's callback outside an explorer.)
"""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go

from .frontend import (  # noqa: F401  (re-exported: tests and the browser suite use them)
    ControlNamer,
    LiveFigureWidget,
    shared_namer,
    with_names,
)

# The colours live in style.py; re-exported here because widget code and tests use them.
from .style import (  # noqa: F401  (re-exported)
    ACCENT_COLOR,
    BAD_COLOR,
    DEMAND_COLOR,
    GOOD_COLOR,
    PRODUCTION_COLOR,
    TEXT_COLOR,
)

MAIN_CONTROL = "dl-main-control"
MAIN_FIGURE = "dl-main-figure"
MESSAGE = "dl-message"


def mark_main(control: widgets.Widget) -> widgets.Widget:
    """Declare ``control`` as the lesson's main control (read by the browser suite)."""
    control.add_class(MAIN_CONTROL)
    return control


# Control rows wrap onto a second line instead of running off a narrow output area.
ROW_LAYOUT = {"display": "flex", "flex_flow": "row wrap", "align_items": "center", "width": "100%"}


def row(children: list, **layout: Any) -> widgets.HBox:
    """A row of controls that wraps (flex ``row wrap``) when the output area is narrow."""
    return widgets.HBox(list(children), layout=widgets.Layout(**{**ROW_LAYOUT, **layout}))


def figure_widget(fig: go.Figure, main: bool = False) -> go.FigureWidget:
    """Wrap a figure for live updates; ``main=True`` marks it as the main control's figure.

    The figure takes the output area's width (autosize, no fixed width) and hides plotly's
    logo; style.layout puts the mode bar upright at the right edge, clear of the titles.
    """
    fig = go.Figure(fig)
    describe(fig)
    fig.layout.width = None
    fig.layout.autosize = True
    fw = LiveFigureWidget(fig)
    fw._config = {**fw._config, "displaylogo": False, "responsive": True}
    if main:
        fw.add_class(MAIN_FIGURE)
    return fw


def refresh(fw: go.FigureWidget, fig: go.Figure) -> None:
    """Make ``fw`` show ``fig``, sending one batched update to the browser.

    Traces of the same count and type are updated in place (a restyle); otherwise the
    traces are replaced. Layout keys are overwritten; shapes, annotations and images are
    replaced whole, so a line that is no longer in ``fig`` disappears. The template (the
    figure's style) is kept from the first draw.

    Only keys whose value changed are sent: each unchanged key skipped is one less plotly
    validation in the kernel and less for plotly.js to redraw (issue 15, benchmarks/README).
    """
    with fw.batch_update():
        same_shape = len(fw.data) == len(fig.data) and all(
            old.type == new.type for old, new in zip(fw.data, fig.data)
        )
        if same_shape:
            for old, new in zip(fw.data, fig.data):
                changed = _changed(old.to_plotly_json(), new.to_plotly_json(), _TRACE_OWN)
                if changed:
                    old.update(changed, overwrite=True)
        else:
            fw.data = ()
            fw.add_traces(list(fig.data))
        describe(fig)
        layout = fig.layout.to_plotly_json()
        # The template is the figure's style, set once by figure_widget(); re-validating
        # plotly's ~7 kB default template on every slider step cost more than the redraw.
        layout.pop("template", None)
        shown = fw.layout.to_plotly_json()
        changed = _changed(shown, layout, _LAYOUT_OWN)
        if changed:
            fw.update_layout(changed, overwrite=True)
        # to_plotly_json() drops empty lists, so "no takt line any more" would never reach
        # the browser: set the list-valued layout keys explicitly, empty or not.
        for key in ("shapes", "annotations", "images"):
            if not _same(shown.get(key, []), layout.get(key, [])):
                setattr(fw.layout, key, getattr(fig.layout, key))


# Keys the widget sets itself (figure_widget, plotly's trace ids) or that refresh sends on
# its own path: never cleared because the new figure lacks them.
_TRACE_OWN = frozenset({"uid", "type"})
_LAYOUT_OWN = frozenset({"template", "autosize", "width", "shapes", "annotations", "images"})


def _changed(shown: dict, new: dict, own: frozenset = frozenset()) -> dict:
    """What refresh must send: the keys of ``new`` whose value differs from ``shown``, and
    ``None`` (plotly's "unset") for a key ``shown`` has and ``new`` no longer sets."""
    out = {k: v for k, v in new.items() if not _same(shown.get(k), v)}
    out.update({k: None for k in shown if k not in new and k not in own})
    return out


def _same(a: Any, b: Any) -> bool:
    """Equal as plotly JSON: lists, tuples and numpy arrays of equal items are the same."""
    if isinstance(a, np.ndarray):
        a = a.tolist()
    if isinstance(b, np.ndarray):
        b = b.tolist()
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, (dict, list, tuple)) or isinstance(b, (dict, list, tuple)):
        return False
    # Same type too (True == 1, 2 == 2.0): a false "changed" only costs a resend.
    return type(a) is type(b) and a == b


_KINDS = {"bar": "bars", "scatter": "lines", "heatmap": "a coloured map", "histogram": "bars"}


def _plain(text: object) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]*>", " ", str(text or ""))).split())


def describe(fig: go.Figure) -> str:
    """One sentence of what ``fig`` shows, kept in ``layout.meta["alt"]`` (issue 14).

    A figure function may write its own (``fig.update_layout(meta={"alt": ...})``); without
    one, the sentence names the marks, the axes and the series, so a screen reader says more
    than "image". The browser side (ControlNamer) puts title + sentence on the figure.
    """
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    if meta.get("alt"):
        return str(meta["alt"])
    kinds = sorted({_KINDS.get(t.type, t.type) for t in fig.data}) or ["no data"]
    y = _plain(fig.layout.yaxis.title.text) if fig.layout.yaxis.title else ""
    x = _plain(fig.layout.xaxis.title.text) if fig.layout.xaxis.title else ""
    axes = f" of {y or 'value'}" + (f" by {x}" if x else "")
    names = [_plain(t.name) for t in fig.data if t.name and t.showlegend is not False]
    series = f"; series: {', '.join(dict.fromkeys(names))}" if names else ""
    alt = f"Chart with {' and '.join(kinds)}{axes}{series}."
    alt += " The sentence next to it states the finding."
    fig.update_layout(meta={**meta, "alt": alt})
    return alt


def message_area() -> widgets.HTML:
    """An HTML area for one- or two-sentence feedback under a figure."""
    area = widgets.HTML(value="")
    area.add_class(MESSAGE)
    return area


def say(area: widgets.HTML, text: str, kind: str = "info") -> None:
    """Show ``text`` (escaped: learner text is never run as HTML) in a message area.

    Never colour alone (issue 14): a "good" or "warn" sentence starts with a word that says
    so, the text stays near-black (4.5:1 contrast), and the colour is a bar at its left.
    """
    bar = {"good": GOOD_COLOR, "warn": BAD_COLOR}.get(kind, "transparent")
    word = KIND_WORDS.get(kind, "")
    lead = f"<b>{word}</b> " if word else ""
    area.value = (
        f'<div style="color:{TEXT_COLOR};font-size:1.05em;line-height:1.4;'
        f'border-left:4px solid {bar};padding-left:8px">{lead}{html.escape(text)}</div>'
    )


KIND_WORDS = {"good": "✔ Good:", "warn": "⚠ Warning:"}


def guarded(update: Callable[..., Any], area: widgets.HTML) -> Callable[..., Any]:
    """Wrap a widget callback: a model's ValueError becomes a sentence, not a traceback."""

    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return update(*args, **kwargs)
        except ValueError as err:
            say(area, f"That setting cannot run: {err}", "warn")
            return None

    return run


def esc(text: object) -> str:
    """Escape any text before it goes into widgets.HTML or a plotly label."""
    return html.escape(str(text))


class Explorer(widgets.VBox):
    """The one kind of handle every ``*_explorer`` returns (built by :func:`explorer`).

    A ``VBox`` (so a notebook just displays it) that also carries:

    - ``controls``: the controls by name (``explorer.controls["demand_per_week"]``);
    - ``figure``: the live ``FigureWidget`` (``None`` for an explorer without a figure);
    - ``message``: the HTML area with the sentence under the figure;
    - ``panels``: extra HTML areas by name (a scoreboard, a table), possibly empty;
    - ``result``: the model's result for the last setting the model accepted;
    - ``state``: an explorer with a history, its state (``None`` for the others);
    - ``refused``: why the setting shown was refused (a sentence), ``None`` when accepted;
    - ``built_by``: ``BUILT_BY`` when :func:`explorer` built it (a test checks every
      public explorer for it).
    """

    def __init__(
        self,
        children: list,
        *,
        controls: dict[str, widgets.Widget],
        figure: go.FigureWidget | None,
        message: widgets.HTML,
        result: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(children=children, **kwargs)
        self.controls = dict(controls)
        self.figure = figure
        self.message = message
        self.result = result
        self.panels: dict[str, widgets.HTML] = {}
        self.refused: str | None = None
        self.built_by: str | None = None
        self.state: Any = None
        self._shown: widgets.VBox | None = None

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        # Displayed together with the ControlNamer (see below), so every lesson's slider
        # handles and icon-only buttons have names; ``children`` stay exactly as built.
        if self._shown is None:
            self._shown = with_names(self)
        return self._shown._repr_mimebundle_(**kwargs)


BUILT_BY = "demandlab.widgetkit.explorer"  # Explorer.built_by of every explorer() result
REFUSED = "That setting cannot run: {reason}"  # the sentence shown for a refused setting


@dataclasses.dataclass(frozen=True)
class View:
    """What an explorer shows for one result: a figure, a sentence, and extra HTML.

    ``figure`` is ``None`` for an explorer without one; ``kind`` is ``"info"``, ``"good"``
    or ``"warn"`` (see :func:`say`); ``panels`` maps a panel name (given to
    :func:`explorer`) to its new HTML, which the view must build escaped (:func:`esc`);
    ``controls`` maps a control's name to traits the result sets on it (a dropdown's
    ``options`` that list the result's parts), set without running the model again.
    """

    figure: go.Figure | None
    text: str
    kind: str = "info"
    panels: Mapping[str, str] = dataclasses.field(default_factory=dict)
    controls: Mapping[str, Mapping[str, Any]] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class Step:
    """An action's answer when it has more to say than its new state (see :func:`explorer`).

    ``text`` (with ``kind``) replaces the view's sentence for this step, e.g. "Saved to
    my-cloud.json."; ``controls`` maps a control's name to traits to set on it (a loaded
    file's text into its boxes, an emptied text field), without running the model again.
    """

    state: Any
    text: str | None = None
    kind: str = "good"
    controls: Mapping[str, Mapping[str, Any]] = dataclasses.field(default_factory=dict)


_NO_STATE = object()  # explorer(state=...) not given: the model is a function of the values


def _as_view(shown: Any) -> View:
    """A view function's answer as a :class:`View`: a View, ``(figure, text)`` or
    ``(figure, (text, kind))`` (pullpush's shape)."""
    if isinstance(shown, View):
        return shown
    fig, sentence = shown
    if isinstance(sentence, tuple):
        return View(fig, *sentence)
    return View(fig, sentence)


def _arranged(top: widgets.Widget, areas: dict, fw: Any, note: widgets.HTML, first: bool) -> list:
    """The default layout: controls, the panels in a wrapping row, figure and sentence."""
    body = [note, fw] if first else [fw, note]
    children = [top] + ([row(list(areas.values()))] if areas else [])
    return children + [w for w in body if w is not None]


def explorer(
    controls: Mapping[str, widgets.Widget],
    model: Callable[..., Any],
    view: Callable[..., Any],
    *,
    top: widgets.Widget | None = None,
    panels: Sequence[str] = (),
    main: bool = False,
    message_first: bool = False,
    cls: type[Explorer] = Explorer,
    state: Any = _NO_STATE,
    actions: Mapping[str, Callable[..., Any]] | None = None,
    arrange: Callable[[go.FigureWidget | None, widgets.HTML, dict], list] | None = None,
) -> Explorer:
    """The one way to build a lesson's explorer: controls -> model -> view, wired once.

    On every change of a control's ``value`` the explorer calls
    ``model(**values)``, where ``values`` maps each control's name (its key in ``controls``)
    to its ``value`` (controls without a ``value``, such as buttons, are left out), then
    ``view(result)``, then shows the view: the figure is updated in place (:func:`refresh`),
    the sentence goes to the message area (:func:`say`), each panel gets its HTML.

    An explorer with a history (a cloud built an assumption at a time, a game played a
    round at a time) also takes a starting ``state`` and ``actions``: the model is then
    ``model(state, **values)`` and the view ``view(result, state)``; a control named in
    ``actions`` (a button's click, or another control's change) runs
    ``action(state, **values)`` (every control's value, its own too), which returns the
    new state or a :class:`Step`, and the model and view run again on it.
    ``Explorer.step(action)`` does the same from outside the controls (a room's answer).

    The rule for a refused setting (the model, an action or the view raises
    ``ValueError``, which includes ``checks.InputError``): nothing shown changes except the
    sentence, which becomes ``REFUSED`` with the reason (a warning, never a traceback);
    ``.result`` (and ``.state``) keep the last accepted; ``.refused`` holds the reason until
    a setting is accepted again (then it is ``None``). The first run, at build time, is not
    guarded: a starting setting the model refuses raises, so a bad argument to an
    ``*_explorer`` function is reported to its caller.

    Parameters
    ----------
    controls : mapping of str to ipywidgets.Widget
        The controls by name; the names are the model's keyword arguments and the keys of
        ``Explorer.controls`` (tests and notebooks reach a control as
        ``box.controls["cv"]``, never through an alias attribute).
    model : callable
        ``model(**values) -> result``: numbers only, no prose. Cache inside it if a run
        is slow.
    view : callable
        ``view(result) -> View`` (or ``(figure, text)`` / ``(figure, (text, kind))``).
        The figure is built by the lesson's ``figures`` module, the text by its ``report``.
    top : ipywidgets.Widget, optional
        The controls as laid out (default: one wrapping :func:`row` of all controls).
    panels : sequence of str
        Names of extra HTML areas, shown side by side (a wrapping row) between the controls
        and the figure.
    main : bool
        Mark the figure as the lesson's main figure (``MAIN_FIGURE``, read by the browser
        suite); mark the main control with :func:`mark_main` yourself.
    message_first : bool
        Put the sentence above the figure instead of under it.
    cls : type
        A subclass of :class:`Explorer` to build, for a lesson whose notebook reads a named
        part of the result (a read-only property over ``result``, e.g. ``fix_a.mine``).
    state, actions : optional
        The starting state and the actions that change it (above).
    arrange : callable, optional
        ``arrange(figure, message, panels) -> children``: a layout other than the default
        (``top``, the panels, the figure, the sentence), e.g. a row of controls under the
        figure.

    Returns
    -------
    Explorer
        ``controls``, ``figure`` (``None`` when the view has no figure), ``message``,
        ``panels``, ``result``, ``state``, ``refused`` and ``built_by == BUILT_BY``;
        ``rerun()`` runs the model again on the current setting (as a change would).

    Notes
    -----
    Long because its docstring is the API every lesson's widgets.py is written against;
    the wiring itself is about fifty lines.

    Examples
    --------
    >>> import ipywidgets as widgets
    >>> n = widgets.IntSlider(value=2, min=-5, max=5, description="n")
    >>> def model(n):
    ...     if n < 0:
    ...         raise ValueError(f"n must be at least 0, got {n}")
    ...     return n * n
    >>> box = explorer({"n": n}, model, lambda r: View(None, f"{r} squares"))
    >>> box.result, box.built_by == BUILT_BY
    (4, True)
    >>> n.value = -1
    >>> box.result, box.refused
    (4, 'n must be at least 0, got -1')
    """
    controls, actions = dict(controls), dict(actions or {})
    unknown = sorted(set(actions) - set(controls))
    if unknown:
        raise ValueError(f"actions must name controls, got {unknown}; controls: {list(controls)}")
    valued = [k for k, c in controls.items() if "value" in c.trait_names()]
    names = [k for k in valued if k not in actions]  # the model's inputs
    held = state is not _NO_STATE
    quiet = [False]  # True while the explorer itself sets controls: no rerun then

    def values(every: bool = False) -> dict[str, Any]:
        return {k: controls[k].value for k in (valued if every else names)}

    def run(now: Any) -> tuple[Any, View]:
        result = model(now, **values()) if held else model(**values())
        return result, _as_view(view(result, now) if held else view(result))

    first, shown = run(state if held else None)
    fw = None if shown.figure is None else figure_widget(shown.figure, main=main)
    note = message_area()
    areas = {name: widgets.HTML() for name in panels}
    children = (
        arrange(fw, note, areas)
        if arrange is not None
        else _arranged(top or row(list(controls.values())), areas, fw, note, message_first)
    )
    box = cls(children, controls=controls, figure=fw, message=note, result=first)
    box.panels, box.built_by, box.state = areas, BUILT_BY, (state if held else None)

    def put(traits_by_name: Mapping[str, Mapping[str, Any]]) -> None:
        quiet[0] = True  # the explorer sets these itself: no rerun for each
        try:
            for name, traits in traits_by_name.items():
                for trait, value in traits.items():  # in order: a dropdown's options first
                    setattr(controls[name], trait, value)
        finally:
            quiet[0] = False

    def show(v: View, said: Step | None = None) -> None:
        put(v.controls)
        if fw is not None and v.figure is not None:
            refresh(fw, v.figure)
        for name, text in v.panels.items():
            areas[name].value = text
        if said is not None and said.text is not None:
            say(note, said.text, said.kind)
        else:
            say(note, v.text, v.kind)

    def step(action: Callable[..., Any] | None) -> None:
        if quiet[0]:
            return
        try:
            said = action(box.state, **values(every=True)) if action else box.state
            moved = said if isinstance(said, Step) else Step(said, None)
            put(moved.controls)  # before the model runs: a loaded file's text is its input
            result, v = run(moved.state)
        except ValueError as err:
            box.refused = str(err)
            say(note, REFUSED.format(reason=err), "warn")
            return
        box.result, box.state, box.refused = result, moved.state if held else None, None
        show(v, moved)

    show(shown)
    box.rerun = lambda change=None: step(None)
    box.step = step
    for k in names:
        controls[k].observe(box.rerun, names="value")
    for k, action in actions.items():
        if isinstance(controls[k], widgets.Button):
            controls[k].on_click(lambda _b, a=action: step(a))
        else:
            controls[k].observe(lambda _c, a=action: step(a), names="value")
    return box
