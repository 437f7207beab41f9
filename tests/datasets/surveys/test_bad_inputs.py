"""A spoiled survey export stops the build (via the CLI) with the file, row and column, exit
status 2, no traceback, and the previous pack and processed data untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.core.config import load_review
from tests.conftest import DEMO_REVIEW
from tests.e2e.test_bad_inputs import assert_stopped_cleanly, build_cli, snapshot
from tests.sections.surveys.helpers import read_csv_rows, write_csv_rows

JOB_ROLE = "How satisfied are you with your job role?"
RECOGNITION = "How satisfied are you with positive recognition from your manager(s)?"


def staff_file() -> str:
    return load_review(DEMO_REVIEW).datasets["staff_survey"].file


@pytest.fixture
def built(built, tmp_path):
    """A private copy of the shared demo pack: these tests run (failing) builds against it."""
    return built.copy(tmp_path / "pack")


def spoil(raw: Path, change) -> None:
    path = raw / staff_file()
    rows = read_csv_rows(path)
    change(rows)
    write_csv_rows(path, rows)


def set_cell(rows, excel_row: int, header: str, value: str) -> None:
    rows[excel_row - 1][rows[0].index(header)] = value


def test_score_of_7_names_file_row_and_column(raw, built):
    before = snapshot(built.outputs), snapshot(built.processed)
    spoil(raw, lambda rows: set_cell(rows, 8, JOB_ROLE, "7"))
    result = build_cli(raw, built)
    assert_stopped_cleanly(
        result,
        built,
        *before,
        "outside the 1 to 5 scale",
        staff_file(),
        "row:      8",
        f"column:   {JOB_ROLE}",
        'found:    "7"',
        "a whole number from 1 to 5",
    )


def test_unknown_answer_label_names_file_row_and_column(raw, built):
    before = snapshot(built.outputs), snapshot(built.processed)
    spoil(raw, lambda rows: set_cell(rows, 15, RECOGNITION, "Over the moon"))
    result = build_cli(raw, built)
    assert_stopped_cleanly(
        result,
        built,
        *before,
        "Unknown answer",
        staff_file(),
        "row:      15",
        f"column:   {RECOGNITION}",
        '"Over the moon"',
        "config/reviews/luton-sw-2016/mappings/survey_scales.yml",
    )


def test_missing_service_column_names_file_row_and_column(raw, built):
    before = snapshot(built.outputs), snapshot(built.processed)

    def drop_service(rows):
        i = rows[0].index("Service")
        rows[:] = [r[:i] + r[i + 1 :] for r in rows]

    spoil(raw, drop_service)
    result = build_cli(raw, built)
    assert_stopped_cleanly(
        result,
        built,
        *before,
        "missing a column",
        staff_file(),
        "row:      1",
        'a column for service (one of: "Service"',
        "Respondent ID, Date Submitted, Do you work for",
    )
