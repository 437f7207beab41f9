"""A public document's "see “...”" points to a heading or table the document has (issue 22 point 6).

The reader of 7 December found Luton's reports saying "(see “Figures already published to the
group”)" under a table: a heading of the technical annex, which the public never sees. Checked
over every public HTML document of the shared demo packs (tests/conftest.py).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

SEE = re.compile(r"\bsee \u201c([^\u201d]+)\u201d", re.IGNORECASE)


def _texts(pattern: str, page: str) -> list[str]:
    return [
        " ".join(html.unescape(re.sub(r"<[^>]+>", " ", m)).split()).casefold()
        for m in re.findall(pattern, page, flags=re.S)
    ]


def dangling_references(path: Path) -> list[str]:
    """The quoted targets of "see “...”" in a document that none of its headings or table
    captions contains."""
    page = path.read_text(encoding="utf-8")
    page = re.sub(r"<style.*?</style>", " ", page, flags=re.S)
    places = _texts(r"<h[1-6][^>]*>(.*?)</h[1-6]>", page) + _texts(
        r"<caption[^>]*>(.*?)</caption>", page
    )
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
    return [
        target
        for target in (m.group(1) for m in SEE.finditer(text))
        if not any(" ".join(target.split()).casefold() in p for p in places)
    ]


@pytest.fixture(scope="session")
def documents(luton, coventry) -> list[Path]:
    return sorted([*luton.glob("*/public/*.html"), *coventry.glob("*/public/*.html")])


def test_every_see_reference_in_a_public_document_names_a_heading_it_has(documents):
    assert documents, "no public documents found"
    dangling = {str(p): refs for p in documents if (refs := dangling_references(p))}
    assert not dangling, dangling


def test_a_reference_to_a_heading_the_document_lacks_is_found(tmp_path):
    """The check itself, on a page made here: one reference resolves, one does not."""
    page = tmp_path / "p.html"
    page.write_text(
        "<h2>Leavers</h2><table><caption>Reasons for leaving</caption></table>"
        "<p>(see \u201cReasons for leaving\u201d) and (see \u201cFigures already published"
        "\u201d)</p>",
        encoding="utf-8",
    )
    assert dangling_references(page) == ["Figures already published"]
