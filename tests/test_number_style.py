"""One number style across the course (issue 19), checked where a learner reads numbers:
the notebooks' stored outputs, every figure's text, and every explorer's sentence with each
control at its ends. The style itself lives in demandlab.formatting (and its doctests)."""

from __future__ import annotations

import json
import re

import pytest

import demandlab as dl
from tests.conftest import ROOT
from tests.sweep import controls_of, messages_of, sweep_every_control
from tests.test_figures import FIGURES, make, strings_in

COUNT_NOUNS = (
    "cards|units|orders|jobs|days|weeks|months|deals|customers|stations|minutes|hours|items|"
    "people|servings|leads|products|machines|rounds|players|settings|referrals|participants"
)
BAD = {
    "minus after the dollar sign": re.compile(r"\$-\d"),
    "hyphen for a minus before money (use formatting.money: −$)": re.compile(r"(?<![\w-])-\$\d"),
    "money over $1,000 with cents": re.compile(r"\$\d{1,3}(?:,\d{3})+\.\d\d\b"),
    "raw float with two decimals (money?)": re.compile(r"(?<![\w.$])\d{1,3}(?:,\d{3})+\.\d\d\b"),
    "singular count with a plural noun": re.compile(rf"(?<![\d.,\w])1 (?:{COUNT_NOUNS})\b"),
}


def problems_in(text: str) -> list[str]:
    text = re.sub(r"<[^>]+>", " ", text)  # widget HTML: look at the words only
    return [
        f"{why}: …{text[max(m.start() - 30, 0) : m.end() + 10]}…"
        for why, rx in BAD.items()
        for m in rx.finditer(text)
    ]


def test_the_scan_can_fail():
    for bad in ("$-156,000", "-$3,364", "$443,368.42", "443,368.42 a year", "1 cards", "1 orders"):
        assert problems_in(f"A says {bad} here"), bad
    for good in ("−$3,364", "$32.43 a unit", "$624k", "1 card", "11 cards", "0.95", "1.5 days"):
        assert not problems_in(f"A says {good} here"), good


def _stored_outputs(path) -> list[str]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    texts = []
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            texts.append("".join(out.get("text", "")))
            texts.append("".join(out.get("data", {}).get("text/plain", "")))
    return texts


@pytest.mark.parametrize("path", sorted(ROOT.glob("notebooks/*.ipynb")), ids=lambda p: p.stem)
def test_printed_outputs_use_the_one_style(path):
    found = [p for t in _stored_outputs(path) for p in problems_in(t)]
    assert not found, f"{path.name}:\n  " + "\n  ".join(found)


@pytest.mark.parametrize("name", FIGURES)
def test_figure_text_uses_the_one_style(name):
    fig = make(name).to_plotly_json()
    found = [f"{where}: {p}" for where, s in strings_in(fig) for p in problems_in(s)]
    assert not found, f"{name}:\n  " + "\n  ".join(found[:5])


EXPLORERS = sorted(n for n in dl.__all__ if n.endswith("_explorer"))


@pytest.mark.parametrize("name", EXPLORERS)
def test_explorer_sentences_use_the_one_style(name):
    explorer = getattr(dl, name)()
    messages = messages_of(explorer)
    found: list[str] = []

    def scan() -> None:
        for m in messages:
            found.extend(problems_in(str(m.value)))

    if controls_of(explorer):
        sweep_every_control(
            explorer, messages=messages, check=scan, allow_refusal=True, click_buttons=False
        )
    else:  # a fixed comparison: its sentence as drawn
        scan()
    assert messages, f"{name} has no sentence to check"
    assert not found, f"{name}:\n  " + "\n  ".join(sorted(set(found))[:8])
