"""The SWOT grid's public CSV holds what the grid prints, no internal names (issue 22, 7, 9).

``tables/50_swot__swot-grid.csv`` in ``public/`` carried the figure keys ("turnover_adults"),
rule ids ("Rule: adults-turnover-below-target"), section and table names and unrounded values.
Entries made here (:func:`tests.sections.swot.test_public_figures.entries`).
"""

from __future__ import annotations

import re

from pipelines.core.disclosure import EXEMPT, SUPPRESSED
from pipelines.sections.swot import display
from tests.documents.internal_names import internal_names
from tests.sections.swot.test_public_figures import PUBLIC, entries


def test_the_public_csv_has_the_printed_figure_and_the_chapter_title_only():
    data = display.grid_csv(entries(), PUBLIC)
    assert list(data.columns) == display.PUBLIC_GRID_COLUMNS
    text = data.to_csv(index=False)
    assert internal_names(text) == []
    assert "Rule:" not in text and "Officers:" not in text
    assert not re.search(r"23\.21", text)  # 26 / 112 = 23.214...: printed 23.2%
    by_ref = data.set_index("Entry")
    assert by_ref.loc["Turnover was 23.2%.", "Figure"] == "23.2%"
    assert by_ref.loc["Turnover was 23.2%.", "Where in the pack"] == "Leavers and exit interviews"
    # 4 of 13 forms: the share is withheld in words, never a bare "[c]" (issue 22, reader11 W2)
    assert by_ref.loc["Leavers rated job security lowest.", "Figure"] == (
        "fewer than 5 of the 13 people"  # 4 of 13, the count the share stands for (reader14)
    )
    assert SUPPRESSED not in set(data["Figure"])
    threat = "Two of the councils that signed are leaving the cap."
    assert by_ref.loc[threat, "Where in the pack"] == "External evidence"


def test_the_analysts_csv_keeps_the_keys():
    data = display.grid_csv(entries(), EXEMPT)
    assert {"Indicator", "Section", "Table", "Origin", "Value"} <= set(data.columns)
    assert "turnover_childrens" in set(data["Indicator"])
