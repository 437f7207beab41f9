"""Papers a scrutiny officer can table without editing (issue 22), on the built demo reviews.

Luton 21 September 2016 and 28 February 2017 with the final report (``luton``), and Coventry
27 March 2018 and 16 April 2018 with the final report (``coventry``): one group of tests per
numbered point of the issue.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from pipelines.core.config import load_review


def text(path: Path) -> str:
    """The words of an HTML document (tags, styles and images left out, spaces collapsed)."""
    t = path.read_text(encoding="utf-8")
    t = re.sub(r"<style.*?</style>|<script.*?</script>|<img[^>]*>", " ", t, flags=re.S)
    t = re.sub(r"<[^>]+>", " ", t)
    return re.sub(r"\s+", " ", html.unescape(t))


REPORTS = ["luton-0921", "luton-0228", "coventry-0327", "coventry-0416"]
ALL = [*REPORTS, "luton-final", "coventry-final"]


def appendix(docs, name: str) -> Path | None:
    """The meeting's exempt appendix (HTML), or None when the meeting withholds nothing
    (reader15): then no ``exempt/`` is written and the report neither lists nor mentions one
    (tests/e2e/test_no_empty_appendix.py)."""
    path = docs[name]["exempt"]
    if path.exists():
        return path
    assert not path.parent.exists(), name
    assert "exempt appendix" not in text(docs[name]["report"]).casefold(), name
    return None


# --- 1. Targets only with their source ---------------------------------------------------------


@pytest.mark.parametrize("name", REPORTS)
def test_no_illustrative_target_and_no_target_set_said_once(docs, name):
    words = text(docs[name]["report"])
    assert words.count("No target set") == 1
    assert "review's target of" not in words
    assert "Illustrative target" not in words
    for illustrative in ("target of 15.0%", "target of 15%", "target of 50.0%", "target of 50%"):
        assert illustrative not in words


@pytest.mark.parametrize("name", ["luton-0921", "luton-0228"])
def test_luton_caseload_target_is_printed_with_its_source(docs, name):
    words = text(docs[name]["report"])
    for hit in re.finditer(r"target of under 20", words):
        assert (
            "(set by Item 6 report to the group, paragraph 47, 21 September 2016)"
            in (words[hit.end() : hit.end() + 120])
            or "(set by the item 6 report to the group" in words[hit.end() : hit.end() + 80]
        )


def test_luton_scorecard_marks_no_illustrative_target_met_or_not(docs):
    words = text(docs["luton-0228"]["report"])
    # turnover and exit interviews have no target: nothing is met or not met against them
    assert not re.search(r"turnover[^.]{0,80}target not met", words, re.IGNORECASE)
    assert not re.search(r"exit interview[^.]{0,80}target not met", words, re.IGNORECASE)


# --- 2. Time-true --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["luton-0228", "luton-final"])
def test_luton_final_meeting_shows_nothing_published_after_it(docs, name):
    words = text(docs[name]["report"])
    # never mentioned, not even to say it is not used (only the annex, under its heading)
    assert "30 September 2017" not in words and "15 February 2018" not in words
    assert "published before" not in words
    assert "heard the DfE" not in words and "(DfE children's social work" not in words


def test_luton_later_data_only_in_the_annex_under_its_heading(docs):
    exempt = text(docs["luton-0228"]["exempt"])
    assert "DfE" not in exempt and "30 September 2017" not in exempt
    annex = text(docs["luton-0228"]["annex"])
    assert "Published after this meeting" in annex
    assert annex.index("Published after this meeting") < annex.rindex("30 September 2017")


def test_coventry_release_published_before_the_meeting_is_used_and_dated(docs):
    words = text(docs["coventry-0327"]["report"])
    assert "published 15 February 2018" in words
    assert "Published after this meeting" not in text(docs["coventry-0327"]["annex"])


# --- 3. The officers' figures, checked -----------------------------------------------------------


def test_luton_officers_figures_are_checked_in_the_public_report(docs):
    words = text(docs["luton-0921"]["report"])
    assert "Figures in the officers' reports, checked" in words
    start = words.rindex("Figures in the officers' reports, checked")
    chapter = words[start : start + 4000]
    assert "23.5%" in chapter and "23.2%" in chapter and "0.3 points lower" in chapter
    assert "£11,982" in chapter and "£14,720" in chapter and "£2,738 more" in chapter
    assert "£15,446" in chapter and "£17,230" in chapter
    assert re.search(r"Item 7 report, paragraph 21 27 26 1 fewer", chapter)
    tables = list((docs["luton-0921"]["folder"] / "public" / "tables").glob("*officers*"))
    assert len(tables) == 1


def test_coventry_checks_its_papers_figure_only_at_the_meeting_that_printed_it(docs):
    # The report of 16 April 2018 prints "an additional £30,000 pa" (paragraph 5.11): checked
    # there, not at 27 March 2018, whose papers print no figure the data can test.
    published = load_review("coventry-sw-2018").published_figures
    assert [(f.value, str(f.meeting)) for f in published] == [(30000.0, "2018-04-16")]
    assert "Figures in the officers' reports, checked" not in text(docs["coventry-0327"]["report"])
    assert "Figures in the officers' reports, checked" in text(docs["coventry-0416"]["report"])


# --- 4. Exempt only for a reason that holds ----------------------------------------------------


@pytest.mark.parametrize("name", REPORTS)
def test_every_exempt_item_carries_its_paragraph(docs, name):
    path = appendix(docs, name)
    if path is None:  # nothing withheld: no appendix (checked in appendix())
        return
    page = path.read_text(encoding="utf-8")
    # a table too long to print is a line naming its CSV file
    items = page.count("<table") + page.count("<img") + page.count("ep-csv-only")
    notes = len(re.findall(r"Exempt under Schedule 12A, paragraph [123]", page))
    # an appendix is written only when it holds an exempt item of its own (reader15)
    assert 1 <= notes <= items


def test_coventry_supplement_aggregate_costs_are_public(docs):
    words = text(docs["coventry-0327"]["report"])
    assert "supplement" in words.lower()
    assert re.search(r"£5,000|£215,000|43", words)
    # The scheme's aggregate costs: the register's 43 FTE on £5,000 (£215,000 a year) and the
    # extra cost of an agency worker over the post (£30,000), with the population costed on.
    # (the supplement model's values are numbers, their unit in the row's label: reader13)
    assert "Supplement per full-time post (£ a year) 5,000 Saving a year (£) 215,000" in words
    assert "workforce snapshot, permanent FTE in Children's Social Care 43 215,000" in words
    assert "Extra cost a year of each leaver replaced by an agency worker (£) 30,000" in words
    # None of them is in the exempt appendix: the review records no reason to withhold them.
    exempt = text(docs["coventry-0327"]["exempt"])
    assert "215,000" not in exempt and "30,000" not in exempt
    assert not load_review("coventry-sw-2018").exempt_financial


@pytest.mark.parametrize("name", ["coventry-0327", "coventry-0416", "coventry-final"])
def test_coventry_source_notes_name_no_year_after_the_meeting(docs, name):
    words = text(docs[name]["report"])
    if name == "coventry-0327":  # the report shows the national comparison, cited
        assert "Children's social work workforce statistics (local authority indicators)" in words
    elif name == "coventry-0416":  # the same DfE figures: the chapter is one line (reader12)
        assert "workforce The figures of this chapter are unchanged since the report" in words
    assert "2017 to 2025" not in words and not re.search(r"indicators, \d{4}", words)


# --- 8. The final report from its own build ------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "review"), [("luton-final", "luton-sw-2016"), ("coventry-final", "coventry-sw-2018")]
)
def test_final_report_lists_every_meeting_and_appendices_by_title(docs, name, review):
    words = text(docs[name]["report"])
    cfg = load_review(review)
    # Every meeting, dated or not, up to the last one held by the final report's meeting; an
    # undated one after it (a report-back still to come) is not listed as held.
    last = max(
        i
        for i, m in enumerate(cfg.meetings)
        if m.date is not None and m.date <= cfg.final_report.meeting
    )
    from pipelines.documents.final_meetings import _meeting_when, meeting_places

    places = meeting_places(cfg, cfg.final_report.meeting)
    from pipelines.documents.final_meetings import _either_side, listed_meetings

    listed = listed_meetings(cfg, cfg.final_report.meeting)
    for i, m in enumerate(cfg.meetings):
        shown = f"{m.date.day} {m.date:%B %Y}" if m.date else m.label
        if i <= last:  # a past meeting without a date is never "to be announced"
            # an undated one named as the report names it: with the dates either side of it
            named = (
                _meeting_when(m, places.get(id(m)), _either_side(listed, m))
                if m.date is None
                else shown
            )
            assert named in words and "to be announced" not in named, shown
        elif m.date is None:
            assert shown not in words, shown
    assert "to be announced" not in words
    assert "/public/report.pdf" not in words
    assert words.count("(demo)") == 0
    assert words.count("Demonstration") == 1


def test_luton_register_and_final_report_agree(docs):
    report = text(docs["luton-0228"]["report"])
    assert "Members' recommendations: none on the register" not in report
    final = text(docs["luton-final"]["report"])
    # who acts, from the register, opens the sentence (reader11: no "To:" line)
    assert (
        "The Executive to write to the Government asking that children's social workers be "
        "accredited" in final
    )


# --- 9. Background papers, author, metadata ------------------------------------------------------


@pytest.mark.parametrize("name", REPORTS)
def test_background_papers_offer_no_confidential_source(docs, name):
    words = text(docs[name]["report"])
    papers = words[words.rindex("Background papers") :]
    offered = papers.split("not open to inspection")[0]
    for confidential in ("leavers extract", "Exit interview forms", "staff survey", "locum survey"):
        assert confidential.lower() not in offered.lower()


@pytest.mark.parametrize(
    ("name", "review"),
    [
        ("luton-0921", "luton-sw-2016"),
        ("luton-0228", "luton-sw-2016"),
        ("luton-final", "luton-sw-2016"),
        ("coventry-0327", "coventry-sw-2018"),
        ("coventry-final", "coventry-sw-2018"),
    ],
)
def test_author_and_metadata_are_the_scrutiny_officer(docs, name, review):
    officer = load_review(review).contact_officer.name  # the review's, never a copy
    page = docs[name]["report"].read_text(encoding="utf-8")
    meta = re.search(r'<meta[^>]*name="author"[^>]*>', page)
    assert meta and f'content="{officer}' in meta.group(0)
    for other in ("Michelle Gwythyr", "Sheila Martin"):
        assert other not in page
    pdf = PdfReader(docs[name]["report"].with_suffix(".pdf"))
    assert (pdf.metadata.author or "").startswith(officer)


@pytest.mark.parametrize("name", REPORTS)
def test_key_findings_say_as_many_as_there_are(docs, name):
    listed = len(_key_findings(docs[name]["report"]))
    section = _soup(docs[name]["report"]).select_one("section[data-section=r03_key_findings]")
    said = _words(section)
    words = {1: "The finding that matters most", 2: "The two findings", 3: "The three findings"}
    words |= {4: "The four findings", 5: "The five findings"}
    assert words[listed] in said
    unchanged = sum(
        "Unchanged since the report to the meeting of" in item
        for item in _key_findings(docs[name]["report"])
    )
    if unchanged:
        # a later meeting: every key finding stated, those whose figures are new or changed
        # first, then the unchanged ones, each marked with its report (docs/architecture.md)
        fresh = listed - unchanged
        first = {0: "unchanged since an earlier report, which each names"}
        first |= {1: "first the one whose figure is new or changed since the last report"}
        first |= {n: f"first the {w} whose figures are new or changed" for n, w in
                  ((2, "two"), (3, "three"), (4, "four"))}  # fmt: skip
        assert first[fresh] in said, (name, said)


# --- 6. Every promise kept ---------------------------------------------------------------------


def _soup(path: Path):
    from bs4 import BeautifulSoup

    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _words(node) -> str:
    return " ".join(node.get_text(" ").split())


def findings_by_document(docs, name: str, selector: str = "ul.ep-findings li") -> list[list[str]]:
    """The text of each item ``selector`` finds, one list per document of the meeting (report,
    exempt appendix, annex; those it has)."""
    return [
        [_words(li) for li in _soup(path).select(selector)]
        for document in ("report", "exempt", "annex")
        # a meeting that withholds nothing has no exempt appendix (reader15)
        if (path := docs[name].get(document)) is not None and path.exists()
    ]


@pytest.mark.parametrize("name", REPORTS)
def test_chapter_headings_and_introductions_name_only_what_the_chapter_holds(docs, name):
    from pipelines.documents.chapters import _NUMBER_WORDS, _topics, shows_topic

    counted = {w: n for n, w in _NUMBER_WORDS.items()}

    def count_of(word: str | None) -> int:
        return 0 if word is None else counted.get(word) or int(word)

    checked = 0
    for section in _soup(docs[name]["report"]).select("section.pack-section"):
        heading, intro = section.find("h2"), section.find("p")
        said = _words(intro) if intro is not None else ""
        # the places its other bullets refer to are named ("gives one finding, refers to key
        # finding 5 and shows one table"): each bullet is counted (reader11, L28 scorecard)
        refers = re.search(r"refers to (.*?)(?= and shows|\.$)", said)
        said = re.sub(r"(?:,| and)? refers to .*?(?= and shows|\.$)", "", said)
        said = said.replace("chapter and ", "chapter ")
        referring = {
            r.group(1)
            for li in section.select("ul.ep-findings > li")
            if (r := re.search(r": see (key finding \d+|section \d+)\.$", _words(li)))
        }
        assert referring == set(
            re.findall(r"key finding \d+|section \d+", refers.group(1) if refers else "")
        ), (name, said, referring)
        m = re.search(
            r"this chapter (?:gives (\w+) findings?(?: and )?)?(?:shows (?:(\w+) tables?)?"
            r"(?: and )?(?:(\w+) charts?)?)?\.",
            said,
            flags=re.I,
        )
        if heading is None or m is None:
            continue
        checked += 1
        # what the introduction counts is what the chapter holds (issue 22, 7.1: it names no
        # caption, so it repeats none)
        # a finding stated in full elsewhere is referred to ("...: see key finding 5."), and the
        # introduction counts only those the chapter states in full
        own = [
            li
            for li in section.select("ul.ep-findings > li")
            if not re.search(r": see (?:key finding \d+|section \d+)\.$", _words(li))
        ]
        tables = section.select("div.ep-table")
        charts = section.select("figure.ep-chart")
        assert (count_of(m.group(1)), count_of(m.group(2)), count_of(m.group(3))) == (
            len(own),
            len(tables),
            len(charts),
        ), (name, said)
        captions = {_words(c) for c in section.select("figcaption, caption")}
        assert not any(c and c in said for c in captions), (name, said)
        # every topic the heading names is shown in the chapter (below the introduction)
        title_words = _words(heading)
        title = re.sub(r"^\d+\.\s*", "", title_words)
        lead, topics = _topics(title)
        intro.decompose()
        heading.decompose()
        body = _words(section)
        # (and the key findings that come from it, stated in full in section 3, each naming its
        # chapter: "See section 5 and source 2."; the chapter points to one only above its figure)
        number = re.match(r"\d+", title_words).group(0)
        key = _key_findings(docs[name]["report"])
        body += " ".join(k for k in key if re.search(rf"\bSee section {number}\b", k))
        for n, topic in enumerate(topics):
            if lead or n > 0:
                assert shows_topic(topic, body, first_only=not lead), (name, title, topic)
    # (the 16 April 2018 report prints one chapter in full: its evidence is as on 27 March)
    assert checked >= (1 if name == "coventry-0416" else 2)


@pytest.mark.parametrize("name", ALL)
@pytest.mark.parametrize("document", ["report", "exempt", "annex"])
def test_what_a_document_says_is_below_is_there(docs, name, document):
    """A paragraph that points to a table or list "below" has one after it in its section."""
    path = docs[name].get(document)
    if path is None:
        pytest.skip("the final report is one document")
    if document == "exempt" and appendix(docs, name) is None:
        return  # nothing withheld: no appendix (checked in appendix())
    pointing = re.compile(
        r"\b(?:listed|shown|checked|set out|are|is|given) below\b|below:|as follows"
    )
    for section in _soup(path).select("section.pack-section"):
        for p in section.find_all("p"):
            if not pointing.search(_words(p)):
                continue
            after = p.find_all_next(["table", "ul", "ol", "figure", "img"])
            assert any(section in a.parents for a in after), (name, document, _words(p)[:120])


# --- 7. Reading: each finding once, source notes, glossary, 9 pt charts, full pages, sums ----


def _key_findings(path: Path) -> list[str]:
    box = _soup(path).select_one("section[data-section=r03_key_findings] ul.ep-findings")
    return [_words(li) for li in box.find_all("li")] if box else []


@pytest.mark.parametrize("name", REPORTS)
def test_each_key_finding_is_stated_in_full_once_with_a_source_note(docs, name):
    items = _key_findings(docs[name]["report"])
    soup = _soup(docs[name]["report"])
    # a later meeting states its unchanged key findings too (reader12; docs/architecture.md)
    key = _words(soup.select_one("section[data-section=r03_key_findings]"))
    assert items or "gives no finding" in key, name
    for tag in soup.select("nav, .contents"):
        tag.decompose()
    body = _words(soup.body)
    sources = soup.select_one("section[data-section=r93_sources] ol")
    notes = [_words(li) for li in sources.find_all("li")] if sources else []
    for item in items:
        sentence, _, about = item.rpartition(" See ")
        assert body.count(sentence) == 1, (name, sentence)
        assert "source:" not in item and "period:" not in item
        for n in re.findall(r"source (\d+)", about):
            assert 1 <= int(n) <= len(notes), (name, item, notes)


@pytest.mark.parametrize("name", ALL)
@pytest.mark.parametrize("document", ["report", "exempt"])
def test_the_glossary_lists_exactly_the_abbreviations_the_document_uses(docs, name, document):
    from pipelines.documents.glossary import load_glossary, used_terms

    path = docs[name].get(document)
    if path is None:
        pytest.skip("the final report is one document")
    if document == "exempt" and appendix(docs, name) is None:
        return  # nothing withheld: no appendix (checked in appendix())
    review = "luton-sw-2016" if name.startswith("luton") else "coventry-sw-2018"
    soup = _soup(path)
    glossary = soup.find(
        lambda t: t.name == "section" and t.h2 is not None and t.h2.get_text().endswith("Glossary")
    )
    listed = (
        [
            name.strip()
            for li in glossary.find_all("li")
            for name in _words(li).split(":", 1)[0].split(", ")
        ]
        if glossary
        else []
    )
    for tag in [glossary, *soup.select("nav, .contents, section.cover")]:
        if tag is not None:
            tag.decompose()
    for tag in soup(["style", "script", "title"]):  # the head is not read
        tag.decompose()
    wanted = [t for t, _ in used_terms(soup.get_text(" "), load_glossary(review))]
    assert sorted(listed, key=str.lower) == wanted, (name, document)  # same meanings share a line


@pytest.mark.parametrize("name", REPORTS)
def test_every_chart_the_demo_builds_prints_its_text_at_9_points_or_more_and_none_overprinted(
    docs, name
):
    import json

    from pipelines.core.outputs import META_KEY

    folder = docs[name]["folder"] / "internal" / "sections"
    charts = 0
    for notebook in folder.rglob("*.ipynb"):
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            for output in cell.get("outputs", []):
                meta = (output.get("metadata") or {}).get(META_KEY) or {}
                if meta.get("kind") != "chart":
                    continue
                charts += 1
                svg = "image/svg+xml" in str(output.get("data", {}).get("text/html", ""))
                assert svg or (meta.get("printed_font_pt") or 0) >= 9.0, (
                    notebook.name,
                    meta.get("name"),
                    meta.get("printed_font_pt"),
                )
                # Nothing overprinted: no two of its texts drawn over each other.
                assert svg or meta.get("overprinted_texts") == 0, (notebook.name, meta.get("name"))
    assert charts >= 5


@pytest.mark.parametrize("name", ALL)
@pytest.mark.parametrize("document", ["report", "exempt", "annex"])
def test_no_page_is_under_a_third_full_but_the_last(docs, name, document):
    from tests.documents.page_fill import page_fill

    if document not in docs[name]:
        pytest.skip("the final report is one document")
    if document == "exempt" and appendix(docs, name) is None:
        return  # nothing withheld: no appendix (checked in appendix())
    fills = page_fill(docs[name][document].with_suffix(".pdf"))
    short = [(n, round(f, 2)) for n, f in enumerate(fills[:-1], start=1) if f < 1 / 3]
    assert not short, (name, document, short)


@pytest.mark.parametrize("name", REPORTS)
def test_no_schedule_12a_line_is_left_at_the_foot_of_a_page(docs, name):
    """Each exempt item's line starts the page its table or chart starts on: 21 September
    2016's appendix left it at the foot of pages 2, 5, 6, 8, 10, 11, 12, 17, 19 and 24."""
    stranded = []
    path = appendix(docs, name)
    if path is None:  # nothing withheld: no appendix (checked in appendix())
        return
    pdf = path.with_suffix(".pdf")
    for n, page in enumerate(PdfReader(pdf).pages, start=1):
        lines = page.extract_text().splitlines()[:-2]  # the running header and footer come last
        while lines and lines[-1].strip() in ("", "\u2022"):
            lines.pop()
        words = " ".join(lines)
        if "Exempt under Schedule 12A" in words:
            after = words.rsplit("Exempt under Schedule 12A", 1)[1]
            if not re.search(r"\.\s*\S", after):  # nothing follows the line on its page
                stranded.append(n)
    assert not stranded, (name, stranded)


