"""A target's dates (issue 22, points 1 and 3): the deadline the scorecard waits for, and the
day it was set, before which no period is measured against it."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from pipelines.core.review_targets import as_date, target_dates, target_measurable
from pipelines.sections.recruitment.parameters import RecruitmentParameters


@given(set_on=st.dates(), end=st.dates())
def test_a_period_is_measured_only_against_a_target_set_before_it_ended(set_on, end):
    assert target_measurable(set_on, end) == (set_on < end)
    assert target_measurable(set_on.isoformat(), end.isoformat()) == (set_on < end)


def test_an_unknown_date_does_not_stop_a_measure():
    assert target_measurable(None, dt.date(2016, 8, 31))
    assert target_measurable("end of April", "2016-08-31")
    assert as_date("30/04/2017") is None and as_date("2017-04-30") == dt.date(2017, 4, 30)


def test_the_latest_deadline_and_day_set_are_the_figures_notes():
    notes = target_dates(["2017-04-30", "end of June", dt.date(2017, 3, 31)], ["2016-09-21", ""])
    assert notes == {"due": "2017-04-30", "target_set": "2016-09-21"}
    assert target_dates(["soon"], [None]) == {}


def test_the_campaigns_and_plan_dates_come_from_the_parameters():
    p = RecruitmentParameters(
        campaigns=[
            {"name": "Step Up", "target": 7, "deadline": "2017-04-30"},
            {"name": "Agency", "target": 12, "deadline": "2017-09-30", "source_date": "2017-01-10"},
            {"name": "Other", "target": 3, "deadline": "2018-01-31"},
        ],
        campaigns_source="Item 6 report",
        campaigns_source_date="2016-09-21",
        newly_qualified_by="2017-08-31",
        newly_qualified_source_date="2016-07-01",
    )
    # only the campaigns named (those the figure sums): the latest of each date; the day set
    # only of those the export counts over the period (typed-in figures are as of their paper)
    both = ["Step Up", "Agency"]
    assert p.campaign_dates(both, both) == {"due": "2017-09-30", "target_set": "2017-01-10"}
    assert p.campaign_dates(both, ["Step Up"]) == {"due": "2017-09-30", "target_set": "2016-09-21"}
    assert p.campaign_dates(["Step Up"], []) == {"due": "2017-04-30"}
    assert p.plan_dates(dt.date(2016, 8, 31)) == {"due": "2017-08-31", "target_set": "2016-07-01"}
    bare = RecruitmentParameters()
    assert bare.plan_dates(dt.date(2016, 8, 31)) == {"due": "2016-08-31"}


def test_the_chapter_sentence_does_not_measure_a_period_against_a_later_target():
    from pipelines.core.figures import Figure, Kind
    from pipelines.sections.recruitment.text import campaigns_sentence

    fig = Figure(
        key="recruitment_appointments_against_target",
        label="Campaigns with a target",
        value=0.0,
        kind=Kind.PEOPLE,
        denominator=7.0,
        source="Recruitment export",
        period="1 September 2015 to 31 August 2016",
        as_at=dt.date(2016, 8, 31),
        section="15_recruitment",
        notes={"campaigns": "Step Up: 0 of 7 by 30 April 2017", "due": "2017-04-30",
               "target_set": "2016-09-21"},
    )  # fmt: skip
    assert campaigns_sentence(fig) == (
        "Campaigns with a target: 0 appointed so far; their targets, 7 in all, due by 30 April "
        "2017, were set after the period counted, so it is not measured against them."
    )
    before = fig.model_copy(update={"notes": {**fig.notes, "target_set": "2016-01-15"}})
    assert campaigns_sentence(before) == (
        "Campaigns with a target: 0 appointed against targets adding up to 7: Step Up: 0 of 7 "
        "by 30 April 2017."
    )
