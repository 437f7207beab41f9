"""``build --param`` reaches every reader of the meeting's parameters: the values are recorded
beside the build's tidy data and applied by ``run_context`` (a section reading another's
parameters, the SWOT, the scorecard), and a section that reads another's parameters holds them
in its step-cache key."""

from __future__ import annotations

import json
from types import SimpleNamespace

from pipelines import cache as stepcache
from pipelines.core.config import load_review
from pipelines.core.context import run_context
from pipelines.core.run_records import PARAMETERS_RECORD, record_parameters, recorded_parameters
from pipelines.orchestrator import section_cache_keys
from tests.conftest import DEMO_REVIEW

CFG = load_review(DEMO_REVIEW)
MEETING = "2016-09-21"
OTHER = "2017-02-28"
WORKFORCE = "40_workforce_costs"


def posts(cfg, meeting: str) -> object:
    (ref,) = [s for s in cfg.meeting(meeting).sections if s.notebook == WORKFORCE]
    return ref.parameters.get("posts_made_permanent")


def test_overrides_replace_one_meetings_section_parameters_only():
    before = (posts(CFG, MEETING), posts(CFG, OTHER))
    changed = CFG.with_section_parameters(MEETING, {WORKFORCE: {"posts_made_permanent": 17}})
    assert posts(changed, MEETING) == 17
    assert posts(changed, OTHER) == before[1]  # another meeting keeps its own
    assert (posts(CFG, MEETING), posts(CFG, OTHER)) == before  # the loaded review is unchanged
    others = {
        k: v
        for k, v in next(
            s for s in changed.meeting(MEETING).sections if s.notebook == WORKFORCE
        ).parameters.items()
        if k != "posts_made_permanent"
    }
    assert others == {
        k: v
        for k, v in next(
            s for s in CFG.meeting(MEETING).sections if s.notebook == WORKFORCE
        ).parameters.items()
        if k != "posts_made_permanent"
    }
    assert CFG.with_section_parameters(MEETING, {}) is CFG


def test_the_record_applies_to_its_own_meeting_only(tmp_path):
    given = {WORKFORCE: {"posts_made_permanent": 17}}
    record_parameters(tmp_path, CFG.meeting(MEETING).date, given)
    assert json.loads((tmp_path / PARAMETERS_RECORD).read_text())["meeting"] == MEETING
    assert recorded_parameters(tmp_path, MEETING) == given
    assert recorded_parameters(tmp_path, OTHER) == {}
    ctx = run_context(DEMO_REVIEW, MEETING, processed_dir=tmp_path)
    assert posts(ctx.review, MEETING) == 17
    other = run_context(DEMO_REVIEW, OTHER, processed_dir=tmp_path)
    assert posts(other.review, OTHER) == posts(CFG, OTHER)
    # a build without --param leaves no record behind
    record_parameters(tmp_path, CFG.meeting(MEETING).date, None)
    assert not (tmp_path / PARAMETERS_RECORD).exists()
    assert posts(run_context(DEMO_REVIEW, MEETING, processed_dir=tmp_path).review, MEETING) == (
        posts(CFG, MEETING)
    )


def test_an_unreadable_record_is_no_record(tmp_path):
    (tmp_path / PARAMETERS_RECORD).write_text("{not json", encoding="utf-8")
    assert recorded_parameters(tmp_path, MEETING) == {}
    (tmp_path / PARAMETERS_RECORD).write_text('{"meeting": "2016-09-21", "parameters": 3}')
    assert recorded_parameters(tmp_path, MEETING) == {}


def test_a_section_reading_anothers_parameters_holds_them_in_its_key(tmp_path):
    assert stepcache.parameters_read("45_retention") == (WORKFORCE,)
    assert stepcache.parameters_read("10_leavers") == ()

    def keys(workforce: dict) -> dict[str, str]:
        refs = [
            SimpleNamespace(notebook="10_leavers", parameters={}),
            SimpleNamespace(notebook=WORKFORCE, parameters=workforce),
            SimpleNamespace(notebook="45_retention", parameters={}),
            SimpleNamespace(notebook="90_data_quality", parameters={}),
        ]
        data = {"leavers.parquet": "a", PARAMETERS_RECORD: json.dumps(workforce)}
        return section_cache_keys(CFG, refs, {"meeting": MEETING}, data, raw=tmp_path, code="")

    ten, twelve = keys({"posts_made_permanent": 10}), keys({"posts_made_permanent": 12})
    assert ten[WORKFORCE] != twelve[WORKFORCE]
    assert ten["45_retention"] != twelve["45_retention"]
    # neither the sections that read none of them nor the record file itself re-run others
    assert ten["10_leavers"] == twelve["10_leavers"]
    assert ten["90_data_quality"] == twelve["90_data_quality"]


def test_published_figures_are_checked_on_the_configured_parameters():
    """A what-if (``--param``) changes the pack's own figures, never the check of what the
    officers printed: reconcile reads the review as configured."""
    changed = CFG.with_section_parameters(MEETING, {WORKFORCE: {"posts_made_permanent": 17}})
    assert changed.as_configured() is CFG
    assert CFG.as_configured() is CFG
    again = changed.with_section_parameters(MEETING, {WORKFORCE: {"posts_made_permanent": 18}})
    assert again.as_configured() is CFG and posts(again, MEETING) == 18
