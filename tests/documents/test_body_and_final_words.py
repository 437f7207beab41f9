"""A report is worded for the body that meets; the final report counts meetings once, never puts
two bracket groups side by side, and says "evidence" once in a title (issue 22, points 6, 7, 8).

Coventry's report of 16 April 2018 went to a Cabinet Member's decision session but its purpose and
questions were written for a task and finish group; its final report said "five meetings" in one
place and "met 4 times" in another, and "(Councillor E Ruane) (evidence pack: Appendix B)". The
reviews here are the demo configurations with meetings generated in the test; the last tests read
every sentence of both demo final reports (written from the configurations, without a build).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipelines.core import config_text
from pipelines.core.config import Meeting, MeetingReport, SectionRef, load_review
from pipelines.core.errors import ConfigError
from pipelines.documents import final, texts
from pipelines.documents import meeting as meeting_docs
from tests.documents.brackets import depth

DAY = dt.date(2017, 3, 1)
#: Words written for the task and finish group that a Board's or a Cabinet Member's report must
#: not carry.
GROUP_WORDS = (
    "To give the group",
    "Members are asked",
    "how will the group know",
    "before the group reports",
    "final report say so",
    "The group's question",
)


def review_with(body: str, final_here: bool = False):
    """The Luton demo review with one generated meeting of ``body`` on DAY."""
    cfg = load_review("luton-sw-2016")
    meeting = Meeting(
        date=DAY,
        label="The meeting",
        body=body,
        pack_title="Evidence pack: leavers",
        sections=[SectionRef(notebook="10_leavers")],
    )
    fr = cfg.final_report.model_copy(update={"meeting": DAY if final_here else dt.date(2020, 1, 1)})
    return cfg.model_copy(update={"meetings": [meeting], "final_report": fr}), meeting


def words(text: texts.ReportText) -> str:
    return " ".join([text.purpose, *text.recommendations, *text.questions])


@pytest.mark.parametrize("final_here", [False, True])
def test_the_report_is_worded_for_the_body_that_meets(final_here):
    group = words(texts.report_text(*review_with("group", final_here), ["Item 7: leavers"]))
    board = words(texts.report_text(*review_with("board", final_here), ["Item 7: leavers"]))
    member = words(
        texts.report_text(*review_with("cabinet_member", final_here), ["Item 7: leavers"])
    )
    assert group.startswith("To give the group evidence from the council's own data")
    assert "Members are asked to note the key findings in section 3" in group
    assert "when they discuss Item 7 with officers" in group
    assert board.startswith("To give the Board evidence")
    assert "Members of the Board are asked to note" in board
    # the group named in full once in the purpose, then "the group" (reader12)
    assert "decide on the group's recommendations" in board
    assert member.startswith("To give the Cabinet Member evidence")
    assert "The Cabinet Member is asked to note the key findings" in member
    assert "when discussing the recommendations with officers" in member
    assert (
        "so that the Cabinet Member can test those reports and decide on the recommendations."
        in member
    )
    assert "how will the Cabinet Member know whether it has worked?" in member
    assert "task and finish group" in member.split("question is")[0]
    for said in GROUP_WORDS:
        assert said not in board and said not in member, said
    # "the group" only once the text has named the task and finish group in full
    for text in (board, member):
        if "the group" in text:
            assert text.lower().index("the task and finish group") < text.index("the group")
    # the check's promise is worded so the report can drop it where it holds no check
    from pipelines.documents.report import CHECK_PROMISE, TEST_THOSE

    for text in (group, board, member):
        assert CHECK_PROMISE.search(text) and TEST_THOSE.search(text)


def test_coventrys_16_april_2018_report_is_for_the_cabinet_member():
    cfg = load_review("coventry-sw-2018")
    mtg = cfg.meeting("2018-04-16")
    assert mtg.body == "cabinet_member" and cfg.meeting("2018-03-27").body == "board"
    said = words(texts.report_text(cfg, mtg, []))
    assert said.startswith("To give the Cabinet Member evidence")
    for group_words in GROUP_WORDS:
        assert group_words not in said, group_words


@given(
    subject=st.from_regex(r"\A[a-z][a-z ,']{2,40}[a-z]\Z"),
    tail=st.sampled_from(
        [
            "",
            ", with the evidence behind them",
            " with the evidence behind it",
            ", With The Evidence Behind Them",
        ]
    ),
)
def test_a_title_says_evidence_once(subject, tail):
    meeting = Meeting(date=DAY, label="m", pack_title=f"Evidence pack: {subject}{tail}")
    title = texts.report_title(meeting, "The group")
    assert title == f"Evidence on {subject.strip()}"
    assert title.lower().count("evidence") == 1 + subject.lower().count("evidence")
    given_title = meeting.model_copy(update={"report": MeetingReport(title="Our title")})
    assert texts.report_title(given_title, "The group") == "Our title"


def adjacent(sentence: str) -> bool:
    """True when two bracket groups stand side by side: "(a) (b)"."""
    return re.search(r"\)\s*\(", sentence) is not None


@given(
    parts=st.lists(st.from_regex(r"\A[a-z]{1,6}( [a-z]{1,6})?\Z"), min_size=1, max_size=4),
    lead=st.from_regex(r"\A[A-Z][a-z]{0,8}\Z"),
)
def test_join_brackets_leaves_no_two_groups_side_by_side(parts, lead):
    text = lead + "".join(f" ({p})" for p in parts)
    joined = final.join_brackets(text)
    assert not adjacent(joined)
    assert joined == f"{lead} ({'; '.join(parts)})"
    nested = f"{lead} (Board (2)) ({parts[0]})"
    assert final.join_brackets(nested) == f"{lead} (Board (2); {parts[0]})"


def generated_meetings() -> list[Meeting]:
    return [
        Meeting(date=dt.date(2016, 6, 1), label="Board", body="board", purpose="Set it up."),
        Meeting(date=None, label="Group meetings (three; dates not kept)", times=3),
        Meeting(date=None, label="Focus groups (two; 14 took part)", body="other", heard="views"),
        Meeting(
            date=DAY,
            label="Cabinet Member",
            body="cabinet_member",
            purpose="Considers the recommendations (Councillor A Member)",
            pack_title="Evidence pack: leavers",
            sections=[SectionRef(notebook="10_leavers")],
        ),
        Meeting(date=None, label="Report back (TBA)"),
    ]


def test_the_group_meetings_are_counted_once_and_every_count_says_it():
    cfg = load_review("luton-sw-2016")
    fr = cfg.final_report.model_copy(
        update={"meeting": DAY, "summary": "The members met {meetings}, and two focus groups."}
    )
    cfg = cfg.model_copy(update={"meetings": generated_meetings(), "final_report": fr})
    # three group meetings; the Board, the Cabinet Member and the focus groups are not counted
    assert meeting_docs.group_meetings(cfg, DAY) == 3
    held = meeting_docs.meetings_heard(cfg, DAY)
    assert held[2] == (  # when: between the dated meetings either side (reader11)
        "Focus groups (two; 14 took part; date not recorded in the council's papers), between "
        "Wednesday 1 June 2016 and Wednesday 1 March 2017: views"
    )
    assert held[3] == (
        "Wednesday 1 March 2017 (Cabinet Member): considers the recommendations (Councillor A "
        "Member); evidence pack: Appendix A"
    )
    text = report_text(final.final_report_sections(cfg, [], held, []))
    assert "The members met three meetings" in text and "The group held three meetings." in text
    for sentence in sentences(text):
        assert not adjacent(sentence), sentence
    with pytest.raises(ConfigError, match="met 4 times"):
        final.summary_text("The Members met 4 times.", 3)
    assert final.summary_text("The Members met 3 times.", 3) == "The Members met 3 times."


def report_text(sections) -> str:
    return "\n".join(
        c.get("source", "")
        for s in sections
        for c in s.notebook.cells
        if c.get("cell_type") == "markdown"
    )


def sentences(text: str) -> list[str]:
    """Every sentence of a markdown text (each line, split after a full stop)."""
    out = []
    for line in text.splitlines():
        out.extend(s for s in re.split(r"(?<=[.?!])\s+(?=[A-Z*(])", line) if s.strip())
    return out


@pytest.mark.parametrize("review", ["luton-sw-2016", "coventry-sw-2018"])
def test_every_sentence_of_the_final_report_keeps_brackets_apart_and_one_meeting_count(review):
    cfg = load_review(review)
    last = cfg.final_report.meeting
    held = meeting_docs.meetings_heard(cfg, last)
    sections = final.final_report_sections(
        cfg,
        [],
        held,
        meeting_docs.appendix_titles(cfg, last),
        scope_notes=meeting_docs.scope_places(cfg, last),
    )
    text = report_text(sections)
    for sentence in sentences(text):
        assert not adjacent(sentence), sentence
    n = meeting_docs.group_meetings(cfg, last)
    number = "|".join([*final.NUMBER_WORDS[1:], r"\d+"])
    counts = re.findall(rf"\b({number}) meetings\b|\bmet ({number}) times\b", text)
    said = {a or b for a, b in counts}
    assert said == {final.NUMBER_WORDS[n]}, said
    assert "the group met" not in text
    # each appendix once, by its title or, holding no chapter, as a pack with no findings
    assert text.count(", evidence on") + text.count(
        ", the evidence pack, which gives no findings"
    ) + text.count(", the evidence packs, which give no findings") == len(
        meeting_docs.appendix_titles(cfg, last)
    )
    assert "with the evidence behind them" not in text
    # who acts is said in the recommendation's own sentence, never on a "To:" line (reader11)
    assert "To:" not in text
    # Issue 22 (point 6): "(Education and Children's Services Scrutiny Board (2)):" put a
    # bracket inside a bracket; "14 social workers" was stated twice; "29th June" and "in
    # February" came from the config as typed.
    for sentence in sentences(text):
        assert depth(sentence) <= 1, sentence
    people = re.findall(r"\b(\d+) (?:[a-z']+ ){0,2}?(?:social workers|staff|people)\b", text)
    assert len(people) == len(set(people)), people
    assert not re.search(
        r"\d(?:st|nd|rd|th) (?:January|February|March|April|May|June|July|"
        r"August|September|October|November|December)",
        text,
    )
    assert [p for p in config_text.problems(text) if "year" in p] == []


def test_the_cover_and_headers_name_the_body_that_meets():
    from pipelines.documents.front import front_matter

    for body, named in (
        ("group", "Scrutiny Recruitment & Retention of Social Workers Task & Finish Group"),
        ("board", "The meeting"),
        ("cabinet_member", "The meeting"),
    ):
        cfg, meeting = review_with(body)
        assert front_matter(cfg, meeting, "public", "built").committee == named
    cov = load_review("coventry-sw-2018")
    front = front_matter(cov, cov.meeting("2018-04-16"), "exempt", "built")
    assert front.committee == "Cabinet Member for Children and Young People"


#: Words a report addresses to the task and finish group: never in a report to another body.
TO_THE_GROUP = re.compile(
    r"\bfor the group's\b|\bmembers may wish\b|\bQuestions members may\b|\bMembers are asked\b|"
    r"\bTo give the group\b|\bhow will the group know\b",
    re.IGNORECASE,
)


@pytest.mark.parametrize("body", sorted(texts.BODY_WORDS))
def test_no_words_for_the_group_reach_a_report_to_another_body(body):
    """Issue 22 (point 3): the 16 April 2018 report to a Cabinet Member said "the group's
    question" over its key findings and "members may wish to ask" in its headings and
    implications. Every sentence the report writes itself (headings, key findings, chapter
    introductions, implications) is worded for the body that meets."""
    from types import SimpleNamespace

    import nbformat.v4 as v4

    from pipelines.documents import report
    from pipelines.documents.pack import Section

    cfg, meeting = review_with(body)
    text = texts.report_text(cfg, meeting, ["Item 7: leavers"])
    intro = "What leavers said, for the group's question \u201cwhy do social workers leave?\u201d."
    chapter = Section("10_l", v4.new_notebook(cells=[v4.new_markdown_cell(f"# Leavers\n{intro}")]))
    found = [
        SimpleNamespace(text="Agency staff cost £9,000 a year more", section="10_l"),
        SimpleNamespace(text="26 left", section="10_l"),
    ]
    for f in found:
        f.source, f.period, f.figure = None, None, None
    parts = report.report_sections([chapter], found, text)
    said = " ".join(
        str(c.get("source", "")) + " ".join(str(o.get("data", "")) for o in c.get("outputs", []))
        for s in parts
        for c in s.notebook.cells
    )
    assert "may wish to ask how the budget provides" in said and "findings that matter" in said
    assert "\u201cwhy do social workers leave?\u201d" in said, "the chapter quotes the question"
    wrong = TO_THE_GROUP.findall(said)
    if body == "group":
        assert len(wrong) >= 4, "the group's own report is worded for it"
    else:
        assert wrong == [], wrong
        assert f"Questions {texts.BODY_WORDS[body].they} may wish to ask" in said
        assert "the task and finish group's question" in said


def test_the_final_report_to_another_body_says_whose_recommendations_they_are():
    """Issue 22 (point 6): the report to the Cabinet Member said "The group recommends: a.
    Write to the Cabinet Member ...". To another body, the recommendations are those the last
    Board agreed (only one to another says whom it is to); to the group, its own."""
    cov = load_review("coventry-sw-2018")
    assert final.recommendations_intro(cov) == (
        "The Cabinet Member is asked to consider the recommendations the Education and "
        "Children's Services Scrutiny Board (2) agreed at its meeting of Tuesday 27 March 2018, "
        "in which the Board is recommended to:"
    )
    assert final.recommendations_intro(load_review("luton-sw-2016")) == "The group recommends:"
    cfg, _ = review_with("cabinet_member", final_here=True)
    assert final.recommendations_intro(cfg) == (
        "The Cabinet Member is asked to consider the task and finish group's recommendations:"
    )
    cfg, _ = review_with("board", final_here=True)
    assert final.recommendations_intro(cfg).startswith("Members of the Board are asked to ")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("taken to Cabinet in February. The", ["\u201cin February\u201d gives no year"]),
        ("At the meeting on 29th June the Board", ["\u201c29th June\u201d gives no year"]),
        ("At the meeting on 29th June 2017 the Board", []),
        ("between 18 March and 1 June 2016", []),
        ("in February 2018", []),
        (
            "Pay rates (report Appendix 3)",
            ["\u201creport Appendix 3\u201d does not say which report"],
        ),
        (
            "Register (report paragraphs 3.1 to 3.5)",
            ["\u201creport paragraphs 3.1\u201d does not say which report"],
        ),
        ("Item 7 report, paragraph 23", []),
        ("Report to the Cabinet Member, 16 April 2018, paragraph 5.11", []),
        # reader14, the Coventry final report: its own section 5 is what members heard
        (
            "the staffing model set out in section 5 (Finance and HR)",
            ["\u201cin section 5\u201d does not say which report"],
        ),
        ("set out in section 6 of the report to the Cabinet Member, 16 April 2018", []),
    ],
)
def test_config_text_a_paper_prints_has_its_years_and_names_its_report(text, found):
    assert config_text.problems(text) == found


@pytest.mark.parametrize("review", ["luton-sw-2016", "coventry-sw-2018"])
def test_the_demo_configs_print_no_undated_day_and_no_unnamed_report(review):
    config_text.check_review_text(load_review(review))
    cfg = load_review(review)
    fr = cfg.final_report.model_copy(update={"financial": "Taken to Cabinet in February."})
    with pytest.raises(ConfigError, match="final_report.financial: \u201cin February\u201d"):
        config_text.check_review_text(cfg.model_copy(update={"final_report": fr}))


@pytest.mark.parametrize("body", ["board", "cabinet_member"])
def test_a_report_to_another_body_names_the_group_in_full_once_a_sentence(body):
    """reader12 (Coventry 16 April 2018): the purpose said "on the task and finish group's
    recommendations, for the task and finish group's review ..." in one sentence. The group
    is named in full once; said again, it is "the group"."""
    cfg, meeting = review_with(body)
    meeting = meeting.model_copy(
        update={"pack_title": "Evidence pack: the task and finish group's recommendations"}
    )
    purpose = texts.report_text(cfg, meeting, []).purpose
    assert purpose.startswith(
        f"To give the {'Board' if body == 'board' else 'Cabinet Member'} evidence from the "
        "council's own data on the task and finish group's recommendations. The group's "
        "question"
    ), purpose
    assert purpose.lower().count("task and finish group") == 1, purpose
    # a purpose the review config gives is printed as given
    given = meeting.model_copy(
        update={
            "report": meeting.report.model_copy(
                update={
                    "purpose": "The task and finish group's work, for the task and finish group."
                }
            )
        }  # fmt: skip
    )
    assert texts.report_text(cfg, given, []).purpose.count("task and finish group") == 2
