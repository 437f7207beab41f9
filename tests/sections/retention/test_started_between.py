"""The curves' source says when their people started as a councillor reads it (reader15, Luton
21 September 2016, p13: "who had started from February 1985 to June 2016"). Data made here."""

from __future__ import annotations

import pandas as pd

from pipelines.sections.retention.curves import observed_period, started_between


def _data(*starts: str) -> pd.DataFrame:
    return pd.DataFrame({"start_date": pd.to_datetime(list(starts))})


def test_the_source_gives_the_first_start_by_year_and_the_last_by_month():
    said = observed_period(
        _data("1985-02-11", "2003-05-01", "2016-06-20"), "2015-09-01", "2016-07-30"
    )
    assert said == (
        "leavers of 1 September 2015 to 30 July 2016 and staff in post at 30 July 2016, who "
        "started between 1985 and June 2016"
    )


def test_one_year_and_one_month_are_said_once():
    first, last = pd.Timestamp("2016-02-01"), pd.Timestamp("2016-06-30")
    assert started_between(first, last) == "started between February and June 2016"
    assert started_between(last, last) == "started in June 2016"
    assert observed_period(_data(), "2015-09-01", "2016-07-30").endswith("30 July 2016")
