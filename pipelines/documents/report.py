"""The committee report members read, as sections in the shape council reports take.

:func:`report_sections` writes purpose, recommendations to the group, the key findings (the
first of the ranked findings), questions members may wish to ask, one short chapter per section
(its findings and the outputs of the notebook cells tagged ``report``), the officers' figures
checked, implications where the data speak to them, and background papers. It is built from the
public run, so it can be published. The exempt appendix is :mod:`.exempt`, the final report
:mod:`.final`, the words not drawn from the data :mod:`.texts`; the technical annex is every
section of a run in full (:mod:`.meeting`).

Each document is a list of :class:`~pipelines.documents.pack.Section` (notebooks), so the same
renderers make HTML and PDF (:func:`pipelines.documents.pack.assemble`) and Word
(:mod:`pipelines.documents.docx`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

import nbformat

from pipelines.core.outputs import slug
from pipelines.documents import blocks
from pipelines.documents import chapters as chapters_text
from pipelines.documents.background import document_text, in_use
from pipelines.documents.checked import checked_section
from pipelines.documents.glossary import glossary_section
from pipelines.documents.implications import (  # noqa: F401 (re-exported)
    described_places,
    finding_places,
    finding_title,
    implications,
    is_measurable,
    is_risk,
    short_title,
)
from pipelines.documents.key_items import (  # noqa: F401 (re-exported)
    _key_item,
    _key_referral,
    key_findings_intro,
    key_pointers,
    unchanged_mark,
)
from pipelines.documents.notes import SourceNotes, sources_section
from pipelines.documents.pack import Section, _section_findings, _section_title
from pipelines.documents.texts import BODY_WORDS, ReportText

#: Cell tag marking the outputs a section puts in the committee report (the rest is annex).
REPORT_TAG = "report"
#: Key findings at the front of the report.
KEY_FINDINGS = 5
#: Findings per chapter (at most; at least two when the section has them).
CHAPTER_FINDINGS = 4


def top_findings(found: Sequence, limit: int = KEY_FINDINGS) -> list:
    """The first ``limit`` of the ranked findings (best first) that can be measured now."""
    return [f for f in found if is_measurable(f)][:limit]


def key_findings(
    found: Sequence, unchanged: Mapping[str, object] | None = None, limit: int = KEY_FINDINGS
) -> tuple[list, list]:
    """A meeting's key findings: (new or changed, unchanged), each best first.

    ``unchanged``: figure key -> the earlier report whose chapter showed the same figure
    (:attr:`pipelines.documents.unchanged.Since.figures`). The findings whose figures are new
    or changed since the last report come first; the unchanged ones fill the places left, up
    to ``limit`` in all. Only measurable findings (:func:`top_findings`).
    """
    unchanged = unchanged or {}
    measurable = [f for f in found if is_measurable(f)]
    fresh = [f for f in measurable if getattr(f, "key", None) not in unchanged]
    old = [f for f in measurable if getattr(f, "key", None) in unchanged]
    return fresh[:limit], old[: max(limit - len(fresh), 0)]


def not_yet_measurable(found: Sequence, numbers: Mapping[str, int]) -> str | None:
    """The line after the key findings naming the findings not yet measurable, or None.

    "Not yet measurable: campaigns with a target (see section 6)." Each is named by its short
    title (:func:`finding_title`) and its chapter, whose sentence says why and when it will
    be measured, so the reason is said once; a finding without a chapter in the report gives
    its reason here ("..., as the target falls due on 30 April 2017").
    """
    items = []
    for f in found:
        if is_measurable(f):
            continue
        where = f" (see section {numbers[f.section]})" if f.section in numbers else ""
        why = "" if where else f", as {f.pending}"
        items.append(f"{finding_title(f) or 'a finding'}{where}{why}")
    if not items:
        return None
    return "Not yet measurable: " + "; ".join(items) + "."


def chapter_findings(found: Sequence, section: Section, limit: int = CHAPTER_FINDINGS) -> list[str]:
    """A chapter's findings: the section's ranked findings, else its notebook's findings list.

    Only those measurable now (:func:`is_measurable`): a target not yet due is no finding
    (reader15: "the target of 7 ... was set after this period: it is measured after 30 April
    2017" in a chapter's findings box); the table that shows the target says so once, and the
    report's "Not yet measurable" line points there. A section whose ranked findings are all
    not yet measurable has no findings box.
    """
    ranked = [f for f in found if f.section == section.name]
    items = [str(f.text) for f in ranked if is_measurable(f)]
    return (items if ranked else _section_findings(section))[:limit]


def report_outputs(section: Section) -> list[nbformat.NotebookNode]:
    """The outputs a section puts in the committee report, in notebook order.

    A code cell tagged ``report`` (:data:`REPORT_TAG`) gives all its outputs; one tagged
    ``report:<name>`` gives its outputs of that name (``name=`` of ``page.show``), so a cell
    showing a table and a chart can send only the chart. A section that tags none gives its
    first table or chart, so a new section still shows its main evidence.
    """
    chosen, first = [], []
    for cell in section.notebook.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        outputs = [o for o in cell.get("outputs", []) if blocks.is_shown(o)]
        tags = cell.get("metadata", {}).get("tags", [])
        names = {slug(t.split(":", 1)[1]) for t in tags if t.startswith(f"{REPORT_TAG}:")}
        if REPORT_TAG in tags:
            chosen.extend(outputs)
        elif names:
            chosen.extend(o for o in outputs if blocks.meta(o).get("name") in names)
        elif not first:
            first = [o for o in outputs if blocks.meta(o).get("kind") in ("table", "chart")][:1]
    tagged = any(
        REPORT_TAG in t.split(":")[0]
        for c in section.notebook.get("cells", [])
        for t in c.get("metadata", {}).get("tags", [])
    )
    return chosen if tagged else first


#: The words of a purpose that promise the chapter "Figures in the officers' reports, checked"
#: (the default purpose of :func:`pipelines.documents.texts.report_text` has them).
CHECK_PROMISE = re.compile(r",? checked against the (?:figures in the )?officers' reports")
#: What the purpose says members will do with the check (dropped with it).
TEST_THOSE = re.compile(r"\btest those reports and ")
#: The default purpose's sentence promising the check
#: (:func:`pipelines.documents.texts.default_purpose`): without the check, "Members can then
#: decide what to recommend."
CHECK_SENTENCE = re.compile(
    r"The evidence is checked against the figures in the officers' reports, so that "
    r"(?P<who>[^.]+?) can test those reports and (?P<what>[^.]+)\."
)


def _citations(printed: Mapping[str, tuple[int, str]]) -> list[tuple[str, str]]:
    """(as a section's output cites a section, as the report prints it), for every section.

    Outputs cite a section by its title (the section registry's, the notebook's heading):
    "section “Staff and locum surveys”" or "Section: Staff and locum surveys" (HTML-escaped).
    A section the report prints as chapter ``n`` with ``heading`` is cited "section 7,
    “Staff surveys”"; a section that is not a chapter of the report, "“...”, not in this
    report" (never the technical annex, which is not published).
    """
    import html

    from pipelines.core import registry

    out = []
    for name, spec in registry.discover().items():
        title = html.escape(str(spec.title))
        if name in printed:
            n, heading = printed[name]
            now = html.escape(heading)
            out += [
                (f"section \u201c{title}\u201d", f"section {n}, \u201c{now}\u201d"),
                (f"Section: {title}", f"Section {n}: {now}"),
            ]
        else:  # never the technical annex: it is not published (docs/architecture.md)
            out += [
                (f"section \u201c{title}\u201d", f"\u201c{title}\u201d, not in this report"),
                (f"Section: {title}", f"Not in this report: {title}"),
            ]
    return out


#: A citation of a figure and the section that shows it: the SWOT grid's "(evidence: 80.6%,
#: section “Staff and locum surveys”)" and its list's "Figure: 80.6% ... In this pack: section
#: “...”" (HTML; the figure never holds a bracket or a tag).
_FIGURE_CITED = re.compile(
    r"(?P<lead>\(evidence: |Figure: )(?P<fig>[^()<]*?)(?P<mid>(?:, | against [^<]*?|\. "
    r"Source: [^<]*?)(?:In this pack: )?)section \u201c(?P<title>[^\u201d]+)\u201d(?P<end>\.)?"
)
#: The SWOT grid's citation (:func:`pipelines.sections.swot.display.citation`, HTML): "Evidence:
#: 80.6%; period: November 2015; section “Staff and locum surveys”; source: Guidant locum
#: survey." (the period and source optional). ``said``: the entry's own sentence before it, after
#: its reference ("<strong>W1</strong> ..."). A figure may have parts of its own ("most of the
#: 13 people; fewer than 5 did not").
_GRID_CITED = re.compile(
    r"(?P<said></strong> [^<]*? )?(?P<lead>Evidence: )"
    r"(?P<fig>(?:[^;<&]|&[#\w]+;|;(?! period: | section \u201c| source: ))*?)"
    r"(?P<period>; period: (?:[^;<&]|&[#\w]+;)*?)?"
    r"; section \u201c(?P<title>[^\u201d]+)\u201d(?P<source>; source: [^<]*?)?\.(?=<|$)"
)
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _findable(figure: str, shown: str) -> bool:
    """Whether a cited figure is printed in the chapter text ``shown`` (its first number)."""
    m = _NUMBER.search(figure)
    return bool(m) and re.search(rf"(?<![\d.]){re.escape(m.group())}(?![\d])", shown) is not None


def _chapter_text(part: Section) -> str:
    """What a chapter prints: its markdown, its outputs' HTML (tags removed) and data."""
    from pipelines.documents.glossary import _TAG

    texts = []
    for cell in part.notebook.get("cells", []):
        if cell.get("cell_type") == "markdown":
            texts.append(str(cell.get("source", "")))
        for o in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            texts.append(_TAG.sub(" ", str((o.get("data") or {}).get("text/html", ""))))
            texts.extend(str(i) for i in blocks.meta(o).get("items") or [])
            texts.append(str(blocks.meta(o).get("data") or ""))  # a table's or chart's data
    return "\n".join(texts)


def cite_printed_chapters(
    parts: Sequence[Section],
    printed: Mapping[str, tuple[int, str]],
    exempt: bool = False,
    stated: Sequence[tuple[object, str]] = (),
):
    """Rewrite, in the chapters' outputs, each citation of a section as the report prints it.

    ``printed``: section name -> (chapter number, heading) (:func:`report_sections`). A cited
    figure the cited chapter does not print is cited where it is: "[c]" (suppressed) in the
    exempt appendix when there is one (``exempt``); any other by its source alone, never the
    technical annex, which is not published; a grid entry, never to the exempt appendix, says a
    figure it withholds in words. A grid entry whose figure a finding of the report states
    in full (``stated``: (finding, place) pairs, "key finding 3", "section 8") cites that
    place instead of the figure again: "Evidence: see section 8."; when the entry's own sentence
    (a SWOT rule's, or officers') prints that figure too, the whole entry is the reference:
    "W1 Children's social workers, average caseload: see key finding 5." Outputs are replaced
    by copies (the run's notebooks are not changed). See :func:`_citations`.
    """
    import copy
    import html

    from pipelines.core import registry
    from pipelines.core.figures import format_value

    by_title = {html.escape(str(spec.title)): name for name, spec in registry.discover().items()}
    shown = {p.name: _chapter_text(p) for p in parts if p.name in printed}

    def elsewhere(m: re.Match) -> str:
        name = by_title.get(m["title"])
        if name in shown and _findable(html.unescape(m["fig"]), shown[name]):
            return m.group()
        end = m["end"] or ""
        if name in shown and exempt and ("[c]" in m["fig"] or "fewer than" in m["fig"]):
            where = f"the exempt appendix, under \u201c{m['title']}\u201d"
            return f"{m['lead']}{m['fig']}{m['mid']}{where}{end}"
        # Not printed in this report: the figure with its source, and no place to look that
        # a reader cannot open (the technical annex is not published).
        said = f"{m['lead']}{m['fig']}{m['mid']}".removesuffix("In this pack: ").rstrip(" ,")
        return said if said.endswith(".") else said + end

    def in_grid(m: re.Match) -> str:
        # The grid cites a figure in plain words: where a chapter prints it, its value, period
        # and chapter (the chapter's note gives the source); else its value, period and source.
        name = by_title.get(m["title"])
        figure = html.unescape(m["fig"]).strip()  # "20.6 cases": the value, then its unit
        said = m["said"] or ""
        for f, place in stated:
            fig = getattr(f, "figure", None)
            if f.section == name and fig is not None and fig.value is not None:
                value = _NUMBER.search(format_value(fig.value, fig.kind))
                if value and re.match(rf"{re.escape(value.group())}(?![\d.,])", figure):
                    number = rf"(?<![\d.]){re.escape(value.group())}(?![\d])"
                    if re.search(number, html.unescape(said)):  # the sentence states it too
                        ref = html.escape(chapters_text.reference(fig, place))
                        return f"</strong> {ref}"
                    return f"{said}{m['lead']}see {place}."
        value = _NUMBER.search(figure)
        if value and re.search(
            rf"(?<![\d.]){re.escape(value.group())}(?![\d])", html.unescape(said)
        ):  # the entry's own sentence states the figure: the evidence says when, not it again
            when = (m["period"] or "").removeprefix("; period: ")
            cited = f"{said}{m['lead']}{when}" if when else f"{said}{m['lead'].rstrip(': ')}"
        else:
            cited = f"{said}{m['lead']}{m['fig']}{m['period'] or ''}"
        if name in shown and _findable(html.unescape(m["fig"]), shown[name]):
            return f"{cited}; section \u201c{m['title']}\u201d."
        return f"{cited}{m['source'] or ''}."  # a withheld figure too: no exempt appendix

    pairs = _citations(printed)
    for part in parts:
        for cell in part.notebook.get("cells", []):
            if cell.get("cell_type") != "code":
                continue
            for i, o in enumerate(cell.get("outputs", [])):
                text = str((o.get("data") or {}).get("text/html", ""))
                if "ection" not in text:
                    continue
                new = _FIGURE_CITED.sub(elsewhere, _GRID_CITED.sub(in_grid, text))
                for old, now in pairs:
                    new = new.replace(old, now)
                if new != text:
                    o = copy.deepcopy(o)
                    o["data"]["text/html"] = new
                    cell["outputs"][i] = o


def _has_suppressed(output: Mapping) -> bool:
    """Whether a public table or chart's data hold a suppressed figure ("[c]").

    Such an output stays in the report: an aggregate count with its small cells suppressed is
    public. Its figures in full are in the exempt appendix, for members only.
    """
    data = blocks.meta(output).get("data")
    if not data:
        return False
    import json

    rows = json.loads(data).get("data", [])
    return any(str(v).strip() == "[c]" for row in rows for v in row[1:])


def _section_intro(section: Section) -> str:
    """The first paragraph under a section's title (its one-sentence summary), or ''."""
    for cell in section.notebook.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        lines = "".join(cell.get("source", "")).splitlines()
        if not lines or not lines[0].startswith("#"):
            continue
        paragraph: list[str] = []
        for line in lines[1:]:
            if not line.strip():
                if paragraph:
                    break
                continue
            paragraph.append(line.strip())
        return " ".join(paragraph)
    return ""


# --- The committee report ----------------------------------------------------------------------


def report_sections(
    sections: Sequence[Section],
    found: Sequence,
    text: ReportText,
    *,
    annex_only: Iterable[str] = (),
    frames: Mapping[str, object] | None = None,
    exempt_note: str | None = None,
    targets: str | None = None,
    checked=None,
    glossary: Mapping[str, str] | None = None,
    unchanged: Mapping[str, str] | None = None,
    since=None,
) -> list[Section]:
    """The committee report as sections, in the order council reports take.

    Purpose, recommendations, key findings, questions, one chapter per section,
    implications, background papers, the glossary of the abbreviations it uses and the
    numbered sources of its key findings. Each finding is stated in full once: a key finding
    in section 3 (with its chapter and the number of its source note), any other in its
    chapter; a chapter names the key findings that come from it, and the implications refer
    to findings by their place.

    Parameters
    ----------
    sections : sequence of Section
        The run's executed section notebooks (public audience), in meeting order.
    found : sequence of Finding
        The ranked findings, best first (:func:`pipelines.sections.findings.context_findings`;
        each has ``text``, ``section``, ``source`` and ``period``).
    text : ReportText
        Purpose, recommendations, questions and background papers (:func:`report_text`).
    annex_only : iterable of str
        Sections that go to the technical annex only (the data-quality appendix).
    frames : mapping, optional
        The tidy data, to tell whether protected characteristics are recorded.
    exempt_note : str, optional
        A sentence saying what the exempt appendix holds (when there is one).
    targets : str, optional
        The report's one statement of its targets and their sources (:func:`targets_text`).
    checked : (DataFrame, int), optional
        The meeting's papers' figures the data do not reproduce, and how many agree
        (:func:`pipelines.core.reconcile.officers_figures`): a chapter "Figures in the
        officers' reports, checked" when the meeting's papers printed any.
    glossary : mapping, optional
        Abbreviation -> meaning (:func:`pipelines.documents.glossary.load_glossary`): the
        report ends with those it uses.
    unchanged : mapping, optional
        Section name -> the one line its chapter prints instead of its figures, which an
        earlier meeting's report tabled unchanged
        (:func:`pipelines.documents.unchanged.unchanged_chapters`).
    since : Since, optional
        What an earlier meeting's report tabled (:func:`pipelines.documents.unchanged.
        since_earlier`): its chapters print one line (as ``unchanged``), the key findings on
        unchanged figures come after the new and changed ones, stated in full and marked with
        the report that first stated them (:func:`key_findings`, :func:`unchanged_mark`), a
        cross-reference points only to a chapter printed in full, and every earlier report
        named is a background paper.

    """
    skip = set(annex_only)
    ranked = list(found)
    to_body = text.body or BODY_WORDS["group"]  # the body that meets: the report's own words
    since_figures = getattr(since, "figures", None) or {}
    tabled = getattr(since, "chapters", None) or {}
    unchanged = {**(unchanged or {}), **{name: since.line(name) for name in tabled}}
    fresh, old = key_findings(ranked, since_figures)
    key = [*fresh, *old]  # each stated in full; an unchanged one marked with its first report
    key_texts = {str(f.text) for f in key}
    chapters = [s for s in sections if s.name not in skip and _section_title(s)]
    out: list[Section] = []
    has_checked = checked is not None and bool(len(checked[0]) or checked[1])
    # The purpose promises the check only when the report holds it (a meeting whose papers
    # print no figure the data can test has no such chapter).
    stated = text.purpose
    if not has_checked and CHECK_SENTENCE.search(stated):
        stated = CHECK_SENTENCE.sub(
            lambda m: f"{m['who'][:1].upper()}{m['who'][1:]} can then {m['what']}.", stated
        )
    elif not has_checked and CHECK_PROMISE.search(stated):
        # "..., checked against the figures in the officers' reports, so that members can test
        # those reports and decide ..." loses both halves of the promise
        stated = TEST_THOSE.sub("", CHECK_PROMISE.sub("", stated))
    purpose = blocks.escape_md(stated)
    out.append(
        Section("r01_purpose", blocks.notebook(blocks.md(f"# 1. Purpose of the report\n{purpose}")))
    )
    out.append(
        Section(
            "r02_recommendations",
            blocks.notebook(
                blocks.md("# 2. Recommendations\n" + blocks.numbered(text.recommendations))
            ),
        )
    )
    titles = {s.name: _section_title(s) for s in chapters}
    numbers = {s.name: n for n, s in enumerate(chapters, start=5)}
    # A cross-reference points to a chapter with content: not one that is its heading and the
    # line naming the earlier report that tabled its figures.
    numbers = {name: n for name, n in numbers.items() if name not in unchanged}
    all_numbers = {s.name: n for n, s in enumerate(chapters, start=5)}
    notes = SourceNotes()
    # where the evidence of a chapter an earlier report tabled is printed: that report
    elsewhere = {name: report.where for name, report in tabled.items()}
    shown = {
        s.name: [
            blocks.meta(o).get("name") or ""
            for o in report_outputs(s)
            if blocks.meta(o).get("kind") in ("table", "chart")
        ]
        for s in chapters
    }
    key_items = [
        _key_item(
            f,
            numbers,
            notes,
            elsewhere,
            shown=shown,
            first=since_figures.get(getattr(f, "key", None)),
        )
        for f in key
    ]
    pending = not_yet_measurable(ranked, numbers)
    targets = source_stated_once(targets, ranked, key, numbers)
    out.append(
        Section(
            "r03_key_findings",
            blocks.notebook(
                blocks.md(
                    "# 3. Key findings\n"
                    + key_findings_intro(len(fresh), to_body.whose, unchanged=len(old))
                ),
                blocks.cell(
                    [blocks.findings_output(key_items or ["No findings."], "key_findings")]
                ),
                blocks.md(blocks.escape_md(pending)) if pending else None,
                blocks.md(blocks.escape_md(targets)) if targets else None,
            ),
        )
    )
    out.append(
        Section(
            "r04_questions",
            blocks.notebook(
                blocks.md(
                    f"# 4. Questions {to_body.they} may wish to ask\n"
                    + blocks.bullets(text.questions)
                )
            ),
        )
    )
    printed: dict[str, tuple[int, str]] = {}
    asked: set[str] = set()  # the group's questions a chapter introduction has quoted
    said: set[str] = set()  # the chapters' closing notes already given in full
    # Where each ranked finding the report prints is stated in full: a chapter's own sentence
    # on the same figure refers to it there (chapters.refer_to_stated).
    stated = [(f, f"key finding {i}") for i, f in enumerate(key, start=1)]
    for section in chapters:
        n = all_numbers[section.name]
        from_here = [i for i, f in enumerate(key, start=1) if f.section == section.name]
        if section.name in unchanged:  # tabled before: its heading and one line
            line = blocks.escape_md(unchanged[section.name])
            # headed as the report it names headed it: from what the chapter holds, the same
            # figures there ("Staff surveys", not the section's "Staff and locum surveys")
            said_here = chapter_findings(found, section, limit=CHAPTER_FINDINGS + len(from_here))
            heading = chapters_text.chapter_heading(
                titles[section.name],
                chapters_text.chapter_body(
                    [*said_here, *(str(key[i - 1].text) for i in from_here)],
                    report_outputs(section),
                ),
            )
            out.append(
                Section(
                    section.name,
                    blocks.notebook(blocks.md(f"# {n}. {blocks.escape_md(heading)}\n{line}")),
                )
            )
            printed[section.name] = (n, heading)
            continue
        own = [
            t
            for t in chapter_findings(found, section, limit=CHAPTER_FINDINGS + len(from_here))
            if t not in key_texts
        ][: max(CHAPTER_FINDINGS - len(from_here), 0)]
        items = [chapters_text.refer_to_stated(t, stated) for t in own]
        # The introduction counts the findings printed in full and names the places the
        # other bullets refer to ("see key finding 5"), so it counts every bullet.
        in_full = sum(1 for t, item in zip(own, items, strict=True) if item == t)
        referred = [
            place
            for t, item in zip(own, items, strict=True)
            if item != t
            for _f, place in stated
            if item.endswith(f"see {place}.")
        ]
        stated += [(f, f"section {n}") for f in ranked if str(f.text) in items]
        chosen = report_outputs(section)
        # Aggregate tables stay in the report with small cells suppressed ([c]); only what
        # identifies a person (free text, one row per person) is left to the exempt appendix,
        # by the public run itself, which does not show it.
        evidence = list(chosen)
        private = sum(1 for o in evidence if _has_suppressed(o))
        # The heading and introduction say only what the chapter holds (chapters.py).
        body = chapters_text.chapter_body(
            [*items, *(str(key[i - 1].text) for i in from_here)], evidence
        )
        heading = chapters_text.chapter_heading(titles[section.name], body)
        kinds = [blocks.meta(o).get("kind") for o in evidence]
        intro = chapters_text.chapter_intro(
            _section_intro(section),
            tables=kinds.count("table"),
            charts=kinds.count("chart"),
            findings=in_full,
            key_numbers=from_here,
            referred=referred,
            asked=asked,
            whose=to_body.whose,
        )
        cells = [blocks.md(f"# {n}. {blocks.escape_md(heading)}\n{blocks.escape_md(intro)}")]
        if items:
            cells.append(blocks.cell([blocks.findings_output(items, "findings")]))
        # Each key finding's pointer stands just above the table or chart that shows its figure.
        pointers = key_pointers(key, from_here, evidence)
        run: list = []
        for i, o in enumerate(evidence):
            if i in pointers:
                if run:
                    cells.append(blocks.cell(run))
                    run = []
                cells.append(blocks.lead_in(_key_referral(pointers[i], blocks.meta(o).get("kind"))))
            run.append(notes.short_source_line(o))
        if run:
            cells.append(blocks.cell(run))
        notes_here = chapters_text.chapter_closing(hidden=bool(private and exempt_note), said=said)
        if notes_here:
            cells.append(blocks.md(notes_here))
        out.append(Section(section.name, blocks.notebook(*cells)))
        printed[section.name] = (n, heading)
    # A chapter that cites another (the SWOT's "section “Leavers and exit interviews”") cites it
    # as the report prints it: its number and heading, from the one place they are made here.
    cite_printed_chapters(out, printed, exempt=bool(exempt_note), stated=stated)
    n = 5 + len(chapters)
    if has_checked:
        out.append(checked_section(n, *checked))
        n += 1
    rows = implications(ranked, frames, key, numbers, to_body, listed=old)
    out.append(
        Section(
            "r90_implications",
            blocks.notebook(
                blocks.md(
                    f"# {n}. Implications\n"
                    + "\n\n".join(f"**{label}.** {blocks.escape_md(body)}" for label, body in rows)
                )
            ),
        )
    )
    # The earlier reports this one names (unchanged chapters and key findings) are papers of it;
    # a paper or record drawn from data only when the report prints its figures.
    named_reports = [tabled[n] for n in tabled if n in titles] + [since_figures[f.key] for f in old]
    earlier = [r.paper for r in sorted_reports(named_reports)]
    printed = "\n".join([document_text(out), *notes.notes, *text.drawn_on])
    papers = in_use(list(dict.fromkeys([*text.background_papers, *earlier])), text.cues, printed)
    confidential = in_use(text.confidential, text.cues, printed)
    # exempt information is never open to inspection (section 100D): said apart from the list
    not_open = (
        "\n\nThe exempt appendix is not open to inspection (Local Government Act 1972, "
        "Schedule 12A):\n\n" + blocks.bullets([exempt_note])
        if exempt_note
        else ""
    )
    held = (
        "\n\nThe report also draws on records about individual members of staff, which are "
        "not open to inspection:\n\n" + blocks.bullets(confidential)
        if confidential
        else ""
    )
    out.append(
        Section(
            "r91_background",
            blocks.notebook(
                blocks.md(
                    f"# {n + 1}. Background papers\nThe papers open to inspection that this "
                    "report draws on:\n\n" + (blocks.bullets(papers) or "None.") + not_open + held
                )
            ),
        )
    )
    n += 2
    # the glossary explains the terms of the sources and notes too ("AdWords" in a source)
    listed = sources_section(notes, "Sources and notes")
    words = glossary_section([*out, *filter(None, [listed])], glossary or {}, f"{n}. Glossary")
    if words is not None:
        out.append(words)
        n += 1
    sources = sources_section(notes, f"{n}. Sources and notes")
    if sources is not None:
        out.append(sources)
    return out


def source_stated_once(
    targets: str | None, ranked: Sequence, key: Sequence, numbers: Mapping[str, int]
) -> str | None:
    """The targets line with a target's source left to the chapter finding that states it.

    A finding printed in full in its chapter (not a key finding; its chapter is printed, so in
    ``numbers``) that gives a target's source, "(set by Item 6 report..., 21 September 2016)",
    leaves the targets line "(source in section 8)", so the source is printed once (a key
    finding's is left to it by :func:`pipelines.documents.texts.targets_text`).
    """
    if not targets:
        return targets
    for f in ranked:
        if any(f is k for k in key) or f.section not in numbers:
            continue
        for said in re.findall(r"\((set by [^()]*)\)", str(f.text)):
            targets = targets.replace(f"({said})", f"(source in section {numbers[f.section]})")
    return targets


def sorted_reports(reports: Sequence) -> list:
    """Earlier reports (:class:`~pipelines.documents.unchanged.EarlierReport`) in date order."""
    return sorted(dict.fromkeys(reports), key=lambda r: r.date)
