"""The synthetic survey exports reproduce the printed survey figures (read from the seed YAML)."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest

from pipelines.datasets.surveys.demo import write_survey_demo
from pipelines.sections.surveys import themes as svt
from tests.sections.surveys.helpers import (
    BLOCK_SERVICE,
    CSC,
    clean,
    dataset_file,
    norm,
    pack_question,
    raw_dir,
    read_csv_rows,
)

SURVEY_DATASETS = ("staff_survey", "locum_survey", "survey_published")


@pytest.fixture(scope="module")
def staff():
    return clean("staff_survey")


@pytest.fixture(scope="module")
def locum():
    return clean("locum_survey")["locum_survey"]


def test_regenerating_gives_identical_files(tmp_path):
    written = write_survey_demo(tmp_path)
    assert {p.name for p in written} >= {dataset_file(d).name for d in SURVEY_DATASETS}
    for path in written:
        assert path.read_bytes() == (raw_dir() / path.name).read_bytes(), path.name


def test_readme_describes_every_file_and_the_synthetic_contact_details():
    text = (raw_dir() / "README-surveys.md").read_text(encoding="utf-8")
    for d in SURVEY_DATASETS:
        assert dataset_file(d).name in text
    assert "SYNTHETIC" in text and "redaction" in text


def test_headers_are_the_questions_exactly_as_printed(seed):
    header = read_csv_rows(dataset_file("staff_survey"))[0]
    for q in seed["luton"]["permanent_staff_survey"]["appendix_blocks"]["block_1"]["questions"]:
        printed = q["question_printed"]
        expected = f"{q['prompt_printed']} {printed}" if q.get("prompt_printed") else printed
        assert expected in header, expected


@pytest.mark.parametrize("block", ["block_1", "block_2"])
def test_blocks_reproduce_every_printed_average_and_answered_count(seed, staff, block):
    answers, respondents = staff["staff_survey_answers"], staff["staff_survey"]
    spec = seed["luton"]["permanent_staff_survey"]["appendix_blocks"][block]
    service = BLOCK_SERVICE[block]
    assert (respondents["service"] == service).sum() == spec["respondents"]
    checked = 0
    for q in spec["questions"]:
        if not q["present_in_seed"]:
            continue
        key = pack_question(q["question"])["key"]
        mine = answers[(answers["service"] == service) & (answers["question"] == key)]
        if q["answered"] is not None:
            n = (
                len(mine)
                if len(mine)
                else int(respondents.loc[respondents["service"] == service, key].notna().sum())
            )
            assert n == q["answered"], q["key"]
            checked += 1
        if q["average_printed"] is not None:
            assert abs(mine["score"].mean() - float(q["average_printed"])) <= 0.005 + 1e-9, q
            checked += 1
    assert checked >= 20


def test_childrens_counts_the_appendix_omits_are_the_feasible_ones(seed, staff):
    answers = staff["staff_survey_answers"]
    rows = seed["luton"]["permanent_staff_survey"]["granularity_check"]["rows"]
    for r in rows:
        if r["block"] == 2 and r.get("feasible_answered_counts"):
            key = pack_question(
                next(
                    q["question"]
                    for q in seed["luton"]["permanent_staff_survey"]["appendix_blocks"]["block_2"][
                        "questions"
                    ]
                    if q["key"] == r["key"]
                )
            )["key"]
            n = int(((answers["service"] == CSC) & (answers["question"] == key)).sum())
            assert n in r["feasible_answered_counts"], r["key"]


def test_scored_answers_mix_labels_and_numbers_with_blanks_where_skipped(staff):
    answers = staff["staff_survey_answers"]
    assert answers["answer"].str.fullmatch(r"[1-5]").any()
    assert (~answers["answer"].str.fullmatch(r"[1-5]")).any()
    assert len(answers) < len(staff["staff_survey"]) * answers["question"].nunique()


def test_locum_export_is_consistent_with_paragraph_16(seed, locum):
    facts = seed["luton"]["locum_survey"]
    n = len(locum)
    assert n == facts["respondents"]["value"]

    def printable(k: int, printed: float) -> bool:
        pct = 100 * k / n
        return printed in (math.floor(pct), round(pct))

    assert printable(int(locum["valued_by_la"].sum()), facts["felt_valued_by_la_percent"]["value"])
    assert printable(
        int(locum["valued_by_team_manager"].sum()),
        facts["felt_valued_by_team_manager_percent"]["value"],
    )
    neither = (~locum["valued_by_la"].astype(bool)) & (
        ~locum["valued_by_team_manager"].astype(bool)
    )
    assert int(neither.sum()) == facts["not_valued_by_either"]["value"]
    years = locum["years_qualified"].value_counts()
    assert printable(
        int(years["More than 3 years"]), facts["qualified_more_than_3_years_percent"]["value"]
    )
    # 2% of 31 is not a whole person: the nearest whole number is used.
    assert years["1-3 years"] == round(facts["qualified_1_to_3_years_percent"]["value"] * n / 100)
    assert int((~locum["induction"].astype(bool)).sum()) == facts["no_induction"]["value"]
    texts = " ".join(locum[neither]["disadvantages"].dropna())
    assert "children" in texts.lower()


def test_locum_free_text_carries_every_published_response(seed, locum):
    facts = seed["luton"]["locum_survey"]
    columns = {
        "reasons_for_being_a_locum": "reason_for_locum",
        "disadvantages_frequent": "disadvantages",
        "what_could_make_you_permanent": "what_would_make_permanent",
    }
    for fact, column in columns.items():
        text = norm(" ".join(locum[column].dropna()))
        for name in (f"{fact}_frequent", f"{fact}_individual", fact):
            for item in facts.get(name, {}).get("value", []):
                numbers = re.search(r"\d+(?: / \d+)+", item)
                if numbers:  # "more than 10 / 12 / 20 years": one locum each
                    for n in numbers.group(0).split(" / "):
                        assert f"more than {n} years in long term employment" in text
                    continue
                first = norm(item.split(";")[0]).rstrip(".,")
                assert first in text, (name, item)
    individual = norm(" | ".join(locum["what_would_make_permanent"].dropna()))
    for item in facts["what_could_make_you_permanent_individual"]["value"]:
        assert individual.count(norm(item).rstrip(".,")) == 1, item


def test_staff_comments_carry_the_themes_the_report_names(seed, staff):
    respondents = staff["staff_survey"]
    findings = seed["luton"]["permanent_staff_survey"]["report_findings"]
    children = norm(
        " ".join(respondents.loc[respondents["service"] == CSC, "improvement"].dropna())
    )
    for theme in findings["childrens_themes"]["value"]:
        assert norm(theme).rstrip(".,").split()[0] in children, theme
    everyone = norm(" ".join(respondents["improvement"].dropna()))
    for item in findings["individual_responses"]["value"]:
        assert norm(item) in everyone, item
    counts = svt.theme_counts(
        respondents, "improvement", svt.codebook("staff_survey", "improvement"), [CSC]
    )
    coded = dict(zip(counts["Theme"], counts.iloc[:, 1], strict=True))
    for theme in (
        "Communication about changes",
        "Consistent management",
        "Feeling valued",
        "Being listened to",
    ):
        assert coded[theme] >= 3, theme


def test_free_text_includes_synthetic_contact_details_for_redaction_tests(staff):
    text = " ".join(staff["staff_survey"]["improvement"].dropna())
    assert re.search(r"[\w.]+@example\.org", text)
    assert re.search(r"07700 900\d{3}", text) and re.search(r"01632 960\d{3}", text)


def test_published_figures_file_is_the_papers_figures(seed, staff):
    published = clean("survey_published")["survey_published"]
    block3 = seed["luton"]["permanent_staff_survey"]["appendix_blocks"]["block_3"]
    joint = published[
        published["published_in"].str.contains("joint") & (published["measure"] == "average")
    ]
    printed = {q["key"]: q["average_printed"] for q in block3["questions"] if q["average_printed"]}
    assert len(joint) == len(printed)
    mine = dict(zip(joint["question"], joint["value"], strict=True))
    for q in block3["questions"]:
        if q["average_printed"]:
            assert mine[pack_question(q["question"])["key"]] == q["average_printed"]
    para23 = seed["luton"]["permanent_staff_survey"]["respondents_report_text"]["value"]
    report = published[published["published_in"].str.endswith("23")]
    assert sorted(pd.to_numeric(report["value"]).astype(int)) == sorted(
        [para23["total"], para23["adults"], para23["childrens"]]
    )
