"""A qualification date after the workforce snapshot stops the build (issue 13)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from pipelines.core.validation_report import CRITICAL, WARNING, ValidationReport
from pipelines.datasets.workforce.plausibility import (
    fte_rates,
    qualified_after_snapshot,
    workforce_plausibility_checks,
)
from pipelines.sections.workforce.analysis import fte_by_service


def caseloads(dates: list[str]) -> pd.DataFrame:
    df = pd.DataFrame({"worker_id": [f"W{i}" for i in range(len(dates))]})
    df["date_qualified"] = pd.to_datetime(dates)
    df["source_row"] = range(2, len(df) + 2)
    df.attrs = {
        "source_file": "caseloads.csv",
        "sheet": None,
        "raw_columns": {"date_qualified": "Date Qualified"},
    }
    return df


def test_a_qualification_after_the_snapshot_stops_naming_the_cell():
    df = caseloads(["2014-06-01", "2016-07-30", "2016-09-01"])
    result = qualified_after_snapshot(df, dt.date(2016, 7, 30))
    assert not result.success and result.severity == CRITICAL and result.rows == [4]
    message = ValidationReport(results=[result]).critical_problems({"caseloads": df})[0].render()
    assert "qualified after the date of the workforce snapshot" in message
    assert "row:      4" in message and "column:   Date Qualified" in message
    assert "found:    01/09/2016" in message and "30 July 2016" in message


def test_skipped_without_a_snapshot_date_and_passing_when_plausible():
    df = caseloads(["2014-06-01"])
    assert workforce_plausibility_checks({"caseloads": df}, {}) == []
    [result] = workforce_plausibility_checks({"caseloads": df}, {"snapshot_date": "2016-07-30"})
    assert result.success


def snapshot(rows: list[tuple[str, float, float, float, float]]) -> pd.DataFrame:
    df = pd.DataFrame(
        rows,
        columns=["service", "establishment_fte", "permanent_fte", "agency_fte", "vacant_fte"],
    )
    df["source_row"] = range(2, len(df) + 2)
    df.attrs = {"source_file": "workforce.xlsx", "sheet": "Establishment", "raw_columns": {}}
    return df


CEILINGS = {"ceilings": {"agency_rate": (55.0, WARNING), "vacancy_rate": (55.0, WARNING)}}


def test_rates_are_worked_out_as_the_workforce_section_does():
    df = snapshot(
        [("Adult Social Care", 20, 10, 5, 10), ("Children's Social Care", 30, 20, 10, 10)]
    )
    agency, vacancy = fte_rates(df)
    section = fte_by_service(df).set_index("service")
    for rate in agency:
        assert rate.percent == pytest.approx(section.loc[rate.label, "agency_rate_percent"])
    for rate in vacancy:
        assert rate.percent == pytest.approx(section.loc[rate.label, "vacancy_rate_percent"])


def test_an_agency_rate_above_the_ceiling_warns_and_names_the_figure():
    df = snapshot([("Children's Social Care", 30, 8, 12, 10)])  # agency 12 / 20 FTE = 60%
    results = workforce_plausibility_checks({"workforce_snapshot": df}, CEILINGS)
    report = ValidationReport(results=results)
    assert report.passed
    [warning] = report.failed(WARNING)
    assert warning.check.startswith("Every agency worker rate is at most the review's ceiling")
    assert "Children's Social Care (60.0%) is above the review's ceiling of 55%" in warning.what
    assert warning.tables == ("agency_rates",) and "agency worker" in warning.affects


def test_a_vacancy_rate_above_100_percent_stops():
    df = snapshot([("Adult Social Care", 10, 5, 0, 25)])  # 25 vacant FTE of 10
    report = ValidationReport(results=workforce_plausibility_checks({"workforce_snapshot": df}, {}))
    [stop] = report.failed(CRITICAL)
    message = stop_message = report.critical_problems({"workforce_snapshot": df})[0].render()
    assert "A vacancy rate is outside 0-100%" in message and "250.0%" in stop_message
    assert 'file:     workforce.xlsx (sheet "Establishment")' in message
