"""Evidence an earlier meeting's report already tabled (issue 22).

A later meeting's report does not re-table unchanged evidence in full, nor restate unchanged
findings as if they were the meeting's own. The rule (docs/architecture.md):

- A chapter of the council's own evidence (:func:`pipelines.documents.final.local_sections`:
  its data are the review's exports; not a summary, an officers' file or the national
  comparison) is compared with the latest earlier report of the review that showed the same
  chapter, each meeting's section built with that meeting's parameters. When its figures are
  all the same (keys, values and periods) it is printed as its heading and one line naming
  that report by title and date and the chapter's number there (:func:`unchanged_line`); when
  any figure differs, or the chapter has no figure, it is printed in full.
- A figure of such a chapter that is the same as in that report is unchanged since it
  (:attr:`Since.figures`): a key finding on it comes after the new and changed ones and is
  named, not restated (:mod:`pipelines.documents.report`).
- Every earlier report the later one names so is among its background papers
  (:attr:`EarlierReport.paper`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence


@dataclasses.dataclass(frozen=True)
class EarlierReport:
    """An earlier meeting's report, as a later one names it.

    ``title``: the report's title; ``date_text``: its meeting's date in words ("Wednesday 21
    December 2016"); ``number``: the chapter's number in it; ``date``: the meeting's date.
    """

    title: str
    date_text: str
    number: int
    date: dt.date | None = None

    @property
    def paper(self) -> str:
        """The report as a background paper: "Report “<title>” to the meeting of <date>"."""
        return f"Report \u201c{self.title}\u201d to the meeting of {self.date_text}"

    @property
    def report(self) -> str:
        """The report in a sentence: "the report to the meeting of <date>"."""
        return f"the report to the meeting of {self.date_text}"

    @property
    def where(self) -> str:
        """Where the chapter's evidence is printed, for a key finding drawn from it to point to.

        "section 7 of the report to the meeting of <date>".
        """
        return f"section {self.number} of {self.report}"


@dataclasses.dataclass(frozen=True)
class Since:
    """What a meeting's report takes as tabled before (see the module).

    ``chapters``: section name -> the earlier report whose chapter had all the same figures
    (the chapter prints :meth:`line`); ``figures``: figure key -> the earlier report whose
    chapter showed the same figure (the latest that showed its section).
    """

    chapters: dict[str, EarlierReport] = dataclasses.field(default_factory=dict)
    figures: dict[str, EarlierReport] = dataclasses.field(default_factory=dict)

    def line(self, name: str) -> str:
        """The one line chapter ``name`` prints instead of its figures."""
        r = self.chapters[name]
        return unchanged_line(r.title, r.date_text, r.number)


def _entry(f) -> tuple:
    value = None if f.value is None else round(float(f.value), 6)
    return (f.key, value, str(f.period or ""), str(f.as_at or ""))


def _signature(figures: Sequence, section: str) -> frozenset:
    """What identifies a chapter's figures: each figure's key, value and period."""
    return frozenset(_entry(f) for f in figures if f.section == section)


def unchanged_line(title: str, date_text: str, number: int) -> str:
    """The one line a chapter prints instead of figures an earlier report tabled."""
    return (
        f"The figures of this chapter are unchanged since the report \u201c{title}\u201d to the "
        f"meeting of {date_text}, section {number} of that report, so they are not repeated "
        "here."
    )


def since_earlier(cfg, mtg, frames: Mapping[str, object], ctx=None) -> Since:
    """The chapters, figures and earlier reports of ``mtg``'s report tabled before: see the module.

    ``frames``: the review's tidy data (the same exports for every meeting); ``ctx``: this
    meeting's run (its stored results are read). An earlier meeting's figures are built from
    ``frames`` with that meeting's parameters.
    """
    from pipelines.core import registry
    from pipelines.documents.final import local_sections
    from pipelines.documents.glossary import load_glossary
    from pipelines.documents.meeting import shown_sections
    from pipelines.documents.pack import format_meeting_date
    from pipelines.documents.texts import report_title
    from pipelines.sections import indicators as ix

    if mtg.date is None:
        return Since()
    local = set(local_sections(registry.discover()))
    here = [n for n in shown_sections(cfg, mtg) if n in local]
    if not here:
        return Since()
    names, params = ix.meeting_sections(cfg, mtg.date)
    now = ix.collect_figures(
        cfg, frames, meeting=mtg.date, sections=here, parameters=params, ctx=ctx
    )
    earlier = [m for m in cfg.meetings if m.date is not None and m.date < mtg.date]
    terms = load_glossary(cfg.id)
    out = Since()
    seen: set[str] = set()  # compared with the latest earlier report that showed them
    for m in reversed(earlier):  # the latest earlier report first
        shown = shown_sections(cfg, m)
        common = [n for n in here if n in shown and n not in seen]
        if not common:
            continue
        seen.update(common)
        _names, theirs = ix.meeting_sections(cfg, m.date)
        before = ix.collect_figures(cfg, frames, meeting=m.date, sections=common, parameters=theirs)
        title, when = report_title(m, cfg.committee, terms), format_meeting_date(m.date)
        for name in common:
            report = EarlierReport(title, when, 5 + shown.index(name), m.date)  # chapters from 5
            sig = _signature(now, name)
            if sig and sig == _signature(before, name):
                out.chapters[name] = report
            same = {_entry(f) for f in before if f.section == name}
            for f in now:
                if f.section == name and _entry(f) in same:
                    out.figures[f.key] = report
    return out


def unchanged_chapters(cfg, mtg, frames: Mapping[str, object], ctx=None) -> dict[str, str]:
    """The chapters of ``mtg``'s report whose figures an earlier report tabled: name -> line."""
    since = since_earlier(cfg, mtg, frames, ctx)
    return {name: since.line(name) for name in since.chapters}
