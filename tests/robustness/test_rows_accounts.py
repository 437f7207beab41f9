"""Rows read = rows left out by reason + rows used, for every export (issue 13).

The data-quality appendix's rows table must account for every row of every export: blank and
totals rows and exact duplicates left out by cleaning, leavers outside the review period kept in
the tidy data but not counted, and the rows the pack uses.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipelines import steps
from pipelines.core.cleaning import (
    BLANK_ROWS,
    EXACT_DUPLICATES,
    OTHER_CLEANING,
    TOTALS_ROWS,
    clean_review,
    row_accounts,
)
from pipelines.core.config import load_review
from pipelines.core.validation_summary import ROWS_USED, rows_summary
from pipelines.datasets.leavers.plausibility import period_counts
from tests.conftest import DEMO_REVIEW

LEAVERS = "leavers_itrent_2015-16.csv"
BEFORE, AFTER = "Left before the review period", "Left after the review period"


def adds_up(accounts: dict) -> None:
    for key, account in accounts.items():
        assert account["read"] == account["used"] + sum(account["excluded"].values()), key
        assert all(n > 0 for n in account["excluded"].values()), key


def table_adds_up(table) -> None:
    reasons = [c for c in table.columns if c not in ("Dataset", "Rows read", ROWS_USED)]
    for _, row in table.iterrows():
        assert row["Rows read"] == row[ROWS_USED] + sum(row[r] for r in reasons), row["Dataset"]


@pytest.fixture(scope="module")
def cfg():
    return load_review(DEMO_REVIEW)


def test_every_demo_export_adds_up_by_reason(cfg, tmp_path):
    cleaned = clean_review(cfg.raw_path(), cfg.datasets)
    accounts = row_accounts(cleaned, steps.check_settings(cfg))
    assert set(accounts) == set(cfg.datasets)
    adds_up(accounts)
    for key, account in accounts.items():
        assert OTHER_CLEANING not in account["excluded"], key  # every left-out row has a reason
        assert account["read"] == cleaned.rows_read[key]
    # The leavers: what the cleaning log says was removed, and the section's period rule.
    log = {(e["dataset"], e["fix"]): e["rows"] for e in cleaned.log.entries}
    leavers = accounts["leavers"]
    assert leavers["excluded"].get(TOTALS_ROWS, 0) == log.get(("Leavers", "Totals row removed"), 0)
    assert leavers["excluded"].get(EXACT_DUPLICATES, 0) == log.get(
        ("Leavers", "Exact duplicate rows removed (kept the first)"), 0
    )
    n = period_counts(cleaned.frames["leavers"], cfg.period.start, cfg.period.end)
    assert leavers["used"] == n["in_period"]
    steps.write_processed(cleaned, tmp_path, settings=steps.check_settings(cfg))
    table = rows_summary(tmp_path)
    assert len(table) == len(cfg.datasets)
    table_adds_up(table)


def test_a_leavers_export_with_rows_to_leave_out_adds_up_by_reason(cfg, tmp_path):
    """Blank, totals and duplicate rows, and leavers outside the period, each counted."""
    raw = tmp_path / "raw"
    shutil.copytree(cfg.raw_path(), raw)
    path = raw / LEAVERS
    lines = path.read_text(encoding="utf-8").splitlines()
    header, first = lines[0], lines[1]
    leaver = "E00000{},Adult Social Care,Locality South,Social Worker,M1,1,05/05/2005,{},Retirement"
    before, after = leaver.format(1, "31/08/2015"), leaver.format(2, "01/09/2016")
    later = leaver.format(3, "14/02/2017")
    lines = [header, *lines[1:-1], ",,,,,,,,", first, before, after, later, ",,,,,,,,", lines[-1]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    original = row_accounts(clean_review(cfg.raw_path(), cfg.datasets), steps.check_settings(cfg))[
        "leavers"
    ]

    cleaned = clean_review(raw, cfg.datasets)
    accounts = row_accounts(cleaned, steps.check_settings(cfg))
    adds_up(accounts)
    leavers = accounts["leavers"]
    assert leavers["read"] == original["read"] + 6
    assert leavers["excluded"][BLANK_ROWS] == original["excluded"].get(BLANK_ROWS, 0) + 2
    assert (
        leavers["excluded"][EXACT_DUPLICATES] == original["excluded"].get(EXACT_DUPLICATES, 0) + 1
    )
    assert leavers["excluded"][BEFORE] == original["excluded"].get(BEFORE, 0) + 1
    assert leavers["excluded"][AFTER] == original["excluded"].get(AFTER, 0) + 2
    assert leavers["used"] == original["used"]

    steps.write_processed(cleaned, tmp_path / "processed", settings=steps.check_settings(cfg))
    table = rows_summary(tmp_path / "processed")
    table_adds_up(table)
    row = table.set_index("Dataset").loc["Leavers"]
    assert row[BEFORE] == leavers["excluded"][BEFORE] and row[AFTER] == leavers["excluded"][AFTER]
    assert row[ROWS_USED] == leavers["used"]


def test_without_the_review_settings_only_cleaning_is_itemised(cfg):
    cleaned = clean_review(cfg.raw_path(), cfg.datasets)
    accounts = row_accounts(cleaned)
    adds_up(accounts)
    assert accounts["leavers"]["used"] == len(cleaned.frames["leavers"])
    assert not any(BEFORE in a["excluded"] or AFTER in a["excluded"] for a in accounts.values())


def test_rows_a_cleaner_drops_without_a_reason_are_still_counted(cfg):
    cleaned = clean_review(cfg.raw_path(), cfg.datasets)
    cleaned.frames["establishment"] = cleaned.frames["establishment"].iloc[1:]
    accounts = row_accounts(cleaned)
    adds_up(accounts)
    assert accounts["establishment"]["excluded"][OTHER_CLEANING] == 1


def test_an_old_rows_file_still_makes_a_table(tmp_path: Path):
    (tmp_path / "rows.json").write_text('{"read": {"leavers": 3}, "kept": {"leavers": 2}}')
    table = rows_summary(tmp_path)
    assert list(table.columns) == ["Dataset", "Rows read", OTHER_CLEANING, ROWS_USED]
    table_adds_up(table)