@pytest.mark.parametrize("name", ALL)
def test_every_findings_sentence_adds_up(docs, name):
    from tests.documents.adds_up import problems

    found = []
    for said in findings_by_document(docs, name):
        for sentence in said:
            found += problems(sentence)
    assert not found, [(p.sentence[:160], p.why) for p in found]


@pytest.mark.parametrize("name", ALL)
def test_no_findings_sentence_nests_brackets(docs, name):
    """Key finding 5 of 21 September 2016 nested brackets three deep (issue 22, point 3)."""
    from tests.documents.brackets import nested

    found = []
    for said in findings_by_document(docs, name):
        found += nested(said)
    assert not found, found


# --- Issue 22, second reading: one measure one value, notes and promises kept -----------------


def test_luton_early_leaving_findings_say_which_measure_each_is(docs):
    """60.0% and 46.2% for early leaving: the starters' key finding names its population and
    says in a clause why the leavers' share differs, quoting it; the leavers' share is then not
    a key finding of its own (the same 46.2% stated twice, the councillor's reading of L21)."""
    items = _key_findings(docs["luton-0921"]["report"])
    early = [i for i in items if re.search(r"(?:leave within|served under) two years", i)]
    assert len(early) == 1, items
    starters = early[0]
    assert "who start leave within two years" in starters
    share = re.search(r"[Tt]he (\d+\.\d%) of leavers (?:in the year|between) ", starters)
    assert share and "another measure, a share of leavers" in starters
    assert sum(i.count(share.group(1)) for i in items) == 1, items
    assert not any(": of the year's leavers, " in i for i in items), items


