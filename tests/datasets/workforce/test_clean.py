"""Cleaning the workforce exports: the demo files, labels, money, the register and problems."""

from __future__ import annotations

import pandas as pd
import pytest

from pipelines.core.cleaning import CleaningLog
from pipelines.core.config import load_review
from pipelines.core.sources import RawTable, read_export
from pipelines.datasets.workforce import clean as cw
from tests.conftest import DEMO_REVIEW


def raw_of(dataset: str) -> RawTable:
    cfg = load_review(DEMO_REVIEW)
    ds = cfg.datasets[dataset]
    return read_export(cfg.raw_path() / ds.file, dataset, sheet=ds.sheet)


def raw_table(dataset: str, rows: list[dict], file: str = "test.csv") -> RawTable:
    data = pd.DataFrame(rows)
    data.insert(0, "source_row", range(2, len(data) + 2))
    headers = {c: c.replace("_", " ").title() for c in data.columns if c != "source_row"}
    return RawTable(data=data, file=file, raw_columns=headers)


@pytest.fixture(scope="module")
def cleaned() -> dict[str, pd.DataFrame]:
    log = CleaningLog()
    out = {}
    for dataset, clean in (
        ("workforce_snapshot", cw.clean_workforce_snapshot),
        ("pay_rates", cw.clean_pay_rates),
        ("caseloads", cw.clean_caseloads),
        ("market_supplements", cw.clean_market_supplements),
    ):
        df, problems = clean(raw_of(dataset), log)
        assert problems == [], dataset
        out[dataset] = df
    out["log"] = log.to_frame()
    return out


def test_snapshot_drops_subtotals_and_standardises_labels(cleaned):
    snap = cleaned["workforce_snapshot"]
    assert not snap["service"].str.contains("Total").any()
    assert set(snap["service"]) == {"Children's Social Care", "Adult Social Care"}
    assert "IRO" not in set(snap["job_title"]) and "Independent Reviewing Officer" in set(
        snap["job_title"]
    )
    assert set(snap["grade"]) <= {"L7", "M1", "M2", "M3", "M4", "M5", "M7"}


def test_snapshot_reproduces_the_published_agency_rates(cleaned, seed):
    from pipelines.sections.workforce.analysis import agency_rate

    stats = seed["luton"]["workforce_stats"]
    snap = cleaned["workforce_snapshot"]
    for service, key in (
        ("Children's Social Care", "agency_percentage_childrens"),
        ("Adult Social Care", "agency_percentage_adults"),
    ):
        rows = snap[snap["service"] == service]
        rate = agency_rate(rows["agency_fte"].sum(), rows["permanent_fte"].sum())
        assert round(rate, 1) == stats[key]["value"]


def test_pay_rates_read_money_written_as_text(cleaned):
    pay = cleaned["pay_rates"]
    assert pay["salary"].dtype == float and pay["annual_cost"].notna().all()
    log = cleaned["log"]
    assert (log["What was fixed"].str.startswith("Salary: amounts written as text")).any()


def test_caseloads_drop_blank_and_total_rows_and_read_both_date_formats(cleaned):
    cases = cleaned["caseloads"]
    assert not cases["worker_id"].eq("Total").any()
    assert cases["date_qualified"].notna().all()
    assert set(cases["worker_type"]) == {"Permanent", "Agency"}
    assert (cases[cw.CASE_TYPES].sum(axis=1) == cases["total_cases"]).all()


def test_register_keeps_all_published_rows_with_last_years_supplement(cleaned, seed):
    published = seed["luton"]["market_supplements_appendix_4"]
    reg = cleaned["market_supplements"]
    assert len(reg) == published["row_count"]
    assert reg["register_title"].tolist() == [r["job_title"] for r in published["rows"]]
    assert reg["market_supplement"].tolist() == [
        r["market_supplement_gbp"] for r in published["rows"]
    ]
    assert reg["compared_to_last_year"].tolist() == [
        r["compared_to_15_16"] for r in published["rows"]
    ]
    for row, r in zip(reg.itertuples(), published["rows"], strict=True):
        if r["compared_to_15_16"] == "same":
            assert row.previous_supplement == r["market_supplement_gbp"]
        elif r["compared_to_15_16"] == "New":
            assert row.previous_supplement == 0
        else:
            amount = float(r["compared_to_15_16"].split("£")[1].replace(",", ""))
            assert row.previous_supplement == r["market_supplement_gbp"] - amount


