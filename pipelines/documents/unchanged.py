"""Evidence an earlier meeting's report already tabled (issue 22).

A later meeting's report does not re-table unchanged evidence in full, nor restate unchanged
findings as if they were the meeting's own. The rule (docs/architecture.md):

- A chapter of evidence read from data (:func:`compared_sections`: the review's exports or the
  files from outside the council, such as the national comparison's; not a summary or an
  officers' file) is compared with the latest earlier report of the review that showed the
  same chapter, each meeting's section built with that meeting's parameters. When its figures
  are all the same (keys, values, periods, dates and comparators) it is printed as its heading
  and one line naming the report that printed that chapter in full, by title and date, and the
  chapter's number there (:func:`unchanged_line`): when the latest earlier report's chapter was
  itself one line, the report that line names. When any figure differs, or the chapter has no
  figure, it is printed in full.
- A figure of such a chapter that is the same as in that report is unchanged since it
  (:attr:`Since.figures`: the report that first stated it, followed back while it stayed the
  same): a key finding on it comes after the new and changed ones, stated in full in its own
  words and marked as unchanged since that report (:mod:`pipelines.documents.report`).
- Every earlier report the later one names so is among its background papers
  (:attr:`EarlierReport.paper`).
- The final report's key findings point to the report that states each in full, with that
  report's number for it (:func:`stated_in`).
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
    (the chapter prints :meth:`line`); ``figures``: figure key -> the earlier report that
    first stated the same figure: the latest that showed its section, followed back while
    the figure stayed the same there.
    """

    chapters: dict[str, EarlierReport] = dataclasses.field(default_factory=dict)
    figures: dict[str, EarlierReport] = dataclasses.field(default_factory=dict)

    def line(self, name: str) -> str:
        """The one line chapter ``name`` prints instead of its figures."""
        r = self.chapters[name]
        return unchanged_line(r.title, r.date_text, r.number)


def _entry(f) -> tuple:
    """What identifies a figure as tabled: its key, value, period, date and comparators."""
    value = None if f.value is None else round(float(f.value), 6)
    compared = tuple(
        sorted(
            (k, None if v is None else round(float(v), 6))
            for k, v in (getattr(f, "comparators", None) or {}).items()
        )
    )
    return (f.key, value, str(f.period or ""), str(f.as_at or ""), compared)


def _signature(figures: Sequence, section: str) -> frozenset:
    """What identifies a chapter's figures: each figure's :func:`_entry`."""
    return frozenset(_entry(f) for f in figures if f.section == section)


def unchanged_line(title: str, date_text: str, number: int) -> str:
    """The one line a chapter prints instead of figures an earlier report tabled."""
    return (
        f"The figures of this chapter are unchanged since the report \u201c{title}\u201d to the "
        f"meeting of {date_text}, section {number} of that report, so they are not repeated "
        "here."
    )


def compared_sections(specs: Mapping[str, object]) -> list[str]:
    """The sections whose chapters a later report compares with an earlier report's.

    The evidence read from data: the council's own exports
    (:func:`pipelines.documents.final.local_sections`) and the files from outside the council
    (``inputs``: the national comparison's DfE files, whose figures for a year are the same at
    every meeting that shows that year); not a summary of other sections (SWOT, scorecard), not
    officers' files (the tracker) and not left to the technical annex (data quality).
    """
    return [
        name
        for name, spec in specs.items()
        if (spec.datasets or spec.optional_datasets or spec.inputs)
        and not spec.summary
        and not spec.officer_files
        and not spec.annex_only
    ]


