import math

import pandas as pd
import pytest

from pipelines.sections.leavers import analysis as lv


def _leavers(rows):
    return pd.DataFrame(
        rows, columns=["service", "profession", "role", "leaving_reason", "years_of_service"]
    )


def test_turnover_rate_is_leavers_over_posts_as_a_percentage():
    assert lv.turnover_rate(9, 64) == pytest.approx(14.0625)
    assert math.isnan(lv.turnover_rate(3, 0))


def test_band_labels_name_open_ended_first_and_last_bands():
    assert lv.band_labels([1, 2, 5]) == [
        "Less than 1 year",
        "Between 1 and 2 years",
        "Between 2 and 5 years",
        "More than 5 years",
    ]


def test_length_of_service_bands_include_their_lower_edge_and_list_empty_bands():
    df = _leavers(
        [("A", "Social work", "Social Worker", "Retired", y) for y in (0.5, 1.0, 1.99, 7.0)]
    )
    table = lv.length_of_service(df, "A", [1, 2, 5])
    assert table["Leavers"].tolist() == [1, 2, 0, 1, 4]
    assert table["Length of service"].iloc[-1] == "Total"


def test_reasons_table_restricted_to_short_service():
    df = _leavers(
        [
            ("A", "Social work", "Social Worker", r, y)
            for r, y in [("x", 0.5), ("x", 3.0), ("y", 1.5)]
        ]
    )
    table = lv.reasons_table(df, service="A", under_years=2)
    assert dict(zip(table["Reason for leaving"], table["Leavers"], strict=True)) == {
        "x": 1,
        "y": 1,
        "Total": 2,
    }


def test_top_reasons_keep_ties_together():
    table = pd.DataFrame(
        {"Reason for leaving": ["a", "b", "c", "d", "Total"], "Leavers": [5, 4, 3, 3, 15]}
    )
    assert lv.top_reasons(table, 3) == [["a"], ["b"], ["c", "d"]]


def test_turnover_by_service_gives_both_bases():
    est = pd.DataFrame(
        {
            "service": ["A", "A"],
            "profession": ["Social work", "Occupational therapy"],
            "posts": [10, 2],
        }
    )
    df = _leavers(
        [
            ("A", "Social work", "Social Worker", "x", 1.0),
            ("A", "Occupational therapy", "Specialist Practitioner", "x", 1.0),
        ]
    )
    row = lv.turnover_by_service(df, est).iloc[0]
    assert row["Turnover, all qualified posts (%)"] == pytest.approx(100 * 2 / 12)
    assert row["Turnover, social workers (%)"] == pytest.approx(100 * 1 / 10)


def test_aspect_ratings_put_the_lowest_good_share_first():
    ratings = pd.DataFrame(
        {"aspect": ["Pay", "Pay", "Team", "Team"], "rating": ["Poor", "Good", "Excellent", "Good"]}
    )
    table = lv.aspect_ratings(ratings)
    assert table["Aspect of employment"].tolist() == ["Pay", "Team"]
    assert table["Good or excellent (%)"].tolist() == [50.0, 100.0]
