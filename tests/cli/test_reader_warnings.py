"""The readers' warnings reach the officer: ``validate`` reads hidden rows, says so and passes."""

from __future__ import annotations

import openpyxl
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.core.config import load_review
from tests.conftest import DEMO_REVIEW


def test_validate_says_which_rows_were_hidden_and_still_passes(raw, tmp_path):
    ds = load_review(DEMO_REVIEW).datasets["exit_interviews"]
    path = raw / ds.file
    wb = openpyxl.load_workbook(path)
    ws = wb[ds.sheet]
    header = next(
        r for r in range(1, 20) if any(str(c.value or "").strip() == "Form No" for c in ws[r])
    )
    for row in (header + 2, header + 3):
        ws.row_dimensions[row].hidden = True
    wb.save(path)

    result = CliRunner().invoke(
        app, ["validate", DEMO_REVIEW, "--raw-dir", str(raw), "--out", str(tmp_path / "v")]
    )
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert "2 rows of the exit interviews export are hidden in Excel" in result.output
    assert f"hidden rows: {header + 2}-{header + 3}" in result.output
    assert ds.file in result.output and f'sheet "{ds.sheet}"' in result.output
