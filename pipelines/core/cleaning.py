"""Tidy the raw exports: canonical columns, labels, dates and codes, with every fix logged.

Each ``clean_*`` function takes a :class:`~pipelines.core.sources.RawTable` and returns a tidy
DataFrame (one row per leaver, form, rating or establishment line) carrying ``source_file`` and
``source_row`` so that later checks can point the officer at the row in Excel. Every fix is
counted in a :class:`CleaningLog` that the pack's data-quality appendix shows. Labels are mapped
through the tables in ``config/mappings/``; an unmapped label is an error listing the known ones.
All problems in a file are reported together.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pipelines.core.errors import ConfigError, InputError, Problem
from pipelines.core.sources import RawTable, is_blank

EXCEL_EPOCH = dt.date(1899, 12, 30)

Cleaner = Callable[["RawTable", "CleaningLog"], tuple[dict[str, pd.DataFrame], list[Problem]]]
CLEANERS: dict[str, Cleaner] = {}


def register_cleaner(dataset: str) -> Callable[[Cleaner], Cleaner]:
    """Register the cleaner of a raw dataset (a key of ``config/mappings/columns.yml``).

    The cleaner takes the :class:`~pipelines.core.sources.RawTable` and the log and returns the tidy
    tables it makes (keyed by the name they are saved under) and the problems found. Modules in
    this package register their cleaners when the package is imported.
    """

    def decorate(func: Cleaner) -> Cleaner:
        CLEANERS[dataset] = func
        return func

    return decorate


def register_table_cleaner(
    dataset: str, clean: Callable[[RawTable, CleaningLog], tuple[pd.DataFrame, list[Problem]]]
) -> None:
    """Register a cleaner that makes one tidy table, saved under the dataset's own name."""

    def cleaner(raw: RawTable, log: CleaningLog) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
        df, problems = clean(raw, log)
        return {dataset: df}, problems

    register_cleaner(dataset)(cleaner)


@dataclass
class CleaningLog:
    """What cleaning changed: one entry per kind of fix per dataset, with the rows affected."""

    entries: list[dict] = field(default_factory=list)

    def add(self, dataset: str, fix: str, rows: int) -> None:
        """Record a fix applied to ``rows`` rows; the same fix again adds to its count."""
        if not rows:
            return
        for entry in self.entries:
            if entry["dataset"] == dataset and entry["fix"] == fix:
                entry["rows"] += int(rows)
                return
        self.entries.append({"dataset": dataset, "fix": fix, "rows": int(rows)})

    def to_frame(self) -> pd.DataFrame:
        """The log as a table with member-facing labels."""
        df = pd.DataFrame(self.entries, columns=["dataset", "fix", "rows"])
        return df.rename(
            columns={"dataset": "Dataset", "fix": "What was fixed", "rows": "Rows affected"}
        )


def label_key(text: object) -> str:
    """Matching key for labels: case, spacing, apostrophes and dash styles ignored."""
    s = str(text).replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    s = s.replace("'", "")
    s = re.sub(r"\s*([/\-&(),])\s*", r"\1", s)
    return re.sub(r"\s+", " ", s).strip().casefold()


def label_lookup(mapping: dict[str, list[str]]) -> dict[str, str]:
    """Key -> canonical label, from a mapping of canonical label -> variants."""
    lookup = {}
    for canon, variants in mapping.items():
        for v in [canon, *(variants or [])]:
            lookup[label_key(v)] = canon
    return lookup


def tidy_text(value: object) -> str | None:
    """Text with spaces trimmed and runs of spaces collapsed; None for blank cells."""
    if is_blank(value):
        return None
    return re.sub(r"\s+", " ", str(value)).strip()


