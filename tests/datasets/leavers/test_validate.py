"""Behaviour of pipelines.core.validation on small hand-built frames."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipelines.core.errors import InputError
from pipelines.core.validation import validate_datasets
from pipelines.core.validation_labels import default_mappings_dir
from pipelines.core.validation_report import CROSS_DATASET, ValidationReport, raise_for_critical

TODAY = dt.date(2024, 6, 30)

LEAVERS_FILE = "data/raw/luton/leavers.xlsx"
FORMS_FILE = "data/raw/luton/exit_interviews.csv"
ESTABLISHMENT_FILE = "data/raw/luton/establishment.csv"


# ---------------------------------------------------------------------------------------------
# Helpers: valid frames shaped like the cleaning step's output


def _with_attrs(
    df: pd.DataFrame, file: str, raw_columns: dict[str, str], sheet: str | None = None
) -> pd.DataFrame:
    df["source_file"] = file
    df.attrs = {"raw_columns": raw_columns, "source_file": file, "sheet": sheet}
    return df


def make_leavers(**changes: dict[int, object]) -> pd.DataFrame:
    """Four valid leavers (Excel rows 2-5); ``changes`` sets column -> {position: value}."""
    df = pd.DataFrame(
        {
            "employee_ref": ["E001", "E002", "E003", "E004"],
            "service": [
                "Adult Social Care",
                "Adult Social Care",
                "Children's Social Care",
                "Children's Social Care",
            ],
            "team": ["Duty", "Reablement", "Assessment", "Looked After"],
            "job_title": [
                "Social Worker",
                "Occupational Therapist",
                "Senior Practitioner",
                "Team Manager",
            ],
            "role": [
                "Social Worker",
                "Occupational Therapist",
                "Senior Practitioner",
                "Team Manager",
            ],
            "profession": ["Social work", "Occupational therapy", "Social work", "Social work"],
            "grade": ["PO1", "SO2", "PO3", "PO6"],
            "fte": [1.0, 0.6, 1.0, 0.8],
            "service_start_date": pd.to_datetime(
                ["2010-04-01", "2018-09-03", "2015-01-05", "2001-06-18"]
            ),
            "leaving_date": pd.to_datetime(
                ["2023-05-31", "2023-11-30", "2024-01-31", "2024-03-31"]
            ),
            "leaving_reason": [
                "Retired",
                "Moving location",
                "Better pay and conditions",
                "Career – better opportunity",
            ],
            "leaving_reason_hr": [
                "Retirement",
                "Resignation - Moving Location",
                "Resignation - Better Pay/Conditions",
                "Resignation - Career/Better Opportunity",
            ],
        }
    )
    for column, values in changes.items():
        for position, value in values.items():
            df.loc[position, column] = value
    df["years_of_service"] = (df["leaving_date"] - df["service_start_date"]).dt.days / 365.25
    df["source_row"] = range(2, len(df) + 2)
    return _with_attrs(
        df,
        LEAVERS_FILE,
        {
            "employee_ref": "Emp Ref",
            "service": "Division",
            "team": "Team",
            "job_title": "Post Title",
            "grade": "Grade",
            "fte": "FTE",
            "service_start_date": "Continuous Service Date",
            "leaving_date": "Date Left",
            "leaving_reason": "Reason for leaving",
        },
        sheet="Leavers 2023-24",
    )


def make_forms(**changes: dict[int, object]) -> pd.DataFrame:
    """One valid exit form per leaver (rows 2-5)."""
    df = pd.DataFrame(
        {
            "form_id": ["F1", "F2", "F3", "F4"],
            "employee_ref": ["E001", "E002", "E003", "E004"],
            "date_received": pd.to_datetime(
                ["2023-06-10", "2023-12-05", "2024-02-02", "2024-04-12"]
            ),
            "service": [
                "Adult Social Care",
                "Adult Social Care",
                "Children's Social Care",
                "Children's Social Care",
            ],
            "profession": ["Social work", "Occupational therapy", "Social work", "Social work"],
            "secured_employment": pd.array([False, True, True, True], dtype="boolean"),
            "new_employer": [None, "Bedford BC", "Agency", "Herts CC"],
            "reasons_given": ["Retiring", "Moving", "Pay", None],
            "would_consider_returning": pd.array([True, False, True, False], dtype="boolean"),
        }
    )
    for column, values in changes.items():
        for position, value in values.items():
            df.loc[position, column] = value
    df["source_row"] = range(2, len(df) + 2)
    return _with_attrs(
        df,
        FORMS_FILE,
        {
            "form_id": "Form No",
            "employee_ref": "Employee Ref",
            "date_received": "Date Received",
            "service": "Service",
            "profession": "Profession",
            "secured_employment": "Secured employment elsewhere?",
            "new_employer": "New employer",
            "reasons_given": "Reasons for leaving",
            "would_consider_returning": "Would you consider returning to LBC?",
        },
    )


def make_ratings(**changes: dict[int, object]) -> pd.DataFrame:
    """Two rated aspects on each of two forms (form rows 2 and 3)."""
    df = pd.DataFrame(
        {
            "form_id": ["F1", "F1", "F2", "F2"],
            "service": ["Adult Social Care"] * 4,
            "profession": [
                "Social work",
                "Social work",
                "Occupational therapy",
                "Occupational therapy",
            ],
            "aspect": ["Supervision", "Workload", "Supervision", "Workload"],
            "rating": ["Good", "Poor", "Excellent", "Average"],
            "source_column": ["Supervision", "Workload", "Supervision", "Workload"],
            "source_row": [2, 2, 3, 3],
        }
    )
    for column, values in changes.items():
        for position, value in values.items():
            df.loc[position, column] = value
    forms = make_forms()
    return _with_attrs(df, FORMS_FILE, dict(forms.attrs["raw_columns"]))


def make_establishment(**changes: dict[int, object]) -> pd.DataFrame:
    df = pd.DataFrame(
        {
            "service": ["Adult Social Care", "Adult Social Care", "Children's Social Care"],
            "profession": ["Social work", "Occupational therapy", "Social work"],
            "posts": pd.array([40, 12, 55], dtype="Int64"),
            "scope": ["Funded posts", "Funded posts", "Funded posts"],
        }
    )
    for column, values in changes.items():
        for position, value in values.items():
            df.loc[position, column] = value
    df["source_row"] = range(2, len(df) + 2)
    return _with_attrs(
        df,
        ESTABLISHMENT_FILE,
        {
            "service": "Service Area",
            "profession": "Post type",
            "posts": "Establishment posts",
            "scope": "Notes",
        },
    )


def make_frames(**frames: pd.DataFrame) -> dict[str, pd.DataFrame]:
    out = {
        "leavers": make_leavers(),
        "exit_interviews": make_forms(),
        "exit_ratings": make_ratings(),
        "establishment": make_establishment(),
    }
    out.update(frames)
    return out


def run(frames: dict[str, pd.DataFrame], **kwargs) -> ValidationReport:
    return validate_datasets(frames, today=TODAY, **kwargs)


def failing(report: ValidationReport, check_start: str):
    matches = [r for r in report.results if r.check.startswith(check_start)]
    assert matches, f"no check starting {check_start!r}"
    return matches[0]


def rendered(report: ValidationReport, frames) -> str:
    return "\n\n".join(p.render() for p in report.critical_problems(frames))


@pytest.fixture(scope="module")
def clean_report() -> ValidationReport:
    return run(make_frames())


# ---------------------------------------------------------------------------------------------
# Clean data


def test_clean_frames_pass_every_critical_check(clean_report):
    assert clean_report.failed("critical") == []
    assert clean_report.passed
    raise_for_critical(clean_report, make_frames())


def test_clean_frames_raise_no_warnings(clean_report):
    assert clean_report.failed("warning") == []


def test_every_dataset_is_checked(clean_report):
    assert {r.dataset for r in clean_report.results} == {
        "leavers",
        "exit_interviews",
        "exit_ratings",
        "establishment",
        CROSS_DATASET,
    }


# ---------------------------------------------------------------------------------------------
# Leavers


def test_leaving_date_before_start_date_names_file_row_and_column():
    frames = make_frames(leavers=make_leavers(leaving_date={1: pd.Timestamp("2017-03-31")}))
    report = run(frames)
    result = failing(report, "Leaving date is on or after the start date")
    assert (result.success, result.severity, result.rows) == (False, "critical", [3])
    text = rendered(report, frames)
    assert "The leaving date is before the service start date." in text
    assert f'file:     {LEAVERS_FILE} (sheet "Leavers 2023-24")' in text
    assert "row:      3" in text
    assert "column:   Date Left" in text
    assert "found:    Date Left 31/03/2017, Continuous Service Date 03/09/2018" in text
    assert "Correct the date in the export, or remove the row if it is not a leaver." in text


def test_unknown_service_is_critical():
    frames = make_frames(leavers=make_leavers(service={2: "Public Health"}))
    report = run(frames)
    result = failing(report, "Service is one of the pack's services")
    assert (result.success, result.severity, result.rows) == (False, "critical", [4])
    text = rendered(report, frames)
    assert "column:   Division" in text
    assert "found:    Public Health" in text
    assert "Adult Social Care" in text


def test_unknown_role_reports_the_job_title_the_officer_typed():
    frames = make_frames(
        leavers=make_leavers(job_title={0: "Social Wrker"}, role={0: "Social Wrker"})
    )
    report = run(frames)
    assert failing(report, "Role is one of the pack's roles").rows == [2]
    text = rendered(report, frames)
    assert "column:   Post Title" in text
    assert "found:    Social Wrker" in text


def test_unknown_leaving_reason_shows_the_hr_label():
    frames = make_frames(
        leavers=make_leavers(
            leaving_reason={3: "Poached"}, leaving_reason_hr={3: "Resignation - Poached"}
        )
    )
    report = run(frames)
    assert not failing(report, "Leaving reason is one of").success
    text = rendered(report, frames)
    assert "column:   Reason for leaving" in text
    assert "found:    Resignation - Poached" in text


def test_duplicate_employee_ref_lists_every_copy():
    frames = make_frames(leavers=make_leavers(employee_ref={3: "E001"}))
    result = failing(run(frames), "Each employee reference appears once")
    assert (result.success, result.rows, result.found) == (False, [2, 5], ["E001"])


def test_blank_employee_ref_is_critical():
    frames = make_frames(leavers=make_leavers(employee_ref={1: None}))
    report = run(frames)
    result = failing(report, "Every leaver has an employee reference")
    assert (result.success, result.severity, result.rows) == (False, "critical", [3])
    assert "found:    (blank)" in rendered(report, frames)


def test_fte_of_zero_or_above_one_fails():
    frames = make_frames(leavers=make_leavers(fte={0: 0.0, 2: 37.0}))
    result = failing(run(frames), "FTE is more than 0 and at most 1.0")
    assert (result.success, result.rows, result.found) == (False, [2, 4], ["0", "37"])


def test_fte_of_exactly_one_passes():
    frames = make_frames(leavers=make_leavers(fte={0: 1.0, 1: 1.0, 2: 1.0, 3: 1.0}))
    assert failing(run(frames), "FTE is more than 0").success


def test_leaving_date_after_today_is_critical():
    frames = make_frames(leavers=make_leavers(leaving_date={3: pd.Timestamp("2024-07-01")}))
    report = run(frames)
    result = failing(report, "The leaving date is not in the future")
    assert (result.success, result.severity, result.rows) == (False, "critical", [5])
    assert "expected: a date on or before 30/06/2024" in rendered(report, frames)


def test_leaving_date_equal_to_today_passes():
    frames = make_frames(leavers=make_leavers(leaving_date={3: pd.Timestamp(TODAY)}))
    assert failing(run(frames), "The leaving date is not in the future").success


def test_start_date_before_1960_fails():
    frames = make_frames(leavers=make_leavers(service_start_date={1: pd.Timestamp("1900-01-01")}))
    report = run(frames)
    result = failing(report, "Service start date is not before 01/01/1960")
    assert (result.success, result.rows, result.found) == (False, [3], ["01/01/1900"])
    assert "column:   Continuous Service Date" in rendered(report, frames)


def test_blank_leaving_date_is_reported_once_not_as_a_date_order_failure():
    frames = make_frames(leavers=make_leavers(leaving_date={2: pd.NaT}))
    report = run(frames)
    assert failing(report, "Every leaver has a leaving date").rows == [4]
    assert failing(report, "Leaving date is on or after the start date").success


def test_missing_required_column_is_a_whole_file_problem_naming_the_header():
    frames = make_frames(leavers=make_leavers().drop(columns=["fte"]))
    report = run(frames)
    failed = report.failed("critical")
    assert [(r.check, r.found) for r in failed] == [
        ("The file has every column the pack needs", ["FTE"])
    ]
    problems = report.critical_problems(frames)
    assert [(p.row, p.column, p.expected) for p in problems] == [
        (None, "FTE", 'a column headed "FTE"')
    ]
    assert "Post Title" in problems[0].found


def test_missing_derived_column_names_the_column_it_comes_from():
    frames = make_frames(leavers=make_leavers().drop(columns=["role"]))
    problems = run(frames).critical_problems(frames)
    assert [p.column for p in problems] == ['role (worked out from "Post Title")']


def test_text_in_a_number_column_is_reported_as_a_problem_not_a_crash():
    leavers = make_leavers()
    leavers["fte"] = leavers["fte"].astype(object)
    leavers.loc[1, "fte"] = "half"
    frames = make_frames(leavers=leavers)
    report = run(frames)
    assert not failing(report, "FTE is more than 0").success
    text = rendered(report, frames)
    assert 'The check "FTE is more than 0 and at most 1.0" could not run' in text
    assert "column:   FTE" in text


# ---------------------------------------------------------------------------------------------
# Exit interviews and ratings


def test_blank_return_answer_is_a_warning_not_critical():
    forms = make_forms()
    forms["would_consider_returning"] = pd.array([True, None, True, False], dtype="boolean")
    report = run(make_frames(exit_interviews=forms))
    result = failing(report, "Every form answers the return question")
    assert (result.success, result.severity, result.rows) == (False, "warning", [3])
    assert failing(report, "The return question is answered Yes or No").success
    assert report.passed


def test_return_answer_other_than_yes_or_no_is_critical():
    forms = make_forms()
    forms["would_consider_returning"] = pd.Series([True, "Maybe", True, False], dtype=object)
    forms.attrs = make_forms().attrs
    report = run(make_frames(exit_interviews=forms))
    result = failing(report, "The return question is answered Yes or No")
    assert (result.success, result.severity, result.rows) == (False, "critical", [3])
    text = rendered(report, make_frames(exit_interviews=forms))
    assert "column:   Would you consider returning to LBC?" in text


def test_duplicate_form_number_is_critical():
    frames = make_frames(exit_interviews=make_forms(form_id={2: "F1"}))
    report = run(frames)
    result = failing(report, "Each form number appears once")
    assert (result.success, result.severity, result.rows) == (False, "critical", [2, 4])
    assert f"file:     {FORMS_FILE}\n" in rendered(report, frames)


def test_date_received_in_the_future_is_critical():
    frames = make_frames(exit_interviews=make_forms(date_received={0: pd.Timestamp("2025-01-01")}))
    result = failing(run(frames), "The date received is not in the future")
    assert (result.success, result.rows) == (False, [2])


def test_unknown_rating_names_the_aspect_header():
    frames = make_frames(exit_ratings=make_ratings(rating={3: "Dreadful"}))
    report = run(frames)
    result = failing(report, "Rating is Excellent, Good, Average or Poor")
    assert (result.success, result.severity, result.rows) == (False, "critical", [3])
    text = rendered(report, frames)
    assert "row:      3" in text
    assert "column:   Workload" in text
    assert "found:    Dreadful" in text


def test_blank_aspect_is_critical():
    frames = make_frames(exit_ratings=make_ratings(aspect={0: None}))
    assert not failing(run(frames), "Every rating names the aspect rated").success


# ---------------------------------------------------------------------------------------------
# Establishment


def test_repeated_service_and_profession_is_critical():
    frames = make_frames(establishment=make_establishment(profession={1: "Social work"}))
    report = run(frames)
    result = failing(report, "Each service and profession appears once")
    assert (result.success, result.severity, result.rows) == (False, "critical", [2, 3])
    text = rendered(report, frames)
    assert "column:   Service Area" in text
    assert "found:    Adult Social Care / Social work" in text


def test_negative_posts_is_critical():
    frames = make_frames(establishment=make_establishment(posts={2: -5}))
    report = run(frames)
    result = failing(report, "Number of posts is not negative")
    assert (result.success, result.rows, result.found) == (False, [4], ["-5"])
    assert "column:   Establishment posts" in rendered(report, frames)


def test_unknown_profession_in_establishment_is_critical():
    frames = make_frames(establishment=make_establishment(profession={0: "Nursing"}))
    report = run(frames)
    failed = [r for r in report.failed("critical") if r.dataset == "establishment"]
    assert [r.check for r in failed] == ["Profession is one of the pack's professions"]


# ---------------------------------------------------------------------------------------------
# Cross-dataset checks


def test_exit_form_for_someone_not_in_leavers_is_a_warning():
    frames = make_frames(exit_interviews=make_forms(employee_ref={1: "E999"}))
    report = run(frames)
    result = failing(report, "Every exit-interview form's employee reference")
    assert (result.success, result.severity, result.rows, result.found) == (
        False,
        "warning",
        [3],
        ["E999"],
    )
    assert report.passed


def test_low_return_rate_is_a_warning_not_critical():
    forms = make_forms().iloc[[0, 2, 3]].reset_index(drop=True)  # ASC: 1 form for 2 leavers
    leavers = make_leavers()
    extra = leavers.iloc[[0]].assign(employee_ref="E005", source_row=6)
    leavers = pd.concat([leavers, extra], ignore_index=True)  # ASC: 3 leavers
    leavers.attrs = make_leavers().attrs
    report = run(make_frames(leavers=leavers, exit_interviews=forms))
    asc = failing(report, "Exit-interview return rate for Adult Social Care")
    assert (asc.success, asc.severity) == (False, "warning")
    assert "33%" in asc.check and "1 form for 3 leavers" in asc.check
    assert failing(report, "Exit-interview return rate for Children's Social Care").success
    assert report.passed


def test_return_rate_threshold_can_follow_the_review_target():
    forms = make_forms().iloc[[0, 2, 3]].reset_index(drop=True)  # ASC: 1 form for 2 leavers
    report = run(make_frames(exit_interviews=forms), return_rate_threshold=0.4)
    asc = failing(report, "Exit-interview return rate for Adult Social Care is at least 40%")
    assert asc.success and "(it is 50%: 1 form for 2 leavers)" in asc.check


def test_cross_checks_need_both_leavers_and_exit_interviews():
    report = run({"leavers": make_leavers()})
    assert [r for r in report.results if r.dataset == CROSS_DATASET] == []


# ---------------------------------------------------------------------------------------------
# Report, problems and options


def test_missing_datasets_are_skipped():
    report = run({"establishment": make_establishment()})
    assert {r.dataset for r in report.results} == {"establishment"}
    assert report.passed


def test_report_to_dict_is_json_serialisable():
    frames = make_frames(leavers=make_leavers(fte={0: 0.0}))
    data = json.loads(json.dumps(run(frames).to_dict()))
    assert data["great_expectations_version"].startswith("1.")
    assert data["today"] == "2024-06-30"
    assert data["passed"] is False
    fte = next(r for r in data["results"] if r["check"].startswith("FTE"))
    assert fte["rows"] == [2] and fte["severity"] == "critical"


def test_summary_table_has_member_facing_columns():
    frames = make_frames(leavers=make_leavers(fte={0: 0.0, 3: 2.0}))
    table = run(frames).summary_table()
    assert list(table.columns) == ["Dataset", "Check", "Severity", "Result", "Rows failing"]
    row = table[table["Check"].str.startswith("FTE")].iloc[0]
    assert (row["Dataset"], row["Severity"], row["Result"], row["Rows failing"]) == (
        "Leavers",
        "Critical",
        "Failed",
        "2, 5",
    )
    assert set(table["Result"]) == {"Passed", "Failed"}


def test_problems_are_capped_at_twenty_per_check():
    base = make_leavers()
    leavers = pd.concat([base.iloc[[0]]] * 25, ignore_index=True)
    leavers["employee_ref"] = [f"E{i:03}" for i in range(25)]
    leavers["fte"] = 0.0
    leavers["source_row"] = range(2, 27)
    leavers.attrs = base.attrs
    frames = {"leavers": leavers}
    report = run(frames)
    problems = [p for p in report.critical_problems(frames) if p.column == "FTE"]
    assert len(problems) == 21
    assert [p.row for p in problems[:20]] == list(range(2, 22))
    assert problems[20].what.startswith("5 more rows fail the same check")
    assert problems[20].found == "22, 23, 24, 25, 26"


def test_raise_for_critical_collects_every_problem_in_one_error():
    frames = make_frames(
        leavers=make_leavers(service={0: "Public Health"}),
        establishment=make_establishment(posts={0: -1}),
    )
    report = run(frames)
    with pytest.raises(InputError) as caught:
        raise_for_critical(report, frames)
    assert len(caught.value.problems) == 2
    message = str(caught.value)
    assert LEAVERS_FILE in message and ESTABLISHMENT_FILE in message


def test_warnings_alone_do_not_raise():
    frames = make_frames(exit_interviews=make_forms(employee_ref={1: "E999"}))
    raise_for_critical(run(frames), frames)


def test_critical_problems_without_frames_use_the_sources_seen_at_validation():
    frames = make_frames(leavers=make_leavers(fte={1: 1.5}))
    problems = run(frames).critical_problems()
    assert [(p.file, p.sheet, p.row, p.column) for p in problems] == [
        (LEAVERS_FILE, "Leavers 2023-24", 3, "FTE")
    ]


def test_mappings_dir_sets_the_allowed_labels(tmp_path: Path):
    mappings = tmp_path / "mappings"
    shutil.copytree(default_mappings_dir(), mappings)
    (mappings / "services.yml").write_text(
        'Adult Social Care: ["ASC"]\nChildren\'s Social Care: ["CSC"]\nPublic Health: ["PH"]\n',
        encoding="utf-8",
    )
    frames = make_frames(leavers=make_leavers(service={0: "Public Health"}))
    assert failing(
        run(frames, mappings_dir=mappings), "Service is one of the pack's services"
    ).success
    assert not failing(run(frames), "Service is one of the pack's services").success
