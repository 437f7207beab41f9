"""Validation of the workforce data: bad values stop with the file, Excel row and column."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from pipelines.core.cleaning import CleaningLog
from pipelines.core.config import load_review
from pipelines.core.errors import InputError
from pipelines.core.sources import read_export
from pipelines.core.validation import validate_datasets
from pipelines.core.validation_checks import CROSS_CHECKS
from pipelines.core.validation_report import raise_for_critical
from pipelines.datasets.workforce import clean as cw
from pipelines.datasets.workforce.validate import PAY_TABLE_CHECKS, pay_table_checks
from tests.conftest import DEMO_REVIEW

TODAY = dt.date(2016, 9, 21)


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    cfg = load_review(DEMO_REVIEW)
    out = {}
    for dataset, clean in (
        ("workforce_snapshot", cw.clean_workforce_snapshot),
        ("pay_rates", cw.clean_pay_rates),
        ("caseloads", cw.clean_caseloads),
        ("market_supplements", cw.clean_market_supplements),
    ):
        ds = cfg.datasets[dataset]
        df, _ = clean(read_export(cfg.raw_path() / ds.file, dataset, sheet=ds.sheet), CleaningLog())
        out[dataset] = df
    return out


def spoiled(df: pd.DataFrame, index: int, **values) -> pd.DataFrame:
    out = df.copy()
    out.attrs = dict(df.attrs)
    for column, value in values.items():
        out.loc[index, column] = value
    return out


def problems_of(frames: dict[str, pd.DataFrame]) -> list:
    report = validate_datasets(frames, today=TODAY)
    with pytest.raises(InputError) as exc:
        raise_for_critical(report, frames)
    return exc.value.problems


def test_demo_workforce_data_pass_every_critical_check(frames):
    report = validate_datasets(frames, today=TODAY)
    assert report.passed
    assert all(r.success for r in pay_table_checks(frames))
    checks = {r.check for r in report.results}
    assert "Every grade in the workforce snapshot is in the pay table" in checks
    failed = [r.check for r in report.failed()]
    assert failed == ["Each entry names a job title in the workforce snapshot"]


def test_negative_and_over_establishment_fte_name_file_row_and_column(frames):
    snap = frames["workforce_snapshot"]
    est = float(snap.loc[4, "establishment_fte"])
    bad = spoiled(snap, 2, permanent_fte=-1.0)
    bad = spoiled(bad, 4, agency_fte=est + 2)
    problems = problems_of({"workforce_snapshot": bad})
    found = {(p.what, p.row, p.column, p.found) for p in problems}
    row2, row4 = int(snap.loc[2, "source_row"]), int(snap.loc[4, "source_row"])
    assert ("The permanent FTE is negative.", row2, "Permanent FTE", "-1") in found
    assert (
        "The agency FTE is above the establishment FTE.",
        row4,
        "Agency FTE",
        f"Agency FTE {est + 2:g}, Establishment FTE {est:g}",
    ) in found
    assert {p.file for p in problems} == {snap.attrs["source_file"]}
    assert {p.sheet for p in problems} == {"Establishment"}


def test_caseload_fte_above_one_names_row_and_column(frames):
    cases = frames["caseloads"]
    problems = problems_of({"caseloads": spoiled(cases, 0, fte=1.5)})
    assert [(p.row, p.column) for p in problems] == [(int(cases.loc[0, "source_row"]), "FTE")]


def test_pay_table_checks_are_in_the_cross_check_registry():
    assert CROSS_CHECKS[PAY_TABLE_CHECKS] is pay_table_checks


def test_grade_missing_from_pay_table_names_snapshot_and_caseload_rows(frames):
    snap = spoiled(frames["workforce_snapshot"], 3, grade="M9")
    cases = spoiled(frames["caseloads"], 5, grade="M3")
    problems = problems_of(
        {"workforce_snapshot": snap, "caseloads": cases, "pay_rates": frames["pay_rates"]}
    )
    assert [(p.what, p.file, p.row, p.column, p.found) for p in problems] == [
        (
            "The grade is not in the pay table.",
            snap.attrs["source_file"],
            int(snap.loc[3, "source_row"]),
            "Grade",
            "M9",
        ),
        (
            "The post has no pay rate at this grade.",
            cases.attrs["source_file"],
            int(cases.loc[5, "source_row"]),
            "Grade",
            f"{cases.loc[5, 'job_title']} at M3 (Children's Social Care)",
        ),
    ]
    assert "M1" in problems[0].expected and "pay table" in problems[0].hint


def test_negative_last_year_supplement_is_critical(frames):
    reg = spoiled(frames["market_supplements"], 3, previous_supplement=-500.0)
    problems = problems_of({"market_supplements": reg})
    assert [(p.row, p.column) for p in problems] == [(5, "COMPARED TO 15/16")]
