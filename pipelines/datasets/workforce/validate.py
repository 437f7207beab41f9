"""Great Expectations suites for the workforce and cost datasets, and their cross-checks.

One suite per tidy table (``workforce_snapshot``, ``pay_rates``, ``caseloads``,
``market_supplements``), registered with :func:`pipelines.core.validation_checks.register_suite` so
that the validation step runs them with the others. Critical failures stop the build with the
file, Excel row and column: a negative FTE, agency FTE above the establishment, a duplicate
post, a caseload FTE outside 0-1, a negative supplement.

Two checks span datasets and so cannot be GX expectations on one table: every grade in the
workforce snapshot and the caseload extract must be in the pay table, and every post and grade
must have a pay rate. :func:`pay_table_checks` is registered with
:func:`pipelines.core.validation_checks.register_cross_check`, so the one validation step
(``evidence-pack validate`` and the build alike) runs it and stops, naming the file, Excel row
and grade column, before any section computes anything from the pay table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import pandas as pd

from pipelines.core.validation_checks import (
    EARLIEST_START,
    Check,
    between,
    date_text,
    in_set,
    not_below,
    not_in_future,
    not_null,
    one_of,
    register_cross_check,
    register_suite,
    required_columns_check,
    service_in_pack,
    unique,
)
from pipelines.core.validation_labels import Labels
from pipelines.core.validation_report import (
    COLUMN_NAMES,
    CRITICAL,
    DERIVED_FROM,
    REQUIRED_COLUMNS,
    WARNING,
    CheckResult,
    FailingRow,
)

SNAPSHOT = "workforce_snapshot"
PAY = "pay_rates"
CASELOADS = "caseloads"
SUPPLEMENTS = "market_supplements"

FTE_COLUMNS = ("establishment_fte", "permanent_fte", "agency_fte", "vacant_fte")
MONEY_COLUMNS = ("employer_ni", "market_supplement", "car_allowance")
CASE_COLUMNS = (
    "looked_after",
    "child_protection",
    "children_in_need",
    "care_leavers",
    "total_cases",
)

REQUIRED_COLUMNS.update(
    {
        SNAPSHOT: ["service", "team", "job_title", "profession", "grade", *FTE_COLUMNS],
        PAY: ["service", "job_title", "grade", "salary", *MONEY_COLUMNS, "annual_cost"],
        CASELOADS: [
            "worker_id",
            "service",
            "team",
            "job_title",
            "grade",
            "worker_type",
            "fte",
            "date_qualified",
            *CASE_COLUMNS,
        ],
        SUPPLEMENTS: [
            "register_title",
            "grades",
            "market_supplement",
            "compared_to_last_year",
            "change",
            "previous_supplement",
        ],
    }
)
COLUMN_NAMES.update(
    {
        "establishment_fte": "establishment FTE",
        "permanent_fte": "permanent FTE",
        "agency_fte": "agency FTE",
        "vacant_fte": "vacant FTE",
        "salary": "salary",
        "employer_ni": "employer's National Insurance",
        "market_supplement": "market supplement",
        "car_allowance": "car allowance",
        "annual_cost": "annual cost",
        "worker_id": "worker ID",
        "worker_type": "worker type",
        "date_qualified": "date qualified",
        "looked_after": "looked-after children cases",
        "child_protection": "child protection cases",
        "children_in_need": "children in need cases",
        "care_leavers": "care leaver cases",
        "total_cases": "total cases",
        "register_title": "job title",
        "grades": "grade",
        "job_titles": "job title",
        "compared_to_last_year": "change on last year",
        "change": "change on last year",
        "previous_supplement": "last year's supplement",
        "change_amount": "change on last year",
    }
)
DERIVED_FROM.update(
    {
        (SNAPSHOT, "profession"): "job_title",
        (PAY, "annual_cost"): "salary",
        (SUPPLEMENTS, "register_title"): "job_title",
        (SUPPLEMENTS, "job_titles"): "job_title",
        (SUPPLEMENTS, "grades"): "grade",
        (SUPPLEMENTS, "change"): "compared_to_last_year",
        (SUPPLEMENTS, "previous_supplement"): "compared_to_last_year",
    }
)


def _cap(text: str) -> str:
    """Text with its first letter in capitals and the rest as written ("FTE" stays "FTE")."""
    return text[:1].upper() + text[1:]


FTE_HINT = (
    "Correct the FTE in the export: it is a number of full-time equivalent posts (0 or more)."
)


def _workforce_titles() -> list[str]:
    from pipelines.datasets.workforce.clean import job_title_table

    return list(job_title_table())


def _service_in_set(labels: Labels) -> list[Check]:
    return [
        not_null(
            "service",
            "Every row has a service",
            "The service is blank.",
            "Fill in the service in the export.",
        ),
        service_in_pack(labels.services),
    ]


def job_title_in_pack() -> Check:
    """A critical check that every row's job title is one of the pack's workforce job titles."""
    titles = _workforce_titles()
    return in_set(
        "job_title",
        titles,
        "Job title is one of the pack's workforce job titles",
        "The job title is not one the pack knows.",
        one_of(titles),
        "Correct the job title, or add its spelling to job_titles in "
        "config/mappings/workforce.yml.",
    )


def _title_and_grade() -> list[Check]:
    return [
        job_title_in_pack(),
        not_null(
            "grade",
            "Every row has a grade",
            "The grade is blank.",
            "Fill in the grade in the export.",
            expected="a pay grade such as M1",
        ),
    ]


def _not_above_establishment(column: str, noun: str) -> Check:
    return not_below(
        "establishment_fte",
        column,
        check=f"{noun.capitalize()} FTE is not above the establishment FTE",
        what=f"The {noun} FTE is above the establishment FTE.",
        expected=f"{noun} FTE no more than the establishment FTE of the same row",
        hint=f"Correct the {noun} FTE or the establishment FTE in the export; agency workers "
        "covering absent permanent staff still count against the post they cover.",
        flag_b=True,
        pair_labels=True,
    )


@register_suite(SNAPSHOT, "Workforce snapshot")
def snapshot_suite(labels: Labels, today: dt.date, headers: dict[str, str]) -> list[Check]:
    """Checks on the workforce snapshot: labels, FTE not negative, FTE within establishment."""
    return [
        required_columns_check(SNAPSHOT, headers),
        *_service_in_set(labels),
        *_title_and_grade(),
        *[
            between(
                c,
                f"{_cap(COLUMN_NAMES[c])} is not negative",
                f"The {COLUMN_NAMES[c]} is negative.",
                "0 or more",
                FTE_HINT,
                min_value=0,
            )
            for c in FTE_COLUMNS
        ],
        _not_above_establishment("agency_fte", "agency"),
        _not_above_establishment("permanent_fte", "permanent"),
        _not_above_establishment("vacant_fte", "vacant"),
        Check(
            check="Each service, team, job title and grade appears once",
            column="job_title",
            columns=("service", "team", "job_title", "grade"),
            severity=CRITICAL,
            make=lambda ge: ge.ExpectCompoundColumnsToBeUnique(
                column_list=["service", "team", "job_title", "grade"], severity=CRITICAL
            ),
            what="The same post appears on more than one row.",
            expected="one row per service, team, job title and grade",
            hint="Add the rows together into one, or remove the duplicate.",
            pair=("team", "job_title"),
        ),
    ]


@register_suite(PAY, "Pay rates")
def pay_suite(labels: Labels, today: dt.date, headers: dict[str, str]) -> list[Check]:
    """Checks on the pay table: one row per post and grade, salary above 0, amounts not negative."""
    return [
        required_columns_check(PAY, headers),
        *_service_in_set(labels),
        *_title_and_grade(),
        Check(
            check="Each service, job title and grade has one pay rate",
            column="grade",
            columns=("service", "job_title", "grade"),
            severity=CRITICAL,
            make=lambda ge: ge.ExpectCompoundColumnsToBeUnique(
                column_list=["service", "job_title", "grade"], severity=CRITICAL
            ),
            what="The same post and grade has more than one pay rate.",
            expected="one row per service, job title and grade",
            hint="Keep the pay rate the council costs the post at and remove the other, or "
            "state which rate it costs at under pay_rates in the review configuration "
            "(pay_rows: highest, lowest, mean or first).",
            pair=("job_title", "grade"),
        ),
        between(
            "salary",
            "Salary is more than 0",
            "The salary is not more than 0.",
            "an annual salary in pounds, more than 0",
            "Correct the salary in the export.",
            min_value=0,
            strict_min=True,
        ),
        *[
            between(
                c,
                f"{_cap(COLUMN_NAMES[c])} is not negative",
                f"The {COLUMN_NAMES[c]} is negative.",
                "0 or more (pounds a year)",
                "Correct the amount in the export.",
                min_value=0,
            )
            for c in MONEY_COLUMNS
        ],
    ]


@register_suite(CASELOADS, "Caseloads")
def caseload_suite(labels: Labels, today: dt.date, headers: dict[str, str]) -> list[Check]:
    """Checks on the caseload extract: one row per worker, FTE in (0, 1], counts not negative."""
    from pipelines.datasets.workforce.clean import workforce_mapping

    types = list(workforce_mapping()["worker_types"])
    return [
        required_columns_check(CASELOADS, headers),
        not_null(
            "worker_id",
            "Every worker has a worker ID",
            "A worker has no worker ID.",
            "Fill in the worker ID in the export.",
        ),
        unique(
            "worker_id",
            "Each worker ID appears once",
            "The same worker ID appears on more than one row.",
            "each worker listed once",
            "Remove the duplicate row, or correct the ID if it was mistyped.",
        ),
        *_service_in_set(labels),
        *_title_and_grade(),
        in_set(
            "worker_type",
            types,
            "Worker type is permanent or agency",
            "The worker type is not one the pack knows.",
            one_of(types),
            "Correct the worker type, or add its spelling to worker_types in "
            "config/mappings/workforce.yml.",
        ),
        between(
            "fte",
            "FTE is more than 0 and at most 1.0",
            "The FTE is out of range.",
            "more than 0 and at most 1.0 (e.g. 0.6 for three days a week)",
            "Correct the FTE in the export; it is a fraction of full time, not hours.",
            min_value=0,
            max_value=1.0,
            strict_min=True,
        ),
        *[
            between(
                c,
                f"{_cap(COLUMN_NAMES[c])} are not negative",
                f"The number of {COLUMN_NAMES[c]} is negative.",
                "0 or more",
                "Correct the count in the export.",
                min_value=0,
            )
            for c in CASE_COLUMNS
        ],
        not_in_future(
            "date_qualified",
            today,
            "the date qualified",
            "Correct the date qualified in the export.",
        ),
        between(
            "date_qualified",
            f"Date qualified is not before {date_text(EARLIEST_START)}",
            "The date qualified is implausibly early.",
            f"a date on or after {date_text(EARLIEST_START)}",
            "Correct the date in the export (a blank date sometimes exports as 1900).",
            min_value=pd.Timestamp(EARLIEST_START),
        ),
    ]


@register_suite(SUPPLEMENTS, "Market supplements")
def supplement_suite(labels: Labels, today: dt.date, headers: dict[str, str]) -> list[Check]:
    """Checks on the market supplement register: amounts and last year's amounts not negative."""
    return [
        required_columns_check(SUPPLEMENTS, headers),
        between(
            "market_supplement",
            "Market supplement is not negative",
            "The market supplement is negative.",
            "0 or more (pounds a year)",
            "Correct the supplement in the register.",
            min_value=0,
        ),
        between(
            "previous_supplement",
            "Last year's supplement (this year's less the change) is not negative",
            "The change on last year is larger than the supplement.",
            "a change no larger than the supplement itself",
            "Correct the supplement or the change in the register.",
            min_value=0,
        ),
        not_null(
            "job_titles",
            "Each entry names a job title in the workforce snapshot",
            "The register entry names no job title the workforce snapshot uses, so its "
            "cost cannot be worked out.",
            "No action needed if the post is outside the snapshot; otherwise add the "
            "title's spelling to job_titles in config/mappings/workforce.yml.",
            severity=WARNING,
            expected="a job title listed in config/mappings/workforce.yml",
        ),
    ]


