"""Checks of the HR leavers, exit-interview and establishment datasets (GX 1.x suites).

Each suite is registered with :func:`pipelines.core.validation_checks.register_suite`; the
checks that compare leavers with exit-interview forms are registered with
:func:`pipelines.core.validation_checks.register_cross_check`.
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
    cell_text,
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
    CRITICAL,
    CROSS_DATASET,
    WARNING,
    CheckResult,
    FailingRow,
)
from pipelines.datasets.leavers.clean import (
    ESTABLISHMENT_COLUMNS,
    EXIT_FORM_COLUMNS,
    EXIT_RATING_COLUMNS,
    LEAVERS_COLUMNS,
)


def service_checks(labels: Labels) -> list[Check]:
    """Service and profession present and among the pack's labels (critical).

    Shared by the leavers, exit-interview and establishment suites; the leavers suite takes only
    the two service checks, since a leaver's profession comes from the job title.
    """
    services = labels.services
    professions = labels.professions
    return [
        not_null(
            "service",
            "Every row has a service",
            "The service is blank.",
            "Fill in the service in the export.",
        ),
        service_in_pack(services),
        not_null(
            "profession",
            "Every row has a profession",
            "The profession is blank.",
            "Fill in the profession in the export.",
        ),
        in_set(
            "profession",
            professions,
            "Profession is one of the pack's professions",
            "The profession is not one of the pack's professions.",
            one_of(professions),
            "Correct the profession in the export, or add the export's label to "
            "professions in config/mappings/values.yml.",
        ),
    ]


@register_suite("leavers", "Leavers", required=LEAVERS_COLUMNS)
def leavers_checks(labels: Labels, today: dt.date, headers: dict[str, str]) -> list[Check]:
    """HR leavers extract: one row per leaver, known service, role, profession and reason.

    Also checks the FTE (more than 0, at most 1.0), that the leaving date is not before the
    service start date nor after ``today`` (the build date), and that the start date is not
    implausibly early. ``headers`` maps tidy column names to the export's headers, for messages.
    """
    start, leave = headers["service_start_date"], headers["leaving_date"]
    title_hint = (
        "Correct the job title in the export, or add it to "
        "config/mappings/job_titles.yml with its role and profession."
    )
    date_hint = "Correct the date in the export, or remove the row if it is not a leaver."
    return [
        required_columns_check("leavers", headers),
        not_null(
            "employee_ref",
            "Every leaver has an employee reference",
            "A leaver has no employee reference.",
            "Fill in the employee reference in the export.",
        ),
        unique(
            "employee_ref",
            "Each employee reference appears once",
            "The same employee reference appears on more than one row.",
            "each leaver listed once",
            "Remove the duplicate row, or correct the reference if it was mistyped.",
        ),
        *service_checks(labels)[:2],
        not_null(
            "role",
            "Every leaver's job title gives a role",
            "The job title does not give a role.",
            title_hint,
            expected="a job title listed in config/mappings/job_titles.yml",
        ),
        in_set(
            "role",
            labels.roles,
            "Role is one of the pack's roles",
            "The job title gives a role the pack does not know.",
            one_of(labels.roles),
            title_hint,
            found_column="job_title",
        ),
        not_null(
            "profession",
            "Every leaver's job title gives a profession",
            "The job title does not give a profession.",
            title_hint,
            expected="a job title listed in config/mappings/job_titles.yml",
        ),
        in_set(
            "profession",
            labels.professions,
            "Profession is one of the pack's professions",
            "The job title gives a profession the pack does not know.",
            one_of(labels.professions),
            title_hint,
            found_column="job_title",
        ),
        not_null(
            "leaving_reason",
            "Every leaver has a leaving reason",
            "The leaving reason is blank.",
            "Fill in the leaving reason in the export.",
        ),
        in_set(
            "leaving_reason",
            labels.leaving_reasons,
            "Leaving reason is one of the pack's reasons",
            "The leaving reason is not one of the pack's reasons.",
            one_of(labels.leaving_reasons),
            "Correct the reason in the export, or add the HR label to "
            "config/mappings/leaving_reasons.yml under the reason it means.",
            found_column="leaving_reason_hr",
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
        not_null(
            "service_start_date",
            "Every leaver has a service start date",
            "The service start date is blank.",
            date_hint,
            expected="a date",
        ),
        not_null(
            "leaving_date",
            "Every leaver has a leaving date",
            "The leaving date is blank.",
            date_hint,
            expected="a date",
        ),
        not_below(
            "leaving_date",
            "service_start_date",
            check="Leaving date is on or after the start date",
            what="The leaving date is before the service start date.",
            expected=f'a leaving date on or after the date in "{start}"',
            hint=date_hint,
            pair_labels=True,
        ),
        not_in_future(
            "leaving_date",
            today,
            "the leaving date",
            "Correct the date in the export, or remove the row if the person has "
            f'not left yet. ("{leave}" must be on or before the build date.)',
        ),
        between(
            "service_start_date",
            f"Service start date is not before {date_text(EARLIEST_START)}",
            "The service start date is implausibly early.",
            f"a date on or after {date_text(EARLIEST_START)}",
            "Correct the date in the export (a blank date sometimes exports as 1900).",
            min_value=pd.Timestamp(EARLIEST_START),
        ),
    ]


@register_suite("exit_interviews", "Exit interviews", required=EXIT_FORM_COLUMNS)
def exit_interview_checks(labels: Labels, today: dt.date, headers: dict[str, str]) -> list[Check]:
    """Exit-interview forms: unique form numbers, known service and profession, Yes/No answers.

    A form that does not answer the return question is a warning (it is left out of that
    figure); a date received after ``today`` (the build date) is critical.
    """
    return [
        required_columns_check("exit_interviews", headers),
        not_null(
            "form_id",
            "Every form has a form number",
            "A form has no form number.",
            "Fill in the form number in the export.",
        ),
        unique(
            "form_id",
            "Each form number appears once",
            "The same form number appears on more than one row.",
            "each form listed once",
            "Remove the duplicate form, or correct the form number.",
        ),
        *service_checks(labels),
        in_set(
            "would_consider_returning",
            [True, False],
            "The return question is answered Yes or No",
            "The answer to the return question is not Yes or No.",
            '"Yes", "No" or blank',
            "Correct the answer in the export, or add the spelling to yes_no in "
            "config/mappings/values.yml.",
        ),
        not_null(
            "would_consider_returning",
            "Every form answers the return question",
            "The form does not answer the return question.",
            "No action needed; the form is left out of the return-question figures.",
            severity=WARNING,
            expected='"Yes" or "No"',
        ),
        not_in_future(
            "date_received", today, "the date received", "Correct the date received in the export."
        ),
    ]


@register_suite("exit_ratings", "Exit interview ratings", required=EXIT_RATING_COLUMNS)
def exit_rating_checks(labels: Labels, today: dt.date, headers: dict[str, str]) -> list[Check]:
    """Exit-interview ratings: every rating names its aspect and is one of the pack's ratings."""
    return [
        required_columns_check("exit_ratings", headers),
        not_null(
            "aspect",
            "Every rating names the aspect rated",
            "A rating has no aspect.",
            "Check the rated-aspect headers in the export.",
        ),
        in_set(
            "rating",
            labels.ratings,
            "Rating is Excellent, Good, Average or Poor"
            if list(labels.ratings) == ["Excellent", "Good", "Average", "Poor"]
            else "Rating is one of the pack's ratings",
            "The rating is not one of the pack's ratings.",
            one_of(labels.ratings),
            "Correct the rating on the form, or add the spelling to ratings in "
            "config/mappings/values.yml.",
            row_column="source_column",
        ),
    ]


