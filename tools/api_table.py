"""Print (or --write into README.md) the API reference table built from demandlab.__all__.

Each row is a public name and the first line of its docstring, so the README and the
package cannot drift apart (tests/test_api.py checks the names).
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
        summary = (inspect.getdoc(obj) or "").strip().splitlines()[0:1] or [""]
        kind = "class" if inspect.isclass(obj) else "function" if callable(obj) else "value"
        sig = ""
        if kind == "function":
            params = list(inspect.signature(obj).parameters)
            sig = f"({', '.join(params[:4])}{', ...' if len(params) > 4 else ''})"
        rows.append(f"| `{name}` | {summary[0].replace('|', '/')} <sub>{kind}{sig}</sub> |")
    return "\n".join(rows)


def main() -> int:
    new = table()
    if "--write" not in sys.argv:
        print(new)
        return 0
    text = README.read_text()
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
    README.write_text(pattern.sub(f"{START}\n{new}\n{END}", text))
    print(f"API reference in {README.name} updated ({len(dl.__all__)} names)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
