"""The final report's account of the review's meetings, from the review config and its packs.

Which meetings it lists and counts (:func:`listed_meetings`, :func:`group_meetings`), how it
names each (:func:`meetings_heard`: date, label, what members heard), the appendices (every
evidence pack built, :func:`appendix_titles`), the scope notes (:func:`scope_places`) and the
officers' figures checked (:func:`checked_sentences`). Split from
:mod:`pipelines.documents.meeting`, which writes the final report with them.
"""

from __future__ import annotations

import re

from pipelines.core.config import Review

#: Words of a meeting label saying its date is still to be fixed ("(date to be announced)",
#: "TBA", "to be confirmed"): true only before the meeting.
_TO_BE_FIXED = re.compile(
    r"\s*\(?\b(?:date\s+)?(?:to\s+be\s+(?:announced|confirmed|arranged|agreed)|TBA|TBC)\b\)?",
    re.IGNORECASE,
)


#: What a past undated meeting's bracket says of its date, in plain words.
NOT_RECORDED = "not recorded in the council's papers"
#: "Focus groups with social workers (two)": a label whose bracket is only a count.
_COUNT_ONLY = re.compile(
    r"^(?P<what>.+?)\s*\((?P<n>one|two|three|four|five|six|seven|eight|nine|ten|\d+)\)$"
)


def undated_label(label: str, *, past: bool, plural: bool = False) -> str:
    """How a document names a meeting that has no date in the review config.

    Before it (``past`` False) the label as the config gives it ("October 2016 (date to be
    announced)"). Once it is past, never "to be announced": the words saying the date is to be
    fixed are dropped and one bracket at the end says, in plain words, what the papers do not
    give: "(day not recorded in the council's papers)" when the label names the month, else
    "(date ...)" or, for an entry of several meetings (``plural``) "(dates ...)"; a label that
    already says how its dates stand is kept ("Task and finish group meetings (four; dates not
    in the report)"). A bracket that is only a count comes first, in words: "Focus groups with
    social workers (two)" -> "Two focus groups with social workers (dates not recorded in the
    council's papers)" (reader14: "(two; date not recorded)"); a bracket with more in it takes
    the note after a semicolon, so no two brackets stand side by side.
    """
    if not past:
        return label
    base = _TO_BE_FIXED.sub("", label).strip().rstrip(",;:").strip()
    if re.search(r"\bdates?\b", base, re.IGNORECASE):
        return base
    counted = _COUNT_ONLY.match(base)
    if counted:
        n = counted["n"]
        base = f"{n[:1].upper()}{n[1:]} {counted['what'][:1].lower()}{counted['what'][1:]}"
        plural = plural or n not in ("one", "1")
    # a label that names its month gives part of the date: only the day is not recorded
    part = "day" if re.search(rf"\b(?:{'|'.join(_MONTH_NAMES)})\b", base) else "date"
    said = f"{part}s {NOT_RECORDED}" if plural else f"{part} {NOT_RECORDED}"
    if base.endswith(")"):  # one bracket, not two side by side: "(14 took part; date ...)"
        return base[:-1] + f"; {said})"
    return f"{base} ({said})"


def shown_sections(cfg: Review, m) -> list[str]:
    """The sections a meeting's public report shows as chapters (by notebook, meeting order).

    Its sections less those left to the technical annex (:func:`annex_only`: the data-quality
    appendix, and what was published after the meeting, :func:`published_after`).
    """
    if not m.sections or m.date is None:
        return []
    from pipelines.documents.meeting import annex_only, published_after

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


def appendix_labels(cfg: Review, count: int) -> list[str]:
    """The labels of the final report's ``count`` evidence-pack appendices, in one scheme.

    "A", "B", ... unless the final report's background papers number the council's own
    appendices ("Appendix 1: Scoping Document ..." to "Appendix 4: ..."), when the packs go
    on from the last of them: "5", "6" (reader14, a final report: Appendices A and B beside
    Appendices 1 to 4).
    """
    fr = cfg.final_report
    numbered = [
        int(m.group(1))
        for p in (fr.background_papers if fr is not None else [])
        if (m := re.match(r"\s*Appendix\s+(\d+)\b", str(p)))
    ]
    if numbered:
        return [str(max(numbered) + 1 + n) for n in range(count)]
    return [chr(65 + n) for n in range(count)]


