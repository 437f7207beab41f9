"""National typed figures: the council's DfE measures with their kinds and comparators, equal to
the comparison table the section shows."""

from __future__ import annotations

import datetime as dt

import pytest

from pipelines.core.figures import Kind
from pipelines.sections.national import analysis as nat
from pipelines.sections.national import figures as nf
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
    req = nat.make_request(national, CFG.la_code, None, meeting=MEETING)
    table = nat.comparison_table(national, req)
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
