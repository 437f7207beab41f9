"""Tests for pipelines.documents.pack: one accessible HTML document and a tagged PDF."""

from __future__ import annotations

import datetime
import logging
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from pipelines.documents import pack
from pipelines.documents.pack import (
    Section,
    assemble,
    collect_tables,
    format_meeting_date,
    write_pdf,
)
from tests.documents.pack_sample import (
    CODE_MARKER,
    ERROR_MARKER,
    PLAIN_MARKER,
    RAW_MARKER,
    STREAM_MARKER,
    sample_front,
    sample_sections,
)

HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]


@pytest.fixture(scope="module")
def sections() -> list[Section]:
    return sample_sections()


@pytest.fixture(scope="module")
def front():
    return sample_front()


@pytest.fixture(scope="module")
def html_text(sections, front) -> str:
    return assemble(sections, front)


@pytest.fixture(scope="module")
def soup(html_text) -> BeautifulSoup:
    return BeautifulSoup(html_text, "html.parser")


@pytest.fixture(scope="module")
def pdf(tmp_path_factory, html_text, front) -> PdfReader:
    path = tmp_path_factory.mktemp("pack") / "pack.pdf"
    write_pdf(html_text, path, title=front.title)
    return PdfReader(path)


def section_headings(soup: BeautifulSoup) -> list:
    return [h for s in soup.select("section.pack-section") for h in s.find_all(HEADINGS)]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def one_section(*cells, name: str = "50_extra") -> Section:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Extra"), *cells]
    return Section(name, nb)


# HTML ------------------------------------------------------------------------------------------


def test_html_has_no_code_or_prompts(html_text, soup):
    assert CODE_MARKER not in html_text
    assert "report.show" not in html_text
    assert not soup.select("pre, .highlight, .jp-InputPrompt, .jp-OutputPrompt, .prompt")
    assert "In&nbsp;[" not in html_text and "In [" not in html_text


def test_html_drops_streams_errors_plain_results_and_raw_cells(html_text):
    for marker in (STREAM_MARKER, ERROR_MARKER, PLAIN_MARKER, RAW_MARKER):
        assert marker not in html_text


def test_document_has_language_title_and_main(soup, front):
    assert soup.html["lang"] == "en-GB"
    assert soup.title.string == front.title
    assert len(soup.find_all("main")) == 1


def test_pack_has_exactly_one_h1_which_is_the_title(soup, front):
    h1s = soup.find_all("h1")
    assert [h.get_text(strip=True) for h in h1s] == [front.title]


def test_section_headings_move_down_one_level(soup):
    levels = {h.get_text(strip=True): h.name for h in section_headings(soup)}
    assert levels["Summary"] == "h2"  # "# Summary"
    assert levels["Key findings"] == "h3"  # "## Key findings"
    assert levels["Leavers by team"] == "h4"  # "### Leavers by team"


def test_headings_never_skip_a_level(soup):
    levels = [int(h.name[1]) for h in soup.find_all(HEADINGS)]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))


def test_heading_that_would_skip_a_level_is_raised(front):
    section = one_section(nbformat.v4.new_markdown_cell("#### Too deep\n\ntext"))
    doc = BeautifulSoup(assemble([section], front), "html.parser")
    assert [h.name for h in section_headings(doc)] == ["h2", "h3"]


def test_heading_ids_are_unique_and_prefixed_with_the_section(soup):
    ids = [el["id"] for el in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))
    for section in soup.select("section.pack-section"):
        prefix = section["id"].removeprefix("section-") + "--"
        assert all(h["id"].startswith(prefix) for h in section.find_all(HEADINGS))


def test_repeated_heading_text_gets_distinct_ids(soup):
    notes = [h["id"] for h in section_headings(soup) if h.get_text(strip=True) == "Notes"]
    assert notes == ["20-exit-interviews--notes", "20-exit-interviews--notes-2"]


def test_contents_links_every_h2_and_h3_to_an_existing_id(soup):
    hrefs = [a["href"] for a in soup.select("nav.contents a")]
    wanted = [f"#{h['id']}" for h in section_headings(soup) if h.name in ("h2", "h3")]
    assert hrefs == wanted
    assert all(soup.find(id=href[1:]) is not None for href in hrefs)


def test_contents_nests_h3_entries_under_their_h2(soup):
    top = soup.select("nav.contents ol.toc > li")
    assert [li.a.get_text() for li in top] == [
        "Summary",
        "Social workers leaving the council",
        "Exit interviews",
        "Data sources and definitions",
    ]
    assert [a.get_text() for a in top[0].select(":scope > ol a")] == [
        "Key findings",
        "Questions the group may wish to ask",
    ]


def test_every_internal_link_has_a_target(soup):
    for a in soup.select('a[href^="#"]'):
        assert soup.find(id=a["href"][1:]) is not None, a["href"]


