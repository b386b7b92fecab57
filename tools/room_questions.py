"""Write (or --check) the live room's question list from the question bank.

The room service reads ``src/demandlab/room_registry.py`` as a plain file (it does not import
demandlab), so the registry keeps its own copy of every prediction and quiz the lessons ask.
This tool regenerates that copy from ``demandlab.questions`` in the order the notebooks ask
them: per lesson, predictions are ``vote``, ``vote2``, ...; quizzes ``quiz1``, ``quiz2``, ...
tests/test_room.py runs --check, so the two cannot drift apart.

    .venv/bin/python tools/room_questions.py --write
"""

from __future__ import annotations

import ast
import json
import pprint
import sys
from pathlib import Path

import demandlab.questions as bank

ROOT = Path(__file__).resolve().parents[1]
REGISTRY = ROOT / "src" / "demandlab" / "room_registry.py"
START, END = "QUESTIONS = (", "\n)\n\n# One result per lesson"


def asked_ids() -> list[tuple[str, str, str]]:
    """(lesson, kind, bank id) of every dl.prediction / dl.quiz by id, in notebook order."""
    found = []
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] != "code":
                continue
            src = "".join(cell["source"])
            for node in ast.walk(ast.parse(src)):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("prediction", "quiz")
                    and len(node.args) == 1
                    and isinstance(node.args[0], ast.Constant)
                ):
                    found.append((path.name[:2], node.func.attr, node.args[0].value))
    return found


def rows() -> list[tuple]:
    """The registry rows: (lesson, room id, kind, question, options)."""
    banks = {"prediction": bank.predictions(), "quiz": bank.quizzes()}
    out, counts = [], {}
    for lesson, kind, key in asked_ids():
        entry = banks[kind][key]
        n = counts[(lesson, kind)] = counts.get((lesson, kind), 0) + 1
        room_id = ("vote" if n == 1 else f"vote{n}") if kind == "prediction" else f"quiz{n}"
        out.append((lesson, room_id, kind, entry["question"], tuple(entry["options"])))
    return out


def rendered() -> str:
    body = pprint.pformat(tuple(rows()), width=100, indent=4)
    return "QUESTIONS = (\n    " + body[1:-1].strip().rstrip(",") + ",\n)"


def main(argv: list[str]) -> int:
    if "--check" in argv:
        from demandlab import room_registry

        if tuple(room_registry.QUESTIONS) != tuple(rows()):
            print("room_registry.QUESTIONS is stale: run tools/room_questions.py --write")
            return 1
        return 0
    text = REGISTRY.read_text(encoding="utf-8")
    start = text.index(START)
    end = text.index(END, start) + len("\n)")
    new = text[:start] + rendered() + text[end:]
    REGISTRY.write_text(new, encoding="utf-8")
    print(f"{REGISTRY.relative_to(ROOT)}: {len(rows())} questions")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
