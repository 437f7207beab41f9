"""The national section's result, built on DfE files written here with figures worked out by hand.

Eleven invented authorities in one region (Council A and its ten statistical neighbours), three
reporting years (2017 to 2019, published 15 February 2018, 28 February 2019 and 27 February
2020 by ``config/national.yml``). Council A's turnover is 10.0, 12.0 and 27.3; its neighbours'
2018 turnover is 1.0 to 10.0 (median 5.5); England's 11.0, the region's 9.0. Its vacancy rate in
2017 is the marker ``x`` (not available).
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pandas as pd
import pytest

from pipelines.core.figures import Kind
from pipelines.core.results import FramesContext
from pipelines.datasets.national.dfe import ID_COLUMNS, REQUIRED_MEASURES, load_national
from pipelines.datasets.national.resolve import NotPublishedByMeeting
from pipelines.sections import indicators as ix
from pipelines.sections.national import figures as nf
from pipelines.sections.national import result as nr
from pipelines.sections.scorecard import analysis as sc

YEARS = (2017, 2018, 2019)
REGION = ("E12000006", "East of England")
CODES = [f"{901 + i}" for i in range(11)]  # Council A is 901, its neighbours 902 to 911
NAMES = [f"Council {chr(65 + i)}" for i in range(11)]
#: Council A's turnover by year; England's and the region's.
A_TURNOVER = {2017: 10.0, 2018: 12.0, 2019: 27.3}
ENGLAND_TURNOVER = {2017: 13.0, 2018: 11.0, 2019: 15.0}
REGION_TURNOVER = {2017: 8.0, 2018: 9.0, 2019: 10.0}


def _row(year: int, level: str, code: str = "", name: str = "", turnover: float = 5.0) -> dict:
    """One row of the indicators file: ids, then every measure (turnover given, others fixed)."""
    row = dict.fromkeys(ID_COLUMNS, "")
    row.update(
        time_period=year,
        time_identifier="Reporting year",
        geographic_level=level,
        country_code="E92000001",
        country_name="England",
    )
    if level != "National":
        row.update(region_code=REGION[0], region_name=REGION[1])
    if level == "Local authority":
        row.update(old_la_code=code, new_la_code=f"E06000{code}", la_name=name)
    row.update({m: 1.0 for m in REQUIRED_MEASURES})
    row.update(
        inpost_fte=100.0,
        leavers_fte=turnover,
        turnover_rate_fte=turnover,
        agency_rate_fte=20.0,
        vacancy_rate_fte=15.0,
        caseload_fte=16.0,
        absence_rate_fte=3.0,
        cases=1600,
    )
    return row


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    """DfE files for the invented authorities, read by the product's reader."""
    folder = tmp_path_factory.mktemp("dfe")
    rows = []
    for year in YEARS:
        rows.append(_row(year, "National", turnover=ENGLAND_TURNOVER[year]))
        rows.append(_row(year, "Regional", turnover=REGION_TURNOVER[year]))
        for i, (code, name) in enumerate(zip(CODES, NAMES, strict=True)):
            turnover = A_TURNOVER[year] if i == 0 else float(i)  # neighbours: 1.0 to 10.0
            rows.append(_row(year, "Local authority", code, name, turnover))
    table = pd.DataFrame(rows).astype({"vacancy_rate_fte": object})
    table.loc[
        (table["old_la_code"] == "901") & (table["time_period"] == 2017), "vacancy_rate_fte"
    ] = "x"
    table.to_csv(folder / "csww_indicators_2017_to_2025.csv", index=False)
    model = []
    for code, name in zip(CODES, NAMES, strict=True):
        row = {"old_la_code": code, "la_name": name, "region_ind": 6, "region_name": REGION[1]}
        others = [c for c in CODES if c != code]
        for k, other in enumerate(others, start=1):
            row[f"SN_{k}"], row[f"SN_{k}P"] = other, "Close"
        model.append(row)
    pd.DataFrame(model).to_csv(folder / "sn_model_2025_wide.csv", index=False)
    return load_national(folder)


def review(later: bool = False):
    """A review naming Council A (the fields ``build`` reads)."""
    return SimpleNamespace(la_code="901", national_later_data=later)


