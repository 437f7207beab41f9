"""A survey's period is said once, by its dataset in the review config (issue 22).

The surveys section's ``staff_period`` / ``locum_period`` come from the datasets' period (their
``period``, else the period their ``source`` names); a parameter is only an override, refused
when it names another period. The demo configs no longer repeat the period per meeting.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from pipelines.core.config import Review, load_review
from pipelines.core.data_periods import named_period, stated_period

ROOT = Path(__file__).resolve().parents[2]
DEMO_REVIEWS = ("luton-sw-2016", "coventry-sw-2018")
SURVEYS = "20_surveys"
PERIODS = {"staff_period": "staff_survey", "locum_period": "locum_survey"}


def raw(review: str) -> dict:
    return yaml.safe_load((ROOT / "config" / "reviews" / f"{review}.yml").read_text("utf-8"))


def surveys_refs(data: dict) -> list[dict]:
    return [
        ref
        for m in data["meetings"]
        for ref in m.get("sections") or []
        if ref.get("notebook") == SURVEYS
    ]


@pytest.mark.parametrize("review", DEMO_REVIEWS)
def test_the_demo_configs_state_each_survey_period_once(review):
    """The Luton staff survey period was written in three meetings' parameters and its source."""
    for ref in surveys_refs(raw(review)):
        given = set(ref.get("parameters") or {}) & set(PERIODS)
        assert not given, f"{review}: a meeting repeats the survey period ({sorted(given)})"


def test_every_meeting_gets_the_period_its_dataset_states():
    data = raw("luton-sw-2016")
    refs = surveys_refs(data)
    assert len(refs) >= 2  # the period was repeated per meeting before
    cfg = load_review("luton-sw-2016")
    for key, name in PERIODS.items():
        source = data["datasets"][name]["source"]
        stated = named_period(source)
        assert stated and stated in source  # the source names it, in its own words
        for m in cfg.meetings:
            for ref in m.sections:
                if ref.notebook == SURVEYS:
                    assert ref.parameters[key] == stated, (m.label, key)


def _with(data: dict, **params: object) -> dict:
    out = copy.deepcopy(data)
    surveys_refs(out)[0]["parameters"] = dict(params)
    return out


def test_a_parameter_naming_another_period_is_refused_and_the_same_one_accepted():
    data = raw("luton-sw-2016")
    stated = named_period(data["datasets"]["staff_survey"]["source"])
    with pytest.raises(ValidationError) as err:
        Review.model_validate(_with(data, staff_period="March to April 2016"))
    text = str(err.value)
    assert "'staff_period' is 'March to April 2016'" in text and repr(stated) in text
    # the same period, spaced or capitalised otherwise, is the same period
    same = Review.model_validate(_with(data, staff_period="  " + stated.upper()))
    assert [r for r in same.meetings if any(s.notebook == SURVEYS for s in r.sections)]


def test_a_datasets_own_period_is_used_and_must_agree_with_its_source():
    data = copy.deepcopy(raw("luton-sw-2016"))
    data["datasets"]["locum_survey"]["source"] = "Locum survey (agency export)"
    data["datasets"]["locum_survey"]["period"] = "June 2015"
    cfg = Review.model_validate(data)
    refs = [s for m in cfg.meetings for s in m.sections if s.notebook == SURVEYS]
    assert refs and all(s.parameters["locum_period"] == "June 2015" for s in refs)
    assert stated_period(cfg.datasets["locum_survey"]) == "June 2015"
    data["datasets"]["locum_survey"]["source"] = "Locum survey, July 2015"
    with pytest.raises(ValidationError, match="'June 2015' but the source names 'July 2015'"):
        Review.model_validate(data)


def test_command_line_overrides_are_checked_against_the_dataset():
    from pipelines.core.errors import ConfigError
    from pipelines.core.registry import check_review_parameters

    cfg = load_review("luton-sw-2016")
    m = next(m for m in cfg.meetings if any(s.notebook == SURVEYS for s in m.sections))
    ref = next(s for s in m.sections if s.notebook == SURVEYS)
    bad = ref.model_copy(update={"parameters": {**ref.parameters, "locum_period": "May 2015"}})
    with pytest.raises(ConfigError, match="'locum_period' is 'May 2015'"):
        check_review_parameters(cfg, [bad])
    check_review_parameters(cfg, [ref])
