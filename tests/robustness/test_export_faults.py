"""Export faults real systems make, caught by the readers (issue 26, items 3 and 5).

Every workbook and CSV here is built in the test with openpyxl or by hand: hidden rows and
sheets (read, and said so), Excel's 1904 date system, merged cells, formulas whose results were
never saved, named pipes and folders where an export should be, very long cells and invisible
characters in what the officer is shown.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from pipelines.core import sources
from pipelines.core.cleaning import CleaningLog, clean_review
from pipelines.core.config import Dataset, load_review
from pipelines.core.errors import InputError, Problem, excerpt, is_invisible, show_invisible
from pipelines.core.export_files import check_raw_folder
from pipelines.core.sources import CELL_CHARS_LIMIT, read_export
from pipelines.datasets.leavers.clean import clean_leavers
from tests.conftest import DEMO_REVIEW

HEADER = [
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


@pytest.fixture(autouse=True)
def demo_mappings():
    """The demo review's label mappings (its leaving reasons), as a build of it would use."""
    load_review(DEMO_REVIEW)


def leaver(i: int, leaving: object = "31/03/2016") -> list:
    """One made-up leaver: a social worker of Adult Social Care who resigned."""
    return [
        f"E{1000 + i}",
        "Adult Social Care",
        f"Team {i % 3}",
        "Social Worker",
        "M1",
        1,
        "05/05/2010",
        leaving,
        "Resignation - Self Employment",
    ]


def workbook(rows: list[list], path: Path, *, sheet: str = "Leavers", epoch=None) -> tuple:
    """A workbook whose sheet ``sheet`` holds HEADER then ``rows``; returns (workbook, sheet)."""
    wb = openpyxl.Workbook()
    if epoch is not None:
        wb.epoch = epoch
    ws = wb.active
    ws.title = sheet
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    return wb, ws


def leavers_dataset(path: Path, sheet: str | None = "Leavers") -> dict:
    return {"leavers": Dataset(file=path.name, sheet=sheet, source="HR", description="leavers")}


# --- hidden rows and sheets: read, and said so ---


def test_hidden_rows_are_read_counted_and_named_in_a_warning(tmp_path):
    path = tmp_path / "leavers.xlsx"
    wb, ws = workbook([leaver(i) for i in range(6)], path)
    for excel_row in (3, 4, 6):  # the 2nd, 3rd and 5th leavers
        ws.row_dimensions[excel_row].hidden = True
    wb.save(path)

    raw = read_export(path, "leavers", sheet="Leavers", raw_dir=tmp_path)
    assert len(raw.data) == 6  # hidden rows are read like the others
    assert raw.hidden_rows == [3, 4, 6]
    (warning,) = raw.warnings
    text = warning.render()
    assert "3 rows of the leavers export are hidden in Excel" in text
    assert "counted them like the others" in text
    assert "leavers.xlsx" in text and 'sheet "Leavers"' in text
    assert "hidden rows: 3-4, 6" in text and "row:      3" in text
    assert "delete them from the export" in text

    result = clean_review(tmp_path, leavers_dataset(path))
    assert result.warnings == [warning]
    assert len(result.frames["leavers"]) == 6
    log = result.log.to_frame()
    hidden = log[log["What was fixed"].str.contains("hidden in Excel")]
    assert hidden["Rows affected"].tolist() == [3]


def test_hidden_rows_warn_by_default_and_can_stop_the_build(tmp_path):
    """``plausibility: checks: hidden_rows``: warning (the reader's, as before) or critical."""
    from pipelines.core.validation_checks import meaning_checks
    from pipelines.core.validation_report import CRITICAL, ValidationReport

    path = tmp_path / "leavers.xlsx"
    wb, ws = workbook([leaver(i) for i in range(6)], path)
    for excel_row in (3, 4, 6):
        ws.row_dimensions[excel_row].hidden = True
    wb.save(path)
    result = clean_review(tmp_path, leavers_dataset(path))
    frames = result.frames

    def hidden(severity: str | None) -> list:
        settings = {"checks": {"hidden_rows": severity}} if severity else {}
        return [r for r in meaning_checks(frames, settings) if "hidden" in r.check]

    # Default and warning: the reader's warning alone, once (printed and in the appendix).
    assert hidden(None) == [] and hidden("warning") == []
    assert len(result.warnings) == 1
    [stop] = hidden("critical")
    assert stop.severity == CRITICAL and stop.rows == [3, 4, 6]
    text = "\n".join(p.render() for p in ValidationReport(results=[stop]).critical_problems(frames))
    assert "Rows of the export are hidden in Excel" in text
    assert "leavers.xlsx" in text and "row:      3" in text
    assert "delete them from the export" in text
    assert "plausibility: checks: hidden_rows: warning" in text


