"""Background papers and the key findings' pointers (issue 22, reader11 on the Coventry 16
April 2018 report).

- Key findings said "See section 7", a chapter printed as one line naming the report of 27
  March 2018, which was not a background paper: a key finding points to where its evidence is
  printed, and every earlier report the paper relies on is a background paper.
- The background papers listed sources whose figures the paper does not print (the market
  supplement register, a fee schedule, an intake plan; the recruitment export among the
  records): a paper drawn from data is listed only when the report prints its figures.
- The exempt appendix was said to hold "staff's comments in their own words" and held none:
  the line comes from what the appendix holds.

Sections, findings and sources are generated here; the expected words are written by hand.
"""

from __future__ import annotations

import nbformat

from pipelines.core.figures import Figure, Kind
from pipelines.core.outputs import META_KEY
from pipelines.documents import blocks
from pipelines.documents.exempt import exempt_note
from pipelines.documents.pack import Section
from pipelines.documents.report import report_sections
from pipelines.documents.texts import ReportText
from pipelines.documents.unchanged import EarlierReport, Since
from pipelines.sections.findings import Finding

MARCH = ("Evidence on the workforce", "Tuesday 27 March 2018")
SNAPSHOT = "HR workforce snapshot at 28 February 2018"
REGISTER = "Market supplement register 2017/18"
MODEL = "Staffing model for the redesigned service (report, paragraph 6.2)"
FEES = "Recruitment partner fee schedule, 2017/18"
EXPORT = "Recruitment system export, applications 1 October 2016 to 30 September 2017"
HELD = f"{EXPORT}, held by the council; exempt"


def _finding(section: str, source: str) -> Finding:
    fig = Figure(
        key="agency_premium",
        label="Agency workers: extra cost a year",
        value=1_152_000,
        kind=Kind.MONEY_PER_YEAR,
        source=source,
        period="At 28 February 2018",
        section=section,
    )
    return Finding(
        key=fig.key,
        section=section,
        text="Agency workers cost about £1,152,000 a year more than permanent staff would.",
        figure=fig,
        comparator="permanent staff",
        comparator_value=None,
        source=source,
        period=fig.period,
        amount=1_152_000,
        unit="£ a year",
        category="cost",
        score=30.0,
    )


def _chapter(name: str, title: str) -> Section:
    table = blocks.cell([blocks.findings_output(["A figure."], "findings")])
    return Section(name, blocks.notebook(blocks.md(f"# {title}\nWhat it shows."), table))


def _text(**more) -> ReportText:
    return ReportText(
        "T",
        None,
        "To inform.",
        ["Note it."],
        ["Why? The staffing model for the redesigned service assumes 14 cases per worker."],
        ["Minutes of the meeting of Tuesday 27 March 2018", SNAPSHOT, REGISTER, MODEL, FEES],
        confidential=[HELD],
        cues={
            SNAPSHOT: (SNAPSHOT,),
            REGISTER: (REGISTER,),
            MODEL: (MODEL, "Staffing model for the redesigned service"),
            FEES: (FEES,),
            HELD: (EXPORT,),
        },
        **more,
    )


def _background(out) -> str:
    return next(s for s in out if s.name == "r91_background").notebook.cells[0].source


def _key_findings(out) -> str:
    cells = next(s for s in out if s.name == "r03_key_findings").notebook.cells
    return str(cells[1].outputs[0])


def test_a_key_finding_of_an_unchanged_chapter_points_to_the_report_that_prints_it():
    chapter = _chapter("40_workforce_costs", "Workforce and costs")
    out = report_sections(
        [chapter],
        [_finding("40_workforce_costs", SNAPSHOT)],
        _text(),
        since=Since(chapters={"40_workforce_costs": EarlierReport(*MARCH, 7)}),
    )
    key = _key_findings(out)
    assert "See section 7 of the report to the meeting of Tuesday 27 March 2018 and source 1." in (
        key
    )
    assert "See section 5" not in key  # the one-line chapter of this report holds no evidence
    papers = _background(out)
    assert (
        "- Report \u201cEvidence on the workforce\u201d to the meeting of Tuesday 27 March 2018"
        in (papers)
    )
    # printed in full, the chapter is where the evidence is
    full = report_sections([chapter], [_finding("40_workforce_costs", SNAPSHOT)], _text())
    assert "See section 5 and source 1." in _key_findings(full)
    assert "Evidence on the workforce" not in _background(full)


