"""Sentences of the recruitment section's key findings (``SectionSpec.finding_text``).

Read by :func:`pipelines.sections.findings.finding_text` through the section registry; moved
here from that module, so the section's words live in its own package.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipelines.core.figures import Figure
from pipelines.core.finding_words import Materiality, comparator_words, people


def finding_text(
    fig: Figure,
    m: Materiality,
    pol=None,
    *,
    others: Sequence[Figure] = (),
    influenceable: Sequence[str] = (),
    target_source: str | None = None,
) -> str | None:
    """The sentence of a finding on appointments against their target; None for other figures.

    People appointed against the target, with the target's source (the campaigns' or plan's,
    carried in the figure's notes) and its deadline; people still to appoint.
    """
    if fig.key not in ("recruitment_appointments_against_target", "newly_qualified_intake"):
        return None
    due = fig.notes.get("by") or fig.notes.get("deadlines")
    source = fig.notes.get("target_source") or target_source
    comp_words, comp_value, tsrc = comparator_words(fig, m, source)
    when_due = f"({fig.period}{'; due by ' + due if due else ''})"
    t = pol.threshold if pol is not None and getattr(pol, "public", False) else 0
    appointed, rest = round(float(fig.value or 0)), round(float(m.amount or 0))
    if t and 0 < rest < t:  # the target is printed: the appointed count would give the rest
        return (
            f"{fig.label}: most of {comp_words} of {comp_value}{tsrc} appointed {when_due}; "
            f"fewer than {t} still to appoint."
        )
    if t and 0 < appointed < t:  # and the rest would give the appointed count
        return (
            f"{fig.label}: fewer than {t} appointed against {comp_words} of "
            f"{comp_value}{tsrc} {when_due}: most still to appoint."
        )
    return (
        f"{fig.label}: {people(fig.value, pol)} appointed against {comp_words} of "
        f"{comp_value}{tsrc} {when_due}: {people(m.amount, pol)} still to appoint."
    )
