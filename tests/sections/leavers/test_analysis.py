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


# --- Tidy frames: snake_case columns, no total rows; the display tables are built from them ---


def is_tidy(table: pd.DataFrame) -> bool:
    """snake_case column names and no "Total" row anywhere."""
    snake = all(str(c) == str(c).lower() and " " not in str(c) for c in table.columns)
    no_total = not table.astype(str).isin(["Total"]).any().any()
    return snake and no_total


def test_roles_tidy_orders_given_roles_first_then_most_leavers():
    df = _leavers(
        [
            ("A", "Social work", "Social Worker", "x", 1.0),
            ("A", "Social work", "Senior Practitioner", "x", 1.0),
            ("A", "Social work", "Senior Practitioner", "x", 1.0),
            ("A", "Occupational therapy", "Occupational Therapist", "x", 1.0),
            ("B", "Social work", "Social Worker", "x", 1.0),
        ]
    )
    tidy = lv.roles(df, "A", role_order=["Social Worker"])
    assert is_tidy(tidy)
    assert tidy.columns.tolist() == ["role", "profession", "leavers"]
    assert tidy["role"].tolist() == [
        "Social Worker",
        "Senior Practitioner",
        "Occupational Therapist",
    ]
    assert tidy["leavers"].tolist() == [1, 2, 1]
    table = lv.leavers_by_role(df, "A", role_order=["Social Worker"])
    assert table["Role"].tolist()[:-1] == tidy["role"].tolist()
    assert table.iloc[-1].tolist() == ["Total", "", 4]


def test_service_lengths_tidy_gives_band_edges_and_every_band():
    df = _leavers(
        [("A", "Social work", "Social Worker", "Retired", y) for y in (0.5, 1.0, 1.99, 7.0)]
    )
    tidy = lv.service_lengths(df, "A", [1, 2, 5])
    assert is_tidy(tidy)
    assert tidy["leavers"].tolist() == [1, 2, 0, 1]
    assert tidy["from_years"].tolist() == [0.0, 1.0, 2.0, 5.0]
    assert tidy["to_years"].tolist()[:3] == [1.0, 2.0, 5.0] and math.isinf(tidy["to_years"].iloc[3])
    assert tidy["band"].tolist() == lv.band_labels([1, 2, 5])


def test_reasons_tidy_most_common_first_without_total():
    df = _leavers(
        [
            ("A", "Social work", "Social Worker", r, y)
            for r, y in [("b", 0.5), ("a", 3.0), ("b", 1.5), ("c", 4.0)]
        ]
    )
    tidy = lv.reasons(df)
    assert is_tidy(tidy)
    assert tidy.to_dict("list") == {"reason": ["b", "a", "c"], "leavers": [2, 1, 1]}
    assert lv.reasons(df, under_years=2).to_dict("list") == {"reason": ["b"], "leavers": [2]}
    table = lv.reasons_table(df)
    assert table["Reason for leaving"].tolist() == ["b", "a", "c", "Total"]
    assert table["Leavers"].tolist() == [2, 1, 1, 4]
