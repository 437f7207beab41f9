"""Sections run with what a council has (issue 21): the product fixes the three-council suite
(tests/e2e/test_three_councils.py) needed, each tested here without a build.

- A staff survey with none of the demo survey's own questions (service_answer, training_focus,
  improvement) passes validation: only the respondent number and the service are required.
- A review's own survey is its questions only; the demo survey's others are not merged in.
- The themes of staff comments come from the mapping's free-text question that has a codebook;
  without one they are left out (one line says why); tick-all questions come from the mapping.
- The leavers section builds without exit interview forms: turnover as before, no exit figure,
  no sentence on forms.

Exports come from :mod:`tests.councils.generators`; counts are worked out here by hand.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
import yaml

from pipelines.core.cleaning import clean_review
from pipelines.core.config import Dataset, use_review_mappings
from pipelines.core.results import FramesContext
from pipelines.core.validation import validate_datasets
from tests.councils.generators import (
    CHILDREN,
    SURVEY_MAPPING,
    northshire,
    southvale,
    write_survey,
)
from tests.councils.reviews import STAY_THEMES
from tests.sections.figure_checks import CFG


@pytest.fixture
def own_mappings(tmp_path):
    """The review's own mapping folder: its survey and its org units under its one service."""
    folder = tmp_path / "mappings"
    folder.mkdir()
    (folder / "survey_questions.yml").write_text(
        yaml.safe_dump(SURVEY_MAPPING, sort_keys=False), "utf-8"
    )
    units = {CHILDREN: [CHILDREN, *northshire().org_units, *southvale().org_units]}
    (folder / "services.yml").write_text(yaml.safe_dump(units, allow_unicode=True), "utf-8")
    use_review_mappings(folder)
    yield folder
    use_review_mappings(None)


def survey_frames(tmp_path, tool: str = "google_forms") -> dict[str, pd.DataFrame]:
    council = southvale()
    path = write_survey(tool, council.survey, tmp_path / "raw")
    ds = Dataset(file=path.name, description="staff survey", source="Southvale staff survey")
    return clean_review(path.parent, {"staff_survey": ds}, services=[CHILDREN]).frames


# --- The survey: only its own questions, validated and shown --------------------------------


def test_a_survey_without_the_demo_questions_passes_validation(tmp_path, own_mappings):
    frames = survey_frames(tmp_path)
    staff = frames["staff_survey"]
    assert not {"service_answer", "training_focus", "improvement"} & set(staff.columns)
    report = validate_datasets(
        {k: v for k, v in frames.items() if k.startswith("staff_survey")},
        today=dt.date(2026, 1, 1),
    )
    critical = [r.check for r in report.failed("critical")]
    assert critical == []


def test_a_survey_without_a_respondent_service_still_stops(tmp_path, own_mappings):
    """The required columns are fewer, not none: a blank service is still critical."""
    frames = survey_frames(tmp_path)
    frames["staff_survey"].loc[frames["staff_survey"].index[0], "service"] = None
    report = validate_datasets({"staff_survey": frames["staff_survey"]}, today=dt.date(2026, 1, 1))
    assert "Every response has a service" in [r.check for r in report.failed("critical")]


def test_a_reviews_own_survey_is_its_questions_only(own_mappings):
    from pipelines.datasets.surveys.questions import survey_questions

    assert list(survey_questions("staff_survey")) == list(
        SURVEY_MAPPING["staff_survey"]["questions"]
    )
    # the locum survey, which the review does not map, stays the shipped one
    assert "valued_by_la" in survey_questions("locum_survey")


def test_a_review_changing_one_shipped_question_keeps_the_others(tmp_path):
    from pipelines.datasets.surveys.questions import survey_questions

    shipped = list(survey_questions("staff_survey"))
    folder = tmp_path / "tweak"
    folder.mkdir()
    tweak = {"staff_survey": {"questions": {"job_role": {"short": "The job itself"}}}}
    (folder / "survey_questions.yml").write_text(yaml.safe_dump(tweak), "utf-8")
    use_review_mappings(folder)
    try:
        questions = survey_questions("staff_survey")
        assert list(questions) == shipped
        assert questions["job_role"]["short"] == "The job itself"
    finally:
        use_review_mappings(None)


def surveys_result(frames):
    from pipelines.sections.surveys import result as sr

    cfg = CFG.model_copy(
        update={
            "services": [CHILDREN],
            "datasets": {
                "staff_survey": Dataset(
                    file="s.csv", description="staff survey", source="Southvale staff survey"
                )
            },
        }
    )
    return sr.build(FramesContext(cfg, data=frames), {"staff_period": "May 2025"})