def test_luton_agency_fte_each_says_its_population(docs):
    """64 FTE (practitioner posts), 77 (all posts) and 43 (all of children's posts)."""
    words = text(docs["luton-0921"]["report"])
    hit = re.search(
        r"Agency workers in practitioner posts \((\d+(?:\.\d)?) FTE of the (\d+(?:\.\d)?) FTE "
        r"of agency staff in all posts, managers and other posts included\)",
        words,
    )
    assert hit, "the practitioner posts' FTE is set against the FTE in all posts"
    assert float(hit.group(1)) < float(hit.group(2))
    assert re.search(
        r"Agency workers and vacancies by service: the council's HR snapshot at \d+ \w+ \d{4} "
        r"\(FTE in all posts, managers included\)",
        words,
    )
    assert re.search(
        r"agency staff in all the service's posts \(managers included\) go from", words
    )


@pytest.mark.parametrize("name", REPORTS)
def test_the_references_to_findings_say_what_each_is_about(docs, name):
    """ "see key finding 4" pointed to the wrong finding: each reference carries the label of
    the finding it means, and a key finding cited is the one numbered so in section 3."""
    soup = _soup(docs[name]["report"])
    section = soup.select_one("section[data-section=r90_implications]")
    body = _words(section)
    key = _key_findings(docs[name]["report"])
    cited = re.findall(r"key findings? (\d+) \(([^)]*?)[;)]", body)
    for n, about in cited:
        # the label and the finding numbered so share at least two telling words
        words = {w.lower() for w in re.findall(r"[A-Za-z']{5,}", about)}
        shared = {w for w in words if w in key[int(n) - 1].lower()}
        assert len(shared) >= 2, (name, n, about, key[int(n) - 1])
    assert "see key finding" not in body or cited


