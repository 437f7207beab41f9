"""Date-times where a date is expected (issue 21): HR and survey tools export them."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipelines.core.cleaning_values import day_month_orders, parse_date, without_time_of_day


@pytest.mark.parametrize(
    ("cell", "day"),
    [
        ("26/09/2024 11:19", dt.date(2024, 9, 26)),
        ("26/09/2024 11:19:05", dt.date(2024, 9, 26)),
        ("26/09/2024 11:19 AM", dt.date(2024, 9, 26)),
        ("26/09/2024 1:19pm", dt.date(2024, 9, 26)),
        ("2024-09-26T11:19:05", dt.date(2024, 9, 26)),
        ("2024-09-26T11:19:05.123Z", dt.date(2024, 9, 26)),
        ("2024-09-26 11:19:05+01:00", dt.date(2024, 9, 26)),
        ("12 May 2016 09:00", dt.date(2016, 5, 12)),
    ],
)
def test_a_date_time_is_read_as_its_day(cell, day):
    assert parse_date(cell)[0] == pd.Timestamp(day)


def test_a_time_does_not_change_the_day_month_order_of_the_column():
    assert day_month_orders("13/01/2016 10:00") == {"day first"}
    assert day_month_orders("01/13/2016 10:00") == {"month first"}


def test_text_that_is_not_a_date_time_is_still_refused():
    with pytest.raises(ValueError):
        parse_date("soon 11:19")
    assert without_time_of_day("Team 11:19") == "Team 11:19"


@given(
    st.dates(min_value=dt.date(1960, 1, 1), max_value=dt.date(2060, 12, 31)),
    st.integers(0, 23),
    st.integers(0, 59),
)
def test_any_date_time_reads_as_the_same_day_as_its_date(day, hour, minute):
    cell = f"{day:%d/%m/%Y} {hour:02d}:{minute:02d}"
    assert parse_date(cell)[0] == parse_date(f"{day:%d/%m/%Y}")[0] == pd.Timestamp(day)
