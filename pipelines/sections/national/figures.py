"""National comparison figures: the council's five DfE measures, with their comparators.

England, region, statistical-neighbour median and the year before.
:func:`compute_figures` reads the DfE statistics (:mod:`pipelines.datasets.national.dfe`) for the
latest year not after the meeting.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pandas as pd

from pipelines.core.figures import Figure, Kind
from pipelines.sections.national import analysis as nat
from pipelines.sections.national import tables as nt

SECTION = "30_local_vs_national"
#: DfE measure column -> figure key.
DFE_KEYS = {
    "turnover_rate_fte": "dfe_turnover",
    "agency_rate_fte": "dfe_agency_rate",
    "vacancy_rate_fte": "dfe_vacancy_rate",
    "caseload_fte": "dfe_caseload",
    "absence_rate_fte": "dfe_absence",
}
#: Keys of the figures :func:`compute_figures` can publish.
FIGURE_KEYS = tuple(DFE_KEYS.values())
#: DfE measure column -> what kind of figure it is (rates on FTE; absence: days lost as a
#: percentage of working days; caseload: cases per case-holding worker).
DFE_KINDS = {
    "turnover_rate_fte": Kind.PERCENT_OF_FTE,
    "agency_rate_fte": Kind.PERCENT_OF_FTE,
    "vacancy_rate_fte": Kind.PERCENT_OF_FTE,
    "caseload_fte": Kind.CASES_PER_WORKER,
    "absence_rate_fte": Kind.PERCENT,
}


def read_national(national=None):
    """The DfE data given, else read (None when the national files are not there).

    Read with :func:`~pipelines.datasets.national.dfe.load_national`.
    """
    if national is not None:
        return national
    from pipelines.datasets.national.dfe import load_national

    try:
        return load_national()
    except Exception:  # noqa: BLE001 - the national files are optional for the figures
        return None


def compute_figures(
    cfg,
    frames: Mapping[str, pd.DataFrame] | None = None,
    params: Mapping[str, object] | None = None,
    *,
    meeting: str | dt.date | None = None,
    national=None,
) -> list[Figure]:
    """The council's DfE figures for the latest year not after the meeting.

    Parameters
    ----------
    cfg : Review
        The review configuration (its ``la_code`` names the council).
    frames, params : mapping, optional
        Not used (the figures come from the DfE files); accepted like every section's.
    meeting : str or date, optional
        Meeting date (ISO); the year is the latest published not after it.
    national : NationalData, optional
        DfE data already read; read from the national files otherwise (no figures when they
        are not there).

    Returns
    -------
    list of Figure
        One per DfE measure the council has a published value for (keys :data:`DFE_KEYS`,
        kinds :data:`DFE_KINDS`), as at 30 September of the year, with comparators
        ``england``, ``region``, ``neighbour_median`` and ``previous`` (the year before) and
        notes ``region_name`` and ``comparator_period``.

    """
    national = read_national(national)
    if national is None:
        return []
    from pipelines.datasets.national.resolve import NotPublishedByMeeting

    try:
        req = nat.make_request(
            national, cfg.la_code, None, meeting=meeting, later_data=cfg.national_later_data
        )
    except NotPublishedByMeeting:
        return []  # nothing published by the meeting and no opt-in to later data
    areas = dict(nt.comparator_areas(req))
    region = next((k for label, k in areas.items() if label != "England"), None)
    region_name = next((label for label in areas if label != "England"), None)
    source = national.source_with_neighbours if req.neighbours else national.source
    figures = []
    for m in nat.MEASURES:
        cell = national.cell(m.column, req.year, req.la.key)
        if not nat.is_usable(cell):
            continue

        def value(key: str | None, year: int = req.year, column: str = m.column) -> float | None:
            c = national.cell(column, year, key) if key else None
            return float(c[0]) if nat.is_usable(c) else None

        med = nat.neighbour_median(national, req, m)[0] if req.neighbours else None
        previous = value(req.la.key, req.year - 1) if req.year - 1 in national.years else None
        notes = {"comparator_period": req.period}
        if req.after_meeting:
            notes["later_data"] = "published after the meeting (the review chose later data)"
        if region_name is not None:
            notes["region_name"] = region_name
        figures.append(
            Figure(
                key=DFE_KEYS[m.column],
                label=f"{req.la.name}: {m.label.lower()} (DfE, children's social workers, "
                f"{req.year})",
                value=float(cell[0]),
                kind=DFE_KINDS[m.column],
                direction="lower" if m.lower_is_better else "higher",
                source=source,
                period=req.period,
                as_at=dt.date(req.year, 9, 30),
                published=req.published,
                section=SECTION,
                table="comparison",
                row=m.header,
                column=req.la.name,
                comparators={
                    "target": None,
                    "england": value(nat.ENGLAND),
                    "region": value(region),
                    "neighbour_median": None if med is None else float(med),
                    "previous": previous,
                },
                notes=notes,
            )
        )
    return figures
