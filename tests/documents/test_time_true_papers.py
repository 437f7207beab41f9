"""A meeting's papers cite no document dated after it (issue 22, point 2; reader15 C27).

The Coventry report to the Board of 27 March 2018 listed among its background papers, and cited
under its tables, "HR pay rates for costing, 2017/18 (Appendix 3 to the report to the Cabinet
Member, 16 April 2018)" and the market supplement register "(report to the Cabinet Member, 16
April 2018 ...)": documents of a later meeting. At the Board the figures were the officers' data;
the papers now say so. Reviews generated here from the demo config; the built reports are
checked in tests/e2e/test_time_true_built.py.
"""

from __future__ import annotations

import datetime as dt

from pipelines.core.config import load_review
from pipelines.core.context import run_context
from pipelines.core.time_true import NOT_YET_PUBLISHED, at_meeting, dates, source_at
from pipelines.documents import texts
from pipelines.documents.background import distinct_papers

LATER = (
    "HR pay rates for costing, 2016/17 (Appendix 2 to the report to the group, 28 February 2017)"
)
EARLY, LATE = dt.date(2016, 9, 21), dt.date(2017, 2, 28)


def test_a_source_naming_a_later_document_is_the_officers_data_before_it():
    assert source_at(LATER, EARLY) == (
        "HR pay rates for costing, 2016/17: the officers' data, not yet published at this meeting"
    )
    # on the day of the later document, and after it, the source is cited as written
    assert source_at(LATER, LATE) == LATER
    assert source_at(LATER, dt.date(2017, 3, 1)) == LATER
    assert source_at(LATER, None) == LATER
    # a date outside brackets is the data's own (a snapshot's day), never a later document
    assert source_at("HR workforce snapshot at 30 July 2016", dt.date(2016, 7, 1)) == (
        "HR workforce snapshot at 30 July 2016"
    )
    # a bracket dated by the meeting stays; one dated after goes
    both = "Register (agenda item 6, 21 September 2016) (report of 22 November 2016)"
    assert source_at(both, EARLY) == (
        f"Register (agenda item 6, 21 September 2016): {NOT_YET_PUBLISHED}"
    )


def _generated():
    """The Luton demo review whose pay rates were published after its second meeting."""
    cfg = load_review("luton-sw-2016")
    datasets = dict(cfg.datasets)
    datasets["pay_rates"] = datasets["pay_rates"].model_copy(update={"source": LATER})
    return cfg.model_copy(update={"datasets": datasets})


def test_a_generated_review_cites_the_later_paper_only_from_its_date():
    cfg = _generated()
    early = next(m for m in cfg.meetings if m.date == EARLY)
    assert any(s.notebook == "40_workforce_costs" for s in early.sections)
    seen = at_meeting(cfg, EARLY)
    said = (
        "HR pay rates for costing, 2016/17: the officers' data, not yet published at this meeting"
    )
    assert seen.datasets["pay_rates"].source == said
    assert seen.datasets["pay_rates"]._name == "pay_rates"
    # the notebooks' view of the review (their run context) is the documents' view
    ctx = run_context(cfg, EARLY, audience="public")
    assert ctx.review.datasets["pay_rates"].source == said
    papers = texts.report_text(seen, early, ["Item 6: Recruitment"]).background_papers
    assert said in papers, papers
    for paper in papers:
        assert all(d <= EARLY for d in dates(paper)), paper
    # the meeting of the later paper's own date cites it as written
    late = next(m for m in cfg.meetings if m.date == LATE)
    assert at_meeting(cfg, LATE).datasets["pay_rates"].source == LATER
    assert at_meeting(cfg, LATE) is cfg
    if any(s.notebook == "40_workforce_costs" for s in late.sections):
        assert LATER in texts.report_text(cfg, late, []).background_papers


def test_a_sections_source_parameter_is_time_true_at_its_meeting_only():
    cfg = load_review("coventry-sw-2018")
    board, member = dt.date(2018, 3, 27), dt.date(2018, 4, 16)

    def model_source(review, when):
        mtg = review.meeting(str(when))
        (ref,) = [s for s in mtg.sections if s.notebook == "40_workforce_costs"]
        return ref.parameters["caseload_model_source"]

    configured = model_source(cfg, board)
    assert "(report of 16 April 2018" in configured
    assert model_source(at_meeting(cfg, board), board).endswith(f": {NOT_YET_PUBLISHED}")
    assert "16 April 2018" not in model_source(at_meeting(cfg, board), board)
    # the later meeting's own sections, and the review as configured, are unchanged
    assert model_source(at_meeting(cfg, board), member) == configured
    assert at_meeting(cfg, board).as_configured() is cfg


def test_a_paper_dated_after_the_meeting_is_never_listed():
    papers = [
        "Minutes of the meeting of Monday 15 August 2016",
        "Agenda item 6 report, 22 November 2016",  # a later meeting's report
        "Item 6: Recruitment: report to this meeting",
        LATER,
    ]
    assert distinct_papers(papers, EARLY) == [papers[0], papers[2]]
    assert distinct_papers(papers, LATE) == papers
