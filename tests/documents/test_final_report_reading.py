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
import yaml

from pipelines.core.config import Member, Review, load_review
from pipelines.documents import final
from pipelines.documents import meeting as meeting_docs
from pipelines.sections.tracker import analysis as tr

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


def test_a_model_members_heard_in_full_joins_what_they_heard():
    """Reader11 (Coventry final report p5): "The models and the data" held only a reference
    back to section 5. The data now join the item that states the model; no heading is left."""
    heard, left = final.fold_models([SAID], HEARD)
    assert left == [] and heard[0] == HEARD[0]
    assert heard[1] == HEARD[1] + (
        " Against these figures, the average now is 17.9 cases per worker (at 28 February 2018)."
    )
    # heard without one of its numbers: stated in full under its own heading
    other = [HEARD[1].replace("25 per", "26 per")]
    assert final.fold_models([SAID], other) == (other, [SAID])


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
    assert "Against these figures, the average now is 17.9 cases per worker" in text
    assert "The models and the data" not in text


def test_the_boards_own_recommendations_carry_no_to_line_and_a_directors_does():
    cfg = load_review("coventry-sw-2018")
    last = cfg.final_report.meeting
    text = text_of(final.final_report_sections(cfg, [], meeting_docs.meetings_heard(cfg, last), []))
    recs = text[text.index("# 2. Recommendations") : text.index("# 3. ")]
    # reader11: d's "To:" named the three directors its own words name; a's report-back,
    # "once the Cabinet Member has considered", was written to that Cabinet Member
    assert "To:" not in recs and "Report back:" not in recs
    # the Board acts on each: its words "Write to the Cabinet Member ..." are the Board's, in
    # a report to that Cabinet Member (reader12), as the council's own report puts them
    assert "in which the Board is recommended to:" in recs
    assert "unless it names another" not in recs
    assert cfg.final_report.decision_maker.startswith("the Cabinet Member for Children")
    assert re.search(r"\*\*a\.\*\* Write to the Cabinet Member for Children", recs)
    lines = {line.split(".**")[0].lstrip("*"): line for line in recs.splitlines() if ".**" in line}
    # the demonstration's register is illustrative: only b's due date is one the review
    # records ("September 2018", as the council's report gives it); c's "every year" and d's
    # example give none (reader12: "Report back to the Board by March 2019")
    assert tr.load_register(tr.register_path(cfg)).illustrative
    # b's own words give the month ("in September 2018"): said once (reader14)
    assert lines["b"].endswith("associated agency costs. Report back to the Board.")  # by hand
    assert lines["b"].count("September 2018") == 1
    for label in ("a", "c", "d", "e"):
        assert "Report back" not in lines[label], label
    assert final.agreeing_body(cfg) == "Education and Children's Services Scrutiny Board (2)"
    assert final._is_body("the Education and Children's Services Scrutiny Board (2), writing",
                          final.agreeing_body(cfg))  # fmt: skip
    assert not final._is_body("the Director of Children's Services", final.agreeing_body(cfg))
    assert final.agreeing_body(load_review("luton-sw-2016")) is None


def _member(item_id, owner, due=None, part_of=None) -> dict:
    """A members' recommendation of a generated register, without a status."""
    from tests.sections.tracker.test_roles_and_one_register import member

    item = member(item_id, None, part_of=part_of, due=due, owner=owner)
    item.pop("status")
    return item


def test_who_acts_and_the_report_back_come_from_the_register_once_in_plain_words(tmp_path):
    """Reader11 (Luton final report): "To: Head of HR." on every recommendation, and "Report
    back: the group's successor, six months after agreement", from the review config. Who acts
    is now the register's owner, said once in the sentence; the report-back is the register's
    due date to the body the report goes to, or nothing. A register generated here."""
    cfg = load_review("luton-sw-2016")
    raw = tmp_path / "raw"
    raw.mkdir()
    items = [
        _member("M1", "Head of HR"),
        _member("M2", "Head of HR and People Corporate Director", due="2017-09-30"),
        _member("M3", "Service Director, Children and Families Social Work"),
        _member("M4", None),
        _member("M5", "JS"),  # initials: not a role, never printed
    ]
    (raw / "recommendations.yml").write_text(yaml.safe_dump({"items": items}), encoding="utf-8")
    recs = [
        ("Put a process in place.", "Someone else", "the group's successor"),
        ("Monitor the data and report it to the People Corporate Director.", "x", "twice"),
        ("Keep caseloads below 20.", "x", None),
        ("Write to the Government.", "the Executive", "when it replies"),
        ("The council should write to the Government.", "x", None),
    ]
    fr = cfg.final_report.model_copy(
        update={
            "recommendations": [
                cfg.final_report.recommendations[0].model_copy(
                    update={"text": t, "to": to, "report_back": back}
                )
                for t, to, back in recs
            ]
        }
    )
    made = cfg.model_copy(update={"raw_dir": str(raw), "final_report": fr})
    text = text_of(final.final_report_sections(made, [], [], []))
    lines = [line for line in text.splitlines() if re.match(r"\d\. ", line)]
    assert lines == [
        "1. The Head of HR to put a process in place.",
        # the People Corporate Director is named in its words: said once
        "2. The Head of HR to monitor the data and report it to the People Corporate Director. "
        "Report back to the Overview and Scrutiny Board and the Executive by September 2017.",
        "3. The Service Director, Children and Families Social Work, to keep caseloads below 20.",
        "4. Write to the Government.",  # no owner on the register: no one named
        "5. The council should write to the Government.",  # initials are no role
    ]
    assert "To:" not in text and "successor" not in text


