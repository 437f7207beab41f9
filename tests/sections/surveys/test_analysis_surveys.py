"""Survey analysis on small hand-made fixtures: intervals, flags, tests, themes, checks, waves."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pipelines.sections.surveys import analysis as sv
from pipelines.sections.surveys import bootstrap as svb
from pipelines.sections.surveys import compare as svc
from pipelines.sections.surveys import published as svp
from pipelines.sections.surveys import themes as svt
from tests.sections.surveys.helpers import ASC, CSC


def _shipped_questions():
    """The shipped questions, whatever review an earlier test in this process loaded."""
    from pipelines.core.config import active_review_mappings, use_review_mappings

    before = active_review_mappings()
    use_review_mappings(None)
    try:
        return sv.questions_frame()
    finally:
        use_review_mappings(before)


Q = _shipped_questions()
KEYS = Q["key"].tolist()


@pytest.fixture(autouse=True)
def _shipped_mappings():
    """These fixtures use the shipped question wording: no review's own mappings in force (a
    review loaded by an earlier test in the same process would otherwise lay its own over)."""
    from pipelines.core.config import active_review_mappings, use_review_mappings

    before = active_review_mappings()
    use_review_mappings(None)
    yield
    use_review_mappings(before)


def answers_frame(scores: dict[tuple[str, str], list[int]]) -> pd.DataFrame:
    """Tidy answers from {(service, question key): [scores]}; respondents numbered per service."""
    rows = []
    for (service, key), values in scores.items():
        for i, s in enumerate(values):
            rows.append(
                {
                    "respondent_id": f"{service[:1]}{i}",
                    "service": service,
                    "question": key,
                    "score": s,
                }
            )
    return pd.DataFrame(rows)


def respondents_frame(n: dict[str, int]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "respondent_id": f"{s[:1]}{i}",
                "service": s,
                "service_answer": s,
                "training_focus": None,
                "improvement": None,
            }
            for s, k in n.items()
            for i in range(k)
        ]
    )


def test_bootstrap_interval_is_reproducible_inside_the_scale_and_around_the_average():
    scores = [1, 2, 2, 3, 3, 3, 4, 5, 2, 3, 1, 4, 3, 2, 3, 4, 5, 3]
    low, high = svb.bootstrap_mean_ci(scores, seed=[1, 2])
    assert (low, high) == svb.bootstrap_mean_ci(scores, seed=[1, 2])
    assert 1 <= low < np.mean(scores) < high <= 5
    wider = svb.bootstrap_mean_ci(scores, level=0.99, seed=[1, 2])
    assert wider[0] <= low and wider[1] >= high


def test_bootstrap_interval_of_identical_answers_is_the_answer_and_empty_is_nan():
    assert svb.bootstrap_mean_ci([2, 2, 2]) == (2.0, 2.0)
    assert all(np.isnan(svb.bootstrap_mean_ci([])))


def test_results_flag_averages_above_3_and_at_the_midpoint():
    a = answers_frame(
        {(ASC, KEYS[0]): [4, 4, 3, 3], (ASC, KEYS[1]): [3, 3, 3], (ASC, KEYS[2]): [1, 2]}
    )
    table = sv.results_table(a, respondents_frame({ASC: 4}), ASC, resamples=200)
    by_q = table.set_index("Question")
    assert by_q.loc[Q["short"][0], sv.ABOVE] == "Yes"
    assert by_q.loc[Q["short"][1], sv.ABOVE] == "At midpoint"
    assert by_q.loc[Q["short"][2], sv.ABOVE] == ""
    assert by_q.loc[Q["short"][1], sv.ANSWERED] == 3
    assert by_q.loc[Q["short"][1], "Answered (% of 4)"] == 75
    assert sv.flagged(table) == [Q["short"][0]]


def test_distribution_puts_the_worst_question_first_with_every_score_counted():
    a = answers_frame({(CSC, KEYS[0]): [1, 1, 2], (CSC, KEYS[1]): [5, 4, 3, 5]})
    dist = sv.distribution_table(a, CSC)
    assert dist["Question"].iloc[0] == Q["short"][1]
    row = dist.iloc[0]
    assert [row[sv.SCORE_LABELS[k]] for k in sv.SCORES] == [0, 0, 1, 1, 2]
    assert "4 of" not in sv.likert_title(dist, CSC) and CSC in sv.likert_title(dist, CSC)


def test_mann_whitney_finds_a_clear_difference_only_where_there_is_one():
    rng = np.random.default_rng(0)
    low = rng.choice([1, 2], size=40).tolist()
    high = rng.choice([4, 5], size=18).tolist()
    same = rng.choice([2, 3], size=40).tolist()
    a = answers_frame(
        {(ASC, KEYS[0]): low, (CSC, KEYS[0]): high, (ASC, KEYS[1]): same, (CSC, KEYS[1]): same[:18]}
    )
    table = svc.compare_services(a, ASC, CSC).set_index("Question")
    assert table.loc[Q["short"][0], "Clear difference"] == "Yes"
    assert table.loc[Q["short"][1], "Clear difference"] == "No"
    assert table.loc[Q["short"][0], "Difference"] > 0
    assert (table["Adjusted p-value"] >= table["p-value"]).all()


def test_holm_adjustment():
    assert svc.holm([0.01, 0.04, 0.03]) == pytest.approx([0.03, 0.06, 0.06])
    assert np.isnan(svc.holm([float("nan"), 0.5])[0])


def test_small_groups_get_a_caution_naming_them():
    a = answers_frame({(ASC, KEYS[0]): [1] * 40, (CSC, KEYS[0]): [2] * 18})
    small = svc.small_groups(a, [ASC, CSC], 30)
    assert small == {CSC: 18}
    assert CSC in svc.small_n_caution(small, 30) and ASC not in svc.small_n_caution(small, 30)
    assert svc.small_n_caution({}, 30) is None


def test_themes_match_phrases_at_the_start_of_words_and_count_per_service():
    book = {"Learning": {"phrases": ["learn"]}, "Money": {"phrases": ["earn", "pay"]}}
    df = pd.DataFrame(
        {
            "service": [ASC, ASC, CSC, CSC],
            "text": ["I want to learn more", "Better PAY please", None, "Nothing"],
        }
    )
    coded = svt.code_themes(df["text"], book)
    assert coded["Learning"].tolist() == [True, False, False, False]
    assert coded["Money"].tolist() == [False, True, False, False]
    assert coded[svt.NO_THEME].tolist() == [False, False, False, True]
    counts = svt.theme_counts(df, "text", book, [ASC, CSC]).set_index("Theme")
    assert counts.loc["Money", f"{ASC}: comments (of 2)"] == 1
    assert counts.loc[svt.NO_THEME, f"{CSC}: comments (of 1)"] == 1
    assert counts.loc["Money", f"{ASC}: % of 2 comments"] == 50


def published_rows(rows: list[dict]) -> pd.DataFrame:
    base = {
        "survey": "staff_survey",
        "published_in": "Report para 1",
        "service": sv.JOINT,
        "question": None,
        "answer": None,
        "printed": "",
    }
    return pd.DataFrame([{**base, **r} for r in rows])


def test_reconcile_flags_counts_and_averages_that_differ_and_explains_them():
    a = answers_frame({(ASC, KEYS[0]): [2, 3, 3, 4], (CSC, KEYS[0]): [3, 4]})
    staff = respondents_frame({ASC: 4, CSC: 2})
    pub = published_rows(
        [
            {"measure": "respondents", "value": "6"},
            {"measure": "respondents", "value": "5", "published_in": "Report para 2"},
            {
                "measure": "respondents",
                "service": ASC,
                "value": "4",
                "published_in": "Report para 2",
            },
            {
                "measure": "respondents",
                "service": CSC,
                "value": "2",
                "published_in": "Report para 2",
            },
            {"measure": "average", "question": KEYS[0], "value": "3.17"},
            {"measure": "average", "question": KEYS[0], "value": "3.20"},
            {"measure": "questions_above_3", "value": "0"},
        ]
    )
    checks = svp.reconcile(pub, staff, a)
    assert checks["Agrees"].tolist() == ["Yes", "No", "Yes", "Yes", "Yes", "No", "No"]
    assert "add to 6 (4 + 2), not 5" in checks.loc[1, "Explanation"]
    assert "3.17" in checks.loc[5, "From the data"]
    tables = svp.disagreement_tables(checks)
    assert sum(len(t) for t in tables.values()) == 3
    # With the review and meeting, a bare "Report para 2" names the report that printed it, as
    # the checked-figures table does (L21 exempt appendix: "Report para 16").
    from pipelines.core.config import load_review

    cfg = load_review("luton-sw-2016")
    item = next(
        s.agenda_item for s in cfg.meeting("2016-09-21").sections if s.notebook == svp.SECTION
    )
    named = svp.disagreement_tables(checks, cfg, "2016-09-21")
    places = {w for t in named.values() for w in t["Published in"]}
    assert f"Item {item} report, paragraph 2" in places
    assert not any(w.startswith("Report para") for w in places)
    assert list(named) == list(tables)  # the same tables, in the same order


def test_reconcile_lists_figures_a_published_block_leaves_out():
    a = answers_frame({(CSC, k): [2, 3] for k in KEYS[:3]})
    staff = respondents_frame({CSC: 2})
    block = "Appendix 1 (children's)"
    pub = published_rows(
        [
            {
                "published_in": block,
                "service": CSC,
                "measure": "answered",
                "question": KEYS[0],
                "value": "2",
            },
            {
                "published_in": block,
                "service": CSC,
                "measure": "average",
                "question": KEYS[0],
                "value": "2.50",
            },
            {
                "published_in": block,
                "service": CSC,
                "measure": "average",
                "question": KEYS[1],
                "value": "2.50",
            },
        ]
    )
    omitted = svp.omitted_table(svp.reconcile(pub, staff, a)).set_index("Question")
    assert omitted.loc[Q["short"][1], "Left out"] == "Number answering"
    assert omitted.loc[Q["short"][2], "Left out"] == "The whole question"
    assert omitted.loc[Q["short"][2], "From the data: average"] == "2.50"


def test_percentages_that_no_whole_number_of_respondents_can_give_are_explained():
    note = svp.percent_note(2, 1, 31)
    assert "No whole number of the 31 respondents gives 2%" in note
    note = svp.percent_note(80, 25, 31)
    assert "rounds to 81%" in note and "rounded down" in note


def test_compare_waves_with_an_earlier_wave_fixture():
    earlier = answers_frame({(ASC, KEYS[0]): [4, 4, 5, 4, 3] * 6, (ASC, KEYS[1]): [2, 3] * 10})
    now = answers_frame(
        {
            (ASC, KEYS[0]): [2, 1, 2, 3, 2] * 6,
            (ASC, KEYS[1]): [2, 3] * 10,
            (ASC, KEYS[2]): [1, 2, 3],
        }
    )
    table = svc.compare_waves(now, earlier, ASC).set_index("Question")
    assert table.loc[Q["short"][0], "Change"] < 0
    assert table.loc[Q["short"][0], "Clear change"] == "Yes"
    assert table.loc[Q["short"][1], "Clear change"] == "No"
    assert table.loc[Q["short"][2], "Clear change"] == ""
    assert table.loc[Q["short"][2], "Earlier answered"] == 0


def test_formats_give_whole_percentages_and_two_decimal_averages():
    table = pd.DataFrame(
        columns=["Answered (% of 4)", sv.AVERAGE, sv.LOW, "p-value", "Difference", "Locums"]
    )
    f = sv.formats(table)
    assert f["Answered (% of 4)"] == "{:.0f}" and f[sv.AVERAGE] == "{:.2f}"
    assert f["p-value"] == "{:.3f}" and f["Difference"] == "{:+.2f}" and "Locums" not in f
    assert sv.formats(table, percent_decimals=1)["Answered (% of 4)"] == "{:.1f}"
