"""Survey cleaning: labels and numbers to scores, choices, and problems naming file, row, column."""

from __future__ import annotations

import pytest

from pipelines.core.cleaning import CLEANERS, CleaningLog
from pipelines.core.errors import InputError
from pipelines.core.sources import read_export
from pipelines.datasets.surveys.answer_coding import non_answer_keys, score_lookup, scored_families
from tests.sections.surveys.helpers import clean, dataset_file, read_csv_rows, write_csv_rows

JOB_ROLE = "How satisfied are you with your job role?"
RECOGNITION = "How satisfied are you with positive recognition from your manager(s)?"


@pytest.fixture
def export(tmp_path):
    """A copy of the staff survey export and its rows, to spoil."""
    rows = read_csv_rows(dataset_file("staff_survey"))
    return tmp_path / "staff_survey.csv", rows


def set_cell(rows, excel_row: int, header: str, value: str) -> None:
    rows[excel_row - 1][rows[0].index(header)] = value


def problems_for(path, dataset="staff_survey"):
    _, problems = CLEANERS[dataset](read_export(path, dataset), CleaningLog())
    return problems


def test_every_scored_family_maps_its_labels_to_1_to_5_with_1_most_positive():
    for family, spec in scored_families().items():
        lookup = score_lookup(family)
        assert sorted(set(lookup.values())) == [1, 2, 3, 4, 5], family
        assert set(spec["scores"]) == {1, 2, 3, 4, 5}
    assert score_lookup("satisfaction")["very satisfied"] == 1
    assert score_lookup("agreement")["strongly disagree"] == 5
    assert "i dont know" not in score_lookup("likelihood")  # a non-answer, never scored
    assert "i dont know" in non_answer_keys()


def test_labels_and_numbers_become_scores_and_variants_are_logged():
    log = CleaningLog()
    made, problems = CLEANERS["staff_survey"](
        read_export(dataset_file("staff_survey"), "staff_survey"), log
    )
    assert not problems
    answers = made["staff_survey_answers"]
    assert answers["score"].between(1, 5).all()
    numeric = answers[answers["answer"].str.fullmatch(r"\d")]
    assert (numeric["answer"].astype(int) == numeric["score"]).all()
    labelled = answers[answers["answer"] == "Very satisfied"]
    assert (labelled["score"] == 1).all() and len(labelled)
    fixes = log.to_frame()
    assert (fixes["What was fixed"] == "Answer labels standardised (cells)").any()
    assert answers["source_column"].str.startswith(("How", "Do you")).all()


def test_score_of_7_stops_with_file_row_and_column(export):
    path, rows = export
    set_cell(rows, 9, JOB_ROLE, "7")
    write_csv_rows(path, rows)
    [problem] = problems_for(path)
    text = problem.render()
    assert "outside the 1 to 5 scale" in text
    assert "row:      9" in text and f"column:   {JOB_ROLE}" in text
    assert 'found:    "7"' in text and path.name in text


def test_unknown_label_stops_with_file_row_column_and_the_known_labels(export):
    path, rows = export
    set_cell(rows, 12, RECOGNITION, "Quite chuffed")
    write_csv_rows(path, rows)
    [problem] = problems_for(path)
    text = problem.render()
    assert "Unknown answer" in text and "row:      12" in text
    assert f"column:   {RECOGNITION}" in text and '"Quite chuffed"' in text
    assert '"Very satisfied"' in text and "survey_scales.yml" in text


def test_missing_service_column_stops_naming_file_and_column(export):
    path, rows = export
    i = rows[0].index("Service")
    write_csv_rows(path, [r[:i] + r[i + 1 :] for r in rows])
    read_export(path, "staff_survey")  # the reader asks for no column of a survey: the cleaner
    with pytest.raises(InputError) as err:  # needs the service where the review has several
        problems_for(path)
    text = str(err.value)
    assert "missing a column" in text and "row:      1" in text
    assert "a column for service" in text and '"Service"' in text and path.name in text


def test_unknown_service_names_row_and_column(export):
    path, rows = export
    set_cell(rows, 5, "Service", "Housing")
    write_csv_rows(path, rows)
    [problem] = problems_for(path)
    assert "row:      5" in problem.render() and "column:   Service" in problem.render()


def test_all_problems_in_the_file_are_reported_together(export):
    path, rows = export
    set_cell(rows, 3, JOB_ROLE, "0")
    set_cell(rows, 20, RECOGNITION, "Ecstatic")
    write_csv_rows(path, rows)
    assert sorted(p.row for p in problems_for(path)) == [3, 20]


def test_multiple_choice_answers_are_split_and_mapped():
    respondents = clean("staff_survey")["staff_survey"]
    ticked = respondents["training_focus"].dropna().str.split("; ").explode()
    assert ticked.nunique() > 3
    assert (
        respondents["service_answer"]
        .dropna()
        .isin(["Adult Social Care", "Children's Social Care"])
        .all()
    )


def test_locum_yes_no_answers_become_booleans():
    locum = clean("locum_survey")["locum_survey"]
    assert str(locum["valued_by_la"].dtype) == "boolean"
    assert set(locum["years_qualified"].dropna()) <= {
        "Less than 1 year",
        "1-3 years",
        "More than 3 years",
    }


def test_an_earlier_wave_cleans_into_its_own_tables(tmp_path):
    made = clean("staff_survey_previous", dataset_file("staff_survey"))
    assert set(made) == {
        "staff_survey_previous",
        "staff_survey_previous_answers",
        "staff_survey_previous_non_answers",
    }


def test_published_figures_with_an_unknown_measure_or_question_are_rejected(tmp_path):
    rows = read_csv_rows(dataset_file("survey_published"))
    header = rows[0]
    rows[3][header.index("Measure")] = "median"
    q = next(i for i, r in enumerate(rows) if i and r[header.index("Question")])
    rows[q][header.index("Question")] = "How do you feel about Mondays?"
    path = tmp_path / "published.csv"
    write_csv_rows(path, rows)
    problems = problems_for(path, "survey_published")
    assert {p.row for p in problems} == {4, q + 1}
    assert {p.column for p in problems} == {"Measure", "Question"}
