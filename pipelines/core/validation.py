"""Validate the cleaned datasets before any table or chart is built from them.

One Great Expectations (GX 1.x) suite per dataset checks what the pack relies on: required
columns, labels that match the pack's mappings, plausible dates and numbers, unique keys. A few
checks that span datasets (exit forms against leavers, return rates) are plain pandas.

Every check has a severity. A failing *critical* check stops the build: :func:`raise_for_critical`
raises one :class:`~pipelines.core.errors.InputError` naming the file, sheet, Excel row, column (as
headed in the officer's export), the value found and what was expected. A failing *warning* is
reported in the pack's validation table but does not stop the build.

Great Expectations is imported only when :func:`validate_datasets` runs (the import takes a few
seconds); its progress bars are switched off and analytics disabled.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from pipelines.core.errors import ConfigError, InputError, Problem
from pipelines.core.sources import own_mappings

__all__ = [
    "CheckResult",
    "FailingRow",
    "Labels",
    "ValidationReport",
    "load_labels",
    "raise_for_critical",
    "validate_datasets",
]

CRITICAL = "critical"
WARNING = "warning"

#: Name used for the checks that span datasets.
CROSS_DATASET = "leavers_and_exit_interviews"

#: Dataset names as members read them in the validation table.
DATASET_NAMES = {
    "leavers": "Leavers",
    "exit_interviews": "Exit interviews",
    "exit_ratings": "Exit interview ratings",
    "establishment": "Establishment",
    CROSS_DATASET: "Leavers and exit interviews",
}

#: Columns each cleaned dataset must have (besides source_file and source_row); filled by
#: :func:`register_suite` (``required=``) and the datasets' validate modules.
REQUIRED_COLUMNS: dict[str, list[str]] = {}

#: Plain names of the canonical columns, for check descriptions.
COLUMN_NAMES = {
    "employee_ref": "employee reference",
    "service": "service",
    "team": "team",
    "job_title": "job title",
    "role": "role",
    "profession": "profession",
    "grade": "grade",
    "fte": "FTE",
    "service_start_date": "service start date",
    "leaving_date": "leaving date",
    "leaving_reason": "leaving reason",
    "leaving_reason_hr": "HR leaving reason",
    "years_of_service": "years of service",
    "form_id": "form number",
    "date_received": "date received",
    "secured_employment": "secured-employment answer",
    "new_employer": "new employer",
    "reasons_given": "reasons given",
    "would_consider_returning": "answer to the return question",
    "aspect": "rated aspect",
    "rating": "rating",
    "posts": "number of posts",
    "scope": "scope",
}

#: Columns the cleaning step derives from another column of the export: the officer should look
#: at the source column.
DERIVED_FROM = {
    ("leavers", "role"): "job_title",
    ("leavers", "profession"): "job_title",
    ("leavers", "leaving_reason_hr"): "leaving_reason",
    ("leavers", "years_of_service"): "leaving_date",
}

#: Return rates below this share of leavers are flagged.
RETURN_RATE_THRESHOLD = 0.5
#: Earliest plausible continuous service start date.
EARLIEST_START = dt.date(1960, 1, 1)
#: Problems listed per failing check before the rest are summarised.
MAX_PROBLEMS_PER_CHECK = 20
#: Failing values kept in CheckResult.found.
MAX_FOUND = 10

_BLANK = "(blank)"


# --------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class FailingRow:
    """One failing row of one check.

    Attributes
    ----------
    row : int or None
        Row in the officer's file as seen in Excel (header = row 1); None for whole-file checks.
    found : str
        The failing value as text (both values for checks comparing two columns).
    column : str or None
        Column header to name for this row when it differs per row (the rated aspect's header in
        exit_ratings, the missing column for the required-columns check); None to use the
        check's column.
    expected : str or None
        What was expected in this row when it differs per row; None to use the check's.

    """

    row: int | None
    found: str
    column: str | None = None
    expected: str | None = None


@dataclass
class CheckResult:
    """Outcome of one expectation or cross-dataset check.

    Attributes
    ----------
    dataset : str
        Dataset key (``leavers``, ``exit_interviews``, ``exit_ratings``, ``establishment``) or
        ``leavers_and_exit_interviews`` for cross-dataset checks.
    check : str
        Plain-English statement of what must hold, e.g. "Leaving date is on or after the start
        date".
    column : str or None
        Canonical column checked (the first of a pair or compound); None for table-level checks.
    severity : str
        ``"critical"`` (stops the build) or ``"warning"`` (reported only).
    success : bool
        Whether the check passed.
    unexpected_count : int
        Number of failing values (GX ``unexpected_count``; for return rates, leavers without a
        form).
    rows : list of int
        Excel row numbers (``source_row``) of the failing rows, sorted, each once.
    found : list of str
        Up to ten distinct failing values as text, in row order.
    expected : str
        What was expected, as shown to the officer.
    hint : str
        What the officer should do about a failure.
    what : str
        One-line description of a failure, used as the first line of each problem.
    failures : list of FailingRow
        Every failing row with its value (not serialised by :meth:`ValidationReport.to_dict`).
    affects : str
        The figures of the pack a failure would make wrong or doubtful, in words (section and
        figure), shown with a warning in the console and the data-quality appendix; empty when
        the check guards no particular figure.
    tables : tuple of str
        Names of the pack's tables showing those figures (``name=`` of ``page.show``), which
        are flagged where they are shown.

    """

    dataset: str
    check: str
    column: str | None
    severity: str
    success: bool
    unexpected_count: int
    rows: list[int]
    found: list[str]
    expected: str = ""
    hint: str = ""
    what: str = ""
    failures: list[FailingRow] = field(default_factory=list, repr=False)
    affects: str = ""
    tables: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable form of the result (without the per-row failures)."""
        return {
            "dataset": self.dataset,
            "check": self.check,
            "column": self.column,
            "severity": self.severity,
            "success": bool(self.success),
            "unexpected_count": int(self.unexpected_count),
            "rows": [int(r) for r in self.rows],
            "found": [str(f) for f in self.found],
            "expected": self.expected,
            "what": self.what,
            "hint": self.hint,
            "affects": self.affects,
            "tables": list(self.tables),
        }


