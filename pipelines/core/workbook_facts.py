"""What an XLSX workbook holds besides its values, and the problems its layout causes.

A worksheet's cells are read as Excel saved them (:func:`xlsx_cells`), then the workbook is
opened again with its formulas (:func:`xlsx_facts`): merged cells and formulas without saved
results in the columns read stop with what to do, rows and sheets hidden in Excel are read and
said so, and the 1904 date system is detected (:func:`workbook_findings`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pipelines.core.cells import column_letter, is_blank, row_ranges
from pipelines.core.errors import Problem, excerpt

__all__ = [
    "WorkbookFacts",
    "hidden_data_rows",
    "workbook_findings",
    "xlsx_cells",
    "xlsx_facts",
]


def xlsx_cells(path: Path, sheet: str | None) -> pd.DataFrame:
    """Cells of a worksheet as found, keeping error cells as their text (``"#REF!"``)."""
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        ws = wb[sheet] if sheet else wb.worksheets[0]
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
    finally:
        wb.close()
    while rows and all(is_blank(v) for v in rows[-1]):
        rows.pop()
    if not rows:
        raise pd.errors.EmptyDataError("no rows")
    width = max(len(r) for r in rows)
    for r in rows:
        for i, v in enumerate(r):
            if isinstance(v, float) and v.is_integer():
                r[i] = int(v)
    return pd.DataFrame([r + [None] * (width - len(r)) for r in rows], dtype=object)


@dataclass
class WorkbookFacts:
    """What a workbook holds besides its cell values, read with the formulas.

    Attributes
    ----------
    sheet : str
        The sheet read.
    date1904 : bool
        The workbook is in Excel's 1904 date system (``workbookPr date1904``).
    hidden_sheets : dict of str to str
        Sheets hidden in Excel (``"hidden"``, or ``"veryHidden"``: hidden so that Excel's
        Unhide does not list it), by name.
    hidden_rows : set of int
        Excel rows of the sheet read that are hidden (by hand or by a filter).
    merged : list of tuple
        Merged ranges of the sheet read: ``(min_row, min_col, max_row, max_col, "B5:B9")``,
        rows and columns counted from 1 as in Excel.
    formulas : dict of (int, int) to str
        Cells of the sheet read that hold a formula, ``(row, column)`` from 1 -> the formula.

    """

    sheet: str
    date1904: bool = False
    hidden_sheets: dict[str, str] = field(default_factory=dict)
    hidden_rows: set[int] = field(default_factory=set)
    merged: list[tuple[int, int, int, int, str]] = field(default_factory=list)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)


def xlsx_facts(path: Path, sheet: str | None) -> WorkbookFacts:
    """The date system, hidden sheets and rows, merged ranges and formulas of a worksheet.

    The workbook is opened a second time, with its formulas (the values are read by
    :func:`xlsx_cells` from the results Excel saved), so that a formula cell whose result was
    never saved can be told from a blank cell.
    """
    import openpyxl
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    wb = openpyxl.load_workbook(path, read_only=False, data_only=False)
    try:
        ws = wb[sheet] if sheet else wb.worksheets[0]
        facts = WorkbookFacts(
            sheet=ws.title,
            date1904=wb.epoch == CALENDAR_MAC_1904,
            hidden_sheets={
                s.title: s.sheet_state for s in wb.worksheets if s.sheet_state != "visible"
            },
            hidden_rows={r for r, d in ws.row_dimensions.items() if d.hidden},
            merged=[
                (m.min_row, m.min_col, m.max_row, m.max_col, m.coord)
                for m in ws.merged_cells.ranges
            ],
        )
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    text = getattr(cell.value, "text", None) or str(cell.value)
                    facts.formulas[(cell.row, cell.column)] = text
    finally:
        wb.close()
    return facts


def hidden_data_rows(facts: WorkbookFacts, cells: pd.DataFrame, header_at: int) -> list[int]:
    """Excel rows below the header that are hidden in the workbook and hold data."""
    header_row = header_at + 1
    return [
        r
        for r in sorted(facts.hidden_rows)
        if header_row < r <= len(cells) and not cells.iloc[r - 1].map(is_blank).all()
    ]


def workbook_findings(
    facts: WorkbookFacts,
    cells: pd.DataFrame,
    header_at: int,
    mapped: dict[int, str],
    *,
    what: str,
    shown: str,
) -> tuple[list[Problem], list[Problem]]:
    """Problems (which stop) and warnings (which do not) about how a worksheet is laid out.

    Parameters
    ----------
    facts : WorkbookFacts
        From :func:`xlsx_facts`.
    cells : pandas.DataFrame
        The sheet's values (row position 0 = Excel row 1, column position 0 = column A).
    header_at : int
        Position of the header row in ``cells``.
    mapped : dict of int to str
        Column positions (0-based) the pack reads -> their header as written.
    what, shown : str
        The export's name and path, for the messages.

    Returns
    -------
    (list of Problem, list of Problem)
        Problems: a merged range covering data rows of a column the pack reads (only its first
        cell holds the value, so the others would read blank), and formula cells of such a
        column whose result was never saved (the file was written by a program that does not
        calculate formulas), one problem per column. Warnings: data rows hidden in Excel
        (read and counted like the others), and the sheets hidden in the workbook.

    """
    problems: list[Problem] = []
    warnings: list[Problem] = []
    header_row = header_at + 1
    last_row = len(cells)
    for min_row, min_col, max_row, max_col, coord in sorted(facts.merged):
        if max_row <= header_row:
            continue
        cols = [c for c in range(min_col, max_col + 1) if c - 1 in mapped]
        covered = [
            (r, c)
            for r in range(max(min_row, header_row + 1), max_row + 1)
            for c in cols
            if (r, c) != (min_row, min_col)
        ]
        if not covered:
            continue
        first_row, first_col = covered[0]
        problems.append(
            Problem(
                f"Cells of the {what} are merged, so only the first holds a value and the "
                "others would be read as blanks.",
                shown,
                sheet=facts.sheet,
                row=first_row,
                column=f'{column_letter(first_col - 1)} "{excerpt(mapped[first_col - 1], 40)}"',
                expected="one value in every cell of every row (no merged cells below the header)",
                found=f"cells {coord} merged",
                hint=f"Open the file in Excel, select {coord}, unmerge it (Home > Merge & "
                "Center), write the value in every row, save the file and run again.",
            )
        )
    unsaved: dict[int, list[int]] = {}
    for (r, c), _formula in sorted(facts.formulas.items()):
        if r <= header_row or c - 1 not in mapped or r > last_row:
            continue
        if c - 1 < cells.shape[1] and cells.iat[r - 1, c - 1] is not None:  # saved, even ""
            continue
        unsaved.setdefault(c, []).append(r)
    for c, rows in sorted(unsaved.items()):
        formula = facts.formulas[(rows[0], c)]
        problems.append(
            Problem(
                f"Cells of the {what} hold formulas whose results were never saved, so the "
                "pack cannot see their values (they are not blanks to fill in).",
                shown,
                sheet=facts.sheet,
                row=rows[0],
                column=f'{column_letter(c - 1)} "{excerpt(mapped[c - 1], 40)}"',
                expected="the value of each formula, as Excel saves it",
                found=f"formula {excerpt(formula, 40)} with no saved result in "
                f"{'row' if len(rows) == 1 else 'rows'} {row_ranges(rows)}",
                hint="The file was written by a program that does not calculate formulas. "
                "Open the file in Excel and save it again (Excel calculates the formulas and "
                "saves their results), then run again.",
            )
        )
    hidden = hidden_data_rows(facts, cells, header_at)
    if hidden:
        warnings.append(
            Problem(
                f"{len(hidden)} {'row' if len(hidden) == 1 else 'rows'} of the {what} "
                f"{'is' if len(hidden) == 1 else 'are'} hidden in Excel; the pack read "
                f"{'it' if len(hidden) == 1 else 'them'} and counted "
                f"{'it' if len(hidden) == 1 else 'them'} like the others.",
                shown,
                sheet=facts.sheet,
                row=hidden[0],
                found=f"hidden rows: {row_ranges(hidden)}",
                hint="If these rows should not count (old records, rows filtered out), delete "
                "them from the export and run again; if they should, nothing needs doing.",
            )
        )
    if facts.hidden_sheets:
        read = facts.sheet in facts.hidden_sheets
        said = (
            f'The sheet "{facts.sheet}" the pack read is hidden in Excel; it was read like a '
            "visible one."
            if read
            else f"The {what} workbook has hidden sheets; the pack read only "
            f'"{facts.sheet}", which is visible.'
        )
        warnings.append(
            Problem(
                said,
                shown,
                sheet=facts.sheet,
                found="hidden sheets: "
                + ", ".join(f'"{excerpt(n, 31)}"' for n in facts.hidden_sheets),
                hint="Check that the sheet read is the one meant for the review (set `sheet:` "
                "for the dataset in the review configuration to choose another).",
            )
        )
    return problems, warnings
