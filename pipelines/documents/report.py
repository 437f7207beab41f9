"""The three documents of a meeting: the committee report, its exempt appendix, the technical annex.

A build runs the section notebooks (under the public and, usually, the exempt audience) and
hands them here:

- :func:`report_sections` writes the **committee report** members read, in the shape council
  reports take: purpose, recommendations to the group, the key findings (the first five of the
  ranked findings), questions members may wish to ask, one short chapter per section (its first
  findings and the outputs of the notebook cells tagged ``report``), implications where the data
  speak to them, and background papers. It is built from the public run, so it can be published.
- :func:`exempt_sections` writes the **exempt appendix**: only the tables and charts of the
  exempt run that the public run does not show as they are (hidden, suppressed or withheld), so
  nothing that could be published sits in the private part of the agenda.
- the **technical annex** is every section of a run in full (as the old evidence pack), with the
  data-quality appendix, the disclosure audit and the provenance page.

Each document is a list of :class:`~pipelines.documents.pack.Section` (notebooks), so the same
renderers make HTML and PDF (:func:`pipelines.documents.pack.assemble`) and Word
(:mod:`pipelines.documents.docx`).
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import html
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import nbformat
import nbformat.v4 as v4

from pipelines.core.config import about_individuals, open_to_inspection
from pipelines.core.outputs import META_KEY, slug
from pipelines.documents.pack import Section, _section_findings, _section_title, format_meeting_date

__all__ = [
    "REPORT_TAG",
    "ReportText",
    "chapter_findings",
    "exempt_sections",
    "final_report_sections",
    "report_outputs",
    "report_reference",
    "report_sections",
    "report_text",
    "top_findings",
]

#: Cell tag marking the outputs a section puts in the committee report (the rest is annex).
REPORT_TAG = "report"
#: Key findings at the front of the report.
KEY_FINDINGS = 5
#: Findings per chapter (at most; at least two when the section has them).
CHAPTER_FINDINGS = 4
#: Column names (lower case, any part) that record a protected characteristic.
PROTECTED = ("gender", "sex", "ethnic", "disab", "age_band", "religion", "sexual", "date_of_birth")


def top_findings(found: Sequence, limit: int = KEY_FINDINGS) -> list:
    """The first ``limit`` of the ranked findings (best first)."""
    return list(found)[:limit]


def chapter_findings(found: Sequence, section: Section, limit: int = CHAPTER_FINDINGS) -> list[str]:
    """A chapter's findings: the section's ranked findings, else its notebook's findings list."""
    items = [str(f.text) for f in found if f.section == section.name]
    return (items or _section_findings(section))[:limit]


@dataclass
class ReportText:
    """The words of a committee report that do not come from the data (config or defaults)."""

    title: str
    reference: str | None
    purpose: str
    recommendations: list[str]
    questions: list[str]
    background_papers: list[str]
    #: Sources the report draws on that are not open to inspection, described, not offered.
    confidential: list[str] = dataclasses.field(default_factory=list)


def report_reference(committee_ref: str | None, meeting_date: dt.date) -> str | None:
    """The report's reference: the committee's, with this meeting's month and year.

    ``"R&RSWT&F/09/16"`` for a meeting on 22 November 2016 gives ``"R&RSWT&F/11/16"``; a
    reference without a ``/MM/YY`` ending is returned as it is.
    """
    if not committee_ref:
        return None
    return re.sub(
        r"/\d{2}/\d{2}$", f"/{meeting_date.month:02d}/{meeting_date.year % 100:02d}", committee_ref
    )


