"""The exit ratings chart's title names only an aspect whose share is published (issue 22).

Reader11, Luton 21 September 2016: "Most ratings were good or excellent; job security had the
lowest share" sat over a chart whose job security row was all [c]. The title is chosen from
the table as the public chart shows it. Tables made here, shares worked out by hand.
"""

from __future__ import annotations

import pandas as pd

from pipelines.core.disclosure import Policy, protect
from pipelines.sections.leavers.exit_interviews import ratings_title

PUBLIC = Policy("public", 5)
COLUMNS = ["Aspect of employment", "Excellent", "Good", "Average", "Poor", "Answered"]


def aspects(rows) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=COLUMNS)
    df["Good or excellent (%)"] = 100 * (df["Excellent"] + df["Good"]) / df["Answered"]
    return df


def test_a_hidden_lowest_share_is_not_named_the_lowest_shown_is_as_such():
    table = aspects(
        [
            ("Job security", 2, 2, 8, 1, 13),  # 4 of 13 = 30.8%: counts under 5, hidden
            ("Workload", 10, 10, 5, 5, 30),  # 20 of 30 = 66.7%
            ("Pay", 20, 5, 5, 0, 30),  # 25 of 30 = 83.3%
        ]
    )
    shown = protect(table, pol=PUBLIC).shown
    assert shown["Good or excellent (%)"].iloc[0] == "[c]"
    # of the two shares published, good or excellent 20 + 25 = 45 of 60 ratings: most
    assert ratings_title(table, PUBLIC, shown=shown) == (
        "Most ratings were good or excellent for the 2 aspects whose share is shown; workload "
        "had the lowest share shown (66.7%)"
    )
    # the members' version names the lowest, with its share
    assert ratings_title(table, Policy("exempt", 5)) == (
        "Most ratings were good or excellent; job security had the lowest share (30.8%)"
    )


def test_when_the_lowest_share_is_published_it_is_named_with_it():
    table = aspects([("Workload", 10, 10, 5, 5, 30), ("Pay", 20, 5, 5, 0, 30)])
    shown = protect(table, pol=PUBLIC).shown
    assert ratings_title(table, PUBLIC, shown=shown) == (
        "Most ratings were good or excellent; workload had the lowest share (66.7%)"
    )


def test_when_every_share_is_hidden_no_aspect_is_named_and_no_finding_stated():
    """reader12 (Luton 21 September, p5): "Most ratings were good or excellent" over a chart
    whose every public share was [c]: the title states only what the published rows show."""
    table = aspects([("Job security", 2, 2, 8, 1, 13), ("Workload", 5, 3, 3, 2, 13)])
    shown = protect(table, pol=PUBLIC).shown
    assert (shown["Good or excellent (%)"] == "[c]").all()
    title = ratings_title(table, PUBLIC, shown=shown)
    assert title == (
        "How leavers rated each aspect of employment; no share can be shown, as the groups are "
        "small"
    )
    assert "job security" not in title.lower() and "workload" not in title.lower()
    # a survey where most ratings are good or excellent (3 + 3 of 8, 2 + 3 of 7 ratings), every
    # share hidden: the title does not say so either
    most = aspects([("Job security", 3, 3, 1, 1, 8), ("Workload", 2, 3, 1, 1, 7)])
    shown = protect(most, pol=PUBLIC).shown
    assert (shown["Good or excellent (%)"] == "[c]").all()
    said = ratings_title(most, PUBLIC, shown=shown)
    assert "good or excellent" not in said and said == title
    # the members' version states it: 11 of 15 ratings
    assert ratings_title(most, Policy("exempt", 5)).startswith(
        "Most ratings were good or excellent;"
    )


def test_one_share_shown_is_named_once_with_its_aspect():
    table = aspects([("Job security", 2, 2, 8, 1, 13), ("Pay", 20, 5, 5, 0, 30)])
    shown = protect(table, pol=PUBLIC).shown
    assert list(shown["Good or excellent (%)"] == "[c]") == [True, False]
    # 25 of 30 ratings of pay good or excellent: 83.3%
    assert ratings_title(table, PUBLIC, shown=shown) == (
        "Most ratings were good or excellent for pay, the one aspect whose share is shown (83.3%)"
    )
