"""A later meeting's report does not re-table unchanged evidence (issue 22, 28 Feb 2017 report:
chapters 5 to 9 repeated the earlier reports' chapters word for word).

The rule (docs/architecture.md): a chapter of the council's own evidence whose figures are all
the same as in the latest earlier report that showed it prints its heading and one line naming
that report by title and date and its section there; otherwise it is printed in full. Worked
by hand from config/reviews/luton-sw-2016.yml: the reports of 21 September 2016 (leavers 5,
recruitment 6, surveys 7, workforce 8, retention 9) and 21 December 2016 (leavers 5, surveys 6,
workforce 7: the national comparison was published after it, the SWOT is 8).
"""

from __future__ import annotations

import pytest

from pipelines.core.config import load_review
from pipelines.documents import blocks
from pipelines.documents.pack import Section
from pipelines.documents.report import report_sections
from pipelines.documents.texts import ReportText
from pipelines.documents.unchanged import unchanged_chapters, unchanged_line
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
        # the latest earlier report that showed each chapter: 21 December where it did
        "10_leavers": unchanged_line(*DEC, 5),
        "20_surveys": unchanged_line(*DEC, 6),
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
    assert got["10_leavers"] == unchanged_line(*DEC, 5)


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
