"""Survey exports as each online tool writes them, read with the review's own mapping (issue 21).

The exports are made by the generators in ``tests/councils/generators.py``; every mean and
count checked is computed here by hand from the generated answers (the scale written out in
this file, non-answers and blanks left out, the reversed question turned over).
"""

from __future__ import annotations

import pandas as pd
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.core.cleaning import clean_review
from pipelines.core.config import Dataset, use_review_mappings
from pipelines.core.errors import InputError
from tests.conftest import examples
from tests.councils.generators import (
    ADULTS,
    AGREEMENT,
    CHILDREN,
    NON_ANSWERS,
    SATISFACTION,
    SURVEY_MAPPING,
    SURVEY_TOOLS,
    southvale,
    survey_respondents,
    write_survey,
)

#: The scales written out by hand: label -> score, 1 = most positive.
SATISFACTION_SCORE = dict(zip(SATISFACTION, [1, 2, 3, 4, 5], strict=True))
AGREEMENT_SCORE = dict(zip(AGREEMENT, [1, 2, 3, 4, 5], strict=True))


@pytest.fixture
def own_mappings(tmp_path):
    """The review's own mapping folder holding its survey questions; shipped ones after."""
    folder = tmp_path / "mappings"
    folder.mkdir()
    (folder / "survey_questions.yml").write_text(
        yaml.safe_dump(SURVEY_MAPPING, sort_keys=False), encoding="utf-8"
    )
    use_review_mappings(folder)
    yield folder
    use_review_mappings(None)


def dataset(path) -> Dataset:
    return Dataset(file=path.name, description="staff survey", source="survey tool export")


def clean_survey(path, services):
    result = clean_review(path.parent, {"staff_survey": dataset(path)}, services=services)
    return result


def by_hand(respondents: list[dict]) -> dict[str, float]:
    """Means and counts from the generated answers, worked out here."""
    sat = [
        SATISFACTION_SCORE[r["job_satisfaction"]]
        for r in respondents
        if r["job_satisfaction"] in SATISFACTION_SCORE
    ]
    # "I intend to leave": agreeing is the negative answer, so the score is turned over.
    leave = [
        6 - AGREEMENT_SCORE[r["intend_to_leave"]]
        for r in respondents
        if r["intend_to_leave"] in AGREEMENT_SCORE
    ]
    non = sum(
        r[k] in NON_ANSWERS for r in respondents for k in ("job_satisfaction", "intend_to_leave")
    )
    ticked = sum("Reflective supervision" in r["help"] for r in respondents)
    return {
        "satisfaction_mean": sum(sat) / len(sat),
        "satisfaction_n": len(sat),
        "leave_mean": sum(leave) / len(leave),
        "non_answers": non,
        "reflective": ticked,
    }


@pytest.mark.parametrize("tool", SURVEY_TOOLS)
def test_each_tool_layout_gives_the_means_worked_out_by_hand(tool, tmp_path, own_mappings):
    council = southvale()
    path = write_survey(tool, council.survey, tmp_path / "raw")
    result = clean_survey(path, council.services)
    want = by_hand(council.survey)
    answers = result.frames["staff_survey_answers"]
    sat = answers[answers["question"] == "job_satisfaction"]["score"].astype(float)
    leave = answers[answers["question"] == "intend_to_leave"]["score"].astype(float)
    assert len(sat) == want["satisfaction_n"]
    assert sat.mean() == pytest.approx(want["satisfaction_mean"])
    assert leave.mean() == pytest.approx(want["leave_mean"])
    assert len(result.frames["staff_survey_non_answers"]) == want["non_answers"]
    respondents = result.frames["staff_survey"]
    assert len(respondents) == len(council.survey)
    assert set(respondents["service"]) == {CHILDREN}
    ticked = respondents["help"].fillna("").str.contains("Reflective supervision").sum()
    assert ticked == want["reflective"]


@pytest.mark.parametrize(
    "tool", ["ms_forms", "smartsurvey", "surveymonkey", "qualtrics", "google_forms"]
)
def test_columns_naming_respondents_are_dropped_and_logged(tool, tmp_path, own_mappings):
    council = southvale()
    path = write_survey(tool, council.survey, tmp_path / "raw")
    result = clean_survey(path, council.services)
    everything = " ".join(
        frame.astype(str).to_csv() + " ".join(map(str, frame.attrs.get("raw_columns", {})))
        for frame in result.frames.values()
    )
    assert "@example.invalid" not in everything
    assert "Person 1" not in everything and "10.0.0." not in everything
    fixes = [e["fix"] for e in result.log.entries]
    assert any(f.startswith("Columns naming or locating respondents dropped") for f in fixes)


def test_google_forms_has_no_respondent_id_so_rows_number_them(tmp_path, own_mappings):
    council = southvale()
    path = write_survey("google_forms", council.survey, tmp_path / "raw")
    respondents = clean_survey(path, council.services).frames["staff_survey"]
    assert list(respondents["respondent_id"][:2]) == ["R2", "R3"]


