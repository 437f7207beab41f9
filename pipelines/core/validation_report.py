"""The results of validation: each check's outcome, the report, and the problems it raises.

A failing *critical* check stops the build: :func:`raise_for_critical` raises one
:class:`~pipelines.core.errors.InputError` naming the file, sheet, Excel row, column (as headed in
the officer's export), the value found and what was expected. A failing *warning* is reported in
the pack's validation table but does not stop the build.

Also the validation vocabulary every layer shares: the severities, the datasets' names as
members read them, the columns each dataset must have (filled by
:func:`pipelines.core.validation_checks.register_suite`) and the plain names of the columns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from pipelines.core.errors import InputError, Problem

__all__ = [
    "CheckResult",
    "FailingRow",
    "Source",
    "ValidationReport",
    "column_header",
    "raise_for_critical",
    "row_list",
    "source_of",
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

#: Problems listed per failing check before the rest are summarised.
MAX_PROBLEMS_PER_CHECK = 20
#: Failing values kept in CheckResult.found.
MAX_FOUND = 10


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

    @classmethod
    def of_failures(
        cls,
        failures: list[FailingRow],
        *,
        dataset: str,
        check: str,
        column: str | None,
        severity: str,
        **words: Any,
    ) -> CheckResult:
        """The result of a check worked out row by row from its failing rows (none: passed).

        One rule for every such check: ``unexpected_count`` is the number of failing rows,
        ``rows`` their Excel row numbers (sorted, each once, rows without a number left out),
        ``found`` up to :data:`MAX_FOUND` distinct failing values in row order. ``words`` are
        the other fields (``expected``, ``what``, ``hint``, ``affects``, ``tables``).
        """
        return cls(
            dataset=dataset,
            check=check,
            column=column,
            severity=severity,
            success=not failures,
            unexpected_count=len(failures),
            rows=sorted({f.row for f in failures if f.row is not None}),
            found=list(dict.fromkeys(f.found for f in failures))[:MAX_FOUND],
            failures=failures,
            **words,
        )

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
class Source:
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
    sources: dict[str, Source] = field(default_factory=dict, repr=False)
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
                    "Rows failing": "" if r.success else row_list(r.rows),
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

    def _source(self, dataset: str, frames: Mapping[str, pd.DataFrame] | None) -> Source:
        if frames is not None and dataset in frames:
            return source_of(dataset, frames[dataset])
        return self.sources.get(dataset, Source(dataset, None, {}))

    def _problems_for(
        self, result: CheckResult, frames: Mapping[str, pd.DataFrame] | None
    ) -> list[Problem]:
        dataset = "exit_interviews" if result.dataset == CROSS_DATASET else result.dataset
        source = self._source(dataset, frames)
        header = column_header(dataset, result.column, source.raw_columns, self.headers)

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
                    found=row_list(more_rows) or None,
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


def source_of(dataset: str, df: pd.DataFrame) -> Source:
    """Where a tidy frame came from: file and sheet from ``df.attrs``, headers as found."""
    attrs = df.attrs or {}
    file = attrs.get("source_file")
    if not file and "source_file" in df.columns and len(df):
        file = str(df["source_file"].iloc[0])
    raw = attrs.get("raw_columns") or {}
    return Source(
        file=str(file or dataset),
        sheet=attrs.get("sheet") or None,
        raw_columns={str(k): str(v) for k, v in raw.items()},
    )


def column_header(
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


def row_list(rows: list[int], limit: int = MAX_PROBLEMS_PER_CHECK) -> str:
    """Excel rows as text: the first ``limit``, then "and N more"; empty for no rows."""
    if not rows:
        return ""
    shown = ", ".join(str(r) for r in rows[:limit])
    rest = len(rows) - limit
    return shown + (f" and {rest} more" if rest > 0 else "")
