"""The workforce section's result, built from data made here: its tables say what their columns
hold, its figures are their cells (worked out by hand below), and the public version of the
agency premium and supplement cost tables is a coarser table of the same result."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.core.disclosure import Policy
from pipelines.core.figures import Kind
from pipelines.core.results import FramesContext, SectionResult
from pipelines.core.review_targets import TargetSource
from pipelines.sections.workforce import figures as wff
from pipelines.sections.workforce import result as wr
from pipelines.sections.workforce.parameters import WorkforceParameters
from tests.conftest import examples
from tests.sections.figure_checks import CFG

CHILDREN, ADULTS = "Children's Social Care", "Adult Social Care"
#: 30 pounds an hour x 37 hours x 46 weeks.
AGENCY = 30 * 37 * 46  # 51,060
PARAMS = {
    "as_at": "2018-02-28",
    "price_base": "2017/18 pay rates, cash",
    "previous_year": "2016/17",
    "agency_hourly_rate": 30.0,
    "agency_hours_per_week": 37.0,
    "agency_weeks_per_year": 46.0,
    "capped_rate_roles": ["Social Worker", "Senior Practitioner"],
    "cost_comparators": [{"service": CHILDREN, "job_title": "Social Worker", "grade": "G7"}],
}


def snapshot() -> pd.DataFrame:
    """Children's: 15 FTE established, 10 permanent, 4 agency, 5 vacant; adults': 8, 4, 4, 4."""
    rows = [
        (CHILDREN, "Social Worker", "G7", 10, 6, 3, 4),
        (CHILDREN, "Senior Practitioner", "G8", 5, 4, 1, 1),
        (ADULTS, "Social Worker", "G7", 8, 4, 4, 4),
    ]
    cols = ["service", "job_title", "grade", "establishment_fte", "permanent_fte"]
    cols += ["agency_fte", "vacant_fte"]
    return pd.DataFrame(rows, columns=cols).astype({c: float for c in cols[3:]})


def pay() -> pd.DataFrame:
    """Cost for one year of each post: 40,000, 45,000 and 38,000 pounds."""
    return pd.DataFrame(
        {
            "service": [CHILDREN, CHILDREN, ADULTS],
            "job_title": ["Social Worker", "Senior Practitioner", "Social Worker"],
            "grade": ["G7", "G8", "G7"],
            "salary": [32000.0, 36000.0, 30000.0],
            "employer_ni": [3000.0, 4000.0, 3000.0],
            "market_supplement": [2000.0, 1000.0, 0.0],
            "car_allowance": [3000.0, 4000.0, 5000.0],
            "annual_cost": [40000.0, 45000.0, 38000.0],
        }
    )


def caseloads() -> pd.DataFrame:
    """Three permanent children's workers (10, 20, 30 cases; 2.5 FTE) and one agency (24)."""
    return pd.DataFrame(
        {
            "service": [CHILDREN] * 4,
            "worker_type": ["Permanent", "Permanent", "Permanent", "Agency"],
            "total_cases": [10, 20, 30, 24],
            "fte": [1.0, 1.0, 0.5, 1.0],
        }
    )


def register() -> pd.DataFrame:
    """Three supplements: children's social workers (2,000; 1,500 last year), senior
    practitioners of either service (1,000, unchanged) and team managers (not in the snapshot)."""
    return pd.DataFrame(
        {
            "register_title": ["Social Worker", "Senior Practitioner", "Team Manager"],
            "job_titles": ["Social Worker", "Senior Practitioner", "Team Manager"],
            "grades": ["G7", "G8", "G9"],
            "service": [CHILDREN, None, None],
            "market_supplement": [2000.0, 1000.0, 3000.0],
            "previous_supplement": [1500.0, 1000.0, 3000.0],
            "compared_to_last_year": ["+£500", "Same", "Same"],
            "change": ["Increased", "Same", "Same"],
        }
    )


def frames() -> dict[str, pd.DataFrame]:
    return {
        "workforce_snapshot": snapshot(),
        "pay_rates": pay(),
        "caseloads": caseloads(),
        "market_supplements": register(),
    }


