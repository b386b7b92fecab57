"""Course maintenance commands: clean notebooks for git, write student copies, write the room's
question list.

Run as ``demandlab clean notebooks/*.ipynb``, ``demandlab student OUTDIR`` or
``demandlab room-questions [--check]`` (also ``python -m demandlab.tools ...``;
``make clean-notebooks`` and ``make student``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from . import checks, room_registry

CHECK_MARK = "# NBVAL_CHECK_OUTPUT"
SOLUTION_TAG = "solution"
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
# Cell metadata worth keeping: tags (solution, main-control, ...) and the collapsed-source flag.
KEEP_CELL_METADATA = ("tags", "jupyter")
STUDENT_PLACEHOLDER = (
    "# Your answer here: write your code, run it, then compare with a colleague.\n"
)


def is_checked(cell: dict) -> bool:
    return cell["cell_type"] == "code" and CHECK_MARK in "".join(cell.get("source", ""))


def _text_only(output: dict) -> dict | None:
    """Keep a checked cell's small text output; drop rich or widget outputs."""
    kind = output.get("output_type")
    if kind == "stream":
        text = output["text"]
        text = "".join(text) if isinstance(text, list) else text
        return {"name": output["name"], "output_type": "stream", "text": text}
    if kind in ("execute_result", "display_data") and "text/plain" in output.get("data", {}):
        text = output["data"]["text/plain"]
        text = "".join(text) if isinstance(text, list) else text
        kept = {"data": {"text/plain": text}, "metadata": {}}
        if kind == "execute_result":
            kept.update(execution_count=output.get("execution_count"), output_type=kind)
        else:
            kept["output_type"] = kind
        return kept
    return None  # errors are never committed: an error output means the notebook is broken


def clean_notebook(nb: dict) -> dict:
    """Return ``nb`` normalised for git: no widget state, no editor metadata, no stray
    outputs or execution counts. Only ``# NBVAL_CHECK_OUTPUT`` cells keep text outputs."""
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        raise checks.refuse("nb", nb, "a notebook (a dict with a list of 'cells')")
    nb = json.loads(json.dumps(nb))  # deep copy
    nb["metadata"] = {"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}}
    count = 0
    for cell in nb["cells"]:
        meta = cell.get("metadata", {})
        cell["metadata"] = {k: meta[k] for k in KEEP_CELL_METADATA if k in meta}
        if SOLUTION_TAG in cell["metadata"].get("tags", []):
            cell["metadata"].setdefault("jupyter", {})["source_hidden"] = True
        if isinstance(cell.get("source"), list):
            cell["source"] = "".join(cell["source"])
        if not cell.get("attachments"):
            cell.pop("attachments", None)
        if cell["cell_type"] != "code":
            cell.pop("outputs", None)
            cell.pop("execution_count", None)
            continue
        if is_checked(cell) and cell.get("outputs"):
            count += 1
            outs = [o for o in (_text_only(o) for o in cell["outputs"]) if o is not None]
            for o in outs:
                if o["output_type"] == "execute_result":
                    o["execution_count"] = count
            cell["outputs"] = outs
            cell["execution_count"] = count
        else:
            cell["outputs"] = []
            cell["execution_count"] = None
    return nb


def dumps(nb: dict) -> str:
    """Serialise as Jupyter does (1-space indent, sorted keys, trailing newline)."""
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def write_atomic(path: Path, text: str, overwrite: bool) -> None:
    """Write via a temp file and rename; refuse to replace an existing file unless asked."""
    path = Path(path)
    text = checks.text("text", text, 50_000_000)
    if path.exists() and not checks.flag("overwrite", overwrite):
        raise FileExistsError(f"{path} exists; pass --force to replace it")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        # mkstemp makes the file private; give it the mode an ordinary new file would get.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def student_copy(nb: dict) -> dict:
    """Remove every ``solution`` cell and leave an empty answer cell in its place."""
    nb = clean_notebook(nb)
    cells = []
    for cell in nb["cells"]:
        if SOLUTION_TAG in cell.get("metadata", {}).get("tags", []):
            cells.append(
                {
                    "cell_type": "code",
                    "execution_count": None,
                    "id": cell.get("id", f"answer-{len(cells)}"),
                    "metadata": {"tags": ["answer"]},
                    "outputs": [],
                    "source": STUDENT_PLACEHOLDER,
                }
            )
        else:
            cells.append(cell)
    nb["cells"] = cells
    return nb


def _cmd_clean(paths: list[str], check: bool) -> int:
    dirty = []
    for p in map(Path, paths):
        text = p.read_text(encoding="utf-8")
        cleaned = dumps(clean_notebook(json.loads(text)))
        if cleaned != text:
            dirty.append(str(p))
            if not check:
                write_atomic(p, cleaned, overwrite=True)  # cleaning in place is the point
    if check and dirty:
        print("not clean (run `make clean-notebooks`):", *dirty, sep="\n  ")
        return 1
    print(f"{len(paths)} notebooks checked, {len(dirty)} {'unclean' if check else 'cleaned'}")
    return 0


def _cmd_student(outdir: str, sources: list[str], force: bool) -> int:
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    paths = [Path(s) for s in sources] or sorted(Path("notebooks").glob("*.ipynb"))
    targets = [out / p.name for p in paths]
    clash = [str(t) for t in targets if t.exists()]
    if clash and not force:
        print("refusing to overwrite (pass --force):", *clash, sep="\n  ", file=sys.stderr)
        return 2
    for src, dst in zip(paths, targets):
        nb = json.loads(src.read_text(encoding="utf-8"))
        write_atomic(dst, dumps(student_copy(nb)), overwrite=force)
    print(f"wrote {len(targets)} student notebooks to {out}/ (solutions removed)")
    return 0


ROOM_QUESTIONS = Path("deploy") / "room" / "questions.json"
ROOM_QUESTIONS_ABOUT = (
    "The live room's questions, in the order the notebooks ask them. Written by "
    "`python -m demandlab.tools room-questions` from the question bank (src/demandlab/questions/): "
    "change a question there, then run it again (tests/test_room.py checks this file is current)."
)


def asked_ids(notebooks: list[Path]) -> list[tuple[str, str]]:
    """(kind, question-bank id) of every ``dl.prediction("id")`` / ``dl.quiz("id")`` in the
    notebooks' code cells, in the order they are asked."""
    import ast

    found = []
    for path in notebooks:
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] != "code":
                continue
            try:
                tree = ast.parse("".join(cell["source"]))
            except SyntaxError:  # a cell of IPython magics
                continue
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr in room_registry.KINDS
                    and len(node.args) == 1
                    and not node.keywords
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)
                ):
                    found.append((node.func.attr, node.args[0].value))
    return found


