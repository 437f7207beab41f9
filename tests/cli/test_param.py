"""``evidence-pack build --param SECTION.KEY=VALUE``: parsed, checked by the section's model."""

from __future__ import annotations

import datetime as dt

import pytest
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.core.config import load_review
from pipelines.core.errors import ConfigError
from pipelines.core.registry import parse_parameter_overrides
from pipelines.orchestrator import pack_sections


def test_values_are_read_as_yaml_under_the_notebook():
    got = parse_parameter_overrides(
        [
            "workforce.posts_made_permanent=20",
            "40_workforce_costs.experience_bands=[1, 2.5]",
            "workforce.agency_rate_basis=framework rate",
        ]
    )
    assert got == {
        "40_workforce_costs": {
            "posts_made_permanent": 20,
            "experience_bands": [1, 2.5],
            "agency_rate_basis": "framework rate",
        }
    }


@pytest.mark.parametrize(
    ("item", "says"),
    [
        ("workforce.posts_made_permanent=ten", "'posts_made_permanent' expects int"),
        ("workforce.posts_made_permanet=3", "unknown parameter 'posts_made_permanet'"),
        ("wokforce.max_leavers=3", "no section 'wokforce'"),
        ("max_leavers=3", "write it as SECTION.KEY=VALUE"),
    ],
)
def test_a_bad_item_is_refused_naming_it(item, says):
    with pytest.raises(ValueError, match=says):
        parse_parameter_overrides([item])


def test_overrides_replace_the_configs_values_only_for_that_section():
    cfg = load_review("luton-sw-2016")
    mtg = cfg.meeting(dt.date(2016, 9, 21))
    refs = pack_sections(mtg, {"40_workforce_costs": {"posts_made_permanent": 3}})
    wf = next(r for r in refs if r.notebook == "40_workforce_costs")
    assert wf.parameters["posts_made_permanent"] == 3
    assert wf.parameters["agency_hourly_rate"] == 32  # the config's value kept
    assert (
        next(r for r in refs if r.notebook == "10_leavers").parameters
        == next(r for r in mtg.sections if r.notebook == "10_leavers").parameters
    )


def test_a_section_the_meeting_does_not_have_is_refused():
    mtg = load_review("luton-sw-2016").meeting(dt.date(2016, 8, 15))
    with pytest.raises(ConfigError, match="does not contain"):
        pack_sections(mtg, {"40_workforce_costs": {"posts_made_permanent": 3}})


def test_the_command_stops_with_the_officers_message_before_building():
    result = CliRunner().invoke(
        app, ["build", "luton-sw-2016", "-m", "2016-09-21", "--param", "workforce.max_leavers=x"]
    )
    assert result.exit_code == 2
    assert "A --param is not right" in result.output
    assert "'max_leavers' expects int" in result.output


def test_as_at_cannot_relabel_the_data_from_the_command_line():
    mtg = load_review("luton-sw-2016").meeting(dt.date(2016, 9, 21))
    with pytest.raises(ConfigError, match="the data are those of 2016-07-30"):
        pack_sections(mtg, {"40_workforce_costs": {"as_at": "2017-03-31"}})
