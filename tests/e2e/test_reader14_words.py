"""What reader14 would still edit in the built papers (issue 22, points 6 to 8), checked on the
demo reviews' built packs: each point fixed in the shared code, for every council."""

from __future__ import annotations

import re

import pytest

from pipelines.documents.texts import PURPOSE_WORDS, SENTENCE_WORDS
from tests.e2e.test_papers import ALL, REPORTS, _soup, _words


@pytest.mark.parametrize("name", REPORTS)
def test_every_report_purpose_reads_in_one_breath(docs, name):
    """L21 p2: the purpose was 104 words in four sentences; a councillor reads it in one breath
    (at most 60 words, none of its sentences over 35), counted here as runs of letters."""
    soup = _soup(docs[name]["report"])
    section = soup.select_one("section[data-section=r01_purpose]")
    heading = section.find(re.compile("^h[1-6]$"))
    purpose = _words(section).removeprefix(_words(heading)).strip()
    assert purpose, name
    assert len(re.findall(r"[\w\u2019']+", purpose)) <= PURPOSE_WORDS, purpose
    for sentence in re.split(r"(?<=[.?!\u201d])\s+(?=[A-Z\u201c])", purpose):
        assert len(re.findall(r"[\w\u2019']+", sentence)) <= SENTENCE_WORDS, sentence


#: A date as the reports name a meeting: "Wednesday 21 September 2016".
_MEETING = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d{1,2} [A-Z][a-z]+ \d{4}"


def _key_items(path) -> list[str]:
    soup = _soup(path)
    return [_words(li) for li in soup.select("section[data-section=r03_key_findings] li")]


@pytest.mark.parametrize(
    ("later", "earlier"), [("luton-0228", "luton-0921"), ("coventry-0416", "coventry-0327")]
)
def test_an_unchanged_key_finding_names_one_report_and_points_where_it_printed_it(
    docs, later, earlier
):
    """L28 KF1: "Unchanged since ... 21 September 2016. See section 7 of the report to ... 21
    December 2016" (two reports); KF2: "See section 5 of that report", whose section 5 prints
    only part of the figure. Each key finding of a later report names at most one meeting; one
    unchanged since a report built here points to the section that report itself cites for
    the same finding (where that report prints the finding's table), else to no section."""
    items = _key_items(docs[later]["report"])
    first = _key_items(docs[earlier]["report"])
    checked = 0
    for item in items:
        named = set(re.findall(_MEETING, item))
        assert len(named) <= 1, item
        mark = re.search(
            rf"^(.*?)\. Unchanged since the report to the meeting of ({_MEETING})\.", item
        )
        if mark is None or mark.group(2) not in text_of(docs[earlier]["report"]):
            continue
        said = mark.group(1)
        there = [i for i in first if i.startswith(said)]
        if not there:
            continue
        cited = re.search(r"See section (\d+)", there[0])
        pointed = re.search(r"See section (\d+) of that report", item)
        assert (pointed and pointed.group(1)) == (cited and cited.group(1)), (item, there[0])
        checked += 1
    # the Luton 28 February report's unchanged findings were all first stated on 21 September
    assert checked or later == "coventry-0416", items


def text_of(path) -> str:
    return _words(_soup(path))


#: Words too common to tie a sentence to a heading.
_COMMON = {"this", "that", "with", "from", "their", "which", "what", "where", "about", "wish"}


def _stems(words: str) -> set[str]:
    found = re.findall(r"[a-z]{4,}", words.lower())
    return {w[:5] for w in found if w not in _COMMON}


@pytest.mark.parametrize("name", ALL)
def test_every_in_section_names_what_that_section_holds(docs, name):
    """C16: "The caseloads the caseload model assumes, in section 4, are options" where section
    4 is the questions: the sentence gave no hint that it meant a question. Every sentence
    with "in section N" (this document's section) shares a word with section N's heading
    ("note the key findings in section 3", "consider the questions in section 4"; stems of
    five letters, common words left out)."""
    soup = _soup(docs[name]["report"])
    headings = {}
    for h in soup.select("h2"):
        said = re.match(r"(\d+)\. (.+)", _words(h))
        if said:
            headings[int(said.group(1))] = said.group(2)
    words = _words(soup.body)
    found = []
    for sentence in re.split(r"(?<=[.?!])\s+(?=[A-Z])", words):
        for number in re.findall(r"\bin section (\d+)\b(?! of )", sentence):
            heading = headings.get(int(number), "")
            if not _stems(sentence) & _stems(heading):
                found.append((sentence, heading))
    assert not found, found


