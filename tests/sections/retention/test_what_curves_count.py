"""What the retention section's curves and flows are computed from, said truly (issue 22).

Reader11, Luton 21 September 2016: the survival chart's source read "1 September 2015 to 30 July
2016" under curves running to 4 years of service (they follow staff who started years before
the window); the exempt flows table printed "Leavers 25" beside the report's 26 for the same
year (its leavers stop at the staff in post date, and a leaver on the window's first day was
dropped). Data made here (tests/sections/retention/test_result.py), figures counted by hand.
"""

from __future__ import annotations

import pandas as pd

from pipelines.core.results import FramesContext
from pipelines.sections.retention import result as rr
from tests.sections.retention.test_result import MEETING, WINDOW, A, B, frames, review


def test_the_curves_say_they_follow_the_windows_leavers_and_staff_who_started_years_before():
    data = frames()
    out = rr.build(FramesContext(review(), MEETING, data), {"scenario_service": A})
    # every leaver of the made data left in the window, before the staff in post date
    starts = pd.concat([data["staff_in_post"]["start_date"], data["leavers"]["service_start_date"]])
    first, last = starts.min(), starts.max()
    assert first.year < 2015  # the curves reach back years before the window
    said = (
        "leavers of 1 September 2015 to 30 July 2016 and staff in post at 30 July 2016, who "
        f"started between {first.year} and {last:%B %Y}"
    )
    for name in ("by_service", "curve_service", "steps_service"):
        assert out.tables[name].period == said, name


def test_the_flows_count_every_leaver_of_the_window_and_say_where_they_stop():
    data = frames()
    lv = data["leavers"].copy()
    # one leaver on the window's first day, one after the staff in post date (in the year)
    extra = lv.iloc[[0, 0]].copy()
    extra["employee_ref"] = ["first-day", "august"]
    extra["leaving_date"] = [pd.Timestamp(WINDOW), pd.Timestamp("2016-08-20")]
    extra["service_start_date"] = pd.Timestamp("2014-01-06")
    data["leavers"] = pd.concat([lv, extra], ignore_index=True)
    out = rr.build(FramesContext(review(), MEETING, data), {"scenario_service": A})
    rates = out.tables["rates"]
    by = rates.frame.set_index("service")["leavers"]
    # 12 made leavers of A, all before 30 July 2016, and the first-day leaver; the August
    # leaver is after the staff in post date: 13 (and B's one)
    assert (by[A], by[B]) == (13, 1)
    assert rates.columns["leavers"].label == "Leavers to 30 July 2016"
    assert (
        "Leavers are counted to 30 July 2016, the date staff in post were counted; the leavers "
        "tables count to 31 August 2016, so they can count more" in rates.caption
    )