@pytest.mark.parametrize(
    "text, expected",
    [
        ("same", ("Same", 0.0)),
        ("New", ("New", None)),
        ("Increased by £1,500", ("Increased", 1500)),
        ("decreased by £500", ("Decreased", -500)),
        ("withdrawn", ("Withdrawn", None)),
        ("went up a bit", (None, None)),
    ],
)
def test_change_on_last_year_is_read(text, expected):
    changes = cw.workforce_mapping()["supplement_changes"]
    assert cw.parse_change(text, changes) == expected


@pytest.mark.parametrize(
    "text, service, titles",
    [
        ("Social Worker (Adult social care)", "Adult Social Care", ["Social Worker"]),
        (
            "Occupational Therapist / Senior Occupational Therapist Practitioner "
            "(Children's social care)",
            "Children's Social Care",
            ["Occupational Therapist", "Senior Occupational Therapist"],
        ),
        ("ASYE Social Worker", None, ["ASYE Social Worker"]),
        ("Youth Justice Officers", None, []),
    ],
)
def test_register_titles_name_service_and_pack_job_titles(text, service, titles):
    from pipelines.core.mappings import load_mapping

    assert cw.parse_register_title(text, load_mapping("services")) == (service, titles)


@pytest.mark.parametrize(
    "value, pounds", [(2000, 2000.0), ("£2,000", 2000.0), (" 2,500.50 ", 2500.5)]
)
def test_money_is_read_from_numbers_and_text(value, pounds):
    assert cw.parse_money(value) == pounds


def test_unreadable_money_names_row_and_column():
    raw = raw_table(
        "pay_rates",
        [
            {
                "service": "CSC",
                "job_title": "Social Worker",
                "grade": "M1",
                "salary": "thirty thousand",
                "employer_ni": 1,
                "market_supplement": 0,
                "car_allowance": 0,
            }
        ],
    )
    _, problems = cw.clean_pay_rates(raw, CleaningLog())
    assert [(p.row, p.column, p.found) for p in problems] == [(2, "Salary", '"thirty thousand"')]


def test_unknown_change_wording_names_row_and_column():
    raw = raw_table(
        "market_supplements",
        [
            {
                "job_title": "Social Worker (Adult social care)",
                "grade": "M1",
                "market_supplement": "£2,500",
                "compared_to_last_year": "same",
            },
            {
                "job_title": "Team Manager (Adult social care)",
                "grade": "M4",
                "market_supplement": "£2,500",
                "compared_to_last_year": "went up",
            },
        ],
    )
    _, problems = cw.clean_market_supplements(raw, CleaningLog())
    assert len(problems) == 1
    assert (problems[0].row, problems[0].column) == (3, "Compared To Last Year")
    assert "supplement_changes" in problems[0].hint


def test_caseload_total_that_does_not_add_up_names_row_and_column():
    row = {
        "worker_id": "W1",
        "service": "CSC",
        "team": "MASH",
        "job_title": "Social Worker",
        "grade": "M1",
        "worker_type": "Permanent",
        "fte": "1",
        "date_qualified": "01/01/2010",
        "looked_after": "1",
        "child_protection": "2",
        "children_in_need": "3",
        "care_leavers": "0",
        "total_cases": "7",
    }
    _, problems = cw.clean_caseloads(raw_table("caseloads", [row]), CleaningLog())
    assert [(p.row, p.column, p.found) for p in problems] == [(2, "Total Cases", '"7"')]
    assert "6" in problems[0].expected


def test_unknown_job_title_names_row_column_and_mapping_file():
    row = {
        "service": "CSC",
        "team": "MASH",
        "job_title": "Social Wizard",
        "grade": "M1",
        "establishment_fte": "1",
        "permanent_fte": "1",
        "agency_fte": "0",
        "vacant_fte": "0",
    }
    _, problems = cw.clean_workforce_snapshot(raw_table("workforce_snapshot", [row]), CleaningLog())
    assert [(p.row, p.column) for p in problems] == [(2, "Job Title")]
    assert "workforce.yml" in problems[0].hint
