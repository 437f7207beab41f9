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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pipelines.core.dataset_access import about_individuals, open_to_inspection
from pipelines.documents import blocks
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
    #: The body that meets, as the report addresses it (:data:`BODY_WORDS`); the report's own
    #: sentences (headings, key findings, implications) take their words from it.
    body: BodyWords | None = None
    #: A paper or record drawn from data -> the words whose appearance in the printed report
    #: shows the report prints its figures (its source as the notes cite it); one the report
    #: does not use is not listed (:func:`pipelines.documents.background.in_use`). A paper
    #: without words here (an agenda item's report, the minutes, the officers' own list) is.
    cues: dict[str, tuple[str | re.Pattern, ...]] = dataclasses.field(default_factory=dict)
    #: The sources of the figures the report's own words print (a question's observed figure).
    drawn_on: list[str] = dataclasses.field(default_factory=list)


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


@dataclass(frozen=True)
class BodyWords:
    """How a report addresses the body that meets (:attr:`Meeting.body`).

    ``reader``: who the report is for, as its purpose names it ("the Cabinet Member");
    ``asked``: who is asked, opening each recommendation ("The Cabinet Member is asked");
    ``they``: who will use the evidence ("the Cabinet Member can"); ``decide``: what the body
    decides; ``discuss``: the end of the second recommendation, after "when"; ``know``: who
    needs to know whether an action worked; ``missing``: the question on missing evidence at
    the meeting that receives the final report and ``missing_before`` at any other meeting;
    ``whose``: whose question the evidence answers ("the group's", to another body "the task
    and finish group's"). ``they`` also says who may wish to ask ("Questions the Cabinet
    Member may wish to ask": :attr:`asks`).
    """

    reader: str
    asked: str
    they: str
    decide: str
    discuss: str
    know: str
    missing: str
    missing_before: str
    whose: str = "the task and finish group's"

    @property
    def asks(self) -> str:
        """Who may wish to ask, opening a sentence ("Members", "The Cabinet Member")."""
        return self.they[:1].upper() + self.they[1:]


#: The report's wording for each kind of body (review config ``meetings[].body``).
BODY_WORDS = {
    "group": BodyWords(
        reader="the group",
        asked="Members are asked",
        they="members",
        decide="decide what to recommend",
        discuss="they discuss {items} with officers, and which findings should inform the "
        "group's recommendations",
        know="the group",
        missing="What evidence is still missing, and how should the final report say so and "
        "ask for it?",
        missing_before="What evidence is missing, and can it be provided before the group reports?",
        whose="the group's",
    ),
    "board": BodyWords(
        reader="the Board",
        asked="Members of the Board are asked",
        they="members of the Board",
        decide="decide on the task and finish group's recommendations",
        discuss="they discuss the task and finish group's recommendations with officers, and "
        "which findings bear on them",
        know="the Board",
        missing="What evidence is still missing, and should the Board ask for it when it agrees "
        "the recommendations?",
        missing_before="What evidence is missing, and can it be provided before the Board decides?",
    ),
    "cabinet_member": BodyWords(
        reader="the Cabinet Member",
        asked="The Cabinet Member is asked",
        they="the Cabinet Member",
        decide="decide on the recommendations",
        discuss="discussing the recommendations with officers, and which findings bear on the "
        "decision",
        know="the Cabinet Member",
        missing="What evidence is still missing, and should the Cabinet Member's decision ask "
        "for it?",
        missing_before="What evidence is missing, and can it be provided before the Cabinet "
        "Member decides?",
    ),
}

#: A pack title's words that repeat "Evidence on" (", with the evidence behind them").
_EVIDENCE_BEHIND = re.compile(r",?\s*with the evidence behind (?:them|it)\s*$", re.IGNORECASE)


