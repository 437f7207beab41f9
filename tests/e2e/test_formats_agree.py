"""The Word, PDF and HTML versions of each built report print the same headings and tables
(issue 22 point 5; docs/architecture.md, "A chart's data table is printed under it").

Read independently of the writers: the HTML with BeautifulSoup, the Word file with python-docx,
the PDF's bookmarks with pypdf and its text with pdftotext. Every table, each chart's data table
included, is in all three, in the same order, with the same cells; a chart's data table has the
columns, rows and suppressed cells of the chart's public CSV file.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

#: Every public report of the two demo reviews with a Word version: each meeting's committee
#: report and each review's final report (the keys of the ``docs`` fixture, tests/e2e/conftest.py).
REPORTS = [
    "luton-0921",
    "luton-0228",
    "coventry-0327",
    "coventry-0416",
    "luton-final",
    "coventry-final",
]
#: The reports that print tables and charts.
WITH_TABLES = {"luton-0921", "luton-0228", "coventry-0327"}


def _words(text: str) -> str:
    return " ".join(str(text).split())


def _squash(text: str) -> str:
    """Only letters, digits and £ % [ ] (pdftotext moves spaces and hyphens at line ends)."""
    text = text.replace("\ufb01", "fi").replace("\ufb02", "fl")
    return re.sub(r"[^\w£%\[\]]|_", "", text)


def html_parts(path: Path) -> tuple[list[tuple[int, str]], list[tuple[str, list[list[str]]]]]:
    """Headings (level, text; ``h2`` is level 1, as Word's Heading 1) and tables (caption,
    rows of cell texts) of an HTML report, in document order; the cover's ``h1`` is its title."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    heads, tables = [], []
    for tag in soup.body.find_all(["h2", "h3", "h4", "h5", "h6", "table"]):
        if tag.name == "table":
            rows = [
                [_words(c.get_text(" ")) for c in tr.find_all(["th", "td"])] for tr in tag("tr")
            ]
            tables.append((_words(tag.caption.get_text(" ")) if tag.caption else "", rows))
        else:
            heads.append((int(tag.name[1]) - 1, _words(tag.get_text(" "))))
    return heads, tables


def docx_parts(path: Path) -> tuple[list[tuple[int, str]], list[tuple[str, list[list[str]]]]]:
    """Headings (Word's heading styles) and tables (the paragraph before, rows of cell texts)."""
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    heads, tables, before = [], [], ""
    for block in Document(str(path)).iter_inner_content():
        if isinstance(block, Paragraph):
            level = re.fullmatch(r"Heading (\d)", block.style.name)
            if level:
                heads.append((int(level.group(1)), _words(block.text)))
            before = _words(block.text) or before
        elif isinstance(block, Table):
            tables.append((before, [[_words(c.text) for c in row.cells] for row in block.rows]))
    return heads, tables


