"""The group's final report, in the shape of a task-and-finish report to a decision-maker."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from pipelines.core.errors import ConfigError
from pipelines.documents import blocks
from pipelines.documents.final_recommendations import (  # noqa: F401 (re-exported)
    _is_body,
    _sentence,
    addressed_text,
    agreeing_body,
    printed_recommendations,
    recommendations_intro,
    register_items,
)
from pipelines.documents.glossary import glossary_section
from pipelines.documents.pack import Section
from pipelines.documents.report import top_findings

#: A demonstration's remarks in a config text: "(demo)", "in this demo", "the demo exports".
_DEMO_REMARKS = (
    (re.compile(r"\s*\((?:demo|demonstration)\)", re.IGNORECASE), ""),
    (re.compile(r"\s+in\s+(?:this|the)\s+demo(?:nstration)?\b", re.IGNORECASE), ""),
    (re.compile(r"\b(the|its)\s+demo(?:nstration)?\s+(?=\w)", re.IGNORECASE), r"\1 "),
)


def undemo(text: str) -> str:
    """A config text without a demonstration's remarks; the cover says so once.

    "(demo)" goes; "not reproduced in this demo" reads "not reproduced"; "from the demo
    exports" reads "from the exports"; a date takes the papers' style ("29th June 2017" reads
    "29 June 2017"). A demonstration review is labelled once, on the cover
    of each document (:func:`pipelines.documents.front.demonstration_note`), never after every
    date or source.
    """
    out = str(text)
    for pattern, repl in _DEMO_REMARKS:
        out = pattern.sub(repl, out)
    # a date in the papers' own style: "29th June 2017" reads "29 June 2017"
    out = re.sub(rf"\b(\d{{1,2}})(?:st|nd|rd|th)\s+({'|'.join(_MONTHS)})\b", r"\1 \2", out)
    return out.strip()


def undemo_final(fr):
    """The review's ``final_report`` block with :func:`undemo` over every text it prints."""
    return fr.model_copy(
        update={
            "summary": undemo(fr.summary),
            "scope": [undemo(t) for t in fr.scope],
            "evidence_heard": [undemo(t) for t in fr.evidence_heard],
            "recommendations": [
                r.model_copy(
                    update={
                        "text": undemo(r.text),
                        "to": undemo(r.to),
                        "report_back": undemo(r.report_back) if r.report_back else None,
                    }
                )
                for r in fr.recommendations
            ],
            **{
                k: undemo(getattr(fr, k)) if getattr(fr, k) else getattr(fr, k)
                for k in ("financial", "legal", "equalities", "risk")
            },
            "other_implications": {undemo(k): undemo(v) for k, v in fr.other_implications.items()},
            "background_papers": [undemo(t) for t in fr.background_papers],
        }
    )


#: Numbers up to twelve in words, for counts the final report writes ("seven meetings").
NUMBER_WORDS = (
    "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve",
)  # fmt: skip
#: Where the executive summary counts the meetings: replaced by the count of the listed ones.
MEETINGS = "{meetings}"


def count_words(n: int, noun: str) -> str:
    """``n`` of ``noun`` in words: "seven meetings", "one meeting", "14 meetings"."""
    number = NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else str(n)
    return f"{number} {noun}{'' if n == 1 else 's'}"


def summary_text(summary: str, n: int) -> str:
    """The executive summary with its count of the group's meetings, ``n``.

    ``{meetings}`` in the review's summary becomes ``n`` in words ("seven meetings"): the
    count :func:`pipelines.documents.meeting.group_meetings` gives over the review's meetings,
    the one every count of meetings in the final report comes from.

    Raises
    ------
    ConfigError
        The summary states a number of meetings ("over six meetings", "met 4 times") that is
        not ``n``.

    """
    text = summary.replace(MEETINGS, count_words(n, "meeting"))
    words = "|".join(NUMBER_WORDS[1:])
    said_counts = rf"\b({words}|\d+)\s+meetings?\b|\bmet\s+({words}|\d+)\s+times\b"
    for hit in re.finditer(said_counts, text, flags=re.IGNORECASE):
        said = (hit.group(1) or hit.group(2)).lower()
        value = int(said) if said.isdigit() else NUMBER_WORDS.index(said)
        if value != n:
            raise ConfigError(
                f"final_report.summary says \u201c{hit.group(0)}\u201d, but the review's "
                f"meetings list holds {count_words(n, 'meeting')} of the group up to the "
                "final report's meeting (each entry counted its times:, other bodies' "
                "meetings not counted). Write {meetings} where the summary counts the "
                "meetings, so the count is taken from the list, or correct the review's "
                "meetings."
            )
    return text


