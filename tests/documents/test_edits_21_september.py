"""What a councillor would still edit in the 21 September 2016 report (issue 22, a reader's
list, L21): each point checked on data made here, every figure worked by hand.

1. a target's source is printed once (the key finding, or the "Targets:" line);
2. a campaign target set after the period counted shows no share of it (never 0);
3. the agency premium table says why FTE x the rounded cost per FTE is not its total;
4. the projection says which figures are the snapshot's and which are projected;
5. no sentence refers to a saving the report does not show; the "not modelled" line parses;
6. the checked table: one wording for every difference, every paragraph named, and config
   prose whose arithmetic does not add up refused;
7. a source line names every source and gives its period;
8. a period such as "early 2016" is refused in config text the papers print;
9. every abbreviation the report prints is in its glossary.
"""

from __future__ import annotations

import re

import pandas as pd

from pipelines.core import config_text, reconcile
from pipelines.core.config import load_review
from pipelines.documents import glossary, texts
from pipelines.documents.notes import SourceNotes
from pipelines.sections.recruitment import result as rr
from pipelines.sections.recruitment.parameters import RecruitmentParameters
from pipelines.sections.retention import projection as pj
from pipelines.sections.retention import text as rt
from pipelines.sections.workforce import costs as wco
from tests.sections.recruitment.test_appointments import K


def test_a_target_cited_by_a_key_finding_is_not_cited_again_on_the_targets_line():
    """L21 p3: key finding 5 gave "(set by Item 6 report ..., 21 September 2016)" and the
    Targets line gave it again."""
    cfg = load_review("luton-sw-2016")
    said = f"(set by {cfg.target_sources['average_caseload'].short()})"
    key = ["Turnover was 23.2%.", f"Caseloads averaged 20.6, above the target of 20 {said}."]
    line = texts.targets_text(cfg, key)
    assert said not in line
    assert "average caseload below 20 (source in key finding 2)" in line
    # without a key finding citing it, the Targets line gives the source itself, once
    alone = texts.targets_text(cfg, key[:1])
    assert alone.count(said) == 1


def _late_and_early_campaigns() -> RecruitmentParameters:
    """Two campaigns on the export's campaign K: one target set on 21 September 2016, after
    the period counted (to 31 August 2016), one set on 1 December 2015, before it."""
    common = {"campaign": "K", "target": 4, "deadline": "2017-04-30", "source": "Plan"}
    return RecruitmentParameters(
        campaigns=[
            {**common, "name": "Late", "source_date": "2016-09-21"},
            {**common, "name": "Early", "source_date": "2015-12-01"},
        ]
    )


def test_a_target_set_after_the_period_counted_shows_no_share_of_it():
    """L21 p7: "Share of target (%) 0" beside a finding that says the target is not measured."""
    cfg = load_review("luton-sw-2016")
    p = _late_and_early_campaigns()
    assert p.set_after(cfg.period.end) == {"Late"}
    table = rr.campaigns_table(cfg, p, K)
    rows = table.frame.set_index("campaign")
    # K: 2 appointed (1 in post, 1 in checks) of a target of 4: 50% where it is measured
    assert rows.loc["Early", "share_of_target"] == 50.0
    assert pd.isna(rows.loc["Late", "share_of_target"])
    assert rows.loc["Late", ["appointed", "target", "still_to_appoint"]].tolist() == [2, 4, 2]
    assert "not measured" in table.caption
    # with every target set in time, the caption says nothing of it
    early = RecruitmentParameters(campaigns=[p.campaigns[1]])
    assert "not measured" not in rr.campaigns_table(cfg, early, K).caption


