"""Chapters whose figures an earlier meeting's report already tabled (issue 22).

A later meeting's report does not re-table unchanged evidence in full. The rule: a chapter of
the council's own evidence (:func:`pipelines.documents.final.local_sections`: its data are the
review's exports; not a summary, an officers' file or the national comparison) whose figures
are all the same as in the report of an earlier meeting of the review that showed the same
chapter (same keys, values and periods, each meeting's section built with that meeting's
parameters) is printed as its heading and one line naming that report by title and date and
the chapter's number there. When any figure differs, or the chapter has no figure, it is
printed in full. The latest such earlier report is named.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def _signature(figures: Sequence, section: str) -> frozenset:
    """What identifies a chapter's figures: each figure's key, value and period."""
    out = set()
    for f in figures:
        if f.section != section:
            continue
        value = None if f.value is None else round(float(f.value), 6)
        out.add((f.key, value, str(f.period or ""), str(f.as_at or "")))
    return frozenset(out)


class UnchangedLine(str):
    """The line an unchanged chapter prints, knowing the earlier report it names.

    ``paper``: that report as a background paper ("Report \u201c...\u201d to the meeting of
    Tuesday 27 March 2018"), so every earlier report the paper relies on is listed; ``where``:
    where its evidence is printed ("section 7 of the report to the meeting of Tuesday 27 March
    2018"), for a key finding drawn from the chapter to point to; ``report``: that report ("the
    report to the meeting of Tuesday 27 March 2018"), for the exempt appendix's lines.
    """

    paper: str
    where: str
    report: str


def unchanged_line(title: str, date_text: str, number: int) -> UnchangedLine:
    """The one line a chapter prints instead of figures an earlier report tabled."""
    line = UnchangedLine(
        f"The figures of this chapter are unchanged since the report \u201c{title}\u201d to the "
        f"meeting of {date_text}, section {number} of that report, so they are not repeated "
        "here."
    )
    line.paper = f"Report \u201c{title}\u201d to the meeting of {date_text}"
    line.where = f"section {number} of the report to the meeting of {date_text}"
    line.report = f"the report to the meeting of {date_text}"
    return line


def unchanged_chapters(
    cfg, mtg, frames: Mapping[str, object], ctx=None
) -> dict[str, UnchangedLine]:
    """The chapters of ``mtg``'s report whose figures an earlier report tabled: name -> line.

    See the module. ``frames``: the review's tidy data (the same exports for every meeting);
    ``ctx``: this meeting's run (its stored results are read). An earlier meeting's figures
    are built from ``frames`` with that meeting's parameters.
    """
    from pipelines.core import registry
    from pipelines.documents.final import local_sections
    from pipelines.documents.glossary import load_glossary
    from pipelines.documents.meeting import shown_sections
    from pipelines.documents.pack import format_meeting_date
    from pipelines.documents.texts import report_title
    from pipelines.sections import indicators as ix

    if mtg.date is None:
        return {}
    local = set(local_sections(registry.discover()))
    here = [n for n in shown_sections(cfg, mtg) if n in local]
    if not here:
        return {}
    names, params = ix.meeting_sections(cfg, mtg.date)
    now = ix.collect_figures(
        cfg, frames, meeting=mtg.date, sections=here, parameters=params, ctx=ctx
    )
    earlier = [m for m in cfg.meetings if m.date is not None and m.date < mtg.date]
    terms = load_glossary(cfg.id)
    out: dict[str, UnchangedLine] = {}
    seen: set[str] = set()  # compared with the latest earlier report that showed them
    for m in reversed(earlier):  # the latest earlier report first
        shown = shown_sections(cfg, m)
        common = [n for n in here if n in shown and n not in seen]
        if not common:
            continue
        seen.update(common)
        _names, theirs = ix.meeting_sections(cfg, m.date)
        before = ix.collect_figures(cfg, frames, meeting=m.date, sections=common, parameters=theirs)
        for name in common:
            sig = _signature(now, name)
            if sig and sig == _signature(before, name):
                number = 5 + shown.index(name)  # chapters are numbered from 5, in order
                out[name] = unchanged_line(
                    report_title(m, cfg.committee, terms), format_meeting_date(m.date), number
                )
    return out
