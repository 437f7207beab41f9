"""The read -> clean -> validate steps: one Python path for the CLI, the build and notebooks.

``evidence-pack clean``, ``evidence-pack validate``, ``evidence-pack build`` and the analysts'
notebooks ``01_clean`` and ``02_validate`` all call these functions, so a problem that stops
one stops the others with the same officer's message (file, row, column, what was expected,
what was found).

- :func:`read_and_clean` reads every raw export of the review and cleans it
  (:func:`pipelines.core.cleaning.clean_review`).
- :func:`validate` runs every dataset's Great Expectations suite and every registered
  cross-dataset check (:func:`pipelines.core.validation.validate_datasets`).
- :func:`write_processed` writes the tidy tables, the cleaning log, the rows read and kept and,
  when given, the validation results (:func:`write_validation`) into the run's processed-data
  folder.
- :func:`prepare` does all three for a build, stopping before anything is written if a critical
  check fails.
- :func:`check_raw_inputs` refuses at once a raw folder holding something that is not a file
  (a named pipe would make a read wait for ever) and, with :func:`check_officers_files`, the
  officers' SWOT entries and register before any section runs; :func:`input_files` lists every input
  read from the raw folder with its SHA-256 for the manifest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pipelines.core import cleaning
from pipelines.core.cleaning import CleanResult
from pipelines.core.config import project_root, review_path
from pipelines.core.config_text import check_review_text
from pipelines.core.context import RunContext
from pipelines.core.errors import ConfigError, InputError, Problem
from pipelines.core.run_records import RAW_RECORD
from pipelines.core.validation import validate_datasets
from pipelines.core.validation_report import ValidationReport, raise_for_critical
from pipelines.core.validation_summary import warning_messages
from pipelines.core.validation_summary import write_report as write_validation_report


@dataclass
class Prepared:
    """What :func:`prepare` produced: the tidy data, the cleaning result and the checks.

    Attributes
    ----------
    cleaned : CleanResult
        The tidy datasets, the log of fixes and the rows read from each export.
    report : ValidationReport
        Every check's result (no critical check failed, or :func:`prepare` would have raised).
    written : list of Path
        The files written to the processed-data folder.
    timings : dict of str to float
        Seconds taken by each step (``clean``: reading and cleaning; ``validate``: checking and
        writing).

    """

    cleaned: CleanResult
    report: ValidationReport
    written: list[Path]
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def frames(self) -> dict[str, pd.DataFrame]:
        """The tidy datasets, keyed by dataset."""
        return self.cleaned.frames


def _review(ctx: RunContext):
    if ctx.review is None:
        raise ConfigError("Cleaning and validation need a review: name one in the run context.")
    return ctx.review


def check_raw_inputs(cfg, raw: str | Path) -> None:
    """Refuse at once a raw folder the review cannot be read from safely.

    Anything in the folder that is not a regular file or a folder (a named pipe, a socket, a
    device) is refused without being opened, so that no step waits for ever on it; a folder
    standing where an export or an officers' file (SWOT entries, register) is expected is
    refused; an officers' file that is a link or leads outside the folder is refused as an
    export would be (:func:`pipelines.core.export_files.export_path`).

    Parameters
    ----------
    cfg : Review
        The review (its datasets' files and its officers' files).
    raw : str or Path
        The run's raw folder.

    Raises
    ------
    InputError
        Every such entry, named, with what it is and what to do.

    """
    from pipelines.core.export_files import check_raw_folder, export_path

    raw = Path(raw)
    files = [
        (f"{key.replace('_', ' ')} export", ds.file) for key, ds in cfg.datasets.items()
    ] + cfg.officer_files()
    check_raw_folder(raw, files)
    problems = []
    for what, name in cfg.officer_files():
        path = raw / name
        if path.is_symlink() or path.exists():
            try:
                export_path(raw, name, what)
            except InputError as exc:
                problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    check_officers_files(cfg, raw)


def check_officers_files(cfg, raw: str | Path) -> None:
    """Read the officers' SWOT entries and recommendations register before any section runs.

    Every problem in them (an entry without evidence, an unknown status, a period such as
    "early 2016" that the papers would print) is listed at once, before the exports are read,
    not when the SWOT or tracker section comes to run. A file the review does not have is left
    to the section that reads it.

    Raises
    ------
    InputError
        Every problem of both files, each naming the file, the line and the key.

    """
    from pipelines.sections.swot.analysis import load_curated
    from pipelines.sections.tracker.analysis import load_register

    curated = cfg.swot.curated if cfg.swot is not None else None
    problems = []
    for load, name in (
        (load_curated, curated),
        (load_register, cfg.tracker or "recommendations.yml"),
    ):
        path = Path(raw) / name if name else None
        if path is not None and path.is_file():
            try:
                load(path)
            except InputError as exc:
                problems.extend(exc.problems)
    if problems:
        raise InputError(problems)


def check_section_datasets(cfg) -> None:
    """Stop when a meeting's section needs a dataset the review does not list.

    Each section declares the tidy datasets it needs (``SectionSpec.datasets``, from the
    registry); an export that makes one of them must be in the review's ``datasets:`` for every
    meeting whose pack holds the section, or the build would stop at that section after cleaning
    and validating everything else.

    Raises
    ------
    InputError
        One problem per missing export: the dataset, the sections and meetings needing it, and
        what to do.

    """
    from pipelines.core import registry
    from pipelines.core.cleaning import raw_dataset_of
    from pipelines.core.mappings import load_mapping

    known = list(load_mapping("columns"))
    specs = registry.discover()
    needed: dict[str, list[str]] = {}
    for mtg in cfg.meetings:
        for ref in mtg.sections:
            spec = specs.get(ref.notebook)
            for table in spec.datasets if spec else ():
                raw = raw_dataset_of(table, known)
                if raw is None or raw in cfg.datasets:
                    continue
                where = f"{ref.notebook} ({mtg.date})"
                if where not in needed.setdefault(raw, []):
                    needed[raw].append(where)
    if not needed:
        return
    raise InputError(
        [
            Problem(
                f"The review lists no {raw.replace('_', ' ')} export, which a section of a "
                "meeting needs.",
                str(review_path(cfg.id)) if review_path(cfg.id).exists() else cfg.id,
                expected=f"datasets: {raw}: with its file, description and source",
                found="needed by " + ", ".join(where),
                hint=f"Add the {raw.replace('_', ' ')} export to the raw folder and list it "
                f"under datasets: in the review configuration (`evidence-pack datasets {cfg.id}` "
                "lists what each section needs), or take the section out of the meeting.",
            )
            for raw, where in needed.items()
        ]
    )


def read_and_clean(
    ctx: RunContext,
    raw_dir: str | Path | None = None,
    *,
    notify: Callable[[str], None] | None = None,
) -> CleanResult:
    """Read and clean every raw export of the run's review.

    Parameters
    ----------
    ctx : RunContext
        The run (its review lists the datasets, their files and sheets).
    raw_dir : str or Path, optional
        Folder of the raw exports; empty or None means the review's ``raw_dir``.
    notify : callable, optional
        Called with each warning of the readers (rows or a sheet hidden in Excel, read and
        counted), rendered with file, sheet and rows; default: written to standard error.

    Raises
    ------
    InputError
        One error listing every problem of every export (missing file, unreadable column...),
        or the raw folder holds something that is not a file (:func:`check_raw_inputs`).

    """
    review = _review(ctx)
    raw = Path(raw_dir) if raw_dir else review.raw_path()
    check_raw_inputs(review, raw)
    check_section_datasets(review)
    check_review_text(review)  # config text the papers print: dated, its report named
    result = cleaning.clean_review(raw, review.datasets, services=review.services)
    tell = notify or print_warning
    for warning in result.warnings:
        tell("Warning: " + warning.render())
    return result


#: Environment variable naming the date the checks take as today (YYYY-MM-DD), when set.
TODAY_ENV = "EVIDENCE_PACK_TODAY"


def check_date() -> dt.date:
    """The date the checks take as today: no date in an export may be after it.

    Today's date, or the date in ``EVIDENCE_PACK_TODAY`` (:data:`TODAY_ENV`) when set, so that
    builds of one run that crosses midnight (a test run, a team re-building a pack) check
    against, record and cache under one day. Asked once per build, by the orchestrator, for
    both the prepare step's cache key and the validation.
    """
    fixed = os.environ.get(TODAY_ENV)
    if fixed:
        try:
            return dt.date.fromisoformat(fixed)
        except ValueError as err:
            raise ConfigError(
                f"The environment variable {TODAY_ENV} is {fixed!r}; it must be a date written "
                "YYYY-MM-DD. Set it to the date the checks should take as today, or unset it."
            ) from err
    return dt.date.today()


def validate(
    ctx: RunContext, frames: Mapping[str, pd.DataFrame], *, today: dt.date | None = None
) -> ValidationReport:
    """Run every suite and cross-dataset check on the run's tidy datasets.

    Parameters
    ----------
    ctx : RunContext
        The run.
    frames : mapping of str to pandas.DataFrame
        Tidy datasets (from :func:`read_and_clean` or :meth:`RunContext.frames`).
    today : datetime.date, optional
        The date dates must not be after; defaults to today.

    Returns
    -------
    ValidationReport
        One result per check; critical failures are not raised here (see
        :func:`raise_for_critical <pipelines.core.validation_report.raise_for_critical>`).

    Raises
    ------
    OfficerError
        A post the workforce section's parameters name (of the run's meeting, or of every
        meeting) that the pay rates do not cost
        (:func:`pipelines.sections.workforce.posts.check_review_posts`); checked only when no
        critical check of the exports failed (those are reported first).

    """
    cfg = _review(ctx)
    settings = check_settings(cfg)
    if ctx.meeting is not None:
        from pipelines.core.context import data_after_meeting

        settings["data_after_meeting"] = data_after_meeting(cfg, ctx.meeting)
    report = validate_datasets(frames, today=today or check_date(), settings=settings)
    if report.failed("critical"):
        # A fault in the exports comes first: a subtotal row or a missing line may be why a
        # post has no rate, and the officer mends the export before the review's parameters.
        return report
    # The posts the workforce section names must be ones the pay rates cost: a message naming
    # the parameter and the file, before any section runs (as the build would stop later).
    from pipelines.sections.workforce.posts import check_review_posts

    check_review_posts(cfg, frames, ctx.meeting, getattr(ctx, "review_ref", ""))
    return report


def write_validation(report: ValidationReport, folder: str | Path) -> list[Path]:
    """Write ``validation.json`` and ``validation_summary.parquet`` into ``folder``.

    The data-quality appendix reads the summary; returns the two paths.
    """
    folder = Path(folder)
    return [write_validation_report(report, folder), folder / "validation_summary.parquet"]


def write_processed(
    cleaned: CleanResult,
    folder: str | Path,
    report: ValidationReport | None = None,
    settings: Mapping | None = None,
) -> list[Path]:
    """Write the tidy data (and the validation results, when given) into ``folder``.

    Writes ``<dataset>.parquet`` per dataset, ``cleaning_log.parquet`` and ``rows.json`` (rows
    read, rows left out by reason and rows used per export, which add up; with ``settings``,
    from :func:`check_settings`, the rows the pack does not count, such as leavers outside the
    review period, are itemised), and with ``report`` also ``validation.json`` and
    ``validation_summary.parquet``, which the data-quality appendix reads.

    Returns
    -------
    list of Path
        The files written.

    """
    folder = Path(folder)
    written = cleaning.write_processed(cleaned, folder, settings)
    if cleaned.raw_dir is not None:
        written.append(write_raw_record(cleaned.raw_dir, folder))
    if report is not None:
        written.extend(write_validation(report, folder))
    return written


def prepare(
    ctx: RunContext,
    raw_dir: str | Path | None = None,
    processed_dir: str | Path | None = None,
    *,
    today: dt.date | None = None,
    progress: Callable[[str], None] | None = None,
    notify: Callable[[str], None] | None = None,
) -> Prepared:
    """Read, clean and validate the review's exports and write the tidy data: a build's first step.

    Parameters
    ----------
    ctx : RunContext
        The run.
    raw_dir : str or Path, optional
        Folder of the raw exports; defaults to the review's ``raw_dir``.
    processed_dir : str or Path, optional
        Folder to write the tidy data to; defaults to ``ctx.processed_dir``.
    today : datetime.date, optional
        The date dates must not be after; defaults to today.
    progress : callable, optional
        Called with a short description before each step ("cleaning the data", "validating
        the data").
    notify : callable, optional
        Called with each failing warning
        (:func:`pipelines.core.validation_summary.warning_messages`:
        what was found, the figures it affects, the file), which the officer should read even
        in quiet mode; default: written to standard error (above a progress bar, if any). The
        same warnings are listed in the pack's data-quality appendix.

    Raises
    ------
    InputError
        An export cannot be read or cleaned, or a critical check failed (every problem listed,
        with file, row and column); nothing is written.

    """
    say = progress or (lambda _message: None)
    timings: dict[str, float] = {}
    say("cleaning the data")
    t0 = time.perf_counter()
    cleaned = read_and_clean(ctx, raw_dir, notify=notify)
    timings["clean"] = time.perf_counter() - t0
    say("validating the data")
    t0 = time.perf_counter()
    report = validate(ctx, cleaned.frames, today=today)
    raise_for_critical(report, cleaned.frames)
    tell = notify or print_warning
    for message in warning_messages(report, cleaned.frames):
        tell(message)
    written = write_processed(
        cleaned, processed_dir or ctx.processed_dir, report, check_settings(_review(ctx))
    )
    timings["validate"] = time.perf_counter() - t0
    return Prepared(cleaned=cleaned, report=report, written=written, timings=timings)


def shown_path(path: Path) -> str:
    """A path as recorded for the officer: relative to the project when inside it."""
    path = Path(path).resolve()
    root = project_root().resolve()
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


def write_raw_record(raw: Path, folder: Path) -> Path:
    """Write ``inputs.json`` into a processed-data folder: the raw folder its data came from.

    The section notebooks of a build find the officers' files (SWOT entries, register) in the
    same folder through it (:func:`pipelines.core.run_records.recorded_raw_dir`). Returns its path.
    """
    path = Path(folder) / RAW_RECORD
    path.write_text(json.dumps({"raw_dir": shown_path(raw)}, indent=2), encoding="utf-8")
    return path


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


#: What the manifest says each officers' file is (its ``source``).
OFFICER_FILE_SOURCES = {
    "SWOT entries file": "Officers' curated SWOT entries (swot.curated)",
    "recommendations register": "Recommendations and action register kept by officers (tracker)",
}


def input_files(cfg, raw: str | Path) -> dict[str, dict]:
    """Every input of the review read from the run's raw folder, for the manifest.

    Each dataset's export and, when present, the officers' files (the curated SWOT entries,
    key ``swot_curated``, and the recommendations register, key ``tracker``), all from ``raw``
    (the ``--raw-dir`` of the run, or the review's ``raw_dir``). Per input: ``file`` (relative
    to the project when inside it), ``sha256`` (hex SHA-256 of its bytes), ``bytes`` (its size)
    and ``source`` (what it is).
    """
    raw = Path(raw)
    entries = [(key, ds.file, ds.source) for key, ds in cfg.datasets.items()]
    keys = {"SWOT entries file": "swot_curated", "recommendations register": "tracker"}
    for what, name in cfg.officer_files():
        if (raw / name).is_file():
            entries.append((keys[what], name, OFFICER_FILE_SOURCES[what]))
    inputs = {}
    for key, name, source in entries:
        path = raw / name
        inputs[key] = {
            "file": shown_path(path),
            "sha256": file_sha256(path),
            "bytes": path.stat().st_size,
            "source": source,
        }
    return inputs


def print_warning(message: str) -> None:
    """Write a warning to standard error, above the progress bar when one is showing."""
    from tqdm import tqdm

    tqdm.write(message, file=sys.stderr)


def check_settings(cfg) -> dict:
    """The review's settings the cross-dataset and plausibility checks read.

    ``period_start`` and ``period_end`` (the review period), ``snapshot_date`` (the workforce
    snapshot's date, the first section parameter ``as_at``) and ``return_rate_threshold`` (the
    review's exit-interview return target as a share, when it sets one).
    """
    from pipelines.datasets.leavers.plausibility import plausibility_settings

    out = dict(plausibility_settings(cfg))
    if cfg.targets.exit_interview_return_percent is not None:
        out["return_rate_threshold"] = cfg.targets.exit_interview_return_percent / 100
    return out