_MONTHS = (
    "January February March April May June July August September October November December"
).split()
_DATE = rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+({'|'.join(_MONTHS)})\s+(\d{{4}})"


def check_meeting_dates(cfg) -> None:
    """Refuse a final report that dates a meeting of the review other than its meetings list.

    Wherever the final report's own words (summary, evidence heard, recommendations,
    implications, background papers) name a meeting by its label ("Education and Children's
    Services Scrutiny Board (2)") followed by "on" or "of" a date, the date must be one of the
    review's meetings with that label: the Board's agreement has one date, the list's.

    Raises
    ------
    ConfigError
        Naming the words, the date found and the dates the meetings list gives.

    """
    import datetime as dt

    fr = cfg.final_report
    if fr is None:
        return
    texts = [
        fr.summary,
        *fr.scope,
        *fr.evidence_heard,
        *(r.text for r in fr.recommendations),
        *(t for t in (fr.financial, fr.legal, fr.equalities, fr.risk) if t),
        *fr.other_implications.values(),
        *fr.background_papers,
    ]
    dated: dict[str, set] = {}
    for m in cfg.meetings:
        if m.date is not None:
            dated.setdefault(m.label, set()).add(m.date)
    for text in texts:
        for label, days in dated.items():
            pattern = re.escape(label) + r"[^.;:]{0,40}?\b(?:on|of)\s+" + _DATE
            for hit in re.finditer(pattern, str(text)):
                day, month, year = hit.group(1), hit.group(2), hit.group(3)
                said = dt.date(int(year), _MONTHS.index(month) + 1, int(day))
                if said not in days:
                    listed = " and ".join(f"{d.day} {d:%B %Y}" for d in sorted(days))
                    raise ConfigError(
                        f"final_report: \u201c{hit.group(0)}\u201d dates a meeting of {label} "
                        f"{said.day} {said:%B %Y}, but the review's meetings list gives "
                        f"{listed}. Give the meeting the date the list gives (or correct the "
                        "list), so the report dates each meeting once."
                    )


def check_heard_by_subject(cfg) -> None:
    """Refuse a ``final_report.evidence_heard`` entry that says what was heard at one meeting.

    The final report lists every meeting of the review with what members heard at it, from the
    meetings (:func:`pipelines.documents.meeting.meetings_heard`); ``evidence_heard`` holds what
    members heard by subject. An entry that starts with a date ("15 August 2016: the scope")
    belongs under that meeting's ``heard:``, so no meeting is left out of the list and none is
    listed twice.

    Raises
    ------
    ConfigError
        Naming the entry, and the meeting of that date when the review has one.

    """
    fr = cfg.final_report
    if fr is None:
        return
    for entry in fr.evidence_heard:
        hit = re.match(rf"\s*(?:\w+day\s+)?{_DATE}\s*:", str(entry))
        if not hit:
            continue
        import datetime as dt

        said = dt.date(int(hit.group(3)), _MONTHS.index(hit.group(2)) + 1, int(hit.group(1)))
        meeting = next((m for m in cfg.meetings if m.date == said), None)
        where = (
            f"under the meeting of {said.day} {said:%B %Y} ({meeting.label}) as heard: "
            if meeting is not None
            else "as heard: under the meeting of that date in meetings (the review lists no "
            f"meeting on {said.day} {said:%B %Y}: add it, or correct the date) "
        )
        raise ConfigError(
            f"final_report.evidence_heard: \u201c{str(entry)[:80]}\u201d says what was heard "
            f"at one meeting. Put it {where}so the final report lists it with that meeting "
            "(evidence_heard is for what members heard by subject, without a date)."
        )


