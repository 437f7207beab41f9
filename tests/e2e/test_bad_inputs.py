"""Bad exports stop the build with the officer's message, exit status 2, no traceback, and the
previous pack and processed data left exactly as they were."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pandas as pd
import pytest

from pipelines.core.cleaning_values import parse_date
from tests.conftest import cli_build, snapshot

LEAVERS = "leavers_itrent_2015-16.csv"


def build_cli(raw: Path, built, *extra: str) -> subprocess.CompletedProcess:
    """The build command on ``raw`` into the private copy of the demo pack."""
    return cli_build(
        built.outputs, built.processed, "--raw-dir", str(raw), "--quiet", *extra, timeout=600
    )


@pytest.fixture
def built(built, tmp_path):
    """A private copy of the shared demo pack: these tests run (failing) builds against it."""
    return built.copy(tmp_path / "pack")


def edit_leavers(raw: Path, change) -> None:
    path = raw / LEAVERS
    lines = path.read_text(encoding="utf-8").splitlines()
    change(lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def set_cell(lines: list[str], excel_row: int, column: str, value: str) -> None:
    header = lines[0].split(",")
    cells = lines[excel_row - 1].split(",")
    cells[header.index(column)] = value
    lines[excel_row - 1] = ",".join(cells)


def assert_stopped_cleanly(result, built, before_outputs, before_processed, *expected):
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "Nothing in outputs/ or data/processed/ was changed" in result.stderr
    for text in expected:
        assert text in result.stderr, result.stderr
    assert snapshot(built.outputs) == before_outputs
    assert snapshot(built.processed) == before_processed


def test_missing_column_names_file_column_and_what_was_found(raw, built):
    before = snapshot(built.outputs), snapshot(built.processed)

    def drop_reason(lines):
        for i, line in enumerate(lines):
            lines[i] = line.rsplit(",", 1)[0]

    edit_leavers(raw, drop_reason)
    result = build_cli(raw, built)
    assert_stopped_cleanly(
        result,
        built,
        *before,
        "missing a column",
        LEAVERS,
        '"Leaving Reason"',
        "Continuous Service Date, Leaving Date",
    )


def test_unknown_service_names_file_row_and_column(raw, built):
    before = snapshot(built.outputs), snapshot(built.processed)
    edit_leavers(raw, lambda lines: set_cell(lines, 7, "Service Area", "Housing Services"))
    result = build_cli(raw, built)
    assert_stopped_cleanly(
        result,
        built,
        *before,
        "Unknown service",
        LEAVERS,
        "row:      7",
        "column:   Service Area",
        '"Housing Services"',
        "config/reviews/luton-sw-2016/mappings/services.yml",
    )


def test_leaving_date_before_start_date_names_file_row_and_column(raw, built):
    before = snapshot(built.outputs), snapshot(built.processed)
    found = {}

    def leave_before_start(lines):
        header = lines[0].split(",")
        start, _ = parse_date(lines[8].split(",")[header.index("Continuous Service Date")])
        found["date"] = (start - pd.DateOffset(years=1)).strftime("%d/%m/%Y")
        set_cell(lines, 9, "Leaving Date", found["date"])

    edit_leavers(raw, leave_before_start)
    result = build_cli(raw, built)
    assert_stopped_cleanly(
        result,
        built,
        *before,
        "before the service start date",
        LEAVERS,
        "row:      9",
        "column:   Leaving Date",
        found["date"],
    )


def test_all_problems_in_the_file_are_reported_in_one_run(raw, built):
    before = snapshot(built.outputs), snapshot(built.processed)

    def spoil(lines):
        set_cell(lines, 4, "Service Area", "Housing")
        set_cell(lines, 11, "Leaving Date", "31/13/2016")

    edit_leavers(raw, spoil)
    result = build_cli(raw, built)
    assert_stopped_cleanly(
        result, built, *before, "row:      4", "row:      11", "A date cannot be read"
    )


def test_debug_shows_the_traceback(raw, built):
    edit_leavers(raw, lambda lines: set_cell(lines, 7, "Service Area", "Housing Services"))
    result = build_cli(raw, built, "--debug")
    assert result.returncode != 0 and "Traceback" in result.stderr