def pack_subject(pack_title: str | None) -> str:
    """What a meeting's evidence pack is about, from its title, in plain words.

    "Evidence pack: recommendations of the task and finish group, with the evidence behind
    them" gives "recommendations of the task and finish group": the "Evidence pack:" label and
    words that repeat it ("with the evidence behind them") go. "" without a title.
    """
    subject = re.sub(r"^\s*Evidence pack:\s*", "", pack_title or "")
    return _EVIDENCE_BEHIND.sub("", subject).strip()


def report_title(meeting, committee: str, terms: Mapping[str, str] | None = None) -> str:
    """The title of a meeting's report (and of its evidence pack as an appendix).

    The meeting's ``report: title`` when given; else "Evidence on " and the pack's subject
    (:func:`pack_subject`, :func:`plain_subject`); else "Evidence for " the committee. So a
    title never says "evidence" twice ("Evidence on ..., with the evidence behind them").
    """
    given = getattr(getattr(meeting, "report", None), "title", None)
    if given:
        return given
    subject = plain_subject(pack_subject(meeting.pack_title), terms)
    return f"Evidence on {subject}" if subject else f"Evidence for {committee}"


def plain_subject(subject: str, terms: Mapping[str, str] | None = None) -> str:
    """A subject that opens with an abbreviation, in plain words: the glossary's meaning.

    "SWOT of the local position" reads "the strengths, weaknesses, opportunities and threats
    of the local position" (the glossary's meaning up to its first comma that ends a list,
    ``terms``: :func:`pipelines.documents.glossary.load_glossary`), so a heading never opens
    on an abbreviation ("Evidence on SWOT of ..."). An abbreviation inside a list of subjects
    is kept: the glossary explains it.
    """
    word, _, rest = subject.partition(" ")
    meaning = (terms or {}).get(word)
    if not meaning or not word.isupper():
        return subject
    plain = re.split(r",\s+(?:a|an|the)\b|;", meaning, maxsplit=1)[0].strip()
    return f"the {plain}" + (f" {rest}" if rest else "")


def group_named_once(sentence: str) -> str:
    """``sentence`` with "the task and finish group" in full once, then "the group".

    A report to another body names the group in full ("on the task and finish group's
    recommendations"); said again in the same sentence it is "the group" ("for the group's
    review ..."), never "the task and finish group's" twice (reader12, 16 April 2018).
    """
    full = re.compile(r"\bthe task and finish group\b", re.IGNORECASE)
    first = full.search(sentence)
    if first is None:
        return sentence
    rest = full.sub(lambda m: "The group" if m.group(0)[0] == "T" else "the group",
                    sentence[first.end() :])  # fmt: skip
    return sentence[: first.end()] + rest


#: The longest sentence a generated purpose or introduction writes, in words (issue 22,
#: reader12: an 80-word purpose in one sentence).
SENTENCE_WORDS = 35


def sentence_words(sentence: str) -> int:
    """How many words a sentence has: its runs of letters or digits ("council's" is one)."""
    return len(re.findall(r"[\w\u2019'’]+", sentence))


