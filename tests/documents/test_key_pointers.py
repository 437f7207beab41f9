"""A chapter's pointer to a key finding stands just above the table or chart that shows the
finding's figure, or is not printed (issue 22, point 4: "Key finding 1 comes from this
chapter" stood above the caseload box while key finding 1 was the agency premium)."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pandas as pd

from pipelines.core.outputs import META_KEY
from pipelines.documents import report
from tests.documents.test_report import chart_output, code, review_text, section, table_output

FRAME = pd.DataFrame({"Service": ["Adults", "Children"], "Cases": [300, 1998]})


def key_finding(text, table):
    return SimpleNamespace(
        text=text, section="40_w", source=None, period=None, figure=SimpleNamespace(table=table)
    )


def chapter_cells(found):
    chapter = section(
        "40_w",
        "Workforce",
        code(
            table_output("caseload_summary", FRAME, "Caseloads"),
            table_output("agency_premium", FRAME, "Agency premium"),
            chart_output("cost_chart", FRAME),
            tags=["report"],
        ),
    )
    parts = report.report_sections([chapter], found, review_text())
    return next(p for p in parts if p.name == "40_w").notebook.cells


def names(cell):
    return [o["metadata"][META_KEY].get("name") for o in cell.get("outputs", [])]


def test_the_pointer_stands_above_the_table_of_its_figure_not_the_first_one():
    cells = chapter_cells(
        [key_finding("Agency staff cost £1,020,000 a year more.", "agency_premium")]
    )
    pointer = next(
        i for i, c in enumerate(cells) if c.cell_type == "markdown" and "Key finding" in c.source
    )
    assert cells[pointer].source == (
        '<p class="ep-lead-in">Key finding 1 (section 3) is drawn from the table below.</p>'
    )
    assert names(cells[pointer - 1]) == ["caseload_summary"]  # before it: the caseload box
    assert names(cells[pointer + 1])[0] == "agency_premium"  # after it: its own table


def test_two_findings_of_one_chart_share_one_pointer_and_a_figure_not_printed_gets_none():
    cells = chapter_cells(
        [
            key_finding("An agency worker costs more.", "cost_chart"),
            key_finding("Supplements cost £215,000.", "supplement_costs"),  # not printed here
            key_finding("The chart again.", "cost-chart"),
        ]
    )
    said = [c.source for c in cells if c.cell_type == "markdown" and "Key finding" in c.source]
    assert said == [
        '<p class="ep-lead-in">Key findings 1 and 3 (section 3) are drawn from the chart below.</p>'
    ]
    assert not any("come from this chapter" in c.source for c in cells if c.cell_type == "markdown")


def test_a_risk_cites_a_key_finding_by_its_short_title_without_nested_brackets():
    """L21 p20: "key finding 2 (Most common recorded reason for leaving (both services))"."""
    reasons = SimpleNamespace(
        text="Why staff leave: 21 of 35 leavers gave a reason the council can act on.",
        section="10_l",
        figure=SimpleNamespace(label="Most common recorded reason for leaving (both services)"),
        category="people",
    )
    caseload = SimpleNamespace(
        text="Caseloads are 20.6 against 20.",
        section="40_w",
        figure=SimpleNamespace(label="Children's social workers: average caseload (cases (all))"),
        category="workload",
    )
    rows = dict(report.implications([reasons, caseload], {}, [reasons], {"10_l": 5, "40_w": 8}))
    risk = rows["Risk"]
    assert "key finding 2" not in risk
    # plain words: no figure label's capital or brackets inside the sentence (issue 22, 7.3)
    assert "key finding 1 (most common recorded reason for leaving)" in risk, risk
    assert "section 8 (children's social workers: average caseload)" in risk, risk
    assert not re.search(r"\([^()]*\(", risk), risk  # no bracket inside a bracket


def test_a_short_title_has_no_brackets_and_reads_inside_a_sentence():
    assert report.short_title("Turnover (% of qualified posts)") == "turnover"
    assert report.short_title("  Agency premium ") == "agency premium"
    assert report.short_title("Reasons (HR (recorded)) by service") == "reasons by service"
    # a title that opens with a name keeps its capitals
    assert report.short_title("Children's Social Care: leavers (% of leavers)") == (
        "Children's Social Care: leavers"
    )
    assert report.short_title("Coventry: vacancy rate (DfE, 2017)") == "Coventry: vacancy rate"
    assert report.short_title("FTE in post") == "FTE in post"
    assert report.short_title("(all)") == ""
