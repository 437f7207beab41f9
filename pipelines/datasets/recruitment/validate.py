"""Checks of the recruitment export (a GX 1.x suite, registered for the ``recruitment`` table).

Critical (they stop ``evidence-pack validate`` and the build, naming file, Excel row and
column): a missing or repeated application reference; a service, route or experience the pack
does not know; a stage dated before the one it follows (shortlisted, interviewed or offered
before the application, an offer before the interview, or before the shortlisting when there was
no interview, an offer accepted or declined before it was made, a start before the offer or
before its acceptance, a withdrawal before the application or before the acceptance it
withdraws); a start, acceptance or
decline without an offer; an offer both accepted and declined; a start and a withdrawal on one
application; an application date after the build date.
"""

from __future__ import annotations

import datetime as dt

from pipelines.core.validation_checks import (
    Check,
    in_set,
    not_below,
    not_in_future,
    not_null,
    one_of,
    register_suite,
    required_columns_check,
    service_in_pack,
    unique,
)
from pipelines.core.validation_labels import Labels
from pipelines.core.validation_report import COLUMN_NAMES, CRITICAL
from pipelines.datasets.recruitment.clean import RECRUITMENT_COLUMNS

DATASET = "recruitment"

COLUMN_NAMES.update(
    {
        "application_ref": "application reference",
        "campaign": "vacancy or campaign reference",
        "route": "route (source)",
        "experience": "newly qualified or experienced",
        "applied_date": "date applied",
        "shortlisted_date": "date shortlisted",
        "interviewed_date": "date interviewed",
        "offered_date": "date offered",
        "accepted_date": "date the offer was accepted",
        "declined_date": "date the offer was declined",
        "started_date": "start date",
        "withdrawn_date": "date withdrawn",
        "reason": "decline or withdrawal reason",
    }
)

#: (later stage, earlier stage): the later stage's date must be on or after the earlier one's.
DATE_ORDER = (
    ("shortlisted_date", "applied_date"),
    ("interviewed_date", "applied_date"),
    ("interviewed_date", "shortlisted_date"),
    ("offered_date", "applied_date"),
    ("offered_date", "interviewed_date"),
    ("accepted_date", "offered_date"),
    ("declined_date", "offered_date"),
    ("started_date", "offered_date"),
    ("started_date", "accepted_date"),
    ("withdrawn_date", "applied_date"),
    ("withdrawn_date", "accepted_date"),
)
#: (later stage, earlier stage, the stage whose absence makes the rule apply): an offer is on
#: or after the shortlisting when there was no interview (with an interview, the offer is
#: checked against the interview, which is checked against the shortlisting).
DATE_ORDER_WITHOUT = (("offered_date", "shortlisted_date", "interviewed_date"),)
#: Stages that need an offer first.
NEED_OFFER = ("accepted_date", "declined_date", "started_date")

DATE_HINT = (
    "Correct the dates in the export (each stage is on or after the stage before it), or clear "
    "a date the application did not reach."
)


def _after(later: str, earlier: str, headers: dict[str, str], without: str = "") -> Check:
    """Critical: ``later`` is on or after ``earlier`` where both are given.

    With ``without``, only on the rows where that stage's date is blank.
    """
    name_l, name_e = COLUMN_NAMES[later], COLUMN_NAMES[earlier]
    return not_below(
        later,
        earlier,
        check=f"{name_l[:1].upper() + name_l[1:]} is on or after the {name_e}"
        + (f" when there is no {COLUMN_NAMES[without]}" if without else ""),
        what=f"The {name_l} is before the {name_e}.",
        expected=f'a date on or after the date in "{headers.get(earlier, earlier)}"',
        hint=DATE_HINT,
        pair_labels=True,
        only_where_blank=without,
    )


