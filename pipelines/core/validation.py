"""Validate the cleaned datasets before any table or chart is built from them.

One Great Expectations (GX 1.x) suite per dataset checks what the pack relies on: required
columns, labels that match the pack's mappings, plausible dates and numbers, unique keys. A few
checks that span datasets (exit forms against leavers, return rates) are plain pandas.

Every check has a severity (:mod:`pipelines.core.validation_report`: a failing critical check
stops the build). The checks are built with :mod:`pipelines.core.validation_checks` and
registered there by the datasets; the allowed labels come from
:mod:`pipelines.core.validation_labels`; a run's results are written and put in words by
:mod:`pipelines.core.validation_summary`. This module runs the suites and the registered
cross-dataset checks.

Great Expectations is imported only when :func:`validate_datasets` runs (the import takes a few
seconds); its progress bars are switched off and analytics disabled.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from pipelines.core.mappings import own_mappings
from pipelines.core.validation_checks import (
    CROSS_CHECKS,
    SUITES,
    Check,
    cell_text,
    discover_datasets,
    is_blank,
)
from pipelines.core.validation_labels import Labels, load_labels
from pipelines.core.validation_report import (
    COLUMN_NAMES,
    DERIVED_FROM,
    MAX_FOUND,
    REQUIRED_COLUMNS,
    CheckResult,
    FailingRow,
    Source,
    ValidationReport,
    column_header,
    source_of,
)

__all__ = ["validate_datasets"]

#: Return rates below this share of leavers are flagged.
RETURN_RATE_THRESHOLD = 0.5


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
                row=None if is_blank(row) else int(row),
                found=_describe(spec, item, headers),
                column=None if is_blank(column) else str(column),
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
    whole: Any,
    dataset: str,
    df: pd.DataFrame,
    labels: Labels,
    today: dt.date,
    src: Source,
) -> list[CheckResult]:
    """Build and run one dataset's suite; checks on missing or declared-absent columns left out.

    Declared absent: ``df.attrs["absent_columns"]``, columns the council does not collect.
    """
    absent = set((df.attrs or {}).get("absent_columns") or ())
    headers = {
        c: column_header(dataset, c, src.raw_columns, labels.headers) or c
        for c in {*REQUIRED_COLUMNS[dataset], *COLUMN_NAMES}
    }
    specs = [
        s
        for s in _checks_for(dataset, labels, today, headers)
        if all(c in df.columns and c not in absent for c in s.columns)
    ]
    if "source_row" not in df.columns:
        df = df.assign(source_row=range(2, len(df) + 2))
    # The suites run on this batch itself (GX's public ``Batch.validate``): no suite, validation
    # definition or result is stored in the context, which GX would serialise each time.
    batch = whole.get_batch(batch_parameters={"dataframe": df})
    index_columns = [
        "source_row",
        *[c for c in ("job_title", "leaving_reason_hr", "source_column") if c in df.columns],
    ]

    def run(indices: list[int], name: str, result_format: dict) -> dict[int, Any]:
        """Run the checks ``indices`` of ``specs`` as one GX suite; results by index."""
        expectations = []
        for i in indices:
            expectation = specs[i].make(gx.expectations)
            expectation.meta = {"check_index": i}
            expectations.append(expectation)
        suite = gx.ExpectationSuite(name=f"{name}_suite", expectations=expectations)
        outcome = batch.validate(suite, result_format=result_format)
        # GX does not keep the suite's order in the results: match them back by meta.
        return {r.expectation_config.meta["check_index"]: r for r in outcome.results}

    # Every check first as pass or fail only (GX then computes no lists of unexpected rows:
    # about 40% less work), then the checks that failed again in full, for the rows to name.
    # No check allows a share of failures (``mostly``), so a check that passed has none.
    by_index = run(list(range(len(specs))), dataset, {"result_format": "BOOLEAN_ONLY"})
    failed = [i for i, r in sorted(by_index.items()) if not r.success]
    if failed:
        complete = {"result_format": "COMPLETE", "unexpected_index_column_names": index_columns}
        by_index.update(run(failed, f"{dataset}_failed", complete))
    present = list(
        dict.fromkeys(
            src.raw_columns.get(c, c) for c in df.columns if c not in ("source_file", "source_row")
        )
    )
    return [
        _result_from_gx(dataset, spec, by_index[i], headers, present)
        for i, spec in enumerate(specs)
    ]


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
    sources = {d: source_of(d, frames[d]) for d in present}
    results: list[CheckResult] = []
    gx = _import_gx()
    if present:
        # One data asset and batch definition for every dataset (a batch per dataset from
        # it): GX writes its whole configuration again at each one added.
        whole = (
            _context(gx)
            .data_sources.add_pandas(name="evidence_pack")
            .add_dataframe_asset(name="dataset")
            .add_batch_definition_whole_dataframe(name="whole_dataframe")
        )
        for dataset in present:
            results.extend(
                _run_suite(
                    gx,
                    whole,
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
