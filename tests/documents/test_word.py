"""The Word report is the PDF report: same text, tables, pictures, suppression; CSVs as printed."""

from __future__ import annotations

import dataclasses
import re
import zipfile
from types import SimpleNamespace

import pandas as pd
import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from pipelines.core import presentation
from pipelines.core.disclosure import Policy
from pipelines.core.exports import printed_decimals, printed_precision
from pipelines.core.outputs import format_value
from pipelines.documents import pack
from pipelines.documents.docx import docx_text, header_footer_text, visible_text, write_docx
from tests.documents.pack_sample import NotebookBuilder, sample_front, sample_sections


def printed_blocks(document: str) -> tuple[str, list[str]]:
    """The report title and the text blocks the Word report prints.

    Independent of the Word writer: what the PDF prints, the cover's h1 (the title) in its place
    under the council's name, each chart's data table under it (``details.ep-chart-details``,
    folded on screen), without the screen's "Show the figures" summary.
    """
    soup = BeautifulSoup(document, "html.parser")
    for details in soup.select("details.ep-chart-details"):
        details.find("summary").decompose()
        details.unwrap()
    h1 = soup.select_one("section.cover h1")
    return h1.get_text(" ", strip=True), visible_text(str(soup))


def suppressed_section():
    """A chapter whose public table suppresses a count of 3 (hand-checked: 3 < 5)."""
    page = presentation.Page(SimpleNamespace(policy=Policy("public")))
    frame = pd.DataFrame(
        {"Service": ["Adults", "Children"], "Leavers": [3, 26], "Turnover (%)": [8.1, 23.2]}
    )
    b = NotebookBuilder()
    b.md("# Leavers by service\n\nWho left, by service.")
    b.code(
        "page.show(...)",
        lambda: page.show(
            frame,
            "Leavers by service",
            "HR leavers extract",
            "2015/16",
            name="by-service",
            formats={"Turnover (%)": "{:.1f}"},
        ),
    )
    return pack.Section("20_by_service", b.nb)


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The sample report as HTML and as the Word file written from it."""
    front = dataclasses.replace(sample_front(), kind="report", marking="OFFICIAL")
    sections = [*sample_sections(), suppressed_section()]
    document = pack.assemble(sections, front)
    path = write_docx(document, front, tmp_path_factory.mktemp("word") / "report.docx")
    return SimpleNamespace(html=document, path=path, front=front)


def test_word_text_is_the_printed_report_text(sample):
    title, blocks = printed_blocks(sample.html)
    assert title == sample.front.title
    assert docx_text(sample.path) == blocks
    # the title is on the cover where the PDF prints it: under the council and committee
    council = sample.front.council
    assert blocks.index(council) < blocks.index(title) < blocks.index("Contents")
    adults = blocks.index("Adults")
    assert blocks[adults + 1] == "[c]"  # 3 leavers, below the threshold of 5: in neither


def test_word_keeps_heading_styles_table_headers_and_picture_alt_text(sample):
    with zipfile.ZipFile(sample.path) as z:
        doc = z.read("word/document.xml").decode("utf-8")
        core = z.read("docProps/core.xml").decode("utf-8")
        theme = z.read("word/theme/theme1.xml").decode("utf-8")
        images = [n for n in z.namelist() if n.startswith("word/media/")]
    soup = BeautifulSoup(sample.html, "html.parser")
    chapters = [h.get_text(" ", strip=True) for h in soup.find_all("h2")]
    heads = [
        re.sub(r"<[^>]+>", "", m)
        for m in re.findall(r'<w:pStyle w:val="Heading1" />.*?</w:p>', doc, re.S)
    ]
    assert heads == chapters and "Leavers by service" in heads
    assert re.findall(r'<a:latin typeface="([^"]*)"', theme) == ["Arial", "Arial"]  # as the PDF
    assert re.search(r'<w:pStyle w:val="Title" />.*?Evidence pack: reasons for leaving', doc, re.S)
    assert f"<dc:title>{sample.front.title}</dc:title>" in core
    tables = doc.count("<w:tbl>")
    # every table, each chart's data table included (issue 22: a chart in Word has its figures)
    assert tables == len(soup.select("table")) and soup.select("details table")
    assert doc.count("<w:tblHeader") == tables
    alts = re.findall(r'<wp:docPr [^>]*descr="([^"]*)"', doc)
    wanted = [i["alt"] for i in soup.select("figure img")]
    assert len(images) == len(wanted) == len(alts) == 2
    assert [a.replace("&#39;", "'").replace("&quot;", '"') for a in alts] == wanted
    # The picture's own description is its alternative text too, never its data: URI source.
    assert re.findall(r'<pic:cNvPr [^>]*descr="([^"]*)"', doc) == alts
    assert "data:image" not in doc


#: The caption of a chart's data table (core.presentation), printed under the chart by Word and PDF.
CHART_DATA = "Data for the chart above"


def python_docx_text(path, cells: bool = True, charts: bool = True) -> list[str]:
    """A Word file's body text as python-docx reads it: paragraphs and table cells in order
    (only paragraphs when ``cells`` is false; without the charts' data tables and their
    captions when ``charts`` is false)."""
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    doc = Document(str(path))
    out = []
    chart_data = False
    for block in doc.iter_inner_content():
        if isinstance(block, Paragraph):
            chart_data = block.text.strip() == CHART_DATA
            if not (chart_data and not charts):
                out.append(block.text)
        elif isinstance(block, Table) and cells and (charts or not chart_data):
            for row in block.rows:
                out.extend(cell.text for cell in row.cells)
    return [" ".join(t.split()) for t in out if t.strip()]


def test_word_pages_carry_council_meeting_marking_and_page_numbers(sample):
    header, footer = header_footer_text(sample.path)
    assert header == (
        "Luton Borough Council · Scrutiny Recruitment & Retention of Social Workers Task & "
        "Finish Group · Wednesday 21 September 2016"
    )
    assert footer == f"{sample.front.marking}\tPage {{PAGE}} of {{NUMPAGES}}"
    assert sample.front.marking == "OFFICIAL"  # as the PDF prints it
    # python-docx reads the same body text as pandoc's reading of the file
    body = python_docx_text(sample.path)
    assert body[0] == sample.front.council and sample.front.title in body[1:5]
    assert [re.sub(r"\s", "", b) for b in body] == [
        re.sub(r"\s", "", b) for b in docx_text(sample.path)
    ]


def test_exempt_word_pages_say_not_for_publication(tmp_path):
    front = dataclasses.replace(sample_front(), kind="exempt")  # marking NOT FOR PUBLICATION
    path = write_docx(pack.assemble(sample_sections(), front), front, tmp_path / "exempt.docx")
    header, footer = header_footer_text(path)
    assert footer == "NOT FOR PUBLICATION\tPage {PAGE} of {NUMPAGES}"
    assert header.startswith("Luton Borough Council · ")


def test_same_html_gives_the_same_word_file(sample, tmp_path):
    again = write_docx(sample.html, sample.front, tmp_path / "again.docx")
    assert again.read_bytes() == sample.path.read_bytes()


# --- CSVs hold the printed values ------------------------------------------------------------


def test_printed_decimals_reads_the_format_pattern():
    assert printed_decimals("{:.1f}%") == 1
    assert printed_decimals("£{:,.0f}") == 0
    assert printed_decimals("{:.2f}") == 2
    assert printed_decimals("{:,}") is None
    assert printed_decimals(None) is None


def test_printed_precision_rounds_to_what_is_printed():
    frame = pd.DataFrame(
        {
            "Service": ["Adults", "Children"],
            "Leavers": [4, "[c]"],
            "Turnover (%)": [14.647887323900001, 30.76923076923077],
            "Saving per post (£)": [11982.4, 15446.0],
            "Ratio": [0.125, 2.0],
        }
    )
    out = printed_precision(frame, {"Saving per post (£)": "£{:,.0f}", "Ratio": "{:.2f}"})
    assert out["Turnover (%)"].tolist() == [14.6, 30.8]
    assert out["Saving per post (£)"].tolist() == [11982.0, 15446.0]
    assert out["Ratio"].tolist() == [0.12, 2.0]  # printed "0.12" (Python rounds half to even)
    assert out["Leavers"].tolist() == [4, "[c]"]
    assert out["Service"].tolist() == ["Adults", "Children"]
    assert frame["Turnover (%)"][0] == 14.647887323900001  # the input is not changed


@given(
    value=st.floats(min_value=-1e7, max_value=1e7, allow_nan=False),
    fmt=st.sampled_from([None, "{:.0f}", "{:.1f}", "{:.2f}", "{:,.1f}%", "£{:,.0f}"]),
)
def test_a_csv_value_prints_as_the_document_prints_it(value, fmt):
    column = "x"
    out = printed_precision(pd.DataFrame({column: [value]}), {column: fmt} if fmt else None)
    csv_value = out[column][0]
    assert csv_value == _number(format_value(value, fmt))


# --- The shared built pack ---------------------------------------------------------------------


def _number(text: str) -> float | None:
    """A printed cell as a number (``£1,234``, ``23.2%``), or None for text."""
    cleaned = re.sub(r"[£,%\s]", "", text)
    try:
        return float(cleaned)
    except ValueError:
        return None


def test_built_report_docx_text_is_the_report_html_text(built):
    document = (built.public / "report.html").read_text(encoding="utf-8")
    _, blocks = printed_blocks(document)
    assert docx_text(built.public / "report.docx") == blocks
    assert not re.search(r"turnover_adults|Rule: ", " ".join(blocks))


def _squash(text: str) -> str:
    """Only the letters, digits and signs £ % [ ] of a text (PDF text extraction drops or moves
    spaces, hyphens and quotes at line ends)."""
    text = text.replace("\ufb01", "fi").replace("\ufb02", "fl")
    return re.sub(r"[^\w£%\[\]]|_", "", text)


def test_built_word_report_says_what_the_pdf_report_says(built):
    """Every paragraph and cell of the Word report (read with python-docx) is in the PDF report's
    text, its chapters in the same order, and its header and footer say what the PDF's running
    header and footer do."""
    import subprocess

    pdf = subprocess.run(
        ["pdftotext", str(built.public / "report.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    running = {"OFFICIAL", "Scrutiny Recruitment & Retention of Social Workers Task & Finish Group",
               "Wednesday 21 September 2016"}  # fmt: skip
    cover, *pages = pdf.split("\f")  # the running header and footer, on every page but the cover
    body = cover + "\n".join(
        line for line in "\n".join(pages).splitlines()
        if line.strip() not in running and not re.fullmatch(r"\s*Page \d+ of \d+\s*", line)
    )  # fmt: skip
    flat = _squash(body)
    # each chart's data table is printed under it in both (issue 22; docs/architecture.md)
    paragraphs = python_docx_text(built.public / "report.docx", cells=False)
    assert paragraphs.count(CHART_DATA) >= 5
    assert len(paragraphs) > 30
    missing = [b for b in paragraphs if _squash(b) not in flat]
    assert not missing, missing[:10]
    # a table cell's words (a header wraps across lines the PDF text interleaves)
    # (hyphens left out: the PDF text joins a word hyphenated at a line end)
    words = set(re.findall(r"[\w£%\[\]]+", pdf.replace("-", "")))
    cells = python_docx_text(built.public / "report.docx")
    absent = [c for c in cells if not set(re.findall(r"[\w£%\[\]]+", c.replace("-", ""))) <= words]
    # pdftotext can join a header cell's hyphenated word with the next column's ("pre-" +
    # "In post" -> "preIn"): one cell in a hundred may be read so
    assert len(cells) > 100 and len(absent) <= len(cells) // 100, absent[:10]
    # the chapters come in the same order
    from docx import Document

    headings = [
        p.text
        for p in Document(str(built.public / "report.docx")).paragraphs
        if p.style.name == "Heading 1"
    ]
    at = len(_squash(cover))  # after the contents list
    for heading in headings[1:]:
        found = flat.find(_squash(heading), at)
        assert found > at, f"chapter {heading!r} is not in the PDF after the one before it"
        at = found
    assert len(headings) > 5
    header, footer = header_footer_text(built.public / "report.docx")
    first_page_after_cover = pdf.split("\f")[1]
    date = header.split(" · ")[-1]
    assert date in first_page_after_cover and header.startswith("Luton Borough Council")
    assert footer == "OFFICIAL\tPage {PAGE} of {NUMPAGES}"
    assert "OFFICIAL" in first_page_after_cover  # one marking: the PDF's footer prints it too
    assert re.search(r"Page 2 of \d+", first_page_after_cover)


def test_built_public_csvs_hold_the_printed_values(built):
    """Every number in a public table's CSV is the number its HTML table prints."""
    soup = BeautifulSoup((built.public / "report.html").read_text(encoding="utf-8"), "html.parser")
    checked = 0
    for path in sorted((built.public / "tables").glob("*.csv")):
        csv = pd.read_csv(path, dtype=str, keep_default_na=False)
        for cell in csv.to_numpy().ravel():
            assert not re.fullmatch(r"-?\d+\.\d{3,}", cell), (path.name, cell)
        section, name = path.stem.split("__", 1)
        prefix = re.escape(section.replace("_", "-"))
        element = soup.find(id=re.compile(rf"{prefix}--(tbl|fig)-{re.escape(name)}$"))
        table = element.find("table", class_="ep-data") if element else None
        if table is None:
            continue
        rows = [
            [c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])]
            for tr in table.find_all("tr")
        ]
        if rows[0] != list(csv.columns) or len(rows) - 1 != len(csv):
            continue
        for printed_row, csv_row in zip(rows[1:], csv.to_numpy().tolist(), strict=True):
            for printed, value in zip(printed_row, csv_row, strict=True):
                number = _number(printed)
                if number is not None and printed not in ("–",):
                    assert _number(value) == number, (path.name, printed, value)
                    checked += 1
    assert checked > 100


