# ruff: noqa: E501  (the hand-worked applications read best one per line)
"""The recruitment section's analysis on data made here, with figures worked by hand."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.sections.recruitment import analysis as ra
from tests.conftest import examples

D = pd.Timestamp
NAT = pd.NaT


def apps(rows):
    """Applications from tuples (route, applied, shortlisted, offered, accepted, declined,
    started, withdrawn, reason)."""
    cols = ["route", "applied_date", "shortlisted_date", "offered_date", "accepted_date",
            "declined_date", "started_date", "withdrawn_date", "reason"]  # fmt: skip
    df = pd.DataFrame(rows, columns=cols)
    for c in cols[1:-1]:
        df[c] = pd.to_datetime(df[c])
    df["interviewed_date"] = pd.NaT
    df["campaign"] = "C1"
    df["service"] = "Children's Social Care"
    df["experience"] = "Experienced"
    return df


#: Ten applications worked by hand:
#:   Microsite (6): all applied; 4 shortlisted (one of them only has an offer date, so it counts
#:   as shortlisted too); 3 offered; 2 accepted; 1 started; 1 declined (Pay); 1 withdrew before
#:   an offer (Personal circumstances).
#:   Job board (4): 2 shortlisted, 2 offered, 2 accepted, 2 started.
HAND = apps(
    [
        ("Microsite", "2016-01-04", "2016-01-11", "2016-01-20", "2016-01-22", None, "2016-03-01", None, None),
        ("Microsite", "2016-01-05", "2016-01-11", "2016-01-20", "2016-01-25", None, None, None, None),
        ("Microsite", "2016-01-06", None, "2016-01-20", None, "2016-01-27", None, None, "Pay"),
        ("Microsite", "2016-01-07", "2016-01-11", None, None, None, None, None, None),
        ("Microsite", "2016-01-08", None, None, None, None, None, "2016-01-15", "Personal circumstances"),
        ("Microsite", "2016-01-09", None, None, None, None, None, None, None),
        ("Job board", "2016-02-01", "2016-02-08", "2016-02-15", "2016-02-16", None, "2016-04-01", None, None),
        ("Job board", "2016-02-02", "2016-02-08", "2016-02-15", "2016-02-16", None, "2016-05-02", None, None),
        ("Job board", "2016-02-03", None, None, None, None, None, None, None),
        ("Job board", "2016-02-04", None, None, None, None, None, None, None),
    ]
)  # fmt: skip


def test_funnel_by_route_counts_each_stage_and_converts_from_the_stage_before():
    table = ra.funnel(HAND, "route").set_index("route")
    micro, board = table.loc["Microsite"], table.loc["Job board"]
    assert micro[list(ra.STAGES)].tolist() == [6, 4, 3, 2, 1]
    assert board[list(ra.STAGES)].tolist() == [4, 2, 2, 2, 2]
    assert micro["shortlisted_pct"] == pytest.approx(100 * 4 / 6)
    assert micro["offered_pct"] == pytest.approx(100 * 3 / 4)
    assert micro["accepted_pct"] == pytest.approx(100 * 2 / 3)
    assert micro["started_pct"] == pytest.approx(50.0)
    assert board["offered_pct"] == 100.0 and board["started_pct"] == 100.0
    assert list(table.index) == ["Microsite", "Job board"]  # most applications first


def test_overall_stage_table():
    t = ra.stage_table(HAND).set_index("stage")
    assert t["applications"].tolist() == [10, 6, 5, 4, 3]
    assert t["pct_previous"].tolist() == pytest.approx([100, 60, 100 * 5 / 6, 80, 75])
    assert t["pct_applications"].tolist() == pytest.approx([100, 60, 50, 40, 30])


def test_time_to_hire_median_and_quartiles_by_hand():
    # Starters: Microsite 4 Jan -> 1 Mar 2016 = 57 days; Job board 1 Feb -> 1 Apr = 60 days,
    # 2 Feb -> 2 May = 90 days. All: 57, 60, 90: median 60, quartiles 58.5 and 75.
    starters = HAND[HAND["started_date"].notna()]
    t = ra.time_to_hire(starters).set_index("route")
    assert t.loc[ra.ALL, "starters"] == 3
    assert t.loc[
        ra.ALL, ["median_days", "lower_quartile_days", "upper_quartile_days"]
    ].tolist() == [60, 58.5, 75]
    assert t.loc["Job board", ["starters", "median_days"]].tolist() == [2, 75]
    assert t.loc["Microsite", "median_days"] == 57
    assert list(t.index) == [ra.ALL, "Job board", "Microsite"]


def test_declines_and_withdrawals_by_reason():
    t = ra.declines_and_withdrawals(HAND)
    assert t.to_dict("list") == {
        "reason": ["Pay", "Personal circumstances"],
        "declined": [1, 0],
        "withdrawn": [0, 1],
        "total": [1, 1],
    }


def test_starters_a_year_scales_a_part_year_period():
    starters = HAND[HAND["started_date"].notna()]
    t = ra.starters_a_year(starters, ["Children's Social Care", "Adult Social Care"],
                           dt.date(2016, 1, 1), dt.date(2016, 6, 30))  # fmt: skip
    # 3 starters in 182 days (1 January to 30 June 2016 inclusive): 3 x 365.25 / 182 a year.
    assert t["days"].tolist() == [182, 182]
    assert t["per_year"].tolist() == pytest.approx([3 * 365.25 / 182, 0.0])


def test_campaigns_from_the_export_and_typed_in():
    campaigns = [
        {"name": "Microsite drive", "route": "Microsite", "target": 4, "deadline": "2016-06-30",
         "cost": 1200},
        {"name": "Agency conversion", "target": 15, "in_post": 4, "in_checks": 7},
    ]  # fmt: skip
    t = ra.campaign_rows(campaigns, HAND)
    first = t.iloc[0]
    # Microsite: 1 started (in post), 1 accepted not started (in checks): 2 appointed of 4.
    assert first[["applications", "in_post", "in_checks", "appointed", "target"]].tolist() == [
        6,
        1,
        1,
        2,
        4,
    ]
    assert first["share_of_target"] == 50.0 and first["still_to_appoint"] == 2
    assert first["deadline"] == "30 June 2016" and first["figures_from"] == "recruitment system"
    typed = ra.campaign_rows(campaigns[1:], None).iloc[0]
    assert typed[["in_post", "in_checks", "appointed", "target"]].tolist() == [4, 7, 11, 15]
    assert typed["share_of_target"] == pytest.approx(100 * 11 / 15)
    assert typed["figures_from"] == "typed in"
    cost = ra.cost_per_hire(campaigns, t)
    assert cost[["cost", "hires", "cost_per_hire", "cost_per_application"]].iloc[0].tolist() == [
        1200,
        2,
        600,
        200,
    ]


def test_merge_small_routes_keeps_totals_and_recomputes_conversions():
    table = ra.funnel(HAND.assign(route=["A"] * 6 + ["B", "B", "C", "D"]), "route")
    # B (2), C (1) and D (1) are below 4 and add up to 4: merged; A (6) stays.
    merged = ra.merge_small(table, "route", "applications", 4, ra.OTHER_ROUTES)
    assert merged["route"].tolist() == ["A", ra.OTHER_ROUTES]
    other = merged.iloc[1]
    assert other[list(ra.STAGES)].tolist() == [4, 2, 2, 2, 2]
    assert other["offered_pct"] == 100.0
    assert merged[list(ra.STAGES)].sum().tolist() == table[list(ra.STAGES)].sum().tolist()
    # At 5 the small routes add up to 4 only, so the smallest other route (A) joins them.
    everything = ra.merge_small(table, "route", "applications", 5, ra.OTHER_ROUTES)
    assert everything["route"].tolist() == [ra.OTHER_ROUTES]
    assert ra.small_groups(pd.Series({"x": 1, "y": 9, "z": 7}), 5) == ["x", "z"]
    assert ra.small_groups(pd.Series({"x": 6, "y": 9}), 5) == []


day = st.integers(min_value=0, max_value=400)


@st.composite
def application(draw):
    """An application whose stage dates are in order (as validation guarantees)."""
    applied = dt.date(2015, 9, 1) + dt.timedelta(days=draw(day))
    stage = draw(st.integers(0, 5))  # 0 applied ... 4 accepted, 5 started
    gaps = [dt.timedelta(days=draw(st.integers(0, 30))) for _ in range(4)]
    dates = [applied]
    for g in gaps:
        dates.append(dates[-1] + g)
    short = dates[1] if stage >= 1 and draw(st.booleans()) else None
    offered = dates[2] if stage >= 2 else None
    accepted = dates[3] if stage >= 3 else None
    started = dates[4] if stage >= 5 else None
    route = draw(st.sampled_from(["A", "B", "C"]))
    return (route, applied, short, offered, accepted, None, started, None, None)


@settings(max_examples=examples(60), deadline=None)
@given(st.lists(application(), min_size=1, max_size=40))
def test_every_funnel_narrows_and_totals_add_up(rows):
    df = apps(rows)
    table = ra.funnel(df, "route")
    counts = table[list(ra.STAGES)].to_numpy()
    assert (np.diff(counts, axis=1) <= 0).all()
    assert counts[:, 0].sum() == len(df)
    pct = table[list(ra.CONVERSIONS)].to_numpy()
    assert np.all((np.isnan(pct)) | ((pct >= 0) & (pct <= 100)))
    merged = ra.merge_small(table, "route", "applications", 5, ra.OTHER_ROUTES)
    assert merged["applications"].sum() == len(df)
    assert (merged["applications"] >= 5).all() or len(merged) == 1
    starters = df[df["started_date"].notna()]
    if len(starters):
        t = ra.time_to_hire(starters).iloc[0]
        assert t["lower_quartile_days"] <= t["median_days"] <= t["upper_quartile_days"]
        assert t["starters"] == len(starters)