def test_no_anchor_pilcrow_or_empty_links(html_text, soup):
    assert "¶" not in html_text
    assert not soup.select("a.anchor-link")
    assert all(a.get_text(strip=True) for a in soup.find_all("a"))


def test_tables_keep_header_scope(soup):
    tables = soup.select("section.pack-section table")
    assert len(tables) == 8
    for table in tables:
        assert table.caption is not None
        assert all(th.get("scope") in ("col", "row") for th in table.find_all("th"))
        assert table.thead.find_all("th", scope="col")


def test_every_image_has_alt_text(soup):
    images = soup.find_all("img")
    assert len(images) == 2
    assert all(len(img["alt"]) > 20 for img in images)


def test_long_tables_may_break_and_short_ones_do_not(soup):
    long_tables = soup.select("table.ep-long")
    assert [t.caption.get_text() for t in long_tables] == ["Leavers by month"]


def test_cover_shows_meeting_details_and_marking(soup, front):
    cover = soup.select_one("section.cover")
    text = " ".join(cover.get_text(" ").split())
    for expected in (
        front.council,
        front.committee,
        front.committee_ref,
        "Wednesday 21 September 2016",
        front.meeting_time,
        front.place,
        front.agenda_items[0],
        front.report_of,
        front.author,
        front.contact,
        front.marking_note,
        front.provenance,
        front.built,
    ):
        assert expected in text
    assert cover.select_one(".marking .marking-label").get_text() == "NOT FOR PUBLICATION"


def test_sections_appear_in_order_each_in_its_own_section_element(soup, sections):
    names = [s["data-section"] for s in soup.select("section.pack-section")]
    assert names == [s.name for s in sections]


def test_output_ids_from_report_are_prefixed_and_links_follow(soup):
    figure = soup.find("figure", class_="ep-chart")
    assert figure["id"] == "10-leavers--fig-reasons"
    assert soup.select_one('a[href="#10-leavers--fig-reasons"]') is not None


def test_assemble_is_deterministic_apart_from_built(sections, front, html_text):
    other = sample_front(built="1 January 2030 00:00")
    again = assemble(sections, other)
    assert again.replace(other.built, front.built) == html_text


def test_bare_png_output_is_shown_with_alt_from_metadata(front):
    png = (
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAA"
        "BJRU5ErkJggg=="
    )
    output = nbformat.v4.new_output(
        "display_data",
        data={"image/png": png, "text/plain": "<Figure size 640x480>"},
        metadata={"evidence_pack": {"kind": "chart", "name": "dot", "alt": "A single dot"}},
    )
    section = one_section(nbformat.v4.new_code_cell("plt.show()", outputs=[output]))
    doc = BeautifulSoup(assemble([section], front), "html.parser")
    assert doc.find("img")["alt"] == "A single dot"


def test_markdown_output_is_rendered_when_there_is_no_html(front):
    output = nbformat.v4.new_output(
        "execute_result", data={"text/markdown": "**Bold** claim"}, execution_count=1
    )
    section = one_section(nbformat.v4.new_code_cell("Markdown(...)", outputs=[output]))
    doc = BeautifulSoup(assemble([section], front), "html.parser")
    assert doc.select_one("section.pack-section strong").get_text() == "Bold"


def test_duplicate_section_names_are_rejected(sections, front):
    with pytest.raises(ValueError, match="unique"):
        assemble([sections[0], Section(sections[0].name, sections[1].notebook)], front)


def test_meeting_date_is_written_in_words():
    assert format_meeting_date(datetime.date(2016, 9, 21)) == "Wednesday 21 September 2016"
    assert format_meeting_date(datetime.date(2017, 1, 2)) == "Monday 2 January 2017"


# collect_tables --------------------------------------------------------------------------------


def test_collect_tables_names_every_table_and_chart(sections):
    assert list(collect_tables(sections)) == [
        "10_leavers__turnover.csv",
        "10_leavers__reasons.csv",
        "10_leavers__teams.csv",
        "10_leavers__service.csv",
        "20_exit_interviews__response.csv",
        "20_exit_interviews__ratings.csv",
        "90_data_notes__sources.csv",
        "90_data_notes__monthly.csv",
    ]


def test_collect_tables_returns_the_data_shown(sections):
    turnover = collect_tables(sections)["10_leavers__turnover.csv"]
    expected = pd.DataFrame(
        {
            "Year": ["2013/14", "2014/15", "2015/16"],
            "Average headcount": [288, 292, 301],
            "Leavers": [47, 52, 64],
            "Turnover (%)": [16.3, 17.8, 21.3],
        }
    )
    pd.testing.assert_frame_equal(turnover, expected)


def test_collect_tables_includes_chart_data(sections):
    reasons = collect_tables(sections)["10_leavers__reasons.csv"]
    assert list(reasons.columns) == ["Reason", "Leavers"]
    assert reasons["Leavers"].sum() == 64


