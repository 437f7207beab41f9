"""Changing the section's parameters changes the pack; bad workforce exports stop the build.

One pack is built from a copy of the review's YAML whose 21 September meeting holds only the
workforce section, with the agency hourly rate and the number of posts made permanent changed.
The bad-input tests then run the command line against spoiled copies of the exports and check
the officer's message and that the pack built before is left exactly as it was.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from pipelines.core.config import load_review
from tests.conftest import DEMO_MEETING, DEMO_REVIEW, ROOT, snapshot
from tests.sections.workforce.conftest import Quick, write_review_copy

HOURLY_RATE = 35.0
POSTS = 3
WORKBOOK = "workforce_2016-07-30.xlsx"
CASELOADS = "caseloads_2016-07-30.csv"


@pytest.fixture(scope="module")
def quick(tmp_path_factory) -> Quick:
    from pipelines.orchestrator import build_pack

    root = tmp_path_factory.mktemp("workforce-what-if")
    config = write_review_copy(root, agency_hourly_rate=HOURLY_RATE, posts_made_permanent=POSTS)
    q = Quick(root, config)
    build_pack(config, DEMO_MEETING, outputs_root=q.outputs, processed_root=q.processed)
    return q


def parameters(quick: Quick) -> dict:
    cfg = load_review(quick.config)
    return next(s.parameters for s in cfg.meeting(DEMO_MEETING).sections)


def test_hourly_rate_in_the_meeting_config_changes_the_cost_table(quick):
    p = parameters(quick)
    agency = p["agency_hourly_rate"] * p["agency_hours_per_week"] * p["agency_weeks_per_year"]
    for service in ("Children's Social Care", "Adult Social Care"):
        costs = quick.table(f"cost_per_post_{service}")["Cost for one year (£)"].tolist()
        assert costs[1] == agency
        assert costs[2] == agency - costs[0]
    assert (
        quick.table("cost_per_post_Children's Social Care")["Grade or rate"].iloc[1]
        == f"£{HOURLY_RATE:g} an hour"
    )
    premium = quick.table("agency_premium")
    assert set(premium["Agency cost per FTE (£)"].dropna()) == {agency}


def test_posts_made_permanent_in_the_meeting_config_changes_the_savings(quick):
    savings = quick.table("conversion_savings")
    assert set(savings["Agency posts made permanent"]) == {POSTS}
    assert (savings["Saving a year (£)"] == POSTS * savings["Reduction per post (£)"]).all()
    html = (quick.folder / "annex.html").read_text(encoding="utf-8")
    assert f"Saving a year if {POSTS} agency posts were made permanent" in html
    assert f"agency at £{HOURLY_RATE:g} an hour" in html


def test_supplement_model_follows_the_hourly_rate(quick):
    import pandas as pd

    p = parameters(quick)
    agency = p["agency_hourly_rate"] * p["agency_hours_per_week"] * p["agency_weeks_per_year"]
    pay = pd.read_parquet(quick.processed / DEMO_REVIEW / "pay_rates.parquet")
    post = p["supplement_change"]
    row = pay[
        (pay["service"] == post["service"])
        & (pay["job_title"] == post["job_title"])
        & (pay["grade"] == post["grade"])
    ].iloc[0]
    model = quick.table("supplement_breakeven")
    assert model["Extra agency cost (£)"].iloc[1] == agency - (
        row["annual_cost"] - row["market_supplement"]
    )


# --- Bad inputs ----------------------------------------------------------------------------


def set_snapshot_cell(raw: Path, job_title: str, team: str, column: str, value) -> int:
    """Change one cell of the Establishment sheet; return its Excel row."""
    path = raw / WORKBOOK
    wb = openpyxl.load_workbook(path)
    ws = wb["Establishment"]
    header = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if (
            row[header.index("Job Title")].value == job_title
            and row[header.index("Team")].value == team
        ):
            row[header.index(column)].value = value
            wb.save(path)
            return row[0].row
    raise KeyError((job_title, team))


def snapshot_value(raw: Path, excel_row: int, column: str):
    ws = openpyxl.load_workbook(raw / WORKBOOK)["Establishment"]
    header = [c.value for c in ws[1]]
    return ws.cell(excel_row, header.index(column) + 1).value


def run_build(quick: Quick, raw: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pipelines",
            "build",
            str(quick.config),
            "--meeting",
            DEMO_MEETING,
            "--raw-dir",
            str(raw),
            "--outputs",
            str(quick.outputs),
            "--processed",
            str(quick.processed),
            "--quiet",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def assert_stopped(result, quick, before, *expected):
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "Nothing in outputs/ or data/processed/ was changed" in result.stderr
    for text in expected:
        assert text in result.stderr, result.stderr
    assert (snapshot(quick.outputs), snapshot(quick.processed)) == before


def test_negative_fte_names_file_row_and_column(quick, raw):
    before = snapshot(quick.outputs), snapshot(quick.processed)
    row = set_snapshot_cell(raw, "Social Worker", "MASH", "Permanent FTE", -1)
    result = run_build(quick, raw)
    assert_stopped(
        result,
        quick,
        before,
        "The permanent FTE is negative.",
        WORKBOOK,
        '(sheet "Establishment")',
        f"row:      {row}",
        "column:   Permanent FTE",
        "found:    -1",
    )


def test_agency_fte_above_establishment_names_file_row_and_column(quick, raw):
    before = snapshot(quick.outputs), snapshot(quick.processed)
    row = set_snapshot_cell(raw, "Senior Practitioner", "Leaving Care", "Agency FTE", 9)
    establishment = snapshot_value(raw, row, "Establishment FTE")
    result = run_build(quick, raw)
    assert_stopped(
        result,
        quick,
        before,
        "The agency FTE is above the establishment FTE.",
        WORKBOOK,
        f"row:      {row}",
        "column:   Agency FTE",
        f"Agency FTE 9, Establishment FTE {establishment:g}",
    )


def test_grade_missing_from_the_pay_table_names_file_row_and_column(quick, raw):
    before = snapshot(quick.outputs), snapshot(quick.processed)
    row = set_snapshot_cell(raw, "Team Manager", "MASH", "Grade", "M9")
    lines = (raw / CASELOADS).read_text(encoding="utf-8").splitlines()
    cells = lines[9].split(",")
    cells[4] = "M6"
    lines[9] = ",".join(cells)
    (raw / CASELOADS).write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_build(quick, raw)
    assert_stopped(
        result,
        quick,
        before,
        "The grade is not in the pay table.",
        WORKBOOK,
        f"row:      {row}",
        "column:   Grade",
        "found:    M9",
        CASELOADS,
        "row:      10",
        "found:    M6",
        "add the grade's pay rates to the pay table",
    )