def aims_sentences(cfg, body: BodyWords, *, objectives: bool = True) -> list[str]:
    """The group's question and objectives from the review config, as whole sentences.

    "The group's question is “what drives social workers to leave?”" and "Its objectives are
    to recommend ... and to understand ...": to another body the question is the task and
    finish group's (``body.whose``). Objectives that would make a sentence longer than
    :data:`SENTENCE_WORDS` words are one sentence each ("Its first objective is ...").
    Without a question or objectives, a neutral sentence written from what the review has:
    "It serves the group's review of social worker recruitment and retention in Children's
    Social Care." Never blank, never "None". ``objectives=False``: the question alone (a purpose
    too long to read in one breath with them, :func:`default_purpose`).
    """
    whose = body.whose
    out = []
    question = (cfg.question or "").strip()
    question = question if re.search(r"\w", question) else ""  # no word: nothing to quote
    if question:
        ending = "" if question.endswith(("?", ".", "!")) else "."
        out.append(f"{whose[:1].upper()}{whose[1:]} question is \u201c{question}\u201d{ending}")
    goals = [
        g
        for g in (str(o or "").strip(" \t\n.;:,") for o in (cfg.objectives if objectives else ()))
        if re.search(r"\w", g)
    ]
    goals = [re.sub(r"^To\b", "to", g) for g in goals]
    owner = "Its" if question else f"{whose[:1].upper()}{whose[1:]}"
    if goals:
        verb = "" if all(g.lower().startswith("to ") for g in goals) else ":"
        joined = goals[0] if len(goals) == 1 else ", ".join(goals[:-1]) + " and " + goals[-1]
        one = f"{owner} objective{'s are' if len(goals) > 1 else ' is'}{verb} {joined}."
        if sentence_words(one) <= SENTENCE_WORDS or len(goals) == 1:
            out.append(one)
        else:
            out.append(f"{owner} {count_word(len(goals))} objectives are these.")
            out += [f"{ORDINAL_WORDS[i]}, {g}." for i, g in enumerate(goals)]
    if not out:
        services = " and ".join(cfg.services)
        out.append(
            f"It serves {whose} review of social worker recruitment and retention"
            + (f" in {services}." if services else ".")
        )
    return out


#: Number words for the objectives counted in a purpose.
_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
#: Ordinals opening each objective said on its own.
ORDINAL_WORDS = ("First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth")


def count_word(n: int) -> str:
    """A small count in words ("two"), larger ones in digits."""
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


#: The longest purpose a report writes, in words: a councillor reads it in one breath (issue 22,
#: reader14: 104 words in four sentences on 21 September 2016).
PURPOSE_WORDS = 60


def default_purpose(cfg, body: BodyWords, agenda_labels: Sequence[str], subject: str) -> str:
    """The purpose of a report whose config gives none: at most :data:`PURPOSE_WORDS` words.

    "To give the group evidence from the council's own data on Item 6: Recruitment; Item 7:
    Leavers." then the group's question and objectives (:func:`aims_sentences`), then "The
    evidence is checked against the figures in the officers' reports, so that members can test
    those reports and decide what to recommend." (the report drops the check where it holds
    none: :data:`pipelines.documents.report.CHECK_SENTENCE`). Too long to read in one breath,
    it names the agenda items by number ("on Item 6 and Item 7": the cover names them in full),
    then leaves out the objectives, then says "evidence on Item 6" alone; the question and the
    check stay. No sentence is longer than
    :data:`SENTENCE_WORDS` words.
    """
    opening = f"To give {body.reader} evidence from the council's own data on"
    check = (
        "The evidence is checked against the figures in the officers' reports, so that "
        f"{body.they} can test those reports and {body.decide}."
    )
    full = "; ".join(agenda_labels) or subject or "the matters before this meeting"
    # "Item 6 and Item 7", as the recommendations say (a bare "3" of "items 2, 3 and 4" would
    # read as a small count to the public words' check)
    short = blocks.and_list(label.split(":")[0] for label in agenda_labels) or full
    candidates = [
        [f"{opening} {on}.", *aims_sentences(cfg, body, objectives=goals), check]
        for goals, on in ((True, full), (True, short), (False, full), (False, short))
    ]
    # a long question to another body: "To give the Board evidence on Item 6."
    candidates.append([f"To give {body.reader} evidence on {short}.", *candidates[-1][1:]])
    # the group named in full once, then "the group" (a report to another body)
    said = [group_named_once(" ".join(c)) for c in candidates]
    fits = [
        p
        for p, c in zip(said, candidates, strict=True)
        if sentence_words(p) <= PURPOSE_WORDS
        and all(sentence_words(s) <= SENTENCE_WORDS for s in c)
    ]
    return fits[0] if fits else said[-1]