def _chapters(path) -> dict[int, tuple[str, str]]:
    """Number -> (heading, words) of each numbered section of a built report."""
    out = {}
    for section in _soup(path).select("section.pack-section"):
        h = section.find("h2")
        said = re.match(r"(\d+)\. (.+)", _words(h)) if h else None
        if said:
            out[int(said.group(1))] = (said.group(2), _words(section))
    return out


@pytest.mark.parametrize(
    ("later", "earlier"), [("luton-0228", "luton-0921"), ("coventry-0416", "coventry-0327")]
)
def test_a_one_line_chapter_is_headed_as_the_chapter_it_names(docs, later, earlier):
    """L28 ch7 "Staff and locum surveys" named the 21 September report's section 7, headed
    "Staff surveys" there. A chapter that points to an earlier report built here has that
    report's heading for the section it names."""
    then = _chapters(docs[earlier]["report"])
    date = re.search(_MEETING, text_of(docs[earlier]["report"])).group(0)
    checked = []
    for heading, words in _chapters(docs[later]["report"]).values():
        named = re.search(
            rf"unchanged since the report .* to the meeting of {date}, "
            r"section (\d+) of that report",
            words,
        )
        if named:
            assert heading == then[int(named.group(1))][0], (heading, then[int(named.group(1))][0])
            checked.append(heading)
    assert checked, later


@pytest.mark.parametrize("name", ["luton-final", "coventry-final"])
def test_the_final_cover_speaks_of_report_back_dates_only_when_one_is_printed(docs, name):
    """LF cover: "report-back dates not in the council's papers are examples" when no
    recommendation prints a date."""
    words = text_of(docs[name]["report"])
    recs = _words(
        _soup(docs[name]["report"]).select_one("section[data-section=f02_recommendations]")
    )
    dated = re.search(r"Report back to [^.]* by [A-Z][a-z]+ \d{4}\.", recs)
    assert ("report-back dates not in the council's papers" in words) == bool(dated), recs


@pytest.mark.parametrize("name", ["luton-final", "coventry-final"])
def test_the_final_report_says_plainly_what_the_papers_do_not_give(docs, name):
    """LF: "October 2016 (Third meeting; day not recorded)"; CF: "(dates not recorded)",
    "(two; date not recorded)"; LF: Appendices A and C each "the evidence pack, which gives no
    findings". An undated meeting says so in one bracket of plain words, at the end of when it
    was; packs with no findings are said so once among the appendices."""
    words = text_of(docs[name]["report"])
    assert not re.search(r"\((?:[^()]*; )?(?:day|dates?) not recorded\)", words), words
    assert "; day not recorded" not in words and "(two; date" not in words
    appendices = _words(
        _soup(docs[name]["report"]).select_one("section[data-section=f07_appendices]")
    )
    assert appendices.count("no findings") <= 1, appendices
    if name == "luton-final":
        assert "Third meeting, October 2016 (day not recorded in the council's papers)" in words


@pytest.mark.parametrize(
    ("name", "last"), [("luton-final", "luton-0228"), ("coventry-final", "coventry-0416")]
)
def test_the_final_report_refers_to_the_key_findings_its_appendix_states(docs, name, last):
    """LF: the five key findings (380 words) printed in full a third time. The last meeting's
    report (an appendix of the final report) states each in full; the final report names each
    and points to it, never restating its sentence."""
    words = text_of(docs[name]["report"])
    stated = [i.split(". ")[0] for i in _key_items(docs[last]["report"])]
    assert stated
    assert not [s for s in stated if s[:80] in words], words
    assert re.search(r": see Appendix [A-Z0-9]+, key finding 1\.", words), words


@pytest.mark.parametrize("name", ["luton-final", "coventry-final"])
def test_the_final_reports_appendices_are_in_one_scheme_and_cited_by_title(docs, name):
    """CF: Appendices A and B beside Appendices 1 to 4; the briefing note cited as
    "moderngov.coventry.gov.uk". The appendices are all lettered or all numbered, in order,
    and no paper is cited by a web address."""
    section = _soup(docs[name]["report"]).select_one("section[data-section=f07_appendices]")
    listed = re.findall(r"Appendi(?:x|ces) ([A-Z0-9]+)\b", _words(section))
    assert listed and (all(x.isdigit() for x in listed) or all(x.isalpha() for x in listed))
    numbers = [int(x) for x in listed if x.isdigit()]
    assert numbers == sorted(numbers), listed
    assert not re.search(r"\b[\w-]+\.(?:gov|org|co)\.uk\b|https?://", _words(section))
