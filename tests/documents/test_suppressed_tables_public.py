"""Aggregate tables with small cells suppressed stay in the public report (issue 22, point 4, 6).

The Luton 21 September report said "3 of the chapter's main tables ... are in the exempt
appendix" for reasons for leaving and exit forms returned: aggregate counts which, with their
small cells shown "[c]", are public. Only what the public run cannot show at all (free text,
one row per person) is left out of the report. The notebooks are made here.
"""

from __future__ import annotations

import nbformat
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.core.outputs import META_KEY
from pipelines.documents import report
from tests.conftest import ROOT, examples
from tests.documents.test_report import code, review_text, section, table_output

#: Exit forms returned, as the public run shows them: Adults' 3 forms (fewer than 5) hidden.
RETURNS = pd.DataFrame(
    {
        "Service": ["Adult Social Care", "Children's Social Care", "Total"],
        "Leavers": [9, 26, 35],
        "Forms returned": ["[c]", 10, 13],
        "Return rate (%)": ["[c]", 38, 37],  # 10/26 = 38.5 -> 38; 13/35 = 37.1 -> 37
    }
)
#: Reasons for leaving with most cells hidden (5 of 6 figures "[c]").
REASONS = pd.DataFrame(
    {"Reason": ["Pay", "Career", "Other"], "Adults": ["[c]"] * 3, "Children": ["[c]", "[c]", 8]}
)


def _chapter(parts, name):
    return next(p for p in parts if p.name == name)


def _names(chapter) -> list[str]:
    return [
        o["metadata"][META_KEY]["name"]
        for c in chapter.notebook.cells
        for o in c.get("outputs", [])
        if (o.get("metadata") or {}).get(META_KEY, {}).get("kind") == "table"
    ]


def _text(chapter) -> str:
    return "\n".join(c.source for c in chapter.notebook.cells if c.cell_type == "markdown")


def test_a_mostly_suppressed_aggregate_table_stays_in_the_report():
    leavers = section(
        "10_leavers",
        "Leavers",
        code(table_output("exit_return_rate", RETURNS, "Exit interview forms returned")),
        code(table_output("reasons", REASONS, "Reasons for leaving")),
        code(table_output("annex_only", RETURNS)),  # not tagged: annex
    )
    for cell in leavers.notebook.cells[1:3]:
        cell.metadata["tags"] = ["report"]
    parts = report.report_sections([leavers], [], review_text(), exempt_note="exempt")
    chapter = _chapter(parts, "10_leavers")
    assert _names(chapter) == ["exit_return_rate", "reasons"]
    text = _text(chapter)
    # the introduction counts the tables; their titles stand over them only (issue 22, 7.1)
    assert "This chapter shows two tables." in text
    assert "Reasons for leaving" not in text
    assert "main tables and charts would show groups so small" not in text
    assert "Figures shown [c] in this chapter" in text
    assert "exempt appendix gives them" in text
    # the table left out is not promised in the technical annex, which is not published
    assert "annex" not in text


def test_without_an_exempt_appendix_no_promise_of_one():
    leavers = section(
        "10_leavers", "Leavers", code(table_output("r", REASONS, "Reasons"), tags=["report"])
    )
    text = _text(_chapter(report.report_sections([leavers], [], review_text()), "10_leavers"))
    assert "exempt appendix" not in text


@settings(max_examples=examples(30), deadline=None)
@given(st.lists(st.one_of(st.just("[c]"), st.integers(0, 99)), min_size=1, max_size=12))
def test_a_tagged_table_is_in_the_report_whatever_its_suppression(cells):
    frame = pd.DataFrame({"Group": [f"g{i}" for i in range(len(cells))], "People": cells})
    leavers = section("10_leavers", "Leavers", code(table_output("t", frame), tags=["report:t"]))
    parts = report.report_sections([leavers], [], review_text(), exempt_note="exempt")
    chapter = _chapter(parts, "10_leavers")
    assert _names(chapter) == ["t"]
    assert ("Figures shown [c]" in _text(chapter)) == ("[c]" in cells)


def test_the_leavers_chapter_shows_the_exit_interview_return_rate():
    # The report asks "Why are so few exit interview forms returned": the chapter holds the rate.
    nb = nbformat.read(ROOT / "notebooks" / "10_leavers.ipynb", 4)
    tagged = [
        c
        for c in nb.cells
        if c.cell_type == "code" and "report:exit_return_rate" in c.metadata.get("tags", [])
    ]
    assert len(tagged) == 1 and 'name="exit_return_rate"' in tagged[0].source
    assert '"Return rate (%)"' in tagged[0].source
