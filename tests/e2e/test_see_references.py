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


#: A cross-reference to a section by number: "see section 6", "See section 8 and source 1",
#: "set out in section 9 (...)", "sections 5 and 7" (the first number is checked); not one to
#: a section of an earlier report ("See section 9 of that report", after an unchanged key
#: finding's "Unchanged since the report to the meeting of ...").
SECTION_REF = re.compile(
    r"\b(?:see|in|at|and) sections? (\d+)\b(?! of (?:that|the) report)", re.IGNORECASE
)
#: What a chapter whose figures an earlier report tabled prints instead of content.
ONE_LINE = re.compile(r"^the figures of this chapter are unchanged since the report\b")


def chapters_by_number(page: str) -> dict[int, str]:
    """Each numbered section of a document (``<h2>`` "6. Recruitment") -> its text below the
    heading up to the next section's."""
    page = re.sub(r"<style.*?</style>", " ", page, flags=re.S)
    parts = re.split(r"(<h2[^>]*>.*?</h2>)", page, flags=re.S)
    out: dict[int, str] = {}
    for head, body in zip(parts[1::2], parts[2::2], strict=False):
        title = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", head)).split())
        m = re.match(r"(\d+)\.\s", title)
        if m:
            out[int(m.group(1))] = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())
    return out


def references_to_empty_sections(path: Path) -> list[str]:
    """Every "see section n" of a document whose section n holds no content: missing, empty,
    or only the line saying its figures are unchanged since an earlier report (reader11, 28
    February 2017 report: "Not yet measurable: ... (see section 6)" over a one-line chapter)."""
    page = path.read_text(encoding="utf-8")
    chapters = chapters_by_number(page)
    text = " ".join(" ".join(chapters.values()).split())
    bad = []
    for m in SECTION_REF.finditer(text):
        body = chapters.get(int(m.group(1)), "")
        if not body.strip() or ONE_LINE.match(body.strip().casefold()):
            bad.append(text[max(m.start() - 60, 0) : m.end()])
    return bad


def test_every_section_reference_in_a_public_document_points_to_content(documents):
    assert documents, "no public documents found"
    empty = {str(p): refs for p in documents if (refs := references_to_empty_sections(p))}
    assert not empty, empty


def test_a_reference_to_a_one_line_chapter_is_found(tmp_path):
    """The check itself, on a page made here: a reference to a chapter with a table resolves;
    one to a chapter that is only the "unchanged since" line, or to no chapter, does not."""
    page = tmp_path / "p.html"
    page.write_text(
        "<h2>3. Key findings</h2><p>Turnover rose. See section 5.</p>"
        "<p>Pay fell. Unchanged since the report to the meeting of 21 September 2016. See "
        "section 6 of that report and source 1.</p>"
        "<p>Not yet measurable: campaigns (see section 6). Costs: see section 9.</p>"
        "<h2>5. Leavers</h2><table><caption>Leavers by reason</caption></table>"
        "<h2>6. Recruitment</h2><p>The figures of this chapter are unchanged since the report "
        "\u201cEvidence\u201d to the meeting of 21 September 2016, section 6 of that report, so "
        "they are not repeated here.</p>",
        encoding="utf-8",
    )
    found = references_to_empty_sections(page)
    assert len(found) == 2, found
    assert found[0].endswith("(see section 6") and found[1].endswith("see section 9")