def test_a_blank_hidden_row_is_not_worth_a_warning(tmp_path):
    path = tmp_path / "leavers.xlsx"
    wb, ws = workbook([leaver(0), [None] * 9, leaver(1)], path)
    ws.row_dimensions[3].hidden = True
    wb.save(path)
    assert read_export(path, "leavers", sheet="Leavers").warnings == []


def test_a_hidden_sheet_read_is_said(tmp_path):
    path = tmp_path / "leavers.xlsx"
    wb, ws = workbook([leaver(i) for i in range(3)], path)
    wb.create_sheet("Notes")
    wb.active = 1
    ws.sheet_state = "hidden"
    wb.save(path)

    raw = read_export(path, "leavers", sheet="Leavers")
    assert len(raw.data) == 3
    (warning,) = raw.warnings
    text = warning.render()
    assert 'The sheet "Leavers" the pack read is hidden in Excel' in text
    assert 'hidden sheets: "Leavers"' in text and "leavers.xlsx" in text


def test_hidden_sheets_not_read_are_listed_too(tmp_path):
    path = tmp_path / "leavers.xlsx"
    wb, _ws = workbook([leaver(0)], path)
    wb.create_sheet("Old extract").sheet_state = "veryHidden"
    wb.save(path)
    (warning,) = read_export(path, "leavers", sheet="Leavers").warnings
    assert 'the pack read only "Leavers", which is visible' in warning.what
    assert '"Old extract"' in warning.found


# --- the 1904 date system ---


def cleaned_leaving_dates(path: Path) -> list[dt.date]:
    raw = read_export(path, "leavers", sheet="Leavers")
    df, problems = clean_leavers(raw, CleaningLog())
    assert problems == []
    return [d.date() for d in df["leaving_date"]]


def test_date_numbers_of_a_1904_workbook_are_not_four_years_early(tmp_path):
    # 31 March 2016 is day 42460 counted from 30 December 1899 and day 40998 counted from
    # 1 January 1904 (1,462 days fewer); a workbook saved in the 1904 system stores 40998.
    path = tmp_path / "leavers.xlsx"
    wb, _ws = workbook([leaver(0, 40998), leaver(1, 40999)], path, epoch=CALENDAR_MAC_1904)
    wb.save(path)
    assert read_export(path, "leavers", sheet="Leavers").date1904 is True
    assert cleaned_leaving_dates(path) == [dt.date(2016, 3, 31), dt.date(2016, 4, 1)]

    usual = tmp_path / "usual.xlsx"
    wb, _ws = workbook([leaver(0, 42460)], usual)
    wb.save(usual)
    assert read_export(usual, "leavers", sheet="Leavers").date1904 is False
    assert cleaned_leaving_dates(usual) == [dt.date(2016, 3, 31)]


def test_formatted_dates_of_a_1904_workbook_keep_their_day(tmp_path):
    path = tmp_path / "leavers.xlsx"
    wb, _ws = workbook([leaver(0, dt.datetime(2016, 3, 31))], path, epoch=CALENDAR_MAC_1904)
    wb.save(path)
    assert cleaned_leaving_dates(path) == [dt.date(2016, 3, 31)]


def test_the_1904_date_system_is_logged(tmp_path):
    path = tmp_path / "leavers.xlsx"
    wb, _ws = workbook([leaver(0, 40998)], path, epoch=CALENDAR_MAC_1904)
    wb.save(path)
    result = clean_review(tmp_path, leavers_dataset(path))
    assert result.frames["leavers"]["leaving_date"].iloc[0] == pd.Timestamp(2016, 3, 31)
    assert any("1904 date system" in fix for fix in result.log.to_frame()["What was fixed"])


# --- merged cells and formulas without saved results ---


