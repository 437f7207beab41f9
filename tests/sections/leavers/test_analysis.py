import math

import pandas as pd
import pytest

from pipelines.sections.leavers import analysis as lv
from pipelines.sections.leavers import exit_interviews as lx


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
    table = lx.aspect_ratings(ratings)
    assert table["Aspect of employment"].tolist() == ["Pay", "Team"]
    assert table["Good or excellent (%)"].tolist() == [50.0, 100.0]


# --- Tidy frames: snake_case columns, no total rows; the display tables are built from them ---


def _is_tidy(table: pd.DataFrame) -> bool:
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
    assert _is_tidy(tidy)
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
    assert _is_tidy(tidy)
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
    assert _is_tidy(tidy)
    assert tidy.to_dict("list") == {"reason": ["b", "a", "c"], "leavers": [2, 1, 1]}
    assert lv.reasons(df, under_years=2).to_dict("list") == {"reason": ["b"], "leavers": [2]}
    table = lv.reasons_table(df)
    assert table["Reason for leaving"].tolist() == ["b", "a", "c", "Total"]
    assert table["Leavers"].tolist() == [2, 1, 1, 4]


def test_answer_counts_count_missing_as_not_answered():
    forms = pd.DataFrame({"q": [True, False, None, True, pd.NA]}, dtype="boolean")
    tidy = lx.answer_counts(forms, "q")
    assert _is_tidy(tidy)
    assert tidy.to_dict("list") == {"answer": ["Yes", "No", "Not answered"], "forms": [2, 1, 2]}
    table = lx.answers(forms, "q", "Leavers")
    assert table.columns.tolist() == ["Answer", "Leavers"]
    assert table["Leavers"].tolist() == [2, 1, 2]


def test_form_counts_tidy_and_the_display_adds_a_total():
    forms = pd.DataFrame(
        {
            "service": ["B", "A", "A"],
            "profession": ["Social work", "Social work", "Social work"],
        }
    )
    tidy = lx.form_counts(forms)
    assert _is_tidy(tidy)
    assert tidy.to_dict("list") == {
        "service": ["A", "B"],
        "profession": ["Social work", "Social work"],
        "forms": [2, 1],
    }
    table = lx.forms_by_service_and_profession(forms)
    assert table.iloc[-1].tolist() == ["Total", "", 3]


def test_poor_rated_aspects_one_row_per_form_in_form_order():
    ratings = pd.DataFrame(
        {
            "form_id": ["F2", "F2", "F1", "F2", "F1"],
            "service": ["A"] * 5,
            "aspect": ["Pay", "Team", "Pay", "Hours", "Team"],
            "rating": ["Poor", "Good", "Poor", "Poor", "Excellent"],
        }
    )
    tidy = lx.poor_rated_aspects(ratings)
    assert _is_tidy(tidy)
    assert tidy.to_dict("list") == {
        "form_id": ["F2", "F1"],
        "service": ["A", "A"],
        "aspects_rated_poor": ["Pay, Hours", "Pay"],
    }
    assert lx.poor_ratings(ratings).columns.tolist() == ["Form", "Service", "Aspects rated poor"]


def test_ratings_title_leaves_out_a_share_that_would_reveal_a_small_group():
    import pandas as pd

    from pipelines.core.disclosure import Policy
    from pipelines.sections.leavers.exit_interviews import ratings_title

    aspects = pd.DataFrame(
        {
            "Aspect of employment": ["Job security", "Teamwork"],
            "Excellent": [1, 6],
            "Good": [3, 5],
            "Average": [5, 1],
            "Poor": [4, 1],
            "Answered": [13, 13],
            "Good or excellent (%)": [100 * 4 / 13, 100 * 11 / 13],
        }
    )
    exempt = ratings_title(aspects, Policy("exempt", 5))
    assert exempt.endswith("job security had the lowest share (30.8%)")
    public = ratings_title(aspects, Policy("public", 5))
    assert public.endswith("job security had the lowest share")
    assert "%" not in public
    safe = aspects.assign(Excellent=[2, 6], Good=[4, 5])
    safe["Good or excellent (%)"] = [100 * 6 / 13, 100 * 11 / 13]
    assert ratings_title(safe, Policy("public", 5)).endswith("(46.2%)")
