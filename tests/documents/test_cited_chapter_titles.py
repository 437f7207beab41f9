"""A chapter cites another as the report prints it (issue 22, point 6).

Luton's 28 February report: the SWOT cited "section “Staff and locum surveys”" and "“Leavers and
exit interviews”" while the report printed those chapters as "Staff surveys" and "Leavers"
(a heading keeps only the topics its chapter shows). Citations are rewritten from the same
headings the report prints, with the chapter's number. Notebooks made here.
"""

from __future__ import annotations

import html

import pandas as pd

from pipelines.core.presentation_blocks import reference_list_html
from pipelines.documents import report
from pipelines.sections.swot import display
from tests.documents.test_report import code, review_text, section, table_output

FRAME = pd.DataFrame({"Service": ["Adults", "Children"], "Average": [2.9, 3.1]})


def swot_output(citations: list[str]) -> dict:
    items = pd.DataFrame(
        {
            "label": [f"S{i}" for i in range(1, len(citations) + 1)],
            "text": ["An entry"] * len(citations),
            "detail": [f"Figure: 80.6%. In this pack: {c}." for c in citations],
        }
    )
    out = table_output("swot_list", FRAME, "SWOT")
    out["data"]["text/html"] = reference_list_html(items, "The SWOT and its evidence")
    return out


def _html(part) -> str:
    return "".join(
        str(o.get("data", {}).get("text/html", ""))
        for c in part.notebook.cells
        for o in c.get("outputs", [])
    )


def test_the_swot_cites_the_printed_heading_and_number_of_each_chapter():
    titles = display.section_titles()
    surveys = section(
        "20_surveys",
        titles["20_surveys"],  # "Staff and locum surveys": the chapter shows no locum figure
        code(table_output("t", FRAME, "Staff survey: average score by service"), tags=["report"]),
    )
    cited = [
        f"section \u201c{titles['20_surveys']}\u201d",
        f"section \u201c{titles['10_leavers']}\u201d",  # not a chapter of this report
    ]
    swot = section("50_swot", titles["50_swot"], code(swot_output(cited), tags=["report"]))
    original = str(swot.notebook.cells[1].outputs[0]["data"]["text/html"])
    parts = report.report_sections([surveys, swot], [], review_text())
    heading = next(p for p in parts if p.name == "20_surveys").notebook.cells[0].source
    assert heading.startswith("# 5. Staff surveys\n")
    text = _html(next(p for p in parts if p.name == "50_swot"))
    assert "section 5, \u201cStaff surveys\u201d" in text
    assert "section \u201cStaff and locum surveys\u201d" not in text
    # a section that is not a chapter: never the technical annex, which is not published
    assert "\u201cLeavers and exit interviews\u201d, not in this report" in text
    assert "annex" not in text
    # The run's own notebook is not changed (the annex shows it as it was).
    assert swot.notebook.cells[1].outputs[0]["data"]["text/html"] == original


def test_every_section_title_cited_by_the_swot_is_rewritten():
    titles = display.section_titles()
    printed = {name: (n, f"Chapter {n}") for n, name in enumerate(titles, start=5)}
    swot = section(
        "50_swot",
        "SWOT",
        code(swot_output([f"section \u201c{t}\u201d" for t in titles.values()])),
    )
    report.cite_printed_chapters([swot], printed)
    text = _html(swot)
    for n, heading in printed.values():
        assert f"section {n}, \u201c{heading}\u201d" in text
    for title in titles.values():
        assert f"\u201c{html.escape(title)}\u201d" not in text