def join_brackets(text: str) -> str:
    """``text`` with no two bracket groups side by side: the second joins the first.

    "Focus groups (two) (date not recorded)" reads "Focus groups (two; date not recorded)".
    Only groups at the outer level are joined (the "(2)" of "(Scrutiny Board (2)) (pack)" is
    inside one: "(Scrutiny Board (2); pack)"); a text without such a pair is returned as it is.
    """
    out: list[str] = []
    depth = 0
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(depth - 1, 0)
            nxt = re.match(r"\)\s*\(", text[i:])
            if nxt and depth == 0:
                out.append("; ")
                i += nxt.end()
                depth += 1
                continue
        out.append(ch)
        i += 1
    return "".join(out)


def local_sections(specs: Mapping[str, object]) -> list[str]:
    """The sections that give the council's own picture: evidence read from its own exports.

    Those with datasets of the review, no data from outside the council (``inputs``: the DfE
    files), not a summary of other sections (SWOT, scorecard), not officers' files (the
    tracker) and not left to the technical annex (data quality), in registry order.
    """
    return [
        name
        for name, spec in specs.items()
        if (spec.datasets or spec.optional_datasets)
        and not spec.inputs
        and not spec.summary
        and not spec.officer_files
        and not spec.annex_only
    ]


def not_reported(what: str, packs: Sequence, letters: Mapping, shown, ran: Sequence = ()) -> str:
    """A scope note for a section that no appendix of the final report shows.

    Computed from what the appendices hold, in the present tense: the evidence packs ``packs``
    (lettered by ``letters``: id of meeting -> letter; ``shown(meeting)``: the sections its
    report shows) whose reports show the council's own picture (:func:`local_sections`), and
    that no appendix compares them with figures from outside the council; ``ran``: the packs
    that had the section, and those of them whose report shows no chapter are named as giving
    no findings. "Local and national picture: the council's own figures are in Appendix B (21
    September 2016); no appendix compares them with figures from outside the council, and
    Appendix A (15 August 2016) gives no findings". It says nothing of evidence published
    after the meetings: a paper never mentions it (only the technical annex does).
    """
    from pipelines.core import registry

    specs = registry.discover()
    local = local_sections(specs)
    where = [m for m in packs if any(n in local for n in shown(m))]

    def named(ms) -> str:
        return blocks.and_list(
            [f"Appendix {letters[id(m)]} ({m.date.day} {m.date:%B %Y})" for m in ms]
        )

    empty = [m for m in ran if id(m) in letters and not shown(m)]
    tail = (
        f", and {named(empty)} {'gives' if len(empty) == 1 else 'give'} no findings"
        if empty
        else ""
    )
    if not where:
        return (
            f"{what}: no appendix gives the council's own figures or compares them with figures "
            f"from outside the council{tail}"
        )
    # the appendices' chapters are listed with them (section 7), not again here
    return (
        f"{what}: the council's own figures are in {named(where)}; no "
        f"appendix compares them with figures from outside the council{tail}"
    )


def sourced_finding(finding, where: str | None, previous=None) -> str:
    """A key finding as the final report prints it: the sentence, its source, its place.

    "... cash). Source: HR workforce snapshot at 30 July 2016; HR pay rates for costing,
    2016/17. See Appendix B, key finding 1.": each source by its short name (the details in
    brackets are in the appendix's sources); ``where`` is the appendix that states it in full
    and its place there ("Appendix B, key finding 1": :func:`finding_places`). A finding is
    never printed without where it comes from. When the ``previous`` finding of the list has
    the same source, it reads "Source: as above." (the same sentence is not printed twice).
    """

    def short(f) -> str:
        source = str(getattr(f, "source", "") or "").strip().rstrip(".")
        return re.sub(r"\s*\([^)]*\)", "", source)  # the short name: details are in the pack

    text = _sentence(str(finding.text))
    source = short(finding)
    same = previous is not None and source and short(previous) == source
    said = " Source: as above." if same else f" Source: {source}." if source else ""
    return text + said + (f" See {where}." if where else "")


def referred_finding(finding, where: str | None, previous=None) -> str:
    """A key finding as the final report's summary names it: its short title and its place.

    "Extra cost a year of agency workers in practitioner posts over permanent staff: see
    Appendix E, key finding 1." The finding is stated in full, with its figures and source,
    in the appendix (``where``: :func:`finding_places`), so it is not printed a third time
    (reader14, a final report: five key findings, 380 words, after the two reports that state
    them). A finding with no short title or no place is stated in full
    (:func:`sourced_finding`).
    """
    from pipelines.documents.implications import finding_title

    title = finding_title(finding)
    if not title or not where:
        return sourced_finding(finding, where, previous)
    return f"{title[:1].upper()}{title[1:]}: see {where}."