def report_text(cfg, meeting, agenda_labels: Sequence[str]) -> ReportText:
    """The report's title, reference, purpose, recommendations, questions and background papers.

    Each comes from the meeting's ``report:`` block in the review config when given, else a
    default written from the meeting's agenda: the purpose names the agenda items the evidence
    serves and the group's question and objectives (:meth:`Review.aims`, a neutral phrase when
    the review sets neither); members are asked to note the key findings and consider the
    questions; the questions ask what explains the findings, what is being done, and what
    evidence is missing; the background papers are the reports to this meeting's agenda items
    and the exports used.
    """
    given = meeting.report
    subject = (meeting.pack_title or "").replace("Evidence pack:", "").strip()
    subjects = "; ".join(agenda_labels) or subject or "the matters before this meeting"
    title = given.title or (
        (meeting.pack_title or f"Evidence for {cfg.committee}")
        .replace("Evidence pack: ", "Evidence on ")
        .strip()
    )
    purpose = given.purpose or (
        f"To give the group the evidence from the council's own data on {subjects}, "
        f"{cfg.aims()}, checked against the figures in the officers' reports, so that members "
        "can test those reports and decide what to recommend."
    )
    items = ", ".join(a.split(":")[0] for a in agenda_labels) or "this meeting's items"
    recommendations = given.recommendations or [
        "Members are asked to note the key findings in section 3 and the evidence behind them.",
        f"Members are asked to consider the questions in section 4 when they discuss {items} "
        "with officers, and which findings should inform the group's recommendations.",
    ]
    questions = given.questions or [
        "Which of the key findings do officers recognise, and what explains them?",
        "What is being done about each of them, by whom and by when, and how will the group "
        "know whether it has worked?",
        "What evidence is missing, and can it be provided before the group reports?",
    ]
    earlier = [m for m in cfg.meetings if m.date and m.date < meeting.date]
    papers = given.background_papers or [
        *(f"{label}: report to this meeting" for label in agenda_labels),
        *(
            [f"Minutes of the group's meeting of {format_meeting_date(earlier[-1].date)}"]
            if earlier
            else []
        ),
        *(
            cfg.datasets[name].source
            for name in _datasets_used(cfg, meeting)
            if open_to_inspection(cfg.datasets[name])
        ),
        *_national_sources(cfg, meeting),
    ]
    confidential = [
        confidential_source(cfg.datasets[name])
        for name in _datasets_used(cfg, meeting)
        if not open_to_inspection(cfg.datasets[name])
    ]
    return ReportText(
        title=title,
        reference=given.reference or report_reference(cfg.committee_ref, meeting.date),
        purpose=purpose,
        recommendations=list(recommendations),
        questions=list(questions),
        background_papers=list(dict.fromkeys(papers)),
        confidential=list(dict.fromkeys(confidential)),
    )


def confidential_source(dataset) -> str:
    """How the background papers describe an export that is not open to inspection.

    "Exit interview forms returned to HR Services, held by HR Services; exempt (information
    about individuals), not open to inspection": the description names the records and who
    holds them, and offers nothing.
    """
    held = f", held by {dataset.held_by}" if dataset.held_by else ", held by the council"
    what = re.sub(r"\s*\([^)]*\)", "", dataset.source).strip()
    why = (
        "exempt (information about individuals, Schedule 12A, paragraph 1)"
        if about_individuals(dataset)
        else "not open to inspection as the review records"
    )
    return f"{what}{held}; {why}"


def national_release(cfg, meeting) -> tuple[str | None, bool]:
    """The DfE release a meeting's national comparison shows, and whether it came out after.

    Returns ("Department for Education: children's social work workforce statistics at 30
    September 2017, published 15 February 2018", False) when the release was published by the
    meeting date; (that text, True) when it was published after; (None, False) when the
    meeting has no national comparison or no DfE files are at hand. Every sentence about when
    the statistics were published comes from here (the releases of ``config/national.yml``).
    """
    from pipelines.core.errors import ConfigError, InputError

    if not meeting.date or not any(s.notebook == "30_local_vs_national" for s in meeting.sections):
        return None, False
    try:
        from pipelines.datasets.national.dfe import load_national
        from pipelines.sections.national.analysis import make_request

        req = make_request(
            load_national(), cfg.la_code, None, meeting=str(meeting.date), later_data=True
        )
    except (OSError, ConfigError, InputError):
        return None, False
    when = f", published {req.published:%-d %B %Y}" if req.published else ""
    text = (
        "Department for Education: children's social work workforce statistics at "
        f"30 September {req.year}{when}"
    )
    return text, bool(req.after_meeting)


def _national_sources(cfg, meeting) -> list[str]:
    """The DfE release a meeting's report draws on, when it was published by the meeting."""
    text, after = national_release(cfg, meeting)
    return [text] if text and not after else []


#: Words for each target of the review config (:class:`pipelines.core.config.Targets`).
TARGET_WORDS = {
    "turnover_percent": "turnover",
    "agency_rate_percent": "the agency rate",
    "average_caseload": "children's social workers' average caseload",
    "exit_interview_return_percent": "the exit interview return rate",
}


