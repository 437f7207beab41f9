"""Workforce typed figures: agency and vacancy rates are percentages of FTE, the caseload cases
per worker; each equals its table cell and Luton's published figure (read from the seed file)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from pipelines.core.figures import Kind
from pipelines.sections.workforce import figures as wff
from tests.sections.figure_checks import CFG, assert_shown, frames, meeting_parameters

SECTION = "40_workforce_costs"


@pytest.fixture(scope="module")
def figs(built):
    return {f.key: f for f in wff.compute_figures(CFG, frames(built), meeting_parameters(SECTION))}


def test_workforce_publishes_rates_by_service_and_the_caseload(figs):
    assert set(figs) == {
        "agency_rate_childrens",
        "agency_rate_adults",
        "vacancy_rate_childrens",
        "vacancy_rate_adults",
        "average_caseload_childrens",
        "agency_extra_cost_per_fte_childrens",
        "agency_extra_cost_per_fte_adults",
    }
    as_at = dt.date.fromisoformat(meeting_parameters(SECTION)["as_at"])
    assert all(f.as_at == as_at and f.period == f"At {as_at:%-d %B %Y}" for f in figs.values())


def test_each_figure_equals_the_cell_its_table_shows(built, figs):
    per_fte = [f for k, f in figs.items() if k.startswith("agency_extra_cost_per_fte_")]
    assert_shown(built, [f for f in figs.values() if f not in per_fte])
    # The average extra cost per FTE of a service is what the public table, by job title,
    # gives: the service's extra cost a year over its agency FTE, summed from the printed rows.
    public = pd.read_csv(built.public / "tables" / f"{SECTION}__agency-premium.csv")
    assert len(per_fte) == 2
    for fig in per_fte:
        rows = public[public["Service"] == fig.row]
        assert len(rows) >= 1, fig.row
        by_hand = rows["Extra cost a year (\u00a3)"].sum() / rows["Agency FTE"].sum()
        assert abs(fig.value - by_hand) <= 0.01 * by_hand, (fig.key, fig.value, by_hand)


def test_rates_are_percentages_of_fte_not_of_people(figs):
    for key in ("agency_rate_childrens", "vacancy_rate_adults"):
        assert figs[key].kind is Kind.PERCENT_OF_FTE
        assert not figs[key].kind.counts_people and not figs[key].kind.from_counts_of_people
        assert figs[key].value == pytest.approx(100 * figs[key].numerator / figs[key].denominator)
    cases = figs["average_caseload_childrens"]
    assert cases.kind is Kind.CASES_PER_WORKER
    assert cases.value == pytest.approx(cases.numerator / cases.denominator)


def test_figures_match_luton_published_rates_and_caseload(figs, seed):
    stats = seed["luton"]["workforce_stats"]
    assert (
        round(figs["agency_rate_childrens"].value, 1)
        == stats["agency_percentage_childrens"]["value"]
    )
    assert round(figs["agency_rate_adults"].value, 1) == stats["agency_percentage_adults"]["value"]
    assert (
        round(figs["average_caseload_childrens"].value, 1)
        == stats["childrens_caseload_current"]["value"]
    )


def test_the_snapshot_date_parameter_gives_the_period_of_every_figure(built):
    figs = wff.compute_figures(CFG, frames(built), {"as_at": "2016-08-31"})
    assert {f.period for f in figs} == {"At 31 August 2016"}
    assert {f.as_at for f in figs} == {dt.date(2016, 8, 31)}
