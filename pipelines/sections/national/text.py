"""Sentences of the national comparison's key findings (``SectionSpec.finding_text``).

Read by :func:`pipelines.sections.findings.finding_text` through the section registry; moved
here from that module, so the section's words live in its own package.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipelines.core.figures import Figure, Kind, format_value
from pipelines.core.finding_words import Materiality, comparator_words


def finding_text(
    fig: Figure,
    m: Materiality,
    pol=None,
    *,
    others: Sequence[Figure] = (),
    influenceable: Sequence[str] = (),
    target_source: str | None = None,
) -> str | None:
    """The sentence of a finding on a DfE figure ("<LA>: <measure> (DfE ...)" labels).

    The council's figure at its date against the comparator, with the DfE release date (and
    a note when it was published after the meeting); None for a label without the council.
    """
    if ":" not in fig.label:
        return None
    comp_words, comp_value, _ = comparator_words(fig, m, target_source)
    la, rest = fig.label.split(":", 1)
    measure = rest.split(" (DfE")[0].strip()
    when = f"at {fig.as_at:%-d %B %Y}" if fig.as_at else fig.period
    published = f", published {fig.published:%-d %B %Y}" if fig.published else ""
    if fig.notes.get("later_data"):
        published += ", after this meeting: the review chose to show later data"
    unit = "" if fig.kind is Kind.CASES_PER_WORKER else f" {m.unit}"
    # the base the distance is counted on, named: the DfE's own FTE for the authority
    base = (
        f" (of the DfE's {fig.denominator:,.1f} FTE)"
        if fig.denominator and fig.kind is not Kind.CASES_PER_WORKER
        else ""
    )
    return (
        f"{la}'s children's social workers, {measure}: {format_value(fig.value, fig.kind)} "
        f"{when} against {comp_words}'s {comp_value} (DfE{published}): about "
        f"{m.amount:.0f}{unit}{base} more than at {comp_words}'s rate."
    )