def appendix_letters(cfg: Review, last) -> dict[int, str]:
    """Each evidence-pack appendix's label (:func:`appendix_labels`), by id of its meeting."""
    packs = appendix_meetings(cfg, last)
    return {id(m): label for m, label in zip(packs, appendix_labels(cfg, len(packs)), strict=True)}


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


def _meeting_when(m, place: int | None = None, between: tuple | None = None) -> str:
    """A listed meeting's date and label (an undated one as a past meeting is named).

    The label follows the date in brackets, or after a comma when it holds brackets of its
    own ("Scrutiny Board (2)"), so no bracket stands inside another. An undated meeting whose
    label does not say which meeting it was takes its place in the group's series (``place``,
    :func:`meeting_places`): "October 2016 (Third meeting; day not recorded)", so the reader
    can tell it from the dated ones around it. An undated entry for several meetings (its
    ``times``) says how many: "Four meetings of the task and finish group (dates not
    recorded)"; one whose label names no month or year says what the review knows of when,
    the dates of the listed meetings either side of it (``between``): "..., between Thursday
    29 June 2017 and Tuesday 27 March 2018".
    """
    from pipelines.documents.final import NUMBER_WORDS
    from pipelines.documents.pack import format_meeting_date

    if m.date:
        if not m.label:
            return format_meeting_date(m.date)
        return format_meeting_date(m.date) + (f", {m.label}" if "(" in m.label else f" ({m.label})")
    label = m.label
    first = (label.split() or [""])[0].lower()
    if m.times > 1 and not first.isdigit() and first not in NUMBER_WORDS:
        count = NUMBER_WORDS[m.times] if m.times < len(NUMBER_WORDS) else str(m.times)
        label = f"{count.capitalize()} {label[:1].lower()}{label[1:]}"
    named = undated_label(label, past=True, plural=m.times > 1)
    # the note on the date last, after what is known of when: "..., between X and Y (dates
    # not recorded in the council's papers)"
    note = re.search(rf"\s*\((?:days?|dates?) {NOT_RECORDED}\)$", named)
    named, note = (named[: note.start()], note.group(0)) if note else (named, "")
    dated = re.search(rf"\b(?:{'|'.join(_MONTH_NAMES)}|\d{{4}})\b", m.label)
    if between and all(between) and not dated:
        named += (
            f", between {format_meeting_date(between[0])} and {format_meeting_date(between[1])}"
        )
    if place is not None and 1 <= place <= len(ORDINALS) and "meeting" not in m.label.lower():
        # its place in the series first: "Third meeting, October 2016 (day not recorded ...)"
        named = f"{ORDINALS[place - 1]} meeting, {named}"
    return named + note


#: Month names: a label that names one says when its meeting was ("October 2016").
_MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()


