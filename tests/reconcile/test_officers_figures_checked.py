"""Every figure the build checks is in the report's checked figures (issue 22, point 3).

The Luton 21 September chapter counted 17 figures and left out the survey figures its papers
printed (paper "55 individuals responded", data 61). The survey check registers with
:func:`pipelines.core.reconcile.figure_check`; :func:`officers_figures` lists its figures of the
meeting beside the metrics'. A report without the chapter does not promise it. Data made here.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.core import exports, reconcile
from pipelines.documents import report, texts
from pipelines.sections.surveys import metrics as survey_metrics
from tests.conftest import examples
from tests.documents.test_report import review_text
from tests.sections.surveys.helpers import ASC, CSC
from tests.sections.surveys.test_analysis_surveys import (
    KEYS,
    answers_frame,
    published_rows,
    respondents_frame,
)

MEETING = dt.date(2016, 9, 21)


def _cfg(meeting=MEETING):
    return SimpleNamespace(datasets={"survey_published": SimpleNamespace(meeting=meeting)})


def _frames(printed_all: str = "55") -> dict[str, pd.DataFrame]:
    # 61 respondents (43 adults, 18 children's); one question answered by 4 + 2 people:
    # adults 2, 3, 3, 4 and children's 3, 4: mean 19 / 6 = 3.1667, printed 3.17 (agrees).
    return {
        "staff_survey": respondents_frame({ASC: 43, CSC: 18}),
        "staff_survey_answers": answers_frame(
            {(ASC, KEYS[0]): [2, 3, 3, 4], (CSC, KEYS[0]): [3, 4]}
        ),
        "survey_published": published_rows(
            [
                {"measure": "respondents", "value": printed_all, "printed": "55 responded"},
                {"measure": "respondents", "service": ASC, "value": "43"},
                {"measure": "average", "question": KEYS[0], "value": "3.17"},
                {"measure": "respondents", "service": CSC, "value": "20"},
            ]
        ),
    }


def test_survey_figures_that_differ_are_in_the_checked_table_with_the_difference():
    table, agree = reconcile.officers_figures([], _frames(), _cfg(), MEETING, threshold=5)
    assert agree == 2  # adults' 43 and the average 3.17
    rows = table.set_index("The paper's figure")
    assert list(table.columns) == reconcile.CHECKED_COLUMNS
    assert rows.loc["55", "The data's figure"] == "61"
    assert rows.loc["55", "Difference"] == "6 more"
    assert rows.loc["55", "Where"] == "Report para 1"
    assert rows.loc["55", "Figure"].endswith("Respondents, All respondents")
    assert "61 respondents" in rows.loc["55", "Likely reason"]
    assert rows.loc["20", "The data's figure"] == "18"
    assert rows.loc["20", "Difference"] == "2 fewer"
    assert len(table) == 2


def test_survey_figures_of_another_meeting_are_not_this_reports():
    table, agree = reconcile.officers_figures([], _frames(), _cfg(), dt.date(2017, 2, 28))
    assert (len(table), agree) == (0, 0)
    table, agree = reconcile.officers_figures([], _frames(), _cfg(None), MEETING)
    assert (len(table), agree) == (0, 0)


def test_a_small_group_in_a_survey_check_is_suppressed():
    # 3 children's respondents (fewer than 5), printed as 4.
    frames = {
        "staff_survey": respondents_frame({ASC: 43, CSC: 3}),
        "staff_survey_answers": answers_frame({(ASC, KEYS[0]): [2, 3], (CSC, KEYS[0]): [3]}),
        "survey_published": published_rows(
            [{"measure": "respondents", "service": CSC, "value": "4"}]
        ),
    }
    table, _ = reconcile.officers_figures([], frames, _cfg(), MEETING, threshold=5)
    row = table.iloc[0]
    assert (row["The data's figure"], row["Difference"]) == ("[c]", "")
    assert "fewer than 5 people" in row["Likely reason"]
    assert "3" not in row["Likely reason"]


@settings(max_examples=examples(25), deadline=None)
@given(printed=st.integers(1, 200))
def test_every_survey_figure_checked_is_counted_once(printed):
    table, agree = reconcile.officers_figures(
        [], _frames(str(printed)), _cfg(), MEETING, threshold=5
    )
    # 4 printed figures: adults' 43 and the average always agree, children's 20 never does.
    assert agree + len(table) == 4
    differ = table["The paper's figure"].tolist()
    assert differ == (["20"] if printed == 61 else [str(printed), "20"])
    assert survey_metrics.survey_figures(_frames(), _cfg(), MEETING, 5)[0].paper == "55"


def test_a_percentage_difference_reads_in_points():
    assert reconcile.checked_difference(1.0, "Share (%)", 0) == "1 point higher"
    assert reconcile.checked_difference(-0.3, "Share (%)", 1) == "0.3 points lower"
    # no cell of the table starts with a sign and goes on with words (the CSV would quote it)
    assert (
        exports.safe_cell(reconcile.checked_difference(-0.3, "Share (%)", 1)) == "0.3 points lower"
    )


def _purpose(parts) -> str:
    return parts[0].notebook.cells[0].source


def test_the_purpose_promises_the_check_only_when_the_report_holds_it():
    text = review_text()
    text.purpose = (
        "To give the group the evidence on leavers, checked against the figures in the "
        "officers' reports, so that members can test those reports and decide."
    )
    empty = (pd.DataFrame(columns=reconcile.CHECKED_COLUMNS), 0)
    without = report.report_sections([], [], text, checked=empty)
    assert "checked against" not in _purpose(without)
    assert "evidence on leavers, so that members can decide" in _purpose(without)
    assert "those reports" not in _purpose(without)
    assert not any(p.name == "r89_checked" for p in without)
    held = report.report_sections([], [], text, checked=(empty[0], 3))
    assert "checked against the figures in the officers' reports" in _purpose(held)
    assert any(p.name == "r89_checked" for p in held)


def test_the_default_purpose_drops_its_check_sentence_whole():
    """The default purpose says the check in a sentence of its own (reader12: an 80-word
    purpose); a report without the check says what members can then do, in a whole sentence."""
    text = review_text()
    body = texts.BODY_WORDS["board"]
    cfg = SimpleNamespace(question="why do staff leave?", objectives=[], services=[])
    text.purpose = texts.default_purpose(cfg, body, ["Item 4: Leavers"], "")
    empty = (pd.DataFrame(columns=reconcile.CHECKED_COLUMNS), 0)
    without = _purpose(report.report_sections([], [], text, checked=empty))
    assert without.endswith(
        "The task and finish group's question is \u201cwhy do staff leave?\u201d Members of the "
        "Board can then decide on the group's recommendations."
    )
    assert "checked against" not in without and "those reports" not in without
    held = _purpose(report.report_sections([], [], text, checked=(empty[0], 3)))
    assert held.endswith(
        "The evidence is checked against the figures in the officers' reports, so that members "
        "of the Board can test those reports and decide on the group's "
        "recommendations."
    )


@settings(max_examples=examples(60), deadline=None)
@given(
    difference=st.floats(-1e6, 1e6, allow_nan=False),
    label=st.sampled_from(["Turnover (%)", "Leavers (number)", "Cost a year (£)", "Average"]),
    decimals=st.integers(0, 2),
)
def test_no_difference_needs_a_formula_quote_in_the_csv(difference, label, decimals):
    text = reconcile.checked_difference(difference, label, decimals)
    assert exports.safe_cell(text) == text
