"""The agency spend export: one row per agency assignment, timesheet or invoice.

The honest source of what an agency worker costs the council (issue 22): the workforce section
works out the average annual cost of an agency worker from these rows
(:mod:`pipelines.sections.workforce.agency_rate`) instead of an hourly rate assumed in the
review's parameters. Each row gives the role (job title) and service, the period it covers
(``period_start`` to ``period_end``) and what was charged, in one of three ways:

* ``hourly_rate`` (pounds an hour, the agency's charge rate including its margin) with
  ``hours`` (hours charged) or ``weeks`` (weeks charged);
* ``charge`` (pounds charged for the row's period) with ``hours`` or ``weeks``;
* ``weekly_charge`` (pounds a week) with ``weeks`` or ``hours``.

Headers are matched through ``config/mappings/columns.yml`` (``agency_spend``), labels through
``services.yml`` and ``workforce.yml`` (job titles), so another council's layout needs only its
spellings added. The columns of the three ways are optional one by one, but a row must give a
charge (rate, charge or weekly charge) and a quantity (hours or weeks): a missing column or a
blank cell is a problem naming the file, row and column. Checks on values (a negative rate, a
period ending before it starts, an hourly rate outside £15 to £150) are the GX suite below.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from pipelines.core.cells import is_blank
from pipelines.core.cleaning import CleaningLog, register_table_cleaner
from pipelines.core.dataset_access import declare_grain
from pipelines.core.errors import Problem
from pipelines.core.mappings import load_mapping
from pipelines.core.sources import OPTIONAL_COLUMNS, RawTable
from pipelines.core.table_cleaner import TableCleaner
from pipelines.core.validation_checks import (
    Check,
    between,
    not_below,
    not_null,
    register_suite,
    required_columns_check,
    service_in_pack,
)
from pipelines.core.validation_labels import Labels
from pipelines.core.validation_report import (
    COLUMN_NAMES,
    REQUIRED_COLUMNS,
    WARNING,
)

DATASET = "agency_spend"
#: The charge of a row: at least one of these columns (pounds an hour, pounds, pounds a week).
CHARGE_COLUMNS = ("hourly_rate", "charge", "weekly_charge")
#: The quantity of a row: at least one of these columns (hours, weeks).
QUANTITY_COLUMNS = ("hours", "weeks")
OPTIONAL = ("assignment_ref", *CHARGE_COLUMNS, *QUANTITY_COLUMNS)
OPTIONAL_COLUMNS[DATASET] = OPTIONAL
COLUMNS = [
    "assignment_ref",
    "service",
    "job_title",
    "profession",
    "period_start",
    "period_end",
    *CHARGE_COLUMNS,
    *QUANTITY_COLUMNS,
]
#: An agency charge rate outside this range (pounds an hour) is a warning: a typing error, a
#: weekly charge in the hourly column, or a rate for another kind of worker.
PLAUSIBLE_HOURLY = (15.0, 150.0)

REQUIRED_COLUMNS[DATASET] = ["service", "job_title", "period_start", "period_end"]
COLUMN_NAMES.update(
    {
        "hourly_rate": "hourly charge rate",
        "charge": "charge",
        "weekly_charge": "weekly charge",
        "hours": "hours",
        "weeks": "weeks",
        "period_start": "period start",
        "period_end": "period end",
        "assignment_ref": "assignment reference",
    }
)


def _headers(c: TableCleaner, columns: tuple[str, ...]) -> str:
    """The first header of each column as ``columns.yml`` lists it, quoted, joined with "or"."""
    known = load_mapping("columns").get(DATASET, {})
    return " or ".join(f'"{(known.get(col) or [col])[0]}"' for col in columns)


def clean_agency_spend(raw: RawTable, log: CleaningLog) -> tuple[pd.DataFrame, list[Problem]]:
    """Tidy the agency spend export: one row per assignment, timesheet or invoice.

    Returns columns assignment_ref, service, job_title (pack title), profession, period_start,
    period_end (dates), hourly_rate (pounds an hour), charge (pounds for the row), weekly_charge
    (pounds a week), hours and weeks (as exported; blank where the export has no such column or
    the row leaves it blank), plus source_file and source_row.

    A problem (file, row, column, expected, what to do) when the export has no charge column
    (none of hourly rate, charge, weekly charge) or no quantity column (neither hours nor
    weeks), or a row gives no charge or no quantity.
    """
    c = TableCleaner(raw, "Agency spend", log)
    present = {col: col in c.df.columns and col not in c.absent for col in OPTIONAL}
    for col in OPTIONAL:
        if not present[col]:
            c.df[col] = None
    c.drop_blank_rows()
    c.drop_totals_rows("service", "job_title")
    c.tidy(["assignment_ref", "service", "job_title"])
    c.map_labels("service", load_mapping("services"), "service", "services.yml")
    table = load_mapping("workforce")["job_titles"]
    c.map_labels(
        "job_title",
        {t: list(s.get("variants") or []) for t, s in table.items()},
        "job title",
        "workforce.yml (job_titles)",
    )
    c.df["profession"] = c.df["job_title"].map(lambda t: table.get(t, {}).get("profession"))
    c.dates("period_start")
    c.dates("period_end")
    first_row = int(c.df["source_row"].iloc[0]) if len(c.df) else 2
    for group, words, unit in (
        (CHARGE_COLUMNS, "what the agency charged", "pounds an hour, pounds, or pounds a week"),
        (QUANTITY_COLUMNS, "how much work was charged", "hours or weeks"),
    ):
        if not any(present[col] for col in group):
            c.problem(
                f"The agency spend export has no column saying {words}.",
                first_row,
                group[0],
                "columns: " + ", ".join(str(h) for h in raw.raw_columns.values()),
                f"a column headed {_headers(c, group)} ({unit})",
                "Export the column from the agency or finance system, or add the export's "
                "header to config/mappings/columns.yml under agency_spend.",
            )
    for col in (*CHARGE_COLUMNS, *QUANTITY_COLUMNS):
        if present[col]:
            _optional_numbers(c, col)
    if not c.problems:
        for row, *cells in zip(
            c.df["source_row"],
            *(c.df[col] for col in (*CHARGE_COLUMNS, *QUANTITY_COLUMNS)),
            strict=True,
        ):
            charges, quantities = cells[: len(CHARGE_COLUMNS)], cells[len(CHARGE_COLUMNS) :]
            for group, values, words in (
                (CHARGE_COLUMNS, charges, "no charge (hourly rate, charge or weekly charge)"),
                (QUANTITY_COLUMNS, quantities, "no hours or weeks"),
            ):
                if all(pd.isna(v) for v in values):
                    col = next(g for g in group if present[g])
                    c.problem(
                        f"A row gives {words}.",
                        row,
                        col,
                        "(blank)",
                        f"a number in {_headers(c, tuple(g for g in group if present[g]))}",
                        "Fill in the amount from the timesheet or invoice, or remove the row.",
                    )
    return c.finish(COLUMNS), c.problems


def _optional_numbers(c: TableCleaner, column: str) -> None:
    """Read a number column whose cells may be blank (a row may give another column instead).

    Blank cells stay blank (NaN); every other cell must read as a number (pounds written with
    £ and thousands commas are read), else a problem naming the cell.
    """
    blank = c.df[column].map(is_blank)
    filled = c.df.loc[~blank]
    if filled.empty:
        c.df[column] = float("nan")
        return
    keep, c.df = c.df, filled.copy()
    c.df[column] = [
        str(v).replace("\u00a3", "").strip() if isinstance(v, str) else v for v in c.df[column]
    ]
    c.numbers(column, expected=f"a number ({COLUMN_NAMES[column]})")
    values = c.df[column].astype(float)
    c.df = keep
    c.df[column] = float("nan")
    c.df.loc[values.index, column] = values


def _warn_between(column: str, check: str, what: str, expected: str, hint: str, **kw) -> Check:
    """A warning (not critical) that every value of ``column`` is within GX bounds."""
    return Check(
        check=check,
        column=column,
        columns=(column,),
        severity=WARNING,
        make=lambda ge: ge.ExpectColumnValuesToBeBetween(column=column, severity=WARNING, **kw),
        what=what,
        expected=expected,
        hint=hint,
    )


@register_suite(DATASET, "Agency spend")
def agency_spend_suite(labels: Labels, today: dt.date, headers: dict[str, str]) -> list[Check]:
    """Checks on the agency spend export: labels, amounts not negative, periods the right way.

    Critical: a service or job title the pack does not know, a negative hourly rate, charge,
    weekly charge, hours or weeks, a period ending before it starts. Warning: an hourly charge
    rate outside :data:`PLAUSIBLE_HOURLY` (pounds an hour).
    """
    from pipelines.datasets.workforce.validate import job_title_in_pack

    low, high = PLAUSIBLE_HOURLY
    return [
        required_columns_check(DATASET, headers),
        not_null("service", "Every row has a service", "The service is blank.", "Fill it in."),
        service_in_pack(labels.services),
        job_title_in_pack(),
        *[
            between(
                col,
                f"The {COLUMN_NAMES[col]} is not negative",
                f"The {COLUMN_NAMES[col]} is negative.",
                "0 or more",
                "Correct the amount in the export; a credit note is netted against the "
                "invoice it credits, not listed as a negative row.",
                min_value=0,
            )
            for col in (*CHARGE_COLUMNS, *QUANTITY_COLUMNS)
        ],
        not_below(
            "period_end",
            "period_start",
            check="Each period ends on or after the day it starts",
            what="The period ends before it starts.",
            expected="a period end on or after the period start",
            hint="Correct the dates in the export (start and end may be swapped).",
        ),
        _warn_between(
            "hourly_rate",
            f"The hourly charge rate is from £{low:g} to £{high:g}",
            "The hourly charge rate is implausible for a social work agency worker.",
            f"£{low:g} to £{high:g} an hour",
            "Check the rate: a weekly or daily charge may be in the hourly column.",
            min_value=low,
            max_value=high,
        ),
    ]


register_table_cleaner(DATASET, clean_agency_spend)
# A row is one agency worker's assignment, week or invoice: their hours and what they were paid,
# so the export is about individuals and is described, never offered, as a background paper.
declare_grain(DATASET, "agency worker's assignment, timesheet or invoice", person=True)
