"""The final report reads as a paper a scrutiny officer can table (issue 22, papers19 point 9).

Coventry's final report stated the 14/20/25 caseload model three times, put "To: the Board"
under the Board's own recommendations (recommendation a, "Write to the Cabinet Member", read
"To: the Board, writing to the Cabinet Member"), printed a raw web address with "%20" in it,
and named one member "Councillor Mal Mutton" and the others by title and surname. Written from
the demo configurations (no build) and configurations changed here.
"""

from __future__ import annotations

import re

import pytest

from pipelines.core.config import Member, Review, load_review
from pipelines.documents import final
from pipelines.documents import meeting as meeting_docs

HEARD = [
    "Exit interviews: members asked for the forms to be collated.",
    "Finance and HR (Appendix 3): the staffing model builds in caseloads of 14 per social worker "
    "for looked after children and child protection, 20 for children in need and 25 per "
    "personal advisor.",
]
SAID = (
    "The caseload model (the staffing model) assumes 14 cases per worker for looked after "
    "children and child protection, 20 for children in need and 25 for care leavers; the "
    "average now is 17.9 cases per worker (at 28 February 2018)."
)


def text_of(sections) -> str:
    return "\n".join(
        c.get("source", "") for s in sections for c in s.notebook.cells if c.get("source")
    )


def test_a_model_members_heard_in_full_is_referred_to_not_restated():
    said = final.referred(SAID, HEARD)
    assert said == (
        "The caseload model (the staffing model): the average now is 17.9 cases per worker (at "
        "28 February 2018), against the figures members heard under Finance and HR, in "
        "section 5."
    )
    assert "14" not in said and "25" not in said
    # heard without one of its numbers: stated in full
    assert final.referred(SAID, [HEARD[1].replace("25 per", "26 per")]) == SAID


def test_the_coventry_final_report_states_the_caseload_model_once():
    cfg = load_review("coventry-sw-2018")
    last = cfg.final_report.meeting
    compared = [SAID.replace("the staffing model", cfg.meetings[-2].sections[2].parameters[
        "caseload_model_source"].split(" (")[0])]  # fmt: skip
    sections = final.final_report_sections(
        cfg, [], meeting_docs.meetings_heard(cfg, last), [], compared=compared
    )
    text = text_of(sections)
    # "14" with "20" and "25" in one sentence: the model stated in full
    full = [s for s in re.split(r"(?<=\.)\s", text) if re.search(r"\b14\b.*\b20\b.*\b25\b", s)]
    assert len(full) == 1, full
    assert "against the figures members heard under Finance and HR" in text


def test_the_boards_own_recommendations_carry_no_to_line_and_a_directors_does():
    cfg = load_review("coventry-sw-2018")
    last = cfg.final_report.meeting
    text = text_of(final.final_report_sections(cfg, [], meeting_docs.meetings_heard(cfg, last), []))
    recs = text[text.index("# 2. Recommendations") : text.index("# 3. ")]
    assert "To: the Education and Children" not in recs
    assert recs.count("*To: ") == 1 and "*To: the Director of Children's Services (i)" in recs
    assert "each for the Board itself unless it names another:" in recs
    # the same recommendations to the group itself keep every "To:"
    assert final.agreeing_body(cfg) == "Education and Children's Services Scrutiny Board (2)"
    assert final._is_body("the Education and Children's Services Scrutiny Board (2), writing",
                          final.agreeing_body(cfg))  # fmt: skip
    assert not final._is_body("the Director of Children's Services", final.agreeing_body(cfg))
    assert final.agreeing_body(load_review("luton-sw-2016")) is None


def test_a_web_address_prints_as_a_readable_link():
    paper = (
        "Briefing note to the Board: http://moderngov.example.gov.uk/documents/s1/"
        "BN%20Recommendations%20TF%20final.pdf"
    )
    said = final.readable_links(paper)
    assert said == (
        "Briefing note to the Board: [moderngov.example.gov.uk, BN Recommendations TF final.pdf]"
        "(<http://moderngov.example.gov.uk/documents/s1/BN%20Recommendations%20TF%20final.pdf>)"
    )
    cfg = load_review("coventry-sw-2018")
    last = cfg.final_report.meeting
    text = text_of(final.final_report_sections(cfg, [], meeting_docs.meetings_heard(cfg, last), []))
    papers = text[text.index("# 7. Appendices") :]
    printed = re.sub(r"\(<[^>]*>\)", "", papers)  # what a reader sees: link names, not targets
    assert "%20" not in printed and "http" not in printed
    assert "moderngov.coventry.gov.uk, BN Recommendations Social Worker TF final.pdf" in printed


def test_members_are_named_in_one_form():
    cfg = load_review("coventry-sw-2018")
    names = [m.name for m in cfg.members]
    assert all(len(n.split()) == 2 for n in names), names  # title and surname
    data = cfg.model_dump()
    data["members"] = [
        Member(name="Councillor Mal Mutton", role="Chair").model_dump(),
        *data["members"][1:],
    ]
    with pytest.raises(ValueError, match="two forms: Councillor Mal Mutton"):
        Review.model_validate(data)
    # initials are no forename: "Councillor J Taylor" beside "Councillor Green"
    assert [m.name for m in load_review("luton-sw-2016").members][-1] == "Councillor J Taylor"