def targets_text(cfg) -> str:
    """The report's one statement of its targets: each with its source, then those not set.

    "Targets: children's social workers' average caseload below 20 (set by Item 6 report...,
    21 September 2016). No target set for turnover, the agency rate or the exit interview
    return rate." Illustrative targets are never named.
    """
    set_, unset = [], []
    for name, words in TARGET_WORDS.items():
        value = getattr(cfg.targets, name)
        if value is None:
            unset.append(words)
        else:
            unit = "%" if name.endswith("_percent") else ""
            bound = "below " if name == "average_caseload" else ""
            set_.append(
                f"{words} {bound}{value:g}{unit} (set by {cfg.target_sources[name].short()})"
            )
    parts = []
    if set_:
        parts.append("Targets: " + "; ".join(set_) + ".")
    if unset:
        listed = unset[0] if len(unset) == 1 else ", ".join(unset[:-1]) + " or " + unset[-1]
        parts.append(f"No target set for {listed}.")
    return " ".join(parts)


def _datasets_used(cfg, meeting) -> list[str]:
    """The review's datasets that this meeting's sections read (registry order, no repeats)."""
    from pipelines.core.registry import discover

    specs = discover()
    used: list[str] = []
    for ref in meeting.sections:
        spec = specs.get(ref.notebook)
        for name in (*spec.datasets, *spec.optional_datasets) if spec else ():
            if name in cfg.datasets and name not in used:
                used.append(name)
    return used


# --- Building blocks ---------------------------------------------------------------------------


def _findings_output(items: Sequence[str], name: str) -> nbformat.NotebookNode:
    """A display output listing findings (``kind`` "findings"), as ``Page.show_findings`` does."""
    body = "".join(f"<li>{html.escape(t)}</li>" for t in items)
    return v4.new_output(
        "display_data",
        data={
            "text/html": f'<ul class="ep-findings">{body}</ul>',
            "text/plain": "\n".join(f"- {t}" for t in items),
        },
        metadata={META_KEY: {"kind": "findings", "name": name, "items": list(items)}},
    )


def _cell(outputs: Iterable) -> nbformat.NotebookNode:
    cell = v4.new_code_cell("")
    cell.outputs = [copy.deepcopy(o) for o in outputs]
    return cell


def _notebook(*cells) -> nbformat.NotebookNode:
    return v4.new_notebook(cells=[c for c in cells if c is not None])


def _md(text: str) -> nbformat.NotebookNode:
    return v4.new_markdown_cell(text)


def _bullets(items: Iterable[str]) -> str:
    return "\n".join(f"- {_escape_md(t)}" for t in items)


def _numbered(items: Iterable[str], start: int = 1) -> str:
    return "\n".join(f"{n}. {_escape_md(t)}" for n, t in enumerate(items, start))


def _escape_md(text: str) -> str:
    """Text safe inside markdown: characters markdown would read as markup are escaped."""
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", str(text))


def _is_shown(output: Mapping) -> bool:
    return output.get("output_type") in ("display_data", "execute_result")


def _meta(output: Mapping) -> Mapping:
    return (output.get("metadata") or {}).get(META_KEY) or {}


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
        outputs = [o for o in cell.get("outputs", []) if _is_shown(o)]
        tags = cell.get("metadata", {}).get("tags", [])
        names = {slug(t.split(":", 1)[1]) for t in tags if t.startswith(f"{REPORT_TAG}:")}
        if REPORT_TAG in tags:
            chosen.extend(outputs)
        elif names:
            chosen.extend(o for o in outputs if _meta(o).get("name") in names)
        elif not first:
            first = [o for o in outputs if _meta(o).get("kind") in ("table", "chart")][:1]
    tagged = any(
        REPORT_TAG in t.split(":")[0]
        for c in section.notebook.get("cells", [])
        for t in c.get("metadata", {}).get("tags", [])
    )
    return chosen if tagged else first


#: Share of a table's figures that may be suppressed ([c]) for it to stay in the report.
MOSTLY_SUPPRESSED = 0.5


def _withheld(output: Mapping) -> bool:
    """Whether the public report leaves an output to the exempt appendix.

    True for a chart the public version withholds, or a table more than half of whose figures
    are suppressed ("[c]"), which would tell members little.
    """
    if "ep-chart-withheld" in str(output.get("data", {}).get("text/html", "")):
        return True
    data = _meta(output).get("data")
    if not data:
        return False
    import json

    rows = json.loads(data).get("data", [])
    cells = [v for row in rows for v in row[1:]]
    hidden = sum(1 for v in cells if str(v).strip() == "[c]")
    return bool(cells) and hidden / len(cells) > MOSTLY_SUPPRESSED


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


