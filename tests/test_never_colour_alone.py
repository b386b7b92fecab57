"""Never colour alone (issue 14): what colour marks is also said with a symbol or a word."""

from __future__ import annotations

import re

import ipywidgets as widgets

import demandlab as dl
from demandlab.factory.model.scoreboard import ROWS, winner
from demandlab.factory.widgets import BETTER_MARK, _scoreboard_html
from demandlab.widgetkit import KIND_WORDS, say


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
