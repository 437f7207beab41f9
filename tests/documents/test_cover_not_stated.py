"""The cover gives the meeting's reference, time, place and agenda item from the review config
when given, and leaves out each that is not (issue 22, reader12).

A cover used to print "Time, place and agenda item: not stated in the council's papers for this
meeting." for the meetings whose papers the seeds do not have (Luton's 22 November, 21 December
and 28 February): a line a scrutiny officer would delete before tabling the paper. The meeting's
optional ``time:``, ``place:`` and ``agenda_items:`` (with ``sections[].agenda_item``) in the
review config print when given.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from pipelines.core.config import AgendaItem, Meeting, SectionRef, load_review
from pipelines.documents import pack
from pipelines.documents.front import front_matter
from tests.documents.pack_sample import sample_front


def cover(front) -> str:
    page = pack.assemble([], front)
    return re.search(r'<section [^>]*class="cover".*?</section>', page, flags=re.S).group()


def test_a_cover_with_everything_given_prints_each():
    front = dataclasses.replace(sample_front(), kind="report")
    html = cover(front)
    assert "Reference: R&amp;RSWT&amp;F/09/16" in html
    assert "<dt>Time</dt><dd>18:00</dd>" in html
    assert "Committee Room 3" in html and "<dt>Agenda item</dt>" in html
    assert "not stated" not in html.lower()


def test_a_cover_leaves_out_what_the_config_does_not_give():
    front = dataclasses.replace(
        sample_front(), kind="report", committee_ref=None, meeting_time=None, place=None,
        agenda_items=[],
    )  # fmt: skip
    html = cover(front)
    assert "not stated" not in html.lower()
    for label in ("Time", "Place", "Agenda item", "Agenda items"):
        assert f"<dt>{label}</dt>" not in html
    assert "Reference:" not in html
    assert "<dt>Date</dt>" in html  # the meeting's date is always given


def _meeting(**given) -> Meeting:
    return Meeting(
        date=dt.date(2017, 3, 1),
        label="A meeting",
        sections=[SectionRef(notebook="10_leavers", agenda_item=given.pop("serves", None))],
        **given,
    )


def test_the_meetings_time_place_and_agenda_item_reach_the_cover_from_the_config():
    cfg = load_review("luton-sw-2016")
    given = _meeting(
        time="14:30",
        place="Council Chamber, Civic Centre",
        agenda_items=[
            AgendaItem(item="4", subject="Leavers"),
            AgendaItem(item="5", subject="Any other business"),
        ],
        serves="4",
    )
    html = cover(front_matter(cfg, given, "public", "1 March 2017 10:00 UTC"))
    assert "<dt>Time</dt><dd>14:30</dd>" in html
    assert "<dt>Place</dt><dd>Council Chamber, Civic Centre</dd>" in html
    # the agenda item the section serves, not the others
    assert "<dt>Agenda item</dt>" in html and "Item 4: Leavers" in html
    assert "Any other business" not in html
    bare = cover(front_matter(cfg, _meeting(), "public", "1 March 2017 10:00 UTC"))
    assert "not stated" not in bare.lower()
    assert "<dt>Time</dt>" not in bare and "<dt>Place</dt>" not in bare
    assert "<dt>Agenda item" not in bare
