"""Where a committee report states each finding, and its implications.

A finding is stated in full once (a key finding, else in its chapter); elsewhere the report
refers to it by its place with what it is about (:func:`finding_places`,
:func:`described_places`). :func:`implications` writes the financial, equalities and risk
implications from the ranked findings, referring to them so. Split from
:mod:`pipelines.documents.report` (its size).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pipelines.documents import blocks
from pipelines.documents import chapters as chapters_text
from pipelines.documents.texts import BODY_WORDS, BodyWords

#: Column names (lower case, any part) that record a protected characteristic.
PROTECTED = ("gender", "sex", "ethnic", "disab", "age_band", "religion", "sexual", "date_of_birth")


def is_measurable(finding) -> bool:
    """Whether a ranked finding can be measured now (no ``pending`` reason).

    A finding whose target is not yet due, or that has no figure yet
    (:func:`pipelines.sections.findings.pending_reason`), is not measurable: it is never a
    key finding, and the report names it in a "Not yet measurable" line instead.
    """
    return getattr(finding, "pending", None) is None


def _protected_columns(frames: Mapping[str, object] | None) -> list[str]:
    """Columns of the tidy data that record a protected characteristic (by name)."""
    found = []
    for name, frame in (frames or {}).items():
        for column in getattr(frame, "columns", []):
            if any(p in str(column).lower() for p in PROTECTED):
                found.append(f"{name}.{column}")
    return found


def finding_places(
    found: Sequence, key: Sequence, numbers: Mapping[str, int], listed: Sequence = ()
) -> list[str]:
    """Where each of ``found`` is stated in full: "key finding 2", else "section 8".

    A key finding is stated in full in the key findings only (an unchanged one too, marked
    with the earlier report); any other finding in its chapter. A finding of ``listed`` that
    is not among ``key`` is cited at section 3. Returns the places in order without repeats
    (a finding without a chapter in this report is left out).
    """
    places = []
    for f in found:
        at = next((n for n, k in enumerate(key, start=1) if k is f), None)
        place = (
            f"key finding {at}"
            if at
            else "section 3"
            if any(f is k for k in listed)
            else (f"section {numbers[f.section]}" if f.section in numbers else None)
        )
        if place and place not in places:
            places.append(place)
    return places


def short_title(label: object) -> str:
    """A figure's label as the short title of a reference: plain words, no brackets.

    "Most common recorded reason for leaving (both services)" -> "most common recorded reason
    for leaving" (:func:`pipelines.documents.chapters.plain_title`), so the title can stand in
    the brackets of a reference ("key finding 2 (...)") without nesting and reads inside a
    sentence.
    """
    return chapters_text.plain_title(str(label or ""))


def finding_title(finding) -> str:
    """A finding's short title, as references elsewhere in a report name it.

    The short title (:func:`short_title`) of the label of the figure the finding is written
    from: "key finding 2 (most common recorded reason for leaving)". '' for a finding without
    a figure (a notebook's own list), which is cited by its place alone.
    """
    return short_title(getattr(getattr(finding, "figure", None), "label", ""))


def described_places(
    found: Sequence, key: Sequence, numbers: Mapping[str, int], listed: Sequence = ()
) -> str:
    """Where each of ``found`` is stated, each place with what its finding is about.

    "key finding 3 (Children's Social Care: share of starters who leave within two years) and
    section 9 (Children's Social Care: extra agency cost a year if current rates continue)":
    the places are :func:`finding_places`' (computed from the ranked list, never typed) and
    the words in brackets are the findings' short titles (:func:`finding_title`: plain words,
    no brackets inside the brackets), so a reader can see that a reference points to the
    finding it means. A finding without a figure is cited by its place alone.
    """
    labels: dict[str, list[str]] = {}
    for f in found:
        (place,) = finding_places([f], key, numbers, listed) or (None,)
        if place is None:
            continue
        about = finding_title(f)
        labels.setdefault(place, [])
        if about and about not in labels[place]:
            labels[place].append(about)
    return blocks.and_list([p + (f" ({'; '.join(a)})" if a else "") for p, a in labels.items()])


def _refer(places: Sequence[str]) -> str:
    """Places joined: "key findings 1 and 3 and section 8"."""
    keys = [p.removeprefix("key finding ") for p in places if p.startswith("key finding ")]
    others = [p.removeprefix("section ") for p in places if p.startswith("section ")]
    parts = []
    if keys:
        parts.append(
            ("key finding " if len(keys) == 1 else "key findings ") + blocks.and_list(keys)
        )
    if others:
        parts.append(("section " if len(others) == 1 else "sections ") + blocks.and_list(others))
    return " and ".join(parts)


#: The categories of ``config/findings.yml`` whose measures are the workforce's stability and
#: cost: people a year over a comparator (turnover, agency and vacancy rates), early leavers,
#: caseloads, and agency cost. A finding is a risk by the measure of its figure, never by the
#: words of its sentence (a recruitment campaign that mentions agency workers is not one).
RISK_CATEGORIES = ("people", "retention", "workload", "cost")


def is_risk(finding) -> bool:
    """Whether a ranked finding's measure is one of the workforce risks (:data:`RISK_CATEGORIES`).

    Read from the finding's ``category`` (the ranking rule's category of its figure's key);
    a finding without one (a notebook's own list) is not cited as a risk.
    """
    return getattr(finding, "category", None) in RISK_CATEGORIES


def implications(
    ranked: Sequence,
    frames: Mapping[str, object] | None,
    key: Sequence = (),
    numbers: Mapping[str, int] | None = None,
    body: BodyWords | None = None,
    listed: Sequence = (),
) -> list[tuple[str, str]]:
    """Financial, equalities and risk implications, each written from what the data show.

    Worded for ``body``, the body that meets (:data:`pipelines.documents.texts.BODY_WORDS`;
    the group when not given): "the Cabinet Member may wish to ask ...".

    Financial: the findings that state a sum of money (the agency premium, market supplements).
    Equalities: whether the exports record protected characteristics (by column name); when
    they do not, the report says it cannot tell. Risk: the findings whose figure measures agency
    reliance, turnover, early leaving, vacancies or caseloads (:func:`is_risk`, by the
    figure's category, not the sentence's words), not already cited as costs. A finding is stated in
    full once (a key finding, else in its chapter): the implications refer to it by its place
    with what it is about (:func:`described_places`) when the report has one; without
    ``numbers`` (no chapters) they quote it. In a later meeting's report (``listed``: its key
    findings unchanged since an earlier report, stated in full among ``key``), a finding
    whose chapter here is one line (not in ``numbers``) and that is not a key finding is left
    out, never quoted again.
    """
    numbers = numbers or {}
    body = body or BODY_WORDS["group"]
    ranked = [f for f in ranked if is_measurable(f)]  # a target not yet due is no implication

    if listed:  # a later meeting: only findings this report states or names
        ranked = [f for f in ranked if finding_places([f], key, numbers, listed)]

    def cite(chosen: list) -> str:
        places = finding_places(chosen, key, numbers, listed)
        return (
            described_places(chosen, key, numbers, listed)
            if places
            else " ".join(str(f.text) for f in chosen)
        )

    money = [f for f in ranked if "£" in f.text][:3]
    financial = (
        f"The costs the evidence shows are set out in {cite(money)}; {body.they} may wish to "
        "ask how the budget provides for them."
        if money and finding_places(money, key, numbers, listed)
        else " ".join(str(f.text) for f in money)
        if money
        else "The evidence in this report does not include costs, so it has no financial "
        "implications of its own."
    )
    protected = _protected_columns(frames)
    equalities = (
        "The exports record protected characteristics ("
        + ", ".join(protected[:6])
        + f"); {body.asks} may wish to ask how outcomes differ by them."
        if protected
        else "None of the exports records a protected characteristic (such as age, sex, "
        "ethnicity or disability), so this report cannot say whether leaving, pay or caseloads "
        f"differ between groups of staff. {body.asks} may wish to ask for this to be collected."
    )
    risky = [f for f in ranked if is_risk(f) and f not in money][:3]
    risk = (
        "The evidence points to risks to the stability and cost of the workforce"
        + (
            f": see {cite(risky)}."
            if finding_places(risky, key, numbers, listed)
            else ". " + " ".join(str(f.text) for f in risky)
        )
        if risky
        else "The evidence in this report does not point to a specific risk."
    )
    return [("Financial", financial), ("Equalities", equalities), ("Risk", risk)]