def test_merged_cells_are_named_as_merged_not_as_blanks(tmp_path):
    path = tmp_path / "leavers.xlsx"
    wb, ws = workbook([leaver(i) for i in range(5)], path)
    ws.merge_cells("C3:C5")  # one team written once for three leavers
    wb.save(path)

    with pytest.raises(InputError) as caught:
        read_export(path, "leavers", sheet="Leavers")
    (problem,) = caught.value.problems
    text = problem.render()
    assert "merged" in problem.what and "blank" not in (problem.hint or "")
    assert "leavers.xlsx" in text and 'sheet "Leavers"' in text
    assert problem.row == 4 and problem.column == 'C "Team"'
    assert problem.found == "cells C3:C5 merged"
    assert "unmerge" in problem.hint and "save the file" in problem.hint


def test_merged_title_cells_above_the_header_are_fine(tmp_path):
    path = tmp_path / "leavers.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Leavers"
    ws.append(["Leavers 2015-16"])
    ws.merge_cells("A1:I1")
    ws.append(HEADER)
    ws.append(leaver(0))
    wb.save(path)
    raw = read_export(path, "leavers", sheet="Leavers")
    assert raw.header_row == 2 and len(raw.data) == 1


def test_formulas_without_saved_results_say_to_save_again_in_excel(tmp_path):
    # openpyxl, like many report writers, saves formulas without their results.
    path = tmp_path / "leavers.xlsx"
    rows = [leaver(i) for i in range(4)]
    rows[1][5] = "=0.5*2"  # FTE of the leaver in Excel row 3
    rows[3][5] = "=F2"  # row 5
    wb, _ws = workbook(rows, path)
    wb.save(path)

    with pytest.raises(InputError) as caught:
        read_export(path, "leavers", sheet="Leavers")
    (problem,) = caught.value.problems
    text = problem.render()
    assert "formulas whose results were never saved" in problem.what
    assert "not blanks to fill in" in problem.what
    assert problem.row == 3 and problem.column == 'F "FTE"'
    assert "rows 3, 5" in problem.found and "=0.5*2" in problem.found
    assert "Open the file in Excel and save it again" in text
    assert "leavers.xlsx" in text


def test_a_formula_in_a_column_the_pack_does_not_read_is_left_alone(tmp_path):
    path = tmp_path / "leavers.xlsx"
    wb, ws = workbook([leaver(0), leaver(1)], path)
    ws["J1"] = "Check"
    ws["J2"] = "=F2*2"
    wb.save(path)
    assert len(read_export(path, "leavers", sheet="Leavers").data) == 2


# --- not a regular file: refused at once, never opened ---


def finishes(call, seconds: float = 20) -> object:
    """``call()``'s result or exception, failing the test if it has not returned in ``seconds``."""
    out: dict = {}

    def run():
        try:
            out["value"] = call()
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            out["error"] = exc

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), "the reader is waiting on the named pipe"
    return out.get("error", out.get("value"))


def test_a_named_pipe_as_an_export_is_refused_without_waiting(tmp_path):
    os.mkfifo(tmp_path / "leavers.csv")
    error = finishes(lambda: read_export(tmp_path / "leavers.csv", "leavers", raw_dir=tmp_path))
    assert isinstance(error, InputError)
    text = error.render()
    assert "The leavers export is not a file the pack can read: it is a named pipe" in text
    assert "leavers.csv" in text and "Put the file itself" in text


def test_a_named_pipe_anywhere_in_the_raw_folder_is_refused(tmp_path):
    (tmp_path / "leavers.csv").write_text(",".join(HEADER) + "\n", encoding="utf-8")
    (tmp_path / "extracts").mkdir()
    os.mkfifo(tmp_path / "extracts" / "stream")
    error = finishes(lambda: check_raw_folder(tmp_path))
    assert isinstance(error, InputError)
    (problem,) = error.problems
    assert problem.found == "a named pipe (FIFO)" and problem.file.endswith("extracts/stream")
    assert problem.what.startswith("An entry of the raw data folder is not a file")


def test_a_folder_where_an_export_is_expected_is_refused(tmp_path):
    (tmp_path / "leavers.csv").mkdir()
    with pytest.raises(InputError, match="it is a folder"):
        read_export(tmp_path / "leavers.csv", "leavers", raw_dir=tmp_path)
    with pytest.raises(InputError, match="SWOT entries file is not a file"):
        check_raw_folder(tmp_path, [("SWOT entries file", "leavers.csv")])


