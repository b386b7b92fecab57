"""Notebook cleaning and student copies."""

from __future__ import annotations

import json

import pytest

from demandlab.checks import InputError
from demandlab.tools import (
    CHECK_MARK,
    STUDENT_PLACEHOLDER,
    clean_notebook,
    dumps,
    main,
    student_copy,
    write_atomic,
)
from tests.conftest import ROOT

NOTEBOOKS = sorted(ROOT.glob("notebooks/*.ipynb"))


def executed_notebook() -> dict:
    """A notebook as Jupyter saves it after a run: widget state, outputs, editor metadata."""
    return {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {
            "widgets": {"application/vnd.jupyter.widget-state+json": {"x": "y" * 10}},
            "toc": {"a": 1},
            "kernelspec": {"name": "python3"},
        },
        "cells": [
            {
                "cell_type": "markdown",
                "id": "m1",
                "metadata": {"collapsed": False},
                "source": ["# T"],
            },
            {
                "cell_type": "code",
                "id": "c1",
                "execution_count": 7,
                "metadata": {"scrolled": True, "execution": {"t": 1}},
                "outputs": [
                    {
                        "output_type": "display_data",
                        "metadata": {},
                        "data": {"application/vnd.jupyter.widget-view+json": {}},
                    }
                ],
                "source": "dl.slider_demo()",
            },
            {
                "cell_type": "code",
                "id": "c2",
                "execution_count": 8,
                "metadata": {},
                "outputs": [
                    {"output_type": "stream", "name": "stdout", "text": ["42\n"]},
                    {
                        "output_type": "display_data",
                        "metadata": {},
                        "data": {"text/html": "<b>big</b>", "text/plain": "x"},
                    },
                ],
                "source": f"{CHECK_MARK}\nprint(42)",
            },
            {
                "cell_type": "code",
                "id": "c3",
                "execution_count": 9,
                "metadata": {"tags": ["solution"]},
                "outputs": [],
                "source": "secret_answer = 1",
            },
        ],
    }


def test_clean_strips_state_and_keeps_checked_text():
    nb = clean_notebook(executed_notebook())
    assert set(nb["metadata"]) == {"kernelspec", "language_info"}
    plain, checked, solution = nb["cells"][1:]
    assert plain["outputs"] == [] and plain["execution_count"] is None and plain["metadata"] == {}
    assert checked["execution_count"] == 1
    assert checked["outputs"][0]["text"] == "42\n"
    assert checked["outputs"][1]["data"] == {"text/plain": "x"}
    assert solution["metadata"]["jupyter"] == {"source_hidden": True}


def test_clean_is_idempotent():
    once = dumps(clean_notebook(executed_notebook()))
    assert dumps(clean_notebook(json.loads(once))) == once


def test_student_copy_removes_every_solution():
    nb = student_copy(executed_notebook())
    text = dumps(nb)
    assert "secret_answer" not in text and STUDENT_PLACEHOLDER.strip() in text
    assert len(nb["cells"]) == 4


def test_write_atomic_refuses_to_overwrite(tmp_path):
    target = tmp_path / "a.txt"
    write_atomic(target, "one", overwrite=False)
    with pytest.raises(FileExistsError, match="exists"):
        write_atomic(target, "two", overwrite=False)
    assert target.read_text() == "one"
    write_atomic(target, "two", overwrite=True)
    assert target.read_text() == "two" and list(tmp_path.iterdir()) == [target]


def test_bad_input_is_refused_by_the_one_rule(tmp_path):
    """The tools refuse bad input as the models do: checks.InputError naming the parameter."""
    for bad in (None, [], {"cells": "x"}, "notebook.ipynb"):
        with pytest.raises(InputError, match=r"^nb must be a notebook"):
            clean_notebook(bad)
    target = tmp_path / "a.txt"
    target.write_text("mine")
    with pytest.raises(InputError, match=r"^overwrite must be True or False, got 'yes'"):
        write_atomic(target, "theirs", overwrite="yes")
    with pytest.raises(InputError, match=r"^text must be text .*got b'x'"):
        write_atomic(tmp_path / "b.txt", b"x", overwrite=False)
    assert target.read_text() == "mine" and sorted(tmp_path.iterdir()) == [target]


def test_student_command_refuses_to_overwrite(tmp_path, capsys):
    src = ROOT / "notebooks" / "00-start-here.ipynb"
    assert main(["student", str(tmp_path), str(src)]) == 0
    (tmp_path / src.name).write_text("my edits")
    assert main(["student", str(tmp_path), str(src)]) == 2
    assert "refusing to overwrite" in capsys.readouterr().err
    assert (tmp_path / src.name).read_text() == "my edits", "a learner's file was overwritten"
    assert main(["student", str(tmp_path), str(src), "--force"]) == 0


def test_student_copies_lose_every_solution(tmp_path):
    """What a student copy loses. That the copies then run, with their checked outputs equal
    to the committed ones, is the nbval stage's job: `make test-notebooks` executes exactly
    these copies (one kernel run per lesson, next to tests/test_notebook_runs.py's)."""
    assert main(["student", str(tmp_path), *map(str, NOTEBOOKS)]) == 0
    for path in NOTEBOOKS:
        original = json.loads(path.read_text())
        copy_text = (tmp_path / path.name).read_text()
        shared = "\n".join(
            c["source"]
            for c in original["cells"]
            if "solution" not in c["metadata"].get("tags", [])
        )
        for cell in original["cells"]:
            if "solution" not in cell["metadata"].get("tags", []):
                continue
            # Lines that say something (not ")" or "print(") and that only the solution has.
            telling = [
                ln.strip()
                for ln in cell["source"].splitlines()
                if sum(ch.isalnum() for ch in ln) >= 8 and ln.strip() not in shared
            ]
            assert telling, f"{path.name}: a solution cell with nothing of its own"
            for line in telling:
                assert line not in copy_text, f"{path.name}: solution text survived: {line}"
    for path in NOTEBOOKS:
        nb = json.loads((tmp_path / path.name).read_text())
        kept = [c for c in nb["cells"] if CHECK_MARK in "".join(c["source"])]
        original = json.loads(path.read_text())
        checked = [c for c in original["cells"] if CHECK_MARK in "".join(c["source"])]
        # nbval runs the copies: every checked output must be in them to be checked twice.
        assert kept == checked, f"{path.name}: a checked cell is a solution or lost its output"
