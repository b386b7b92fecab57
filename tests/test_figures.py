"""Course-wide checks on every public figure function, called with its fuzz baseline."""

from __future__ import annotations

import inspect

import plotly.graph_objects as go
import pytest

import demandlab as dl
from tests.test_fuzz import BASELINES

FIGURES = sorted(n for n in dl.__all__ if n.startswith("plot_"))


def strings_in(obj, path="fig"):
    """Every string in a figure's JSON, with where it sits."""
    if isinstance(obj, str):
        yield path, obj
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from strings_in(v, f"{path}.{k}")
    elif isinstance(obj, (list, tuple)):
        for i, v in enumerate(obj):
            yield from strings_in(v, f"{path}[{i}]")


def make(name: str) -> go.Figure:
    kwargs = BASELINES[name]()
    return getattr(dl, name)(*kwargs.pop("*", []), **kwargs)


def test_every_figure_function_is_covered():
    assert FIGURES and all(name in BASELINES for name in FIGURES)
    for name in FIGURES:
        assert "go.Figure" in str(inspect.signature(getattr(dl, name)).return_annotation)


@pytest.mark.parametrize("name", FIGURES)
def test_figure_text_never_holds_two_dollar_signs(name):
    """plotly.js reads any label with two "$" as LaTeX; JupyterLab has no MathJax for
    plotly, so the whole label silently disappears ("$1,534 ... $476" lost a title)."""
    fig = make(name)
    assert isinstance(fig, go.Figure)
    bad = [(where, s) for where, s in strings_in(fig.to_plotly_json()) if s.count("$") >= 2]
    assert not bad, f"{name}: labels plotly would drop as LaTeX: {bad[:3]}"


@pytest.mark.parametrize("name", FIGURES)
def test_figure_says_what_to_look_at(name):
    """A manager should know what a figure shows in ten seconds: every figure has a title."""
    title = make(name).layout.title.text
    assert title and len(title.strip()) > 10, f"{name} has no title"


@pytest.mark.parametrize("name", FIGURES)
def test_figure_fills_the_output_area(name):
    """No fixed pixel width (issue 19): a figure is as wide as the notebook's output area,
    at 1400 px and at 1024 px with the file browser open."""
    fig = make(name)
    assert fig.layout.width is None, f"{name} fixes its width at {fig.layout.width} px"
    assert fig.layout.autosize is not False


def test_live_figures_and_control_rows_adapt_to_the_width():
    import plotly.graph_objects as go

    from demandlab import widgetkit

    fw = widgetkit.figure_widget(go.Figure(layout={"width": 940}))
    assert fw.layout.width is None and fw.layout.autosize is True
    assert fw._config.get("displaylogo") is False
    box = widgetkit.row([])
    assert box.layout.flex_flow == "row wrap"