def test_collect_tables_reads_a_table_once_per_process_and_gives_copies(sections, monkeypatch):
    """The report, its tables and the disclosure audit read the same tables: the JSON of each
    is read once, and each caller gets its own copy (changing one changes no other)."""
    from pipelines.documents import pack

    pack._printed_table.cache_clear()
    reads = []
    original = pd.read_json
    monkeypatch.setattr(pd, "read_json", lambda *a, **k: reads.append(1) or original(*a, **k))
    first = collect_tables(sections)
    assert len(reads) == len(first) == 8
    second = collect_tables(sections)
    assert len(reads) == 8
    for name, table in first.items():
        pd.testing.assert_frame_equal(table, second[name])
    second["10_leavers__turnover.csv"].loc[0, "Leavers"] = 0
    assert first["10_leavers__turnover.csv"]["Leavers"].tolist() == [47, 52, 64]
    assert collect_tables(sections)["10_leavers__turnover.csv"]["Leavers"].tolist() == [47, 52, 64]


def test_collect_tables_makes_repeated_names_unique(sections):
    repeated = Section("10_leavers", sections[1].notebook)
    names = list(collect_tables([repeated, repeated]))
    assert names.count("10_leavers__turnover.csv") == 1
    assert "10_leavers__turnover-2.csv" in names


# PDF -------------------------------------------------------------------------------------------


def test_pdf_has_the_title(pdf, front):
    assert pdf.metadata.title == front.title
    assert pdf.trailer["/Root"]["/ViewerPreferences"]["/DisplayDocTitle"]


def test_pdf_has_the_language(pdf):
    assert pdf.trailer["/Root"]["/Lang"] == "en-GB"


def test_pdf_is_tagged(pdf):
    root = pdf.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]


def test_pdf_declares_pdf_ua_1(pdf):
    assert b'pdfuaid:part="1"' in pdf.xmp_metadata.stream.get_data()


def test_pdf_bookmarks_match_the_section_headings(pdf, soup):
    def flatten(items):
        for item in items:
            if isinstance(item, list):
                yield from flatten(item)
            else:
                yield " ".join(item.title.split())

    expected = [" ".join(h.get_text().split()) for h in section_headings(soup)]
    assert list(flatten(pdf.outline)) == expected


def test_pdf_has_cover_contents_and_sections_on_separate_pages(pdf):
    assert len(pdf.pages) > 2
    assert "Contents" in pdf.pages[1].extract_text()


def test_pdf_text_has_committee_and_page_numbers(pdf, front):
    first = pdf.pages[0].extract_text()
    assert squash(front.committee) in squash(first)
    assert f"Page 1 of {len(pdf.pages)}" in first


def test_pdf_running_header_on_later_pages_but_not_the_cover(pdf, front):
    date = squash("Wednesday 21 September 2016")
    assert squash(pdf.pages[0].extract_text()).count(date) == 1  # cover only, no header
    later = squash(pdf.pages[2].extract_text())
    assert squash(front.committee) in later and date in later
    assert "NOTFORPUBLICATION" in later


def test_write_pdf_falls_back_to_tagged_output_when_the_variant_fails(
    tmp_path, monkeypatch, caplog
):
    import weasyprint.document

    original = weasyprint.document.Document.write_pdf

    def failing(self, target=None, *args, **options):
        if options.get("pdf_variant"):
            raise RuntimeError("variant broke")
        return original(self, target, *args, **options)

    monkeypatch.setattr(weasyprint.document.Document, "write_pdf", failing)
    path = tmp_path / "small.pdf"
    with caplog.at_level(logging.WARNING, logger=pack.__name__):
        write_pdf('<html lang="en-GB"><title>T</title><p>Hello</p></html>', path, title="Small")
    reader = PdfReader(path)
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert reader.metadata.title == "Small"
    assert "variant broke" in caplog.text


def test_write_pdf_creates_missing_folders(tmp_path: Path):
    path = tmp_path / "a" / "b" / "pack.pdf"
    write_pdf('<html lang="en-GB"><title>T</title><main><p>Hi</p></main></html>', path, title="T")
    assert path.read_bytes().startswith(b"%PDF-1.7")


def test_write_pdf_is_reproducible(tmp_path):
    page = (
        '<html lang="en-GB"><title>T</title><main><table><caption>C</caption><thead><tr>'
        '<th scope="col">Team</th><th scope="col">Leavers</th></tr></thead><tbody><tr>'
        '<th scope="row">Fostering</th><td>3</td></tr></tbody></table></main></html>'
    )
    write_pdf(page, tmp_path / "one.pdf", title="T")
    write_pdf(page, tmp_path / "two.pdf", title="T")
    assert (tmp_path / "one.pdf").read_bytes() == (tmp_path / "two.pdf").read_bytes()
