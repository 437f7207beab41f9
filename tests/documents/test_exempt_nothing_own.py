"""An exempt appendix with nothing exempt of its own cites no paragraph (reader14, C16x).

Coventry 16 April 2018: the appendix held no table or chart (every exempt section is that of
the 27 March appendix), yet its cover and every page were marked "Schedule 12A, paragraph 1",
the review's paragraphs put in when it cited none. It now cites none, and says so plainly.
"""

from __future__ import annotations

import nbformat.v4 as v4

from pipelines.core.config import load_review
from pipelines.documents import blocks, exempt
from pipelines.documents.front import NO_EXEMPT, NOTHING_EXEMPT, front_matter
from pipelines.documents.pack import Section


def _section(name: str, *outputs) -> Section:
    cell = v4.new_code_cell("")
    cell.outputs = list(outputs)
    return Section(name, blocks.notebook(blocks.md("# Surveys\nIntro."), cell))


def _text(parts) -> str:
    return " ".join(" ".join(str(c.source) for s in parts for c in s.notebook.cells).split())


def test_an_appendix_with_nothing_exempt_cites_no_paragraph_and_says_so():
    review_paragraphs = ["Paragraph 1 of Part 1 of Schedule 12A: information relating to anyone."]
    parts = exempt.exempt_sections(
        [_section("20_surveys")], [_section("20_surveys")], review_paragraphs
    )
    text = _text(parts)
    assert "Paragraph 1" not in text and "paragraphs cited" not in text
    assert "Nothing in this appendix is exempt" in text
    assert exempt.exempt_paragraph_numbers(parts) == []


def test_the_cover_of_an_appendix_citing_no_paragraph_says_nothing_is_exempt():
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
