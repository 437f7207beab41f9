"""The section's tables, built for every authority in the 2025 data, checked against the CSV.

The expected values are read from the published file with the csv module (see conftest), and
the medians and ranks are worked out here from those cells, independently of the product.
"""

from __future__ import annotations

import statistics
from decimal import ROUND_HALF_UP, Decimal

import pytest

from pipelines.sections.national import analysis as nat
from pipelines.sections.national import tables as nt
from tests.sections.national.conftest import MARKERS, area_row, la_rows, published

YEAR = 2025
SEP = " / "


def ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def half_up(x: float) -> float:
    return float(Decimal(f"{x:.6f}").quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def numeric(text: str) -> float | None:
    return None if text.strip() in MARKERS else float(text)


def unit_of(rows: dict[str, dict]) -> dict[str, str]:
    return {part: key for key in rows for part in key.split(SEP)}


def expected_neighbours(key, member, rows, raw_neighbours, column):
    """(counted values, number in the model) for the median, worked out from the files."""
    units = unit_of(rows)
    codes = raw_neighbours.get(member, [])
    seen, vals = set(), []
    for code in codes:
        unit = units.get(code)
        if unit is None or unit == key or unit in seen:
            continue
        seen.add(unit)
        v = numeric(rows[unit][column])
        if v is not None:
            vals.append(v)
    return vals, len(codes)


def better_count(values, own):
    return sum(1 for v in values if v < own)


@pytest.fixture(scope="module")
def rows_2025(raw_rows):
    return la_rows(raw_rows, YEAR)


def test_the_2025_file_has_every_authority_once(national, rows_2025):
    assert len(rows_2025) == 151
    assert sorted(national.authorities.loc[national.authorities["year"] == YEAR, "key"]) == sorted(
        rows_2025
    )


def test_tables_match_the_csv_for_every_authority(national, raw_rows, raw_neighbours, rows_2025):
    england = area_row(raw_rows, YEAR, "E92000001")
    checked = 0
    for key, row in rows_2025.items():
        req = nat.make_request(national, key, YEAR)
        assert req.la.key == key and req.year == YEAR
        member = key.split(SEP)[0]
        comp = nt.comparison_table(national, req).set_index("Measure")
        ranks = nt.ranking_table(national, req).set_index("Measure")
        region = area_row(raw_rows, YEAR, row["region_code"])
        for m in nat.MEASURES:
            col = m.column
            assert comp.loc[m.header, req.la.name] == published(row[col]), (key, col)
            assert comp.loc[m.header, "England"] == published(england[col])
            assert comp.loc[m.header, row["region_name"]] == published(region[col])
            if row["region_code"].startswith("E13"):
                assert comp.loc[m.header, "London"] == published(
                    area_row(raw_rows, YEAR, "E12000007")[col]
                )
            vals, total = expected_neighbours(key, member, rows_2025, raw_neighbours, col)
            if total:
                assert comp.loc[m.header, "Statistical neighbours (median)"] == (
                    half_up(statistics.median(vals)) if vals else "no figures"
                ), (key, col)
                assert comp.loc[m.header, "Neighbours with a figure"] == f"{len(vals)} of {total}"
            everyone = [v for v in (numeric(r[col]) for r in rows_2025.values()) if v is not None]
            own = numeric(row[col])
            rank_text = ranks.loc[m.header, "Rank among all authorities"]
            if own is None:
                assert rank_text == f"not ranked ({MARKERS[row[col].strip()]})"
                assert ranks.loc[m.header, nat.QUARTILE_COLUMN] == "not ranked"
            else:
                rank = 1 + better_count(everyone, own)
                assert rank_text == f"{ordinal(rank)} of {len(everyone)}", (key, col)
                quartile = min(4, 1 + 4 * (rank - 1) // len(everyone))
                assert ranks.loc[m.header, nat.QUARTILE_COLUMN] == nat.QUARTILE_LABELS[quartile]
                if total:
                    assert ranks.loc[m.header, "Rank among statistical neighbours"] == (
                        f"{ordinal(1 + better_count(vals, own))} of {len(vals) + 1}"
                    )
        counts = nt.counts_table(national, req)
        assert counts["Area"].tolist()[:2] == [req.la.name, "England"]
        for col, label in nat.COUNT_LABELS.items():
            assert counts[label].iloc[0] == published(row[col])
            assert counts[label].iloc[1] == published(england[col])
        checked += 1
    assert checked == len(rows_2025)


def test_neighbour_rows_match_the_csv_for_every_authority(national, raw_neighbours, rows_2025):
    units = unit_of(rows_2025)
    for key in rows_2025:
        req = nat.make_request(national, key, YEAR)
        if not req.neighbours:
            continue
        table = nt.neighbours_table(national, req)
        codes = raw_neighbours[key.split(SEP)[0]]
        assert len(table) == 1 + len(codes) + 2
        seen = set()
        for i, code in enumerate(codes, start=1):
            unit = units[code]
            for m in nat.MEASURES:
                cell = table[m.header].iloc[i]
                if unit == key:
                    assert cell == "same return as this authority"
                elif unit in seen:
                    assert cell == "counted once"
                else:
                    assert cell == published(rows_2025[unit][m.column]), (key, code)
            seen.add(unit)


def test_series_and_changes_match_the_csv_for_every_authority(national, raw_rows, rows_2025):
    by_year = {y: la_rows(raw_rows, y) for y in national.years}
    for key in rows_2025:
        req = nat.make_request(national, key, YEAR)
        for m in nat.MEASURES[:1] + nat.MEASURES[3:4]:
            series = nt.series_table(national, req, m)
            history = nt.rank_history(national, req, m)
            assert series["Year"].tolist() == [str(y) for y in national.years]
            for i, y in enumerate(national.years):
                row = by_year[y].get(key)
                assert series[req.la.name].iloc[i] == (
                    published(row[m.column]) if row else "no return"
                ), (key, y)
                prev = by_year.get(y - 1, {}).get(key)
                if (
                    row
                    and prev
                    and numeric(row[m.column]) is not None
                    and numeric(prev[m.column]) is not None
                ):
                    diff = round(float(row[m.column]) - float(prev[m.column]), 1)
                    text = history["Change on previous year"].iloc[i]
                    assert text.replace("−", "-").startswith(
                        "no change" if diff == 0 else f"{diff:+.1f}"
                    ), (key, y, text)


def test_members_of_joint_returns_use_their_own_neighbours(national, raw_neighbours, rows_2025):
    for member in ("314", "318", "940", "941"):
        req = nat.make_request(national, member, YEAR)
        table = nt.neighbours_table(national, req)
        names = [national.member_names[c] for c in raw_neighbours[member]]
        shown = [t.split(" (joint return")[0] for t in table["Authority"].iloc[1:11]]
        assert shown == names
        partner = next(c for c in req.la.key.split(SEP) if c != member)
        if partner in raw_neighbours[member]:
            i = raw_neighbours[member].index(partner) + 1
            assert table["Turnover rate (%)"].iloc[i] == "same return as this authority"
