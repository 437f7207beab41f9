"""Read each raw export as it comes (CSV or XLSX) into a table of text cells.

The reader finds each expected column by the header synonyms in ``config/mappings/columns.yml``,
keeps the row number the officer sees in Excel (``source_row``), and never changes a value:
cleaning is :mod:`pipelines.core.cleaning`'s job. A missing column stops with a message naming
the file, the column expected and the columns found. Files that are not tables (web pages,
binary files), links and paths outside the review's raw folder are refused without being quoted;
anything that is not a regular file (a named pipe, a device, a folder) is refused without being
opened (:func:`check_raw_folder`). A CSV cell may hold up to :data:`CELL_CHARS_LIMIT`
characters. In a workbook, merged cells and formulas without saved results in the columns read
stop with what to do, rows and sheets hidden in Excel are read and said so (``RawTable.warnings``)
and the 1904 date system is detected (``RawTable.date1904``). Online-survey exports
(:data:`SURVEY_EXPORTS`) are read as the tools write them (:func:`survey_layout`): the columns
naming respondents (Email, Name, IP address) are dropped before anything else sees them, a
second or third header row (SurveyMonkey, Qualtrics) is skipped, and a tick-all question's
option columns are joined into one answer.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd

from pipelines.core.config import active_review_mappings, project_root, read_yaml_file
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


def mapping_file(name: str) -> str:
    """The mapping file an officer should edit for table ``name``, as a path to show.

    The review's own (``config/reviews/<review>/mappings/<name>.yml``) when a review is loaded,
    else the shipped ``config/mappings/<name>.yml``.
    """
    own = active_review_mappings()
    if own is None:
        return f"config/mappings/{name}.yml"
    return display_path(Path(own) / f"{name}.yml")


SHIPPED_MAPPING = re.compile(r"config/mappings/(?P<name>[a-z_]+)\.yml")


def own_mappings(text: str | None) -> str | None:
    """``text`` with every shipped mapping file it names replaced by the review's own.

    A message asking the officer to add a label or header to ``config/mappings/values.yml``
    names ``config/reviews/<review>/mappings/values.yml`` instead when a review is loaded (the
    review's folder is where its own vocabulary goes; the shipped tables are everyone's).
    """
    if not text or active_review_mappings() is None:
        return text
    return SHIPPED_MAPPING.sub(lambda m: mapping_file(m.group("name")), text)


def review_mapping(name: str) -> dict:
    """The review's own mapping table ``name`` as written (empty when it has none)."""
    own = active_review_mappings()
    path = Path(own) / f"{name}.yml" if own is not None else None
    if path is None or not path.is_file():
        return {}
    return read_yaml_file(path) or {}


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
    table = read_yaml_file(directory / f"{name}.yml")
    own = overrides / f"{name}.yml" if overrides is not None else None
    if own is not None and own.is_file():
        table = merge_mappings(table, read_yaml_file(own) or {})
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


def special_file_kind(path: Path) -> str | None:
    """What ``path`` is when it is not a regular file, in a few words; None for a regular file.

    ``"a named pipe (FIFO)"``, ``"a socket"``, ``"a device"``, ``"a folder"``; None also when
    nothing is at ``path``. The file is only looked at (``os.stat``), never opened, so a named
    pipe cannot make the pack wait for ever.
    """
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return None
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def special_file_problem(path: Path, what: str) -> Problem | None:
    """The officer's problem for an input that is not a regular file (None when it is one).

    Parameters
    ----------
    path : Path
        The input's path.
    what : str
        What the file should be, for the message (``"leavers export"``, ``"SWOT entries file"``);
        empty for an entry of the raw folder the review does not name.

    """
    kind = special_file_kind(path)
    if kind is None:
        return None
    subject = f"The {what}" if what else "An entry of the raw data folder"
    return Problem(
        f"{subject} is not a file the pack can read: it is {kind}.",
        excerpt(display_path(path), 120),
        expected="a regular file (a CSV or XLSX export, or the YAML file the review names)",
        found=kind,
        hint="Put the file itself in the review's raw data folder under this name (a folder, "
        "named pipe, socket or device cannot be read as an export), then run again.",
    )