@dataclass(frozen=True)
class _Source:
    """Where a dataset came from, as the officer knows it."""

    file: str
    sheet: str | None
    raw_columns: dict[str, str]


@dataclass
class ValidationReport:
    """All check results of one validation run.

    Attributes
    ----------
    results : list of CheckResult
        Results in dataset order, then in the order the checks are defined.
    gx_version : str
        Version of Great Expectations that ran the suites.
    today : datetime.date or None
        The date future dates were checked against.
    sources : dict
        Dataset key -> file, sheet and header mapping captured at validation time, used to
        name the file and column in problems when no frames are passed.

    """

    results: list[CheckResult]
    gx_version: str = ""
    today: dt.date | None = None
    sources: dict[str, _Source] = field(default_factory=dict, repr=False)
    headers: dict[str, dict[str, list[str]]] = field(default_factory=dict, repr=False)

    @property
    def passed(self) -> bool:
        """True when no critical check failed (warnings allowed)."""
        return not self.failed(CRITICAL)

    def failed(self, severity: str | None = None) -> list[CheckResult]:
        """Failing results, optionally only those of one severity."""
        return [
            r
            for r in self.results
            if not r.success and (severity is None or r.severity == severity)
        ]

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable summary for ``validation.json``.

        Returns
        -------
        dict
            ``great_expectations_version``, ``today`` (ISO date or None), ``passed`` (no
            critical failure), counts of checks run and failed by severity, the source files
            per dataset and every result (see :meth:`CheckResult.to_dict`).

        """
        return {
            "great_expectations_version": self.gx_version,
            "today": self.today.isoformat() if self.today else None,
            "passed": self.passed,
            "checks": len(self.results),
            "critical_failed": len(self.failed(CRITICAL)),
            "warnings_failed": len(self.failed(WARNING)),
            "sources": {k: {"file": s.file, "sheet": s.sheet} for k, s in self.sources.items()},
            "results": [r.to_dict() for r in self.results],
        }

    def summary_table(self) -> pd.DataFrame:
        """One row per check, in words a member can read.

        Returns
        -------
        pandas.DataFrame
            Columns ``Dataset``, ``Check``, ``Severity`` ("Critical"/"Warning"), ``Result``
            ("Passed"/"Failed") and ``Rows failing`` (Excel rows, the first twenty then a
            count of the rest; empty when none are attributable to rows).

        """
        rows = []
        for r in self.results:
            rows.append(
                {
                    "Dataset": DATASET_NAMES.get(r.dataset, r.dataset),
                    "Check": r.check,
                    "Severity": r.severity.capitalize(),
                    "Result": "Passed" if r.success else "Failed",
                    "Rows failing": "" if r.success else _row_list(r.rows),
                }
            )
        return pd.DataFrame(
            rows, columns=["Dataset", "Check", "Severity", "Result", "Rows failing"]
        )

    def critical_problems(self, frames: Mapping[str, pd.DataFrame] | None = None) -> list[Problem]:
        """Problems an officer can act on, for every failing critical check.

        One problem per failing row (at most twenty per check, then one problem saying how many
        more rows fail), or one problem for a check about the whole file (e.g. a missing
        column). Each names the file and sheet (``df.attrs``), the Excel row, the column as
        headed in the export (``df.attrs["raw_columns"]``), the value found, what was expected
        and what to do.

        Parameters
        ----------
        frames : mapping of str to pandas.DataFrame, optional
            The validated frames; their ``attrs`` give file, sheet and headers. Without them the
            sources captured by :func:`validate_datasets` are used.

        Returns
        -------
        list of Problem

        """
        problems: list[Problem] = []
        for result in self.failed(CRITICAL):
            problems.extend(self._problems_for(result, frames))
        return problems

    def _source(self, dataset: str, frames: Mapping[str, pd.DataFrame] | None) -> _Source:
        if frames is not None and dataset in frames:
            return _source_of(dataset, frames[dataset])
        return self.sources.get(dataset, _Source(dataset, None, {}))

    def _problems_for(
        self, result: CheckResult, frames: Mapping[str, pd.DataFrame] | None
    ) -> list[Problem]:
        dataset = "exit_interviews" if result.dataset == CROSS_DATASET else result.dataset
        source = self._source(dataset, frames)
        header = _header(dataset, result.column, source.raw_columns, self.headers)

        def problem(
            row: int | None, found: str | None, column: str | None, expected: str | None = None
        ) -> Problem:
            return Problem(
                result.what or f"Check failed: {result.check}",
                source.file,
                row=row,
                column=column,
                found=found,
                expected=expected or result.expected or None,
                hint=result.hint or None,
                sheet=source.sheet,
            )

        if not result.failures:
            found = "; ".join(result.found) if result.found else None
            return [problem(None, found, header)]
        shown = result.failures[:MAX_PROBLEMS_PER_CHECK]
        out = [problem(f.row, f.found, f.column or header, f.expected) for f in shown]
        rest = len(result.failures) - len(shown)
        if rest:
            more_rows = sorted({f.row for f in result.failures[len(shown) :] if f.row is not None})
            out.append(
                Problem(
                    f"{rest} more row{'s' if rest != 1 else ''} fail the same check: "
                    f"{result.check}.",
                    source.file,
                    row=None,
                    column=header,
                    found=_row_list(more_rows) or None,
                    expected=result.expected or None,
                    hint=result.hint or None,
                    sheet=source.sheet,
                )
            )
        return out


def raise_for_critical(
    report: ValidationReport, frames: Mapping[str, pd.DataFrame] | None = None
) -> None:
    """Stop the build if any critical check failed.

    Parameters
    ----------
    report : ValidationReport
        Result of :func:`validate_datasets`.
    frames : mapping of str to pandas.DataFrame, optional
        The validated frames, for file, sheet and column headers.

    Raises
    ------
    InputError
        Listing every problem from every failing critical check together.

    """
    problems = report.critical_problems(frames)
    if problems:
        raise InputError(problems)


# --------------------------------------------------------------------------------------------
# Labels


@dataclass(frozen=True)
class Labels:
    """The labels the pack allows, read from ``config/mappings``."""

    services: tuple[str, ...]
    leaving_reasons: tuple[str, ...]
    ratings: tuple[str, ...]
    professions: tuple[str, ...]
    roles: tuple[str, ...]
    #: Dataset -> canonical column -> headers the readers accept (first = the one to quote).
    headers: dict[str, dict[str, list[str]]] = field(default_factory=dict, repr=False)


def default_mappings_dir() -> Path:
    """``config/mappings`` of the project the ``pipelines`` package belongs to."""
    from pipelines.core.config import project_root

    return project_root() / "config" / "mappings"


def _read_yaml(path: Path, *, required: bool = True) -> Any:
    if not path.exists():
        if required:
            raise ConfigError(f"Mapping file not found: {path}")
        return {}
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path} is not valid YAML: {exc}") from exc


def load_labels(mappings_dir: Path | None = None) -> Labels:
    """Read the allowed labels from the mapping files.

    Parameters
    ----------
    mappings_dir : Path, optional
        Folder holding ``services.yml``, ``leaving_reasons.yml``, ``values.yml``,
        ``job_titles.yml`` and (optionally) ``columns.yml``; defaults to the project's
        ``config/mappings``.

    Returns
    -------
    Labels
        Services and leaving reasons are the top-level keys of their files; ratings and
        professions the keys under ``ratings`` and ``professions`` in ``values.yml`` (professions
        also take the ``profession`` values of ``job_titles.yml``); roles the ``role`` values of
        ``job_titles.yml``.

    Raises
    ------
    ConfigError
        If a mapping file is missing, not YAML, or lacks a required key.

    """
    folder = Path(mappings_dir) if mappings_dir is not None else default_mappings_dir()

    def table(name: str, required: bool = True) -> Any:
        # The project's tables carry the review's own vocabulary over them (load_mapping).
        if mappings_dir is None and (folder / f"{name}.yml").exists():
            from pipelines.core.sources import load_mapping

            return load_mapping(name) or {}
        return _read_yaml(folder / f"{name}.yml", required=required)

    services = table("services")
    reasons = table("leaving_reasons")
    values = table("values")
    titles = table("job_titles")
    headers = table("columns", required=False)
    for key in ("ratings", "professions"):
        if not isinstance(values.get(key), dict):
            raise ConfigError(f"{folder / 'values.yml'}: key '{key}' is missing or not a mapping")
    roles: list[str] = []
    title_professions: list[str] = []
    for title, spec in titles.items():
        if not isinstance(spec, dict) or "role" not in spec or "profession" not in spec:
            raise ConfigError(
                f"{folder / 'job_titles.yml'}: '{title}' needs a role and a profession"
            )
        roles.append(str(spec["role"]))
        title_professions.append(str(spec["profession"]))
    return Labels(
        services=tuple(str(k) for k in services),
        leaving_reasons=tuple(str(k) for k in reasons),
        ratings=tuple(str(k) for k in values["ratings"]),
        professions=tuple(dict.fromkeys([*map(str, values["professions"]), *title_professions])),
        roles=tuple(dict.fromkeys(roles)),
        headers={str(k): dict(v) for k, v in headers.items() if isinstance(v, dict)},
    )


# --------------------------------------------------------------------------------------------
# Check definitions


@dataclass
class Check:
    """One GX expectation with the words needed to report it."""

    check: str
    column: str | None
    columns: tuple[str, ...]  # columns that must exist for the expectation to run
    make: Callable[[Any], Any]  # gx.expectations module -> expectation (severity set there)
    severity: str
    what: str
    expected: str
    hint: str
    found_column: str | None = None  # report this column's value instead (e.g. the job title)
    pair: tuple[str, str] | None = None  # both values are reported
    pair_labels: bool = False  # label each value of the pair with its header
    kind: str = "values"  # "columns" for the required-columns check, "values" otherwise
    row_column: str | None = None  # index column giving the header per row (exit_ratings)


def as_date(value: Any) -> dt.date | None:
    """A setting as a date (``datetime.date``, ``Timestamp`` or ISO text); None when absent."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime | pd.Timestamp):
        return pd.Timestamp(value).date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def long_date(day: dt.date) -> str:
    """A date as members read it: ``1 September 2015``."""
    return f"{day.day} {day:%B %Y}"


