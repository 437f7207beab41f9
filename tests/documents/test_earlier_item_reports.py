"""An earlier meeting's agenda item report that a later report cites is one of its background
papers (reader14 on the Luton 21 December 2016 report).

The SWOT entries, a target's source and a note cited "Agenda item 6 report, 21 September
2016, paragraph 26": a report to the group's second meeting, yet the background papers named
only the minutes of the meeting before. Every council paper the report cites is listed; one it
does not cite is not. The demo review's own meetings and agenda are read; the citing words are
written here.
"""

from __future__ import annotations

from pipelines.core.config import load_review
from pipelines.documents import texts
from pipelines.documents.background import in_use
from pipelines.documents.pack import format_meeting_date
from tests.conftest import DEMO_REVIEW


def _later_meeting():
    """A meeting of the demo review with an earlier meeting whose agenda has items."""
    cfg = load_review(DEMO_REVIEW)
    dated = sorted((m for m in cfg.meetings if m.date), key=lambda m: m.date)
    for i, first in enumerate(dated):
        if first.agenda_items and i + 1 < len(dated):
            return cfg, first, dated[-1]
    raise AssertionError("the demo review has no earlier meeting with an agenda")


def test_an_earlier_item_report_the_text_cites_is_a_background_paper():
    cfg, first, later = _later_meeting()
    item = first.agenda_items[0]
    day = f"{first.date.day} {first.date:%B %Y}"
    paper = f"Item {item.item}: {item.subject}: report to the meeting of "
    paper += format_meeting_date(first.date)
    text = texts.report_text(cfg, later, [])
    cites = [
        f"Evidence: 7 trainees; source: Agenda item {item.item} report, {day}, paragraph 54.",
        f"target of under 20 (set by Item {item.item} report to the group, paragraph 47, {day})",
    ]
    for printed in cites:
        assert paper in in_use(text.background_papers, text.cues, printed), printed
    # not cited, or another item, or the same item on another day: not listed
    other = f"{first.date.day + 1} {first.date:%B %Y}"
    for printed in [
        "No paper is cited.",
        f"Item {item.item} report, {other}",
        f"Item 99 report, {day}",
    ]:
        assert paper not in in_use(text.background_papers, text.cues, printed), printed