def room_questions(notebook_dir: Path = Path("notebooks")) -> str:
    """The text of deploy/room/questions.json: each prediction and quiz the lessons ask by id,
    with its lesson, kind, question and options from the question bank."""
    from . import questions  # the bank imports every lesson: only this command needs it

    bank = {"prediction": questions.predictions(), "quiz": questions.quizzes()}
    notebooks = sorted(Path(notebook_dir).glob("[0-9][0-9]-*.ipynb"))
    if not notebooks:
        raise checks.refuse("notebook_dir", str(notebook_dir), "a folder of NN-*.ipynb lessons")
    rows, seen = [], {}
    for kind, key in asked_ids(notebooks):
        lesson = room_registry.lesson_of(key)
        if key not in bank[kind] or lesson is None:
            raise checks.refuse(kind, key, "a question-bank id of lesson 00 to 05")
        if seen.setdefault(key, kind) != kind:  # the room stores one answer per id
            raise checks.refuse(kind, key, "an id no other prediction or quiz uses")
        if any(r["id"] == key for r in rows):
            continue  # asked twice: one question in the room
        entry = bank[kind][key]
        rows.append(
            {
                "lesson": lesson,
                "id": key,
                "kind": kind,
                "text": entry["question"],
                "options": list(entry["options"]),
            }
        )
    doc = {"about": ROOM_QUESTIONS_ABOUT, "questions": rows}
    text = json.dumps(doc, indent=1, ensure_ascii=False) + "\n"
    room_registry.read_questions(text)  # what the service will accept, or a ValueError now
    return text


def _cmd_room_questions(out: str, notebook_dir: str, check: bool) -> int:
    fresh, path = room_questions(Path(notebook_dir)), Path(out)
    if check:
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != fresh:
            print(f"{path} is stale: run `python -m demandlab.tools room-questions`")
            return 1
        print(f"{path} is current")
        return 0
    write_atomic(path, fresh, overwrite=True)
    print(f"wrote {path}: {len(json.loads(fresh)['questions'])} questions")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="demandlab", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("clean", help="normalise notebooks for git")
    c.add_argument("paths", nargs="+")
    c.add_argument("--check", action="store_true", help="report unclean notebooks, change none")
    s = sub.add_parser("student", help="write student copies without solution cells")
    s.add_argument("outdir")
    s.add_argument("sources", nargs="*", help="notebooks (default: notebooks/*.ipynb)")
    s.add_argument("--force", action="store_true", help="replace existing files in outdir")
    r = sub.add_parser("room-questions", help="write the live room's question list")
    r.add_argument("--out", default=str(ROOM_QUESTIONS), help=f"default: {ROOM_QUESTIONS}")
    r.add_argument("--notebooks", default="notebooks", help="the lessons' folder")
    r.add_argument("--check", action="store_true", help="fail if the file is not current")
    args = parser.parse_args(argv)
    if args.command == "room-questions":
        return _cmd_room_questions(args.out, args.notebooks, args.check)
    if args.command == "clean":
        return _cmd_clean(args.paths, args.check)
    return _cmd_student(args.outdir, args.sources, args.force)


if __name__ == "__main__":
    sys.exit(main())
