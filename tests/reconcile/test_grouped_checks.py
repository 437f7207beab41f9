"""The report's "Figures in the officers' reports, checked" prints a survey's figures as one
row (issue 22, point 6): how many of its printed figures the data reproduce, the largest
difference and its likely reason; the full list stays in the technical annex. Data made here:
4 printed survey figures, 2 reproduced (adults' 43 and the average 3.17), 2 not (55 printed
against 61 respondents: +6; children's 20 against 18: -2)."""

from __future__ import annotations

import pandas as pd

from pipelines.core import reconcile
from pipelines.documents import report
from tests.documents.test_report import review_text
from tests.reconcile.test_officers_figures_checked import MEETING, _cfg, _frames


def test_a_surveys_figures_are_one_row_with_how_many_agree_and_the_largest_difference():
    table, agree = reconcile.officers_figures([], _frames(), _cfg(), MEETING, threshold=5)
    assert (len(table), agree) == (2, 2)  # the full list: every differing figure
    grouped = reconcile.grouped_checks(table)
    assert list(grouped.columns) == reconcile.CHECKED_COLUMNS
    assert len(grouped) == 1
    row = grouped.iloc[0]
    survey = table.iloc[0]["Figure"].split(": ")[0]
    assert row["Figure"] == f"{survey}: every figure printed"
    assert row["The paper's figure"] == "4 figures"
    assert row["The data's figure"] == "2 of 4 figures reproduced"
    # |+6| > |-2|; what the paper printed (its own total, 55) and what the data give, not only
    # the difference (L21: the row did not say 55 was the paper's figure)
    assert row["Difference"] == (
        "Largest: Respondents, All respondents: the paper gives 55 and the data 61 (6 more)"
    )
    assert "61 respondents" in row["Likely reason"]
    assert row["Likely reason"].endswith(reconcile.FULL_LIST)


def test_a_survey_whose_figures_all_agree_has_no_row_and_other_rows_are_kept():
    table, agree = reconcile.officers_figures([], _frames("61"), _cfg(), MEETING, threshold=5)
    assert agree == 3 and len(table) == 1  # only children's 20 against 18 differs
    metric = {c: "x" for c in reconcile.CHECKED_COLUMNS} | {"Figure": "Turnover (%)"}
    both = pd.concat([pd.DataFrame([metric]), table], ignore_index=True)
    both.attrs = table.attrs
    grouped = reconcile.grouped_checks(both)
    assert grouped["Figure"].tolist()[0] == "Turnover (%)"
    assert grouped.iloc[1]["The data's figure"] == "3 of 4 figures reproduced"
    assert grouped.iloc[1]["Difference"].endswith("the paper gives 20 and the data 18 (2 fewer)")
    none = {"Survey": {"printed": 3, "agree": 3, "figures": []}}
    alone = pd.DataFrame([metric], columns=reconcile.CHECKED_COLUMNS)
    alone.attrs["groups"] = none
    assert reconcile.grouped_checks(alone)["Figure"].tolist() == ["Turnover (%)"]


def test_the_report_chapter_prints_the_grouped_row_and_says_where_the_full_list_is():
    checked = reconcile.officers_figures([], _frames(), _cfg(), MEETING, threshold=5)
    parts = report.report_sections([], [], review_text(), checked=checked)
    chapter = next(p for p in parts if p.name == "r89_checked").notebook.cells
    intro = chapter[0].source
    assert "print 4 figures the council's data can test. 2 of them agree" in intro
    assert "A survey's figures are one row, with how many the data reproduce" in intro
    # never the technical annex, which is not published (reader11, Luton 21 September 2016)
    assert reconcile.FULL_LIST not in intro and "annex" not in intro
    html = chapter[1].outputs[0]["data"]["text/html"]
    assert "2 of 4 figures reproduced" in html and "every figure printed" in html
    # where the full list is: said once above the table, not again in each survey's row
    assert "The technical annex lists every figure" not in html
    assert html.count("<tr") == 2  # the header and one row


def test_the_size_of_a_difference_is_read_without_its_sign_or_unit():
    assert reconcile.difference_size("+6") == 6
    assert reconcile.difference_size("0.3 points lower") == 0.3
    assert reconcile.difference_size("£2,738 more") == 2738
    assert reconcile.difference_size("") == 0


def test_the_grouped_counts_read_as_figures_not_people():
    """ "4 of 8 reproduced" stopped the Luton build: the public audit read it as 4 people of 8."""
    from pipelines.core.disclosure import reveals_small_count

    table, _ = reconcile.officers_figures([], _frames(), _cfg(), MEETING, threshold=5)
    cell = reconcile.grouped_checks(table).iloc[0]["The data's figure"]
    assert not reveals_small_count(cell, 5)
    assert reveals_small_count(cell.replace(" figures", ""), 5)  # the words are what matter
