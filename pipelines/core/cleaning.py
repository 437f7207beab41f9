"""Tidy the raw exports: canonical columns, labels, dates and codes, with every fix logged.

Each ``clean_*`` function takes a :class:`~pipelines.core.sources.RawTable` and returns a tidy
DataFrame (one row per leaver, form, rating or establishment line) carrying ``source_file`` and
``source_row`` so that later checks can point the officer at the row in Excel. Every fix is
counted in a :class:`CleaningLog` that the pack's data-quality appendix shows. Labels are mapped
through the tables in ``config/mappings/``; an unmapped label is an error listing the known ones.
All problems in a file are reported together.

This module holds the cleaner registry, the log and :func:`clean_review`, which reads and cleans
every dataset of a review; a table is cleaned with
:class:`pipelines.core.table_cleaner.TableCleaner` and its cells read with
:mod:`pipelines.core.cleaning_values`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from pipelines.core.errors import ConfigError, InputError, Problem, excerpt
from pipelines.core.sources import OPTIONAL_COLUMNS, RawTable

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


#: Why cleaning leaves a row of an export out of the tidy data (reasons shown in the appendix).
BLANK_ROWS = "Blank rows"
TOTALS_ROWS = "Totals rows"
SUBTOTALS_BY_SUM = "Subtotal rows (numbers equal to the sum of other rows)"
NO_CASES = "Workers holding no cases"

#: The review configuration of the dataset being cleaned (``pipelines.core.config.Dataset``),
#: set by :func:`clean_review` while its cleaner runs; None when a cleaner is called directly.
CURRENT_DATASET: ContextVar[Any] = ContextVar("CURRENT_DATASET", default=None)
#: The services of the review being cleaned (None outside a review's build).
REVIEW_SERVICES: ContextVar[list[str] | None] = ContextVar("REVIEW_SERVICES", default=None)


def dataset_setting(name: str, default: Any = None) -> Any:
    """A setting of the dataset being cleaned (e.g. ``scale_codes``), or ``default``.

    Read from the review configuration's entry for the dataset (:data:`CURRENT_DATASET`), so a
    cleaner can follow what the review states about its export.
    """
    ds = CURRENT_DATASET.get()
    value = getattr(ds, name, None) if ds is not None else None
    return default if value is None else value


EXACT_DUPLICATES = "Exact duplicates of an earlier row"
OTHER_CLEANING = "Left out by cleaning (other)"


@dataclass
class CleaningLog:
    """What cleaning changed: one entry per kind of fix per dataset, with the rows affected.

    ``excluded`` counts the data rows of each export (keyed by file and sheet) that cleaning
    left out of the tidy data, by reason (:data:`BLANK_ROWS`, :data:`TOTALS_ROWS`,
    :data:`EXACT_DUPLICATES`).
    """

    entries: list[dict] = field(default_factory=list)
    excluded: dict[tuple[str, str | None], dict[str, int]] = field(default_factory=dict)

    def exclude(self, file: str, sheet: str | None, reason: str, rows: int) -> None:
        """Count ``rows`` data rows of one export (file and sheet) left out for ``reason``."""
        if rows:
            reasons = self.excluded.setdefault((file, sheet), {})
            reasons[reason] = reasons.get(reason, 0) + int(rows)

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


@dataclass
class CleanResult:
    """The tidy datasets of one review and the log of what cleaning fixed.

    Attributes
    ----------
    frames : dict of str to pandas.DataFrame
        The tidy tables, keyed by the name they are saved under.
    log : CleaningLog
        The fixes made and the rows left out.
    rows_read : dict of str to int
        Data rows read from each export (keyed by dataset).
    excluded : dict of str to dict of str to int
        Per dataset, rows cleaning left out of its tidy table, by reason.
    warnings : list of Problem
        What the readers found that the officer should know though nothing stopped (rows or
        sheets hidden in Excel, read and counted), with file, sheet and rows.
    raw_dir : Path or None
        The raw folder the exports were read from.

    """

    frames: dict[str, pd.DataFrame]
    log: CleaningLog
    rows_read: dict[str, int]
    excluded: dict[str, dict[str, int]] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    raw_dir: Path | None = None


#: Per dataset, a function ``(tidy frame, settings) -> {reason: rows}`` giving the rows of the
#: tidy table the pack does not count (e.g. leavers outside the review period); registered by
#: the datasets' plausibility modules with :func:`register_not_counted`.
NOT_COUNTED: dict[str, Callable[[pd.DataFrame, Mapping[str, Any]], dict[str, int]]] = {}


def register_not_counted(dataset: str):
    """Register the function giving, by reason, the rows of a tidy dataset the pack leaves out.

    It takes the tidy frame and the review's check settings (``period_start``, ``period_end``,
    ``snapshot_date``...; see :func:`pipelines.steps.check_settings`) and returns ``{reason:
    rows}``; the rows it names are kept in the tidy data but not counted in the pack's figures.
    """

    def decorate(func):
        NOT_COUNTED[dataset] = func
        return func

    return decorate


def row_accounts(
    result: CleanResult, settings: Mapping[str, Any] | None = None
) -> dict[str, dict[str, Any]]:
    """Rows read from each export, rows left out by reason, and rows used: they add up.

    Parameters
    ----------
    result : CleanResult
        The cleaning step's result.
    settings : mapping, optional
        The review's check settings; with them, rows the pack does not count (registered with
        :func:`register_not_counted`, e.g. leavers outside the review period) are itemised too.

    Returns
    -------
    dict
        Dataset -> ``{"read": rows read, "excluded": {reason: rows}, "used": rows used}`` with
        ``read == used + sum(excluded.values())``. Reasons with no rows are left out; rows
        cleaning left out without recording why are counted under :data:`OTHER_CLEANING`.

    """
    accounts: dict[str, dict[str, Any]] = {}
    for key, read in result.rows_read.items():
        frame = result.frames.get(key)
        kept = 0 if frame is None else len(frame)
        excluded = {r: n for r, n in result.excluded.get(key, {}).items() if n}
        other = read - kept - sum(excluded.values())
        if other:
            excluded[OTHER_CLEANING] = other
        if frame is not None and settings is not None and key in NOT_COUNTED:
            for reason, n in NOT_COUNTED[key](frame, settings).items():
                if n:
                    excluded[reason] = excluded.get(reason, 0) + int(n)
        accounts[key] = {
            "read": int(read),
            "excluded": excluded,
            "used": int(read) - sum(excluded.values()),
        }
    return accounts


def clean_review(raw_dir: Path, datasets: dict, services: list[str] | None = None) -> CleanResult:
    """Read and clean every dataset of a review; raise one InputError listing all problems.

    Parameters
    ----------
    raw_dir : Path
        Folder of the raw exports.
    datasets : dict
        Dataset key -> :class:`pipelines.core.config.Dataset` (file and sheet).
    services : list of str, optional
        The review's services (:data:`REVIEW_SERVICES` while cleaning): an export may leave out
        its service column when there is only one.

    """
    from pipelines.core import plugins
    from pipelines.core.sources import read_export

    plugins.load("datasets")  # the datasets' cleaners register themselves

    log = CleaningLog()
    frames: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    rows_read: dict[str, int] = {}
    excluded: dict[str, dict[str, int]] = {}
    warnings: list[Problem] = []
    for key, ds in datasets.items():
        absent, optional, required = column_plan(key, ds)
        try:
            raw = read_export(
                raw_dir / ds.file,
                key,
                sheet=ds.sheet,
                raw_dir=raw_dir,
                date_format=getattr(ds, "date_format", None),
                required=required,
            )
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        stopped = len(problems)
        for column in [*absent, *optional]:
            if column in raw.data.columns:
                continue
            if column == "service" and column in absent and services and len(services) == 1:
                # A review of one service: every row of an export without a service column
                # is that service's.
                raw.data[column] = services[0]
                log.add(
                    key,
                    f"Column service declared absent in the review ({absent.get(column, '')}): "
                    f"every row is the review's one service, {services[0]}",
                    1,
                )
                continue
            if column == "service" and column in absent and services and len(services) > 1:
                problems.append(
                    Problem(
                        f"The {key.replace('_', ' ')} export's service column is declared "
                        f"absent, but the review has {len(services)} services.",
                        raw.file,
                        sheet=raw.sheet,
                        column="service",
                        expected="a service on every row (the review's services: "
                        + ", ".join(services)
                        + ")",
                        found=f"{absent[column]}",
                        hint="Map the export's service or org unit column in the review's "
                        "columns.yml instead of declaring it absent: only a review of one "
                        "service can take its one service for every row.",
                    )
                )
                continue
            raw.data[column] = None
            if column in absent:
                raw.absent.append(column)
            why = (
                f"declared absent in the review ({absent[column]}): the council does not "
                "collect it; the tables that need it are left out"
                if column in absent
                else "not in the export (optional): left blank"
            )
            log.add(key, f"Column {column.replace('_', ' ')} {why}", 1)
        if len(problems) > stopped:  # a service declared absent in a review of several
            continue
        rows_read[key] = len(raw.data)
        for w in raw.warnings:
            if w not in warnings:  # two datasets may read one sheet
                warnings.append(w)
                hidden = w.row is not None and w.row in raw.hidden_rows
                log.add(key, reader_note(w), len(raw.hidden_rows) if hidden else len(raw.data))
        if raw.dropped_columns:
            log.add(
                key,
                "Columns naming or locating respondents dropped as the export was read, never "
                "kept: " + ", ".join(raw.dropped_columns),
                len(raw.dropped_columns),
            )
        if raw.sub_header_rows:
            log.add(
                key,
                "Survey tool's extra header rows under the question headers skipped",
                raw.sub_header_rows,
            )
        if getattr(raw, "date1904", False):
            log.add(key, "Workbook in Excel's 1904 date system: date numbers read from 1904", 1)
        if key not in CLEANERS:
            raise ConfigError(f"No cleaner is registered for the dataset '{key}'.")
        token = CURRENT_DATASET.set(ds)
        services_token = REVIEW_SERVICES.set(list(services) if services is not None else None)
        try:
            made, found = CLEANERS[key](raw, log)
        except InputError as exc:  # a cleaner that cannot start (a needed column missing)
            problems.extend(exc.problems)
            continue
        finally:
            CURRENT_DATASET.reset(token)
            REVIEW_SERVICES.reset(services_token)
        excluded[key] = dict(log.excluded.get((raw.file, raw.sheet), {}))
        frames.update(made)
        problems.extend(found)
    if problems:
        raise InputError(problems)
    return CleanResult(
        frames=frames,
        log=log,
        rows_read=rows_read,
        excluded=excluded,
        warnings=warnings,
        raw_dir=Path(raw_dir),
    )


#: Tidy tables a raw dataset's cleaner makes besides its own (sections name tidy tables).
TIDY_TABLES = {
    "exit_interviews": ("exit_interviews", "exit_ratings"),
    "staff_survey": ("staff_survey", "staff_survey_answers"),
    "staff_survey_previous": ("staff_survey_previous", "staff_survey_previous_answers"),
}


def raw_dataset_of(table: str, known: list[str]) -> str | None:
    """The raw dataset (of ``known``, the readers' datasets) whose cleaner makes tidy ``table``.

    None for a table no export makes (the cleaning log).
    """
    if table in known:
        return table
    return next((k for k, made in TIDY_TABLES.items() if table in made), None)


def column_plan(
    key: str, ds: Any
) -> tuple[dict[str, str], tuple[str, ...], tuple[str, ...] | None]:
    """Which columns of dataset ``key`` are absent, optional and required of its export.

    Absent: the columns the council does not collect, declared in the review configuration
    (``datasets: <key>: absent: [profession]``) or by mapping the column to nothing in the
    review's own ``columns.yml`` (``<key>: {profession: ~}``); each -> where it was declared.
    Optional: :data:`pipelines.core.sources.OPTIONAL_COLUMNS`. Required: the columns of the
    shipped mapping that are neither (None: the reader's default, for datasets the mapping does
    not list).
    """
    from pipelines.core.mappings import load_mapping, mapping_file, review_mapping
    from pipelines.core.survey_exports import SURVEY_EXPORTS

    merged = load_mapping("columns").get(key)
    if merged is None or key in SURVEY_EXPORTS:
        return {}, (), None
    absent = {c: "config: datasets: absent" for c in getattr(ds, "absent", None) or []}
    own = review_mapping("columns").get(key) or {}
    for column, value in own.items():
        if value is None:
            absent.setdefault(column, f"{mapping_file('columns')}: {column}: ~")
    optional = tuple(c for c in OPTIONAL_COLUMNS.get(key, ()) if c not in absent)
    required = tuple(c for c in merged if c not in absent and c not in optional)
    return absent, optional, required


def reader_note(warning: Problem) -> str:
    """A reader's warning as one line of the cleaning log (what, sheet and what was found)."""
    where = f' (sheet "{warning.sheet}")' if warning.sheet else ""
    found = f": {excerpt(warning.found, 120)}" if warning.found else ""
    return f"{warning.what.rstrip('.')}{where}{found}"


def write_processed(
    result: CleanResult, folder: Path, settings: Mapping[str, Any] | None = None
) -> list[Path]:
    """Write the tidy tables (Parquet), the cleaning log and the rows accounts to ``folder``.

    ``rows.json`` holds ``read`` (rows read per export), ``kept`` (rows of each tidy table) and
    ``accounts`` (:func:`row_accounts`: rows read, left out by reason and used, per export;
    with ``settings``, rows the pack does not count are itemised).
    """
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
        json.dumps(
            {"read": result.rows_read, "kept": kept, "accounts": row_accounts(result, settings)},
            indent=2,
        ),
        encoding="utf-8",
    )
    return [*written, folder / "cleaning_log.parquet", folder / "rows.json"]
