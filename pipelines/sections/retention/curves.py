"""The retention section's survival curves: summary, yearly points, steps and log-rank tables.

:func:`curves_tables` makes them for each comparison (service, start year, experience on
joining) from the spells of :func:`pipelines.sections.retention.analysis.spells`; the section's
result (:mod:`pipelines.sections.retention.result`) holds them.
"""

from __future__ import annotations

import pandas as pd

from pipelines.core.disclosure_audit import Population
from pipelines.core.figures import Kind
from pipelines.core.results import Column, TidyTable
from pipelines.sections.retention import analysis as ra

COMPARISONS = {
    "service": ("Service", "by_service"),
    "start_year": ("Year started", "by_cohort"),
    "experience": ("Experience on joining", "by_experience"),
}


def observed_period(data: pd.DataFrame, window_start, as_at) -> str:
    """What the curves are computed from, in words, for their source line.

    The curves follow people by years since they started, but only over the window: the
    leavers of the window and the staff in post at its end (:func:`ra.spells`), whose start
    dates run back years before it. "leavers of 1 September 2015 to 30 July 2016 and staff in
    post at 30 July 2016, who started between 1985 and June 2016" (:func:`started_between`).
    """
    window_start, as_at = pd.Timestamp(window_start), pd.Timestamp(as_at)
    said = (
        f"leavers of {window_start:%-d %B %Y} to {as_at:%-d %B %Y} and staff in post at "
        f"{as_at:%-d %B %Y}"
    )
    starts = pd.to_datetime(data["start_date"]).dropna() if len(data) else pd.Series([])
    if starts.empty:
        return said
    return f"{said}, who {started_between(starts.min(), starts.max())}"


def started_between(first: pd.Timestamp, last: pd.Timestamp) -> str:
    """When a group started, as a councillor reads it: "started between 1985 and June 2016".

    The earliest start by its year only (reader15: "from February 1985" reads as a date the
    group began, and the month of the longest-serving person's start is no one's business);
    the latest by month and year, so it can be read against the window. One year: "started
    between February and June 2016"; one month: "started in June 2016".
    """
    first, last = pd.Timestamp(first), pd.Timestamp(last)
    if (first.year, first.month) == (last.year, last.month):
        return f"started in {last:%B %Y}"
    if first.year == last.year:
        return f"started between {first:%B} and {last:%B %Y}"
    return f"started between {first.year} and {last:%B %Y}"


#: What "In post and counted" means, under the tables that print it: why it can rise.
COUNTED = (
    "In post and counted: the people followed at that length of service; joiners are counted "
    "from their start, and staff who started before the period from the length of service "
    "they had when it began, so the number can rise."
)


def _months_said() -> str:
    """The fixed points in words: "6, 12, 18, 24 and 36 months"."""
    said = [str(m) for m in ra.FIXED_MONTHS]
    return ", ".join(said[:-1]) + f" and {said[-1]} months"


def pct_column(label: str) -> Column:
    """A percentage column shown to one decimal place (a share or one of its limits)."""
    return Column(label, Kind.PERCENT, format="{:.1f}")


