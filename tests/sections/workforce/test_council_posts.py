"""The workforce section names no council's posts, grades or rates of its own (issue 21).

The shipped defaults leave the agency hourly rate, the job titles it applies to, the compared
posts and the supplement change unset: each costing that needs one is not done, and one line
says which parameter to set. A compared post given without a grade is costed at the job title's
commonest permanent grade in the council's own snapshot; a post the pay rates do not cost stops
the build naming the parameter, the file, what was expected and found, and what to do (exit 2).

The data are made here (a council with Social Workers at G7 and G8 and Senior Practitioners at
G8); every figure checked is worked out by hand below.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pandas as pd
import pytest

from pipelines.core.config import Dataset
from pipelines.core.errors import OfficerError
from pipelines.core.results import FramesContext
from pipelines.sections.workforce import posts as wpo
from pipelines.sections.workforce import result as wr
from pipelines.sections.workforce.parameters import WorkforceParameters
from tests.conftest import ROOT
from tests.sections.figure_checks import CFG

CHILDREN = "Children's Social Care"
#: 30 pounds an hour x 37 hours x 46 weeks.
AGENCY = 30 * 37 * 46  # 51,060


def snapshot() -> pd.DataFrame:
    """Social Workers: 6 + 2 permanent FTE at G7 (two teams), 5 at G8; Senior Practitioners: 4
    at G8. Agency FTE: 3, 1, 2 and 1."""
    rows = [
        ("Team A", "Social Worker", "G7", 10, 6, 3, 4),
        ("Team B", "Social Worker", "G7", 3, 2, 1, 1),
        ("Team A", "Social Worker", "G8", 7, 5, 2, 2),
        ("Team A", "Senior Practitioner", "G8", 5, 4, 1, 1),
    ]
    cols = ["team", "job_title", "grade", "establishment_fte", "permanent_fte"]
    cols += ["agency_fte", "vacant_fte"]
    frame = pd.DataFrame(rows, columns=cols).astype({c: float for c in cols[3:]})
    return frame.assign(service=CHILDREN)


def pay() -> pd.DataFrame:
    """Cost for one year: Social Worker G7 40,000, G8 44,000; Senior Practitioner G8 46,000."""
    return pd.DataFrame(
        {
            "service": [CHILDREN] * 3,
            "job_title": ["Social Worker", "Social Worker", "Senior Practitioner"],
            "grade": ["G7", "G8", "G8"],
            "salary": [33000.0, 36000.0, 38000.0],
            "employer_ni": [3000.0, 4000.0, 4000.0],
            "market_supplement": [0.0, 0.0, 0.0],
            "car_allowance": [4000.0, 4000.0, 4000.0],
            "annual_cost": [40000.0, 44000.0, 46000.0],
        }
    )


def review():
    """The review as a council new to the tool sets it up: its pay rates in ``pay.csv``."""
    datasets = {
        key: Dataset(file=f"{key}.csv", description=key, source=f"Council {key}")
        for key in ("workforce_snapshot", "pay_rates")
    }
    return CFG.model_copy(update={"services": [CHILDREN], "datasets": datasets})


def build(**params):
    frames = {"workforce_snapshot": snapshot(), "pay_rates": pay()}
    return wr.build(FramesContext(review(), None, frames), {"as_at": "2025-03-31", **params})


def test_the_shipped_defaults_name_no_post_grade_or_rate():
    p = WorkforceParameters()
    assert p.agency_hourly_rate == 0 and p.agency_rate_basis == "" and p.agency_comparator == ""
    assert p.capped_rate_roles == [] and p.cost_comparators == [] and p.supplement_change == {}
    dumped = str(list(p.model_dump().values()))  # the values, not the parameter names
    for word in ("Senior Practitioner", "Social Worker", "M1", "M2", "32", "capped"):
        assert word not in dumped, word


def test_without_the_parameters_each_costing_is_not_done_in_one_line_naming_what_to_set():
    result = build()
    # what needs no assumption is built: the agency rate, 7 agency FTE of 7 + 17 in post
    rates = result.tables["agency_rates"].frame.set_index("service")
    assert rates.loc[CHILDREN, "agency_rate_percent"] == pytest.approx(100 * 7 / (7 + 17))
    # nothing is costed at £0 an hour or on another council's posts
    assert "agency_premium" not in result.tables
    assert not [k for k in result.figure_keys() if "cost" in k or k == "agency_premium"]
    p = WorkforceParameters()
    assert wpo.not_done(p, "agency_premium") == (
        "The extra cost of the agency workers in post over permanent staff is not done: the "
        "review configuration sets no agency_hourly_rate (the pounds an hour the council pays "
        "for an agency practitioner) and no capped_rate_roles (the job titles that hourly rate "
        "applies to). To have it, set agency_hourly_rate and capped_rate_roles under "
        "parameters of the 40_workforce_costs section of this meeting in the review "
        "configuration."
    )
    rate_only = WorkforceParameters(agency_hourly_rate=30.0)
    assert wpo.not_done(rate_only, "supplement_model") == (
        "The model of withdrawing a market supplement is not done: the review configuration "
        "sets no supplement_change (the supplement whose withdrawal is modelled). To have it, "
        "set supplement_change under parameters of the 40_workforce_costs section of this "
        "meeting in the review configuration."
    )
    assert "\n" not in wpo.not_done(p, "cost_comparison")
    assert "cost_comparators" in wpo.not_done(rate_only, "cost_comparison")


def test_a_post_without_a_grade_is_costed_at_the_job_titles_commonest_permanent_grade():
    # Social Worker: 6 + 2 = 8 permanent FTE at G7 against 5 at G8: G7, £40,000 a year.
    assert wpo.commonest_grade(snapshot(), CHILDREN, "Social Worker") == "G7"
    assert wpo.commonest_grade(snapshot(), CHILDREN, "Team Manager") is None
    result = build(
        agency_hourly_rate=30.0,
        capped_rate_roles=["Social Worker"],
        cost_comparators=[{"service": CHILDREN, "job_title": "Social Worker"}],
    )
    fig = result.figure("agency_extra_cost_per_post_childrens_social_worker_g7")
    assert fig.value == AGENCY - 40_000 == 11_060
    assert fig.population == f"{CHILDREN}: one Social Worker post (G7)"
    # the premium over the 3 + 1 + 2 agency FTE of Social Workers: at G7 4 x 11,060 and at G8
    # 2 x (51,060 - 44,000) = 14,120: 58,360 a year
    assert result.figure("agency_premium").value == pytest.approx(4 * 11_060 + 2 * 7_060)


def test_a_post_the_pay_rates_do_not_cost_stops_naming_the_parameter_file_and_what_to_do():
    with pytest.raises(OfficerError) as caught:
        build(
            agency_hourly_rate=30.0,
            cost_comparators=[
                {"service": CHILDREN, "job_title": "Social Worker", "grade": "G7"},
                {"service": CHILDREN, "job_title": "Senior Practitioner", "grade": "M2"},
            ],
        )
    message = str(caught.value)
    lines = message.splitlines()
    assert lines[0] == (
        f"The pay rates have no rate for Senior Practitioner at M2 in {CHILDREN}, the post "
        "cost_comparators (entry 2) names (parameter of the 40_workforce_costs section)."
    )
    assert lines[1].startswith("  file:") and lines[1].endswith("pay_rates.csv")
    assert lines[2] == f"  expected: a row for Senior Practitioner at grade M2 in {CHILDREN}"
    assert lines[3] == f"  found:    Senior Practitioner in {CHILDREN} at G8"
    assert lines[4].startswith("What to do: name a job title and grade the pay rates hold in ")
    assert "config/reviews/luton-sw-2016.yml" in lines[4]
    # a job title the pay rates do not hold at all lists those they hold
    with pytest.raises(OfficerError, match="its job titles: Senior Practitioner, Social Worker"):
        build(supplement_change={"service": CHILDREN, "job_title": "Team Manager", "grade": "G9"})


@pytest.mark.slow  # `validate` and `build` in subprocesses (25 s), unseen by the quick guard
def test_a_post_the_pay_rates_do_not_cost_stops_the_build_with_exit_2(tmp_path):
    """One section of a generated council: `validate` and the build both stop with exit 2 and
    the message, no traceback."""
    from tests.councils import generators as gen
    from tests.councils.reviews import meeting_date, workforce_parameters, write_review

    council = gen.northshire()
    needs = ("workforce_snapshot", "pay_rates", "caseloads", "market_supplements")
    council.rows = {k: council.rows[k] for k in needs}
    council.survey = []
    params = workforce_parameters(council)
    params["cost_comparators"] = [
        {"service": CHILDREN, "job_title": "Social Worker", "grade": "M2"}
    ]
    params["agency_hourly_rate"] = 30
    config = write_review(
        council,
        tmp_path / "review",
        survey_tool="plain",
        meeting=meeting_date(council),
        sections=[{"notebook": "40_workforce_costs", "parameters": params}],
    )
    folders = ["--outputs", str(tmp_path / "out"), "--processed", str(tmp_path / "processed")]
    for command in (
        ["validate", str(config)],
        ["build", str(config), *folders, "--no-cache", "-q"],
    ):
        run = subprocess.run(
            [sys.executable, "-m", "pipelines", *command],
            cwd=ROOT,
            env={**os.environ, "PYTHONWARNINGS": "ignore"},
            capture_output=True,
            text=True,
            timeout=600,
        )
        said = run.stdout + run.stderr
        assert run.returncode == 2, (command[0], said[-3000:])
        assert "Traceback" not in said
        assert (
            f"The pay rates have no rate for Social Worker at M2 in {CHILDREN}, the post "
            "cost_comparators (entry 1) names" in said
        )
        assert "expected: a row for Social Worker at grade M2" in said
        assert f"found:    Social Worker in {CHILDREN} at G7" in said
