"""The layouts officers really send give the same tidy data as the demo export."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from pipelines.core.cleaning import CleaningLog
from pipelines.core.sources import read_export
from pipelines.datasets.leavers.clean import clean_leavers
from tests.conftest import DEMO_REVIEW, ROOT

DEMO = ROOT / "data" / "raw" / "demo" / DEMO_REVIEW / "leavers_itrent_2015-16.csv"
TIDY = [
    "employee_ref",
    "service",
    "team",
    "job_title",
    "role",
    "profession",
    "grade",
    "fte",
    "service_start_date",
    "leaving_date",
    "leaving_reason",
    "years_of_service",
]


def tidy(path, sheet=None) -> pd.DataFrame:
    df, problems = clean_leavers(read_export(path, "leavers", sheet=sheet), CleaningLog())
    assert problems == []
    return df[TIDY].reset_index(drop=True)


@pytest.fixture(scope="module")
def original() -> pd.DataFrame:
    return tidy(DEMO)


def test_cp1252_semicolon_csv_gives_the_same_tidy_data(tmp_path, original):
    raw = pd.read_csv(DEMO, dtype=str, keep_default_na=False)
    raw["Team"] = raw["Team"]  # same content, new encoding and separator
    path = tmp_path / "leavers.csv"
    path.write_bytes(raw.to_csv(sep=";", index=False).encode("cp1252"))
    pd.testing.assert_frame_equal(tidy(path), original)


def test_xlsx_with_title_rows_excel_dates_and_blank_columns_gives_the_same_tidy_data(
    tmp_path, original
):
    raw = pd.read_csv(DEMO, dtype=str, keep_default_na=False)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Leavers"
    ws.append(["Luton Borough Council - i-Trent report: leavers"])
    ws.append(["Run 01/09/2016 by HR Services"])
    ws.append([])
    ws.append([*raw.columns, None, None])
    for _, row in raw.iterrows():
        cells = list(row)
        for col in ("Continuous Service Date", "Leaving Date"):
            i = list(raw.columns).index(col)
            text = cells[i]
            if text:
                cells[i] = (
                    pd.to_datetime(text, format="%d/%m/%Y")
                    if "/" in text
                    else pd.to_datetime(text, format="%Y-%m-%d")
                ).to_pydatetime()
        fte = list(raw.columns).index("FTE")
        cells[fte] = float(cells[fte]) if cells[fte] else None
        ws.append(cells)
    ws.append([])
    path = tmp_path / "leavers.xlsx"
    wb.save(path)
    got = tidy(path, sheet="Leavers")
    pd.testing.assert_frame_equal(got, original)
    assert read_export(path, "leavers", sheet="Leavers").header_row == 4


def test_title_rows_keep_excel_row_numbers_in_messages(tmp_path):
    text = DEMO.read_text(encoding="utf-8")
    lines = text.splitlines()
    lines[5] = lines[5].replace(lines[5].split(",")[1], "Housing", 1)
    path = tmp_path / "leavers.csv"
    path.write_text("Leavers report\nRun by HR\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    _, problems = clean_leavers(read_export(path, "leavers"), CleaningLog())
    assert [p.row for p in problems] == [6 + 3]


def test_utf8_bom_and_tab_separated_export_is_read(tmp_path, original):
    raw = pd.read_csv(DEMO, dtype=str, keep_default_na=False)
    path = tmp_path / "leavers.txt"
    path.write_bytes(b"\xef\xbb\xbf" + raw.to_csv(sep="\t", index=False).encode("utf-8"))
    pd.testing.assert_frame_equal(tidy(path), original)


def test_excel_serial_dates_in_a_csv_are_read(tmp_path, original):
    raw = pd.read_csv(DEMO, dtype=str, keep_default_na=False)
    for col in ("Leaving Date",):
        dates = pd.to_datetime(raw[col], format="mixed", dayfirst=True, errors="coerce")
        iso = raw[col].str.match(r"\d{4}-")
        dates[iso] = pd.to_datetime(raw.loc[iso, col], format="%Y-%m-%d")
        serial = (dates - pd.Timestamp("1899-12-30")).dt.days
        raw[col] = [
            str(int(s)) if pd.notna(s) else v for s, v in zip(serial, raw[col], strict=True)
        ]
    path = tmp_path / "leavers.csv"
    path.write_text(raw.to_csv(index=False), encoding="utf-8")
    pd.testing.assert_frame_equal(tidy(path), original)


def test_cleaning_is_idempotent(tmp_path, original):
    back = original.rename(
        columns={
            "employee_ref": "Employee Ref",
            "service": "Service Area",
            "team": "Team",
            "job_title": "Job Title",
            "grade": "Grade",
            "fte": "FTE",
            "service_start_date": "Continuous Service Date",
            "leaving_date": "Leaving Date",
            "leaving_reason": "Leaving Reason",
        }
    )
    cols = [
        "Employee Ref",
        "Service Area",
        "Team",
        "Job Title",
        "Grade",
        "FTE",
        "Continuous Service Date",
        "Leaving Date",
        "Leaving Reason",
    ]
    buf = io.StringIO()
    back[cols].to_csv(buf, index=False, date_format="%Y-%m-%d")
    path = tmp_path / "leavers.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    pd.testing.assert_frame_equal(tidy(path), original)
