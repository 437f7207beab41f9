"""Read each raw export as it comes (CSV or XLSX) into a table of text cells.

The reader finds each expected column by the header synonyms in ``config/mappings/columns.yml``,
keeps the row number the officer sees in Excel (``source_row``), and never changes a value:
cleaning is :mod:`pipelines.core.cleaning`'s job. A missing column stops with a message naming the
file, the column expected and the columns found.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd
import yaml

from pipelines.core.config import project_root
from pipelines.core.errors import InputError, Problem


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

    """

    data: pd.DataFrame
    file: str
    sheet: str | None = None
    raw_columns: dict[str, str] = field(default_factory=dict)
    header_row: int = 1


def mappings_dir() -> Path:
    """Folder of the mapping tables an officer can extend without code."""
    return project_root() / "config" / "mappings"


@cache
def load_mapping(name: str, directory: Path | None = None) -> dict:
    """Read ``config/mappings/<name>.yml`` (cached)."""
    path = (directory or mappings_dir()) / f"{name}.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def normalise_header(text: object) -> str:
    """Header key for matching: lower case, single spaces, no spaces at the ends."""
    return re.sub(r"\s+", " ", str(text)).strip().casefold()


def display_path(path: Path) -> str:
    """Path as the officer should see it: relative to the project when inside it."""
    try:
        return str(Path(path).resolve().relative_to(project_root()))
    except ValueError:
        return str(path)


DELIMITERS = (",", ";", "\t")
HEADER_SEARCH_ROWS = 30


def _decode(raw: bytes) -> str:
    """Text of a CSV export: UTF-8 (with or without BOM), else Windows-1252, else Latin-1."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def _csv_cells(text: str, delimiter: str) -> pd.DataFrame:
    """Cells of a CSV as text, rows of any length padded (title rows above a header are short)."""
    import csv
    from io import StringIO

    rows = list(csv.reader(StringIO(text, newline=""), delimiter=delimiter))
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
        return pd.read_excel(
            path, sheet_name=sheet or 0, header=None, dtype=object, engine="openpyxl"
        )
    text = _decode(path.read_bytes())
    best, best_score = None, -1
    for delimiter in DELIMITERS:
        try:
            cells = _csv_cells(text, delimiter)
        except (ValueError, pd.errors.ParserError, pd.errors.EmptyDataError):
            continue
        _, score = find_header(cells, lookup)
        if score > best_score:
            best, best_score = cells, score
    return best if best is not None else _csv_cells(text, ",")


def read_export(
    path: Path, dataset: str, *, sheet: str | None = None, required: tuple[str, ...] | None = None
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

    Raises
    ------
    InputError
        The file is missing or unreadable, or a required column is missing.

    """
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
    synonyms = load_mapping("columns")[dataset]
    lookup = {normalise_header(s): canon for canon, names in synonyms.items() for s in names}
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
    if path.suffix.lower() in {".xlsx", ".xlsm"} and sheet:
        try:
            sheets = pd.ExcelFile(path, engine="openpyxl").sheet_names
        except Exception as exc:  # noqa: BLE001 - any unreadable workbook
            raise InputError(
                [
                    Problem(
                        f"The {what} export cannot be opened as a workbook.",
                        shown,
                        found=str(exc),
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
                        found="sheets: " + ", ".join(f'"{n}"' for n in sheets),
                        hint="Rename the sheet, or set the sheet name in the review configuration.",
                    )
                ]
            ) from None
    try:
        cells = _read_cells(path, sheet, lookup)
    except pd.errors.EmptyDataError:
        cells = pd.DataFrame()
    except Exception as exc:  # noqa: BLE001 - any unreadable file
        raise InputError(
            [
                Problem(
                    f"The {what} export cannot be read.",
                    shown,
                    sheet=sheet,
                    found=f"{type(exc).__name__}: {exc}",
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
    rename: dict[int, str] = {}
    raw_columns: dict[str, str] = {}
    for i, h in enumerate(header):
        canon = lookup.get(normalise_header(h))
        if canon and canon not in raw_columns:
            rename[i] = canon
            raw_columns[canon] = h.strip()
        else:
            rename[i] = h.strip() or f"column {i + 1}"
    needed = required if required is not None else tuple(synonyms)
    missing = [c for c in needed if c not in raw_columns]
    if missing:
        found = ", ".join(h.strip() for h in header if h.strip())
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
                    f"config/mappings/columns.yml under {dataset}.{c}.",
                )
                for c in missing
            ]
        )
    if cells.iloc[header_at + 1 :].map(is_blank).all().all():
        raise InputError(
            [
                Problem(
                    f"The {what} export has a header but no data rows.",
                    shown,
                    sheet=sheet,
                    row=header_at + 1,
                    hint="Export the data again with its rows.",
                )
            ]
        )
    data = cells.iloc[header_at + 1 :].copy()
    data.columns = [rename[i] for i in range(len(header))]
    data = data.loc[
        :, [not (c.startswith("column ") and data[c].map(is_blank).all()) for c in data.columns]
    ]
    data.insert(0, "source_row", range(header_at + 2, header_at + 2 + len(data)))
    data = data.reset_index(drop=True)
    return RawTable(
        data=data, file=shown, sheet=sheet, raw_columns=raw_columns, header_row=header_at + 1
    )


def is_blank(value: object) -> bool:
    """True for empty cells: None, NaN, or only spaces."""
    if value is None:
        return True
    if isinstance(value, float) and pd.isna(value):
        return True
    if isinstance(value, dt.datetime | dt.date):
        return False
    return str(value).strip() == ""
