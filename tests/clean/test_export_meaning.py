"""Export faults caught by checks on meaning, not format (issue 26, item 3).

Each test writes a faulty export of its own into a temporary raw folder (no demo file is
copied), runs the same cleaning and validation steps as ``evidence-pack validate`` and the
build (``clean_review`` then the registered checks), and asserts the officer's message (file,
row, column, what to do) or the figure the pack gives, worked out by hand here.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.core.cleaning import (
    NO_CASES,
    SUBTOTALS_BY_SUM,
    TOTALS_ROWS,
    CleaningLog,
    clean_review,
    row_accounts,
)
from pipelines.core.cleaning_values import is_total_label
from pipelines.core.config import Dataset
from pipelines.core.errors import InputError
from pipelines.core.mappings import load_mapping
from pipelines.core.plausibility_settings import Plausibility
from pipelines.core.sources import RawTable
from pipelines.core.table_cleaner import TableCleaner, subtotal_rows
from pipelines.core.validation import validate_datasets
from pipelines.core.validation_checks import meaning_checks
from pipelines.core.validation_report import CRITICAL, WARNING, ValidationReport
from pipelines.core.validation_summary import warning_messages
from pipelines.datasets.workforce.plausibility import workforce_meaning_checks
from pipelines.sections.workforce.analysis import fte_by_service
from pipelines.sections.workforce.caseloads import average_caseload
from tests.conftest import examples

CSC = "Children's Social Care"
ASC = "Adult Social Care"
SNAPSHOT_HEADER = [
    "Service",
    "Team",
    "Job Title",
    "Grade",
    "Establishment FTE",
    "Permanent FTE",
    "Agency FTE",
    "Vacant FTE",
]
CASELOAD_HEADER = [
    "Worker ID",
    "Service",
    "Team",
    "Job Title",
    "Grade",
    "Worker Type",
    "FTE",
    "Date Qualified",
    "Looked After Children",
    "Child Protection",
    "Children in Need",
    "Care Leavers",
    "Total Cases",
]
PAY_HEADER = [
    "Service",
    "Job Title",
    "Grade",
    "Salary",
    "Employer NI",
    "Market Supplement",
    "Car Allowance",
]
LEAVERS_HEADER = [
    "Employee Ref",
    "Service Area",
    "Team",
    "Job Title",
    "Grade",
    "FTE",
    "Continuous Service Date",
    "Leaving Date",
    "Leaving Reason",
]
TODAY = dt.date(2026, 12, 1)


def write(folder: Path, name: str, header: list[str], rows: list[list[object]]) -> str:
    """Write one export as CSV into the raw folder; returns its file name."""
    with (folder / name).open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(header)
        out.writerows(rows)
    return name


def datasets(**files: str | tuple[str, dict]) -> dict[str, Dataset]:
    """Review-config entries of the datasets: key -> file (or (file, more settings))."""
    out = {}
    for key, spec in files.items():
        file, more = spec if isinstance(spec, tuple) else (spec, {})
        out[key] = Dataset(file=file, description="test export", source="test", **more)
    return out


def check_settings(**plausibility) -> dict:
    """The settings the checks read, as ``steps.check_settings`` makes them from a review."""
    from pipelines.datasets.leavers.plausibility import plausibility_settings

    class Review:
        period = type("P", (), {"start": dt.date(2015, 9, 1), "end": dt.date(2016, 8, 31)})()
        meetings: list = []

    Review.plausibility = Plausibility(**plausibility)
    Review.datasets = {}
    return plausibility_settings(Review)


def meaning_report(frames, settings) -> ValidationReport:
    """The checks on meaning alone (no GX suites), as the validation step runs them."""
    return ValidationReport(
        results=[*meaning_checks(frames, settings), *workforce_meaning_checks(frames, settings)]
    )


def rendered(report: ValidationReport, frames) -> str:
    return "\n\n".join(p.render() for p in report.critical_problems(frames))


def line(service, team, title, grade, e, p, a, v) -> list[object]:
    return [service, team, title, grade, e, p, a, v]


# Children's: 3 lines. Establishment 10, permanent 6, agency 3, vacant 4:
# agency rate 3 / (3 + 6) = 33.3%, vacancy rate 4 / 10 = 40%.
CHILDREN = [
    line(CSC, "Assessment", "Social Worker", "M1", 5, 3, 2, 2),
    line(CSC, "Assessment", "Team Manager", "M5", 1, 1, 0, 0),
    line(CSC, "Looked After Children", "Social Worker", "M1", 4, 2, 1, 2),
]
# Adults': 2 lines. Establishment 6, permanent 4, agency 2, vacant 2: agency rate 33.3%.
ADULTS = [
    line(ASC, "Locality North", "Social Worker", "M1", 4, 3, 1, 1),
    line(ASC, "Locality North", "Team Manager", "M4", 2, 1, 1, 1),
]


def rates(snapshot: pd.DataFrame) -> dict[str, tuple[float, float]]:
    table = fte_by_service(snapshot).set_index("service")
    return {
        s: (
            round(table.loc[s, "agency_rate_percent"], 1),
            round(table.loc[s, "vacancy_rate_percent"], 1),
        )
        for s in table.index
        if s in (CSC, ASC)
    }


# --- Subtotal and total rows -----------------------------------------------------------------


def test_total_labels_in_any_column_and_wording_are_left_out(tmp_path):
    rows = [
        *CHILDREN,
        line("Children's Social Care Total", None, None, None, 10, 6, 3, 4),  # Excel's own
        *ADULTS,
        line(ASC, "Locality North", "Subtotal", None, 6, 4, 2, 2),  # in the job title column
        line(None, "Grand total", None, None, 16, 10, 5, 6),  # in the team column
    ]
    file = write(tmp_path, "snapshot.csv", SNAPSHOT_HEADER, rows)
    cleaned = clean_review(tmp_path, datasets(workforce_snapshot=file))
    snap = cleaned.frames["workforce_snapshot"]
    assert list(snap["source_row"]) == [2, 3, 4, 6, 7]
    assert cleaned.excluded["workforce_snapshot"][TOTALS_ROWS] == 3
    # Counted once: children's 3 / (3 + 6) = 33.3% and 4 / 10 = 40%, not 6 / 18 and 8 / 20.
    assert rates(snap) == {CSC: (33.3, 40.0), ASC: (33.3, 33.3)}


TOTALS = [
    *CHILDREN,
    line("Children's Social Care Total", None, None, None, 10, 6, 3, 4),  # row 5
    *ADULTS,
    line(ASC, "Locality North", "Subtotal", None, 6, 4, 2, 2),  # row 8
    line(None, "Grand total", None, None, 16, 10, 5, 6),  # row 9
]


def test_total_rows_are_left_out_and_logged_by_default(tmp_path):
    file = write(tmp_path, "snapshot.csv", SNAPSHOT_HEADER, TOTALS)
    cleaned = clean_review(tmp_path, datasets(workforce_snapshot=file))
    report = meaning_report(cleaned.frames, check_settings())
    assert report.passed and not report.failed(WARNING)
    assert cleaned.excluded["workforce_snapshot"][TOTALS_ROWS] == 3


def test_total_rows_as_a_warning_are_listed_and_left_out(tmp_path):
    file = write(tmp_path, "snapshot.csv", SNAPSHOT_HEADER, TOTALS)
    cleaned = clean_review(tmp_path, datasets(workforce_snapshot=file))
    report = meaning_report(cleaned.frames, check_settings(checks={"total_rows": "warning"}))
    assert report.passed
    [warning] = report.failed(WARNING)
    assert warning.rows == [5, 8, 9]
    assert warning.found == [
        '"Children\'s Social Care Total" in Service: left out',
        '"Subtotal" in Job Title: left out',
        '"Grand total" in Team: left out',
    ]
    [message] = [m for m in warning_messages(report, cleaned.frames) if "labelled" in m]
    assert "The pack was built without these rows" in message
    assert rates(cleaned.frames["workforce_snapshot"]) == {CSC: (33.3, 40.0), ASC: (33.3, 33.3)}


def test_total_rows_as_critical_stop_naming_the_rows(tmp_path):
    file = write(tmp_path, "snapshot.csv", SNAPSHOT_HEADER, TOTALS)
    frames = clean_review(tmp_path, datasets(workforce_snapshot=file)).frames
    report = meaning_report(frames, check_settings(checks={"total_rows": "critical"}))
    assert not report.passed
    message = rendered(report, frames)
    assert "A row is labelled as a subtotal or total" in message
    assert "snapshot.csv" in message and "row:      5" in message
    assert "column:   Service" in message
    assert "Delete the subtotal and total rows from the export" in message
    assert "plausibility: checks: total_rows: warning" in message


@pytest.mark.parametrize(
    ("label", "total"),
    [
        ("Total", True),
        ("Totals", True),
        ("Grand Total", True),
        ("Sub-total", True),
        ("SUBTOTAL:", True),
        ("Children's Social Care Total", True),
        ("Total Adult Social Care", True),
        ("Team total", True),
        ("Totally Kids", False),
        ("Child Protection", False),
        (None, False),
    ],
)
def test_total_labels(label, total):
    assert is_total_label(label) is total


def test_subtotal_rows_found_by_their_sums_stop_naming_the_rows(tmp_path):
    rows = [
        *CHILDREN,
        line(CSC, None, None, None, 10, 6, 3, 4),  # row 5: rows 2-4 added up, no label
        *ADULTS,
        line(ASC, None, None, None, 6, 4, 2, 2),  # row 8: rows 6-7
    ]
    file = write(tmp_path, "snapshot.csv", SNAPSHOT_HEADER, rows)
    # Before, the blank job titles and grades stopped cleaning with "Fill in the job title".
    cleaned = clean_review(tmp_path, datasets(workforce_snapshot=file))
    frames = cleaned.frames
    assert list(frames["workforce_snapshot"]["source_row"]) == [2, 3, 4, 6, 7]
    assert cleaned.excluded["workforce_snapshot"][SUBTOTALS_BY_SUM] == 2
    report = meaning_report(frames, check_settings())
    assert not report.passed
    message = rendered(report, frames)
    assert "it looks like a subtotal or total" in message
    assert f"file:     {tmp_path / 'snapshot.csv'}" in message or "snapshot.csv" in message
    assert "row:      5" in message and "row:      8" in message
    assert "column:   Establishment FTE" in message
    assert "the sum of rows 2 to 4 above it" in message
    assert "Delete the subtotal and total rows from the export" in message
    assert "plausibility: checks: subtotal_rows: warning" in message


def test_subtotal_rows_as_a_warning_build_without_them(tmp_path):
    rows = [*CHILDREN, line(CSC, None, None, None, 10, 6, 3, 4), *ADULTS]
    file = write(tmp_path, "snapshot.csv", SNAPSHOT_HEADER, rows)
    cleaned = clean_review(tmp_path, datasets(workforce_snapshot=file))
    settings = check_settings(checks={"subtotal_rows": "warning"})
    report = meaning_report(cleaned.frames, settings)
    assert report.passed
    [warning] = report.failed(WARNING)
    assert warning.rows == [5]
    [message] = [m for m in warning_messages(report, cleaned.frames) if "subtotal" in m]
    assert "Rows: 5." in message and "column:   Establishment FTE" in message
    assert "The pack was built without these rows" in message
    assert rates(cleaned.frames["workforce_snapshot"])[CSC] == (33.3, 40.0)


def test_grand_total_and_heading_total_found_by_their_sums():
    children = [(5, 3, 2, 2), (1, 1, 0, 0), (4, 2, 1, 2)]
    adults = [(4, 3, 1, 1), (2, 1, 1, 1)]
    values = [(10, 6, 3, 4), *children, *adults, (6, 4, 2, 2), (16, 10, 5, 6)]
    found = subtotal_rows(values)
    assert found[0] == ("below", 1, 3)  # a heading total above its rows
    assert found[6] == ("above", 4, 5)
    assert found[7][1:] == (1, 5)  # the grand total: every line above
    assert set(found) == {0, 6, 7}


def test_a_post_line_that_happens_to_equal_two_others_is_kept(tmp_path):
    rows = [
        line(CSC, "MASH", "Team Manager", "M5", 1, 1, 0, 0),
        line(CSC, "Assessment", "Team Manager", "M5", 1, 1, 0, 0),
        line(CSC, "Court", "Social Worker", "M1", 2, 2, 0, 0),  # its own labels: a post line
    ]
    file = write(tmp_path, "snapshot.csv", SNAPSHOT_HEADER, rows)
    cleaned = clean_review(tmp_path, datasets(workforce_snapshot=file))
    assert len(cleaned.frames["workforce_snapshot"]) == 3
    assert not cleaned.frames["workforce_snapshot"].attrs.get("meaning_checks")


@settings(max_examples=examples(60), deadline=None)
@given(
    st.lists(
        st.lists(st.tuples(*[st.integers(0, 40)] * 3).filter(any), min_size=2, max_size=6),
        min_size=1,
        max_size=4,
    )
)
def test_every_subtotal_after_its_block_is_found(blocks):
    values, subtotal_at = [], []
    for block in blocks:
        values.extend(block)
        values.append(tuple(map(sum, zip(*block, strict=True))))
        subtotal_at.append(len(values) - 1)
    found = subtotal_rows([tuple(float(x) for x in v) for v in values])
    assert set(subtotal_at) <= set(found)


def test_excel_service_total_hint_does_not_say_add_it_to_the_mapping():
    data = pd.DataFrame(
        {"source_row": [2], "worker_id": ["W1"], "service": ["Children's Social Care Total"]}
    )
    raw = RawTable(data=data, file="caseloads.csv", raw_columns={"service": "Service"})
    c = TableCleaner(raw, "Caseloads", CleaningLog())
    c.map_labels("service", load_mapping("services"), "service", "services.yml")
    [problem] = c.problems
    text = problem.render()
    assert "A subtotal or total row is among the service lines." in text
    assert "row:      2" in text and "column:   Service" in text
    assert "Delete the subtotal or total row from the export" in text
    assert "Do not add the label to " in text and "mappings/services.yml" in text


# --- FTE that is hours ----------------------------------------------------------------------


def test_an_fte_of_37_on_one_establishment_line_stops(tmp_path):
    rows = [
        line(CSC, "MASH", "Team Manager", "M5", 1, 1, 0, 0),
        line(CSC, "Assessment", "Team Manager", "M5", 37, 37, 0, 0),  # hours, row 3
        line(CSC, "Court", "Team Manager", "M5", 1, 0, 1, 1),
        line(CSC, "MASH", "Social Worker", "M1", 6, 4, 2, 2),
    ]
    file = write(tmp_path, "snapshot.csv", SNAPSHOT_HEADER, rows)
    frames = clean_review(tmp_path, datasets(workforce_snapshot=file)).frames
    # Counted as posts, the agency rate would be 3 / (3 + 42) = 6.7% instead of 3 / 9 = 33.3%.
    assert rates(frames["workforce_snapshot"])[CSC][0] == pytest.approx(6.7)
    report = meaning_report(frames, check_settings())
    message = rendered(report, frames)
    assert "it looks like hours a week, not full-time equivalents" in message
    assert "row:      3" in message and "column:   Establishment FTE" in message
    assert "column:   Permanent FTE" in message
    assert "found:    37 (Team Manager; the other lines of this job title hold at most 1)" in (
        message
    )
    assert "FTE is hours worked / full-time hours (37 hours = 1.0)" in message


def test_a_job_titles_only_line_of_37_is_compared_with_its_service(tmp_path):
    """A job title's single line of 37 (hours) passed: it had no other line to compare with.

    The red team's case was a "Principal Social Worker"; here the job title's only line is a
    service manager's.
    """
    rows = [
        *CHILDREN,  # the service's other lines hold at most 5 FTE
        line(CSC, "Service Management", "Service Manager", "M7", 37, 37, 0, 0),
        *ADULTS,
    ]
    file = write(tmp_path, "snapshot.csv", SNAPSHOT_HEADER, rows)
    frames = clean_review(tmp_path, datasets(workforce_snapshot=file)).frames
    # Counted as posts: agency 3 / (3 + 6 + 37) = 6.5% instead of 3 / (3 + 7) = 30%.
    assert rates(frames["workforce_snapshot"])[CSC][0] == pytest.approx(6.5)
    report = meaning_report(frames, check_settings())
    assert not report.passed
    message = rendered(report, frames)
    assert "row:      5" in message and "column:   Establishment FTE" in message
    assert (
        "found:    37 (Service Manager; the only line of this job title; the other "
        "lines of Children's Social Care hold at most 5)"
    ) in message
    assert "it looks like hours a week, not full-time equivalents" in message
    # As a warning, the pack is built with the line as it is.
    warned = meaning_report(frames, check_settings(checks={"fte_per_post": "warning"}))
    assert warned.passed and [r.rows for r in warned.failed(WARNING)] == [[5]]


def test_a_large_only_line_where_the_service_has_large_lines_is_kept(tmp_path):
    """Coventry's 50 child protection social workers on one line, beside teams of 22.

    (Coventry's own job title is mapped in its review; here the line is an advanced
    practitioners' line, the job title's only one.)
    """
    rows = [
        line(CSC, "Child Protection", "Advanced Practitioner", "G7", 50, 43, 6, 7),
        line(CSC, "Assessment", "Social Worker", "G7", 22, 17, 4, 5),
        line(CSC, "Children in Need", "Social Worker", "G7", 21, 16, 4, 5),
        line(CSC, "Safeguarding", "Independent Reviewing Officer", "G10", 14, 12, 2, 2),
    ]
    file = write(tmp_path, "snapshot.csv", SNAPSHOT_HEADER, rows)
    cleaned = clean_review(tmp_path, datasets(workforce_snapshot=file))
    frames = cleaned.frames
    assert len(frames["workforce_snapshot"]) == 4
    message = rendered(meaning_report(frames, check_settings()), frames)
    assert "looks like hours" not in message  # 50 < 2.5 x 22; 14 < 2.5 x 50


def test_a_caseload_worker_with_37_fte_is_named_as_hours(tmp_path):
    file = write(
        tmp_path,
        "caseloads.csv",
        CASELOAD_HEADER,
        [["W1", CSC, "MASH", "Social Worker", "M1", "Permanent", 37, "01/09/2010", 1, 2, 3, 0, 6]],
    )
    frames = clean_review(tmp_path, datasets(caseloads=file)).frames
    message = rendered(meaning_report(frames, check_settings()), frames)
    assert "row:      2" in message and "column:   FTE" in message
    assert "37 hours a week is 1.00 FTE at 37 hours" in message


# --- Pay that is monthly or weekly ----------------------------------------------------------


def test_monthly_and_weekly_salaries_stop_with_the_annual_figure(tmp_path):
    rows = [
        [CSC, "Social Worker", "M1", 30000, 3500, 2500, 963],
        [CSC, "Senior Practitioner", "M2", 2750, 300, 200, 80],  # monthly
        [CSC, "Team Manager", "M5", 800, 90, 50, 18],  # weekly
    ]
    file = write(tmp_path, "pay.csv", PAY_HEADER, rows)
    frames = clean_review(tmp_path, datasets(pay_rates=file)).frames
    message = rendered(meaning_report(frames, check_settings()), frames)
    assert "row:      3" in message and "column:   Salary" in message
    assert "found:    £2,750 (monthly? 12 x £2,750 = £33,000 a year)" in message
    assert "row:      4" in message and "found:    £800 (weekly? 52 x £800 = £41,600 a year)" in (
        message
    )
    assert "Export the pay table with annual amounts" in message
    assert "row:      2" not in message


def test_salary_checked_against_the_pay_scale_in_the_config(tmp_path):
    file = write(tmp_path, "pay.csv", PAY_HEADER, [[CSC, "Social Worker", "M1", 45000, 5000, 0, 0]])
    frames = clean_review(tmp_path, datasets(pay_rates=file)).frames
    assert meaning_report(frames, check_settings()).passed  # in the default annual range
    scale = check_settings(pay_scale={"M1": [28000, 34000]})
    message = rendered(meaning_report(frames, scale), frames)
    assert "expected: £28,000 to £34,000 a year (grade M1)" in message
    assert "found:    £45,000 (outside the expected range)" in message


# --- Vacant = establishment - permanent -----------------------------------------------------


def test_vacant_fte_that_disagrees_stops_and_names_an_uncovered_count(tmp_path):
    rows = [
        line(CSC, "Assessment", "Social Worker", "M1", 10, 6, 3, 1),  # vacant = 10 - 6 - 3
        line(CSC, "Court", "Social Worker", "M1", 10, 4, 0, 2),  # vacant should be 6
        line(CSC, "MASH", "Social Worker", "M1", 5, 5, 0, 0),
    ]
    file = write(tmp_path, "snapshot.csv", SNAPSHOT_HEADER, rows)
    frames = clean_review(tmp_path, datasets(workforce_snapshot=file)).frames
    # As given: 3 / 25 = 12%; as the DfE counts vacancies: (4 + 6 + 0) / 25 = 40%.
    assert rates(frames["workforce_snapshot"])[CSC][1] == 12.0
    message = rendered(meaning_report(frames, check_settings()), frames)
    assert "The vacant FTE is not the establishment FTE less the permanent FTE" in message
    assert "row:      2" in message and "column:   Vacant FTE" in message
    assert "found:    vacant 1, but establishment 10 - permanent 6 = 4 (the export leaves out" in (
        message
    )
    assert "expected: vacant FTE 4" in message
    assert (
        "row:      3" in message
        and "found:    vacant 2, but establishment 10 - permanent 4 = 6" in (message)
    )
    assert "row:      4" not in message
    assert "add the agency FTE to it" in message


# --- Case-holders with no cases -------------------------------------------------------------


def test_workers_with_no_cases_are_counted_apart(tmp_path):
    def worker(i, cases):
        return [f"W{i}", CSC, "MASH", "Social Worker", "M1", "Permanent", 1, "01/09/2010",
                cases, 0, 0, 0, cases]  # fmt: skip

    rows = [worker(1, 22), worker(2, 24), worker(3, 0), worker(4, 20), worker(5, 0)]
    file = write(tmp_path, "caseloads.csv", CASELOAD_HEADER, rows)
    cleaned = clean_review(tmp_path, datasets(caseloads=file))
    frames = cleaned.frames
    # Over case-holders, (22 + 24 + 20) / 3 = 22.0 (above a target of 20); over every row it
    # would be 66 / 5 = 13.2 and "meet" the target.
    assert average_caseload(frames["caseloads"]) == pytest.approx(22.0)
    accounts = row_accounts(cleaned)["caseloads"]
    assert accounts == {"read": 5, "excluded": {NO_CASES: 2}, "used": 3}
    report = meaning_report(frames, check_settings())
    assert report.passed
    [warning] = report.failed(WARNING)
    assert warning.rows == [4, 6]
    [message] = [m for m in warning_messages(report, frames) if "no cases" in m]
    assert "column:   Total Cases" in message and "Rows: 4, 6." in message
    assert "averages over case-holding workers" in message


# --- People in two exports that contradict each other ---------------------------------------


def test_a_leaver_still_holding_cases_is_listed(tmp_path):
    leavers = write(
        tmp_path,
        "leavers.csv",
        LEAVERS_HEADER,
        [
            [
                "E1",
                CSC,
                "MASH",
                "Social Worker",
                "M1",
                1,
                "01/04/2010",
                "31/03/2016",
                "Retired",
            ],
            [
                "E2",
                CSC,
                "MASH",
                "Social Worker",
                "M1",
                1,
                "01/04/2010",
                "15/08/2016",
                "Retired",
            ],
        ],
    )
    caseloads = write(
        tmp_path,
        "caseloads.csv",
        CASELOAD_HEADER,
        [
            [
                "W9",
                CSC,
                "MASH",
                "Social Worker",
                "M1",
                "Permanent",
                1,
                "01/09/2010",
                5,
                5,
                5,
                0,
                15,
            ],
            [
                "E1",
                CSC,
                "MASH",
                "Social Worker",
                "M1",
                "Permanent",
                1,
                "01/09/2010",
                4,
                4,
                4,
                0,
                12,
            ],
            [
                "E2",
                CSC,
                "MASH",
                "Social Worker",
                "M1",
                "Permanent",
                1,
                "01/09/2010",
                4,
                4,
                4,
                0,
                12,
            ],
        ],
    )
    frames = clean_review(
        tmp_path,
        datasets(leavers=leavers, caseloads=(caseloads, {"as_at": dt.date(2016, 7, 30)})),
    ).frames
    settings = check_settings()
    settings["as_at"] = {"caseloads": dt.date(2016, 7, 30)}
    report = meaning_report(frames, settings)
    [warning] = [r for r in report.failed(WARNING) if r.check.startswith("No leaver holds")]
    assert warning.rows == [3]  # E2 left after the extract's date
    assert warning.found == [
        "E1 holds 12 cases on 30 July 2016 but left on 31 March 2016 (leavers export, row 2)"
    ]
    critical = check_settings(checks={"contradicting_exports": "critical"})
    critical["as_at"] = settings["as_at"]
    message = rendered(meaning_report(frames, critical), frames)
    assert "caseloads.csv" in message and "row:      3" in message
    assert "column:   Worker ID" in message and "reallocate or close the cases" in message


# --- Surveys: the direction of codes and non-answers -----------------------------------------


def survey(folder: Path, answers: dict[str, list[str | None]], n: int) -> str:
    """A staff survey export of ``n`` respondents: every question blank except ``answers``."""
    headers = {k: v[0] for k, v in load_mapping("columns")["staff_survey"].items()}
    rows = []
    for i in range(n):
        row = {h: None for h in headers.values()}
        row[headers["respondent_id"]] = f"R{i + 1}"
        row[headers["service"]] = CSC
        for key, values in answers.items():
            row[headers[key]] = values[i]
        rows.append([row[h] for h in headers.values()])
    return write(folder, "survey.csv", list(headers.values()), rows)


def job_role_average(frames) -> float:
    answers = frames["staff_survey_answers"]
    return float(answers.loc[answers["question"] == "job_role", "score"].astype(float).mean())


def test_dont_know_is_never_scored_and_counted_apart(tmp_path):
    file = survey(
        tmp_path,
        {"job_role": ["Very satisfied", "Don't know", "Satisfied", "N/A", "Prefer not to say"]},
        5,
    )
    cleaned = clean_review(tmp_path, datasets(staff_survey=file))
    frames = cleaned.frames
    # (1 + 2) / 2 = 1.5; scoring "Don't know" as the midpoint would give (1 + 3 + 2) / 3 = 2.0.
    assert job_role_average(frames) == 1.5
    apart = frames["staff_survey_non_answers"]
    assert list(apart["answer"]) == ["Don't know", "N/A", "Prefer not to say"]
    assert list(apart["source_row"]) == [3, 5, 6]
    fixes = {e["fix"]: e["rows"] for e in cleaned.log.entries}
    assert (
        fixes['Non-answers ("Don\'t know", "N/A", "Prefer not to say") not scored, counted apart']
        == 3
    )


def test_likelihood_dont_know_is_not_the_midpoint():
    scores = load_mapping("survey_scales")["scored"]["likelihood"]["scores"]
    assert not any("know" in label.casefold() for labels in scores.values() for label in labels)


def test_codes_without_a_stated_direction_stop(tmp_path):
    file = survey(tmp_path, {"job_role": ["5", "4", "5"]}, 3)
    frames = clean_review(tmp_path, datasets(staff_survey=file)).frames
    message = rendered(meaning_report(frames, check_settings()), frames)
    assert "holds answers as numbers (codes)" in message
    assert "column:   How satisfied are you with your job role?" in message
    assert 'scale_codes: "1 = most positive"' in message


def test_codes_stated_five_positive_are_scored_the_right_way_round(tmp_path):
    file = survey(tmp_path, {"job_role": ["5", "4", "5", "1"]}, 4)
    ds = datasets(staff_survey=(file, {"scale_codes": "5 = most positive"}))
    frames = clean_review(tmp_path, ds).frames
    # 5 = very satisfied = score 1: (1 + 2 + 1 + 5) / 4 = 2.25; read as 1 = most positive it
    # would be the mirror, (5 + 4 + 5 + 1) / 4 = 3.75.
    assert job_role_average(frames) == 2.25
    assert meaning_report(frames, check_settings()).passed


def test_code_and_label_cells_show_a_direction_that_contradicts_the_stated_one(tmp_path):
    file = survey(
        tmp_path, {"job_role": ["5 - Very satisfied", "4 - Satisfied", "1 - Very unsatisfied"]}, 3
    )
    ds = datasets(staff_survey=(file, {"scale_codes": "1 = most positive"}))
    frames = clean_review(tmp_path, ds).frames
    assert job_role_average(frames) == pytest.approx((1 + 2 + 5) / 3)  # scored by the labels
    message = rendered(meaning_report(frames, check_settings()), frames)
    assert "show the codes running the other way from 1 = most positive" in message
    assert "row:      2" in message
    assert '"5 - Very satisfied": code 5 is "most positive" read 1 = most positive' in message


def test_code_and_label_cells_state_the_direction_of_the_bare_codes(tmp_path):
    file = survey(tmp_path, {"job_role": ["5 - Very satisfied", "4", "2"]}, 3)
    frames = clean_review(tmp_path, datasets(staff_survey=file)).frames
    # The export's own pairs show 5 = most positive, so 4 is score 2 and 2 is score 4.
    assert job_role_average(frames) == pytest.approx((1 + 2 + 4) / 3)
    assert meaning_report(frames, check_settings()).passed


# --- Configuration --------------------------------------------------------------------------


def test_each_check_has_a_default_and_the_review_can_change_it():
    defaults = Plausibility().checks.model_dump()
    assert defaults == {
        "subtotal_rows": CRITICAL,
        "fte_per_post": CRITICAL,
        "pay_period": CRITICAL,
        "survey_scale_direction": CRITICAL,
        "vacancy_identity": CRITICAL,
        "zero_caseloads": WARNING,
        "contradicting_exports": WARNING,
        "hidden_rows": WARNING,
        "total_rows": "log",
    }
    assert Plausibility(checks={"pay_period": "warning"}).checks.pay_period == WARNING
    with pytest.raises(ValueError, match="hidden_rows"):
        Plausibility(checks={"hidden_rows": "log"})
    with pytest.raises(ValueError, match="pay_period"):
        Plausibility(checks={"pay_period": "stop"})
    with pytest.raises(ValueError, match="annual_pay"):
        Plausibility(annual_pay=[50000, 20000])


def test_the_checks_run_in_the_validation_step(tmp_path):
    rows = [*CHILDREN, line(CSC, None, None, None, 10, 6, 3, 4)]
    file = write(tmp_path, "snapshot.csv", SNAPSHOT_HEADER, rows)
    frames = clean_review(tmp_path, datasets(workforce_snapshot=file)).frames
    report = validate_datasets(frames, today=TODAY, settings=check_settings())
    with pytest.raises(InputError) as stop:
        from pipelines.core.validation_report import raise_for_critical

        raise_for_critical(report, frames)
    assert "the sum of rows 2 to 4 above it" in str(stop.value.render())


# --- The command line: validate stops with exit status 2 and the officer's message ----------


def test_validate_stops_with_exit_2_naming_the_subtotal_row(tmp_path):
    """`evidence-pack validate` on generated Coventry-shaped exports with one subtotal row."""
    from typer.testing import CliRunner

    from pipelines.cli import app
    from pipelines.core.config import load_review

    cfg = load_review("coventry-sw-2018")
    files = {k: ds.file for k, ds in cfg.datasets.items()}
    write(
        tmp_path,
        files["workforce_snapshot"],
        SNAPSHOT_HEADER,
        [
            line(CSC, "Assessment", "Team Manager", "G10", 1, 1, 0, 0),
            line(CSC, "Assessment", "Social Worker", "G7", 6, 4, 2, 2),
            line(CSC, "Assessment", None, None, 7, 5, 2, 2),  # row 4: the team's subtotal
        ],
    )
    write(
        tmp_path,
        files["pay_rates"],
        PAY_HEADER,
        [
            [CSC, "Team Manager", "G10", 44000, 5000, 0, 0],
            [CSC, "Social Worker", "G7", 32878, 3500, 0, 0],
        ],
    )
    write(
        tmp_path,
        files["caseloads"],
        CASELOAD_HEADER,
        [
            [
                "W1",
                CSC,
                "Assessment",
                "Social Worker",
                "G7",
                "Permanent",
                1,
                "01/09/2010",
                5,
                5,
                5,
                0,
                15,
            ]
        ],  # fmt: skip
    )
    write(
        tmp_path,
        files["market_supplements"],
        ["JOB TITLE", "GRADE", "MARKET SUPPLEMENT", "Compared to last year"],
        [["Social Worker (Children's social care)", "G7", "£1,000", "same"]],
    )
    # Exports of the review this test does not make (e.g. recruitment) as the demo has them.
    for ds in cfg.datasets.values():
        if not (tmp_path / ds.file).exists():
            shutil.copy(cfg.raw_path() / ds.file, tmp_path / ds.file)
    result = CliRunner().invoke(
        app,
        ["validate", "coventry-sw-2018", "--raw-dir", str(tmp_path), "--out", str(tmp_path / "v")],
    )
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "it looks like a subtotal or total" in result.output
    assert "row:      4" in result.output and "column:   Establishment FTE" in result.output
    assert "the sum of rows 2 to 3 above it" in result.output


def test_a_totals_row_under_the_survey_answers_is_left_out(tmp_path):
    file = survey(tmp_path, {"job_role": ["Very satisfied", "Satisfied", "Satisfied"]}, 3)
    with (tmp_path / file).open("a", newline="", encoding="utf-8") as f:
        headers = {k: v[0] for k, v in load_mapping("columns")["staff_survey"].items()}
        row = {h: None for h in headers.values()}
        row[headers["respondent_id"]] = "Total"
        row[headers["job_role"]] = "3"  # a count, not an answer
        csv.writer(f).writerow([row[h] for h in headers.values()])
    cleaned = clean_review(tmp_path, datasets(staff_survey=file))
    assert job_role_average(cleaned.frames) == pytest.approx((1 + 2 + 2) / 3)
    assert cleaned.excluded["staff_survey"][TOTALS_ROWS] == 1


def test_an_exit_form_giving_the_leaver_another_service_is_listed():
    from pipelines.datasets.leavers.plausibility import exit_forms_contradicting_leavers

    leavers = pd.DataFrame(
        {"employee_ref": ["E1", "E2"], "service": [CSC, ASC], "source_row": [2, 3]}
    )
    leavers.attrs = {"source_file": "leavers.csv", "sheet": None, "raw_columns": {}}
    forms = pd.DataFrame(
        {"employee_ref": ["E2", "E1"], "service": [ASC, ASC], "source_row": [5, 6]}
    )
    forms.attrs = {
        "source_file": "exit_forms.xlsx",
        "sheet": "Exit interviews",
        "raw_columns": {"service": "Service"},
    }
    frames = {"leavers": leavers, "exit_interviews": forms}
    result = exit_forms_contradicting_leavers(leavers, forms, check_settings())
    assert result.severity == WARNING and result.rows == [6]
    assert result.found == [
        "E1: Adult Social Care on the form, Children's Social Care in the leavers extract (row 2)"
    ]
    critical = check_settings(checks={"contradicting_exports": "critical"})
    result = exit_forms_contradicting_leavers(leavers, forms, critical)
    message = rendered(ValidationReport(results=[result]), frames)
    assert 'exit_forms.xlsx (sheet "Exit interviews")' in message
    assert "row:      6" in message and "column:   Service" in message
    assert "correct the form or the leavers extract" in message


def test_a_team_with_many_vacant_posts_is_not_taken_for_hours(tmp_path):
    """Found with a generated council's export (tests/councils): 7 vacant of 8 posts is real."""
    rows = [
        line(CSC, "North", "Senior Practitioner", "G8", 8, 1, 0, 7),  # row 2: 7 vacant of 8
        line(CSC, "South", "Senior Practitioner", "G8", 3, 3, 0, 0),
        line(CSC, "Care", "Senior Practitioner", "G8", 2, 1, 0, 1),
    ]
    file = write(tmp_path, "snapshot.csv", SNAPSHOT_HEADER, rows)
    frames = clean_review(tmp_path, datasets(workforce_snapshot=file)).frames
    message = rendered(meaning_report(frames, check_settings()), frames)
    assert "looks like hours" not in message
    # vacancy rate by hand: (7 + 0 + 1) / (8 + 3 + 2) = 61.5%
    snap = frames["workforce_snapshot"]
    assert snap["vacant_fte"].sum() / snap["establishment_fte"].sum() * 100 == pytest.approx(
        8 / 13 * 100
    )
