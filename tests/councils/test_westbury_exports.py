"""A new user's exports as they came (issue 21, item 3): Westbury, without a build.

Westbury (:func:`tests.councils.generators.westbury`, a port of the generator a new user wrote)
declares absent, in its own ``columns.yml``, what its systems do not have: the pay table's
service and on-costs, the caseload extract's grade, FTE, worker type, date qualified and cases by
type, the establishment's profession. One header (the org unit) feeds the snapshot's service and
team. Each test reads the exports through the same steps as ``evidence-pack validate`` and checks
the one line that says what was done, and figures worked out here by hand from the rows.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines import steps
from pipelines.core.config import use_review_mappings
from pipelines.core.context import run_context
from pipelines.core.errors import InputError
from tests.conftest import examples
from tests.councils.generators import CHILDREN, WESTBURY_UNITS, westbury
from tests.councils.reviews import write_westbury_review


@pytest.fixture(scope="module")
def review(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("westbury")
    return write_westbury_review(westbury(), folder)


@pytest.fixture(autouse=True)
def own_mappings(review):
    """Westbury's own mapping tables in use for each test (conftest puts the demo's back)."""
    use_review_mappings(review.parent / "mappings")


@pytest.fixture(scope="module")
def cleaned(review):
    """The exports read and cleaned as ``validate`` does (loading the review sets its own
    mappings)."""
    ctx = run_context(review)
    return ctx, steps.read_and_clean(ctx, notify=lambda _m: None)


def log_lines(result, dataset: str) -> list[str]:
    frame = result.log.to_frame()
    return list(frame.loc[frame["Dataset"] == dataset, "What was fixed"])


def test_validate_passes_with_the_absent_columns(cleaned):
    ctx, result = cleaned
    report = steps.validate(ctx, result.frames, today=dt.date(2026, 6, 1))
    assert [r.check for r in report.failed("critical")] == []


def test_one_header_feeds_the_service_and_the_team(cleaned):
    snapshot = cleaned[1].frames["workforce_snapshot"]
    assert set(snapshot["service"]) == {CHILDREN}
    assert set(snapshot["team"]) == set(WESTBURY_UNITS)  # the org unit, as exported
    assert len(snapshot) == 12


def test_one_service_review_fills_a_missing_service_column(cleaned):
    pay = cleaned[1].frames["pay_rates"]
    assert list(pay["service"]) == [CHILDREN] * 3
    lines = log_lines(cleaned[1], "pay_rates")
    assert any(
        "Column service declared absent" in line and f"one service, {CHILDREN}" in line
        for line in lines
    )
    from pipelines.sections.workforce import costs as wco

    # the post named in the section's parameters is found at its grade, in the one service
    assert float(wco.pay_for(pay, CHILDREN, "Social Worker", "WB7")["salary"]) == 40476


def test_pay_without_on_costs_is_costed_at_salary_with_one_line(cleaned):
    from pipelines.datasets.workforce.clean import pay_basis_line

    pay = cleaned[1].frames["pay_rates"]
    # top of band, nothing added: the on-costs are not in the table
    assert list(pay["annual_cost"]) == [40476.0, 45718.0, 54269.0]
    line = pay_basis_line(["employer_ni", "market_supplement", "car_allowance"])
    assert "salary only" in line and "understated" in line
    assert line in log_lines(cleaned[1], "Pay rates")


def test_caseloads_without_grade_fte_or_case_types(cleaned):
    from pipelines.datasets.workforce.clean import NO_CASE_TYPES_LINE, NO_FTE_LINE
    from pipelines.sections.workforce import caseloads as wcl

    cases = cleaned[1].frames["caseloads"]
    # 94 workers, 8 Team Managers holding no cases left out: 86 case-holders, 1,557 cases
    assert len(cases) == 86
    assert int(cases["total_cases"].sum()) == 1557
    assert cases["grade"].isna().all() and set(cases["service"]) == {CHILDREN}
    assert set(cases["fte"]) == {1.0}
    lines = log_lines(cleaned[1], "Caseloads")
    assert NO_FTE_LINE in lines and NO_CASE_TYPES_LINE in lines
    assert "1.0 FTE" in NO_FTE_LINE
    groups = wcl.caseload_groups(cases, None)
    assert round(float(groups.loc[0, "average_caseload"]), 1) == 18.1  # 1,557 / 86
    assert float(groups.loc[0, "cases_per_fte"]) == pytest.approx(1557 / 86)
    assert list(groups["workers"]) == [wcl.ALL_CASE_HOLDING]  # no worker type: one row


def test_turnover_without_professions_leaves_out_the_social_work_basis(cleaned):
    from pipelines.core.results import FramesContext
    from pipelines.sections.leavers import result as lr

    ctx, result = cleaned
    built = lr.build(FramesContext(ctx.review, data=result.frames), {})
    table = built.tables["turnover"]
    assert not set(lr.SOCIAL_WORK_COLUMNS) & set(table.frame.columns)
    row = table.frame.iloc[0]
    # 40 leavers over 120 funded posts (the establishment's rows added up)
    assert (int(row["leavers"]), int(row["qualified_posts"])) == (40, 120)
    assert round(float(row["turnover_percent"]), 1) == 33.3
    assert not [f for f in built.figures if f.key.startswith("social_work_turnover_")]
    assert "no profession" in lr.NO_PROFESSION and "left out" in lr.NO_PROFESSION


def test_rates_of_the_snapshot_by_hand(cleaned):
    from pipelines.core.results import FramesContext
    from pipelines.sections.workforce import result as wr

    ctx, result = cleaned
    params = dict(ctx.review.meetings[0].sections[2].parameters)
    built = wr.build(FramesContext(ctx.review, data=result.frames), params)
    rates = built.tables["agency_rates"].frame.set_index("service").loc[CHILDREN]
    # vacant 25 of 120 funded FTE; agency 19 of 95 permanent + 19 agency FTE
    assert round(float(rates["vacancy_rate_percent"]), 1) == 20.8
    assert round(float(rates["agency_rate_percent"]), 1) == 16.7
    assert "supplement_costs" not in built.tables  # no register: the council pays none


def test_validate_stops_when_a_section_needs_an_unlisted_dataset(review, tmp_path):
    import yaml

    config = yaml.safe_load(review.read_text("utf-8"))
    del config["datasets"]["caseloads"]
    path = tmp_path / review.name
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    with pytest.raises(InputError) as err:
        steps.read_and_clean(run_context(path), notify=lambda _m: None)
    text = str(err.value)
    assert "The review lists no caseloads export, which a section of a meeting needs." in text
    assert "needed by 40_workforce_costs (2026-06-17)" in text
    assert "list it under datasets:" in text


def test_no_register_or_a_register_of_nothing_leaves_the_supplements_out():
    from pipelines.core.registry import get_section
    from pipelines.sections.workforce import supplements as wsu

    assert "market_supplements" in get_section("40_workforce_costs").optional_datasets
    assert not wsu.pays_supplements(None)
    zero = pd.DataFrame({"job_title": ["Social Worker"], "market_supplement": [0.0]})
    assert not wsu.pays_supplements(zero)
    assert wsu.pays_supplements(zero.assign(market_supplement=[1500.0]))
    assert wsu.no_supplements_line(None) == wsu.NO_REGISTER
    assert wsu.no_supplements_line(zero) == wsu.NONE_PAID
    assert "£0" in wsu.NONE_PAID and "left out" in wsu.NO_REGISTER


def test_parameters_lists_the_defaults_the_review_did_not_set():
    from pipelines.cli import section_defaults

    defaults = section_defaults("40_workforce_costs", {"price_base": "2025/26 pay rates"})
    assert "price_base" not in defaults
    assert defaults["posts_made_permanent"] == 10 and defaults["max_leavers"] == 12
    assert "review" not in defaults and "audience" not in defaults


def test_a_header_only_export_says_how_to_declare_none(review, tmp_path):
    """A register with a header and no rows is refused, and the message says how a council that
    pays none says so (leave the dataset out)."""
    from pipelines.core.cleaning import clean_review
    from pipelines.core.config import Dataset

    header = "Job Title,Grade,Market Supplement,Compared to last year\n"
    (tmp_path / "supplements.csv").write_text(header, "utf-8")
    ds = Dataset(file="supplements.csv", description="register", source="register")
    with pytest.raises(InputError) as err:
        clean_review(tmp_path, {"market_supplements": ds}, services=[CHILDREN])
    text = str(err.value)
    assert "has a header but no data rows" in text
    assert "take the dataset out of datasets:" in text


def test_caseloads_without_a_service_column_are_the_reviews_one_service(review, tmp_path):
    """``service: ~`` in a one-service review: every worker is in that service, so the pay
    check names it (never "(None)") and the caseloads are counted."""
    import shutil

    import yaml

    folder = tmp_path / "review"
    shutil.copytree(review.parent, folder)
    columns = yaml.safe_load((folder / "mappings" / "columns.yml").read_text("utf-8"))
    columns["caseloads"]["service"] = None
    (folder / "mappings" / "columns.yml").write_text(
        yaml.safe_dump(columns, allow_unicode=True, sort_keys=False), "utf-8"
    )
    config = yaml.safe_load(review.read_text("utf-8"))
    config["raw_dir"], config["mappings"] = str(folder / "raw"), str(folder / "mappings")
    path = folder / review.name
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    ctx = run_context(path)
    result = steps.read_and_clean(ctx, notify=lambda _m: None)
    cases = result.frames["caseloads"]
    assert set(cases["service"]) == {CHILDREN} and len(cases) == 86
    assert any(
        "every row is the review's one service" in line for line in log_lines(result, "caseloads")
    )
    report = steps.validate(ctx, result.frames, today=dt.date(2026, 6, 1))
    assert [r.check for r in report.failed("critical")] == []
    assert "(None)" not in str(report.to_dict())


def test_the_parameters_command_prints_set_values_then_the_defaults(review):
    import yaml
    from typer.testing import CliRunner

    from pipelines.cli import app

    out = CliRunner().invoke(
        app, ["parameters", str(review), "40_workforce_costs", "-m", "2026-06-17"]
    )
    assert out.exit_code == 0, out.output
    given, defaults = out.output.split("# Defaults: not set by the review, the section uses these")
    assert yaml.safe_load(given)["agency_hourly_rate"] == 36  # the review's own
    assert yaml.safe_load(defaults)["posts_made_permanent"] == 10  # a default, marked as one
    assert "agency_hourly_rate" not in yaml.safe_load(defaults)


def test_a_register_of_nothing_but_zero_builds_no_supplement_table(cleaned, tmp_path):
    """A register whose every supplement is £0: no cost table (no "£0" tables), the rest built."""
    from pipelines.core.cleaning import clean_review
    from pipelines.core.config import Dataset
    from pipelines.core.results import FramesContext
    from pipelines.sections.workforce import result as wr

    ctx, result = cleaned
    (tmp_path / "register.csv").write_text(
        "Job Title,Grade,Market Supplement,Compared to last year\nSocial Worker,WB7,0,Same\n",
        "utf-8",
    )
    ds = Dataset(file="register.csv", description="register", source="register")
    register = clean_review(tmp_path, {"market_supplements": ds}, services=[CHILDREN]).frames
    frames = {**result.frames, **register}
    assert len(frames["market_supplements"]) == 1
    params = dict(ctx.review.meetings[0].sections[2].parameters)
    built = wr.build(FramesContext(ctx.review, data=frames), params)
    assert "supplement_costs" not in built.tables
    assert {"agency_rates", "caseload_summary", "agency_premium"} <= set(built.tables)


def test_service_declared_absent_in_a_review_of_several_services_stops(tmp_path):
    """Only a review of one service takes its service for every row: with two, a service
    declared absent is a problem naming the dataset, the services and what to do."""
    import yaml

    from pipelines.core.cleaning import clean_review
    from pipelines.core.config import Dataset
    from tests.councils.generators import ADULTS

    folder = tmp_path / "mappings"
    folder.mkdir()
    columns = {"pay_rates": {"service": None, "job_title": ["Role"], "grade": ["Pay Band"]}}
    (folder / "columns.yml").write_text(yaml.safe_dump(columns), "utf-8")
    use_review_mappings(folder)
    pd.DataFrame(
        {"Role": ["Social Worker"], "Pay Band": ["WB7"], "Salary": [40000], "Employer NI": [0]}
        | {"Market Supplement": [0], "Car Allowance": [0]}
    ).to_csv(tmp_path / "pay.csv", index=False)
    ds = Dataset(file="pay.csv", description="pay", source="pay")
    with pytest.raises(InputError) as err:
        clean_review(tmp_path, {"pay_rates": ds}, services=[ADULTS, CHILDREN])
    text = str(err.value)
    assert "service column is declared absent, but the review has 2 services" in text
    assert "only a review of one service" in text
    # the same export in a review of one service: every row is that service
    made = clean_review(tmp_path, {"pay_rates": ds}, services=[CHILDREN]).frames["pay_rates"]
    assert list(made["service"]) == [CHILDREN]


@given(st.lists(st.integers(min_value=1, max_value=60), min_size=1, max_size=40))
@settings(max_examples=examples(60), deadline=None)
def test_without_fte_cases_per_fte_is_the_average_caseload(cases):
    """FTE declared absent counts each case-holding worker as 1.0 FTE, so for any caseloads
    the cases per FTE equal the average caseload (cases / case-holding workers)."""
    from pipelines.sections.workforce import caseloads as wcl

    frame = pd.DataFrame(
        {"total_cases": cases, "fte": [1.0] * len(cases), "worker_type": [None] * len(cases)}
    )
    row = wcl.caseload_groups(frame, None).iloc[0]
    assert float(row["cases_per_fte"]) == pytest.approx(sum(cases) / len(cases))
    assert float(row["cases_per_fte"]) == pytest.approx(float(row["average_caseload"]))
