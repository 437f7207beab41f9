"""Words for key findings that every section's sentences share (no section named here).

A section writes the sentence of a finding on its own figures (``SectionSpec.finding_text``,
read from the registry by :func:`pipelines.sections.findings.finding_text`) with these
helpers, so counts of people are written under the run's disclosure policy one way everywhere.
"""

from __future__ import annotations

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