def test_a_cited_figure_the_chapter_does_not_print_is_cited_where_it_is():
    # S1 rests on 80.6% (a locum survey figure the staff surveys chapter does not show); S2 on
    # 3.1 (printed in the chapter's table); W1 on "[c]" (suppressed in public).
    titles = display.section_titles()
    surveys = section(
        "20_surveys",
        titles["20_surveys"],
        code(table_output("t", FRAME, "Staff survey: average score by service"), tags=["report"]),
    )
    cite = f"section \u201c{titles['20_surveys']}\u201d"
    items = pd.DataFrame(
        {
            "label": ["S1", "S2", "W1"],
            "text": ["Locums feel valued", "Children's staff", "Leavers"],
            "detail": [
                "Figure: 80.6% against 50.0%. Source: Guidant. Period: 2015. In this pack: "
                f"{cite}.",
                f"Figure: 3.1. Source: Staff survey. Period: 2016. In this pack: {cite}.",
                f"Figure: [c]. Source: HR. Period: 2016. In this pack: {cite}.",
            ],
        }
    )
    grid = table_output("swot_grid", FRAME, "SWOT")
    grid["data"]["text/html"] = (
        "<li>Locums feel valued. Evidence: 80.6%; period: November 2015; "
        f"{cite}; source: Guidant locum survey.</li>"
        f"<li>Staff least positive. Evidence: 3.1; period: 2016; {cite}; source: Staff survey.</li>"
        f"<li>Leavers rated pay lowest. Evidence: [c]; period: 2016; {cite}; source: HR.</li>"
    )
    listed = table_output("swot_list", FRAME, "SWOT list")
    listed["data"]["text/html"] = reference_list_html(items, "The SWOT and its evidence")
    swot = section("50_swot", titles["50_swot"], code(grid, listed, tags=["report"]))
    parts = report.report_sections([surveys, swot], [], review_text(), exempt_note="exempt")
    text = _html(next(p for p in parts if p.name == "50_swot"))
    # The grid cites, in plain words, a figure no chapter prints by its period and source; one
    # a chapter prints by its period and the chapter; a suppressed one where it is given.
    assert (
        "Locums feel valued. Evidence: 80.6%; period: November 2015; source: Guidant locum "
        "survey.</li>"
    ) in text
    assert (
        "Staff least positive. Evidence: 3.1; period: 2016; section 5, \u201cStaff surveys\u201d."
        "</li>"
    ) in text
    # a withheld figure: its period and source, never "the exempt appendix" (issue 22, W2)
    assert "Leavers rated pay lowest. Evidence: [c]; period: 2016; source: HR.</li>" in text
    # a figure no chapter prints: its source and period, no place a reader cannot open
    assert "Figure: 80.6% against 50.0%. Source: Guidant. Period: 2015.</" in text
    assert "annex" not in text
    assert "Period: 2016. In this pack: section 5, \u201cStaff surveys\u201d" in text
    assert "Figure: [c]. Source: HR. Period: 2016. In this pack: the exempt appendix, under" in (
        text
    )


def test_a_grid_entry_whose_sentence_states_its_figure_gives_only_when_and_where_from():
    """Reader11/12 (Luton 28 Feb 2017): "W1 Children's social workers held 20.6 cases on
    average ... Evidence: 20.6 cases; period: at 30 July 2016; source: ..." printed the figure
    twice in one entry. The evidence then gives its period and source only."""
    titles = display.section_titles()
    cite = f"section \u201c{titles['40_workforce_costs']}\u201d"
    grid = table_output("swot_grid", FRAME, "SWOT")
    grid["data"]["text/html"] = (
        "<li><strong>W1</strong> Staff held 20.6 cases on average. Evidence: 20.6 cases; "
        f"period: at 30 July 2016; {cite}; source: Case system.</li>"
        "<li><strong>W2</strong> Caseloads are high. Evidence: 20.6 cases; "
        f"period: at 30 July 2016; {cite}; source: Case system.</li>"
    )
    swot = section("50_swot", titles["50_swot"], code(grid, tags=["report"]))
    parts = report.report_sections([swot], [], review_text())
    text = _html(next(p for p in parts if p.name == "50_swot"))
    assert (
        "</strong> Staff held 20.6 cases on average. Evidence: at 30 July 2016; source: Case "
        "system.</li>"
    ) in text
    # a sentence without the figure keeps it in its evidence
    assert "Caseloads are high. Evidence: 20.6 cases; period: at 30 July 2016; source: Case" in (
        text
    )
