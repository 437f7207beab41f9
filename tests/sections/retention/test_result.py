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
#: £32 an hour for the Social Worker posts, a rate with its source (issue 22: an unsourced rate
#: is an assumption, and a cost resting on it is never a ranked finding).
WORKFORCE = {
    "agency_hourly_rate": 32.0,
    "capped_rate_roles": ["Social Worker"],
    "agency_rate_source": "Item 6 report, 21 September 2016, paragraph 15",
}
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
    proj = result.tables["projection"].frame.merge(
        result.tables["flows"].frame, on=["scenario", "service", "quarter_end"]
    )
    total = proj["permanent"] + proj["agency"] + proj["unfilled"]
    assert np.allclose(total, proj["establishment"])
    assert np.allclose(proj["vacant"], proj["establishment"] - proj["permanent"])
    first = proj[(proj["scenario"] == "Current rates continue") & (proj["service"] == A)].iloc[0]
    assert (first["permanent"], first["agency"]) == (40.0, 15.0)
    scen = result.tables["scenarios"].frame.set_index("scenario")
    # the workforce section's posts made permanent (its default here: no meeting) at the start;
    # permanent posts cost less than agency, so the option saves
    from pipelines.sections.workforce.parameters import WorkforceParameters

    n = WorkforceParameters().posts_made_permanent
    # the saving in its own column, a sum of money (issue 22: "-59,672" read as a minus sign)
    made = scen.loc[f"{n:g} agency posts made permanent: cost over time"]
    assert made["saving"] > 0 and made["cost"] == 0
    # what the number is, where it is first printed (issue 22, papers19 point 6): no paper
    # sets it here, so it is said to be an illustration
    assert made["what"].startswith(
        f"{n:g} agency FTE made permanent at the snapshot date, a number chosen to illustrate "
        "the option: no council paper sets it; costed over the second year"
    )
    assert (scen[["cost", "saving"]] >= 0).all().all()
    assert not any(str(v).startswith("-") for v in scen[["cost", "saving"]].to_numpy().ravel())


def test_without_an_agency_rate_the_options_are_not_costed_and_a_line_says_so():
    """The shipped workforce defaults set no agency hourly rate: the options are projected but
    not costed (never at £0 an hour), and the caption names the parameters to set."""
    bare = rr.build(FramesContext(review(None), MEETING, frames()), {"scenario_service": A})
    scenarios = bare.tables["scenarios"]
    assert "cost" not in scenarios.frame.columns and "cost" not in scenarios.columns
    assert "saving" not in scenarios.frame.columns
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


def test_an_agency_rise_costed_at_an_assumed_rate_is_never_a_finding():
    """Issue 22: the same data, the rate without its source: the cost is not proposed."""
    assumed = {k: v for k, v in WORKFORCE.items() if k != "agency_rate_source"}
    built = rr.build(FramesContext(review(assumed), MEETING, frames()), {"scenario_service": A})
    fig = built.figure("retention_agency_rise_childrens")
    assert fig.value > 0 and fig.direction is None
    assert not any(f.figure.startswith("retention_agency_rise_") for f in built.findings)


def test_every_projected_quarter_of_every_scenario_follows_from_its_flows(result):
    from tests.sections.retention.test_projection import check_stock_flow

    proj, flows = result.tables["projection"].frame, result.tables["flows"].frame
    keys = ["scenario", "service", "quarter_end"]
    assert len(flows) == len(proj)
    both = proj.merge(flows, on=keys, validate="one_to_one")
    for (_, _), table in both.groupby(["scenario", "service"], sort=False):
        check_stock_flow(table.reset_index(drop=True), tol=1e-9)
    first = both[both["scenario"] == "Current rates continue"]["quarter_end"].iloc[:3].tolist()
    # the snapshot, then calendar quarter ends labelled as projections
    assert first == ["30 July 2016 (snapshot)", "30 September 2016 (projected)",
                     "31 December 2016 (projected)"]  # fmt: skip


def test_the_rates_table_labels_starters_and_appointments_as_fte_a_year(result):
    labels = result.tables["rates"].labels
    assert labels["starting_rate"] == "Starters from outside (FTE a year)"
    assert labels["converting_rate"] == "Agency workers appointed (FTE a year)"
    rates = result.tables["rates"].frame.set_index("service")
    years = (pd.Timestamp(AS_AT) - pd.Timestamp(WINDOW)).days / 365.25
    # every staff member here is full-time: FTE a year = people who started in the window / years
    people = frames()["staff_in_post"]
    started = people[(people["service"] == A) & (people["start_date"] >= pd.Timestamp(WINDOW))]
    outside = started[~started["from_agency"]]
    assert math.isclose(rates.loc[A, "starting_rate"], len(outside) / years)
    assert math.isclose(rates.loc[A, "converting_rate"], (len(started) - len(outside)) / years)