@pytest.fixture(scope="module")
def result() -> SectionResult:
    return wr.build(FramesContext(CFG, None, frames()), PARAMS)


def test_rates_table_columns_carry_kind_population_and_measure(result):
    table = result.tables["agency_rates"]
    kinds = {tidy: col.kind for tidy, col in table.columns.items()}
    assert kinds["agency_fte"] is Kind.FTE and kinds["agency_rate_percent"] is Kind.PERCENT_OF_FTE
    rate = table.columns["agency_rate_percent"]
    assert rate.denominator_parts == ("agency_fte", "permanent_fte")
    assert rate.measure == "agency worker rate" and rate.population.by == {"Service": "service"}
    # Nothing in the table counts people: no column would ever be suppressed.
    assert not any(k is not None and k.counts_people for k in kinds.values())


def test_rate_figures_are_the_table_cells_worked_out_by_hand(result):
    figs = {f.key: f for f in result.figures}
    assert figs["agency_rate_childrens"].value == pytest.approx(100 * 4 / 14)
    assert figs["vacancy_rate_childrens"].value == pytest.approx(100 * 5 / 15)
    assert figs["agency_rate_adults"].value == pytest.approx(50.0)
    assert figs["vacancy_rate_adults"].value == pytest.approx(50.0)
    assert (figs["agency_rate_childrens"].numerator, figs["agency_rate_childrens"].denominator) == (
        4.0,
        14.0,
    )
    assert figs["agency_rate_childrens"].period == "At 28 February 2018"
    assert figs["agency_rate_childrens"].comparators == {"target": CFG.targets.agency_rate_percent}
    # Agency and vacancy rates of one service are two populations, not one with two values.
    assert figs["agency_rate_childrens"].identity != figs["vacancy_rate_childrens"].identity


def test_total_row_recomputes_both_rates_from_the_totals(result):
    total = result.tables["agency_rates"].labelled().iloc[-1]
    assert total["Service"] == "Total"
    assert total["Agency FTE"] == 8 and total["Permanent FTE"] == 14
    assert total["Agency worker rate (%)"] == pytest.approx(100 * 8 / 22)
    assert total["Vacancy rate (%)"] == pytest.approx(100 * 9 / 23)


def test_agency_premium_by_post_public_and_its_averages_by_service(result):
    table = result.tables["agency_premium"]
    frame = table.frame.set_index("job_title")
    # Children's senior practitioners: 1 FTE x (51,060 - 45,000) = 6,060.
    assert frame.loc["Senior Practitioner", "extra_cost"] == pytest.approx(6060)
    labelled = table.labelled()
    total = labelled.iloc[-1]
    assert total["Extra cost a year (£)"] == pytest.approx(
        3 * (AGENCY - 40000) + (AGENCY - 45000) + 4 * (AGENCY - 38000)
    )
    # A cost per FTE does not add up: its total cell is empty, the job title blank.
    assert pd.isna(total["Extra cost per FTE (£)"]) and total["Job title"] == ""
    # Public by job title at any size (agency FTE count posts); the averages by service that
    # the figures read are a table of their own.
    assert table.public_variant is None
    assert table.for_policy(Policy("public")) is table
    by_service = result.tables["agency_premium_by_service"].frame.set_index("service")
    assert by_service.loc[CHILDREN, "extra_cost_per_fte"] == pytest.approx(
        (3 * (AGENCY - 40000) + (AGENCY - 45000)) / 4
    )
    assert by_service.loc[CHILDREN, "job_title"] == "All practitioner posts"


def test_the_average_per_fte_and_one_post_are_two_figures_of_two_populations(result):
    average = result.figure("agency_extra_cost_per_fte_childrens")
    post = result.figure("agency_extra_cost_per_post_childrens_social_worker_g7")
    assert average.value == pytest.approx((3 * (AGENCY - 40000) + (AGENCY - 45000)) / 4)
    assert post.value == pytest.approx(AGENCY - 40000)
    assert (post.numerator, post.denominator) == (AGENCY, 40000.0)
    assert average.measure == post.measure and average.population != post.population
    assert post.population == f"{CHILDREN}: one Social Worker post (G7)"
    # Context, not findings: no direction, so the ranking never scores them.
    assert average.direction is None and post.direction is None
    premium = result.figure("agency_premium")
    assert premium.value == pytest.approx(
        3 * (AGENCY - 40000) + (AGENCY - 45000) + 4 * (AGENCY - 38000)
    )
    assert premium.comparators["permanent_cost"] == pytest.approx(3 * 40000 + 45000 + 4 * 38000)


