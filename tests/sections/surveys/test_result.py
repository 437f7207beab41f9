"""The surveys section's result, built from survey data made here (issue 20; issue 21: one
service, respondents without a service; issue 24: the bootstrap drawn from counts).

Every figure checked is worked out by hand from the answers written in the test.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.core.cleaning import CLEANERS, CleaningLog
from pipelines.core.figures import Kind
from pipelines.core.results import FramesContext, SectionResult
from pipelines.core.sources import read_export
from pipelines.datasets.surveys.answer_coding import choice_family, scale_labels
from pipelines.datasets.surveys.clean import JOINT
from pipelines.datasets.surveys.questions import survey_questions
from pipelines.sections.surveys import analysis as sv
from pipelines.sections.surveys import bootstrap as svb
from pipelines.sections.surveys import result as sr
from pipelines.sections.surveys import themes as svt
from tests.conftest import examples
from tests.sections.figure_checks import CFG

CHILDREN, ADULTS = "Children's Social Care", "Adult Social Care"
#: Scores of six children's staff: job role spread 1-5 (average 2.83), training for the current
#: role poor (4.00, the one question above the midpoint 3),
#: every other scored question 2 ("Satisfied", "Agree", ...).
JOB_ROLE = [1, 2, 2, 3, 4, 5]
TRAINING = [4, 4, 5, 3, 4, 4]
OTHER = 2
#: The likelihood scale's middle label is a non-answer for some reviews: never written here.
AVOID = {"likelihood": 3}


def one_service_review():
    """The demo review with one service (a children's-services-only council)."""
    return CFG.model_copy(update={"services": [CHILDREN]})


def score_of(key: str, i: int) -> int:
    """The score respondent ``i`` gives to question ``key`` in the generated export."""
    if key == "job_role":
        return JOB_ROLE[i]
    if key == "training_for_current_role":
        return TRAINING[i]
    return OTHER


def write_export(path: Path, n: int = 6) -> None:
    """A one-service staff survey export as an online survey tool writes it.

    Headers are the questions as printed; answers are the scales' labels; every respondent is in
    Children's Social Care; question 1 (which service) left blank, as a one-service survey does
    not ask it.
    """
    questions = survey_questions("staff_survey")
    header = ["Respondent ID", "Service", *(q["question"] for q in questions.values())]
    rows = []
    for i in range(n):
        row = [str(1000 + i), CHILDREN]
        for key, q in questions.items():
            family = q["family"]
            if family == "service_choice":
                row.append("")
            elif family == "free_text":
                row.append("More time for supervision." if i % 2 else "")
            elif family == "training_choice":
                row.append(next(iter(choice_family(family))))
            else:
                score = score_of(key, i)
                assert AVOID.get(family) != score
                row.append(scale_labels(family)[score - 1])
        rows.append(row)
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, *rows])


@pytest.fixture(scope="module")
def one_service(tmp_path_factory) -> tuple[dict[str, pd.DataFrame], SectionResult]:
    path = tmp_path_factory.mktemp("survey") / "staff_survey.csv"
    write_export(path)
    made, problems = CLEANERS["staff_survey"](read_export(path, "staff_survey"), CleaningLog())
    assert not problems, "\n\n".join(p.render() for p in problems)
    ctx = FramesContext(one_service_review(), None, made)
    return made, sr.build(ctx, {"staff_period": "May 2025", "resamples": 500})


def test_a_one_service_export_builds_one_results_table_and_no_comparison(one_service):
    _, result = one_service
    names = set(result.tables)
    assert f"results_{CHILDREN}" in names and f"distribution_{CHILDREN}" in names
    assert f"results_{JOINT}" not in names and "service_differences" not in names
    respondents = result.tables["respondents"].labelled()
    assert respondents["Service"].tolist() == [CHILDREN, "Total"]
    assert respondents["Respondents"].tolist() == [6, 6]


def test_one_service_averages_and_least_positive_answer_by_hand(one_service):
    _, result = one_service
    table = result.tables[f"results_{CHILDREN}"]
    job = table.frame.set_index("question").loc["Satisfaction with job role"]
    assert job["answered"] == 6 and job["average"] == pytest.approx(17 / 6)
    assert job["answered_percent"] == pytest.approx(100.0)
    fig = result.figure("survey_least_positive_childrens")
    assert fig.value == pytest.approx(24 / 6)  # training for the current role: 4, 4, 5, 3, 4, 4
    assert fig.denominator == 6 and fig.kind is Kind.MEAN_SCORE
    assert fig.row == "Training for current role" and fig.table == f"results_{CHILDREN}"
    assert fig.period == "May 2025"
    assert fig.identity == (
        sr.AVERAGE_MEASURE,
        f"Training for current role, {CHILDREN}: staff survey respondents answering",
        "May 2025",
    )
    # the finding: (4.0 - 3) x 6 people answering
    (finding,) = result.findings
    assert finding.figure == fig.key and finding.materiality == pytest.approx(6.0)


