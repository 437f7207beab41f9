"""Sentences of the leavers section's key findings (``SectionSpec.finding_text``).

Read by :func:`pipelines.sections.findings.finding_text` through the section registry; moved
here from that module, so the section's words live in its own package.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipelines.core.figures import Figure, Kind, format_value, phrase_share
from pipelines.core.finding_words import (
    Materiality,
    comparator_words,
    is_a_year,
    leavers_when,
    people,
    period_dates,
    reason_counts,
    service,
    share,
    when,
)

#: The key stem of the retention section's starters' chance of leaving within two years (per
#: service): a figure that states the difference from the share of leavers itself.
STARTERS_CHANCE = "retention_leave_within_two_years_"


def finding_text(
    fig: Figure,
    m: Materiality,
    pol=None,
    *,
    others: Sequence[Figure] = (),
    influenceable: Sequence[str] = (),
    target_source: str | None = None,
) -> str | None:
    """The sentence of a finding on a leavers figure; None for a figure it has no words for.

    Turnover (leavers a year over what the target allows), short-service leavers (with the
    other service's share beside; said to be a share of leavers of its period, not of starters,
    so it is not read as the retention chapter's chance of a starter leaving, unless ``others``
    hold that chance for the service, whose sentence says it once), leaving reasons
    the council can act on, and the exit interview forms returned. Counts of people are written
    under ``pol``; under a public policy the reasons named are those whose count the chapter's
    table shows (a hidden count named as the third most common, beside the table's total and
    the two shown, is narrowed to one or two values).
    """
    comp_words, comp_value, tsrc = comparator_words(fig, m, target_source)
    key = fig.key
    if key.startswith("turnover_"):
        return (
            f"{service(fig)}: {people(fig.numerator, pol)} qualified staff left in the year "
            f"{fig.period}, a turnover of {format_value(fig.value, fig.kind)} of "
            f"{format_value(fig.denominator, Kind.POSTS)} qualified posts against "
            f"{comp_words} of {comp_value}{tsrc}: about {people(m.amount, pol)} more leavers "
            "a year than the target allows."
        )
    if key.startswith("short_service_"):
        other = next(
            (o for o in others if o.key.startswith("short_service_") and o.key != key), None
        )
        within = fig.row.replace("Less than ", "").lower() if fig.row else "two years"
        words = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
        within = re.sub(r"^([1-9]) ", lambda hit: f"{words[int(hit.group(1)) - 1]} ", within)
        # whom the share is of, by its true period: "the year's" only when it is a year
        if is_a_year(fig.period):
            whom, after = "the year's leavers", f" ({fig.period})"
        elif period_dates(fig.period) is not None:
            whom, after = f"leavers {leavers_when(fig.period)}", ""
        else:
            whom, after = "leavers", f" ({fig.period})" if fig.period else ""
        text = (
            f"{service(fig)}: of {whom}, {share(fig, pol, 'leavers')} had served "
            f"under {within}{after}"
        )
        if other is not None and other.value is not None:
            text += f"; in {service(other)} the share was {share(other, pol, 'leavers')}"
        # The two measures are told apart once: where the meeting has the starters' chance for
        # the same service, its sentence states the difference (quoting this share).
        suffix = key.removeprefix("short_service_")
        starters = f"{STARTERS_CHANCE}{suffix}"
        if any(o.key == starters and o.value is not None for o in others):
            return text + "."
        return (
            text + f". This is a share of leavers, not the share of starters who leave within "
            f"{within}: it rises and falls with how many were recruited."
        )
    if key.startswith("leaving_reasons"):
        counts = reason_counts(fig)
        influence = {r: n for r, n in counts.items() if n and r in set(influenceable)}
        if pol is not None and pol.public:  # a hidden count named in its rank is narrowed
            influence = {r: n for r, n in influence.items() if n >= pol.threshold}
        top = sorted(influence.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
        named = [f"\u201c{r}\u201d ({people(n, pol)})" for r, n in top]
        listed = ", ".join(named[:-1]) + " and " + named[-1] if len(named) > 1 else "".join(named)
        who = phrase_share(m.amount, float(fig.denominator or 0), "leavers", pol)
        # The period leads; where the reasons come from is the source note's (the report's
        # numbered sources), never a clause inside the finding.
        most = f"; the most common were {listed}" if len(named) > 1 else f", most often {listed}"
        return (
            f"Why staff leave, {when(fig.period)}: {who} gave a reason for leaving that the "
            "council's pay, career, management or working conditions can act on"
            f"{most if named else ''}."
        )
    if key == "exit_return_rate":
        missing = float((fig.denominator or 0) - (fig.numerator or 0))
        return (
            f"Gap in the evidence: {share(fig, pol, 'leavers')} returned an exit interview "
            f"form, against {comp_words} of {comp_value}{tsrc}; the reasons of the other "
            f"{people(missing, pol)} leavers are known only from the HR system's single code "
            f"({fig.period})."
        )
    return None