def _count_evidence(section: Section) -> int:
    n = 0
    for cell in section.notebook.get("cells", []):
        for o in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            if ((o.get("metadata") or {}).get(META_KEY) or {}).get("kind") in ("table", "chart"):
                n += 1
    return n


def _protected_columns(frames: Mapping[str, object] | None) -> list[str]:
    """Columns of the tidy data that record a protected characteristic (by name)."""
    found = []
    for name, frame in (frames or {}).items():
        for column in getattr(frame, "columns", []):
            if any(p in str(column).lower() for p in PROTECTED):
                found.append(f"{name}.{column}")
    return found


def implications(ranked: Sequence, frames: Mapping[str, object] | None) -> list[tuple[str, str]]:
    """Financial, equalities and risk implications, each written from what the data show.

    Financial: the findings that state a sum of money (the agency premium, market supplements).
    Equalities: whether the exports record protected characteristics (by column name); when
    they do not, the report says it cannot tell. Risk: the findings on agency reliance,
    turnover and caseloads, the measures the group's risks are about.
    """
    money = [str(f.text) for f in ranked if "£" in f.text]
    financial = (
        " ".join(money[:3])
        if money
        else "The evidence in this report does not include costs, so it has no financial "
        "implications of its own."
    )
    protected = _protected_columns(frames)
    equalities = (
        "The exports record protected characteristics ("
        + ", ".join(protected[:6])
        + "); the technical annex shows where outcomes differ by them."
        if protected
        else "None of the exports records a protected characteristic (such as age, sex, "
        "ethnicity or disability), so this report cannot say whether leaving, pay or caseloads "
        "differ between groups of staff. Members may wish to ask for this to be collected."
    )
    risky = [
        str(f.text)
        for f in ranked
        if re.search(r"agency|turnover|caseload|left within|vacanc", f.text, re.IGNORECASE)
        and "£" not in f.text
    ]
    risk = (
        "The evidence points to risks to the stability and cost of the workforce. "
        + " ".join(risky[:3])
        if risky
        else "The evidence in this report does not point to a specific risk."
    )
    return [("Financial", financial), ("Equalities", equalities), ("Risk", risk)]


# --- The committee report ----------------------------------------------------------------------


