import pandas as pd
import pytest

from pipelines.core import disclosure
from pipelines.core.disclosure import SUPPRESSED, Policy, protect_table, protect_text, redact
from pipelines.core.figures import Kind

PUBLIC = Policy("public", 5)
EXEMPT = Policy("exempt", 5)


def test_exempt_policy_changes_nothing():
    df = pd.DataFrame({"Reason": ["a", "Total"], "Leavers": [1, 1]})
    shown, notes = protect_table(df, pol=EXEMPT)
    assert shown.equals(df) and notes == []
    assert protect_text("2 leavers", EXEMPT) == "2 leavers"


def test_counts_below_threshold_are_suppressed_and_zero_is_shown():
    df = pd.DataFrame({"Band": ["a", "b", "c"], "Leavers": [0, 4, 5]})
    shown, notes = protect_table(df, pol=PUBLIC)
    assert shown["Leavers"].tolist() == [0, SUPPRESSED, 5]
    assert notes and "fewer than 5" in notes[0]


def test_a_single_suppressed_cell_under_a_total_takes_a_partner_with_it():
    df = pd.DataFrame({"Reason": ["a", "b", "c", "Total"], "Leavers": [10, 3, 7, 20]})
    shown, _ = protect_table(df, pol=PUBLIC)
    assert shown["Leavers"].tolist() == [10, SUPPRESSED, SUPPRESSED, 20]


def test_row_total_column_cannot_reveal_a_suppressed_cell():
    df = pd.DataFrame({"Aspect": ["x"], "Good": [2], "Average": [6], "Poor": [7], "Answered": [15]})
    shown, _ = protect_table(df, pol=PUBLIC)
    row = shown.iloc[0]
    assert row["Good"] == SUPPRESSED and row["Average"] == SUPPRESSED and row["Answered"] == 15


def test_percentages_in_a_row_with_a_suppressed_count_are_suppressed():
    df = pd.DataFrame(
        {
            "Service": ["A", "B"],
            "Forms": [3, 10],
            "Leavers": [9, 26],
            "Return rate (%)": [33.3, 38.5],
        }
    )
    shown, _ = protect_table(df, pol=PUBLIC)
    assert shown["Return rate (%)"].tolist() == [SUPPRESSED, 38.5]


def test_a_cost_per_person_is_hidden_where_its_count_is_but_a_plain_cost_is_not():
    # With the cost published, £2,200 per hire would give 2,200 / 2,200 = 1 hire away.
    df = pd.DataFrame(
        {
            "Campaign": ["AdWords", "Fair"],
            "Cost (£)": [2200.0, 3000.0],
            "Hires": [1, 6],
            "Cost per hire (£)": [2200.0, 500.0],
            "Cost per post (£)": [1100.0, 1000.0],
        }
    )
    kinds = {
        "Cost (£)": Kind.MONEY,
        "Cost per hire (£)": Kind.MONEY,
        "Cost per post (£)": Kind.MONEY,
    }
    shown, _ = protect_table(
        df,
        kinds=kinds,
        not_counts=["Cost (£)", "Cost per post (£)"],
        numerators={"Cost per hire (£)": "Hires"},
        pol=PUBLIC,
    )
    assert shown["Hires"].tolist() == [SUPPRESSED, 6]
    assert shown["Cost per hire (£)"].tolist() == [SUPPRESSED, 500.0]
    assert shown["Cost (£)"].tolist() == [2200.0, 3000.0]
    assert shown["Cost per post (£)"].tolist() == [1100.0, 1000.0]


def test_a_flow_a_year_is_hidden_where_its_count_is():
    """Retention's rates table once showed Adult Social Care's starters as [c] beside "3.0 FTE a
    year" over a published window: the rate gave the count away. A column whose declared
    numerator is a count of people is hidden with it, whatever its kind."""
    df = pd.DataFrame(
        {
            "Service": ["Children's", "Adults"],
            "Starters": [12, 3],
            "Starters (FTE a year)": [12.0, 3.0],
            "Establishment (FTE)": [120.0, 60.0],
        }
    )
    shown, _ = protect_table(
        df,
        kinds={"Starters (FTE a year)": Kind.RATE, "Establishment (FTE)": Kind.FTE},
        not_counts=["Establishment (FTE)"],
        numerators={"Starters (FTE a year)": "Starters"},
        pol=PUBLIC,
    )
    assert shown["Starters"].tolist() == [12, SUPPRESSED]
    assert shown["Starters (FTE a year)"].tolist() == [12.0, SUPPRESSED]
    assert shown["Establishment (FTE)"].tolist() == [120.0, 60.0]


def test_columns_that_are_not_counts_of_people_are_left_alone():
    df = pd.DataFrame({"Service": ["A"], "Leavers": [9], "Qualified posts": [2]})
    shown, _ = protect_table(df, not_counts=["Qualified posts"], pol=PUBLIC)
    assert shown["Qualified posts"].tolist() == [2]


def test_free_text_columns_are_removed_and_other_text_redacted():
    df = pd.DataFrame({"Employer": ["Call 01582 546032"], "Leavers": [6], "Reasons": ["x"]})
    shown, notes = protect_table(df, free_text=["Reasons"], pol=PUBLIC)
    assert "Reasons" not in shown.columns
    assert "01582" not in shown["Employer"].iloc[0]
    assert any("Free-text" in n for n in notes)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("each recorded for 2 leavers", "each recorded for fewer than 5 leavers"),
        ("was Dissatisfied (4).", "was Dissatisfied (fewer than 5)."),
        ("Top 3 reasons: 1. Pay; 2. Career.", "Top 3 reasons: 1. Pay; 2. Career."),
        ("less than 2 years' service", "less than 2 years' service"),
        ("between 2 and 5 years", "between 2 and 5 years"),
        ("14.1% of the 64 posts; 26 left", "14.1% of the 64 posts; 26 left"),
    ],
)
def test_sentences_lose_small_counts_but_keep_durations_labels_and_rates(text, expected):
    assert protect_text(text, PUBLIC) == expected


def test_redact_removes_emails_phones_and_employee_refs():
    text = redact("Jo on 07700 900123 or jo.bloggs@example.org, ref E104233")
    assert "07700" not in text and "@" not in text and "E104233" not in text


def test_policy_comes_from_the_run_context_not_the_environment(monkeypatch):
    from pipelines.core.config import load_review
    from pipelines.core.context import run_context
    from tests.conftest import DEMO_REVIEW

    monkeypatch.setenv("EVIDENCE_PACK_VARIANT", "exempt")
    monkeypatch.setenv("EVIDENCE_PACK_THRESHOLD", "99")
    threshold = load_review(DEMO_REVIEW).disclosure_threshold
    assert run_context(DEMO_REVIEW, audience="public").policy == Policy("public", threshold)
    assert run_context(DEMO_REVIEW, audience="exempt").policy == Policy("exempt", threshold)
    assert not hasattr(disclosure, "policy") and not hasattr(disclosure, "use")
