"""Section parameter checks: ranges, orderings and the review they are built for (issue 26)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipelines.core.errors import ConfigError
from pipelines.core.registry import (
    check_parameters,
    check_review_parameters,
    increasing,
    parse_parameter_overrides,
)


@given(st.lists(st.integers(-1000, 1000), max_size=6))
def test_increasing_accepts_exactly_the_strictly_increasing_lists(values):
    ok = bool(values) and all(b > a for a, b in zip(values, values[1:], strict=False))
    if ok:
        assert increasing(values, "edges") == values
    else:
        with pytest.raises(ValueError, match="edges must"):
            increasing(values, "edges")


def test_increasing_names_the_value_out_of_order_and_the_limits():
    with pytest.raises(ValueError, match=r"edges must increase .*; 2 comes after 5$"):
        increasing([1, 5, 2], "edges")
    with pytest.raises(ValueError, match="must all be above 0; the first is 0"):
        increasing([0, 1], "edges", above=0)
    with pytest.raises(ValueError, match="must all be 100 or less; the last is 120"):
        increasing([1, 120], "edges", at_most=100)
    with pytest.raises(ValueError, match="at most 2 decimal places"):
        increasing([1.005], "edges", decimals=2)


@pytest.mark.parametrize(
    ("notebook", "params", "line"),
    [
        (
            "40_workforce_costs",
            {"agency_hours_per_week": 200},
            "section 40_workforce_costs: parameter 'agency_hours_per_week' expects float of 168 "
            "or less, found 200",
        ),
        (
            "40_workforce_costs",
            {"cost_comparators": [{"service": "Children's Social Care", "grade": "M2"}]},
            "section 40_workforce_costs: parameter 'cost_comparators': cost_comparators entry 1 "
            "must name a post as {service: ..., job_title: ..., grade: ...} (grade may be left "
            "out); missing: job_title; "
            "found [{'service': \"Children's Social Care\", 'grade': 'M2'}]",
        ),
        (
            "40_workforce_costs",
            {"cases_per_worker": {"Care leavers": 0}},
            "section 40_workforce_costs: parameter 'cases_per_worker': cases one worker holds "
            "must be above 0 (they divide the cases); not so for: Care leavers; found "
            "{'Care leavers': 0}",
        ),
        (
            "15_recruitment",
            {"campaigns": [{"name": "Spring", "target": -3}]},
            "section 15_recruitment: parameter 'campaigns': campaign 1 (\"Spring\"): target "
            "must be a number, 0 or more; found -3; found [{'name': 'Spring', 'target': -3}]",
        ),
        (
            "40_workforce_costs",
            {"as_at": "30/07/2016"},
            "section 40_workforce_costs: parameter 'as_at': as_at must be a date written "
            "YYYY-MM-DD, e.g. 2025-03-31; found '30/07/2016'",
        ),
        (
            "10_leavers",
            {"short_service_focus": "Early Help"},
            "section 10_leavers: short_service_focus is 'Early Help', which has no band edges "
            "in service_bands (services: Adult Social Care, Children's Social Care): name one "
            "of them",
        ),
        (
            "10_leavers",
            {"top_n": 0},
            "section 10_leavers: parameter 'top_n' expects int of 1 or more, found 0",
        ),
        (
            "20_surveys",
            {"resamples": 10},
            "section 20_surveys: parameter 'resamples' expects int of 100 or more, found 10",
        ),
        (
            "30_local_vs_national",
            {"year": 16},
            "section 30_local_vs_national: parameter 'year': year must be 0 (the latest year) "
            "or a year such as 2016; found 16",
        ),
    ],
)
def test_a_value_out_of_range_is_refused_naming_section_parameter_expected_and_found(
    notebook, params, line
):
    with pytest.raises(ValueError) as caught:
        check_parameters(notebook, params)
    assert str(caught.value) == line


def test_the_command_line_reports_every_bad_value_at_once():
    with pytest.raises(ValueError) as caught:
        parse_parameter_overrides(
            ["workforce.agency_weeks_per_year=0", "workforce.posts_made_permanent=-5"]
        )
    lines = str(caught.value).splitlines()
    assert lines == [
        "--param: section 40_workforce_costs: parameter 'agency_weeks_per_year' expects float "
        "above 0, found 0",
        "--param: section 40_workforce_costs: parameter 'posts_made_permanent' expects int of 0 "
        "or more, found -5",
    ]


def test_parameters_are_checked_against_the_review():
    review = SimpleNamespace(
        services=["Adult Social Care", "Children's Social Care"], datasets={"staff_survey": 1}
    )
    refs = [
        SimpleNamespace(
            notebook="10_leavers",
            parameters={"service_bands": {"Children's Social Care": [1, 2]}},
        ),
        SimpleNamespace(notebook="20_surveys", parameters={"previous_wave": "survey_2014"}),
        SimpleNamespace(notebook="90_data_quality", parameters={}),
    ]
    with pytest.raises(ConfigError) as caught:
        check_review_parameters(review, refs)
    assert str(caught.value).splitlines() == [
        "A section parameter does not fit the review:",
        "section 10_leavers: parameter 'service_bands' gives no band edges for Adult Social "
        "Care, a service of this review (it gives: Children's Social Care); add them, e.g. "
        "Adult Social Care: [1, 2, 5, 10]",
        "section 20_surveys: parameter 'previous_wave' is 'survey_2014', which is not a dataset "
        "of this review (its datasets: staff_survey); name the earlier wave's dataset or leave "
        "it blank",
        "Correct it in the review configuration or in --param.",
    ]
    check_review_parameters(review, refs[2:])  # nothing to say: no error


def test_a_review_config_with_bands_out_of_order_is_refused_when_it_is_read(tmp_path):
    from pipelines.core.config import load_review
    from tests.core.test_config import _write_variant

    def bands_backwards(data: dict) -> None:
        for meeting in data["meetings"]:
            for section in meeting.get("sections") or []:
                if section["notebook"] == "40_workforce_costs" and section.get("parameters"):
                    section["parameters"]["experience_bands"] = [3, 1]
                    return

    with pytest.raises(ConfigError) as caught:
        load_review(_write_variant(tmp_path, bands_backwards))
    assert (
        "section 40_workforce_costs: parameter 'experience_bands': the experience band edges "
        "(years since qualifying) must increase from left to right" in str(caught.value)
    )
