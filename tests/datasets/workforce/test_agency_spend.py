"""The agency spend export (issue 22): read in another council's layout, cleaned, validated, and
the average annual cost of an agency worker worked out from its rows, by hand in each test."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.core.cleaning import CleaningLog
from pipelines.core.errors import InputError
from pipelines.core.sources import read_export
from pipelines.core.validation import validate_datasets
from pipelines.core.validation_report import raise_for_critical
from pipelines.datasets.workforce.agency import clean_agency_spend
from pipelines.sections.workforce import agency_rate as war
from pipelines.sections.workforce.parameters import WorkforceParameters
from tests.conftest import examples

CHILDREN = "Children's Social Care"
#: Another council's layout: its finance system's headers, mapped through columns.yml.
LAYOUT = (
    "Booking Ref", "Directorate", "Assignment Role", "From", "To", "Charge Rate (£/hr)",
    "Amount Charged", "Hours Charged",
)  # fmt: skip
ROLES = ["Social Worker", "Senior Practitioner"]


def write(path: Path, rows: list[tuple], header: tuple[str, ...] = LAYOUT) -> Path:
    """Write ``rows`` under ``header`` as a CSV export."""
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path


def clean(path: Path):
    """Read and clean an agency spend export: (tidy frame, problems)."""
    return clean_agency_spend(read_export(path, "agency_spend"), CleaningLog())


def rows_by_hand() -> list[tuple]:
    """Two social worker weeks at £40 x 30 h and £36 x 10 h, a senior practitioner's £1,000 for
    20 h (a charge, no rate) and a team manager at £60 x 37 h (not a practitioner role)."""
    cs = "Childrens Social Care"
    return [
        ("B1", cs, "SW", "03/04/2019", "09/04/2019", "40.00", "", "30"),
        ("B2", cs, "Social Worker", "10/04/2019", "16/04/2019", "£36", "", "10"),
        ("B3", cs, "Senior Practitioner", "01/04/2019", "14/04/2019", "", "£1,000.00", "20"),
        ("B4", cs, "Team Manager", "01/04/2019", "07/04/2019", "60", "", "37"),
    ]  # fmt: skip


class Cfg:
    """The review configuration's part the rate reads: the export's source."""

    class _Dataset:
        source = "Agency bookings report 2019/20"

    datasets = {"agency_spend": _Dataset()}


def test_another_councils_layout_gives_the_hours_weighted_rate_by_hand(tmp_path):
    df, problems = clean(write(tmp_path / "bookings.csv", rows_by_hand()))
    assert problems == []
    assert list(df["job_title"]) == [
        "Social Worker",
        "Social Worker",
        "Senior Practitioner",
        "Team Manager",
    ]
    assert set(df["service"]) == {CHILDREN}
    found = war.rate_from_spend(df, ROLES, 37)
    # (40 x 30 + 36 x 10 + 1,000) / (30 + 10 + 20) = 2,560 / 60 pounds an hour; the team manager
    # is outside the roles the rate applies to.
    assert found.hourly_rate == pytest.approx(2560 / 60)
    assert (found.charge, found.hours, found.rows) == (2560.0, 60.0, 3)
    assert found.period == "1 April 2019 to 16 April 2019"
    params = WorkforceParameters(
        agency_hourly_rate=39, capped_rate_roles=ROLES, agency_hours_per_week=37
    )
    used = war.effective_parameters(Cfg, {"agency_spend": df}, params)
    assert used.agency_hourly_rate == pytest.approx(42.67)
    # The average annual cost of an agency worker: 42.67 x 37 x 46 = 72,624.34 pounds.
    assert used.agency_hourly_rate * 37 * 46 == pytest.approx(72624.34)
    assert not war.is_assumed(used)
    words = war.rate_words(used)
    assert "£42.67 an hour" in words
    assert "Agency bookings report 2019/20, 1 April 2019 to 16 April 2019" in words
    assert "assumed" not in words


def test_weekly_charges_with_weeks_use_the_reviews_hours_a_week(tmp_path):
    header = ("Service", "Job Title", "Week Commencing", "Week Ending", "Weekly Charge", "Weeks")
    rows = [
        (CHILDREN, "Social Worker", "01/04/2019", "14/04/2019", "1,500", "2"),
        (CHILDREN, "Social Worker", "15/04/2019", "21/04/2019", "1,332", "1"),
    ]
    df, problems = clean(write(tmp_path / "weekly.csv", rows, header))
    assert problems == []
    found = war.rate_from_spend(df, ["Social Worker"], 37)
    # (1,500 x 2 + 1,332 x 1) / (3 x 37) = 4,332 / 111 = 39.027... pounds an hour.
    assert found.hourly_rate == pytest.approx(4332 / 111)


def test_without_the_export_the_parameter_rate_is_an_assumption_and_says_so():
    params = WorkforceParameters(agency_hourly_rate=39, capped_rate_roles=ROLES)
    used = war.effective_parameters(Cfg, {}, params)
    assert used.agency_hourly_rate == 39 and war.is_assumed(used)
    assert "an assumed rate: the review gives no source for it" in war.rate_words(used)
    sourced = params.model_copy(
        update={"agency_rate_source": "Item 6 report, 21 September 2016, paragraph 15"}
    )
    assert not war.is_assumed(sourced)
    assert "Item 6 report, 21 September 2016, paragraph 15" in war.rate_words(sourced)


def test_an_export_without_a_rate_or_charge_column_names_what_to_add(tmp_path):
    header = ("Service", "Job Title", "Period Start", "Period End", "Hours")
    rows = [(CHILDREN, "Social Worker", "01/04/2019", "07/04/2019", "37")]
    _, problems = clean(write(tmp_path / "no_rate.csv", rows, header))
    assert len(problems) == 1
    p = problems[0]
    assert p.what == "The agency spend export has no column saying what the agency charged."
    assert p.file.endswith("no_rate.csv")
    assert '"Hourly Charge Rate"' in p.expected and '"Charge"' in p.expected
    assert "Hours" in p.found
    assert "mappings/columns.yml under agency_spend" in p.hint


def test_a_row_without_hours_or_weeks_names_its_row(tmp_path):
    rows = rows_by_hand()
    rows[1] = rows[1][:7] + ("",)
    _, problems = clean(write(tmp_path / "gap.csv", rows))
    assert [(p.what, p.row, p.column) for p in problems] == [
        ("A row gives no hours or weeks.", 3, "Hours Charged")
    ]


def test_a_negative_rate_stops_the_build_naming_the_row_and_what_to_do(tmp_path):
    rows = rows_by_hand()
    rows[2] = (
        "B3",
        CHILDREN,
        "Senior Practitioner",
        "01/04/2019",
        "14/04/2019",
        "-38.50",
        "",
        "20",
    )
    df, problems = clean(write(tmp_path / "negative.csv", rows))
    assert problems == []
    report = validate_datasets({"agency_spend": df}, today=dt.date(2019, 6, 1))
    with pytest.raises(InputError) as exc:
        raise_for_critical(report, {"agency_spend": df})
    mine = [p for p in exc.value.problems if p.what == "The hourly charge rate is negative."]
    assert len(mine) == 1
    assert (mine[0].row, mine[0].column) == (4, "Charge Rate (£/hr)")
    assert mine[0].file.endswith("negative.csv")
    assert "-38.5" in mine[0].found
    assert "credit note" in mine[0].hint


def test_a_clean_export_passes_validation(tmp_path):
    df, _ = clean(write(tmp_path / "bookings.csv", rows_by_hand()))
    report = validate_datasets({"agency_spend": df}, today=dt.date(2019, 6, 1))
    assert report.passed, [r.check for r in report.failed()]


@settings(max_examples=examples(40), deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=1500, max_value=9000),  # pence an hour
            st.integers(min_value=1, max_value=80),  # hours
        ),
        min_size=1,
        max_size=12,
    )
)
def test_the_rate_lies_between_the_lowest_and_highest_rate_charged(rows):
    import pandas as pd

    df = pd.DataFrame(
        {
            "job_title": "Social Worker",
            "hourly_rate": [r / 100 for r, _ in rows],
            "charge": float("nan"),
            "weekly_charge": float("nan"),
            "hours": [float(h) for _, h in rows],
            "weeks": float("nan"),
            "period_start": pd.Timestamp("2019-04-01"),
            "period_end": pd.Timestamp("2019-04-07"),
        }
    )
    found = war.rate_from_spend(df, ["Social Worker"], 37)
    rates = [r / 100 for r, _ in rows]
    assert min(rates) - 1e-9 <= found.hourly_rate <= max(rates) + 1e-9
    # Spend / hours: the rate times the hours gives back what was charged.
    assert found.hourly_rate * found.hours == pytest.approx(sum(r * h / 100 for r, h in rows))


def test_an_hourly_rate_outside_15_to_150_pounds_is_a_warning_naming_the_row(tmp_path):
    rows = rows_by_hand()
    rows[0] = ("B1", CHILDREN, "SW", "03/04/2019", "09/04/2019", "1,480.00", "", "30")
    df, problems = clean(write(tmp_path / "weekly_in_hourly.csv", rows))
    assert problems == []
    report = validate_datasets({"agency_spend": df}, today=dt.date(2019, 6, 1))
    warned = [r for r in report.failed() if r.check.startswith("The hourly charge rate is from")]
    assert len(warned) == 1 and warned[0].severity == "warning"
    assert warned[0].rows == [2]
    raise_for_critical(report, {"agency_spend": df})  # a warning does not stop the build


def test_the_coventry_demo_export_gives_the_published_extra_cost_of_an_agency_worker():
    """The demo's rates are invented; their hours-weighted average over the practitioner roles,
    x 37 hours x 46 weeks, less a grade 7 social worker's salary and NI, is the report's
    figure, read from the reference file (never typed here)."""
    import random

    from pipelines.demo import coventry

    fig = coventry.published(coventry.seed_figures())
    snap = coventry.snapshot(fig)
    spend = coventry.agency_spend(snap, random.Random(1))
    practitioners = spend[spend["Role"].isin(coventry.CASE_HOLDING)]
    rate = (
        practitioners["Charge Rate"].astype(float) * practitioners["Hours Worked"].astype(float)
    ).sum() / practitioners["Hours Worked"].astype(float).sum()
    pay = coventry.pay_rates(fig)
    g7 = pay[(pay["Job Title"] == "Social Worker") & (pay["Grade"] == "G7")].iloc[0]
    extra = rate * 37 * 46 - (g7["Salary"] + g7["Employer NI"])
    seed = coventry.seed_figures()["market_supplement"][
        "agency_social_worker_additional_cost_gbp_pa"
    ]
    assert extra == pytest.approx(float(seed["value"]), abs=0.5)
    # The rates vary (not one rate typed in): at least five different ones, and managers'
    # rows (outside the practitioner roles) are charged more.
    assert practitioners["Charge Rate"].nunique() >= 5
    assert (
        spend.loc[~spend["Role"].isin(coventry.CASE_HOLDING), "Charge Rate"].astype(float) > rate
    ).all()


def test_the_agency_export_is_about_individuals_so_never_offered_for_inspection():
    """One row is one agency worker's assignment, week or invoice (their hours and pay): the
    background papers describe it and never offer it (issue 22 point 9)."""
    from pipelines.core.config import Dataset
    from pipelines.core.dataset_access import about_individuals, open_to_inspection
    from pipelines.datasets.workforce.agency import DATASET

    export = Dataset(
        file="agency_2017-18.csv",
        description="agency timesheets, one row per worker per week",
        source="Agency timesheet report 2017/18",
    )
    assert about_individuals(export, DATASET)
    assert not open_to_inspection(export, DATASET)
