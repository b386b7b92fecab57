"""The browser side of every explorer: plotly figures that start in time, and names for
controls (issue 14). widgetkit re-exports all of it; lessons never import this module."""

from __future__ import annotations

import functools
import hashlib
import json
from typing import Any

import anywidget
import ipywidgets as widgets
import plotly.graph_objects as go
import traitlets

# plotly's FigureWidget sends its whole front end (a 5 MB ES module) as its ``_esm``, and
# anywidget 0.11 imports that afresh for every figure and gives each widget 2 s from its
# creation in the browser to be initialised. On a busy browser (Run All rendering a lesson, a
# loaded machine) evaluating 5 MB takes longer: the figure is refused ("[anywidget] Failed to
# initialize model." in the console) and every later update to it is dropped, so the figure
# never draws or never redraws; a widget created while such an evaluation blocks the page
# (the explorers' ControlNamer) misses its 2 s as well. LiveFigureWidget's module is a few lines
# that initialise at once; plotly's module travels as a plain string trait and is evaluated
# once per page, after; changes that arrive meanwhile reach plotly in order.
_LIVE_FIGURE_ESM = """
const KEY = "__dlPlotlyWidget__HASH__";
const TRAITS = __TRAITS__;
function plotlyModule(source) {
  if (!globalThis[KEY]) {
    const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
    globalThis[KEY] = import(url).finally(() => URL.revokeObjectURL(url));
  }
  return globalThis[KEY];
}
export default () => {
  let inner = null;
  let ready = null;
  return {
    initialize({ model, experimental }) {
      const handlers = new Map();  // "change:<trait>" -> plotly's callbacks
      const replaying = new Map();  // trait -> its value when its change arrived
      const queue = [];
      let live = false;
      const deliver = (name) => (handlers.get("change:" + name) || []).forEach((cb) => cb());
      for (const name of TRAITS) {
        model.on("change:" + name, () => {
          if (live) deliver(name);
          else queue.push([name, model.get(name)]);
        });
      }
      const proxy = {
        ...model,
        get: (name) => (replaying.has(name) ? replaying.get(name) : model.get(name)),
        on: (event, cb) => {
          if (event.startsWith("change:") && TRAITS.includes(event.slice(7))) {
            handlers.set(event, [...(handlers.get(event) || []), cb]);
          } else {
            model.on(event, cb);
          }
        },
      };
      ready = plotlyModule(model.get("_dl_plotly_module")).then(async (mod) => {
        inner = mod.default();
        await inner.initialize({ model: proxy, experimental });
        for (const [name, value] of queue) {
          replaying.set(name, value);
          deliver(name);
          replaying.delete(name);
        }
        live = true;
      });
      ready.catch((err) => console.error("[demandlab] plotly's figure module failed", err));
    },
    async render({ model, el, experimental }) {
      await ready;
      const done = await inner.render({ model, el, experimental });
      // plotly's view re-fits its figure on a window resize only; a side panel opening or
      // closing changes the output area's width without one. Tell it when the width changes
      // (one synthetic resize per animation frame, however many figures changed).
      let width = el.clientWidth;
      const observer = new ResizeObserver(() => {
        const now = el.clientWidth;
        if (now === 0 || now === width) return;  // off screen, or only the height changed
        width = now;
        if (!globalThis.__dlResizeQueued) {
          globalThis.__dlResizeQueued = true;
          requestAnimationFrame(() => {
            globalThis.__dlResizeQueued = false;
            window.dispatchEvent(new Event("resize"));
          });
        }
      });
      observer.observe(el);
      return () => {
        observer.disconnect();
        if (typeof done === "function") done();
      };
    },
  };
};
"""


@functools.cache
def _plotly_module() -> str:
    return str(go.FigureWidget._esm)


def _live_figure_esm() -> str:
    traits = sorted(
        n
        for n in go.FigureWidget.class_trait_names(sync=True)
        if n.startswith(("_py2js_", "_widget_"))
    )
    digest = hashlib.sha256(_plotly_module().encode()).hexdigest()[:16]
    return _LIVE_FIGURE_ESM.replace("__HASH__", digest).replace("__TRAITS__", json.dumps(traits))