@dataclass(frozen=True)
class Rate:
    """One rate worked out from the tidy data the way the pack works it out.

    Attributes
    ----------
    label : str
        What it is the rate of, e.g. ``"Children's Social Care"``.
    percent : float
        The rate, a percentage (numerator / denominator x 100).
    workings : str
        Numerator and denominator in words, e.g. ``"26 leavers / 112 posts"``.

    """

    label: str
    percent: float
    workings: str


def rate_checks(
    dataset: str,
    measure: str,
    rates: Iterable[Rate],
    *,
    column: str | None,
    ceiling: tuple[float, str] | None,
    setting: str,
    affects: str,
    tables: tuple[str, ...],
    hint: str,
) -> list[CheckResult]:
    """Checks that every rate of one measure is a percentage and not above the review's ceiling.

    Parameters
    ----------
    dataset : str
        Dataset whose file the officer should check first (named in the messages).
    measure : str
        The measure in words, e.g. ``"turnover"``, ``"agency worker rate"``.
    rates : iterable of Rate
        The rates, one per service (or other group); NaN rates (no denominator) are skipped:
        other checks deal with a zero denominator.
    column : str or None
        Canonical column of ``dataset`` named in the messages.
    ceiling : tuple of (float, str) or None
        The review's ceiling (a percentage) and the severity of exceeding it (``"warning"`` or
        ``"critical"``, from ``plausibility:`` in the review config); None: no ceiling check.
    setting : str
        The review-config key of the ceiling, for the message (``plausibility: turnover``).
    affects, tables : str, tuple of str
        The figures a wrong rate would make wrong (see :attr:`CheckResult.affects`).
    hint : str
        What the officer should check.

    Returns
    -------
    list of CheckResult
        A critical check that every rate is from 0% to 100% inclusive and, with ``ceiling``, a
        check of the ceiling's severity that none is above it.

    """
    rates = [r for r in rates if r.percent == r.percent]  # NaN: no denominator
    outside = [r for r in rates if r.percent < 0 or r.percent > 100]
    results = [
        CheckResult(
            dataset=dataset,
            check=f"Every {measure} is a percentage from 0% to 100%",
            column=column,
            severity=CRITICAL,
            success=not outside,
            unexpected_count=len(outside),
            rows=[],
            found=[f"{r.label}: {r.percent:.1f}% ({r.workings})" for r in outside][:MAX_FOUND],
            expected="a rate from 0% to 100%",
            hint=hint,
            what=f"A {measure} is outside 0-100%, so the figures it goes into would be wrong.",
            failures=[
                FailingRow(None, f"{r.label}: {r.percent:.1f}% ({r.workings})") for r in outside
            ],
            affects=affects,
            tables=tables,
        )
    ]
    if ceiling is not None:
        limit, severity = float(ceiling[0]), ceiling[1]
        high = [r for r in rates if limit < r.percent <= 100]
        stops = severity == CRITICAL
        results.append(
            CheckResult(
                dataset=dataset,
                check=f"Every {measure} is at most the review's ceiling of {limit:g}% "
                f"({setting} in the review config)",
                column=column,
                severity=severity,
                success=not high,
                unexpected_count=len(high),
                rows=[],
                found=[f"{r.label}: {r.percent:.1f}% ({r.workings})" for r in high][:MAX_FOUND],
                expected=f"a rate of at most {limit:g}%",
                hint=hint
                + (
                    ""
                    if stops
                    else " The pack is built with the figure flagged; if the rate is right, "
                    f"raise the ceiling ({setting}) in the review config."
                ),
                what=(
                    f"The {measure} of "
                    + " and ".join(f"{r.label} ({r.percent:.1f}%)" for r in high)
                    + f" is above the review's ceiling of {limit:g}%: check the exports before "
                    "relying on it."
                    if high
                    else f"A {measure} is above the review's ceiling of {limit:g}%."
                ),
                failures=[
                    FailingRow(None, f"{r.label}: {r.percent:.1f}% ({r.workings})") for r in high
                ],
                affects=affects,
                tables=tables,
            )
        )
    return results


