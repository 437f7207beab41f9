"""The building blocks of validation: check definitions, the suite registries, rate checks.

The datasets' validate and plausibility modules build their checks from these: :class:`Check`
(one Great Expectations expectation with the words to report it) and the helpers ``in_set``,
``not_null``, ``unique``, ``between``, ``not_in_future``; :func:`rate_checks` for rates worked
out from the tidy data; the severity a review gives the checks on the meaning of the exports
(:func:`check_severity`), and the cross-dataset check that turns the notes cleaning made on
that meaning into results (:func:`meaning_checks`). The datasets register their suites and
cross-dataset checks here (:func:`register_suite`, :func:`register_cross_check`), and
:func:`pipelines.core.validation.validate_datasets` runs them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from pipelines.core.validation_report import (
    COLUMN_NAMES,
    CRITICAL,
    DATASET_NAMES,
    DERIVED_FROM,
    MAX_FOUND,
    REQUIRED_COLUMNS,
    WARNING,
    CheckResult,
    FailingRow,
)

if TYPE_CHECKING:
    from pipelines.core.validation_labels import Labels

__all__ = [
    "Check",
    "Rate",
    "as_date",
    "between",
    "cell_text",
    "check_severity",
    "discover_datasets",
    "in_set",
    "is_blank",
    "meaning_checks",
    "long_date",
    "not_in_future",
    "not_null",
    "rate_checks",
    "register_cross_check",
    "register_suite",
    "required_columns_check",
    "service_in_pack",
    "severity_hint",
    "unique",
]

#: What to do when a row's service is not one of the pack's.
SERVICE_HINT = (
    "Correct the service in the export, or add the export's label to "
    "config/mappings/services.yml under the service it means."
)

#: Earliest plausible continuous service start date.
EARLIEST_START = dt.date(1960, 1, 1)

_BLANK = "(blank)"


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
    """The critical check that a dataset has every column in ``REQUIRED_COLUMNS[dataset]``.

    ``headers`` maps canonical columns to the officer's headers, quoted in ``expected``; columns
    cleaning derives from another (``DERIVED_FROM``) are not quoted.
    """
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
    """A check that no value of ``column`` is blank (critical unless ``severity`` says)."""
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


def service_in_pack(services: Iterable[str], hint: str = SERVICE_HINT) -> Check:
    """A critical check that every row's service is one of the pack's ``services``."""
    services = list(services)
    return in_set(
        "service",
        services,
        "Service is one of the pack's services",
        "The service is not one of the pack's services.",
        one_of(services),
        hint,
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
    """A critical check that every value of ``column`` is one of ``values``."""
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
    """A critical check that every value of ``column`` is different from the others."""
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
    """A critical check that every value of ``column`` is within GX bounds (``min_value``...)."""
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


def not_below(
    column_a: str,
    column_b: str,
    *,
    check: str,
    what: str,
    expected: str,
    hint: str,
    flag_b: bool = False,
    pair_labels: bool = False,
    only_where_blank: str = "",
) -> Check:
    """A critical check that ``column_a`` is on or after (not below) ``column_b`` in every row.

    Rows where either value is missing are not checked; with ``only_where_blank``, only the rows
    where that column is blank are. A failing row names ``column_a`` as the value to correct
    (``column_b`` with ``flag_b``) and shows both values, that one first; ``pair_labels``
    labels them with their export headers. Used for date order (a leaving date not before the
    start date) and for amounts (the establishment FTE not below the FTE in post, ``flag_b``).
    """
    flagged, other = (column_b, column_a) if flag_b else (column_a, column_b)
    when = (
        {"row_condition": f"{only_where_blank}.isnull()", "condition_parser": "pandas"}
        if only_where_blank
        else {}
    )
    return Check(
        check=check,
        column=flagged,
        columns=(flagged, other, *((only_where_blank,) if only_where_blank else ())),
        severity=CRITICAL,
        make=lambda ge: ge.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A=column_a,
            column_B=column_b,
            or_equal=True,
            ignore_row_if="either_value_is_missing",
            severity=CRITICAL,
            **when,
        ),
        what=what,
        expected=expected,
        hint=hint,
        pair=(flagged, other),
        pair_labels=pair_labels,
    )


def not_in_future(column: str, today: dt.date, noun: str, hint: str) -> Check:
    """A critical check that every date of ``column`` is on or before ``today`` (the build date)."""
    return between(
        column,
        f"{noun.capitalize()} is not in the future",
        f"{noun.capitalize()} is in the future.",
        f"a date on or before {date_text(today)} (the date of this build)",
        hint,
        max_value=future_limit(today),
        strict_max=True,
    )


def is_blank(value: Any) -> bool:
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
    if is_blank(value):
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


#: The severity of a check whose rows are only counted in the cleaning log (no warning).
LOG = "log"

#: Default severity of each check on the meaning of the exports, by its key in the review
#: config's ``plausibility: checks:`` (``pipelines.core.plausibility_settings.ExportChecks``);
#: why each is what it is: README, "Data checks".
MEANING_CHECKS = {
    "subtotal_rows": CRITICAL,
    "fte_per_post": CRITICAL,
    "pay_period": CRITICAL,
    "survey_scale_direction": CRITICAL,
    "vacancy_identity": CRITICAL,
    "zero_caseloads": WARNING,
    "contradicting_exports": WARNING,
    "hidden_rows": WARNING,
    "total_rows": LOG,
}
#: Severities at which a noted check gives no result of its own, because what the pack does is
#: already said elsewhere: hidden rows as a warning are the reader's warning (printed and in the
#: appendix), total rows at ``log`` are left out and counted in the cleaning log's rows table.
SAID_ELSEWHERE = {"hidden_rows": WARNING, "total_rows": LOG}


def check_severity(settings: Mapping[str, Any] | None, key: str) -> str:
    """The severity the review gives a check on meaning (``plausibility: checks: <key>``).

    ``settings["checks"]`` maps keys of :data:`MEANING_CHECKS` to ``"warning"`` or
    ``"critical"`` (or :data:`LOG`, for ``total_rows``); a key it does not give takes its
    default from :data:`MEANING_CHECKS`.
    """
    given = ((settings or {}).get("checks") or {}).get(key)
    return str(given) if given in (WARNING, CRITICAL, LOG) else MEANING_CHECKS[key]


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
    sums, rows labelled as totals, rows hidden in Excel, workers holding no cases, survey codes
    whose direction is not known, non-answers) in the tidy frame's ``attrs["meaning_checks"]``
    (``TableCleaner.note``). A note whose severity is the one :data:`SAID_ELSEWHERE` names
    gives no result (hidden rows as a warning: the reader's warning says it already; total
    rows at ``log``: counted in the cleaning log).
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
            if SAID_ELSEWHERE.get(note["key"]) == severity:
                continue
            left_out = note["key"] in ("subtotal_rows", "zero_caseloads", "total_rows")
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