# --------------------------------------------------------------------------------------------
# Checks across datasets


def _result(
    dataset: str, check: str, failures: list[FailingRow], what: str, expected: str, hint: str
) -> CheckResult:
    return CheckResult.of_failures(
        failures,
        dataset=dataset,
        check=check,
        column="grade",
        severity=CRITICAL,
        expected=expected,
        what=what,
        hint=hint,
    )


#: Name of the workforce cross-check in :data:`pipelines.core.validation_checks.CROSS_CHECKS`.
PAY_TABLE_CHECKS = "workforce_and_pay_table"


@register_cross_check(PAY_TABLE_CHECKS)
def pay_table_checks(
    frames: Mapping[str, pd.DataFrame], settings: Mapping[str, Any] | None = None
) -> list[CheckResult]:
    """Grades and posts of the snapshot and caseload extract against the pay table.

    Parameters
    ----------
    frames : mapping of str to pandas.DataFrame
        Tidy tables keyed ``workforce_snapshot``, ``caseloads`` and ``pay_rates`` (any may be
        absent: its checks are skipped).
    settings : mapping, optional
        The review's validation settings (unused: these checks have no threshold).

    Returns
    -------
    list of CheckResult
        Per dataset checked, two critical results naming its rows: every grade is in the pay
        table; every (service, job title, grade) has a pay rate (rows whose grade is missing
        altogether are reported only by the first).

    """
    pay = frames.get(PAY)
    if pay is None:
        return []
    grades = sorted(set(pay["grade"].dropna()))
    posts = set(zip(pay["service"], pay["job_title"], pay["grade"], strict=True))
    results = []
    for dataset, noun in ((SNAPSHOT, "workforce snapshot"), (CASELOADS, "caseload extract")):
        df = frames.get(dataset)
        if df is None:
            continue
        unknown, unpriced = [], []
        for row, service, title, grade in zip(
            df["source_row"], df["service"], df["job_title"], df["grade"], strict=True
        ):
            if grade is None or pd.isna(grade):
                continue
            if grade not in grades:
                unknown.append(FailingRow(int(row), str(grade)))
            elif (service, title, grade) not in posts:
                unpriced.append(FailingRow(int(row), f"{title} at {grade} ({service})"))
        results.append(
            _result(
                dataset,
                f"Every grade in the {noun} is in the pay table",
                unknown,
                "The grade is not in the pay table.",
                one_of(grades),
                "Correct the grade, or add the grade's pay rates to the pay table.",
            )
        )
        results.append(
            _result(
                dataset,
                f"Every post and grade in the {noun} has a pay rate",
                unpriced,
                "The post has no pay rate at this grade.",
                "a row in the pay table for the same service, job title and grade",
                "Correct the grade, or add a pay rate for this post and grade to the pay table.",
            )
        )
    return results