@pytest.mark.parametrize("name", REPORTS)
def test_a_source_note_points_to_nothing_below_or_above(docs, name):
    soup = _soup(docs[name]["report"])
    sources = soup.select_one("section[data-section=r93_sources] ol")
    notes = [_words(li) for li in sources.find_all("li")] if sources else []
    # every report but that of 16 April 2018, whose chapters of evidence are one line each
    # (unchanged since 27 March), cites sources
    assert notes or name == "coventry-0416"
    for note in notes:
        assert not re.search(r"\b(?:listed|shown|is|are) (?:below|above)\b", note), note


@pytest.mark.parametrize("name", REPORTS)
def test_a_note_on_the_national_comparison_only_where_the_report_holds_it(docs, name):
    words = text(docs[name]["report"])
    has_chapter = bool(re.search(r"\d+\. Local and national picture", words))
    if not has_chapter:
        assert "The national comparison's" not in words, name
        assert "Department for Education's for children's social workers at 30 September" not in (
            words
        )


@pytest.mark.parametrize("name", REPORTS)
def test_every_swot_entry_cites_its_figure_in_plain_words(docs, name):
    """Every SWOT entry of both demo reviews cites its figure, its period and the chapter of
    this report that prints it (or, when none does, its source), and nests no brackets: the
    28 February 2016 grid cited "the technical annex" for S1's figure and nested S2's brackets
    (issue 22 point 6)."""
    from tests.documents.brackets import nested

    path = appendix(docs, name)
    exempt = _soup(path) if path is not None else None
    grids = exempt.select("table.ep-swot") if exempt is not None else []
    listed = [_words(li) for grid in grids for li in grid.find_all("li")]
    assert not nested(listed) and all(" Evidence: " in e for e in listed), listed
    soup = _soup(docs[name]["report"])
    grids = soup.select("table.ep-swot")
    entries = [_words(li) for grid in grids for li in grid.find_all("li")]
    if not entries:
        pytest.skip("this report has no SWOT")
    headings = {
        m.group(1): m.group(2)
        for h in soup.find_all("h2")
        if (m := re.match(r"(\d+)\. (.+)", _words(h)))
    }
    assert not nested(entries), nested(entries)
    for entry in entries:
        assert "annex" not in entry, entry
        # a withheld figure is said in words, never "[c]" sending the reader to the exempt
        # appendix (issue 22, reader11 on L28 W2)
        assert "[c]" not in entry and "exempt appendix" not in entry, entry
        # an entry whose figure a finding states in full is a reference to it as a whole
        if re.search(r": see (?:key finding \d+|section \d+)\.$", entry):
            assert " Evidence: " not in entry, entry
            continue
        cited = entry.split(" Evidence: ", 1)
        assert len(cited) == 2 and cited[1].endswith("."), entry
        # a figure a finding of the report states in full is referred to, not stated again
        place = re.fullmatch(r"see (?:key finding \d|section (\d+))\.", cited[1])
        if place:
            assert place.group(1) is None or place.group(1) in headings, (entry, headings)
            continue
        parts = cited[1].rstrip(".").split("; ")
        assert re.search(r"\d", parts[0]), entry  # the value, or the base it is withheld of
        assert any(p.startswith("period: ") for p in parts) or re.search(
            r"\b(?:19|20)\d\d\b", cited[1]
        ), entry
        chapter = [p for p in parts if p.startswith("section ")]
        if chapter:
            m = re.fullmatch(r"section (\d+), \u201c(.+)\u201d", chapter[0])
            assert m and headings.get(m.group(1)) == m.group(2), (entry, headings)
        else:
            assert any(p.startswith("source: ") for p in parts), entry


