"""A projection resting on a flow of fewer people than the threshold is not public (adversary15 D2).

Luton's 21 September 2016 report published Adult Social Care's projection (34 to 41.5 agency FTE,
interval 29.2 to 49.5) in a key finding and the scenarios CSV; it rests on 3 starters from
outside and 0 agency workers appointed in the window, counts the exempt appendix withholds, and
the point projection and the interval (with the published seed) give them back. Data made here:
service A has 12 starters from outside in the window and 20 leavers, service B 3 and 8; no
agency worker appointed (0: a count a public table may show).
"""

from __future__ import annotations

import pandas as pd
import pytest

from pipelines.core.disclosure import Policy
from pipelines.core.figures import EXEMPT_ONLY
from pipelines.core.results import FramesContext
from pipelines.sections import findings as fd
from pipelines.sections.retention import projection as pj
from pipelines.sections.retention import result as rr
from tests.sections.retention.test_result import MEETING, WINDOW, A, B, review

PUBLIC, EXEMPT = Policy("public", 5), Policy("exempt", 5)
AS_AT = pd.Timestamp(2016, 7, 30)
STARTERS = {A: 12, B: 3}
LEAVERS = {A: 20, B: 8}


def frames() -> dict[str, pd.DataFrame]:
    """30 long-serving staff, STARTERS[service] starters in the window, LEAVERS[service] leavers."""
    staff, leavers = [], []
    for service, starters in STARTERS.items():
        for i in range(30 + starters):
            started = (
                pd.Timestamp(WINDOW) + pd.Timedelta(days=10 + 20 * i)  # in the window
                if i < starters
                else AS_AT - pd.Timedelta(days=int((2 + i % 6) * 365.25))
            )
            staff.append(
                {
                    "employee_ref": f"{service[0]}S{i}",
                    "service": service,
                    "job_title": "Social Worker",
                    "fte": 1.0,
                    "start_date": started,
                    "date_qualified": started - pd.Timedelta(days=400),
                    "from_agency": False,
                }
            )
        for i in range(LEAVERS[service]):
            left = pd.Timestamp(WINDOW) + pd.Timedelta(days=20 + 15 * i)
            leavers.append(
                {
                    "employee_ref": f"{service[0]}L{i}",
                    "service": service,
                    "job_title": "Social Worker",
                    "fte": 1.0,
                    "service_start_date": left - pd.Timedelta(days=int(3 * 365.25)),
                    "leaving_date": left,
                    "years_of_service": 3.0,
                }
            )
    snapshot = pd.DataFrame(
        {
            "service": [A, B],
            "team": ["T", "T"],
            "job_title": ["Social Worker"] * 2,
            "grade": ["M1"] * 2,
            "establishment_fte": [60.0, 60.0],
            "permanent_fte": [40.0, 40.0],
            "agency_fte": [15.0, 15.0],
            "vacant_fte": [20.0, 20.0],
        }
    )
    pay = pd.DataFrame(
        {
            "service": [A, B],
            "job_title": ["Social Worker"] * 2,
            "grade": ["M1"] * 2,
            "annual_cost": [40_000.0, 40_000.0],
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


def test_the_flows_are_the_counts_made_here(result):
    rates = result.tables["rates"].frame.set_index("service")
    years = (AS_AT - pd.Timestamp(WINDOW)).days / 365.25  # 333 days: 0.912 years
    for service, n in STARTERS.items():
        assert rates.loc[service, "starters"] == n
        assert rates.loc[service, "starting_rate"] == pytest.approx(n / years)
        assert rates.loc[service, "leavers"] == LEAVERS[service]
        assert rates.loc[service, "conversions"] == 0
    # 3 starters is from 1 to the threshold - 1; 12, 20, 8 and 0 are not
    assert pj.small_flows(dict(rates.loc[B]), 5) == ["starters from outside"]
    assert pj.small_flows(dict(rates.loc[A]), 5) == []


def test_three_starters_a_year_give_no_public_projection_twelve_do(result):
    for name in ("projection", "intervals", "flows", "scenarios"):
        table = result.tables[name]
        exempt = set(table.for_policy(EXEMPT).frame["service"])
        public = set(table.for_policy(PUBLIC).frame["service"])
        assert exempt == {A, B}, name
        assert public == {A}, name


def test_the_finding_on_the_small_projection_is_the_exempt_appendixs_only(result):
    small = result.figure("retention_agency_rise_adults")
    large = result.figure("retention_agency_rise_childrens")
    assert small.value > 0 and large.value > 0  # each projects a rise in agency staff
    assert small.notes[EXEMPT_ONLY] == (
        f"The projection for {B} rests on small numbers of people joining or leaving, "
        "so it is in the exempt appendix only."
    )
    assert EXEMPT_ONLY not in large.notes
    exempt = {f.figure for f in result.findings_for(EXEMPT)}
    public = {f.figure for f in result.findings_for(PUBLIC)}
    assert {small.key, large.key} <= exempt
    assert large.key in public and small.key not in public
    # the ranked findings of a public report leave it out too; the exempt run keeps it
    rules = fd.load_rules()
    assert small.key in {f.key for f in fd.propose(result.figures, rules, EXEMPT)}
    said = {f.key: str(f.text) for f in fd.propose(result.figures, rules, PUBLIC)}
    assert small.key not in said and large.key in said
    # the public sentence states the condition itself: its lead is not in the public report
    assert "on the same projection" not in said[large.key]


def test_the_sentence_names_every_group_once():
    assert pj.withheld_sentence(["X", "Y", "Z"]) == (
        "The projections for X, Y and Z rest on small numbers of people joining or leaving, "
        "so they are in the exempt appendix only."
    )
