"""The Luton 28 February 2017 report as reader11 read it (issue 22): a cross-reference to a
one-line chapter, a cover that says the tracker's statuses are "made up", a chapter introduction
counting one finding over two bullets, and a scorecard whose not-yet-due target read "0", whose
source line was a broken sentence and whose newly qualified ratio was never explained. Each on
data written here, worked out by hand.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import pandas as pd
import pytest

from pipelines.core.config import load_review
from pipelines.documents import blocks
from pipelines.documents.chapters import chapter_intro
from pipelines.documents.front import (
    DEMONSTRATION,
    final_demonstration_note,
    front_matter,
)
from pipelines.documents.notes import SourceNotes
from pipelines.documents.pack import Section
from pipelines.documents.report import not_yet_measurable, report_sections
from pipelines.documents.texts import ReportText
from pipelines.documents.unchanged import EarlierReport, Since
from pipelines.sections.scorecard import analysis as sc
from pipelines.sections.scorecard import result as scr

SEPT = EarlierReport("Evidence on activity", "Wednesday 21 September 2016", 6)


def _chapter(name: str, title: str) -> Section:
    table = blocks.cell([blocks.findings_output([f"{title}: a line."], "f")])
    return Section(name, blocks.notebook(blocks.md(f"# {title}\nWhat it shows."), table))


def test_not_yet_measurable_gives_its_reason_when_its_chapter_is_one_line():
    """'Not yet measurable: campaigns with a target (see section 6)' pointed to a chapter that
    was one line: the reason is given where the line stands instead."""
    campaign = SimpleNamespace(
        key="campaigns",
        section="15_recruitment",
        text="Campaigns: due later.",
        pending="the target falls due on 30 April 2017",
        figure=SimpleNamespace(label="Campaigns with a target"),
    )
    assert not_yet_measurable([campaign], {"15_recruitment": 6}) == (
        "Not yet measurable: campaigns with a target (see section 6)."
    )
    text = ReportText("T", None, "To inform.", ["Note it."], ["Why?"], [])
    since = Since(chapters={"15_recruitment": SEPT})
    out = report_sections(
        [_chapter("15_recruitment", "Recruitment")], [campaign], text, since=since
    )
    key = str(next(s for s in out if s.name == "r03_key_findings").notebook)
    assert "see section 5" not in key  # the recruitment chapter is section 5 here, one line
    assert (
        "Not yet measurable: campaigns with a target, as the target falls due on 30 April 2017."
        in key
    )
    # the report that tabled the chapter is a background paper of this one
    papers = str(next(s for s in out if s.name == "r91_background").notebook)
    assert (
        "Report \u201cEvidence on activity\u201d to the meeting of Wednesday 21 September 2016"
        in papers
    )


def test_the_cover_says_demonstration_and_nothing_made_up():
    """reader11: the cover said 'tracker statuses ... are made up' over a tracker whose
    statuses are 'Not recorded'. The cover says only that the data are synthetic; the final
    report adds what it writes that the papers do not give, in plain words."""
    cfg = load_review("luton-sw-2016")
    mtg = cfg.meeting("2017-02-28")
    for variant in ("public", "exempt"):
        note = front_matter(cfg, mtg, variant, "now").marking_note
        assert DEMONSTRATION in note
        assert "made up" not in note and "statuses" not in note
    final = " ".join(final_demonstration_note(cfg))
    assert (
        final == "Decision-makers and report-back dates not in the council's papers are examples."
    )
    real = cfg.model_copy(update={"demonstration": False})
    assert final_demonstration_note(real) == []


@pytest.mark.parametrize("review", ["luton-sw-2016", "coventry-sw-2018"])
def test_the_final_cover_names_only_the_examples_a_recommendation_prints(review):
    """reader14, the Luton final report: the cover said "report-back dates not in the
    council's papers are examples" when no recommendation printed a date. It names what the
    recommendations print: Luton's five name who acts (from the register) and give no date;
    Coventry's are the Board's own (no one named) and the one date is in the words of
    recommendation b, as the papers give it."""
    from pipelines.documents.final import undemo_final
    from pipelines.documents.final_recommendations import printed_recommendations

    cfg = load_review(review)
    printed = printed_recommendations(cfg, undemo_final(cfg.final_report))
    owners, dates = any(p[2] for p in printed), any(p[3] for p in printed)
    texts = [p[1] for p in printed]
    # by hand, from the printed words: a date is "Report back to ... by <Month Year>."
    assert dates == any(re.search(r"Report back to [^.]* by [A-Z][a-z]+ \d{4}\.", t) for t in texts)
    assert not dates
    assert owners == (review == "luton-sw-2016")
    note = final_demonstration_note(cfg, owners=owners, dates=dates)
    if review == "luton-sw-2016":
        assert texts[0].startswith("The Head of HR to put")
        assert note == ["Decision-makers not in the council's papers are examples."]
    else:
        assert note == []


def test_a_chapter_introduction_counts_every_bullet():
    """'This chapter gives one finding' sat over two bullets, one of them a reference to a key
    finding: the introduction names what the other bullets refer to."""
    assert chapter_intro("", tables=1, findings=1, referred=["key finding 5"]) == (
        "This chapter gives one finding, refers to key finding 5 and shows one table."
    )
    assert chapter_intro("", findings=2) == "This chapter gives two findings."
    assert chapter_intro("", referred=["key finding 2", "key finding 2"]) == (
        "This chapter refers to key finding 2."
    )


def _indicator(key, label, source, value=10.0):
    from pipelines.sections import indicators as ix

    row = dict.fromkeys(ix.COLUMNS)
    row.update(key=key, label=label, value=value, unit="%", direction="lower", source=source,
               period="At 30 July 2016", section="40_workforce_costs", table="t")  # fmt: skip
    return row


def test_the_scorecard_source_line_names_its_sources():
    """reader11: 'Source: Figures from the sections of this pack and the technical annex gives
    each one's source (notes 9 and 10).' The scorecard's source is the sources of its figures,
    each once, so the short line lists them."""
    from pipelines.sections import indicators as ix

    rows = [
        _indicator("vacancy_rate_childrens", "Vacancies", "HR workforce snapshot at 30 July 2016"),
        _indicator(
            "turnover_childrens",
            "Turnover",
            "i-Trent HR leavers extract (qualified staff); Establishment, qualified posts",
        ),
        _indicator("agency_rate_childrens", "Agency", "HR workforce snapshot at 30 July 2016"),
    ]
    measures = sc.measures_table(pd.DataFrame(rows, columns=ix.COLUMNS), "2017-02-28")
    source = sc.scorecard_source(measures)
    assert source == (
        "HR workforce snapshot at 30 July 2016; i-Trent HR leavers extract (qualified staff); "
        "Establishment, qualified posts"
    )
    line = SourceNotes().source_line(source, None)
    assert line == (
        "Source: HR workforce snapshot at 30 July 2016, i-Trent HR leavers extract and "
        "Establishment (notes 1, 2 and 3)."
    )
    assert " gives " not in line


def test_the_newly_qualified_ratio_is_defined_where_it_is_printed():
    """'Newly qualified ratio 7.3 / 7.1' appeared nowhere else in the paper: the note under the
    scorecard defines it, with its source."""
    snap = pd.DataFrame(
        {
            "service": ["Children's Social Care"] * 2,
            "job_title": ["ASYE Social Worker", "Social Worker"],
            "profession": ["Social work"] * 2,
            "permanent_fte": [1.0, 3.0],
            "agency_fte": [0.0, 0.0],
        }
    )
    own = sc.newly_qualified_figures(snap, source="HR snapshot at 30 July 2016")
    assert [round(f.value, 1) for f in own] == [25.0]  # 1 of 4 FTE
    said = sc.newly_qualified_definition(own)
    assert said == (
        "Newly qualified ratio: the full-time equivalent of newly qualified social workers in "
        "their assessed and supported year, permanent and agency, as a percentage of all social "
        "work FTE in post in the service; source: HR snapshot at 30 July 2016."
    )
    from pipelines.sections import indicators as ix

    measures = sc.measures_table(pd.DataFrame(columns=ix.COLUMNS), "2017-02-28")
    notes = scr.scorecard_notes(measures, own)
    assert said in notes["no_target"][0][1]
    assert sc.newly_qualified_definition([]) is None


def test_the_glossary_explains_a_term_only_the_sources_and_notes_use():
    """The scorecard's source line now names its sources, and their full text in the sources
    and notes used "AdWords", which the glossary (written before the notes) left out."""
    finding = SimpleNamespace(
        key="campaign_cost",
        section="15_recruitment",
        text="Campaigns cost £2,200 a year.",
        source="Recruitment system export; Item 6 report (the AdWords cost)",
        period="2016",
        pending=None,
        category="cost",
        figure=SimpleNamespace(label="Campaign cost", table=None),
    )
    text = ReportText("T", None, "To inform.", ["Note it."], ["Why?"], [])
    terms = {"AdWords": "Google's advertising service", "HR": "human resources"}
    out = report_sections(
        [_chapter("15_recruitment", "Recruitment")], [finding], text, glossary=terms
    )
    glossary = str(next(s for s in out if s.name == "r92_glossary").notebook)
    notes = str(next(s for s in out if s.name == "r93_sources").notebook)
    assert "AdWords" in notes and "AdWords" in glossary and "human resources" not in glossary
    # chapter 5, implications 6, background papers 7: the glossary 8, before the sources 9
    assert "8. Glossary" in glossary and "9. Sources and notes" in notes


def test_a_recommendation_to_write_to_the_decision_maker_says_this_report_does_so():
    """reader14, the Coventry final report: recommendation a, "Write to the Cabinet Member for
    Children and Young People ...", in a report to that Cabinet Member. It says the report,
    addressed to that office, does so; a report to another decision-maker adds nothing."""
    from pipelines.documents.final import undemo_final
    from pipelines.documents.final_recommendations import printed_recommendations

    cfg = load_review("coventry-sw-2018")
    fr = undemo_final(cfg.final_report)
    office = "Cabinet Member for Children and Young People"
    assert fr.decision_maker.startswith(f"the {office},")
    first = printed_recommendations(cfg, fr)[0][1]
    assert first.startswith(f"Write to the {office} in support of")
    assert first.endswith(f". This report, addressed to the {office}, does so.")
    assert sum("This report" in p[1] for p in printed_recommendations(cfg, fr)) == 1
    other = fr.model_copy(update={"decision_maker": "the Cabinet"})
    assert "This report" not in printed_recommendations(cfg, other)[0][1]
