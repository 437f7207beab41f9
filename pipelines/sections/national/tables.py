"""Local against national: the tables members see, from the DfE statistics.

The comparison with England, the region and the statistical neighbours' median, the ranking
among all authorities, the counts behind each rate, each neighbour's figures, the series over
every year of the release and the definitions of the measures and markers. Built on the
requests, ranks and neighbours of :mod:`pipelines.sections.national.analysis`; tables come back
with member-facing column labels, ready for :func:`pipelines.core.presentation.show`.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from pipelines.datasets.national.dfe import (
    JOINT_SEPARATOR,
    LONDON,
    LONDON_PARTS,
    SPECIAL_EXPLAINED,
    SPECIAL_VALUES,
    NationalData,
)
from pipelines.sections.national.analysis import (
    COUNT_LABELS,
    ENGLAND,
    MEASURES,
    NO_RETURN,
    QUARTILE_COLUMN,
    QUARTILE_LABELS,
    Measure,
    Neighbour,
    Request,
    _rank_text,
    is_usable,
    la_rank,
    median_1dp,
    neighbour_median,
    neighbour_rank,
    neighbour_values,
    neighbours_of,
    shown,
    trend_years,
)

# --------------------------------------------------------------------------- tables


def comparator_areas(req: Request) -> list[tuple[str, str]]:
    """(column label, area key) of the area comparators asked for: England, region, London."""
    out = []
    if "England" in req.comparators:
        out.append(("England", ENGLAND))
    if "region" in req.comparators and req.la.region_code:
        out.append((req.la.region_name, req.la.region_code))
        if req.la.region_code in LONDON_PARTS:
            out.append(("London", LONDON))
    return out


def _count(counted: int, total: int) -> str:
    return f"{counted} of {total}"


def comparison_table(data: NationalData, req: Request) -> pd.DataFrame:
    """The authority against England, its region and its neighbours' median, in ``req.year``.

    Returns
    -------
    pandas.DataFrame
        One row per measure: "Measure", the authority's name, each area comparator, and
        (with neighbours) "Statistical neighbours (median)" and "Neighbours with a figure"
        ("9 of 10"). Rates in per cent, caseload in cases per case-holding social worker.

    """
    rows = []
    for m in MEASURES:
        row: dict[str, object] = {
            "Measure": m.header,
            req.la.name: shown(data.cell(m.column, req.year, req.la.key)),
        }
        for label, key in comparator_areas(req):
            row[label] = shown(data.cell(m.column, req.year, key))
        if req.neighbours:
            med, k, total = neighbour_median(data, req, m)
            row["Statistical neighbours (median)"] = med if med is not None else "no figures"
            row["Neighbours with a figure"] = _count(k, total)
        rows.append(row)
    return pd.DataFrame(rows)


def _change(data: NationalData, key: str, m: Measure, year: int) -> float | str:
    now, before = data.cell(m.column, year, key), data.cell(m.column, year - 1, key)
    if year - 1 < min(data.years):
        return f"no {year - 1} figures"
    if before is None:
        return f"no {year - 1} return"
    if not is_usable(before):
        return f"{year - 1}: {SPECIAL_VALUES[before[1]]}"
    if not is_usable(now):
        return f"{year}: {shown(now)}"
    return round(now[0] - before[0], 1)


def _change_text(m: Measure, change: float | str) -> str:
    if isinstance(change, str):
        return change
    if change == 0:
        return "no change"
    return f"{change:+.1f} {m.change_unit}".replace("-", "−")


def ranking_table(data: NationalData, req: Request) -> pd.DataFrame:
    """The authority's rank on each measure in ``req.year``, and its change on the year before.

    Returns
    -------
    pandas.DataFrame
        One row per measure: "Measure", "<year> figure", "Rank among all authorities" ("12th
        of 150"; 1 = most favourable, i.e. lowest), :data:`QUARTILE_COLUMN`, "Rank among
        statistical neighbours" (the authority and its neighbours with a figure), "<year-1>
        figure",
        "Change on previous year" (percentage points for rates, cases for caseload).

    """
    rows = []
    for m in MEASURES:
        cell = data.cell(m.column, req.year, req.la.key)
        rank, n, q = la_rank(data, req.la, m, req.year)
        row: dict[str, object] = {
            "Measure": m.header,
            f"{req.year} figure": shown(cell),
            "Rank among all authorities": _rank_text(rank, n, cell),
            QUARTILE_COLUMN: QUARTILE_LABELS[q] if q else "not ranked",
        }
        if req.neighbours:
            nr, nn = neighbour_rank(data, req, m)
            row["Rank among statistical neighbours"] = _rank_text(nr, nn, cell)
        prev = data.cell(m.column, req.year - 1, req.la.key)
        row[f"{req.year - 1} figure"] = shown(prev) if req.year - 1 in data.years else "–"
        row["Change on previous year"] = _change_text(m, _change(data, req.la.key, m, req.year))
        rows.append(row)
    return pd.DataFrame(rows)


def counts_table(data: NationalData, req: Request) -> pd.DataFrame:
    """The published counts behind the rates, for the authority and each area comparator.

    Returns
    -------
    pandas.DataFrame
        One row per area: "Area", then each count of :data:`COUNT_LABELS` (FTE = full-time
        equivalent; working days lost are FTE days in the year).

    """
    rows = []
    for label, key in [(req.la.name, req.la.key), *comparator_areas(req)]:
        row: dict[str, object] = {"Area": label}
        for col, text in COUNT_LABELS.items():
            row[text] = shown(data.cell(col, req.year, key))
        rows.append(row)
    return pd.DataFrame(rows)


def neighbour_label(data: NationalData, n: Neighbour) -> str:
    """Neighbour name for tables, noting a joint return ("Richmond upon Thames (joint ...)")."""
    if n.unit and JOINT_SEPARATOR in n.unit:
        others = [
            x.strip() for x in data.unit_name(n.unit).split(JOINT_SEPARATOR) if x.strip() != n.name
        ]
        return f"{n.name} (joint return with {' and '.join(others)})"
    return n.name


def neighbours_table(data: NationalData, req: Request) -> pd.DataFrame:
    """The authority and each statistical neighbour on every measure in ``req.year``.

    Returns
    -------
    pandas.DataFrame
        First the authority, then its neighbours closest first ("Closeness" as the DfE model
        labels it), then "Median of neighbours" and "Neighbours with a figure". A cell is the
        figure, the meaning of a DfE marker, "no return", or "counted once" where a joint return
        already appears for another neighbour (or is the authority's own).

    """
    per = {m.column: neighbour_values(data, req, m) for m in MEASURES}
    first = per[MEASURES[0].column]
    rows: list[dict[str, object]] = [
        {
            "Authority": f"{req.la.name} (this authority)",
            "Closeness": "–",
            **{m.header: shown(data.cell(m.column, req.year, req.la.key)) for m in MEASURES},
        }
    ]
    for i, n in enumerate(neighbours_of(data, req.la)):
        row: dict[str, object] = {
            "Authority": neighbour_label(data, n),
            "Closeness": first["closeness"].iloc[i],
        }
        for m in MEASURES:
            row[m.header] = per[m.column]["shown"].iloc[i]
        rows.append(row)
    med = {"Authority": "Median of neighbours", "Closeness": ""}
    cnt = {"Authority": "Neighbours with a figure", "Closeness": ""}
    for m in MEASURES:
        nv = per[m.column]
        vals = nv.loc[nv["counted"], "value"]
        med[m.header] = median_1dp(vals) if len(vals) else "no figures"
        cnt[m.header] = _count(len(vals), len(nv))
    rows += [med, cnt]
    return pd.DataFrame(rows)


def neighbour_notes(data: NationalData, req: Request, year: int | None = None) -> list[str]:
    """Sentences saying which neighbours were left out of the medians in a year, and why."""
    year = year or req.year
    left: dict[tuple[str, str], list[str]] = {}
    for m in MEASURES:
        nv = neighbour_values(data, req, m, year)
        for r in nv[~nv["counted"]].itertuples():
            left.setdefault((r.name, r.reason), []).append(m.label.lower())
    out = []
    for (name, reason), labels in left.items():
        which = "every measure" if len(labels) == len(MEASURES) else _join(labels)
        out.append(f"{name}: left out for {which} ({reason}).")
    return out


def _join(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def series_table(data: NationalData, req: Request, m: Measure) -> pd.DataFrame:
    """One measure for every year of the release: the authority, area comparators, neighbours.

    Returns
    -------
    pandas.DataFrame
        One row per year: "Year", the authority, each area comparator, and (with neighbours)
        "Statistical neighbours (median)" and "Neighbours with a figure".

    """
    rows = []
    for year in trend_years(data, req):
        row: dict[str, object] = {
            "Year": str(year),
            req.la.name: shown(data.cell(m.column, year, req.la.key)),
        }
        for label, key in comparator_areas(req):
            row[label] = shown(data.cell(m.column, year, key))
        if req.neighbours:
            med, k, total = neighbour_median(data, req, m, year)
            row["Statistical neighbours (median)"] = med if med is not None else "no figures"
            row["Neighbours with a figure"] = _count(k, total)
        rows.append(row)
    return pd.DataFrame(rows)


def line_columns(req: Request, series: pd.DataFrame) -> list[str]:
    """Columns of :func:`series_table` drawn as comparator lines (not the authority, not counts)."""
    return [c for c in series.columns if c not in ("Year", req.la.name, "Neighbours with a figure")]


def rank_history(data: NationalData, req: Request, m: Measure) -> pd.DataFrame:
    """The authority's figure, change, ranks and quartile band in every year of the release.

    Returns
    -------
    pandas.DataFrame
        One row per year: "Year", the measure (figure or marker meaning), "Change on previous
        year", "Rank among all authorities", :data:`QUARTILE_COLUMN` and (with neighbours)
        "Rank among statistical neighbours". Rank 1 is the most favourable (lowest).

    """
    rows = []
    for year in trend_years(data, req):
        cell = data.cell(m.column, year, req.la.key)
        rank, n, q = la_rank(data, req.la, m, year)
        row: dict[str, object] = {
            "Year": str(year),
            m.header: shown(cell),
            "Change on previous year": _change_text(m, _change(data, req.la.key, m, year)),
            "Rank among all authorities": _rank_text(rank, n, cell),
            QUARTILE_COLUMN: QUARTILE_LABELS[q] if q else "not ranked",
        }
        if req.neighbours:
            nr, nn = neighbour_rank(data, req, m, year)
            row["Rank among statistical neighbours"] = _rank_text(nr, nn, cell)
        rows.append(row)
    return pd.DataFrame(rows)


def formats(table: pd.DataFrame) -> dict[str, str]:
    """``str.format`` patterns for a table of this module: figures to one decimal place.

    Every published figure has one decimal place (FTE, rates, caseloads, days lost), except the
    number of cases, which is whole. Columns of words are left alone.
    """
    out = {}
    for col in table.columns[1:]:
        if col == COUNT_LABELS["cases"]:
            out[col] = "{:,.0f}"
        else:
            out[col] = "{:,.1f}"
    return out


def definitions_table() -> pd.DataFrame:
    """What each measure means, which way is favourable, and the counts behind it."""
    return pd.DataFrame(
        [
            {
                "Measure": m.header,
                "Definition (DfE)": m.definition,
                "Rank 1 is the": m.best_word,
                "Counts behind it": "; ".join(label for _, label in m.counts),
            }
            for m in MEASURES
        ]
    )


def markers_table() -> pd.DataFrame:
    """The DfE's markers for figures it does not publish, and how this pack shows them."""
    seen, rows = set(), []
    for code, text in SPECIAL_EXPLAINED.items():
        if text in seen:
            continue
        seen.add(text)
        codes = [c for c, t in SPECIAL_EXPLAINED.items() if t == text]
        rows.append(
            {
                "DfE marker": " or ".join(codes),
                "Shown here as": SPECIAL_VALUES[code],
                "Meaning": text.split(": ", 1)[-1],
            }
        )
    rows.append(
        {
            "DfE marker": "(no row)",
            "Shown here as": NO_RETURN,
            "Meaning": "the authority made no return that year (e.g. it did not exist)",
        }
    )
    return pd.DataFrame(rows)
