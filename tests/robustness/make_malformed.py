"""Write the malformed exports in ``malformed/`` from the synthetic demo exports.

Each file is a demo export with one thing wrong, as officers' exports go wrong; ``cases.yml``
says which dataset it stands for and what the officer's message must say. Run
``python tests/robustness/make_malformed.py`` to regenerate (deterministic).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "raw" / "demo" / "luton-sw-2016"
OUT = Path(__file__).resolve().parent / "malformed"
LEAVERS = DEMO / "leavers_itrent_2015-16.csv"
EXIT = DEMO / "exit_interviews_2015-16.xlsx"
ESTABLISHMENT = DEMO / "establishment_2016-08.csv"
WORKFORCE = DEMO / "workforce_2016-07-30.xlsx"
#: The HTML page of the attack report: every employee reference in a table, as a web system's
#: "export to Excel" writes it. A message must describe it, never quote it.
SECRET_REF = "E149269"


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


def write_bytes(name: str, data: bytes) -> None:
    (OUT / name).write_bytes(data)


def csv_text(table: list[list[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(table)
    return buf.getvalue()


def column_map(table, column: str, func):
    i = table[0].index(column)
    return [table[0]] + [r[:i] + [func(r[i])] + r[i + 1 :] for r in table[1:]]


def month_first(value: str) -> str:
    parts = value.split("/")
    return f"{parts[1]}/{parts[0]}/{parts[2]}" if len(parts) == 3 else value


def error_cell(ws, row: int, column: int, error: str) -> None:
    """Write a real spreadsheet error cell (what a broken formula leaves in an export)."""
    cell = ws.cell(row=row, column=column)
    cell.value = error
    cell.data_type = "e"


def workforce_with(name: str, change) -> None:
    wb = openpyxl.load_workbook(WORKFORCE)
    change(wb)
    wb.save(OUT / name)


def establishment_workbook(name: str, change) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Establishment"
    for r in rows(ESTABLISHMENT):
        ws.append([int(v) if v.isdigit() else v for v in r])
    change(ws)
    wb.save(OUT / name)


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
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():  # every export, never cases.yml
        if old.name != "cases.yml":
            old.unlink()
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
    new_cases(lv, est)


def new_cases(lv, est) -> None:
    """Issue 13: readers, cells and columns (each kind an attacker's export showed)."""
    # Readers: Unicode text, web pages, binary files, links.
    unicode_text = [list(r) for r in set_cell(lv, 6, "Service Area", "Housing Services")]
    write_bytes(
        "leavers_unicode_text_unknown_service.txt",
        b"\xff\xfe" + "\r\n".join("\t".join(r) for r in unicode_text).encode("utf-16-le"),
    )
    write_bytes(
        "leavers_utf16_no_bom_unknown_reason.csv",
        csv_text(set_cell(lv, 10, "Leaving Reason", "Won the lottery")).encode("utf-16-le"),
    )
    table = "".join(f"<tr><td>{r[0]}</td><td>{r[1]}</td></tr>" for r in lv)
    write_bytes(
        "leavers_web_page.csv",
        f"<!DOCTYPE html><html><head><title>iTrent</title></head><body><table>{table}"
        f"</table></body></html>".encode(),
    )
    write_bytes("leavers_web_page_no_doctype.csv", f"\n  <table>{table}</table>".encode())
    write_bytes("leavers_program.csv", b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 4)
    write_bytes("leavers_pdf.csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n")
    write_bytes("leavers_nul_bytes.csv", b"\x00" * 2048)
    write_bytes("leavers_random_bytes.csv", bytes((i * 7919) % 256 for i in range(4096)))
    write_bytes("leavers_png_image.csv", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    write_bytes("leavers_xml.csv", b'<?xml version="1.0"?><Workbook><Row/></Workbook>')
    write_bytes("exit_web_page.xlsx", f"<html><body><table>{table}</table></body></html>".encode())
    write_bytes("exit_program.xlsx", b"\x7fELF\x02\x01\x01" + bytes(range(256)))
    (OUT / "leavers_link_to_passwd.csv").symlink_to("/etc/passwd")
    # Long values are shown as a short excerpt.
    write("leavers_very_long_service.csv", set_cell(lv, 5, "Service Area", "Housing " * 200))
    # Duplicate headers: the wrong column would win silently.
    dup = [r + [r[8] if i == 0 else "Retirement"] for i, r in enumerate(lv)]
    write("leavers_leaving_reason_twice.csv", dup)
    syn = [r + ["Reason for leaving" if i == 0 else "Retirement"] for i, r in enumerate(lv)]
    write("leavers_two_reason_columns.csv", syn)
    # Error cells and blanks in required numbers (a blank or #REF! read as 0 changes a rate).
    for error, slug in (
        ("#REF!", "ref"),
        ("#N/A", "na"),
        ("#DIV/0!", "div0"),
        ("#VALUE!", "value"),
        ("#NAME?", "name"),
    ):
        write(f"leavers_fte_error_{slug}.csv", set_cell(lv, 16, "FTE", error))
    write("leavers_fte_blank.csv", set_cell(lv, 17, "FTE", ""))
    write("leavers_fte_nan_text.csv", set_cell(lv, 18, "FTE", "nan"))

    def agency_error(wb):
        ws = wb["Establishment"]
        heads = [c.value for c in ws[1]]
        error_cell(ws, 3, heads.index("Agency FTE") + 1, "#REF!")

    workforce_with("workforce_agency_fte_ref_error.xlsx", agency_error)

    def agency_blank(wb):
        ws = wb["Establishment"]
        heads = [c.value for c in ws[1]]
        ws.cell(row=4, column=heads.index("Agency FTE") + 1).value = None

    workforce_with("workforce_agency_fte_blank.xlsx", agency_blank)
    establishment_workbook(
        "establishment_posts_div0.xlsx", lambda ws: error_cell(ws, 4, 3, "#DIV/0!")
    )
    # Decimal comma against thousands separator, decided per column.
    write(
        "leavers_fte_comma_and_thousands.csv",
        set_cell(set_cell(lv, 3, "FTE", "0,5"), 5, "FTE", "1,000"),
    )
    write(
        "leavers_fte_both_styles.csv",
        set_cell(set_cell(lv, 3, "FTE", "1.000,00"), 5, "FTE", "1,000.00"),
    )

    def salaries_both_styles(wb):
        ws = wb["Pay rates"]
        heads = [c.value for c in ws[1]]
        ws.cell(row=2, column=heads.index("Salary") + 1).value = "£50.500,00"
        ws.cell(row=3, column=heads.index("Salary") + 1).value = "£38,500.00"

    workforce_with("pay_rates_salary_both_styles.xlsx", salaries_both_styles)
    # Day and month: decided for the whole column, never per cell.
    write(
        "leavers_dates_two_orders.csv",
        set_cell(set_cell(lv, 3, "Leaving Date", "13/01/2016"), 4, "Leaving Date", "01/14/2016"),
    )
    write("leavers_dates_us_order.csv", column_map(lv, "Leaving Date", month_first))
    # Plausibility: one leaver's exit form twice would double-count the return rate.
    workbook_with("exit_same_employee_twice.xlsx", exit_cell(6, "Employee Ref", "E928872"))


if __name__ == "__main__":
    main()