def test_the_premium_caption_says_why_fte_times_the_rounded_cost_is_not_the_total():
    """L21 p11: 33 x £14,720 = £485,760, the table printed 485,748: the per-FTE figure is an
    average over grades, rounded. Here 1 FTE at £40,000 and 2 FTE at £40,000.50 (agency
    £54,464): 2 x £14,463.50 = £28,927, printed as 2 x £14,464 = £28,928."""
    premiums = pd.DataFrame(
        {
            "service": ["S", "S"],
            "job_title": ["A", "B"],
            "agency_fte": [1.0, 2.0],
            "agency_cost_per_fte": 54_464.0,
            "permanent_cost_per_post": [40_000.0, 40_000.5],
            "extra_cost_per_fte": [14_464.0, 14_463.5],
            "extra_cost": [14_464.0, 28_927.0],
        }
    ).rename(columns=wco.PREMIUM_LABELS)
    assert not wco.adds_up(premiums)
    caption = wco.premium_caption(premiums, "b")
    assert "summed grade by grade" in caption and "the rounded extra cost per FTE" in caption
    whole = premiums.assign(**{"Permanent cost per post (£)": 40_000.0})
    whole["Extra cost per FTE (£)"] = 14_464.0
    whole["Extra cost a year (£)"] = [14_464.0, 28_928.0]
    assert wco.adds_up(whole)
    assert wco.premium_caption(whole, "b") == (
        "Extra cost a year of the agency practitioners in post (b)"
    )


def test_the_projection_says_which_figures_are_the_snapshots_and_which_are_projected():
    """L21 p14: "Vacant and agency FTE over the window are taken as at the snapshot date" beside
    a vacancy projected from 44 to 59.6."""
    said = " ".join(pj.assumptions(["1 September 2015 to 30 July 2016"]))
    assert "over the window are taken as at" not in said
    assert "at the snapshot date are the council's own" in said
    assert "every figure at a later date is projected" in said


def test_the_not_modelled_line_is_two_plain_sentences():
    """L21 p15: "no estimate ..., naming who made it and why, is recorded" did not parse."""
    line = rt.SUPPLEMENT_NOT_MODELLED
    sentences = re.split(r"(?<=\.)\s+", line)
    assert len(sentences) == 2 and all(s[:1].isupper() and s.endswith(".") for s in sentences)
    assert "naming who made it" not in line and line.endswith("so it is not projected.")


def test_every_difference_is_a_size_and_a_word_never_a_sign():
    """L21 p16: "-1", "0.3 points lower" and "£11,956 less" in one column."""
    assert reconcile.checked_difference(26 - 27, "Leavers (number)", 0) == "1 fewer"
    assert reconcile.checked_difference(61 - 55, "Respondents", 0) == "6 more"
    assert reconcile.checked_difference(2.16 - 2.18, "average", 2) == "0.02 lower"
    assert reconcile.checked_difference(23.2 - 23.5, "Turnover (%)", 1) == "0.3 points lower"
    assert reconcile.checked_difference(39_018 - 50_974, "Total cost (£)", 0) == "£11,956 less"
    for d in (-3.0, -0.5, 0.5, 3.0):
        for label, places in (("n", 0), ("average", 2), ("%", 1), ("cost", 0)):
            assert reconcile.checked_difference(d, label, places)[:1] not in "+-"


def test_every_paragraph_of_a_group_is_named():
    """L21 p16: "paragraphs 23, 24 and 2 more" must name them all."""
    places = [f"Item 6 report, paragraph {n}" for n in (23, 24, 25, 27)] + ["Appendix 1 (joint)"]
    assert reconcile.places_text(places) == (
        "Item 6 report, paragraphs 23, 24, 25 and 27; Appendix 1 (joint)"
    )


def test_a_reason_whose_arithmetic_does_not_add_up_is_refused():
    """L21 p16: "23.5% would be about 111 posts" beside 26 leavers: 26 / 111 = 23.4%."""
    wrong = "The data divide the 26 leavers by 112 posts (23.2%); 23.5% would be about 111 posts."
    assert config_text.problems(wrong) == [
        "\u201c23.5% would be about 111\u201d does not add up with the counts the text gives"
    ]
    right = "The data divide the 14 leavers by 75 posts (18.7%); 20% would be about 70 posts."
    assert config_text.problems(right) == []  # 14 / 70 = 20.0%
    cfg = load_review("luton-sw-2016")
    reasons = [f.reason for f in cfg.published_figures if f.reason]
    assert reasons and not [p for r in reasons for p in config_text.problems(r)]


def test_a_period_of_early_or_late_a_year_is_refused():
    """L21 p9: a note said "early 2016" where the survey's period is January to February 2016."""
    assert config_text.problems("Permanent staff survey, early 2016 (tool export)") == [
        "\u201cearly 2016\u201d does not say which months"
    ]
    assert config_text.problems("Permanent staff survey, January to February 2016") == []
    cfg = load_review("luton-sw-2016")
    assert "January to February 2016" in cfg.datasets["staff_survey"].source