def curves_tables(
    cfg, data: pd.DataFrame, threshold: int, years: int, source: str, period: str
) -> dict[str, TidyTable]:
    """Summary, yearly-point and step tables for each comparison (service, start year, experience).

    Groups with fewer than ``threshold`` people or leavers are merged or withheld
    (:func:`~pipelines.sections.retention.analysis.groups_of`).
    """
    out: dict[str, TidyTable] = {}
    for by, (label, name) in COMPARISONS.items():
        groups = ra.groups_of(data, by, threshold, threshold)
        # A share at a length of service too few are still followed at is not given (the
        # curves' yearly points stop at the same rule).
        summ = ra.summary(data, groups, min_at_risk=threshold)
        if summ.empty:
            continue
        dims = {label: "group"}
        out[name] = TidyTable(
            name=name,
            frame=summ,
            columns={
                "group": Column(label),
                "people": Column(
                    "People observed", Kind.PEOPLE, Population(f"retention cohort ({by})", dims)
                ),
                "leavers": Column(
                    "Left", Kind.PEOPLE, Population(f"retention cohort leavers ({by})", dims)
                ),
                "in_post_1y": Column(
                    "Still in post after 1 year (%)",
                    Kind.PERCENT,
                    Population("starters", dims),
                    format="{:.1f}",
                    measure="share of starters still in post after one year",
                ),
                "low_1y": pct_column("1 year: lower 95% limit (%)"),
                "high_1y": pct_column("1 year: upper 95% limit (%)"),
                "in_post_2y": Column(
                    "Still in post after 2 years (%)",
                    Kind.PERCENT,
                    Population("starters", dims),
                    format="{:.1f}",
                    measure="share of starters still in post after two years",
                ),
                "low_2y": pct_column("2 years: lower 95% limit (%)"),
                "high_2y": pct_column("2 years: upper 95% limit (%)"),
                "median_years": Column(
                    "Median time in post (years)", Kind.YEARS, numerator="people", format="{:.1f}"
                ),
            },
            caption=f"Share of starters still in post, by {label.lower()} (Kaplan-Meier)",
            source=source,
            period=period,
        )
        points = ra.yearly_points(data, groups, years, min_at_risk=threshold)
        out[f"curve_{by}"] = TidyTable(
            name=f"curve_{by}",
            frame=points,
            columns={
                "group": Column(label),
                "years": Column("Years since starting", Kind.YEARS, format="{:.0f}"),
                "in_post": pct_column("Still in post (%)"),
                "low": pct_column("Lower 95% limit (%)"),
                "high": pct_column("Upper 95% limit (%)"),
            },
            caption=(
                f"Share of starters still in post at each whole year, by {label.lower()} "
                f"(while at least {threshold} people of a group are still followed)"
            ),
            source=source,
            period=period,
        )
        out[f"points_{by}"] = TidyTable(
            name=f"points_{by}",
            frame=ra.fixed_points(data, groups),
            columns={
                "group": Column(label),
                "months": Column("Months since starting", Kind.RATIO, format="{:.0f}"),
                "in_post": pct_column("Still in post (%)"),
                "at_risk": Column("In post and counted", Kind.PEOPLE),
                "left": Column("Left by then", Kind.PEOPLE),
            },
            caption=(
                f"Share of starters still in post at {_months_said()}, by {label.lower()}. "
                f"{COUNTED}"
            ),
            source=source,
            period=period,
        )
        out[f"steps_{by}"] = TidyTable(
            name=f"steps_{by}",
            frame=ra.steps(data, groups),
            columns={
                "group": Column(label),
                "years": Column("Years since starting", Kind.YEARS, format="{:.2f}"),
                "in_post": pct_column("Still in post (%)"),
                "at_risk": Column("In post and counted", Kind.PEOPLE),
                "left": Column("Left then", Kind.PEOPLE),
            },
            caption=(
                f"Every step of the curves, by {label.lower()} (not for publication). {COUNTED}"
            ),
            source=source,
            period=period,
            individuals=True,
        )
        test = ra.logrank(data, groups)
        out[f"logrank_{by}"] = TidyTable(
            name=f"logrank_{by}",
            frame=pd.DataFrame(
                [
                    {
                        "comparison": label,
                        "groups": float(groups.dropna().nunique()),
                        "statistic": test["statistic"],
                        "p_value": test["p_value"],
                    }
                ]
            ),
            columns={
                "comparison": Column("Compared by"),
                "groups": Column("Groups compared", Kind.RATIO, format="{:.0f}"),
                "statistic": Column("Log-rank statistic", Kind.RATIO, format="{:.2f}"),
                "p_value": Column("p-value", Kind.RATE, format="{:.3f}"),
            },
            caption=f"Log-rank test: do starters leave at different rates by {label.lower()}?",
            source=source,
            period=period,
        )
    return out