class LiveFigureWidget(go.FigureWidget):
    """plotly's FigureWidget whose browser side never misses anywidget's 2 s start-up limit."""

    # plotly's own module, sent with the widget's first state (a default, not set after init)
    _dl_plotly_module = traitlets.Unicode().tag(sync=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if "_esm" not in LiveFigureWidget.__dict__:  # built once per kernel, at the first figure
            LiveFigureWidget._esm = _live_figure_esm()
        shared_namer()  # before this figure reaches the browser
        super().__init__(*args, **kwargs)

    @traitlets.default("_dl_plotly_module")
    def _default_plotly_module(self) -> str:
        return _plotly_module()


# --- Accessible names (issue 14) -------------------------------------------------------
# ipywidgets 8.1.9 renders a slider's handle as a noUiSlider ``div.noUi-handle`` with
# role="slider" and aria-valuenow/-valuetext but no name: its description is a sibling
# <label> that is not tied to the handle. A Play button or an icon-only Button is a
# <button> holding only an <i class="fa fa-play">: no name either. Neither can be fixed
# from the kernel side (no trait reaches those attributes), so one tiny front-end helper,
# rendered next to every Explorer, names them: each handle gets aria-label = its
# slider's description; each empty button gets its tooltip or its icon's name. A
# MutationObserver on the page re-applies this to anything drawn later (a re-run cell, a
# kernel restart + Run All), debounced to one pass per animation frame.

_NAMER_ESM = r"""
const ICONS = {play: "Play", pause: "Pause", stop: "Stop", repeat: "Repeat",
               retweet: "Repeat", undo: "Undo", save: "Save", "folder-open": "Open"};
function text(node) { return node ? (node.textContent || "").trim() : ""; }
function nameAll(root) {
  for (const h of root.querySelectorAll(".noUi-handle")) {
    const w = h.closest(".widget-slider, .jupyter-widgets");
    const label = w ? w.querySelector(".widget-label") : null;
    const name = text(label) || (w && w.getAttribute("title")) || "value";
    if (h.getAttribute("aria-label") !== name) h.setAttribute("aria-label", name);
    const ro = w ? w.querySelector(".widget-readout") : null;
    const vt = text(ro);
    if (vt && h.getAttribute("aria-valuetext") !== vt) h.setAttribute("aria-valuetext", vt);
  }
  for (const b of root.querySelectorAll("button.jupyter-button, .widget-button")) {
    if (text(b) || b.hasAttribute("aria-label")) continue;
    const icon = b.querySelector("i.fa");
    let name = b.getAttribute("title") || "";
    if (!name && icon) {
      const cls = [...icon.classList].find(c => c.startsWith("fa-") && c !== "fa-fw");
      const key = cls ? cls.slice(3) : "";
      name = ICONS[key] || key.replace(/-/g, " ");
    }
    if (name) b.setAttribute("aria-label", name);
  }
}
// Figures (issue 14): a name (the title and one sentence, layout.meta.alt, set by
// widgetkit.figure_widget) and a pointer to the sentence that states the finding.
function strip(t) { return String(t || "").replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim(); }
function nameFigures(root) {
  for (const p of root.querySelectorAll(".js-plotly-plot")) {
    const lay = p.layout || {};
    const title = strip(lay.title && typeof lay.title === "object" ? lay.title.text : lay.title);
    const alt = strip(lay.meta && lay.meta.alt);
    const name = [title, alt].filter(Boolean).join(". ") || "Chart";
    if (p.getAttribute("aria-label") !== name) p.setAttribute("aria-label", name);
    if (p.getAttribute("role") !== "figure") p.setAttribute("role", "figure");
    let box = p.parentElement;
    const stop = (b) =>
      b.querySelector(".dl-message") || b.classList.contains("jp-OutputArea-output");
    while (box && !stop(box)) box = box.parentElement;
    const msg = box ? box.querySelector(".dl-message") : null;
    if (msg) {
      if (!msg.id) msg.id = "dl-msg-" + Math.random().toString(36).slice(2);
      if (p.getAttribute("aria-describedby") !== msg.id) p.setAttribute("aria-describedby", msg.id);
    }
  }
}
// A visible focus ring on what ipywidgets leaves without one (the slider handle).
const FOCUS_CSS = `.noUi-handle:focus, .noUi-handle:focus-visible,
  .jupyter-widgets button:focus-visible, .jupyter-widgets input:focus-visible {
  outline: 3px solid #0072b2; outline-offset: 2px; }`;
function install() {
  if (window.__dlNamer) return;
  const css = document.createElement("style");
  css.id = "dl-focus-ring";
  css.textContent = FOCUS_CSS;
  document.head.appendChild(css);
  let queued = false;
  const run = () => { queued = false; nameAll(document); nameFigures(document); };
  const obs = new MutationObserver(() => {
    if (!queued) { queued = true; requestAnimationFrame(run); }
  });
  obs.observe(document.body, {childList: true, subtree: true, characterData: true});
  window.__dlNamer = obs;
  run();
}
function render({ el }) {
  el.style.display = "none";
  el.classList.add("dl-namer");
  install();
  requestAnimationFrame(() => { nameAll(document); nameFigures(document); });
}
export default { render };
"""


class ControlNamer(anywidget.AnyWidget):
    """Invisible helper that gives slider handles and icon-only buttons accessible names."""

    _esm = _NAMER_ESM


_NAMER: list[ControlNamer] = []


def shared_namer() -> ControlNamer:
    """The kernel's one ControlNamer, shown in every explorer (its script installs once).

    Made before the first figure (LiveFigureWidget), so the browser has set it up before
    plotly's module blocks the page; one made later could miss anywidget's 2 s start-up limit
    (see _LIVE_FIGURE_ESM)."""
    if not _NAMER:
        _NAMER.append(ControlNamer())
    return _NAMER[0]


def with_names(box: widgets.Widget) -> widgets.VBox:
    """What is displayed for ``box``: ``box`` plus the (invisible) ControlNamer."""
    return widgets.VBox([box, shared_namer()], layout={"width": "100%"})
