"""The words of a committee report that do not come from the data.

Title, reference, purpose, recommendations, questions, background papers, targets and the
national release it draws on.

Each comes from the meeting's ``report:`` block of the review config when given, else a default
written from the meeting's agenda (:func:`report_text`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipelines.core.dataset_access import about_individuals, open_to_inspection
from pipelines.documents.background import distinct_papers
from pipelines.documents.pack import format_meeting_date


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
    and the exports used. The title, purpose, recommendations, questions and background papers
    pass :func:`public_words` (personal data and small counts of people, as the officers' SWOT
    text does).
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
    reports_now = cfg.final_report is not None and cfg.final_report.meeting == meeting.date
    questions = given.questions or [
        "Which of the key findings do officers recognise, and what explains them?",
        "What is being done about each of them, by whom and by when, and how will the group "
        "know whether it has worked?",
        # at the meeting that agrees the final report the group reports now: no "before"
        "What evidence is still missing, and how should the final report say so and ask for it?"
        if reports_now
        else "What evidence is missing, and can it be provided before the group reports?",
    ]
    earlier = [m for m in cfg.meetings if m.date and m.date < meeting.date]
    papers = given.background_papers or [
        *(f"{label}: report to this meeting" for label in agenda_labels),
        *(
            # "the meeting", not "the group's": the meeting before may be another body's (the
            # Board that agreed the group's recommendations, before the Cabinet Member's)
            [f"Minutes of the meeting of {format_meeting_date(earlier[-1].date)}"]
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
    # Officers typed these into the review config: checked like their SWOT text before shown.
    shown = public_words(cfg)
    return ReportText(
        title=shown(title),
        reference=given.reference or report_reference(cfg.committee_ref, meeting.date),
        purpose=shown(purpose),
        recommendations=[shown(r) for r in recommendations],
        questions=[shown(q) for q in questions],
        background_papers=[shown(p) for p in distinct_papers(papers, meeting.date)],
        confidential=list(dict.fromkeys(confidential)),
    )


def public_words(cfg):
    """A function giving a review-config text as the public report may print it.

    :func:`pipelines.core.disclosure.protect_config_text` with the review's disclosure
    threshold: personal data redacted, except the people in public office the config names
    (:func:`pipelines.core.artefact_audit.public_office_texts`), and small counts of people
    rewritten ("four social workers left" reads "fewer than 5 social workers left").
    """
    from pipelines.core.artefact_audit import public_office_texts
    from pipelines.core.disclosure import protect_config_text

    threshold = int(getattr(cfg, "disclosure_threshold", 5) or 5)
    allowed = public_office_texts(cfg)
    return lambda text: protect_config_text(text, threshold, allowed)


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
