# ruff: noqa: E501
"""The recruitment section's result: figures read from its tables, public merges, no export."""

from __future__ import annotations

import pandas as pd
import pytest

from pipelines.core.config import load_review
from pipelines.core.disclosure import Policy
from pipelines.core.results import FramesContext
from pipelines.sections.recruitment import FIGURE_KEYS
from pipelines.sections.recruitment import analysis as ra
from pipelines.sections.recruitment import result as rr
from tests.datasets.recruitment.helpers import application, clean, write_export

OFFER = {"offered": "20/10/2015", "accepted": "22/10/2015"}


@pytest.fixture(scope="module")
def cfg():
    return load_review("luton-sw-2016")


@pytest.fixture(scope="module")
def frame(tmp_path_factory):
    """12 applications in the Luton period: 8 by job board, 2 each by two small routes.

    Job board: 8 applied, 4 offered, 3 accepted, 2 started (applied 1 and 2 October 2015,
    started 4 January and 1 February 2016: 95 and 122 days), 1 declined for pay.
    Microsite: 2 applied, 1 started (applied 5 October 2015, started 5 November: 31 days).
    Step Up: 2 applied, none offered.
    """
    rows = [
        application("A1", applied="01/10/2015", **OFFER, started="04/01/2016"),
        application("A2", applied="02/10/2015", **OFFER, started="01/02/2016"),
        application("A3", applied="03/10/2015", **OFFER),
        application("A4", applied="04/10/2015", offered="20/10/2015", declined="23/10/2015",
                    reason="Salary too low"),
        *[application(f"B{i}", applied="06/10/2015") for i in range(4)],
        application("M1", route="jobsgopublic", applied="05/10/2015", offered="12/10/2015",
                    accepted="13/10/2015", started="05/11/2015"),
        application("M2", route="jobsgopublic", applied="05/10/2015"),
        application("S1", route="Step Up", campaign="STEPUP", applied="01/07/2016"),
        application("S2", route="Step Up", campaign="STEPUP", applied="01/07/2016"),
    ]  # fmt: skip
    df, problems, _ = clean(write_export(tmp_path_factory.mktemp("r") / "r.csv", rows))
    assert problems == []
    return df


CAMPAIGNS = [
    {
        "name": "Step Up cohort",
        "campaign": "STEPUP",
        "target": 2,
        "deadline": "2017-04-30",
        "source": "Workforce plan (test)",
        "source_date": "2016-06-01",
    },
    {"name": "Job board ads", "route": "Job board", "cost": 3000},
]


def test_figures_are_read_from_the_tables(cfg, frame):
    result = rr.build(FramesContext(cfg, "2016-09-21", {"recruitment": frame}),
                      {"campaigns": CAMPAIGNS})  # fmt: skip
    fig = {f.key: f for f in result.figures}
    assert fig["recruitment_applications"].value == 12
    assert fig["recruitment_offer_acceptance"].value == pytest.approx(100 * 4 / 5)
    assert (
        fig["recruitment_offer_acceptance"].numerator,
        fig["recruitment_offer_acceptance"].denominator,
    ) == (4, 5)
    # Time to hire: 31, 95 and 122 days: median 95.
    assert fig["recruitment_time_to_hire"].value == 95
    # 3 children's starters in the 366 days of 1 September 2015 to 31 August 2016.
    assert fig["starters_per_year_childrens"].value == pytest.approx(3 * 365.25 / 366)
    assert fig["starters_per_year_adults"].value == 0
    # From the export only: no "Figures from" column (the source line says it).
    campaigns = result.tables["campaigns"]
    assert "figures_from" not in campaigns.frame.columns
    # (a campaign without a target adds the note on its dashes after it)
    assert campaigns.caption.split(" A campaign with")[0].endswith(
        ". Every application to the campaign in the export is counted."
    )
    # Step Up: 0 appointed against a target of 2.
    target = fig["recruitment_appointments_against_target"]
    assert (target.value, target.comparators["target"]) == (0, 2)
    assert result.findings[0].figure == "recruitment_appointments_against_target"
    assert result.findings[0].materiality == 2
    # Job board ads: £3,000 for 2 hires in post (A3 accepted, in checks: 3 appointed).
    assert fig["recruitment_cost_per_hire"].value == pytest.approx(3000 / 3)
    assert set(result.figure_keys()) <= set(FIGURE_KEYS)


