"""Sentences of the recruitment section's key findings (``SectionSpec.finding_text``).

Read by :func:`pipelines.sections.findings.finding_text` through the section registry; moved
here from that module, so the section's words live in its own package.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipelines.core.figures import Figure, Kind, format_value, phrase_value
from pipelines.core.finding_words import Materiality, comparator_words, people

#: The caption's note when a campaign's target was set after the period its share counts.
LATE_TARGET = (
    " A share shown as – beside a target is not measured: the target was set after the period "
    "counted."
)
#: The caption's note when a campaign has no target (its target columns show –).
NO_TARGET = " A campaign with – as its target has no target set."


def dash_notes(late: bool, untargeted: bool) -> str:
    """The campaigns table's notes on its dashes, each only where rows it is true of are shown.

    ``late``: a row's share is not measured, its target set after the period counted;
    ``untargeted``: a row has no target, so its target, share, still-to-appoint and deadline
    cells are dashes. A row with no target is never said to have a target set late.
    """
    return NO_TARGET * bool(untargeted) + LATE_TARGET * bool(late)


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
    carried in the figure's notes), the period counted and its deadline; people still to
    appoint. A target set at or after the end of the period counted (the figure's ``as_at``;
    :func:`~pipelines.core.review_targets.target_measurable`) is not measured against that
    period: the sentence says so and when it will be measured, in one short sentence. One
    level of brackets at most.
    """
    from pipelines.core.review_targets import as_date, target_measurable

    if fig.key not in ("recruitment_appointments_against_target", "newly_qualified_intake"):
        return None
    due_day = as_date(fig.notes.get("due"))
    due = f"{due_day.day} {due_day:%B %Y}" if due_day else fig.notes.get("by")
    source = fig.notes.get("target_source") or target_source
    comp_words, comp_value, _ = comparator_words(fig, m, source)
    set_by = f"set by {source}" if source else ""
    if not target_measurable(fig.notes.get("target_set"), fig.as_at):
        # said once and short: the report's "Not yet measurable" line points here
        return (
            f"{fig.label}: {comp_words} of {comp_value}"
            + (f" ({set_by})" if set_by else "")
            + " was set after this period: it is measured after "
            + (f"{due}." if due else "its deadline.")
        )
    details = "; ".join(x for x in (set_by, fig.period, f"due by {due}" if due else "") if x)
    when = f" ({details})" if details else ""
    t = pol.threshold if pol is not None and getattr(pol, "public", False) else 0
    appointed, rest = round(float(fig.value or 0)), round(float(m.amount or 0))
    if t and 0 < rest < t:  # the target is printed: the appointed count would give the rest
        return (
            f"{fig.label}: most of {comp_words} of {comp_value} appointed{when}; "
            f"fewer than {t} still to appoint."
        )
    if t and 0 < appointed < t:  # and the rest would give the appointed count
        return (
            f"{fig.label}: fewer than {t} appointed against {comp_words} of "
            f"{comp_value}{when}: most still to appoint."
        )
    return (
        f"{fig.label}: {people(fig.value, pol)} appointed against {comp_words} of "
        f"{comp_value}{when}: {people(m.amount, pol)} still to appoint."
    )


def time_to_hire_sentence(fig: Figure, pol=None) -> str:
    """The chapter's sentence on the time to hire, from the figure ``recruitment_time_to_hire``.

    The median and quartiles of the starters' days from application to start, with how many
    started. Under a public policy a median of fewer starters than
    :func:`~pipelines.core.disclosure.smallest_statistic_group` is withheld by the rule that
    withholds it in the table (:func:`~pipelines.core.disclosure.figure_withheld`): the
    sentence gives only how many started and why no median is shown.
    """
    from pipelines.core.disclosure import figure_withheld, smallest_statistic_group

    started = phrase_value(fig.denominator, Kind.PEOPLE, pol)
    if figure_withheld(fig, pol):
        return (
            f"Time to hire: not shown for {started} starters, as a median or quartile is "
            f"published only for at least {smallest_statistic_group(pol.threshold)}."
        )
    return (
        f"Time to hire: half of those who started had applied "
        f"{format_value(fig.value, Kind.DAYS)} days or less before they started "
        f"(median; the middle half {fig.notes.get('quartiles', '')}), from {started} starters."
    )