def check_raw_folder(raw_dir: Path, files: Iterable[tuple[str, str]] = ()) -> None:
    """Refuse at once a raw folder holding anything that is not a regular file or a folder.

    Every entry under ``raw_dir`` (hidden names left out, links not followed) is looked at
    without being opened: a named pipe, socket or device stops the run here, before anything
    is read, so that no step waits for ever on it. ``files`` names the inputs the review reads
    (``(what, path relative to raw_dir)``, e.g. ``("SWOT entries file", "swot_curated.yml")``):
    one of them that is a folder is refused too.

    Raises
    ------
    InputError
        One problem per such entry, naming it and what it is.

    """
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        return
    problems: list[Problem] = []
    named: set[Path] = set()
    for what, name in files:
        path = raw_dir / name
        if path.is_symlink():
            continue  # refused by the reader of that file, which names the link
        problem = special_file_problem(path, what)
        if problem is not None and path not in named:
            named.add(path)
            problems.append(problem)
    for root, dirs, names in os.walk(raw_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.startswith("."):
                continue
            path = Path(root) / name
            try:
                mode = os.lstat(path).st_mode
            except OSError:
                continue
            if stat.S_ISREG(mode) or stat.S_ISLNK(mode) or path in named:
                continue
            problem = special_file_problem(path, "")
            if problem is not None:
                problems.append(problem)
    if problems:
        raise InputError(problems)


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


def _xlsx_facts(path: Path, sheet: str | None) -> WorkbookFacts:
    """The date system, hidden sheets and rows, merged ranges and formulas of a worksheet.

    The workbook is opened a second time, with its formulas (the values are read by
    :func:`_xlsx_cells` from the results Excel saved), so that a formula cell whose result was
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


def row_ranges(rows: Iterable[int]) -> str:
    """Row numbers as ranges for a message: ``[5, 6, 7, 10]`` -> ``"5-7, 10"``."""
    spans: list[list[int]] = []
    for r in sorted(set(rows)):
        if spans and r == spans[-1][1] + 1:
            spans[-1][1] = r
        else:
            spans.append([r, r])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)


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
        From :func:`_xlsx_facts`.
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
        return _xlsx_cells(path, sheet)
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
    facts: WorkbookFacts | None = None
    try:
        cells = _read_cells(path, sheet, lookup)
        if path.suffix.lower() in {".xlsx", ".xlsm"}:
            facts = _xlsx_facts(path, sheet)
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
        else:
            rename[i] = h.strip() or f"column {i + 1}"
    if required is None and survey is not None:
        required = ()  # the survey's cleaner says which of its columns it needs
    if required is None:
        # Columns an export may leave out (registered by the dataset families) are never asked for.
        from pipelines.core.cleaning import OPTIONAL_COLUMNS

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
                    hint="Export the data again with its rows.",
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


#: Datasets read as online-survey exports -> their survey in ``survey_questions.yml``.
SURVEY_EXPORTS = {
    "staff_survey": "staff_survey",
    "staff_survey_previous": "staff_survey",
    "locum_survey": "locum_survey",
}

#: A Qualtrics third header row's cell: ``{"ImportId":"QID1"}``.
IMPORT_ID = re.compile(r'^\s*\{\s*"ImportId"\s*:', re.IGNORECASE)


def survey_synonyms(synonyms: dict[str, list], survey: str) -> dict[str, list]:
    """A survey's header synonyms: ``columns.yml``'s, plus each question's own wording.

    A question of ``survey_questions.yml`` is also found by its ``question`` text and by the
    ``headers`` it lists, so a review can map a question (header, short label, scale) in its
    one ``survey_questions.yml``.
    """
    out = {k: list(v or []) for k, v in synonyms.items()}
    spec = load_mapping("survey_questions").get(survey) or {}
    for key, q in (spec.get("questions") or {}).items():
        if not isinstance(q, dict):
            continue
        extra = [q.get("question"), *(q.get("headers") or [])]
        out.setdefault(key, [])
        out[key] += [str(x) for x in extra if x and str(x) not in out[key]]
    return out


@dataclass
class SurveyLayout:
    """What an online-survey tool added around the answers (see :func:`survey_layout`).

    ``identifying``: positions (0-based) of the columns naming or locating a respondent (to be
    dropped); ``sub_header_rows``: header rows under the header (SurveyMonkey 1, Qualtrics 1);
    ``groups``: position of a tick-all question's column -> positions of its other options'
    columns (SurveyMonkey), to be joined into one answer.
    """

    identifying: list[int] = field(default_factory=list)
    sub_header_rows: int = 0
    groups: dict[int, list[int]] = field(default_factory=dict)


def survey_layout(cells: pd.DataFrame, header_at: int, header: list[str]) -> SurveyLayout:
    """Find a survey export's identifying columns, extra header rows and tick-all groups.

    Identifying columns are those headed as in ``identifying`` of ``survey_exports.yml``
    (Email, Name, IP address...). The rows just under the header (at most two) are header
    rows when one of their cells is a marker of ``sub_header_cells`` ("Response",
    "Open-Ended Response") or a Qualtrics ImportId. Under a SurveyMonkey second header row,
    the columns with no header of their own that follow a question's column are its other
    options.
    """
    spec = load_mapping("survey_exports")
    identifying = {normalise_header(x) for x in spec.get("identifying") or []}
    markers = {normalise_header(x) for x in spec.get("sub_header_cells") or []}
    layout = SurveyLayout(
        identifying=[i for i, h in enumerate(header) if normalise_header(h) in identifying]
    )
    for offset in (1, 2):
        at = header_at + offset
        if at >= len(cells) or offset != layout.sub_header_rows + 1:
            break
        row = ["" if is_blank(v) else str(v) for v in cells.iloc[at].tolist()]
        if any(normalise_header(v) in markers or IMPORT_ID.match(v) for v in row):
            layout.sub_header_rows = offset
    if layout.sub_header_rows:
        options = ["" if is_blank(v) else str(v) for v in cells.iloc[header_at + 1].tolist()]
        owner = None
        for i, h in enumerate(header):
            if h.strip():
                owner = i
            elif owner is not None and options[i].strip() and i not in layout.identifying:
                layout.groups.setdefault(owner, []).append(i)
    return layout


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