def test_public_version_merges_small_routes(cfg, frame):
    # One more microsite application: microsite 3 and Step Up 2 add up to the threshold of 5.
    extra = frame[frame["application_ref"] == "M2"].assign(application_ref="M3")
    frame = pd.concat([frame, extra], ignore_index=True)
    result = rr.build(FramesContext(cfg, "2016-09-21", {"recruitment": frame}))
    full = rr.for_audience(result, "funnel_route", Policy("exempt", 5)).frame
    public = rr.for_audience(result, "funnel_route", Policy("public", 5)).frame
    assert full["route"].tolist() == [
        "Job board",
        "Recruitment microsite",
        "Step Up to Social Work",
    ]
    assert public["route"].tolist() == ["Job board", "Other routes"]
    assert public["applications"].tolist() == [8, 5]
    reasons = rr.for_audience(result, "declines", Policy("public", 5)).frame
    assert reasons["reason"].tolist() == [ra.OTHER_REASONS]
    assert rr.for_audience(result, "funnel_route", Policy("public", 5)).name == "funnel_route"


def test_public_findings_never_print_a_small_count(cfg, frame):
    result = rr.build(FramesContext(cfg, "2016-09-21", {"recruitment": frame}))
    exempt = rr.findings(result)
    public = rr.findings(result, Policy("public", 5))
    assert exempt[0] == ("12 applications were received in the period; 3 of 12 applications "
                         "led to a start.")  # fmt: skip
    assert public[0] == ("12 applications were received in the period; fewer than 5 of "
                         "the 12 applications led to a start.")  # fmt: skip
    assert any("fewer than 5 starters" in s for s in public)


def test_a_review_without_the_export_says_so_in_one_line(cfg):
    no_export = cfg.model_copy(
        update={"datasets": {k: v for k, v in cfg.datasets.items() if k != "recruitment"}}
    )
    result = rr.build(FramesContext(no_export, "2016-09-21", {}))
    assert result.tables == {} and result.figures == ()
    # The one line is the notebook's note (test_notebook_without_export), not a finding too.
    assert rr.findings(result) == []
    assert rr.NOT_PROVIDED.count(".") == 1 and "\n" not in rr.NOT_PROVIDED


def test_without_the_export_typed_in_campaigns_still_show(cfg):
    typed = [{"name": "Agency to permanent", "target": 15, "in_post": 4, "in_checks": 7,
              "deadline": "immediately"}]  # fmt: skip
    params = {"campaigns": typed, "campaigns_source": "Report (test)",
              "campaigns_source_date": "2016-06-01"}  # fmt: skip
    result = rr.build(FramesContext(cfg, "2016-09-21", {}), params)
    row = result.tables["campaigns"].frame.iloc[0]
    assert (row["appointed"], row["figures_from"], row["deadline"]) == (
        11,
        "typed in",
        "immediately",
    )
    fig = result.figure("recruitment_appointments_against_target")
    assert (fig.value, fig.comparators["target"]) == (11, 15)
    texts = rr.findings(result)
    assert rr.NOT_PROVIDED not in texts
    assert texts[0].startswith(
        "Campaigns with a target: 11 appointed against targets adding up to 15"
    )


def test_a_public_finding_gives_no_total_of_declines_its_table_hides(cfg, frame):
    """Three offers declined for pay, two for the distance: each reason is under
    the threshold, so the public table shows them (and its totals) as [c]. The public sentence
    must not print the 5 declined or the reason with most, which the exempt one does (issue 22:
    "7 offers were declined ... commonest reason Pay" beside a table of [c])."""
    rows = [
        *[application(f"P{i}", applied="01/10/2015", offered="20/10/2015",
                      declined="23/10/2015", reason="Salary too low") for i in range(3)],
        *[application(f"D{i}", applied="02/10/2015", offered="21/10/2015",
                      declined="24/10/2015", reason="Too far to travel") for i in range(2)],
        *[application(f"A{i}", applied="03/10/2015", **OFFER) for i in range(6)],
    ]  # fmt: skip
    import tempfile
    from pathlib import Path

    df, problems, _ = clean(write_export(Path(tempfile.mkdtemp()) / "r.csv", rows))
    assert problems == []
    result = rr.build(FramesContext(cfg, "2016-09-21", {"recruitment": df}))
    declines = result.tables["declines"].frame
    assert int(declines["declined"].sum()) == 5  # 3 + 2, worked by hand
    exempt = " ".join(rr.findings(result))
    public = " ".join(rr.findings(result, Policy("public", 5)))
    assert "5 offers were declined" in exempt and "\u201cPay\u201d" in exempt
    # the public table merges the two small reasons into "Other reasons": 5 declined, shown,
    # so the sentence states the 5 it prints and names no reason (papers19 point 2)
    shown = rr.for_audience(result, "declines", Policy("public", 5)).frame
    assert shown["reason"].tolist() == [ra.OTHER_REASONS] and shown["declined"].tolist() == [5]
    assert "5 offers were declined" in public and "Pay" not in public
    assert "no single reason was given by 5 or more people" in public
    assert "too small to publish" not in public


