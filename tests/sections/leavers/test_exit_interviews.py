"""The exit interview analysis: forms returned and answered, ratings of each aspect, titles."""

import pandas as pd

from pipelines.sections.leavers import exit_interviews as lx
from tests.sections.leavers.test_analysis import is_tidy


def test_aspect_ratings_put_the_lowest_good_share_first():
    ratings = pd.DataFrame(
        {"aspect": ["Pay", "Pay", "Team", "Team"], "rating": ["Poor", "Good", "Excellent", "Good"]}
    )
    table = lx.aspect_ratings(ratings)
    assert table["Aspect of employment"].tolist() == ["Pay", "Team"]
    assert table["Good or excellent (%)"].tolist() == [50.0, 100.0]


def test_answer_counts_count_missing_as_not_answered():
    forms = pd.DataFrame({"q": [True, False, None, True, pd.NA]}, dtype="boolean")
    tidy = lx.answer_counts(forms, "q")
    assert is_tidy(tidy)
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
    assert is_tidy(tidy)
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
    assert is_tidy(tidy)
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
