"""The meeting's subject: figures on what the decision before members is about.

Ranked findings (:mod:`pipelines.sections.findings`) score a figure by its adverse distance from
a comparator. A cost that is itself the subject of the decision (a market supplement the
recommendations would remove) has no comparator and no adverse direction, so the ranking alone
never picks it, and a report on that decision opened with four findings none of which was about
it (reader15). The rule of ``config/findings.yml`` (``subjects``: figure key pattern -> words):
a figure whose words the meeting's own papers name is a key finding whatever its score. The
meeting's papers are its pack title and agenda items and, at the meeting that takes the group's
final report, that report's title and recommendations (:func:`subject_text`).
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import re
from collections.abc import Iterable, Mapping


def subject_text(cfg, meeting: str | dt.date | None) -> str:
    """The words of what a meeting decides, lower case: "" when the review has no such meeting.

    Its ``pack_title``, its agenda items' subjects and, when it is the final report's meeting,
    the final report's title and recommendations. Not the review's general question or the
    meeting's purpose: those name the whole review, not what this meeting decides.
    """
    if meeting is None:
        return ""
    try:
        mtg = cfg.meeting(meeting)
    except Exception:  # noqa: BLE001 - no such meeting (a test's review): no subject
        return ""
    parts = [mtg.pack_title or "", *(a.subject for a in getattr(mtg, "agenda_items", []))]
    final = getattr(cfg, "final_report", None)
    if final is not None and mtg.date is not None and final.meeting == mtg.date:
        parts += [final.title, *(r.text for r in final.recommendations)]
    return " ".join(" ".join(parts).lower().split())


def names(text: str, words: str) -> bool:
    """Whether ``text`` names ``words`` (whole words, any case; "supplement" also "supplements")."""
    pattern = r"\b" + r"\s+".join(re.escape(w) for w in words.lower().split()) + r"s?\b"
    return re.search(pattern, text) is not None


def subject_keys(keys: Iterable[str], subjects: Mapping[str, str], text: str) -> set[str]:
    """The figure keys whose subject words (``subjects``: key pattern -> words) ``text`` names."""
    out = set()
    for key in keys:
        for pattern, words in subjects.items():
            if fnmatch.fnmatchcase(key, pattern) and names(text, words):
                out.add(key)
    return out