def test_only_the_papers_whose_figures_the_report_prints_are_listed():
    chapter = _chapter("40_workforce_costs", "Workforce and costs")
    out = report_sections([chapter], [_finding("40_workforce_costs", SNAPSHOT)], _text())
    papers = _background(out)
    # cited by the key finding's source note; by the question; never cited
    assert f"- {SNAPSHOT}" in papers
    assert f"- {MODEL}" in papers
    assert REGISTER not in papers and FEES not in papers
    # the minutes carry no cue: listed as before
    assert "- Minutes of the meeting of Tuesday 27 March 2018" in papers
    # the recruitment export is cited nowhere: not among the records either
    assert EXPORT not in papers
    cited = report_sections([chapter], [_finding("40_workforce_costs", EXPORT)], _text())
    assert f"- {HELD}" in _background(cited)
    # a source drawn on by the report's own words (a question's observed figure) is used
    drawn = report_sections([chapter], [], _text(drawn_on=[REGISTER]))
    assert f"- {REGISTER}" in _background(drawn)


def _output(name: str, rows, **meta) -> nbformat.NotebookNode:
    return nbformat.v4.new_output(
        "display_data",
        data={"text/plain": name},
        metadata={META_KEY: {"kind": "table", "name": name, "caption": name, "data": rows, **meta}},
    )


def _run(*outputs) -> Section:
    return Section(
        "15_recruitment",
        blocks.notebook(blocks.md("# Recruitment\nText."), blocks.cell(list(outputs))),
    )


def test_the_exempt_appendix_is_described_by_what_it_holds():
    public = _run(_output("routes", "[[1, '[c]']]"))
    small = _run(_output("routes", "[[1, 3]]"))
    assert exempt_note([small], [public]) == (
        "Exempt appendix to this report (not for publication): figures about groups so small "
        "that people could be identified."
    )
    assert "comments" not in exempt_note([small], [public])
    steps = _output("steps", "[[0.25, 1]]", individuals=True)
    words = _output("comments", "[['I left for pay']]", free_text=True)
    both = _run(_output("routes", "[[1, 3]]"), steps, words)
    assert exempt_note([both], [public]) == (
        "Exempt appendix to this report (not for publication): figures about groups so small "
        "that people could be identified, records of individual staff and staff's comments in "
        "their own words."
    )
    same = _run(_output("routes", "[[1, '[c]']]"))
    # nothing withheld: no appendix, so no line for one (reader15)
    assert exempt_note([same], [public]) is None


def test_the_exempt_appendix_is_never_listed_as_open_to_inspection():
    """reader14 (L21 p17, L28 p7, C16 p4): the list "open to inspection" held the exempt
    appendix; exempt information is not open to inspection, so it is said apart."""
    chapter = _chapter("40_workforce_costs", "Workforce and costs")
    steps = _output("steps", "[[0.25, 1]]", individuals=True)  # one row per person
    note = exempt_note([_run(steps)], [_run()])
    assert note is not None
    out = report_sections(
        [chapter], [_finding("40_workforce_costs", SNAPSHOT)], _text(), exempt_note=note
    )
    papers = _background(out)
    open_list, _, rest = papers.partition("\n\nThe exempt appendix is not open to inspection")
    assert "Exempt appendix" not in open_list
    assert f"- {SNAPSHOT}" in open_list
    assert rest.startswith(" (Local Government Act 1972, Schedule 12A):\n\n- Exempt appendix to")
    assert "open to inspection" not in rest.partition("- Exempt appendix")[2]