@dataclass(frozen=True)
class ModelFigure:
    """A scenario's parameter and the observed figure in the same unit, compared in words.

    ``notebook`` and ``parameter``: the section parameter the scenario assumes (a number, or
    one per type); ``figure``: the key of the observed figure in the same unit
    (:class:`~pipelines.core.figures.Figure`); ``source``: the parameter naming whose model it
    is; ``model``: what the model is called without one; ``unit``: the unit's words;
    ``question``: what members may ask, after the comparison; ``target``: the review target
    (:data:`TARGET_WORDS`) of the same measure, which the model's values (``values``: what
    they are called, "caseloads") are not.
    """

    notebook: str
    parameter: str
    figure: str
    source: str
    model: str
    unit: str
    question: str
    target: str = ""
    values: str = ""


#: The scenarios' parameters compared with the observed figure of the same unit.
MODEL_FIGURES = (
    ModelFigure(
        notebook="40_workforce_costs",
        parameter="cases_per_worker",
        figure="average_caseload_childrens",
        source="caseload_model_source",
        model="the caseload model",
        unit="cases per worker",
        question="how far is each team from the caseloads the model assumes, and what will "
        "close the gap?",
        target="average_caseload",
        values="caseloads",
    ),
)


def models_of_targets(meeting, figures: Sequence) -> dict[str, str]:
    """Review target -> the model the meeting's questions state for its measure.

    ``{"average_caseload": "the caseloads the caseload model assumes"}`` when question 4
    states the caseloads a model assumes (:func:`model_comparisons`), so the targets line
    can say those are not targets (:func:`targets_text`).
    """
    return {
        e.target: f"the {e.values} {e.model} assumes"
        for e, *_rest in _models_stated(meeting, figures)
        if e.target
    }


