"""The question banks of lessons 00 and 05: outcomes and answers come from the models.

Each entry is checked against its model (lesson 00: the first slider's factory in
demandlab.start; lesson 05: demandlab.gtm), and a changed model changes the outcome, so the
bank cannot keep a stale answer (the monkeypatched cases prove it).
"""

from __future__ import annotations

import pytest

from demandlab import answers, questions
from demandlab.gtm import model as gtm
from demandlab.questions import lesson00, lesson05
from demandlab.start.model import Week, one_week
from tests import claims_gtm as G

BANKS = (lesson00, lesson05)


@pytest.mark.parametrize("bank", BANKS, ids=lambda b: b.__name__.rsplit(".", 1)[-1])
def test_entries_are_well_formed(bank):
    prefix = bank.__name__[-2:] + "-"
    for key, entry in bank.PREDICTIONS.items():
        assert key.startswith(prefix)
        assert entry["outcome"]() in entry["options"], key
    for key, entry in bank.QUIZZES.items():
        assert key.startswith(prefix)
        assert entry["answer"] in entry["options"], key
        assert set(entry["explanations"]) == set(entry["options"]), key
        assert all(len(text) > 20 for text in entry["explanations"].values()), key
    for key, entry in bank.EXERCISES.items():
        assert key.startswith(prefix)
        assert entry["answer"]() > 0 and entry["unit"] and entry["explain"], key


def test_lesson00_answers_come_from_the_slider_factory():
    # start.model.one_week: 100 made a week; at 40 demanded, 60 pile up; 100 is the balance.
    assert questions.predictions()["00-unsold-units"]["outcome"]() == "They pile up as inventory"
    ex = answers.exercise("00-balanced-demand")
    assert ex.answer() == 100.0
    assert ex.check(90) is False and ex.check(100) is True
    assert one_week(100, 100) == Week(100, 100, 100, 0, 0)


def test_lesson00_outcome_follows_its_model(monkeypatch):
    # A factory that stopped instead of piling up would change the vote's outcome.
    def stops(made: float, demand: float) -> Week:
        return Week(made, demand, min(made, demand), 0.0, 0.0)

    monkeypatch.setattr(lesson00, "one_week", stops)
    assert lesson00._unsold_outcome() == "The factory stops"


def test_lesson05_outcomes_and_answers_match_the_model():
    p = questions.predictions()
    assert p["05-local-targets"]["outcome"]() == "fall"
    assert p["05-marketing-backwards"]["outcome"]() == "Send fewer leads"
    assert p["05-specialists"]["outcome"]() == "It grows several times over"
    ex = questions.exercises()
    # model, scenario.py (pinned in claims_gtm): CS alone 475 successes; 140 leads with 1,600
    # CS hours; 646 with no referral loop
    assert round(ex["05-cs-alone"]["answer"]()) == G.CS_ALONE_SUCCESSES
    assert ex["05-double-cs-leads"]["answer"]() == G.DOUBLED_CS_LEADS
    assert round(ex["05-no-loop"]["answer"]()) == G.NO_LOOP_SUCCESSES
    box = answers.exercise("05-double-cs-leads")
    leads = G.DOUBLED_CS_LEADS
    assert box.check(leads - 1) is True and box.check(leads - 20) is False  # within one lead


def test_lesson05_outcomes_follow_the_model(monkeypatch):
    class Flat:
        customers_reaching_success = 900.0

    monkeypatch.setattr(lesson05, "simulate_gtm", lambda *a, **k: Flat())
    assert lesson05._local_targets_outcome() == "stay about the same"

    class Pooled:
        ratio = 1.0

    monkeypatch.setattr(lesson05, "pooling_experiment", lambda *a, **k: Pooled())
    assert lesson05._pooling_outcome() == "It stays about the same"
    assert gtm.pooling_experiment is not lesson05.pooling_experiment
