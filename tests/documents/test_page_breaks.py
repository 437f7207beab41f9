"""The pack's page-break rules (pack.css) on documents the test writes (issue 22, point 7).

A heading and its one-line introduction were left at the foot of the Luton final report's
page 3 while the findings box under them started page 4: 4-line paragraphs and findings with
orphans and widows of 3 could not break, and the box was kept whole. Rendered with WeasyPrint
as the build renders (:func:`pipelines.documents.pack.write_pdf`); fill measured from the PDF.
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from pypdf import PdfReader

from pipelines.documents import pack
from tests.documents.page_fill import page_fill

#: Every test here writes PDFs with WeasyPrint (seconds each): `make test` runs them, the quick
#: loop (tests that build nothing) leaves them out (tests/conftest.py).
pytestmark = pytest.mark.slow

CSS = Path(pack.__file__).parent / "templates" / "pack" / "pack.css"
LINE = "Members heard the evidence of the officers on recruitment and retention in the services"


def render(body: str, tmp_path: Path, kind: str = "report") -> Path:
    page = (
        f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>t</title>'
        f"<style>{CSS.read_text(encoding='utf-8')}</style></head>"
        f'<body class="kind-{kind}"><main>{body}</main></body></html>'
    )
    out = tmp_path / f"{kind}.pdf"
    pack.write_pdf(page, out, title="t")
    return out


def paragraph(lines: int) -> str:
    return "<p>" + html.escape(" ".join([LINE] * lines)) + "</p>"


def document(filler: int) -> str:
    """``filler`` paragraphs, then a heading, a one-line introduction, a 4-line paragraph and
    a box of five findings of about four lines each."""
    findings = "".join(f"<li>Finding {i}: {' '.join([LINE] * 4)}</li>" for i in range(1, 6))
    return (
        "".join(paragraph(3) for _ in range(filler))
        + "<h3>What the evidence showed</h3><p>The key findings of the evidence packs:</p>"
        + paragraph(4)
        + f'<ul class="ep-findings">{findings}</ul>'
    )


def test_a_heading_and_its_introduction_are_not_left_at_the_foot_of_a_page(tmp_path):
    for kind in ("report", "exempt", "annex"):
        for filler in (9, 10, 11):  # the heading falls at several heights near the foot
            pdf = render(document(filler), tmp_path, kind)
            pages = [p.extract_text() for p in PdfReader(pdf).pages]
            at = next(i for i, t in enumerate(pages) if "What the evidence showed" in t)
            rest = pages[at].split("What the evidence showed", 1)[1]
            assert "Finding 1" in rest or LINE in rest.split("evidence packs:", 1)[1], (
                kind,
                filler,
                "the heading's page holds nothing after its introduction",
            )
            fills = page_fill(pdf)
            assert all(f >= 1 / 3 for f in fills[:-1]), (kind, filler, fills)


def test_a_long_findings_box_breaks_across_pages_in_every_document(tmp_path):
    findings = "".join(f"<li>Finding {i}: {' '.join([LINE] * 4)}</li>" for i in range(1, 9))
    body = "".join(paragraph(3) for _ in range(7)) + f'<ul class="ep-findings">{findings}</ul>'
    for kind in ("report", "exempt", "annex"):
        pdf = render(body, tmp_path, kind)
        pages = [p.extract_text() for p in PdfReader(pdf).pages]
        assert "Finding 1" in pages[0], kind  # the box starts where it stands, not a page on
        assert all(f >= 1 / 3 for f in page_fill(pdf)[:-1]), kind


def test_a_small_note_keeps_together(tmp_path):
    words = [f"Word{i}" for i in range(60)]
    note = '<div class="ep-note"><p>' + " ".join(words) + "</p></div>"
    for filler in (12, 13, 14):
        body = "".join(paragraph(3) for _ in range(filler)) + note
        pages = [p.extract_text() for p in PdfReader(render(body, tmp_path)).pages]
        holding = [i for i, t in enumerate(pages) if "Word0 " in t or "Word59" in t]
        assert len(holding) == 1 and "Word0 " in pages[holding[0]], filler
        assert "Word59" in pages[holding[0]], filler


def table(rows: int, name: str) -> str:
    body = "".join(
        f"<tr><th scope='row'>{name} row {i}</th><td>{i}</td></tr>" for i in range(1, rows + 1)
    )
    return (
        f'<div class="ep-table"><table class="ep-data"><caption>{name}</caption><thead><tr>'
        f'<th scope="col">Row</th><th scope="col">Value</th></tr></thead><tbody>{body}</tbody>'
        "</table></div>"
    )


def test_a_table_of_nine_rows_or_more_breaks_between_rows_and_a_small_one_keeps_together(
    tmp_path,
):
    """The Luton scorecard (13 rows) left half of page 18 empty: it was kept whole. The
    technical annex kept its tables of 9 to 25 rows whole too (issue 22): in every document a
    long table breaks between rows with its header row repeated, a short one keeps together."""
    for kind in ("report", "annex"):
        for filler in (9, 10, 11):
            big = render(
                "".join(paragraph(3) for _ in range(filler)) + table(13, "Big"), tmp_path, kind
            )
            pages = [p.extract_text() for p in PdfReader(big).pages]
            start = next(i for i, t in enumerate(pages) if "Big row 1" in t)
            assert "Big row 2" in pages[start], (kind, filler)  # two rows with the caption
            after = pages[start + 1]
            assert "Big row 13" in after and "Big row 12" in after, (kind, filler)
            assert "Row Value" in after, (kind, filler)  # the header row, repeated
            assert all(f >= 1 / 3 for f in page_fill(big)[:-1]), (kind, filler)
            small = render(
                "".join(paragraph(3) for _ in range(filler + 2)) + table(6, "Small"),
                tmp_path,
                kind,
            )
            pages = [p.extract_text() for p in PdfReader(small).pages]
            assert len([t for t in pages if "Small row" in t]) == 1, (kind, filler)


def survey_chart(questions: int) -> str:
    """A survey chart of ``questions`` generated questions as the pack prints it (fonts fitted)."""
    import base64

    import numpy as np
    import pandas as pd

    from pipelines.core.charts import fit_fonts
    from pipelines.core.presentation import figure_png
    from pipelines.sections.surveys import analysis as a
    from pipelines.sections.surveys.charts import likert_chart

    rng = np.random.default_rng(7)
    counts = rng.multinomial(40, [0.2, 0.35, 0.25, 0.15, 0.05], size=questions)
    dist = pd.DataFrame(counts, columns=[a.SCORE_LABELS[k] for k in a.SCORES]).assign(
        Question=[f"Support from my manager and team, question {i}" for i in range(questions)],
        **{a.ANSWERED: 40, a.AVERAGE: counts @ np.array(a.SCORES) / 40},
    )
    fig = likert_chart(dist.sort_values(a.AVERAGE, ascending=False))
    fit_fonts(fig)
    png = base64.b64encode(figure_png(fig)).decode("ascii")
    return (
        '<figure class="ep-chart"><figcaption class="ep-chart-title">Most answers were '
        f'positive</figcaption><img alt="Chart" src="data:image/png;base64,{png}">'
        '<p class="ep-source">Source: staff survey.</p></figure>'
    )


def test_a_chart_kept_with_its_heading_leaves_no_page_before_it_under_a_third_full(tmp_path):
    """A 16-question survey chart printed 18 cm tall: moved on with its heading, it left the
    page before it a fifth full (the exempt appendix of a first meeting, page 11)."""
    chart = survey_chart(16)
    start = "<h3>What the survey showed</h3><p>This chapter shows one chart.</p>" + chart
    for kind in ("report", "exempt", "annex"):
        for filler in range(2, 9):  # the heading falls at every height near a third
            body = "".join(paragraph(3) for _ in range(filler)) + start + paragraph(3)
            fills = page_fill(render(body, tmp_path, kind))
            assert all(f >= 1 / 3 for f in fills[:-1]), (kind, filler, fills)


def test_a_list_does_not_leave_its_last_item_alone_on_the_last_page(tmp_path):
    """The 28 February 2017 report's last page held note 20 of its sources and notes alone."""
    notes = "".join(f"<li>Note {i}: {' '.join([LINE] * (1 + i % 2))}</li>" for i in range(1, 21))
    alone = []
    for filler in range(0, 6):  # one-line paragraphs: the list ends at several heights
        body = "".join(paragraph(1) for _ in range(filler)) + f"<h2>Notes</h2><ol>{notes}</ol>"
        pages = [p.extract_text() for p in PdfReader(render(body, tmp_path)).pages]
        if len(pages) > 1 and "Note 20" in pages[-1] and "Note 19" not in pages[-1]:
            alone.append(filler)
    assert not alone