def test_luton_final_report_counts_its_meetings_and_keeps_its_scope(docs):
    soup = _soup(docs["luton-final"]["report"])
    summary = _words(soup.select_one("section[data-section=f01_summary]"))
    # "What members heard" lists every meeting of the review, with what was heard at each
    meetings = soup.select_one("section[data-section=f05_heard]").find_all("ul")[0]
    listed = len(meetings.find_all("li"))
    assert "to be announced" not in _words(meetings)
    from pipelines.documents.final import count_words

    assert f"Over {count_words(listed, 'meeting')}" in summary and listed == 7
    scope = _words(soup.select_one("section[data-section=f04_scope]"))
    assert "SWOT of the local position: Appendix" in scope
    heard = _words(soup.select_one("section[data-section=f05_heard]"))
    assert "The review holds no record" not in heard  # each such meeting once, in the list
    assert "22 November 2016 (Fourth meeting): the evidence pack" in heard
    # what the appendices hold, in the present tense (reader11: four appendices "were to give
    # the comparison"): the council's own figures and where, no outside comparison, and the
    # packs that give no findings (issue 22: never "in no evidence pack", "not reported")
    assert "Local and national picture: the council's own figures are in Appendix B" in scope
    assert "no appendix compares them with figures from outside the council" in scope
    assert "Appendix A (15 August 2016) and Appendix C (22 November 2016) give no findings" in scope
    assert "were to give" not in scope
    # no "no record" on a row: said once after the list (reader11)
    assert "no record" not in heard
    assert heard.count("Where a meeting is listed by its date alone") == 1
    # who acts is said once, in the sentence; no "To:" and no made-up report-back (reader11)
    recs = _words(soup.select_one("section[data-section=f02_recommendations]"))
    assert "To:" not in recs and "successor" not in recs
    assert "The Head of HR to put a process in place" in recs
    # each appendix is named first by its meeting (reader11: A and C had the same title)
    papers = _words(soup.select_one("section[data-section=f07_appendices]"))
    # and says what it holds: the two packs whose reports show no chapter, as such (reader12)
    for said in (
        # the two packs that give no findings said once, together (reader14)
        "Appendices A and C: Monday 15 August 2016 (Scoping meeting) and Tuesday 22 November "
        "2016 (Fourth meeting), the evidence packs, which give no findings",
        "Appendix B: Wednesday 21 September 2016 (Second meeting), evidence on",
    ):
        assert said in papers, said
    assert "in no evidence pack" not in scope
    assert "not reported" not in scope
    assert "published after" not in scope