def pdf_parts(path: Path) -> tuple[list[tuple[int, str]], str]:
    """The PDF's bookmarks (level, title) in order, and its text in reading order."""
    heads: list[tuple[int, str]] = []

    def walk(items, level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                heads.append((level, _words(item.title)))

    walk(PdfReader(str(path)).outline, 1)
    text = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    # pdftotext reads each page's list markers ("1.", "•"), running header and footer ("...
    # Group Wednesday 21 September 2016", "OFFICIAL Page 2 of 22") after its text: left out,
    # a paragraph that runs on to the next page reads as one
    lines = text.splitlines()
    footers = [i for i, line in enumerate(lines) if re.search(r"Page \d+ of \d+\s*$", line)]
    headers = {i - 1 for i in footers if i and lines[i - 1] == lines[footers[-1] - 1]}
    markers = {i for i, line in enumerate(lines) if re.fullmatch(r"\s*(\d+\.|•)\s*", line)}
    drop = set(footers) | headers | markers
    return heads, "\n".join(line for i, line in enumerate(lines) if i not in drop)


def pdf_tags(path: Path, kind: str) -> list[dict]:
    """The elements of type ``kind`` (``/Figure``, ``/Table``) of a tagged PDF, in order."""
    found: list[dict] = []

    def walk(node) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            for kid in node:
                walk(kid)
        elif isinstance(node, dict):
            if node.get("/S") == kind:
                found.append(node)
            if "/K" in node:
                walk(node["/K"])

    walk(PdfReader(str(path)).trailer["/Root"]["/StructTreeRoot"]["/K"])
    return found


def pdf_figure_alts(path: Path) -> list[str]:
    """The alternative text of each ``Figure`` of a tagged PDF's structure tree, in order."""
    return [str(figure.get("/Alt", "")) for figure in pdf_tags(path, "/Figure")]


def pdf_captioned_tables(path: Path) -> int:
    """How many ``Table`` elements of a tagged PDF have a ``Caption`` (a table split across
    pages is tagged as one table per page, its caption in the first)."""

    def kids(table: dict) -> list:
        k = table.get("/K")
        k = k.get_object() if hasattr(k, "get_object") else k
        return [c.get_object() for c in (k if isinstance(k, list) else [k])]

    return sum(
        any(isinstance(k, dict) and k.get("/S") == "/Caption" for k in kids(table))
        for table in pdf_tags(path, "/Table")
    )


def docx_picture_alts(path: Path) -> list[str]:
    """The alternative text (``wp:docPr descr``) of each picture of a Word file, in order."""
    from docx import Document

    body = Document(str(path)).element.body
    return [d.get("descr", "") for d in body.iter() if d.tag.endswith("}docPr")]


@pytest.mark.parametrize("name", REPORTS)
def test_word_pdf_and_html_print_the_same_headings_and_tables(docs, name):
    html = docs[name]["report"]
    heads, tables = html_parts(html)
    word_heads, word_tables = docx_parts(html.with_suffix(".docx"))
    # the final reports have no table; the 16 April 2018 report's chapters are unchanged since
    # 27 March 2018 and say so in one line each
    assert len(heads) > 5 and (name not in WITH_TABLES or len(tables) >= 3)
    # headings: the same, in the same order, at the same level (the PDF bookmarks every
    # heading but the contents list's own: assert_pdf_prints)
    assert word_heads == heads
    # tables: Word has each, in order, under its caption, with the same cells
    assert [(t[0], t[1]) for t in word_tables] == tables
    assert_pdf_prints(html.with_suffix(".pdf"), heads, tables)


def assert_pdf_prints(pdf: Path, heads: list, tables: list) -> None:
    """The PDF bookmarks ``heads`` (all but the contents list's own heading), prints each
    table's caption in order, and every cell of the table between it and the next caption."""
    pdf_heads, pdf_text = pdf_parts(pdf)
    assert pdf_heads == [h for h in heads if h[1] != "Contents"]
    # the tagged PDF has a table, with its caption, for each of the HTML's
    assert pdf_captioned_tables(pdf) == sum(1 for caption, _ in tables if caption)
    flat, at = _squash(pdf_text), 0
    captions = [_squash(caption) for caption, _ in tables]
    for i, (caption, rows) in enumerate(tables):
        start = flat.find(captions[i], at)
        assert start >= at, f"{pdf}: table {i + 1} {caption!r} is not in the PDF after table {i}"
        at = start + len(captions[i])
        end = flat.find(captions[i + 1], at) if i + 1 < len(tables) else len(flat)
        region = flat[start : end if end >= 0 else len(flat)]
        missing = [cell for row in rows for cell in row if _squash(cell) not in region]
        assert not missing, (pdf, caption, missing[:5])


@pytest.mark.parametrize("name", ["luton-0921", "luton-0228", "coventry-0327"])
def test_the_exempt_appendix_pdf_prints_the_tables_of_its_html(docs, name):
    """The exempt appendix has no Word version; its PDF prints what its HTML holds, each chart's
    data table included (the appendix hid them in print)."""
    heads, tables = html_parts(docs[name]["exempt"])
    charts = [caption for caption, _ in tables if caption == "Data for the chart above"]
    # one data table under each chart the appendix draws; the 21 September 2016 appendix
    # draws several (length of service, surveys, a projection resting on small flows)
    drawn = docs[name]["exempt"].read_text(encoding="utf-8").count('class="ep-chart"')
    assert tables and len(charts) == drawn
    assert drawn >= 3 or name != "luton-0921"
    assert_pdf_prints(docs[name]["exempt"].with_suffix(".pdf"), heads, tables)


@pytest.mark.parametrize("name", REPORTS)
def test_each_chart_has_alt_text_and_its_csv_as_data_table_in_every_format(docs, name):
    html = docs[name]["report"]
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    charts = soup.select("figure.ep-chart")
    _, word_tables = docx_parts(html.with_suffix(".docx"))
    word_charts = [t for t in word_tables if t[0] == "Data for the chart above"]
    assert len(word_charts) == sum(1 for c in charts if c.select_one("table.ep-chart-data"))
    pdf_text = _squash(pdf_parts(html.with_suffix(".pdf"))[1])
    assert pdf_text.count(_squash("Data for the chart above")) == len(word_charts)
    # every picture carries the same alternative text in the three
    alts = [image.get("alt", "") for image in soup.select("img")]
    assert docx_picture_alts(html.with_suffix(".docx")) == alts
    assert pdf_figure_alts(html.with_suffix(".pdf")) == alts
    tables = html.parent / "tables"
    for chart in charts:
        image = chart.find("img")
        assert image is not None and len(image.get("alt", "")) > 20, chart.get("id")
        data = chart.select_one("table.ep-chart-data")
        assert data is not None, f"{name}: chart {chart.get('id')} has no data table"
        # under the chart: after the picture and its source line
        assert chart.find_all(["img", "table"])[-1] is data
        rows = [[_words(c.get_text(" ")) for c in tr.find_all(["th", "td"])] for tr in data("tr")]
        stem = chart["id"].split("--fig-", 1)[1]
        (csv_path,) = tables.glob(f"*__{stem}.csv")
        csv = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
        assert rows[0] == list(csv.columns), csv_path.name
        assert len(rows) - 1 == len(csv), csv_path.name
        shown = [[cell == "[c]" for cell in row] for row in rows[1:]]
        assert shown == [[cell == "[c]" for cell in row] for row in csv.to_numpy().tolist()]


@pytest.mark.parametrize("name", REPORTS)
def test_every_word_paragraph_is_the_html_and_in_the_pdf(docs, name):
    """Word's text is the HTML's as printed, block for block, and each of its paragraphs is in
    the PDF's text (the final reports too, which have no table)."""
    from docx import Document

    from pipelines.documents.docx import docx_text
    from tests.documents.test_word import printed_blocks

    html = docs[name]["report"]
    _, blocks = printed_blocks(html.read_text(encoding="utf-8"))
    assert docx_text(html.with_suffix(".docx")) == blocks
    flat = _squash(pdf_parts(html.with_suffix(".pdf"))[1])
    paragraphs = [p.text for p in Document(str(html.with_suffix(".docx"))).paragraphs]
    missing = [p for p in paragraphs if _squash(p) not in flat]
    assert len(paragraphs) > 30 and not missing, missing[:5]
