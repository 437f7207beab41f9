"""Background papers listed once per document (issue 22, point 9).

A report's background papers come from several places (the agenda's items, the sources of the
datasets its sections read, the national release), so one document could be named twice: a
report listing "Item 6: Recruitment and retention activity: report to this meeting" (the
agenda) and "Agenda item 6 report and Appendix 1" of the same date (the source of the
published survey figures) named one report twice. :func:`distinct_papers`
keeps one entry per document: same title and date, or the report to the same agenda item of
the same meeting.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Mapping, Sequence

from pipelines.core.time_true import MONTHS as _MONTHS
from pipelines.core.time_true import text_date

#: A paper that is the report to an agenda item: "Item 6: ...", "Agenda item 6 report ...".
_ITEM = re.compile(r"^\s*(?:agenda\s+)?item\s+(?P<n>\d+[a-z]?)\b", re.IGNORECASE)
_THIS_MEETING = re.compile(r"\bthis meeting\b", re.IGNORECASE)
_APPENDIX = re.compile(
    # "Appendices 1, 2 and 3"; not the day of "Appendix 1, 21 September 2016"
    rf"\bAppendi(?:x|ces)\s+(\d+[a-z]?(?:(?:\s*,\s*|\s+and\s+)\d+[a-z]?\b(?!\s+(?:{_MONTHS})))*)\b",
    re.IGNORECASE,
)


def appendices(paper: str) -> list[str]:
    """The appendices a paper names: "Appendices 1 and 3" -> ["1", "3"]."""
    return [
        n.casefold()
        for found in _APPENDIX.findall(paper)
        for n in re.split(r"\s*,\s*|\s+and\s+", found)
    ]


def paper_date(paper: str, meeting: dt.date | None) -> dt.date | None:
    """The date of the document a background paper names, or None.

    The meeting's date when it is a report "to this meeting", else the first date written in
    it ("21 September 2016").
    """
    if _THIS_MEETING.search(paper):
        return meeting
    return text_date(paper)


def document_key(paper: str, meeting: dt.date | None) -> tuple:
    """What identifies the document a background paper names.

    The report to an agenda item: ("item", its number, its date) (:func:`paper_date`), so
    "Item 6: ...: report to this meeting" and "Agenda item 6 report and Appendix 1, 21
    September 2016" are one document at a meeting of 21 September 2016. Any other paper: its
    title and date, the words in lower case without punctuation.
    """
    m = _ITEM.match(paper)
    date = paper_date(paper, meeting)
    if m and date is not None:
        return ("item", m["n"].casefold(), date)
    words = re.sub(r"[^\w]+", " ", paper.casefold()).split()
    return ("title", " ".join(words), date)


def distinct_papers(papers: Sequence[str], meeting: dt.date | None) -> list[str]:
    """``papers`` with each document once, in order of first mention, none dated after it.

    A paper dated after the meeting (:func:`paper_date`) is no paper of it (time-true, issue 22
    point 2): a source that names a later document is cited as the officers' data before that
    (:func:`pipelines.core.time_true.source_at`), and anything else dated later is left out.
    Papers naming the same document (:func:`document_key`) are one entry: the first, with the
    appendices the others name and it does not ("Item 6: ...: report to this meeting, and its
    Appendix 1"), so nothing the list offered is lost.
    """
    kept: dict[tuple, str] = {}
    extra: dict[tuple, list[str]] = {}
    for paper in papers:
        when = paper_date(paper, meeting)
        if meeting is not None and when is not None and when > meeting:
            continue
        key = document_key(paper, meeting)
        if key not in kept:
            kept[key], extra[key] = paper, []
            continue
        have = {*appendices(kept[key]), *extra[key]}
        extra[key] += [a for a in appendices(paper) if a not in have]
    out = []
    for key, paper in kept.items():
        more = list(dict.fromkeys(extra[key]))
        if more:
            listed = " and ".join(more)
            word = "Appendix" if len(more) == 1 else "Appendices"
            paper = f"{paper.rstrip('. ')}, and its {word} {listed}"
        out.append(paper)
    return out


def names_agenda_item(paper: str) -> bool:
    """Whether a paper is the report to an agenda item ("Item 6 report, para 38")."""
    return bool(_ITEM.match(paper))


def _plain(text: str) -> str:
    """Text compared by its words: lower case, HTML entities and Markdown escapes undone."""
    text = html.unescape(str(text)).replace("\\", "").replace("\u2019", "'")
    return " ".join(re.sub(r"[^\w']+", " ", text.casefold()).split())


def document_text(sections) -> str:
    """Every text a document's sections hold: cells, outputs and their sources and captions."""
    found: list[str] = []

    def walk(node) -> None:
        if isinstance(node, str):
            found.append(node)
        elif isinstance(node, Mapping):
            for value in node.values():
                walk(value)
        elif isinstance(node, list | tuple):
            for value in node:
                walk(value)

    for section in sections:
        walk(section.notebook.get("cells", []))
    return "\n".join(found)


def in_use(papers: Sequence[str], cues: Mapping[str, Sequence[str]], printed: str) -> list[str]:
    """``papers`` less those drawn from data whose figures the document does not print.

    A paper with ``cues`` (its source as the document's notes cite it: a dataset's source,
    "Department for Education", a staffing model's name) is listed only when one of them is in
    ``printed`` (the document's text, :func:`document_text`, with its notes); a paper without
    (an agenda item's report, the minutes, an earlier report the chapters cite) always is. A
    cue may be a pattern over the compared words (an earlier meeting's item report and date).
    """
    seen = _plain(printed)
    return [p for p in papers if p not in cues or any(_cited(c, seen) for c in cues[p])]


def _cited(cue, seen: str) -> bool:
    """Whether ``seen`` (words, :func:`_plain`) cites ``cue``: its words, or a pattern's match."""
    if isinstance(cue, re.Pattern):
        return bool(cue.search(seen))
    return bool(_plain(cue)) and f" {_plain(cue)} " in f" {seen} "