def test_coventry_tracker_completes_nothing_at_the_meeting_that_makes_it(docs):
    """The recommendations are made at this meeting (the final report's): none can be
    completed, on track or late yet. Read from the pack's tracker tables, every one of which
    must be there: the test once searched the text for a caption that had changed, found no
    table and checked nothing."""
    import pandas as pd

    tables = docs["coventry-0416"]["folder"] / "internal" / "tables"
    members = pd.read_csv(tables / "60_recommendations__register-members.csv")
    made = [r.label for r in load_review("coventry-sw-2018").final_report.recommendations]
    assert list(members["Ref"]) == made  # every recommendation of the final report, once
    # a register that records no status prints none (the column is left out); one that does
    # may say only that a recommendation has not started
    said = set(members["Status"]) if "Status" in members else set()
    assert said <= {"Grey (not started)"}, said
    # the table by workstream and status, where the pack shows one (a register with no status
    # in one workstream is said in a sentence instead)
    for path in tables.glob("60_recommendations__status-by-workstream.csv"):
        by = pd.read_csv(path)
        assert set(by.columns) <= {"Workstream", "Items", "Grey (not started)"}, list(by.columns)


def test_coventry_tracker_says_what_the_register_holds(docs):
    """Reader11: the C16 tracker printed one table row, "Not recorded 5, Items 5"."""
    from pipelines.sections.tracker import analysis as tr

    cfg = load_review("coventry-sw-2018")
    register = tr.load_register(tr.register_path(cfg))
    n = len(tr.members_recommendations(register))  # d.i to d.iii are one recommendation, d
    [stream] = {item.workstream for item in register.items}
    words = text(docs["coventry-0416"]["report"])
    assert f"Members' recommendations: {n} on the register at 16 April 2018" in words
    # the box says only what the findings above it do not (reader12)
    assert (
        f"What the register holds: All the register's recommendations are in one workstream, "
        f"\u201c{stream}\u201d."
    ) in words
    assert "Recommendations and actions by workstream" not in words


