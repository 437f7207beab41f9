"""Write a meeting's documents from its executed sections: report, exempt appendix, annex.

:func:`write_documents` fills the three folders of a build's staging area (``public/``,
``exempt/``, ``internal/``) and, at the group's last meeting, the final report
(:func:`write_final_report`). The sections are run (and the folders swapped into place) by
:mod:`pipelines.orchestrator`.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import re
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from pipelines.core.config import Review
from pipelines.core.errors import InputError, Problem
from pipelines.core.exports import write_csv
from pipelines.documents.front import (
    agenda_heading,
    build_time,
    front_matter,
    git_commit,
    provenance_section,
)
from pipelines.documents.pdf_jobs import PdfJobs
from pipelines.documents.register_check import check_one_register
from pipelines.documents.unchanged import unchanged_chapters
from pipelines.sections.findings import context_findings

#: The national comparison: in the annex only when what it shows was published after the meeting.
NATIONAL = "30_local_vs_national"

LOGGER = logging.getLogger(__name__)


def published_after(cfg: Review, mtg) -> tuple[set[str], str | None]:
    """The sections a meeting's report leaves to the annex as published after the meeting.

    Returns those sections and the sentence saying so, which only the technical annex prints
    (over them, under "Published after this meeting"): the report, its exempt appendix and the
    final report never mention evidence published after the meeting, not even to say it is not
    used.

    Time-true by rule: when the DfE release the national comparison shows came out after the
    meeting date, the section goes to the technical annex only (under "Published after this
    meeting"), whatever the review's ``national_later_data``.
    """
    from pipelines.documents.texts import national_release

    if not any(s.notebook == NATIONAL for s in mtg.sections):
        return set(), None
    release, after = national_release(cfg, mtg)
    if not after:
        return set(), None
    return {NATIONAL}, (
        f"The national statistics ({release}) were published after this meeting, so this "
        "report, its findings and its appendix do not use them"
        + (
            "; the technical annex shows them for context under \u201cPublished after this "
            "meeting\u201d."
            if cfg.national_later_data
            else "."
        )
    )


def annex_only(after: Iterable[str] = ()) -> set[str]:
    """The sections a meeting's report and exempt appendix leave to the technical annex.

    Those the registry declares annex-only (``SectionSpec.annex_only``: the data-quality
    appendix), and ``after``: those published after the meeting (:func:`published_after`).
    """
    from pipelines.core import registry

    return {*registry.annex_only_sections(), *after}


def later_heading(note: str):
    """The annex's heading over sections published after the meeting."""
    import nbformat.v4 as v4

    from pipelines.documents import pack

    return pack.Section(
        "29_published_after",
        v4.new_notebook(cells=[v4.new_markdown_cell(f"# Published after this meeting\n{note}")]),
    )


def _write_html(sections: list, front, folder: Path, stem: str, timings, key: str) -> str:
    """Assemble ``sections`` as ``<folder>/<stem>.html``; returns the HTML."""
    from pipelines.documents import pack

    t0 = time.perf_counter()
    html = pack.assemble(sections, front)
    (folder / f"{stem}.html").write_text(html, encoding="utf-8")
    timings[f"{key} html"] = time.perf_counter() - t0
    return html


def _write_html_pdf(
    sections: list, front, folder: Path, stem: str, timings, key: str, pdfs: PdfJobs
) -> str:
    """Assemble ``sections`` as ``<folder>/<stem>.html`` now and start ``.pdf`` in ``pdfs``.

    The PDF is written in a worker process, beside the build and the other PDFs
    (:mod:`pipelines.documents.pdf_jobs`); returns the HTML.
    """
    html = _write_html(sections, front, folder, stem, timings, key)
    pdfs.add(html, folder / f"{stem}.pdf", title=front.title, key=key)
    return html


def _write_tables(sections: list, folder: Path) -> dict:
    """Write the sections' tables as ``tables/*.csv``; returns them (file name -> frame)."""
    from pipelines.documents import pack

    (folder / "tables").mkdir(parents=True, exist_ok=True)
    tables = pack.collect_tables(sections)
    for fname, table in tables.items():
        write_csv(table, folder / "tables" / fname)
    return tables


def write_documents(
    cfg: Review,
    mtg,
    contexts: dict,
    runs: dict[str, list],
    staging_root: Path,
    *,
    inputs: dict[str, dict],
    timings: dict[str, float],
    say: Callable[[str], None],
    annex_pdf: bool = False,
    pdfs: PdfJobs | None = None,
) -> dict[str, dict]:
    """Write a meeting's three folders from its executed sections (one list per audience).

    ``inputs`` are the review's export files as the manifest records them (file, SHA-256,
    size, source), listed on the annex's provenance page. Returns each folder's tables as
    written (folder name -> file name -> frame), for the consistency check (no step reads the
    CSV written for people back).

    ``public/``: the committee report (``report.html``, ``.pdf``, ``.docx``) from the public
    run, with the CSV of its tables, and at the group's last meeting the final report.
    ``exempt/``: the exempt appendix (``exempt-appendix.html``, ``.pdf``) with its tables: the
    exempt run's tables and charts that the public run does not show as they are.
    ``internal/``: the technical annex (``annex.html``, and ``annex.pdf`` when ``annex_pdf``:
    the annex is for analysts, who read the HTML; its PDF, the longest to write, is made on
    request, ``build --annex-pdf``): every section of the first audience's run in full, the
    disclosure audit of the public tables and the provenance page (with the build stamp), with
    every table as CSV (the notebooks, manifest and timings are written by the caller).
    ``pdfs``: the build's PDF workers (:class:`PdfJobs`, already started), else new ones.
    """
    say("writing the report, the exempt appendix and the annex")
    if pdfs is not None:  # the build's workers, started while its sections ran
        return _write_documents(
            cfg, mtg, contexts, runs, staging_root, inputs, timings, pdfs, annex_pdf=annex_pdf
        )
    with PdfJobs() as own:  # each PDF written in a worker process once its HTML is written
        return _write_documents(
            cfg, mtg, contexts, runs, staging_root, inputs, timings, own, annex_pdf=annex_pdf
        )


def _write_documents(
    cfg, mtg, contexts, runs, staging_root, inputs, timings, pdfs, *, annex_pdf: bool = False
) -> dict:
    """:func:`write_documents` with the build's PDF workers ``pdfs``."""
    from pipelines.documents import exempt, pack, report, texts
    from pipelines.documents.docx import write_docx
    from pipelines.documents.glossary import glossary_section, load_glossary
    from pipelines.sections.findings import context_frames

    built = build_time().strftime("%-d %B %Y %H:%M UTC")
    audiences = list(runs)
    internal = staging_root / "internal"
    public_ctx = contexts["public"]
    public = runs["public"]
    commit = git_commit()

    # The committee report (public).
    folder = staging_root / "public"
    folder.mkdir(parents=True, exist_ok=True)
    found = context_findings(public_ctx)
    front = front_matter(cfg, mtg, "public", built)
    labels = list(front.agenda_items)
    frames = context_frames(public_ctx)
    from pipelines.sections.findings import measured_targets, meeting_figures

    # the meeting's typed figures: a scenario's assumption is stated with the observed figure
    figures = meeting_figures(cfg, frames, mtg.date, ctx=public_ctx)
    text = texts.report_text(cfg, mtg, labels, figures=figures)
    after, later_note = published_after(cfg, mtg)
    annexed = annex_only(after)
    terms = load_glossary(cfg.id)
    from pipelines.core.reconcile import officers_figures

    checked = officers_figures(
        cfg.published_figures, frames, cfg, mtg.date, threshold=cfg.disclosure_threshold
    )
    exempt_note = (
        "Exempt appendix to this report (not for publication): the figures that would identify "
        "people, and staff's comments in their own words."
        if "exempt" in runs
        else None
    )
    # Time-true: the report never mentions evidence published after its meeting, not even to
    # say it is not used; the annex alone shows it, under "Published after this meeting".
    sections = report.report_sections(
        public,
        found,
        text,
        annex_only=annexed,
        frames=frames,
        exempt_note=exempt_note,
        targets=texts.targets_text(
            cfg,
            [str(f.text) for f in report.top_findings(found)],
            measured=measured_targets(figures),
        ),
        checked=checked,
        glossary=terms,
        unchanged=unchanged_chapters(cfg, mtg, frames, public_ctx),
    )
    front_r = dataclasses.replace(
        front,
        title=text.title,
        committee_ref=text.reference,
        kind="report",
        heading=agenda_heading(mtg),
    )
    html = _write_html_pdf(sections, front_r, folder, "report", timings, "report", pdfs)
    report_folder = folder
    written = {}

    # The exempt appendix.
    if "exempt" in runs:
        folder = staging_root / "exempt"
        folder.mkdir(parents=True, exist_ok=True)
        appendix = exempt.exempt_sections(
            runs["exempt"],
            public,
            cfg.exempt_paragraphs,
            annex_only=annexed,
            financial=cfg.exempt_financial,
            printed=sections,
        )
        words = glossary_section(appendix, terms, "Glossary", name="e99_glossary")
        appendix = [*appendix, words] if words is not None else appendix
        cited = exempt.exempt_paragraph_numbers(appendix)
        paragraphs = [
            f"Paragraph {n} of Part 1 of Schedule 12A to the Local Government Act 1972: "
            f"{exempt.SCHEDULE_12A[n]}."
            for n in cited
        ] or list(cfg.exempt_paragraphs)
        front_e = dataclasses.replace(
            front_matter(
                cfg.model_copy(update={"exempt_paragraphs": paragraphs}), mtg, "exempt", built
            ),
            title=f"Exempt appendix: {text.title}",
            committee_ref=text.reference,
            kind="exempt",
            heading=f"Exempt appendix to the report to the {front.committee}",
        )
        _write_html_pdf(appendix, front_e, folder, "exempt-appendix", timings, "exempt", pdfs)
        exempt_tables = _write_tables(appendix, folder)

    # The report's Word copy, tables and (at the last meeting) the final report, written while
    # the report's and the exempt appendix's PDFs are (the appendix's is the longer).
    folder = report_folder
    write_docx(html, front_r, folder / "report.docx")
    written["public"] = _write_tables(sections, folder)
    if "exempt" in runs:
        written["exempt"] = exempt_tables
    if cfg.final_report is not None and cfg.final_report.meeting == mtg.date:
        write_final_report(
            cfg,
            mtg,
            found,
            front_r,
            folder,
            timings,
            pdfs,
            checked=checked,
            compared=[said for said, _q in texts.model_comparisons(mtg, figures)],
        )

    # The technical annex (internal).
    main = list(runs[audiences[0]])
    written["internal"] = _write_tables(main, internal)
    audit = pack.write_disclosure_audit(public, internal, public_ctx.policy.threshold)
    stop_if_recoverable(audit)
    pdfs.wait(timings, staging_root / "public")  # the public PDFs are read back by the audit
    artefacts = audit_public_files(cfg, mtg, public_ctx, staging_root / "public", internal)
    front_a = dataclasses.replace(
        front_matter(cfg, mtg, audiences[0], built, annex=True),
        title=f"Technical annex: {text.title}",
        committee_ref=text.reference,
        kind="annex",
        heading="Technical annex for analysts (not for publication)",
    )
    if later_note:
        at = next(i for i, s in enumerate(main) if s.name in after)
        main = [*main[:at], later_heading(later_note), *main[at:]]
    audit_section = pack.disclosure_audit_section(audit)
    audit_section.notebook.cells.append(
        pack.nbformat.v4.new_markdown_cell("Every public file: " + artefacts.summary())
    )
    annex = [
        *main,
        audit_section,
        provenance_section(cfg, inputs, front_a, commit),
    ]
    if annex_pdf:
        _write_html_pdf(annex, front_a, internal, "annex", timings, "annex", pdfs)
    else:
        _write_html(annex, front_a, internal, "annex", timings, "annex")
    pdfs.finish(timings)
    return written


def stop_if_recoverable(audit) -> None:
    """Stop the build when the public tables' audit finds a count that can be worked out.

    Exit 2, nothing replaced, when the disclosure audit
    (:func:`pipelines.documents.pack.write_disclosure_audit`) finds a hidden count that the
    published totals, averages and shared counts narrow to fewer than the threshold's values:
    the public papers would let a small number be worked out. The problems name each cell; the
    pack already in place is kept. Tables whose published figures do not fit the audit's model of
    them (``inconsistent``: e.g. an average over answers the table does not show) are logged as a
    warning and named in the annex's disclosure appendix; they do not stop the build.
    """
    for group in audit.inconsistent:  # the audit's model of these tables does not fit them
        LOGGER.warning(
            "The disclosure audit could not check these public tables together (their published "
            "figures do not fit its model of them): %s. Report this as a fault in the tool.",
            ", ".join(group),
        )
    if not audit.recoverable:
        return
    problems = [
        Problem(
            "A hidden count in a public table could be worked out from the other published "
            "figures.",
            f"public/tables/{table}",
            row=row + 2,  # the CSV's line: its header is line 1
            column=column,
            found=f"between {r.low:g} and {r.high:g}",
            expected=f"a range of at least {audit.threshold - 1} values",
            hint="Report this as a fault in the tool's disclosure control, with this message; "
            "the public papers were not written.",
        )
        for r in audit.recoverable
        for table, row, column in [r.cell]
    ]
    raise InputError(problems)


def audit_public_files(cfg: Review, mtg, ctx, folder: Path, internal: Path):
    """Read the meeting's public files back and audit them (issue 26); stop if any fails.

    :func:`pipelines.core.artefact_audit.audit_artefacts` over ``public/`` (Word, HTML, PDF
    text, alternative text, every CSV) with the figures the meeting's sections computed; the
    result is added to ``internal/disclosure_audit.json`` under ``artefacts``. A problem stops
    the build (exit 2, nothing replaced): a public file must never carry personal data or a
    small count of people.
    """
    from pipelines.core import artefact_audit
    from pipelines.sections import indicators as ix

    sections, params = ix.meeting_sections(cfg, mtg.date)
    figures = ix.collect_indicators(  # the sections' stored results, not built again
        cfg, ctx.frames(), meeting=mtg.date, sections=sections, parameters=params, ctx=ctx
    ).to_dict("records")
    result = artefact_audit.audit_artefacts(
        folder,
        ctx.policy.threshold,
        figures=figures,
        allowed=artefact_audit.public_office_texts(cfg),
    )
    path = internal / "disclosure_audit.json"
    report = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    report["artefacts"] = result.to_json()
    path.write_text(json.dumps(report, indent=2, default=str, sort_keys=True), encoding="utf-8")
    if not result.safe:
        raise InputError(
            [
                Problem(
                    f"A public file would publish {f.problem}.",
                    f"public/{f.file}",
                    column=f.where,
                    found=artefact_audit.visible(f.found),
                    hint="Remove it from the input it comes from (officers' SWOT entries, the "
                    "tracker, the review configuration), or report a fault in the tool if it "
                    "comes from the data.",
                )
                for f in result.findings
            ]
        )
    return result


#: Words of a meeting label saying its date is still to be fixed ("(date to be announced)",
#: "TBA", "to be confirmed"): true only before the meeting.
_TO_BE_FIXED = re.compile(
    r"\s*\(?\b(?:date\s+)?(?:to\s+be\s+(?:announced|confirmed|arranged|agreed)|TBA|TBC)\b\)?",
    re.IGNORECASE,
)


def undated_label(label: str, *, past: bool) -> str:
    """How a document names a meeting that has no date in the review config.

    Before it (``past`` False) the label as the config gives it ("October 2016 (date to be
    announced)"). Once it is past, never "to be announced": the words saying the date is to be
    fixed are dropped and "(date not recorded)" is added, unless the label already says how its
    dates stand ("October 2016 (date to be announced)" -> "October 2016 (date not recorded)";
    "Task and finish group meetings (four; dates not in the report)" is kept).
    """
    if not past:
        return label
    base = _TO_BE_FIXED.sub("", label).strip().rstrip(",;:").strip()
    if re.search(r"\bdates?\b", base, re.IGNORECASE):
        return base
    if base.endswith(")"):  # one bracket, not two side by side: "(two; date not recorded)"
        return base[:-1] + "; date not recorded)"
    return f"{base} (date not recorded)"


def shown_sections(cfg: Review, m) -> list[str]:
    """The sections a meeting's public report shows as chapters (by notebook, meeting order).

    Its sections less those left to the technical annex (:func:`annex_only`: the data-quality
    appendix, and what was published after the meeting, :func:`published_after`).
    """
    if not m.sections or m.date is None:
        return []
    hidden = annex_only(published_after(cfg, m)[0])
    return list(dict.fromkeys(s.notebook for s in m.sections if s.notebook not in hidden))


def appendix_meetings(cfg: Review, last) -> list:
    """The meetings whose evidence packs are the final report's appendices, in order.

    Every dated meeting up to ``last`` with sections: each was built and tabled as a pack, so
    each is an appendix, whether or not its report shows a chapter (a pack whose sections were
    all left to the technical annex is still a paper members had; the final report says it
    gives no findings, :func:`meetings_heard`).
    """
    return [m for m in cfg.meetings if m.sections and m.date and m.date <= last]


def _section_heads(names) -> list[str]:
    """The sections' titles up to a colon, lower case first ("leavers and exit interviews")."""
    from pipelines.core import registry

    specs = registry.discover()
    heads = [specs[n].title.split(":", 1)[0].strip().rstrip(",") for n in names if n in specs]
    return [h[:1].lower() + h[1:] if h[1:2].islower() else h for h in heads]


def listed_meetings(cfg: Review, last) -> list:
    """The review's meetings the final report lists: all of them up to the last one held.

    In the review's order, dated or not, up to the last dated meeting on or before ``last``:
    an undated meeting after it (a report-back) is still to come.
    """
    held = [i for i, m in enumerate(cfg.meetings) if m.date is not None and m.date <= last]
    return list(cfg.meetings[: held[-1] + 1 if held else 0])


def group_meetings(cfg: Review, last) -> int:
    """How many times the group met, up to ``last``: every count of meetings in the papers.

    Over :func:`listed_meetings`, the entries whose ``body`` is the group, each counted its
    ``times`` (an undated "Task and finish group meetings (four)" entry counts four); the
    meetings of other bodies (the Board, a Cabinet Member) and other events (focus groups) are
    listed but not counted.
    """
    return sum(m.times for m in listed_meetings(cfg, last) if m.body == "group")


def _no_record(m, shown: list[str], letter: str | None) -> bool:
    """True for a meeting the review holds no record of what was heard at."""
    return not ((m.heard or "").strip() or (m.purpose or "").strip() or shown or letter)


#: Ordinal words for a meeting's place in the group's series ("Third meeting").
ORDINALS = (
    "First Second Third Fourth Fifth Sixth Seventh Eighth Ninth Tenth Eleventh Twelfth "
    "Thirteenth Fourteenth Fifteenth Sixteenth Seventeenth Eighteenth Nineteenth Twentieth"
).split()


def meeting_places(cfg: Review, last) -> dict[int, int]:
    """Each listed meeting of the group held once: id -> its place in the group's series (1-based).

    Over :func:`listed_meetings`, counting each group entry its ``times`` as
    :func:`group_meetings` does; entries of other bodies, and group entries held several times,
    have no single place.
    """
    out, n = {}, 0
    for m in listed_meetings(cfg, last):
        if m.body != "group":
            continue
        if m.times == 1:
            out[id(m)] = n + 1
        n += m.times
    return out


def _meeting_when(m, place: int | None = None) -> str:
    """A listed meeting's date and label (an undated one as a past meeting is named).

    The label follows the date in brackets, or after a comma when it holds brackets of its
    own ("Scrutiny Board (2)"), so no bracket stands inside another. An undated meeting whose
    label does not say which meeting it was takes its place in the group's series (``place``,
    :func:`meeting_places`): "October 2016 (Third meeting; date not recorded)", so the reader
    can tell it from the dated ones around it.
    """
    from pipelines.documents.pack import format_meeting_date

    if m.date:
        if not m.label:
            return format_meeting_date(m.date)
        return format_meeting_date(m.date) + (f", {m.label}" if "(" in m.label else f" ({m.label})")
    named = undated_label(m.label, past=True)
    if place is None or not 1 <= place <= len(ORDINALS) or "meeting" in m.label.lower():
        return named
    which = f"{ORDINALS[place - 1]} meeting"
    if named.endswith(")"):  # one bracket: "(Third meeting; date not recorded)"
        at = named.rfind("(")
        return f"{named[: at + 1]}{which}; {named[at + 1 :]}"
    return f"{named} ({which})"


#: What the final report says once, after the list of meetings, of those with no record.
UNRECORDED = (
    "Where a meeting is listed by its date alone, the review holds no evidence pack or note of "
    "what members heard there; it records only when the meeting was held."
)


def unrecorded_note(cfg: Review, last) -> str | None:
    """One sentence after the list of meetings on those with no record of what was heard.

    The list (:func:`meetings_heard`) names each such meeting once, by its date and label, with
    nothing after it; :data:`UNRECORDED` says once what the review config knows of them: when
    they were held, no more. None when every listed meeting has a record.
    """
    letters = {id(m): chr(65 + n) for n, m in enumerate(appendix_meetings(cfg, last))}
    none = [
        m
        for m in listed_meetings(cfg, last)
        if _no_record(m, _section_heads(shown_sections(cfg, m)), letters.get(id(m)))
    ]
    return UNRECORDED if none else None


def meetings_heard(cfg: Review, last) -> list[str]:
    """Every meeting of the review up to ``last`` (a date), with what was heard at it.

    From the review's ``meetings`` (:func:`listed_meetings`: all of them, dated or not, in
    order, up to the last one held by ``last``): the date and label (an undated one as
    :func:`undated_label` names a past meeting, never "to be announced"), then what members
    heard: the meeting's ``heard`` in the config, else its ``purpose`` (either followed by the
    appendix its evidence pack is, if it is one); else what its evidence pack's report showed
    (its sections' titles); else, for a pack whose report shows no chapter, the pack by its
    subject and appendix, "which gives no findings". A meeting with none of these is listed
    once, by its date and label alone; :func:`unrecorded_note` says once, after the list, what
    is known of such meetings.
    Dates are the meetings' own, as the covers print them. No two bracket groups stand side by
    side: a text ending in a bracket takes its appendix after a semicolon.
    """
    letters = {id(m): chr(65 + n) for n, m in enumerate(appendix_meetings(cfg, last))}
    places = meeting_places(cfg, last)
    out = []
    for m in listed_meetings(cfg, last):
        shown = _section_heads(shown_sections(cfg, m))
        letter = letters.get(id(m))
        said = (m.heard or "").strip().rstrip(".") or (m.purpose or "").strip().rstrip(".")
        when = _meeting_when(m, places.get(id(m)))
        if said:
            pack = f"evidence pack: Appendix {letter}" if letter else ""
            what = said + ((f"; {pack}" if said.endswith(")") else f" ({pack})") if pack else "")
        elif shown:
            what = f"the evidence pack{f' (Appendix {letter})' if letter else ''} on " + "; ".join(
                shown
            )
        elif letter:  # a pack was tabled, but its report shows no chapter
            from pipelines.documents.texts import pack_subject

            subject = pack_subject(m.pack_title)
            what = (
                f"the evidence pack{f' on {subject}' if subject else ''} (Appendix {letter}), "
                "which gives no findings"
            )
        else:
            out.append(when)  # no record: said once, after the list (unrecorded_note)
            continue
        if what[1:2].islower():
            what = what[0].lower() + what[1:]
        out.append(f"{when}: {what}")
    return out


def appendix_titles(cfg: Review, last) -> list[str]:
    """The final report's appendices: each evidence pack by meeting date and title, not path.

    The packs of :func:`appendix_meetings`, lettered A, B ... in meeting order, each named
    first by its meeting (date and label, as the list of meetings names it) and then titled as
    its report is (:func:`texts.report_title`): "Appendix A: Monday 15 August 2016 (Scoping
    meeting). Evidence on ...", so two packs on one subject never read alike.
    """
    from pipelines.documents.glossary import load_glossary
    from pipelines.documents.texts import report_title

    terms = load_glossary(cfg.id)
    places = meeting_places(cfg, last)
    return [
        f"Appendix {chr(65 + n)}: {_meeting_when(m, places.get(id(m)))}. "
        + report_title(m, cfg.committee, terms)
        for n, m in enumerate(appendix_meetings(cfg, last))
    ]


def checked_sentences(table, appendices) -> list[str]:
    """The officers' figures the data do not reproduce, one sentence each, for the final report.

    "<figure>: Report to the Cabinet Member, 16 April 2018, paragraph 5.11 gives £30,000; the
    data give £28,086 (£1,914 less), as Appendix B shows under "Figures in the officers'
    reports, checked". <likely reason>": the last appendix is the evidence pack of the final
    report's meeting, whose report holds the table. [] without such figures.
    """
    if table is None or not len(table):
        return []
    where = appendices[-1].split(":", 1)[0] if appendices else "the evidence pack"
    out = []
    for _, row in table.iterrows():
        difference = f" ({row['Difference']})" if row["Difference"] else ""
        where_printed = row["Where"] or "the officers' report"
        paper, data = row["The paper's figure"], row["The data's figure"]
        out.append(
            f"{row['Figure']}: {where_printed} gives {paper}; the data give {data}"
            f"{difference}, as {where} shows under \u201cFigures in the officers' reports, "
            f"checked\u201d. {row['Likely reason']}"
        )
    return out


def names_section(item: str, title: str) -> bool:
    """Whether a scope item names a section, by its title.

    The title's head (before any colon: "Local and national picture"), when it is more than
    one word, in the item, any case; or an acronym of the title ("SWOT") as a whole word of
    the item. A one-word head ("Recruitment") names a topic, not a section, so it is not used.
    """
    import re

    head = title.split(":", 1)[0].strip().lower()
    acronyms = [w for w in re.findall(r"[A-Za-z]+", title) if len(w) >= 3 and w.isupper()]
    return (len(head.split()) > 1 and head in item.lower()) or any(
        re.search(rf"\b{a}\b", item) for a in acronyms
    )


def scope_places(cfg: Review, last) -> list[str | None]:
    """For each scope item of the final report, where the report's evidence on it is.

    A scope item that names a section (:func:`names_section`: "the local and national
    picture", "a SWOT analysis") is followed by the appendices (:func:`appendix_meetings` up to
    ``last``, lettered as :func:`appendix_titles` letters them) whose reports show that section;
    when no appendix shows it, the note says so and where the council's own picture is instead
    (:func:`pipelines.documents.final.not_reported`), without naming evidence published after
    the meetings. None for an item that names no section. So the scope promises nothing the
    report and its appendices do not hold, or says so.
    """
    from pipelines.core import registry
    from pipelines.documents import blocks, final

    fr = cfg.final_report
    packs = appendix_meetings(cfg, last)
    letters = {id(m): chr(65 + n) for n, m in enumerate(packs)}
    ran_any = [m for m in cfg.meetings if m.sections and m.date and m.date <= last]
    specs = registry.discover()
    out: list[str | None] = []
    for item in fr.scope if fr is not None else []:
        notes = []
        for notebook, spec in specs.items():
            if not names_section(item, spec.title):
                continue
            shown = [m for m in packs if notebook in shown_sections(cfg, m)]
            ran = [m for m in ran_any if any(s.notebook == notebook for s in m.sections)]
            what = spec.title.split(":", 1)[0].strip()
            if shown:
                where = blocks.and_list(
                    [f"Appendix {letters[id(m)]} ({m.date.day} {m.date:%B %Y})" for m in shown]
                )
                notes.append(f"{what}: {where}")
            elif ran:  # said with the packs that had it, and what was reported instead
                notes.append(
                    final.not_reported(
                        what, packs, letters, lambda m: shown_sections(cfg, m), ran=ran
                    )
                )
        out.append("; ".join(notes) or None)
    return out


def final_reference(fr, report_reference: str | None) -> str | None:
    """The final report's own paper reference, never the committee report's of its meeting.

    The review's ``final_report.reference`` when set; else the committee report's reference
    with "-FR" after it ("R&RSWT&F/02/17" -> "R&RSWT&F/02/17-FR"); None without either.
    """
    if getattr(fr, "reference", None):
        return str(fr.reference)
    return f"{report_reference}-FR" if report_reference else None


def write_final_report(
    cfg: Review,
    mtg,
    found,
    front,
    folder: Path,
    timings,
    pdfs: PdfJobs | None = None,
    *,
    checked=None,
    compared: list[str] | None = None,
) -> None:
    """The group's final report (``final-report.html``, ``.pdf``, ``.docx``) in ``folder``.

    The PDF is started in ``pdfs`` (the build's PDF workers); without ``pdfs``, written now.

    In the shape of a task-and-finish group's report to a decision-maker, from the review's
    ``final_report:`` block, its meetings and the findings; the evidence packs are appendices.
    ``checked`` is the meeting's officers' figures the data do not reproduce
    (:func:`pipelines.core.reconcile.officers_figures`): the final report states each with
    the data's figure and the difference, and where the evidence pack checks it.
    ``compared``: each scenario parameter stated with the observed figure of its unit
    (:func:`pipelines.documents.texts.model_comparisons`), after the key findings.
    """
    from pipelines.documents import final
    from pipelines.documents.docx import write_docx
    from pipelines.documents.glossary import load_glossary

    fr = cfg.final_report
    check_one_register(cfg)
    final.check_meeting_dates(cfg)
    final.check_heard_by_subject(cfg)
    held = meetings_heard(cfg, mtg.date)
    appendices = appendix_titles(cfg, mtg.date)
    sections = final.final_report_sections(
        cfg,
        found,
        held,
        appendices,
        glossary=load_glossary(cfg.id),
        scope_notes=scope_places(cfg, mtg.date),
        checked=checked_sentences(checked[0] if checked is not None else None, appendices),
        compared=compared or (),
    )
    front_f = dataclasses.replace(
        front,
        title=fr.title,
        committee_ref=final_reference(fr, front.committee_ref),
        heading=f"Report of the {cfg.committee}"
        + (f" to {fr.decision_maker}" if fr.decision_maker else ""),
        agenda_items=[],
        report_of=", ".join(f"{m.name} ({m.role})" for m in cfg.members if m.role) or None,
        author=cfg.contact_officer.signed(),
        kind="report",
    )
    own = pdfs is None
    pdfs = PdfJobs(workers=0) if own else pdfs
    html = _write_html_pdf(sections, front_f, folder, "final-report", timings, "final report", pdfs)
    write_docx(html, front_f, folder / "final-report.docx")
    if own:
        pdfs.finish(timings)
