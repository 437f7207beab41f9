"""A committee report chapter's heading and introduction, written from what the chapter holds.

A section notebook's title and first paragraph describe the whole section as the technical
annex shows it ("... market supplements ...", "... a check of every survey figure ... and the
locum survey"). The report's chapter holds only some of it, so its heading keeps only the
topics the chapter shows (:func:`chapter_heading`) and its introduction names the group's
question and counts the findings, tables and charts that are there (:func:`chapter_intro`): a
chapter promises nothing it does not hold, and repeats no table's title.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from pipelines.documents import blocks

#: Words too common to tell whether a chapter shows a topic.
_COMMON = {"and", "the", "of", "for", "with", "from", "staff", "how", "where", "what", "who"}


def _topics(title: str) -> tuple[str, list[str]]:
    """A title's lead and its listed topics.

    "Workforce and costs: agency staff, pay and caseloads" -> ("Workforce and costs",
    ["agency staff", "pay", "caseloads"]); "Staff and locum surveys" -> ("", ["Staff",
    "locum surveys"]) (two short topics joined by "and", without a colon or comma); any
    other title has no topics to drop.
    """
    if ":" in title:
        lead, rest = title.split(":", 1)
        items = [i.strip() for i in re.split(r",?\s+and\s+|,\s*", rest.strip()) if i.strip()]
        return lead.strip(), items
    parts = title.split(" and ")
    if "," not in title and len(parts) == 2 and all(len(p.split()) <= 3 for p in parts):
        return "", [p.strip() for p in parts]
    return title, []


def _stem(word: str) -> str:
    """A word without a plural ending, lower case ("supplements" -> "supplement")."""
    word = word.lower()
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def shows_topic(topic: str, body: str, first_only: bool = False) -> bool:
    """Whether ``body`` (the chapter's findings, captions and table text) is about ``topic``.

    True when any telling word of the topic (not a common word such as "staff") appears in the
    body, plural or singular: "market supplements" needs "market" or "supplement". With
    ``first_only``, its first telling word must appear ("locum surveys" needs "locum", as
    "surveys" is shared with the topic before it).
    """
    words = [_stem(w) for w in re.findall(r"[A-Za-z]+", topic) if w.lower() not in _COMMON]
    if not words:
        return True
    text = body.lower()
    return any(re.search(rf"\b{re.escape(w)}", text) for w in words[: 1 if first_only else None])


def chapter_heading(title: str, body: str) -> str:
    """The chapter's heading: the section's title without the topics the chapter does not show.

    "Workforce and costs: agency staff, pay, market supplements and caseloads" for a chapter
    with no supplement figure is "Workforce and costs: agency staff, pay and caseloads"; when
    it shows none of the topics, the lead alone. "Staff and locum surveys" without a locum
    figure is "Staff surveys" (the last word is shared by a one-word topic not in the plural);
    the first of two such topics is always kept.
    """
    lead, topics = _topics(title)
    if not topics:
        return title
    # "Staff and locum surveys": only the second topic's own word ("locum") tells it apart;
    # the first ("Staff", "Recruitment") names what the whole title is about and is kept.
    kept = [
        t for n, t in enumerate(topics) if (not lead and n == 0) or shows_topic(t, body, not lead)
    ]
    if len(kept) == len(topics):
        return title
    if not kept:
        return lead or title
    if lead:
        return f"{lead}: {blocks.and_list(kept)}"
    head = topics[-1].split()[-1] if len(topics[-1].split()) > 1 else ""
    kept = [
        f"{t} {head}" if head and len(t.split()) == 1 and not t.endswith("s") else t for t in kept
    ]
    text = blocks.and_list(kept)
    return text[0].upper() + text[1:]


#: The longest introduction sentence, in words (:data:`pipelines.documents.texts.SENTENCE_WORDS`).
INTRO_WORDS = 35

_QUESTION = re.compile(
    r"(?:the )?(?:task-and-finish )?group's (?P<what>questions?|objectives?) "
    r"(?P<quoted>[\u201c\"][^\u201d\"]+[\u201d\"](?:\s+and\s+[\u201c\"][^\u201d\"]+[\u201d\"])?)"
)


_NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


def _count(n: int, noun: str) -> str:
    """A count in words with its noun: "one table", "three charts", "12 tables"."""
    return f"{_NUMBER_WORDS.get(n, str(n))} {noun}{'' if n == 1 else 's'}"


def plain_title(title: str) -> str:
    """A title as words inside a sentence: bracketed parts dropped, small first letter.

    "Most common recorded reason for leaving (both services)" -> "most common recorded
    reason for leaving". The first letter stays a capital when the title opens with a name:
    a first word ending in a colon ("Northtown: vacancy rate"), holding another capital or a
    digit ("FTE", "DfE"), or followed by a word with a capital ("Children's Social Care").
    """
    words = " ".join(str(title or "").split())
    while re.search(r"\([^()]*\)", words):
        words = re.sub(r"\s*\([^()]*\)", "", words)
    words = re.sub(r"\s+([,;:.])", r"\1", words).strip(" ,;")
    parts = words.split()
    if not parts:
        return ""
    first, rest = parts[0], parts[1:]
    named = (
        first.endswith(":")
        or any(c.isupper() or c.isdigit() for c in first[1:])
        or bool(rest and rest[0][:1].isupper())
    )
    return words if named else words[:1].lower() + words[1:]


def chapter_intro(
    notebook_intro: str,
    *,
    tables: int = 0,
    charts: int = 0,
    findings: int = 0,
    key_numbers: Sequence[int] = (),
    asked: set[str] | None = None,
    whose: str = "the group's",
    referred: Sequence[str] = (),
) -> str:
    """The chapter's introduction: one plain sentence on what it holds, from what it holds.

    "For the group's question “what drives social workers ... to leave?”: this chapter gives
    two findings and shows three tables and two charts." The counts are the chapter's own
    findings and the tables and charts printed in it; the heading just above names the topic.
    The tables' and charts' titles are not repeated: each stands over its table. The group's
    question is taken from the section's own introduction (quoted there) and is quoted once
    per report: ``asked`` holds the questions quoted by earlier chapters, and gains this one's.
    ``whose``: the group's, or in a report to another body "the task and finish group's"
    (:attr:`pipelines.documents.texts.BodyWords.whose`). ``referred``: the places its other
    bullets refer to instead of stating a finding again (:func:`refer_to_stated`: "key
    finding 5"), so every bullet is counted: "gives one finding, refers to key finding 5 and
    shows one table".
    """
    m = _QUESTION.search(notebook_intro or "")
    quoted = m.group("quoted") if m else None
    lead = "T"
    if quoted and (asked is None or quoted not in asked):
        lead = f"For {whose} {m.group('what')} {quoted}: t"
        if asked is not None:
            asked.add(quoted)
    # The heading stands just above and names the topic; the sentence counts what follows
    # (a count before a topic, "two charts on leavers", would also read as people).
    shown = [_count(n, noun) for n, noun in ((tables, "table"), (charts, "chart")) if n]
    shows = " and ".join(shown)
    places = list(dict.fromkeys(referred))
    verbs = [
        f"gives {_count(findings, 'finding')}" if findings else "",
        f"refers to {blocks.and_list(places)}" if places else "",
        f"shows {shows}" if shows else "",
    ]
    verbs = [v for v in verbs if v]
    if verbs:
        said = f"{lead}his chapter {blocks.and_list(verbs)}."
        if lead != "T" and len(re.findall(r"[\w\u2019']+", said)) > INTRO_WORDS:
            # a long question: its own sentence, so neither runs past INTRO_WORDS (reader12)
            return (
                f"This chapter bears on {whose} {m.group('what')} {quoted}. "
                f"It {blocks.and_list(verbs)}."
            )
        return said
    if key_numbers:
        which = blocks.and_list([str(n) for n in key_numbers])
        plural = "s" if len(key_numbers) > 1 else ""
        return f"{lead}he evidence of this chapter is in key finding{plural} {which}."
    return f"{lead}his chapter has no finding, table or chart of its own."


def chapter_body(findings: Sequence[str], outputs: Sequence[Mapping]) -> str:
    """The words a chapter shows: its findings and its outputs' captions and table text."""
    from pipelines.documents.glossary import _TAG

    parts = list(findings)
    for output in outputs:
        data = output.get("data") or {}
        parts.append(_TAG.sub(" ", str(data.get("text/html", ""))))
    return "\n".join(parts)


def chapter_closing(*, hidden: bool, said: set[str]) -> str:
    """The note at a chapter's end: where its [c] figures are.

    The first chapter with suppressed figures says in full that the exempt appendix gives
    them; a later chapter says it in a few words ("Figures shown [c] are in the exempt
    appendix."), so no long sentence is printed twice. ``said`` holds what earlier chapters
    said in full, and gains what this one does. '' when the chapter has none. The tables left
    to the technical annex are not mentioned: the annex is not published and is not a
    background paper, so a report never sends a reader to it (docs/architecture.md).
    """
    if not hidden:
        return ""
    if "hidden" in said:
        return "Figures shown [c] are in the exempt appendix."
    said.add("hidden")
    return (
        "Figures shown [c] in this chapter are of groups so small that people could be "
        "identified; the exempt appendix gives them, for members only."
    )


def states_figure(text: str, figure) -> bool:
    """Whether a sentence states ``figure``: it names the figure's label and prints its value.

    "Children's social workers: average caseload (cases per worker): 20.6 cases against a
    target of 20.0 cases" states the caseload figure labelled "Children's social workers:
    average caseload (cases per worker)" whose value prints "20.6 cases".
    """
    from pipelines.core.figures import format_value

    label = str(getattr(figure, "label", "") or "")
    value = getattr(figure, "value", None)
    if not label or value is None:
        return False
    printed = format_value(value, figure.kind)
    return label in text and re.search(rf"(?<![\d.]){re.escape(printed)}(?![\d])", text) is not None


def refer_to_stated(text: str, stated: Sequence[tuple[object, str]]) -> str:
    """``text``, or a reference to where the report already states its figure in full.

    ``stated``: (finding, place) for each ranked finding the report prints ("key finding 3",
    "section 8"). A chapter's own sentence (the scorecard's "Children's social workers:
    average caseload (cases per worker): 20.6 cases against a target of 20.0 cases: target not
    met.") that states one of their figures (:func:`states_figure`) becomes "Children's social
    workers, average caseload: see section 8.", so a figure is stated in full once.
    """
    for finding, place in stated:
        figure = getattr(finding, "figure", None)
        if figure is not None and states_figure(text, figure):
            return reference(figure, place)
    return text


def reference(figure, place: str) -> str:
    """A sentence that refers to where ``figure`` is stated in full, by its plain title.

    "Children's social workers, average caseload: see key finding 5." for the figure labelled
    "Children's social workers: average caseload (cases per worker)".
    """
    title = plain_title(str(figure.label)).replace(": ", ", ")
    return f"{title[:1].upper()}{title[1:]}: see {place}."
