"""A meeting that withholds nothing tables no exempt appendix (reader15 C16x; reader14 before).

Coventry 16 April 2018: the appendix held no table or chart (every exempt section is that of
the 27 March appendix). Reader14 found its cover citing the review's paragraph 1; it was then
written marked "NOTHING EXEMPT", and the report listed it "not open to inspection (...
Schedule 12A)" (reader15): a private paper withholding nothing. Now no appendix is written,
the report neither lists nor mentions one, and the build says so. Sections generated here;
the built packs are checked in tests/e2e/test_no_empty_appendix.py.
"""

from __future__ import annotations

import nbformat.v4 as v4
import pandas as pd

from pipelines.core.config import load_review
from pipelines.core.outputs import output_metadata, table_html
from pipelines.documents import blocks, exempt
from pipelines.documents.front import NO_EXEMPT, NOTHING_EXEMPT, front_matter
from pipelines.documents.pack import Section
from pipelines.documents.report import report_sections
from pipelines.documents.texts import report_text

#: Answers by service: 3 in one service, below the threshold of 5, so the public run hides it.
ANSWERS = pd.DataFrame({"Service": ["Adults", "Children"], "Answered": [3, 12]})


def _table(df: pd.DataFrame):
    return v4.new_output(
        "display_data",
        data={"text/html": f'<div class="ep-table">{table_html(df, "answers")}</div>'},
        metadata=output_metadata("table", "answers", "Answers", "HR", None, df),
    )


def _section(name: str, *outputs) -> Section:
    cell = v4.new_code_cell("")
    cell.outputs = list(outputs)
    return Section(name, blocks.notebook(blocks.md("# Surveys\nIntro."), cell))


def test_a_meeting_with_nothing_exempt_has_no_appendix_and_no_line_for_one():
    review_paragraphs = ["Paragraph 1 of Part 1 of Schedule 12A: information relating to anyone."]
    same = _section("20_surveys", _table(ANSWERS))
    assert exempt.exempt_sections([same], [same], review_paragraphs) == []
    assert exempt.exempt_note([same], [same]) is None
    # a count of 3 the public run hides is exempt (paragraph 2): the appendix is written
    hidden = ANSWERS.assign(Answered=["[c]", 12])
    private, public = (
        [_section("20_surveys", _table(ANSWERS))],
        [_section("20_surveys", _table(hidden))],
    )
    parts = exempt.exempt_sections(private, public, review_paragraphs)
    assert exempt.exempt_paragraph_numbers(parts) == [2]
    assert exempt.exempt_note(private, public).startswith("Exempt appendix to this report")


def test_the_report_of_a_meeting_withholding_nothing_neither_lists_nor_mentions_an_appendix():
    cfg = load_review("coventry-sw-2018")
    meeting = cfg.meeting("2018-04-16")
    text = report_text(cfg, meeting, [])
    note = exempt.exempt_note([], [])
    sections = report_sections([], [], text, exempt_note=note)
    words = " ".join(" ".join(str(c.source) for s in sections for c in s.notebook.cells).split())
    assert note is None
    assert "exempt appendix" not in words.casefold() and "Schedule 12A" not in words
    assert "Background papers" in words  # the list is there, without the appendix
    said = report_sections([], [], text, exempt_note="Exempt appendix to this report: records.")
    said = " ".join(" ".join(str(c.source) for s in said for c in s.notebook.cells).split())
    assert "The exempt appendix is not open to inspection" in said


def test_the_build_says_nothing_is_withheld_when_it_writes_no_appendix(tmp_path):
    from pipelines.orchestrator import tell_no_appendix

    told: list[str] = []
    (tmp_path / "public").mkdir()
    tell_no_appendix(("exempt", "public"), tmp_path, told.append)
    assert told == ["No exempt appendix for this meeting: nothing is withheld."]
    (tmp_path / "exempt").mkdir()
    tell_no_appendix(("exempt", "public"), tmp_path, told.append)
    tell_no_appendix(("public",), tmp_path / "none", told.append)  # no exempt run: no appendix
    assert len(told) == 1


def test_the_cover_of_a_front_matter_citing_no_paragraph_says_nothing_is_exempt():
    """The cover's own rule (an exempt front matter without paragraphs: the technical annex of
    a review that sets none); no appendix citing none is written any more."""
    cfg = load_review("coventry-sw-2018")
    meeting = cfg.meeting("2018-04-16")
    front = front_matter(
        cfg.model_copy(update={"exempt_paragraphs": []}), meeting, "exempt", "2018-04-15"
    )
    cover = f"{front.marking} {front.marking_note}"
    assert front.marking == NO_EXEMPT and "paragraph 1" not in cover.lower()
    assert front.marking_note.startswith(NOTHING_EXEMPT)
    # an appendix that holds exempt items keeps the paragraphs it cites
    cited = front_matter(cfg, meeting, "exempt", "2018-04-15")
    assert "Schedule 12A, paragraph" in cited.marking
