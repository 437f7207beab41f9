"""Initiatives register: each recruitment and retention initiative against what it should move.

The initiatives are listed in the review config (``initiatives``: name, start, cost, the measures
it should move, its scope and what the papers report, each with its source paragraph). For every
measure the register shows what this pack's data say, for the initiative's scope, and "No data"
where no export holds the measure (applications and appointments need the recruitment system's
export). A collector like :mod:`pipelines.sections.indicators`: it reads the leavers and
workforce data through their sections' analysis modules, and the scorecard shows it. The data
hold one period of leavers and one workforce snapshot, so no measure can be
shown before and after an initiative; the register says so rather than imply an effect.

Measures
--------
applications, appointments
    From the recruitment system's export (``recruitment``): applications dated in the review
    period in the scope's services (and, when the scope names them, its ``routes`` or
    ``campaigns``), and those of them appointed (offer accepted and not withdrawn: in post or
    in pre-employment checks; :func:`pipelines.sections.recruitment.analysis.appointed`, the
    campaigns table's definition); counts of people, written under the run's disclosure
    policy. "No data" without the export.
agency_rate, vacancy_rate
    Agency (vacant) FTE as a percentage of FTE in post (of establishment FTE) for the scope's
    services and job titles, from the workforce snapshot.
leavers, short_service_leavers
    Leavers in the review period in the scope's services and roles (all, or with less than two
    years' service), from the HR leavers extract; counts of people, written under the run's
    disclosure policy.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from pipelines.core.figures import Kind, phrase_value

#: Measure key -> how the register names it.
MEASURE_LABELS = {
    "applications": "Applications",
    "appointments": "Appointments",
    "agency_rate": "Agency worker rate",
    "vacancy_rate": "Vacancy rate",
    "leavers": "Leavers",
    "short_service_leavers": "Leavers with less than two years' service",
}
NO_DATA = "No data: no export in this pack holds it"
ONE_POINT = "one point in time only, so no before-and-after"
COLUMNS = [
    "Initiative",
    "Started",
    "Cost",
    "Measure",
    "What this pack's data show",
    "What the papers report",
    "Source",
]


def _scope(frame: pd.DataFrame, scope: Mapping[str, object], title_column: str) -> pd.DataFrame:
    services = scope.get("services")
    titles = scope.get("job_titles")
    if services:
        frame = frame[frame["service"].isin(list(services))]
    if titles:
        frame = frame[frame[title_column].isin(list(titles))]
    return frame


def _scope_words(scope: Mapping[str, object]) -> str:
    parts = [", ".join(scope.get("services") or ["both services"])]
    if scope.get("job_titles"):
        parts.append(", ".join(scope["job_titles"]))
    return "; ".join(parts)


def measure_text(
    measure: str,
    scope: Mapping[str, object],
    frames: Mapping[str, pd.DataFrame],
    cfg,
    *,
    as_at: str | None = None,
    pol=None,
) -> str:
    """What the pack's data show for one measure of an initiative, in words (see the module)."""
    where = _scope_words(scope)
    if measure in ("agency_rate", "vacancy_rate"):
        snap = frames.get("workforce_snapshot")
        if snap is None or snap.empty:
            return NO_DATA
        rows = _scope(snap, scope, "job_title")
        when = f"at {pd.Timestamp(as_at):%-d %B %Y}" if as_at else "at the snapshot date"
        if measure == "agency_rate":
            in_post = float(rows["agency_fte"].sum() + rows["permanent_fte"].sum())
            if not in_post:
                return f"No posts of this scope in the workforce snapshot ({where})"
            rate = 100.0 * float(rows["agency_fte"].sum()) / in_post
            return f"{rate:.1f}% of FTE in post were agency workers {when} ({where}; {ONE_POINT})"
        est = float(rows["establishment_fte"].sum())
        if not est:
            return f"No posts of this scope in the workforce snapshot ({where})"
        rate = 100.0 * float(rows["vacant_fte"].sum()) / est
        return f"{rate:.1f}% of establishment FTE vacant {when} ({where}; {ONE_POINT})"
    if measure in ("applications", "appointments"):
        return _recruitment_text(measure, scope, frames, cfg, pol)
    if measure in ("leavers", "short_service_leavers"):
        leavers = frames.get("leavers")
        if leavers is None or leavers.empty:
            return NO_DATA
        from pipelines.sections.leavers.analysis import in_period

        rows = _scope(in_period(leavers, cfg.period.start, cfg.period.end), scope, "role")
        what = "leavers"
        if measure == "short_service_leavers":
            rows = rows[rows["years_of_service"] < 2]
            what = "leavers with less than two years' service"
        n = phrase_value(float(len(rows)), Kind.PEOPLE, pol)
        return (
            f"{n} {what} in {cfg.period.label} ({where}; one period only, so no before-and-after)"
        )
    return NO_DATA


