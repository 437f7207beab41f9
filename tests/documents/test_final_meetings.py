"""The final report's meetings, what was heard at each, its scope notes and appendices (issue 22).

Point 8: "What members heard" lists every meeting of the review (dated or not) with what was heard
there, and a past meeting without a date never reads "to be announced". Point 2: the scope notes
and the appendices are computed from what the appendices' reports hold. Each test makes its
review in the test (the demo config with generated meetings) and states the expected words.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipelines.core.config import Meeting, SectionRef, load_review
from pipelines.core.errors import ConfigError
from pipelines.documents import final
from pipelines.documents import meeting as meeting_docs

LAST = dt.date(2017, 3, 1)


def review_with(meetings: list[Meeting], **final_changes):
    """The Luton demo review with the given meetings and final-report changes."""
    cfg = load_review("luton-sw-2016")
    fr = cfg.final_report.model_copy(update={"meeting": LAST, **final_changes})
    return cfg.model_copy(update={"meetings": meetings, "final_report": fr})


def generated_meetings() -> list[Meeting]:
    """Five meetings: heard given, undated TBA, bare, with a purpose, and one still to come."""
    return [
        Meeting(date=dt.date(2016, 8, 15), label="Scoping meeting", heard="the scope."),
        Meeting(date=None, label="October 2016 (date to be announced)"),
        Meeting(date=dt.date(2017, 1, 16), label="Sixth meeting"),
        Meeting(date=LAST, label="Final meeting", purpose="Agree the final report."),
        Meeting(date=None, label="Report back (TBA)"),
    ]


def test_every_meeting_is_listed_with_what_was_heard_and_no_past_date_is_to_be_announced():
    held = meeting_docs.meetings_heard(review_with(generated_meetings()), LAST)
    assert held == [
        "Monday 15 August 2016 (Scoping meeting): the scope",
        # no record of what was heard: listed once, by date alone (reader11: "no record" on
        # each row); one sentence after the list says what is known of them
        "Second meeting, October 2016 (day not recorded in the council's papers)",
        "Monday 16 January 2017 (Sixth meeting)",
        "Wednesday 1 March 2017 (Final meeting): agree the final report",
    ]


def test_what_members_heard_is_the_meetings_list_and_the_subjects_follow():
    cfg = review_with(generated_meetings(), evidence_heard=["Pay: members heard of pay."])
    held = meeting_docs.meetings_heard(cfg, LAST)
    sections = final.final_report_sections(cfg, [], held, [])
    heard = "".join(c.get("source", "") for c in sections[4].notebook.cells)
    body = heard.split("## What members heard, by subject")[0]
    for line in held:
        assert f"- {line}" in body
    assert "to be announced" not in heard
    assert "Pay: members heard of pay." in heard.split("## What members heard, by subject")[1]
    membership = "".join(c.get("source", "") for c in sections[2].notebook.cells)
    assert (
        "The group held four meetings. Section 5 lists every meeting of the review, with what "
        "members heard at each." in membership
    )
    for when in (
        "Second meeting, October 2016 (day not recorded in the council's papers)",
        "Monday 16 January 2017",
    ):
        assert heard.count(when) == 1, when  # each meeting once, in the list
    assert "The review holds no record" not in heard
    # what is known of the meetings without a record is said once, after the list (reader11)
    assert heard.count(meeting_docs.UNRECORDED) == 1 and "no record" not in heard
    assert body.index(meeting_docs.UNRECORDED) > body.index(f"- {held[-1]}")
    # the summary counts the group's meetings (one function over the meetings list)
    n = meeting_docs.group_meetings(cfg, LAST)
    assert n == 4 and "four meetings" in final.summary_text("Over {meetings} members met.", n)


def test_a_dated_entry_of_evidence_heard_belongs_to_its_meeting():
    cfg = review_with(
        generated_meetings(), evidence_heard=["16 January 2017: the national picture."]
    )
    with pytest.raises(ConfigError) as err:
        final.check_heard_by_subject(cfg)
    message = str(err.value)
    assert "\u201c16 January 2017: the national picture.\u201d" in message
    assert "under the meeting of 16 January 2017 (Sixth meeting) as heard:" in message
    stray = review_with(generated_meetings(), evidence_heard=["3 May 2016: a visit."])
    with pytest.raises(ConfigError, match="lists no meeting on 3 May 2016"):
        final.check_heard_by_subject(stray)
    final.check_heard_by_subject(review_with(generated_meetings(), evidence_heard=["Pay."]))


@given(
    base=st.sampled_from(["October 2016", "Third meeting", "Visit to the team"]),
    said=st.sampled_from(
        ["(date to be announced)", "TBA", "(TBC)", "(date to be confirmed)", "to be arranged"]
    ),
)
def test_a_past_undated_meeting_never_reads_to_be_announced(base, said):
    label = f"{base} {said}"
    past = meeting_docs.undated_label(label, past=True)
    # a label that names its month gives all but the day (reader12: "October 2016 (Third
    # meeting; date not recorded)" gave the date it said was not recorded)
    part = "day" if base == "October 2016" else "date"
    assert past == f"{base} ({part} not recorded in the council's papers)"
    assert meeting_docs.undated_label(label, past=False) == label
    kept = f"{base} (four; dates not in the report)"
    assert meeting_docs.undated_label(kept, past=True) == kept


def national_only(day: dt.date, label: str) -> Meeting:
    return Meeting(
        date=day,
        label=label,
        pack_title="Evidence pack: the local and national picture",
        sections=[SectionRef(notebook="30_local_vs_national")],
    )


def local(day: dt.date, label: str) -> Meeting:
    return Meeting(
        date=day,
        label=label,
        pack_title="Evidence pack: leavers",
        sections=[SectionRef(notebook="10_leavers"), SectionRef(notebook="30_local_vs_national")],
    )


def test_appendices_and_scope_notes_come_from_the_packs_built():
    """Issue 22 (Luton final report, points 8 and 9): every pack built is an appendix, a pack
    whose report shows no chapter too (the 15 August 2016 pack was left out, and the meeting of
    22 November 2016 read "no record" though its pack exists); the scope note names the packs
    that were to give the outside comparison, never "in no evidence pack", and no evidence
    published later."""
    meetings = [
        national_only(dt.date(2016, 8, 15), "First"),
        local(dt.date(2016, 9, 21), "Second"),
        national_only(dt.date(2016, 11, 22), "Third"),
        local(LAST, "Final"),
    ]
    cfg = review_with(meetings)
    # each appendix is named first by its meeting, so two packs on one subject never read
    # alike (reader11: Appendices A and C had the same title), and says what it holds: a pack
    # whose report shows no chapter is not described by the subject its title promised
    # (reader12: A and C were both "evidence on the local and national picture", holding none)
    # (reader14: the two such packs said so once, in one entry where the first stands)
    assert meeting_docs.appendix_titles(cfg, LAST) == [
        "Appendices A and C: Monday 15 August 2016 (First) and Tuesday 22 November 2016 "
        "(Third), the evidence packs, which give no findings",
        "Appendix B: Wednesday 21 September 2016 (Second), evidence on leavers",
        "Appendix D: Wednesday 1 March 2017 (Final), evidence on leavers",
    ]
    notes = meeting_docs.scope_places(cfg, LAST)
    national = next(
        n for item, n in zip(cfg.final_report.scope, notes, strict=True) if "national" in item
    )
    assert national == (
        "Local and national picture: the council's own figures are in Appendix B (21 September "
        "2016) and Appendix D (1 March 2017); no appendix compares "
        "them with figures from outside the council, and Appendix A (15 August 2016) and "
        "Appendix C (22 November 2016) give no findings"
    )
    assert "in no evidence pack" not in national
    assert "published" not in national and "2018" not in national
    held = meeting_docs.meetings_heard(cfg, LAST)
    assert held[0] == (
        "Monday 15 August 2016 (First): the evidence pack (Appendix A), which gives no findings"
    )
    assert "national picture" not in " ".join([*held, *meeting_docs.appendix_titles(cfg, LAST)])
    assert held[1] == (
        "Wednesday 21 September 2016 (Second): the evidence pack (Appendix B) on leavers and "
        "exit interviews"
    )
    assert meeting_docs.unrecorded_note(cfg, LAST) is None
    with_purpose = [*meetings[:3], meetings[3].model_copy(update={"purpose": "Agree it."})]
    assert meeting_docs.meetings_heard(review_with(with_purpose), LAST)[-1] == (
        "Wednesday 1 March 2017 (Final): agree it (evidence pack: Appendix D)"
    )
    only_national = review_with(meetings[:1])
    note = next(
        n
        for item, n in zip(
            only_national.final_report.scope,
            meeting_docs.scope_places(only_national, dt.date(2016, 8, 15)),
            strict=True,
        )
        if "national" in item
    )
    assert note == (
        "Local and national picture: no appendix gives the council's own figures or compares "
        "them with figures from outside the council, and Appendix A (15 August 2016) gives no "
        "findings"
    )


def test_an_undated_entry_for_several_meetings_says_how_many_and_between_which_dates():
    """Reader11 (Coventry final report): "Task and finish group meetings (four; dates not in the
    report)". An undated entry held several times says how many in words, and an undated entry
    whose label names no month says what the review knows of when: the dates of the listed
    meetings either side of it. Meetings made here."""
    meetings = [
        Meeting(date=dt.date(2016, 6, 29), label="The Board", body="board", purpose="Set up."),
        Meeting(date=None, label="Meetings of the group", times=3, purpose="Scope and pay."),
        Meeting(date=None, label="Visit to a team", body="other", heard="caseloads"),
        Meeting(date=None, label="November 2016 (TBA)", heard="pay"),
        Meeting(date=LAST, label="Final meeting", purpose="Agree the final report."),
    ]
    held = meeting_docs.meetings_heard(review_with(meetings), LAST)
    assert held[1] == (
        "Three meetings of the group, between Wednesday 29 June 2016 and Wednesday 1 March "
        "2017 (dates not recorded in the council's papers): scope and pay"
    )
    assert held[2] == (
        "Visit to a team, between Wednesday 29 June 2016 and Wednesday 1 March 2017 (date not "
        "recorded in the council's papers): caseloads"
    )
    # a label that names its month says when already; its place in the group's series is the
    # fourth (the three, then this one; the Board's meeting and the visit are not the group's)
    assert held[3] == (
        "Fourth meeting, November 2016 (day not recorded in the council's papers): pay"
    )
    assert "dates not in the report" not in " ".join(held)


def test_the_coventry_meetings_read_as_plain_english_with_the_dates_known():
    cfg = load_review("coventry-sw-2018")
    held = meeting_docs.meetings_heard(cfg, cfg.final_report.meeting)
    times = next(m.times for m in cfg.meetings if m.times > 1)
    board = [m.date for m in cfg.meetings if m.body == "board"]
    assert held[1].startswith(
        f"{final.NUMBER_WORDS[times].capitalize()} meetings of the task and finish group, "
        f"between Thursday {board[0].day} {board[0]:%B %Y} and Tuesday "
        f"{board[1].day} {board[1]:%B %Y} (dates not recorded in the council's papers): scope"
    )
    assert held[1].startswith("Four meetings of the task and finish group")  # by hand
    # reader14, the Coventry final report: "Focus groups with social workers (two; date not
    # recorded)"; the count in words first, one bracket in plain words at the end
    assert held[2].startswith(
        "Two focus groups with social workers, between Thursday 29 June 2017 and Tuesday 27 "
        "March 2018 (dates not recorded in the council's papers): "
    ), held[2]
