"""A heading never ends a page; the SWOT grid breaks between its rows (issue 22, points 6, 7).

Luton's 28 February 2017 report left "10. SWOT of the local position" and its one-line
introduction at the foot of page 16 while the grid (two long rows, kept whole) started page
17. The heading and its introduction now keep with the first block under them, and the grid
may break between its inside and outside rows. Documents generated here (the grid from
:func:`pipelines.core.presentation_blocks.grid_html`), rendered as the build renders them
(``tests/documents/test_page_breaks.py``), the heading at every height near the page foot.
"""

from __future__ import annotations

import pandas as pd
import pytest
from pypdf import PdfReader

from pipelines.core.presentation_blocks import grid_html
from tests.documents.page_fill import page_fill
from tests.documents.test_page_breaks import LINE, paragraph, render

#: Every test here writes PDFs with WeasyPrint (seconds each): `make test` runs them, the quick
#: loop (tests that build nothing) leaves them out (tests/conftest.py).
pytestmark = pytest.mark.slow

ROWS = (("Inside", ("Strengths", "Weaknesses")), ("Outside", ("Opportunities", "Threats")))


def grid(entries: int = 3) -> str:
    """A SWOT grid of ``entries`` entries of about five lines in each quadrant."""
    refs, cells, texts = [], [], []
    for quadrant in ("Strengths", "Weaknesses", "Opportunities", "Threats"):
        for i in range(1, entries + 1):
            refs.append(f"{quadrant[0]}{i}")
            cells.append(quadrant)
            texts.append(f"Entry{quadrant[0]}{i} {' '.join([LINE] * 2)}")
    items = pd.DataFrame({"ref": refs, "cell": cells, "text": texts})
    body = grid_html(items, "The grid", rows=ROWS, columns=("Helpful", "Harmful"))
    return f'<div class="ep-table">{body}</div>'


def chapter(filler: int, block: str) -> str:
    return (
        '<section class="pack-section">'
        + "".join(paragraph(3) for _ in range(filler))
        + '</section><section class="pack-section"><h2>10. Chapter heading</h2>'
        + "<p>This chapter shows this table.</p>"
        + block
        + "</section>"
    )


def small_table() -> str:
    """A table of two rows (kept whole: under nine rows), each of about six lines."""
    rows = "".join(
        f"<tr><th scope='row'>Row{i}</th><td>{' '.join([LINE] * 5)}</td></tr>" for i in (1, 2)
    )
    return (
        '<div class="ep-table"><table class="ep-data"><caption>Small</caption><thead><tr>'
        f'<th scope="col">Row</th><th scope="col">Text</th></tr></thead><tbody>{rows}</tbody>'
        "</table></div>"
    )


def _page_of(pages: list[str], words: str) -> int:
    return next(i for i, t in enumerate(pages) if words in t)


def test_a_heading_and_its_introduction_keep_with_the_block_under_them(tmp_path):
    for kind in ("report", "exempt", "annex"):
        for block, first in ((small_table(), "Row1"), (grid(), "EntryS1")):
            for filler in range(5, 13):  # the heading falls at every height of the lower half
                pdf = render(chapter(filler, block), tmp_path, kind)
                pages = [p.extract_text() for p in PdfReader(pdf).pages]
                at = _page_of(pages, "Chapter heading")
                assert _page_of(pages, first) == at, (kind, first, filler)
                assert _page_of(pages, "shows this table") == at, (kind, first, filler)
                fills = page_fill(pdf)
                assert all(f >= 1 / 3 for f in fills[:-1]), (kind, first, filler, fills)


def test_the_swot_grid_breaks_between_its_rows_not_inside_one(tmp_path):
    split = 0
    for filler in range(2, 12):
        pdf = render(chapter(filler, grid()), tmp_path)
        pages = [p.extract_text() for p in PdfReader(pdf).pages]
        inside, outside = _page_of(pages, "EntryS1"), _page_of(pages, "EntryO1")
        # each row whole on one page: its first and last entries together
        assert _page_of(pages, "EntryW3") == inside and _page_of(pages, "EntryT3") == outside
        assert _page_of(pages, "Chapter heading") == inside, filler
        split += outside == inside + 1
        assert all(f >= 1 / 3 for f in page_fill(pdf)[:-1]), filler
    assert split  # at some height the grid breaks between its rows rather than move whole


def test_a_long_table_breaks_between_rows_with_its_header_on_every_page(tmp_path):
    from tests.documents.test_page_breaks import table

    pdf = render(paragraph(3) + table(60, "Long"), tmp_path)
    pages = [p.extract_text() for p in PdfReader(pdf).pages]
    holding = [t for t in pages if "Long row" in t]
    assert len(holding) >= 2
    assert all("Row Value" in t for t in holding), holding  # the header row, repeated
    assert "Long row 1 " in pages[0] or "Long row 1\n" in pages[0]  # starts where it stands
    assert all(f >= 1 / 3 for f in page_fill(pdf)[:-1])
