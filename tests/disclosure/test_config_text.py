"""Text typed into the review config is checked like the officers' SWOT text (issue 26).

The report's purpose, recommendations and questions (the meeting's ``report:`` block) and the
free-text section parameters (``*_source``, ``*_basis``, a campaign's ``source``) reach the
public report as officers typed them. Each passes personal-data redaction and the public count
protection before it is shown, and the audit of the public files reads a count of people in
words ("four social workers left") as a small count.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.core import artefact_audit as da
from pipelines.core import disclosure
from pipelines.core.config import load_review
from pipelines.core.registry import check_parameters, discover, public_texts
from pipelines.core.results import FramesContext
from pipelines.core.section_build import build_section
from pipelines.documents import texts
from tests.conftest import DEMO_REVIEW, examples

discover()

ZWSP = "\u200b"
NAME = f"Zofia Gr{ZWSP}imshaw"
PHONE = "0 7 7 0 0 9 0 0 1 2 3"
MAIL = "jane dot grimshaw at luton dot gov dot uk"
COUNT = "Why did four social workers leave the Leaving Care team in March?"


def with_report(**report):
    """The demo review with the first meeting's ``report:`` block set to ``report``."""
    cfg = load_review(DEMO_REVIEW)
    meeting = cfg.meetings[0]
    block = meeting.report.model_copy(update=report)
    return cfg, meeting.model_copy(update={"report": block})


def test_the_reports_purpose_recommendations_and_questions_are_redacted_and_protected():
    cfg, meeting = with_report(
        purpose=f"To hear from {NAME} about exits.",
        recommendations=[f"Members are asked to ring {PHONE}."],
        questions=[COUNT, f"Will officers write to {MAIL}?", "What explains the 26 leavers?"],
        background_papers=[f"Note by Mrs Okonkwo-Ashby, {PHONE}"],
    )
    text = texts.report_text(cfg, meeting, [])
    assert text.purpose == "To hear from [name removed] about exits."
    assert text.recommendations == ["Members are asked to ring [phone number removed]."]
    assert text.questions == [
        "Why did fewer than 5 social workers leave the Leaving Care team in March?",
        "Will officers write to [e-mail removed]?",
        "What explains the 26 leavers?",  # not a small count: as written
    ]
    assert text.background_papers == ["Note by [name removed], [phone number removed]"]


def test_the_people_the_config_names_in_public_office_stay_named():
    cfg = load_review(DEMO_REVIEW)
    officer = cfg.contact_officer
    cfg, meeting = with_report(
        purpose=f"Questions to {officer.name} ({officer.telephone}) before the meeting."
    )
    assert texts.report_text(cfg, meeting, []).purpose == (
        f"Questions to {officer.name} ({officer.telephone}) before the meeting."
    )


def test_the_default_report_text_is_shown_as_written():
    """The words the tool writes itself (no ``report:`` block) have nothing to change."""
    cfg, meeting = with_report(purpose=None, recommendations=[], questions=[])
    text = texts.report_text(cfg, meeting, ["Item 6: Recruitment", "Item 7: Leavers"])
    assert text.questions == [
        "Which of the key findings do officers recognise, and what explains them?",
        "What is being done about each of them, by whom and by when, and how will the group "
        "know whether it has worked?",
        "What evidence is missing, and can it be provided before the group reports?",
    ]
    assert text.purpose.startswith(
        "To give the group evidence from the council's own data on Item 6: Recruitment; "
        "Item 7: Leavers. The group's question is"
    )
    assert text.purpose.endswith(
        "The evidence is checked against the figures in the officers' reports, so that members "
        "can test those reports and decide what to recommend."
    )
    assert text.recommendations[0] == (
        "Members are asked to note the key findings in section 3 and the evidence behind them."
    )


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        (
            f"Item 6 report, para 54; ask {NAME} on {PHONE}",
            "Item 6 report, para 54; ask [name removed] on [phone number removed]",
        ),
        (
            "Step Up figures: four agency workers left before the target date",
            "Step Up figures: fewer than 5 agency workers left before the target date",
        ),
        ("Item 6 report, paras 38, 43 and 54", "Item 6 report, paras 38, 43 and 54"),
    ],
)
def test_a_source_parameter_is_shown_redacted_and_protected(written, shown):
    """``campaigns_source`` and a campaign's ``source`` as the recruitment section prints them.

    The section is built (``build_section``, as its notebook calls it) without the recruitment
    export: its campaigns table holds the typed-in campaign and cites the typed source.
    """
    cfg = load_review(DEMO_REVIEW)
    params = {
        "campaigns": [{"name": "Step Up cohort 4", "target": 7, "source": written}],
        "campaigns_source": written,
        "campaigns_source_date": "2016-09-21",  # a dated source: the target is shown (issue 22)
    }
    result = build_section(FramesContext(cfg, cfg.meetings[0], {}), "15_recruitment", params)
    assert result.tables["campaigns"].source == shown
    assert result.tables["campaigns"].frame["target"].tolist() == [7.0]