def test_clean_review_refuses_a_named_pipe_export_at_once(tmp_path):
    os.mkfifo(tmp_path / "leavers.csv")
    error = finishes(lambda: clean_review(tmp_path, leavers_dataset(tmp_path / "leavers.csv")))
    assert isinstance(error, InputError) and "named pipe" in error.render()


# --- very long cells ---


def csv_text(rows: list[list]) -> str:
    def cell(v):
        text = str(v)
        return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\n') else text

    return "\n".join(",".join(cell(v) for v in r) for r in rows) + "\n"


def test_a_200_kb_comment_is_read(tmp_path):
    comment = ("I left because the caseload was too high, and nobody listened. " * 3200)[:200_000]
    path = tmp_path / "leavers.csv"
    path.write_text(
        csv_text([[*HEADER, "Comments"], leaver(0) + ["ok"], leaver(1) + [comment]]),
        encoding="utf-8",
    )
    raw = read_export(path, "leavers")
    assert raw.data["Comments"].tolist() == ["ok", comment]
    assert len(raw.data["Comments"].iloc[1]) == 200_000


def test_a_cell_above_the_ceiling_names_its_row(tmp_path):
    path = tmp_path / "leavers.csv"
    huge = "x" * (CELL_CHARS_LIMIT + 10)
    path.write_text(
        csv_text([[*HEADER, "Comments"], leaver(0) + ["ok"], leaver(1) + [huge], leaver(2)]),
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        read_export(path, "leavers")
    (problem,) = caught.value.problems
    assert problem.row == 3  # the header is row 1, the long cell in the second leaver's row
    text = problem.render()
    assert "longer than the pack can read" in text and "leavers.csv" in text
    assert f"{CELL_CHARS_LIMIT:,} characters" in text and "shorten that cell" in text
    assert len(text) < 2000


def test_the_ceiling_counts_characters_per_cell(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "CELL_CHARS_LIMIT", 50)
    path = tmp_path / "leavers.csv"
    path.write_text(
        csv_text([HEADER, leaver(0), leaver(1), [*leaver(2)[:8], "r" * 60]]), encoding="utf-8"
    )
    with pytest.raises(InputError) as caught:
        read_export(path, "leavers")
    assert caught.value.problems[0].row == 4


# --- invisible characters shown escaped ---


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Adult\u200b Social Care", "Adult\\u200b Social Care"),
        ("Team\u00a0A", "Team\\u00a0A"),
        ("\ufeffService", "\\ufeffService"),
        ("Leaving\u2060Date", "Leaving\\u2060Date"),
        ("Bell\x07", "Bell\\u0007"),
        ("Équipe Sud – Nord", "Équipe Sud – Nord"),
        ("Adult Social Care", "Adult Social Care"),
    ],
)
def test_invisible_characters_are_escaped_in_messages(text, shown):
    assert excerpt(text) == shown
    assert show_invisible(text) == shown
    rendered = Problem("A label is unknown.", "f.csv", found=f'"{text}"', expected=text).render()
    assert f'found:    "{shown}"' in rendered and f"expected: {shown}" in rendered


def test_a_zero_width_space_in_a_header_is_shown_in_the_missing_column_message(tmp_path):
    path = tmp_path / "leavers.csv"
    header = [h if h != "Leaving Date" else "Leaving\u200b Date" for h in HEADER]
    path.write_text(csv_text([header, leaver(0)]), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_export(path, "leavers")
    text = caught.value.render()
    assert "Leaving\\u200b Date" in text and "\u200b" not in text


@given(st.text(max_size=200))
def test_no_message_ever_holds_an_invisible_character(text):
    """Whatever a cell holds, the excerpt and the rendered problem show every character."""
    short = excerpt(text)
    assert len(short) <= 60
    assert not any(is_invisible(c) for c in short)
    rendered = Problem(f"Label {text!s} unknown.", "f.csv", found=text, expected=text).render()
    assert not any(is_invisible(c) for c in rendered.replace("\n", ""))


@given(st.text(alphabet=st.characters(categories=("L", "N", "P", "S")), max_size=80))
def test_visible_text_is_shown_as_it_is(text):
    assert show_invisible(text) == text
