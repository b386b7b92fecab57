"""widgetkit.LiveFigureWidget (in demandlab.frontend): figures start within anywidget's limit.

anywidget 0.11 refuses a widget the browser has not initialised 2 s after creating it
("[anywidget] Failed to initialize model.", issue 29) and drops every later update to it.
plotly's FigureWidget shipped its 5 MB module as the widget's module, evaluated per figure, so on
a busy browser figures broke. The wrapper's module is a few lines; plotly's travels as a string
trait and is evaluated once per page. tests/browser/test_first_minutes.py checks it in a browser.
"""

from __future__ import annotations

import json
import re

import anywidget
import plotly.graph_objects as go

from demandlab import frontend, widgetkit


def _traits_in(esm: str) -> list[str]:
    return json.loads(re.search(r"const TRAITS = (\[.*?\]);", esm).group(1))


def test_a_live_figure_is_a_plotly_figure_widget_with_a_small_module():
    fw = widgetkit.figure_widget(go.Figure(go.Bar(y=[1, 2])))
    assert isinstance(fw, widgetkit.LiveFigureWidget) and isinstance(fw, go.FigureWidget)
    state = fw.get_state()
    assert len(state["_esm"]) < 10_000, "the module anywidget imports per figure must stay small"
    plotly_module = str(go.FigureWidget._esm)
    assert len(plotly_module) > 1_000_000  # what used to be imported per figure
    assert state["_dl_plotly_module"] == plotly_module  # sent with the first state


def test_the_wrapper_relays_every_change_plotly_listens_to():
    """A plotly upgrade that adds a _py2js_ trait must reach the wrapper's list."""
    esm = widgetkit.figure_widget(go.Figure()).get_state()["_esm"]
    plotly_traits = {
        n
        for n in go.FigureWidget.class_trait_names(sync=True)
        if n.startswith(("_py2js_", "_widget_"))
    }
    assert set(_traits_in(esm)) == plotly_traits
    # refresh() sends these: without them in the list, a slider move would be lost.
    assert {"_py2js_restyle", "_py2js_relayout", "_py2js_update", "_py2js_addTraces"} <= (
        plotly_traits
    )


def test_plotly_module_has_the_shape_the_wrapper_calls():
    """The wrapper calls the module's default export, then initialize() and render()."""
    tail = str(go.FigureWidget._esm)[-20_000:]
    exports = re.findall(r"export\s*\{([^}]*)\}", tail)
    assert any(re.search(r"\bas default\b", e) for e in exports), exports
    assert "initialize(" in tail and "render(" in tail


def test_anywidget_is_the_version_the_wrapper_was_written_for():
    """On an anywidget upgrade, check whether its 2 s start-up limit is still there (its
    runtime's AbortSignal.timeout) and whether this wrapper is still needed."""
    assert anywidget.__version__ == "0.11.0"


def test_one_control_namer_made_before_the_first_figure(monkeypatch):
    monkeypatch.setattr(frontend, "_NAMER", [])  # widgetkit re-exports frontend's
    made = []
    real_init = widgetkit.ControlNamer.__init__

    def spy(self, *a, **kw):
        made.append("namer")
        real_init(self, *a, **kw)

    monkeypatch.setattr(widgetkit.ControlNamer, "__init__", spy)
    widgetkit.figure_widget(go.Figure())
    assert made == ["namer"]
    first = widgetkit.with_names(widgetkit.row([]))
    second = widgetkit.with_names(widgetkit.row([]))
    assert first.children[1] is second.children[1] is widgetkit.shared_namer()
    assert made == ["namer"]  # one per kernel, shown in every explorer
