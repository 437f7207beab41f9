"""The retention section in the demo's 21 September 2016 meeting: its findings reach the ranked
key findings with their materiality, and its "made permanent" option converts the workforce
section's number of posts (the demo exports, cleaned; figures checked against the rule)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from pipelines.core.results import FramesContext
from pipelines.sections import findings as fd
from pipelines.sections.retention import result as rr
from pipelines.sections.workforce import costs as wco
from tests.conftest import DEMO_MEETING, demo_frames
from tests.sections.figure_checks import CFG, meeting_parameters

RULES = fd.load_rules()


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return demo_frames()


@pytest.fixture(scope="module")
def retention(frames):
    return rr.build(FramesContext(CFG, DEMO_MEETING, frames), meeting_parameters("45_retention"))


@pytest.fixture(scope="module")
def ranked(frames):
    return fd.ranked_findings(CFG, frames, DEMO_MEETING)


def test_the_sections_findings_are_ranked_with_their_materiality(retention, ranked):
    assert retention.findings, "the demo's retention section proposes no finding"
    by_key = {f.key: f for f in ranked}
    for proposed in retention.findings:
        found = by_key.get(proposed.figure)
        assert found is not None, (proposed.figure, list(by_key))
        assert found.section == "45_retention"
        assert math.isclose(found.amount, proposed.materiality, rel_tol=1e-9)
        people = (
            proposed.materiality / RULES.pounds_per_person
            if proposed.unit == "£ a year"
            else proposed.materiality
        )
        assert math.isclose(found.score, people * RULES.weight(found.key), rel_tol=1e-9)


def test_the_section_orders_its_findings_by_the_configured_pounds_per_person(retention):
    assert rr.pounds_per_person() == RULES.pounds_per_person

    def people(f):
        return f.materiality / RULES.pounds_per_person if f.unit == "£ a year" else f.materiality

    scores = [people(f) for f in retention.findings]
    assert scores == sorted(scores, reverse=True)


def test_pounds_per_person_is_read_from_the_file(tmp_path):
    path = tmp_path / "findings.yml"
    path.write_text("top: 5\npounds_per_person: 25000\n", encoding="utf-8")
    assert rr.pounds_per_person(path) == 25_000 == fd.load_rules(path).pounds_per_person


def test_made_permanent_uses_the_workforce_sections_number_of_posts(retention, frames):
    workforce = fd.section_parameters(
        "40_workforce_costs", meeting_parameters("40_workforce_costs")
    )
    n = workforce["posts_made_permanent"]
    assert n > 0
    # the workforce section's saving a year is on n posts in each compared post...
    savings = wco.conversion_savings(
        frames["pay_rates"],
        workforce["cost_comparators"],
        n,
        workforce["agency_hourly_rate"],
        workforce["agency_hours_per_week"],
        workforce["agency_weeks_per_year"],
    )
    assert set(savings["Agency posts made permanent"]) == {n}
    # ...and the retention option converts the same n agency FTE at the snapshot date
    name = f"{n:g} agency posts made permanent: cost over time"
    proj = retention.tables["projection"].frame
    service = meeting_parameters("45_retention").get("scenario_service", "Children's Social Care")
    rows = proj[proj["service"] == service]
    base = rows[rows["scenario"] == "Current rates continue"].iloc[0]
    option = rows[rows["scenario"] == name].iloc[0]
    assert math.isclose(option["agency"], base["agency"] - n)
    assert math.isclose(option["permanent"], base["permanent"] + n)
    scen = retention.tables["scenarios"].frame.set_index("scenario")
    assert scen.loc[name, "what"].startswith(f"{n:g} agency FTE made permanent at the snapshot")
    assert "saving" not in scen.loc[name, "what"]  # a saving the report does not show
