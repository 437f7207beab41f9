"""Read each raw export as it comes (CSV or XLSX) into a table of text cells.

The reader finds each expected column by the header synonyms in ``config/mappings/columns.yml``,
keeps the row number the officer sees in Excel (``source_row``), and never changes a value:
cleaning is :mod:`pipelines.clean`'s job. A missing column stops with a message naming the file,
the column expected and the columns found.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd
import yaml

from pipelines.config import project_root
from pipelines.errors import InputError, Problem


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


def _read_cells(path: Path, sheet: str | None) -> pd.DataFrame:
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        return pd.read_excel(path, sheet_name=sheet or 0, header=None, dtype=object,
                             engine="openpyxl")
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    from io import StringIO

    return pd.read_csv(StringIO(text), header=None, dtype=str, keep_default_na=False,
                       skip_blank_lines=False)


def read_export(path: Path, dataset: str, *, sheet: str | None = None,
                required: tuple[str, ...] | None = None) -> RawTable:
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
        raise InputError([Problem(f"The {dataset.replace('_', ' ')} export is missing.", shown,
                                  expected="a file at this path (see the review configuration)",
                                  hint="Put the export in the review's raw data folder, or "
                                       "correct its name in the review configuration.")])
    try:
        cells = _read_cells(path, sheet)
    except ValueError as exc:  # e.g. a sheet that does not exist
        raise InputError([Problem(f"The {dataset.replace('_', ' ')} export cannot be read.",
                                  shown, sheet=sheet, found=str(exc),
                                  hint="Save it again as CSV or XLSX.")]) from None
    if cells.empty:
        raise InputError([Problem(f"The {dataset.replace('_', ' ')} export is empty.", shown,
                                  sheet=sheet)])
    header = [("" if pd.isna(h) else str(h)) for h in cells.iloc[0].tolist()]
    synonyms = load_mapping("columns")[dataset]
    lookup = {normalise_header(s): canon for canon, names in synonyms.items() for s in names}
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
        raise InputError([
            Problem(
                f"The {dataset.replace('_', ' ')} export is missing a column.",
                shown, sheet=sheet, row=1,
                expected=f"a column for {c.replace('_', ' ')} (one of: "
                         + ", ".join(f'"{s}"' for s in synonyms[c]) + ")",
                found=found,
                hint=f"Add the column to the export, or map its name in "
                     f"config/mappings/columns.yml under {dataset}.{c}.",
            )
            for c in missing
        ])
    data = cells.iloc[1:].copy()
    data.columns = [rename[i] for i in range(len(header))]
    data.insert(0, "source_row", range(2, len(data) + 2))
    data = data.reset_index(drop=True)
    return RawTable(data=data, file=shown, sheet=sheet, raw_columns=raw_columns)


def is_blank(value: object) -> bool:
    """True for empty cells: None, NaN, or only spaces."""
    if value is None:
        return True
    if isinstance(value, float) and pd.isna(value):
        return True
    if isinstance(value, dt.datetime | dt.date):
        return False
    return str(value).strip() == ""