class _Reports:
    """The review's meeting reports as a later one compares them, each worked out once.

    ``since(m)`` is :func:`since_earlier` of meeting ``m``; an earlier meeting's figures are
    built from ``frames`` with that meeting's parameters, the meeting asked about (``ctx``) from
    its stored results.
    """

    def __init__(self, cfg, frames: Mapping[str, object]):
        from pipelines.core import registry
        from pipelines.documents.glossary import load_glossary

        self.cfg, self.frames = cfg, frames
        self.compared = set(compared_sections(registry.discover()))
        self.terms = load_glossary(cfg.id)
        self._figures: dict = {}
        self._since: dict = {}

    def shown(self, m) -> list[str]:
        """The compared chapters of ``m``'s report, in its order."""
        from pipelines.documents.meeting import shown_sections

        return [n for n in shown_sections(self.cfg, m) if n in self.compared]

    def figures(self, m, ctx=None) -> list:
        """The figures of ``m``'s compared chapters."""
        from pipelines.sections import indicators as ix

        if m.date not in self._figures:
            here = self.shown(m)
            _names, params = ix.meeting_sections(self.cfg, m.date)
            self._figures[m.date] = (
                ix.collect_figures(
                    self.cfg, self.frames, meeting=m.date, sections=here, parameters=params, ctx=ctx
                )
                if here
                else []
            )
        return self._figures[m.date]

    def since(self, mtg, ctx=None) -> Since:
        """:func:`since_earlier` of ``mtg``."""
        from pipelines.documents.meeting import shown_sections
        from pipelines.documents.pack import format_meeting_date
        from pipelines.documents.texts import report_title

        if mtg.date is None:
            return Since()
        if mtg.date in self._since:
            return self._since[mtg.date]
        here = self.shown(mtg)
        now = self.figures(mtg, ctx) if here else []
        earlier = [m for m in self.cfg.meetings if m.date is not None and m.date < mtg.date]
        out = Since()
        seen: set[str] = set()  # compared with the latest earlier report that showed them
        for m in reversed(earlier):  # the latest earlier report first
            shown = shown_sections(self.cfg, m)
            common = [n for n in here if n in shown and n not in seen]
            if not common:
                continue
            seen.update(common)
            before = self.figures(m)
            title = report_title(m, self.cfg.committee, self.terms)
            when = format_meeting_date(m.date)
            pointed = self.since(m).chapters  # that report's one-line chapters
            for name in common:
                # the report that printed the chapter in full: this one, or the one its
                # one-line chapter names (itself printed in full), never a pointer to a pointer
                report = pointed.get(name) or EarlierReport(
                    title, when, 5 + shown.index(name), m.date
                )  # chapters from 5
                sig = _signature(now, name)
                if sig and sig == _signature(before, name):
                    out.chapters[name] = report
                same = {_entry(f) for f in before if f.section == name}
                first = self.since(m).figures  # the same figure, unchanged since a report before
                for f in now:
                    if f.section == name and _entry(f) in same:
                        out.figures[f.key] = first.get(f.key) or report
        self._since[mtg.date] = out
        return out


def since_earlier(cfg, mtg, frames: Mapping[str, object], ctx=None) -> Since:
    """The chapters, figures and earlier reports of ``mtg``'s report tabled before: see the module.

    ``frames``: the review's tidy data (the same exports for every meeting); ``ctx``: this
    meeting's run (its stored results are read). An earlier meeting's figures are built from
    ``frames`` with that meeting's parameters. An earlier report whose chapter was itself one
    line is never named: the report that line names is, so every report named prints the
    chapter in full.
    """
    return _Reports(cfg, frames).since(mtg, ctx)


def unchanged_chapters(cfg, mtg, frames: Mapping[str, object], ctx=None) -> dict[str, str]:
    """The chapters of ``mtg``'s report whose figures an earlier report tabled: name -> line."""
    since = since_earlier(cfg, mtg, frames, ctx)
    return {name: since.line(name) for name in since.chapters}


def stated_in(
    cfg, mtg, frames: Mapping[str, object], found: Sequence, pol, ctx=None
) -> dict[str, tuple[dt.date, str]]:
    """Where each of ``mtg``'s ranked findings is stated in full: key -> (meeting, place).

    The place is "key finding n" of that meeting's report: ``mtg``'s own when its report
    states the finding among its key findings (new, changed or unchanged: each is stated in
    full), else, for a finding whose figure is unchanged since an earlier report, that
    report's (followed back while the figure stays unchanged); a finding no report states
    among its key findings is stated in its chapter, "section n" of the report that printed
    the chapter in full. ``found``: ``mtg``'s ranked findings;
    ``pol``: the policy the earlier meetings' findings are written under (the public one).
    """
    from pipelines.documents.report import key_findings
    from pipelines.sections.findings import ranked_findings

    reports = _Reports(cfg, frames)
    ranked = {mtg.date: list(found)}
    out: dict[str, tuple[dt.date, str]] = {}
    for finding in found:
        key = getattr(finding, "key", None)
        m, shown_in = mtg, None
        while key is not None and key not in out:
            since = reports.since(m, ctx if m is mtg else None)
            if m.date not in ranked:
                ranked[m.date] = list(ranked_findings(cfg, frames, m.date, pol=pol))
            fresh, old = key_findings(ranked[m.date], since.figures)
            number = next((n for n, f in enumerate([*fresh, *old], 1) if f.key == key), None)
            earlier = since.figures.get(key)
            if number is not None:
                out[key] = (m.date, f"key finding {number}")
            elif earlier is not None and earlier.date is not None:
                m, shown_in = cfg.meeting(earlier.date.isoformat()), earlier
            else:
                if shown_in is not None:  # stated in the chapter of the report named
                    out[key] = (shown_in.date, f"section {shown_in.number}")
                break
    return out