def test_one_service_titles_and_findings_are_written(one_service):
    made, result = one_service
    results = {CHILDREN: result.tables[f"results_{CHILDREN}"].labelled()}
    title = sv.averages_title(results)
    n_scored = len(sv.questions_frame())
    assert title == (
        f"{CHILDREN} staff: 1 of {n_scored} questions averaged above 3 (the dissatisfied side)"
    )
    themes = result.tables["themes"].labelled()
    found = sv.findings(made["staff_survey"], results, None, None, themes, None, [CHILDREN])
    assert found[0] == "6 permanent staff answered the staff survey."
    assert found[1].startswith(f"{CHILDREN}: 1 of {n_scored} questions averaged on the")
    assert "\u201cTraining for current role\u201d (4.00)" in found[1]


def test_the_averages_chart_draws_one_service():
    from pipelines.sections.surveys import charts as cs

    labels = [f"Question {i}" for i in range(8)]
    averages = [2.0, 3.5, 2.5, 1.5, 4.0, 3.0, 2.2, 2.8]
    results = {
        CHILDREN: pd.DataFrame(
            {
                sv.AVERAGE: averages,
                sv.LOW: [a - 0.4 for a in averages],
                sv.HIGH: [a + 0.4 for a in averages],
            }
        )
    }
    fig = cs.averages_chart(results, labels)
    assert [t.get_text() for t in fig.legends[0].get_texts()] == [CHILDREN]
    assert cs.averages_data(results, labels).columns.tolist() == [
        "Question",
        f"{CHILDREN} average",
        f"{CHILDREN} likely range: low",
        f"{CHILDREN} likely range: high",
    ]


def two_services_and_one_unknown() -> dict[str, pd.DataFrame]:
    """Three adults', two children's respondents and one who gave no service; job role only."""
    services = [ADULTS, ADULTS, ADULTS, CHILDREN, CHILDREN, None]
    scores = [1, 2, 3, 4, 4, 5]
    staff = pd.DataFrame(
        {
            "respondent_id": range(6),
            "service": services,
            "service_answer": services,
            "training_focus": None,
            "improvement": [None, None, "More time", None, None, "Better pay"],
        }
    )
    answers = pd.DataFrame(
        {
            "respondent_id": range(6),
            "service": services,
            "question": "job_role",
            "score": pd.array(scores, dtype="Int64"),
        }
    )
    return {"staff_survey": staff, "staff_survey_answers": answers}


def test_a_respondent_without_a_service_is_counted_in_the_total_and_said_so():
    data = two_services_and_one_unknown()
    cfg = CFG.model_copy(update={"services": [ADULTS, CHILDREN]})
    result = sr.build(FramesContext(cfg, None, data), {"resamples": 200})
    respondents = result.tables["respondents"].labelled().set_index("Service")
    assert respondents.loc[sv.NO_SERVICE, "Respondents"] == 1
    assert respondents.loc["Total", "Respondents"] == 6
    everyone = result.tables[f"results_{JOINT}"].frame.set_index("question")
    job = everyone.loc["Satisfaction with job role"]
    assert job["answered"] == 6 and job["average"] == pytest.approx(19 / 6)
    children = result.tables[f"results_{CHILDREN}"].frame.set_index("question")
    assert children.loc["Satisfaction with job role", "average"] == pytest.approx(4.0)
    results = {g: result.tables[f"results_{g}"].labelled() for g in (ADULTS, CHILDREN, JOINT)}
    found = sv.findings(
        data["staff_survey"], results, None, None, result.tables["themes"].labelled(), None,
        [ADULTS, CHILDREN],
    )  # fmt: skip
    assert found[0] == (
        "6 permanent staff answered the staff survey (3 Adult Social Care, 2 Children's Social "
        "Care, 1 who did not give their service)."
    )
    assert "service_differences" in result.tables


def test_each_figure_is_the_cell_of_its_table(one_service):
    _, result = one_service
    for fig in result.figures:
        table = result.tables[fig.table].labelled().set_index("Question")
        assert table.loc[fig.row, fig.column] == pytest.approx(fig.value)


def old_bootstrap(scores: list[int], resamples: int, seed: int) -> tuple[float, float]:
    """The percentile bootstrap drawing every answer (what the pack did before)."""
    x = np.asarray(scores, dtype=float)
    rng = np.random.default_rng(seed)
    means = x[rng.integers(0, x.size, size=(resamples, x.size))].mean(axis=1)
    low, high = np.quantile(means, [0.025, 0.975])
    return float(low), float(high)


