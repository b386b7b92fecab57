"""Course maintenance commands: clean notebooks for git, write student copies.

Run as ``demandlab clean notebooks/*.ipynb`` or ``demandlab student OUTDIR``
(also ``python -m demandlab.tools ...``; ``make clean-notebooks`` and ``make student``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from . import checks

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
    args = parser.parse_args(argv)
    if args.command == "clean":
        return _cmd_clean(args.paths, args.check)
    return _cmd_student(args.outdir, args.sources, args.force)


if __name__ == "__main__":
    sys.exit(main())