def finding_places(
    key: Sequence,
    packs: Sequence,
    last,
    stated: Mapping[str, tuple] | None = None,
    labels: Sequence[str] | None = None,
) -> list[str | None]:
    """Where the final report's key findings are stated in full: "Appendix B, key finding 1".

    ``stated``: figure key -> (meeting date, place in that meeting's report)
    (:func:`pipelines.documents.unchanged.stated_in`): the appendix is that meeting's pack,
    so a finding a later report only named as unchanged points to the report that states
    it, with that report's number for it. Without it, the final meeting's pack (``last``)
    states the findings in their order.
    """
    labels = labels or [chr(65 + n) for n in range(len(packs))]  # appendix_labels
    letters = {m.date: label for m, label in zip(packs, labels, strict=True)}
    if stated is None:
        own = letters.get(last)
        return [f"Appendix {own}, key finding {n}" if own else None for n in range(1, len(key) + 1)]
    out: list[str | None] = []
    for f in key:
        date, place = stated.get(getattr(f, "key", None), (None, None))
        out.append(f"Appendix {letters[date]}, {place}" if date in letters else None)
    return out


#: The line over the scope notes, after the scope items (:func:`final_report_sections`).
SCOPE_NOTES = "What the appendices hold on the scope:"


def scope_text(scope: Sequence[str], notes: Sequence[str | None]) -> str:
    """The scope as agreed, then, apart, where the appendices hold the evidence on it.

    Each scope item is printed as the review's config gives it, never with a note joined to
    it; the notes (:func:`pipelines.documents.final_meetings.scope_places`, one per item, None
    for an item that names no section) follow as a list of their own, each a sentence.
    """
    said = [f"{n[:1].upper()}{n[1:].rstrip('.')}." for n in notes if n]
    text = blocks.bullets([join_brackets(item) for item in scope])
    return text + (f"\n\n{SCOPE_NOTES}\n\n" + blocks.bullets(said) if said else "")


