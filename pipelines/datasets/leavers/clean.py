"""Cleaning of the HR leavers extract, the exit-interview forms and the establishment.

Each cleaner is registered with :func:`pipelines.core.cleaning.register_cleaner` (or
:func:`~pipelines.core.cleaning.register_table_cleaner` for one tidy table) under the dataset key
the review config uses.
"""

from __future__ import annotations

import pandas as pd

from pipelines.core.cleaning import CleaningLog, register_cleaner, register_table_cleaner
from pipelines.core.dataset_access import declare_grain
from pipelines.core.errors import Problem
from pipelines.core.mappings import load_mapping, own_mappings
from pipelines.core.sources import RawTable
from pipelines.core.table_cleaner import TableCleaner

#: Columns of the tidy tables these cleaners make (besides source_file and source_row); the
#: suites in :mod:`pipelines.datasets.leavers.validate` require the same columns.
LEAVERS_COLUMNS = (
    "employee_ref", "service", "team", "job_title", "role", "profession", "grade", "fte",
    "service_start_date", "leaving_date", "leaving_reason", "leaving_reason_hr",
    "years_of_service",
)  # fmt: skip
EXIT_FORM_COLUMNS = (
    "form_id", "employee_ref", "date_received", "service", "profession", "secured_employment",
    "new_employer", "reasons_given", "would_consider_returning",
)  # fmt: skip
EXIT_RATING_COLUMNS = ("form_id", "service", "profession", "aspect", "rating")
ESTABLISHMENT_COLUMNS = ("service", "profession", "posts", "scope")


def clean_leavers(raw: RawTable, log: CleaningLog) -> tuple[pd.DataFrame, list[Problem]]:
    """Tidy the HR leavers extract: one row per leaver.

    Returns columns employee_ref, service, team, job_title, role, profession, grade, fte,
    service_start_date, leaving_date, leaving_reason (pack label), leaving_reason_hr (as
    exported) and years_of_service (whole days from continuous service date to leaving date
    divided by 365.25), plus source_file and source_row; and the problems found.
    """
    c = TableCleaner(raw, "Leavers", log)
    c.note_title_rows()
    c.drop_blank_rows()
    c.drop_totals_rows(
        "employee_ref", "service", "team", "job_title", others_only_when_first_blank=True
    )
    text_cols = ["employee_ref", "service", "team", "job_title", "grade", "leaving_reason"]
    c.tidy(text_cols)
    c.drop_exact_duplicates()
    c.map_labels("service", load_mapping("services"), "service", "services.yml")
    titles = load_mapping("job_titles")
    c.map_labels(
        "job_title", {t: [] for t in titles}, "job title", "job_titles.yml", out="job_title_std"
    )
    c.df["role"] = c.df["job_title_std"].map(lambda t: titles.get(t, {}).get("role"))
    c.df["profession"] = c.df["job_title_std"].map(lambda t: titles.get(t, {}).get("profession"))
    c.df["leaving_reason_hr"] = c.df["leaving_reason"]
    c.map_labels(
        "leaving_reason", load_mapping("leaving_reasons"), "leaving reason", "leaving_reasons.yml"
    )
    c.dates("service_start_date")
    c.dates("leaving_date")
    c.numbers("fte")
    c.df["years_of_service"] = (c.df["leaving_date"] - c.df["service_start_date"]).dt.days / 365.25
    df = c.finish(list(LEAVERS_COLUMNS))
    return df, c.problems


def _yes_no(c: TableCleaner, column: str, what: str) -> None:
    c.map_labels(
        column, load_mapping("values")["yes_no"], what, "values.yml (yes_no)", required=False
    )
    c.df[column] = c.df[column].map({"Yes": True, "No": False}).astype("boolean")


