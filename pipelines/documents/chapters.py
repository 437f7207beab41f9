"""A committee report chapter's heading and introduction, written from what the chapter holds.

A section notebook's title and first paragraph describe the whole section as the technical
annex shows it ("... market supplements ...", "... a check of every survey figure ... and the
locum survey"). The report's chapter holds only some of it, so its heading keeps only the
topics the chapter shows (:func:`chapter_heading`) and its introduction names the group's
question and the tables and charts that are there (:func:`chapter_intro`): a chapter promises
nothing it does not hold.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

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


def _listed(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


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
        return f"{lead}: {_listed(kept)}"
    head = topics[-1].split()[-1] if len(topics[-1].split()) > 1 else ""
    kept = [
        f"{t} {head}" if head and len(t.split()) == 1 and not t.endswith("s") else t for t in kept
    ]
    text = _listed(kept)
    return text[0].upper() + text[1:]


_QUESTION = re.compile(
    r"(?:the )?(?:task-and-finish )?group's (?P<what>questions?|objectives?) "
    r"(?P<quoted>[\u201c\"][^\u201d\"]+[\u201d\"](?:\s+and\s+[\u201c\"][^\u201d\"]+[\u201d\"])?)"
)


def chapter_intro(notebook_intro: str, captions: Sequence[str], key_numbers: Sequence[int]) -> str:
    """The chapter's introduction: the group's question it serves and what it shows.

    "For the group's question "what drives social workers ... to leave?": this chapter shows
    leavers and turnover by service." The question is taken from the section's own
    introduction (quoted there); the list is the captions of the tables and charts the chapter
    holds, so it names nothing that is not there. A chapter that shows no table or chart says
    which key findings come from it, or that its findings follow.
    """
    m = _QUESTION.search(notebook_intro or "")
    lead = f"For the group's {m.group('what')} {m.group('quoted')}: t" if m else "T"
    if captions:
        named = [c.strip().rstrip(".") for c in captions]
        listed = named[0] if len(named) == 1 else "; ".join(named[:-1]) + "; and " + named[-1]
        noun = "this table or chart" if len(named) == 1 else "these tables and charts"
        return f"{lead}his chapter shows {noun}: {listed}."
    if key_numbers:
        return f"{lead}he evidence of this chapter is in the key findings."
    return f"{lead}his chapter gives its findings."


def chapter_body(findings: Sequence[str], outputs: Sequence[Mapping]) -> str:
    """The words a chapter shows: its findings and its outputs' captions and table text."""
    from pipelines.documents.glossary import _TAG

    parts = list(findings)
    for output in outputs:
        data = output.get("data") or {}
        parts.append(_TAG.sub(" ", str(data.get("text/html", ""))))
    return "\n".join(parts)
