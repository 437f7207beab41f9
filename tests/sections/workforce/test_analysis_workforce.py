"""Analysis and charts of the workforce section on the cleaned demo data."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from pipelines.core.cleaning import CleaningLog
from pipelines.core.config import load_review
from pipelines.core.sources import read_export
from pipelines.datasets.workforce import clean as cw
from pipelines.sections.workforce import analysis as wf
from pipelines.sections.workforce import caseloads as wcl
from pipelines.sections.workforce import charts as wc
from pipelines.sections.workforce import costs as wco
from pipelines.sections.workforce import supplements as wsu
from tests.conftest import DEMO_REVIEW

ROLES = [
    "ASYE Social Worker",
    "Social Worker",
    "Senior Practitioner",
    "Advanced Practitioner",
    "Occupational Therapist",
    "Senior Occupational Therapist",
]


@pytest.fixture(scope="module")
def data() -> dict[str, pd.DataFrame]:
    cfg = load_review(DEMO_REVIEW)
    out = {}
    for dataset, clean in (
        ("workforce_snapshot", cw.clean_workforce_snapshot),
        ("pay_rates", cw.clean_pay_rates),
        ("caseloads", cw.clean_caseloads),
        ("market_supplements", cw.clean_market_supplements),
    ):
        ds = cfg.datasets[dataset]
        out[dataset], _ = clean(
            read_export(cfg.raw_path() / ds.file, dataset, sheet=ds.sheet), CleaningLog()
        )
    return out


def test_agency_rate_is_agency_over_agency_plus_permanent():
    assert wf.agency_rate(1, 3) == 25
    assert pd.isna(wf.agency_rate(0, 0))


def test_rates_by_service_total_recomputes_the_rate(data):
    table = wf.agency_rates_by_service(data["workforce_snapshot"]).set_index("Service")
    total = table.loc["Total"]
    assert total["Agency worker rate (%)"] == pytest.approx(
        100 * total["Agency FTE"] / (total["Agency FTE"] + total["Permanent FTE"])
    )
    assert list(table.index) == ["Children's Social Care", "Adult Social Care", "Total"]


def test_role_tables_add_up_to_the_service(data):
    snap = data["workforce_snapshot"]
    for service in snap["service"].unique():
        table = wf.agency_rates_by_role(snap, service)
        body, total = table.iloc[:-1], table.iloc[-1]
        assert (
            body["Agency FTE"].sum()
            == total["Agency FTE"]
            == snap.loc[snap["service"] == service, "agency_fte"].sum()
        )


def test_agency_premium_counts_only_the_roles_given(data):
    table = wco.agency_premium(data["workforce_snapshot"], data["pay_rates"], 32, 37, 46, ROLES)
    body = table[table["Service"] != "Total"]
    assert set(body["Job title"]) <= set(ROLES)
    assert table.iloc[-1]["Extra cost a year (£)"] == pytest.approx(
        body["Extra cost a year (£)"].sum()
    )
    assert (
        body["Extra cost per FTE (£)"]
        == body["Agency cost per FTE (£)"] - body["Permanent cost per post (£)"]
    ).all()


def test_supplement_costs_count_each_post_once(data):
    costs = wsu.supplement_costs(data["market_supplements"], data["workforce_snapshot"])
    snap = data["workforce_snapshot"]
    covered = costs.iloc[:-1]["Permanent FTE"].sum()
    assert costs.iloc[-1]["Permanent FTE"] == covered
    with_supplement = snap[~snap["job_title"].isin(["Service Manager"])]
    assert covered == with_supplement["permanent_fte"].sum()


def test_supplement_change_inputs_use_the_register_and_pay_table(data):
    inputs = wsu.supplement_model_inputs(
        data["market_supplements"],
        data["workforce_snapshot"],
        data["pay_rates"],
        "Children's Social Care",
        "Social Worker",
        "M1",
        32,
        37,
        46,
    )
    pay = wco.pay_for(data["pay_rates"], "Children's Social Care", "Social Worker", "M1")
    assert inputs["supplement"] == pay["market_supplement"]
    assert inputs["extra_cost_per_leaver"] == 32 * 37 * 46 - (
        pay["annual_cost"] - pay["market_supplement"]
    )
    given = wsu.supplement_model_inputs(
        data["market_supplements"],
        data["workforce_snapshot"],
        data["pay_rates"],
        "Children's Social Care",
        "Social Worker",
        "M1",
        32,
        37,
        46,
        30000,
    )
    assert given["extra_cost_per_leaver"] == 30000


def test_caseloads_by_experience_cover_every_worker(data):
    bands = wcl.caseloads_by_experience(
        data["caseloads"], pd.Timestamp("2016-07-30"), [1, 3], [15, 20, 23]
    )
    assert bands["Workers"].sum() == len(data["caseloads"])
    assert (
        bands["Above recommended by (cases)"]
        == bands["Average caseload"] - bands["Recommended caseload"]
    ).all()


def test_fte_gap_compares_model_with_establishment(data):
    gap = wcl.fte_gap(
        100.0, data["workforce_snapshot"], "Children's Social Care", ["Social Worker"]
    ).set_index("Measure")
    est = (
        data["workforce_snapshot"]
        .query("service == \"Children's Social Care\" and job_title == 'Social Worker'")[
            "establishment_fte"
        ]
        .sum()
    )
    assert gap.loc["Establishment FTE", "Short of the model by (FTE)"] == 100 - est


def test_charts_draw_and_alt_text_gives_the_numbers(data):
    snap = data["workforce_snapshot"]
    by_role = {
        s: wf.agency_rates_by_role(snap, s) for s in wf.services_in_order(snap["service"].unique())
    }
    assert wc.agency_rate_chart(by_role).axes
    assert "all roles 34.4%" in wc.agency_rate_alt(by_role)
    costs = pd.DataFrame({"Post": ["A"], "Permanent (£)": [40000.0], "Agency (£)": [54464.0]})
    assert wc.cost_chart(costs).axes and "£54,464" in wc.cost_alt(costs)
    table = wsu.supplement_withdrawal_table(10, 3000, 5000, 8)
    assert wc.breakeven_chart(table, 6.0).axes and "6.0 leavers" in wc.breakeven_alt(table, 6.0)
    bands = wcl.caseload_standards_comparison(["a", "b"], [12, 22], [15, 20])
    assert wc.caseload_chart(bands, 20).axes and "22.0 cases against 20" in wc.caseload_alt(
        bands, 20
    )
    plt.close("all")


def test_titles_say_what_the_data_show():
    bands = wcl.caseload_standards_comparison(
        ["Newly qualified (under 1 year)", "1 to 3 years"], [12, 22], [15, 20]
    )
    assert wf.caseload_title(bands) == (
        "Social workers qualified 1 to 3 years hold more cases than recommended (22.0 against 20)"
    )
    within = wcl.caseload_standards_comparison(["x"], [10], [15])
    assert wf.caseload_title(within).startswith("Caseloads are within")


def test_public_tables_keep_the_totals_without_small_groups(data):
    snap, pay = data["workforce_snapshot"], data["pay_rates"]
    premium = wco.agency_premium(snap, pay, 32, 37, 46, ROLES)
    by_service = wco.premium_by_service(premium)
    assert by_service.iloc[-1]["Extra cost a year (£)"] == pytest.approx(
        premium.iloc[-1]["Extra cost a year (£)"]
    )
    assert (by_service.iloc[:-1]["Agency FTE"] >= 5).all()
    costs = wsu.supplement_costs(data["market_supplements"], snap)
    grouped = wsu.supplement_costs_by_service(data["market_supplements"], snap)
    assert grouped.iloc[-1]["Cost a year (£)"] == costs.iloc[-1]["Cost a year (£)"]
    assert (grouped.iloc[:-1]["Permanent FTE"] >= 5).all()


def test_public_chart_title_names_no_rate_the_tables_suppress(data):
    snap = data["workforce_snapshot"]
    by_role = {
        s: wf.agency_rates_by_role(snap, s) for s in wf.services_in_order(snap["service"].unique())
    }
    exempt, public = wf.agency_rate_title(by_role), wf.agency_rate_title(by_role, 5)
    assert "Independent Reviewing Officers" in exempt
    assert "Independent Reviewing Officers" not in public
    for service, table in by_role.items():
        for _, row in table.iterrows():
            counts = [row["Permanent FTE"], row["Agency FTE"], row["Vacant FTE"]]
            if any(0 < c < 5 for c in counts):
                assert f"{row['Job title']}s in {service}" not in public


def test_supplement_withdrawal_with_a_tiny_extra_cost_has_no_break_even_rather_than_crashing():
    """A saving divided by a near-zero cost overflows; the model says 'never' instead of failing."""
    model = wsu.supplement_withdrawal(6, 5500, 5e-324)
    assert model["saving"] == 33_000
    assert model["break_even"] == float("inf")
    assert model["leavers_still_saving"] != model["leavers_still_saving"]  # NaN
    model = wsu.supplement_withdrawal(6, 5500, 11_000)
    assert model["break_even"] == 3 and model["leavers_still_saving"] == 2