def _either_side(listed: list, m) -> tuple | None:
    """The dates of the dated meetings listed just before and after the undated ``m``."""
    at = next(n for n, x in enumerate(listed) if x is m)
    before = [x.date for x in listed[:at] if x.date]
    after = [x.date for x in listed[at + 1 :] if x.date]
    return (before[-1], after[0]) if before and after else None


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
    letters = appendix_letters(cfg, last)
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
    appendix, not by the subject its title promised: "the evidence pack (Appendix C), which
    gives no findings" (:data:`NO_FINDINGS`). A meeting with none of these is listed
    once, by its date and label alone; :func:`unrecorded_note` says once, after the list, what
    is known of such meetings.
    Dates are the meetings' own, as the covers print them. No two bracket groups stand side by
    side: a text ending in a bracket takes its appendix after a semicolon.
    """
    letters = appendix_letters(cfg, last)
    places = meeting_places(cfg, last)
    out = []
    listed = listed_meetings(cfg, last)
    for m in listed:
        shown = _section_heads(shown_sections(cfg, m))
        letter = letters.get(id(m))
        said = (m.heard or "").strip().rstrip(".") or (m.purpose or "").strip().rstrip(".")
        when = _meeting_when(m, places.get(id(m)), None if m.date else _either_side(listed, m))
        if said:
            pack = f"evidence pack: Appendix {letter}" if letter else ""
            what = said + ((f"; {pack}" if said.endswith(")") else f" ({pack})") if pack else "")
        elif shown:
            what = f"the evidence pack{f' (Appendix {letter})' if letter else ''} on " + "; ".join(
                shown
            )
        elif letter:  # a pack was tabled, but its report shows no chapter: said as it is,
            # never by the subject its title promised (reader12: two such packs "on the local
            # and national picture", which holds none)
            what = f"the evidence pack (Appendix {letter}), {NO_FINDINGS}"
        else:
            out.append(when)  # no record: said once, after the list (unrecorded_note)
            continue
        if what[1:2].islower():
            what = what[0].lower() + what[1:]
        out.append(f"{when}: {what}")
    return out


#: What the final report says of an evidence pack whose report shows no chapter.
NO_FINDINGS = "which gives no findings"


def appendix_titles(cfg: Review, last) -> list[str]:
    """The final report's appendices: each evidence pack by meeting date and what it holds.

    The packs of :func:`appendix_meetings`, lettered A, B ... in meeting order, each named
    first by its meeting (date and label, as the list of meetings names it) and then titled as
    its report is (:func:`texts.report_title`), in one sentence: "Appendix B: Wednesday 21
    September 2016 (Second meeting), evidence on ...", so two packs on one subject never read
    alike. A pack whose report shows no chapter (:func:`shown_sections` empty: its evidence
    was all left to the technical annex) is said as it is, never by the subject its title
    promised (reader12: Appendices A and C were both "evidence on the local and national
    picture ..." and held none of it), and such packs are said once, in one entry where the
    first stands: "Appendices A and C: Monday 15 August 2016 (Scoping meeting) and Tuesday 22
    November 2016 (Fourth meeting), the evidence packs, which give no findings" (reader14: each
    said "the evidence pack, which gives no findings").
    """
    from pipelines.documents.glossary import load_glossary
    from pipelines.documents.texts import report_title

    terms = load_glossary(cfg.id)
    places = meeting_places(cfg, last)
    out: list[str] = []
    empty: list[tuple[str, str]] = []  # (letter, meeting) of the packs with no chapter
    letters = appendix_letters(cfg, last)
    for m in appendix_meetings(cfg, last):
        when = _meeting_when(m, places.get(id(m)))
        if not shown_sections(cfg, m):
            if not empty:
                out.append("")  # their one entry, where the first of them stands
            empty.append((letters[id(m)], when))
            continue
        title = report_title(m, cfg.committee, terms)
        title = title[:1].lower() + title[1:] if title[1:2].islower() else title
        out.append(f"Appendix {letters[id(m)]}: {when}, {title}")
    if empty:  # said once for all of them (reader14: Appendices A and C each said it)
        letters = " and ".join(
            [", ".join(x for x, _ in empty[:-1]), empty[-1][0]] if len(empty) > 1 else [empty[0][0]]
        )
        whens = " and ".join(
            [", ".join(w for _, w in empty[:-1]), empty[-1][1]] if len(empty) > 1 else [empty[0][1]]
        )
        packs = (
            "the evidence packs, which give no findings"
            if len(empty) > 1
            else (f"the evidence pack, {NO_FINDINGS}")
        )
        out[out.index("")] = (
            f"Appendi{'ces' if len(empty) > 1 else 'x'} {letters}: {whens}, {packs}"
        )
    return out


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
    letters = appendix_letters(cfg, last)
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
