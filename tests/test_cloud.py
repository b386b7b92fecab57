"""Lesson 04: the Evaporating Cloud model, its files, its figure and its builder.

What the notebook and the notes say of the example clouds (their boxes, letters and names)
is in lesson 04's claims table, tests/test_mix_claims.py.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import demandlab as dl
from demandlab.cloud import ARROWS, BOX_FIELDS, MAX_TEXT_CHARS, CloudBuilder
from demandlab.cloud.figures import _wrap
from demandlab.style import BAD_COLOR
from demandlab.widgetkit import BUILT_BY, Explorer
from tests.sweep import sweep_every_control

HOSTILE = "<img src=x onerror=alert(1)>"
ESSAY = "products vs throughput generators"


def essay_cloud() -> dl.EvaporatingCloud:
    return dl.example_clouds()[ESSAY]


def all_label_text(fig) -> str:
    parts = [a.text or "" for a in fig.layout.annotations]
    parts.append(fig.layout.title.text or "")
    for trace in fig.data:
        parts += [str(t) for t in (trace.hovertext or ())]
    return "\n".join(parts)


# --- the model -------------------------------------------------------------------------


def test_example_library_has_the_four_clouds_and_each_is_complete():
    clouds = dl.example_clouds()
    assert set(clouds) >= {ESSAY, "takt in sales", "pull in sales", "factory A vs B"}
    for name, cloud in clouds.items():
        assert cloud.is_complete, (name, cloud.problems())
        assert {a.arrow for a in cloud.assumptions} == set(ARROWS), name
        assert cloud.broken_ids, f"{name}: an example should show an injection at work"


def test_essay_cloud_is_the_essays_conflict_with_its_hidden_assumption():
    # Essay "Products vs throughput generators", section 5: A profitability, B efficient
    # operations, C market pull, D maximise throughput of all products, D' constrain some.
    c = essay_cloud()
    assert "profit" in c.goal.lower()
    assert "efficient operations" in c.need_b.lower()
    assert "market pull" in c.need_c.lower()
    assert "throughput of every product" in c.want_d.lower()
    assert "constrain" in c.want_d_prime.lower()
    (conflict,) = c.assumptions_on("D-D'")
    assert "in proportion to their volume" in conflict.text
    assert c.broken_ids == {conflict.id}


def test_validation_names_the_empty_box_and_the_injection_without_an_assumption():
    c = dl.EvaporatingCloud(goal="Grow", need_b="Cash", need_c="", want_d="Cut", want_d_prime="")
    problems = c.problems()
    assert any(p.startswith("Box C ") for p in problems)
    assert any(p.startswith("Box D' ") for p in problems)
    assert not any(p.startswith("Box A ") for p in problems)
    c = c.with_assumption("B-D", "Cuts never hurt sales").with_injection("Ask customers", "")
    c = c.with_injection("Pilot first", "XX9")
    problems = c.problems()
    assert "Injection 1 names no assumption; say which one it breaks." in problems
    assert any("Injection 2 names assumption 'XX9'" in p and "BD1" in p for p in problems)
    with pytest.raises(ValueError, match="Box C"):
        c.validate()
    assert essay_cloud().validate() is essay_cloud() or essay_cloud().validate() == essay_cloud()


def test_same_text_in_d_and_d_prime_is_not_a_conflict():
    c = dl.EvaporatingCloud("a", "b", "c", "Ship fast.", "ship fast")
    assert any("same thing" in p for p in c.problems())


def test_construction_refuses_bad_structure_with_the_field_named():
    with pytest.raises(ValueError, match="^goal must be text of at most 600 characters, got 3$"):
        dl.EvaporatingCloud(goal=3)
    with pytest.raises(ValueError, match="need_b must be at most 600"):
        dl.EvaporatingCloud(need_b="x" * (MAX_TEXT_CHARS + 1))
    with pytest.raises(ValueError, match="arrow must be one of"):
        dl.Assumption("B-C", "text", "X1")
    with pytest.raises(ValueError, match="assumption ids must be unique; repeated: A1"):
        dl.EvaporatingCloud(assumptions=(dl.Assumption("A-B", "x", "A1"),) * 2)
    with pytest.raises(ValueError, match=r"^assumptions must have 0\.\.30 values, got 31$"):
        dl.EvaporatingCloud(
            assumptions=tuple(dl.Assumption("A-B", "x", f"A{i}") for i in range(31))
        )
    with pytest.raises(ValueError, match="lone surrogate"):
        dl.EvaporatingCloud(goal="bad \ud800 char")


def test_read_aloud_says_in_order_to_a_we_must_b_because():
    lines = essay_cloud().read_aloud().splitlines()
    assert lines[0].startswith(
        "In order to maximise the profit of the whole business, we must have efficient "
        "operations that keep costs under control, because "
    )
    assert lines[4].startswith("But we cannot both maximise the throughput of every product")
    assert "in proportion to their volume (broken by an injection)" in lines[4]
    assert lines[5].startswith("Injection: classify each offering")
    # A blank cloud still reads: placeholders, never a traceback.
    blank = dl.EvaporatingCloud().read_aloud()
    assert "[box A is empty]" in blank and "no assumption written yet" in blank


# --- JSON and files ----------------------------------------------------------------------

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)),  # everything but lone surrogates
    max_size=80,
)


@st.composite
def clouds(draw):
    boxes = [draw(TEXT) for _ in BOX_FIELDS]
    n = draw(st.integers(0, 5))
    ids = draw(
        st.lists(
            st.text(min_size=1, max_size=8).filter(str.strip), min_size=n, max_size=n, unique=True
        )
    )
    assumptions = tuple(dl.Assumption(draw(st.sampled_from(ARROWS)), draw(TEXT), i) for i in ids)
    injections = tuple(
        dl.Injection(draw(TEXT), draw(st.sampled_from(ids) if ids else st.text(max_size=24)))
        for _ in range(draw(st.integers(0, 3)))
    )
    return dl.EvaporatingCloud(
        *boxes, assumptions=assumptions, injections=injections, title=draw(TEXT)
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cloud=clouds())
def test_json_round_trip_is_lossless(cloud):
    assert dl.EvaporatingCloud.from_json(cloud.to_json()) == cloud


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(cloud=clouds())
def test_file_round_trip_is_lossless(cloud, tmp_path):
    path = dl.save_cloud(cloud, tmp_path / "c.json", overwrite=True)
    assert dl.load_cloud(path) == cloud


def test_round_trip_keeps_unicode_line_breaks_and_punctuation_exactly():
    text = 'Ünïcødé ✓ 日本語 🙂\r\nline\ttwo "quoted" \\ back/slash {} [] <b>&amp;</b>\u0000'
    c = dl.EvaporatingCloud(goal=text, title=text).with_assumption("D-D'", text)
    back = dl.EvaporatingCloud.from_json(c.to_json())
    assert back.goal == text and back.assumptions[0].text == text and back == c


@pytest.mark.parametrize(
    "text, message",
    [
        ("{not json", "malformed JSON"),
        ("[]", "must be a JSON object"),
        ('{"format": "demandlab.cloud/1"}', "missing the field 'title'"),
    ],
)
def test_malformed_json_is_refused_clearly(text, message):
    with pytest.raises(ValueError, match=message):
        dl.EvaporatingCloud.from_json(text)


@pytest.mark.parametrize("field", ["goal", "need_c", "want_d_prime", "assumptions", "format"])
def test_a_missing_field_is_named(field):
    data = essay_cloud().to_dict()
    del data[field]
    with pytest.raises(ValueError, match=f"missing the field '{field}'"):
        dl.EvaporatingCloud.from_json(json.dumps(data))


def test_unknown_repeated_mistyped_and_nested_fields_are_named():
    data = essay_cloud().to_dict()
    with pytest.raises(ValueError, match="unknown field 'colour'"):
        dl.EvaporatingCloud.from_json(json.dumps({**data, "colour": "red"}))
    text = essay_cloud().to_json().replace('"title":', '"goal": "x",\n  "title":', 1)
    with pytest.raises(ValueError, match="field 'goal' appears twice"):
        dl.EvaporatingCloud.from_json(text)
    with pytest.raises(ValueError, match="field 'need_b' must be a string"):
        dl.EvaporatingCloud.from_json(json.dumps({**data, "need_b": 7}))
    bad = json.loads(json.dumps(data))
    del bad["assumptions"][1]["arrow"]
    with pytest.raises(ValueError, match=r"assumptions\[1\] is missing the field 'arrow'"):
        dl.EvaporatingCloud.from_json(json.dumps(bad))
    bad = json.loads(json.dumps(data))
    bad["injections"][0]["weight"] = 1
    with pytest.raises(ValueError, match=r"injections\[0\] has an unknown field 'weight'"):
        dl.EvaporatingCloud.from_json(json.dumps(bad))
    bad = json.loads(json.dumps(data))
    bad["assumptions"][0]["arrow"] = "A-D"
    with pytest.raises(ValueError, match="arrow must be one of"):
        dl.EvaporatingCloud.from_json(json.dumps(bad))
    with pytest.raises(ValueError, match="format"):
        dl.EvaporatingCloud.from_json(json.dumps({**data, "format": "other/2"}))


def test_load_names_the_file_and_the_field(tmp_path):
    path = tmp_path / "broken.json"
    data = essay_cloud().to_dict()
    del data["need_b"]
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match="broken.json is missing the field 'need_b'"):
        dl.load_cloud(path)
    path.write_text("{", encoding="utf-8")
    with pytest.raises(ValueError, match="broken.json is malformed JSON"):
        dl.load_cloud(path)
    with pytest.raises(FileNotFoundError, match="no cloud file"):
        dl.load_cloud(tmp_path / "absent.json")


def test_save_refuses_to_overwrite_unless_asked(tmp_path):
    path = tmp_path / "mine.json"
    dl.save_cloud(essay_cloud(), path)
    before = path.read_bytes()
    with pytest.raises(FileExistsError, match="already exists"):
        dl.save_cloud(dl.EvaporatingCloud(goal="other"), path)
    assert path.read_bytes() == before
    dl.save_cloud(dl.EvaporatingCloud(goal="other"), path, overwrite=True)
    assert dl.load_cloud(path).goal == "other"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.json"], "temp file left behind"


def test_save_is_atomic_a_failed_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    path = tmp_path / "mine.json"
    dl.save_cloud(essay_cloud(), path)
    before = path.read_bytes()
    seen = {}

    def failing_replace(src, dst):
        seen["src"] = Path(src)
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="disk full"):
        dl.save_cloud(dl.EvaporatingCloud(goal="new"), path, overwrite=True)
    assert seen["src"].parent == tmp_path, "the temp file must live in the target's folder"
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.json"]


def test_save_refuses_bad_paths(tmp_path):
    with pytest.raises(ValueError, match="path must end in .json"):
        dl.save_cloud(essay_cloud(), tmp_path / "notes.txt")
    with pytest.raises(ValueError, match="does not exist"):
        dl.save_cloud(essay_cloud(), tmp_path / "nope" / "c.json")
    with pytest.raises(ValueError, match="overwrite must be True or False"):
        dl.save_cloud(essay_cloud(), tmp_path / "c.json", overwrite="yes")
    with pytest.raises(ValueError, match="cloud must be an EvaporatingCloud"):
        dl.save_cloud({"goal": "x"}, tmp_path / "c.json")


def test_markdown_export_escapes_learner_text_and_strikes_broken_assumptions():
    c = dl.EvaporatingCloud(goal=f"{HOSTILE} *bold* [link](x)").with_assumption("D-D'", "Volume")
    md = c.with_injection("Classify", "DD1").to_markdown()
    assert "<img" not in md and "&lt;img src=x onerror=alert\\(1\\)&gt;" in md
    assert "\\*bold\\*" in md and "\\[link\\]" in md
    assert "~~Volume~~" in md
    assert essay_cloud().to_markdown().count("~~") == 2


# --- the figure --------------------------------------------------------------------------


def test_figure_has_the_classic_layout_and_a_red_conflict():
    fig = dl.plot_cloud(essay_cloud())
    centres = {t: (x, y) for t, x, y in zip("ABCDE", fig.data[0].x, fig.data[0].y)}
    (ax, ay), (bx, by), (cx, cy), (dx, dy), (ex, ey) = centres.values()
    assert ax < bx == cx < dx == ex, "A left, B and C middle, D and D' right"
    assert by > cy and dy > ey and cy < ay < by
    zigzag = [s for s in fig.layout.shapes if s.type == "path"]
    assert len(zigzag) == 1 and zigzag[0].line.color == BAD_COLOR
    assert fig.layout.height <= 640  # diagram over the assumptions: fits a 700 px window


def test_a_broken_assumption_is_struck_through_only_once_an_injection_targets_it():
    c = dl.EvaporatingCloud("a", "b", "c", "d", "e").with_assumption("D-D'", "Volume is all")
    assert "<s>" not in all_label_text(dl.plot_cloud(c))
    fig = dl.plot_cloud(c.with_injection("Classify first", "DD1"))
    text = all_label_text(fig)
    assert "<s>Volume is all</s>" in text and "<s>DD1</s>" in text
    assert "Injection: Classify first" in text


@pytest.mark.parametrize("field", [*BOX_FIELDS, "title", "assumption", "injection"])
def test_hostile_text_in_any_field_is_shown_as_text(field):
    hostile = HOSTILE + ' "q" & \'s\' <a href="javascript:alert(1)">x</a> <br>'
    if field == "assumption":
        c = dl.EvaporatingCloud().with_assumption("A-B", hostile)
    elif field == "injection":
        c = dl.EvaporatingCloud().with_assumption("A-B", "x").with_injection(hostile, "AB1")
    else:
        c = dl.EvaporatingCloud(**{field: hostile})
    text = all_label_text(dl.plot_cloud(c))
    assert "<img" not in text and "<a " not in text and 'javascript:alert(1)">' not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    # Plotly decodes numeric entities only: quotes must not arrive as the literal "&quot;".
    assert "&quot;" not in text and "&#34;q&#34;" in text


def test_wrapping_never_exceeds_the_lines_it_is_given():
    for text in ["", "W" * 600, "word " * 200, "日本語" * 100, "a\n" * 50]:
        lines, _ = _wrap(text, 19, 6)
        assert len(lines) <= 6


def test_empty_and_extreme_clouds_draw_without_error():
    big = dl.EvaporatingCloud(*(["M" * MAX_TEXT_CHARS] * 5), title="W" * 120)
    for i in range(30):
        big = big.with_assumption(ARROWS[i % 5], "long assumption " * 30)
    for i in range(30):
        big = big.with_injection("long injection " * 30, f"{'ABBCDDCDDD'[2 * (i % 5) :][:2]}1")
    for c in (dl.EvaporatingCloud(), big):
        fig = dl.plot_cloud(c)
        assert fig.layout.annotations


# --- the builder -------------------------------------------------------------------------


def test_builder_draws_live_and_reads_aloud():
    b = dl.cloud_builder()
    assert isinstance(b, CloudBuilder)
    b.controls["goal"].value = "Keep customers for life"
    assert b.cloud.goal == "Keep customers for life"
    assert any("Keep customers" in (a.text or "") for a in b.figure.layout.annotations)
    assert "In order to keep customers for life" in b.panels["sentence"].value
    b.controls["examples"].value = ESSAY
    assert b.cloud == essay_cloud()
    assert b.controls["want_d"].value == essay_cloud().want_d


def test_builder_adds_assumptions_and_injections_and_strikes_the_target():
    b = dl.cloud_builder(dl.EvaporatingCloud("a", "b", "c", "d", "e"))
    b.controls["add_injection"].click()
    assert "Add an assumption first" in b.message.value
    b.controls["arrow"].value = "D-D'"
    b.controls["assumption_text"].value = "Every unit adds throughput"
    b.controls["add_assumption"].click()
    assert b.cloud.assumptions[-1].id == "DD1" and b.controls["target"].value == "DD1"
    b.controls["injection_text"].value = "Classify offerings first"
    b.controls["add_injection"].click()
    assert b.cloud.broken_ids == {"DD1"}
    assert any("<s>DD1</s>" in (a.text or "") for a in b.figure.layout.annotations)
    b.controls["undo"].click()
    assert not b.cloud.injections
    b.controls["undo"].click()
    b.controls["undo"].click()
    assert "Nothing to remove" in b.message.value


def test_builder_saves_refuses_to_overwrite_unless_ticked_and_loads(tmp_path):
    path = tmp_path / "mine.json"
    b = dl.cloud_builder(essay_cloud(), path=str(path))
    b.controls["save"].click()
    assert path.exists() and "Saved to" in b.message.value
    b.controls["goal"].value = "Changed goal"
    b.controls["save"].click()
    assert "Not saved" in b.message.value and "already exists" in b.message.value
    assert dl.load_cloud(path).goal == essay_cloud().goal
    b.controls["overwrite"].value = True
    b.controls["save"].click()
    assert dl.load_cloud(path).goal == "Changed goal"
    other = dl.cloud_builder(path=str(path))
    other.controls["load"].click()
    assert other.cloud.goal == "Changed goal" and other.controls["goal"].value == "Changed goal"
    other.controls["path"].value = str(tmp_path / "absent.json")
    other.controls["load"].click()
    assert "Not loaded" in other.message.value


def _note_is_a_sentence(b) -> None:
    assert b.message.value and "Traceback" not in b.message.value


def test_builder_is_the_shared_handle():
    b = dl.cloud_builder(essay_cloud())
    assert isinstance(b, Explorer) and b.built_by == BUILT_BY and b.figure is not None
    for alias in ("boxes", "arrow", "note", "sentence", "save", "examples"):
        assert not hasattr(b, alias), f"the builder has a test-only alias {alias!r}"
    assert b.result == essay_cloud()
    b.controls["goal"].value = "Grow"
    assert b.result is b.cloud and b.result.goal == "Grow"


def test_builder_survives_every_field_empty_hostile_or_huge(tmp_path):
    b = dl.cloud_builder(path=str(tmp_path / "c.json"))
    texts = [b.controls[n] for n in ("title", *BOX_FIELDS, "assumption_text", "injection_text")]
    texts.append(b.controls["path"])
    buttons = [b.controls[n] for n in ("add_assumption", "add_injection", "undo", "save", "load")]
    for value in ["", HOSTILE, "x" * 5000, "x" * MAX_TEXT_CHARS, "  \n  "]:
        for w in texts:
            w.value = value
            for button in buttons:
                button.click()
            assert "Traceback" not in b.message.value and b.message.value
    # Every dropdown to its ends (the example picker, the arrow, the target), every button,
    # with a file name that can be saved (a typed bad one is refused, as above).
    b.controls["path"].value = str(tmp_path / "swept.json")
    sweep_every_control(b, messages=[b.message], check=lambda: _note_is_a_sentence(b))
    assert "x" * 700 not in b.panels["sentence"].value
    b.controls["goal"].value = HOSTILE
    assert "<img" not in b.panels["sentence"].value and "&lt;img" in b.panels["sentence"].value
    assert "<img" not in b.message.value
