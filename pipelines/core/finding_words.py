"""Words for key findings that every section's sentences share (no section named here).

A section writes the sentence of a finding on its own figures (``SectionSpec.finding_text``,
read from the registry by :func:`pipelines.sections.findings.finding_text`) with these
helpers, so counts of people are written under the run's disclosure policy one way everywhere.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pipelines.core.figures import Figure, Kind, format_value, phrase_share, phrase_value

#: Comparator name -> how a sentence names it (a target is followed by its source).
COMPARATOR_WORDS = {
    "target": "the target",
    "england": "England",
    "neighbour_median": "the statistical neighbours' median",
    "region": "the region",
    "previous": "the year before",
}


@dataclass(frozen=True)
class Materiality:
    """How far a figure is from its comparator, adverse direction only.

    ``amount`` in ``unit`` (people, people a year, FTE, pounds a year...); ``people`` the same
    in people (pounds divided by the pounds per person of the ranking rule); ``comparator``
    names what the figure is measured against, ``comparator_value`` its value in the
    figure's unit (see :func:`pipelines.sections.findings.materiality`).
    """

    amount: float
    unit: str
    people: float
    comparator: str | None
    comparator_value: float | None


def reason_counts(fig: Figure) -> dict[str, int]:
    """The ``reason=count`` pairs of a leaving-reasons figure's ``notes["reasons"]``."""
    out: dict[str, int] = {}
    for part in str(fig.notes.get("reasons", "")).split("|"):
        if "=" in part:
            reason, n = part.rsplit("=", 1)
            out[reason] = int(float(n))
    return out


def people(n: float, pol) -> str:
    """A count of people, rounded to a whole person, as the policy lets it be written."""
    return phrase_value(round(float(n)), Kind.PEOPLE, pol)


def when(period: str) -> str:
    """A period for the middle of a sentence ("At 30 July 2016" -> "at 30 July 2016")."""
    return "at" + period[2:] if period.startswith("At ") else period


def service(fig: Figure) -> str:
    """The service a figure's label starts with ("Children's Social Care: ..."), else its label."""
    return fig.label.split(":", 1)[0] if ":" in fig.label else fig.label


def share(fig: Figure, pol, noun: str) -> str:
    """A share of people with its counts, written so that no small count can be worked out."""
    part, whole = float(fig.numerator or 0), float(fig.denominator or 0)
    counts = phrase_share(part, whole, noun, pol)
    t = getattr(pol, "threshold", 0) if pol is not None and getattr(pol, "public", False) else 0
    if t and (0 < part < t or 0 < whole - part < t):
        return counts  # the percentage would reveal the small count
    return f"{format_value(fig.value, fig.kind)} ({counts})"


def comparator_words(fig: Figure, m: Materiality, target_source: str | None = None):
    """``(words, value, source)``: the comparator in words and its value as printed.

    ``source`` is " (set by <source>)" when the comparator is a target with a source, else "".
    """
    words = COMPARATOR_WORDS.get(m.comparator or "", m.comparator)
    value = format_value(m.comparator_value, fig.kind) if m.comparator_value is not None else None
    tsrc = f" (set by {target_source})" if m.comparator == "target" and target_source else ""
    return words, value, tsrc


_PERIOD = re.compile(r"(\d{1,2} [A-Z][a-z]+ \d{4}) to (\d{1,2} [A-Z][a-z]+ \d{4})")


def period_dates(period: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day of a period written "1 October 2016 to 30 September 2017"."""
    found = _PERIOD.search(str(period or ""))
    if not found:
        return None
    try:
        return tuple(dt.datetime.strptime(d, "%d %B %Y").date() for d in found.groups())  # type: ignore[return-value]
    except ValueError:
        return None


def is_a_year(period: str) -> bool:
    """Whether a period written "1 October 2016 to 30 September 2017" is one year exactly."""
    dates = period_dates(period)
    if dates is None:
        return False
    start, end = dates
    try:
        after = start.replace(year=start.year + 1)
    except ValueError:  # 29 February
        after = start.replace(year=start.year + 1, day=28) + dt.timedelta(days=1)
    return end + dt.timedelta(days=1) == after


def leavers_when(period: str) -> str:
    """Which leavers a share is of, by its true period (never "the year's" unless a year).

    "in the year 1 October 2016 to 30 September 2017" for a year; "between 1 October 2016 and
    28 February 2018" for a period of another length; "in the period" without one.
    """
    dates = period_dates(period)
    if dates is None:
        return "in the period"
    if is_a_year(period):
        return f"in the year {_PERIOD.search(period).group(0)}"
    first, last = _PERIOD.search(period).groups()
    return f"between {first} and {last}"