def test_every_free_text_parameter_of_the_workforce_section_is_protected():
    model = check_parameters(
        "40_workforce_costs",
        {
            "agency_rate_basis": f"rate agreed with {NAME}; two locums said so",
            "caseload_standards_source": f"{MAIL}, 2016",
            "caseload_model_source": "the council's staffing model (3 teams)",
            "agency_comparator": "Agency Senior Practitioner",
        },
    )
    shown = public_texts(model, 5)
    assert shown.agency_rate_basis == "rate agreed with [name removed]; fewer than 5 locums said so"
    assert shown.caseload_standards_source == "[e-mail removed], 2016"
    # Not people, and not free text: unchanged.
    assert shown.caseload_model_source == "the council's staffing model (3 teams)"
    assert shown.agency_comparator == "Agency Senior Practitioner"
    assert shown.supplement_change == model.supplement_change
    # A threshold of 10 protects counts up to 9.
    nine = check_parameters("40_workforce_costs", {"agency_rate_basis": "nine social workers"})
    assert public_texts(nine, 10).agency_rate_basis == "fewer than 10 social workers"
    assert public_texts(nine, 5).agency_rate_basis == "nine social workers"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (COUNT, ["four social workers"]),
        (
            "Two newly qualified staff and one manager left.",
            ["Two newly qualified staff", "one manager"],
        ),
        ("one or two people said so", ["one or two people"]),
        ("3 agency workers covered the vacancies", ["3 agency workers"]),
        ("One social worker left in March.", ["One social worker"]),
        ("The cost of two agency workers was £80,000.", ["two agency workers"]),
    ],
)
def test_the_audit_reads_a_count_of_people_in_words_or_digits(tmp_path, text, found):
    folder = tmp_path / "public"
    folder.mkdir()
    (folder / "report.html").write_text(f"<html><body><p>{text}</p></body></html>", "utf-8")
    result = da.audit_artefacts(folder, 5)
    assert [(f.problem, f.found) for f in result.findings] == [
        ("a small count of people", phrase) for phrase in found
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Table 3 shows leavers by reason.",
        "2 of the 12 councils have a target.",
        "Within their first two years, 26 social workers left.",
        "Over two meetings members examined the evidence.",
        "The figures are shown on two bases.",
        "Item 6 report, para 38: 11 months to 31 August 2016.",
        "Fewer than 5 social workers left.",
        "Members are asked to note the key findings in section 3.",
        "3 of the 16 questions scored below average.",
        # Found on the Coventry demo: a unit of a cost, and groups that are not people.
        "The report quotes £30,000: the extra cost of one agency worker over a permanent post.",
        "Members met staff, as well as holding two focus groups with social workers.",
        # The checked figure that agrees, named (issue 22, point 5): "a year" before "of one".
        "The figure that agrees is the extra cost a year of one agency worker over one post.",
    ],
)
def test_the_audit_leaves_numbers_that_are_not_small_counts_of_people(tmp_path, text):
    folder = tmp_path / "public"
    folder.mkdir()
    (folder / "report.html").write_text(f"<html><body><p>{text}</p></body></html>", "utf-8")
    assert da.audit_artefacts(folder, 5).safe, da.audit_artefacts(folder, 5).findings


@settings(max_examples=examples(80), deadline=None)
@given(
    n=st.integers(1, 30),
    noun=st.sampled_from(["social workers", "newly qualified staff", "leavers", "people"]),
    words=st.booleans(),
)
def test_what_the_protection_rewrites_the_audit_flags_and_what_it_gives_passes(n, noun, words):
    """A count of people below the threshold is rewritten and flagged; protected, it passes."""
    from pipelines.core.number_words import TEENS as _TEENS
    from pipelines.core.number_words import UNITS as _UNITS

    written = [*_UNITS, *_TEENS][n - 1] if words and n < 20 else str(n)
    text = f"In March {written} {noun} left the service."
    small = n < 5
    assert bool(disclosure.people_counts(text, 5)) is small
    protected = disclosure.protect_config_text(text, 5)
    assert (protected != text) is small
    assert disclosure.people_counts(protected, 5) == []


def test_every_notebook_receives_the_checked_free_text_parameters():
    """The workforce notebook prints ``caseload_standards_source`` itself (its source line), so
    the build hands every notebook the checked values, not only the section's result."""
    from pipelines.core.config import SectionRef
    from pipelines.core.registry import public_section_parameters

    cfg = load_review(DEMO_REVIEW)
    given = {
        "caseload_standards_source": f"standards agreed with {NAME}; two managers objected",
        "agency_comparator": "Agency Senior Practitioner",
        "experience_bands": [1, 3],
    }
    ref = SectionRef(notebook="40_workforce_costs", parameters=given)
    [ref] = public_section_parameters(cfg, [ref])
    assert ref.parameters == {
        "caseload_standards_source": "standards agreed with [name removed]; fewer than 5 "
        "managers objected",
        "agency_comparator": "Agency Senior Practitioner",
        "experience_bands": [1, 3],
    }
    assert given["caseload_standards_source"].startswith("standards agreed with Zofia")


def test_the_meeting_that_agrees_the_final_report_asks_no_question_about_before_it():
    """At the meeting whose pack carries the final report the group reports then: the default
    question about missing evidence asks how the final report should say so, not whether the
    evidence can come "before the group reports" (issue 22, point 8)."""
    cfg, meeting = with_report(purpose=None, recommendations=[], questions=[])
    final = cfg.model_copy(
        update={"final_report": cfg.final_report.model_copy(update={"meeting": meeting.date})}
    )
    last = texts.report_text(final, meeting, ["Item 6: Recruitment"]).questions[-1]
    assert last == (
        "What evidence is still missing, and how should the final report say so and ask for it?"
    )
    other = cfg.model_copy(
        update={
            "final_report": cfg.final_report.model_copy(
                update={"meeting": meeting.date.replace(year=meeting.date.year + 1)}
            )
        }
    )
    assert "before the group reports" in texts.report_text(other, meeting, []).questions[-1]