def _needs_offer(stage: str, headers: dict[str, str]) -> Check:
    """Critical: an application with a ``stage`` date has an offer date."""
    name = COLUMN_NAMES[stage]
    return Check(
        check=f"An application with a {name} has an offer date",
        column="offered_date",
        columns=("offered_date", stage),
        severity=CRITICAL,
        make=lambda ge: ge.ExpectColumnValuesToNotBeNull(
            column="offered_date",
            row_condition=f"{stage}.notnull()",
            condition_parser="pandas",
            severity=CRITICAL,
        ),
        what=f"The application has a {name} but no offer date.",
        expected=f'a date in "{headers.get("offered_date", "offered_date")}" (a job is offered '
        f"before the {name})",
        hint="Fill in the date the job was offered, or clear the "
        f'"{headers.get(stage, stage)}" date if the application did not get that far.',
        pair=("offered_date", stage),
        pair_labels=True,
    )


def _not_both(a: str, b: str, what: str, hint: str) -> Check:
    """Critical: an application does not have both an ``a`` and a ``b`` date."""
    return Check(
        check=f"No application has both a {COLUMN_NAMES[a]} and a {COLUMN_NAMES[b]}",
        column=a,
        columns=(a, b),
        severity=CRITICAL,
        make=lambda ge: ge.ExpectColumnValuesToBeNull(
            column=a, row_condition=f"{b}.notnull()", condition_parser="pandas", severity=CRITICAL
        ),
        what=what,
        expected=f"a {COLUMN_NAMES[a]} or a {COLUMN_NAMES[b]}, not both",
        hint=hint,
        pair=(a, b),
        pair_labels=True,
    )


@register_suite(DATASET, "Recruitment", required=RECRUITMENT_COLUMNS)
def recruitment_checks(labels: Labels, today: dt.date, headers: dict[str, str]) -> list[Check]:
    """The recruitment export: one row per application, known labels, stages in order.

    ``headers`` maps tidy column names to the export's headers, for messages; ``today`` is the
    build date (no application is dated after it).
    """
    from pipelines.core.mappings import load_mapping

    mapping = load_mapping("recruitment")
    routes, experience = list(mapping["routes"]), list(mapping["experience"])
    return [
        required_columns_check(DATASET, headers),
        not_null(
            "application_ref",
            "Every application has a reference",
            "An application has no reference.",
            "Fill in the application reference in the export.",
        ),
        unique(
            "application_ref",
            "Each application reference appears once",
            "The same application reference appears on more than one row.",
            "each application listed once",
            "Remove the duplicate row, or correct the reference if it was mistyped.",
        ),
        not_null(
            "campaign",
            "Every application names its vacancy or campaign",
            "The vacancy or campaign reference is blank.",
            "Fill in the vacancy or campaign reference the application was made to.",
        ),
        not_null(
            "service",
            "Every application has a service",
            "The service is blank.",
            "Fill in the service in the export.",
        ),
        service_in_pack(labels.services),
        in_set(
            "route",
            routes,
            "Route is one of the pack's recruitment routes",
            "The route (source) is not one the pack knows.",
            one_of(routes),
            "Correct the route, or add its spelling to routes in config/mappings/recruitment.yml.",
        ),
        in_set(
            "experience",
            experience,
            "Newly qualified or experienced is given",
            "The applicant is not marked newly qualified or experienced.",
            one_of(experience),
            "Fill in whether the applicant is newly qualified or experienced.",
        ),
        not_null(
            "applied_date",
            "Every application has a date applied",
            "The date applied is blank.",
            "Fill in the date the application was received.",
            expected="a date",
        ),
        not_in_future(
            "applied_date", today, "the date applied", "Correct the date applied in the export."
        ),
        *[_after(later, earlier, headers) for later, earlier in DATE_ORDER],
        *[
            _after(later, earlier, headers, without)
            for later, earlier, without in DATE_ORDER_WITHOUT
        ],
        *[_needs_offer(stage, headers) for stage in NEED_OFFER],
        _not_both(
            "accepted_date",
            "declined_date",
            "The offer is recorded as both accepted and declined.",
            "Keep the answer the applicant gave last and clear the other date (an applicant "
            "who accepted then pulled out is a withdrawal: fill in the date withdrawn).",
        ),
        _not_both(
            "started_date",
            "withdrawn_date",
            "The application has both a start date and a withdrawal date.",
            "Clear the withdrawal date if the appointee started, or the start date if they "
            "withdrew before starting.",
        ),
    ]
