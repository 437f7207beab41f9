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
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from pipelines.core.config import Review
from pipelines.core.errors import InputError, Problem
from pipelines.core.exports import write_csv
from pipelines.documents.final_meetings import (  # noqa: F401 (the final report's parts)
    ORDINALS,
    UNRECORDED,
    appendix_meetings,
    appendix_titles,
    checked_sentences,
    final_reference,
    group_meetings,
    listed_meetings,
    meeting_places,
    meetings_heard,
    names_section,
    scope_places,
    shown_sections,
    undated_label,
    unrecorded_note,
)
from pipelines.documents.final_recommendations import printed_recommendations
from pipelines.documents.front import (
    agenda_heading,
    build_time,
    final_demonstration_note,
    front_matter,
    git_commit,
    provenance_section,
)
from pipelines.documents.pdf_jobs import PdfJobs
from pipelines.documents.register_check import check_one_register
from pipelines.documents.unchanged import since_earlier, stated_in
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


def exempt_unchanged(cfg, mtg, since) -> dict[str, str]:
    """The sections whose exempt items an earlier exempt appendix holds: name -> its report.

    A chapter whose figures are unchanged since an earlier report (``since.chapters``) and
    whose section has the same settings at both meetings was built from the same exports the
    same way, so its exempt tables and charts are those of that report's exempt appendix.
    """
    from pipelines.sections.indicators import meeting_sections

    _names, here = meeting_sections(cfg, mtg.date)
    out = {}
    for name, report in since.chapters.items():
        if report.date is None:
            continue
        _names, then = meeting_sections(cfg, report.date)
        if name in then and here.get(name) == then[name]:
            out[name] = report.report
    return out


def _write_tables(sections: list, folder: Path) -> dict:
    """Write the sections' tables as ``tables/*.csv``; returns them (file name -> frame).

    With them, their notes on disclosure as printed (``tables/README.txt``).
    """
    from pipelines.documents import pack, pack_disclosure

    (folder / "tables").mkdir(parents=True, exist_ok=True)
    tables = pack.collect_tables(sections)
    for fname, table in tables.items():
        write_csv(table, folder / "tables" / fname)
    pack_disclosure.write_table_notes(sections, folder / "tables")
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
    exempt run's tables and charts that the public run does not show as they are; not written
    when none is exempt of its own (:data:`pipelines.documents.exempt.NO_APPENDIX`).
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
    from pipelines.documents import exempt, pack, pack_disclosure, report, texts
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
    # What earlier reports tabled: one-line chapters; unchanged key findings marked so.
    since = since_earlier(cfg, mtg, frames, public_ctx)
    # what the exempt appendix holds, read from what it will hold
    exempt_note = (
        exempt.exempt_note(
            runs["exempt"],
            public,
            annex_only=annexed,
            financial=cfg.exempt_financial,
            threshold=cfg.disclosure_threshold,
            unchanged=exempt_unchanged(cfg, mtg, since),
        )
        if "exempt" in runs
        else None
    )
    fresh, old = report.key_findings(found, since.figures)
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
            [str(f.text) for f in [*fresh, *old]],
            measured=measured_targets(figures),
            models=texts.models_of_targets(mtg, figures),
        ),
        checked=checked,
        glossary=terms,
        since=since,
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

    # The exempt appendix: none when the meeting withholds nothing (exempt_note None)
    if "exempt" in runs and exempt_note is not None:
        folder = staging_root / "exempt"
        folder.mkdir(parents=True, exist_ok=True)
        appendix = exempt.exempt_sections(
            runs["exempt"],
            public,
            cfg.exempt_paragraphs,
            annex_only=annexed,
            financial=cfg.exempt_financial,
            printed=sections,
            earlier={k: r.report for k, r in since.chapters.items()},
            unchanged=exempt_unchanged(cfg, mtg, since),
            threshold=cfg.disclosure_threshold,
        )
        words = glossary_section(appendix, terms, "Glossary", name="e99_glossary")
        appendix = [*appendix, words] if words is not None else appendix
        cited = exempt.exempt_paragraph_numbers(appendix)
        paragraphs = [
            f"Paragraph {n} of Part 1 of Schedule 12A to the Local Government Act 1972: "
            f"{exempt.SCHEDULE_12A[n]}."
            for n in cited
        ]  # none when it holds nothing of its own: its cover then says so (front_matter)
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
    if "exempt" in runs and exempt_note is not None:
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
            # where each finding is stated in full: this report or the earlier one it names
            stated=stated_in(cfg, mtg, frames, found, public_ctx.policy, public_ctx),
        )

    # The technical annex (internal).
    main = list(runs[audiences[0]])
    written["internal"] = _write_tables(main, internal)
    audit = pack_disclosure.write_disclosure_audit(public, internal, public_ctx.policy.threshold)
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
    audit_section = pack_disclosure.disclosure_audit_section(audit)
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
    (:func:`pipelines.documents.pack_disclosure.write_disclosure_audit`) finds a hidden count
    that the published totals, averages and shared counts narrow to fewer than the threshold's
    values: the public papers would let a small number be worked out. The problems name each
    cell; the pack already in place is kept. Tables whose published figures do not fit the
    audit's model of them (``inconsistent``: e.g. an average over answers the table does not
    show) are logged as a
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
    stated: dict | None = None,
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
    ``stated``: where each finding is stated in full
    (:func:`pipelines.documents.unchanged.stated_in`), for the key findings' appendices.
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
        stated=stated,
    )
    printed = printed_recommendations(cfg, final.undemo_final(fr))
    examples = {"owners": any(p[2] for p in printed), "dates": any(p[3] for p in printed)}
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
        marking_note=" ".join([front.marking_note, *final_demonstration_note(cfg, **examples)]),
    )
    own = pdfs is None
    pdfs = PdfJobs(workers=0) if own else pdfs
    html = _write_html_pdf(sections, front_f, folder, "final-report", timings, "final report", pdfs)
    write_docx(html, front_f, folder / "final-report.docx")
    if own:
        pdfs.finish(timings)
