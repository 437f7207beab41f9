"""No "what if" makes more posts permanent than agency workers fill (issue 22, point 8).

Coventry's report printed "10 agency posts made permanent" for Child Protection Social Workers
while the build warned that only 6 agency FTE were in those posts. Each row of the conversion
savings is capped at the post's agency FTE; the caption says so. Data made here.
"""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.sections import consistency
from pipelines.sections.workforce import costs as wco
from pipelines.sections.workforce import scenarios as ws
from tests.conftest import examples

CHILDREN = "Children's Social Care"
PAY = pd.DataFrame(
    {
        "service": [CHILDREN, CHILDREN],
        "job_title": ["Social Worker", "Child Protection Social Worker"],
        "grade": ["G7", "G7"],
        "annual_cost": [36_378.0, 41_378.0],
    }
)
POSTS = [
    {"service": CHILDREN, "job_title": "Social Worker", "grade": "G7"},
    {"service": CHILDREN, "job_title": "Child Protection Social Worker", "grade": "G7"},
]
AGENCY = 39 * 37 * 46  # £66,378 a year


def snapshot(sw: float, cp: float) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "service": [CHILDREN] * 3,
            "job_title": ["Social Worker", "Social Worker", "Child Protection Social Worker"],
            "agency_fte": [sw / 2, sw / 2, cp],
        }
    )


def test_ten_asked_of_six_agency_workers_is_six():
    fte = wco.agency_fte_by_post(snapshot(28, 6))
    assert fte == {
        (CHILDREN, "Social Worker"): 28.0,
        (CHILDREN, "Child Protection Social Worker"): 6.0,
    }
    table = wco.conversion_savings(PAY, POSTS, 10, 39, 37, 46, agency_fte=fte)
    rows = table.set_index("Post")
    assert rows.loc["Children's Social Worker", "Agency posts made permanent"] == 10
    assert rows.loc["Children's Child Protection Social Worker", "Agency posts made permanent"] == 6
    # 6 x (66,378 - 41,378) = £150,000 a year; 10 x 30,000 = £300,000
    assert rows.loc["Children's Child Protection Social Worker", "Saving a year (£)"] == 150_000
    assert rows.loc["Children's Social Worker", "Saving a year (£)"] == pytest.approx(
        10 * (AGENCY - 36_378)
    )
    caption = wco.conversion_caption(table, 10, "2017/18 pay")
    assert caption.endswith("(2017/18 pay, fewer where fewer agency workers are in post)")
    # the pack's consistency check finds no scenario above the posts
    roles = pd.DataFrame(
        {
            "Service": [CHILDREN, CHILDREN],
            "Job title": ["Social Worker", "Child Protection Social Worker"],
            "Agency FTE": [28.0, 6.0],
        }
    )
    scenarios, posts = ws.pack_scenarios({ws.POSTS_TABLE: roles, ws.SCENARIO_TABLE: table})
    assert consistency.scenarios_within_posts(scenarios, posts) == []


@settings(max_examples=examples(40), deadline=None)
@given(
    n=st.integers(0, 60),
    sw=st.integers(0, 40),
    cp=st.integers(0, 40),
)
def test_no_row_makes_more_posts_permanent_than_agency_workers_fill(n, sw, cp):
    fte = wco.agency_fte_by_post(snapshot(sw, cp))
    table = wco.conversion_savings(PAY, POSTS, n, 39, 37, 46, agency_fte=fte)
    made = table["Agency posts made permanent"].tolist()
    assert made == [min(n, sw), min(n, cp)]
    caption = wco.conversion_caption(table, n, "b")
    assert ("fewer where fewer" in caption) == (min(sw, cp) < n)