def _key_item(finding, numbers: Mapping[str, int]) -> str:
    """A key finding as printed: the sentence, then its source and period and its chapter."""
    about = [
        part
        for part in (
            f"source: {finding.source.rstrip('.')}" if finding.source else "",
            f"period: {finding.period.rstrip('.')}" if finding.period else "",
            f"section {numbers[finding.section]}" if finding.section in numbers else "",
        )
        if part
    ]
    return str(finding.text) + (f" ({'; '.join(about)})" if about else "")


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
    later_note: str | None = None,
) -> list[Section]:
    """The committee report as sections, in the order council reports take.

    Purpose, recommendations, key findings, questions, one chapter per section,
    implications, background papers.

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
    later_note : str, optional
        What was published after the meeting and left to the technical annex.

    """
    skip = set(annex_only)
    ranked = list(found)
    key = ranked[:KEY_FINDINGS]
    chapters = [s for s in sections if s.name not in skip and _section_title(s)]
    out: list[Section] = []
    purpose = text.purpose + (f"\n\n{_escape_md(later_note)}" if later_note else "")
    out.append(Section("r01_purpose", _notebook(_md(f"# 1. Purpose of the report\n{purpose}"))))
    out.append(
        Section(
            "r02_recommendations",
            _notebook(_md("# 2. Recommendations\n" + _numbered(text.recommendations))),
        )
    )
    titles = {s.name: _section_title(s) for s in chapters}
    numbers = {s.name: n for n, s in enumerate(chapters, start=5)}
    key_items = [_key_item(f, numbers) for f in key]
    out.append(
        Section(
            "r03_key_findings",
            _notebook(
                _md("# 3. Key findings\n" + key_findings_intro(len(key_items))),
                _cell([_findings_output(key_items or ["No findings."], "key_findings")]),
                _md(_escape_md(targets)) if targets else None,
            ),
        )
    )
    out.append(
        Section(
            "r04_questions",
            _notebook(_md("# 4. Questions members may wish to ask\n" + _bullets(text.questions))),
        )
    )
    for section in chapters:
        n = numbers[section.name]
        intro = _section_intro(section)
        items = chapter_findings(found, section)
        chosen = report_outputs(section)
        evidence = [o for o in chosen if not _withheld(o)]
        private = len(chosen) - len(evidence)
        more = _count_evidence(section) - sum(
            1
            for o in evidence
            if ((o.get("metadata") or {}).get(META_KEY) or {}).get("kind") in ("table", "chart")
        )
        cells = [_md(f"# {n}. {titles[section.name]}\n{intro}")]
        if items:
            cells.append(_cell([_findings_output(items, "findings")]))
        if evidence:
            cells.append(_cell(evidence))
        notes = []
        if private and exempt_note:
            notes.append(
                f"{private} of the chapter's main tables and charts would show groups so small "
                "that people could be identified, so they are in the exempt appendix."
            )
        if more > 0:
            notes.append(
                f"The other tables and charts behind this chapter ({more}) are in the technical "
                "annex, available from the scrutiny officer."
            )
        if notes:
            cells.append(_md(" ".join(notes)))
        out.append(Section(section.name, _notebook(*cells)))
    n = 5 + len(chapters)
    if checked is not None and (len(checked[0]) or checked[1]):
        out.append(checked_section(n, *checked))
        n += 1
    rows = implications(ranked, frames)
    out.append(
        Section(
            "r90_implications",
            _notebook(
                _md(
                    f"# {n}. Implications\n"
                    + "\n\n".join(f"**{label}.** {_escape_md(body)}" for label, body in rows)
                )
            ),
        )
    )
    papers = list(text.background_papers)
    if exempt_note:
        papers.append(exempt_note)
    held = (
        "\n\nThe report also draws on records about individual members of staff, which are "
        "not open to inspection:\n\n" + _bullets(text.confidential)
        if text.confidential
        else ""
    )
    out.append(
        Section(
            "r91_background",
            _notebook(
                _md(
                    f"# {n + 1}. Background papers\nThe papers open to inspection that this "
                    "report draws on:\n\n" + (_bullets(papers) or "None.") + held
                )
            ),
        )
    )
    return out


_COUNT_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven"}


def key_findings_intro(n: int) -> str:
    """The sentence over the key findings, saying as many as there are."""
    if n == 0:
        return "The evidence gives no finding set against a comparator or a target."
    if n == 1:
        return "The finding that matters most for the group's question."
    return (
        f"The {_COUNT_WORDS.get(n, str(n))} findings that matter most for the group's "
        "question, most important first."
    )


def checked_section(n: int, table, agree: int) -> Section:
    """The chapter "Figures in the officers' reports, checked".

    A short public table of the meeting's papers' figures the data do not reproduce (paper,
    data, difference, likely reason), and how many agree.
    """
    from pipelines.core.outputs import output_metadata, table_html

    caption = "Figures in the officers' reports that the data do not reproduce"
    total = agree + len(table)
    intro = (
        f"The officers' reports to this meeting print {total} figures the council's data can "
        f"test. {agree} of them agree with the data"
        + (
            "; the others are below, with the difference (data minus paper) and its likely reason."
            if len(table)
            else "."
        )
    )
    cells = [_md(f"# {n}. Figures in the officers' reports, checked\n{intro}")]
    if len(table):
        body = table_html(table, caption, row_headers=True, numeric=[])
        cells.append(
            _cell(
                [
                    v4.new_output(
                        "display_data",
                        data={
                            "text/html": f'<div class="ep-table">{body}</div>',
                            "text/plain": caption,
                        },
                        metadata=output_metadata(
                            "table",
                            "officers-figures-checked",
                            caption,
                            "the officers' reports to this meeting and the council's data",
                            None,
                            table,
                        ),
                    )
                ]
            )
        )
    return Section("r89_checked", _notebook(*cells))


# --- The exempt appendix -----------------------------------------------------------------------


def _keyed_outputs(section: Section) -> list[tuple[tuple[str, int], Mapping]]:
    """Each table and chart of a section with a key (name, occurrence) shared across runs."""
    seen: dict[str, int] = {}
    keyed = []
    for cell in section.notebook.get("cells", []):
        for o in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            meta = (o.get("metadata") or {}).get(META_KEY) or {}
            if meta.get("kind") not in ("table", "chart"):
                continue
            name = str(meta.get("name") or slug(str(meta.get("caption", ""))))
            seen[name] = seen.get(name, 0) + 1
            keyed.append(((name, seen[name]), o))
    return keyed


