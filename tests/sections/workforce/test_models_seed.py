"""The section's models reproduce the seed councils' figures (read from seed_figures.yml).

Luton's cost table, Coventry's market supplement withdrawal and caseload model, Lancashire's
caseload standards and Sandwell's recruitment campaigns: every input and expected figure is read
from ../shared/reference/seed_figures.yml, never typed here.
"""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest

from pipelines.core.errors import ConfigError
from pipelines.sections.workforce import analysis as wf
from pipelines.sections.workforce import caseloads as wcl
from pipelines.sections.workforce import costs as wco
from pipelines.sections.workforce import supplements as wsu

CHILDREN = "Children's Social Care"
ADULTS = "Adult Social Care"


def pounds(text: str) -> list[float]:
    """Every amount written like 54,464 or £215,000 in a text, in order."""
    return [float(x.replace(",", "")) for x in re.findall(r"£?(\d[\d,]*)", text)]


def inconsistency(seed: dict, key: str) -> dict:
    return next(i for i in seed["inconsistencies"] if i["id"] == key)


@pytest.fixture
def luton_cost(seed):
    return seed["luton"]["permanent_vs_agency_cost"]


@pytest.fixture
def assumptions(luton_cost):
    a = luton_cost["agency_assumptions"]["value"]
    return a["hourly_rate_gbp"], a["hours_per_week"], a["weeks"]


@pytest.fixture
def pay(luton_cost) -> pd.DataFrame:
    """A pay table holding the two published posts at their published cost for one year."""
    kids = luton_cost["childrens_table"]["rows"][0]
    adults = luton_cost["adults_table"]["rows"][0]
    return pd.DataFrame(
        [
            {
                "service": CHILDREN,
                "job_title": "Senior Practitioner",
                "grade": kids["grade"],
                "annual_cost": kids["salary"],
            },
            {
                "service": ADULTS,
                "job_title": "Advanced Practitioner",
                "grade": adults["grade"],
                "annual_cost": adults["salary"],
            },
        ]
    )


def test_agency_cost_for_a_year_matches_the_published_capped_rate(luton_cost, assumptions):
    agency_row = luton_cost["childrens_table"]["rows"][1]
    assert wco.agency_annual_cost(*assumptions) == agency_row["total"]


@pytest.mark.parametrize(
    "table, service, title",
    [
        ("childrens_table", CHILDREN, "Senior Practitioner"),
        ("adults_table", ADULTS, "Advanced Practitioner"),
    ],
)
def test_cost_comparison_reproduces_the_published_table(
    luton_cost, pay, assumptions, table, service, title
):
    rows = luton_cost[table]["rows"]
    ours = wco.cost_comparison(pay, service, title, rows[0]["grade"], *assumptions)
    costs = ours["Cost for one year (£)"].tolist()
    assert costs == [rows[0]["salary"], rows[1]["total"], rows[2]["total"]]
    assert ours["Post"].iloc[2] == rows[2]["post"]


def test_adults_total_is_flagged_with_the_reduction_it_would_give(luton_cost, assumptions, seed):
    row = luton_cost["adults_table"]["rows"][0]
    agency = wco.agency_annual_cost(*assumptions)
    note = wco.cost_total_note("Adults Advanced Practitioner", row["salary"], row["total"], agency)
    assert note is not None
    assert wf.money(row["total"]) in note and wf.money(row["salary"]) in note
    with_total = pounds(inconsistency(seed, "luton_adults_ap_total_vs_salary")["result"])
    assert wf.money(agency - row["total"]) in note
    assert agency - row["total"] in with_total


def test_a_total_that_equals_its_cost_is_not_flagged(luton_cost, assumptions):
    row = luton_cost["childrens_table"]["rows"][0]
    assert (
        wco.cost_total_note("x", row["salary"], row["total"], wco.agency_annual_cost(*assumptions))
        is None
    )


def test_saving_n_posts_is_n_times_the_reduction(luton_cost, pay, assumptions):
    posts = [{"service": CHILDREN, "job_title": "Senior Practitioner", "grade": "M2"}]
    table = wco.conversion_savings(pay, posts, 3, *assumptions)
    assert (
        table["Saving a year (£)"].iloc[0] == 3 * luton_cost["childrens_table"]["rows"][2]["total"]
    )


