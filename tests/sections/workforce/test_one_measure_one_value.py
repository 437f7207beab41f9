"""The extra cost of an agency worker: one measure, one value, one wording (issue 22, point 4).

Coventry's report of 16 April 2018 printed the paper's "additional £30,000 pa" (one agency
worker over one Social Worker post) against the data's £28,086 (the average over every agency
FTE) as a difference, and a note citing "£28,086 ... in this table" under a table that prints
£30,000 in the Social Worker row. The paper's figure is now checked as the measure it is
(``childrens_agency_extra_cost_per_post``), and the note is written only where the table, as
printed, gives another figure for it. Data made here; figures worked out by hand.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from pipelines.core import reconcile
from pipelines.core.config import load_review
from pipelines.core.disclosure import Policy
from pipelines.core.results import FramesContext
from pipelines.sections.workforce import result as wr

COV = load_review("coventry-sw-2018")
CHILDREN = "Children's Social Care"
PUBLIC, EXEMPT = Policy("public", 5), Policy("exempt", 5)
AGENCY = 39 * 37 * 46  # £66,378 a year: Coventry's demo agency rate, hours and weeks
SW, SP = 36_378.0, 43_300.0  # a Social Worker (G7) and a Senior Practitioner (G8) a year


def frames(sp_agency: float) -> dict[str, pd.DataFrame]:
    """20 agency FTE in Social Worker (G7) posts and ``sp_agency`` in Senior Practitioner."""
    snapshot = pd.DataFrame(
        {
            "service": [CHILDREN, CHILDREN],
            "org_unit": [CHILDREN, CHILDREN],
            "team": ["North", "South"],
            "job_title": ["Social Worker", "Senior Practitioner"],
            "grade": ["G7", "G8"],
            "establishment_fte": [60.0, 20.0],
            "permanent_fte": [38.0, 10.0],
            "agency_fte": [20.0, sp_agency],
            "vacant_fte": [2.0, 10.0 - sp_agency],
        }
    )
    pay = pd.DataFrame(
        {
            "service": [CHILDREN, CHILDREN],
            "job_title": ["Social Worker", "Senior Practitioner"],
            "grade": ["G7", "G8"],
            "salary": [30_000.0, 36_000.0],
            "employer_ni": [3_378.0, 4_300.0],
            "market_supplement": [0.0, 0.0],
            "car_allowance": [3_000.0, 3_000.0],
            "annual_cost": [SW, SP],
        }
    )
    return {"workforce_snapshot": snapshot, "pay_rates": pay}


def build(sp_agency: float):
    params = {
        "as_at": "2018-02-28",
        "agency_hourly_rate": 39.0,
        "agency_hours_per_week": 37,
        "agency_weeks_per_year": 46,
        "capped_rate_roles": ["Social Worker", "Senior Practitioner"],
        "cost_comparators": [{"service": CHILDREN, "job_title": "Social Worker", "grade": "G7"}],
    }
    return wr.build(FramesContext(COV, None, frames(sp_agency)), params)


def test_the_papers_per_post_figure_is_checked_as_that_measure_and_agrees():
    assert AGENCY - SW == 30_000
    reconcile._load_metrics()
    per_post = reconcile.METRICS["childrens_agency_extra_cost_per_post"]
    assert per_post.compute(frames(8), COV) == pytest.approx(30_000)
    # The average over all 28 agency FTE is another measure: (20 x 30,000 + 8 x 23,078) / 28.
    average = reconcile.METRICS["childrens_agency_extra_cost_per_fte"].compute(frames(8), COV)
    assert average == pytest.approx((20 * 30_000 + 8 * (AGENCY - SP)) / 28)
    meeting = dt.date(2018, 4, 16)
    mine = [f for f in COV.published_figures if f.meeting == meeting and f.value == 30_000]
    assert [f.key for f in mine] == ["childrens_agency_extra_cost_per_post"]
    table, agree = reconcile.officers_figures(mine, frames(8), COV, meeting, threshold=5)
    assert (len(table), agree) == (0, 1)
    assert "28,0" not in table.to_string()


def test_no_two_populations_note_when_the_table_prints_the_quoted_figure():
    result = build(8)  # every job title has 5 or more agency FTE: public by job title
    table = result.tables["agency_premium"]
    assert table.public_variant is None
    row = table.frame.set_index("job_title").loc["Social Worker"]
    assert row["extra_cost_per_fte"] == pytest.approx(30_000)
    assert wr.basis_notes(COV, None, result, "agency_premium", PUBLIC) == []
    assert wr.basis_notes(COV, None, result, "agency_premium", EXEMPT) == []


def test_a_few_agency_fte_are_printed_by_job_title_and_need_no_note():
    result = build(4)  # 4 Senior Practitioner agency FTE: public by job title all the same
    table = result.tables["agency_premium"]
    assert table.public_variant is None
    rows = table.for_policy(PUBLIC).frame.set_index("job_title")
    assert rows.loc["Senior Practitioner", "agency_fte"] == 4
    assert rows.loc["Senior Practitioner", "extra_cost"] == pytest.approx(4 * (AGENCY - SP))
    # The Social Worker row prints the quoted £30,000 itself: no note in either document.
    assert rows.loc["Social Worker", "extra_cost_per_fte"] == pytest.approx(30_000)
    assert wr.basis_notes(COV, None, result, "agency_premium", PUBLIC) == []
    assert wr.basis_notes(COV, None, result, "agency_premium", EXEMPT) == []