@register_suite("establishment", "Establishment", required=ESTABLISHMENT_COLUMNS)
def establishment_checks(labels: Labels, today: dt.date, headers: dict[str, str]) -> list[Check]:
    """Establishment: one row per service and profession, posts (a count) not negative."""
    return [
        required_columns_check("establishment", headers),
        Check(
            check="Each service and profession appears once",
            column="service",
            columns=("service", "profession"),
            severity=CRITICAL,
            make=lambda ge: ge.ExpectCompoundColumnsToBeUnique(
                column_list=["service", "profession"], severity=CRITICAL
            ),
            what="The same service and profession appear on more than one row.",
            expected="one row per service and profession",
            hint="Combine the rows into one with the total posts, or remove the duplicate.",
            pair=("service", "profession"),
        ),
        between(
            "posts",
            "Number of posts is not negative",
            "The number of posts is negative.",
            "0 or more",
            "Correct the number of posts in the export.",
            min_value=0,
        ),
        *service_checks(labels),
    ]


@register_cross_check(CROSS_DATASET)
def leavers_and_exit_form_checks(
    frames: Mapping[str, pd.DataFrame], settings: Mapping[str, Any]
) -> list[CheckResult]:
    """Leavers against exit-interview forms (warnings, never stopping the build).

    Every form's employee reference should be among the leavers, and in each service the forms
    returned should be at least ``settings["return_rate_threshold"]`` (a fraction, default 0.5)
    of the leavers.
    """
    threshold = float(settings.get("return_rate_threshold", 0.5))
    leavers, forms = frames.get("leavers"), frames.get("exit_interviews")
    if leavers is None or forms is None:
        return []
    results: list[CheckResult] = []
    if "employee_ref" in leavers.columns and "employee_ref" in forms.columns:
        known = set(leavers["employee_ref"].dropna().astype(str))
        refs = forms["employee_ref"]
        unmatched = forms[refs.isna() | ~refs.astype(str).isin(known)]
        rows_col = (
            unmatched["source_row"]
            if "source_row" in unmatched.columns
            else pd.Series(unmatched.index + 2, index=unmatched.index)
        )
        failures = [
            FailingRow(int(r), cell_text(v))
            for r, v in zip(rows_col, unmatched["employee_ref"], strict=True)
        ]
        results.append(
            CheckResult.of_failures(
                failures,
                dataset=CROSS_DATASET,
                check="Every exit-interview form's employee reference is among the leavers",
                column="employee_ref",
                severity=WARNING,
                expected="an employee reference in the leavers file",
                what="An exit-interview form's employee reference is not in the leavers file.",
                hint="Check the employee reference on the form against the leavers file.",
            )
        )
    if "service" in leavers.columns and "service" in forms.columns:
        leaver_counts = leavers["service"].dropna().value_counts()
        form_counts = forms["service"].dropna().value_counts()
        for service in sorted(leaver_counts.index, key=str):
            n_leavers = int(leaver_counts[service])
            n_forms = int(form_counts.get(service, 0))
            rate = n_forms / n_leavers
            ok = rate >= threshold
            results.append(
                CheckResult(
                    dataset=CROSS_DATASET,
                    check=(
                        f"Exit-interview return rate for {service} is at least "
                        f"{threshold:.0%} (it is {rate:.0%}: {n_forms} form"
                        f"{'s' if n_forms != 1 else ''} for {n_leavers} leaver"
                        f"{'s' if n_leavers != 1 else ''})"
                    ),
                    column="service",
                    severity=WARNING,
                    success=ok,
                    unexpected_count=0 if ok else max(n_leavers - n_forms, 0),
                    rows=[],
                    found=[] if ok else [f"{rate:.0%}"],
                    expected=f"at least {threshold:.0%} of leavers return a form",
                    what=f"Few leavers from {service} returned an exit-interview form "
                    f"({rate:.0%}).",
                    hint="Treat the exit-interview findings for this service with caution.",
                )
            )
    return results