def test_unknown_comparator_post_names_the_parameter(pay, assumptions):
    with pytest.raises(ConfigError, match="Team Manager at M5"):
        wco.cost_comparison(pay, CHILDREN, "Team Manager", "M5", *assumptions)


# --- Coventry ------------------------------------------------------------------------------


@pytest.fixture
def coventry(seed):
    return seed["coventry"]


def test_coventry_supplement_withdrawal_saves_the_published_amount(coventry):
    ms = coventry["market_supplement"]
    model = wsu.supplement_withdrawal(
        ms["social_workers_receiving"]["value"],
        ms["amount_gbp"]["value"],
        ms["agency_social_worker_additional_cost_gbp_pa"]["value"],
    )
    note = ms["advanced_social_worker_cost_neutral"]["note"]
    published_saving = float(re.search(r"= £([\d,]+)", note).group(1).replace(",", ""))
    assert model["saving"] == published_saving


def test_coventry_break_even_is_where_agency_costs_use_up_the_saving(coventry):
    ms = coventry["market_supplement"]
    recipients = ms["social_workers_receiving"]["value"]
    supplement = ms["amount_gbp"]["value"]
    extra = ms["agency_social_worker_additional_cost_gbp_pa"]["value"]
    model = wsu.supplement_withdrawal(recipients, supplement, extra)
    assert model["break_even"] == pytest.approx(recipients * supplement / extra)
    table = wsu.supplement_withdrawal_table(recipients, supplement, extra, 12).set_index(
        "Leavers replaced by agency workers"
    )["Net saving a year (£)"]
    n = int(model["leavers_still_saving"])
    assert table[n] > 0 > table[n + 1]
    assert table[0] == model["saving"]


def test_break_even_on_a_whole_number_leaves_one_fewer_leaver_still_saving():
    model = wsu.supplement_withdrawal(10, 3000, 10000)
    assert model["break_even"] == 3 and model["leavers_still_saving"] == 2


def test_no_extra_cost_means_no_break_even():
    model = wsu.supplement_withdrawal(10, 3000, 0)
    assert math.isinf(model["break_even"])


def test_coventry_caseload_model_divides_cases_by_the_published_caseloads(coventry):
    a = coventry["caseload_model_assumptions"]
    ratios = {
        "Looked after children": a["looked_after_and_child_protection_per_sw"]["value"],
        "Child protection": a["looked_after_and_child_protection_per_sw"]["value"],
        "Children in need": a["children_in_need_per_sw"]["value"],
        "Care leavers": a["former_relevant_children_per_personal_adviser"]["value"],
    }
    cases = {t: 3 * r for t, r in ratios.items()}  # three full caseloads of each type
    table = wcl.fte_needed(cases, ratios).set_index("Case type")
    assert table.loc["Total", "FTE needed"] == pytest.approx(3 * len(ratios))
    assert (
        table.loc["Care leavers", "Cases per worker"]
        == a["former_relevant_children_per_personal_adviser"]["value"]
    )


def test_caseload_model_without_a_ratio_names_the_case_type():
    with pytest.raises(ConfigError, match="Care leavers"):
        wcl.fte_needed({"Care leavers": 10}, {"Children in need": 20})


# --- Lancashire ----------------------------------------------------------------------------


def test_lancashire_bands_reproduce_the_excess_over_recommended(seed):
    lan = seed["lancashire"]
    recommended = lan["recommended_caseloads"]["best_reading"]
    current = lan["current_average_caseloads"]["best_reading"]
    table = wcl.caseload_standards_comparison(
        [r["band"] for r in recommended],
        [c["first_figure"] for c in current],
        [r["recommended_caseload"] for r in recommended],
        current_second=[c["second_figure"] for c in current],
    )
    derived = lan["current_average_caseloads"]["excess_over_recommended_derived"]
    first = [float(d["excess"].split("/")[0]) for d in derived]
    second = [float(d["excess"].split("/")[1]) for d in derived]
    assert table["Above recommended by (cases)"].tolist() == first
    assert table["Second figure above recommended by (cases)"].tolist() == second
    assert table["Experience"].tolist() == [d["band"] for d in derived]