def built(data, meeting: str, later: bool = False, **params):
    return nr.build_from(data, FramesContext(review(later), dt.date.fromisoformat(meeting)), params)


def test_figures_hold_the_latest_year_published_by_the_meeting_with_its_comparators(data):
    result = built(data, "2019-06-01")  # 2018 published 28 February 2019; 2019 not yet
    fig = result.figure("dfe_turnover")
    assert fig.value == 12.0 and fig.kind is Kind.PERCENT_OF_FTE and fig.direction == "lower"
    assert fig.as_at == dt.date(2018, 9, 30) and fig.published == dt.date(2019, 2, 28)
    assert fig.comparators["england"] == 11.0
    assert fig.comparators["region"] == 9.0
    assert fig.comparators["neighbour_median"] == 5.5  # median of 1.0 .. 10.0
    assert fig.comparators["previous"] == 10.0
    assert fig.notes["region_name"] == "East of England"
    # the figure is the comparison table's cell, as members read it
    shown = result.tables["comparison"].labelled()
    assert shown.loc[shown["Measure"] == fig.row, fig.column].item() == 12.0


def test_earlier_values_are_every_earlier_year_shown_and_a_marker_has_no_value(data):
    result = built(data, "2020-03-01")  # 2019 published 27 February 2020
    turnover = result.figure("dfe_turnover")
    assert [(e.period, e.value) for e in turnover.earlier] == [
        ("At 30 September 2017", 10.0),
        ("At 30 September 2018", 12.0),
    ]
    vacancy = result.figure("dfe_vacancy_rate")
    assert [e.value for e in vacancy.earlier] == [None, 15.0]  # 2017: marker x


def test_time_true_a_meeting_holds_no_figure_published_after_it(data):
    result = built(data, "2019-06-01")
    for table in result.tables.values():
        if "year" in table.columns:
            assert set(table.frame["year"]) <= {"2017", "2018"}, table.name
    values = [v for t in result.tables.values() for v in t.frame.to_numpy().ravel()]
    assert 27.3 not in values  # Council A's 2019 turnover, published after the meeting
    assert all(f.published <= dt.date(2019, 6, 1) for f in result.figures)
    assert all(e.period != "At 30 September 2019" for f in result.figures for e in f.earlier)


def test_before_any_release_there_is_no_result_and_no_figure_unless_opted_in(data):
    with pytest.raises(NotPublishedByMeeting):
        built(data, "2017-06-01")
    assert nf.compute_figures(review(), {}, {}, meeting="2017-06-01", national=data) == []
    later = built(data, "2017-06-01", later=True)
    fig = later.figure("dfe_turnover")
    assert fig.value == 10.0 and "after the meeting" in fig.notes["later_data"]
    assert "after this meeting" in later.tables["comparison"].period


def test_findings_are_measures_worse_than_england_by_the_gap(data):
    result = built(data, "2019-06-01")
    # turnover 12.0 against England's 11.0: 1.0 percentage points; the other measures equal
    # England's (every area has the same fixed values), so they are not findings.
    assert [(f.figure, f.materiality, f.unit) for f in result.findings] == [
        ("dfe_turnover", 1.0, "percentage points")
    ]


def test_compute_figures_are_the_results_figures(data):
    result = built(data, "2019-06-01")
    figs = nf.compute_figures(
        review(), {}, {"audience": "public"}, meeting="2019-06-01", national=data
    )
    assert figs == list(result.figures)


def test_the_scorecard_reads_the_direction_of_travel_from_the_earlier_value(data):
    figs = nf.compute_figures(review(), {}, {}, meeting="2019-06-01", national=data)
    measures = sc.measures_table(ix.figures_frame(figs))
    row = measures[measures["Figure for"] == figs[0].label].iloc[0]
    assert figs[0].key == "dfe_turnover"
    assert row["Previous period"] == 10.0 and row["Direction of travel"] == "worse"  # 10 -> 12


