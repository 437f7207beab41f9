"""The exempt appendix's page layout on appendices the test writes (issue 22).

Each item's Schedule 12A line ("Exempt under Schedule 12A, paragraph N: ...") was a paragraph
of its own above the table; when the table (kept whole) did not fit under it, the line was left
at the foot of a page and the table started the next. Rendered with WeasyPrint as the build
renders (:func:`pipelines.documents.pack.assemble`, :func:`~pipelines.documents.pack.write_pdf`).
"""

from __future__ import annotations

import base64
import dataclasses
import datetime
import io
from pathlib import Path

import nbformat.v4 as v4
import pandas as pd
import pytest
from PIL import Image
from pypdf import PdfReader

from pipelines.core.outputs import output_metadata
from pipelines.documents import exempt, pack
from tests.documents.page_fill import page_fill

#: Every test here writes PDFs with WeasyPrint (seconds each): `make test` runs them, the quick
#: loop (tests that build nothing) leaves them out (tests/conftest.py).
pytestmark = pytest.mark.slow

FRONT = pack.FrontMatter(
    title="Exempt appendix: workforce review",
    council="A council",
    committee="Scrutiny task group",
    committee_ref=None,
    meeting_date=datetime.date(2020, 1, 15),
    meeting_time=None,
    place=None,
    agenda_items=[],
    report_of=None,
    author=None,
    contact=None,
    marking="NOT FOR PUBLICATION",
    marking_note=None,
    built="now",
    provenance="test",
    kind="exempt",
)


def table(name: str, rows: int, public: bool = False, individuals: bool = False):
    """A table output as the presentation layer writes it: caption, rows, source line.

    ``public``: the public run's copy, its counts suppressed (so the item cites paragraph 2).
    ``individuals``: one row per person (so, not in the public run, it cites paragraph 1).
    """
    frame = pd.DataFrame(
        {"Row": [f"{name} row {i}" for i in range(1, rows + 1)], "Value": list(range(rows))}
    )
    if public:
        frame = frame.assign(Value="[c]")
    body = "".join(
        f"<tr><th scope='row'>{r}</th><td class='num'>{v}</td></tr>"
        for r, v in zip(frame["Row"], frame["Value"], strict=True)
    )
    fragment = (
        f'<div class="ep-table" id="tbl-{name}"><table class="ep-data"><caption>{name} table'
        "</caption><thead><tr><th scope='col'>Row</th><th class='num' scope='col'>Value</th>"
        f"</tr></thead><tbody>{body}</tbody></table><p class='ep-source'>Source: HR records."
        "</p></div>"
    )
    return v4.new_output(
        "display_data",
        data={"text/html": fragment, "text/plain": name},
        metadata=output_metadata(
            "table",
            name,
            f"{name} table",
            "HR records",
            None,
            frame,
            **({"individuals": True} if individuals else {}),
        ),
    )


def chart(name: str, public: bool = False):
    """A chart output: its title and a 16 cm by 10 cm picture (withheld in the public run)."""
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 1000), (18, 67, 109)).save(buffer, format="PNG", dpi=(254, 254))
    picture = base64.b64encode(buffer.getvalue()).decode()
    frame = pd.DataFrame({"Group": ["A", "B"], "Count": ["[c]", "[c]"] if public else [3, 9]})
    fragment = (
        f'<figure class="ep-chart" id="fig-{name}"><figcaption class="ep-chart-title">{name} '
        f'chart</figcaption><img alt="Bar chart" src="data:image/png;base64,{picture}">'
        "</figure>"
    )
    return v4.new_output(
        "display_data",
        data={"text/html": fragment, "text/plain": name},
        metadata=output_metadata("chart", name, f"{name} chart", "HR records", None, frame),
    )


def section(*outputs) -> pack.Section:
    cell = v4.new_code_cell("")
    cell.outputs = list(outputs)
    return pack.Section("10_staff", v4.new_notebook(cells=[v4.new_markdown_cell("# Staff"), cell]))


def appendix(first_rows: int, tmp_path: Path) -> Path:
    """An appendix of a first table of ``first_rows`` rows (paragraph 1: the public run lacks
    it), then a 6-row table and a chart the public run shows suppressed (paragraph 2)."""
    private = section(table("First", first_rows), table("Second", 6), chart("Third"))
    public = section(table("Second", 6, public=True), chart("Third", public=True))
    parts = exempt.exempt_sections([private], [public], [])
    out = tmp_path / f"appendix-{first_rows}.pdf"
    pack.write_pdf(pack.assemble(parts, dataclasses.replace(FRONT)), out, title="t")
    return out


def test_each_schedule_12a_line_starts_the_page_its_table_or_chart_starts_on(tmp_path):
    stranded = []
    for rows in range(10, 31, 2):  # the second table and the chart fall at several heights
        pdf = appendix(rows, tmp_path)
        pages = [" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages]
        for first in ("Second table", "Third chart"):
            at = next(i for i, t in enumerate(pages) if first in t)
            line = pages[at].split(first)[0].rsplit("Exempt under Schedule 12A", 1)
            if len(line) != 2 or "paragraph 2:" not in line[1][:20]:
                stranded.append((rows, first, at + 1))
        assert "Second row 1" in pages[next(i for i, t in enumerate(pages) if "Second table" in t)]
        fills = page_fill(pdf)
        assert all(f >= 1 / 3 for f in fills[:-1]), (rows, fills)
    assert not stranded, stranded


def test_the_line_is_printed_once_per_item_and_read_back(tmp_path):
    private = section(table("First", 3, individuals=True), table("Second", 6), chart("Third"))
    public = section(table("Second", 6, public=True), chart("Third", public=True))
    parts = exempt.exempt_sections([private], [public], [])
    lines = exempt.exempt_lines(parts)
    assert [line.split(":")[0] for line in lines] == [
        "Exempt under Schedule 12A, paragraph 1",
        "Exempt under Schedule 12A, paragraph 2",
        "Exempt under Schedule 12A, paragraph 2",
    ]
    assert exempt.exempt_paragraph_numbers(parts) == [1, 2]
    document = pack.assemble(parts, FRONT)
    assert document.count("Exempt under Schedule 12A, paragraph") == 3
    # Inside the table's caption and the chart's title, so it moves with them.
    assert document.count('<caption><span class="ep-exempt-note">Exempt under') == 2
    assert document.count('<figcaption class="ep-chart-title"><span class="ep-exempt-note">') == 1
