"""The national picture's result: what it computes for a meeting, once, for every audience.

:func:`build` is the section's ``SectionSpec.build``: from the DfE's published statistics
(:func:`pipelines.datasets.national.dfe.load_national`) it makes the section's tables (the
comparison with England, the region and the statistical neighbours, the ranks, the counts behind
the rates, each neighbour, and per measure the series over the years and the rank history) as
:class:`~pipelines.core.results.TidyTable` records whose columns say what they hold, the five
DfE figures read from the comparison table (with their earlier values read from the series), the
findings it proposes with their materiality, the trend charts, and the notes and key-finding
sentences. The notebook renders it; the key findings, SWOT and scorecard read ``result.figures``.

Time-true rule (kept here, inside ``build``): a meeting's result holds only DfE figures the DfE
had *published* by the meeting date (the release dates in ``config/national.yml``, applied by
:func:`pipelines.sections.national.analysis.make_request`): the year shown is the latest
published by the meeting, the series and earlier values stop there, unless the review opted
into later data (``national_later_data``), which every period text then says.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pandas as pd

from pipelines.core.figures import EarlierValue, Figure, Kind
from pipelines.core.results import ChartSpec, Column, ProposedFinding, SectionResult, TidyTable
from pipelines.datasets.national.dfe import LONDON, NationalData
from pipelines.sections.national import analysis as nat
from pipelines.sections.national import tables as nt
from pipelines.sections.national import words as nw
from pipelines.sections.national.parameters import NationalParameters

SECTION = "30_local_vs_national"
#: DfE measure column -> figure key.
DFE_KEYS = {
    "turnover_rate_fte": "dfe_turnover",
    "agency_rate_fte": "dfe_agency_rate",
    "vacancy_rate_fte": "dfe_vacancy_rate",
    "caseload_fte": "dfe_caseload",
    "absence_rate_fte": "dfe_absence",
}
#: DfE measure column -> what kind of figure it is (rates on FTE; absence: days lost as a
#: percentage of working days; caseload: cases per case-holding worker).
DFE_KINDS = {
    "turnover_rate_fte": Kind.PERCENT_OF_FTE,
    "agency_rate_fte": Kind.PERCENT_OF_FTE,
    "vacancy_rate_fte": Kind.PERCENT_OF_FTE,
    "caseload_fte": Kind.CASES_PER_WORKER,
    "absence_rate_fte": Kind.PERCENT,
}
#: DfE count column -> its kind (FTE, cases; working days lost are FTE days).
COUNT_KINDS = {
    "inpost_fte": Kind.FTE,
    "leavers_fte": Kind.FTE,
    "agency_fte": Kind.FTE,
    "vacancy_fte": Kind.FTE,
    "cases": Kind.CASES,
    "case_holders_fte": Kind.FTE,
    "working_days_lost_fte": Kind.FTE,
}
#: Population the DfE figures describe.
POPULATION = "children's social workers employed by the authority (DfE)"
#: One decimal place, as the DfE publishes (cases held: whole numbers).
ONE_DP, WHOLE = "{:,.1f}", "{:,.0f}"
#: Place of the section's notes in ``result.notes``.
CAVEATS, FINDINGS, NEIGHBOUR_NOTES = "caveats", "findings", "neighbour_notes"


def request(ctx, params: NationalParameters, data: NationalData) -> nat.Request:
    """The section's request for a run: authority, year and comparators, time-true.

    The authority is ``params.la``, else the review's ``la_code``; the year ``params.year``,
    else the latest the DfE had published by the meeting (``ctx.meeting``), or a later one only
    when the review opted into later data (``national_later_data``). ConfigError (from
    :func:`~pipelines.sections.national.analysis.make_request`) when the authority is unknown,
    the year has no figures or no authority is given.
    """
    cfg = ctx.review
    la = params.la or (getattr(cfg, "la_code", "") if cfg is not None else "")
    later = bool(getattr(cfg, "national_later_data", False)) if cfg is not None else False
    meeting = ctx.meeting
    return nat.make_request(
        data,
        la,
        params.year or None,
        meeting=str(meeting) if meeting else None,
        comparators=params.comparators,
        later_data=later,
    )


def _area_columns(req: nat.Request) -> list[tuple[str, str, str]]:
    """(tidy column, label, area key) of the area comparators: england, region, london."""
    out = []
    for label, key in nt.comparator_areas(req):
        tidy = "england" if key == nat.ENGLAND else "london" if key == LONDON else "region"
        out.append((tidy, label, key))
    return out


def _renamed(frame: pd.DataFrame, names: Mapping[str, str]) -> pd.DataFrame:
    """``frame`` with its member-facing labels replaced by tidy names (``names``: label -> tidy)."""
    return frame.rename(columns=dict(names))


def _values(label: str, kind: Kind | None, fmt: str = ONE_DP) -> Column:
    """A column of published DfE figures (or the words of a marker) of one kind."""
    return Column(label, kind, format=fmt)


def compared_with(req: nat.Request) -> str:
    """The comparators the comparison table has columns for, in words.

    "England, its region and its statistical neighbours" with all three; "England and its
    region" when the review leaves the neighbours out: a caption names no comparator the
    table does not show.
    """
    words = []
    if "England" in req.comparators:
        words.append("England")
    if "region" in req.comparators and req.la.region_code:
        words.append("its region")
    if req.neighbours:
        words.append("its statistical neighbours")
    if not words:
        return "no comparator"
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def comparison(data: NationalData, req: nat.Request, source: str) -> TidyTable:
    """The authority against England, its region and its neighbours' median, one row per measure.

    Tidy columns: ``measure`` (the measure's header), ``authority``, ``england``, ``region``,
    ``london`` (a London borough only), ``neighbour_median`` and ``neighbours_counted``
    ("9 of 10") with neighbours. Cells are the published figure (per cent, or cases per
    case-holding worker for the caseload) or the words of a DfE marker
    (:func:`~pipelines.sections.national.tables.comparison_table`).
    """
    areas = _area_columns(req)
    names = {"Measure": "measure", req.la.name: "authority"}
    names.update({label: tidy for tidy, label, _ in areas})
    columns = {"measure": Column("Measure"), "authority": _values(req.la.name, Kind.RATE)}
    columns.update({tidy: _values(label, Kind.RATE) for tidy, label, _ in areas})
    if req.neighbours:
        names.update(
            {
                "Statistical neighbours (median)": "neighbour_median",
                "Neighbours with a figure": "neighbours_counted",
            }
        )
        columns["neighbour_median"] = _values("Statistical neighbours (median)", Kind.RATE)
        columns["neighbours_counted"] = Column("Neighbours with a figure", Kind.RATIO)
    return TidyTable(
        name="comparison",
        frame=_renamed(nt.comparison_table(data, req), names),
        columns=columns,
        caption=(
            f"{req.la.name} compared with {compared_with(req)}: the DfE's figures for "
            f"children's social workers at 30 September {req.year}"
        ),
        source=source,
        period=req.neighbours_period,
    )


def ranks(data: NationalData, req: nat.Request, source: str) -> TidyTable:
    """The authority's rank on each measure and its change on the year before.

    Tidy columns: ``measure``, ``figure`` (the year's figure), ``rank_all`` ("12th of 150"),
    ``quartile``, ``rank_neighbours`` (with neighbours), ``previous`` (the year before's
    figure) and ``change`` (in words) (:func:`~pipelines.sections.national.tables.ranking_table`).
    """
    frame = nt.ranking_table(data, req)
    names = {
        "Measure": "measure",
        f"{req.year} figure": "figure",
        "Rank among all authorities": "rank_all",
        nat.QUARTILE_COLUMN: "quartile",
        "Rank among statistical neighbours": "rank_neighbours",
        f"{req.year - 1} figure": "previous",
        "Change on previous year": "change",
    }
    kinds = {
        "figure": Kind.RATE,
        "rank_all": Kind.RANK,
        "quartile": Kind.RANK,
        "rank_neighbours": Kind.RANK,
        "previous": Kind.RATE,
        "change": Kind.RATE,
    }
    columns = {}
    for label in frame.columns:
        tidy = names[label]
        columns[tidy] = Column(label) if tidy == "measure" else _values(label, kinds[tidy])
    return TidyTable(
        name="ranks",
        frame=_renamed(frame, names),
        columns=columns,
        caption=f"{req.la.name}: rank on each measure in {req.year} and change on the year before",
        source=source,
        period=req.neighbours_period,
    )


def counts(data: NationalData, req: nat.Request) -> TidyTable:
    """The published counts behind the rates, for the authority and each area comparator.

    Tidy columns: ``area``, then each DfE count column (:data:`COUNT_KINDS`: FTE, cases held)
    (:func:`~pipelines.sections.national.tables.counts_table`).
    """
    names = {"Area": "area", **{label: col for col, label in nat.COUNT_LABELS.items()}}
    columns = {"area": Column("Area")}
    for col, label in nat.COUNT_LABELS.items():
        columns[col] = _values(label, COUNT_KINDS[col], WHOLE if col == "cases" else ONE_DP)
    return TidyTable(
        name="counts",
        frame=_renamed(nt.counts_table(data, req), names),
        columns=columns,
        caption=f"Counts behind the rates: {req.la.name}, its region and England, {req.year}",
        source=data.source,
        period=req.period,
    )


def neighbours(data: NationalData, req: nat.Request) -> TidyTable:
    """The authority and each statistical neighbour on every measure, closest first.

    Tidy columns: ``authority``, ``closeness`` and one per measure (its DfE column)
    (:func:`~pipelines.sections.national.tables.neighbours_table`).
    """
    names = {"Authority": "authority", "Closeness": "closeness"}
    names.update({m.header: m.column for m in nat.MEASURES})
    columns = {"authority": Column("Authority"), "closeness": Column("Closeness")}
    columns.update({m.column: _values(m.header, DFE_KINDS[m.column]) for m in nat.MEASURES})
    return TidyTable(
        name="neighbours",
        frame=_renamed(nt.neighbours_table(data, req), names),
        columns=columns,
        caption=f"{req.la.name} and each of its statistical neighbours, {req.year}",
        source=data.source_with_neighbours,
        period=req.neighbours_period,
    )


def series(data: NationalData, req: nat.Request, m: nat.Measure, source: str) -> TidyTable:
    """One measure in every year the meeting may show: the authority and its comparators.

    Tidy columns: ``year``, ``authority``, the area comparators, ``neighbour_median`` and
    ``neighbours_counted`` with neighbours (:func:`~pipelines.sections.national.tables.
    series_table`). The years are those published by the meeting
    (:func:`~pipelines.sections.national.analysis.trend_years`).
    """
    areas = _area_columns(req)
    names = {"Year": "year", req.la.name: "authority"}
    names.update({label: tidy for tidy, label, _ in areas})
    kind = DFE_KINDS[m.column]
    columns = {"year": Column("Year"), "authority": _values(req.la.name, kind)}
    columns.update({tidy: _values(label, kind) for tidy, label, _ in areas})
    if req.neighbours:
        names.update(
            {
                "Statistical neighbours (median)": "neighbour_median",
                "Neighbours with a figure": "neighbours_counted",
            }
        )
        columns["neighbour_median"] = _values("Statistical neighbours (median)", kind)
        columns["neighbours_counted"] = Column("Neighbours with a figure", Kind.RATIO)
    return TidyTable(
        name=f"trend_{m.column}",
        frame=_renamed(nt.series_table(data, req, m), names),
        columns=columns,
        caption=nw.trend_title(data, req, m),
        source=source,
        period=nat.series_period(data, req),
    )


def rank_history(data: NationalData, req: nat.Request, m: nat.Measure, source: str) -> TidyTable:
    """The authority's figure, change, ranks and quartile band in every year shown.

    Tidy columns: ``year``, ``figure``, ``change``, ``rank_all``, ``quartile`` and
    ``rank_neighbours`` with neighbours (:func:`~pipelines.sections.national.tables.
    rank_history`).
    """
    names = {
        "Year": "year",
        m.header: "figure",
        "Change on previous year": "change",
        "Rank among all authorities": "rank_all",
        nat.QUARTILE_COLUMN: "quartile",
        "Rank among statistical neighbours": "rank_neighbours",
    }
    frame = nt.rank_history(data, req, m)
    kinds = {
        "figure": DFE_KINDS[m.column],
        "change": Kind.RATE,
        "rank_all": Kind.RANK,
        "quartile": Kind.RANK,
        "rank_neighbours": Kind.RANK,
    }
    columns = {}
    for label in frame.columns:
        tidy = names[label]
        columns[tidy] = Column(label) if tidy == "year" else _values(label, kinds[tidy])
    return TidyTable(
        name=f"rank_history_{m.column}",
        frame=_renamed(frame, names),
        columns=columns,
        caption=f"{req.la.name}: {m.label.lower()}, change and rank by year",
        source=source,
        period=nat.series_period(data, req),
    )


def definitions(data: NationalData) -> TidyTable:
    """What each measure means (:func:`~pipelines.sections.national.tables.definitions_table`)."""
    frame = nt.definitions_table()
    names = dict(zip(frame.columns, ("measure", "definition", "best", "counts"), strict=True))
    return TidyTable(
        name="definitions",
        frame=_renamed(frame, names),
        columns={tidy: Column(label) for label, tidy in names.items()},
        caption="What each measure means",
        source=data.source,
    )


def markers(data: NationalData) -> TidyTable:
    """The DfE's markers and how they are shown (:func:`~.tables.markers_table`)."""
    frame = nt.markers_table()
    names = dict(zip(frame.columns, ("marker", "shown_as", "meaning"), strict=True))
    return TidyTable(
        name="markers",
        frame=_renamed(frame, names),
        columns={tidy: Column(label) for label, tidy in names.items()},
        caption="Figures not published by the DfE, and how they are shown",
        source=data.source,
    )


def trend_chart(req: nat.Request, m: nat.Measure, table: TidyTable) -> ChartSpec:
    """The trend chart of one measure: the authority's line and its comparators' by year.

    Drawn from ``table`` (:func:`series`); ``highlight`` holds the year the pack reports on.
    """
    lines = tuple(c for c in table.columns if c not in ("year", "authority", "neighbours_counted"))
    return ChartSpec(
        name=table.name,
        table=table.name,
        chart="line",
        label="year",
        values=("authority", *lines),
        title=table.caption,
        highlight=(str(req.year),),
    )


def _number(value: object) -> float | None:
    """A cell's number, None for words (a marker, "no return", "no figures")."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or pd.isna(value):
        return None
    return float(value)


#: A DfE rate's base (its denominator), as the DfE defines the rate: the FTE columns summed.
RATE_BASES = {
    "turnover_rate_fte": ("inpost_fte",),
    "agency_rate_fte": ("inpost_fte", "agency_fte"),
    "vacancy_rate_fte": ("inpost_fte", "vacancy_fte"),
}


def rate_base(data: NationalData, column: str, year: int, key: str) -> float | None:
    """The FTE a DfE rate of one authority is a share of, or None (not a rate, or not published).

    Turnover: the FTE in post; agency rate: in post plus agency FTE; vacancy rate: in post plus
    vacant FTE (the DfE's definitions), from the same release and year.
    """
    parts = [data.cell(c, year, key) for c in RATE_BASES.get(column, ())]
    if not parts or not all(nat.is_usable(p) for p in parts):
        return None
    return float(sum(p[0] for p in parts))


def figures(
    data: NationalData, req: nat.Request, table: TidyTable, trends: Mapping[str, TidyTable]
) -> list[Figure]:
    """The authority's five DfE figures, read from the comparison table and the series.

    One per measure with a published figure in ``req.year`` (keys :data:`DFE_KEYS`, kinds
    :data:`DFE_KINDS`): value, England, region and neighbour median are the comparison table's
    cells (row = the measure's header); ``previous`` is the year before's published figure;
    ``earlier`` every earlier year of the series the meeting may show, oldest first (value None
    where the DfE published a marker or the authority made no return). As at 30 September of
    the year.
    """
    source = table.source
    region_name = next(
        (c.label for t, c in table.columns.items() if t in ("region", "london")), None
    )
    out: list[Figure] = []
    for m in nat.MEASURES:
        row = table.frame.loc[table.frame["measure"] == m.header].iloc[0]
        value = _number(row["authority"])
        if value is None:
            continue
        trend = trends[m.column].frame
        earlier = tuple(
            EarlierValue(period=f"At 30 September {r['year']}", value=_number(r["authority"]))
            for r in trend.to_dict("records")
            if int(r["year"]) < req.year
        )
        before = data.cell(m.column, req.year - 1, req.la.key)
        previous = float(before[0]) if nat.is_usable(before) else None
        notes = {"comparator_period": req.period}
        if req.after_meeting:
            notes["later_data"] = "published after the meeting (the review chose later data)"
        if region_name is not None:
            notes["region_name"] = region_name
        out.append(
            Figure(
                key=DFE_KEYS[m.column],
                label=f"{req.la.name}: {m.label.lower()} (DfE, children's social workers, "
                f"{req.year})",
                value=value,
                kind=DFE_KINDS[m.column],
                # a rate's base is the DfE's own FTE for the authority, so a distance from a
                # comparator is counted in the DfE's FTE, never in the council's own count
                denominator=rate_base(data, m.column, req.year, req.la.key),
                direction="lower" if m.lower_is_better else "higher",
                source=source,
                period=req.period,
                as_at=dt.date(req.year, 9, 30),
                published=req.published,
                section=SECTION,
                table=table.name,
                row=m.header,
                column=req.la.name,
                comparators={
                    "target": None,
                    "england": _number(row.get("england")),
                    "region": _number(row.get("region", row.get("london"))),
                    "neighbour_median": _number(row.get("neighbour_median")),
                    "previous": previous,
                },
                notes=notes,
                measure=m.label.lower(),
                population=f"{req.la.name}: {POPULATION}",
                earlier=earlier,
            )
        )
    return out


def materiality(fig: Figure, comparator: str = "england") -> ProposedFinding | None:
    """How far a DfE figure is on the wrong side of a comparator (England by default).

    Materiality = the adverse gap in the figure's unit: percentage points for the rates, cases
    per case-holding worker for the caseload (figure minus comparator when lower is better).
    None when there is no such comparator or the figure is at or better than it.
    """
    other = fig.comparators.get(comparator)
    if fig.value is None or other is None:
        return None
    gap = fig.value - other if fig.direction == "lower" else other - fig.value
    if gap <= 0:
        return None
    unit = "percentage points" if fig.kind.is_percentage else "cases per worker"
    return ProposedFinding(fig.key, round(gap, 1), unit, comparator, other)


def build(ctx, params: NationalParameters | Mapping[str, object] | None = None) -> SectionResult:
    """The local and national picture's result for a run (its ``SectionSpec.build``).

    Parameters
    ----------
    ctx : RunContext or FramesContext
        The run: ``ctx.review`` (its ``la_code`` and ``national_later_data``; None for a
        standalone benchmark) and ``ctx.meeting`` (the time-true date; None for no meeting).
    params : NationalParameters or mapping, optional
        ``la``, ``year`` and ``comparators`` (defaults when None).

    Returns
    -------
    SectionResult
        Tables ``comparison``, ``ranks``, ``counts``, ``neighbours`` (with neighbours),
        ``trend_<measure>`` and ``rank_history_<measure>`` per measure, ``definitions`` and
        ``markers``; the five DfE figures (:func:`figures`); findings worse than England
        (:func:`materiality`), most material first; a trend chart per measure; notes
        ``caveats`` (year shown, joint returns...), ``findings`` (the key-finding sentences)
        and ``neighbour_notes``.

    Raises
    ------
    ConfigError
        The DfE files are not there (:func:`~pipelines.datasets.national.dfe.data_folder`),
        or the authority or year cannot be resolved.
    NotPublishedByMeeting
        No DfE figures were published by the meeting and the review did not opt into later
        data.

    """
    from pipelines.datasets.national.dfe import load_national

    return build_from(load_national(), ctx, params)


def build_from(
    data: NationalData, ctx, params: NationalParameters | Mapping[str, object] | None = None
) -> SectionResult:
    """:func:`build` on DfE data already read (``data``), for callers and tests holding it."""
    p = (
        params
        if isinstance(params, NationalParameters)
        else NationalParameters(**dict(params or {}))
    )
    req = request(ctx, p, data)
    source = data.source_with_neighbours if req.neighbours else data.source
    tables: dict[str, TidyTable] = {"comparison": comparison(data, req, source)}
    tables["ranks"] = ranks(data, req, source)
    tables["counts"] = counts(data, req)
    if req.neighbours:
        tables["neighbours"] = neighbours(data, req)
    trends: dict[str, TidyTable] = {}
    charts: dict[str, ChartSpec] = {}
    for m in nat.MEASURES:
        trends[m.column] = series(data, req, m, source)
        tables[trends[m.column].name] = trends[m.column]
        history = rank_history(data, req, m, source)
        tables[history.name] = history
        charts[trends[m.column].name] = trend_chart(req, m, trends[m.column])
    tables["definitions"] = definitions(data)
    tables["markers"] = markers(data)
    figs = figures(data, req, tables["comparison"], trends)
    proposed = sorted(
        (f for fig in figs if (f := materiality(fig)) is not None), key=lambda f: -f.materiality
    )
    notes = {
        CAVEATS: tuple(req.caveats),
        FINDINGS: tuple(("", s) for s in nw.findings(data, req)),
        NEIGHBOUR_NOTES: tuple(
            ("Left out of the median", s)
            for s in (nt.neighbour_notes(data, req) if req.neighbours else [])
        ),
    }
    return SectionResult(SECTION, tuple(figs), tables, tuple(proposed), charts, notes)


def build_section(ctx, params: Mapping[str, object] | None = None) -> SectionResult:
    """The section's result for this run, built once per meeting and then read back.

    What the notebook calls (``result = build_section(ctx, params)``):
    :func:`pipelines.core.section_build.build_section` for this section.
    """
    from pipelines.core.section_build import build_section as build_any

    return build_any(ctx, SECTION, params)
