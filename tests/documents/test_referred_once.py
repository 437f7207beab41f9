"""A figure the report states in full is referred to elsewhere, and a reference is no finding
(issue 22, point 7). L28: chapter 12's introduction said "This chapter gives two findings" when
one of them was only "see key finding 5", and SWOT W1's own sentence restated the caseload of
20.6 that key finding 5 states. Notebooks and findings made here."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pandas as pd
import pytest

from pipelines.core.figures import Figure, Kind
from pipelines.core.outputs import META_KEY
from pipelines.documents import report
from pipelines.sections.swot import display
from tests.documents.test_cited_chapter_titles import _html
from tests.documents.test_report import code, review_text, section, table_output

CASELOAD = Figure(
    key="average_caseload_childrens",
    label="Children's social workers: average caseload (cases per worker)",
    value=20.6,
    kind=Kind.CASES_PER_WORKER,
    source="Case management system",
    period="At 30 July 2016",
    section="40_workforce_costs",
)
SAID = "Children's social workers held 20.6 cases each on average, above the target of 20."
SCORECARD = (
    "Children's social workers: average caseload (cases per worker): 20.6 cases against a "
    "target of 20.0 cases: target not met."
)
OTHER = "Exit interview forms returned: 37.1% against no target."
#: A SWOT rule's sentence on the caseload (its template filled), and one on another figure.
RULE = "Children's social workers held 20.6 cases on average, above the target of under 20.0."
OTHER_RULE = "Leavers rated job security lowest of the sixteen aspects."


def caseload_report(others: int):
    """The report of three chapters (workforce, SWOT, scorecard) with ``others`` findings of
    another section ranked before the caseload one: under five, the caseload is a key finding."""
    titles = display.section_titles()
    frame = pd.DataFrame({"Workers": ["All"], "Average caseload": [20.6]})
    found = [
        SimpleNamespace(text=f"Other {i}.", section="10_leavers", source=None, period=None)
        for i in range(others)
    ] + [SimpleNamespace(text=SAID, section=CASELOAD.section, source=None, period=None,
                         figure=CASELOAD)]  # fmt: skip
    workforce = section(
        CASELOAD.section, titles[CASELOAD.section], code(table_output("c", frame), tags=["report"])
    )
    from pipelines.documents import blocks

    scorecard = section(
        "70_scorecard",
        titles["70_scorecard"],
        code(blocks.findings_output([SCORECARD, OTHER], "findings")),
        code(table_output("s", frame), tags=["report"]),
    )
    grid = table_output("swot_grid", frame, "SWOT")
    cite = f"section \u201c{titles[CASELOAD.section]}\u201d"
    grid["data"]["text/html"] = (
        f"<li><strong>W1</strong> {RULE.replace(chr(39), '&#x27;')} Evidence: 20.6 cases; "
        f"period: at 30 July 2016; {cite}.</li>"
        f"<li><strong>W2</strong> {OTHER_RULE} Evidence: 2.1; period: 2016; {cite}.</li>"
    )
    swot = section("50_swot", titles["50_swot"], code(grid, tags=["report"]))
    parts = report.report_sections([workforce, swot, scorecard], found, review_text())
    return {p.name: p for p in parts}


def intro(part) -> str:
    """A chapter's introduction: its first markdown cell after the heading line."""
    first = next(c.source for c in part.notebook.cells if c.cell_type == "markdown")
    return first.split("\n", 1)[1]


def place_of(chapters, others: int) -> str:
    """Where the caseload finding is stated in full: "key finding 5" or "section 4"."""
    if others < report.KEY_FINDINGS:
        return f"key finding {others + 1}"
    head = next(
        c.source for c in chapters[CASELOAD.section].notebook.cells if c.cell_type == "markdown"
    )
    return f"section {head.split('.')[0].lstrip('# ')}"


@pytest.mark.parametrize("others", [4, 5])
def test_a_chapter_counts_only_the_findings_it_prints_in_full(others):
    chapters = caseload_report(others)
    items = [
        i
        for c in chapters["70_scorecard"].notebook.cells
        for o in c.get("outputs", [])
        for i in o.get("metadata", {}).get(META_KEY, {}).get("items", [])
    ]
    place = place_of(chapters, others)
    assert items == [f"Children's social workers, average caseload: see {place}.", OTHER]
    # two items, one of them a reference: one finding in full
    assert "gives one finding" in intro(chapters["70_scorecard"]), intro(chapters["70_scorecard"])


@pytest.mark.parametrize("others", [4, 5])
def test_a_swot_entry_whose_sentence_states_a_stated_figure_refers_to_it(others):
    chapters = caseload_report(others)
    grid = _html(chapters["50_swot"])
    place = place_of(chapters, others)
    w1 = re.search(r"<strong>W1</strong> ([^<]*)</li>", grid).group(1)
    assert w1 == f"Children&#x27;s social workers, average caseload: see {place}."
    assert "20.6" not in grid.split("<strong>W2</strong>")[0]
    # an entry on a figure the report does not state keeps its sentence and its evidence
    w2 = re.search(r"<strong>W2</strong> ([^<]*)</li>", grid).group(1)
    assert w2.startswith(f"{OTHER_RULE} Evidence: 2.1; period: 2016")
