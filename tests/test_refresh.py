"""refresh() sends only what changed (issue 15); a refreshed figure shows what a fresh one would.

Every lesson's explorers are driven through their controls; each time a widget calls refresh,
the live FigureWidget is compared, key by key, with a FigureWidget drawn afresh from the same
figure. A skipped key that had in fact changed would leave a stale value and fail here.
"""

from __future__ import annotations

import importlib
import json

import ipywidgets as widgets
import plotly.graph_objects as go
import pytest
from plotly.utils import PlotlyJSONEncoder

import demandlab as dl
from demandlab import widgetkit

# Modules that call refresh(): each imported the name, so each is patched.
_CALLERS = [
    "demandlab.widgetkit",
    "demandlab.ui",
    "demandlab.takt.widgets",
    "demandlab.mix.widgets",
    "demandlab.pullpush.widgets",
    "demandlab.gtm.widgets",
    "demandlab.dice.widgets",
    "demandlab.cloud.widgets",
]


def _json(value) -> str:
    return json.dumps(value, cls=PlotlyJSONEncoder, sort_keys=True)


def _differences(fw: go.FigureWidget, fig: go.Figure) -> list[str]:
    fresh = widgetkit.figure_widget(fig)
    out = []
    if len(fw.data) != len(fresh.data):
        return [f"{len(fw.data)} traces shown, {len(fresh.data)} drawn"]
    for i, (shown, drawn) in enumerate(zip(fw.data, fresh.data)):
        s, d = shown.to_plotly_json(), drawn.to_plotly_json()
        # every key either side has: one the new figure dropped must be gone too
        keys = sorted((set(s) | set(d)) - {"uid"})
        out += [f"trace {i} {k}" for k in keys if _json(s.get(k)) != _json(d.get(k))]
    s, d = fw.layout.to_plotly_json(), fresh.layout.to_plotly_json()
    keys = (set(s) | set(d)) - {"template"} | {"shapes", "annotations", "images"}
    out += [f"layout {k}" for k in keys if _json(s.get(k, [])) != _json(d.get(k, []))]
    return out


@pytest.fixture
def checked_refresh(monkeypatch):
    real = widgetkit.refresh
    calls: list[list[str]] = []

    def checking(fw, fig):
        real(fw, fig)
        calls.append(_differences(fw, fig))

    for name in _CALLERS:  # widgetkit.explorer calls widgetkit.refresh for its explorers
        module = importlib.import_module(name)
        if hasattr(module, "refresh"):
            monkeypatch.setattr(module, "refresh", checking)
    return calls


_CHOICES = (widgets.Dropdown, widgets.ToggleButtons, widgets.SelectionSlider)


def _controls(widget):
    """Every slider, choice and button inside an explorer, in order."""
    kinds = (widgets.FloatSlider, widgets.IntSlider, widgets.Button, *_CHOICES)
    found = []

    def walk(w):
        if isinstance(w, kinds):
            found.append(w)
        for child in getattr(w, "children", ()) or ():
            walk(child)

    walk(widget)
    return found


# Every explorer of the public API (cloud_builder is driven by text; test_cloud covers it).
EXPLORERS = {
    name: getattr(dl, name)
    for name in dl.__all__
    if name.endswith("_explorer") or name == "slider_demo"
}


@pytest.mark.parametrize("make", EXPLORERS.values(), ids=EXPLORERS.keys())
def test_a_refreshed_figure_shows_what_a_fresh_one_would(make, checked_refresh):
    ui = make()
    moved = 0
    for control in _controls(ui):
        if isinstance(control, widgets.Button):
            control.click()
            control.click()
            moved += 2
            continue
        if isinstance(control, _CHOICES):
            values = [o[1] if isinstance(o, tuple) else o for o in control.options]
            values = [values[-1], values[0]]
        else:  # one step up, the far end, the near end, back: small and large changes
            start = control.value
            up = min(control.max, start + control.step)
            values = [up, control.max, control.min, start]
        for value in values:
            control.value = value
            moved += 1
    assert moved >= 2 and len(checked_refresh) >= moved // 2, (moved, len(checked_refresh))
    stale = [d for d in checked_refresh if d]
    assert not stale, (
        f"{len(stale)} of {len(checked_refresh)} refreshes left stale keys: {stale[:3]}"
    )


def test_a_key_the_new_figure_drops_is_cleared():
    """A trace's text and the layout's height, set before and not any more, are unset."""
    old = go.Figure(go.Bar(x=["a"], y=[1], text=["one"]), layout={"height": 300})
    fw = widgetkit.figure_widget(old)
    new = go.Figure(go.Bar(x=["a"], y=[2]))
    widgetkit.refresh(fw, new)
    assert fw.data[0].text is None and fw.layout.height is None
    assert _differences(fw, new) == []


def test_the_check_sees_a_stale_key(monkeypatch):
    """Canary: a refresh that skips a changed key (the y values) is caught."""
    fw = widgetkit.figure_widget(go.Figure(go.Bar(x=["a", "b"], y=[1, 2])))
    new = go.Figure(go.Bar(x=["a", "b"], y=[3, 4]), layout={"title": {"text": "new"}})
    monkeypatch.setattr(widgetkit, "_changed", lambda shown, drawn, own=None: {})
    widgetkit.refresh(fw, new)
    assert _differences(fw, new) == ["trace 0 y", "layout title"]