def test_two_services_need_the_service_column(tmp_path, own_mappings):
    import numpy as np

    people = survey_respondents(np.random.default_rng(5), 12, [CHILDREN, ADULTS])
    path = write_survey("plain", people, tmp_path / "raw")
    result = clean_survey(path, [ADULTS, CHILDREN])
    answers = result.frames["staff_survey_answers"]
    sat = answers[answers["question"] == "job_satisfaction"]
    adults = [
        SATISFACTION_SCORE[r["job_satisfaction"]]
        for r in people
        if r["service"] == ADULTS and r["job_satisfaction"] in SATISFACTION_SCORE
    ]
    got = sat[sat["service"] == ADULTS]["score"].astype(float)
    assert got.mean() == pytest.approx(sum(adults) / len(adults))

    frame = pd.read_csv(path)
    frame.drop(columns=["Service"]).to_csv(path, index=False)
    with pytest.raises(InputError) as err:
        clean_survey(path, [ADULTS, CHILDREN])
    text = str(err.value)
    assert "missing a column: the review has 2 services" in text
    assert "staff_survey.csv" in text and "mappings/columns.yml" in text


def test_demo_survey_columns_are_not_required(tmp_path, own_mappings):
    """The survey has none of the demo survey's own columns (service_answer, training_focus,
    improvement): the review maps its own survey, so they are not its questions at all (issue
    21: a review's own survey is its questions only), never asked for and never shown."""
    council = southvale()
    path = write_survey("plain", council.survey, tmp_path / "raw")
    result = clean_survey(path, council.services)
    demo = {"service_answer", "training_focus", "improvement", "job_role"}
    assert not demo & set(result.frames["staff_survey"].columns)
    answers = result.frames["staff_survey_answers"]
    assert set(answers["question"]) == {"job_satisfaction", "intend_to_leave"}
    fixes = " ".join(e["fix"] for e in result.log.entries)
    assert not any(k in fixes for k in demo)


def test_a_question_the_review_maps_but_the_export_lacks_names_the_review_file(
    tmp_path, own_mappings
):
    council = southvale()
    path = write_survey("plain", council.survey, tmp_path / "raw")
    frame = pd.read_csv(path)
    frame.drop(columns=[frame.columns[1]]).to_csv(path, index=False)
    with pytest.raises(InputError) as err:
        clean_survey(path, council.services)
    text = str(err.value)
    assert "no column for a question the review maps" in text
    assert "How satisfied are you with your job overall?" in text
    assert str(own_mappings / "survey_questions.yml").endswith("mappings/survey_questions.yml")
    assert "mappings/survey_questions.yml" in text


def test_a_scale_of_the_reviews_own_scores_its_labels(tmp_path, own_mappings):
    """A scale the review defines in its own survey_scales.yml (labels to scores)."""
    scale = {
        "scored": {
            "frequency": {
                "name": "Frequency",
                "scores": {
                    1: ["Always"],
                    2: ["Often"],
                    3: ["Sometimes"],
                    4: ["Rarely"],
                    5: ["Never"],
                },
            }
        }
    }
    (own_mappings / "survey_scales.yml").write_text(yaml.safe_dump(scale), encoding="utf-8")
    mapping = {
        "staff_survey": {
            "questions": {
                "supervision": {
                    "number": 1,
                    "question": "How often do you get reflective supervision?",
                    "short": "Reflective supervision",
                    "family": "frequency",
                }
            }
        }
    }
    (own_mappings / "survey_questions.yml").write_text(yaml.safe_dump(mapping), encoding="utf-8")
    answers = ["Often", "Never", "Don't know", "Always", "Sometimes", "", "Often"]
    frame = pd.DataFrame({"How often do you get reflective supervision?": answers})
    (tmp_path / "raw").mkdir()
    path = tmp_path / "raw" / "staff_survey.csv"
    frame.to_csv(path, index=False)
    result = clean_survey(path, [CHILDREN])
    scores = result.frames["staff_survey_answers"]["score"].astype(float)
    # Often 2, Never 5, Always 1, Sometimes 3, Often 2: mean 13 / 5; "Don't know" apart
    assert list(scores) == [2, 5, 1, 3, 2]
    assert scores.mean() == pytest.approx(13 / 5)
    assert len(result.frames["staff_survey_non_answers"]) == 1


@settings(
    max_examples=examples(20),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    tool=st.sampled_from(SURVEY_TOOLS),
    picks=st.lists(
        st.tuples(
            st.sampled_from([*SATISFACTION, *NON_ANSWERS, None]),
            st.sampled_from([*AGREEMENT, *NON_ANSWERS, None]),
        ),
        min_size=1,
        max_size=12,
    ),
)
def test_any_answers_in_any_layout_give_the_mean_of_the_scored_answers(
    tool, picks, tmp_path_factory, own_mappings
):
    """Whatever the answers, the mean is over the scored ones; non-answers are counted apart."""
    import numpy as np

    people = survey_respondents(np.random.default_rng(1), len(picks), [CHILDREN])
    for person, (sat, leave) in zip(people, picks, strict=True):
        person["job_satisfaction"], person["intend_to_leave"] = sat, leave
    path = write_survey(tool, people, tmp_path_factory.mktemp("raw"))
    want = [SATISFACTION_SCORE[s] for s, _ in picks if s in SATISFACTION_SCORE]
    result = clean_survey(path, [CHILDREN])
    answers = result.frames["staff_survey_answers"]
    got = answers[answers["question"] == "job_satisfaction"]["score"].astype(float)
    assert len(got) == len(want)
    if want:
        assert got.mean() == pytest.approx(sum(want) / len(want))
    non = sum(x in NON_ANSWERS for pair in picks for x in pair)
    assert len(result.frames["staff_survey_non_answers"]) == non
