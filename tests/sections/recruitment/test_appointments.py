# ruff: noqa: E501  (the hand-worked applications read best one per line)
"""Appointments, the newly qualified intake, pooled time to hire and the public campaign funnel,
on applications made here with every figure worked by hand."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.core.config import load_review
from pipelines.core.disclosure import Policy
from pipelines.core.results import FramesContext
from pipelines.sections import initiatives as it
from pipelines.sections.recruitment import analysis as ra
from pipelines.sections.recruitment import funnel_tables as rf
from pipelines.sections.recruitment import result as rr
from tests.conftest import examples

CSC = "Children's Social Care"


def apps(rows):
    """Applications from tuples (campaign, route, experience, applied, offered, accepted,
    declined, started, withdrawn)."""
    cols = ["campaign", "route", "experience", "applied_date", "offered_date", "accepted_date",
            "declined_date", "started_date", "withdrawn_date"]  # fmt: skip
    df = pd.DataFrame(rows, columns=cols)
    for c in cols[3:]:
        df[c] = pd.to_datetime(df[c])
    df["shortlisted_date"] = df["offered_date"]
    df["interviewed_date"] = pd.NaT
    df["service"] = CSC
    df["job_title"] = "Social Worker"
    df["reason"] = None
    return df


#: Campaign K, by hand: K1 started (in post); K2 accepted, then withdrew (not appointed); K3
#: accepted, not started (in checks); K4 declined; K5 not offered. Appointed: 2 (1 + 1); the
#: funnel's accepted stage: 3 (K1, K2, K3).
K = apps(
    [
        ("K", "Job board", "Experienced", "2016-01-04", "2016-01-20", "2016-01-22", None, "2016-03-01", None),
        ("K", "Job board", "Experienced", "2016-01-05", "2016-01-20", "2016-01-22", None, None, "2016-02-10"),
        ("K", "Job board", "Experienced", "2016-01-06", "2016-01-20", "2016-01-25", None, None, None),
        ("K", "Job board", "Experienced", "2016-01-07", "2016-01-20", None, "2016-01-27", None, None),
        ("K", "Job board", "Experienced", "2016-01-08", None, None, None, None, None),
    ]
)  # fmt: skip


def test_an_offer_accepted_then_withdrawn_is_no_appointment():
    assert ra.appointed(K).tolist() == [True, False, True, False, False]
    assert ra.appointments(K) == {"in_post": 1, "in_checks": 1, "appointed": 2}
    assert int(ra.reached(K)["accepted"].sum()) == 3  # the funnel's stage still counts K2


def test_the_register_and_the_campaigns_table_count_the_same_appointments():
    cfg = load_review("luton-sw-2016")
    row = ra.campaign_rows([{"name": "K drive", "campaign": "K", "target": 4}], K).iloc[0]
    assert row[["in_post", "in_checks", "appointed", "still_to_appoint"]].tolist() == [1, 1, 2, 2]
    said = it.measure_text("appointments", {"services": [CSC], "campaigns": ["K"]},
                           {"recruitment": K}, cfg)  # fmt: skip
    assert said.startswith("2 appointments (offer accepted) in")


#: Newly qualified applications, by hand, for a plan from 1 January to 30 June 2016:
#: N1 started and N2 accepted (in post 1, in checks 1); N3 accepted then withdrew and N4
#: declined (not appointed); N5 started but applied before the plan's window; E1 is experienced.
NQ = apps(
    [
        ("NQ", "University", "Newly qualified", "2016-02-01", "2016-02-20", "2016-02-22", None, "2016-06-01", None),
        ("NQ", "University", "Newly qualified", "2016-03-01", "2016-03-20", "2016-03-22", None, None, None),
        ("NQ", "University", "Newly qualified", "2016-03-02", "2016-03-20", "2016-03-22", None, None, "2016-04-01"),
        ("NQ", "University", "Newly qualified", "2016-03-03", "2016-03-20", None, "2016-03-25", None, None),
        ("NQ", "University", "Newly qualified", "2015-12-01", "2015-12-20", "2015-12-22", None, "2016-02-01", None),
        ("NQ", "Job board", "Experienced", "2016-02-01", "2016-02-20", "2016-02-22", None, "2016-05-01", None),
    ]
)  # fmt: skip


def test_newly_qualified_appointed_count_worked_by_hand():
    got = ra.newly_qualified_intake(NQ, dt.date(2016, 1, 1), dt.date(2016, 6, 30))
    assert got == {"in_post": 1, "in_checks": 1, "appointed": 2}
    cfg = load_review("luton-sw-2016")
    params = {"newly_qualified_plan": 5, "newly_qualified_from": "2016-01-01",
              "newly_qualified_by": "2016-06-30", "newly_qualified_source": "Plan (test)",
              "newly_qualified_source_date": "2015-12-01"}  # fmt: skip
    result = rr.build(FramesContext(cfg, "2016-09-21", {"recruitment": NQ}), params)
    row = result.tables["newly_qualified"].frame.iloc[0]
    assert row[["planned", "in_post", "in_checks", "appointed", "still_to_appoint"]].tolist() == [
        5, 1, 1, 2, 3,
    ]  # fmt: skip
    assert row["by"] == "30 June 2016"
    fig = result.figure("newly_qualified_intake")
    assert (fig.value, fig.comparators["target"]) == (2, 5)
    assert "Newly qualified social workers: 2 appointed against a plan of 5 by 30 June 2016." in (
        rr.findings(result)
    )


def starters(days_by_route: dict[str, list[int]]) -> pd.DataFrame:
    """Starters who applied on 1 January 2016 and started ``days`` later, by route."""
    applied = pd.Timestamp("2016-01-01")
    rows = [
        (r, applied, applied + pd.Timedelta(days=d)) for r, ds in days_by_route.items() for d in ds
    ]
    return pd.DataFrame(rows, columns=["route", "applied_date", "started_date"])


def test_time_to_hire_pools_routes_too_small_for_a_statistic_and_recomputes_their_median():
    """Threshold 5: a median or quartile needs 10 starters (smallest_statistic_group)."""
    s = starters(
        {
            "A": list(range(10, 130, 10)),  # 12 starters: 10, 20, ..., 120 days
            "B": [40, 50, 60, 70, 80, 90],  # 6: its quartiles would be its people's days
            "C": [100, 200, 300, 400, 500],  # 5
        }
    )
    t = ra.time_to_hire_merged(s, 5)
    assert t["route"].tolist() == [ra.ALL, "A", ra.OTHER_ROUTES]
    rows = t.set_index("route")[
        ["starters", "median_days", "lower_quartile_days", "upper_quartile_days"]
    ]
    # All 23 sorted: the 12th is 80; positions 5.5 (50, 50) and 16.5 (100, 110).
    assert rows.loc[ra.ALL].tolist() == [23, 80, 50, 105]
    # A: position 5.5 of 12 (60, 70); 2.75 (30 + 0.75 x 10); 8.25 (90 + 0.25 x 10).
    assert rows.loc["A"].tolist() == [12, 65, 37.5, 92.5]
    # B and C pooled (11): the 6th is 90; positions 2.5 (60, 70) and 7.5 (200, 300).
    assert rows.loc[ra.OTHER_ROUTES].tolist() == [11, 90, 65, 250]
    # The table for the exempt appendix keeps every route.
    assert ra.time_to_hire(s)["route"].tolist() == [ra.ALL, "A", "B", "C"]


def test_no_statistic_of_fewer_starters_than_the_smallest_group_is_published():
    """5 starters in all (84, 69, 92 and 30, 50 days): no median or quartile, only the count."""
    s = starters({"Recruitment partner": [84, 69, 92], "Job board": [30, 50]})
    t = ra.time_to_hire_merged(s, 5)
    assert t["route"].tolist() == [ra.ALL]
    assert t["starters"].tolist() == [5]
    assert t[list(ra.TIME_STATISTICS)].isna().all(axis=None)
    # The figure read from the full table is withheld in public for the same reason.
    from pipelines.core.disclosure import figure_is_disclosive
    from pipelines.core.figures import Kind

    assert figure_is_disclosive(Kind.DAYS, 69.0, None, 5.0, 5)
    assert not figure_is_disclosive(Kind.DAYS, 69.0, None, 10.0, 5)
    assert not figure_is_disclosive(Kind.DAYS, 365.0, None, None, 5)  # days in a period


def test_the_public_campaign_funnel_merges_small_campaigns_under_their_names():
    """X 6 and Y 5 applications; Z 2 and W 3 (below 5) add up to 5: one "Other campaigns" row."""
    rows = []
    for campaign, n, offered in (("X", 6, 2), ("Y", 5, 1), ("Z", 2, 1), ("W", 3, 0)):
        for i in range(n):
            off = "2016-02-01" if i < offered else None
            rows.append(
                (campaign, "Job board", "Experienced", "2016-01-10", off, None, None, None, None)
            )
    frame = apps(rows)
    cfg = load_review("luton-sw-2016")
    result = rr.build(FramesContext(cfg, "2016-09-21", {"recruitment": frame}),
                      {"campaigns": [{"name": "Zed drive", "campaign": "Z"}]})  # fmt: skip
    full = rr.for_audience(result, "funnel_campaign", Policy("exempt", 5)).frame
    # named as the review names it, else said from its applications (reader11: no bare code)
    said = {c: f"{c}: Social Worker posts, experienced applicants" for c in "XYW"}
    assert full["campaign"].tolist() == [said["X"], said["Y"], said["W"], "Zed drive"]
    public = rr.for_audience(result, "funnel_campaign", Policy("public", 5))
    assert public.name == "funnel_campaign"
    table = public.frame
    assert table["campaign"].tolist() == [said["X"], said["Y"], rf.OTHER_CAMPAIGNS]
    assert table["applications"].tolist() == [6, 5, 5]
    assert table["offered"].tolist() == [2, 1, 1]
    other = table.iloc[2]
    assert other["offered_pct"] == pytest.approx(100 * 1 / 1)  # shortlisted = offered here
    assert other["shortlisted_pct"] == pytest.approx(100 * 1 / 5)


def test_starters_from_outside_leave_out_agency_workers_appointed():
    s = pd.DataFrame(
        {
            "service": [CSC, CSC, CSC, "Adult Social Care"],
            "route": [
                "Job board",
                ra.AGENCY_CONVERSION,
                "Step Up to Social Work",
                ra.AGENCY_CONVERSION,
            ],
        }
    )
    t = ra.starters_a_year(
        s, [CSC, "Adult Social Care"], dt.date(2016, 1, 1), dt.date(2016, 12, 31)
    )
    # 2016 has 366 days: 3 children's starters, 2 of them from outside.
    assert t[["starters", "agency_conversions", "from_outside", "days"]].values.tolist() == [
        [3, 1, 2, 366],
        [1, 1, 0, 366],
    ]
    assert t["outside_per_year"].tolist() == pytest.approx([2 * 365.25 / 366, 0.0])
    assert t["per_year"].tolist() == pytest.approx([3 * 365.25 / 366, 365.25 / 366])


@st.composite
def an_application(draw):
    """One application reaching a drawn stage; an accepted one may start or withdraw."""
    applied = pd.Timestamp("2016-01-01") + pd.Timedelta(days=draw(st.integers(0, 200)))
    day = lambda n: applied + pd.Timedelta(days=n)  # noqa: E731
    stage = draw(
        st.sampled_from(["open", "offered", "declined", "accepted", "started", "withdrew"])
    )
    offered = day(10) if stage != "open" else None
    accepted = day(12) if stage in ("accepted", "started", "withdrew") else None
    declined = day(12) if stage == "declined" else None
    started = day(60) if stage == "started" else None
    withdrawn = day(20) if stage == "withdrew" else None
    campaign = draw(st.sampled_from(["K", "L"]))
    experience = draw(st.sampled_from(["Newly qualified", "Experienced"]))
    return (
        campaign,
        "Job board",
        experience,
        applied,
        offered,
        accepted,
        declined,
        started,
        withdrawn,
    )


@settings(max_examples=examples(60), deadline=None)
@given(st.lists(an_application(), min_size=1, max_size=30))
def test_every_count_of_appointments_is_the_one_definition(rows):
    frame = apps(rows)
    cfg = load_review("luton-sw-2016")
    for campaign in ("K", "L"):
        mine = frame[frame["campaign"] == campaign]
        expected = sum(1 for r in rows if r[0] == campaign and r[5] is not None and r[8] is None)
        row = ra.campaign_rows([{"name": campaign, "campaign": campaign}], frame).iloc[0]
        assert row["appointed"] == expected == row["in_post"] + row["in_checks"]
        assert row["appointed"] <= int(ra.reached(mine)["accepted"].sum())
        said = it.measure_text("appointments", {"services": [CSC], "campaigns": [campaign]},
                               {"recruitment": frame}, cfg)  # fmt: skip
        assert said.startswith(f"{expected} appointments (offer accepted) in")
    nq = ra.newly_qualified_intake(frame, dt.date(2016, 1, 1), dt.date(2016, 12, 31))
    assert nq["appointed"] == sum(
        1 for r in rows if r[2] == "Newly qualified" and r[5] is not None and r[8] is None
    )
