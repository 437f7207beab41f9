"""The retention section's result on data made here: tables, figures, projection, disclosure."""

from __future__ import annotations

import datetime as dt
import math
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from pipelines.core import disclosure
from pipelines.core.disclosure_audit import audit
from pipelines.core.presentation import tidy_options
from pipelines.core.results import FramesContext
from pipelines.sections.retention import result as rr

A, B = "Children's Social Care", "Adult Social Care"
WINDOW, AS_AT = dt.date(2015, 9, 1), dt.date(2016, 7, 30)


#: The workforce section's agency assumptions in the meeting (the shipped defaults set none):
#: £32 an hour for the Social Worker posts.
WORKFORCE = {"agency_hourly_rate": 32.0, "capped_rate_roles": ["Social Worker"]}
MEETING = "2016-09-21"


def review(workforce: dict | None = WORKFORCE):
    ds = lambda source, as_at=None: SimpleNamespace(source=source, as_at=as_at)  # noqa: E731
    section = SimpleNamespace(notebook="40_workforce_costs", parameters=dict(workforce or {}))
    return SimpleNamespace(
        meeting=lambda date: SimpleNamespace(sections=[section]),
        datasets={
            "staff_in_post": ds("Staff in post", AS_AT),
            "leavers": ds("Leavers"),
            "workforce_snapshot": ds("Snapshot"),
            "pay_rates": ds("Pay"),
        },
        period=SimpleNamespace(start=WINDOW, end=dt.date(2016, 8, 31), label="the year"),
        disclosure_threshold=5,
        targets=SimpleNamespace(average_caseload=None),
    )


def frames(seed=3):
    """40 staff and 12 leavers in A; 3 staff and 1 leaver in B (too few to show)."""
    rng = np.random.default_rng(seed)
    as_at = pd.Timestamp(AS_AT)
    staff, leavers = [], []
    for service, n_staff, n_left in ((A, 40, 12), (B, 3, 1)):
        for i in range(n_staff):
            years = float(rng.uniform(0.05, 8))
            staff.append(
                {
                    "employee_ref": f"{service[0]}S{i}",
                    "service": service,
                    "job_title": "Social Worker",
                    "fte": 1.0,
                    "start_date": as_at - pd.Timedelta(days=int(years * 365.25)),
                    "date_qualified": as_at
                    - pd.Timedelta(days=int((years + 0.5 + 5 * (i % 2)) * 365.25)),
                    "from_agency": i % 7 == 0 and years < 0.9,
                }
            )
        for i in range(n_left):
            left = pd.Timestamp(WINDOW) + pd.Timedelta(days=int(rng.integers(1, 330)))
            served = float(rng.uniform(0.2, 3 if i % 2 else 6))
            leavers.append(
                {
                    "employee_ref": f"{service[0]}L{i}",
                    "service": service,
                    "job_title": "Social Worker",
                    "fte": 1.0,
                    "service_start_date": left - pd.Timedelta(days=int(served * 365.25)),
                    "leaving_date": left,
                    "years_of_service": served,
                }
            )
    snapshot = pd.DataFrame(
        {
            "service": [A, B],
            "team": ["T", "T"],
            "job_title": ["Social Worker", "Social Worker"],
            "grade": ["M1", "M1"],
            "establishment_fte": [60.0, 10.0],
            "permanent_fte": [40.0, 3.0],
            "agency_fte": [15.0, 6.0],
            "vacant_fte": [20.0, 7.0],
        }
    )
    pay = pd.DataFrame(
        {
            "service": [A, B],
            "job_title": ["Social Worker"] * 2,
            "grade": ["M1"] * 2,
            "annual_cost": [40_000.0, 37_000.0],
        }
    )
    return {
        "staff_in_post": pd.DataFrame(staff),
        "leavers": pd.DataFrame(leavers),
        "workforce_snapshot": snapshot,
        "pay_rates": pay,
    }


@pytest.fixture(scope="module")
def result():
    return rr.build(FramesContext(review(), MEETING, frames()), {"scenario_service": A})


