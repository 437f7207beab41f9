"""Stock-flow projection: FTE conserved, a quarter worked by hand, rates and costs."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.sections.retention import projection as pj
from tests.conftest import examples


def test_one_quarter_by_hand():
    # E 100, P 60, A 30: vacant 40, unfilled 10, agency covers 30/40 = 3/4 of vacancies.
    # leavers = 60 x 0.2 / 4 = 3; starters = 20 a year / 4 = 5; appointed from agency =
    # 12 a year / 4 = 3. P' = 60 - 3 + 5 + 3 = 65; A' = 3/4 x (100 - 65) = 26.25; U' = 8.75.
    start = pj.State(100, 60, 30)
    table = pj.project(start, pj.Rates(leaving=0.2, starting=20, converting=12), quarters=1)
    q1 = table.iloc[1]
    assert (q1["leavers"], q1["starters"], q1["conversions"]) == (3, 5, 3)
    assert q1["permanent"] == 65 and q1["agency"] == 26.25
    assert math.isclose(q1["unfilled"], 8.75) and q1["vacant"] == 35
    assert table.iloc[0]["permanent"] == 60 and table.iloc[0]["agency"] == 30


@settings(max_examples=examples(200), deadline=None)
@given(
    e=st.floats(1, 500),
    p_share=st.floats(0, 1),
    a_share=st.floats(0, 1),
    leaving=st.floats(0, 2),
    starting=st.floats(0, 400),
    converting=st.floats(0, 400),
    quarters=st.integers(1, 12),
)
def test_fte_is_conserved_and_never_negative(
    e, p_share, a_share, leaving, starting, converting, quarters
):
    p = e * p_share
    a = (e - p) * a_share
    table = pj.project(pj.State(e, p, a), pj.Rates(leaving, starting, converting), quarters)
    assert pj.conserved(table, tol=1e-6 * e)
    for col in ("permanent", "agency", "unfilled", "vacant"):
        assert (table[col] >= -1e-9 * e).all(), col
    assert (table["permanent"] <= e + 1e-9).all()


def test_conserved_detects_a_broken_row():
    table = pd.DataFrame(
        {"permanent": [60.0], "agency": [30.0], "unfilled": [5.0], "establishment": [100.0]}
    )
    assert not pj.conserved(table)


def test_rates_measured_from_spells_by_hand():
    window, as_at = pd.Timestamp("2015-09-01"), pd.Timestamp("2016-08-31")
    years = (as_at - window).days / 365.25
    spells = pd.DataFrame(
        {
            "service": ["A"] * 4,
            "fte": [1.0, 0.5, 1.0, 1.0],
            "entry": [1.0, 0.0, 0.0, 2.0],
            "duration": [2.0, 0.5, 0.25, 2.0 + years],
            "event": [1, 0, 1, 0],
            "start_date": pd.to_datetime(["2014-09-01", "2016-03-01", "2016-01-01", "2013-09-01"]),
            "from_agency": [False, True, False, False],
        }
    )
    r = pj.measure_rates(spells, "A", window, as_at)
    exposure = 1.0 * 1.0 + 0.5 * 0.5 + 1.0 * 0.25 + 1.0 * years
    assert math.isclose(r.leaving, 2.0 / exposure)
    assert math.isclose(r.starting, 1.0 / years)  # one starter from outside, 1 FTE
    assert math.isclose(r.converting, 0.5 / years)  # one from agency, 0.5 FTE
    assert math.isclose(r.exposure, exposure)  # leavers are full-time: FTE-years = years
    assert (r.leavers, r.starters, r.conversions) == (2, 1, 1)


def test_scenario_start_and_cost_difference():
    s = pj.scenario_start(pj.State(100, 60, 30), convert=40, extra_posts=5)
    assert s == pj.State(105, 90, 0)  # at most the agency FTE is converted
    base = pd.DataFrame({"agency": [30, 30, 30, 30], "permanent": [60, 60, 60, 60]})
    other = pd.DataFrame({"agency": [28, 28, 26, 26], "permanent": [62, 62, 64, 64]})
    # last 2 quarters: agency -4 FTE, permanent +4 FTE; 4 x (40,000 - 60,000) - 1,000
    cost = pj.annual_cost_difference(other, base, 60_000, 40_000, last=2, direct=-1_000)
    assert cost == -4 * 60_000 + 4 * 40_000 - 1_000


def test_intervals_contain_the_central_projection():
    start = pj.State(100, 60, 30)
    rates = pj.Rates(0.3, 24, 3, leavers=18, starters=24, conversions=3, exposure=60, years=1)
    central = pj.project(start, rates, 8)
    ci = pj.intervals(start, rates, 8, draws=400)
    assert (ci["agency_low"] <= central["agency"] + 1e-9).all()
    assert (central["agency"] <= ci["agency_high"] + 1e-9).all()
    assert ci["agency_high"].iloc[-1] > ci["agency_low"].iloc[-1]


def test_starters_and_appointments_fill_only_vacant_posts():
    # E 10, P 9, A 1: leavers 9 x 0.4 / 4 = 0.9, so 1.9 posts are vacant after them; 40
    # starters a year would bring 10 a quarter: only 1.9 join, and no agency worker is appointed.
    table = pj.project(pj.State(10, 9, 1), pj.Rates(0.4, 40, 8), quarters=1)
    q1 = table.iloc[1]
    assert math.isclose(q1["starters"], 1.9) and q1["conversions"] == 0
    assert math.isclose(q1["permanent"], 10) and math.isclose(q1["agency"], 0)


def test_extra_posts_are_covered_like_other_vacancies_when_the_cover_share_is_kept():
    base = pj.State(100, 60, 30)
    more = pj.scenario_start(base, extra_posts=4)
    kept = pj.project(more, pj.Rates(0.0, 0.0, 0.0), quarters=1, cover=pj.cover_share(base))
    assert math.isclose(kept.iloc[1]["agency"], 0.75 * 44)  # agency covers 3 of the 4 new posts


# ---- stock and flow: each quarter's FTE follow from the last quarter's and its flows ----------


def check_stock_flow(table: pd.DataFrame, tol: float = 1e-9) -> None:
    """Assert that every quarter of a projection follows from the one before through its flows.

    Permanent FTE = previous - leavers + starters + appointments from agency; agency FTE =
    previous - appointments + agency engaged - agency released; the establishment never
    changes; no stock or flow is negative. Columns: the projection's, or its table's labels.
    """
    prev = table.iloc[:-1].reset_index(drop=True)
    cur = table.iloc[1:].reset_index(drop=True)
    permanent = prev["permanent"] - cur["leavers"] + cur["starters"] + cur["conversions"]
    agency = prev["agency"] - cur["conversions"] + cur["agency_engaged"] - cur["agency_released"]
    assert np.allclose(cur["permanent"], permanent, rtol=0, atol=tol), (cur, permanent)
    assert np.allclose(cur["agency"], agency, rtol=0, atol=tol), (cur, agency)
    assert (table["establishment"] == table["establishment"].iloc[0]).all()
    for col in ("permanent", "agency", "unfilled", *pj.FLOWS):
        assert (table[col] >= -tol).all(), col
    # an agency worker appointed to a permanent post was one of last quarter's agency workers
    assert (cur["conversions"] <= prev["agency"] + tol).all()


def test_the_hand_worked_quarter_follows_from_its_flows():
    # E 100, P 60, A 30 (cover 3/4): leavers 3, starters 5, appointed 3 -> P' 65; the 27 agency
    # workers left after the appointments are cut to 3/4 x 35 = 26.25: 0.75 released.
    table = pj.project(pj.State(100, 60, 30), pj.Rates(0.2, 20, 12), quarters=1)
    q1 = table.iloc[1]
    assert (q1["agency_engaged"], q1["agency_released"]) == (0, 0.75)
    check_stock_flow(table)


def test_the_check_catches_a_quarter_whose_stock_does_not_follow_its_flows():
    table = pj.project(pj.State(100, 60, 30), pj.Rates(0.2, 20, 12), quarters=2)
    broken = table.copy()
    broken.loc[2, "permanent"] += 0.5  # half an FTE from nowhere
    with pytest.raises(AssertionError):
        check_stock_flow(broken)
    broken = table.copy()
    broken.loc[1, "agency_engaged"] += 1.0  # agency engaged that never arrived
    with pytest.raises(AssertionError):
        check_stock_flow(broken)


def test_a_short_first_quarter_takes_its_part_of_the_year():
    # 30 July to 30 September 2016 is 62 days: leavers = 40 x 0.3 x 62 / 365.25; starters 12 a
    # year -> 12 x 62 / 365.25.
    ends = pj.quarter_ends(pd.Timestamp("2016-07-30"), 2)
    assert [f"{d:%Y-%m-%d}" for d in ends] == ["2016-07-30", "2016-09-30", "2016-12-31"]
    lengths = pj.quarter_lengths(ends)
    assert math.isclose(lengths[0], 62 / 365.25) and math.isclose(lengths[1], 92 / 365.25)
    table = pj.project(pj.State(60, 40, 15), pj.Rates(0.3, 12, 0), 2, lengths=lengths)
    assert math.isclose(table.iloc[1]["leavers"], 40 * 0.3 * 62 / 365.25)
    assert math.isclose(table.iloc[1]["starters"], 12 * 62 / 365.25)
    check_stock_flow(table)


def test_quarter_ends_after_a_snapshot_on_a_quarter_end_start_at_the_next():
    ends = pj.quarter_ends(pd.Timestamp("2018-03-31"), 3)
    assert [f"{d:%d %b %Y}" for d in ends] == [
        "31 Mar 2018",
        "30 Jun 2018",
        "30 Sep 2018",
        "31 Dec 2018",
    ]


@settings(max_examples=examples(150), deadline=None)
@given(
    e=st.floats(1, 500),
    p_share=st.floats(0, 1),
    a_share=st.floats(0, 1),
    leaving=st.floats(0, 2),
    starting=st.floats(0, 400),
    converting=st.floats(0, 400),
    convert=st.floats(0, 50),
    extra=st.floats(0, 50),
    cover=st.none() | st.floats(0, 1),
    lengths=st.lists(st.floats(1 / 365.25, 0.25), min_size=1, max_size=12),
)
def test_every_quarter_follows_from_the_last_for_any_start_rates_and_scenario(
    e, p_share, a_share, leaving, starting, converting, convert, extra, cover, lengths
):
    p = e * p_share
    a = (e - p) * a_share
    start = pj.scenario_start(pj.State(e, p, a), convert=convert, extra_posts=extra)
    rates = pj.Rates(leaving, starting, converting)
    table = pj.project(start, rates, len(lengths), cover=cover, lengths=lengths)
    check_stock_flow(table, tol=1e-9 * (e + extra))
    assert (table["permanent"] <= table["establishment"] + 1e-9 * e).all()
    # leavers are the leaving rate on last quarter's permanent FTE, for the quarter's length
    prev, cur = table["permanent"].iloc[:-1].to_numpy(), table.iloc[1:]
    assert np.allclose(cur["leavers"], prev * leaving * np.array(lengths), atol=1e-9 * e)


@settings(max_examples=examples(25), deadline=None)
@given(
    leavers=st.integers(0, 40),
    starters=st.integers(0, 40),
    conversions=st.integers(0, 10),
    agency=st.floats(0, 40),
    lengths=st.sampled_from([None, [0.1, 0.25, 0.25, 0.25]]),
)
def test_intervals_are_the_percentiles_of_the_projection_of_each_draw(
    leavers, starters, conversions, agency, lengths
):
    """The intervals step the model once per draw without a table each time (for speed): the
    same numbers as :func:`project` run on each draw's rates, drawn in the same order."""
    from dataclasses import replace

    start = pj.State(100, 60, agency)
    rates = pj.Rates(
        0.3, 24, 3, leavers=leavers, starters=starters, conversions=conversions,
        exposure=60, years=1, starter_fte=0.9, conversion_fte=1.0,
    )  # fmt: skip
    quarters = 4
    rng = np.random.default_rng(7)
    runs_p, runs_a = [], []
    for _ in range(30):
        r = replace(
            rates,
            leaving=rng.gamma(rates.leavers + 0.5) / rates.exposure,
            starting=rng.gamma(rates.starters + 0.5) / rates.years * rates.starter_fte,
            converting=rng.gamma(rates.conversions + 0.5) / rates.years * rates.conversion_fte,
        )
        run = pj.project(start, r, quarters, pj.cover_share(start), lengths)
        runs_p.append(run["permanent"].to_numpy())
        runs_a.append(run["agency"].to_numpy())
    got = pj.intervals(start, rates, quarters, draws=30, seed=7, lengths=lengths)
    assert np.array_equal(got["permanent_low"], np.percentile(runs_p, 2.5, axis=0))
    assert np.array_equal(got["permanent_high"], np.percentile(runs_p, 97.5, axis=0))
    assert np.array_equal(got["agency_low"], np.percentile(runs_a, 2.5, axis=0))
    assert np.array_equal(got["agency_high"], np.percentile(runs_a, 97.5, axis=0))
