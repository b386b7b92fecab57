"""Print (or --write into README.md, or --check against it) the API reference table
built from demandlab.__all__.

Each row is a public name and the first paragraph of its docstring, so the README and the
package cannot drift apart (tests/test_api.py runs --check: the README's table must be
exactly what this prints).
"""

from __future__ import annotations

import inspect
import re
import sys
from pathlib import Path

import demandlab as dl

README = Path(__file__).resolve().parents[1] / "README.md"
START, END = "<!-- api:start -->", "<!-- api:end -->"


def table() -> str:
    rows = ["| name | what it does |", "| --- | --- |"]
    for name in dl.__all__:
        obj = getattr(dl, name)
        # the docstring's first paragraph, joined: its first line alone cut summaries that
        # wrap mid-sentence ("... swings scaled by")
        summary = [" ".join((inspect.getdoc(obj) or "").strip().split("\n\n")[0].split())]
        kind = "class" if inspect.isclass(obj) else "function" if callable(obj) else "value"
        sig = ""
        if kind == "function":
            params = list(inspect.signature(obj).parameters)
            sig = f"({', '.join(params[:4])}{', ...' if len(params) > 4 else ''})"
        rows.append(f"| `{name}` | {summary[0].replace('|', '/')} <sub>{kind}{sig}</sub> |")
    return "\n".join(rows)


BLOCK = re.compile(re.escape(START) + "\n(.*?)\n" + re.escape(END), re.S)


def readme_table(text: str) -> str | None:
    """The table between the README's markers (None when the markers are missing)."""
    found = BLOCK.search(text)
    return found.group(1) if found else None


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    new = table()
    if "--check" in args:
        if readme_table(README.read_text()) == new:
            print(f"API reference in {README.name} is up to date ({len(dl.__all__)} names)")
            return 0
        print(f"API reference in {README.name} is stale: run python tools/api_table.py --write")
        return 1
    if "--write" not in args:
        print(new)
        return 0
    text = README.read_text()
    if readme_table(text) is None:
        print(f"{README.name} has no {START} ... {END} block", file=sys.stderr)
        return 1
    README.write_text(BLOCK.sub(lambda _: f"{START}\n{new}\n{END}", text))
    print(f"API reference in {README.name} updated ({len(dl.__all__)} names)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
