"""Cleaning of the recruitment system's export: one row per application.

The export holds, for each application, the vacancy or campaign it was made to, the post, the
service, the route the applicant came by (microsite, recruitment partner, Step Up, job board,
agency conversion...), whether the applicant is newly qualified or experienced, the date of each
stage it reached (applied, shortlisted, interviewed, offered, accepted or declined, started or
withdrawn) and the reason an offer was declined or the applicant withdrew. Labels are mapped
through ``config/mappings/recruitment.yml`` (routes, experience, reasons) and
``services.yml``; dates are read day first. The cleaner is registered under ``recruitment``.
"""

from __future__ import annotations

import pandas as pd

from pipelines.core.cleaning import CleaningLog, register_table_cleaner
from pipelines.core.dataset_access import declare_grain
from pipelines.core.errors import Problem
from pipelines.core.mappings import load_mapping
from pipelines.core.sources import RawTable
from pipelines.core.table_cleaner import TableCleaner

#: The stage dates of an application, in the order an application reaches them.
STAGE_DATES = (
    "applied_date",
    "shortlisted_date",
    "interviewed_date",
    "offered_date",
    "accepted_date",
    "declined_date",
    "started_date",
    "withdrawn_date",
)
#: Columns of the tidy ``recruitment`` table (besides source_file and source_row).
RECRUITMENT_COLUMNS = (
    "application_ref", "campaign", "job_title", "service", "route", "experience",
    *STAGE_DATES, "reason", "outcome",
)  # fmt: skip

#: Outcome of an application, from the last stage it reached (see :func:`outcome`).
STARTED = "Started"
ACCEPTED = "Accepted, not yet started"
DECLINED = "Offer declined"
WITHDRAWN = "Withdrew"
OFFERED = "Offered, awaiting answer"
OPEN = "Not offered (in progress or not taken forward)"
OUTCOMES = (STARTED, ACCEPTED, DECLINED, WITHDRAWN, OFFERED, OPEN)


def outcome(row: pd.Series) -> str:
    """The outcome of one application from its stage dates.

    Started when it has a start date; else withdrew when it has a withdrawal date; else offer
    declined when it has a declined date; else accepted (not yet started) when it has an
    accepted date; else offered (awaiting an answer) when it has an offer date; else not offered.
    """
    if pd.notna(row["started_date"]):
        return STARTED
    if pd.notna(row["withdrawn_date"]):
        return WITHDRAWN
    if pd.notna(row["declined_date"]):
        return DECLINED
    if pd.notna(row["accepted_date"]):
        return ACCEPTED
    if pd.notna(row["offered_date"]):
        return OFFERED
    return OPEN


def clean_recruitment(raw: RawTable, log: CleaningLog) -> tuple[pd.DataFrame, list[Problem]]:
    """Tidy the recruitment export: one row per application.

    Returns the columns of :data:`RECRUITMENT_COLUMNS` plus source_file and source_row: labels
    mapped (service, route, experience; reason where given), stage dates read (the application
    date is required, the others blank where the application did not reach the stage) and the
    application's :func:`outcome`; and the problems found (file, row, column, expected, found,
    what to do).
    """
    mapping = load_mapping("recruitment")
    c = TableCleaner(raw, "Recruitment", log)
    c.note_title_rows()
    c.drop_blank_rows()
    c.drop_totals_rows("application_ref")
    c.tidy(["application_ref", "campaign", "job_title", "service", "route", "experience", "reason"])
    c.drop_exact_duplicates()
    c.map_labels("service", load_mapping("services"), "service", "services.yml")
    c.map_labels("route", mapping["routes"], "route (source)", "recruitment.yml (routes)")
    c.map_labels("experience", mapping["experience"], "experience", "recruitment.yml (experience)")
    c.map_labels(
        "reason",
        mapping["reasons"],
        "decline or withdrawal reason",
        "recruitment.yml (reasons)",
        required=False,
    )
    c.dates("applied_date")
    for column in STAGE_DATES[1:]:
        c.dates(column, required=False)
    c.df["outcome"] = c.df.apply(outcome, axis=1) if len(c.df) else pd.Series(dtype="string")
    return c.finish(list(RECRUITMENT_COLUMNS)), c.problems


register_table_cleaner("recruitment", clean_recruitment)
declare_grain("recruitment", "application (one applicant)", person=True)
