"""Read each raw export as it comes (CSV or XLSX) into a table of text cells.

The reader finds each expected column by the header synonyms in ``config/mappings/columns.yml``,
keeps the row number the officer sees in Excel (``source_row``), and never changes a value:
cleaning is :mod:`pipelines.core.cleaning`'s job. A missing column stops with a message naming
the file, the column expected and the columns found. Files that are not tables (web pages,
binary files), links and paths outside the review's raw folder are refused without being quoted.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd
import yaml

from pipelines.core.config import active_review_mappings, project_root
from pipelines.core.errors import InputError, Problem, excerpt


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

    """

    data: pd.DataFrame
    file: str
    sheet: str | None = None
    raw_columns: dict[str, str] = field(default_factory=dict)
    header_row: int = 1
    date_format: str | None = None


def mappings_dir() -> Path:
    """Folder of the mapping tables an officer can extend without code."""
    return project_root() / "config" / "mappings"


def load_mapping(name: str, directory: Path | None = None, overrides: Path | None = None) -> dict:
    """A mapping table: the shipped ``config/mappings/<name>.yml`` with the review's overrides.

    The review's own vocabulary (its folder of mapping files, ``mappings:`` in its config or
    ``config/reviews/<review>/mappings/``; by default that of the review loaded last, see
    :func:`pipelines.core.config.use_review_mappings`) is laid over the shipped defaults: a
    key it gives replaces the default's (tables inside tables are merged key by key), a key it
    sets to nothing (``~``) removes the default's, new keys are added. Cached.
    """
    extra = overrides if overrides is not None else active_review_mappings()
    return _merged_mapping(name, Path(directory or mappings_dir()), extra)


def merge_mappings(base: object, override: object) -> object:
    """``override`` laid over ``base``: dicts merged key by key, a None value removes the key."""
    if not (isinstance(base, dict) and isinstance(override, dict)):
        return override
    out = dict(base)
    for key, value in override.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = merge_mappings(out.get(key), value) if key in out else value
    return out


@cache
def _merged_mapping(name: str, directory: Path, overrides: Path | None) -> dict:
    table = yaml.safe_load((directory / f"{name}.yml").read_text(encoding="utf-8"))
    own = overrides / f"{name}.yml" if overrides is not None else None
    if own is not None and own.is_file():
        table = merge_mappings(table, yaml.safe_load(own.read_text(encoding="utf-8")) or {})
    return table


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


#: Text Excel writes in a cell whose formula failed.
SPREADSHEET_ERRORS = (
    "#REF!",
    "#N/A",
    "#DIV/0!",
    "#VALUE!",
    "#NAME?",
    "#NUM!",
    "#NULL!",
    "#SPILL!",
    "#CALC!",
    "#GETTING_DATA",
)