def test_caseload_table_and_figure_by_hand(result):
    table = result.tables["caseload_summary"]
    frame = table.frame.set_index("workers")
    assert frame.loc["All case-holding workers", "average_caseload"] == pytest.approx(84 / 4)
    assert frame.loc["Permanent workers", "average_caseload"] == pytest.approx(60 / 3)
    assert frame.loc["All case-holding workers", "cases_per_fte"] == pytest.approx(84 / 3.5)
    assert table.columns["case_holding_workers"].kind is Kind.PEOPLE
    fig = result.figure("average_caseload_childrens")
    assert (fig.value, fig.numerator, fig.denominator) == (21.0, 84.0, 4.0)
    assert fig.kind is Kind.CASES_PER_WORKER
    assert "counted by head" not in fig.population and "headcount" in fig.population


def test_supplement_costs_by_entry_public_at_any_size(result):
    table = result.tables["supplement_costs"]
    entries = table.frame.set_index("job_title")
    # Children's social workers: 6 permanent FTE x 2,000 = 12,000; 1,500 last year: 9,000.
    assert entries.loc["Social Worker", "cost"] == 12000
    assert entries.loc["Social Worker", "change"] == 3000
    assert entries.loc["Social Worker", "cost_if_filled"] == 10 * 2000
    assert pd.isna(entries.loc["Team Manager", "cost"])
    assert table.columns["cost_previous"].label == "Cost at 2016/17 rates (£)"
    total = table.labelled().iloc[-1]
    assert total["Cost a year (£)"] == 16000 and total["Grade"] == ""
    # public by job title at any size (reader15, L21: the register is open to inspection)
    assert table.public_variant is None and table.for_policy(Policy("public")) is table


def test_figures_module_reads_the_result(result):
    figs = wff.compute_figures(CFG, frames(), PARAMS)
    assert [f.key for f in figs] == [k for k in result.figure_keys() if k in wff.FIGURE_KEYS]
    assert [f.value for f in figs] == [result.figure(f.key).value for f in figs]
    (premium,) = wff.finding_figures(CFG, frames(), PARAMS)
    assert premium == result.figure("agency_premium")


def test_without_pay_rates_there_is_no_premium_and_no_cost_figure():
    data = {k: v for k, v in frames().items() if k != "pay_rates"}
    result = wr.build(FramesContext(CFG, None, data), PARAMS)
    assert "agency_premium" not in result.tables
    assert not [k for k in result.figure_keys() if "cost" in k or k == "agency_premium"]
    assert "agency_rates" in result.tables and "supplement_costs" in result.tables


