"""Indicators: the headline figures the other pack sections produce, in one table.

The SWOT (:mod:`pipelines.sections.swot.analysis`) and the scorecard
(:mod:`pipelines.sections.scorecard.analysis`) work from these figures. Each is computed here by
calling the same analysis function the section uses on the review's tidy data (and, for the national
comparison, the DfE files read by :mod:`pipelines.datasets.national.dfe`), and records where the
section shows it: the section (notebook), the table's name (``tables/<section>__<table>.csv`` in the
built pack), the row and the column. So every figure can be checked against its section.

Each source is optional: a dataset that is not loaded, or national files that are not there,
leave their indicators out.

Columns of :func:`collect_indicators`
-------------------------------------
key, label, value, unit ("%", "cases" or "average (1 to 5)"), direction ("lower" or "higher"
is better), england, region, neighbour_median, target, previous (comparators; missing when
there is none), region_name, comparator_period (the period of the national comparators),
source (as cited under the section's table), period, section (notebook name), table, row,
column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import pandas as pd

from pipelines.sections.leavers import analysis as lv
from pipelines.sections.workforce import analysis as wf

COLUMNS = [
    "key",
    "label",
    "value",
    "unit",
    "direction",
    "england",
    "region",
    "neighbour_median",
    "target",
    "previous",
    "region_name",
    "comparator_period",
    "source",
    "period",
    "section",
    "table",
    "row",
    "column",
]

#: Keys :func:`collect_indicators` can produce (rules naming any other key are rejected).
KNOWN_KEYS = (
    "turnover_childrens",
    "turnover_adults",
    "exit_return_rate",
    "lowest_rated_aspect",
    "agency_rate_childrens",
    "agency_rate_adults",
    "vacancy_rate_childrens",
    "vacancy_rate_adults",
    "average_caseload_childrens",
    "survey_least_positive_childrens",
    "survey_least_positive_adults",
    "locum_felt_valued",
    "dfe_turnover",
    "dfe_agency_rate",
    "dfe_vacancy_rate",
    "dfe_caseload",
    "dfe_absence",
)
SERVICE_KEYS = {"Children's Social Care": "childrens", "Adult Social Care": "adults"}
#: DfE measure column -> indicator key.
DFE_KEYS = {
    "turnover_rate_fte": "dfe_turnover",
    "agency_rate_fte": "dfe_agency_rate",
    "vacancy_rate_fte": "dfe_vacancy_rate",
    "caseload_fte": "dfe_caseload",
    "absence_rate_fte": "dfe_absence",
}


def _row(
    key: str,
    label: str,
    value: float,
    unit: str,
    direction: str,
    *,
    source: str,
    period: str,
    section: str,
    table: str,
    row: str,
    column: str,
    target: float | None = None,
    **comparators: float | str | None,
) -> dict:
    out = dict.fromkeys(COLUMNS)
    out.update(
        key=key,
        label=label,
        value=float(value),
        unit=unit,
        direction=direction,
        source=source,
        period=period,
        section=section,
        table=table,
        row=row,
        column=column,
        target=None if target is None else float(target),
    )
    out.update(comparators)
    return out


def _has(frames: Mapping[str, pd.DataFrame], *names: str) -> bool:
    return all(n in frames and frames[n] is not None and len(frames[n]) for n in names)


def _leavers_indicators(cfg, frames: Mapping[str, pd.DataFrame]) -> list[dict]:
    rows: list[dict] = []
    if not _has(frames, "leavers", "establishment"):
        return rows
    leavers = lv.in_period(frames["leavers"], cfg.period.start, cfg.period.end)
    hr, est = cfg.datasets["leavers"].source, cfg.datasets["establishment"].source
    turnover = lv.turnover_by_service(leavers, frames["establishment"])
    col = "Turnover, all qualified posts (%)"
    for _, r in turnover.iterrows():
        key = SERVICE_KEYS.get(r["Service"])
        if key:
            rows.append(
                _row(
                    f"turnover_{key}",
                    f"{r['Service']}: turnover (% of qualified posts)",
                    r[col],
                    "%",
                    "lower",
                    source=f"{hr}; {est}",
                    period=cfg.period.label,
                    section="10_leavers",
                    table="turnover",
                    row=r["Service"],
                    column=col,
                    target=cfg.targets.turnover_percent,
                )
            )
    if _has(frames, "exit_interviews"):
        forms = frames["exit_interviews"]
        returns = lv.exit_return_rate(leavers, forms)
        total = returns[returns["Service"] == "Total"].iloc[0]
        rows.append(
            _row(
                "exit_return_rate",
                "Exit interview forms returned (% of leavers)",
                total["Return rate (%)"],
                "%",
                "higher",
                source=f"{cfg.datasets['exit_interviews'].source}; {hr}",
                period=cfg.period.label,
                section="10_leavers",
                table="exit_return_rate",
                row="Total",
                column="Return rate (%)",
                target=cfg.targets.exit_interview_return_percent,
            )
        )
    if _has(frames, "exit_ratings"):
        aspects = lv.aspect_ratings(frames["exit_ratings"])
        worst = aspects.iloc[0]
        col = "Good or excellent (%)"
        rows.append(
            _row(
                "lowest_rated_aspect",
                f"Leavers' lowest-rated aspect of employment: "
                f"{worst['Aspect of employment'].lower()} (% good or excellent)",
                worst[col],
                "%",
                "higher",
                source=cfg.datasets["exit_interviews"].source
                if "exit_interviews" in cfg.datasets
                else "Exit interview forms",
                period=cfg.period.label,
                section="10_leavers",
                table="aspect_ratings",
                row=worst["Aspect of employment"],
                column=col,
            )
        )
    return rows


def _as_at_period(params: Mapping[str, object]) -> str | None:
    as_at = params.get("as_at")
    return f"At {pd.Timestamp(str(as_at)):%-d %B %Y}" if as_at else None


def _workforce_indicators(
    cfg, frames: Mapping[str, pd.DataFrame], params: Mapping[str, object]
) -> list[dict]:
    rows: list[dict] = []
    period = _as_at_period(params)
    if _has(frames, "workforce_snapshot"):
        snap_src = cfg.datasets["workforce_snapshot"].source
        rates = wf.agency_rates_by_service(frames["workforce_snapshot"])
        for _, r in rates.iterrows():
            key = SERVICE_KEYS.get(r["Service"])
            if not key:
                continue
            for stem, col, target in (
                ("agency_rate", "Agency worker rate (%)", cfg.targets.agency_rate_percent),
                ("vacancy_rate", "Vacancy rate (%)", None),
            ):
                rows.append(
                    _row(
                        f"{stem}_{key}",
                        f"{r['Service']}: {col[0].lower()}{col[1:]}",
                        r[col],
                        "%",
                        "lower",
                        source=snap_src,
                        period=period or snap_src,
                        section="40_workforce_costs",
                        table="agency_rates",
                        row=r["Service"],
                        column=col,
                        target=target,
                    )
                )
    if _has(frames, "caseloads"):
        cases = frames["caseloads"]
        cases = cases[cases["service"] == "Children's Social Care"] if "service" in cases else cases
        if len(cases):
            summary = wf.caseload_summary(cases, cfg.targets.average_caseload)
            col = "Average caseload (cases per worker)"
            first = summary.iloc[0]
            rows.append(
                _row(
                    "average_caseload_childrens",
                    "Children's social workers: average caseload (cases per worker)",
                    first[col],
                    "cases",
                    "lower",
                    source=cfg.datasets["caseloads"].source,
                    period=period or cfg.datasets["caseloads"].source,
                    section="40_workforce_costs",
                    table="caseload_summary",
                    row=first["Workers"],
                    column=col,
                    target=cfg.targets.average_caseload,
                )
            )
    return rows


def _survey_indicators(
    cfg, frames: Mapping[str, pd.DataFrame], params: Mapping[str, object]
) -> list[dict]:
    from pipelines.sections.surveys import analysis as sv

    rows: list[dict] = []
    if not _has(frames, "staff_survey", "staff_survey_answers"):
        return rows
    period = str(params.get("staff_period") or cfg.datasets["staff_survey"].source)
    for service in cfg.services:
        key = SERVICE_KEYS.get(service)
        # The averages do not depend on the bootstrap, so a few resamples suffice here.
        table = sv.results_table(
            frames["staff_survey_answers"], frames["staff_survey"], service, resamples=200
        )
        scored = table.dropna(subset=["Average"])
        if scored.empty or not key:
            continue
        worst = scored.loc[scored["Average"].astype(float).idxmax()]
        rows.append(
            _row(
                f"survey_least_positive_{key}",
                f"{service} staff survey: least positive answer, "
                f"\u201c{worst['Question']}\u201d (average, 1 = most positive)",
                worst["Average"],
                "average (1 to 5)",
                "lower",
                source=cfg.datasets["staff_survey"].source,
                period=period,
                section="20_surveys",
                table=f"results_{service}",
                row=worst["Question"],
                column="Average",
            )
        )
    if _has(frames, "locum_survey") and "locum_survey" in cfg.datasets:
        summary = sv.locum_summary(frames["locum_survey"])
        col = next(c for c in summary.columns if str(c).startswith("% of"))
        hit = summary[
            (summary["Question"] == "Felt valued by the authority") & (summary["Answer"] == "Yes")
        ]
        if len(hit):
            rows.append(
                _row(
                    "locum_felt_valued",
                    "Locums who felt valued by the authority (%)",
                    hit[col].iloc[0],
                    "%",
                    "higher",
                    source=cfg.datasets["locum_survey"].source,
                    period=str(params.get("locum_period") or cfg.datasets["locum_survey"].source),
                    section="20_surveys",
                    table="locum_summary",
                    row="Felt valued by the authority",
                    column=col,
                )
            )
    return rows


def _national_indicators(cfg, meeting: str | dt.date | None, national=None) -> list[dict]:
    from pipelines.sections.national import analysis as nat

    if national is None:
        from pipelines.datasets.national.dfe import load_national

        try:
            national = load_national()
        except Exception:  # noqa: BLE001 - the national files are optional for this table
            return []
    req = nat.make_request(national, cfg.la_code, None, meeting=meeting)
    areas = dict(nat.comparator_areas(req))
    region = next((k for label, k in areas.items() if label != "England"), None)
    source = national.source_with_neighbours if req.neighbours else national.source
    rows = []
    for m in nat.MEASURES:
        cell = national.cell(m.column, req.year, req.la.key)
        if not nat._usable(cell):
            continue

        def value(key: str | None, year: int = req.year, column: str = m.column) -> float | None:
            c = national.cell(column, year, key) if key else None
            return float(c[0]) if nat._usable(c) else None

        med = nat.neighbour_median(national, req, m)[0] if req.neighbours else None
        rows.append(
            _row(
                DFE_KEYS[m.column],
                f"{req.la.name}: {m.label.lower()} (DfE, children's social workers, {req.year})",
                cell[0],
                m.unit,
                "lower" if m.lower_is_better else "higher",
                source=source,
                period=req.period,
                section="30_local_vs_national",
                table="comparison",
                row=m.header,
                column=req.la.name,
                england=value(nat.ENGLAND),
                region=value(region),
                neighbour_median=None if med is None else float(med),
                previous=value(req.la.key, req.year - 1)
                if req.year - 1 in national.years
                else None,
                region_name=next((label for label in areas if label != "England"), None),
                comparator_period=req.period,
            )
        )
    return rows


def collect_indicators(
    cfg,
    frames: Mapping[str, pd.DataFrame],
    *,
    meeting: str | dt.date | None = None,
    sections: Sequence[str] | None = None,
    parameters: Mapping[str, Mapping[str, object]] | None = None,
    national=None,
    include_national: bool = True,
) -> pd.DataFrame:
    """The headline figures of the pack's sections, with their comparators and where shown.

    Parameters
    ----------
    cfg : Review
        The review configuration (period, targets, dataset sources, LA code).
    frames : mapping of str to DataFrame
        The review's tidy datasets (:func:`pipelines.core.validation.load_frames`); absent datasets
        leave their indicators out.
    meeting : str or date, optional
        Meeting date: the national comparison uses the latest DfE year not after it.
    sections : sequence of str, optional
        Keep only indicators shown by these sections (the meeting's pack); None keeps all.
    parameters : mapping, optional
        Section name -> that section's parameters in the meeting (for the snapshot date and
        survey period as the section states them).
    national : NationalData, optional
        DfE data already read; read with :func:`pipelines.datasets.national.dfe.load_national`
        otherwise.
    include_national : bool
        False leaves the DfE indicators out (no national files needed).

    Returns
    -------
    pandas.DataFrame
        One row per indicator, columns :data:`COLUMNS`. Rates are percentages (0 to 100),
        caseloads cases per worker, survey averages on the survey's 1 to 5 scale.

    """
    parameters = parameters or {}
    rows = (
        _leavers_indicators(cfg, frames)
        + _survey_indicators(cfg, frames, parameters.get("20_surveys", {}))
        + _workforce_indicators(cfg, frames, parameters.get("40_workforce_costs", {}))
    )
    if include_national and (sections is None or "30_local_vs_national" in sections):
        rows += _national_indicators(cfg, meeting, national)
    table = pd.DataFrame(rows, columns=COLUMNS)
    if sections is not None:
        table = table[table["section"].isin(list(sections))]
    return table.reset_index(drop=True)


def meeting_sections(cfg, meeting: str | dt.date) -> tuple[list[str], dict[str, dict]]:
    """The section names of a meeting's pack and their parameters, from the review config."""
    m = cfg.meeting(meeting)
    return [s.notebook for s in m.sections], {s.notebook: dict(s.parameters) for s in m.sections}


def value_text(value: float | None, unit: str) -> str:
    """A figure in words for sentences: "23.2%", "20.6 cases", "3.28 (1 to 5 scale)"."""
    if value is None or pd.isna(value):
        return "no figure"
    if unit == "%":
        return f"{value:.1f}%"
    if unit == "average (1 to 5)":
        return f"{value:.2f}"
    return f"{value:.1f} {unit}"
