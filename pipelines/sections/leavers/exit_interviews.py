"""Exit interviews: forms returned, where leavers went and how they rated their employment.

Pure functions over the tidy ``leavers``, ``exit_interviews`` (one form per leaver) and
``exit_ratings`` (one row per form and aspect rated) tables written by
:mod:`pipelines.core.cleaning`: return rates, forms by service and profession, the new employers
(coded, personal data redacted), yes-no answers and the ratings of each aspect of employment.
Tidy functions return tidy column names; their member-facing twins return labelled tables ready
for :func:`pipelines.core.presentation.show`. Turnover, roles, length of service and the
reasons recorded on the HR system are in :mod:`pipelines.sections.leavers.analysis`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from pipelines.core import personal_data
from pipelines.sections.leavers.analysis import with_total

#: The ratings an exit form gives each aspect of employment, best first.
RATINGS = ["Excellent", "Good", "Average", "Poor"]


def return_rates(leavers: pd.DataFrame, forms: pd.DataFrame) -> pd.DataFrame:
    """Exit interview forms returned per service, tidy: one row per service, no total.

    Returns
    -------
    pandas.DataFrame
        Columns ``service``, ``leavers`` (headcount in the period), ``forms_returned`` (forms,
        one per leaver) and ``return_rate_percent`` (forms / leavers × 100; NaN for no
        leavers); services in order of first appearance among the leavers, then the forms.

    """
    services = list(dict.fromkeys([*leavers["service"], *forms["service"]]))
    rows = []
    for s in services:
        n_l = int((leavers["service"] == s).sum())
        n_f = int((forms["service"] == s).sum())
        rows.append({"service": s, "leavers": n_l, "forms_returned": n_f})
    table = pd.DataFrame(rows, columns=["service", "leavers", "forms_returned"])
    table["return_rate_percent"] = [
        100.0 * f / n if n else float("nan")
        for f, n in zip(table["forms_returned"], table["leavers"], strict=True)
    ]
    return table


def exit_return_rate(leavers: pd.DataFrame, forms: pd.DataFrame) -> pd.DataFrame:
    """Exit interview forms returned per service as a percentage of leavers (headcount).

    The member-facing table of :func:`return_rates`, with a Total row (rate from the totals).
    """
    tidy = return_rates(leavers, forms)
    table = with_total(
        tidy[["service", "leavers", "forms_returned"]].rename(
            columns={"service": "Service", "leavers": "Leavers", "forms_returned": "Forms returned"}
        )
    )
    table["Return rate (%)"] = [
        100.0 * f / n if n else float("nan")
        for f, n in zip(table["Forms returned"], table["Leavers"], strict=True)
    ]
    return table


#: Cells of :func:`exit_return_rate` (service or "Total", column) -> the key of the review's
#: published figure that gives them (``published_figures`` in the review config): where the
#: council published the figure with the value the data give, the public pack shows it.
PUBLISHED_FORMS_AND_LEAVERS = {
    ("Total", "Forms returned"): "exit_forms_returned",
    ("Children's Social Care", "Forms returned"): "childrens_exit_forms",
    ("Total", "Leavers"): "all_leavers",
    ("Children's Social Care", "Leavers"): "childrens_leavers",
}


def form_counts(forms: pd.DataFrame) -> pd.DataFrame:
    """Exit interview forms by service and profession, tidy: one row per pair, no total.

    Returns
    -------
    pandas.DataFrame
        Columns ``service``, ``profession`` and ``forms`` (forms returned, one per leaver),
        sorted by service then profession.

    """
    return forms.groupby(["service", "profession"]).size().rename("forms").reset_index()


#: The profession of a row that joins a service's professions (public variant).
ALL_PROFESSIONS = "All professions"


def forms_by_service_and_profession(forms: pd.DataFrame, threshold: int = 0) -> pd.DataFrame:
    """Exit interview forms by service and profession, with total (see :func:`form_counts`).

    With ``threshold`` > 0 (the public variant), a service with any profession returning from 1
    to ``threshold`` − 1 forms is shown as one row, profession :data:`ALL_PROFESSIONS`: its
    forms are published by service already (the return-rate table), and splitting a small
    number of forms by profession would give each part away.
    """
    counts = form_counts(forms)
    if threshold > 0:
        small = counts[(counts["forms"] > 0) & (counts["forms"] < threshold)]["service"]
        joined = counts["service"].isin(set(small))
        merged = counts[joined].groupby("service", sort=False)["forms"].sum().reset_index()
        merged.insert(1, "profession", ALL_PROFESSIONS)
        counts = pd.concat([counts[~joined], merged], ignore_index=True)
        counts = counts.sort_values(["service", "profession"], ignore_index=True)
    return with_total(
        counts.rename(columns={"service": "Service", "profession": "Profession", "forms": "Forms"})
    )


#: Coded categories of the new employer written on an exit form, in the order they are tried:
#: the first whose words appear in the employer (whole words, any case) is the category.
EMPLOYER_CATEGORIES: dict[str, tuple[str, ...]] = {
    "Education": ("college", "university", "school", "academy"),
    "NHS or health": ("nhs", "trust", "hospital", "ccg", "health"),
    "Agency": (
        "agency", "agencies", "locum", "recruitment", "staffing", "hays", "sanctuary",
        "reed", "randstad", "pertemps", "guidant",
    ),
    "Another council": (
        "council", "cc", "mbc", "bc", "dc", "borough", "county", "city of", "london borough",
        "beds", "herts", "bucks", "cambs", "northants", "oxon", "bedfordshire",
        "hertfordshire", "buckinghamshire", "cambridgeshire", "northamptonshire",
        "oxfordshire", "essex", "kent", "surrey", "suffolk", "norfolk",
    ),
    "Private sector": ("ltd", "limited", "plc", "llp", "private", "independent", "care home"),
}  # fmt: skip


#: Category of an employer that fits none of :data:`EMPLOYER_CATEGORIES` (or holds a name).
OTHER_EMPLOYER = "Other"


_EMPLOYER_RULES = [
    (cat, re.compile(r"(?<![\w])(?:" + "|".join(map(re.escape, words)) + r")(?![\w])", re.I))
    for cat, words in EMPLOYER_CATEGORIES.items()
]


def employer_category(employer: object) -> str | None:
    """The coded category of a new employer as written on an exit form (None when blank).

    A value holding personal data (a name, phone number ...; :mod:`pipelines.core.personal_data`)
    is "Other", whatever words it also has; otherwise the first category of
    :data:`EMPLOYER_CATEGORIES` whose words it contains, else "Other".
    """
    if not isinstance(employer, str) or not employer.strip():
        return None
    if personal_data.find(employer):
        return OTHER_EMPLOYER
    return next((cat for cat, rule in _EMPLOYER_RULES if rule.search(employer)), OTHER_EMPLOYER)


def destinations(forms: pd.DataFrame, *, coded: bool = False) -> pd.DataFrame:
    """Where leavers went: the new employers named on exit forms.

    Parameters
    ----------
    forms : pandas.DataFrame
        Clean exit forms (``new_employer``, ``reasons_given``, ``form_id``).
    coded : bool
        True for the public pack (and the scorecard): leavers per coded category
        (:func:`employer_category`) only, columns ``Destination`` and ``Leavers``, because the
        employer is written by hand and can name a person. False (exempt pack): one row per
        employer as written, with personal data redacted, its category, the number of leavers
        and the reasons they gave (redacted).

    """
    moved = forms[forms["new_employer"].notna()].copy()
    moved["_category"] = moved["new_employer"].map(employer_category)
    if coded:
        table = (
            moved.groupby("_category").size().rename("Leavers").reset_index()
            .rename(columns={"_category": "Destination"})
            .sort_values(["Leavers", "Destination"], ascending=[False, True])
        )  # fmt: skip
        return table.reset_index(drop=True)
    moved["new_employer"] = moved["new_employer"].map(
        lambda v: personal_data.redact(v) if isinstance(v, str) else v
    )
    reasons = moved["reasons_given"].map(
        lambda v: personal_data.redact(v) if isinstance(v, str) else v
    )
    moved["reasons_given"] = reasons
    table = (
        moved.groupby(["new_employer", "_category"], sort=False)
        .agg(
            Leavers=("form_id", "size"),
            Reasons=("reasons_given", lambda r: "; ".join(x for x in r if x)),
        )
        .reset_index()
        .rename(
            columns={
                "new_employer": "New employer",
                "_category": "Destination",
                "Reasons": "Reasons given",
            }
        )
        .sort_values(["Leavers", "New employer"], ascending=[False, True])
    )
    return table.reset_index(drop=True)


#: The answers to a yes-no question on the exit form, in table order.
ANSWERS = ("Yes", "No", "Not answered")


def answer_counts(forms: pd.DataFrame, column: str) -> pd.DataFrame:
    """Answers to a yes-no question on the exit form, tidy: one row per answer.

    Returns
    -------
    pandas.DataFrame
        Columns ``answer`` (one of :data:`ANSWERS`; "Not answered" is a missing value in
        ``column``) and ``forms`` (forms giving that answer, one per leaver).

    """
    s = forms[column]
    return pd.DataFrame(
        {
            "answer": list(ANSWERS),
            "forms": [
                int((s == True).sum()),  # noqa: E712
                int((s == False).sum()),  # noqa: E712
                int(s.isna().sum()),
            ],
        }
    )


def answers(forms: pd.DataFrame, column: str, question: str) -> pd.DataFrame:
    """Yes / No / not answered counts for a yes-no question on the exit form.

    The member-facing table of :func:`answer_counts`: columns "Answer" and ``question``.
    """
    return answer_counts(forms, column).rename(columns={"answer": "Answer", "forms": question})


def aspect_counts(ratings: pd.DataFrame, aspects: Sequence[str] = ()) -> pd.DataFrame:
    """Ratings per aspect of employment, tidy: counts of each rating and the share good or better.

    Returns
    -------
    pandas.DataFrame
        Columns ``aspect``, ``excellent``, ``good``, ``average``, ``poor`` (forms giving each
        rating), ``answered`` (forms rating the aspect) and ``good_or_excellent_percent``
        ((excellent + good) / answered × 100); ordered from the lowest share good or excellent
        (most concern) to the highest, more poor ratings first among ties.

    """
    counts = (
        ratings.groupby(["aspect", "rating"])
        .size()
        .unstack(fill_value=0)
        .reindex(columns=RATINGS, fill_value=0)
    )
    if aspects:
        counts = counts.reindex([a for a in aspects if a in counts.index], fill_value=0)
    counts["Answered"] = counts[RATINGS].sum(axis=1)
    counts["Good or excellent (%)"] = (
        100.0 * (counts["Excellent"] + counts["Good"]) / counts["Answered"]
    )
    table = counts.reset_index()
    table.columns.name = None
    table = table.sort_values(
        ["Good or excellent (%)", "Poor"], ascending=[True, False], kind="stable"
    ).reset_index(drop=True)
    return table.rename(columns={v: k for k, v in ASPECT_LABELS.items()})


#: Tidy aspect-rating columns -> the labels of the member-facing table.
ASPECT_LABELS = {
    "aspect": "Aspect of employment",
    "excellent": "Excellent",
    "good": "Good",
    "average": "Average",
    "poor": "Poor",
    "answered": "Answered",
    "good_or_excellent_percent": "Good or excellent (%)",
}


#: The column of :func:`aspect_ratings` giving each aspect's forms: the ratings table is
#: protected with it (a reader who knows the forms returned comes close to knowing it) but
#: does not print it (12 beside 13 would tell which aspects a leaver left unrated).
ANSWERED = ASPECT_LABELS["answered"]


def forms_rated_note(forms_returned: float) -> str:
    """The note under the ratings: how many forms the ratings are from, said once."""
    return (
        f"The ratings are from the {forms_returned:,.0f} exit interview forms returned; a "
        "leaver could leave an aspect unrated."
    )


def aspect_ratings(ratings: pd.DataFrame, aspects: Sequence[str] = ()) -> pd.DataFrame:
    """Ratings per aspect of employment: counts of each rating and the share good or excellent.

    "Good or excellent (%)" = (Excellent + Good) / forms answering that aspect × 100. Aspects are
    ordered from the lowest share good or excellent (most concern) to the highest
    (:func:`aspect_counts` with member-facing labels).
    """
    return aspect_counts(ratings, aspects).rename(columns=ASPECT_LABELS)


def poor_rated_aspects(ratings: pd.DataFrame) -> pd.DataFrame:
    """Each leaver (form) who rated anything poor, tidy: one row per form.

    Returns
    -------
    pandas.DataFrame
        Columns ``form_id``, ``service`` and ``aspects_rated_poor`` (the aspects rated poor on
        that form, in form order, joined by ", "); forms in order of first appearance.

    """
    poor = ratings[ratings["rating"] == "Poor"]
    return (
        poor.groupby(["form_id", "service"], sort=False)["aspect"]
        .agg(lambda a: ", ".join(a))
        .reset_index()
        .rename(columns={"aspect": "aspects_rated_poor"})
    )


def poor_ratings(ratings: pd.DataFrame) -> pd.DataFrame:
    """Each leaver (form) who rated anything poor, with the aspects rated poor in form order.

    The member-facing table of :func:`poor_rated_aspects`.
    """
    return poor_rated_aspects(ratings).rename(
        columns={
            "form_id": "Form",
            "service": "Service",
            "aspects_rated_poor": "Aspects rated poor",
        }
    )


def share_good_or_excellent(ratings: pd.DataFrame) -> float:
    """Percentage of all ratings given that were Excellent or Good."""
    if ratings.empty:
        return float("nan")
    return 100.0 * ratings["rating"].isin(["Excellent", "Good"]).mean()


def _overall(good: float, answered: float) -> str:
    """Whether most, half or fewer than half of the ratings were good or excellent."""
    if good * 2 > answered:
        return "Most ratings were good or excellent"
    if good * 2 == answered:
        return "Half the ratings were good or excellent"
    return "Fewer than half the ratings were good or excellent"


#: The public ratings chart's title when no aspect's share is published.
NO_SHARE_SHOWN = (
    "How leavers rated each aspect of employment; no share can be shown, as the groups are small"
)


#: The share column of :func:`aspect_ratings`.
SHARE = ASPECT_LABELS["good_or_excellent_percent"]
#: Why the public chapter draws no ratings chart when no aspect's share can be shown: a chart
#: of hidden shares shows nothing (reader14: a chart titled "no share can be shown").
NOT_CHARTED = (
    "No chart of the ratings is drawn: each aspect was rated by too few leavers for its share "
    "of good or excellent ratings to be shown."
)


def shares_shown(shown: pd.DataFrame) -> list[int]:
    """Rows of the ratings table, as a run shows it, whose share of good or excellent is shown.

    ``shown`` is :func:`aspect_ratings` as the run publishes it (``page.protect``: "[c]" where
    hidden); every row under an exempt policy.
    """
    return [i for i in range(len(shown)) if str(shown[SHARE].iloc[i]).strip() not in ("[c]", "")]


def not_charted_table(aspects: pd.DataFrame) -> pd.DataFrame:
    """The ratings as a table where no share can be shown: counts only, aspects by name.

    Without the share column (every share hidden) and ordered by aspect, since the order by
    share would rank the hidden shares.
    """
    label = ASPECT_LABELS["aspect"]
    table = aspects.drop(columns=[SHARE]).sort_values(label, key=lambda s: s.str.casefold())
    return table.reset_index(drop=True)


def ratings_title(aspects: pd.DataFrame, pol=None, shown: pd.DataFrame | None = None) -> str:
    """Title of the ratings chart: the finding, with the lowest-rated aspect and its share.

    Whether most ratings were good or excellent is worked out from the ratings (good and
    excellent over all ratings given), never assumed.

    ``aspects`` is :func:`aspect_ratings` (lowest share of good or excellent first). Under a
    public policy the title states only what the published rows show: ``shown`` is the table
    as the public chart shows it (``page.protect(aspects)``, "[c]" where hidden). The overall
    finding is worked out from the aspects whose share is published, and says so when some
    are hidden ("... for the 2 aspects whose share is shown"); it names the lowest of the
    shares shown, as such. When every share is hidden it states no finding
    (:data:`NO_SHARE_SHOWN`; reader12: "Most ratings were good or excellent" over a chart of
    [c]). Without ``shown``, the share is left out when it would reveal a small group: the
    number rating the aspect good or excellent, or the rest of those answering, between 1
    and the threshold - 1.
    """
    share = SHARE
    if pol is not None and pol.public and shown is not None:
        published = shares_shown(shown)
        if not published:
            return NO_SHARE_SHOWN
        rows = aspects.iloc[published]
        overall = _overall(
            float((rows["Excellent"] + rows["Good"]).sum()), float(rows["Answered"].sum())
        )
        row = aspects.iloc[published[0]]
        if len(published) == 1 < len(aspects):  # one share shown: said once, with its aspect
            name = row["Aspect of employment"].lower()
            return f"{overall} for {name}, the one aspect whose share is shown ({row[share]:.1f}%)"
        if len(published) < len(aspects):
            overall += f" for the {len(published)} aspects whose share is shown"
        what = "had the lowest share" if published[0] == 0 else "had the lowest share shown"
        return f"{overall}; {row['Aspect of employment'].lower()} {what} ({row[share]:.1f}%)"
    overall = _overall(
        float((aspects["Excellent"] + aspects["Good"]).sum()), float(aspects["Answered"].sum())
    )
    worst = aspects.iloc[0]
    title = f"{overall}; {worst['Aspect of employment'].lower()} had the lowest share"
    good = int(worst["Excellent"] + worst["Good"])
    answered = int(worst["Answered"])
    hidden = (
        pol is not None
        and pol.public
        and (0 < good < pol.threshold or 0 < answered - good < pol.threshold)
    )
    return title if hidden else f"{title} ({worst[share]:.1f}%)"