def final_report_sections(
    cfg,
    found: Sequence,
    meetings_held: Sequence[str],
    appendices: Sequence[str],
    *,
    glossary: dict[str, str] | None = None,
    scope_notes: Sequence[str | None] = (),
    checked: Sequence[str] = (),
    compared: Sequence[str] = (),
    stated: Mapping[str, tuple] | None = None,
) -> list[Section]:
    """The group's final report in the shape of a task-and-finish report to a decision-maker.

    Executive summary (the review's summary, then the key findings of the evidence packs,
    each stated once, with its figure and source), membership and meetings, scope, what
    members heard, numbered recommendations, each naming
    who acts and when it reports back from the register (:func:`addressed_text`; lettered when
    the review gives each its own label), financial, legal, equalities and risk implications
    and any further ones the review gives, and appendices (the evidence packs). From the
    review's ``final_report:`` block and the findings. The summary's count of meetings is the
    list's (:func:`summary_text`); the scope items are followed, apart, by where the report's
    evidence on each is, or why there is none (``scope_notes``, one per item:
    :func:`pipelines.documents.final_meetings.scope_places`). The figures of the officers'
    reports that the data do not reproduce (``checked``, one sentence each) follow what members
    heard, with the data's figure and the difference; each scenario parameter is stated with
    the observed figure of its unit (``compared``), joined to the item of what members heard
    that states its model (:func:`fold_models`). Each key finding points to the appendix that
    states it in full, with that report's number for it (``stated``: :func:`finding_places`).
    """
    from pipelines.documents.final_meetings import appendix_labels
    from pipelines.documents.meeting import appendix_meetings, group_meetings, unrecorded_note

    fr = undemo_final(cfg.final_report)  # a demonstration says so once, on the cover
    fr = fr.model_copy(  # no two bracket groups side by side in any sentence
        update={
            "summary": join_brackets(fr.summary),
            "evidence_heard": [join_brackets(t) for t in fr.evidence_heard],
            "background_papers": [join_brackets(t) for t in fr.background_papers],
            **{
                k: join_brackets(getattr(fr, k)) if getattr(fr, k) else getattr(fr, k)
                for k in ("financial", "legal", "equalities", "risk")
            },
            "other_implications": {k: join_brackets(v) for k, v in fr.other_implications.items()},
        }
    )
    checked = [join_brackets(t) for t in checked]
    appendices = [join_brackets(t) for t in appendices]
    key = top_findings(found)
    members = [f"{m.name}{f' ({m.role})' if m.role else ''}" for m in cfg.members]
    held = [join_brackets(undemo(h)) for h in meetings_held]
    unheard = unrecorded_note(cfg, cfg.final_report.meeting)
    met = group_meetings(cfg, cfg.final_report.meeting)  # every count of meetings: this one
    packs = appendix_meetings(cfg, cfg.final_report.meeting)
    places = finding_places(
        key, packs, cfg.final_report.meeting, stated, appendix_labels(cfg, len(packs))
    )
    lettered = bool(fr.recommendations) and all(r.label for r in fr.recommendations)
    heard, compared = fold_models(compared, fr.evidence_heard)  # no heading over a reference
    recs = ("\n\n" if lettered else "\n").join(
        (f"**{blocks.escape_md(r.label)}.**" if lettered else f"{n}.")
        + " "
        + blocks.escape_md(text)
        for n, (r, text, _owner, _dated) in enumerate(printed_recommendations(cfg, fr), 1)
    )
    implications_text = "\n\n".join(
        f"**{label}.** {blocks.escape_md(body)}"
        for label, body in (
            ("Financial", fr.financial),
            ("Legal", fr.legal),
            ("Equalities", fr.equalities),
            ("Risk", fr.risk),
            *fr.other_implications.items(),
        )
        if body
    )
    out = [
        Section(
            "f01_summary",
            blocks.notebook(
                blocks.md(
                    "# 1. Executive summary\n" + blocks.escape_md(summary_text(fr.summary, met))
                ),
                # the top findings, each named and pointed to where an appendix states it in
                # full (reader14: stated in full a third time); one no appendix states is
                # stated here, with its source
                blocks.md(
                    "The evidence packs' key findings, most important first, each stated in full "
                    "with its figures and source where named:"
                    if key
                    else "The evidence packs give no finding set against a comparator or a target."
                ),
                blocks.cell(
                    [
                        blocks.findings_output(
                            [
                                referred_finding(f, where, key[n - 1] if n else None)
                                for n, (f, where) in enumerate(zip(key, places, strict=True))
                            ],
                            "key",
                        )
                    ]
                )
                if key
                else None,
            ),
        ),
        Section(
            "f02_recommendations",
            blocks.notebook(
                blocks.md(
                    "# 2. Recommendations\n"
                    + blocks.escape_md(recommendations_intro(cfg))
                    + "\n\n"
                    + recs
                )
            ),
        ),
        Section(
            "f03_membership",
            blocks.notebook(
                blocks.md(
                    "# 3. Membership and meetings\nThe group's members:\n\n"
                    + blocks.bullets(members)
                    + f"\n\nThe group held {count_words(met, 'meeting')}. Section 5 lists "
                    "every meeting of the review, with what members heard at each."
                )
            ),
        ),
        Section(
            "f04_scope",
            blocks.notebook(
                blocks.md(
                    "# 4. Scope\n"
                    + scope_text(fr.scope, [join_brackets(n) for n in scope_notes if n])
                )
            ),
        ),
        Section(
            "f05_heard",
            blocks.notebook(
                blocks.md(
                    "# 5. What members heard\nThe meetings of the review, with what members "
                    "heard at each:\n\n"
                    + blocks.bullets(held)  # a meeting without a record: once, in the list
                    + (f"\n\n{blocks.escape_md(unheard)}" if unheard else "")
                ),
                blocks.md("## What members heard, by subject\n" + blocks.bullets(heard))
                if heard
                else None,
                blocks.md(
                    "## The models and the data\nWhat the scenarios assume, with what the data "
                    "show in the same unit:\n\n"
                    + blocks.bullets([join_brackets(c) for c in compared])
                )
                if compared
                else None,
                blocks.md(
                    "## Figures in the officers' reports, checked\nThe figures members heard "
                    "that the council's data do not reproduce, with the data's figure and the "
                    "difference:\n\n" + blocks.bullets(checked)
                )
                if checked
                else None,
            ),
        ),
        Section(
            "f06_implications",
            blocks.notebook(
                blocks.md("# 6. Implications\n" + (implications_text or "None identified."))
            ),
        ),
        Section(
            "f07_appendices",
            blocks.notebook(
                blocks.md(
                    "# 7. Appendices and background papers\n"
                    + "\n".join(
                        f"- {readable_links(p)}"
                        for p in in_appendix_order([*appendices, *fr.background_papers])
                    )
                )
            ),
        ),
    ]
    words = glossary_section(out, glossary or {}, "8. Glossary", name="f08_glossary")
    return [*out, words] if words is not None else out


