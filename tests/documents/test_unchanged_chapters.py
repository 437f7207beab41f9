"""A later meeting's report does not re-table unchanged evidence (issue 22, 28 Feb 2017 report:
chapters 5 to 9 repeated the earlier reports' chapters word for word).

The rule (docs/architecture.md): a chapter of evidence whose figures are all the same as in the
latest earlier report that showed it prints its heading and one line naming the report that
printed that chapter in full by title and date and its section there (when the latest earlier
report's chapter was itself one line, the report that line names: reader12 on the 28 February
report, whose leavers chapter named section 5 of 21 December, itself one line naming 21
September); otherwise it is printed in full. Worked
by hand from config/reviews/luton-sw-2016.yml: the reports of 21 September 2016 (leavers 5,
recruitment 6, surveys 7, workforce 8, retention 9) and 21 December 2016 (leavers 5, surveys 6,
workforce 7 printed in full, its agency rate changed: the national comparison was published
after it, the SWOT is 8).
"""

from __future__ import annotations

import pytest

from pipelines.core.config import load_review
from pipelines.documents import blocks
from pipelines.documents.pack import Section
from pipelines.documents.report import report_sections
from pipelines.documents.texts import ReportText
from pipelines.documents.unchanged import since_earlier, unchanged_chapters, unchanged_line
from tests.conftest import demo_frames

SEPT = (
    "Evidence on recruitment and retention activity (item 6) and reasons for leaving and exit "
    "interviews (item 7)",
    "Wednesday 21 September 2016",
)
DEC = (
    "Evidence on the strengths, weaknesses, opportunities and threats of the local position",
    "Wednesday 21 December 2016",
)


@pytest.fixture(scope="module")
def luton():
    cfg = load_review("luton-sw-2016")
    return cfg, demo_frames()


def test_the_final_meetings_chapters_name_the_report_that_tabled_their_figures(luton):
    cfg, frames = luton
    got = unchanged_chapters(cfg, cfg.meeting("2017-02-28"), frames)
    assert got == {
        # the latest earlier report that printed each chapter in full: 21 December's leavers
        # and surveys chapters were one line naming 21 September's sections 5 and 7
        "10_leavers": unchanged_line(*SEPT, 5),
        "20_surveys": unchanged_line(*SEPT, 7),
        "40_workforce_costs": unchanged_line(*DEC, 7),
        "15_recruitment": unchanged_line(*SEPT, 6),
        "45_retention": unchanged_line(*SEPT, 9),
    }
    assert unchanged_line(*DEC, 5) == (
        "The figures of this chapter are unchanged since the report \u201cEvidence on the "
        "strengths, weaknesses, opportunities and threats of the local position\u201d to the "
        "meeting of Wednesday 21 December 2016, section 5 of that report, so they are not "
        "repeated here."
    )
    # 21 December's own one-line chapters name 21 September; its workforce chapter (another
    # agency rate) is printed in full
    assert unchanged_chapters(cfg, cfg.meeting("2016-12-21"), frames) == {
        "10_leavers": unchanged_line(*SEPT, 5),
        "20_surveys": unchanged_line(*SEPT, 7),
    }
    # the first report with these chapters tables them in full
    assert unchanged_chapters(cfg, cfg.meeting("2016-09-21"), frames) == {}


def test_a_chapter_whose_figures_changed_since_the_latest_report_is_printed_in_full(luton):
    """The workforce chapter of 28 February with the 21 September parameters (two compared
    posts) has other figures than the 21 December report, the latest that showed it: it is
    printed in full, though the 21 September report had the same figures."""
    cfg, frames = luton
    sept = {s.notebook: s for s in cfg.meeting("2016-09-21").sections}
    meetings = []
    for m in cfg.meetings:
        if m.date is not None and str(m.date) == "2017-02-28":
            sections = [
                sept["40_workforce_costs"] if s.notebook == "40_workforce_costs" else s
                for s in m.sections
            ]
            m = m.model_copy(update={"sections": sections})
        meetings.append(m)
    changed = cfg.model_copy(update={"meetings": meetings})
    got = unchanged_chapters(changed, changed.meeting("2017-02-28"), frames)
    assert "40_workforce_costs" not in got
    assert got["10_leavers"] == unchanged_line(*SEPT, 5)


def test_an_unchanged_chapter_prints_its_heading_and_the_line_only():
    table = blocks.cell([blocks.findings_output(["Turnover was 23.2%."], "findings")])
    section = Section("10_leavers", blocks.notebook(blocks.md("# Leavers\nWho left."), table))
    text = ReportText("T", None, "To inform.", ["Note it."], ["Why?"], [])
    line = unchanged_line(*SEPT, 5)
    out = report_sections([section], [], text, unchanged={"10_leavers": line})
    chapter = next(s for s in out if s.name == "10_leavers")
    cells = chapter.notebook.cells
    assert len(cells) == 1 and cells[0].cell_type == "markdown"
    assert cells[0].source.startswith("# 5. Leavers\n")
    assert "Turnover was 23.2%" not in str(chapter.notebook)
    assert "unchanged since the report" in cells[0].source
    full = report_sections([section], [], text)
    assert "Turnover was 23.2%" in str(next(s for s in full if s.name == "10_leavers").notebook)


def test_the_national_comparison_is_compared_too():
    """Coventry's reports of 27 March and 16 April 2018 show the same sections with the same
    parameters (config: ``sections: *final``), the national comparison (DfE figures at 30
    September 2017) among them: on 16 April every chapter of evidence is one line naming
    the 27 March report (recruitment 5, national 6, workforce 7, retention 8), the national
    one too, and no finding of it is new (reader12: the 16 April report stated the vacancy
    rate against England's as its one new finding, word for word the 27 March report's key
    finding 4, and printed the 27 March table again)."""
    cfg = load_review("coventry-sw-2018")
    frames = demo_frames("coventry-sw-2018")
    march = (
        "Evidence on the workforce, the market supplement and the progression scheme",
        "Tuesday 27 March 2018",
    )
    # since_earlier once (each call computes both meetings' figures): the one-line chapters are
    # unchanged_chapters' lines of it (unchanged_chapters itself is tested above)
    since = since_earlier(cfg, cfg.meeting("2018-04-16"), frames)
    got = {name: since.line(name) for name in since.chapters}
    assert got == {
        "15_recruitment": unchanged_line(*march, 5),
        "30_local_vs_national": unchanged_line(*march, 6),
        "40_workforce_costs": unchanged_line(*march, 7),
        "45_retention": unchanged_line(*march, 8),
    }
    # the DfE figures of the comparison (the council's vacancy rate among them) are unchanged
    national = {k for k, r in since.figures.items() if r.number == 6}
    assert "dfe_vacancy_rate" in national and all(k.startswith("dfe_") for k in national)