def parse_date(value: object) -> tuple[pd.Timestamp, str]:
    """Parse a date cell; return the date and the format it was written in.

    Accepts spreadsheet dates, Excel serial numbers (days since 30 December 1899),
    ``dd/mm/yyyy`` (UK order; also with dots, dashes or a two-digit year), ``yyyy-mm-dd`` and
    ``d Month yyyy``.

    Raises
    ------
    ValueError
        The cell is blank or not a date in one of those forms.

    """
    if isinstance(value, dt.datetime | pd.Timestamp):
        return pd.Timestamp(value).normalize(), "spreadsheet date"
    if isinstance(value, dt.date):
        return pd.Timestamp(value), "spreadsheet date"
    if is_blank(value):
        raise ValueError("blank")
    text = str(value).strip()
    if re.fullmatch(r"\d{5}(\.0+)?", text) or isinstance(value, int | float):
        serial = float(text)
        if 20000 <= serial <= 80000:
            return pd.Timestamp(EXCEL_EPOCH + dt.timedelta(days=int(serial))), "Excel serial number"
        raise ValueError(text)
    for pattern, fmt, label in (
        (r"\d{1,2}/\d{1,2}/\d{4}", "%d/%m/%Y", "dd/mm/yyyy"),
        (r"\d{1,2}\.\d{1,2}\.\d{4}", "%d.%m.%Y", "dd.mm.yyyy"),
        (r"\d{1,2}-\d{1,2}-\d{4}", "%d-%m-%Y", "dd-mm-yyyy"),
        (r"\d{1,2}/\d{1,2}/\d{2}", "%d/%m/%y", "dd/mm/yy"),
        (r"\d{4}-\d{2}-\d{2}", "%Y-%m-%d", "yyyy-mm-dd"),
        (r"\d{4}-\d{2}-\d{2} 00:00:00", "%Y-%m-%d %H:%M:%S", "yyyy-mm-dd"),
        (r"\d{1,2} [A-Za-z]+ \d{4}", "%d %B %Y", "d Month yyyy"),
        (r"\d{1,2} [A-Za-z]{3} \d{4}", "%d %b %Y", "d Mon yyyy"),
    ):
        if re.fullmatch(pattern, text):
            try:
                return pd.Timestamp(dt.datetime.strptime(text, fmt)), label
            except ValueError:
                break
    raise ValueError(text)


class TableCleaner:
    """Collects problems and fixes for one raw table."""

    def __init__(self, raw: RawTable, dataset: str, log: CleaningLog):
        self.raw, self.dataset, self.log = raw, dataset, log
        self.problems: list[Problem] = []
        self.df = raw.data.copy()

    def header(self, column: str) -> str:
        return self.raw.raw_columns.get(column, column)

    def problem(
        self, what: str, row: int, column: str, found: object, expected: str, hint: str
    ) -> None:
        self.problems.append(
            Problem(
                what,
                self.raw.file,
                row=int(row),
                column=self.header(column),
                found=repr(found) if not isinstance(found, str) else f'"{found}"',
                expected=expected,
                hint=hint,
                sheet=self.raw.sheet,
            )
        )

    def note_title_rows(self) -> None:
        self.log.add(
            self.dataset, "Title or notes rows above the header skipped", self.raw.header_row - 1
        )

    def drop_blank_rows(self) -> None:
        cols = [c for c in self.df.columns if c != "source_row"]
        blank = self.df[cols].map(is_blank).all(axis=1)
        self.log.add(self.dataset, "Blank rows removed", blank.sum())
        self.df = self.df[~blank]

    def drop_totals_rows(self, first: str) -> None:
        texts = self.df[first].map(lambda v: "" if is_blank(v) else str(v).strip().casefold())
        totals = texts.str.match(r"^(grand )?totals?\b")
        self.log.add(self.dataset, "Totals row removed", totals.sum())
        self.df = self.df[~totals]

    def drop_exact_duplicates(self) -> None:
        cols = [c for c in self.df.columns if c != "source_row"]
        key = self.df[cols].astype(str)
        dup = key.duplicated(keep="first")
        self.log.add(self.dataset, "Exact duplicate rows removed (kept the first)", dup.sum())
        self.df = self.df[~dup]

    def tidy(self, columns: list[str]) -> None:
        changed = 0
        for c in columns:
            before = self.df[c]
            after = before.map(tidy_text)
            changed += int(((before.astype(str) != after.astype(str)) & after.notna()).sum())
            self.df[c] = after
        self.log.add(self.dataset, "Spaces trimmed from text cells", changed)

    def map_labels(
        self,
        column: str,
        mapping: dict[str, list[str]],
        what: str,
        mapping_file: str,
        *,
        out: str | None = None,
        required: bool = True,
    ) -> None:
        lookup = label_lookup(mapping)
        known = ", ".join(f'"{k}"' for k in mapping)
        result, changed = [], 0
        for row, value in zip(self.df["source_row"], self.df[column], strict=True):
            if value is None:
                if required:
                    self.problem(
                        f"A {what} is blank.",
                        row,
                        column,
                        "(blank)",
                        f"one of: {known}",
                        f"Fill in the {what}.",
                    )
                result.append(None)
                continue
            canon = lookup.get(label_key(value))
            if canon is None:
                self.problem(
                    f"Unknown {what}.",
                    row,
                    column,
                    value,
                    f"one of: {known}",
                    f"Correct the label in the export, or add it to "
                    f"config/mappings/{mapping_file} under the label it means.",
                )
            elif canon != value:
                changed += 1
            result.append(canon)
        self.df[out or column] = result
        self.log.add(self.dataset, f"{what.capitalize()} labels standardised (cells)", changed)

    def dates(self, column: str, *, required: bool = True) -> None:
        parsed, formats = [], {}
        for row, value in zip(self.df["source_row"], self.df[column], strict=True):
            if is_blank(value) and not required:
                parsed.append(pd.NaT)
                continue
            try:
                ts, fmt = parse_date(value)
                formats[fmt] = formats.get(fmt, 0) + 1
                parsed.append(ts)
            except ValueError:
                self.problem(
                    "A date cannot be read.",
                    row,
                    column,
                    "(blank)" if is_blank(value) else str(value),
                    "a date written dd/mm/yyyy (e.g. 31/08/2016), yyyy-mm-dd or an Excel date",
                    "Correct the date in the export.",
                )
                parsed.append(pd.NaT)
        self.df[column] = pd.to_datetime(pd.Series(parsed, index=self.df.index))
        if len(formats) > 1:
            for fmt, n in sorted(formats.items()):
                self.log.add(self.dataset, f"{self.header(column)}: dates written {fmt} read", n)

    def numbers(self, column: str, *, integer: bool = False) -> None:
        out = []
        for row, value in zip(self.df["source_row"], self.df[column], strict=True):
            try:
                text = str(value).strip()
                if re.fullmatch(r"-?\d+,\d{1,2}", text):  # decimal comma, e.g. 0,8
                    text = text.replace(",", ".")
                number = float(text.replace(",", ""))
                if integer and not number.is_integer():
                    raise ValueError
                out.append(number)
            except ValueError:
                self.problem(
                    "A number cannot be read.",
                    row,
                    column,
                    "(blank)" if is_blank(value) else str(value),
                    "a whole number" if integer else "a number such as 1 or 0.8",
                    "Correct the number in the export.",
                )
                out.append(float("nan"))
        s = pd.Series(out, index=self.df.index)
        self.df[column] = s.astype("Int64") if integer and s.notna().all() else s

    def finish(self, columns: list[str]) -> pd.DataFrame:
        df = self.df.reset_index(drop=True)
        df["source_file"] = self.raw.file
        df = df[[*columns, "source_file", "source_row"]]
        df.attrs = {
            "raw_columns": dict(self.raw.raw_columns),
            "source_file": self.raw.file,
            "sheet": self.raw.sheet,
        }
        return df


