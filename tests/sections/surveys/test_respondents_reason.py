"""A survey's count of respondents that differs from the data says its likely reason, only as
the data show it, else that the data do not explain it (issue 22, point 3).

Luton's 21 September 2016 check printed "The paper's own service figures add to 58 (41 + 17),
not 55" and nothing on why the paper says 55. Surveys generated here.
"""

from __future__ import annotations

import pandas as pd

from pipelines.core import reconcile
from pipelines.sections.surveys import published as svp
from tests.sections.surveys.helpers import ASC, CSC
from tests.sections.surveys.test_analysis_surveys import (  # noqa: F401  (fixture)
    KEYS,
    _shipped_mappings,
    answers_frame,
    published_rows,
    respondents_frame,
)


def _respondents(value: str, service: str | None = None) -> dict:
    row = {"measure": "respondents", "value": value, "published_in": "Report para 23"}
    return {**row, "service": service} if service else row


def test_a_paper_counting_only_those_who_answered_every_question_is_explained():
    # 4 adults and 2 children's staff; one adult skipped the second question, so 5 of the 6
    # answered every scored question: the paper's 5 is those.
    scores = {
        (ASC, KEYS[0]): [2, 3, 3, 4],
        (CSC, KEYS[0]): [3, 4],
        (ASC, KEYS[1]): [2, 3, 3],
        (CSC, KEYS[1]): [3, 4],
    }
    checks = svp.reconcile(
        published_rows([_respondents("5")]),
        respondents_frame({ASC: 4, CSC: 2}),
        answers_frame(scores),
    )
    why = checks.loc[0, "Explanation"]
    assert checks.loc[0, "Agrees"] == "No" and checks.loc[0, "From the data"] == "6"
    assert why.endswith(
        "5 respondents answered every scored question: the paper probably counts only those."
    ), why
    assert reconcile.UNKNOWN not in why


def test_a_difference_the_data_do_not_explain_says_so_and_to_ask():
    # 6 respondents, everyone answered everything: nothing in the data makes 4.
    scores = {(ASC, KEYS[0]): [2, 3, 3, 4], (CSC, KEYS[0]): [3, 4]}
    rows = [_respondents("4"), _respondents("3", ASC), _respondents("2", CSC)]
    checks = svp.reconcile(
        published_rows(rows), respondents_frame({ASC: 4, CSC: 2}), answers_frame(scores)
    )
    joint, adults = checks.loc[0, "Explanation"], checks.loc[1, "Explanation"]
    assert joint.endswith(reconcile.UNKNOWN) and adults.endswith(reconcile.UNKNOWN)
    # the paper's own figures add to 5 (3 + 2), not 4: said in words as well as sums
    assert "add to 5 (3 + 2), not 4, so the paper does not agree with itself." in joint
    assert checks.loc[2, "Agrees"] == "Yes" and checks.loc[2, "Explanation"] == ""


def test_the_reports_survey_row_carries_the_likely_reason_of_its_largest_difference():
    """The report's one row per survey (grouped_checks) gives the reason of its largest
    difference, with the words the survey check wrote."""
    scores = {(ASC, KEYS[0]): [2, 3, 3, 4], (CSC, KEYS[0]): [3, 4]}
    checks = svp.reconcile(
        published_rows([_respondents("4")]),
        respondents_frame({ASC: 4, CSC: 2}),
        answers_frame(scores),
    )
    table = pd.DataFrame(
        [
            {
                "Figure": "Staff survey: Respondents, All respondents",
                "Where": "Report para 23",
                "The paper's figure": "4",
                "The data's figure": "6",
                "Difference": "+2",
                "Likely reason": checks.loc[0, "Explanation"],
            }
        ],
        columns=reconcile.CHECKED_COLUMNS,
    )
    table.attrs["groups"] = {
        "Staff survey": {"printed": 3, "agree": 2, "figures": [table.loc[0, "Figure"]]}
    }
    row = reconcile.grouped_checks(table).iloc[0]
    assert row["Difference"] == (
        "Largest: Respondents, All respondents: the paper gives 4 and the data 6 (+2)"
    )
    assert reconcile.UNKNOWN in row["Likely reason"]