def exempt_outputs(exempt: Section, public: Section | None) -> list[Mapping]:
    """The tables and charts of the exempt run that the public run does not show as they are.

    An output is exempt-only when the public run has no output of the same name (and
    occurrence), or has it with different data (cells suppressed, a chart withheld, a per-person
    table replaced by a note).
    """
    public_data = {
        k: ((o.get("metadata") or {}).get(META_KEY) or {}).get("data")
        for k, o in (_keyed_outputs(public) if public is not None else [])
    }
    out = []
    for k, o in _keyed_outputs(exempt):
        data = ((o.get("metadata") or {}).get(META_KEY) or {}).get("data")
        if k not in public_data or public_data[k] != data:
            out.append(o)
    return out


#: Schedule 12A, Part 1 (Local Government Act 1972): the paragraphs an exempt item can cite.
SCHEDULE_12A = {
    1: "information relating to any individual",
    2: "information which is likely to reveal the identity of an individual",
    3: "information relating to the financial or business affairs of any particular person "
    "(including the authority holding that information)",
}


def exempt_paragraph(
    output: Mapping, public: Section | None, financial: Mapping[str, str] | None = None
) -> tuple[int, str]:
    """The Schedule 12A paragraph that applies to an exempt table or chart, and why.

    - 3, with the review's reason, when the review records (``exempt_financial``: output name
      -> reason) that the output is exempt as financial or business affairs;
    - 2 when the public report shows the output with figures suppressed or withheld (groups so
      small that people could be identified);
    - 1 otherwise: the public report cannot show it at all (one row per person, comments in
      staff's own words), so it is information relating to individuals.

    Aggregate costs are never exempt by paragraph 3 unless the review says so.
    """
    meta = _meta(output)
    name = str(meta.get("name") or slug(str(meta.get("caption", ""))))
    if financial and name in financial:
        return 3, " ".join(str(financial[name]).split())
    shown = {k[0] for k, _ in _keyed_outputs(public)} if public is not None else set()
    if name in shown:
        return 2, "small groups; the public report shows this with those figures suppressed"
    return 1, "records or words of individual staff; not in the public report"


def exempt_note(paragraph: int, why: str) -> nbformat.NotebookNode:
    """The line over an exempt item: its Schedule 12A paragraph and the reason."""
    return v4.new_markdown_cell(
        f"*Exempt under Schedule 12A, paragraph {paragraph}: {_escape_md(why)}.*"
    )


def exempt_sections(
    exempt: Sequence[Section],
    public: Sequence[Section],
    paragraphs: Sequence[str],
    *,
    annex_only: Iterable[str] = (),
    financial: Mapping[str, str] | None = None,
) -> list[Section]:
    """The exempt appendix: an introduction, then each section's exempt-only tables and charts.

    Each table and chart carries the Schedule 12A paragraph that applies to its content
    (:func:`exempt_paragraph`); the introduction lists the paragraphs the appendix cites.
    Sections with nothing exempt, and ``annex_only`` sections (the data-quality appendix, which
    is for analysts), are left out; when no section has any, the appendix says so.
    ``paragraphs`` (the review's ``exempt_paragraphs``) are cited when nothing is exempt.
    """
    by_name = {s.name: s for s in public}
    skip = set(annex_only)
    parts = []
    used: set[int] = set()
    for section in [s for s in exempt if s.name not in skip]:
        outputs = exempt_outputs(section, by_name.get(section.name))
        title = _section_title(section)
        if outputs and title:
            items = []
            for o in outputs:
                para, why = exempt_paragraph(o, by_name.get(section.name), financial)
                used.add(para)
                items.append((para, why, o))
            parts.append((section, title, items))
    cited = (
        [f"Paragraph {p} of Part 1 of Schedule 12A: {SCHEDULE_12A[p]}." for p in sorted(used)]
        if used
        else list(paragraphs)
    )
    intro = (
        "# About this appendix\nThis appendix holds only the tables and charts that cannot be "
        "published; each says which paragraph of Schedule 12A to the Local Government Act 1972 "
        "applies to it and why. Everything else is in the public report. The paragraphs "
        "cited:\n\n" + _bullets(cited)
    )
    if not parts:
        intro += "\n\nNo table or chart of this meeting's evidence needs to be kept private."
    out = [Section("e00_about", _notebook(_md(intro)))]
    for n, (section, title, items) in enumerate(parts, start=1):
        cells = [
            _md(
                f"# {chr(64 + n)}. {title}\nThe tables and charts of this section that the "
                "public report shows only with small numbers suppressed, or not at all."
            )
        ]
        for para, why, o in items:
            cells += [exempt_note(para, why), _cell([o])]
        out.append(Section(section.name, _notebook(*cells)))
    return out


