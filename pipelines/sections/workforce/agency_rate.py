"""The agency rate the workforce costs rest on: from the council's agency spend records, or assumed.

Issue 22: an hourly rate typed into the review's parameters and chosen to reproduce the
officers' figure is a circular check. Where the review has the agency spend export
(:mod:`pipelines.datasets.workforce.agency`), the rate comes from it; the parameter
``agency_hourly_rate`` is then only the fallback for a review without the export.

Definitions
-----------
Average charge rate (pounds an hour)
    Sum of the charges / sum of the hours charged, over the export's rows for the job titles
    the rate applies to (``capped_rate_roles``; every row when none is named): the mean
    charge rate weighted by hours. A row's charge is its ``charge``, else hourly rate x hours,
    else weekly charge x weeks; its hours are its ``hours``, else weeks x the review's hours a
    week (``agency_hours_per_week``).
Average annual cost of an agency worker (pounds a year)
    Average charge rate x hours a week x weeks a year (the review's ``agency_hours_per_week``
    and ``agency_weeks_per_year``): equivalently, spend / FTE-years, one FTE-year being those
    hours x weeks.
A sourced rate
    One from the export, or a parameter rate whose ``agency_rate_source`` names the document it
    comes from. Any other rate is an assumption: every sentence using it says so, and the
    findings resting on it are never ranked as key findings (their figures carry no direction).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

DATASET = "agency_spend"
#: How a rate from the agency spend export was worked out (its ``agency_rate_basis``).
FROM_EXPORT = "hours-weighted average charge rate"
#: Said of a parameter rate with no source.
ASSUMED = "an assumed rate: the review gives no source for it"


@dataclass(frozen=True)
class SpendRate:
    """The average agency charge rate worked out from the agency spend export.

    Attributes
    ----------
    hourly_rate : float
        Pounds an hour: charges / hours over the rows used.
    charge, hours : float
        Pounds charged and hours charged over those rows.
    rows : int
        Rows of the export used (the job titles the rate applies to).
    start, end : pandas.Timestamp
        The first period start and the last period end of those rows.

    """

    hourly_rate: float
    charge: float
    hours: float
    rows: int
    start: pd.Timestamp
    end: pd.Timestamp

    @property
    def period(self) -> str:
        """The period the rows cover, in words ("3 April 2017 to 25 March 2018")."""
        return f"{self.start:%-d %B %Y} to {self.end:%-d %B %Y}"


def row_charges_and_hours(
    spend: pd.DataFrame, hours_per_week: float
) -> tuple[pd.Series, pd.Series]:
    """Each row's charge (pounds) and hours charged, as the module's definitions say."""
    hours = (
        spend["hours"]
        .astype(float)
        .where(spend["hours"].notna(), spend["weeks"].astype(float) * float(hours_per_week))
    )
    charge = spend["charge"].astype(float)
    charge = charge.where(charge.notna(), spend["hourly_rate"].astype(float) * hours)
    weekly = spend["weekly_charge"].astype(float) * spend["weeks"].astype(float).where(
        spend["weeks"].notna(), hours / float(hours_per_week)
    )
    return charge.where(charge.notna(), weekly), hours


def rate_from_spend(
    spend: pd.DataFrame, roles: Sequence[str], hours_per_week: float
) -> SpendRate | None:
    """The hours-weighted average charge rate of the agency spend export (pounds an hour).

    Rows of the job titles in ``roles`` (every row when ``roles`` is empty); None when no row
    of those job titles charges any hours.
    """
    rows = spend[spend["job_title"].isin(list(roles))] if roles else spend
    if rows.empty:
        return None
    charge, hours = row_charges_and_hours(rows, hours_per_week)
    total_hours = float(hours.sum())
    if total_hours <= 0:
        return None
    total = float(charge.sum())
    return SpendRate(
        hourly_rate=total / total_hours,
        charge=total,
        hours=total_hours,
        rows=len(rows),
        start=pd.Timestamp(rows["period_start"].min()),
        end=pd.Timestamp(rows["period_end"].max()),
    )


def effective_parameters(cfg, frames: Mapping[str, pd.DataFrame], params):
    """The workforce parameters with the agency rate the data give, where the review has them.

    With the agency spend export among ``frames``: ``agency_hourly_rate`` is
    :func:`rate_from_spend`'s (pounds an hour), ``agency_rate_source`` names the export and the
    period of its rows, ``agency_rate_basis`` says how the rate was worked out. Without it (or
    with no row of the roles the rate applies to), ``params`` unchanged: the parameter rate, a
    fallback.
    """
    spend = frames.get(DATASET) if frames is not None else None
    if spend is None or not len(spend):
        return params
    found = rate_from_spend(spend, params.capped_rate_roles, params.agency_hours_per_week)
    if found is None:
        return params
    dataset = cfg.datasets.get(DATASET) if cfg is not None else None
    name = dataset.source if dataset is not None and dataset.source else "agency spend export"
    return params.model_copy(
        update={
            "agency_hourly_rate": round(found.hourly_rate, 2),
            "agency_rate_source": f"{name}, {found.period}",
            "agency_rate_basis": FROM_EXPORT,
        }
    )


def is_assumed(params) -> bool:
    """True when the agency rate has no source (neither the export nor a named document)."""
    return bool(params.agency_hourly_rate) and not str(params.agency_rate_source or "").strip()


def rate_words(params) -> str:
    """The agency costing assumptions in words, with where the rate comes from.

    "agency at £38.50 an hour, hours-weighted average charge rate, <export>, <period>; 37
    hours a week, 46 weeks a year"; for a rate without a source, "an assumed rate: the review
    gives no source for it". No brackets: the words stand inside a finding's or a caption's
    own, and a finding nests none (issue 22).
    """
    # + 0.0: a rate of -0.0 (which the parameter's lower bound of 0 lets through) prints "£0"
    rate = f"£{float(params.agency_hourly_rate) + 0.0:,.2f}".replace(".00", "")
    if is_assumed(params):
        why = ASSUMED
    else:
        basis = str(params.agency_rate_basis or "").strip()
        why = (f"{basis}, " if basis else "") + str(params.agency_rate_source).strip()
        # a source's own brackets ("Agency timesheet report (synthetic)") become a clause
        why = re.sub(r"\s*\(([^()]*)\)", r", \1", why)
        # a bracket left unpaired ("para 15 a)", "))((") is dropped: none may nest or dangle
        why = re.sub(r"\s*[()]\s*", " ", why).strip()
    return (
        f"agency at {rate} an hour, {why}; {params.agency_hours_per_week:g} hours a week, "
        f"{params.agency_weeks_per_year:g} weeks a year"
    )


def rate_short(params) -> str:
    """The agency rate as a finding states it: "agency at £32 an hour".

    For a rate without a source, "agency at £39 an hour, an assumed rate": a finding never
    hides that it rests on an assumption. Where the rate comes from, the hours and weeks a
    year are the section's caption and notes (:func:`rate_words`), not the finding's sentence.
    """
    rate = f"£{float(params.agency_hourly_rate) + 0.0:,.2f}".replace(".00", "")
    return f"agency at {rate} an hour" + (", an assumed rate" if is_assumed(params) else "")


def export_source(cfg, params) -> str | None:
    """The agency spend export's source, when the rate in ``params`` came from it; else None."""
    if params.agency_rate_basis != FROM_EXPORT or cfg is None:
        return None
    dataset = cfg.datasets.get(DATASET)
    return dataset.source if dataset is not None and dataset.source else None
