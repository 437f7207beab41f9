"""The cover gives the meeting's reference, time, place and agenda item from the review
config, or says once which of them nothing states (issue 22, papers19 point 1).

The Coventry report of 16 April 2018 and its final report, and Luton's of 28 February 2017,
had covers with none of them and no word why: the seed papers give no time, place, reference
or agenda item for those meetings.
"""

from __future__ import annotations

import dataclasses
import html as html_lib
import re

from pipelines.documents import pack
from pipelines.documents.front import not_stated
from tests.documents.pack_sample import sample_front


def cover(front) -> str:
    page = pack.assemble([], front)
    return re.search(r'<section [^>]*class="cover".*?</section>', page, flags=re.S).group()


def test_a_cover_with_everything_given_prints_each_and_no_not_stated_line():
    front = dataclasses.replace(sample_front(), kind="report")
    html = cover(front)
    assert "Reference: R&amp;RSWT&amp;F/09/16" in html
    assert "<dt>Time</dt><dd>18:00</dd>" in html
    assert "Committee Room 3" in html and "<dt>Agenda item</dt>" in html
    assert not_stated(front) is None and "Not stated" not in html


def test_a_cover_says_once_what_nothing_states():
    front = dataclasses.replace(
        sample_front(), kind="report", committee_ref=None, meeting_time=None, place=None,
        agenda_items=[],
    )  # fmt: skip
    html = cover(front)
    line = (
        "Reference, time, place and agenda item: not stated in the council's papers for this "
        "meeting."
    )
    assert not_stated(front) == line
    assert html_lib.unescape(html).count(line) == 1
    assert html.count("not stated in the council") == 1
    assert "<dt>Time</dt>" not in html and "<dt>Place</dt>" not in html
    # only what is missing is named
    some = dataclasses.replace(sample_front(), kind="exempt", place=None)
    assert not_stated(some) == "Place: not stated in the council's papers for this meeting."
    # a standalone pack (the national benchmark) is of no meeting: nothing said
    assert not_stated(dataclasses.replace(front, kind="pack")) is None