def exempt_paragraph_numbers(sections: Sequence[Section]) -> list[int]:
    """The Schedule 12A paragraphs an exempt appendix cites (read from its items' notes)."""
    found = set()
    for section in sections:
        for cell in section.notebook.get("cells", []):
            if cell.get("cell_type") == "markdown":
                found.update(
                    int(m)
                    for m in re.findall(r"Exempt under Schedule 12A, paragraph (\d)", cell.source)
                )
    return sorted(found)


def undemo(text: str) -> str:
    """A text without its "(demo)" marks: a demonstration review says so once, on the cover."""
    return re.sub(r"\s*\(demo\)", "", str(text)).strip()


# --- The final report --------------------------------------------------------------------------


def final_report_sections(
    cfg,
    found: Sequence,
    meetings_held: Sequence[str],
    appendices: Sequence[str],
    *,
    later_note: str | None = None,
) -> list[Section]:
    """The group's final report in the shape of a task-and-finish report to a decision-maker.

    Executive summary, membership and meetings, scope, what members heard (the evidence
    heard, with the key findings of the evidence packs), numbered recommendations addressed to
    named decision-makers with report-back dates (lettered when the review gives each its own
    label), financial, legal, equalities and risk implications and any further ones the review
    gives, and appendices (the evidence packs). From the review's ``final_report:`` block and
    the findings.
    """
    fr = cfg.final_report
    key = top_findings(found)
    members = [f"{m.name}{f' ({m.role})' if m.role else ''}" for m in cfg.members]
    held = list(meetings_held)
    lettered = bool(fr.recommendations) and all(r.label for r in fr.recommendations)
    recs = ("\n\n" if lettered else "\n").join(
        (f"**{_escape_md(r.label)}.**" if lettered else f"{n}.")
        + f" {_escape_md(r.text)} *To: {_escape_md(r.to)}.*"
        + (f" *Report back: {_escape_md(undemo(r.report_back))}.*" if r.report_back else "")
        for n, r in enumerate(fr.recommendations, start=1)
    )
    implications_text = "\n\n".join(
        f"**{label}.** {_escape_md(body)}"
        for label, body in (
            ("Financial", fr.financial),
            ("Legal", fr.legal),
            ("Equalities", fr.equalities),
            ("Risk", fr.risk),
            *fr.other_implications.items(),
        )
        if body
    )
    return [
        Section("f01_summary", _notebook(_md(f"# 1. Executive summary\n{_escape_md(fr.summary)}"))),
        Section(
            "f02_recommendations",
            _notebook(_md("# 2. Recommendations\nThe group recommends:\n\n" + recs)),
        ),
        Section(
            "f03_membership",
            _notebook(
                _md(
                    "# 3. Membership and meetings\nThe group's members:\n\n"
                    + _bullets(members)
                    + "\n\nThe meetings of the review:\n\n"
                    + _bullets(held)
                )
            ),
        ),
        Section("f04_scope", _notebook(_md("# 4. Scope\n" + _bullets(fr.scope)))),
        Section(
            "f05_heard",
            _notebook(
                _md("# 5. What members heard\n" + _bullets(fr.evidence_heard)),
                _md(
                    "## What the evidence showed\nThe key findings of the evidence packs:"
                    + (f"\n\n{_escape_md(later_note)}" if later_note else "")
                ),
                _cell([_findings_output([str(f.text) for f in key] or ["No findings."], "key")]),
            ),
        ),
        Section(
            "f06_implications",
            _notebook(_md("# 6. Implications\n" + (implications_text or "None identified."))),
        ),
        Section(
            "f07_appendices",
            _notebook(
                _md(
                    "# 7. Appendices and background papers\n"
                    + _bullets([*appendices, *fr.background_papers])
                )
            ),
        ),
    ]