def test_an_svg_chart_reaches_word_with_its_alt_text(tmp_path):
    import base64

    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">'
        '<rect width="200" height="100" fill="#12436D"/></svg>'
    )
    data = base64.b64encode(svg.encode()).decode()
    document = (
        '<html><head><title>T</title></head><body class="kind-report"><h2>Leavers</h2>'
        '<figure class="ep-chart"><figcaption class="ep-chart-title">26 left</figcaption>'
        f'<img src="data:image/svg+xml;base64,{data}" alt="Bar chart: 26 leavers in 2015/16">'
        '<p class="ep-source">Source: HR.</p></figure></body></html>'
    )
    path = write_docx(document, SimpleNamespace(title="T"), tmp_path / "svg.docx")
    with zipfile.ZipFile(path) as z:
        doc = z.read("word/document.xml").decode("utf-8")
        svgs = [n for n in z.namelist() if n.startswith("word/media/") and n.endswith(".svg")]
    assert len(svgs) == 1 and "svgBlip" in doc
    assert re.search(r'<wp:docPr [^>]*descr="Bar chart: 26 leavers in 2015/16"', doc)
    assert docx_text(path) == ["Leavers", "26 left", "Source: HR."]


def test_a_committee_reports_chart_keeps_its_data_table_in_word():
    """Reader11, Luton 21 September 2016: the Word report's survival and projection charts had
    no data table (Word has nothing to unfold: it prints the table, as the PDF does)."""
    from pipelines.documents.docx import word_html

    page = (
        '<html><body class="kind-report"><figure><figcaption>Chart</figcaption>'
        '<img src="x.png" alt="Bar chart. A: 3."></figure><details class="ep-chart-details">'
        '<summary>Show the figures in this chart</summary><table class="ep-data ep-chart-data">'
        "<caption>Data for the chart above</caption><tr><th>A</th><td>3</td></tr></table>"
        "</details></body></html>"
    )
    out = BeautifulSoup(word_html(page), "html.parser")
    assert [t.caption.get_text() for t in out.find_all("table")] == ["Data for the chart above"]
    assert not out.find("details") and "Show the figures" not in out.get_text()


def test_word_sets_number_columns_right_and_the_marking_bold(sample):
    """The PDF right-aligns a table's number columns and prints the cover's marking as a bold
    label; Word had them left-aligned and in plain text."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = Document(str(sample.path))
    soup = BeautifulSoup(sample.html, "html.parser")
    (html_table,) = [
        t for t in soup.select("table") if t.caption.get_text() == "Leavers by service"
    ]
    numeric = [c.has_attr("class") and "num" in c["class"] for c in html_table.find("tr")("th")]
    assert numeric == [False, True, True]  # Service; Leavers, Turnover (%)
    (table,) = [t for t in doc.tables if t.rows[0].cells[0].text == "Service"]
    for row in table.rows:
        aligned = [c.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT for c in row.cells]
        assert aligned == numeric, [c.text for c in row.cells]
    marking = [p for p in doc.paragraphs if p.text.strip() == sample.front.marking]
    assert marking and all(run.bold for p in marking for run in p.runs if run.text.strip())