def _assumed_words(assumed, unit: str) -> str:
    """A model's values in words: "20 cases per worker", or by type with equal values joined.

    ``{"Looked after children": 14, "Child protection": 14, "Children in need": 20}`` gives
    "14 cases per worker for looked after children and child protection and 20 for children in
    need".
    """
    if not isinstance(assumed, dict):
        return f"{float(assumed):g} {unit}"
    groups: dict[float, list[str]] = {}
    for kind, value in assumed.items():
        groups.setdefault(float(value), []).append(kind[:1].lower() + kind[1:])
    parts = [
        f"{value:g}{f' {unit}' if n == 0 else ''} for {_joined(kinds)}"
        for n, (value, kinds) in enumerate(groups.items())
    ]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _joined(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def model_comparisons(meeting, figures: Sequence) -> list[tuple[str, str]]:
    """Each scenario parameter of the meeting stated with the observed figure of its unit.

    For every :data:`MODEL_FIGURES` entry whose section the meeting runs with the parameter set
    and whose figure the meeting has (``figures``: :class:`~pipelines.core.figures.Figure`
    objects, :func:`pipelines.sections.findings.meeting_figures`), the sentence and the
    question: ("The caseload model (the council's staffing model) assumes 14 cases per
    worker for ... and 20 for children in need; the average now is 17.9 cases per worker (at
    28 February 2018).", "...: how far is each team ...?"). So a model's assumption is never
    printed without what the data show in the same unit.
    """
    from pipelines.core.figures import format_value

    out = []
    for entry, fig, params, assumed in _models_stated(meeting, figures):
        source = re.sub(r"\s*\([^()]*\)\s*$", "", str(params.get(entry.source) or "")).strip()
        model = f"{entry.model} ({source})" if source else entry.model
        period = (fig.period or "").strip()
        also = _same_measure_elsewhere(fig, figures)
        inside = "; ".join(p for p in (period[:1].lower() + period[1:], also) if p)
        when = f" ({inside})" if inside else ""
        said = (
            f"{model[:1].upper() + model[1:]} assumes {_assumed_words(assumed, entry.unit)}; "
            f"the average now is {format_value(fig.value, fig.kind)} {entry.unit}{when}."
        )
        out.append((said, f"{said[:-1]}: {entry.question}"))
    return out


def _models_stated(meeting, figures: Sequence) -> list[tuple]:
    """The :data:`MODEL_FIGURES` a meeting states: (entry, observed figure, parameters, model).

    Those whose section the meeting runs with the model's parameter set and whose figure the
    meeting has (:func:`model_comparisons` words them).
    """
    from pipelines.sections.findings import section_parameters

    by_key = {f.key: f for f in figures}
    out = []
    for entry in MODEL_FIGURES:
        ref = next((s for s in meeting.sections if s.notebook == entry.notebook), None)
        fig = by_key.get(entry.figure)
        if ref is None or fig is None or fig.value is None:
            continue
        params = section_parameters(entry.notebook, ref.parameters)
        assumed = params.get(entry.parameter)
        if assumed:
            out.append((entry, fig, params, assumed))
    return out


def _same_measure_elsewhere(fig, figures: Sequence) -> str:
    """The meeting's other value of ``fig``'s measure, from another source at another date.

    The report can print a measure twice from two sources: the council's caseload extract's
    average at 28 February 2018 (17.9) and the Department for Education's at 30 September 2017
    (16.8, in the national comparison). A sentence stating the one names the other, with its
    source, whom it counts and date, so a reader never meets two values of one measure
    unexplained: "the Department for Education's figure for Westmere Council at 30 September
    2017 is 16.8". "" when there is none.
    """
    from pipelines.core.figures import format_value
    from pipelines.core.validation_checks import long_date

    if not fig.measure:
        return ""
    for other in figures:
        if (
            other is fig
            or other.key == fig.key
            or other.measure != fig.measure
            or other.value is None
            or other.as_at is None
            or other.as_at == fig.as_at
        ):
            continue
        whose = str(other.source or "").split(",")[0].strip()
        shown = format_value(other.value, other.kind)
        if not whose or shown == format_value(fig.value, fig.kind):
            continue
        # whom it counts: the authority its population names ("Westmere Council: ..."), so a
        # reader never takes a council's figure for England's
        who = str(other.population or "").split(":")[0].strip()
        about = f" for {who}" if who else ""
        return f"the {whose}'s figure{about} at {long_date(other.as_at)} is {shown}"
    return ""


def report_text(
    cfg, meeting, agenda_labels: Sequence[str], *, figures: Sequence = ()
) -> ReportText:
    """The report's title, reference, purpose, recommendations, questions and background papers.

    Each comes from the meeting's ``report:`` block in the review config when given, else a
    default written from the meeting's agenda and worded for the body that meets
    (:attr:`Meeting.body`, :data:`BODY_WORDS`: the task and finish group, a scrutiny board, a
    Cabinet Member's decision session): the purpose (:func:`default_purpose`, in sentences of
    at most :data:`SENTENCE_WORDS` words) names the agenda items the evidence serves and the
    group's question and objectives (:func:`aims_sentences`, a neutral sentence when the
    review sets neither); the body is asked to note the key findings and consider the
    questions; the questions ask what explains the findings, what is being done, and what
    evidence is missing, and for each scenario parameter of the meeting the question states it
    with the observed figure of its unit (:func:`model_comparisons` over ``figures``, the
    meeting's typed figures). The background papers are the reports to this meeting's agenda items
    and the exports used. The title (:func:`report_title`), purpose, recommendations,
    questions and background papers pass :func:`public_words` (personal data and small counts
    of people, as the officers' SWOT text does).
    """
    given = meeting.report
    body = BODY_WORDS.get(getattr(meeting, "body", "group"), BODY_WORDS["group"])
    subject = pack_subject(meeting.pack_title)
    from pipelines.documents.glossary import load_glossary

    title = report_title(meeting, cfg.committee, load_glossary(cfg.id))
    purpose = given.purpose or default_purpose(cfg, body, agenda_labels, subject)
    items = blocks.and_list(a.split(":")[0] for a in agenda_labels) or "this meeting's items"
    recommendations = given.recommendations or [
        f"{body.asked} to note the key findings in section 3 and the evidence behind them.",
        f"{body.asked} to consider the questions in section 4 when "
        + body.discuss.format(items=items)
        + ".",
    ]
    reports_now = cfg.final_report is not None and cfg.final_report.meeting == meeting.date
    questions = given.questions or [
        "Which of the key findings do officers recognise, and what explains them?",
        "What is being done about each of them, by whom and by when, and how will "
        f"{body.know} know whether it has worked?",
        # at the meeting that agrees the final report the group reports now: no "before"
        body.missing if reports_now else body.missing_before,
    ]
    # a scenario's assumption with the observed figure of its unit (:func:`model_comparisons`)
    questions = [*questions, *(q for _said, q in model_comparisons(meeting, figures))]
    earlier = [m for m in cfg.meetings if m.date and m.date < meeting.date]
    # each paper drawn from data with the words that show the report prints its figures
    cues: dict[str, tuple[str | re.Pattern, ...]] = {}
    held: dict[str, tuple[str, ...]] = {}  # the records not open to inspection, as described
    used = _datasets_used(cfg, meeting)
    for name in used:
        cues[cfg.datasets[name].source] = (cfg.datasets[name].source,)
        held[confidential_source(cfg.datasets[name])] = (cfg.datasets[name].source,)
    for paper in _national_sources(cfg, meeting):
        cues[paper] = (paper.split(":")[0],)  # "Department for Education"
    for paper in parameter_papers(meeting):
        cues[paper] = (paper, re.sub(r"\s*\([^()]*\)\s*$", "", paper))
    for paper in _officers_papers(meeting):
        cues[paper] = (paper.split(":")[0],)  # the section's title
    # an earlier meeting's item report the text cites ("Item 6 report..., 21 September 2016")
    cues.update(earlier_item_reports(earlier))
    papers = given.background_papers or [
        *(f"{label}: report to this meeting" for label in agenda_labels),
        *(
            # "the meeting", not "the group's": the meeting before may be another body's (the
            # Board that agreed the group's recommendations, before the Cabinet Member's)
            [f"Minutes of the meeting of {format_meeting_date(earlier[-1].date)}"]
            if earlier
            else []
        ),
        *earlier_item_reports(earlier),
        *(cfg.datasets[name].source for name in used if open_to_inspection(cfg.datasets[name])),
        *_national_sources(cfg, meeting),
        *parameter_papers(meeting),
        *_officers_papers(meeting),
    ]
    confidential = [
        confidential_source(cfg.datasets[name])
        for name in used
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
        body=body,
        # the officers' own list (``report.background_papers``) is printed as they wrote it
        cues={
            **({} if given.background_papers else {shown(k): v for k, v in cues.items()}),
            **held,
        },
        drawn_on=[
            str(part)
            for entry, fig, params, _assumed in _models_stated(meeting, figures)
            for part in (fig.source, params.get(entry.source))
            if part
        ],
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


def parameter_papers(meeting) -> list[str]:
    """The papers the meeting's sections cite for figures typed into the review config.

    Each ``*_source`` parameter a section of the meeting is given ("Recruitment partner fee
    schedule, 2017/18", a staffing model), so a paper the report's notes cite is also among its
    background papers. Not the reports to agenda items ("Item 6 report, para 38"): those are
    listed as the agenda's papers (an earlier meeting's: :func:`earlier_item_reports`); nor one
    dated after the meeting.
    """
    from pipelines.documents.background import names_agenda_item, paper_date

    papers = [
        str(value).strip()
        for ref in meeting.sections
        for name, value in (ref.parameters or {}).items()
        if name.endswith("_source") and isinstance(value, str) and value.strip()
    ]
    return [
        p
        for p in dict.fromkeys(papers)
        if not names_agenda_item(p)
        # a paper dated after the meeting is no paper of it (time-true)
        and not ((when := paper_date(p, meeting.date)) and meeting.date and when > meeting.date)
    ]


def earlier_item_reports(meetings) -> dict[str, tuple[re.Pattern, ...]]:
    """The reports to earlier meetings' agenda items, each with how a text cites it.

    "Item 6: Recruitment and retention activity: report to the meeting of Wednesday 21
    September 2016" is a background paper of a later report that cites "Item 6 report to the
    group, paragraph 47, 21 September 2016" (a target's source, a SWOT entry's): the cue is the
    item's report and its meeting's date a few words apart, in the words
    :func:`pipelines.documents.background.in_use` compares.
    """
    out: dict[str, tuple[re.Pattern, ...]] = {}
    for m in meetings:
        day = f"{m.date.day} {m.date:%B %Y}".casefold()
        for a in m.agenda_items:
            paper = f"Item {a.item}: {a.subject}: report to the meeting of "
            cue = rf"\bitem {re.escape(a.item.casefold())} report\b(?: \S+){{0,8}}? {day}\b"
            out[paper + format_meeting_date(m.date)] = (re.compile(cue),)
    return out


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


def targets_text(
    cfg, key_texts: Sequence[str] = (), *, measured=None, models: Mapping[str, str] | None = None
) -> str:
    """The report's one statement of its targets: each with its source, then those not set.

    "Targets: children's social workers' average caseload below 20 (set by Item 6 report...,
    21 September 2016). No target set for turnover, the agency rate or the exit interview
    return rate." Illustrative targets are never named. A target whose source a key finding
    (``key_texts``, in order) already gives is named without it: "(source in key finding 5)",
    so the source is printed once. With ``measured`` (the targets whose measure has data in the
    meeting: :func:`pipelines.sections.findings.measured_targets`), a measure without data is
    not named at all; "" when none is measured. ``models`` (:func:`models_of_targets`): a
    measure with no target whose model the questions state is said to have options, not a
    target: "The caseloads the caseload model assumes are options, not targets: see the question
    on them in section 4." (the model's values are stated once, in the question; the pointer
    names what section 4 is).
    """
    set_, unset, options = [], [], []
    for name, words in TARGET_WORDS.items():
        if measured is not None and name not in measured:
            continue
        value = getattr(cfg.targets, name)
        if value is None:
            unset.append(words)
            if (models or {}).get(name):
                options.append(models[name])
        else:
            unit = "%" if name.endswith("_percent") else ""
            bound = "below " if name == "average_caseload" else ""
            said = f"set by {cfg.target_sources[name].short()}"
            where = next((i for i, t in enumerate(key_texts, 1) if f"({said})" in str(t)), 0)
            cited = f"source in key finding {where}" if where else said
            set_.append(f"{words} {bound}{value:g}{unit} ({cited})")
    parts = []
    if set_:
        parts.append("Targets: " + "; ".join(set_) + ".")
    if unset:
        listed = unset[0] if len(unset) == 1 else ", ".join(unset[:-1]) + " or " + unset[-1]
        parts.append(f"No target set for {listed}.")
    if options:
        said = _joined(options)
        # the pointer says what section 4 is: the questions, one of which states the model
        asks = "question on them" if len(options) == 1 else "questions on them"
        parts.append(
            f"{said[:1].upper() + said[1:]} are options, not targets: see the {asks} in section 4."
        )
    return " ".join(parts)


def _officers_papers(meeting) -> list[str]:
    """The officers' own files a meeting's sections read, as background papers.

    A section that reads a file officers keep (``SectionSpec.officer_files``: the
    recommendations and action register) draws on it as on any paper: "Recommendations and
    action tracker: the register kept by the review's officers, at 28 February 2017" (the
    section's title; the meeting's date, the date its statuses are read at).
    """
    from pipelines.core.registry import discover

    specs = discover()
    out = []
    for ref in meeting.sections:
        spec = specs.get(ref.notebook)
        if spec is not None and spec.officer_files and meeting.date is not None:
            out.append(
                f"{spec.title}: the register kept by the review's officers, at "
                f"{meeting.date.day} {meeting.date:%B %Y}"
            )
    return list(dict.fromkeys(out))


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
