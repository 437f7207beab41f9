"""How the demo reviews' papers are laid out on the page (issue 22): every PDF of both reviews'
built packs, read back with poppler's ``pdftotext -bbox`` (the position of every word)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from tests.conftest import ROOT

#: The page margins of the PDFs: the ``@page`` rule of the pack's style sheet.
PACK_CSS = ROOT / "pipelines" / "documents" / "templates" / "pack" / "pack.css"
POINTS_PER_CM = 72 / 2.54


def right_margin_pt() -> float:
    """The right margin of every PDF page, in points, read from ``pack.css``'s ``@page``."""
    rule = re.search(r"@page\s*\{[^}]*?margin:\s*([^;]+);", PACK_CSS.read_text(encoding="utf-8"))
    sides = rule.group(1).split()
    right = sides[1] if len(sides) > 1 else sides[0]
    assert right.endswith("cm"), right
    return float(right[:-2]) * POINTS_PER_CM


def words_past_the_right_margin(pdf: Path) -> list[tuple[int, str]]:
    """(page, word) for each word of ``pdf`` whose right edge is beyond the text block."""
    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    margin, page, width, past = right_margin_pt(), 0, 0.0, []
    for line in out.splitlines():
        if m := re.search(r'<page width="([\d.]+)"', line):
            page, width = page + 1, float(m.group(1))
        elif m := re.search(r'xMax="([\d.]+)"[^>]*>(.*)</word>', line):
            if float(m.group(1)) > width - margin + 0.5:  # half a point for rounding
                past.append((page, m.group(2)))
    return past


def test_the_checker_finds_a_word_past_the_margin(tmp_path):
    """The check itself: a table wider than the text block is found, one inside it is not."""
    from pipelines.documents.pack import write_pdf

    css = PACK_CSS.read_text(encoding="utf-8")
    cells = "".join(f"<td>Shortlisted{i}</td>" for i in range(4))
    for name, style in (("wide", "table{width:30cm}"), ("fits", "")):
        document = (
            f"<html lang='en'><head><title>T</title><style>{css}{style}</style></head>"
            f"<body><table><tbody><tr>{cells}</tr></tbody></table></body></html>"
        )
        write_pdf(document, tmp_path / f"{name}.pdf", title="T")
    assert words_past_the_right_margin(tmp_path / "wide.pdf")
    assert not words_past_the_right_margin(tmp_path / "fits.pdf")


def test_no_table_or_text_runs_past_the_right_margin_of_any_pdf(luton, coventry):
    """Every PDF of both reviews (reports, exempt appendices, annexes, final reports): no word
    beyond the text block. A ten-column application funnel ran 1.2 cm past the right margin of
    the 21 September 2016 exempt appendix (pages 8 and 9) and the committee report."""
    pdfs = sorted([*luton.rglob("*.pdf"), *coventry.rglob("*.pdf")])
    assert len(pdfs) >= 10  # four meetings: report, exempt appendix, annex; two final reports
    past = {}
    for pdf in pdfs:
        if words := words_past_the_right_margin(pdf):
            past[str(pdf.relative_to(pdf.parents[3]))] = words[:5]
    assert not past, past


def locum_lines(exempt_html: Path) -> tuple[str, str]:
    """The 21 September 2016 exempt appendix's locum items: the Schedule 12A line over the first
    locum survey answers it withholds ("Locum survey: felt valued ..."), and the caption-to-source
    text of the locum survey's table of published figures that differ."""
    import html

    page = html.unescape(re.sub(r"<[^>]+>", " ", exempt_html.read_text(encoding="utf-8")))
    page = re.sub(r"\s+", " ", page)
    answers = re.search(
        r"(Exempt under Schedule 12A, paragraph \d)[^.]*\. Locum survey: felt valued", page
    )
    differ = re.search(r"Locum survey, report text: published figures.*?Source:[^.]*\.", page)
    assert answers and differ, "the locum items are in the appendix"
    return answers.group(1), differ.group(0)


def test_the_locum_items_cite_the_paragraph_and_the_period_that_fit(luton):
    """Issue 22: "Locum survey answers" (counts of 31 locums, no one person) cited paragraph 1;
    the locum table of differing figures gave the staff survey's period (January to February
    2016) and "Report para 16"."""
    from pipelines.core.config import load_review

    line, table = locum_lines(luton / "2016-09-21" / "exempt" / "exempt-appendix.html")
    assert line == "Exempt under Schedule 12A, paragraph 2"
    cfg = load_review("luton-sw-2016")
    locum = cfg.datasets["locum_survey"].source  # the survey's own name and date
    staff = cfg.datasets["staff_survey"].source
    assert locum in table and staff not in table
    assert "Report para" not in table and re.search(r"Item \d+ report, paragraph \d+", table)
