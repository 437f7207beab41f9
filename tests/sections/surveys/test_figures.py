"""Survey typed figures: each service's least positive answer (a mean score) and the locums who
felt valued (a percentage of people); each equals the cell of its table."""

from __future__ import annotations

import pytest

from pipelines.core.figures import Kind
from pipelines.sections.surveys import analysis as sv
from pipelines.sections.surveys import figures as sf
from tests.sections.figure_checks import CFG, assert_shown, frames, meeting_parameters

SECTION = "20_surveys"


@pytest.fixture(scope="module")
def figs(built):
    return {f.key: f for f in sf.compute_figures(CFG, frames(built), meeting_parameters(SECTION))}


def test_surveys_publish_least_positive_answers_and_locums_valued(figs):
    assert set(figs) == {
        "survey_least_positive_childrens",
        "survey_least_positive_adults",
        "locum_felt_valued",
    }
    params = meeting_parameters(SECTION)
    assert figs["survey_least_positive_adults"].period == params["staff_period"]
    assert figs["locum_felt_valued"].period == params["locum_period"]


def test_each_figure_equals_the_cell_its_table_shows(built, figs):
    assert_shown(built, [f for k, f in figs.items() if k != "locum_felt_valued"])
    assert_shown(built, [figs["locum_felt_valued"]], Answer="Yes")


def test_kinds_and_bases(figs, built):
    worst = figs["survey_least_positive_childrens"]
    assert worst.kind is Kind.MEAN_SCORE and worst.direction == "lower"
    averages = sv.question_averages(frames(built)["staff_survey_answers"], "Children's Social Care")
    assert worst.value == pytest.approx(averages["average"].max())
    locums = figs["locum_felt_valued"]
    assert locums.kind is Kind.PERCENT_OF_PEOPLE
    assert locums.denominator == len(frames(built)["locum_survey"])
    assert locums.value == pytest.approx(100 * locums.numerator / locums.denominator)


def test_tidy_averages_are_the_results_tables_averages(built):
    data = frames(built)
    tidy = sv.question_averages(data["staff_survey_answers"], "Adult Social Care")
    shown = sv.results_table(
        data["staff_survey_answers"], data["staff_survey"], "Adult Social Care", resamples=50
    )
    assert tidy["short"].tolist() == shown["Question"].tolist()
    assert tidy["answered"].tolist() == shown[sv.ANSWERED].tolist()
    assert tidy["average"].tolist() == pytest.approx(shown[sv.AVERAGE].tolist(), nan_ok=True)