def test_tables_describe_their_columns_and_charts_name_their_table(data):
    result = built(data, "2019-06-01")
    comparison = result.tables["comparison"]
    assert list(comparison.columns) == [
        "measure", "authority", "england", "region", "neighbour_median", "neighbours_counted"
    ]  # fmt: skip
    assert comparison.labels["authority"] == "Council A"
    assert not any(k.counts_people for t in result.tables.values() for k in t.kinds().values())
    counts = result.tables["counts"]
    assert (
        counts.columns["cases"].kind is Kind.CASES and counts.columns["cases"].format == "{:,.0f}"
    )
    chart = result.charts["trend_turnover_rate_fte"]
    assert chart.table == "trend_turnover_rate_fte" and chart.highlight == ("2018",)
    assert chart.values[0] == "authority" and "neighbours_counted" not in chart.values
    series = result.tables[chart.table].frame
    assert series["authority"].tolist() == [10.0, 12.0]
    assert result.notes["findings"] and all(title == "" for title, _ in result.notes["findings"])


def test_a_chosen_comparator_set_leaves_the_others_out(data):
    result = built(data, "2019-06-01", comparators=["England"])
    assert "neighbours" not in result.tables
    assert list(result.tables["comparison"].columns) == ["measure", "authority", "england"]
    # The caption names only the comparators the table has columns for (issue 22 e).
    assert result.tables["comparison"].caption == (
        "Council A compared with England: the DfE's figures for children's social workers at "
        "30 September 2018"
    )
    both = built(data, "2019-06-01", comparators=["England", "region"]).tables["comparison"]
    assert both.caption.startswith("Council A compared with England and its region: the DfE's")
    assert "neighbour" not in both.caption and "neighbour_median" not in both.columns
    every = built(data, "2019-06-01").tables["comparison"]
    assert "England, its region and its statistical neighbours: the DfE's" in every.caption
    fig = result.figure("dfe_turnover")
    assert fig.comparators["neighbour_median"] is None and fig.comparators["region"] is None


def test_a_stored_result_is_not_read_back_once_the_dfe_files_change(data, tmp_path, monkeypatch):
    import shutil

    from pipelines.core import registry
    from pipelines.core.section_build import result_key
    from pipelines.sections.national.parameters import NationalParameters

    folder = tmp_path / "dfe"
    folder.mkdir()
    for path in data.files.values():
        shutil.copy(path, folder / path.name)
    monkeypatch.setenv("EVIDENCE_PACK_NATIONAL", str(folder))
    spec = registry.get_section(nr.SECTION)
    from tests.sections.figure_checks import CFG

    cfg = CFG.model_copy(update={"la_code": "901", "national_later_data": False})
    ctx = FramesContext(cfg, dt.date(2019, 6, 1), processed_dir=tmp_path)
    before = result_key(ctx, spec, NationalParameters())
    assert result_key(ctx, spec, NationalParameters()) == before
    indicators = folder / data.files["indicators"].name
    indicators.write_text(indicators.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert result_key(ctx, spec, NationalParameters()) != before


def test_a_neighbour_list_published_after_the_meeting_says_which_release_and_so(data):
    """Issue 22: a 2016 or 2018 paper labelled the neighbours "(2025)" as if known then."""
    model = data.config.neighbour_model
    assert model is not None and str(model.published.year) in model.release
    before = built(data, "2019-06-01")  # years to 2018 shown; the model came years later
    for name in ("comparison", "ranks", "neighbours"):
        table = before.tables[name]
        assert table.source.endswith(f"neighbour model, {model.release} release"), table.source
        assert table.period.endswith(
            f"; statistical neighbours as the DfE's {model.release} model names them, "
            "published after this meeting"
        )
    assert "published after this meeting" not in before.tables["counts"].period  # no neighbours
    assert any(
        title == "Statistical neighbours" and model.release in text
        for title, text in before.notes["caveats"]
    )
    # A meeting after the model's publication cites the release, with nothing to say of it.
    day = model.published + dt.timedelta(days=1)
    later = built(data, day.isoformat(), later=True)
    table = later.tables["comparison"]
    assert table.source.endswith(f"neighbour model, {model.release} release")
    assert "neighbours as" not in table.period
    assert not any(title == "Statistical neighbours" for title, _ in later.notes["caveats"])