def one_of(values: Iterable[str]) -> str:
    return "one of: " + ", ".join(f'"{v}"' for v in values)


def date_text(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


def future_limit(today: dt.date) -> pd.Timestamp:
    """Start of the day after ``today``: anything earlier is on or before today."""
    return pd.Timestamp(today).normalize() + pd.Timedelta(days=1)


def required_columns_check(dataset: str, headers: dict[str, str]) -> Check:
    columns = REQUIRED_COLUMNS[dataset]
    return Check(
        check="The file has every column the pack needs",
        column=None,
        columns=(),
        severity=CRITICAL,
        kind="columns",
        make=lambda ge: ge.ExpectTableColumnsToMatchSet(
            column_set=columns, exact_match=False, severity=CRITICAL
        ),
        what=f"A column the pack needs is missing from the {DATASET_NAMES[dataset].lower()} file.",
        expected=", ".join(f'"{headers[c]}"' for c in columns if (dataset, c) not in DERIVED_FROM),
        hint="Add the column to the export, or add the export's header for it to "
        "config/mappings/columns.yml.",
    )


def not_null(
    column: str,
    check: str,
    what: str,
    hint: str,
    *,
    severity: str = CRITICAL,
    expected: str | None = None,
) -> Check:
    return Check(
        check=check,
        column=column,
        columns=(column,),
        severity=severity,
        make=lambda ge: ge.ExpectColumnValuesToNotBeNull(column=column, severity=severity),
        what=what,
        expected=expected or f"a {COLUMN_NAMES.get(column, column)}",
        hint=hint,
    )


def in_set(
    column: str,
    values: Iterable[Any],
    check: str,
    what: str,
    expected: str,
    hint: str,
    *,
    found_column: str | None = None,
    row_column: str | None = None,
) -> Check:
    allowed = list(values)
    return Check(
        check=check,
        column=column,
        columns=(column,),
        severity=CRITICAL,
        make=lambda ge: ge.ExpectColumnValuesToBeInSet(
            column=column, value_set=allowed, severity=CRITICAL
        ),
        what=what,
        expected=expected,
        hint=hint,
        found_column=found_column,
        row_column=row_column,
    )


def unique(column: str, check: str, what: str, expected: str, hint: str) -> Check:
    return Check(
        check=check,
        column=column,
        columns=(column,),
        severity=CRITICAL,
        make=lambda ge: ge.ExpectColumnValuesToBeUnique(column=column, severity=CRITICAL),
        what=what,
        expected=expected,
        hint=hint,
    )


def between(column: str, check: str, what: str, expected: str, hint: str, **kwargs: Any) -> Check:
    return Check(
        check=check,
        column=column,
        columns=(column,),
        severity=CRITICAL,
        make=lambda ge: ge.ExpectColumnValuesToBeBetween(
            column=column, severity=CRITICAL, **kwargs
        ),
        what=what,
        expected=expected,
        hint=hint,
    )


def not_in_future(column: str, today: dt.date, noun: str, hint: str) -> Check:
    return between(
        column,
        f"{noun.capitalize()} is not in the future",
        f"{noun.capitalize()} is in the future.",
        f"a date on or before {date_text(today)} (the date of this build)",
        hint,
        max_value=future_limit(today),
        strict_max=True,
    )


# --------------------------------------------------------------------------------------------
# Helpers for headers and values


def _source_of(dataset: str, df: pd.DataFrame) -> _Source:
    attrs = df.attrs or {}
    file = attrs.get("source_file")
    if not file and "source_file" in df.columns and len(df):
        file = str(df["source_file"].iloc[0])
    raw = attrs.get("raw_columns") or {}
    return _Source(
        file=str(file or dataset),
        sheet=attrs.get("sheet") or None,
        raw_columns={str(k): str(v) for k, v in raw.items()},
    )


def _header(
    dataset: str,
    column: str | None,
    raw_columns: Mapping[str, str],
    config_headers: Mapping[str, Mapping[str, list[str]]],
) -> str | None:
    """The column header the officer sees for a canonical column.

    The header in the officer's file (``raw_columns``) for the column, or for the column it is
    derived from (the job title for role); else the first header ``columns.yml`` accepts; else
    the canonical name.
    """
    if column is None:
        return None
    source = DERIVED_FROM.get((dataset, column), column)
    for name in (column, source):
        if name in raw_columns:
            return raw_columns[name]
    for ds in (dataset, "exit_interviews" if dataset == "exit_ratings" else dataset):
        for name in (column, source):
            listed = config_headers.get(ds, {}).get(name)
            if listed:
                return str(listed[0])
    return column


def _is_blank(value: Any) -> bool:
    """True for None, NaN, NaT and pd.NA (scalars only)."""
    if value is None or isinstance(value, list | tuple | dict | set):
        return value is None
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def cell_text(value: Any) -> str:
    """A failing value as the officer would recognise it.

    Blanks read "(blank)", dates dd/mm/yyyy (with the time if there is one), True/False
    Yes/No, whole-number floats without ".0".
    """
    if _is_blank(value):
        return _BLANK
    if isinstance(value, np.datetime64 | dt.date):
        ts = pd.Timestamp(value)
        return ts.strftime("%d/%m/%Y" if ts == ts.normalize() else "%d/%m/%Y %H:%M")
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _row_list(rows: list[int], limit: int = MAX_PROBLEMS_PER_CHECK) -> str:
    if not rows:
        return ""
    shown = ", ".join(str(r) for r in rows[:limit])
    rest = len(rows) - limit
    return shown + (f" and {rest} more" if rest > 0 else "")


def _exception_message(info: Any) -> str | None:
    """First exception message in a GX result's exception_info (flat or keyed by metric)."""
    if not isinstance(info, dict):
        return None
    if info.get("raised_exception"):
        return str(info.get("exception_message") or "error")
    for value in info.values():
        if isinstance(value, dict) and value.get("raised_exception"):
            return str(value.get("exception_message") or "error")
    return None


# --------------------------------------------------------------------------------------------
# Running the suites


def _import_gx() -> Any:
    os.environ["GX_ANALYTICS_ENABLED"] = "False"
    import great_expectations as gx

    return gx


def _context(gx: Any) -> Any:
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    return context


def _checks_for(
    dataset: str, labels: Labels, today: dt.date, headers: dict[str, str]
) -> list[Check]:
    return SUITES[dataset](labels, today, headers)


def _describe(spec: Check, item: Mapping[str, Any], headers: Mapping[str, str]) -> str:
    """The failing value(s) of one GX unexpected-index entry as text."""
    if spec.pair:
        a, b = spec.pair
        if spec.pair_labels:
            return f"{headers[a]} {cell_text(item.get(a))}, {headers[b]} {cell_text(item.get(b))}"
        return f"{cell_text(item.get(a))} / {cell_text(item.get(b))}"
    if spec.found_column and spec.found_column in item:
        return cell_text(item.get(spec.found_column))
    return cell_text(item.get(spec.column))


def _missing_column(
    dataset: str, column: str, headers: Mapping[str, str], present: list[str]
) -> FailingRow:
    """The problem row for one required column missing from a dataset."""
    header = headers.get(column, column)
    found = ", ".join(present) or "(no columns)"
    if (dataset, column) in DERIVED_FROM:
        name = COLUMN_NAMES.get(column, column)
        return FailingRow(
            row=None,
            found=found,
            column=f'{name} (worked out from "{header}")',
            expected=f'the {name}, which cleaning works out from "{header}"',
        )
    return FailingRow(row=None, found=found, column=header, expected=f'a column headed "{header}"')


def _result_from_gx(
    dataset: str, spec: Check, gx_result: Any, headers: Mapping[str, str], present: list[str]
) -> CheckResult:
    result = gx_result.result or {}
    severity = getattr(gx_result.expectation_config.severity, "value", spec.severity)
    failures: list[FailingRow] = []
    if spec.kind == "columns":
        missing = ((result.get("details") or {}).get("mismatched") or {}).get("missing") or []
        order = REQUIRED_COLUMNS[dataset]
        missing = sorted(map(str, missing), key=lambda c: order.index(c) if c in order else 99)
        failures = [_missing_column(dataset, c, headers, present) for c in missing]
    for item in result.get("unexpected_index_list") or []:
        row = item.get("source_row")
        column = item.get(spec.row_column) if spec.row_column else None
        failures.append(
            FailingRow(
                row=None if _is_blank(row) else int(row),
                found=_describe(spec, item, headers),
                column=None if _is_blank(column) else str(column),
            )
        )
    found = list(dict.fromkeys(f.column if spec.kind == "columns" else f.found for f in failures))[
        :MAX_FOUND
    ]
    success = bool(gx_result.success)
    error = _exception_message(gx_result.exception_info)
    what = spec.what
    if not success and not failures and error:
        what = f'The check "{spec.check}" could not run: the column holds values of the wrong kind.'
        found = [f"could not be checked: {error}"]
    count = result.get("unexpected_count")
    if count is None:
        count = len(failures) or int(not success)
    return CheckResult(
        dataset=dataset,
        check=spec.check,
        column=spec.column,
        severity=str(severity),
        success=success,
        unexpected_count=int(count),
        rows=sorted({f.row for f in failures if f.row is not None}),
        found=found,
        expected=spec.expected,
        hint=own_mappings(spec.hint),
        what=what,
        failures=failures,
    )


def _run_suite(
    gx: Any,
    context: Any,
    source: Any,
    dataset: str,
    df: pd.DataFrame,
    labels: Labels,
    today: dt.date,
    src: _Source,
) -> list[CheckResult]:
    """Build and run one dataset's suite; checks on missing or declared-absent columns left out.

    Declared absent: ``df.attrs["absent_columns"]``, columns the council does not collect.
    """
    absent = set((df.attrs or {}).get("absent_columns") or ())
    headers = {
        c: _header(dataset, c, src.raw_columns, labels.headers) or c
        for c in {*REQUIRED_COLUMNS[dataset], *COLUMN_NAMES}
    }
    specs = [
        s
        for s in _checks_for(dataset, labels, today, headers)
        if all(c in df.columns and c not in absent for c in s.columns)
    ]
    if "source_row" not in df.columns:
        df = df.assign(source_row=range(2, len(df) + 2))
    expectations = []
    for i, spec in enumerate(specs):
        expectation = spec.make(gx.expectations)
        expectation.meta = {"check_index": i}
        expectations.append(expectation)
    asset = source.add_dataframe_asset(name=dataset)
    batch = asset.add_batch_definition_whole_dataframe(name=f"{dataset}_all")
    suite = context.suites.add(
        gx.ExpectationSuite(name=f"{dataset}_suite", expectations=expectations)
    )
    definition = context.validation_definitions.add(
        gx.ValidationDefinition(name=f"{dataset}_validation", data=batch, suite=suite)
    )
    index_columns = [
        "source_row",
        *[c for c in ("job_title", "leaving_reason_hr", "source_column") if c in df.columns],
    ]
    outcome = definition.run(
        batch_parameters={"dataframe": df},
        result_format={"result_format": "COMPLETE", "unexpected_index_column_names": index_columns},
    )
    # GX does not keep the suite's order in the results: match them back by meta.
    by_index = {r.expectation_config.meta["check_index"]: r for r in outcome.results}
    present = list(
        dict.fromkeys(
            src.raw_columns.get(c, c) for c in df.columns if c not in ("source_file", "source_row")
        )
    )
    return [
        _result_from_gx(dataset, spec, by_index[i], headers, present)
        for i, spec in enumerate(specs)
    ]


# --------------------------------------------------------------------------------------------
# Cross-dataset checks (pandas)


# --------------------------------------------------------------------------------------------
# Entry point


def validate_datasets(
    frames: Mapping[str, pd.DataFrame],
    *,
    today: dt.date,
    mappings_dir: Path | None = None,
    return_rate_threshold: float = RETURN_RATE_THRESHOLD,
    settings: Mapping[str, Any] | None = None,
) -> ValidationReport:
    """Run every dataset's GX suite and the cross-dataset checks.

    Parameters
    ----------
    frames : mapping of str to pandas.DataFrame
        Cleaned datasets keyed ``leavers``, ``exit_interviews``, ``exit_ratings``,
        ``establishment``; any may be absent (its checks are skipped), other keys are ignored.
        Each frame carries ``source_row`` and ``attrs`` (``source_file``, ``sheet``,
        ``raw_columns``) from the cleaning step.
    today : datetime.date
        The build date: leaving dates and dates received after it fail.
    mappings_dir : Path, optional
        Folder of the mapping files giving the allowed labels; defaults to the project's
        ``config/mappings``.
    return_rate_threshold : float, optional
        Share of leavers (0-1) below which a service's exit-interview return rate is flagged;
        default 0.5 (a review's ``targets.exit_interview_return_percent`` / 100).
    settings : mapping, optional
        More settings for the cross-dataset checks, from the review (``period_start``,
        ``period_end``, ``snapshot_date``: see :func:`pipelines.steps.check_settings`).

    Returns
    -------
    ValidationReport
        One :class:`CheckResult` per expectation (critical unless stated) and per cross-check:

        - leavers: required columns; employee_ref present and unique; service, role,
          profession and leaving_reason present and among the pack's labels; 0 < fte <= 1;
          both dates present; leaving date on or after service start date; leaving date not
          after ``today``; service start date not before 1960-01-01.
        - exit_interviews: required columns; form_id present and unique; service and
          profession present and among the labels; would_consider_returning Yes/No or blank
          (blank is a warning); date received not after ``today``.
        - exit_ratings: required columns; aspect present; rating among the ratings.
        - establishment: required columns; (service, profession) unique; posts >= 0; service
          and profession present and among the labels.
        - every check in :data:`CROSS_CHECKS` (registered with :func:`register_cross_check`),
          among them: every exit form's employee_ref is among the leavers and, per service,
          exit forms received / leavers is at least ``return_rate_threshold`` (warnings); every
          grade of the workforce snapshot and caseload extract is in the pay table and every
          post and grade has a pay rate (critical).

    Notes
    -----
    One ephemeral GX context is created per call; nothing is written to disk.

    """
    if isinstance(today, dt.datetime):
        today = today.date()
    discover_datasets()
    labels = load_labels(mappings_dir)
    # Report order: the order the dataset families register their suites (SUITES).
    present = [d for d in SUITES if frames.get(d) is not None]
    sources = {d: _source_of(d, frames[d]) for d in present}
    results: list[CheckResult] = []
    gx = _import_gx()
    if present:
        context = _context(gx)
        pandas_source = context.data_sources.add_pandas(name="evidence_pack")
        for dataset in present:
            results.extend(
                _run_suite(
                    gx,
                    context,
                    pandas_source,
                    dataset,
                    frames[dataset],
                    labels,
                    today,
                    sources[dataset],
                )
            )
    for check in CROSS_CHECKS.values():
        results.extend(
            check(frames, {"return_rate_threshold": return_rate_threshold, **(settings or {})})
        )
    return ValidationReport(
        results=results,
        gx_version=str(gx.__version__),
        today=today,
        sources=sources,
        headers=labels.headers,
    )


# --- Reading and writing a run's validation results (the steps and notebooks 02 and 90) ----

NOT_DATASETS = ("cleaning_log", "validation_summary")


def load_frames(folder: Path) -> dict[str, pd.DataFrame]:
    """The tidy datasets in a processed-data folder (``ctx.processed_dir``), keyed by dataset.

    Every ``<dataset>.parquet`` except the cleaning log and the validation summary.
    """
    return {
        p.stem: pd.read_parquet(p)
        for p in sorted(Path(folder).glob("*.parquet"))
        if p.stem not in NOT_DATASETS
    }


def write_report(report: ValidationReport, folder: Path) -> Path:
    """Write ``validation.json`` and the member-facing summary into a processed-data folder.

    Returns the path of ``validation.json``; the summary goes to
    ``validation_summary.parquet`` beside it (read by :func:`read_summary`).
    """
    import json

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "validation.json"
    path.write_text(json.dumps(report.to_dict(), indent=2, default=str), encoding="utf-8")
    report.summary_table().to_parquet(folder / "validation_summary.parquet", index=False)
    return path


def read_summary(folder: Path) -> pd.DataFrame:
    """The summary table of the last validation run written to ``folder`` (Dataset, Check...)."""
    return pd.read_parquet(Path(folder) / "validation_summary.parquet")


#: Column of the rows table giving the rows each export contributes to the pack.
ROWS_USED = "Rows used in the pack"


def rows_summary(folder: Path) -> pd.DataFrame:
    """Rows read from each export, rows left out by reason, and rows used: a table that adds up.

    Read from ``rows.json`` in the processed-data folder ``folder`` (written by the cleaning
    step, :func:`pipelines.core.cleaning.row_accounts`); counts are numbers of data rows.

    Returns
    -------
    pandas.DataFrame
        One row per export: ``Dataset``, ``Rows read``, one column per reason rows were left
        out (blank rows, totals rows, exact duplicates, leavers outside the review period...;
        reasons with no rows in any export are not shown) and ``Rows used in the pack``; in each
        row, rows read = the reasons' columns + rows used.

    """
    import json

    from pipelines.core.cleaning import OTHER_CLEANING

    counts = json.loads((Path(folder) / "rows.json").read_text(encoding="utf-8"))
    accounts = counts.get("accounts")
    if accounts is None:  # written before rows were accounted for by reason
        accounts = {}
        for key, read in counts["read"].items():
            kept = counts["kept"].get(key, read)
            other = {OTHER_CLEANING: read - kept} if read != kept else {}
            accounts[key] = {"read": read, "excluded": other, "used": kept}
    return rows_table(accounts)


def rows_table(accounts: dict[str, dict]) -> pd.DataFrame:
    """The rows table of :func:`rows_summary` from row accounts.

    ``accounts`` maps each export's key to ``{"read": rows read, "excluded": {reason: rows},
    "used": rows used}`` (:func:`pipelines.core.cleaning.row_accounts`); counts are data rows.
    """
    reasons = list(dict.fromkeys(r for a in accounts.values() for r in a["excluded"]))
    rows = []
    for key, account in accounts.items():
        row = {
            "Dataset": DATASET_NAMES.get(key, key.replace("_", " ").capitalize()),
            "Rows read": int(account["read"]),
        }
        row.update({r: int(account["excluded"].get(r, 0)) for r in reasons})
        row[ROWS_USED] = int(account["used"])
        rows.append(row)
    return pd.DataFrame(rows, columns=["Dataset", "Rows read", *reasons, ROWS_USED])


# --- Suites of other datasets --------------------------------------------------------------

SUITES: dict[str, Callable[[Labels, dt.date, dict[str, str]], list[Check]]] = {}


def register_suite(dataset: str, display_name: str, required: Iterable[str] | None = None):
    """Register the GX suite of a tidy dataset: a function (labels, today, headers) -> checks.

    ``required`` lists the columns the dataset must have (checked as "The file has every column
    the pack needs"); it may also be set directly in ``REQUIRED_COLUMNS``.

    ``headers`` maps canonical column names to the headers the officer's file used. Build the
    checks with :class:`Check` (alias of the internal check type) or the helpers ``in_set``,
    ``not_null``, ``unique``, ``between``, ``not_in_future``. Modules in this package
    register their suites when the package is imported.
    """

    def decorate(func):
        SUITES[dataset] = func
        DATASET_NAMES[dataset] = display_name
        if required is not None:
            REQUIRED_COLUMNS[dataset] = list(required)
        REQUIRED_COLUMNS.setdefault(dataset, [])
        return func

    return decorate


#: Checks that span datasets: name -> function (frames, settings) -> list of CheckResult.
CROSS_CHECKS: dict[
    str, Callable[[Mapping[str, pd.DataFrame], Mapping[str, Any]], list[CheckResult]]
] = {}


def register_cross_check(name: str):
    """Register a check across datasets: a function ``(frames, settings) -> [CheckResult]``.

    ``frames`` holds every cleaned dataset of the review (any may be missing: return ``[]``);
    ``settings`` holds the review's thresholds (``return_rate_threshold``, a share 0-1). The
    check runs in :func:`validate_datasets`, so ``evidence-pack validate`` and the build both
    run it.
    """

    def decorate(func):
        CROSS_CHECKS[name] = func
        return func

    return decorate


def discover_datasets() -> None:
    """Import :mod:`pipelines.datasets`, whose modules register their suites and cleaners.

    The core layer never imports a dataset by name; the plug-in loader
    (:func:`pipelines.core.plugins.load`) fills the registries.
    """
    from pipelines.core import plugins

    plugins.load("datasets")


def failed_warnings(folder: Path) -> list[dict[str, Any]]:
    """The failing warnings of the last validation run written to ``folder`` (validation.json).

    Each is a result as in :meth:`CheckResult.to_dict` (``dataset``, ``check``, ``what``,
    ``found``, ``rows``, ``affects``, ``tables``...).
    """
    import json

    path = Path(folder) / "validation.json"
    if not path.exists():
        return []
    results = json.loads(path.read_text(encoding="utf-8")).get("results", [])
    return [r for r in results if not r["success"] and r["severity"] == WARNING]


def warning_text(result: Mapping[str, Any]) -> str:
    """One failing warning in words: what is wrong, what was found, the figures it affects.

    For the console, the data-quality appendix and the note beside an affected table.
    """
    if result["dataset"] not in DATASET_NAMES:
        discover_datasets()  # the datasets' suites register their names
    name = DATASET_NAMES.get(result["dataset"], result["dataset"])
    text = f"{name}: {(result.get('what') or result['check']).rstrip('.')}."
    found = [f for f in result.get("found", []) if f and f not in text][:3]
    if found:
        text += f" Found: {'; '.join(found)}."
    if result.get("rows"):
        text += f" Rows: {_row_list(result['rows'])}."
    if result.get("affects"):
        text += f" Figures affected: {result['affects']}."
    return text


def warning_messages(
    report: ValidationReport, frames: Mapping[str, pd.DataFrame] | None = None
) -> list[str]:
    """The failing warnings of a run as printed in the console while the build goes on.

    Each: ``Warning: `` and :func:`warning_text`, then the file (and sheet) to check.
    """
    out = []
    for result in report.failed(WARNING):
        dataset = "exit_interviews" if result.dataset == CROSS_DATASET else result.dataset
        source = report._source(dataset, frames)
        where = source.file + (f' (sheet "{source.sheet}")' if source.sheet else "")
        message = f"Warning: {warning_text(result.to_dict())}\n  file:     {where}"
        if result.column and result.rows:
            header = _header(dataset, result.column, source.raw_columns, report.headers)
            message += f"\n  column:   {header}"
        if result.hint and result.rows:
            message += f"\n  {result.hint}"
        out.append(message)
    return out


def warning_findings(folder: Path) -> list[str]:
    """Sentences for the failing warnings of the last validation run (:func:`warning_text`)."""
    return [warning_text(r) for r in failed_warnings(folder)]


# --- Checks on the meaning of the exports (issue 26) ----------------------------------------

#: Default severity of each check on the meaning of the exports, by its key in the review
#: config's ``plausibility: checks:`` (``pipelines.core.config.ExportChecks``); why each is what
#: it is: README, "Data checks".
MEANING_CHECKS = {
    "subtotal_rows": CRITICAL,
    "fte_per_post": CRITICAL,
    "pay_period": CRITICAL,
    "survey_scale_direction": CRITICAL,
    "vacancy_identity": CRITICAL,
    "zero_caseloads": WARNING,
    "contradicting_exports": WARNING,
}


def check_severity(settings: Mapping[str, Any] | None, key: str) -> str:
    """The severity the review gives a check on meaning (``plausibility: checks: <key>``).

    ``settings["checks"]`` maps keys of :data:`MEANING_CHECKS` to ``"warning"`` or
    ``"critical"``; a key it does not give takes its default from :data:`MEANING_CHECKS`.
    """
    given = ((settings or {}).get("checks") or {}).get(key)
    return str(given) if given in (WARNING, CRITICAL) else MEANING_CHECKS[key]


def severity_hint(severity: str, key: str, hint: str, *, left_out: bool = False) -> str:
    """What to do, with what the build did and how the review can change it.

    A critical check's hint says the build stopped and how to make it a warning; a warning's
    hint says the pack was built (with the rows left out when ``left_out``).
    """
    setting = f"plausibility: checks: {key}"
    if severity == CRITICAL:
        return (
            f"{hint} If the rows are right as they are, set {setting}: warning in the review "
            "config to build the pack with a warning."
        )
    done = "without these rows" if left_out else "with these rows as they are"
    return f"{hint} The pack was built {done} ({setting} is a warning in the review config)."


@register_cross_check("meaning_of_exports")
def meaning_checks(
    frames: Mapping[str, pd.DataFrame], settings: Mapping[str, Any] | None = None
) -> list[CheckResult]:
    """Turn the checks on meaning that cleaning noted into results of the review's severity.

    Cleaning records what it found about the meaning of an export (subtotal rows found by their
    sums, workers holding no cases, survey codes whose direction is not known, non-answers) in
    the tidy frame's ``attrs["meaning_checks"]`` (``TableCleaner.note``).
    Each becomes one :class:`CheckResult` with the severity of ``plausibility: checks:`` in the
    review config (:func:`check_severity`), naming the file, rows and column; a note kept by two
    frames of one export (a survey's respondents and answers) is reported once.
    """
    results: list[CheckResult] = []
    seen: set[tuple] = set()
    for dataset, df in frames.items():
        if df is None:
            continue
        for note in df.attrs.get("meaning_checks") or []:
            failures = [
                FailingRow(f["row"], f["found"], note.get("header")) for f in note["failures"]
            ]
            ident = (
                df.attrs.get("source_file"),
                df.attrs.get("sheet"),
                note["key"],
                note["check"],
                tuple((f.row, f.found) for f in failures),
            )
            if ident in seen:
                continue
            seen.add(ident)
            severity = check_severity(settings, note["key"])
            left_out = note["key"] in ("subtotal_rows", "zero_caseloads")
            results.append(
                CheckResult(
                    dataset=dataset,
                    check=note["check"],
                    column=note.get("column"),
                    severity=severity,
                    success=False,
                    unexpected_count=len(failures),
                    rows=sorted({f.row for f in failures if f.row is not None}),
                    found=list(dict.fromkeys(f.found for f in failures))[:MAX_FOUND],
                    expected=note.get("expected", ""),
                    hint=severity_hint(severity, note["key"], note["hint"], left_out=left_out),
                    what=note["what"],
                    failures=failures,
                    affects=note.get("affects", ""),
                )
            )
    return results
