"""A starter's chance of leaving is not given where too few starters are still followed.

Issue 22, point 5: Luton's reports printed Adult Social Care "starters who leave within 2 years
0.0" beside a chart saying "Not drawn (too few starters followed for a year)". The share at a
length of service is NaN when fewer than the threshold are still followed there, the rule the
curves' yearly points follow; the seed table then carries no figure for it. Data made here.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.sections.retention import analysis as ra
from tests.conftest import examples


def spells(left: list[float], stayed: list[float], group: str = "Adults") -> pd.DataFrame:
    """Starters followed from entry 0: ``left`` years served by leavers, ``stayed`` by the rest."""
    return pd.DataFrame(
        {
            "entry": [0.0] * (len(left) + len(stayed)),
            "duration": [*left, *stayed],
            "event": [1] * len(left) + [0] * len(stayed),
            "group": group,
        }
    )


def test_a_share_at_two_years_is_not_given_when_fewer_than_5_are_followed():
    # 12 starters: 5 left in their first year, 4 followed to 1 year, 3 to 2.5 years.
    data = spells([0.3, 0.4, 0.5, 0.6, 0.7], [1.0] * 4 + [2.5] * 3)
    assert ra.at_risk(data, 2.0) == 3
    old = ra.summary(data, data["group"])  # at least one followed: the estimate
    assert old.loc[0, "in_post_2y"] == pytest.approx(100 * 7 / 12)  # 5 of 12 left: 58.3%
    summ = ra.summary(data, data["group"], min_at_risk=5)
    assert math.isnan(summ.loc[0, "in_post_2y"])
    assert summ.loc[0, "in_post_1y"] == pytest.approx(100 * 7 / 12)  # 7 followed at 1 year
    leavers = pd.DataFrame({"service": ["Adults"] * 9, "years_of_service": [3.0] * 9})
    seed = ra.seed_measure(leavers, summ)
    assert math.isnan(seed.loc[0, "starters_leave"])  # never "0.0"
    assert seed.loc[0, "share_of_leavers"] == 0.0  # 0 of 9 leavers: a share of leavers


def test_no_leaver_and_few_followed_is_not_read_as_no_one_leaving():
    data = spells([], [0.5] * 6 + [2.2] * 2)
    assert ra.summary(data, data["group"]).loc[0, "in_post_2y"] == 100  # the old "0.0% leave"
    assert math.isnan(ra.summary(data, data["group"], min_at_risk=5).loc[0, "in_post_2y"])


@settings(max_examples=examples(40), deadline=None)
@given(
    left=st.lists(st.floats(0.05, 4.0), min_size=0, max_size=12),
    stayed=st.lists(st.floats(0.05, 4.0), min_size=1, max_size=12),
    threshold=st.integers(1, 8),
)
def test_a_share_is_given_exactly_when_enough_are_followed(left, stayed, threshold):
    data = spells(left, stayed)
    summ = ra.summary(data, data["group"], min_at_risk=threshold)
    for t in (1.0, 2.0):
        given_ = not math.isnan(summ.loc[0, f"in_post_{t:g}y"])
        assert given_ == (ra.at_risk(data, t) >= threshold)


def test_an_about_figure_is_rounded_as_a_projection_can_claim():
    from pipelines.sections.retention.text import about_pounds

    assert about_pounds(233_104.4) == "£233,000"
    assert about_pounds(107_389.0) == "£107,000"
    assert about_pounds(9_876.0) == "£9,900"


@settings(max_examples=examples(50), deadline=None)
@given(st.floats(10_000, 5e7))
def test_every_about_figure_from_10000_is_to_the_nearest_thousand(value):
    from pipelines.sections.retention.text import about_pounds

    printed = about_pounds(value)
    assert printed.endswith(",000")
    assert abs(float(printed.strip("£").replace(",", "")) - value) <= 500
