"""A council without the recruitment export types its papers' figures into the recruitment section.

Sandwell's report (11 September 2017) is the example: its figures are read from
../shared/reference/seed_figures.yml through the ``seed`` fixture and typed in as the section's
``campaigns``; the section is the one place they go (the workforce section no longer takes them).
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from pipelines.core.config import load_review
from pipelines.core.results import FramesContext
from pipelines.sections.recruitment import analysis as ra
from pipelines.sections.recruitment import result as rr
from pipelines.sections.recruitment.parameters import RecruitmentParameters
from pipelines.sections.workforce.parameters import WorkforceParameters
from tests.conftest import examples
from tests.sections.recruitment import sandwell as sw


@pytest.fixture(scope="module")
def no_export():
    cfg = load_review("luton-sw-2016")
    return cfg.model_copy(
        update={"datasets": {k: v for k, v in cfg.datasets.items() if k != "recruitment"}}
    )


def test_sandwell_figures_typed_in_build_the_campaigns_table_with_their_sources(seed, no_export):
    s = seed["sandwell"]
    campaigns = sw.sandwell_campaigns(seed)
    result = rr.build(FramesContext(no_export, "2016-09-21", {}), {"campaigns": campaigns})
    campaigns = result.tables["campaigns"]
    assert campaigns.caption.endswith(
        ". The figures are as the council's papers report them. A campaign with – as its target "
        "has no target set."
    )  # open recruitment has no target (below)
    assert "applications" not in campaigns.frame.columns  # Sandwell prints none
    table = campaigns.frame.set_index("campaign")
    assert list(table.index) == [sw.OPEN, sw.PARTNER_SW, sw.PARTNER_TM, sw.AGENCY, sw.NQSW]
    # Open recruitment: only the total appointed is printed (59 in six months), no target.
    opened = table.loc[sw.OPEN]
    assert opened["appointed"] == s["appointments_first_6_months_2017"]["value"]
    assert math.isnan(opened["in_post"]) and math.isnan(opened["target"])
    assert opened["figures_from"] == (
        f"typed in ({s['appointments_first_6_months_2017']['source']})"
    )
    # The agency campaign: 4 in post + 7 in checks = 11 appointed of 15; 4 still to appoint.
    agency = table.loc[sw.AGENCY]
    in_post, checks = (
        s["dedicated_agency_in_post"]["value"],
        s["dedicated_agency_in_checks"]["value"],
    )
    target = s["dedicated_agency_target"]["value"]
    assert agency[["in_post", "in_checks", "appointed", "target"]].tolist() == [
        in_post,
        checks,
        in_post + checks,
        target,
    ]
    assert agency["appointed"] == s["dedicated_agency_recruited"]["value"]
    assert agency["still_to_appoint"] == target - (in_post + checks)
    assert agency["share_of_target"] == pytest.approx(100 * (in_post + checks) / target)
    # The partner's targets and the newly qualified plan: targets and deadlines, none appointed yet.
    for name, key in ((sw.PARTNER_SW, "sanctuary_target_social_workers"),
                      (sw.PARTNER_TM, "sanctuary_target_team_managers"),
                      (sw.NQSW, "nqsw_recruitment_target")):  # fmt: skip
        row = table.loc[name]
        assert row["target"] == s[key]["value"] and math.isnan(row["appointed"])
        assert row["deadline"] == s[key]["deadline"]
    # Against target: only the campaign with both a target and an appointed count.
    fig = result.figure("recruitment_appointments_against_target")
    assert (fig.value, fig.comparators["target"]) == (in_post + checks, target)
    # cited as the review gives it: the paper, then its date
    assert fig.notes["target_source"] == (
        f"{s['dedicated_agency_recruited']['source']}, 11 September 2017"
    )
    assert result.findings[0].materiality == target - (in_post + checks)
    # No export: no funnel, so the findings are the campaigns' only.
    assert "funnel" not in result.tables
    assert rr.findings(result)[0].startswith(
        f"Campaigns with a target: {in_post + checks} appointed against targets adding up to "
        f"{target}"
    )


def test_the_workforce_section_no_longer_takes_campaign_figures():
    with pytest.raises(ValidationError, match="recruitment_campaigns"):
        WorkforceParameters(recruitment_campaigns=[{"campaign": "Spring", "target": 3}])


@pytest.mark.parametrize(
    ("campaign", "message"),
    [
        ({"target": 3}, "campaign 1 has no name: give name, campaign (its reference) or route"),
        (
            {"name": "Spring", "targt": 3},
            'campaign 1 ("Spring") has targt, which is not one of name, ',
        ),
        (
            {"name": "Spring", "in_post": -1},
            'campaign 1 ("Spring"): in_post must be a number, 0 or more; found -1',
        ),  # fmt: skip
        (
            {"name": "Spring", "appointed": "ten"},
            "campaign 1 (\"Spring\"): appointed must be a number, 0 or more; found 'ten'",
        ),  # fmt: skip
        (
            {"name": "Spring", "in_post": 4, "in_checks": 7, "appointed": 12},
            'campaign 1 ("Spring"): appointed (12) must be in_post + in_checks (4 + 7); give '
            "the total alone, or correct the figures",
        ),  # fmt: skip
    ],
)
def test_a_typed_in_campaign_that_cannot_be_right_is_refused_naming_it(campaign, message):
    with pytest.raises(ValidationError) as exc:
        RecruitmentParameters(campaigns=[campaign])
    assert message in str(exc.value)


counts = st.one_of(st.none(), st.integers(0, 500))


@settings(max_examples=examples(80), deadline=None)
@given(in_post=counts, in_checks=counts, total=counts, target=counts)
def test_typed_in_appointed_is_the_total_or_the_parts_added(in_post, in_checks, total, target):
    campaign = {"name": "C", "in_post": in_post, "in_checks": in_checks, "appointed": total,
                "target": target}  # fmt: skip
    parts_given = in_post is not None and in_checks is not None
    if total is not None and parts_given and in_post + in_checks != total:
        with pytest.raises(ValidationError, match="must be in_post \\+ in_checks"):
            RecruitmentParameters(campaigns=[campaign])
        return
    RecruitmentParameters(campaigns=[campaign])
    row = ra.campaign_rows([campaign], None).iloc[0]
    if total is not None:
        expected = total
    elif in_post is None and in_checks is None:
        expected = math.nan
    else:
        expected = (in_post or 0) + (in_checks or 0)
    assert row["appointed"] == expected or (math.isnan(expected) and math.isnan(row["appointed"]))
    if target and not math.isnan(expected):
        assert row["still_to_appoint"] == max(target - expected, 0)
        assert row["share_of_target"] == pytest.approx(100 * expected / target)
    assert row["figures_from"] == "typed in"
