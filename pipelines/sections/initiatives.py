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
    ``campaigns``), and those of them appointed (offer accepted: in post or in pre-employment
    checks); counts of people, written under the run's disclosure policy. "No data" without
    the export.
agency_rate, vacancy_rate
    Agency (vacant) FTE as a percentage of FTE in post (of establishment FTE) for the scope's
    services and job titles, at the workforce snapshot's date. For a scope of whole services
    the figure is the one the meeting's section result holds by service (:func:`rate_tables`:
    the workforce section's agency and vacancy rates table), so the register prints the value
    that section prints; a scope narrowed to job titles is computed from the snapshot
    (:func:`snapshot_rate`).
leavers, short_service_leavers
    Leavers in the review period in the scope's services and roles (all, or with less than two
    years' service), from the HR leavers extract; counts of people, written under the run's
    disclosure policy.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

import pandas as pd

from pipelines.core.figures import Kind, phrase_value
from pipelines.core.results import SectionResult, TidyTable

#: Measure key -> how the register names it.
MEASURE_LABELS = {
    "applications": "Applications",
    "appointments": "Appointments",
    "agency_rate": "Agency worker rate",
    "vacancy_rate": "Vacancy rate",
    "leavers": "Leavers",
    "short_service_leavers": "Leavers with less than two years' service",
}
#: Measures of the workforce snapshot -> the ``measure`` of the result column that holds each
#: by service (:class:`~pipelines.core.results.Column`).
SNAPSHOT_MEASURES = {"agency_rate": "agency worker rate", "vacancy_rate": "vacancy rate"}
#: The dimension of a population that groups its rows by service.
SERVICE = "Service"
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


def rate_tables(results: Sequence[SectionResult]) -> dict[str, tuple[TidyTable, str]]:
    """Snapshot measure -> (table, tidy column) of the results that hold it by service.

    A column holds a measure of :data:`SNAPSHOT_MEASURES` when its ``measure`` is that measure's
    and its population groups the rows by service and nothing else (``by`` is ``{"Service":
    <tidy column>}``: one row per service, the workforce section's ``agency_rates`` table).
    The first such column of ``results`` is taken; a measure no result holds is left out.
    """
    out: dict[str, tuple[TidyTable, str]] = {}
    for result in results:
        for table in result.tables.values():
            for tidy, col in table.columns.items():
                by = list(col.population.by) if col.population is not None else []
                for key, measure in SNAPSHOT_MEASURES.items():
                    if col.measure == measure and by == [SERVICE]:
                        out.setdefault(key, (table, tidy))
    return out


def service_rate(table: TidyTable, column: str, services: Sequence[str] | None) -> float | None:
    """The rate in ``column`` of a result's table for ``services`` (every row when none).

    One service: the table's cell (the section's figure for it). Several: the total row the
    table prints over those services (:meth:`TidyTable.labelled`: the rate recomputed from the
    summed numerator and denominator columns the column names), in percent. None when no row
    matches or the denominator is zero.
    """
    col = table.columns[column]
    by = col.population.by[SERVICE]
    frame = table.frame
    rows = frame[frame[by].isin(list(services))] if services else frame
    parts = list(col.denominator_parts or (col.denominator,))
    if rows.empty or not float(rows[parts].to_numpy(dtype=float).sum()):
        return None
    if len(rows) == 1:
        return float(rows[column].iloc[0])
    shown = replace(table, frame=rows, total=True, public_variant=None).labelled()
    return float(shown[col.label].iloc[-1])


def snapshot_rate(measure: str, rows: pd.DataFrame) -> float | None:
    """Agency or vacancy rate (percent) of some workforce snapshot rows; None without posts.

    The workforce section's definitions (:func:`pipelines.sections.workforce.analysis.
    agency_rate`: agency FTE / (agency FTE + permanent FTE) x 100; :func:`~pipelines.sections.
    workforce.analysis.vacancy_rate`: vacant FTE / establishment FTE x 100) over the rows'
    summed FTE. Used for a scope narrowed to job titles: the section's result holds the rates
    by service only (by job title within one service only in its notebook's chart), so no
    result holds the rate of an initiative's job titles across its services.
    """
    from pipelines.sections.workforce import analysis as wf

    agency, permanent = float(rows["agency_fte"].sum()), float(rows["permanent_fte"].sum())
    vacant, established = float(rows["vacant_fte"].sum()), float(rows["establishment_fte"].sum())
    if measure == "agency_rate":
        return wf.agency_rate(agency, permanent) if agency + permanent else None
    return wf.vacancy_rate(vacant, established) if established else None


def measure_text(
    measure: str,
    scope: Mapping[str, object],
    frames: Mapping[str, pd.DataFrame],
    cfg,
    *,
    as_at: str | None = None,
    pol=None,
    rates: Mapping[str, tuple[TidyTable, str]] | None = None,
) -> str:
    """What the pack's data show for one measure of an initiative, in words (see the module).

    ``rates``: the tables of the meeting's section results that hold the snapshot's rates by
    service (:func:`rate_tables`); a scope of whole services reads its rate there. Without
    them (no section of the meeting computes the rate), or for a scope of job titles, the rate
    is computed from the snapshot (:func:`snapshot_rate`).
    """
    where = _scope_words(scope)
    if measure in SNAPSHOT_MEASURES:
        held = (rates or {}).get(measure)
        if held is not None and not scope.get("job_titles"):
            rate = service_rate(*held, scope.get("services"))
        else:
            snap = frames.get("workforce_snapshot")
            if snap is None or snap.empty:
                return NO_DATA
            rate = snapshot_rate(measure, _scope(snap, scope, "job_title"))
        if rate is None:
            return f"No posts of this scope in the workforce snapshot ({where})"
        when = f"at {pd.Timestamp(as_at):%-d %B %Y}" if as_at else "at the snapshot date"
        if measure == "agency_rate":
            return f"{rate:.1f}% of FTE in post were agency workers {when} ({where}; {ONE_POINT})"
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
    from pipelines.sections.recruitment.analysis import in_period, reached

    rows = _scope(in_period(apps, cfg.period.start, cfg.period.end), scope, "job_title")
    where = [_scope_words(scope)]
    for key, column in (("routes", "route"), ("campaigns", "campaign")):
        if scope.get(key):
            rows = rows[rows[column].isin(list(scope[key]))]
            where.append(", ".join(map(str, scope[key])))
    n = float(len(rows)) if measure == "applications" else float(reached(rows)["accepted"].sum())
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
    cfg,
    frames: Mapping[str, pd.DataFrame],
    *,
    as_at: str | None = None,
    pol=None,
    rates: Mapping[str, tuple[TidyTable, str]] | None = None,
) -> pd.DataFrame:
    """The initiatives register: one row per initiative and measure (columns :data:`COLUMNS`).

    Counts of people are written under ``pol`` (:func:`phrase_value`); ``rates`` as for
    :func:`measure_text`. Empty (with the columns) when the review lists no initiatives. The
    scorecard's result holds it for every audience
    (:func:`pipelines.sections.scorecard.result.initiatives`).
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
                        measure, scope, frames, cfg, as_at=as_at, pol=pol, rates=rates
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
