"""The final report's scope says what was reported instead of a section it could not report.

Fault 6 of issue 22: Luton's final report said "Local and national picture: not reported"
without pointing to the local picture. The note is computed from the review's meetings: which
packs (lettered as the appendices) showed the council's own evidence sections in their report.
Worked by hand from config/reviews/luton-sw-2016.yml's meetings: the packs of 15 August 2016 and
22 November 2016 hold only the national comparison, whose DfE figures were published after every
meeting, so their reports show no chapter; every pack built is an appendix (issue 22, point 9):
A (15 August 2016), B (21 September 2016: leavers, recruitment, surveys, workforce, retention;
data quality is annex-only), C (22 November 2016), D (21 December 2016: leavers, surveys,
workforce, SWOT, and the national comparison) and E (28 February 2017: all). No national
comparison is reported, and the note does not name the later release.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from pipelines.core.config import load_review
from pipelines.documents import meeting as meeting_docs

HEAD = "Local and national picture: "
#: What the appendices hold of the council's own picture: never said to be missing (the old
#: note, "not reported ...; the local picture ... is in Appendix A", contradicted itself).
OWN = "the council's own figures are in"
#: The outside comparison, said in the present tense of what the appendices hold (reader11: the
#: note said four appendices "were to give the comparison", none of which holds it).
OUTSIDE = "no appendix compares them with figures from outside the council"
#: The chapters the appendices hold are listed with them (section 7), not in the note
#: (reader13: a 70-word scope bullet).
CHAPTERS = ("leavers and exit interviews", "recruitment", "staff and locum surveys")


def national_note(last: dt.date) -> str:
    cfg = load_review("luton-sw-2016")
    notes = meeting_docs.scope_places(cfg, last)
    return next(
        n for item, n in zip(cfg.final_report.scope, notes, strict=True) if "national" in item
    )


@pytest.mark.parametrize(
    ("last", "expected"),
    [
        (
            dt.date(2017, 2, 28),
            f"{HEAD}{OWN} Appendix B (21 September 2016), Appendix D (21 December 2016) and "
            f"Appendix E (28 February 2017); {OUTSIDE}, and Appendix A (15 August "
            "2016) and Appendix C (22 November 2016) give no findings",
        ),
        (
            dt.date(2016, 11, 22),
            f"{HEAD}{OWN} Appendix B (21 September 2016); {OUTSIDE}, and Appendix A "
            "(15 August 2016) and Appendix C (22 November 2016) give no findings",
        ),
        (
            dt.date(2016, 8, 15),
            f"{HEAD}no appendix gives the council's own figures or compares them with figures "
            "from outside the council, and Appendix A (15 August 2016) gives no findings",
        ),
    ],
)
def test_a_section_not_reported_says_where_the_local_picture_is(last, expected):
    note = national_note(last)
    assert note == expected
    assert "not reported" not in note and "local picture" not in note
    assert "in no evidence pack" not in note and "published" not in note
    assert " were to " not in note and " was to " not in note  # what they hold, not were to
    assert not any(c in note for c in CHAPTERS), note


def test_each_appendix_the_note_names_is_one_the_final_report_lists():
    cfg = load_review("luton-sw-2016")
    last = cfg.final_report.meeting
    titles = meeting_docs.appendix_titles(cfg, last)
    note = national_note(last)
    for letter, day in (
        ("A", "15 August 2016"),
        ("B", "21 September 2016"),
        ("C", "22 November 2016"),
        ("D", "21 December 2016"),
        ("E", "28 February 2017"),
    ):
        assert f"Appendix {letter} ({day})" in note
        # an entry for several packs names each: "Appendices A and C: ..."
        named = [re.match(r"Appendi(?:x|ces) ([A-Z, and]+):", t) for t in titles]
        assert any(
            m and letter in re.findall(r"\b[A-Z]\b", m.group(1)) and day.split()[0] in t
            for m, t in zip(named, titles, strict=True)
        )
