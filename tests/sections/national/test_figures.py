"""National typed figures: the council's DfE measures with their kinds and comparators, equal to
the comparison table the section shows."""

from __future__ import annotations

import datetime as dt

import pytest

from pipelines.core.figures import Kind
from pipelines.sections.national import analysis as nat
from pipelines.sections.national import figures as nf
from pipelines.sections.national import tables as nt
from pipelines.sections.national import words as nw
from tests.sections.figure_checks import CFG

MEETING = "2016-11-22"


@pytest.fixture(scope="module")
def figs(national):
    return {f.key: f for f in nf.compute_figures(CFG, {}, {}, meeting=MEETING, national=national)}


def test_national_figures_cover_the_measures_with_kinds(figs):
    assert set(figs) <= set(nf.DFE_KEYS.values()) and figs
    assert figs["dfe_caseload"].kind is Kind.CASES_PER_WORKER
    assert figs["dfe_agency_rate"].kind is Kind.PERCENT_OF_FTE
    assert not any(f.kind.counts_people for f in figs.values())


def test_each_figure_equals_the_comparison_table(figs, national):
    req = nat.make_request(national, CFG.la_code, None, meeting=MEETING, later_data=True)
    table = nt.comparison_table(national, req)
    first = table.columns[0]
    for f in figs.values():
        assert f.as_at == dt.date(req.year, 9, 30)
        cell = table.loc[table[first] == f.row, f.column].iloc[0]
        assert float(cell) == pytest.approx(f.value)
        england = table.loc[table[first] == f.row, "England"].iloc[0]
        if f.comparators["england"] is not None:
            assert float(england) == pytest.approx(f.comparators["england"])


def test_no_national_figures_without_the_files(monkeypatch):
    monkeypatch.setattr(nf, "read_national", lambda national=None: None)
    assert nf.compute_figures(CFG, {}, {}, meeting=MEETING) == []


def test_each_figure_carries_the_date_it_describes_and_the_date_it_was_published(figs, national):
    assert CFG.national_later_data, "the demo review opts into later DfE data"
    for f in figs.values():
        assert f.published == national.published(f.as_at.year)
        assert f.published > dt.date.fromisoformat(MEETING)
        assert "after the meeting" in f.notes["later_data"]
        assert "after this meeting" in f.notes["comparator_period"]


def test_without_the_opt_in_a_2016_meeting_has_no_dfe_figures(national):
    strict = CFG.model_copy(update={"national_later_data": False})
    assert nf.compute_figures(strict, {}, {}, meeting=MEETING, national=national) == []
    assert nat.later_data_notice(strict, MEETING, national) is None


def test_the_cover_notice_says_the_figures_were_published_after_the_meeting(national):
    text = nat.later_data_notice(CFG, MEETING, national)
    first = national.published(2017)
    assert text is not None and "22 November 2016" in text
    assert f"{first.day} {first:%B %Y}" in text and "chose to show later" in text
    # a meeting whose pack has no national section has no notice
    assert nat.later_data_notice(CFG, "2016-09-21", national) is None


def test_a_period_says_when_the_figures_were_published(national):
    req = nat.make_request(national, CFG.la_code, None, meeting=MEETING, later_data=True)
    assert req.after_meeting and "published by the DfE on" in req.period
    late = nat.make_request(national, CFG.la_code, None, meeting="2024-06-01", later_data=False)
    assert not late.after_meeting and late.year == 2023 and "after this meeting" not in late.period


def test_trends_show_only_years_published_by_the_meeting_unless_opted_in(national):
    day = national.published(2020)
    strict = nat.make_request(national, CFG.la_code, None, meeting=day, later_data=False)
    assert strict.years == tuple(y for y in national.years if y <= 2020)
    series = nt.series_table(national, strict, nat.MEASURES[0])
    assert series["Year"].tolist() == [str(y) for y in strict.years]
    assert "after this meeting" not in nat.series_period(national, strict)
    opted = nat.make_request(national, CFG.la_code, None, meeting=MEETING, later_data=True)
    assert opted.years == tuple(national.years)
    text = nat.series_period(national, opted)
    assert "after this meeting" in text and "chose to show later data" in text


def test_a_trend_of_one_year_prints_one_date_and_says_it_has_one_point(national):
    """A meeting before the first DfE release, opted into later data, shows one year: its
    period is one date and one publication date (not "2017 to 2017"), and the trend's title
    says that year is the only one with a figure (not "unchanged since 2017")."""
    req = nat.make_request(national, CFG.la_code, None, meeting=MEETING, later_data=True)
    [year] = nat.trend_years(national, req)
    day = national.published(year)
    text = nat.series_period(national, req)
    assert text.startswith(f"30 September {year}; the figures for {year} were published ")
    assert f"were published {day.day} {day:%B %Y}, after this meeting" in text
    assert text.count(str(year)) == 2 and " to 30 September" not in text
    assert f" to {day.day} {day:%B %Y}" not in text
    m = nat.MEASURES[0]
    value = national.cell(m.column, year, req.la.key)[0]
    assert str(nw.trend_title(national, req, m)) == (
        f"{req.la.name}'s {m.label.lower()}: {m.text(value)} in {year}, the only year with a figure"
    )


def test_a_trend_of_several_years_keeps_its_period_and_change(national):
    req = nat.make_request(national, CFG.la_code, None, meeting="2020-06-01", later_data=False)
    years = nat.trend_years(national, req)
    assert len(years) > 1
    assert nat.series_period(national, req) == (
        f"30 September {years[0]} to 30 September {years[-1]}"
    )
    title = str(nw.trend_title(national, req, nat.MEASURES[0]))
    assert f"in {years[0]}" in title and "only year" not in title