def test_the_bootstrap_from_counts_agrees_with_drawing_every_answer():
    scores = [1, 1, 2, 2, 2, 3, 3, 4, 5, 5, 2, 3, 4, 4, 1, 2, 3, 3, 2, 4]
    low, high = svb.bootstrap_mean_ci(scores, resamples=40_000, seed=[7])
    old_low, old_high = old_bootstrap(scores, 40_000, 7)
    # the same distribution of resampled averages: limits within a step of the answer grid
    assert abs(low - old_low) <= 1 / len(scores) + 1e-9
    assert abs(high - old_high) <= 1 / len(scores) + 1e-9


def test_each_interval_depends_on_its_own_row_only():
    counts = np.array([[3, 5, 4, 4, 2], [0, 0, 0, 0, 0], [10, 0, 0, 0, 0], [1, 2, 3, 2, 1]])
    seeds = [[1, i] for i in range(len(counts))]
    low, high = svb.bootstrap_ranges(counts, sv.SCORES, 0.95, 2000, seeds)
    for i in range(len(counts)):
        one_low, one_high = svb.bootstrap_ranges(
            counts[i : i + 1], sv.SCORES, 0.95, 2000, [seeds[i]]
        )
        assert np.allclose([low[i], high[i]], [one_low[0], one_high[0]], equal_nan=True)
    assert math.isnan(low[1]) and math.isnan(high[1])
    assert (low[2], high[2]) == (1.0, 1.0)


@settings(max_examples=examples(40), deadline=None)
@given(st.lists(st.integers(0, 60), min_size=5, max_size=5).filter(lambda c: sum(c) > 0))
def test_an_interval_lies_within_the_answers_given_and_holds_the_average(counts):
    low, high = svb.bootstrap_ranges(np.array([counts]), sv.SCORES, 0.95, 300, [[3]])
    given_scores = [s for s, c in zip(sv.SCORES, counts, strict=True) if c]
    mean = sum(s * c for s, c in zip(sv.SCORES, counts, strict=True)) / sum(counts)
    assert min(given_scores) - 1e-9 <= low[0] <= high[0] <= max(given_scores) + 1e-9
    if len(given_scores) == 1:
        assert low[0] == high[0] == mean


def test_score_counts_count_every_group_in_one_pass():
    data = two_services_and_one_unknown()
    counts = sv.score_counts(data["staff_survey_answers"], [ADULTS, CHILDREN, JOINT])
    job = sv.questions_frame()["key"].tolist().index("job_role")
    assert counts[0, job].tolist() == [1, 1, 1, 0, 0]
    assert counts[1, job].tolist() == [0, 0, 0, 2, 0]
    assert counts[2, job].tolist() == [1, 1, 1, 2, 1]  # the one without a service too
    assert counts.sum() == 3 + 2 + 6


def test_long_comment_lists_are_summarised_with_every_theme_quoted():
    rows = []
    for service in (ADULTS, CHILDREN):
        for theme, k in (("Pay", 12), ("Workload", 3), ("", 5)):
            rows += [
                {"Service": service, "Comment": f"{theme} {i}", "Themes": theme} for i in range(k)
            ]
    comments = pd.DataFrame(rows)
    shown, note = svt.comments_summary(comments, 9)
    assert len(shown) == 9
    kinds = set(zip(shown["Service"], shown["Themes"], strict=True))
    assert kinds == {(s, t) for s in (ADULTS, CHILDREN) for t in ("Pay", "Workload", "")}
    assert shown["Service"].tolist() == sorted(shown["Service"].tolist())  # table order kept
    assert note.startswith("40 comments were written; 9 are quoted here")
    every, none = svt.comments_summary(comments, 40)
    assert len(every) == 40 and none is None


def test_the_averages_chart_data_is_the_results_tables_side_by_side(one_service):
    _, result = one_service
    table = result.tables["averages"]
    assert list(table.labels.values()) == [
        "Question",
        f"{CHILDREN} average",
        f"{CHILDREN} likely range: low",
        f"{CHILDREN} likely range: high",
    ]
    assert all(table.columns[c].kind is Kind.MEAN_SCORE for c in ("average_0", "low_0", "high_0"))
    results = result.tables[f"results_{CHILDREN}"].frame
    assert table.frame["average_0"].tolist() == results["average"].tolist()
    assert table.frame["low_0"].tolist() == results["low"].tolist()
    chart = result.charts["averages_by_service"]
    assert chart.table == "averages" and chart.title.startswith(f"{CHILDREN} staff: 1 of ")


def test_a_blank_period_is_the_one_its_dataset_states(one_service):
    """The period comes from the review config's dataset; the parameter only overrides it."""
    from pipelines.core.data_periods import stated_period

    made, _ = one_service
    cfg = one_service_review()
    result = sr.build(FramesContext(cfg, None, made), {"resamples": 500})
    stated = stated_period(cfg.datasets["staff_survey"])
    assert stated and stated in cfg.datasets["staff_survey"].source
    dated = [t for n, t in result.tables.items() if n.startswith(("results_", "respondents"))]
    assert dated and all(t.period == stated for t in dated)
    assert dict(result.notes["periods"])["staff_survey"] == stated
