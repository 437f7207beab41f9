"""A public chart's CSV file holds what the chart draws (issue 22 point 5, reader14).

Luton 21 September 2016: the CSV of the exit-interview ratings chart had a column "Answered"
(13 beside 12) that the chart does not draw and the report does not print: it told which
aspects one leaver left blank. A chart redrawn from the published figures names in its alt text
every value it draws ("Job security: Excellent: [c], Good: [c], ..."): its CSV holds the same
columns, no more.
"""

from __future__ import annotations

import html
import re

import pandas as pd

#: A chart redrawn from the published figures: its id and its alt text.
_REDRAWN = re.compile(
    r'<figure class="ep-chart" id="(?P<section>[^"]+?)--fig-(?P<name>[^"]+)"[^>]*>'
    r"(?:(?!</figure>).)*?"
    r'alt="(?P<alt>Chart of [^"]*?, as published: [^"]*)"',
    re.DOTALL,
)


def _drawn_columns(alt: str) -> list[str]:
    """The values a redrawn chart draws, read from its alt text ("Label: Column: value, ...")."""
    body = alt.split(" are not shown. ", 1)[1]
    first = body.split("; ")[0]
    cells = first.split(": ", 1)[1]
    return [cell.rsplit(": ", 1)[0] for cell in cells.split(", ")]


def test_each_redrawn_public_chart_has_a_csv_of_the_columns_it_draws(built):
    page = built.public / "report.html"
    found = list(_REDRAWN.finditer(page.read_text(encoding="utf-8")))
    assert found, "the demo report has charts redrawn from published figures"
    for m in found:
        alt = html.unescape(m.group("alt"))
        csv = built.public / "tables" / f"{m.group('section').replace('-', '_')}__{m['name']}.csv"
        table = pd.read_csv(csv, dtype=str, keep_default_na=False)
        assert list(table.columns[1:]) == _drawn_columns(alt), csv.name