def test_notes_on_two_populations_only_where_the_documents_print_the_other(result):
    # 21 September 2016: no national comparison in the pack, and the final report quotes no
    # per-post cost: no note.
    for table in ("agency_rates", "caseload_summary", "agency_premium"):
        assert wr.basis_notes(CFG, "2016-09-21", result, table) == []
    # 21 December 2016: the national comparison runs, but the DfE published its figures after
    # the meeting, so the report holds none for a note to refer to (issue 22 c): no note.
    for table in ("agency_rates", "caseload_summary"):
        assert wr.basis_notes(CFG, "2016-12-21", result, table) == []
    # The same meeting held after the DfE's first release (15 February 2018): the notes.
    later = [
        m.model_copy(update={"date": dt.date(2018, 3, 1)}) if m.date == dt.date(2016, 12, 21) else m
        for m in CFG.meetings
    ]
    moved = CFG.model_copy(update={"meetings": later})
    (rates,) = wr.basis_notes(moved, "2018-03-01", result, "agency_rates")
    assert "at 28 February 2018" in rates and "30 September" in rates
    (cases,) = wr.basis_notes(moved, "2018-03-01", result, "caseload_summary")
    assert "counted by head" in cases and "counted in FTE" in cases
    # A final report quoting one post's extra cost: the table, by job title, prints it in the
    # Social Worker row (3 FTE x £11,060 at G7), so no note; the service's average is not printed.
    quoted = CFG.final_report.model_copy(
        update={"evidence_heard": ["An agency social worker costs an additional £11,060 pa."]}
    )
    cfg = CFG.model_copy(update={"final_report": quoted})
    assert wr.basis_notes(cfg, "2016-09-21", result, "agency_premium") == []
    # £11,0600 is not £11,060.
    other = CFG.final_report.model_copy(update={"evidence_heard": ["£11,0600 a year"]})
    cfg = CFG.model_copy(update={"final_report": other})
    assert wr.basis_notes(cfg, "2016-09-21", result, "agency_premium") == []


def test_result_is_the_same_for_parameters_given_as_a_model_or_a_mapping(result):
    again = wr.build(FramesContext(CFG, None, frames()), WorkforceParameters(**PARAMS))
    assert again.figures == result.figures


@settings(max_examples=examples(40), deadline=None)
@given(
    fte=st.lists(
        st.tuples(st.integers(0, 40), st.integers(0, 40), st.integers(0, 40), st.integers(0, 40)),
        min_size=2,
        max_size=2,
    )
)
def test_total_rates_are_total_counts_over_total_bases(fte):
    """For any FTE, the total row's rates are the totals' rates, never an average of rates."""
    rows = [
        (service, "Social Worker", "G7", perm + vacant, perm, agency, vacant)
        for service, (perm, agency, vacant, _) in zip((CHILDREN, ADULTS), fte, strict=True)
    ]
    cols = ["service", "job_title", "grade", "establishment_fte", "permanent_fte"]
    cols += ["agency_fte", "vacant_fte"]
    snap = pd.DataFrame(rows, columns=cols).astype({c: float for c in cols[3:]})
    total = wr.agency_rates_table(CFG, snap, None).labelled().iloc[-1]
    agency = sum(a for _, a, _, _ in fte)
    working = agency + sum(p for p, _, _, _ in fte)
    vacant, est = sum(v for _, _, v, _ in fte), sum(p + v for p, _, v, _ in fte)
    if working:
        assert total["Agency worker rate (%)"] == pytest.approx(100 * agency / working)
    else:
        assert pd.isna(total["Agency worker rate (%)"])
    if est:
        assert total["Vacancy rate (%)"] == pytest.approx(100 * vacant / est)
    else:
        assert pd.isna(total["Vacancy rate (%)"])


def test_the_caseload_tables_source_names_the_targets_paper_and_paragraph():
    """reader15 (L21 p10, p18): the finding cited the caseload target as "paragraph 47" of the
    Item 6 report, while the only note naming that report listed paras 38, 43 and 54. The
    table's source names the target's paper and paragraph, from the review's target_sources;
    without a target, only the data's source."""
    with_target = CFG.model_copy(
        update={
            "targets": CFG.targets.model_copy(update={"average_caseload": 18.0}),
            "target_sources": {
                "average_caseload": TargetSource(
                    kind="meeting",
                    name="Item 4 report to the group, paragraph 12",
                    date=dt.date(2016, 9, 21),
                )
            },
        }
    )
    table = wr.build(FramesContext(with_target, None, frames()), PARAMS).tables["caseload_summary"]
    data = with_target.datasets["caseloads"].source
    assert (
        table.source
        == f"{data}; target: Item 4 report to the group, paragraph 12, 21 September 2016"
    )
    assert with_target.target_sources["average_caseload"].short() in table.source
    unset = CFG.model_copy(
        update={"targets": CFG.targets.model_copy(update={"average_caseload": None})}
    )
    table = wr.build(FramesContext(unset, None, frames()), PARAMS).tables["caseload_summary"]
    assert table.source == data
