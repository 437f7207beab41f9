"""A warn-level export builds, and its warning is shown in the console, in the data-quality
appendix and beside the figure it affects (issue 13).

The malformed exports: an agency worker rate above the review's ceiling (workforce snapshot
with permanent FTE missing from adults' posts) and an exit-interview form received long after
the review period.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from pipelines.core.cleaning import clean_review
from pipelines.core.config import Plausibility, load_review
from pipelines.core.presentation import Page
from pipelines.core.validation_summary import ROWS_USED
from pipelines.sections.workforce.analysis import fte_by_service
from tests.conftest import DEMO_REVIEW
from tests.e2e.test_bad_inputs import build_cli

WORKFORCE = "workforce_2016-07-30.xlsx"
EXIT_FORMS = "exit_interviews_2015-16.xlsx"
ADULTS = "Adult Social Care"


@pytest.fixture
def built(built, tmp_path):
    """A private copy of the shared demo pack, to build into."""
    return built.copy(tmp_path / "pack")


def spoil(raw: Path) -> None:
    """Take 12 permanent FTE off adults' posts; move one form's date received to June 2017.

    The posts become vacant (vacant FTE = establishment - permanent still holds on each row,
    which is checked and would stop the build otherwise).
    """
    book = openpyxl.load_workbook(raw / WORKFORCE)
    sheet = book["Establishment"]
    header = [c.value for c in sheet[1]]
    service, permanent = header.index("Service"), header.index("Permanent FTE")
    vacant = header.index("Vacant FTE")
    taken = 0.0
    for row in sheet.iter_rows(min_row=2):
        label = str(row[service].value or "").casefold()
        if taken < 12 and ("adult" in label or label == "asc") and (row[permanent].value or 0) > 0:
            taken += float(row[permanent].value)
            row[vacant].value = float(row[vacant].value or 0) + float(row[permanent].value)
            row[permanent].value = 0
    book.save(raw / WORKFORCE)
    book = openpyxl.load_workbook(raw / EXIT_FORMS)
    sheet = book["Exit interviews"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=header.index("Date Received") + 1).value = dt.datetime(2017, 6, 1)
    book.save(raw / EXIT_FORMS)


def text_of(page: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


@pytest.mark.slow
def test_a_warn_level_export_builds_and_the_warning_is_in_the_console_appendix_and_figure(
    raw, built
):
    spoil(raw)
    cfg = load_review(DEMO_REVIEW)
    frames = clean_review(raw, cfg.datasets).frames
    rates = fte_by_service(frames["workforce_snapshot"]).set_index("service")
    rate = rates.loc[ADULTS, "agency_rate_percent"]
    ceiling = Plausibility().agency_rate.percent
    assert ceiling < rate <= 100, "the spoilt export must be above the ceiling, below 100%"
    agency = (
        f"The agency worker rate of {ADULTS} ({rate:.1f}%) is above the review's ceiling "
        f"of {ceiling:g}%"
    )
    late = "An exit-interview form was received long after the review period"

    result = build_cli(raw, built)

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    # The console: each warning, the figures it affects and the file to check.
    assert f"Warning: Workforce snapshot: {agency}" in result.stderr
    assert "Figures affected: Workforce and costs: the agency worker and vacancy rates" in (
        result.stderr
    )
    assert f'file:     {raw / WORKFORCE} (sheet "Establishment")' in result.stderr or (
        f'{WORKFORCE} (sheet "Establishment")' in result.stderr
    )
    assert f"Warning: Exit interviews: {late}" in result.stderr
    assert "Found: 01/06/2017" in result.stderr

    page = (built.folder / "annex.html").read_text(encoding="utf-8")
    text = text_of(page)
    # The appendix lists each warning with the figures it affects.
    appendix = text[text.rindex("Data quality") :]
    assert agency in appendix and late in appendix
    assert "Figures affected: Leavers and exit interviews: the exit-interview return rate" in (
        appendix
    )
    # Each affected table carries the warning where it is shown.
    for table, warning in (("agency-rates", agency), ("exit-return-rate", late)):
        start = page.index(f'--tbl-{table}"')  # ids are prefixed with the section
        after = text_of(page[start : start + 20000])
        note = after[after.index("Data-quality warning") :][:600]
        assert warning in note, (table, after[:2000])
    unaffected = page.index('--tbl-turnover"')
    assert "Data-quality warning" not in text_of(page[unaffected : unaffected + 3000])

    # The rows table of the appendix adds up.
    rows = pd.read_csv(built.folder / "tables" / "90_data_quality__rows.csv")
    reasons = [c for c in rows.columns if c not in ("Dataset", "Rows read", ROWS_USED)]
    assert (rows["Rows read"] == rows[ROWS_USED] + rows[reasons].sum(axis=1)).all()
    assert len(rows) == len(cfg.datasets)


class _Ctx:
    def __init__(self, folder: Path):
        self.processed_dir = folder
        self.policy = None


def test_a_table_named_by_a_failing_warning_gets_a_note(tmp_path, monkeypatch):
    (tmp_path / "validation.json").write_text(
        '{"results": [{"dataset": "workforce_snapshot", "check": "c", "severity": "warning",'
        ' "success": false, "what": "The agency worker rate is high.", "found": [], "rows": [],'
        ' "affects": "Workforce and costs", "tables": ["agency_rates"]},'
        ' {"dataset": "leavers", "check": "d", "severity": "warning", "success": true,'
        ' "tables": ["turnover"]}]}',
        encoding="utf-8",
    )
    notes: list[tuple[str, str]] = []
    page = Page(_Ctx(tmp_path))
    monkeypatch.setattr(page, "show_note", lambda text, title="Note": notes.append((title, text)))
    page.flag_warnings("agency_rates")
    page.flag_warnings("turnover")
    page.flag_warnings(None)
    assert notes == [
        (
            "Data-quality warning",
            "Workforce snapshot: The agency worker rate is high. Figures affected: Workforce and "
            "costs. See the warnings in the data-quality appendix.",
        )
    ]


def test_no_validation_results_no_note(tmp_path, monkeypatch):
    page = Page(_Ctx(tmp_path))
    monkeypatch.setattr(page, "show_note", lambda *a, **k: pytest.fail("no note expected"))
    page.flag_warnings("agency_rates")