def test_the_public_declines_sentence_states_what_the_suppressed_table_prints(cfg, frame):
    """Issue 22 (papers19 point 2): "the numbers for each reason are too small to publish"
    beside a table printing "Other reasons ... Withdrew 8". Declined 2 for other reasons and 5
    for pay, 8 withdrew for other reasons: the 2 is hidden, the 5 beside it and both reasons'
    totals with it; the totals 7 and 8 and the 8 who withdrew are printed."""
    import dataclasses

    base = rr.for_audience(rr.build(FramesContext(cfg, "2016-09-21", {"recruitment": frame})),
                           "declines", None)  # fmt: skip
    table = dataclasses.replace(
        base,
        frame=pd.DataFrame({"reason": ["Other reasons", "Pay"], "declined": [2, 5],
                            "withdrawn": [8, 0], "total": [10, 5]}),
    )  # fmt: skip
    from pipelines.sections.recruitment.text import declines_sentence

    said = declines_sentence(table, Policy("public", 5))
    assert said == (
        "7 offers were declined and 8 applicants withdrew; of the reasons, only the 8 who "
        "withdrew for other reasons can be published, the others are marked [c] in the table "
        "below."
    )
    assert "too small" not in said


def test_the_campaigns_period_is_the_exports_said_once(cfg, frame):
    """Reader11, Luton 21 September 2016: "All applications to the campaign up to the export
    are counted" above a source line giving a period. The note says which applications count;
    the period is the export's own, from its dataset (here one unlike the review's)."""
    export = cfg.datasets["recruitment"].model_copy(
        update={"source": "Recruitment system export, applications 1 October 2015 to 31 July 2016"}
    )
    given = cfg.model_copy(update={"datasets": {**cfg.datasets, "recruitment": export}})
    result = rr.build(FramesContext(given, "2016-09-21", {"recruitment": frame}),
                      {"campaigns": CAMPAIGNS})  # fmt: skip
    campaigns = result.tables["campaigns"]
    assert campaigns.period == "1 October 2015 to 31 July 2016"
    assert "up to the export" not in campaigns.caption
    # the review's own, when its export names the review period
    plain = rr.build(FramesContext(cfg, "2016-09-21", {"recruitment": frame}),
                     {"campaigns": CAMPAIGNS})  # fmt: skip
    assert plain.tables["campaigns"].period == "1 September 2015 to 31 August 2016"


def test_the_public_time_to_hire_sentence_gives_no_median_of_too_few_starters(cfg, frame):
    """3 starters (31, 95 and 122 days): fewer than smallest_statistic_group (10 at 5), so the
    public sentence gives no median or quartile, as the public table does not; exempt keeps
    the median of 95 days and its middle half 63 to 108.5 (positions 1.5 and 2.5 of 3)."""
    from pipelines.core.disclosure import smallest_statistic_group

    result = rr.build(FramesContext(cfg, "2016-09-21", {"recruitment": frame}))
    time = {p: next(s for s in rr.findings(result, pol) if s.startswith("Time to hire"))
            for p, pol in (("exempt", None), ("public", Policy("public", 5)))}  # fmt: skip
    assert "95 days or less" in time["exempt"] and "63 to 108 days" in time["exempt"]
    for number in ("95", "63", "108", "31", "122", "median;"):
        assert number not in time["public"]
    assert time["public"] == (
        "Time to hire: not shown for fewer than 5 starters, as a median or quartile is "
        f"published only for at least {smallest_statistic_group(5)}."
    )
    public = rr.for_audience(result, "time_to_hire", Policy("public", 5)).frame
    assert public[list(ra.TIME_STATISTICS)].isna().all(axis=None)  # the table's same rule


def test_a_campaign_without_a_target_has_blank_cells_never_a_dash_beside_blanks(
    cfg, frame, tmp_path
):
    """Luton 21 September, public/tables/15_recruitment__campaigns.csv: "Job board ads" has no
    target, so its target, share and still-to-appoint were blank and its deadline "–", two ways
    to say "none" in one table. Now every "none" is blank (README.txt: a blank has no figure),
    printed as – in the report; the Step Up cohort keeps its deadline, 30 April 2017."""
    from pipelines.core.exports import write_csv
    from pipelines.core.outputs import format_value

    result = rr.build(FramesContext(cfg, "2016-09-21", {"recruitment": frame}),
                      {"campaigns": CAMPAIGNS})  # fmt: skip
    table = result.tables["campaigns"].labelled().set_index("Campaign")
    ads, step_up = table.loc["Job board ads"], table.loc["Step Up cohort"]
    assert ads[["Target", "Share of target (%)", "Still to appoint", "Deadline"]].isna().all()
    assert (step_up["Target"], step_up["Deadline"]) == (2, "30 April 2017")
    write_csv(result.tables["campaigns"].labelled(), tmp_path / "c.csv")
    assert "–" not in (tmp_path / "c.csv").read_text(encoding="utf-8")
    assert format_value(ads["Deadline"]) == "–"  # the report prints the blank as –
    fig = result.figure("recruitment_appointments_against_target")
    assert "by 30 April 2017" in fig.notes["campaigns"] and "–" not in fig.notes["deadlines"]
