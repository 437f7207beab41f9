"""The recruitment section's funnel tables, time to hire, declines and starters.

The funnel by stage, route and campaign, time to hire, offers declined and withdrawals, and
starters from outside.

Each builder makes one :class:`~pipelines.core.results.TidyTable` from the tidy applications
(:mod:`pipelines.sections.recruitment.analysis`); :mod:`pipelines.sections.recruitment.result`
puts them in the section's result. The public versions merge small groups (``merge``).
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from pipelines.core.disclosure import smallest_statistic_group
from pipelines.core.disclosure_audit import Population
from pipelines.core.figures import Kind
from pipelines.core.results import Column, TidyTable
from pipelines.sections.recruitment import analysis as ra

OTHER_CAMPAIGNS = "Other campaigns"
#: The people who started through the recruitment system (the starters and time-to-hire
#: tables). The retention projection (45_retention) reads the starters from outside a year
#: (figures ``starters_per_year_<service>``) when the meeting includes this section and the
#: review has the export; its flows table says which source it used.
STARTERS = "starters (recruitment system)"


def stage_population(stage: str) -> str:
    """The population of the applications reaching ``stage`` (a key of ``analysis.STAGES``).

    Shared by the funnel tables by route and by campaign and the campaigns table's columns that
    count the same people (applications; appointed and in post, among those accepted and
    started), so the disclosure audit ties them (:attr:`Population.parts`).
    """
    return f"applicants: {ra.STAGES[stage].lower()}"


def stage_before(stage: str) -> str:
    """The population of the stage before ``stage``; empty for the first stage.

    Everyone at a stage reached the one before it (:attr:`Population.within`).
    """
    stages = list(ra.STAGES)
    i = stages.index(stage)
    return stage_population(stages[i - 1]) if i else ""


def application_parts(apps: pd.DataFrame, start, end) -> pd.Series:
    """Each application's part of the applicants (:attr:`Population.parts`), named ``g1``...

    The finest groups the section's tables split applications into: the same route, the same
    campaign, applied in the review period or not, withdrawn or not. A row of any table is made
    of whole parts, so two rows made of the same parts count the same people.
    """
    applied = pd.to_datetime(apps["applied_date"])
    inside = (applied >= pd.Timestamp(start)) & (applied <= pd.Timestamp(end))
    key = (
        apps["route"].astype(str)
        + "\x1f"
        + apps["campaign"].astype(str)
        + "\x1f"
        + inside.astype(str)
        + "\x1f"
        + apps["withdrawn_date"].notna().astype(str)
    )
    names = {k: f"g{i + 1}" for i, k in enumerate(sorted(key.unique()))}
    return key.map(names)


def parts_of(groups: pd.Series, parts: pd.Series) -> dict[str, tuple[str, ...]]:
    """Each group's parts: ``groups`` (a label per application) -> the parts of its members."""
    mine = parts.loc[groups.index]
    return {str(g): tuple(sorted(set(mine[groups == g]))) for g in groups.unique()}


def _funnel_columns(
    by: str, label: str, parts: dict[str, dict[str, tuple[str, ...]]] | None = None
) -> dict[str, Column]:
    """Columns of a funnel table grouped by ``by`` (counts of people and conversions).

    ``parts``: stage -> {row label: the parts of the applications reaching it}, when known.
    """
    cols: dict[str, Column] = {by: Column(label)}
    for stage, name in ra.STAGES.items():
        held = {label: parts[stage]} if parts else {}
        pop = Population(stage_population(stage), {label: by}, parts=held)
        cols[stage] = Column(name, Kind.PEOPLE, replace(pop, within=stage_before(stage)))
    for tidy, (num, den, words) in ra.CONVERSIONS.items():
        cols[tidy] = Column(
            words,
            Kind.PERCENT_OF_PEOPLE,
            Population(f"applicants {den}", {label: by}),
            numerator=num,
            denominator=den,
            format="{:.0f}",
            measure=f"{num} as a share of {den}",
        )
    return cols


