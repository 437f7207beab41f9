"""Leavers' typed figures: the right kinds, counts behind them, and the numbers the section's
tables show; checked against Luton's published figures (read from the seed file)."""

from __future__ import annotations

import pytest

from pipelines.core.figures import Kind
from pipelines.sections.leavers import analysis as lv
from pipelines.sections.leavers import exit_interviews as lx
from pipelines.sections.leavers import figures as lf
from tests.sections.figure_checks import CFG, assert_shown, frames


@pytest.fixture(scope="module")
def figs(built):
    return {f.key: f for f in lf.compute_figures(CFG, frames(built))}


def test_leavers_publishes_turnover_return_rate_and_lowest_aspect(figs):
    assert set(figs) == {
        "turnover_childrens",
        "turnover_adults",
        "social_work_turnover_childrens",
        "social_work_turnover_adults",
        "exit_return_rate",
        "lowest_rated_aspect",
        "exit_ratings_good_or_excellent",
    }
    assert all(f.section == "10_leavers" and f.as_at == CFG.period.end for f in figs.values())


def test_each_figure_equals_the_cell_its_table_shows(built, figs):
    assert_shown(built, [f for f in figs.values() if f.table is not None])


def test_the_share_of_ratings_is_a_percentage_of_ratings_not_of_people(figs):
    share = figs["exit_ratings_good_or_excellent"]
    assert share.kind is Kind.PERCENT and not share.kind.from_counts_of_people
    assert share.denominator > share.numerator > 0


def test_kinds_say_what_is_counted(figs):
    assert figs["turnover_adults"].kind is Kind.PEOPLE_PER_100_POSTS
    assert figs["exit_return_rate"].kind is Kind.PERCENT_OF_PEOPLE
    assert figs["lowest_rated_aspect"].kind is Kind.PERCENT_OF_PEOPLE
    for f in figs.values():
        assert f.value == pytest.approx(100 * f.numerator / f.denominator)


def test_figures_match_luton_published_leavers_and_forms(figs, seed):
    leavers = seed["luton"]["leavers"]
    adults = figs["turnover_adults"]
    assert adults.numerator == leavers["adult_social_care"]["leavers_total"]["value"]
    # The paper prints the adults' turnover as a whole percentage.
    assert round(adults.value) == leavers["adult_social_care"]["percent_of_establishment"]["value"]
    assert (
        figs["exit_return_rate"].numerator
        == seed["luton"]["exit_interviews"]["forms_received_total"]["value"]
    )
    assert (
        figs["exit_return_rate"].denominator == leavers["both_services"]["leavers_total"]["value"]
    )


def test_no_turnover_figures_without_an_establishment(built):
    data = frames(built)
    data.pop("establishment")
    assert lf.compute_figures(CFG, data) == []


def test_display_tables_are_the_tidy_frames_with_labels(built):
    data = frames(built)
    leavers = lf.period_leavers(CFG, data)
    tidy = lv.turnover(leavers, data["establishment"])
    shown = lv.turnover_by_service(leavers, data["establishment"])
    assert list(shown.columns) == list(lv.TURNOVER_LABELS.values())
    assert shown["Leavers"].tolist() == tidy["leavers"].tolist()
    returns = lx.exit_return_rate(leavers, data["exit_interviews"])
    assert returns["Service"].iloc[-1] == "Total"
    assert "Total" not in set(lx.return_rates(leavers, data["exit_interviews"])["service"])
