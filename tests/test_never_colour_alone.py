"""Never colour alone (issue 14): what colour marks is also said with a symbol or a word."""

from __future__ import annotations

import re

import ipywidgets as widgets
import pytest

import demandlab as dl
from demandlab.factory.model.scoreboard import winner
from demandlab.factory.report import BETTER_MARK, ROWS
from demandlab.factory.report import scoreboard_html as _scoreboard_html
from demandlab.widgetkit import KIND_WORDS, say
from tests.test_figures import FIGURES, make


def _factories():
    a = dl.simulate_factory(**dl.factory_scenario("A"))
    b = dl.simulate_factory(**dl.factory_scenario("B"))
    return a, b


def test_html_scoreboard_marks_each_rows_winner_with_a_symbol():
    a, b = _factories()
    for view in ("production", "demand"):
        page = _scoreboard_html(a, b, view)
        rows = re.findall(r"<tr><td[^>]*>([^<]*)</td>(.*?)</tr>", page)
        sa, sb = a.summary()[view], b.summary()[view]
        expected = {label: winner(sa[k], sb[k], up) for label, v, k, _, up in ROWS if v == view}
        assert len(rows) == len(expected)
        for label, cells in rows:
            marked = [
                side
                for side, cell in zip("AB", re.findall(r"<td[^>]*>(.*?)</td>", cells))
                if BETTER_MARK in cell
            ]
            want = [] if expected[label] == "tie" else [expected[label]]
            assert marked == want, f"{view} / {label}: marked {marked}, better is {want}"
        assert f"{BETTER_MARK} and bold" in page  # the legend says what the mark means


def test_text_scoreboard_names_the_better_factory_in_words():
    a, b = _factories()
    lines = dl.scoreboard(a, b).splitlines()
    rows = [ln for ln in lines if ln[:34].strip() in {r[0] for r in ROWS}]
    assert len(rows) == len(ROWS)
    assert all(ln.split()[-1] in ("A", "B", "tie") for ln in rows)


def test_good_and_warn_messages_say_so_in_words():
    area = widgets.HTML()
    for kind, word in KIND_WORDS.items():
        say(area, "The line keeps up.", kind)
        assert word in area.value
    say(area, "The line keeps up.", "info")
    assert not any(word in area.value for word in KIND_WORDS.values())


def _line_look(trace) -> tuple:
    """What tells a line apart besides its colour: dash, marker symbol, and whether it is drawn
    with markers at all; plus the subplot it sits in (lines in different panels are apart)."""
    mode = trace.mode or "lines"
    dash = (trace.line.dash or "solid") if "lines" in mode else None
    symbol = (trace.marker.symbol or "circle") if "markers" in mode else None
    return (trace.xaxis or "x", trace.yaxis or "y"), dash, symbol, "markers" in mode


def same_looking_lines(fig) -> list[tuple[str, str]]:
    """Pairs of named lines in one panel that differ only by colour."""
    lines = [
        t
        for t in fig.data
        if t.type == "scatter"
        and "lines" in (t.mode or "lines")
        and t.name
        and t.showlegend is not False
        and t.visible not in (False, "legendonly")
    ]
    pairs = []
    for i, a in enumerate(lines):
        for b in lines[i + 1 :]:
            if _line_look(a) == _line_look(b) and a.name != b.name:
                pairs.append((a.name, b.name))
    return pairs


@pytest.mark.parametrize("name", FIGURES)
def test_lines_that_colour_separates_differ_by_dash_or_marker(name):
    assert same_looking_lines(make(name)) == []


def test_line_look_check_can_fail():
    import plotly.graph_objects as go

    fig = go.Figure([go.Scatter(y=[1, 2], name="push"), go.Scatter(y=[2, 1], name="CONWIP")])
    assert same_looking_lines(fig) == [("push", "CONWIP")]
    fig.data[1].line.dash = "dash"
    assert same_looking_lines(fig) == []
