"""GX suites for the survey tables: the demo passes; a bad score or service is caught by row."""

from __future__ import annotations

import datetime as dt

import pytest

from pipelines.core.validation import validate_datasets
from tests.sections.surveys.helpers import clean

TODAY = dt.date(2016, 9, 21)


@pytest.fixture(scope="module")
def frames():
    out = {}
    for dataset in ("staff_survey", "locum_survey", "survey_published"):
        out.update(clean(dataset))
    return out


def test_demo_survey_tables_pass_every_check(frames):
    report = validate_datasets(frames, today=TODAY)
    mine = [r for r in report.results if r.dataset in frames]
    assert {r.dataset for r in mine} == set(frames) - {"staff_survey_non_answers"}
    assert all(r.success for r in mine), [r.check for r in mine if not r.success]


def test_a_score_outside_1_to_5_is_critical_and_names_the_row_and_question(frames):
    bad = dict(frames)
    answers = frames["staff_survey_answers"].copy()
    answers.attrs = frames["staff_survey_answers"].attrs
    answers.loc[3, "score"] = 7
    bad["staff_survey_answers"] = answers
    report = validate_datasets(bad, today=TODAY)
    [problem] = report.critical_problems(bad)
    assert problem.row == int(answers.loc[3, "source_row"])
    assert problem.column == answers.loc[3, "source_column"]
    assert "1 to 5" in problem.what


def test_a_duplicate_respondent_is_critical(frames):
    bad = dict(frames)
    staff = frames["staff_survey"].copy()
    staff.attrs = frames["staff_survey"].attrs
    staff.loc[5, "respondent_id"] = staff.loc[4, "respondent_id"]
    bad["staff_survey"] = staff
    problems = validate_datasets(bad, today=TODAY).critical_problems(bad)
    assert {p.row for p in problems} == {
        int(staff.loc[4, "source_row"]),
        int(staff.loc[5, "source_row"]),
    }
    assert all(p.column == "Respondent ID" for p in problems)


def test_a_service_answer_that_differs_from_the_link_is_a_warning_only(frames):
    bad = dict(frames)
    staff = frames["staff_survey"].copy()
    staff.attrs = frames["staff_survey"].attrs
    i = staff.index[staff["service_answer"].notna()][0]
    staff.loc[i, "service_answer"] = next(
        s for s in ("Adult Social Care", "Children's Social Care") if s != staff.loc[i, "service"]
    )
    bad["staff_survey"] = staff
    report = validate_datasets(bad, today=TODAY)
    assert report.passed
    assert [r.rows for r in report.failed()] == [[int(staff.loc[i, "source_row"])]]