#: Leading bytes of files that are not text, and what to call them.
_MAGIC = (
    (b"\x7fELF", "a program (an executable file)"),
    (b"MZ", "a Windows program (an executable file)"),
    (b"%PDF", "a PDF document"),
    (b"\xd0\xcf\x11\xe0", "an old-style Excel or Word file (.xls or .doc)"),
    (b"PK\x03\x04", "a zip archive or an Office file (.xlsx, .docx or .ods)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"{\\rtf", "a Word document (RTF)"),
)

_HTML = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<body|<table|<!--|<meta|<div)", re.I)
_XML = re.compile(rb"^\s*<\?xml", re.I)


def decode_text(raw: bytes) -> str:
    """Text of a CSV export.

    UTF-16 with a byte-order mark (Excel's "Unicode text", tab separated), UTF-8 with or
    without a BOM, else Windows-1252, else Latin-1.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    bomless = _utf16_without_bom(raw[:4096])
    if bomless:
        return raw.decode(bomless, errors="replace")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


_decode = decode_text


def _utf16_without_bom(head: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` when every other byte is NUL (UTF-16 text without BOM)."""
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


_CONTROL = bytes([*range(0, 9), *range(14, 32), 127])


def _binary(head: bytes) -> bool:
    """True for bytes that are not text: mostly NULs, or control bytes in invalid UTF-8."""
    if not head:
        return False
    if head.count(0) > 0.9 * len(head):
        return True
    try:
        head.decode("utf-8")
        return False
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3 and exc.reason == "unexpected end of data":
            return False
    control = sum(head.count(b) for b in _CONTROL)
    return control > 0.05 * len(head) or b"\x00" in head


def describe_content(raw: bytes, suffix: str) -> str | None:
    """What a file that is not a table of text is, in a few words; None when it looks tabular.

    Parameters
    ----------
    raw : bytes
        The file's bytes (the first few kilobytes are enough).
    suffix : str
        The file's extension, lower case (``".csv"``, ``".xlsx"``).

    Returns
    -------
    str or None
        E.g. ``"this looks like a web page (HTML), not a CSV export"`` or ``"this is not a text
        file (it holds binary data)"``; None for text (CSV) or a workbook (XLSX).

    """
    head = raw[:4096]
    if suffix in {".xlsx", ".xlsm"}:
        if head.startswith(b"PK\x03\x04"):
            return None
    for magic, name in _MAGIC:
        if head.startswith(magic):
            kind = "an XLSX" if suffix in {".xlsx", ".xlsm"} else "a CSV"
            return f"this is {name}, not {kind} export"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(head):
        text_head = head.decode("utf-16", errors="ignore").encode("utf-8", errors="ignore")
    else:
        text_head = head.removeprefix(b"\xef\xbb\xbf")
        if _binary(text_head):
            return "this is not a text file (it holds binary data)"
    if _HTML.match(text_head):
        return "this looks like a web page (HTML), not a spreadsheet export"
    if _XML.match(text_head):
        return "this looks like an XML file, not a CSV or XLSX export"
    if suffix in {".xlsx", ".xlsm"}:
        return "this is not an Excel workbook (.xlsx) although its name says so"
    return None


def column_letter(index: int) -> str:
    """Excel's letter for a 0-based column position (0 -> ``"A"``, 26 -> ``"AA"``)."""
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def export_path(raw_dir: Path, file: str | Path, dataset: str = "") -> Path:
    """The path of a dataset's export, refused unless it is a real file inside ``raw_dir``.

    Parameters
    ----------
    raw_dir : Path
        The review's raw data folder.
    file : str or Path
        The dataset's ``file:`` from the review configuration (relative to ``raw_dir``), or the
        full path of the export.
    dataset : str, optional
        Dataset key, for the message.

    Returns
    -------
    Path
        ``raw_dir / file``.

    Raises
    ------
    InputError
        The path is a symbolic link, or it (or a folder on the way) resolves outside
        ``raw_dir`` (e.g. ``../../etc/passwd``). The target is never read.

    """
    raw_dir = Path(raw_dir)
    path = Path(file) if Path(file).is_relative_to(raw_dir) else raw_dir / file
    what = dataset.replace("_", " ") or "dataset"
    shown = excerpt(str(Path(display_path(path.parent)) / path.name), 120)
    try:
        inside = path.resolve().is_relative_to(raw_dir.resolve())
    except (OSError, RuntimeError):  # a symlink loop
        inside = False
    if path.is_symlink():
        raise InputError(
            [
                Problem(
                    f"The {what} export is a link to another file, which the pack does not follow.",
                    shown,
                    expected="the export itself, saved in the review's raw data folder",
                    hint="Copy the export into the raw data folder (not a shortcut or link).",
                )
            ]
        )
    if not inside:
        raise InputError(
            [
                Problem(
                    f"The {what} export's path leads outside the review's raw data folder.",
                    shown,
                    expected=f"a file inside {display_path(raw_dir)}",
                    hint="Put the export in the review's raw data folder and give its name "
                    "(without ../ or an absolute path) under datasets in the review "
                    "configuration.",
                )
            ]
        )
    return path


def _xlsx_cells(path: Path, sheet: str | None) -> pd.DataFrame:
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
        return _xlsx_cells(path, sheet)
    text = decode_text(path.read_bytes())
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
        data=data,
        file=shown,
        sheet=sheet,
        raw_columns=raw_columns,
        header_row=header_at + 1,
        date_format=date_format,
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


def is_blank(value: object) -> bool:
    """True for empty cells: None, NaN, or only spaces."""
    if value is None:
        return True
    if isinstance(value, float) and pd.isna(value):
        return True
    if isinstance(value, dt.datetime | dt.date):
        return False
    return str(value).strip() == ""
