"""Malformed exports through the command line: exit status 2, the officer's message, no traceback.

One case of each kind of tests/robustness/malformed (reader, columns, cells, separators, dates,
plausibility) put in place of the demo export in a copy of the raw folder, checked with
``evidence-pack validate`` (which reads, cleans and validates as the build does).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.core.config import load_review
from tests.conftest import DEMO_REVIEW

FOLDER = Path(__file__).resolve().parent / "malformed"
CASES = yaml.safe_load((FOLDER / "cases.yml").read_text(encoding="utf-8"))
KINDS = [
    "leavers_web_page.csv",  # reader: a web page saved as .csv
    "leavers_leaving_reason_twice.csv",  # columns: two columns headed alike
    "leavers_fte_error_ref.csv",  # cells: a spreadsheet error in a required number
    "leavers_fte_both_styles.csv",  # separators: decimal commas and points in one column
    "leavers_dates_two_orders.csv",  # dates: day and month in two orders
    "exit_same_employee_twice.xlsx",  # plausibility: two exit forms for one leaver
]
runner = CliRunner()


@pytest.mark.parametrize("name", KINDS)
def test_validate_stops_with_exit_2_and_the_officers_message(name, tmp_path):
    case = CASES[name]
    cfg = load_review(DEMO_REVIEW)
    raw = tmp_path / "raw"
    shutil.copytree(cfg.raw_path(), raw)
    target = raw / cfg.datasets[case["dataset"]].file
    shutil.copyfile(FOLDER / name, target)
    result = runner.invoke(
        app, ["validate", DEMO_REVIEW, "--raw-dir", str(raw), "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert f"file:     {target}" in result.output or f"file:     {target.name}" in result.output
    for text in case["says"]:
        assert text in result.output, f"{name}: {text!r} not in\n{result.output}"
    for text in case.get("never", []):
        assert text not in result.output, f"{name}: {text!r} must not be shown"