def test_experience_bands_follow_the_edges():
    assert wcl.band_labels([1, 3]) == [
        "Newly qualified (under 1 year)",
        "1 to 3 years",
        "3 years or more",
    ]


def test_standards_must_match_the_bands():
    cases = pd.DataFrame({"date_qualified": pd.to_datetime(["2015-01-01"]), "total_cases": [9]})
    with pytest.raises(ConfigError, match="one recommended caseload per band"):
        wcl.caseloads_by_experience(cases, pd.Timestamp("2016-07-30"), [1, 3], [15, 20])


# --- Sandwell ------------------------------------------------------------------------------


@pytest.fixture
def sandwell_campaigns(seed):
    """Sandwell's campaigns, typed in through the recruitment section (its one place)."""
    from tests.sections.recruitment.sandwell import sandwell_campaigns

    return sandwell_campaigns(seed)


def test_sandwell_pipeline_reproduces_recruited_against_target(seed, sandwell_campaigns):
    from pipelines.sections.recruitment import analysis as ra
    from tests.sections.recruitment import sandwell as sw

    s = seed["sandwell"]
    table = ra.campaign_rows(sandwell_campaigns, None).set_index("campaign")
    agency = table.loc[sw.AGENCY]
    assert agency["appointed"] == s["dedicated_agency_recruited"]["value"]
    assert (
        agency["still_to_appoint"]
        == s["dedicated_agency_target"]["value"] - s["dedicated_agency_recruited"]["value"]
    )
    printed_share = float(
        re.search(r"(\d+)% of target", s["dedicated_agency_recruited"]["check"]).group(1)
    )
    assert round(agency["share_of_target"]) == printed_share
    assert table.loc[sw.PARTNER_SW, "target"] == s["sanctuary_target_social_workers"]["value"]
    assert table.loc[sw.PARTNER_TM, "target"] == s["sanctuary_target_team_managers"]["value"]
    assert table.loc[sw.NQSW, "target"] == s["nqsw_recruitment_target"]["value"]
    assert table.loc[sw.OPEN, "appointed"] == s["appointments_first_6_months_2017"]["value"]
    assert math.isnan(table.loc[sw.PARTNER_TM, "appointed"])


def test_sandwell_establishment_growth(seed):
    inc = seed["sandwell"]["establishment_increase"]
    table = wf.establishment_growth(inc["new_establishment"], inc["value"]).set_index("Measure")
    assert table.loc["Establishment before", "Value"] == inc["previous_establishment_derived"]
    assert (
        table.loc["Establishment after", "Value"]
        == seed["sandwell"]["establishment_after_increase"]["value"]
    )


def test_recruitment_chart_and_alt_text_show_each_campaign(seed, sandwell_campaigns):
    from pipelines.sections.recruitment import analysis as ra
    from pipelines.sections.recruitment import charts as rc

    table = ra.campaign_rows(sandwell_campaigns, None)
    fig = rc.campaigns_chart(table)
    assert fig.axes and len(fig.axes[0].patches) >= len(table)
    alt = rc.campaigns_alt(table)
    for _, row in table.iterrows():
        assert row["campaign"] in alt
    s = seed["sandwell"]
    recruited, target = s["dedicated_agency_recruited"]["value"], s["dedicated_agency_target"]
    assert f"{recruited} appointed, target {target['value']}" in alt


def test_a_cheaper_agency_worker_makes_the_total_note_an_extra_cost_in_words(luton_cost):
    row = luton_cost["adults_table"]["rows"][0]
    agency = wco.agency_annual_cost(20, 37, 46)  # £34,040 a year, below the post's cost
    note = wco.cost_total_note("Adults Advanced Practitioner", row["salary"], row["total"], agency)
    assert "-£" not in note
    assert f"an extra cost of {wf.money(row['salary'] - agency)} a year" in note
    assert f"an extra cost of {wf.money(row['total'] - agency)}." in note
