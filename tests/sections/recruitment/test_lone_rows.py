"""A note says only what its table shows, and a table of one row standing for every group is a
sentence (reader15, Luton 21 September 2016, p7: the time-to-hire note said small routes were
"pooled as 'Other routes'" over a table holding only "All routes 19"; "Offers declined" was one
row, "All reasons 6 6 12"). Data made here.
"""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from pipelines.core.results import Column, TidyTable
from pipelines.sections.recruitment import analysis as ra
from pipelines.sections.recruitment import funnel_tables as rf
from tests.sections.recruitment.test_appointments import starters

CFG = SimpleNamespace(
    datasets={"recruitment": SimpleNamespace(source="Recruitment export")},
    period=SimpleNamespace(label="the year"),
)
#: 19 starters over three routes of 6, 7 and 6 (10, 20, ..., 190 days): none has the 10 a
#: median needs at the threshold of 5, so every route is pooled into "All routes".
NINETEEN = {
    "Job board": list(range(10, 70, 10)),
    "University": list(range(70, 140, 10)),
    "Recruitment partner": list(range(140, 200, 10)),
}


def test_the_note_says_only_what_the_table_shows():
    pooled = rf.time_table(CFG, starters(NINETEEN), merge=5)
    assert pooled.frame["route"].tolist() == [ra.ALL]
    note = pooled.caption.split(". ", 1)[1]
    assert note == (
        "A median or quartile is shown only for a group of at least 10 starters: no route has "
        "that many, so the routes are shown together"
    )
    # routes of 12, 6 and 5: two pooled as "Other routes" (11), every row with its median
    some = starters({"A": list(range(10, 130, 10)), "B": [40] * 6, "C": [100] * 5})
    table = rf.time_table(CFG, some, merge=5)
    assert table.frame["route"].tolist() == [ra.ALL, "A", ra.OTHER_ROUTES]
    assert table.caption.endswith("routes with fewer are pooled as \u201cOther routes\u201d")
    # 5 starters in all: one row, too few for a median, and the note says so
    few = rf.time_table(CFG, starters({"Job board": [30, 50, 69, 84, 92]}), merge=5)
    assert few.caption.endswith(
        "so the routes are shown together, and a group still smaller shows only how many started"
    )


def test_a_time_to_hire_of_one_row_for_every_route_is_a_sentence():
    pooled = rf.time_table(CFG, starters(NINETEEN), merge=5)
    # 19 days 10..190: the 10th is 100; positions 4.5 (50, 60) and 13.5 (140, 150)
    assert rf.lone_row_sentence(pooled, 5) == (
        "The 19 starters in the period took a median of 100 days from application to start "
        "(quartiles 55 to 145 days). No route had the 10 starters a median needs, so the "
        "routes are not shown apart."
    )
    some = starters({"A": list(range(10, 130, 10)), "B": [40] * 6, "C": [100] * 5})
    assert rf.lone_row_sentence(rf.time_table(CFG, some, merge=5), 5) is None


def _declines(rows) -> TidyTable:
    frame = pd.DataFrame(rows, columns=["reason", "declined", "withdrawn", "total"])
    return TidyTable(
        name="declines",
        frame=frame,
        columns={c: Column(c) for c in frame.columns},
        caption="Offers declined and applicants who withdrew, by reason",
        source="Recruitment export",
    )


def test_a_declines_table_of_one_row_for_every_reason_is_a_sentence():
    lone = _declines([(rf.ALL_REASONS, 6, 6, 12)])
    assert rf.lone_row_sentence(lone) == (
        "Of the applicants, 6 declined an offer and 6 withdrew, 12 in all. Their reasons are "
        "not shown, so that no one's reason can be read from the other tables."
    )
    by_reason = _declines([("Pay", 6, 2, 8), (ra.OTHER_REASONS, 3, 4, 7)])
    assert rf.lone_row_sentence(by_reason) is None