def clean_exit_interviews(
    raw: RawTable, log: CleaningLog
) -> tuple[pd.DataFrame, pd.DataFrame, list[Problem]]:
    """Tidy the exit interview forms: one row per form, and one row per form and rated aspect.

    The form table has form_id, employee_ref, date_received, service, profession,
    secured_employment, new_employer, reasons_given, would_consider_returning. The ratings table
    has form_id, service, profession, aspect, rating (Excellent, Good, Average or Poor) and
    source_column; unanswered aspects are left out.
    """
    values = load_mapping("values")
    aspects = values["exit_aspects"]
    c = TableCleaner(raw, "Exit interviews", log)
    missing = [a for a in aspects if a not in c.df.columns]
    if missing:
        c.problems.append(
            Problem(
                "The exit interview export is missing rated aspects.",
                raw.file,
                sheet=raw.sheet,
                row=raw.header_row,
                expected=", ".join(missing),
                found=", ".join(
                    raw.raw_columns.get(str(x), str(x)) for x in c.df.columns if x != "source_row"
                ),
                hint=own_mappings(
                    "Add the columns, or correct the list exit_aspects in "
                    "config/mappings/values.yml."
                ),
            )
        )
        return pd.DataFrame(), pd.DataFrame(), c.problems
    c.note_title_rows()
    c.drop_blank_rows()
    c.drop_totals_rows("form_id", "employee_ref", "service", others_only_when_first_blank=True)
    c.tidy(
        [
            "form_id",
            "employee_ref",
            "service",
            "profession",
            "new_employer",
            "reasons_given",
            "secured_employment",
            "would_consider_returning",
            *aspects,
        ]
    )
    c.drop_exact_duplicates()
    c.map_labels("service", load_mapping("services"), "service", "services.yml")
    c.map_labels("profession", values["professions"], "profession", "values.yml (professions)")
    _yes_no(c, "secured_employment", "answer to 'secured employment elsewhere'")
    _yes_no(c, "would_consider_returning", "answer to 'would consider returning'")
    c.dates("date_received", required=False)
    for a in aspects:
        c.map_labels(a, values["ratings"], "rating", "values.yml (ratings)", required=False)
    forms = c.finish(list(EXIT_FORM_COLUMNS))
    long = c.df.melt(
        id_vars=["form_id", "service", "profession", "source_row"],
        value_vars=aspects,
        var_name="aspect",
        value_name="rating",
    )
    long = long.dropna(subset=["rating"])
    long["aspect"] = pd.Categorical(long["aspect"], categories=aspects, ordered=True)
    long = long.sort_values(["source_row", "aspect"]).reset_index(drop=True)
    long["aspect"] = long["aspect"].astype(str)
    long["source_column"] = long["aspect"]
    long["source_file"] = raw.file
    long = long[
        [
            "form_id",
            "service",
            "profession",
            "aspect",
            "rating",
            "source_column",
            "source_file",
            "source_row",
        ]
    ]
    long.attrs = dict(forms.attrs)
    return forms, long, c.problems


def clean_establishment(raw: RawTable, log: CleaningLog) -> tuple[pd.DataFrame, list[Problem]]:
    """Tidy the establishment: posts by service and profession (funded posts, headcount)."""
    c = TableCleaner(raw, "Establishment", log)
    c.note_title_rows()
    c.drop_blank_rows()
    c.drop_totals_rows("service", "profession")
    c.tidy(["service", "profession", "scope"])
    units = c.df["service"].astype("string").str.strip().str.casefold()
    c.map_labels("service", load_mapping("services"), "service", "services.yml")
    c.map_labels(
        "profession",
        load_mapping("values")["professions"],
        "profession",
        "values.yml (professions)",
    )
    c.numbers("posts", integer=True)
    # Subtotals by their sums, judged on the units as exported: rows of two org units that
    # map to one service keep labels of their own.
    c.df["unit_as_exported"] = units
    c.drop_subtotals_by_sum(["posts"], ["unit_as_exported", "profession"])
    c.df = add_up_units(c, units.loc[c.df.index])
    return c.finish(list(ESTABLISHMENT_COLUMNS)), c.problems


#: Reason, in the rows accounting, for establishment rows added into their service's first row.
UNITS_ADDED_UP = "Added up with other org units of the same service"


def add_up_units(c: TableCleaner, units: pd.Series) -> pd.DataFrame:
    """Add up establishment rows of different org units that map to one service and profession.

    A council's funded-posts list is often by org unit, team or cost centre, several of which
    belong to one service (the review's services mapping says which). Their posts are summed
    into the first such row (its ``source_row`` kept), and the fix is logged with the rows
    added in. Rows that repeat the same unit label are left alone for the duplicate check to
    refuse: that is a repeated row, not a second unit.

    Parameters
    ----------
    c : TableCleaner
        The establishment's cleaner, after labels are mapped and posts read.
    units : pandas.Series
        The service cell of each row as exported (case-folded), aligned with ``c.df``.

    Returns
    -------
    pandas.DataFrame
        The establishment with one row per service and profession where units were combined.

    """
    df = c.df
    key = (
        df["service"].astype("string").fillna("")
        + "\x1f"
        + df["profession"].astype("string").fillna("")  # blank: not collected (absent)
    )
    added = pd.Series(False, index=df.index)
    for _, group in df.groupby(key, sort=False):
        own = units.loc[group.index]
        if len(group) < 2 or own.duplicated().any() or group["posts"].isna().any():
            continue
        first = group.index[0]
        df.loc[first, "posts"] = group["posts"].sum()
        added.loc[group.index[1:]] = True
    if added.any():
        c.log.add(
            c.dataset,
            "Rows of several org units in one service and profession added up (posts summed)",
            int(added.sum()),
        )
        c.log.exclude(c.raw.file, c.raw.sheet, UNITS_ADDED_UP, int(added.sum()))
    return df.loc[~added]


register_table_cleaner("leavers", clean_leavers)
declare_grain("leavers", "leaver", person=True)


@register_cleaner("exit_interviews")
def _exit_interviews(
    raw: RawTable, log: CleaningLog
) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    forms, ratings, problems = clean_exit_interviews(raw, log)
    return {"exit_interviews": forms, "exit_ratings": ratings}, problems


register_table_cleaner("establishment", clean_establishment)
declare_grain("exit_interviews", "exit interview form (one leaver)", person=True)
declare_grain("establishment", "service and profession (posts)", person=False)