# ---- the group's options, worked by hand ------------------------------------------------------
#
# Children's social care: establishment 60, permanent 40, agency 15 FTE, so agency covers 15 of
# the 20 vacant FTE (3/4). Rates: 0.2 leavers per permanent FTE a year, no starters, no agency
# appointments; four quarters of a quarter-year each. Agency costs 32 x 37 x 46 = £54,464 a
# year (the workforce section's agency_annual_cost); a permanent post £40,000.

AGENCY_COST = 32 * 37 * 46
PERM_COST = 40_000.0


def option_inputs(**workforce):
    from pipelines.sections.retention import projection as pj
    from pipelines.sections.retention.parameters import RetentionParameters
    from pipelines.sections.workforce.parameters import WorkforceParameters

    start = pj.State(60.0, 40.0, 15.0)
    rates = pj.Rates(leaving=0.2, starting=0.0, converting=0.0)
    p = RetentionParameters(
        quarters=4,
        scenario_service=A,
        supplement_leaving_increase=40,
        supplement_leaving_increase_basis="HR's estimate from the exit interviews",
    )
    given = {
        "agency_hourly_rate": 32,
        "agency_hours_per_week": 37,
        "agency_weeks_per_year": 46,
        "posts_made_permanent": 0,
        "supplement_change": {"service": A, "job_title": "Social Worker", "grade": "M1"},
        **workforce,
    }
    wp = WorkforceParameters(**given)
    base = pj.project(start, rates, 4)
    return start, rates, p, wp, base


def option_frames(**extra):
    # 10 permanent FTE are social workers at M1 (the supplement's recipients), 30 are seniors
    snapshot = pd.DataFrame(
        {
            "service": [A, A],
            "team": ["T", "T"],
            "job_title": ["Social Worker", "Senior Practitioner"],
            "grade": ["M1", "M2"],
            "establishment_fte": [20.0, 40.0],
            "permanent_fte": [10.0, 30.0],
            "agency_fte": [5.0, 10.0],
            "vacant_fte": [10.0, 10.0],
        }
    )
    pay = pd.DataFrame(
        {
            "service": [A, A],
            "job_title": ["Social Worker", "Senior Practitioner"],
            "grade": ["M1", "M2"],
            "annual_cost": [40_000.0, 45_000.0],
        }
    )
    register = pd.DataFrame(
        [{"service": A, "job_titles": "Social Worker", "grades": "M1", "market_supplement": 2500.0}]
    )
    return {
        "workforce_snapshot": snapshot,
        "pay_rates": pay,
        "market_supplements": register,
        **extra,
    }


def test_agency_cost_a_year_is_the_workforce_sections():
    from pipelines.sections.workforce.costs import agency_annual_cost

    assert agency_annual_cost(32, 37, 46) == AGENCY_COST == 54_464


def test_supplement_withdrawn_raises_the_leaving_rate_of_its_share_and_saves_the_supplement():
    start, rates, p, wp, base = option_inputs()
    cfg = SimpleNamespace(targets=SimpleNamespace(average_caseload=None))
    out = rr._scenarios(cfg, option_frames(), p, wp, start, rates, base, PERM_COST, AGENCY_COST)
    assert [o[0] for o in out] == ["Social Worker M1 supplement withdrawn"]
    name, table, cost, what = out[0]
    # 10 of the 40 permanent FTE lose it: leaving 0.2 x (1 + 40% x 10/40) = 0.22 a year, so
    # permanent FTE fall by 0.055 a quarter instead of 0.05.
    assert np.allclose(table["permanent"], [40, 37.8, 35.721, 33.756345, 31.899746025])
    assert np.allclose(base["permanent"], [40, 38, 36.1, 34.295, 32.58025])
    assert np.allclose(table["agency"], [15, 16.65, 18.20925, 19.68274125, 21.07519048125])
    # over the four quarters: permanent -0.44953974375 FTE on average, agency 3/4 of that more;
    # the 10 recipients' £2,500 supplements (£25,000 a year) are no longer paid.
    d_perm = (139.177091025 - 140.97525) / 4
    expected = -0.75 * d_perm * AGENCY_COST + d_perm * PERM_COST - 25_000
    assert math.isclose(cost, expected) and math.isclose(cost, -24_618.79, abs_tol=0.01)
    assert "£2,500 supplement of 10 FTE withdrawn" in what
    assert "leaving rate 40% higher (HR's estimate from the exit interviews)" in what


