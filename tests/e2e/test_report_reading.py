"""Reading the built committee reports (issue 22, point 7), over every chapter of both demo
reviews' reports (the shared packs of tests/conftest.py: Luton 21 September 2016 and 28 February
2017, Coventry 27 March and 16 April 2018).

- No sentence of more than :data:`N` words is printed twice in a report. Twelve words: the short
  lines a reader expects under each table or above it ("[c] = fewer than 5 people, not shown to
  protect individuals.", 10 words; "Key finding 1 (section 3) is drawn from the table below.",
  11) stay under it, while the repeats the councillor reader found (a chapter introduction
  quoting every caption, "Figures shown [c] in this chapter are of groups so small ...", the
  £32 agency rate's forty words of source) are all longer. The one source line under each table
  ("Source: ... (note 3).") is checked by its own rule, as two tables of one source carry the
  same line: it names every source and gives the period (never "and 1 other source"), and the
  short notes under any table or chart are at most :data:`LINE_WORDS` words together. The "[c] ="
  legend is left out of that count: it is kept whole so that it says what the marks mean ("[c] =
  hidden: fewer than 5 people, or hidden so that a small number cannot be worked out"). The
  folded chart data (``<details>``, not printed in the PDF) are left out.
- Every "key finding N" reference points to a key finding that is there, and each key finding's
  sentence is printed once.
"""

from __future__ import annotations

import collections
import html
import re
from pathlib import Path

import pytest

#: Sentences of more than this many words may not be printed twice in a report.
N = 12
#: The most words of the short notes printed under one table or chart (its source line aside).
LINE_WORDS = 30

MEETINGS = [
    ("luton", "2016-09-21"),
    ("luton", "2017-02-28"),
    ("coventry", "2018-03-27"),
    ("coventry", "2018-04-16"),
]


@pytest.fixture(scope="session")
def reports(luton, coventry) -> dict[str, Path]:
    """The public committee reports (HTML) of the four meetings, by "review meeting"."""
    folders = {"luton": luton, "coventry": coventry}
    return {f"{r} {m}": folders[r] / m / "public" / "report.html" for r, m in MEETINGS}


def _printed(path: Path) -> str:
    """The report's HTML as printed: no style, script, image or folded chart data."""
    t = path.read_text(encoding="utf-8")
    return re.sub(
        r"<style.*?</style>|<script.*?</script>|<img[^>]*>|<details.*?</details>",
        " ",
        t,
        flags=re.S,
    )


def _blocks(printed: str) -> list[str]:
    """The text of each paragraph, list item, heading, caption and table cell."""
    found = re.findall(
        r"<(p|li|h[1-6]|caption|figcaption|th|td)\b[^>]*>(.*?)</\1>", printed, flags=re.S
    )
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split()) for _, body in found]


def sentences(block: str) -> list[str]:
    """A block's sentences: split after ".", "!" or "?" followed by a space and a capital."""
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\[“\"(£0-9])", block) if s.strip()]


@pytest.mark.parametrize("meeting", [f"{r} {m}" for r, m in MEETINGS])
def test_no_long_sentence_is_printed_twice_and_each_table_has_one_short_line(reports, meeting):
    check_repeats(reports[meeting], meeting)


@pytest.mark.parametrize("meeting", [f"{r} {m}" for r, m in MEETINGS])
def test_every_key_finding_reference_exists_and_each_is_stated_once(reports, meeting):
    check_references(reports[meeting], meeting)


#: The final reports, by the meeting whose pack holds them.
FINAL_REPORTS = [("luton", "2017-02-28"), ("coventry", "2018-04-16")]


@pytest.mark.parametrize("review, meeting", FINAL_REPORTS)
def test_no_long_sentence_is_printed_twice_in_a_final_report(luton, coventry, review, meeting):
    """The group's final report is read the same way as a meeting's report."""
    path = {"luton": luton, "coventry": coventry}[review] / meeting / "public" / "final-report.html"
    repeated = repeated_sentences(_printed(path))
    assert not repeated, (review, repeated)


def repeated_sentences(printed: str) -> dict[str, int]:
    """Sentences of more than N words printed more than once (source lines left out), with
    how many times each is printed."""
    counts = collections.Counter(
        s
        for block in _blocks(printed)
        if not block.startswith(("Source: ", "[c] = "))
        for s in sentences(block)
        if len(s.split()) > N
    )
    return {s: n for s, n in counts.items() if n > 1}


def check_repeats(path: Path, meeting: str) -> None:
    """No sentence over N words twice; short notes under a table; every source named."""
    printed = _printed(path)
    repeated = repeated_sentences(printed)
    assert not repeated, repeated
    # under each table and chart: its source line and short notes, at most LINE_WORDS words
    outputs = re.findall(
        r'<div class="ep-table".*?</div>|<figure class="ep-chart".*?</figure>', printed, flags=re.S
    )
    # none only when every chapter of evidence is one line (an earlier report tabled it)
    assert outputs or "unchanged since the report" in printed, meeting
    for output in outputs:
        under = re.findall(r'<p class="ep-disclosure">(.*?)</p>', output, flags=re.S)
        # the "[c] =" legend is kept whole, so that it says what the marks mean (papers19,
        # point 3): a legend, like the source line, not counted
        words = sum(
            len(html.unescape(u).split()) for u in under if not html.unescape(u).startswith("[c] =")
        )
        assert words <= LINE_WORDS, (meeting, under)
        for line in re.findall(r'<p class="ep-source">(.*?)</p>', output, flags=re.S):
            assert "other source" not in line, (meeting, line)
    # the long detail is in the numbered notes at the end
    assert "Sources and notes</h" in printed or not outputs  # no table or chart: no source


def check_references(path: Path, meeting: str) -> None:
    """Each "key finding N" names a key finding there, by a plain title; each stated once."""
    from pipelines.documents.chapters import plain_title

    printed = _printed(path)
    # the key findings stated in full: the findings list of section 3 (a later meeting whose
    # findings are all unchanged names them in a plain list instead, unnumbered)
    section = re.search(r'data-section="r03_key_findings".*?</section>', printed, flags=re.S)
    assert section, meeting
    key = re.search(r'<ul class="ep-findings">(.*?)</ul>', section.group(), flags=re.S)
    items = [
        " ".join(html.unescape(re.sub(r"<[^>]+>", " ", li)).split())
        for li in re.findall(r"<li>(.*?)</li>", key.group(1) if key else "", flags=re.S)
    ]
    # blocks kept apart, so the contents' "3. Key findings" and "4. Questions" do not read as
    # "Key findings 4"
    words = " | ".join(_blocks(printed))
    for number in re.findall(r"[Kk]ey findings? (\d+)", words):
        assert 1 <= int(number) <= len(items), (meeting, number, len(items))
    for _number, title in re.findall(r"\bkey finding (\d+) \(([^()]*)\)", words):
        if not title.startswith("section "):
            assert plain_title(title) == title, (meeting, title)  # no label's capital, brackets
    for item in items:
        sentence = re.sub(r" \((?:section \d+)?(?:; )?(?:sources? [\d, and]+)?\)$", "", item)
        assert words.count(sentence) == 1, (meeting, sentence)
    assert "will be measured" not in " ".join(items), items  # no pending finding ranks