@pytest.mark.parametrize("name", ["coventry-0327", "coventry-0416"])
def test_coventry_promises_no_statistical_neighbours(docs, name):
    words = text(docs[name]["report"])
    assert "statistical neighbours" not in words.lower() or "(median)" in words


def test_coventry_officers_30000_is_checked_as_the_measure_it_is(docs):
    # Issue 22, point 4: the paper's "additional £30,000 pa" is one agency worker over one
    # Social Worker post (G7), which the data give; checked as that measure it agrees, and
    # the average over every agency FTE (£28,086), another measure, is printed nowhere.
    words = text(docs["coventry-0416"]["report"])
    start = words.rindex("Figures in the officers' reports, checked")
    chapter = words[start : start + 3000]
    assert "print one figure the council's data can test. It is the extra cost" in chapter
    assert "The paper's £30,000 agrees with the data." in chapter
    final = text(docs["coventry-final"]["report"])
    for document in (words, final):
        assert "£28,086" not in document and "£1,914" not in document
    assert "29th March" not in final and "29 March" not in final
    assert not list((docs["coventry-0327"]["folder"] / "public" / "tables").glob("*officers*"))


@pytest.mark.parametrize("name", REPORTS)
def test_a_paragraph_2_line_says_public_only_of_a_table_the_report_prints(docs, name):
    """Issue 22 (point 2): "public papers suppress them" was said of tables the public report
    does not print (the whole public run was read, not the report)."""
    # each table and chart carries an id of its section and name ("10-leavers--tbl-turnover")
    item = r' id="([^"]*--(?:tbl|fig)-[^"]*)"'
    printed = set(re.findall(item, docs[name]["report"].read_text(encoding="utf-8")))
    path = appendix(docs, name)
    if path is None:  # nothing withheld: no appendix (checked in appendix())
        return
    page = path.read_text(encoding="utf-8")
    # the line is the first line of its table's caption or its chart's title (after the id)
    items = re.findall(
        item + r'(?:(?!\sid=").)*?Exempt under Schedule 12A, paragraph 2: ([^<]*)<',
        page,
        flags=re.S,
    )
    assert items or "paragraph 2" not in page
    report = text(docs[name]["report"])
    for key, why in items:
        # shown with its small numbers suppressed, or with the rows holding them merged or left
        # out (reader12: a row left out is not "suppressed"); either way only if printed
        assert ("the public report shows it with " in why) == (key in printed), (why, key)
        assert "suppressed" not in why or "with them suppressed" in why, why
        # a chapter an earlier report tabled (one line here): the line names that report,
        # which this report lists among its background papers (reader11, C16 exempt appendix)
        earlier = re.search(r"the report to the meeting of (.+?) shows it", why)
        if earlier:
            assert key not in printed, (why, key)
            assert f"to the meeting of {earlier.group(1)}" in report[report.rindex("Background") :]


def test_coventry_register_words_are_not_exempted_and_the_agreeing_figure_is_named(docs):
    """Issue 22 (points 1 and 5): the exempt appendix exempted the recommendations and the
    legend that the final report prints; the checked chapter did not name its figure."""
    path = appendix(docs, "coventry-0416")
    exempt = text(path) if path is not None else ""  # none: nothing withheld (reader15)
    assert "Members' recommendations: owner, due date and status" not in exempt
    assert "What each status means" not in exempt
    annex = text(docs["coventry-0416"]["annex"])
    assert "Write to the Cabinet Member for Children and Young People in support" in annex
    words = text(docs["coventry-0416"]["report"])
    assert (
        "print one figure the council's data can test. It is the extra cost a year of one agency "
        "worker over one compared permanent post in Children's Social Care, printed in the "
        "report to the Cabinet Member, 16 April 2018, paragraph 5.11. The paper's £30,000 "
        "agrees with the data." in words
    )
    # one sentence says the figure agrees (papers19, point 7)
    assert "It agrees with the data" not in words and "The figure that agrees" not in words
