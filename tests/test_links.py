"""Every link from the README, the guides and the notebooks to a repo file must resolve."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import pytest

from tests.conftest import ROOT

MD_LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
HTML_LINK = re.compile(r"""(?:href|src)=["']([^"']+)["']""")


def documents() -> list[Path]:
    docs = [ROOT / "README.md", *ROOT.glob("docs/*.md"), *ROOT.glob("instructors/*.md")]
    docs += [*ROOT.glob("benchmarks/*.md"), *ROOT.glob("notebooks/*.ipynb")]
    docs += list(ROOT.glob("instructors/*.ipynb"))
    return sorted(p for p in docs if p.exists())


def text_of(path: Path) -> str:
    if path.suffix == ".ipynb":
        nb = json.loads(path.read_text())
        return "\n".join(c["source"] for c in nb["cells"] if c["cell_type"] == "markdown")
    return path.read_text()


def links(text: str) -> list[str]:
    return MD_LINK.findall(text) + HTML_LINK.findall(text)


def local_targets(path: Path) -> list[tuple[str, Path]]:
    out = []
    for link in links(text_of(path)):
        parsed = urlparse(link)
        if parsed.scheme in ("http", "https", "mailto") or link.startswith("#"):
            continue
        out.append((link, (path.parent / unquote(parsed.path)).resolve()))
    return out


@pytest.mark.parametrize("doc", documents(), ids=lambda p: str(p.relative_to(ROOT)))
def test_local_links_resolve(doc):
    broken = [link for link, target in local_targets(doc) if not target.exists()]
    assert not broken, f"{doc.relative_to(ROOT)} links to missing files: {broken}"


def test_link_checker_catches_a_broken_link(tmp_path):
    doc = tmp_path / "x.md"
    doc.write_text("see [a](missing.ipynb) and [b](https://example.org) and [c](#top)")
    assert [link for link, t in local_targets(doc) if not t.exists()] == ["missing.ipynb"]


def test_binder_badge_opens_the_start_notebook_in_lab():
    readme = (ROOT / "README.md").read_text()
    badges = [u for u in re.findall(r"\((https://mybinder\.org/v2/[^)\s]+)\)", readme)]
    assert badges, "README has no Binder launch link"
    for url in badges:
        query = parse_qs(urlparse(url).query)
        assert query.get("urlpath") == ["lab/tree/notebooks/00-start-here.ipynb"], url
        target = query["urlpath"][0].removeprefix("lab/tree/")
        assert (ROOT / target).exists(), f"Binder badge opens {target}, which does not exist"