def funnel_table(
    cfg,
    apps: pd.DataFrame,
    by: str,
    label: str,
    name: str,
    merge: int = 0,
    parts: pd.Series | None = None,
):
    """The funnel of the period's applications grouped by ``by`` (:func:`analysis.funnel`).

    With ``merge`` > 0, groups with fewer than ``merge`` applications are merged into one
    "Other routes" / "Other campaigns" row (the public version). ``parts``: each application's
    part (:func:`application_parts`), so that each row declares who is in it and the audit
    ties it to the rows of other tables holding the same people (a merged row holds the parts
    of every group it merges).
    """
    frame = ra.funnel(apps, by)
    groups = apps[by].astype(str)
    if merge:
        other = ra.OTHER_ROUTES if by == "route" else OTHER_CAMPAIGNS
        frame = ra.merge_small(frame, by, "applications", merge, other)
        groups = groups.where(groups.isin(set(frame[by].astype(str))), other)
    held = None
    if parts is not None:
        flags = ra.reached(apps)
        held = {s: parts_of(groups[flags[s]], parts) for s in ra.STAGES}
    return TidyTable(
        name=name,
        frame=frame,
        columns=_funnel_columns(by, label, held),
        caption=f"Applications in the period by {label.lower()}: how many reached each stage "
        "(each percentage is of the stage before)",
        source=cfg.datasets["recruitment"].source,
        period=cfg.period.label,
        total=True,
        ranked_by="applications",
    )


def stage_table(cfg, apps: pd.DataFrame) -> TidyTable:
    """The overall funnel, one row per stage (:func:`analysis.stage_table`)."""
    frame = ra.stage_table(apps)[["stage", "applications", "pct_previous", "pct_applications"]]
    by = {"Stage": "stage"}
    return TidyTable(
        name="funnel",
        frame=frame,
        columns={
            "stage": Column("Stage"),
            "applications": Column(
                "Applications reaching the stage",
                Kind.PEOPLE,
                Population("applicants reaching the stage", by),
            ),
            "pct_previous": Column(
                "% of the stage before",
                Kind.PERCENT_OF_PEOPLE,
                Population("applicants at the stage before", by),
                numerator="applications",
                format="{:.0f}",
            ),
            "pct_applications": Column(
                "% of all applications",
                Kind.PERCENT_OF_PEOPLE,
                Population("all applicants", by),
                numerator="applications",
                format="{:.0f}",
            ),
        },
        caption="Applications in the period: the share reaching each stage, of the stage "
        "before and of all applications",
        source=cfg.datasets["recruitment"].source,
        period=cfg.period.label,
    )


def time_table(cfg, starters: pd.DataFrame, merge: int = 0) -> TidyTable:
    """Time to hire by route (:func:`analysis.time_to_hire`; routes pooled when ``merge``)."""
    frame = ra.time_to_hire_merged(starters, merge) if merge else ra.time_to_hire(starters, "route")
    by = {"Route": "route"}
    days = {
        "median_days": "Median (days)",
        "lower_quartile_days": "Lower quartile (days)",
        "upper_quartile_days": "Upper quartile (days)",
    }
    columns = {
        "route": Column("Route"),
        "starters": Column("Starters", Kind.PEOPLE, Population(STARTERS, by)),
    }
    for tidy, label in days.items():
        columns[tidy] = Column(
            label,
            Kind.DAYS,
            Population(STARTERS, by),
            numerator="starters",
            format="{:.0f}",
            measure="time to hire (application to start)" if tidy == "median_days" else None,
        )
    return TidyTable(
        name="time_to_hire",
        frame=frame,
        columns=columns,
        caption=ra.time_to_hire_caption(merge, frame if merge else None),
        source=cfg.datasets["recruitment"].source,
        period=cfg.period.label,
    )


#: The one row of the public declines table when its reasons would tell everyone's reason.
ALL_REASONS = "All reasons"


def one_reason_for_all(frame: pd.DataFrame) -> bool:
    """Whether a declines table tells the reason of everyone who declined, or who withdrew.

    True when all the offers declined (or all the withdrawals) are under one named reason and
    every other reason shows 0. Then anyone known to have declined has a known reason: and the
    funnel tables show who declined in a small group (7 offered, 6 accepted on one route: 1 did
    not accept), so the reason of one person could be read. The rule: a table by an attribute
    (here the reason) never puts a whole column of people under one named value; a count of
    people worked out from two published stages is no cell of any table, so only what the
    tables tell of it is checked.
    """
    named = frame[frame["reason"] != ra.OTHER_REASONS]
    if not len(named):
        return False
    for c in ("declined", "withdrawn"):
        everyone = int(frame[c].sum())
        if everyone and (named[c] == everyone).any():
            return True
    return False


