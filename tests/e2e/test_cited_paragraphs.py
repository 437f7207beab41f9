"""A paragraph a finding cites is in the note that names its paper (reader15, L21 p10 and p18).

The 21 September 2016 report's finding cited the caseload target as "set by Item 6 report to
the group, paragraph 47", while the only note naming the Item 6 report for a target listed
"paras 38, 43 and 54". Read from every built report: each paper and paragraph a finding cites
("<paper> report ..., paragraph 47", "para 54", "paras 38, 43 and 54") is named, with that
paragraph, by a note of the report's "Sources and notes".
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from pipelines.core.time_true import MONTHS

REPORTS = ["luton-0921", "luton-0228", "coventry-0327", "coventry-0416"]

#: A paragraph's number, not a date's day ("paragraph 47, 21 September 2016").
_N = rf"\d+(?:\.\d+)?(?![\d.]|\s+(?:{MONTHS})\b)"
#: A paper and the paragraphs cited of it: "Item 6 report to the group, paragraph 47".
CITED = re.compile(
    r"(?P<paper>\b(?:agenda )?item \d+[a-z]? report)\b[^()]{0,40}?,\s*"
    rf"(?:paragraphs?|paras?)\s+(?P<n>{_N}(?:(?:,\s*|\s+and\s+){_N})*)",
    re.IGNORECASE,
)


def citations(text: str) -> set[tuple[str, str]]:
    """(paper, paragraph) pairs cited in ``text``, the paper in lower case ("item 6 report")."""
    out = set()
    for m in CITED.finditer(text):
        paper = re.sub(r"^agenda ", "", m["paper"].casefold())
        for n in re.split(r",\s*|\s+and\s+", m["n"]):
            out.add((paper, n))
    return out


def uncited(report: Path) -> list[tuple[str, str]]:
    """The (paper, paragraph) pairs the report's findings cite that no note names."""
    soup = BeautifulSoup(report.read_text(encoding="utf-8"), "html.parser")
    findings = " ".join(
        " ".join(li.get_text(" ").split()) for li in soup.select("ul.ep-findings li")
    )
    notes = soup.select_one("section[data-section=r93_sources]")
    named = citations(" ".join(notes.get_text(" ").split())) if notes else set()
    return sorted(citations(findings) - named)


def test_citations_are_read_as_a_reader_reads_them():
    said = "the target of 20 (set by Item 6 report to the group, paragraph 47, 21 September 2016)"
    assert citations(said) == {("item 6 report", "47")}
    assert citations("Targets: Item 6 report, paras 38, 43 and 54 (targets).") == {
        ("item 6 report", "38"),
        ("item 6 report", "43"),
        ("item 6 report", "54"),
    }
    assert citations("Schedule 12A, paragraph 1") == set()


@pytest.mark.parametrize("name", REPORTS)
def test_every_paragraph_a_finding_cites_is_in_a_note_naming_its_paper(docs, name):
    report = docs[name]["report"]
    soup = BeautifulSoup(report.read_text(encoding="utf-8"), "html.parser")
    assert soup.select("ul.ep-findings li")
    assert uncited(report) == []