def campaigns_sentence(fig: Figure, pol=None) -> str:
    """The chapter's sentence on the campaigns with a target.

    From the figure ``recruitment_appointments_against_target``: people appointed against the
    targets' sum, with each campaign's count, target and deadline (not in public: the counts
    are small).

    When the targets were set at or after the end of the period counted (the figure's
    ``target_set`` note and ``as_at``), the period is not measured against them: the sentence
    gives the appointments so far and when the targets fall due.
    """
    from pipelines.core.review_targets import as_date, target_measurable

    appointed = phrase_value(fig.value, Kind.PEOPLE, pol)
    total = format_value(fig.denominator, Kind.POSTS)
    public = pol is not None and getattr(pol, "public", False)
    if not target_measurable(fig.notes.get("target_set"), fig.as_at):
        due = as_date(fig.notes.get("due"))
        by = f", due by {due.day} {due:%B %Y}" if due else ""
        return (
            f"Campaigns with a target: {appointed} appointed so far; their targets, {total} in "
            f"all{by}, were set after the period counted, so it is not measured against them."
        )
    campaigns = "" if public else f": {fig.notes.get('campaigns', '')}"
    return (
        f"Campaigns with a target: {appointed} appointed against targets adding up to "
        f"{total}{campaigns}."
    )


def declines_sentence(table, pol) -> str:
    """The finding on offers declined and withdrawals, from the table as the audience sees it.

    ``table`` is the declines :class:`~pipelines.core.results.TidyTable` the page shows; under a
    public policy it is protected as the page protects it, so the sentence states only the
    figures the table prints: the totals, and each reason's count that is shown ("the 8 who
    withdrew for other reasons"); the rest are said to be marked [c]. A reason hidden only so
    that a small count cannot be worked out is never called too small.
    """
    from pipelines.core import disclosure
    from pipelines.core.presentation import tidy_options
    from pipelines.sections.recruitment.analysis import OTHER_REASONS
    from pipelines.sections.recruitment.funnel_tables import ALL_REASONS

    options = tidy_options(table)
    shown = table.labelled()
    if pol is not None and getattr(pol, "public", False):
        keep = ("kinds", "populations", "numerators", "denominators", "ranked_by")
        shown = disclosure.protect(shown, pol=pol, **{k: options[k] for k in keep if k in options})
        shown = shown.shown
    labels = table.labels
    reason, declined, withdrew = labels["reason"], labels["declined"], labels["withdrawn"]
    total_row = shown[shown[reason] == "Total"]
    body = shown[shown[reason] != "Total"]
    totals = total_row.iloc[0] if len(total_row) else None

    def count(value, what: str) -> str:
        if value is None or value == disclosure.SUPPRESSED:
            return f"some {what}"
        return f"{phrase_value(float(value), Kind.PEOPLE, pol)} {what}"

    said = (
        f"{count(None if totals is None else totals[declined], 'offers were declined')} and "
        f"{count(None if totals is None else totals[withdrew], 'applicants withdrew')}"
    )
    hidden = bool((body[[declined, withdrew]] == disclosure.SUPPRESSED).to_numpy().any())
    if not hidden:
        named = body[body[reason] != OTHER_REASONS]  # the merged small reasons are no reason
        if named[reason].tolist() == [ALL_REASONS]:  # reasons merged: one would tell them all
            return f"{said}; the reasons are given only in the exempt version."
        if not len(named):
            t = getattr(pol, "threshold", None)
            return f"{said}; no single reason was given by {t} or more people."
        return f"{said}; the commonest reason given was \u201c{named[reason].iloc[0]}\u201d."
    named = [
        f"the {format_value(float(v), Kind.PEOPLE)} who {who} for {str(r)[:1].lower()}{str(r)[1:]}"
        for r, row in zip(body[reason], body.to_dict("records"), strict=True)
        for column, who in ((declined, "declined"), (withdrew, "withdrew"))
        if (v := row[column]) != disclosure.SUPPRESSED and float(v) > 0
    ]
    if not named:
        return f"{said}; each reason's numbers are marked [c] in the table below."
    return (
        f"{said}; of the reasons, only {' and '.join(named)} can be published, the others are "
        "marked [c] in the table below."
    )
