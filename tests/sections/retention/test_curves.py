"""Retention curves: spells with delayed entry, Kaplan-Meier by hand and against lifelines."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.sections.retention import analysis as ra
from tests.conftest import examples

Z = 1.959963984540054  # standard normal 97.5th percentile


def frame(rows):
    """Spells from (entry, duration, event, group) tuples."""
    return pd.DataFrame(rows, columns=["entry", "duration", "event", "group"])


HAND = frame(
    [
        (0.0, 1.0, 1, "x"),  # A: left at 1 year
        (0.0, 2.0, 0, "x"),  # B: in post at 2 years
        (0.5, 1.5, 1, "x"),  # C: observed from 0.5 years, left at 1.5
        (0.0, 3.0, 1, "x"),  # D: left at 3 years
        (1.2, 2.5, 0, "x"),  # E: observed from 1.2 years, in post at 2.5
    ]
)


def test_the_steps_stop_where_the_curve_reaches_zero():
    """Issue 22 (exempt appendix): a curve at 0.0% went on listing steps at 0.0% for people
    who came into view later and left later. Here: A leaves at 1 year with A and B followed
    (S = 1/2); B leaves at 2 (S = 0); C, followed only from 2.5 years, leaves at 3."""
    spells = frame([(0.0, 1.0, 1, "x"), (0.0, 2.0, 1, "x"), (2.5, 3.0, 1, "x")])
    table = ra.steps(spells, spells["group"])
    assert table["years"].tolist() == [1.0, 2.0]
    assert table["in_post"].tolist() == [50.0, 0.0]
    assert table["at_risk"].tolist() == [2, 1] and table["left"].tolist() == [1, 1]
    # a curve that reaches 0 only at its last leaving time keeps every step
    assert ra.steps(HAND, HAND["group"])["years"].tolist() == [1.0, 1.5, 3.0]


def test_kaplan_meier_with_delayed_entry_matches_the_hand_worked_example():
    # At 1.0: at risk A, B, C, D (E enters at 1.2): 4, one leaves -> S = 3/4.
    # At 1.5: at risk B, C, D, E: 4, one leaves -> S = 3/4 x 3/4 = 9/16.
    # At 3.0: at risk D only: S = 0; the median is 3.0 (first time S <= 1/2).
    table = ra.summary(HAND, HAND["group"])
    row = table.iloc[0]
    assert row["people"] == 5 and row["leavers"] == 3
    assert math.isclose(row["in_post_1y"], 75.0)
    assert math.isclose(row["in_post_2y"], 56.25)
    assert math.isclose(row["median_years"], 3.0)
    # Exponential Greenwood ("log(-log)") interval at 1 year, by hand:
    # var(log S) = d / (n (n - d)) = 1 / (4 x 3); s = sqrt(var) / |log S|;
    # limits S ** exp(+- z s).
    s = math.sqrt(1 / 12) / abs(math.log(0.75))
    assert math.isclose(row["low_1y"], 100 * 0.75 ** math.exp(Z * s), rel_tol=1e-6)
    assert math.isclose(row["high_1y"], 100 * 0.75 ** math.exp(-Z * s), rel_tol=1e-6)


def product_limit(data: pd.DataFrame, t: float) -> float:
    """Kaplan-Meier with delayed entry written out: at risk when entry < u <= duration."""
    s = 1.0
    for u in sorted(set(data.loc[data["event"] == 1, "duration"])):
        if u > t:
            break
        at_risk = ((data["entry"] < u) & (data["duration"] >= u)).sum()
        d = ((data["duration"] == u) & (data["event"] == 1)).sum()
        s *= 1 - d / at_risk
    return s


@st.composite
def cohorts(draw):
    n = draw(st.integers(8, 40))
    seed = draw(st.integers(0, 10_000))
    rng = np.random.default_rng(seed)
    entry = np.where(rng.uniform(size=n) < 0.6, 0.0, np.round(rng.uniform(0, 2, n), 2))
    duration = np.round(entry + rng.uniform(0.05, 4, n), 2)
    event = (rng.uniform(size=n) < 0.5).astype(int)
    # everyone observed from the start of the window at 0 (so the risk set never empties early)
    entry[: n // 2] = 0.0
    return frame([(e, d, v, "x") for e, d, v in zip(entry, duration, event, strict=True)])


@settings(max_examples=examples(40), deadline=None)
@given(cohorts())
def test_estimates_are_lifelines_and_the_product_limit_with_delayed_entry(data):
    from lifelines import KaplanMeierFitter

    kmf = KaplanMeierFitter().fit(data["duration"], data["event"], entry=data["entry"])
    table = ra.summary(data, data["group"])
    for t in (1.0, 2.0):
        if ra.at_risk(data, t) == 0:
            assert math.isnan(table.iloc[0][f"in_post_{t:g}y"])
            continue
        expected = float(kmf.survival_function_at_times(t).iloc[0])
        assert math.isclose(table.iloc[0][f"in_post_{t:g}y"], 100 * expected, abs_tol=1e-9)
        assert math.isclose(expected, product_limit(data, t), abs_tol=1e-9)
        if not ((data["event"] == 1) & (data["duration"] <= t)).any():
            assert math.isnan(table.iloc[0][f"low_{t:g}y"])  # no one left: no interval
            continue
        ci = kmf.confidence_interval_survival_function_
        low = ci.loc[ci.index <= t].iloc[-1, 0]
        assert math.isclose(table.iloc[0][f"low_{t:g}y"], 100 * low, abs_tol=1e-9)


def test_logrank_without_delayed_entry_is_lifelines_test():
    from lifelines.statistics import multivariate_logrank_test

    rng = np.random.default_rng(7)
    n = 60
    data = frame(
        [
            (
                0.0,
                float(np.round(rng.exponential(2 if i % 3 else 1), 2)) + 0.01,
                int(rng.uniform() < 0.7),
                "abc"[i % 3],
            )
            for i in range(n)
        ]
    )
    mine = ra.logrank(data, data["group"])
    theirs = multivariate_logrank_test(data["duration"], data["group"], data["event"])
    assert math.isclose(mine["statistic"], theirs.test_statistic, rel_tol=1e-9)
    assert math.isclose(mine["p_value"], theirs.p_value, rel_tol=1e-9)
    assert mine["df"] == 2


def test_logrank_with_delayed_entry_by_hand():
    # Two groups; events at 1 (group a) and 2 (group b).
    # t=1: at risk a: 2 (a1, a2), b: 2 (b1, b2 entered at 0.5) -> n 4, d 1, E_a = 1/2,
    #      V = 1 x 3/3 x 2/4 x 2/4 = 1/4.
    # t=2: at risk a: 1 (a2), b: 2 -> n 3, d 1, E_a = 1/3, V = 1 x 2/2 x 1/3 x 2/3 = 2/9.
    # O_a - E_a = 1 - 1/2 - 1/3 = 1/6; statistic = (1/6)^2 / (1/4 + 2/9).
    data = frame(
        [
            (0.0, 1.0, 1, "a"),
            (0.0, 3.0, 0, "a"),
            (0.0, 2.0, 1, "b"),
            (0.5, 3.0, 0, "b"),
        ]
    )
    stat = ra.logrank(data, data["group"])["statistic"]
    assert math.isclose(stat, (1 / 6) ** 2 / (1 / 4 + 2 / 9))


def test_spells_follow_each_person_once_from_the_window_or_their_start():
    window, as_at = pd.Timestamp("2015-09-01"), pd.Timestamp("2016-07-30")
    staff = pd.DataFrame(
        {
            "employee_ref": ["S1", "S2", "L3"],
            "service": ["A", "A", "A"],
            "job_title": ["Social Worker"] * 3,
            "fte": [1.0, 0.5, 1.0],
            "start_date": pd.to_datetime(["2010-01-01", "2016-01-01", "2014-01-01"]),
            "date_qualified": pd.to_datetime(["2005-06-01", "2015-06-01", None]),
            "from_agency": [False, True, False],
        }
    )
    leavers = pd.DataFrame(
        {
            "employee_ref": ["L1", "L2", "L3", "L4"],
            "service": ["A"] * 4,
            "job_title": ["Social Worker"] * 4,
            "fte": [1.0] * 4,
            "service_start_date": pd.to_datetime(
                ["2015-10-01", "2012-03-01", "2014-01-01", "2016-02-01"]
            ),
            # L2 left before the window; L3 after the snapshot and is in the staff list;
            # L4 after the snapshot and is not
            "leaving_date": pd.to_datetime(
                ["2016-04-01", "2015-06-30", "2016-08-15", "2016-08-20"]
            ),
        }
    )
    quals = pd.DataFrame({"employee_ref": ["L1"], "date_qualified": pd.to_datetime(["2012-01-01"])})
    out = ra.spells(staff, leavers, window, as_at, quals, newly_qualified_months=12).set_index(
        "employee_ref"
    )
    assert sorted(out.index) == ["L1", "L3", "L4", "S1", "S2"]
    days = 365.25
    s1 = out.loc["S1"]
    # observed from the start of the window's first day (the day before's end)
    opened = window - pd.Timedelta(days=1)
    assert math.isclose(s1["entry"], (opened - pd.Timestamp("2010-01-01")).days / days)
    assert math.isclose(s1["duration"], (as_at - pd.Timestamp("2010-01-01")).days / days)
    assert s1["event"] == 0 and s1["experience"] == ra.EXPERIENCED
    assert out.loc["S2", "entry"] == 0 and out.loc["S2", "experience"] == ra.NEWLY_QUALIFIED
    assert out.loc["L1", "event"] == 1 and out.loc["L1", "experience"] == ra.EXPERIENCED
    assert math.isclose(
        out.loc["L1", "duration"],
        (pd.Timestamp("2016-04-01") - pd.Timestamp("2015-10-01")).days / days,
    )
    assert out.loc["L3", "event"] == 0 and out.loc["L3", "experience"] == ra.NOT_KNOWN
    assert out.loc["L4", "event"] == 0  # censored at the snapshot date
    assert math.isclose(out.loc["L4", "duration"], (as_at - pd.Timestamp("2016-02-01")).days / days)


def test_small_groups_are_merged_by_start_year_and_withheld_otherwise():
    rows = []
    for year, people, leavers in ((2016, 6, 5), (2015, 3, 2), (2014, 3, 3), (2013, 2, 1)):
        rows += [
            {"start_year": year, "service": "A", "event": int(i < leavers)} for i in range(people)
        ]
    rows += [{"start_year": 2016, "service": "B", "event": 1} for _ in range(4)]
    data = pd.DataFrame(rows)
    cohorts = ra.groups_of(data, "start_year", 5, 5)
    # 2016 alone has 10 people, 9 leavers; 2015 + 2014 have 6 people, 5 leavers; 2013 alone
    # is too small and joins the last group made
    assert set(cohorts[data["start_year"] == 2016]) == {"2016"}
    assert set(cohorts[data["start_year"].isin([2015, 2014, 2013])]) == {"2015 or earlier"}
    services = ra.groups_of(data, "service", 5, 5)
    assert set(services[data["service"] == "A"]) == {"A"}
    assert services[data["service"] == "B"].isna().all()


def test_seed_measure_is_a_share_of_leavers_beside_a_starters_chance():
    leavers = pd.DataFrame({"service": ["A"] * 4 + ["B"], "years_of_service": [0.5, 1.5, 3, 8, 1]})
    summary = pd.DataFrame(
        {"group": ["A"], "in_post_2y": [70.0], "low_2y": [50.0], "high_2y": [85.0]}
    )
    out = ra.seed_measure(leavers, summary).iloc[0]
    assert out["leavers"] == 4 and out["leavers_short"] == 2
    assert out["share_of_leavers"] == 50.0
    assert out["starters_leave"] == 30.0
    assert (out["starters_low"], out["starters_high"]) == (15.0, 50.0)


def test_a_group_whose_risk_set_empties_is_estimated_by_the_product_limit_written_out():
    # group y: two starters leave at 0.3 and 0.35 years, then no one is observed until 2 years
    # (lifelines refuses it). At 0.3 two are at risk and one leaves: S = 1/2; at 0.35 one is at
    # risk and leaves: S = 0. The later entrants are at risk only from 2 years on.
    gap = frame(
        [(0.0, 0.3, 1, "y"), (0.0, 0.35, 1, "y")]
        + [(2.0 + i / 10, 3.0 + i / 10, i % 2, "y") for i in range(6)]
    )
    kmf = ra.fit(gap, "y")
    assert isinstance(kmf, ra.ProductLimit)
    assert math.isclose(ra.estimate_at(kmf, 0.32)[0], 0.5)
    assert ra.estimate_at(kmf, 1.0)[0] == 0.0
    assert ra.median_years(kmf) == 0.3


@settings(max_examples=examples(40), deadline=None)
@given(cohorts())
def test_the_product_limit_written_out_equals_lifelines(data):
    from lifelines import KaplanMeierFitter

    kmf = KaplanMeierFitter().fit(data["duration"], data["event"], entry=data["entry"])
    mine = ra.ProductLimit(data)
    for t in (0.5, 1.0, 2.0, 3.0):
        theirs = ra.estimate_at(kmf, t)
        ours = ra.estimate_at(mine, t)
        for a, b in zip(theirs, ours, strict=True):
            assert math.isclose(a, b, abs_tol=1e-9), (t, theirs, ours)
    if (abs(mine.survival_function_.iloc[:, 0] - 0.5) < 1e-9).any():
        return  # S exactly 1/2: whether it is "at most 1/2" is down to rounding in the last bit
    assert ra.median_years(kmf) == ra.median_years(mine) or (
        math.isnan(ra.median_years(kmf)) and math.isnan(ra.median_years(mine))
    )


def test_yearly_points_stop_where_fewer_than_the_threshold_are_still_followed():
    """Ten starters: by 1 year 6 are still followed, by 2 years 4, by 3 years 2. With a threshold
    of 5 the public curve shows years 0 and 1 only; with none it runs while anyone is followed."""
    rows = [(0.0, d, 1, "x") for d in (0.5, 0.6, 0.7, 0.8, 1.5, 1.6)]
    rows += [(0.0, d, 0, "x") for d in (2.5, 2.6, 3.5, 3.6)]
    data = frame(rows)
    groups = data["group"]
    assert [ra.at_risk(data, t) for t in (1.0, 2.0, 3.0)] == [6, 4, 2]
    shown = ra.yearly_points(data, groups, years=5, min_at_risk=5)
    assert shown["years"].tolist() == [0, 1]
    assert math.isclose(shown["in_post"].iloc[1], 60.0)  # 6 of 10 still in post at 1 year
    every = ra.yearly_points(data, groups, years=5)
    assert every["years"].tolist() == [0, 1, 2, 3]


def test_each_step_counts_the_people_it_divides_by_and_the_count_can_rise():
    """Coventry 16 April exempt: "In post at that time" rose (41 -> 43) down the steps, and
    counted a person coming into view at exactly a leaving time, whom the step does not divide
    by. By hand: A leaves at 1 year with A and B counted (C comes into view at 1.0: not yet),
    S = 1/2; at 2, B, C and D are counted (C and D came into view at 1.0 and 1.3, having
    started before the period): 3, one leaves, S = 1/2 x 2/3 = 1/3; at 2.5, B and D: 2,
    S = 1/3 x 1/2 = 1/6."""
    spells = frame([(0.0, 1.0, 1, "x"), (0.0, 3.0, 0, "x"), (1.0, 2.0, 1, "x"), (1.3, 2.5, 1, "x")])
    table = ra.steps(spells, spells["group"])
    assert table["at_risk"].tolist() == [2, 3, 2]
    assert np.allclose(table["in_post"], [50.0, 100 / 3, 100 / 6])
    # the column says what it counts, and why the count can rise
    from pipelines.sections.retention.curves import COUNTED

    assert "rise" in COUNTED and "joiners are counted from their start" in COUNTED


def test_the_curves_at_fixed_points_by_hand():
    """The short table the exempt appendix prints in place of every step. HAND at 6 months:
    A, B, D counted (C comes into view at 0.5), no one has left: 100%; 12 months: A, B, C, D,
    A leaves: 75%, 1 left; 18 months: B, C, D, E, C leaves: 9/16; 24 months: B, D, E, no one
    leaves: 9/16, 2 left; 36 months: D alone, leaves: 0%, 3 left (E was in post at 2.5)."""
    table = ra.fixed_points(HAND, HAND["group"])
    assert table["months"].tolist() == [6, 12, 18, 24, 36]
    assert np.allclose(table["in_post"], [100.0, 75.0, 56.25, 56.25, 0.0])
    assert table["at_risk"].tolist() == [3, 4, 4, 3, 1]
    assert table["left"].tolist() == [0, 1, 2, 2, 3]
    # a point beyond the longest time observed is left out
    short = HAND[HAND["duration"] <= 1.5]
    assert ra.fixed_points(short, short["group"])["months"].tolist() == [6, 12, 18]
    # a group whose people had all served 2 years when the period began says nothing earlier
    late = frame([(2.0, 2.5, 1, "y"), (2.2, 4.0, 0, "y")])
    points = ra.fixed_points(late, late["group"])
    assert points["months"].tolist() == [36] and points["at_risk"].tolist() == [1]
