"""Backtests: the demo pack's workforce section reproduces Luton's published item 6 figures.

Every expected number is read from ../shared/reference/seed_figures.yml; none is copied here.
"""

from __future__ import annotations

import pytest

from pipelines.sections.workforce.caseloads import MEETS_LABEL, TARGET_LABEL

SECTION = "40_workforce_costs"


def table(built, name):
    return built.table(name, section=SECTION)


def test_agency_rates_match_the_published_percentages(built, seed):
    stats = seed["luton"]["workforce_stats"]
    rates = table(built, "agency_rates").set_index("Service")["Agency worker rate (%)"]
    assert (
        round(rates["Children's Social Care"], 1) == stats["agency_percentage_childrens"]["value"]
    )
    assert round(rates["Adult Social Care"], 1) == stats["agency_percentage_adults"]["value"]


def test_adult_service_managers_three_of_five_agency(built, seed):
    published = seed["luton"]["workforce_stats"]["adult_service_managers_agency"]
    roles = table(built, "agency_rates_by_role")
    row = roles[
        (roles["Service"] == "Adult Social Care") & (roles["Job title"] == "Service Manager")
    ].iloc[0]
    assert row["Agency FTE"] == published["value"]
    assert row["Agency FTE"] + row["Permanent FTE"] == published["out_of"]


@pytest.mark.parametrize(
    "seed_table, service",
    [("childrens_table", "Children's Social Care"), ("adults_table", "Adult Social Care")],
)
def test_cost_table_reproduces_the_published_table(built, seed, seed_table, service):
    rows = seed["luton"]["permanent_vs_agency_cost"][seed_table]["rows"]
    ours = table(built, f"cost_per_post_{service}")
    assert ours["Cost for one year (£)"].tolist() == [
        rows[0]["salary"],
        rows[1]["total"],
        rows[2]["total"],
    ]
    assert ours["Grade or rate"].iloc[0] == rows[0]["grade"]
    assert ours["Post"].iloc[0] == rows[0]["post"]


def test_adults_total_that_does_not_fit_its_salary_figure_is_flagged(built, seed):
    published = seed["luton"]["permanent_vs_agency_cost"]["adults_table"]["rows"][0]
    rec = built.table("reconciliation", section="90_data_quality")
    flagged = rec[rec["Published"] == published["total"]].iloc[0]
    assert flagged["Agrees"] == "No"
    assert flagged["From the data"] == published["salary"]
    html = (built.folder / "annex.html").read_text(encoding="utf-8")
    assert f"£{published['total']:,}" in html and f"£{published['salary']:,}" in html


def test_market_supplement_register_matches_appendix_4(built, seed):
    published = seed["luton"]["market_supplements_appendix_4"]
    reg = table(built, "supplement_register")
    assert len(reg) == published["row_count"]
    assert reg["Job title"].tolist() == [r["job_title"] for r in published["rows"]]
    assert reg["Grade"].tolist() == [r["grade"] for r in published["rows"]]
    assert reg["Market supplement (£)"].tolist() == [
        r["market_supplement_gbp"] for r in published["rows"]
    ]
    assert reg["Compared to 2015/16"].tolist() == [
        r["compared_to_15_16"] for r in published["rows"]
    ]


def test_supplement_changes_agree_with_the_report_text(built, seed):
    para = seed["luton"]["pay_and_reward"]["market_supplement_changes_para_43"]["value"]
    changes = table(built, "supplement_changes")
    assert len(changes) == len(para)
    new = changes[changes["Change"] == "New"]["Market supplement (£)"].tolist()
    assert sorted(new) == sorted(p["supplement_gbp"] for p in para if "supplement_gbp" in p)
    up = changes[changes["Change"] == "Increased"]
    assert sorted(
        (up["Market supplement (£)"] - up["Supplement in 2015/16 (£)"]).tolist()
    ) == sorted(p["increase_gbp"] for p in para if "increase_gbp" in p)
    assert sorted(up["Market supplement (£)"].tolist()) == sorted(
        p["new_level_gbp"] for p in para if "new_level_gbp" in p
    )


def test_supplement_costs_total_their_rows(built):
    costs = table(built, "supplement_costs")
    body, total = costs.iloc[:-1], costs.iloc[-1]
    assert total["Job title"] == "Total"
    assert total["Cost a year (£)"] == pytest.approx(body["Cost a year (£)"].sum())
    assert (body["Cost a year (£)"].dropna() >= 0).all()


def test_average_caseload_matches_the_published_figure_and_misses_the_target(built, seed):
    stats = seed["luton"]["workforce_stats"]
    summary = table(built, "caseload_summary").iloc[0]
    assert (
        round(summary["Average caseload (cases per worker)"], 1)
        == stats["childrens_caseload_current"]["value"]
    )
    assert summary[TARGET_LABEL] == stats["childrens_caseload_target"]["threshold"]
    assert summary[MEETS_LABEL] == "No"


def test_what_if_tables_use_the_meeting_parameters(built, seed):
    a = seed["luton"]["permanent_vs_agency_cost"]["agency_assumptions"]["value"]
    agency = a["hourly_rate_gbp"] * a["hours_per_week"] * a["weeks"]
    premium = table(built, "agency_premium")
    assert set(premium["Agency cost per FTE (£)"].dropna()) == {agency}
    savings = table(built, "conversion_savings")
    assert (
        savings["Saving a year (£)"]
        == savings["Agency posts made permanent"] * savings["Reduction per post (£)"]
    ).all()


def test_money_captions_state_price_base_and_assumptions(built):
    html = (built.folder / "annex.html").read_text(encoding="utf-8")
    section = html[html.index("Workforce and costs") :]
    from tests.sections.figure_checks import meeting_parameters

    posts = meeting_parameters("40_workforce_costs")["posts_made_permanent"]
    for caption in (
        "Extra cost a year of the agency practitioners in post",
        f"Saving a year if {posts} agency posts were made permanent",
    ):
        start = section.index(caption)
        assert "2016/17 pay rates" in section[start : start + 300]
        assert "37 hours a week, 46 weeks a year" in section[start : start + 300]