def test_a_service_below_the_threshold_is_withheld_from_the_curves(result):
    assert list(result.tables["by_service"].frame["group"]) == [A]
    assert set(result.tables["curve_service"].frame["group"]) == {A}
    # no leaver has a qualification date here, so experience on joining has no group to show
    assert "by_experience" not in result.tables
    for name in ("by_service", "by_cohort"):
        table = result.tables[name].frame
        assert (table["people"] >= 5).all() and (table["leavers"] >= 5).all(), name


def test_public_curves_are_yearly_points_and_the_steps_are_exempt_only(result):
    for by in ("service", "start_year"):
        points = result.tables[f"curve_{by}"].frame
        assert set(points["years"]) <= set(range(6))
        assert result.tables[f"steps_{by}"].individuals


def test_the_figure_is_the_table_cell_and_the_complement_of_the_curve(result):
    fig = result.figure("retention_leave_within_two_years_childrens")
    in_post = result.tables["by_service"].cell("in_post_2y", group=A)
    assert math.isclose(fig.value, 100 - in_post)
    starters = result.tables["rates"].frame  # starters from outside + agency appointed
    assert fig.denominator > 0 and math.isclose(fig.numerator, fig.denominator * fig.value / 100)
    assert not starters.empty


def test_projection_conserves_fte_in_every_scenario_and_quarter(result):
    proj = result.tables["projection"].frame
    total = proj["permanent"] + proj["agency"] + proj["unfilled"]
    assert np.allclose(total, proj["establishment"])
    first = proj[(proj["scenario"] == "Current rates continue") & (proj["service"] == A)].iloc[0]
    assert (first["permanent"], first["agency"]) == (40.0, 15.0)
    scen = result.tables["scenarios"].frame.set_index("scenario")
    # 6 agency FTE made permanent: agency 15 -> 9 at the start, and it costs less than agency
    assert scen.loc["6 agency FTE made permanent", "cost"] < 0


def test_without_an_agency_rate_the_options_are_not_costed_and_a_line_says_so():
    """The shipped workforce defaults set no agency hourly rate: the options are projected but
    not costed (never at £0 an hour), and the caption names the parameters to set."""
    bare = rr.build(FramesContext(review(None), MEETING, frames()), {"scenario_service": A})
    scenarios = bare.tables["scenarios"]
    assert "cost" not in scenarios.frame.columns and "cost" not in scenarios.columns
    assert "Its cost a year is not done" in scenarios.caption
    assert "agency_hourly_rate" in scenarios.caption and "capped_rate_roles" in scenarios.caption
    assert not [f for f in bare.figures if f.key.startswith("retention_agency_rise_")]
    # the projection itself needs no money: the same FTE as with the rate
    with_rate = rr.build(FramesContext(review(), MEETING, frames()), {"scenario_service": A})
    assert bare.tables["projection"].frame.equals(with_rate.tables["projection"].frame)


def test_the_public_tables_pass_the_disclosure_audit(result):
    pol = disclosure.Policy("public", 5)
    published = []
    for table in result.tables.values():
        if table.individuals:
            continue
        opts = tidy_options(table)
        protected = disclosure.protect(
            table.labelled(),
            kinds=opts["kinds"],
            populations=opts["populations"],
            numerators=opts["numerators"],
            prior=published,
            name=table.name,
            pol=pol,
        )
        if protected.table is not None:
            published.append(protected.table)
    outcome = audit(published, 5)
    assert outcome.safe, outcome.recoverable


def test_an_agency_rise_is_a_finding_that_says_when_its_interval_includes_no_rise(result):
    from pipelines.sections.retention.text import finding_text

    proposed = {f.figure for f in result.findings}
    for service in ("childrens", "adults"):
        fig = result.figure(f"retention_agency_rise_{service}")
        assert (fig.key in proposed) == (fig.value > 0)
        unclear = float(fig.notes["agency_low"]) <= float(fig.notes["agency_start"])
        assert ("cannot rule out no rise" in finding_text(fig)) == unclear