def in_appendix_order(papers: Sequence[str]) -> list[str]:
    """The appendices and background papers, numbered appendices in their order first.

    "Appendix 1: ..." to "Appendix 6: ..." in number order whether the council's own or an
    evidence pack (:func:`pipelines.documents.final_meetings.appendix_labels`), then the rest
    as given; lettered appendices keep their place.
    """

    def number(p: str) -> float:
        m = re.match(r"Appendix (\d+)\b", p)
        return int(m.group(1)) if m else float("inf")

    return sorted(papers, key=number)


#: A web address in a background paper's text.
_URL = re.compile(r"https?://\S+[^\s.,;)]")


def readable_links(text: str) -> str:
    """A paper's text as markdown, cited by its title and date, the title linked to the address.

    "Briefing note ..., 27 March 2018: http://moderngov.example.gov.uk/documents/s1/BN%20R.pdf"
    prints "Briefing note ..., 27 March 2018", those words linked to the address: no site
    address (reader14: "moderngov..." read as part of the citation), no raw address with "%20"
    in it and no file name (reader12: "BN Recommendations Social Worker TF final.pdf" cited a
    document by its file). An address with no title before it is named by its site and file,
    the only name it has. The rest of the text is escaped.
    """
    from urllib.parse import unquote, urlsplit

    out, at = [], 0
    for m in _URL.finditer(text):
        before = text[at : m.start()]
        url = m.group()
        if len(re.findall(r"[A-Za-z]{2,}", before)) >= 2:  # the paper's own title and date
            title = before.rstrip().rstrip(":;,-\u2013").rstrip()
            out.append(
                f"[{blocks.escape_md(title)}](<{url}>)"
                + blocks.escape_md(before[len(title) :].strip(" :;,-\u2013"))
            )
        else:
            parts = urlsplit(url)
            name = unquote(parts.path.rstrip("/").rsplit("/", 1)[-1])
            words = " ".join(f"{parts.netloc}, {name}".split()) if name else parts.netloc
            out.append(blocks.escape_md(before) + f"[{blocks.escape_md(words)}](<{url}>)")
        at = m.end()
    out.append(blocks.escape_md(text[at:]))
    return "".join(out)


def fold_models(compared: Sequence[str], heard: Sequence[str]) -> tuple[list[str], list[str]]:
    """What members heard by subject, with each model's data where that states the model.

    Each of ``compared`` is "The caseload model (...) assumes 14 cases per worker for ... and
    25 for care leavers; the average now is 17.9 cases per worker (at 28 February 2018)."
    (:func:`pipelines.documents.texts.model_comparisons`). When an item of ``heard`` states
    every number the model assumes, the model is stated there in full, so the data join that
    item: "... Against these figures, the average now is 17.9 cases per worker (at 28
    February 2018)." No heading is left over a cross-reference alone. Returns the items of
    ``heard`` and the comparisons no item states, which keep their own heading.
    """
    out, left = [str(h) for h in heard], []
    for said in compared:
        m = re.match(r"(?P<model>.*?) assumes (?P<assumed>.*?); (?P<now>the .*)$", said)
        numbers = set(re.findall(r"\d+(?:\.\d+)?", m["assumed"])) if m else set()
        at = next(
            (
                n
                for n, item in enumerate(out)
                if numbers
                and all(re.search(rf"(?<![\d.]){re.escape(x)}(?![\d.])", item) for x in numbers)
            ),
            None,
        )
        if at is None:
            left.append(said)
        else:
            out[at] = f"{_sentence(out[at])} Against these figures, {_sentence(m['now'])}"
    return out, left
