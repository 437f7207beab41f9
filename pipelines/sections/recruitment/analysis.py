"""Recruitment: pure functions over the tidy ``recruitment`` table (one row per application).

Definitions
-----------
Stage reached
    An application *reached* a stage when it has that stage's date or the date of a later
    stage: shortlisted (shortlisted, interviewed or offered date), offered (offer date),
    accepted (accepted or start date), started (start date). So every funnel narrows.
Conversion
    The applications reaching a stage as a percentage of those reaching the stage before it
    (shortlisted % of applications, offered % of shortlisted, accepted % of offered, started %
    of accepted); "applications to start" is started % of applications.
Applications of the period
    Applications dated in the review period (the funnels, declines and withdrawals).
Starters of the period
    Applications whose appointee started in the review period (time to hire, starter rate).
Time to hire
    Days from the date applied to the start date (the export holds no advert dates), per
    starter; median and quartiles (pandas' linear interpolation).
Starters a year
    Starters of the period x 365.25 / days in the period (inclusive): the number of people a
    year the recruitment system brings into post; starters from outside a year counts only the
    starters from outside (below).
Appointed
    An application whose offer was accepted (or whose appointee started) and who did not then
    withdraw (:func:`appointed`): in post (started) plus in pre-employment checks (accepted, not
    yet started, not withdrawn). An offer accepted and then withdrawn reached the funnel's
    accepted stage but is not an appointment. The campaigns table, the newly qualified intake and
    the initiatives register all count appointments with :func:`appointed`.
Appointed against a campaign's target
    The campaign's applications (all dates up to the export) that were appointed; or, for a
    council without the export, the figures typed into the review (``in_post``, ``in_checks``,
    or only the ``appointed`` total), with their source.
Starters from outside
    Starters of the period whose route is not :data:`AGENCY_CONVERSION` (an agency worker
    appointed to a permanent post is already working for the council): the starter rate the
    retention projection reads (it counts agency workers appointed separately).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from pipelines.core.disclosure import smallest_statistic_group, statistic_too_small

#: Funnel stages, in order, with their member-facing names.
STAGES = {
    "applications": "Applied",
    "shortlisted": "Shortlisted",
    "offered": "Offered",
    "accepted": "Accepted",
    "started": "Started",
}
#: Conversion columns: tidy name -> (numerator stage, denominator stage, label); each is a
#: percentage of the stage before (the tables' captions say so).
CONVERSIONS = {
    "shortlisted_pct": ("shortlisted", "applications", "% shortlisted"),
    "offered_pct": ("offered", "shortlisted", "% offered"),
    "accepted_pct": ("accepted", "offered", "% accepted"),
    "started_pct": ("started", "accepted", "% started"),
}
#: Label of the row that merges small routes in the public version.
OTHER_ROUTES = "Other routes"
#: Label of the row that merges small reasons in the public version.
OTHER_REASONS = "Other reasons"
ALL = "All routes"
#: The route of agency workers appointed to permanent posts (config/mappings/recruitment.yml).
AGENCY_CONVERSION = "Agency conversion"


def reached(df: pd.DataFrame) -> pd.DataFrame:
    """Booleans per application: which funnel stages it reached (see the module definitions)."""
    has = {c: df[c].notna() for c in df.columns if c.endswith("_date")}
    off = has["offered_date"]
    return pd.DataFrame(
        {
            "applications": pd.Series(True, index=df.index),
            "shortlisted": has["shortlisted_date"] | has["interviewed_date"] | off,
            "offered": off,
            "accepted": has["accepted_date"] | has["started_date"],
            "started": has["started_date"],
        }
    )


def appointed(df: pd.DataFrame) -> pd.Series:
    """Booleans per application: appointed (see the module definitions).

    True when the offer was accepted or the appointee started, and the applicant did not
    withdraw. The one definition of an appointment: the campaigns table, the newly qualified
    intake and the initiatives register all read it.
    """
    flags = reached(df)
    return flags["accepted"] & df["withdrawn_date"].isna()


def appointments(df: pd.DataFrame) -> dict[str, int]:
    """Appointments among ``df`` (:func:`appointed`), counts of people.

    ``in_post`` (started), ``in_checks`` (appointed, not started) and ``appointed`` (the two
    added).
    """
    got = appointed(df)
    started = reached(df)["started"]
    in_post, in_checks = int((got & started).sum()), int((got & ~started).sum())
    return {"in_post": in_post, "in_checks": in_checks, "appointed": in_post + in_checks}


def in_period(df: pd.DataFrame, start: dt.date, end: dt.date, column: str = "applied_date"):
    """Rows whose ``column`` date is from ``start`` to ``end`` inclusive."""
    d = pd.to_datetime(df[column])
    return df[(d >= pd.Timestamp(start)) & (d <= pd.Timestamp(end))]


def funnel(df: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """The funnel: applications reaching each stage, and the conversion at each stage.

    Parameters
    ----------
    df : pandas.DataFrame
        Tidy applications (one row each).
    by : str, optional
        Tidy column to group by (``route``, ``campaign``); None for one row of all applications.

    Returns
    -------
    pandas.DataFrame
        The ``by`` column (when given), one count column per stage (:data:`STAGES`: counts of
        people) and the conversion percentages (:data:`CONVERSIONS`; NaN where the stage before
        is 0). Groups ordered by applications, most first (ties by name).

    """
    flags = reached(df)
    if by is None:
        counts = flags.sum().to_frame().T.astype(int)
    else:
        flags[by] = df[by].astype(str)
        counts = flags.groupby(by).sum().astype(int).reset_index()
        counts = counts.sort_values(["applications", by], ascending=[False, True])
    out = add_conversions(counts.reset_index(drop=True))
    return out


def add_conversions(counts: pd.DataFrame) -> pd.DataFrame:
    """``counts`` (stage count columns) with the conversion columns recomputed from them."""
    out = counts.copy()
    for col, (num, den, _) in CONVERSIONS.items():
        d = out[den].astype(float)
        out[col] = np.where(d > 0, 100.0 * out[num].astype(float) / d.where(d > 0, 1), np.nan)
    return out


def stage_table(df: pd.DataFrame) -> pd.DataFrame:
    """The overall funnel as one row per stage: count, % of the stage before, % of applications.

    Columns ``stage`` (member-facing name), ``applications`` (reaching the stage),
    ``previous`` (those reaching the stage before; for applications, themselves),
    ``pct_previous`` and ``pct_applications`` (NaN when their base is 0).
    """
    flags = reached(df)
    total = int(len(df))
    rows, before = [], total
    for key, name in STAGES.items():
        n = int(flags[key].sum())
        rows.append(
            {
                "stage": name,
                "applications": n,
                "previous": before,
                "pct_previous": 100.0 * n / before if before else np.nan,
                "base": total,
                "pct_applications": 100.0 * n / total if total else np.nan,
            }
        )
        before = n
    return pd.DataFrame(rows)


def small_groups(sizes: pd.Series, threshold: int) -> list:
    """The groups to merge so that no group, merged or not, is below ``threshold``.

    ``sizes`` maps each group to its size. The groups below the threshold are merged; when
    their sum is still below it (or only one group is small, which merged alone would hide
    nothing), the smallest of the other groups are added, one at a time, until the merged
    group reaches the threshold or every group is in it. Empty when no group is small.
    """
    order = sizes.sort_values(kind="stable")
    chosen = list(order[order < threshold].index)
    if not chosen:
        return []
    rest = [g for g in order.index if g not in chosen]
    while rest and (len(chosen) < 2 or sizes[chosen].sum() < threshold):
        chosen.append(rest.pop(0))
    return chosen


def merge_small(
    table: pd.DataFrame, by: str, size: str, threshold: int, label: str
) -> pd.DataFrame:
    """Groups of fewer than ``threshold`` (in column ``size``) merged into one row ``label``.

    Which groups: :func:`small_groups`. Count columns (integers) are summed and conversions
    recomputed (:func:`add_conversions` when the table has them); the merged row goes last.
    """
    chosen = small_groups(table.set_index(by)[size], threshold)
    if not chosen:
        return table.reset_index(drop=True)
    small = table[by].isin(chosen)
    counts = [c for c in table.columns if c != by and pd.api.types.is_integer_dtype(table[c])]
    merged = {c: int(table.loc[small, c].sum()) for c in counts}
    merged[by] = label
    out = pd.concat([table[~small], pd.DataFrame([merged])], ignore_index=True)
    for c in counts:
        out[c] = out[c].astype(int)
    if set(CONVERSIONS) <= set(table.columns):
        out = add_conversions(out[[by, *STAGES]])[list(table.columns)]
    return out


def time_to_hire(starters: pd.DataFrame, by: str = "route") -> pd.DataFrame:
    """Days from application to start, by group, with a row for all groups first.

    Parameters
    ----------
    starters : pandas.DataFrame
        Tidy applications whose appointee started (``applied_date``, ``started_date``).
    by : str
        Tidy column to group by.

    Returns
    -------
    pandas.DataFrame
        ``by`` (first row :data:`ALL`), ``starters`` (count of people), ``median_days``,
        ``lower_quartile_days``, ``upper_quartile_days`` (days; quartiles by linear
        interpolation). Groups by starters, most first.

    """
    days = pd.to_datetime(starters["started_date"]) - pd.to_datetime(starters["applied_date"])
    frame = pd.DataFrame({by: starters[by].astype(str), "days": days.dt.days.astype(float)})

    def row(name: str, d: pd.Series) -> dict[str, object]:
        return {
            by: name,
            "starters": int(len(d)),
            "median_days": float(d.median()) if len(d) else np.nan,
            "lower_quartile_days": float(d.quantile(0.25)) if len(d) else np.nan,
            "upper_quartile_days": float(d.quantile(0.75)) if len(d) else np.nan,
        }

    rows = [row(ALL, frame["days"])]
    groups = sorted(frame.groupby(by)["days"], key=lambda kv: (-len(kv[1]), kv[0]))
    rows += [row(str(name), d) for name, d in groups]
    return pd.DataFrame(rows)


#: The statistics of :func:`time_to_hire`: each is people's own days when the group is small.
TIME_STATISTICS = ("median_days", "lower_quartile_days", "upper_quartile_days")


def time_to_hire_merged(starters: pd.DataFrame, threshold: int, by: str = "route") -> pd.DataFrame:
    """:func:`time_to_hire` for the public: no statistic of a group too small to publish one.

    A median and quartiles of a few starters are their own days to hire, so a route of fewer
    than :func:`~pipelines.core.disclosure.smallest_statistic_group` starters (10 at the
    threshold of 5) is pooled with others: which routes, :func:`small_groups` at that size;
    their starters are recomputed together as :data:`OTHER_ROUTES` (medians cannot be merged
    from summaries), last. A row still below that size (every route pooled and too few in
    all) keeps its count of starters and has no statistics (NaN).
    """
    least = smallest_statistic_group(threshold)
    chosen = small_groups(starters[by].astype(str).value_counts(), least)
    routes = starters[by].astype(str)
    pooled = starters.assign(**{by: routes.where(~routes.isin(chosen), OTHER_ROUTES)})
    table = time_to_hire(pooled, by)
    if set(routes) <= set(chosen):  # every route pooled: the pooled row is the "All" row
        table = table[table[by] != OTHER_ROUTES]
    other = table[table[by] == OTHER_ROUTES]
    table = pd.concat([table[table[by] != OTHER_ROUTES], other], ignore_index=True)
    too_few = table["starters"].map(lambda n: statistic_too_small(n, threshold)).astype(bool)
    table.loc[too_few, list(TIME_STATISTICS)] = np.nan  # the rule of every public statistic
    return table


def time_to_hire_caption(threshold: int = 0, table: pd.DataFrame | None = None) -> str:
    """The time-to-hire table's caption; for the public (``threshold``), how it is pooled.

    The second sentence (the note under the table) says that a median or quartile rests on
    at least :func:`~pipelines.core.disclosure.smallest_statistic_group` starters, and says
    only what ``table`` (:func:`time_to_hire_merged`) shows: routes pooled as
    :data:`OTHER_ROUTES` only when it has that row, no route shown apart when it has only the
    :data:`ALL` row, a group showing only how many started only when one does (reader15: a
    note promising "Other routes" over a table of "All routes 19").
    """
    caption = "Time to hire: days from application to start, for those who started in the period"
    if not threshold:
        return caption
    least = smallest_statistic_group(threshold)
    rows = [] if table is None else [str(r) for r in table.iloc[:, 0]]
    note = f"A median or quartile is shown only for a group of at least {least} starters"
    if table is None or OTHER_ROUTES in rows:
        note += f": routes with fewer are pooled as \u201c{OTHER_ROUTES}\u201d"
    elif rows == [ALL]:
        note += ": no route has that many, so the routes are shown together"
    small = table is None or bool(table[list(TIME_STATISTICS)].isna().all(axis=1).any())
    if small:
        note += ", and a group still smaller shows only how many started"
    return f"{caption}. {note}"


def declines_and_withdrawals(apps: pd.DataFrame) -> pd.DataFrame:
    """Offers declined and withdrawals by reason, most first.

    Columns ``reason`` (blank reasons read "Not stated"), ``declined`` (offers declined),
    ``withdrawn`` (applicants who withdrew, before or after an offer) and ``total``; counts of
    people; no total row.
    """
    reason = apps["reason"].fillna("Not stated").astype(str)
    declined = apps["declined_date"].notna() & apps["withdrawn_date"].isna()
    withdrawn = apps["withdrawn_date"].notna()
    out = pd.DataFrame(
        {
            "reason": reason,
            "declined": declined.astype(int),
            "withdrawn": withdrawn.astype(int),
        }
    )
    out = out[(out["declined"] + out["withdrawn"]) > 0]
    table = out.groupby("reason")[["declined", "withdrawn"]].sum().reset_index()
    table["total"] = table["declined"] + table["withdrawn"]
    table = table.sort_values(["total", "reason"], ascending=[False, True])
    return table.reset_index(drop=True).astype({"declined": int, "withdrawn": int, "total": int})


def starters_a_year(starters: pd.DataFrame, services: Sequence[str], start, end) -> pd.DataFrame:
    """Starters of the period by service and the rates a year (see the module definitions).

    Columns ``service``, ``starters`` (people), ``agency_conversions`` (of whom by the route
    :data:`AGENCY_CONVERSION`), ``from_outside`` (the others), ``days`` (days in the period,
    inclusive), ``per_year`` (starters x 365.25 / days) and ``outside_per_year`` (starters from
    outside x 365.25 / days).
    """
    days = (pd.Timestamp(end) - pd.Timestamp(start)).days + 1
    rows = []
    for service in services:
        mine = starters[starters["service"] == service]
        n = int(len(mine))
        agency = int((mine["route"].astype(str) == AGENCY_CONVERSION).sum())
        rows.append(
            {
                "service": service,
                "starters": n,
                "agency_conversions": agency,
                "from_outside": n - agency,
                "days": days,
                "per_year": n * 365.25 / days,
                "outside_per_year": (n - agency) * 365.25 / days,
            }
        )
    return pd.DataFrame(rows)


def slug(text: str) -> str:
    """Lower-case words joined by underscores (``"Step Up cohort 4"`` -> ``"step_up_cohort_4"``)."""
    return re.sub(r"[^a-z0-9]+", "_", str(text).lower()).strip("_")


def _num(value: object) -> float:
    return float("nan") if value is None or value == "" else float(value)


def long_date(text: object) -> str:
    """An ISO date in words (``"2017-04-30"`` -> ``"30 April 2017"``); other text as is."""
    if not text:
        return "–"
    try:
        day = dt.date.fromisoformat(str(text))
    except ValueError:
        return str(text)
    return f"{day.day} {day:%B %Y}"


def checks_label(cfg) -> str:
    """The heading of the count in pre-employment checks, with the date it counts at.

    Accepted and not started is read at the date the export was taken: the recruitment
    dataset's ``as_at``, else the end of the period its applications cover. A meeting months
    later reads "In pre-employment checks at 30 September 2017", never a count of today.
    """
    data = cfg.datasets.get("recruitment")
    day = (data.as_at if data is not None else None) or cfg.period.end
    return f"In pre-employment checks at {long_date(day.isoformat())}"


def typed_in_appointed(in_post: float, in_checks: float, total: float) -> float:
    """The appointed count of a campaign typed into the review (people).

    The ``appointed`` total when given, else in post plus in checks (either alone when only one
    is given); NaN when none is.
    """
    if not np.isnan(total):
        return total
    if np.isnan(in_post) and np.isnan(in_checks):
        return np.nan
    return float(np.nansum([in_post, in_checks]))


def campaign_applications(
    c: Mapping[str, object], apps: pd.DataFrame | None
) -> pd.DataFrame | None:
    """The applications of campaign ``c``, None when there are none to read.

    Those of its ``campaign`` reference, else of its ``route``; None without the export or when
    the campaign names neither (its figures are typed in).
    """
    if apps is None or not (c.get("campaign") or c.get("route")):
        return None
    col = "campaign" if c.get("campaign") else "route"
    return apps[apps[col].astype(str) == str(c.get(col))]


def campaign_rows(
    campaigns: Sequence[Mapping[str, object]], apps: pd.DataFrame | None
) -> pd.DataFrame:
    """Appointments against each campaign's target and deadline.

    Parameters
    ----------
    campaigns : sequence of mapping
        The section's ``campaigns`` parameter: each with ``name`` and, to match the export,
        ``campaign`` (vacancy or campaign reference) or ``route`` (a route label of the pack);
        optionally ``target``, ``deadline`` (ISO date or words), ``cost`` (pounds), ``source``
        and, for a council without the export, the typed-in figures ``applications``,
        ``in_post``, ``in_checks`` and ``appointed`` (the total, when the paper gives no
        breakdown).
    apps : pandas.DataFrame or None
        Every tidy application of the export (None when the review has no export).

    Returns
    -------
    pandas.DataFrame
        ``campaign`` (name), ``applications``, ``in_post`` (started), ``in_checks`` (accepted,
        not yet started), ``appointed`` (:func:`appointments`; typed in:
        :func:`typed_in_appointed`),
        ``target``, ``share_of_target`` (%), ``still_to_appoint``, ``deadline`` (words) and
        ``figures_from`` ("recruitment system", or "typed in" with the campaign's source);
        counts are NaN where neither the export nor the config gives them.

    """
    rows = []
    for c in campaigns:
        mine = campaign_applications(c, apps)
        if mine is not None:
            got = appointments(mine)
            n_apps = float(len(mine))
            in_post, checks = float(got["in_post"]), float(got["in_checks"])
            total = float(got["appointed"])
            origin = "recruitment system"
        else:
            n_apps = _num(c.get("applications"))
            in_post, checks = _num(c.get("in_post")), _num(c.get("in_checks"))
            total = typed_in_appointed(in_post, checks, _num(c.get("appointed")))
            origin = f"typed in ({c['source']})" if c.get("source") else "typed in"
        target = _num(c.get("target"))
        rows.append(
            {
                "campaign": str(c.get("name") or c.get("campaign") or c.get("route")),
                "applications": n_apps,
                "in_post": in_post,
                "in_checks": checks,
                "appointed": total,
                "target": target,
                "share_of_target": 100.0 * total / target if target else np.nan,
                "still_to_appoint": max(target - total, 0.0)
                if not (np.isnan(target) or np.isnan(total))
                else np.nan,
                "deadline": long_date(c.get("deadline")),
                "figures_from": origin,
            }
        )
    columns = ["campaign", "applications", "in_post", "in_checks", "appointed", "target",
               "share_of_target", "still_to_appoint", "deadline", "figures_from"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def cost_per_hire(campaigns: Sequence[Mapping[str, object]], table: pd.DataFrame) -> pd.DataFrame:
    """Cost per hire for the campaigns whose cost the review gives.

    ``table`` is :func:`campaign_rows`' output for the same campaigns (its ``applications``
    may be left out: none known). Columns ``campaign``,
    ``cost`` (pounds), ``applications``, ``hires`` (appointed: in post or in checks),
    ``cost_per_application`` and ``cost_per_hire`` (pounds; NaN when there are none) and
    ``basis`` (how the cost was worked out, as the review states it).
    """
    rows = []
    for c, (_, r) in zip(campaigns, table.iterrows(), strict=True):
        if c.get("cost") in (None, ""):
            continue
        cost = float(c["cost"])
        apps, hires = r.get("applications", np.nan), r["appointed"]
        rows.append(
            {
                "campaign": r["campaign"],
                "cost": cost,
                "applications": apps,
                "hires": hires,
                "cost_per_application": cost / apps if apps and not np.isnan(apps) else np.nan,
                "cost_per_hire": cost / hires if hires and not np.isnan(hires) else np.nan,
                "basis": str(c.get("cost_basis") or "as the review states"),
            }
        )
    columns = ["campaign", "cost", "applications", "hires", "cost_per_application",
               "cost_per_hire", "basis"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def newly_qualified_intake(apps: pd.DataFrame, since, until) -> dict[str, int]:
    """Newly qualified appointees: ``in_post``, ``in_checks`` and ``appointed`` (people).

    Counted (:func:`appointments`) over applications dated from ``since`` to ``until`` (the
    plan's window) marked ``experience == "Newly qualified"``.
    """
    nq = in_period(apps, since, until)
    return appointments(nq[nq["experience"] == "Newly qualified"])


def _listed(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def campaign_labels(apps: pd.DataFrame, named: Mapping[str, str]) -> dict[str, str]:
    """Each campaign reference of ``apps`` as the tables print it: what the campaign is.

    A campaign the review names (``named``: reference -> name) is printed by its name; any
    other reference is said from its applications, so a code is never printed unexplained:
    "CCC-TM-1617: Team Manager posts, experienced applicants" (its job titles, with their
    service when the export holds several, and, where the export records it, whether the
    applicants were newly qualified or experienced).
    """
    out: dict[str, str] = {}
    # the service too when the export holds more than one ("posts in Adult Social Care")
    services = apps["service"].dropna().nunique() > 1 if "service" in apps else False
    for code, rows in apps.groupby(apps["campaign"].astype(str), sort=False):
        if code in named:
            out[code] = named[code]
            continue
        titles = sorted({str(t) for t in rows.get("job_title", pd.Series(dtype=str)).dropna()})
        where = sorted({str(v) for v in rows["service"].dropna()}) if services else []
        kinds = (
            sorted({str(e).lower() for e in rows["experience"].dropna()})
            if "experience" in rows
            else []
        )
        what = [f"{_listed(titles)} posts" + (f" in {_listed(where)}" if where else "")]
        what = what if titles else []
        what += [f"{_listed(kinds)} applicants"] if kinds else []
        out[code] = f"{code}: {', '.join(what)}" if what else code
    return out
