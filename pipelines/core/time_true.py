"""A meeting's papers cite only documents dated by the meeting (issue 22, point 2).

A dataset's ``source`` names the document its figures were published in, which may come after
a meeting that used them: the pay rates of a report to the Cabinet Member of 16 April 2018 were
the officers' data at the Board's meeting of 27 March 2018. :func:`source_at` gives a source as
a meeting's papers cite it: a part in brackets naming a document dated after the meeting is
left out, and the source is said to be the officers' data, not yet published. :func:`at_meeting`
applies it to every dataset's source and to each ``*_source`` parameter of the meeting's
sections, so the notes under tables, the background papers, the exempt appendix and the annex
all cite the same words. Dates are read as :func:`text_date` reads them, the one reading the
background papers use too.
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
#: A date written out: "16 April 2018".
DATE = re.compile(rf"\b(?P<d>\d{{1,2}})\s+(?P<m>{MONTHS})\s+(?P<y>\d{{4}})\b", re.IGNORECASE)
_BRACKETS = re.compile(r"\s*\(([^()]*)\)")
#: What a source dated after the meeting reads as, after its own words.
NOT_YET_PUBLISHED = "the officers' data, not yet published at this meeting"


def dates(text: str) -> list[dt.date]:
    """Every date written out in ``text``, in order."""
    return [
        dt.datetime.strptime(f"{m['d']} {m['m'].title()} {m['y']}", "%d %B %Y").date()
        for m in DATE.finditer(str(text))
    ]


def text_date(text: str) -> dt.date | None:
    """The first date written out in ``text`` ("21 September 2016"), or None."""
    found = dates(text)
    return found[0] if found else None


def source_at(source: str, meeting: dt.date | None) -> str:
    """``source`` as the papers of the meeting held on ``meeting`` may cite it.

    "HR pay rates for costing, 2017/18 (Appendix 3 to the report to the Cabinet Member, 16
    April 2018)" at a meeting of 27 March 2018 reads "HR pay rates for costing, 2017/18: the
    officers' data, not yet published at this meeting". A source whose brackets name no date
    after the meeting is unchanged, as is every source when the meeting has no date. A date
    outside brackets is the data's own (a snapshot's day, a period), never a later document.
    """
    text = str(source)
    if meeting is None:
        return text
    later = [m for m in _BRACKETS.finditer(text) if any(d > meeting for d in dates(m.group(1)))]
    if not later:
        return text
    for m in reversed(later):
        text = text[: m.start()] + text[m.end() :]
    return f"{text.strip().rstrip('.,;:')}: {NOT_YET_PUBLISHED}"


def at_meeting(review, meeting: dt.date | None):
    """``review`` with its sources as the papers of the meeting on ``meeting`` cite them.

    Each dataset's ``source`` and each ``*_source`` text parameter of that meeting's sections
    through :func:`source_at`; itself when nothing changes (no date, or no later document).
    """
    if meeting is None:
        return review
    datasets = {
        key: ds
        if source_at(ds.source, meeting) == ds.source
        else ds.model_copy(update={"source": source_at(ds.source, meeting)})
        for key, ds in review.datasets.items()
    }
    meetings = [
        m
        if m.date != meeting
        else m.model_copy(
            update={
                "sections": [
                    s.model_copy(
                        update={
                            "parameters": {
                                k: source_at(v, meeting)
                                if k.endswith("_source") and isinstance(v, str)
                                else v
                                for k, v in s.parameters.items()
                            }
                        }
                    )
                    for s in m.sections
                ]
            }
        )
        for m in review.meetings
    ]
    if all(datasets[k] is review.datasets[k] for k in datasets) and all(
        a.sections == b.sections for a, b in zip(meetings, review.meetings, strict=True)
    ):
        return review
    changed = review.model_copy(update={"datasets": datasets, "meetings": meetings})
    changed._configured = review.as_configured()
    return changed