def test_without_a_codebook_the_themes_are_left_out_with_a_line(tmp_path, own_mappings):
    from pipelines.sections.surveys import result as sr

    frames = survey_frames(tmp_path)
    assert sr.text_question(frames["staff_survey"]) is None
    result = surveys_result(frames)
    assert "themes" not in result.tables
    assert {"respondents", f"results_{CHILDREN}"} <= set(result.tables)
    assert "survey_themes.yml" in sr.NO_THEMES and "left out" in sr.NO_THEMES
    # the tick-all question of the council's own survey, by its short label
    assert sr.choice_questions(frames["staff_survey"]) == {"help": "What would help"}


def test_the_reviews_codebook_codes_its_own_free_text_question(tmp_path, own_mappings):
    from pipelines.sections.surveys import result as sr

    (own_mappings / "survey_themes.yml").write_text(
        yaml.safe_dump({"staff_survey": STAY_THEMES}), "utf-8"
    )
    frames = survey_frames(tmp_path)
    assert sr.text_question(frames["staff_survey"]) == "stay"
    themes = surveys_result(frames).tables["themes"]
    assert "What would make you stay" in themes.caption
    # counted by hand: each respondent wrote one of three sentences, one theme each
    council = southvale()
    frame = themes.frame.set_index("theme")
    for theme, words in (("Caseloads", "Smaller caseloads"), ("Pay", "More pay")):
        assert int(frame.loc[theme, "comments_0"]) == sum(
            r["stay"] == words for r in council.survey
        )


# --- Leavers without exit interview forms -------------------------------------------------


def leavers_frames(tmp_path) -> tuple[dict[str, pd.DataFrame], object]:
    council = southvale()
    raw = tmp_path / "raw"
    raw.mkdir()
    council.rows["leavers"].to_csv(raw / "leavers.csv", index=False)
    council.rows["establishment"].to_csv(raw / "posts.csv", index=False)
    datasets = {
        "leavers": Dataset(file="leavers.csv", description="leavers", source="HR leavers"),
        "establishment": Dataset(file="posts.csv", description="posts", source="Funded posts"),
    }
    frames = clean_review(raw, datasets, services=[CHILDREN]).frames
    cfg = CFG.model_copy(
        update={
            "services": [CHILDREN],
            "datasets": datasets,
            "period": CFG.period.model_copy(
                update={
                    "start": council.period_start,
                    "end": council.period_end,
                    "label": "1 October 2024 to 30 September 2025",
                }
            ),
            "published_figures": [],
        }
    )
    return frames, cfg


def test_leavers_section_needs_no_exit_forms(tmp_path, own_mappings):
    from pipelines.core.registry import get_section
    from pipelines.sections.leavers import result as lr

    spec = get_section("10_leavers")
    assert "exit_interviews" not in spec.datasets
    assert "exit_interviews" in spec.optional_datasets
    frames, cfg = leavers_frames(tmp_path)
    result = lr.build(FramesContext(cfg, data=frames), {"short_service_focus": CHILDREN})
    turnover = result.tables["turnover"].frame.set_index("service")
    # 18 leavers in the period, 30 + 25 posts in two org units of one service
    assert int(turnover.loc[CHILDREN, "leavers"]) == 18
    assert int(turnover.loc[CHILDREN, "qualified_posts"]) == 55
    keys = {f.key for f in result.figures}
    assert "turnover_childrens" in keys
    assert not keys & {"exit_return_rate", "lowest_rated_aspect", "would_return"}


def test_leavers_findings_without_forms_say_nothing_of_forms(tmp_path, own_mappings):
    from pipelines.sections.leavers import analysis as lv

    frames, cfg = leavers_frames(tmp_path)
    leavers = lv.in_period(frames["leavers"], cfg.period.start, cfg.period.end)
    turnover = lv.turnover(leavers, frames["establishment"]).rename(columns=lv.TURNOVER_LABELS)
    reasons = {CHILDREN: lv.reasons_table(leavers, service=CHILDREN)}
    short = lv.reasons_table(leavers, service=CHILDREN, under_years=2.0)
    text = " ".join(
        str(s) for s in lv.findings(turnover, reasons, short, 2.0, CHILDREN, None, None, None)
    )
    assert "18 qualified staff left in the year" in text
    assert "exit interview" not in text and "would consider returning" not in text
