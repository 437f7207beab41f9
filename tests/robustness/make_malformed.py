"""Write the malformed exports in ``malformed/`` from the synthetic demo exports.

Each file is a demo export with one thing wrong, as officers' exports go wrong; ``cases.yml``
says which dataset it stands for and what the officer's message must say. Run
``python tests/robustness/make_malformed.py`` to regenerate (deterministic).
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "raw" / "demo" / "luton-sw-2016"
OUT = Path(__file__).resolve().parent / "malformed"
LEAVERS = DEMO / "leavers_itrent_2015-16.csv"
EXIT = DEMO / "exit_interviews_2015-16.xlsx"
ESTABLISHMENT = DEMO / "establishment_2016-08.csv"


def rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def write(name: str, table: list[list[str]]) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(table)
    (OUT / name).write_text(buf.getvalue(), encoding="utf-8")


def set_cell(table, excel_row: int, column: str, value: str):
    table = [list(r) for r in table]
    table[excel_row - 1][table[0].index(column)] = value
    return table


def drop_column(table, column: str):
    i = table[0].index(column)
    return [r[:i] + r[i + 1 :] for r in table]


def workbook_with(name: str, change) -> None:
    wb = openpyxl.load_workbook(EXIT)
    change(wb)
    wb.save(OUT / name)


def exit_cell(row: int, header: str, value):
    def change(wb):
        ws = wb["Exit interviews"]
        heads = [c.value for c in ws[1]]
        ws.cell(row=row, column=heads.index(header) + 1).value = value

    return change


def main() -> None:
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir()
    lv, est = rows(LEAVERS), rows(ESTABLISHMENT)
    write("leavers_missing_reason_column.csv", drop_column(lv, "Leaving Reason"))
    write("leavers_missing_two_columns.csv", drop_column(drop_column(lv, "FTE"), "Team"))
    write("leavers_unknown_service.csv", set_cell(lv, 6, "Service Area", "Housing Services"))
    write("leavers_blank_service.csv", set_cell(lv, 9, "Service Area", ""))
    write("leavers_unknown_reason.csv", set_cell(lv, 10, "Leaving Reason", "Won the lottery"))
    write("leavers_unknown_job_title.csv", set_cell(lv, 11, "Job Title", "Chief Wizard"))
    write("leavers_impossible_date.csv", set_cell(lv, 7, "Leaving Date", "31/13/2016"))
    write("leavers_text_date.csv", set_cell(lv, 8, "Continuous Service Date", "last spring"))
    write("leavers_blank_start_date.csv", set_cell(lv, 12, "Continuous Service Date", ""))
    write(
        "leavers_leave_before_start.csv",
        set_cell(
            set_cell(lv, 13, "Continuous Service Date", "01/06/2016"),
            13,
            "Leaving Date",
            "01/01/2016",
        ),
    )
    write("leavers_future_leaving_date.csv", set_cell(lv, 14, "Leaving Date", "31/12/2099"))
    write(
        "leavers_start_before_1960.csv", set_cell(lv, 15, "Continuous Service Date", "01/01/1955")
    )
    write("leavers_fte_as_words.csv", set_cell(lv, 16, "FTE", "full time"))
    write("leavers_fte_above_one.csv", set_cell(lv, 17, "FTE", "1.5"))
    write("leavers_fte_zero.csv", set_cell(lv, 18, "FTE", "0"))
    write("leavers_same_ref_twice.csv", set_cell(lv, 22, "Employee Ref", lv[20][0]))
    write(
        "leavers_two_problems.csv",
        set_cell(set_cell(lv, 4, "Service Area", "Housing"), 11, "Leaving Date", "31/02/2016"),
    )
    write("leavers_header_only.csv", lv[:1])
    (OUT / "leavers_empty.csv").write_text("", encoding="utf-8")
    (OUT / "leavers_wrong_format.ods").write_bytes(b"PK\x03\x04 not a spreadsheet we read")
    write("leavers_unrelated_file.csv", [["Budget line", "Amount"], ["Stationery", "120"]])
    write("establishment_negative_posts.csv", set_cell(est, 3, "Posts", "-12"))
    write("establishment_posts_in_words.csv", set_cell(est, 2, "Posts", "fifty two"))
    write("establishment_duplicate_line.csv", est + [est[1]])
    write("establishment_unknown_service.csv", set_cell(est, 4, "Service", "Public Health"))
    write("establishment_unknown_profession.csv", set_cell(est, 5, "Profession", "Nursing"))
    workbook_with("exit_unknown_rating.xlsx", exit_cell(4, "Teamwork", "Brilliant"))
    workbook_with(
        "exit_unknown_answer.xlsx", exit_cell(5, "Would you consider returning to LBC?", "Maybe")
    )
    workbook_with("exit_duplicate_form_number.xlsx", exit_cell(6, "Form No", "EX-2015-001"))
    workbook_with("exit_unknown_profession.xlsx", exit_cell(7, "Profession", "Nursing"))
    workbook_with("exit_future_date_received.xlsx", exit_cell(3, "Date Received", "2099-01-01"))

    def rename_sheet(wb):
        wb["Exit interviews"].title = "Sheet1"

    workbook_with("exit_wrong_sheet_name.xlsx", rename_sheet)

    def drop_aspect(wb):
        ws = wb["Exit interviews"]
        heads = [c.value for c in ws[1]]
        ws.delete_cols(heads.index("Induction") + 1)

    workbook_with("exit_missing_aspect.xlsx", drop_aspect)


if __name__ == "__main__":
    main()