def test_an_illustrative_registers_due_dates_never_become_report_back_dates(tmp_path):
    """reader12 (Coventry final report): "Report back to the Board by March 2019." came from
    the demonstration register's made-up due dates (its config says "every year"). A register
    marked illustrative publishes no status or date (the tracker's rule), so the final report
    prints no report-back from it; the same register with real dates still does."""
    cfg = load_review("luton-sw-2016")
    raw = tmp_path / "raw"
    raw.mkdir()
    items = [
        _member("M1", "Head of HR", due="2017-09-30"),
        _member("M2", None, due="2018-03-31"),
        _member("M3", None, due="2018-06-30"),
        _member("M4", None, due="2018-06-30"),
    ]
    recs = [
        ("Put a process in place.", "x", "every year"),
        ("Write to the Government.", "x", None),
        # the council's papers give the month: the register's date is the council's
        ("Receive a report in June 2018.", "x", "June 2018"),
        ("Receive a second report.", "x", "June 2018 (demo)"),  # an example, not recorded
    ]
    fr = cfg.final_report.model_copy(
        update={
            "recommendations": [
                cfg.final_report.recommendations[0].model_copy(
                    update={"text": t, "to": to, "report_back": back}
                )
                for t, to, back in recs
            ]
        }
    )
    made = cfg.model_copy(update={"raw_dir": str(raw), "final_report": fr})

    def lines(illustrative: bool) -> list[str]:
        register = {"illustrative": illustrative, "items": items}
        (raw / "recommendations.yml").write_text(yaml.safe_dump(register), encoding="utf-8")
        text = text_of(final.final_report_sections(made, [], [], []))
        return [line for line in text.splitlines() if re.match(r"\d\. ", line)]

    back = "Report back to the Overview and Scrutiny Board and the Executive by"
    once = back.removesuffix(" by") + "."  # the recommendation gives the month: said once
    assert lines(False) == [
        f"1. The Head of HR to put a process in place. {back} September 2017.",
        f"2. Write to the Government. {back} March 2018.",
        f"3. Receive a report in June 2018. {once}",
        f"4. Receive a second report. {back} June 2018.",
    ]
    assert lines(True) == [
        "1. The Head of HR to put a process in place.",  # the owner is no made-up value
        "2. Write to the Government.",
        f"3. Receive a report in June 2018. {once}",
        "4. Receive a second report.",
    ]


def test_a_web_address_prints_as_a_readable_link():
    paper = (
        "Briefing note to the Board: http://moderngov.example.gov.uk/documents/s1/"
        "BN%20Recommendations%20TF%20final.pdf"
    )
    said = final.readable_links(paper)
    # cited by its title, the title linked to the address, never by its file name (reader12)
    # nor by the site's address (reader14: "moderngov..." printed after the title)
    assert said == (
        "[Briefing note to the Board]"
        "(<http://moderngov.example.gov.uk/documents/s1/BN%20Recommendations%20TF%20final.pdf>)"
    )
    # an address alone has no other name than its site and file
    assert final.readable_links("http://example.gov.uk/a/Scope%202016.pdf") == (
        "[example.gov.uk, Scope 2016.pdf](<http://example.gov.uk/a/Scope%202016.pdf>)"
    )
    cfg = load_review("coventry-sw-2018")
    last = cfg.final_report.meeting
    text = text_of(final.final_report_sections(cfg, [], meeting_docs.meetings_heard(cfg, last), []))
    papers = text[text.index("# 7. Appendices") :]
    printed = re.sub(r"\(<[^>]*>\)", "", papers)  # what a reader sees: link names, not targets
    assert "%20" not in printed and "http" not in printed
    assert "at its meeting of 27 March 2018]" in printed and "moderngov" not in printed
    assert ".pdf" not in printed and "BN Recommendations" not in printed


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


def test_the_coventry_recommendations_carry_no_printed_slip():
    """Reader11: "career progressions scheme" (the seed's own slip, copied into the review
    config and the register); the report says "the progression scheme" everywhere else."""
    cfg = load_review("coventry-sw-2018")
    last = cfg.final_report.meeting
    text = text_of(final.final_report_sections(cfg, [], meeting_docs.meetings_heard(cfg, last), []))
    register = tr.load_register(tr.register_path(cfg))
    assert "progressions" not in text
    assert not any("progressions" in i.text for i in register.items)
    assert "in support of the proposed career progression scheme for social workers" in text
