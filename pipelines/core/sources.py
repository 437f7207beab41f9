"""Read each raw export as it comes (CSV or XLSX) into a table of text cells.

The reader finds each expected column by the header synonyms in ``config/mappings/columns.yml``,
keeps the row number the officer sees in Excel (``source_row``), and never changes a value:
cleaning is :mod:`pipelines.core.cleaning`'s job. A missing column stops with a message naming
the file, the column expected and the columns found. Files that are not tables, links, paths
outside the review's raw folder and anything that is not a regular file are refused first
(:mod:`pipelines.core.export_files`). A CSV cell may hold up to :data:`CELL_CHARS_LIMIT`
characters. In a workbook, merged cells and formulas without saved results in the columns read
stop with what to do, rows and sheets hidden in Excel are read and said so (``RawTable.warnings``)
and the 1904 date system is detected (``RawTable.date1904``; :mod:`pipelines.core.workbook_facts`).
Online-survey exports are read as the tools write them (:mod:`pipelines.core.survey_exports`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pipelines.core.cells import column_letter, is_blank, normalise_header
from pipelines.core.errors import InputError, Problem, excerpt
from pipelines.core.export_files import (
    decode_text,
    describe_content,
    display_path,
    export_path,
    special_file_problem,
)
from pipelines.core.mappings import load_mapping, mapping_file
from pipelines.core.survey_exports import (
    SURVEY_EXPORTS,
    SurveyLayout,
    survey_layout,
    survey_synonyms,
)
from pipelines.core.workbook_facts import (
    WorkbookFacts,
    hidden_data_rows,
    workbook_findings,
    xlsx_cells,
    xlsx_facts,
)


@dataclass
class RawTable:
    """A raw export: cells as found, canonical column names, and where each came from.

    Attributes
    ----------
    data : pandas.DataFrame
        One row per data row of the file; columns renamed to canonical names; ``source_row``
        holds the Excel row number (header row = 1). Unmapped columns keep their header.
    file : str
        Path shown to the officer.
    sheet : str or None
        Sheet name for XLSX.
    raw_columns : dict
        Canonical column name -> header as written in the file.
    header_row : int
        Excel row of the header.
    date_format : str or None
        How the export writes dates when the review configuration states it (``"dd/mm/yyyy"``
        or ``"mm/dd/yyyy"``); None: day first unless the dates themselves contradict it.
    date1904 : bool
        True for a workbook saved in Excel's 1904 date system (``workbookPr date1904``, Excel
        for Mac): its date serial numbers count days from 1 January 1904, not from
        30 December 1899, so a serial read the usual way would be four years early.
    warnings : list of Problem
        What the officer should know about how the file was read, though nothing stops: rows
        or the sheet hidden in Excel, which were read and counted like the others.
    hidden_rows : list of int
        Excel rows of data hidden in the workbook (read like the others).
    dropped_columns : list of str
        Headers of the columns naming or locating a respondent (Email, Name, IP address) that
        a survey tool adds: dropped as the export is read, never kept.
    sub_header_rows : int
        Header rows under the header row (a survey tool's answer-option or ImportId row).
    absent : list of str
        Canonical columns the export does not have and the review says the council does not
        collect (or optional columns not there): blank in ``data``, never asked for.

    """

    data: pd.DataFrame
    file: str
    sheet: str | None = None
    raw_columns: dict[str, str] = field(default_factory=dict)
    header_row: int = 1
    date_format: str | None = None
    date1904: bool = False
    warnings: list[Problem] = field(default_factory=list)
    hidden_rows: list[int] = field(default_factory=list)
    dropped_columns: list[str] = field(default_factory=list)
    sub_header_rows: int = 0
    absent: list[str] = field(default_factory=list)


#: Columns an export may leave out without saying so (blank when not there): dataset -> columns.
#: The reader never asks for them; a dataset family registers its own
#: (``OPTIONAL_COLUMNS["market_supplements"] = ...``).
OPTIONAL_COLUMNS: dict[str, tuple[str, ...]] = {"establishment": ("scope",)}

DELIMITERS = (",", ";", "\t")
HEADER_SEARCH_ROWS = 30
#: Most characters one CSV cell may hold (4 MiB of text: a long comment, a pasted letter); a
#: longer cell stops with a message naming its row. Python's csv module allows 128 KiB.
CELL_CHARS_LIMIT = 4 * 1024 * 1024


class CellTooLong(Exception):
    """A CSV cell holds more than :data:`CELL_CHARS_LIMIT` characters.

    Attributes
    ----------
    row : int
        Excel row of the record holding it (1 = the file's first record).

    """

    def __init__(self, row: int):
        self.row = row
        super().__init__(f"a cell of row {row} is longer than {CELL_CHARS_LIMIT} characters")


def _csv_cells(text: str, delimiter: str) -> pd.DataFrame:
    """Cells of a CSV as text, rows of any length padded (title rows above a header are short).

    A cell may hold up to :data:`CELL_CHARS_LIMIT` characters; a longer one raises
    :class:`CellTooLong` with its row.
    """
    import csv
    from io import StringIO

    csv.field_size_limit(CELL_CHARS_LIMIT)
    rows: list[list[str]] = []
    try:
        for record in csv.reader(StringIO(text, newline=""), delimiter=delimiter):
            rows.append(record)
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise CellTooLong(len(rows) + 1) from None
        raise
    if not rows:
        raise pd.errors.EmptyDataError("no rows")
    width = max(len(r) for r in rows)
    return pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype=str)


def _header_score(row: list, lookup: dict[str, str]) -> int:
    """How many distinct expected columns a row names (the header row names the most)."""
    return len(
        {lookup[k] for k in (normalise_header(c) for c in row if not is_blank(c)) if k in lookup}
    )


def find_header(cells: pd.DataFrame, lookup: dict[str, str]) -> tuple[int, int]:
    """Index of the header row among the first rows (the row naming most expected columns).

    Returns
    -------
    (int, int)
        The row's position (0-based) and how many expected columns it names.

    """
    best, best_score = 0, -1
    for i in range(min(HEADER_SEARCH_ROWS, len(cells))):
        score = _header_score(cells.iloc[i].tolist(), lookup)
        if score > best_score:
            best, best_score = i, score
    return best, best_score


def _read_cells(path: Path, sheet: str | None, lookup: dict[str, str]) -> pd.DataFrame:
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        return xlsx_cells(path, sheet)
    text = decode_text(path.read_bytes())
    best, best_score = None, -1
    too_long: CellTooLong | None = None
    for delimiter in DELIMITERS:
        try:
            cells = _csv_cells(text, delimiter)
        except CellTooLong as exc:
            too_long = too_long or exc
            continue
        except (ValueError, pd.errors.ParserError, pd.errors.EmptyDataError):
            continue
        _, score = find_header(cells, lookup)
        if score > best_score:
            best, best_score = cells, score
    if too_long is not None and best_score <= 0:
        raise too_long
    return best if best is not None else _csv_cells(text, ",")


def read_export(
    path: Path,
    dataset: str,
    *,
    sheet: str | None = None,
    required: tuple[str, ...] | None = None,
    raw_dir: Path | None = None,
    date_format: str | None = None,
) -> RawTable:
    """Read one export and name its columns.

    Parameters
    ----------
    path : Path
        The CSV or XLSX file.
    dataset : str
        Key in ``columns.yml`` (``"leavers"``, ``"exit_interviews"``, ``"establishment"``).
    sheet : str, optional
        Sheet of an XLSX workbook (default: the first).
    required : tuple of str, optional
        Canonical columns that must be present (default: every column in ``columns.yml``).
    raw_dir : Path, optional
        The review's raw data folder: when given, a path that is a link or leads outside it is
        refused before anything is read (see :func:`export_path`).
    date_format : str, optional
        How the export writes dates, when the review configuration states it
        (``"dd/mm/yyyy"`` or ``"mm/dd/yyyy"``); kept on the table for the cleaner.

    Raises
    ------
    InputError
        The file is missing, unreadable or not a table (a web page, a binary file: described in
        a line, never quoted), it has two columns with the same header, or a required column is
        missing.

    """
    if raw_dir is not None:
        path = export_path(
            raw_dir,
            Path(path).relative_to(raw_dir) if Path(path).is_relative_to(raw_dir) else path,
            dataset,
        )
    shown = display_path(path)
    if not path.exists():
        raise InputError(
            [
                Problem(
                    f"The {dataset.replace('_', ' ')} export is missing.",
                    shown,
                    expected="a file at this path (see the review configuration)",
                    hint="Put the export in the review's raw data folder, or "
                    "correct its name in the review configuration.",
                )
            ]
        )
    special = special_file_problem(path, f"{dataset.replace('_', ' ')} export")
    if special is not None:
        raise InputError([special])
    synonyms = load_mapping("columns")[dataset]
    survey = SURVEY_EXPORTS.get(dataset)
    if survey is not None:
        synonyms = survey_synonyms(synonyms, survey)
    lookup: dict[str, str] = {}
    #: A header the mapping gives to several columns (an org unit that is both the service and
    #: the team): the first column reads it, the others are copies of it.
    shared: dict[str, list[str]] = {}
    for canon, names in synonyms.items():
        for s in names:
            key = normalise_header(s)
            if key not in lookup:
                lookup[key] = canon
            elif lookup[key] != canon and canon not in shared.setdefault(key, []):
                shared[key].append(canon)
    what = dataset.replace("_", " ")
    if path.suffix.lower() not in {".csv", ".txt", ".xlsx", ".xlsm"}:
        raise InputError(
            [
                Problem(
                    f"The {what} export is not a CSV or XLSX file.",
                    shown,
                    found=path.suffix or "(no extension)",
                    expected=".csv or .xlsx",
                    hint="Save the export as CSV or as an Excel workbook (.xlsx).",
                )
            ]
        )
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError as exc:
        raise InputError(
            [
                Problem(
                    f"The {what} export cannot be opened.",
                    shown,
                    found=excerpt(exc.strerror or type(exc).__name__),
                    hint="Check the file is in the raw data folder and readable, then try again.",
                )
            ]
        ) from None
    kind = describe_content(head, path.suffix.lower())
    if kind:
        raise InputError(
            [
                Problem(
                    f"The {what} export is not a table: {kind}.",
                    shown,
                    expected="a CSV or XLSX export with a header row",
                    hint="Export the data again from the source system as CSV or as an Excel "
                    "workbook (.xlsx), and put that file in the raw data folder.",
                )
            ]
        )
    if path.suffix.lower() in {".xlsx", ".xlsm"} and sheet:
        try:
            sheets = pd.ExcelFile(path, engine="openpyxl").sheet_names
        except Exception as exc:  # noqa: BLE001 - any unreadable workbook
            raise InputError(
                [
                    Problem(
                        f"The {what} export cannot be opened as a workbook.",
                        shown,
                        found=excerpt(f"{type(exc).__name__}: {exc}"),
                        hint="Save it again as XLSX.",
                    )
                ]
            ) from None
        if sheet not in sheets:
            raise InputError(
                [
                    Problem(
                        f'The {what} workbook has no sheet "{sheet}".',
                        shown,
                        expected=f'a sheet named "{sheet}"',
                        found="sheets: " + ", ".join(f'"{excerpt(n, 31)}"' for n in sheets),
                        hint="Rename the sheet, or set the sheet name in the review configuration.",
                    )
                ]
            ) from None
    facts: WorkbookFacts | None = None
    try:
        cells = _read_cells(path, sheet, lookup)
        if path.suffix.lower() in {".xlsx", ".xlsm"}:
            facts = xlsx_facts(path, sheet)
    except pd.errors.EmptyDataError:
        cells = pd.DataFrame()
    except CellTooLong as exc:
        raise InputError(
            [
                Problem(
                    f"A cell of the {what} export is longer than the pack can read.",
                    shown,
                    row=exc.row,
                    expected=f"cells of at most {CELL_CHARS_LIMIT:,} characters",
                    found=f"a cell of more than {CELL_CHARS_LIMIT:,} characters in row {exc.row}",
                    hint="Open the export, shorten that cell (it may hold a whole document or "
                    "text pasted many times, or a quote left open so that the rest of the "
                    "file runs into one cell), save it and run again.",
                )
            ]
        ) from None
    except Exception as exc:  # noqa: BLE001 - any unreadable file
        raise InputError(
            [
                Problem(
                    f"The {what} export cannot be read.",
                    shown,
                    sheet=sheet,
                    found=excerpt(f"{type(exc).__name__}: {exc}"),
                    hint="Save it again as CSV (UTF-8) or XLSX.",
                )
            ]
        ) from None
    if cells.empty or cells.map(is_blank).all().all():
        raise InputError(
            [
                Problem(
                    f"The {what} export is empty.",
                    shown,
                    sheet=sheet,
                    hint="Export the data again; the file has no rows.",
                )
            ]
        )
    header_at, _ = find_header(cells, lookup)
    header = [("" if is_blank(h) else str(h)) for h in cells.iloc[header_at].tolist()]
    duplicates = duplicate_headers(header, lookup)
    if duplicates:
        raise InputError(
            [
                Problem(
                    f"The {what} export has {len(cols)} columns headed alike, so the pack "
                    "cannot tell which one to use.",
                    shown,
                    sheet=sheet,
                    row=header_at + 1,
                    column=" and ".join(
                        f'{column_letter(i)} "{excerpt(header[i].strip(), 40)}"' for i in cols
                    ),
                    expected="each column once",
                    found=", ".join(f'"{excerpt(header[i].strip(), 40)}"' for i in cols),
                    hint="Delete or rename the extra column in the export (keep the one with "
                    "the right data), then run again.",
                )
                for cols in duplicates
            ]
        )
    rename: dict[int, str] = {}
    raw_columns: dict[str, str] = {}
    mapped: dict[int, str] = {}
    for i, h in enumerate(header):
        canon = lookup.get(normalise_header(h))
        if canon and canon not in raw_columns:
            rename[i] = canon
            raw_columns[canon] = h.strip()
            mapped[i] = h.strip()
            for also in shared.get(normalise_header(h), []):
                raw_columns.setdefault(also, h.strip())
        else:
            rename[i] = h.strip() or f"column {i + 1}"
    if required is None and survey is not None:
        required = ()  # the survey's cleaner says which of its columns it needs
    if required is None:
        # Columns an export may leave out (registered by the dataset families) are never asked for.
        required = tuple(c for c in synonyms if c not in OPTIONAL_COLUMNS.get(dataset, ()))
    needed = required if required is not None else tuple(synonyms)
    missing = [c for c in needed if c not in raw_columns]
    if missing:
        names = [excerpt(h.strip(), 40) for h in header if h.strip()]
        found = ", ".join(names[:12]) + (f" and {len(names) - 12} more" if len(names) > 12 else "")
        raise InputError(
            [
                Problem(
                    f"The {dataset.replace('_', ' ')} export is missing a column.",
                    shown,
                    sheet=sheet,
                    row=header_at + 1,
                    expected=f"a column for {c.replace('_', ' ')} (one of: "
                    + ", ".join(f'"{s}"' for s in synonyms[c])
                    + ")",
                    found=found,
                    hint=f"Add the column to the export, or map its name in "
                    f"{mapping_file('columns')} under {dataset}: {c}:",
                )
                for c in missing
            ]
        )
    tool = SurveyLayout()
    if survey is not None:
        tool = survey_layout(cells, header_at, header)
    first = header_at + 1 + tool.sub_header_rows
    if cells.iloc[first:].map(is_blank).all().all():
        raise InputError(
            [
                Problem(
                    f"The {what} export has a header but no data rows.",
                    shown,
                    sheet=sheet,
                    row=header_at + 1,
                    hint="Export the data again with its rows. If the council has none (a "
                    "council that pays no market supplements), take the dataset out of datasets: "
                    "in the review configuration instead: a section that can do without it "
                    "leaves its tables out and says so (`evidence-pack datasets` lists which "
                    "sections need it).",
                )
            ]
        )
    warnings: list[Problem] = []
    if facts is not None:
        layout, warnings = workbook_findings(
            facts, cells, header_at, mapped, what=f"{what} export", shown=shown
        )
        if layout:
            raise InputError(layout)
    data = cells.iloc[first:].copy()
    for owner, options in tool.groups.items():
        data[owner] = [
            "; ".join(str(v).strip() for v in row if not is_blank(v)) or None
            for row in data[[owner, *options]].itertuples(index=False)
        ]
    gone = set(tool.identifying) | {i for opts in tool.groups.values() for i in opts}
    data = data[[i for i in range(len(header)) if i not in gone]]
    data.columns = [rename[i] for i in range(len(header)) if i not in gone]
    data = data.loc[
        :, [not (c.startswith("column ") and data[c].map(is_blank).all()) for c in data.columns]
    ]
    for i, canon in rename.items():
        for also in shared.get(normalise_header(header[i]), []) if canon in data.columns else []:
            if also not in data.columns:
                data[also] = data[canon]
    data.insert(0, "source_row", range(first + 1, first + 1 + len(data)))
    data = data.reset_index(drop=True)
    return RawTable(
        data=data,
        file=shown,
        sheet=sheet,
        raw_columns=raw_columns,
        header_row=header_at + 1,
        date_format=date_format,
        date1904=bool(facts and facts.date1904),
        warnings=warnings,
        hidden_rows=hidden_data_rows(facts, cells, header_at) if facts else [],
        dropped_columns=[header[i].strip() for i in tool.identifying],
        sub_header_rows=tool.sub_header_rows,
    )


def duplicate_headers(header: list[str], lookup: dict[str, str]) -> list[list[int]]:
    """Groups of column positions (0-based) whose headers name the same column.

    Two headers clash when they are the same after :func:`normalise_header`, or when both are
    synonyms of one expected column (``"Leaving Reason"`` and ``"Reason for Leaving"``). Blank
    headers never clash.
    """
    groups: dict[str, list[int]] = {}
    for i, h in enumerate(header):
        key = normalise_header(h)
        if not key:
            continue
        groups.setdefault(lookup.get(key, "header:" + key), []).append(i)
    return [cols for cols in groups.values() if len(cols) > 1]