def test_a_surveys_period_given_twice_and_differently_is_refused():
    """L21 p9: the source said "early 2016", the section's staff_period "January to February
    2016"; the same period in both, or in one only, is accepted."""
    from types import SimpleNamespace as NS

    from pipelines.sections.surveys.parameters import SurveysParameters

    def review(staff: str) -> NS:
        return NS(
            datasets={
                "staff_survey": NS(source=staff),
                "locum_survey": NS(source="Locum survey, November 2015"),
            }
        )

    p = SurveysParameters(staff_period="January to February 2016", locum_period="November 2015")
    [problem] = p.review_problems(review("Permanent staff survey, early 2016 (export)"))
    assert "'staff_period' is 'January to February 2016'" in problem and "'early 2016'" in problem
    assert p.review_problems(review("Staff survey, January to February 2016 (export)")) == []
    assert p.review_problems(review("Staff survey (export)")) == []
    late = SurveysParameters(locum_period="October 2015")
    assert "'locum_period' is 'October 2015'" in late.review_problems(review("Staff survey"))[0]


def test_a_source_line_names_every_source_and_its_period():
    """L21 pp3-7: "... and 1 other source", and lines without their period."""
    book = SourceNotes()
    line = book.source_line(
        "Exit interview forms returned to HR Services; i-Trent HR leavers extract (qualified "
        "staff up to Team Manager)",
        "1 September 2015 to 31 August 2016",
    )
    assert line == (
        "Source: Exit interview forms returned to HR Services and i-Trent HR leavers extract, "
        "1 September 2015 to 31 August 2016 (notes 1 and 2)."
    )
    # a period the full source gives after its name is still printed
    line = book.source_line(
        "Recruitment system export, applications 1 September 2015 to 31 August 2016",
        "1 September 2015 to 31 August 2016",
    )
    assert line == (
        "Source: Recruitment system export, 1 September 2015 to 31 August 2016 (note 3)."
    )
    # a name that gives its date needs no period after it
    assert book.source_line("HR workforce snapshot at 30 July 2016", "At 30 July 2016") == (
        "Source: HR workforce snapshot at 30 July 2016 (note 4)."
    )
    assert "other source" not in book.source_line("A; B; C", "2016/17")


def test_every_abbreviation_the_report_prints_is_in_its_glossary():
    """L21 p18: the glossary lacked AdWords (and Step Up, Guidant, case-holding)."""
    text = "Google AdWords campaign; 64.0 FTE; HR; M2 posts; R&RSWT&F/09/16; OFFICIAL"
    terms = {"FTE": "full-time equivalent", "HR": "human resources", "M1, M2": "grades"}
    assert glossary.unexplained(text, terms, ["OFFICIAL"]) == ["AdWords"]
    luton = glossary.load_glossary("luton-sw-2016")
    assert glossary.unexplained(text, luton, ["OFFICIAL"]) == []
    for term in ("Step Up", "Guidant", "AdWords", "case-holding"):
        assert glossary.used_terms(f"the {term} line", luton), term


def test_the_built_report_prints_no_abbreviation_its_glossary_lacks(built):
    """Over the shared built pack (21 September 2016): the body of the public report."""
    import html as html_lib

    page = (built.public / "report.html").read_text(encoding="utf-8")
    body = re.split(r"<h[12][^>]*>\s*\d+\. Glossary", page)[0]
    body = re.sub(r"<style.*?</style>|<script.*?</script>|<[^>]+>", " ", body, flags=re.S)
    found = glossary.unexplained(
        html_lib.unescape(body), glossary.load_glossary("luton-sw-2016"), ["OFFICIAL"]
    )
    assert found == [], found


def test_the_built_report_says_each_thing_once_and_names_its_sources(built):
    """Over the shared built pack (21 September 2016): points 1, 4, 5 and 7 as printed."""
    import html as html_lib

    page = (built.public / "report.html").read_text(encoding="utf-8")
    text = " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", page)).split())
    cfg = load_review("luton-sw-2016")
    assert text.count(f"(set by {cfg.target_sources['average_caseload'].short()})") == 1
    assert "other source" not in text
    assert "is projected to leave the workforce by" in text
    assert "taken as at the snapshot" not in text and "costs' saving" not in text
