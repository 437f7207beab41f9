"""``build --param``: a value a member might ask about builds, or is refused with exit 2.

The red team's what-ifs (issue 26): ``agency_hourly_rate=20`` stopped the build with "an
unexpected error" (exit 1) because a negative saving was neutralised as a formula in the CSV and
read back; ``agency_weeks_per_year=0`` and ``experience_bands=[3, 1]`` ended the same way and
``posts_made_permanent=-5`` was accepted. The properties over every section's parameters are in
``tests/sections/test_parameter_ranges.py``; the builds here are the few that run for real.
"""

from __future__ import annotations

import csv

import pandas as pd
import pytest
from typer.testing import CliRunner

from pipelines.cli import app
from tests.conftest import DEMO_MEETING, DEMO_REVIEW


def build(tmp_path, *params: str):
    """Run ``build`` of the demo meeting (public run only) with ``--param`` items."""
    args = ["build", DEMO_REVIEW, "-m", DEMO_MEETING, "--variant", "public", "-q", "-j", "1"]
    args += ["--outputs", str(tmp_path / "out"), "--processed", str(tmp_path / "proc")]
    for p in params:
        args += ["--param", p]
    return CliRunner().invoke(app, args)


@pytest.mark.parametrize(
    ("item", "says"),
    [
        (
            "40_workforce_costs.agency_weeks_per_year=0",
            "parameter 'agency_weeks_per_year' expects float above 0, found 0",
        ),
        (
            "40_workforce_costs.experience_bands=[3, 1]",
            "parameter 'experience_bands': the experience band edges (years since qualifying) "
            "must increase from left to right, each larger than the one before (e.g. [1, 3]); "
            "1 comes after 3; found [3, 1]",
        ),
        (
            "workforce.posts_made_permanent=-5",
            "parameter 'posts_made_permanent' expects int of 0 or more, found -5",
        ),
        (
            "workforce.caseload_standards=[15, 20]",
            "caseload_standards gives 2 recommended caseload(s) but experience_bands [1, 3] "
            "make 3 bands",
        ),
        ("surveys.confidence=95", "parameter 'confidence' expects float below 1, found 95"),
        ("workforce.agency_hourly_rate=.nan", "'agency_hourly_rate' expects float"),
    ],
)
def test_a_value_out_of_range_stops_before_building_naming_it(tmp_path, item, says):
    result = build(tmp_path, item)
    assert result.exit_code == 2, result.output
    assert "A --param is not right" in result.output
    assert says in " ".join(result.output.split())
    assert "unexpected error" not in result.output
    assert not (tmp_path / "out").exists()


def _cells(path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


@pytest.mark.slow
def test_a_cheaper_agency_rate_builds_and_shows_a_cost(tmp_path):
    result = build(tmp_path, "40_workforce_costs.agency_hourly_rate=20")
    assert result.exit_code == 0, result.output
    meeting = tmp_path / "out" / DEMO_REVIEW / DEMO_MEETING
    tables = meeting / "internal" / "tables"
    pay = pd.read_parquet(tmp_path / "proc" / DEMO_REVIEW / "pay_rates.parquet")
    register = pd.read_parquet(tmp_path / "proc" / DEMO_REVIEW / "market_supplements.parquet")
    cost = pay.set_index(["service", "job_title", "grade"])["annual_cost"]
    agency = 20 * 37 * 46  # £34,040 a year
    # The demo meeting makes 6 posts permanent; each Senior Practitioner M2 costs more than
    # £34,040, so making them permanent is an extra cost, shown as a positive cost.
    savings = pd.read_csv(tables / "40_workforce_costs__conversion-savings.csv")
    assert list(savings.columns[-2:]) == ["Extra cost per post (£)", "Extra cost a year (£)"]
    sp = cost[("Children's Social Care", "Senior Practitioner", "M2")]
    row = savings[savings["Post"] == "Children's Senior Practitioner"].iloc[0]
    assert row["Extra cost per post (£)"] == sp - agency
    assert row["Extra cost a year (£)"] == 6 * (sp - agency)
    # The supplement model: a social worker M1 without the supplement costs more than agency
    # work, so a leaver replaced by an agency worker is a saving (the issue's -835).
    covers = [
        r["service"] in (None, "Children's Social Care")
        and "Social Worker" in str(r["job_titles"]).split("; ")
        and "M1" in str(r["grades"]).split("/")
        for _, r in register.iterrows()
    ]
    supplement = register[covers]["market_supplement"].iloc[0]
    without = cost[("Children's Social Care", "Social Worker", "M1")] - supplement
    assert without - agency == 835
    model = dict(_cells(tables / "40_workforce_costs__supplement-model.csv")[1:])
    leaver = "Extra cost a year of each leaver replaced by an agency worker (£)"
    assert model[leaver] == "a saving of £835"
    assert model["Break-even (leavers)"].startswith("none")
    # No number in any CSV was written as a neutralised formula.
    for path in meeting.rglob("tables/*.csv"):
        for line in _cells(path):
            for cell in line:
                if cell.startswith("'"):
                    with pytest.raises(ValueError):
                        float(cell[1:].replace("£", "").replace(",", "").rstrip("%"))
    html = (meeting / "public" / "report.html").read_text(encoding="utf-8")
    assert "-£" not in html
    annex = (meeting / "internal" / "annex.html").read_text(encoding="utf-8")
    assert "Extra cost a year if 6 agency posts were made permanent" in annex
    assert "a year less than permanent staff in the same posts" in annex


@pytest.mark.slow
def test_values_at_the_edges_of_their_ranges_build(tmp_path):
    """A band nobody falls in, no leavers shown, no posts made permanent, a negative extra cost."""
    result = build(
        tmp_path,
        "workforce.experience_bands=[0.01, 40]",
        "workforce.caseload_standards=[10, 20, 30]",
        "workforce.max_leavers=0",
        "workforce.posts_made_permanent=0",
        "workforce.extra_cost_per_leaver=-1000",
        "leavers.top_n=20",
        "surveys.small_n=0",
    )
    assert result.exit_code == 0, result.output
    tables = tmp_path / "out" / DEMO_REVIEW / DEMO_MEETING / "internal" / "tables"
    bands = pd.read_csv(tables / "40_workforce_costs__caseload-bands.csv")
    assert bands["Experience"].tolist() == [
        "Newly qualified (under 0.01 years)",
        "0.01 to 40 years",
        "40 years or more",
    ]
    assert bands["Workers"].iloc[0] == 0 and pd.isna(bands["Average caseload"].iloc[0])
    model = dict(_cells(tables / "40_workforce_costs__supplement-model.csv")[1:])
    leaver = "Extra cost a year of each leaver replaced by an agency worker (£)"
    assert model[leaver] == "a saving of £1,000"


@pytest.mark.slow
def test_bands_that_leave_out_a_service_of_the_review_are_refused(tmp_path):
    result = build(tmp_path, "leavers.service_bands={Children's Social Care: [1, 2, 5]}")
    assert result.exit_code == 2, result.output
    text = " ".join(result.output.split())
    assert (
        "section 10_leavers: parameter 'service_bands' gives no band edges for Adult Social "
        "Care, a service of this review" in text
    )
    assert "unexpected error" not in text
    assert not (tmp_path / "out" / DEMO_REVIEW / DEMO_MEETING).exists()
