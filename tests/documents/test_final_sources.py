"""The final report's findings carry their source and place; its headings are plain words
(issue 22, Luton final report, point 10)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from pipelines.core.config import load_review
from pipelines.documents import final, texts
from pipelines.documents import meeting as meeting_docs
from pipelines.documents.glossary import load_glossary


def finding(text, source):
    return SimpleNamespace(text=text, source=source, section="40_workforce_costs", figure=None)


def test_each_key_finding_of_the_final_report_gives_its_source_and_its_appendix():
    """ "What the evidence showed" printed five findings with no source. Each now ends with its
    source and where the final meeting's pack (the last appendix, E for Luton) states it."""
    cfg = load_review("luton-sw-2016")
    last = cfg.final_report.meeting
    found = [
        finding("Agency staff cost £1,020,000 a year more", "HR workforce snapshot; pay rates"),
        finding("Caseloads were 20.6 (at 30 July 2016).", "Case management system."),
    ]
    letter = meeting_docs.appendix_titles(cfg, last)[-1].split(":")[0].split()[-1]
    assert letter == "E"  # five packs built: 15 Aug, 21 Sep, 22 Nov, 21 Dec 2016, 28 Feb 2017
    held = meeting_docs.meetings_heard(cfg, last)
    parts = final.final_report_sections(cfg, found, held, [])
    text = " ".join(
        str(o.get("metadata", {}))
        for p in parts
        for c in p.notebook.cells
        for o in c.get("outputs", [])
    )
    assert (
        "Agency staff cost £1,020,000 a year more. Source: HR workforce snapshot; pay rates. "
        "See Appendix E, key finding 1."
    ) in text
    assert (
        "Caseloads were 20.6 (at 30 July 2016). Source: Case management system. See Appendix E, "
        "key finding 2."
    ) in text


def test_a_heading_never_opens_on_an_abbreviation():
    """ "Evidence on SWOT of the local position": the subject opens with the glossary's plain
    words; an abbreviation inside a list of subjects stays (the glossary explains it)."""
    terms = load_glossary("luton-sw-2016")
    assert texts.plain_subject("SWOT of the local position", terms) == (
        "the strengths, weaknesses, opportunities and threats of the local position"
    )
    listed = "the group's findings, SWOT, recommendations and scorecard"
    assert texts.plain_subject(listed, terms) == listed
    cfg = load_review("luton-sw-2016")
    titles = meeting_docs.appendix_titles(cfg, dt.date(2017, 2, 28))
    assert not any("evidence on SWOT" in t.lower() for t in titles)
    assert (
        "Appendix D: Wednesday 21 December 2016 (Fifth meeting), evidence on the strengths, "
        "weaknesses, opportunities and threats of the local position"
    ) in titles


def test_the_luton_financial_implications_state_no_unsourced_budget():
    """ "Any new initiative would be met from the People Directorate's budget" had no source in
    the papers: dropped from the review config (the final report prints the config's words)."""
    fr = load_review("luton-sw-2016").final_report
    assert "budget" not in fr.financial.lower()


def _section_text(parts, name: str) -> str:
    """The words of one section of a document: its markdown and its outputs' text."""
    section = next(p for p in parts if p.name == name)
    return " ".join(
        [str(c.get("source", "")) for c in section.notebook.cells]
        + [str(o.get("metadata", {})) for c in section.notebook.cells for o in c.get("outputs", [])]
    )


def test_the_executive_summary_states_the_top_findings_with_their_figures():
    """reader12 on the Luton final report: the executive summary stated no finding; the key
    findings came at the end of "What members heard". The summary states them, each once, with
    its figure, source and place; what members heard does not repeat them."""
    cfg = load_review("luton-sw-2016")
    last = cfg.final_report.meeting
    found = [
        finding("Agency staff cost £1,020,000 a year more", "HR workforce snapshot; pay rates"),
        finding("Caseloads were 20.6 (at 30 July 2016).", "Case management system."),
    ]
    held = meeting_docs.meetings_heard(cfg, last)
    parts = final.final_report_sections(cfg, found, held, [])
    summary = _section_text(parts, "f01_summary")
    assert "The evidence packs' key findings, most important first, each stated in full" in summary
    # a finding with no short title to name it by is stated here in full
    first = "Agency staff cost £1,020,000 a year more. Source: HR workforce snapshot; pay rates."
    second = "Caseloads were 20.6 (at 30 July 2016). Source: Case management system."
    assert first in summary and second in summary
    assert summary.index(first) < summary.index(second)
    document = " ".join(_section_text(parts, p.name) for p in parts)
    assert document.count("£1,020,000") == summary.count("£1,020,000") > 0
    assert "What the evidence showed" not in document
    # no finding: the summary says so in a sentence, not an empty list
    parts = final.final_report_sections(cfg, [], held, [])
    assert "The evidence packs give no finding set against a comparator or a target." in (
        _section_text(parts, "f01_summary")
    )


def test_the_executive_summary_names_each_key_finding_and_points_to_where_it_is_stated():
    """reader14 on the Luton final report: the five key findings (380 words) were printed in
    full a third time, after the two reports that state them (its appendices). The summary
    names each by its figure's short title and points to the appendix and key finding that
    state it in full, with its figures and source; it never restates the sentence."""
    cfg = load_review("luton-sw-2016")
    last = cfg.final_report.meeting
    found = [
        SimpleNamespace(
            text="Agency workers cost about £1,020,000 a year more than permanent staff.",
            source="HR workforce snapshot",
            section="40_workforce_costs",
            figure=SimpleNamespace(label="Extra cost a year of agency workers"),
        )
    ]
    held = meeting_docs.meetings_heard(cfg, last)
    summary = _section_text(final.final_report_sections(cfg, found, held, []), "f01_summary")
    # by hand: the last appendix of the Luton review is E (five packs, A to E)
    assert "Extra cost a year of agency workers: see Appendix E, key finding 1." in (summary), (
        summary
    )
    assert "£1,020,000" not in summary and "Source:" not in summary