@dataclass
class CleanResult:
    """The tidy datasets of one review and the log of what cleaning fixed."""

    frames: dict[str, pd.DataFrame]
    log: CleaningLog
    rows_read: dict[str, int]


def clean_review(raw_dir: Path, datasets: dict) -> CleanResult:
    """Read and clean every dataset of a review; raise one InputError listing all problems.

    Parameters
    ----------
    raw_dir : Path
        Folder of the raw exports.
    datasets : dict
        Dataset key -> :class:`pipelines.core.config.Dataset` (file and sheet).

    """
    from pipelines.core.validation import discover_datasets

    discover_datasets()
    from pipelines.core.sources import read_export

    log = CleaningLog()
    frames: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    rows_read: dict[str, int] = {}
    for key, ds in datasets.items():
        try:
            raw = read_export(raw_dir / ds.file, key, sheet=ds.sheet)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        rows_read[key] = len(raw.data)
        if key not in CLEANERS:
            raise ConfigError(f"No cleaner is registered for the dataset '{key}'.")
        made, found = CLEANERS[key](raw, log)
        frames.update(made)
        problems.extend(found)
    if problems:
        raise InputError(problems)
    return CleanResult(frames=frames, log=log, rows_read=rows_read)


def write_processed(result: CleanResult, folder: Path) -> list[Path]:
    """Write the tidy tables (Parquet), the cleaning log and rows read to ``folder``."""
    import json

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, df in result.frames.items():
        path = folder / f"{name}.parquet"
        df.to_parquet(path, index=False)
        written.append(path)
    log = pd.DataFrame(result.log.entries, columns=["dataset", "fix", "rows"])
    log.to_parquet(folder / "cleaning_log.parquet", index=False)
    kept = {k: len(v) for k, v in result.frames.items()}
    (folder / "rows.json").write_text(
        json.dumps({"read": result.rows_read, "kept": kept}, indent=2), encoding="utf-8"
    )
    return [*written, folder / "cleaning_log.parquet", folder / "rows.json"]
