"""Staff in post (one row per person, with start and qualification dates), leavers' qualifications.

Two raw datasets of the workforce family that the retention section reads:

* ``staff_in_post`` - one row per permanent member of staff in post at the workforce snapshot
  date: employee reference, service, team, job title, grade, FTE, start date (continuous service
  date), date qualified (optional) and whether they were appointed from the council's own agency
  workers (optional);
* ``leaver_qualifications`` - the date each leaver qualified, by employee reference.

Cleaners (registered with :func:`pipelines.core.cleaning.register_table_cleaner`) name file, row
and column in every problem; GX suites
(:func:`pipelines.core.validation_checks.register_suite`) check one row per person, FTE in
(0, 1] and dates not in the future.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from pipelines.core.cleaning import CleaningLog, register_table_cleaner
from pipelines.core.dataset_access import declare_grain
from pipelines.core.errors import Problem
from pipelines.core.mappings import load_mapping
from pipelines.core.sources import RawTable
from pipelines.core.table_cleaner import TableCleaner
from pipelines.core.validation_checks import (
    Check,
    between,
    in_set,
    not_in_future,
    not_null,
    register_suite,
    required_columns_check,
    unique,
)
from pipelines.core.validation_report import COLUMN_NAMES, REQUIRED_COLUMNS
from pipelines.datasets.workforce.clean import _grades, _job_titles

STAFF = "staff_in_post"
QUALIFICATIONS = "leaver_qualifications"
STAFF_COLUMNS = [
    "employee_ref",
    "service",
    "team",
    "job_title",
    "profession",
    "grade",
    "fte",
    "start_date",
    "date_qualified",
    "from_agency",
]
#: Spellings of yes and no in the "appointed from agency" column (case and spaces ignored).
YES = frozenset({"yes", "y", "true", "1"})
NO = frozenset({"no", "n", "false", "0"})


def _yes_no(c: TableCleaner, column: str) -> None:
    """Read a yes/no column into booleans; a blank is False; anything else is a problem."""
    out = []
    for row, value in zip(c.df["source_row"], c.df[column], strict=True):
        text = "" if value is None or pd.isna(value) else str(value).strip().casefold()
        if text in YES:
            out.append(True)
        elif text in NO or text == "":
            out.append(False)
        else:
            out.append(False)
            c.problem(
                "The answer is not yes or no.",
                row,
                column,
                value,
                '"Yes" or "No"',
                "Write Yes or No (or leave it blank for No) in the export.",
            )
    c.df[column] = out


def clean_staff_in_post(raw: RawTable, log: CleaningLog) -> tuple[pd.DataFrame, list[Problem]]:
    """Tidy the staff-in-post export: one row per permanent member of staff in post.

    Returns columns employee_ref, service, team, job_title (pack title), profession, grade, fte
    (fraction of full time), start_date, date_qualified (NaT when not given), from_agency
    (bool), plus source_file and source_row. Blank and totals rows are dropped; exact duplicate
    rows are dropped and logged.
    """
    c = TableCleaner(raw, "Staff in post", log)
    c.drop_blank_rows()
    c.drop_totals_rows("employee_ref")
    c.drop_exact_duplicates()
    for column in ("date_qualified", "from_agency", "team"):
        if column not in c.df.columns:
            c.df[column] = None
    c.tidy(["employee_ref", "service", "team", "job_title", "grade"])
    c.map_labels("service", load_mapping("services"), "service", "services.yml")
    _job_titles(c)
    _grades(c)
    c.numbers("fte")
    c.dates("start_date")
    c.dates("date_qualified", required=False)
    _yes_no(c, "from_agency")
    return c.finish(STAFF_COLUMNS), c.problems


def clean_leaver_qualifications(
    raw: RawTable, log: CleaningLog
) -> tuple[pd.DataFrame, list[Problem]]:
    """Tidy the leavers' qualification dates: columns employee_ref and date_qualified."""
    c = TableCleaner(raw, "Leavers' qualifications", log)
    c.drop_blank_rows()
    c.drop_totals_rows("employee_ref")
    c.drop_exact_duplicates()
    c.tidy(["employee_ref"])
    c.dates("date_qualified")
    return c.finish(["employee_ref", "date_qualified"]), c.problems


register_table_cleaner(STAFF, clean_staff_in_post)
register_table_cleaner(QUALIFICATIONS, clean_leaver_qualifications)
declare_grain(STAFF, "member of staff in post", person=True)
declare_grain(QUALIFICATIONS, "leaver (employee reference)", person=True)

REQUIRED_COLUMNS.update(
    {
        STAFF: ["employee_ref", "service", "job_title", "grade", "fte", "start_date"],
        QUALIFICATIONS: ["employee_ref", "date_qualified"],
    }
)
COLUMN_NAMES.update(
    {
        "employee_ref": "employee reference",
        "start_date": "start date",
        "date_qualified": "date qualified",
        "from_agency": "appointed from agency",
    }
)


def _one_row_per_person() -> list[Check]:
    return [
        not_null(
            "employee_ref",
            "Every row has an employee reference",
            "A row has no employee reference.",
            "Fill in the employee reference in the export.",
        ),
        unique(
            "employee_ref",
            "Each employee reference appears once",
            "The same employee reference appears on more than one row.",
            "each person listed once",
            "Remove the duplicate row, or correct the reference if it was mistyped.",
        ),
    ]


@register_suite(STAFF, "Staff in post")
def staff_suite(labels, today: dt.date, headers: dict[str, str]) -> list[Check]:
    """Checks on staff in post: one row per person, a known service, FTE in (0, 1], dates."""
    return [
        required_columns_check(STAFF, headers),
        *_one_row_per_person(),
        in_set(
            "service",
            labels.services,
            "Service is one of the pack's services",
            "The service is not one of the pack's services.",
            ", ".join(labels.services),
            "Correct the service, or add its spelling to config/mappings/services.yml.",
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
        not_in_future("start_date", today, "the start date", "Correct the start date."),
    ]


@register_suite(QUALIFICATIONS, "Leavers' qualifications")
def qualifications_suite(labels, today: dt.date, headers: dict[str, str]) -> list[Check]:
    """Checks on leavers' qualification dates: one row per leaver, dates not in the future."""
    return [
        required_columns_check(QUALIFICATIONS, headers),
        *_one_row_per_person(),
        not_in_future("date_qualified", today, "the date qualified", "Correct the date qualified."),
    ]