def _recruitment_text(measure: str, scope: Mapping[str, object], frames, cfg, pol) -> str:
    """Applications or appointments of an initiative's scope, from the recruitment export."""
    apps = frames.get("recruitment")
    if apps is None or apps.empty:
        return NO_DATA
    from pipelines.sections.recruitment.analysis import appointed, in_period

    rows = _scope(in_period(apps, cfg.period.start, cfg.period.end), scope, "job_title")
    where = [_scope_words(scope)]
    for key, column in (("routes", "route"), ("campaigns", "campaign")):
        if scope.get(key):
            rows = rows[rows[column].isin(list(scope[key]))]
            where.append(", ".join(map(str, scope[key])))
    n = float(len(rows)) if measure == "applications" else float(appointed(rows).sum())
    what = "applications" if measure == "applications" else "appointments (offer accepted)"
    return (
        f"{phrase_value(n, Kind.PEOPLE, pol)} {what} in {cfg.period.label} "
        f"({'; '.join(where)}; recruitment system; one period only, so no before-and-after)"
    )


def initiative_cost(item: Mapping[str, object], frames: Mapping[str, pd.DataFrame]) -> str:
    """The initiative's cost as the config states it, or from the data when it names a dataset.

    ``cost_data: market_supplements`` gives the cost a year of the supplements in the register
    for the permanent staff in post
    (:func:`pipelines.sections.workforce.supplements.supplement_costs`).
    """
    if item.get("cost_data") == "market_supplements":
        reg, snap = frames.get("market_supplements"), frames.get("workforce_snapshot")
        if reg is not None and snap is not None and len(reg) and len(snap):
            from pipelines.sections.workforce import analysis as wf
            from pipelines.sections.workforce import supplements as wsu

            costs = wsu.supplement_costs(reg, snap)
            total = costs[costs["Job title"] == "Total"].iloc[0]
            return (
                f"about {wf.money_about(total['Cost a year (£)'])} a year for the permanent "
                "staff in post (market supplement register and workforce snapshot)"
            )
    return str(item.get("cost") or "Not stated")


def initiatives_table(
    cfg, frames: Mapping[str, pd.DataFrame], *, as_at: str | None = None, pol=None
) -> pd.DataFrame:
    """The initiatives register: one row per initiative and measure (columns :data:`COLUMNS`).

    Empty (with the columns) when the review lists no initiatives.
    """
    rows = []
    for item in cfg.initiatives:
        scope = item.get("scope") or {}
        for measure in item.get("measures") or []:
            rows.append(
                {
                    "Initiative": item["name"],
                    "Started": item.get("started", "Not stated"),
                    "Cost": initiative_cost(item, frames),
                    "Measure": MEASURE_LABELS.get(measure, measure),
                    "What this pack's data show": measure_text(
                        measure, scope, frames, cfg, as_at=as_at, pol=pol
                    ),
                    "What the papers report": item.get("reported", "Nothing reported"),
                    "Source": item.get("source", "Not given"),
                }
            )
    return pd.DataFrame(rows, columns=COLUMNS)


def unknown_measures(cfg) -> list[str]:
    """Measures named by the review's initiatives that the register does not know."""
    return [
        f"{item.get('name')}: {m}"
        for item in cfg.initiatives
        for m in item.get("measures") or []
        if m not in MEASURE_LABELS
    ]
