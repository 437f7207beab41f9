"""Background papers: each document once (issue 22, point 9).

Luton's 21 September 2016 report listed "Item 6" twice: the agenda's "Item 6: Recruitment and
retention activity ...: report to this meeting" and a dataset's source "Agenda item 6 report
and Appendix 1, 21 September 2016", one report. Papers and reviews generated here.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.core.config import load_review
from pipelines.documents import texts
from pipelines.documents.background import distinct_papers, document_key
from tests.conftest import examples

MEETING = dt.date(2016, 9, 21)


def test_the_report_to_an_agenda_item_is_listed_once_with_every_appendix_named():
    papers = [
        "Item 6: Recruitment activity: report to this meeting",
        "Item 7: Leavers: report to this meeting",
        "Agenda item 6 report and Appendix 1, 21 September 2016",
        "Agenda Item 6 report, Appendices 1 and 3, 21 September 2016",
        "item 7 report, 21 September 2016",
    ]
    assert distinct_papers(papers, MEETING) == [
        "Item 6: Recruitment activity: report to this meeting, and its Appendices 1 and 3",
        "Item 7: Leavers: report to this meeting",
    ]


def test_the_same_item_of_another_meeting_and_other_documents_are_kept():
    papers = [
        "Item 6: Workforce: report to this meeting",
        "Agenda item 6 report and Appendix 1, 21 September 2016",  # the item 6 of another date
        "Minutes of the meeting of Monday 15 August 2016",
        "Minutes of the meeting of Monday 15 August 2016.",  # the same title and date
        "Minutes of the meeting of Tuesday 22 November 2016",  # another date
        "Market supplement register 2016/17 (agenda item 6, Appendix 4)",  # its own title
    ]
    assert distinct_papers(papers, dt.date(2017, 2, 28)) == [
        papers[0],
        papers[1],
        papers[2],
        papers[4],
        papers[5],
    ]
    assert document_key(papers[1], None) == ("item", "6", MEETING)


def test_a_generated_review_whose_sections_name_one_paper_twice_lists_it_once():
    """Two datasets the meeting's sections read cite the report to this meeting's item 4 (one
    with its appendix); the agenda names the item too: one background paper."""
    cfg = load_review("luton-sw-2016")
    meeting = next(m for m in cfg.meetings if m.date == MEETING)
    datasets = dict(cfg.datasets)
    datasets["establishment"] = datasets["establishment"].model_copy(
        update={"source": "Agenda item 4 report, 21 September 2016"}
    )
    datasets["pay_rates"] = datasets["pay_rates"].model_copy(
        update={"source": "Agenda item 4 report and Appendix 2, 21 September 2016"}
    )
    review = cfg.model_copy(update={"datasets": datasets})
    papers = texts.report_text(review, meeting, ["Item 4: Workforce costs"]).background_papers
    # an earlier meeting's item 4 is another paper (listed only where the report cites it)
    item4 = [p for p in papers if "item 4" in p.casefold()]
    item4 = [p for p in item4 if "report to the meeting of" not in p]
    assert item4 == ["Item 4: Workforce costs: report to this meeting, and its Appendix 2"], papers
    assert len(papers) == len(set(papers))


def test_a_paper_a_section_parameter_cites_is_a_background_paper():
    """Issue 22 (papers19 point 8): note 9 of the Coventry report cited a "Recruitment partner
    fee schedule" that the background papers did not list. A generated meeting whose sections
    cite a fee schedule, a report to an agenda item and a plan dated after the meeting: only
    the fee schedule is added (the item is the agenda's; the later plan no paper of it)."""
    cfg = load_review("luton-sw-2016")
    meeting = next(m for m in cfg.meetings if m.date == MEETING)
    sections = [
        ref.model_copy(
            update={
                "parameters": {
                    **ref.parameters,
                    "campaigns_source": "Recruitment partner fee schedule, 2016/17",
                    "agency_rate_source": "Item 6 report to the group, 21 September 2016",
                    "newly_qualified_source": "Academy intake plan of 3 March 2017",
                }
            }
        )
        if ref.notebook == "15_recruitment"
        else ref
        for ref in meeting.sections
    ]
    given_meeting = meeting.model_copy(update={"sections": sections})
    before = texts.parameter_papers(meeting)  # the config's own (a caseload comparator)
    assert texts.parameter_papers(given_meeting) == [
        "Recruitment partner fee schedule, 2016/17",
        *before,
    ]
    papers = texts.report_text(cfg, given_meeting, ["Item 6: Recruitment"]).background_papers
    assert papers.count("Recruitment partner fee schedule, 2016/17") == 1
    assert not [p for p in papers if "Academy intake plan" in p]
    assert len([p for p in papers if p.casefold().startswith("item 6")]) == 1


_PAPERS = st.sampled_from(
    [
        "Item 6: Recruitment: report to this meeting",
        "Agenda item 6 report and Appendix 1, 21 September 2016",
        "Agenda item 6 report, 22 November 2016",
        "Item 7: Leavers: report to this meeting",
        "Minutes of the meeting of Monday 15 August 2016",
        "minutes of the meeting of Monday 15 August 2016.",
        "HR workforce snapshot at 30 July 2016",
        "Market supplement register 2016/17 (agenda item 6, Appendix 4)",
    ]
)


@settings(max_examples=examples(80), deadline=None)
@given(papers=st.lists(_PAPERS, max_size=8))
def test_every_document_is_listed_exactly_once(papers):
    out = distinct_papers(papers, MEETING)
    keys = [document_key(p, MEETING) for p in out]
    assert len(keys) == len(set(keys))  # no document twice
    # none lost but a later meeting's (time-true: tests/documents/test_time_true_papers.py)
    kept = [p for p in papers if "22 November" not in p]
    assert set(keys) == {document_key(p, MEETING) for p in kept}
    assert distinct_papers(out, MEETING) == out  # listing again changes nothing
