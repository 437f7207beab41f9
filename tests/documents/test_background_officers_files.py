"""Every document a report draws on is a background paper: the officers' own register too."""

from __future__ import annotations

from pipelines.core.config import load_review
from pipelines.core.registry import discover
from pipelines.documents import texts


def test_a_report_showing_the_tracker_lists_the_register_as_a_background_paper():
    """Issue 22 (28 Feb 2017 report, point 7): the action tracker's chapter drew on the
    register officers keep, which the background papers did not list. A meeting whose sections
    read an officers' file lists it, dated at the meeting; a meeting without such a section
    does not."""
    specs = discover()
    for review in ("luton-sw-2016", "coventry-sw-2018"):
        cfg = load_review(review)
        for mtg in (m for m in cfg.meetings if m.date and m.sections):
            papers = texts.report_text(cfg, mtg, []).background_papers
            reads = [
                specs[s.notebook].title
                for s in mtg.sections
                if s.notebook in specs and specs[s.notebook].officer_files
            ]
            listed = [p for p in papers if "the register kept by the review's officers" in p]
            when = f"{mtg.date.day} {mtg.date:%B %Y}"
            assert listed == [
                f"{t}: the register kept by the review's officers, at {when}" for t in reads
            ], (review, mtg.date, papers)
    luton = load_review("luton-sw-2016")
    final = next(m for m in luton.meetings if str(m.date) == "2017-02-28")
    assert any(
        p.startswith("Recommendations and action tracker: the register")
        for p in texts.report_text(luton, final, []).background_papers
    )