def declines_table(cfg, apps: pd.DataFrame, merge: int = 0) -> TidyTable:
    """Offers declined and withdrawals by reason (:func:`analysis.declines_and_withdrawals`).

    With ``merge`` > 0, reasons given by fewer than ``merge`` people are merged into "Other
    reasons" (:func:`analysis.merge_small`; the public version), and when every offer declined,
    or every withdrawal, is under one named reason (the others 0), every reason is merged into
    one row, :data:`ALL_REASONS` (:func:`one_reason_for_all`).
    """
    by = {"Reason": "reason"}
    frame = ra.declines_and_withdrawals(apps)
    if merge:
        frame = ra.merge_small(frame, "reason", "total", merge, ra.OTHER_REASONS)
        if one_reason_for_all(frame):
            merged = {c: int(frame[c].sum()) for c in ("declined", "withdrawn", "total")}
            frame = pd.DataFrame([{"reason": ALL_REASONS, **merged}])
    return TidyTable(
        name="declines",
        frame=frame,
        columns={
            "reason": Column("Reason"),
            "declined": Column("Offers declined", Kind.PEOPLE, Population("offers declined", by)),
            "withdrawn": Column("Withdrew", Kind.PEOPLE, Population("withdrawals", by)),
            "total": Column("Total", Kind.PEOPLE, Population("declined or withdrew", by)),
        },
        caption="Offers declined and applicants who withdrew, by reason",
        source=cfg.datasets["recruitment"].source,
        period=cfg.period.label,
        total=True,
        ranked_by="total",
    )


def starters_table(cfg, starters: pd.DataFrame) -> TidyTable:
    """Starters from outside by service and the rate a year (:func:`analysis.starters_a_year`).

    Starters from outside: those who started in the period by any route but agency conversion
    (an agency worker appointed to a permanent post was already working for the council). The
    rate a year is the starter rate the retention projection reads.
    """
    by = {"Service": "service"}
    frame = ra.starters_a_year(starters, cfg.services, cfg.period.start, cfg.period.end)
    return TidyTable(
        name="starters",
        frame=frame[["service", "from_outside", "days", "outside_per_year"]],
        columns={
            "service": Column("Service"),
            "from_outside": Column(
                "Starters from outside in the period", Kind.PEOPLE, Population(STARTERS, by)
            ),
            "days": Column("Days in the period", Kind.DAYS),
            "outside_per_year": Column(
                "Starters from outside a year",
                Kind.PEOPLE,
                Population("starters from outside a year", by),
                numerator="from_outside",
                format="{:.1f}",
                measure="starters from outside a year",
            ),
        },
        caption="People who started in post in the period from outside the council's agency "
        "workers, by service, and the rate a year (agency workers appointed to permanent posts "
        "are in the route tables)",
        source=cfg.datasets["recruitment"].source,
        period=cfg.period.label,
    )


def lone_row_sentence(table: TidyTable, threshold: int = 5) -> str | None:
    """A table whose one row stands for every group, as a sentence; None for any other table.

    A public table of one row, :data:`ALL_REASONS` (offers declined) or :data:`ra.ALL` (time
    to hire, every route pooled), repeats the total and says nothing by reason or route
    (reader15: "All reasons 6 6 12"): the report says it in a sentence instead, written from
    the row. ``threshold``: the review's disclosure threshold (how many starters a median
    needs, :func:`~pipelines.core.disclosure.smallest_statistic_group`).
    """
    frame = table.frame
    if len(frame) != 1:
        return None
    row = frame.iloc[0]
    if table.name == "declines" and row["reason"] == ALL_REASONS:
        return (
            f"Of the applicants, {row['declined']:.0f} declined an offer and "
            f"{row['withdrawn']:.0f} withdrew, {row['total']:.0f} in all. Their "
            "reasons are not shown, so that no one's reason can be read from the other tables."
        )
    if table.name == "time_to_hire" and row["route"] == ra.ALL:
        least = smallest_statistic_group(threshold)
        if pd.isna(row["median_days"]):
            took = "too few for a median to be shown"
        else:
            took = (
                f"a median of {row['median_days']:.0f} days from application to start "
                f"(quartiles {row['lower_quartile_days']:.0f} to "
                f"{row['upper_quartile_days']:.0f} days)"
            )
        return (
            f"The {row['starters']:.0f} starters in the period took {took}. No "
            f"route had the {least} starters a median needs, so the routes are not shown apart."
        )
    return None
