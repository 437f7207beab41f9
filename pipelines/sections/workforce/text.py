"""Sentences of the workforce section's key findings (``SectionSpec.finding_text``).

Read by :func:`pipelines.sections.findings.finding_text` through the section registry; moved
here from that module, so the section's words live in its own package.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipelines.core.figures import Figure, Kind, format_value
from pipelines.core.finding_words import Materiality, comparator_words, people, when


def finding_text(
    fig: Figure,
    m: Materiality,
    pol=None,
    *,
    others: Sequence[Figure] = (),
    influenceable: Sequence[str] = (),
    target_source: str | None = None,
) -> str | None:
    """The sentence of a finding on a workforce figure; None for a figure it has no words for.

    The agency premium (pounds a year more than permanent staff in the same posts, with its
    price base and assumptions; its agency FTE, in practitioner posts, set against the agency
    FTE in all posts of the agency rates, so the two counts are not read as one) and the
    children's average caseload against its target.
    """
    comp_words, _, tsrc = comparator_words(fig, m, target_source)
    if fig.key == "agency_premium":
        from pipelines.sections.workforce.analysis import money_about

        # The rate and price base only: where the rate comes from and the hours and weeks
        # are under the section's table and in the report's notes, not in the key finding.
        basis = "; ".join(
            v
            for v in (
                fig.notes.get("rate_short") or fig.notes.get("assumptions"),
                fig.notes.get("price_base"),
            )
            if v
        )
        in_post = [
            o.numerator
            for o in others
            if o.key.startswith("agency_rate_") and o.section == fig.section and o.numerator
        ]
        whole = (
            f" of the {format_value(sum(in_post), Kind.FTE)} of agency staff in all posts, "
            "managers and other posts included"
            if in_post and round(sum(in_post), 1) != round(float(fig.numerator or 0), 1)
            else ""
        )
        return (
            f"Agency workers in practitioner posts ({format_value(fig.numerator, Kind.FTE)}"
            f"{whole}) cost about {money_about(abs(fig.value))} a year "
            f"{'more' if fig.value >= 0 else 'less'} than permanent staff in the same "
            f"posts would ({when(fig.period)}"
            f"{'; ' + basis if basis else ''})."
        )
    if fig.key == "supplement_spend":
        from pipelines.sections.workforce.analysis import money, money_about

        n, fte = fig.notes, format_value(fig.numerator, Kind.FTE)
        paid = (
            f"{fte} of permanent staff, {n['post']}, are paid {money(float(n['each']))} a year "
            "for a full-time post"
            if n.get("post") and n.get("each")
            else f"paid to {fte} of permanent staff under {n.get('entries')} entries of the "
            "register"
        )
        return (
            f"The market supplements cost about {money_about(fig.value)} a year "
            f"{when(fig.period)}: {paid}."
        )
    if fig.key.startswith("average_caseload_"):
        return (
            f"Children's social workers held {format_value(fig.value, fig.kind)} cases each on "
            f"average ({when(fig.period)}; "
            f"{format_value(fig.numerator, Kind.CASES)} cases, "
            f"{people(fig.denominator, pol)} case-holding workers), above {comp_words} of under "
            f"{m.comparator_value:g}{tsrc}: about {m.amount:.1f} workers' worth of cases over it."
        )
    return None
