"""Reader12's words a councillor would still edit, checked on the built demo reviews (issue 22).

Luton 21 September 2016 and 28 February 2017 with the final report, Coventry 27 March and 16
April 2018 with the final report (the shared builds of tests/conftest.py): every report's
purpose in sentences of at most 35 words, dates with the month in full in every document, no
"not stated" line on a cover, and each key finding's lead-in on the page its table or chart
starts on.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.e2e.test_papers import ALL, REPORTS, text

#: A date with its month shortened ("28 Feb 2017"); every document writes "28 February 2017".
SHORT_DATE = re.compile(
    r"\b\d{1,2} (?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.? \d{4}\b"
)


def sentences(paragraph: str) -> list[str]:
    """A paragraph's sentences: split after a full stop, question mark or closing quote."""
    return [s for s in re.split(r"(?<=[.?!\u201d])\s+(?=[A-Z0-9\u201c])", paragraph) if s.strip()]


def words(sentence: str) -> int:
    return len(re.findall(r"[\w\u2019']+", sentence))


def first_paragraph_after(page: str, heading: str) -> str:
    """The words of the first paragraph after the heading whose text starts with ``heading``."""
    found = re.search(
        rf"<h2[^>]*>\s*{re.escape(heading)}.*?</h2>\s*<p[^>]*>(.*?)</p>", page, flags=re.S
    )
    assert found, heading
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", found.group(1))).split())


@pytest.mark.parametrize("name", REPORTS)
def test_every_reports_purpose_and_introductions_are_in_sentences_of_at_most_35_words(docs, name):
    """reader12 (Luton 21 September, p2): the purpose was one sentence of 80 words."""
    page = docs[name]["report"].read_text(encoding="utf-8")
    purpose = first_paragraph_after(page, "1. Purpose of the report")
    assert len(sentences(purpose)) > 1, purpose
    for sentence in sentences(purpose):
        assert words(sentence) <= 35, sentence
    # every chapter's generated introduction too (the paragraph under each numbered heading):
    # chapters.chapter_intro, the checked chapter's; not the implications (labelled paragraphs,
    # not an introduction) nor a chapter an earlier report tabled, whose one line is
    # documents.unchanged's (outside this change)
    for heading, intro in re.findall(
        r"<h2[^>]*>\s*\d+\.\s*([^<]*)</h2>\s*<p>(.*?)</p>", page, flags=re.S
    ):
        said = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", intro)).split())
        if heading.strip() == "Implications" or "are unchanged since the report" in said:
            continue
        for sentence in sentences(said):
            assert words(sentence) <= 35, (name, sentence)


@pytest.mark.parametrize("name", REPORTS)
def test_every_document_writes_its_dates_with_the_month_in_full(docs, name):
    """reader12 (Luton 28 February, p5): "28 Feb 2017" beside "28 February 2017"."""
    folder: Path = docs[name]["folder"]
    papers = [
        folder / "public" / "report.html",
        folder / "public" / "final-report.html",
        folder / "exempt" / "exempt-appendix.html",
    ]
    for paper in (p for p in papers if p.exists()):
        found = SHORT_DATE.findall(text(paper))
        assert not found, (paper.name, found)
        for pdf_page in PdfReader(paper.with_suffix(".pdf")).pages:
            assert not SHORT_DATE.findall(" ".join(pdf_page.extract_text().split()))


@pytest.mark.parametrize("name", ALL)
def test_no_cover_says_what_the_papers_do_not_state(docs, name):
    """reader12: covers printed "Time, place and agenda item: not stated"; a cover prints what
    the review config gives and leaves out the rest."""
    page = docs[name]["report"].read_text(encoding="utf-8")
    cover = re.search(r'<section [^>]*class="cover".*?</section>', page, flags=re.S).group()
    assert "not stated" not in cover.lower()


def test_a_target_not_yet_due_shows_its_own_period_on_the_scorecard(docs):
    """reader12 (Luton 28 February, p6): "Appointments against target | Not yet due | 1
    September 2015 to 31 August 2016"."""
    said = text(docs["luton-0228"]["report"])
    row = re.search(r"Campaigns with a target Not yet due (.{0,80})", said)
    assert row, "no not-yet-due row"
    assert row.group(1).startswith("Due by 30 April 2017"), row.group(1)
    assert "Not yet due 1 September 2015" not in said


@pytest.mark.parametrize("name", REPORTS)
def test_each_lead_in_is_on_the_page_its_table_or_chart_starts_on(docs, name):
    """reader12 (Luton 21 September, p11): "Key finding 3 (section 3) is drawn from the table
    below." at the foot of a page, its table on the next."""
    page = docs[name]["report"].read_text(encoding="utf-8")
    leads = re.findall(
        r"<p[^>]*>(Key findings? [^<]*? drawn from the (?:table|chart) below\.)</p>\s*"
        r"(?:<div[^>]*>\s*)*(?:<table[^>]*>\s*<caption>(.*?)"
        r"</caption>|<figure[^>]*>\s*<figcaption[^>]*>(.*?)</figcaption>|"
        r'<div class="ep-chart-title"[^>]*>(.*?)</div>)',
        page,
        flags=re.S,
    )
    if name == "luton-0921":  # key findings 1 and 3 are drawn from tables of its chapters
        assert len(leads) >= 2, leads
    pages = [
        " ".join(p.extract_text().split())
        for p in PdfReader(docs[name]["report"].with_suffix(".pdf")).pages
    ]
    for lead, *titles in leads:
        title = " ".join(
            html.unescape(re.sub(r"<[^>]+>", " ", next(t for t in titles if t))).split()
        )
        said = html.unescape(lead)
        at = [i for i, p in enumerate(pages) if said in p]
        assert at, said
        start = " ".join(title.split()[:5])
        assert start in pages[at[0]], (name, said, title, at[0] + 1)