def test_supplement_withdrawal_without_a_basis_for_its_assumption_is_not_modelled():
    """Issue 22 item 3: a rise in the leaving rate nobody is named as assuming is not printed."""
    start, rates, p, wp, base = option_inputs()
    p = p.model_copy(update={"supplement_leaving_increase_basis": "  "})
    cfg = SimpleNamespace(targets=SimpleNamespace(average_caseload=None))
    out = rr._scenarios(cfg, option_frames(), p, wp, start, rates, base, PERM_COST, AGENCY_COST)
    assert [o[0] for o in out] == []
    assert rr.supplement_scenario_left_out(option_frames(), p, wp)
    assert not any("(assumption)" in o[3] for o in out)


def test_caseload_target_met_adds_the_posts_and_agency_covers_them_like_other_vacancies():
    start, rates, p, wp, base = option_inputs()
    # 10 children's workers hold 250 cases: under 20 a worker needs 13 workers, 3 more posts
    caseloads = pd.DataFrame({"service": [A] * 10 + [B] * 2, "total_cases": [25] * 10 + [40] * 2})
    cfg = SimpleNamespace(targets=SimpleNamespace(average_caseload=20))
    frames_ = {
        k: v for k, v in option_frames(caseloads=caseloads).items() if k != "market_supplements"
    }
    out = rr._scenarios(cfg, frames_, p, wp, start, rates, base, PERM_COST, AGENCY_COST)
    assert [o[0] for o in out] == ["Caseload target met"]
    _, table, cost, what = out[0]
    assert (table["establishment"] == 63).all()
    assert np.allclose(table["permanent"], base["permanent"])  # no starters: P is unchanged
    # agency covers 3/4 of the 3 new posts from the first quarter: 2.25 FTE x £54,464
    assert np.allclose(table["agency"].iloc[1:], base["agency"].iloc[1:] + 2.25)
    assert math.isclose(cost, 2.25 * AGENCY_COST) and math.isclose(cost, 122_544)
    assert "3 posts added so that 250 cases average under 20 a worker" in what


def test_agency_posts_made_permanent_is_the_workforce_sections_number_of_posts():
    start, rates, p, wp, base = option_inputs(posts_made_permanent=4)
    cfg = SimpleNamespace(targets=SimpleNamespace(average_caseload=None))
    frames_ = {k: v for k, v in option_frames().items() if k != "market_supplements"}
    out = rr._scenarios(cfg, frames_, p, wp, start, rates, base, PERM_COST, AGENCY_COST)
    name, table, cost, what = out[0]
    assert name == "4 agency posts made permanent: cost over time"
    assert (table["permanent"].iloc[0], table["agency"].iloc[0]) == (44, 11)
    # cover share 11/16 of the 16 vacant FTE; leavers 0.05 a quarter of P
    assert np.allclose(table["permanent"], [44 * 0.95**q for q in range(5)])
    assert np.allclose(
        table["agency"].iloc[1:], [11 / 16 * (60 - 44 * 0.95**q) for q in range(1, 5)]
    )
    d_perm = sum(44 * 0.95**q - 40 * 0.95**q for q in range(1, 5)) / 4
    d_agency = (
        sum(11 / 16 * (60 - 44 * 0.95**q) - 0.75 * (60 - 40 * 0.95**q) for q in range(1, 5)) / 4
    )
    assert math.isclose(cost, d_agency * AGENCY_COST + d_perm * PERM_COST)
    # no saving the report does not show (issue 22, L21 p15): the option says what it costs
    assert what.startswith("4 agency FTE made permanent at the snapshot date, ")
    assert what.endswith("; costed over the second year, when some have left")
    assert "saving" not in what


def test_the_number_of_posts_made_permanent_names_its_paper_and_date():
    from pipelines.sections.workforce.parameters import WorkforceParameters

    given = WorkforceParameters(
        posts_made_permanent=8, posts_made_permanent_source="Workforce plan, 1 March 2018."
    )
    assert given.converted_words() == "the number set in Workforce plan, 1 March 2018"
    assert WorkforceParameters().converted_words().startswith("a number chosen to illustrate")