def test_a_lead_in_sentence_keeps_with_its_table(tmp_path):
    """reader12 (Luton 21 September, p11): "Key finding 3 (section 3) is drawn from the table
    below." stood at the foot of a page, its table on the next. The lead-in the report writes
    (:func:`pipelines.documents.blocks.lead_in`, rendered as the pack renders markdown) is on
    the page where its table starts, wherever the page breaks."""
    from nbconvert.filters.markdown import markdown2html

    from pipelines.documents import blocks

    said = "Key finding 3 (section 3) is drawn from the table below."
    lead = markdown2html(blocks.lead_in(said).source)
    apart = []
    for filler in range(9, 15):  # one-line paragraphs: the lead-in falls near the foot
        body = "".join(paragraph(3) for _ in range(9)) + "".join(
            paragraph(1) for _ in range(filler - 9)
        )
        pages = [
            p.extract_text()
            for p in PdfReader(render(body + lead + table(6, "Small"), tmp_path)).pages
        ]
        at = next(i for i, t in enumerate(pages) if "is drawn from the table below" in t)
        if "Small row 1" not in pages[at]:
            apart.append(filler)
    assert not apart


@pytest.mark.parametrize("kind", ["report", "exempt", "annex"])
def test_every_document_prints_a_charts_data_table_under_it(tmp_path, kind):
    """The 21 September 2016 report's PDF printed 18 tables and its Word file 24: the committee
    report and exempt appendix hid each chart's data table in print (docs/architecture.md)."""
    figure = pack.collapse_chart_data(
        '<figure class="ep-chart"><figcaption class="ep-chart-title">Leavers by length of '
        'service</figcaption><img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB'
        'CAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==" alt="Bar chart. '
        'Under 2 years: 8; 2 to 5 years: 12."><p class="ep-source">Source: HR leavers.</p>'
        '<table class="ep-data ep-chart-data"><caption>Data for the chart above</caption>'
        "<thead><tr><th>Length of service</th><th>Leavers</th></tr></thead><tbody>"
        "<tr><td>Under 2 years</td><td>8</td></tr><tr><td>2 to 5 years</td><td>12</td></tr>"
        "</tbody></table></figure>"
    )
    assert "<details" in figure  # folded on screen
    text = " ".join(
        " ".join((p.extract_text() or "").split())
        for p in PdfReader(render(figure, tmp_path, kind)).pages
    )
    assert "Data for the chart above" in text
    source, data = text.index("Source: HR leavers."), text.index("Data for the chart above")
    assert source < data < text.index("Under 2 years 8") < text.index("2 to 5 years 12")
    assert "Show the figures" not in text


def test_a_browser_prints_each_charts_data_table_of_the_html_report(tmp_path):
    """Printed from a browser, the HTML report printed no chart's data table: a closed
    ``details`` element's content is not printed unless the style sheet says so."""
    import dataclasses
    import subprocess

    from playwright.sync_api import sync_playwright

    from tests.documents.pack_sample import sample_front, sample_sections

    front = dataclasses.replace(sample_front(), kind="report", marking="OFFICIAL")
    document = pack.assemble(sample_sections(), front)
    charts = document.count('<details class="ep-chart-details">')
    assert charts == 2  # the sample's two charts, folded on screen
    page_path, pdf = tmp_path / "report.html", tmp_path / "printed.pdf"
    page_path.write_text(document, encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.goto(page_path.as_uri())
            page.pdf(path=str(pdf), format="A4")
        finally:
            browser.close()
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert text.count("Data for the chart above") == charts
    assert "Show the figures" not in text
