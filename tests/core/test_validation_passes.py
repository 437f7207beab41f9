"""Validation runs every check pass/fail first and only the failed ones in full (issue 24).

That is right only while no check allows a share of failures (GX ``mostly``): a check that
passes then has no rows to name. These tests hold that for every dataset's suite, and check that
the failed rows are still named after the two passes.
"""

from __future__ import annotations

import datetime as dt

from pipelines.core import validation
from pipelines.core.validation_checks import SUITES, discover_datasets
from pipelines.core.validation_labels import load_labels
from pipelines.core.validation_report import COLUMN_NAMES, REQUIRED_COLUMNS
from tests.conftest import DEMO_REVIEW, demo_frames


def test_no_check_of_any_dataset_lets_a_share_of_rows_fail():
    discover_datasets()
    labels = load_labels(None)
    gx = validation._import_gx()
    made = 0
    for dataset, suite in SUITES.items():
        headers = {c: c for c in {*REQUIRED_COLUMNS[dataset], *COLUMN_NAMES}}
        for check in suite(labels, dt.date(2016, 9, 21), headers):
            expectation = check.make(gx.expectations)
            assert getattr(expectation, "mostly", 1) in (None, 1), (dataset, check.check)
            made += 1
    assert made > 50, made


def test_the_rows_of_a_failed_check_are_named_and_the_passed_checks_name_none():
    from pipelines import steps
    from pipelines.core.config import load_review

    frames = demo_frames()
    leavers = frames["leavers"]
    rows = leavers["source_row"].iloc[[2, 7]].tolist()
    leavers.loc[leavers.index[[2, 7]], "fte"] = 3.0  # two rows over 1 FTE
    report = validation.validate_datasets(
        frames,
        today=dt.date(2016, 9, 21),
        settings=steps.check_settings(load_review(DEMO_REVIEW)),
    )
    failed = [r for r in report.results if not r.success and r.dataset == "leavers"]
    # the FTE range check and the hours-typed-as-FTE check both fail on these two rows
    assert len(failed) == 2, [(r.check, r.rows) for r in failed]
    assert all(r.rows == sorted(rows) and r.unexpected_count == 2 for r in failed), failed
    assert all(r.rows == [] for r in report.results if r.success)
